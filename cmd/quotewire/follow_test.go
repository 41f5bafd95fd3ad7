package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/sqlite"
)

// newsSite serves an RSS feed of n article pages on a local server, each
// page after delay, counting the requests for each page.
type newsSite struct {
	srv  *httptest.Server
	mu   sync.Mutex
	hits map[string]int
}

func newNewsSite(t *testing.T, n int, delay time.Duration) *newsSite {
	s := &newsSite{hits: map[string]int{}}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.mu.Unlock()
		switch {
		case r.URL.Path == "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
		case r.URL.Path == "/rss.xml":
			w.Header().Set("ETag", `"feed-1"`)
			if r.Header.Get("If-None-Match") == `"feed-1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Local News</title>`)
			for i := 0; i < n; i++ {
				fmt.Fprintf(w, "<item><title>Story %d</title><link>/news/%d</link><guid>g%d</guid><pubDate>Mon, 07 Dec 2026 08:00:00 GMT</pubDate></item>", i, i, i)
			}
			fmt.Fprint(w, "</channel></rss>")
		case strings.HasPrefix(r.URL.Path, "/news/"):
			time.Sleep(delay)
			id := strings.TrimPrefix(r.URL.Path, "/news/")
			fmt.Fprintf(w, `<html><head><title>Story %[1]s</title></head><body><article><h1>Story %[1]s</h1>
<p>The transport minister, Ola Nordmann, said on Monday that bridge number %[1]s would reopen within a month.</p>
<p>"The repairs on bridge %[1]s are going well," Nordmann told reporters. "We expect no more delays."</p>
<p>According to the minister, the cost of the work on bridge %[1]s stays within the budget.</p></article></body></html>`, id)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *newsSite) hit(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// killMidway runs quotewire with args as a process (the test binary as
// the command line) and kills it with SIGKILL once the site has served
// pages of its articles (at most 30 s later).
func killMidway(t *testing.T, site *newsSite, pages int, args ...string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), asCLI+"=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		site.mu.Lock()
		served := len(site.hits) - 2 // robots.txt and the feed
		site.mu.Unlock()
		if served >= pages {
			break
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
}

// storedURLs counts the stored articles by URL.
func storedURLs(t *testing.T, db string) map[string]int {
	t.Helper()
	s, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	out := map[string]int{}
	if err := s.Records(context.Background(), func(r *quotewire.Record) error {
		out[r.Analysis.URL]++
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestFollowOnceAndFeeds(t *testing.T) {
	site := newNewsSite(t, 3, 0)
	dir := t.TempDir()
	db := filepath.Join(dir, "news.db")
	list := filepath.Join(dir, "feeds.txt")
	os.WriteFile(list, []byte("# our feeds\n"+site.srv.URL+"/rss.xml  # local\n\n"), 0o644)

	code, _, stderr := run(t, "", "follow", "--once", "--db", db, "--delay", "1ms", "--allow-private", "--rules-only", "--feeds", list)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "pass 1") || !strings.Contains(stderr, "1 feed polled; 3 new pages: 3 stored") {
		t.Errorf("pass line: %s", stderr)
	}
	if got := storedURLs(t, db); len(got) != 3 || got[site.srv.URL+"/news/2"] != 1 {
		t.Errorf("stored %v", got)
	}

	code, _, stderr = run(t, "", "follow", "--once", "--db", db, "--delay", "1ms", "--allow-private", "--rules-only", site.srv.URL+"/rss.xml")
	if code != 0 || !strings.Contains(stderr, "1 unchanged") || site.hit("/rss.xml") != 2 {
		t.Errorf("second pass: exit %d, %s (feed asked %d times)", code, stderr, site.hit("/rss.xml"))
	}
	// the second run (a new process, as from cron) obeyed the robots.txt
	// the first kept in the store
	if n := site.hit("/robots.txt"); n != 1 {
		t.Errorf("robots.txt asked %d times by two runs, want once", n)
	}

	code, out, stderr := run(t, "", "feeds", "--db", db, "--format", "jsonl")
	if code != 0 {
		t.Fatalf("feeds: exit %d %s", code, stderr)
	}
	var row struct {
		URL    string `json:"url"`
		Health string `json:"health"`
		Kind   string `json:"kind"`
		Items  int    `json:"items"`
		Stored int    `json:"stored"`
		ETag   string `json:"etag"`
	}
	if err := json.Unmarshal([]byte(out), &row); err != nil {
		t.Fatalf("feeds jsonl %q: %v", out, err)
	}
	if row.URL != site.srv.URL+"/rss.xml" || row.Health != "ok" || row.Kind != "rss" || row.Items != 3 || row.Stored != 3 || row.ETag != `"feed-1"` {
		t.Errorf("feeds row %+v", row)
	}
	_, out, _ = run(t, "", "feeds", "--db", db)
	if !strings.Contains(out, "HEALTH") || !strings.Contains(out, "ok") {
		t.Errorf("feeds table:\n%s", out)
	}
}

// TestFollowOPML follows the feeds of a feed reader's OPML export.
func TestFollowOPML(t *testing.T) {
	site := newNewsSite(t, 2, 0)
	dir := t.TempDir()
	db := filepath.Join(dir, "news.db")
	list := filepath.Join(dir, "subscriptions.opml")
	os.WriteFile(list, []byte(`<?xml version="1.0" encoding="UTF-8"?><opml version="1.0"><head><title>Mine</title></head><body>
<outline text="News"><outline type="rss" text="Local" xmlUrl="`+site.srv.URL+`/rss.xml"/></outline></body></opml>`), 0o644)
	code, _, stderr := run(t, "", "follow", "--once", "--db", db, "--delay", "1ms", "--allow-private", "--rules-only", "--feeds", list)
	if code != 0 || !strings.Contains(stderr, "1 feed polled; 2 new pages: 2 stored") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	os.WriteFile(list, []byte(`<opml><body><outline xmlUrl="file:///etc/passwd"/></body></opml>`), 0o644)
	code, _, stderr = run(t, "", "follow", "--once", "--db", db, "--feeds", list)
	if code == 0 || !strings.Contains(stderr, list) || !strings.Contains(stderr, "not an http or https URL") {
		t.Errorf("an OPML list with a file URL: exit %d, %q", code, stderr)
	}
}

// TestFollowPassTime: a pass out of --pass-time says how many pages it
// left, and is no failure; the next pass fetches them.
func TestFollowPassTime(t *testing.T) {
	site := newNewsSite(t, 5, 0)
	db := filepath.Join(t.TempDir(), "news.db")
	args := []string{"follow", "--once", "--db", db, "--delay", "150ms", "--pass-time", "400ms", "--allow-private", "--rules-only", site.srv.URL + "/rss.xml"}
	code, _, stderr := run(t, "", args...)
	if code != 0 || !strings.Contains(stderr, "left for the next pass (out of --pass-time)") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for range 5 {
		if len(storedURLs(t, db)) == 5 {
			break
		}
		if code, _, stderr = run(t, "", args...); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
	}
	if got := storedURLs(t, db); len(got) != 5 {
		t.Errorf("stored %v after the next passes, want 5 pages", got)
	}
}

// TestFollowMovedFeed: a feed that moved permanently is read, and the
// pass says where to follow it.
func TestFollowMovedFeed(t *testing.T) {
	site := newNewsSite(t, 1, 0)
	old := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		http.Redirect(w, r, site.srv.URL+"/rss.xml", http.StatusPermanentRedirect)
	}))
	defer old.Close()
	db := filepath.Join(t.TempDir(), "news.db")
	code, _, stderr := run(t, "", "follow", "--once", "--db", db, "--delay", "1ms", "--allow-private", "--rules-only", old.URL+"/feed")
	if code != 0 || !strings.Contains(stderr, "moved: "+old.URL+"/feed answers from "+site.srv.URL+"/rss.xml") ||
		!strings.Contains(stderr, "quotewire feeds --remove "+old.URL+"/feed") || !strings.Contains(stderr, "1 stored") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

func TestFollowUsage(t *testing.T) {
	for _, args := range [][]string{
		{"follow", "--once"},
		{"follow", "--once", "ftp://example.org/feed"},
		{"feeds", "--format", "xml"},
	} {
		code, _, stderr := run(t, "", append(args, "--db", filepath.Join(t.TempDir(), "x.db"))...)
		if code != 2 || stderr == "" {
			t.Errorf("%v: exit %d, %q; want a usage error", args, code, stderr)
		}
	}
	code, _, stderr := run(t, "", "follow", "--once", "--db", filepath.Join(t.TempDir(), "x.db"), "--feeds", "/no/such/file")
	if code == 0 || !strings.Contains(stderr, "/no/such/file") {
		t.Errorf("missing --feeds file: exit %d, %q", code, stderr)
	}
}

func TestFollowFailingFeedExitStatus(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { http.Error(w, "no", http.StatusNotFound) }))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "x.db")
	code, _, stderr := run(t, "", "follow", "--once", "--delay", "1ms", "--allow-private", "--rules-only", "--db", db, srv.URL+"/feed")
	if code != 1 || !strings.Contains(stderr, "1 failed") || !strings.Contains(stderr, "HTTP 404") {
		t.Errorf("exit %d, %s", code, stderr)
	}
	_, out, _ := run(t, "", "feeds", "--db", db, "--format", "csv")
	if !strings.Contains(out, "failing") || !strings.Contains(out, "HTTP 404") {
		t.Errorf("feeds csv:\n%s", out)
	}
}

