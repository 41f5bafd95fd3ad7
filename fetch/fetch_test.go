package fetch

import (
	"bytes"
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

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
)

// fast are options for tests: short delays and timeouts.
func fast() Options {
	return Options{MinDelay: 10 * time.Millisecond, Headers: 300 * time.Millisecond, Total: 2 * time.Second,
		Connect: time.Second, MaxWait: time.Second, Contact: "https://example.org/contact", AllowPrivate: true}
}

// server is a test server with a robots.txt and the handlers given.
func server(t *testing.T, robots string, routes map[string]http.HandlerFunc) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		if robots == "" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, robots)
	})
	for p, h := range routes {
		mux.HandleFunc(p, h)
	}
	s := httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

func TestGetNamesItselfAndReadsBody(t *testing.T) {
	var agent string
	s := server(t, "", map[string]http.HandlerFunc{"/page": func(w http.ResponseWriter, r *http.Request) {
		agent = r.UserAgent()
		fmt.Fprint(w, "hello")
	}})
	f := New(fast())
	resp, err := f.Get(context.Background(), Request{URL: s.URL + "/page"})
	if err != nil {
		t.Fatal(err)
	}
	if string(resp.Body) != "hello" || resp.Status != 200 {
		t.Errorf("got %d %q", resp.Status, resp.Body)
	}
	if !strings.HasPrefix(agent, "quotewire/") || !strings.Contains(agent, "+https://example.org/contact") {
		t.Errorf("User-Agent %q does not name quotewire and the contact", agent)
	}
}

func TestRobotsDisallow(t *testing.T) {
	var asked atomic.Int32
	s := server(t, "User-agent: *\nDisallow: /private/\n\nUser-agent: quotewire\nDisallow: /news/secret\n", map[string]http.HandlerFunc{
		"/": func(w http.ResponseWriter, r *http.Request) { asked.Add(1); fmt.Fprint(w, "ok") },
	})
	f := New(fast())
	ctx := context.Background()
	if _, err := f.Get(ctx, Request{URL: s.URL + "/news/secret/1"}); !errors.Is(err, ErrRobots) || Kind(err) != "robots" {
		t.Errorf("disallowed for quotewire: got %v", err)
	}
	if _, err := f.Get(ctx, Request{URL: s.URL + "/private/x"}); err != nil {
		t.Errorf("the * group does not apply when a quotewire group exists: %v", err)
	}
	if _, err := f.Get(ctx, Request{URL: s.URL + "/news/open"}); err != nil {
		t.Errorf("allowed path: %v", err)
	}
	if n := asked.Load(); n != 2 {
		t.Errorf("server asked %d times for pages, want 2 (the disallowed one never)", n)
	}
}

func TestRobotsUnavailableDisallows(t *testing.T) {
	var asked atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", 500) })
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { asked.Add(1) })
	s := httptest.NewServer(mux)
	defer s.Close()
	opts := fast()
	opts.MaxWait = time.Hour
	_, err := New(opts).Get(context.Background(), Request{URL: s.URL + "/a"})
	if !errors.Is(err, ErrRobots) || asked.Load() != 0 {
		t.Errorf("robots.txt answering 500 must disallow (RFC 9309): err %v, page asked %d times", err, asked.Load())
	}
	if !Temporary(err) || Kind(err) != "robots" {
		t.Errorf("a robots.txt that is down refuses for now, not for good: Temporary %v, Kind %q (%v)", Temporary(err), Kind(err), err)
	}
}

func TestConditional(t *testing.T) {
	const etag = `"v1"`
	s := server(t, "", map[string]http.HandlerFunc{"/feed": func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", "Mon, 07 Dec 2026 10:00:00 GMT")
		fmt.Fprint(w, "<rss/>")
	}})
	f := New(fast())
	first, err := f.Get(context.Background(), Request{URL: s.URL + "/feed"})
	if err != nil || first.ETag != etag || first.LastModified == "" || first.NotModified {
		t.Fatalf("first: %+v %v", first, err)
	}
	again, err := f.Get(context.Background(), Request{URL: s.URL + "/feed", ETag: first.ETag, LastModified: first.LastModified})
	if err != nil || !again.NotModified || again.Status != 304 || len(again.Body) != 0 {
		t.Fatalf("conditional: %+v %v", again, err)
	}
}

