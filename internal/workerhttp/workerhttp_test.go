package workerhttp

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/quotewire/quotewire/fetch"
	"github.com/quotewire/quotewire/queue"
)

// get requests path from h and returns the status, Content-Type and body.
func get(t *testing.T, h http.Handler, path string) (int, string, string) {
	t.Helper()
	srv := httptest.NewServer(h)
	defer srv.Close()
	res, err := http.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, res.Header.Get("Content-Type"), string(b)
}

var (
	sampleLine = regexp.MustCompile(`^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$`)
	labelPair  = regexp.MustCompile(`^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"$`)
	metaLine   = regexp.MustCompile(`^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$`)
)

// parseMetrics reads the Prometheus text format line by line and returns
// each sample's value by its name and labels as written ("name" or
// `name{k="v"}`). Every sample must follow a TYPE line of its name, and
// no series may repeat.
func parseMetrics(t *testing.T, text string) map[string]float64 {
	t.Helper()
	if !strings.HasSuffix(text, "\n") {
		t.Errorf("the metrics do not end with a newline")
	}
	samples := map[string]float64{}
	typed := map[string]string{}
	for i, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if m := metaLine.FindStringSubmatch(line); m != nil {
			if m[1] == "TYPE" {
				switch m[3] {
				case "counter", "gauge":
					typed[m[2]] = m[3]
				default:
					t.Errorf("line %d: unexpected type %q", i+1, m[3])
				}
			}
			continue
		}
		m := sampleLine.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("line %d is not name{labels} value: %q", i+1, line)
			continue
		}
		name, labels := m[1], m[2]
		if typed[name] == "" {
			t.Errorf("line %d: %s has no TYPE line before it", i+1, name)
		}
		if typed[name] == "counter" && !strings.HasSuffix(name, "_total") {
			t.Errorf("line %d: counter %s does not end in _total", i+1, name)
		}
		if labels != "" {
			for _, p := range strings.Split(labels, ",") {
				if !labelPair.MatchString(p) {
					t.Errorf("line %d: bad label %q", i+1, p)
				}
			}
		}
		v, err := strconv.ParseFloat(m[3], 64)
		if err != nil {
			t.Errorf("line %d: value %q: %v", i+1, m[3], err)
		}
		key := name
		if labels != "" {
			key += "{" + labels + "}"
		}
		if _, dup := samples[key]; dup {
			t.Errorf("line %d: %s repeated", i+1, key)
		}
		samples[key] = v
	}
	return samples
}

func TestHealth(t *testing.T) {
	// healthy even when nothing is ready
	h := New(Config{Checks: []Check{{"nats", func(context.Context) error { return errors.New("down") }}}})
	code, ctype, body := get(t, h, "/healthz")
	if code != 200 || ctype != "application/json; charset=utf-8" || body != `{"status":"ok"}`+"\n" {
		t.Errorf("healthz: %d %s %q", code, ctype, body)
	}
}

func TestReady(t *testing.T) {
	ok := func(context.Context) error { return nil }
	fails := func(context.Context) error { return errors.New("connection RECONNECTING") }
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	hangs := func(context.Context) error { <-release; return nil } // ignores ctx
	tests := []struct {
		name   string
		checks []Check
		status int
		reason string
	}{
		{"no checks", nil, 200, ""},
		{"all ready", []Check{{"nats", ok}, {"store", ok}}, 200, ""},
		{"one fails", []Check{{"nats", fails}, {"store", ok}}, 503, "nats: connection RECONNECTING"},
		{"one hangs", []Check{{"nats", ok}, {"store", hangs}}, 503, "store: no answer within 100ms"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := New(Config{Checks: tt.checks, ReadyTimeout: 100 * time.Millisecond})
			start := time.Now()
			code, ctype, body := get(t, h, "/readyz")
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("readyz took %s", d)
			}
			if code != tt.status || ctype != "application/json; charset=utf-8" {
				t.Fatalf("readyz: %d %s %s, want %d", code, ctype, body, tt.status)
			}
			var reply struct{ Status, Error string }
			if err := json.Unmarshal([]byte(body), &reply); err != nil {
				t.Fatalf("readyz body %q: %v", body, err)
			}
			if tt.status == 200 && reply.Status != "ok" || reply.Error != tt.reason {
				t.Errorf("readyz = %+v, want reason %q", reply, tt.reason)
			}
		})
	}
}

