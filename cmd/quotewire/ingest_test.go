package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/sqlite"
)

// synthCorpus writes n distinct articles made from the founding article
// (its names and numbers varied) as JSON Lines.
func synthCorpus(t *testing.T, path string, n int) {
	t.Helper()
	seed, err := os.ReadFile(seedFile)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	names := []string{"Lavrov", "Ivanov", "Petrov", "Smirnov", "Volkov", "Kuznetsov", "Popov"}
	for i := 0; i < n; i++ {
		text := strings.ReplaceAll(string(seed), "Lavrov", names[i%len(names)])
		text = strings.ReplaceAll(text, "October 4", fmt.Sprintf("October %d", 1+i%28))
		text += fmt.Sprintf("\n\nThe meeting was number %d in the series.\n", i)
		rec := map[string]string{"id": fmt.Sprintf("a%05d", i), "url": fmt.Sprintf("https://news%d.example.com/story/%d", i%5, i),
			"date": fmt.Sprintf("2017-10-%02d", 1+i%28), "text": text}
		if err := enc.Encode(rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func storeStats(t *testing.T, db string) quotewire.Stats {
	t.Helper()
	s, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var ok string
	if err := s.DB().QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity check of %s: %q %v", db, ok, err)
	}
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestIngestKillResume kills an ingest with SIGKILL while it writes, then
// checks that the store is sound, that a second run finishes the job, and
// that the result equals an uninterrupted run: nothing lost, nothing twice.
func TestIngestKillResume(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: builds the binary and ingests 1,500 articles")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "quotewire")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	corpus := filepath.Join(dir, "corpus.jsonl")
	const n = 1500
	synthCorpus(t, corpus, n)

	killed := filepath.Join(dir, "killed.db")
	cmd := exec.Command(bin, "ingest", "--db", killed, "--batch", "20", corpus)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// kill once some batches are stored
	deadline := time.Now().Add(60 * time.Second)
	for {
		time.Sleep(50 * time.Millisecond)
		if fi, err := os.Stat(killed + "-wal"); err == nil && fi.Size() > 2<<20 || time.Now().After(deadline) {
			break
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	first := storeStats(t, killed)
	t.Logf("killed after %d of %d articles", first.Articles, n)
	if first.Articles == 0 || first.Articles >= n {
		t.Logf("the kill did not land mid-run (%d stored); the resume check still runs", first.Articles)
	}
	out, err := exec.Command(bin, "ingest", "--db", killed, corpus).CombinedOutput()
	if err != nil {
		t.Fatalf("resume: %v\n%s", err, out)
	}
	if want := fmt.Sprintf("%d added, %d already stored", n-first.Articles, first.Articles); !strings.Contains(string(out), want) {
		t.Errorf("resume said %q, want %q", out, want)
	}
	clean := filepath.Join(dir, "clean.db")
	if out, err := exec.Command(bin, "ingest", "--db", clean, corpus).CombinedOutput(); err != nil {
		t.Fatalf("clean run: %v\n%s", err, out)
	}
	got, want := storeStats(t, killed), storeStats(t, clean)
	if got != want {
		t.Errorf("killed and resumed: %+v\nuninterrupted:      %+v", got, want)
	}
	if got.Articles != n {
		t.Errorf("%d articles stored, want %d", got.Articles, n)
	}
}

// TestIngestBadInputs ingests a folder of damaged inputs: each problem is
// named with file and record, in the summary and the error log, the rest
// is stored, and the exit status is 1.
func TestIngestBadInputs(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o755)
	seed, err := os.ReadFile(seedFile)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"good.txt":           string(seed),
		"broken.csv":         "url,date,title,text\nhttps://x.org/1,2020-01-02,One,\"The mayor said the bridge would open in May.\"\nhttps://x.org/2,2020-01-03,Two,\"unterminated\n",
		"bad.jsonl":          "{\"id\":\"ok\",\"text\":\"The minister said talks would resume on Monday.\"}\n{not json}\n",
		"truncated.jsonl.gz": "\x1f\x8b\x08\x00\x00\x00\x00\x00",
		"feed.rss":           `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>A</title><link>https://f.org/a</link><pubDate>not a date</pubDate><description>The governor said the storm had passed.</description></item></channel></rss>`,
		"empty.html":         "",
		"invalid-utf8.txt":   "The minister said \xff\xfe talks were over.",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(in, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(dir, "bad.db")
	code, _, stderr := run(t, "", "ingest", "--db", db, in)
	if code != exitFailed {
		t.Errorf("exit %d, want %d; stderr:\n%s", code, exitFailed, stderr)
	}
	for _, want := range []string{"broken.csv line 3", "bad.jsonl line 2", "truncated.jsonl.gz", "invalid-utf8.txt", "problems"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("summary does not name %q:\n%s", want, stderr)
		}
	}
	log, err := os.ReadFile(db + ".errors.jsonl")
	if err != nil {
		t.Fatalf("no error log: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(log)), "\n")
	for _, l := range lines {
		var p problem
		if err := json.Unmarshal([]byte(l), &p); err != nil || p.File == "" || p.Message == "" {
			t.Errorf("error log line %q: %v", l, err)
		}
	}
	st := storeStats(t, db)
	if st.Articles < 4 {
		t.Errorf("stored %d articles, want the 4 readable ones (seed, csv row 1, jsonl line 1, feed item)", st.Articles)
	}
	// a second run adds nothing and says so
	code, _, stderr = run(t, "", "ingest", "--db", db, in)
	if code != exitFailed || !strings.Contains(stderr, "0 added") {
		t.Errorf("second run: exit %d, %s", code, stderr)
	}
	if again := storeStats(t, db); again != st {
		t.Errorf("second run changed the store: %+v -> %+v", st, again)
	}
}

// TestIngestWARCEdge runs the defective WARC files of a widely used WARC
// library's test suite through ingest: no panic, no hang, their readable
// pages stored, their defects named.
func TestIngestWARCEdge(t *testing.T) {
	edge := "../../../shared/data/warc-edge"
	if _, err := os.Stat(edge); err != nil {
		t.Skipf("skipping: %s not found (the shared data lives beside the project)", edge)
	}
	db := filepath.Join(t.TempDir(), "warc.db")
	done := make(chan struct{})
	var code int
	var stderr string
	go func() {
		code, _, stderr = run(t, "", "ingest", "--db", db, edge, filepath.Join(edge, "example-bad.warc.gz.bad"))
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Minute):
		t.Fatal("ingest of warc-edge hung")
	}
	if code != exitFailed || !strings.Contains(stderr, "example-trunc.warc record 3") || !strings.Contains(stderr, "example-wrong-chunks.warc.gz record 1") {
		t.Errorf("exit %d; stderr:\n%s", code, stderr)
	}
	if st := storeStats(t, db); st.Articles < 1 {
		t.Errorf("no page of warc-edge stored: %+v", st)
	}
}