// TestFollowKillResume kills a follow pass with SIGKILL while it stores,
// then checks that a clean pass finishes the job: every page stored once,
// none fetched more than twice.
func TestFollowKillResume(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: runs quotewire follow as a process")
	}
	const n = 40
	site := newNewsSite(t, n, 40*time.Millisecond)
	db := filepath.Join(t.TempDir(), "killed.db")
	args := []string{"follow", "--once", "--db", db, "--delay", "1ms", "--allow-private", "--rules-only", "--progress", "off", site.srv.URL + "/rss.xml"}
	killMidway(t, site, n*2/3, args...)
	first := storedURLs(t, db)
	t.Logf("killed with %d of %d articles stored", len(first), n)

	code, _, stderr := run(t, "", args...)
	if code != 0 {
		t.Fatalf("clean pass: exit %d %s", code, stderr)
	}
	got := storedURLs(t, db)
	if len(got) != n {
		t.Errorf("%d articles stored after the clean pass, want %d", len(got), n)
	}
	for u, c := range got {
		if c != 1 {
			t.Errorf("%s stored %d times", u, c)
		}
	}
	for i := 0; i < n; i++ {
		if h := site.hit(fmt.Sprintf("/news/%d", i)); h < 1 || h > 2 {
			t.Errorf("page %d fetched %d times", i, h)
		}
	}
}

