package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/quotewire/quotewire"
)

// robotsMemory is a RobotsStore in memory, as a store keeps robots.txt
// between processes.
type robotsMemory struct {
	mu    sync.Mutex
	kept  map[string]quotewire.Robots
	saves int
	fail  bool
}

func (m *robotsMemory) Robots(_ context.Context, host string) (quotewire.Robots, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail {
		return quotewire.Robots{}, errors.New("store down")
	}
	r, ok := m.kept[host]
	if !ok {
		return quotewire.Robots{Host: host}, nil
	}
	return r, nil
}

func (m *robotsMemory) SaveRobots(_ context.Context, r quotewire.Robots) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail {
		return errors.New("store down")
	}
	if m.kept == nil {
		m.kept = map[string]quotewire.Robots{}
	}
	m.kept[r.Host] = r
	m.saves++
	return nil
}

// TestRobotsKeptBetweenProcesses: a Fetcher that starts after another
// fetched a host's robots.txt less than RobotsTTL ago obeys the kept one
// (its rules and Crawl-delay) without asking; once it is older, or when
// the last answer was a 5xx, the host is asked again; a store that fails
// costs a request, not the fetch.
func TestRobotsKeptBetweenProcesses(t *testing.T) {
	var robotsAsked atomic.Int32
	var status atomic.Int32
	status.Store(200)
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		robotsAsked.Add(1)
		if c := int(status.Load()); c != 200 {
			http.Error(w, "down", c)
			return
		}
		fmt.Fprint(w, "User-agent: quotewire\nDisallow: /private/\nCrawl-delay: 0.2\n")
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "ok") })
	s := httptest.NewServer(mux)
	defer s.Close()
	ctx := context.Background()
	store := &robotsMemory{}
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	process := func() *Fetcher {
		o := fast()
		o.Robots, o.Now = store, func() time.Time { return now }
		return New(o)
	}

	if _, err := process().Get(ctx, Request{URL: s.URL + "/a"}); err != nil {
		t.Fatal(err)
	}
	host := strings.ToLower(s.URL)
	if robotsAsked.Load() != 1 || store.saves != 1 || store.kept[host].Status != 200 || !store.kept[host].Fetched.Equal(now) {
		t.Fatalf("first process: robots.txt asked %d times, kept %+v", robotsAsked.Load(), store.kept)
	}

	// an hour later, a new process: the kept rules, no request for them
	now = now.Add(time.Hour)
	f := process()
	if _, err := f.Get(ctx, Request{URL: s.URL + "/private/x"}); !errors.Is(err, ErrRobots) {
		t.Errorf("a path the kept robots.txt disallows: %v", err)
	}
	start := time.Now()
	for _, p := range []string{"/b", "/c"} {
		if _, err := f.Get(ctx, Request{URL: s.URL + p}); err != nil {
			t.Fatal(err)
		}
	}
	if d := time.Since(start); d < 200*time.Millisecond {
		t.Errorf("two requests %v apart: the kept Crawl-delay (0.2 s) was not obeyed", d)
	}
	if n := robotsAsked.Load(); n != 1 {
		t.Errorf("robots.txt asked %d times, want once in all", n)
	}

	// past RobotsTTL: asked again, and kept again
	now = now.Add(RobotsTTL)
	if _, err := process().Get(ctx, Request{URL: s.URL + "/d"}); err != nil {
		t.Fatal(err)
	}
	if n := robotsAsked.Load(); n != 2 || !store.kept[host].Fetched.Equal(now) {
		t.Errorf("a stale robots.txt: asked %d times in all (want 2), kept %+v", n, store.kept[host])
	}
	// the long-running process's copy is stale too, but another process
	// has just refreshed the store's: it reads that one
	if _, err := f.Get(ctx, Request{URL: s.URL + "/d2"}); err != nil {
		t.Fatal(err)
	}
	if n := robotsAsked.Load(); n != 2 {
		t.Errorf("a process whose copy went stale asked again (%d in all, want 2) though the store had a fresh one", n)
	}

	// a 5xx is not kept: the next process asks again
	now = now.Add(RobotsTTL)
	status.Store(503)
	if _, err := process().Get(ctx, Request{URL: s.URL + "/e"}); !errors.Is(err, ErrRobots) {
		t.Errorf("robots.txt answering 503: %v, want a refusal", err)
	}
	status.Store(200)
	if _, err := process().Get(ctx, Request{URL: s.URL + "/f"}); err != nil {
		t.Errorf("after the 503: %v", err)
	}
	if n := robotsAsked.Load(); n != 4 {
		t.Errorf("robots.txt asked %d times in all, want 4", n)
	}

	// a store that fails: the host is asked, the page fetched
	store.fail = true
	now = now.Add(RobotsTTL)
	if _, err := process().Get(ctx, Request{URL: s.URL + "/g"}); err != nil {
		t.Errorf("with the store down: %v", err)
	}
	if n := robotsAsked.Load(); n != 5 {
		t.Errorf("robots.txt asked %d times in all, want 5", n)
	}
}

// TestRobotsBodyCapped: a robots.txt over MaxRobotsBytes is read up to
// it and kept so.
func TestRobotsBodyCapped(t *testing.T) {
	big := "User-agent: quotewire\nDisallow: /private/\n" + strings.Repeat("# padding\n", quotewire.MaxRobotsBytes/10+100) + "Disallow: /late/\n"
	s := server(t, big, map[string]http.HandlerFunc{"/": func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "ok") }})
	store := &robotsMemory{}
	o := fast()
	o.Robots = store
	f := New(o)
	ctx := context.Background()
	if _, err := f.Get(ctx, Request{URL: s.URL + "/private/1"}); !errors.Is(err, ErrRobots) {
		t.Errorf("a rule within the cap: %v", err)
	}
	if _, err := f.Get(ctx, Request{URL: s.URL + "/late/1"}); err != nil {
		t.Errorf("a rule past the cap applied: %v", err)
	}
	if r := store.kept[strings.ToLower(s.URL)]; len(r.Body) != quotewire.MaxRobotsBytes {
		t.Errorf("kept %d bytes, want %d", len(r.Body), quotewire.MaxRobotsBytes)
	}
}
