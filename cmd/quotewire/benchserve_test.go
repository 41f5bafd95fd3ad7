package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quotewire/quotewire/internal/benchserve"
	"github.com/quotewire/quotewire/server"
	"github.com/quotewire/quotewire/store/postgres"
	"github.com/quotewire/quotewire/store/sqlite"
)

// TestBenchServe runs bench-serve on a small store: 8 clients for a
// second, every request answered, then readers beside an ingest into the
// same store.
func TestBenchServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "news.db")
	if code, _, stderr := run(t, "", "ingest", "--db", db, "--progress", "off", "../../"+shippedCorpus); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}
	code, out, stderr := run(t, "", "bench-serve", "--db", db, "--clients", "8", "--duration", "1s", "--urls", "150", "--format", "json")
	if code != 0 {
		t.Fatalf("bench-serve: exit %d: %s", code, stderr)
	}
	var res benchserve.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if res.URLs != 150 || len(res.Runs) != 1 {
		t.Fatalf("%d URLs, %d runs:\n%s", res.URLs, len(res.Runs), out)
	}
	r := res.Runs[0]
	if r.Clients != 8 || r.Requests < 50 || len(r.Errors) != 0 || r.P99 <= 0 || len(r.ByKind) < 8 {
		t.Errorf("8 clients for 1s: %d requests, errors %v, p99 %.1f ms, %d kinds", r.Requests, r.Errors, r.P99, len(r.ByKind))
	}
	if r.PeakRSSBytes == 0 || r.CPUPerRequestMs == 0 {
		t.Logf("no memory or CPU figures here (not Linux?): %d bytes, %.1f ms", r.PeakRSSBytes, r.CPUPerRequestMs)
	}

	// readers beside a writer: 'quotewire ingest --background' in a
	// process of its own (this test binary, as the command line). Each
	// round of the ingest is a new process that loads the models and runs
	// at the lowest CPU priority: on a machine busy with the other
	// packages' tests a round took over 2 s, and a run of 2 s stored
	// nothing; 5 s leaves room for it.
	t.Setenv(asCLI, "1")
	code, out, stderr = run(t, "", "bench-serve", "--db", db, "--clients", "2", "--duration", "5s", "--urls", "60", "--ingest", seedFile, "--format", "json")
	if code != 0 {
		t.Fatalf("bench-serve --ingest: exit %d: %s", code, stderr)
	}
	res = benchserve.Result{}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if r := res.Runs[0]; r.Background < 1 || r.BackgroundError != "" || len(r.Errors) != 0 {
		t.Errorf("bench-serve --ingest: %d articles ingested (error %q), readers' errors %v", r.Background, r.BackgroundError, r.Errors)
	}
	code, out, stderr = run(t, "", "bench-serve", "--db", db, "--clients", "1", "--duration", "3s", "--urls", "30", "--ingest", seedFile, "--ingest-foreground")
	if code != 0 || !strings.Contains(out, "ingest/s") || !strings.Contains(out, "none") {
		t.Errorf("bench-serve --ingest --ingest-foreground: exit %d\n%s%s", code, out, stderr)
	}

	code, out, _ = run(t, "", "bench-serve", "--db", db, "--urls", "40", "--list-urls")
	if lines := strings.Split(strings.TrimSpace(out), "\n"); code != 0 || len(lines) != 40 || !strings.Contains(out, "ui-speaker\t/speakers/") {
		t.Errorf("--list-urls: exit %d, %d lines:\n%s", code, len(lines), out)
	}

	for _, args := range [][]string{
		{"--clients", "0"},
		{"--duration", "0s"},
		{"--url", "http://127.0.0.1:1", "--ingest", seedFile},
		{"--query-timeout", "-1s"},
	} {
		if code, _, stderr := run(t, "", append([]string{"bench-serve", "--db", db}, args...)...); code != exitUsage {
			t.Errorf("bench-serve %v: exit %d, want %d: %s", args, code, exitUsage, stderr)
		}
	}
	if code, _, stderr := run(t, "", "bench-serve", "--db", filepath.Join(t.TempDir(), "none.db")); code != exitFailed || !strings.Contains(stderr, "no store at") {
		t.Errorf("bench-serve on no store: exit %d: %s", code, stderr)
	}
}

// TestServePool checks how serve sizes the store's connection pool:
// --db-conns, else twice the readers and one for the writer; a
// PostgreSQL URL's pool_max_conns wins over the default, not over the
// flag.
func TestServePool(t *testing.T) {
	for _, tt := range []struct {
		o    readOpts
		want poolSize
	}{
		{readOpts{}, poolSize{n: 2*server.DefaultReaders() + 1}},
		{readOpts{readers: 3}, poolSize{n: 7}},
		{readOpts{readers: -1}, poolSize{}},
		{readOpts{readers: 3, dbConns: 20}, poolSize{n: 20, explicit: true}},
	} {
		var cfg server.Config
		if err := tt.o.apply(&cfg); err != nil {
			t.Fatal(err)
		}
		if got := tt.o.conns(cfg); got != tt.want {
			t.Errorf("%+v: pool %+v, want %+v", tt.o, got, tt.want)
		}
	}

	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "pool.db")
	s, err := openServeStore(ctx, db, false, poolSize{n: 7})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.(*sqlite.Store).DB().Stats().MaxOpenConnections; got != 7 {
		t.Errorf("SQLite: %d connections, want 7", got)
	}
	s.Close()

	pg := postgresDB(t)
	for _, tt := range []struct {
		url  string
		size poolSize
		want int32
	}{
		{pg, poolSize{n: 9}, 9},
		{pg + "&pool_max_conns=3", poolSize{n: 9}, 3},
		{pg + "&pool_max_conns=3", poolSize{n: 5, explicit: true}, 5},
	} {
		s, err := openServeStore(ctx, tt.url, false, tt.size)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.(*postgres.Store).Pool().Config().MaxConns; got != tt.want {
			t.Errorf("%s with %+v: %d connections, want %d", tt.url[strings.Index(tt.url, "?"):], tt.size, got, tt.want)
		}
		s.Close()
	}
}