func TestNeverAnswers(t *testing.T) {
	release := make(chan struct{})
	s := server(t, "", map[string]http.HandlerFunc{"/hang": func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}})
	defer close(release)
	start := time.Now()
	_, err := New(fast()).Get(context.Background(), Request{URL: s.URL + "/hang"})
	if Kind(err) != "timeout" || !Temporary(err) {
		t.Errorf("a page that never answers: %v (kind %q), want a timeout", err, Kind(err))
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %s; the header timeout is 300ms", d)
	}
}

func TestSlowBodyTimesOut(t *testing.T) {
	s := server(t, "", map[string]http.HandlerFunc{"/drip": func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i < 100; i++ {
			fmt.Fprint(w, "x")
			w.(http.Flusher).Flush()
			select {
			case <-time.After(100 * time.Millisecond):
			case <-r.Context().Done():
				return
			}
		}
	}})
	opts := fast()
	opts.Total = 500 * time.Millisecond
	_, err := New(opts).Get(context.Background(), Request{URL: s.URL + "/drip"})
	if Kind(err) != "timeout" {
		t.Errorf("a body that drips for 10 s: %v, want a timeout after 500ms", err)
	}
}

func TestRedirects(t *testing.T) {
	s := server(t, "", map[string]http.HandlerFunc{
		"/loop": func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) },
		"/old":  func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/new", http.StatusMovedPermanently) },
		"/new":  func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "moved here") },
		"/hop":  func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/old", http.StatusFound) },
		"/p308": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/old", http.StatusPermanentRedirect)
		},
		"/ftp": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "ftp://example.org/x", http.StatusFound)
		},
	})
	f := New(fast())
	ctx := context.Background()
	if _, err := f.Get(ctx, Request{URL: s.URL + "/loop"}); !errors.Is(err, ErrRedirects) {
		t.Errorf("redirect loop: %v", err)
	}
	resp, err := f.Get(ctx, Request{URL: s.URL + "/old"})
	if err != nil || resp.URL != s.URL+"/new" || string(resp.Body) != "moved here" || !resp.Moved {
		t.Errorf("permanent redirect: %+v %v", resp, err)
	}
	// moved only when every hop is permanent
	for path, moved := range map[string]bool{"/p308": true, "/hop": false, "/new": false} {
		resp, err := f.Get(ctx, Request{URL: s.URL + path})
		if err != nil || resp.URL != s.URL+"/new" || resp.Moved != moved {
			t.Errorf("%s: %+v %v; want moved %v", path, resp, err, moved)
		}
	}
	if _, err := f.Get(ctx, Request{URL: s.URL + "/ftp"}); !errors.Is(err, ErrScheme) {
		t.Errorf("redirect to ftp: %v", err)
	}
	if _, err := f.Get(ctx, Request{URL: "file:///etc/passwd"}); !errors.Is(err, ErrScheme) {
		t.Errorf("file URL: %v", err)
	}
}

