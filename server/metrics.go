package server

import (
	"context"
	"net/http"
	"runtime"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/quotewire/quotewire"
)

// metrics counts requests per route pattern, method and status, and
// their durations per route, in a registry of the server's own (the
// Prometheus client library writes the exposition). Route labels are
// ServeMux patterns (or "unmatched"), and methods outside the standard
// ones are counted as "other", so the number of series stays bounded
// whatever clients send.
type metrics struct {
	reg       *prometheus.Registry
	requests  *prometheus.CounterVec
	durations *prometheus.HistogramVec
	handler   http.Handler
}

// newMetrics registers the server's metrics: requests, durations,
// requests in flight, the build, and the store's counts read at scrape
// time.
func newMetrics(s *Server) *metrics {
	m := &metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "quotewire_http_requests_total", Help: "HTTP requests served, by route pattern, method and status code.",
	}, []string{"route", "method", "code"})
	m.durations = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "quotewire_http_request_duration_seconds", Help: "Time to serve HTTP requests, by route pattern.",
		Buckets: prometheus.DefBuckets,
	}, []string{"route"})
	inFlight := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "quotewire_http_requests_in_flight", Help: "HTTP requests being served.",
	}, func() float64 { return float64(s.inFlight.Load()) })
	waiting := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "quotewire_http_requests_waiting", Help: "HTTP requests waiting for their turn to read the store (see serve --readers).",
	}, func() float64 { return float64(s.waiting.Load()) })
	version := s.version
	if version == "" {
		version = "unknown"
	}
	build := prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "quotewire_build_info", Help: "Always 1; the labels say which quotewire is running.",
		ConstLabels: prometheus.Labels{"version": version, "goversion": runtime.Version()},
	})
	build.Set(1)
	m.reg.MustRegister(m.requests, m.durations, inFlight, waiting, build, storeCollector{s})
	m.handler = promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
	return m
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
	m.requests.WithLabelValues(route, method, strconv.Itoa(code)).Inc()
	m.durations.WithLabelValues(route).Observe(d.Seconds())
}

// statsTimeout bounds the store query a scrape makes.
const statsTimeout = 5 * time.Second

// serveMetrics writes the metrics in the Prometheus exposition format the
// scraper asks for (text by default).
func (s *Server) serveMetrics(w http.ResponseWriter, r *http.Request) error {
	s.metrics.handler.ServeHTTP(w, r)
	return nil
}

// storeStats are the counts a scrape reads.
type storeStats = quotewire.Stats

// storeCollector reads the store's counts at scrape time: quotewire_store_up
// says whether the store answered, and the store gauges are absent when it
// did not.
type storeCollector struct{ s *Server }

var (
	storeUp   = prometheus.NewDesc("quotewire_store_up", "1 when the store answered the scrape's count, else 0 (and the store gauges are absent).", nil, nil)
	storeDesc = []struct {
		desc *prometheus.Desc
		of   func(st storeStats) int
	}{
		{prometheus.NewDesc("quotewire_store_articles", "Articles in the store.", nil, nil), func(st storeStats) int { return st.Articles }},
		{prometheus.NewDesc("quotewire_store_quotes", "Quotes in the store, one per article that carries it.", nil, nil), func(st storeStats) int { return st.Quotes }},
		{prometheus.NewDesc("quotewire_store_quotations", "Quotations in the store: a statement reported by several articles counts once.", nil, nil), func(st storeStats) int { return st.Quotations }},
		{prometheus.NewDesc("quotewire_store_speakers", "Speakers with at least one quote in the store.", nil, nil), func(st storeStats) int { return st.Speakers }},
		{prometheus.NewDesc("quotewire_store_entities", "People, organisations and places in the store.", nil, nil), func(st storeStats) int { return st.Entities }},
		{prometheus.NewDesc("quotewire_store_outlets", "Outlets in the store.", nil, nil), func(st storeStats) int { return st.Outlets }},
	}
)

// Describe sends the store metrics' descriptions.
func (c storeCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- storeUp
	for _, d := range storeDesc {
		ch <- d.desc
	}
}

// Collect reads the store's counts, within statsTimeout.
func (c storeCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), statsTimeout)
	defer cancel()
	st, err := c.s.store.Stats(ctx)
	if err != nil {
		c.s.log.Error("metrics: read store stats", "err", err)
		ch <- prometheus.MustNewConstMetric(storeUp, prometheus.GaugeValue, 0)
		return
	}
	ch <- prometheus.MustNewConstMetric(storeUp, prometheus.GaugeValue, 1)
	for _, d := range storeDesc {
		ch <- prometheus.MustNewConstMetric(d.desc, prometheus.GaugeValue, float64(d.of(st)))
	}
}
