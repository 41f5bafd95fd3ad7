package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// postgresURL returns the test database's URL, $QUOTEWIRE_TEST_POSTGRES,
// or skips the test, saying how to run what (the test's work).
func postgresURL(t *testing.T, what string) string {
	t.Helper()
	url := os.Getenv("QUOTEWIRE_TEST_POSTGRES")
	if url == "" {
		t.Skip("set QUOTEWIRE_TEST_POSTGRES=postgres://... to run " + what)
	}
	return url
}

// postgresDB returns a postgres:// URL whose tables live in a new schema,
// dropped after the test; it skips the test when QUOTEWIRE_TEST_POSTGRES
// does not name a test database.
func postgresDB(t *testing.T) string {
	t.Helper()
	url := postgresURL(t, "the PostgreSQL store tests")
	b := make([]byte, 6)
	rand.Read(b)
	schema := "qw_test_" + hex.EncodeToString(b)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(ctx, url)
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Error(err)
		}
	})
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	return url + sep + "search_path=" + schema
}

// TestArchiveOnPostgres runs ingest, stats, search, export and reanalyze
// with --db naming a PostgreSQL database, and checks they answer as on
// SQLite.
func TestArchiveOnPostgres(t *testing.T) {
	pg := postgresDB(t)
	dir := t.TempDir()
	lite := filepath.Join(dir, "s.db")
	for _, db := range []string{lite, pg} {
		code, _, stderr := run(t, "", "ingest", "--db", db, "--progress", "off", "--error-log", filepath.Join(dir, "errors.jsonl"), "../../testdata/seed")
		if code != 0 {
			t.Fatalf("ingest --db %s: exit %d: %s", storeName(db), code, stderr)
		}
	}
	// same runs a command on both stores and checks that they print the
	// same, but for what the backends may differ in: ids (SQLite reuses
	// those of deleted rows), scores (BM25 against ts_rank_cd) and so the
	// order of hits with text
	same := func(args ...string) string {
		t.Helper()
		var outs [2]string
		for i, db := range []string{lite, pg} {
			code, out, stderr := run(t, "", append(args, "--db", db)...)
			if code != 0 {
				t.Fatalf("%s --db %s: exit %d: %s", args[0], storeName(db), code, stderr)
			}
			outs[i] = comparable(t, out)
		}
		if outs[0] != outs[1] {
			t.Errorf("%q differs:\nSQLite:\n%s\nPostgreSQL:\n%s", args, outs[0], outs[1])
		}
		return outs[1]
	}
	// a store that grew by a hundredth or more is vacuumed and analysed
	// after the ingest
	if last := lastMaintained(t, pg, "last_analyze"); last == "" {
		t.Error("quotes not analysed after an ingest that made the store")
	}
	if last := lastMaintained(t, pg, "last_vacuum"); last == "" {
		t.Error("quotes not vacuumed after an ingest that made the store")
	}
	var st struct{ Articles, Quotes int }
	if err := json.Unmarshal([]byte(same("stats", "--format", "json")), &st); err != nil || st.Articles != 1 || st.Quotes == 0 {
		t.Errorf("stats = %+v, %v", st, err)
	}
	same("search", "--speaker", "Lavrov", "--format", "csv")
	if out := same("search", "Syria", "--format", "jsonl"); out == "" {
		t.Error("no quote about Syria")
	}
	same("export")
	code, _, stderr := run(t, "", "search", "--db", pg, `"unclosed`)
	if code != 2 || !strings.Contains(stderr, "not closed") {
		t.Errorf("bad query: exit %d: %s", code, stderr)
	}
	for _, db := range []string{lite, pg} {
		if code, _, stderr := run(t, "", "reanalyze", "--db", db, "--rules-only"); code != 0 {
			t.Fatalf("reanalyze --db %s: exit %d: %s", storeName(db), code, stderr)
		}
	}
	same("export")
}

// comparable returns JSON Lines output without ids and scores, its lines
// sorted; other output as it is.
func comparable(t *testing.T, out string) string {
	lines := strings.Split(strings.TrimSpace(out), "\n")
	for i, l := range lines {
		var v map[string]any
		if json.Unmarshal([]byte(l), &v) != nil {
			return out
		}
		delete(v, "id")
		delete(v, "quotation_id")
		delete(v, "score")
		if occ, ok := v["occurrences"].([]any); ok {
			for _, o := range occ {
				delete(o.(map[string]any), "quote_id")
			}
		}
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		lines[i] = string(b)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func TestStoreName(t *testing.T) {
	if got := storeName("postgresql://qw:s3cret@db/news"); strings.Contains(got, "s3cret") || !strings.Contains(got, "db/news") {
		t.Errorf("storeName = %q", got)
	}
	if got := storeName("news.db"); got != "news.db" {
		t.Errorf("storeName of a file = %q", got)
	}
	if errLogFor("postgres://db/news") != "quotewire.errors.jsonl" || errLogFor("news.db") != "news.db.errors.jsonl" {
		t.Error("errLogFor")
	}
}

// lastMaintained returns when the quotes table of the store at url (its
// search_path) was last analysed or vacuumed by hand (column
// last_analyze or last_vacuum of pg_stat_user_tables), "" for never.
func lastMaintained(t *testing.T, url, column string) string {
	t.Helper()
	var last string
	pgScan(t, url, `SELECT COALESCE(`+column+`::text, '') FROM pg_stat_user_tables
		WHERE relname = 'quotes' AND schemaname = current_schema()`, nil, &last)
	return last
}

// pgScan runs query with args on a connection of its own to the
// database at url and scans its one row into dest.
func pgScan(t *testing.T, url, query string, args []any, dest ...any) {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if err := conn.QueryRow(context.Background(), query, args...).Scan(dest...); err != nil {
		t.Fatal(err)
	}
}
