package server

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// samples parses a text exposition into its samples, keyed by name and
// labels in name order (`quotewire_store_up`,
// `quotewire_http_requests_total{code="200",method="GET",route="…"}`); a
// body the Prometheus parser refuses fails the test.
func samples(t *testing.T, body string) map[string]float64 {
	t.Helper()
	parser := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := parser.TextToMetricFamilies(strings.NewReader(body))
	if err != nil {
		t.Fatalf("not the Prometheus text format: %v\n%s", err, body)
	}
	out := map[string]float64{}
	for name, f := range fams {
		for _, m := range f.Metric {
			var ls []string
			for _, l := range m.Label {
				ls = append(ls, fmt.Sprintf("%s=%q", l.GetName(), l.GetValue()))
			}
			sort.Strings(ls)
			key := name
			if len(ls) > 0 {
				key += "{" + strings.Join(ls, ",") + "}"
			}
			switch {
			case m.Counter != nil:
				out[key] = m.Counter.GetValue()
			case m.Gauge != nil:
				out[key] = m.Gauge.GetValue()
			case m.Histogram != nil:
				out[key+"_count"] = float64(m.Histogram.GetSampleCount())
				out[key+"_sum"] = m.Histogram.GetSampleSum()
			}
		}
	}
	return out
}

func TestMetrics(t *testing.T) {
	h := New(Config{Store: newStore(t, corpus()...), Logger: quietLogger(), Version: "v1.2.3"})
	do(t, h, "GET", "/api/stats", "")
	do(t, h, "GET", "/api/stats", "")
	do(t, h, "GET", "/api/quotations/123456", "")
	do(t, h, "GET", "/api/quotations/654321", "")
	do(t, h, "GET", "/no/such/path", "")
	do(t, h, "BREW", "/api/stats", "")
	r := do(t, h, "GET", "/metrics", "")
	if r.status != 200 {
		t.Fatalf("status %d", r.status)
	}
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain; version=0.0.4") {
		t.Errorf("Content-Type = %q", ct)
	}
	body := string(r.body)
	got := samples(t, body)
	for key, want := range map[string]float64{
		`quotewire_http_requests_total{code="200",method="GET",route="GET /api/stats"}`: 2,
		// the route label is the pattern, not the path
		`quotewire_http_requests_total{code="404",method="GET",route="GET /api/quotations/{id}"}`: 2,
		`quotewire_http_requests_total{code="404",method="GET",route="unmatched"}`:                1,
		`quotewire_http_requests_total{code="405",method="other",route="unmatched"}`:              1,
		`quotewire_http_request_duration_seconds{route="GET /api/stats"}_count`:                   2,
		`quotewire_build_info{goversion="` + goVersion() + `",version="v1.2.3"}`:                  1,
		"quotewire_store_up":                1,
		"quotewire_store_articles":          4,
		"quotewire_store_quotes":            6,
		"quotewire_store_quotations":        5,
		"quotewire_store_speakers":          3,
		"quotewire_http_requests_in_flight": 1, // the scrape itself
	} {
		if v, ok := got[key]; !ok || v != want {
			t.Errorf("%s = %v (present %v), want %v", key, v, ok, want)
		}
	}
	for _, raw := range []string{"123456", "/no/such/path", "BREW"} {
		if strings.Contains(body, raw) {
			t.Errorf("metrics hold the raw %q: labels must stay bounded", raw)
		}
	}
	// the scrape is counted by the next one
	r = do(t, h, "GET", "/metrics", "")
	if samples(t, string(r.body))[`quotewire_http_requests_total{code="200",method="GET",route="GET /metrics"}`] != 1 {
		t.Errorf("the first scrape was not counted")
	}
}

func TestMetricsStoreDown(t *testing.T) {
	h := New(Config{Store: failingStore{err: errTest}, Logger: quietLogger()})
	r := do(t, h, "GET", "/metrics", "")
	got := samples(t, string(r.body))
	if _, articles := got["quotewire_store_articles"]; r.status != 200 || got["quotewire_store_up"] != 0 || articles {
		t.Errorf("metrics with a failing store:\n%s", r.body)
	}
	if _, up := got["quotewire_store_up"]; !up {
		t.Errorf("no quotewire_store_up:\n%s", r.body)
	}
}

func goVersion() string { return runtime.Version() }
