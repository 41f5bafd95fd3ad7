package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/storetest"
)

// testURLVar names the environment variable with the test database's
// address; the tests that need a database skip without it.
const testURLVar = "QUOTEWIRE_TEST_POSTGRES"

// testURL returns the test database's address, or skips the test.
func testURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(testURLVar)
	if u == "" {
		t.Skip("set " + testURLVar + "=postgres://... to run the PostgreSQL store tests (e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable)")
	}
	return u
}

// freshSchema creates an empty schema for one test and drops it (with
// everything in it) when the test ends; it returns its name.
func freshSchema(t testing.TB) string {
	t.Helper()
	url := testURL(t)
	b := make([]byte, 6)
	rand.Read(b)
	schema := "qw_test_" + hex.EncodeToString(b)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatalf("connect to %s: %v", Redact(url), err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(ctx, url)
		if err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	return schema
}

// openIn opens a store whose tables live in schema.
func openIn(t testing.TB, schema string) *Store {
	t.Helper()
	cfg, err := pgxpool.ParseConfig(testURL(t))
	if err != nil {
		t.Fatal(err)
	}
	cfg.ConnConfig.RuntimeParams["search_path"] = schema
	s, err := OpenConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// openFresh opens a store in a new schema; the schema is dropped after
// the test (after storetest closes the store).
func openFresh(t *testing.T) *Store {
	return openIn(t, freshSchema(t))
}

func TestStore(t *testing.T) {
	testURL(t)
	storetest.Run(t, func(t *testing.T) quotewire.Store { return openFresh(t) })
}

func TestOpenMigratesOnce(t *testing.T) {
	schema := freshSchema(t)
	// two processes starting at once on an empty schema
	var wg sync.WaitGroup
	stores := make([]*Store, 4)
	errs := make([]error, len(stores))
	for i := range stores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cfg, err := pgxpool.ParseConfig(testURL(t))
			if err != nil {
				errs[i] = err
				return
			}
			cfg.ConnConfig.RuntimeParams["search_path"] = schema
			stores[i], errs[i] = OpenConfig(context.Background(), cfg)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("store %d: %v", i, err)
		}
		defer stores[i].Close()
	}
	var version, rows int
	if err := stores[0].Pool().QueryRow(context.Background(), "SELECT MAX(version), COUNT(*) FROM quotewire_schema").Scan(&version, &rows); err != nil {
		t.Fatal(err)
	}
	if want := len(migrationNames(t)); version != want || rows != 1 {
		t.Errorf("schema version %d in %d rows, want %d in 1", version, rows, want)
	}
	// a store opened again finds the schema up to date
	again := openIn(t, schema)
	again.Close()
}