func TestRetryAfter(t *testing.T) {
	var asked atomic.Int32
	s := server(t, "", map[string]http.HandlerFunc{"/busy": func(w http.ResponseWriter, r *http.Request) {
		if asked.Add(1) == 1 {
			w.Header().Set("Retry-After", "120")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		fmt.Fprint(w, "ok")
	}})
	f := New(fast())
	ctx := context.Background()
	_, err := f.Get(ctx, Request{URL: s.URL + "/busy"})
	var se *StatusError
	if !errors.As(err, &se) || se.Code != 429 || se.RetryAfter != 2*time.Minute || !Temporary(err) {
		t.Fatalf("429: %v", err)
	}
	// the host asked for two minutes: the next request is not sent
	_, err = f.Get(ctx, Request{URL: s.URL + "/busy"})
	if !errors.Is(err, ErrBackoff) || asked.Load() != 1 {
		t.Errorf("within Retry-After: %v, server asked %d times", err, asked.Load())
	}
}

func TestRetryAfterDate(t *testing.T) {
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	if d := retryAfter("Mon, 07 Dec 2026 10:05:00 GMT", now); d != 5*time.Minute {
		t.Errorf("HTTP date: %s", d)
	}
	for _, v := range []string{"", "soon", "-3", "Mon, 07 Dec 2026 09:00:00 GMT"} {
		if d := retryAfter(v, now); d != 0 {
			t.Errorf("%q: %s, want 0", v, d)
		}
	}
}

func TestBodyCapped(t *testing.T) {
	chunk := bytes.Repeat([]byte("a"), 1<<20)
	s := server(t, "", map[string]http.HandlerFunc{
		"/big": func(w http.ResponseWriter, r *http.Request) {
			for i := 0; i < 50; i++ { // 50 MB, no Content-Length
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		},
		"/bomb": func(w http.ResponseWriter, r *http.Request) { // 20 MB of zeros in a small gzip
			w.Header().Set("Content-Encoding", "gzip")
			zw := gzip.NewWriter(w)
			zero := make([]byte, 1<<20)
			for i := 0; i < 20; i++ {
				zw.Write(zero)
			}
			zw.Close()
		},
	})
	f := New(fast())
	for _, p := range []string{"/big", "/bomb"} {
		_, err := f.Get(context.Background(), Request{URL: s.URL + p})
		if !errors.Is(err, ErrTooLarge) {
			t.Errorf("%s: %v, want ErrTooLarge at 10 MB", p, err)
		}
	}
}

func TestDecodesGzipAndBrotli(t *testing.T) {
	const text = "Der Minister sagte, es gebe keine Pläne."
	s := server(t, "", map[string]http.HandlerFunc{
		"/gz": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			zw := gzip.NewWriter(w)
			zw.Write([]byte(text))
			zw.Close()
		},
		"/br": func(w http.ResponseWriter, r *http.Request) {
			if !strings.Contains(r.Header.Get("Accept-Encoding"), "br") {
				t.Error("brotli not asked for")
			}
			w.Header().Set("Content-Encoding", "br")
			bw := brotli.NewWriter(w)
			bw.Write([]byte(text))
			bw.Close()
		},
	})
	f := New(fast())
	for _, p := range []string{"/gz", "/br"} {
		resp, err := f.Get(context.Background(), Request{URL: s.URL + p})
		if err != nil || string(resp.Body) != text {
			t.Errorf("%s: %q %v", p, resp.Body, err)
		}
	}
}

func TestUTF8(t *testing.T) {
	latin1 := []byte("<p>Caf\xe9 cr\xe8me</p>")
	if got := string(UTF8(latin1, "text/html; charset=ISO-8859-1")); got != "<p>Café crème</p>" {
		t.Errorf("ISO-8859-1: %q", got)
	}
	if got := UTF8([]byte("<p>Café</p>"), "text/html; charset=utf-8"); string(got) != "<p>Café</p>" {
		t.Errorf("UTF-8 unchanged: %q", got)
	}
	if got := UTF8(latin1, "text/html"); !bytes.Equal(got, latin1) {
		t.Errorf("no charset: left to the page's <meta>, got %q", got)
	}
}

func TestOneRequestAtATimePerHostWithDelay(t *testing.T) {
	var mu sync.Mutex
	var inFlight, most int
	var times []time.Time
	s := server(t, "User-agent: *\nCrawl-delay: 0.2\n", map[string]http.HandlerFunc{"/": func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		inFlight++
		most = max(most, inFlight)
		times = append(times, time.Now())
		mu.Unlock()
		time.Sleep(20 * time.Millisecond)
		mu.Lock()
		inFlight--
		mu.Unlock()
	}})
	f := New(fast())
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := f.Get(context.Background(), Request{URL: fmt.Sprintf("%s/p%d", s.URL, i)}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if most != 1 {
		t.Errorf("%d requests at once to one host, want 1", most)
	}
	for i := 1; i < len(times); i++ {
		if gap := times[i].Sub(times[i-1]); gap < 190*time.Millisecond {
			t.Errorf("requests %d and %d %s apart; robots.txt asks for a 0.2 s crawl delay", i-1, i, gap)
		}
	}
}

func TestObserve(t *testing.T) {
	var mu sync.Mutex
	var events []Event
	opts := fast()
	opts.Observe = func(e Event) { mu.Lock(); events = append(events, e); mu.Unlock() }
	s := server(t, "User-agent: *\nDisallow: /no\n", map[string]http.HandlerFunc{"/yes": func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "12345") }})
	f := New(opts)
	f.Get(context.Background(), Request{URL: s.URL + "/yes"})
	f.Get(context.Background(), Request{URL: s.URL + "/no"})
	if len(events) != 3 || !events[0].Robots || events[1].Status != 200 || events[1].Bytes != 5 || Kind(events[2].Err) != "robots" {
		t.Errorf("events %+v: want robots.txt, the page (200, 5 bytes), the refusal", events)
	}
}

