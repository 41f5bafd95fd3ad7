package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/quotewire/quotewire"
)

// errInterrupted is what SQLite's driver may give for a query it
// interrupted, instead of the context's error.
var errInterrupted = errors.New("interrupted (9)")

// slowStore is a store whose searches, timelines and articles run until
// their context ends, then fail as an interrupted query does.
type slowStore struct{ Reader }

func (s slowStore) wait(ctx context.Context) error {
	<-ctx.Done()
	return fmt.Errorf("search: %w", errInterrupted)
}

func (s slowStore) Search(ctx context.Context, q quotewire.Query) ([]quotewire.Hit, error) {
	return nil, s.wait(ctx)
}

func (s slowStore) Timeline(ctx context.Context, q quotewire.Query, period string) ([]quotewire.Bucket, error) {
	return nil, s.wait(ctx)
}

func (s slowStore) Article(ctx context.Context, key string) (*quotewire.Record, error) {
	return nil, s.wait(ctx)
}

// TestQueryTimeout checks that a read that outlasts the time limit is
// cancelled and answered 503 with a message that says to narrow it, as
// JSON on the API and as a page on the web UI, while routes that do not
// read the store are not limited.
func TestQueryTimeout(t *testing.T) {
	st := newStore(t, corpus()...)
	hits, err := st.Search(context.Background(), quotewire.Query{Speaker: "Lavrov", Limit: 1})
	if err != nil || len(hits) == 0 {
		t.Fatalf("no quote of Lavrov: %v", err)
	}
	speaker, key := hits[0].SpeakerID, hits[0].ArticleKey
	h := New(Config{Store: slowStore{st}, Logger: quietLogger(), QueryTimeout: 20 * time.Millisecond})
	tests := []struct {
		name, path string
		api        bool
	}{
		{"API search", "/api/quotes?q=syria", true},
		{"API search with filters", "/api/quotes?q=syria&speaker=Lavrov&from=2017", true},
		{"API timeline", fmt.Sprintf("/api/speakers/%d/timeline?period=week", speaker), true},
		{"API article", "/api/articles/" + key, true},
		{"search page", "/?q=syria", false},
		{"speaker page", fmt.Sprintf("/speakers/%d", speaker), false},
		{"article page", "/articles/" + key, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			r := do(t, h, "GET", tt.path, "")
			if took := time.Since(start); took > 2*time.Second {
				t.Errorf("answered after %s with a 20ms limit", took)
			}
			if r.status != http.StatusServiceUnavailable {
				t.Fatalf("status %d, want 503: %s", r.status, r.body)
			}
			var msg string
			if tt.api {
				if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
					t.Errorf("Content-Type %q", ct)
				}
				msg = r.errorMessage(t)
			} else {
				if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
					t.Errorf("Content-Type %q", ct)
				}
				msg = string(r.body)
			}
			for _, want := range []string{"longer than 20ms", "date range", "speaker"} {
				if !strings.Contains(msg, want) {
					t.Errorf("the message does not say %q: %s", want, msg)
				}
			}
			if strings.Contains(msg, "interrupted") {
				t.Errorf("the store's error reached the reader: %s", msg)
			}
		})
	}
	// what does not read the store has no limit, and a read that ends in
	// time is answered as ever
	for _, path := range []string{"/healthz", "/openapi.json", "/api/stats", "/api/speakers?name=lavrov", "/"} {
		if r := do(t, h, "GET", path, ""); r.status != http.StatusOK {
			t.Errorf("GET %s: status %d: %s", path, r.status, r.body)
		}
	}
	// a negative limit means none: the same slow read is not cut short
	unlimited := New(Config{Store: slowStore{st}, Logger: quietLogger(), QueryTimeout: -1})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	req := httptest.NewRequestWithContext(ctx, "GET", "/api/quotes?q=syria", nil)
	rec := httptest.NewRecorder()
	start := time.Now()
	unlimited.ServeHTTP(rec, req)
	if time.Since(start) < 90*time.Millisecond || strings.Contains(rec.Body.String(), "longer than") {
		t.Errorf("no limit: answered after %s (the client gave up after 100ms): %d %s", time.Since(start), rec.Code, rec.Body.String())
	}
}