// TestUpgradeFromVersion1 opens a store made by a build that knew only
// migration 1 (foreign keys on the tables written in parallel): the
// upgrade drops those keys and the index of empty quotations, and the
// store takes articles as a new one does.
func TestUpgradeFromVersion1(t *testing.T) {
	ctx := context.Background()
	schema, pool := schemaAt(t, 1)
	foreignKeys := func() int {
		var n int
		if err := pool.QueryRow(ctx, `SELECT COUNT(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = $1::regnamespace
			AND conrelid::regclass::text IN ('quotes', 'article_entities', 'article_bands', 'entity_aliases', 'entity_roles')`, schema).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := foreignKeys(); n != 8 {
		t.Fatalf("version 1 has %d foreign keys on the tables written in bulk, want 8", n)
	}
	pool.Close()

	s := openIn(t, schema)
	defer s.Close()
	if _, err := s.Put(ctx, []quotewire.Record{record(1, "Sergey Lavrov")}); err != nil {
		t.Fatal(err)
	}
	pool = s.Pool()
	if n := foreignKeys(); n != 0 {
		t.Errorf("after the upgrade %d foreign keys remain on the tables written in bulk", n)
	}
	var idx int
	if err := pool.QueryRow(ctx, "SELECT COUNT(*) FROM pg_indexes WHERE schemaname = $1 AND indexname = 'quotations_unused'", schema).Scan(&idx); err != nil {
		t.Fatal(err)
	}
	if idx != 0 {
		t.Error("the index quotations_unused was not dropped")
	}
	if _, err := s.Put(ctx, []quotewire.Record{record(2, "Sergey Lavrov")}); err != nil {
		t.Fatal(err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 2 || st.Speakers != 1 {
		t.Errorf("stats after the upgrade %+v, want 2 articles by 1 speaker", st)
	}
	checkConsistent(t, s)
}

// record builds a record with one quote by each named person.
func record(i int, names ...string) quotewire.Record {
	var text strings.Builder
	a := &quotewire.Analysis{ID: fmt.Sprintf("r%d", i), URL: fmt.Sprintf("https://example.org/%d", i), Date: fmt.Sprintf("2020-01-%02d", 1+i%28),
		Quotes: []quotewire.QuoteOut{}, Entities: []quotewire.EntityOut{}, RepeatedSentences: []quotewire.RepeatedSentence{}}
	for j, n := range names {
		content := fmt.Sprintf("statement %d of article %d", j, i)
		fmt.Fprintf(&text, "%s said %s. ", n, content)
		start := text.Len() - len(content) - 2
		eid := fmt.Sprintf("e%d", j+1)
		a.Entities = append(a.Entities, quotewire.EntityOut{ID: eid, Name: n, Type: quotewire.Person, Roles: []string{"minister of things"}, Mentions: []quotewire.TextSpan{}})
		a.Quotes = append(a.Quotes, quotewire.QuoteOut{Type: quotewire.Indirect, Confidence: 0.9,
			Content: quotewire.ContentSpan{Start: start, End: start + len(content), Text: content},
			Speaker: &quotewire.SpeakerRef{ID: eid, Name: n}})
	}
	a.Text = text.String()
	return quotewire.Record{Key: quotewire.ArticleKey(a.URL, a.Text), Analysis: a, Outlet: "example.org"}
}

// TestConcurrentStores runs two stores (two pools, as two processes
// would) putting overlapping batches at once: every article is stored
// once, and every name resolves to one entity, however the batches
// interleave.
func TestConcurrentStores(t *testing.T) {
	schema := freshSchema(t)
	s1, s2 := openIn(t, schema), openIn(t, schema)
	defer s1.Close()
	defer s2.Close()
	people := []string{"Sergey Lavrov", "Maria Zakharova", "Antonio Guterres", "Angela Merkel", "Emmanuel Macron", "Boris Johnson",
		"Xi Jinping", "Narendra Modi", "Jacinda Ardern", "Justin Trudeau", "Olaf Scholz", "Pedro Sanchez"}
	var recs []quotewire.Record
	for i := range 120 {
		recs = append(recs, record(i, people[i%len(people)], people[(i*5+3)%len(people)]))
	}
	// each store puts every record, in batches of 10, in its own order:
	// every batch overlaps the other store's
	ctx := context.Background()
	var wg sync.WaitGroup
	added := make([]int, 2)
	errs := make(chan error, 2)
	for k, s := range []*Store{s1, s2} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			order := make([]quotewire.Record, len(recs))
			copy(order, recs)
			if k == 1 {
				for i, j := 0, len(order)-1; i < j; i, j = i+1, j-1 {
					order[i], order[j] = order[j], order[i]
				}
			}
			for len(order) > 0 {
				n := min(10, len(order))
				res, err := s.Put(ctx, order[:n])
				if err != nil {
					errs <- err
					return
				}
				added[k] += res.Added
				order = order[n:]
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if added[0]+added[1] != len(recs) {
		t.Errorf("added %d + %d, want %d in all", added[0], added[1], len(recs))
	}
	st, err := s1.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != len(recs) || st.Entities != len(people) || st.Speakers != len(people) || st.Quotes != 2*len(recs) {
		t.Errorf("stats = %+v, want %d articles, %d entities and speakers, %d quotes", st, len(recs), len(people), 2*len(recs))
	}
	var dupKeys, dupAliases int
	pool := s1.Pool()
	if err := pool.QueryRow(ctx, "SELECT COUNT(*) FROM (SELECT key FROM entities GROUP BY key HAVING COUNT(*) > 1) d").Scan(&dupKeys); err != nil {
		t.Fatal(err)
	}
	if err := pool.QueryRow(ctx, "SELECT COUNT(*) FROM (SELECT key FROM entity_aliases GROUP BY key HAVING COUNT(*) > 1) d").Scan(&dupAliases); err != nil {
		t.Fatal(err)
	}
	if dupKeys != 0 || dupAliases != 0 {
		t.Errorf("%d names stored as several entities, %d aliases on several entities", dupKeys, dupAliases)
	}
	sps, err := s2.Speakers(ctx, "", nil, 100)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, sp := range sps {
		total += sp.Quotes
	}
	if total != 2*len(recs) {
		t.Errorf("speakers' quote counts add up to %d, want %d", total, 2*len(recs))
	}
}

// TestTSQuery checks the rendering of parsed queries as tsquery text.
func TestTSQuery(t *testing.T) {
	tests := []struct{ q, want string }{
		{"sanctions", "'sanctions'"},
		{"Sanctions Syria", "('sanctions' & 'syria')"},
		{`"peace process"`, "('peace' <-> 'process')"},
		{`"peace proc"*`, "('peace' <-> 'proc':*)"},
		{"negotiat*", "'negotiat':*"},
		{"sanctions OR debate", "('sanctions' | 'debate')"},
		{"syria -sanctions", "('syria' & !'sanctions')"},
		{"syria NOT (peace OR war)", "('syria' & !('peace' | 'war'))"},
		{"U.S.", "('u' <-> 's')"},
		{"Stamenković", "'stamenković'"},
		{`'; DROP TABLE quotes; --x`, "(('drop' & 'table' & 'quotes') & !'x')"},
		{"text:syria", "('text' <-> 'syria')"},
	}
	for _, tt := range tests {
		n, err := quotewire.ParseQuery(tt.q)
		if err != nil {
			t.Fatalf("ParseQuery(%q): %v", tt.q, err)
		}
		if got := TSQuery(n); got != tt.want {
			t.Errorf("TSQuery(%q) = %s, want %s", tt.q, got, tt.want)
		}
	}
	// words ParseQuery never makes: split as quotes are, or, with no
	// letters at all, quoted with tsquery's escapes
	for word, want := range map[string]string{`it's\`: `'it s'`, `'\`: `'''\\'`} {
		n := &quotewire.QueryNode{Op: quotewire.QTerm, Words: []string{word}}
		if got := TSQuery(n); got != want {
			t.Errorf("TSQuery of the word %s = %s, want %s", word, got, want)
		}
	}
}

func TestWords(t *testing.T) {
	tests := []struct{ in, want string }{
		{"The U.S. said “no” — twice.", "the u s said no twice"},
		{"tass.com reported 3.5% growth", "tass com reported 3 5 growth"},
		{"al-Assad's ÉLAN", "al assad s élan"},
		{"  ", ""},
	}
	for _, tt := range tests {
		if got := Words(tt.in); got != tt.want {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSearchWordsLikeSQLite checks the cases where PostgreSQL's own text
// parser would split words otherwise than SQLite's FTS5: the store's
// splitting makes them match as they do on SQLite.
func TestSearchWordsLikeSQLite(t *testing.T) {
	s := openFresh(t)
	defer s.Close()
	ctx := context.Background()
	text := "Officials said the U.S. economy grew 3.5 percent, as tass.com and al-Assad's office reported."
	content := "the U.S. economy grew 3.5 percent, as tass.com and al-Assad's office reported"
	start := strings.Index(text, content)
	a := &quotewire.Analysis{ID: "w", URL: "https://x.org/w", Date: "2021-03-04", Text: text,
		Quotes: []quotewire.QuoteOut{{Type: quotewire.Indirect, Confidence: 0.7,
			Content: quotewire.ContentSpan{Start: start, End: start + len(content), Text: content}}},
		Entities: []quotewire.EntityOut{}, RepeatedSentences: []quotewire.RepeatedSentence{}}
	if _, err := s.Put(ctx, []quotewire.Record{{Key: "w", Analysis: a, Outlet: "x.org"}}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"U.S.", `"u s economy"`, "tass", "tass.com", "3.5", "Assad", "al-Assad", "ECONOMY", "econ*", `"3 5 perc"*`} {
		hits, err := s.Search(ctx, quotewire.Query{Text: q})
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		if len(hits) != 1 {
			t.Errorf("search %q: %d hits, want 1", q, len(hits))
		}
	}
}

// TestUnaccent checks that accents are folded when the unaccent extension
// is installed (and is skipped when the database does not have it).
func TestUnaccent(t *testing.T) {
	s := openFresh(t)
	defer s.Close()
	ctx := context.Background()
	var folded string
	if err := s.Pool().QueryRow(ctx, "SELECT to_tsvector('quotewire', 'Stamenković')::text").Scan(&folded); err != nil {
		t.Fatal(err)
	}
	if folded != "'stamenkovic':1" {
		t.Skipf("unaccent is not installed in this database (%s): accents are kept", folded)
	}
	text := "Dragan Stamenković said the café would reopen."
	content := "Stamenković said the café would reopen"
	a := &quotewire.Analysis{ID: "u", URL: "https://x.org/u", Date: "2021-03-04", Text: text,
		Quotes: []quotewire.QuoteOut{{Type: quotewire.Indirect, Confidence: 0.7,
			Content: quotewire.ContentSpan{Start: 7, End: 7 + len(content), Text: content}}},
		Entities: []quotewire.EntityOut{}, RepeatedSentences: []quotewire.RepeatedSentence{}}
	if _, err := s.Put(ctx, []quotewire.Record{{Key: "u", Analysis: a}}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"stamenkovic", "Stamenković", "cafe", "CAFÉ", "caf*"} {
		hits, err := s.Search(ctx, quotewire.Query{Text: q})
		if err != nil || len(hits) != 1 {
			t.Errorf("search %q: %d hits, %v; want 1", q, len(hits), err)
		}
	}
}

func TestRedact(t *testing.T) {
	if got := Redact("postgres://qw:s3cret@db:5432/news?sslmode=disable"); strings.Contains(got, "s3cret") || !strings.Contains(got, "db:5432/news") {
		t.Errorf("Redact = %q", got)
	}
	if got := Redact("host=db password=s3cret"); strings.Contains(got, "s3cret") {
		t.Errorf("Redact of a key=value string = %q", got)
	}
}

// TestOddBytes stores an article whose key and metadata hold a NUL byte
// and invalid UTF-8 (a file name may be any bytes), which PostgreSQL's
// text columns refuse: the article is stored, found by the key given, and
// odd bytes in a filter find nothing rather than failing.
func TestOddBytes(t *testing.T) {
	s := openFresh(t)
	defer s.Close()
	ctx := context.Background()
	r := record(1, "Sergey Lavrov")
	r.Key = "odd\x00key\xff"
	r.Analysis.Title = "a title\x00 with a NUL"
	r.Origin.File = "dir/\xffname.txt"
	if res, err := s.Put(ctx, []quotewire.Record{r}); err != nil || res.Added != 1 {
		t.Fatalf("Put = %+v, %v", res, err)
	}
	has, err := s.Has(ctx, []string{r.Key, "other"})
	if err != nil || !has[r.Key] || has["other"] {
		t.Errorf("Has = %v, %v", has, err)
	}
	got, err := s.Article(ctx, r.Key)
	if err != nil || got.Analysis.Title != r.Analysis.Title || !strings.HasPrefix(got.Origin.File, "dir/") {
		t.Errorf("Article = %+v, %v", got, err)
	}
	if n, err := s.Replace(ctx, []quotewire.Record{r}); err != nil || n != 1 {
		t.Errorf("Replace = %d, %v", n, err)
	}
	for _, q := range []quotewire.Query{{Outlet: "\x00"}, {Outlet: "\xff"}, {Speaker: "\x00"}, {Entity: "\xff"}} {
		if hits, err := s.Search(ctx, q); err != nil || len(hits) != 0 {
			t.Errorf("Search(%q) = %d hits, %v", fmt.Sprintf("%+v", q), len(hits), err)
		}
	}
	if _, err := s.Article(ctx, "\x00"); !errors.Is(err, quotewire.ErrNotFound) {
		t.Errorf("Article of a NUL key: %v", err)
	}
}

// migrationNames lists the embedded migrations.
func migrationNames(t *testing.T) []string {
	t.Helper()
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil || len(names) == 0 {
		t.Fatalf("embedded migrations: %v, %v", names, err)
	}
	return names
}

// TestSessionDefaults checks that the store's connections run without
// parallel workers and compress with lz4 where the server's defaults
// stand, and that a setting the connection's options give is kept.
func TestSessionDefaults(t *testing.T) {
	schema := freshSchema(t)
	ctx := context.Background()
	show := func(s *Store, name string) string {
		t.Helper()
		var v string
		if err := s.pool.QueryRow(ctx, "SELECT current_setting($1)", name).Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	// the server's own choice, as a plain connection sees it
	conn, err := pgx.Connect(ctx, testURL(t))
	if err != nil {
		t.Fatal(err)
	}
	sources := map[string]string{}
	for _, name := range []string{"max_parallel_workers_per_gather", "random_page_cost"} {
		var source string
		if err := conn.QueryRow(ctx, "SELECT source FROM pg_settings WHERE name = $1", name).Scan(&source); err != nil {
			t.Fatal(err)
		}
		sources[name] = source
	}
	conn.Close(ctx)
	s := openIn(t, schema)
	defer s.Close()
	for name, want := range map[string]string{"max_parallel_workers_per_gather": "0", "random_page_cost": "1.1"} {
		got := show(s, name)
		switch {
		case sources[name] != "default":
			t.Logf("the test database sets %s itself (%s: %s): kept", name, sources[name], got)
		case got != want:
			t.Errorf("%s = %s, want %s", name, got, want)
		}
	}

	cfg, err := pgxpool.ParseConfig(testURL(t))
	if err != nil {
		t.Fatal(err)
	}
	cfg.ConnConfig.RuntimeParams["search_path"] = schema
	cfg.ConnConfig.RuntimeParams["max_parallel_workers_per_gather"] = "3"
	cfg.ConnConfig.RuntimeParams["random_page_cost"] = "4"
	s2, err := OpenConfig(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if got := show(s2, "max_parallel_workers_per_gather"); got != "3" {
		t.Errorf("with the option set to 3: max_parallel_workers_per_gather = %s", got)
	}
	if got := show(s2, "random_page_cost"); got != "4" {
		t.Errorf("with the option set to 4: random_page_cost = %s", got)
	}
}

// TestVacuumIfGrown checks that the store is vacuumed and its statistics
// updated after a load that grew it by a hundredth or more, and only
// then.
func TestVacuumIfGrown(t *testing.T) {
	s := openFresh(t)
	defer s.Close()
	ctx := context.Background()
	var recs []quotewire.Record
	for i := 0; i < 200; i++ {
		recs = append(recs, record(i, "Ann Lee"))
	}
	if _, err := s.Put(ctx, recs); err != nil {
		t.Fatal(err)
	}
	if did, err := s.VacuumIfGrown(ctx, 0); did || err != nil {
		t.Errorf("nothing added: vacuumed %v, %v", did, err)
	}
	if did, err := s.VacuumIfGrown(ctx, 200); !did || err != nil {
		t.Errorf("a store never analysed, 200 added: vacuumed %v, %v", did, err)
	}
	var vacuumed, analysed bool
	if err := s.pool.QueryRow(ctx, "SELECT last_vacuum IS NOT NULL, last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'quotes' AND schemaname = current_schema()").Scan(&vacuumed, &analysed); err != nil {
		t.Fatal(err)
	}
	if !vacuumed || !analysed {
		t.Errorf("quotes vacuumed %v, analysed %v", vacuumed, analysed)
	}
	if did, err := s.VacuumIfGrown(ctx, 1); did || err != nil {
		t.Errorf("1 added to 200 known: vacuumed %v, %v", did, err)
	}
	if did, err := s.VacuumIfGrown(ctx, 2); !did || err != nil {
		t.Errorf("2 added to 200 known: vacuumed %v, %v", did, err)
	}
}
