package server

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// durationBuckets are the upper bounds, in seconds, of the request
// duration histogram (Prometheus's default buckets).
var durationBuckets = [...]float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// metrics counts requests per route pattern, method and status, and
// their durations per route. Route labels are ServeMux patterns (or
// "unmatched"), and methods outside the standard ones are counted as
// "other", so the number of series stays bounded whatever clients send.
type metrics struct {
	mu        sync.Mutex
	requests  map[requestKey]uint64
	durations map[string]*histogram
}

type requestKey struct {
	route, method string
	code          int
}

// histogram is a cumulative-on-output histogram: counts[i] counts the
// observations in (bound[i-1], bound[i]]; the last slot is +Inf.
type histogram struct {
	counts [len(durationBuckets) + 1]uint64
	sum    float64
	count  uint64
}

func newMetrics() *metrics {
	return &metrics{requests: map[requestKey]uint64{}, durations: map[string]*histogram{}}
}

// standardMethods are the methods counted under their own label.
var standardMethods = map[string]bool{
	http.MethodGet: true, http.MethodHead: true, http.MethodPost: true, http.MethodPut: true,
	http.MethodPatch: true, http.MethodDelete: true, http.MethodOptions: true,
}

// observe records one request.
func (m *metrics) observe(route, method string, code int, d time.Duration) {
	if !standardMethods[method] {
		method = "other"
	}
	sec := d.Seconds()
	i := sort.SearchFloat64s(durationBuckets[:], sec) // first bound >= sec
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[requestKey{route, method, code}]++
	h := m.durations[route]
	if h == nil {
		h = &histogram{}
		m.durations[route] = h
	}
	h.counts[i]++
	h.sum += sec
	h.count++
}

// statsTimeout bounds the store query a scrape makes.
const statsTimeout = 5 * time.Second

// serveMetrics writes the metrics in the Prometheus text exposition
// format (version 0.0.4), with the store's counts read at scrape time.
func (s *Server) serveMetrics(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), statsTimeout)
	defer cancel()
	st, serr := s.store.Stats(ctx)
	if serr != nil {
		s.log.Error("metrics: read store stats", "err", serr)
	}

	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	bw := bufio.NewWriter(w)
	defer bw.Flush()

	m := s.metrics
	m.mu.Lock()
	keys := make([]requestKey, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	counts := make([]uint64, len(keys))
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.route != b.route {
			return a.route < b.route
		}
		if a.method != b.method {
			return a.method < b.method
		}
		return a.code < b.code
	})
	for i, k := range keys {
		counts[i] = m.requests[k]
	}
	routes := make([]string, 0, len(m.durations))
	hists := map[string]histogram{}
	for r, h := range m.durations {
		routes = append(routes, r)
		hists[r] = *h
	}
	m.mu.Unlock()
	sort.Strings(routes)

	header(bw, "quotewire_http_requests_total", "counter", "HTTP requests served, by route pattern, method and status code.")
	for i, k := range keys {
		fmt.Fprintf(bw, "quotewire_http_requests_total{route=\"%s\",method=\"%s\",code=\"%d\"} %d\n",
			labelValue(k.route), labelValue(k.method), k.code, counts[i])
	}
	header(bw, "quotewire_http_request_duration_seconds", "histogram", "Time to serve HTTP requests, by route pattern.")
	for _, rt := range routes {
		h := hists[rt]
		lv := labelValue(rt)
		var cum uint64
		for i, b := range durationBuckets {
			cum += h.counts[i]
			fmt.Fprintf(bw, "quotewire_http_request_duration_seconds_bucket{route=\"%s\",le=\"%s\"} %d\n", lv, formatFloat(b), cum)
		}
		cum += h.counts[len(durationBuckets)]
		fmt.Fprintf(bw, "quotewire_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %d\n", lv, cum)
		fmt.Fprintf(bw, "quotewire_http_request_duration_seconds_sum{route=\"%s\"} %s\n", lv, formatFloat(h.sum))
		fmt.Fprintf(bw, "quotewire_http_request_duration_seconds_count{route=\"%s\"} %d\n", lv, h.count)
	}
	header(bw, "quotewire_http_requests_in_flight", "gauge", "HTTP requests being served.")
	fmt.Fprintf(bw, "quotewire_http_requests_in_flight %d\n", s.inFlight.Load())
	header(bw, "quotewire_build_info", "gauge", "Always 1; the labels say which quotewire is running.")
	version := s.version
	if version == "" {
		version = "unknown"
	}
	fmt.Fprintf(bw, "quotewire_build_info{version=\"%s\",goversion=\"%s\"} 1\n", labelValue(version), labelValue(runtime.Version()))

	header(bw, "quotewire_store_up", "gauge", "1 when the store answered the scrape's count, else 0 (and the store gauges are absent).")
	if serr != nil {
		fmt.Fprintln(bw, "quotewire_store_up 0")
		return nil
	}
	fmt.Fprintln(bw, "quotewire_store_up 1")
	for _, g := range []struct {
		name, help string
		v          int
	}{
		{"quotewire_store_articles", "Articles in the store.", st.Articles},
		{"quotewire_store_quotes", "Quotes in the store, one per article that carries it.", st.Quotes},
		{"quotewire_store_quotations", "Quotations in the store: a statement reported by several articles counts once.", st.Quotations},
		{"quotewire_store_speakers", "Speakers with at least one quote in the store.", st.Speakers},
		{"quotewire_store_entities", "People, organisations and places in the store.", st.Entities},
		{"quotewire_store_outlets", "Outlets in the store.", st.Outlets},
	} {
		header(bw, g.name, "gauge", g.help)
		fmt.Fprintf(bw, "%s %d\n", g.name, g.v)
	}
	return nil
}

func header(w *bufio.Writer, name, typ, help string) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, typ)
}

// labelValue escapes a label value: backslash, double quote and newline.
func labelValue(s string) string {
	if !strings.ContainsAny(s, "\\\"\n") {
		return s
	}
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s)
}

func formatFloat(f float64) string {
	return strconv.FormatFloat(f, 'g', -1, 64)
}