// TestFollowLoopMetrics runs follow without --once: it makes a pass,
// serves /metrics with the fetches and the articles of the pass, and
// stops when its context ends (as on SIGTERM).
func TestFollowLoopMetrics(t *testing.T) {
	site := newNewsSite(t, 2, 0)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	var stderr lockedBuffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		done <- m.Run(ctx, []string{"follow", "--db", filepath.Join(t.TempDir(), "x.db"), "--delay", "1ms", "--allow-private", "--rules-only",
			"--interval", "1h", "--metrics-addr", addr, site.srv.URL + "/rss.xml", site.srv.URL + "/private/feed"})
	}()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(stderr.String(), "pass 1") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		cancel()
		t.Fatalf("metrics: %v (stderr %s)", err, stderr.String())
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{`quotewire_fetch_responses_total{code="200"} 4`, `quotewire_fetch_robots_refusals_total 1`,
		`quotewire_fetch_errors_total{kind="robots"} 1`, `quotewire_worker_articles_total{result="stored"} 2`, "quotewire_fetch_bytes_total"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %q:\n%s", want, body)
		}
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("stopped with exit %d: %s", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("follow did not stop when its context ended")
	}
}

// TestFollowNATS: a follower with --nats only polls and queues the new
// pages; a worker fetches and stores them, reports a page that cannot be
// read and dead-letters one that keeps failing; the feed state in the
// store counts what the worker stored; a second pass queues nothing.
func TestFollowNATS(t *testing.T) {
	url, name := testNATS(t)
	site := newNewsSite(t, 3, 0)
	mux := http.NewServeMux()
	mux.HandleFunc("/rss.xml", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<rss version="2.0"><channel><title>Mixed</title>
<item><link>%[1]s/news/0</link></item><item><link>%[1]s/news/1</link></item><item><link>%[1]s/news/2</link></item>
<item><link>/missing</link></item><item><link>/down</link></item></channel></rss>`, site.srv.URL)
	})
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/down", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", http.StatusServiceUnavailable) })
	other := httptest.NewServer(mux)
	defer other.Close()
	db := filepath.Join(t.TempDir(), "n.db")
	feed := other.URL + "/rss.xml"

	code, _, stderr := run(t, "", "follow", "--once", "--db", db, "--nats", url, "--queue", name, "--delay", "1ms", "--allow-private", feed)
	if code != 0 || !strings.Contains(stderr, "5 new pages queued for workers") {
		t.Fatalf("follow --nats: exit %d: %s", code, stderr)
	}
	if site.hit("/news/0") != 0 {
		t.Error("the follower fetched a page itself")
	}
	code, _, stderr = run(t, "", "worker", "--nats", url, "--queue", name, "--db", db, "--delay", "1ms", "--allow-private", "--rules-only",
		"--max-deliver", "2", "--retry-delay", "50ms", "--ack-wait", "10s", "--exit-when-empty")
	if code != 0 {
		t.Fatalf("worker: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "/missing") || !strings.Contains(stderr, "404") {
		t.Errorf("worker did not report the missing page:\n%s", stderr)
	}
	if got := storedURLs(t, db); len(got) != 3 {
		t.Errorf("stored %v, want the three articles", got)
	}
	r := queueStatus(t, url, name)
	if r.Done != 4 || r.Failed != 1 || len(r.Dead) != 1 || r.Dead[0].Unit.URL != other.URL+"/down" || !strings.Contains(r.Dead[0].Reason, "503") {
		t.Errorf("queue %+v, dead %+v: want 4 done and /down dead after its deliveries", r, r.Dead)
	}
	_, out, _ := run(t, "", "feeds", "--db", db, "--format", "jsonl")
	var row struct {
		Items, Stored int
		Health        string
	}
	json.Unmarshal([]byte(out), &row)
	if row.Items != 5 || row.Stored != 3 || row.Health != "ok" {
		t.Errorf("feed %s, want 5 pages, 3 stored", out)
	}
	code, _, stderr = run(t, "", "follow", "--once", "--db", db, "--nats", url, "--queue", name, "--delay", "1ms", "--allow-private", feed)
	if code != 0 || !strings.Contains(stderr, "0 new pages") {
		t.Errorf("second pass: exit %d %s", code, stderr)
	}
}

// TestFollowPostgres: follow keeps its state in a PostgreSQL store as in
// SQLite: a second pass costs one 304 and fetches nothing again.
func TestFollowPostgres(t *testing.T) {
	db := postgresDB(t)
	site := newNewsSite(t, 2, 0)
	feed := site.srv.URL + "/rss.xml"
	for i, want := range []string{"2 new pages: 2 stored", "1 feed polled (1 unchanged)"} {
		code, _, stderr := run(t, "", "follow", "--once", "--db", db, "--delay", "1ms", "--allow-private", "--rules-only", feed)
		if code != 0 || !strings.Contains(stderr, want) {
			t.Errorf("pass %d: exit %d, %s; want %q", i+1, code, stderr, want)
		}
	}
	_, out, _ := run(t, "", "feeds", "--db", db, "--format", "csv")
	if !strings.Contains(out, feed+",rss,ok,2,2,") {
		t.Errorf("feeds:\n%s", out)
	}
	if site.hit("/news/0") != 1 {
		t.Errorf("page fetched %d times", site.hit("/news/0"))
	}
}

// TestFollowNATSKillWorker: a worker fetching page units is killed with
// SIGKILL mid-page; another worker resumes its units once the ack wait
// has passed (and the dead worker's turn at the host has expired), and
// every page is stored once.
func TestFollowNATSKillWorker(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: runs a worker as a process")
	}
	url, name := testNATS(t)
	const n = 12
	site := newNewsSite(t, n, 150*time.Millisecond)
	db := filepath.Join(t.TempDir(), "k.db")
	if code, _, stderr := run(t, "", "follow", "--once", "--db", db, "--nats", url, "--queue", name, "--allow-private", site.srv.URL+"/rss.xml"); code != 0 {
		t.Fatalf("follow: exit %d %s", code, stderr)
	}
	args := []string{"worker", "--nats", url, "--queue", name, "--db", db, "--delay", "1ms", "--allow-private", "--rules-only", "--ack-wait", "2s", "--exit-when-empty"}
	killMidway(t, site, n/2, args...)
	killed := time.Now()
	t.Logf("killed with %d of %d articles stored", len(storedURLs(t, db)), n)
	code, _, stderr := run(t, "", args...)
	if code != 0 {
		t.Fatalf("second worker: exit %d %s", code, stderr)
	}
	if d := time.Since(killed); d > 30*time.Second {
		t.Errorf("the units of the killed worker took %s to finish", d)
	}
	got := storedURLs(t, db)
	if len(got) != n {
		t.Errorf("%d of %d pages stored:\n%s", len(got), n, stderr)
	}
	for u, c := range got {
		if c != 1 {
			t.Errorf("%s stored %d times", u, c)
		}
	}
	if r := queueStatus(t, url, name); r.Done != n || r.Failed != 0 {
		t.Errorf("queue %+v", r)
	}
}

// TestFollowRefusesPrivateByDefault: without --allow-private a feed on a
// loopback address is not asked, and the error says what to do.
func TestFollowRefusesPrivateByDefault(t *testing.T) {
	site := newNewsSite(t, 1, 0)
	db := filepath.Join(t.TempDir(), "p.db")
	code, _, stderr := run(t, "", "follow", "--once", "--db", db, site.srv.URL+"/rss.xml")
	if code != 1 || !strings.Contains(stderr, "--allow-private") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	if len(site.hits) != 0 {
		t.Errorf("the loopback server was asked: %v", site.hits)
	}
}

func TestFeedsRemove(t *testing.T) {
	site := newNewsSite(t, 2, 0)
	db := filepath.Join(t.TempDir(), "r.db")
	feed := site.srv.URL + "/rss.xml"
	if code, _, stderr := run(t, "", "follow", "--once", "--db", db, "--delay", "1ms", "--allow-private", "--rules-only", feed); code != 0 {
		t.Fatalf("follow: %s", stderr)
	}
	code, _, stderr := run(t, "", "feeds", "--db", db, "--remove", feed, "https://not.followed/rss")
	if code != 1 || !strings.Contains(stderr, "stopped following 1 feed of the 2 given") || !strings.Contains(stderr, "1 of the URLs given were not followed") {
		t.Errorf("remove: exit %d %s", code, stderr)
	}
	if _, out, _ := run(t, "", "feeds", "--db", db); !strings.Contains(out, "no feeds followed yet") {
		t.Errorf("after removal:\n%s", out)
	}
	if code, _, _ := run(t, "", "feeds", "--db", db, "--remove"); code != 2 {
		t.Errorf("--remove without URLs: exit %d", code)
	}
	// followed again: its pages are not fetched again
	run(t, "", "follow", "--once", "--db", db, "--delay", "1ms", "--allow-private", "--rules-only", feed)
	if site.hit("/news/0") != 1 || site.hit("/rss.xml") != 2 {
		t.Errorf("following again fetched page 0 %d times, the feed %d", site.hit("/news/0"), site.hit("/rss.xml"))
	}
}

// TestProgressModes: the three commands with --progress take auto, on
// and off, and refuse anything else as a usage error.
func TestProgressModes(t *testing.T) {
	for _, args := range [][]string{
		{"ingest", "--db", filepath.Join(t.TempDir(), "x.db"), "--progress", "maybe", "../../testdata/seed/tass-2017-10-04-lavrov-krasnodar.txt"},
		{"follow", "--once", "--db", filepath.Join(t.TempDir(), "x.db"), "--progress", "maybe", "https://a.example/rss"},
		{"wikidata", "import", "--db", filepath.Join(t.TempDir(), "x.db"), "--progress", "maybe", "/dev/null"},
	} {
		code, _, stderr := run(t, "", args...)
		if code != 2 || !strings.Contains(stderr, `unknown --progress "maybe": use auto, on or off`) {
			t.Errorf("%v: exit %d, %q", args[:2], code, stderr)
		}
	}
	m := &Main{StderrIsTerminal: true}
	for mode, want := range map[string]bool{"auto": true, "on": true, "off": false} {
		if got, err := m.showProgress(mode); got != want || err != nil {
			t.Errorf("showProgress(%q) on a terminal = %v, %v; want %v", mode, got, err, want)
		}
	}
	if got, _ := (&Main{}).showProgress("auto"); got {
		t.Error("auto draws a bar when standard error is not a terminal")
	}
}