func TestCounter(t *testing.T) {
	var c Counter
	opts := fast()
	opts.Observe = c.Observe
	s := server(t, "User-agent: *\nDisallow: /no\n", map[string]http.HandlerFunc{
		"/yes":  func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "12345") },
		"/same": func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNotModified) },
		"/gone": func(w http.ResponseWriter, r *http.Request) { http.Error(w, "", http.StatusNotFound) },
	})
	f := New(opts)
	for _, p := range []string{"/yes", "/same", "/gone", "/no", "/no"} {
		f.Get(context.Background(), Request{URL: s.URL + p})
	}
	got := c.Counts()
	if got.Status[200] != 2 || got.Status[304] != 1 || got.Status[404] != 1 || got.NotModified != 1 || got.RobotsRefusals != 2 ||
		got.Errors["robots"] != 2 || got.Errors["status_4xx"] != 1 || got.Bytes < 5 {
		t.Errorf("counts %+v", got)
	}
	got.Status[200] = 99
	if c.Counts().Status[200] != 2 {
		t.Error("Counts shares its maps with the counter")
	}
}

// countingGate records the hosts it hands out and the pauses asked for.
type countingGate struct {
	mu     sync.Mutex
	hosts  []string
	pauses []time.Duration
	deny   bool
	slow   time.Duration // each turn comes after this long
}

func (g *countingGate) Acquire(ctx context.Context, host string, pause time.Duration) (func(), error) {
	if g.deny {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	time.Sleep(g.slow)
	g.mu.Lock()
	g.hosts, g.pauses = append(g.hosts, host), append(g.pauses, pause)
	g.mu.Unlock()
	return func() {}, nil
}

func TestGate(t *testing.T) {
	s := server(t, "User-agent: *\nCrawl-delay: 0.05\n", map[string]http.HandlerFunc{"/a": func(w http.ResponseWriter, r *http.Request) {}})
	g := &countingGate{}
	opts := fast()
	opts.Gate = g
	if _, err := New(opts).Get(context.Background(), Request{URL: s.URL + "/a"}); err != nil {
		t.Fatal(err)
	}
	if len(g.hosts) != 2 || g.hosts[1] != strings.ToLower(s.URL) || g.pauses[1] != 50*time.Millisecond {
		t.Errorf("gate asked for %v with pauses %v: want robots.txt and the page, the crawl delay as pause", g.hosts, g.pauses)
	}
	opts.Gate = &countingGate{deny: true}
	opts.MaxWait = 100 * time.Millisecond
	if _, err := New(opts).Get(context.Background(), Request{URL: s.URL + "/a"}); !errors.Is(err, ErrBackoff) {
		t.Errorf("a host another process holds: %v, want ErrBackoff", err)
	}
	// waiting for the turn does not count against the request's time
	opts.Gate = &countingGate{slow: 300 * time.Millisecond}
	opts.MaxWait, opts.Total = time.Second, 200*time.Millisecond
	if _, err := New(opts).Get(context.Background(), Request{URL: s.URL + "/a"}); err != nil {
		t.Errorf("a turn that took longer than Total to come: %v", err)
	}
}

func TestPrivateAddressesRefused(t *testing.T) {
	var asked atomic.Int32
	s := server(t, "", map[string]http.HandlerFunc{"/": func(w http.ResponseWriter, r *http.Request) { asked.Add(1) }})
	opts := fast()
	opts.AllowPrivate = false
	f := New(opts)
	// by address, and by a name that resolves to loopback
	for _, u := range []string{s.URL + "/x", strings.Replace(s.URL, "127.0.0.1", "localhost", 1) + "/y"} {
		_, err := f.Get(context.Background(), Request{URL: u})
		if !errors.Is(err, ErrPrivate) || Kind(err) != "private" || Temporary(err) {
			t.Errorf("%s: %v (kind %q); want ErrPrivate, final", u, err, Kind(err))
		}
	}
	if asked.Load() != 0 {
		t.Errorf("the private server was asked %d times", asked.Load())
	}
}
