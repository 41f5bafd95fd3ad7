package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/quotewire/quotewire/internal/benchstore"
)

// TestBenchStoreIngestOnly runs bench-store's first phase alone, as make
// bench does, and checks the flags that do not go with it.
func TestBenchStoreIngestOnly(t *testing.T) {
	code, out, stderr := run(t, "", "bench-store", "--ingest-only", "--rounds", "2", "--format", "json", seedFile)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var res benchstore.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, out)
	}
	if res.Sources != 1 || res.Rounds != 2 || len(res.IngestRatios) != 2 || res.IngestRatio <= 0 || res.Articles != 0 || res.Queries != 0 {
		t.Errorf("result %+v", res)
	}
	code, out, stderr = run(t, "", "bench-store", "--ingest-only", "--rounds", "1", seedFile)
	if code != 0 || !strings.Contains(out, "ingest / extraction alone") || strings.Contains(out, "query") {
		t.Errorf("table: exit %d\n%s%s", code, out, stderr)
	}
	if code, _, stderr := run(t, "", "bench-store", "--ingest-only", "--search-only", "--db", "x.db"); code != 2 || !strings.Contains(stderr, "give one") {
		t.Errorf("--ingest-only --search-only: exit %d, %s", code, stderr)
	}
	if code, _, stderr := run(t, "", "bench-store", "--ingest-only", "--db", "x.db", seedFile); code != 2 || !strings.Contains(stderr, "no SQLite --db") {
		t.Errorf("--ingest-only --db: exit %d, %s", code, stderr)
	}
}

// TestBenchStoreIngestOnlyPostgres runs the first phase into PostgreSQL:
// each round into a schema of its own, none left after.
func TestBenchStoreIngestOnlyPostgres(t *testing.T) {
	url := postgresURL(t, "bench-store --ingest-only into PostgreSQL")
	schemas := func() int { return countSchemas(t, url, "qw_ingest_%") }
	before := schemas()
	code, out, stderr := run(t, "", "bench-store", "--ingest-only", "--rounds", "2", "--db", url, seedFile)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "ingest into PostgreSQL (extraction + store)") || !strings.Contains(out, "ingest / extraction alone") {
		t.Errorf("table:\n%s", out)
	}
	if after := schemas(); after != before {
		t.Errorf("%d schemas qw_ingest_* before, %d after: the rounds' schemas were not dropped", before, after)
	}
}

// TestBenchStorePostgres builds and searches a small store in PostgreSQL:
// without --keep in a schema of its own, dropped after.
func TestBenchStorePostgres(t *testing.T) {
	url := postgresURL(t, "bench-store into PostgreSQL")
	schemas := func() int { return countSchemas(t, url, "qw_bench_%") }
	before := schemas()
	code, out, stderr := run(t, "", "bench-store", "--rounds", "1", "--articles", "40", "--queries", "20", "--format", "json", "--db", url, seedFile)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var res benchstore.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if res.Articles != 40 || len(res.Latency) == 0 {
		t.Errorf("articles %d, %d kinds of query timed:\n%s", res.Articles, len(res.Latency), out)
	}
	if after := schemas(); after != before {
		t.Errorf("%d schemas qw_bench_* before, %d after: the store's schema was not dropped", before, after)
	}
}

// countSchemas counts the schemas of the database at url whose names
// are LIKE pattern.
func countSchemas(t *testing.T, url, pattern string) int {
	t.Helper()
	var n int
	pgScan(t, url, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE $1", []any{pattern}, &n)
	return n
}
