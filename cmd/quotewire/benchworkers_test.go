package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestBenchWorkers runs bench-workers with 1 and 2 worker processes on a
// small corpus, for real (PostgreSQL and NATS), and checks its report:
// every article stored in each run, and costs that add up.
func TestBenchWorkers(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: builds the binary and ingests 80 articles twice")
	}
	nats, _ := testNATS(t)
	pg := postgresURL(t, "the PostgreSQL store tests")
	bin := filepath.Join(t.TempDir(), "quotewire")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "bench-workers", "--format", "json", "--workers", "1,2", "--editions", "2", "--split-mb", "0.05",
		"--db", pg, "--nats", nats, "../../testdata/speakers/wikinews-dev.jsonl")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("bench-workers: %v\n%s", err, stderr.String())
	}
	var rows []workerBench
	if err := json.Unmarshal(out, &rows); err != nil {
		t.Fatalf("bench-workers --json: %v\n%s", err, out)
	}
	if len(rows) != 2 || rows[0].Workers != 1 || rows[1].Workers != 2 {
		t.Fatalf("rows %+v, want runs with 1 and 2 workers", rows)
	}
	for _, r := range rows {
		if r.Articles != 80 || r.PerSec <= 0 || r.WorkerCPUms <= 0 || r.NamesLockMs <= 0 || r.ClusterLockMs <= 0 || r.ParallelMs <= 0 || r.Speedup <= 0 {
			t.Errorf("run %+v: want 80 articles (40, twice) and positive rate and costs", r)
		}
		if r.NamesLockMs+r.ClusterLockMs+r.ParallelMs > 1000*r.Seconds*float64(r.Workers)/float64(r.Articles)+1e-9 {
			t.Errorf("run %+v: the writes' time per article exceeds the workers' wall time per article", r)
		}
	}
	if !strings.Contains(stderr.String(), "80 articles (2 editions") {
		t.Errorf("stderr does not say what it stores:\n%s", stderr.String())
	}
}

// TestWriteEditions checks the benchmark's corpus: every article of the
// sources (here a CSV file and a text file) in each edition under its own
// URL, with its title and date; and a broken record stops it with its
// file and line named.
func TestWriteEditions(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "corpus.jsonl")
	n, err := writeEditions(out, []string{"../../testdata/wikinews", "../../testdata/seed"}, 2)
	if err != nil {
		t.Fatal(err)
	}
	if n != 2*296 {
		t.Errorf("wrote %d articles, want %d (296, twice)", n, 2*296)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	urls := map[string]bool{}
	dated := 0
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var e edition
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		if e.Text == "" || !strings.HasSuffix(e.Text, "Edition 0.") && !strings.HasSuffix(e.Text, "Edition 1.") {
			t.Errorf("text without its edition line: %.80q", e.Text)
		}
		if e.Date != "" {
			dated++
		}
		urls[e.URL] = true
	}
	if len(urls) != n || dated == 0 {
		t.Errorf("%d distinct URLs for %d articles, %d with a date", len(urls), n, dated)
	}

	bad := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(bad, []byte("{\"text\":\"fine\"}\n{broken\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := writeEditions(filepath.Join(dir, "x.jsonl"), []string{bad}, 1); err == nil || !strings.Contains(err.Error(), "bad.jsonl line 2") {
		t.Errorf("broken record: %v, want an error naming bad.jsonl line 2", err)
	}
	if _, err := writeEditions(filepath.Join(dir, "y.jsonl"), []string{filepath.Join(dir, "missing")}, 1); err == nil {
		t.Error("a missing source is not an error")
	}
}
