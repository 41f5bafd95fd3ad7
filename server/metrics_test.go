package server

import (
	"strings"
	"testing"
)

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
	for _, want := range []string{
		"# TYPE quotewire_http_requests_total counter\n",
		`quotewire_http_requests_total{route="GET /api/stats",method="GET",code="200"} 2` + "\n",
		// the route label is the pattern, not the path
		`quotewire_http_requests_total{route="GET /api/quotations/{id}",method="GET",code="404"} 2` + "\n",
		`quotewire_http_requests_total{route="unmatched",method="GET",code="404"} 1` + "\n",
		`quotewire_http_requests_total{route="unmatched",method="other",code="405"} 1` + "\n",
		"# TYPE quotewire_http_request_duration_seconds histogram\n",
		`quotewire_http_request_duration_seconds_bucket{route="GET /api/stats",le="+Inf"} 2` + "\n",
		`quotewire_http_request_duration_seconds_count{route="GET /api/stats"} 2` + "\n",
		`quotewire_http_request_duration_seconds_sum{route="GET /api/stats"} `,
		`quotewire_build_info{version="v1.2.3",goversion="go`,
		"quotewire_store_up 1\n",
		"quotewire_store_articles 4\n",
		"quotewire_store_quotes 6\n",
		"quotewire_store_quotations 5\n",
		"quotewire_store_speakers 3\n",
		"quotewire_http_requests_in_flight 1\n", // the scrape itself
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	for _, raw := range []string{"123456", "/no/such/path", "BREW"} {
		if strings.Contains(body, raw) {
			t.Errorf("metrics hold the raw %q: labels must stay bounded", raw)
		}
	}
	// the scrape is counted by the next one
	r = do(t, h, "GET", "/metrics", "")
	if !strings.Contains(string(r.body), `quotewire_http_requests_total{route="GET /metrics",method="GET",code="200"} 1`) {
		t.Errorf("the first scrape was not counted")
	}
	checkExposition(t, string(r.body))
}

// checkExposition checks the text format's shape: every sample belongs to
// a family announced by HELP and TYPE, and histogram buckets are
// cumulative.
func checkExposition(t *testing.T, body string) {
	t.Helper()
	typed := map[string]string{}
	var last uint64
	var lastRoute string
	for _, line := range strings.Split(strings.TrimSuffix(body, "\n"), "\n") {
		if rest, ok := strings.CutPrefix(line, "# TYPE "); ok {
			name, typ, _ := strings.Cut(rest, " ")
			typed[name] = typ
			continue
		}
		if strings.HasPrefix(line, "# HELP ") {
			continue
		}
		name := line[:strings.IndexAny(line, "{ ")]
		family := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(name, "_bucket"), "_sum"), "_count")
		if typed[name] == "" && typed[family] != "histogram" {
			t.Errorf("sample without TYPE: %s", line)
		}
		if strings.HasSuffix(name, "_bucket") {
			route := line[:strings.Index(line, ",le=")]
			var n uint64
			for _, c := range line[strings.LastIndexByte(line, ' ')+1:] {
				n = n*10 + uint64(c-'0')
			}
			if route == lastRoute && n < last {
				t.Errorf("bucket counts decrease: %s", line)
			}
			last, lastRoute = n, route
		}
	}
}

func TestLabelValue(t *testing.T) {
	tests := []struct{ in, want string }{
		{"GET /api/quotes", "GET /api/quotes"},
		{`a"b\c` + "\nd", `a\"b\\c\nd`},
	}
	for _, tt := range tests {
		if got := labelValue(tt.in); got != tt.want {
			t.Errorf("labelValue(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMetricsStoreDown(t *testing.T) {
	h := New(Config{Store: failingStore{err: errTest}, Logger: quietLogger()})
	r := do(t, h, "GET", "/metrics", "")
	if r.status != 200 || !strings.Contains(string(r.body), "quotewire_store_up 0\n") || strings.Contains(string(r.body), "quotewire_store_articles") {
		t.Errorf("metrics with a failing store:\n%s", r.body)
	}
}