// gateStore is a store whose searches wait for a gate to open, ignoring
// their context (a store that does not heed cancellation), and record the
// order they started in.
type gateStore struct {
	Reader
	gate    chan struct{}
	entered chan string
}

func (g gateStore) Search(ctx context.Context, q quotewire.Query) ([]quotewire.Hit, error) {
	g.entered <- q.Text
	<-g.gate
	return []quotewire.Hit{}, nil
}

// TestReadersTakeTurns checks Config.Readers: with one reader at a time,
// requests that read wait their turn and are served in order of arrival,
// one that cannot get a turn within the time limit is answered 503 (busy,
// try again), and requests that do not read the store do not wait.
func TestReadersTakeTurns(t *testing.T) {
	st := newStore(t, corpus()...)
	g := gateStore{Reader: st, gate: make(chan struct{}), entered: make(chan string, 10)}
	s := New(Config{Store: g, Logger: quietLogger(), Readers: 1, QueryTimeout: 5 * time.Second})

	var wg sync.WaitGroup
	statuses := make([]int, 4)
	get := func(i int, q string) {
		defer wg.Done()
		statuses[i] = do(t, s, "GET", "/api/quotes?q="+q, "").status
	}
	wg.Add(1)
	go get(0, "first")
	if got := <-g.entered; got != "first" {
		t.Fatalf("the first search is %q", got)
	}
	// three more arrive one after the other and wait
	for i, q := range []string{"second", "third", "fourth"} {
		wg.Add(1)
		go get(i+1, q)
		deadline := time.Now().Add(5 * time.Second)
		for s.waiting.Load() != int64(i+1) && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond)
		}
		if n := s.waiting.Load(); n != int64(i+1) {
			t.Fatalf("%d requests waiting, want %d", n, i+1)
		}
	}
	// health does not queue behind them
	if r := do(t, s, "GET", "/healthz", ""); r.status != http.StatusOK {
		t.Errorf("/healthz while readers wait: %d", r.status)
	}
	close(g.gate)
	var order []string
	for range 3 {
		order = append(order, <-g.entered)
	}
	wg.Wait()
	if strings.Join(order, " ") != "second third fourth" {
		t.Errorf("served in the order %v, want the order of arrival", order)
	}
	for i, st := range statuses {
		if st != http.StatusOK {
			t.Errorf("request %d: status %d", i, st)
		}
	}

	// a turn that does not come in time: 503, busy, with Retry-After
	g2 := gateStore{Reader: st, gate: make(chan struct{}), entered: make(chan string, 10)}
	s2 := New(Config{Store: g2, Logger: quietLogger(), Readers: 1, QueryTimeout: 50 * time.Millisecond})
	wg.Add(1)
	go func() {
		defer wg.Done()
		do(t, s2, "GET", "/api/quotes?q=holder", "")
	}()
	<-g2.entered
	for _, tt := range []struct {
		path string
		api  bool
	}{{"/api/quotes?q=late", true}, {"/?q=late", false}} {
		r := do(t, s2, "GET", tt.path, "")
		if r.status != http.StatusServiceUnavailable || r.header.Get("Retry-After") == "" {
			t.Errorf("GET %s while the one reader is busy: status %d, Retry-After %q", tt.path, r.status, r.header.Get("Retry-After"))
		}
		msg := string(r.body)
		if tt.api {
			msg = r.errorMessage(t)
		}
		if !strings.Contains(msg, "busy") {
			t.Errorf("GET %s: the message does not say the server is busy: %s", tt.path, msg)
		}
	}
	close(g2.gate)
	wg.Wait()
}