func TestMetrics(t *testing.T) {
	var units queue.Counters
	arts := Articles{}
	report := &queue.Report{Queued: 3, Running: 1, Done: 7, Failed: 2}
	var statusErr error
	var logged []string
	h := New(Config{
		Units:    &units,
		Articles: func() Articles { return arts },
		Status: func(ctx context.Context) (*queue.Report, error) {
			if _, ok := ctx.Deadline(); !ok {
				t.Errorf("the status read has no deadline")
			}
			return report, statusErr
		},
		Logf: func(format string, args ...any) { logged = append(logged, format) },
	})
	scrape := func() map[string]float64 {
		t.Helper()
		code, ctype, body := get(t, h, "/metrics")
		if code != 200 || !strings.HasPrefix(ctype, "text/plain; version=0.0.4") {
			t.Fatalf("metrics: %d %s", code, ctype)
		}
		return parseMetrics(t, body)
	}
	want := func(got map[string]float64, series string, v float64) {
		t.Helper()
		if g, ok := got[series]; !ok || g != v {
			t.Errorf("%s = %v (present %v), want %v", series, g, ok, v)
		}
	}

	m := scrape()
	for _, s := range []string{`quotewire_worker_units_total{result="done"}`, `quotewire_worker_units_total{result="retried"}`,
		`quotewire_worker_units_total{result="dead"}`, `quotewire_worker_articles_total{result="stored"}`,
		`quotewire_worker_articles_total{result="skipped"}`, `quotewire_worker_articles_total{result="failed"}`,
		"quotewire_worker_errors_total", "quotewire_worker_units_running"} {
		want(m, s, 0)
	}
	want(m, "quotewire_queue_up", 1)
	want(m, `quotewire_queue_units{state="queued"}`, 3)
	want(m, `quotewire_queue_units{state="running"}`, 1)
	want(m, `quotewire_queue_units{state="done"}`, 7)
	want(m, `quotewire_queue_units{state="failed"}`, 2)

	// the counters move
	units.Done.Add(2)
	units.Retried.Add(1)
	units.Dead.Add(1)
	units.Errors.Add(3)
	units.Running.Add(1)
	arts = Articles{Stored: 10, Skipped: 4, Failed: 1}
	m = scrape()
	want(m, `quotewire_worker_units_total{result="done"}`, 2)
	want(m, `quotewire_worker_units_total{result="retried"}`, 1)
	want(m, `quotewire_worker_units_total{result="dead"}`, 1)
	want(m, "quotewire_worker_errors_total", 3)
	want(m, "quotewire_worker_units_running", 1)
	want(m, `quotewire_worker_articles_total{result="stored"}`, 10)
	want(m, `quotewire_worker_articles_total{result="skipped"}`, 4)
	want(m, `quotewire_worker_articles_total{result="failed"}`, 1)

	// the queue's state cannot be read: queue_up 0, no queue_units
	statusErr, report = context.DeadlineExceeded, nil
	m = scrape()
	want(m, "quotewire_queue_up", 0)
	for s := range m {
		if strings.HasPrefix(s, "quotewire_queue_units") {
			t.Errorf("%s is present while the queue is down", s)
		}
	}
	want(m, `quotewire_worker_units_total{result="done"}`, 2)
	if len(logged) != 1 {
		t.Errorf("logged %q, want the status error once", logged)
	}
}

// TestMetricsStoreTimes checks the store's write times, present only with
// a StoreTimes function.
func TestMetricsStoreTimes(t *testing.T) {
	times := StoreTimes{NamesLock: 1.5, ClusterLock: 0.25, Parallel: 7, LockWait: 0.125}
	_, _, body := get(t, New(Config{StoreTimes: func() StoreTimes { return times }}), "/metrics")
	m := parseMetrics(t, body)
	for series, v := range map[string]float64{`quotewire_store_seconds_total{step="names_lock"}`: 1.5,
		`quotewire_store_seconds_total{step="cluster_lock"}`: 0.25, `quotewire_store_seconds_total{step="parallel"}`: 7,
		`quotewire_store_seconds_total{step="lock_wait"}`: 0.125} {
		if g, ok := m[series]; !ok || g != v {
			t.Errorf("%s = %v (present %v), want %v", series, g, ok, v)
		}
	}
	_, _, body = get(t, New(Config{}), "/metrics")
	if strings.Contains(body, "quotewire_store_seconds_total") {
		t.Errorf("store times without a StoreTimes function:\n%s", body)
	}
}

func TestMetricsFetches(t *testing.T) {
	fc := fetch.Counts{Status: map[int]int64{200: 7, 304: 3, 503: 1}, Bytes: 4096, NotModified: 3, RobotsRefusals: 2,
		Errors: map[string]int64{"robots": 2, "timeout": 1, "status_5xx": 1}}
	_, _, body := get(t, New(Config{Fetches: func() fetch.Counts { return fc }}), "/metrics")
	m := parseMetrics(t, body)
	for series, v := range map[string]float64{
		`quotewire_fetch_responses_total{code="200"}`: 7, `quotewire_fetch_responses_total{code="304"}`: 3,
		`quotewire_fetch_responses_total{code="503"}`: 1, `quotewire_fetch_bytes_total`: 4096,
		`quotewire_fetch_not_modified_total`: 3, `quotewire_fetch_robots_refusals_total`: 2,
		`quotewire_fetch_errors_total{kind="timeout"}`: 1, `quotewire_fetch_errors_total{kind="robots"}`: 2,
	} {
		if g, ok := m[series]; !ok || g != v {
			t.Errorf("%s = %v (present %v), want %v", series, g, ok, v)
		}
	}
	_, _, body = get(t, New(Config{}), "/metrics")
	if strings.Contains(body, "quotewire_fetch_") {
		t.Errorf("fetch metrics without a Fetches function:\n%s", body)
	}
}

func TestMetricsWithoutQueue(t *testing.T) {
	_, _, body := get(t, New(Config{}), "/metrics")
	m := parseMetrics(t, body)
	if _, ok := m["quotewire_queue_up"]; ok {
		t.Errorf("quotewire_queue_up without a Status function")
	}
	if _, ok := m["quotewire_worker_errors_total"]; !ok {
		t.Errorf("no quotewire_worker_errors_total: %s", body)
	}
}

func TestRoutes(t *testing.T) {
	h := New(Config{})
	if code, _, _ := get(t, h, "/nope"); code != 404 {
		t.Errorf("/nope: %d, want 404", code)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	res, err := http.Post(srv.URL+"/metrics", "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /metrics: %d, want 405", res.StatusCode)
	}
}
