// Package workerhttp serves a queue worker's operational endpoints over
// HTTP, for a service manager or an orchestrator and for Prometheus:
//
//	GET /healthz  200 {"status":"ok"} while the process runs
//	GET /readyz   200 {"status":"ok"} when every readiness check passes
//	              within the ready timeout, else 503 {"error":"..."}
//	GET /metrics  the Prometheus exposition format the scraper asks for
//	              (text by default; written by the Prometheus client library)
//
// The metrics are the worker's counters (queue.Counters), its article
// counts, and the queue's state read with queue.Status at scrape time:
//
//	quotewire_worker_units_total{result="done|retried|dead|interrupted"}  counter
//	quotewire_worker_articles_total{result="stored|skipped|failed"}      counter
//	quotewire_worker_errors_total                                          counter
//	quotewire_worker_units_running                                         gauge
//	quotewire_store_seconds_total{step="names_lock|cluster_lock|parallel|lock_wait"}  counter
//	quotewire_queue_up                                                     gauge
//	quotewire_queue_units{state="queued|running|done|failed"}              gauge
//	quotewire_fetch_responses_total{code="200|304|404|…"}                  counter
//	quotewire_fetch_bytes_total                                            counter
//	quotewire_fetch_not_modified_total                                     counter
//	quotewire_fetch_robots_refusals_total                                  counter
//	quotewire_fetch_errors_total{kind="timeout|robots|status_5xx|…"}       counter
//
// The quotewire_queue_units series are left out, and quotewire_queue_up is
// 0, when the queue's state cannot be read within the status timeout; the
// store series are there for a store that keeps the times (PostgreSQL), the
// fetch series for a process that fetches over HTTP (quotewire follow, and
// a worker handed page units); the follower has no units, and reports its
// pages as articles.
package workerhttp

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/quotewire/quotewire/fetch"
	"github.com/quotewire/quotewire/queue"
)

// The defaults of Config's timeouts.
const (
	DefaultReadyTimeout  = 2 * time.Second
	DefaultStatusTimeout = 2 * time.Second
)

// Check is one readiness check. Func returns nil when its dependency is
// ready, else an error saying why not; it should return when ctx is done,
// but the handler does not wait for it beyond the ready timeout anyway.
type Check struct {
	Name string
	Func func(ctx context.Context) error
}

// Articles are the articles a worker has handled so far.
type Articles struct {
	// Stored counts the articles analysed and stored; Skipped those found
	// stored already; Failed those that could not be read or analysed.
	Stored, Skipped, Failed int64
}

// StoreTimes is where a worker's writes to the store spent their time, in
// seconds (postgres.WriteTimings): holding the store's names lock and its
// cluster lock, writing in parallel with other writers, and waiting for
// the locks. Their rate per stored article is what docs/SCALING.md
// projects from: a names lock held most of the time means more workers
// will not help that store.
type StoreTimes struct {
	NamesLock, ClusterLock, Parallel, LockWait float64
}

// Config configures the handler. Every field is optional.
type Config struct {
	// Units are the worker's counters; nil reports zeros.
	Units *queue.Counters
	// Articles returns the article counts; nil reports zeros.
	Articles func() Articles
	// StoreTimes returns the store's write times; nil leaves them out.
	StoreTimes func() StoreTimes
	// Fetches returns what the process fetched over HTTP
	// (fetch.Counter); nil leaves the fetch metrics out.
	Fetches func() fetch.Counts
	// Status reads the queue's state (queue.Status); nil leaves the queue
	// metrics out.
	Status func(ctx context.Context) (*queue.Report, error)
	// Checks decide readiness: /readyz runs them all at once and answers
	// 200 only when every one returns nil within ReadyTimeout.
	Checks []Check
	// Logf, when not nil, is told why a scrape could not read the queue's
	// state.
	Logf func(format string, args ...any)
	// ReadyTimeout and StatusTimeout bound the readiness checks and the
	// queue's status read by a scrape; zero means DefaultReadyTimeout and
	// DefaultStatusTimeout.
	ReadyTimeout, StatusTimeout time.Duration
}

// New returns the handler of /healthz, /readyz and /metrics. It is safe
// for concurrent use.
func New(cfg Config) http.Handler {
	if cfg.Units == nil {
		cfg.Units = &queue.Counters{}
	}
	if cfg.ReadyTimeout <= 0 {
		cfg.ReadyTimeout = DefaultReadyTimeout
	}
	if cfg.StatusTimeout <= 0 {
		cfg.StatusTimeout = DefaultStatusTimeout
	}
	h := &handler{cfg}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collector{cfg})
	metrics := promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", h.health)
	mux.HandleFunc("GET /readyz", h.ready)
	mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		metrics.ServeHTTP(w, r)
	})
	return mux
}

type handler struct{ cfg Config }

func (h *handler) health(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// ready runs the checks concurrently; the first failure (in the order of
// the checks) is the reason given.
func (h *handler) ready(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), h.cfg.ReadyTimeout)
	defer cancel()
	errs := make([]chan error, len(h.cfg.Checks))
	for i, c := range h.cfg.Checks {
		errs[i] = make(chan error, 1) // a check that outlives the request does not block
		go func() { errs[i] <- c.Func(ctx) }()
	}
	for i, c := range h.cfg.Checks {
		var err error
		select {
		case err = <-errs[i]:
		case <-ctx.Done():
			err = fmt.Errorf("no answer within %s", h.cfg.ReadyTimeout)
		}
		if err != nil {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": c.Name + ": " + err.Error()})
			return
		}
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func writeJSON(w http.ResponseWriter, status int, v map[string]string) {
	b, _ := json.Marshal(v) // a map of strings always encodes
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

// collector reads the worker's counters and the queue's state at each
// scrape (the queue's first, so that a slow server delays the reply
// rather than cutting it).
type collector struct{ cfg Config }

var (
	unitsDesc = prometheus.NewDesc("quotewire_worker_units_total",
		"Units of work this worker settled, by result: done (acknowledged), retried (handed back to be retried), dead (dead-lettered), interrupted (handed back on shutdown).", []string{"result"}, nil)
	articlesDesc = prometheus.NewDesc("quotewire_worker_articles_total",
		"Articles this worker handled, by result: stored (analysed and stored), skipped (stored already), failed (could not be read or analysed).", []string{"result"}, nil)
	errorsDesc = prometheus.NewDesc("quotewire_worker_errors_total",
		"Failures this worker met: units that failed, and requests the NATS server refused or did not answer.", nil, nil)
	runningDesc = prometheus.NewDesc("quotewire_worker_units_running", "Units this worker is processing now.", nil, nil)
	storeDesc   = prometheus.NewDesc("quotewire_store_seconds_total",
		"Time this worker's writes spent, by step: holding the store's names lock, holding its cluster lock (each held by one writer of the store at a time), writing in parallel, waiting for the locks.", []string{"step"}, nil)
	queueUpDesc = prometheus.NewDesc("quotewire_queue_up",
		"1 when the queue's state was read at this scrape, else 0 (and quotewire_queue_units is absent).", nil, nil)
	fetchDesc = prometheus.NewDesc("quotewire_fetch_responses_total",
		"HTTP answers to this process's requests (feeds, pages, robots.txt), by status code.", []string{"code"}, nil)
	fetchBytesDesc = prometheus.NewDesc("quotewire_fetch_bytes_total",
		"Body bytes of those answers as they came over the wire (before gzip or brotli is undone).", nil, nil)
	notModifiedDesc = prometheus.NewDesc("quotewire_fetch_not_modified_total",
		"304 answers to conditional requests: feeds that had not changed.", nil, nil)
	robotsDesc = prometheus.NewDesc("quotewire_fetch_robots_refusals_total",
		"URLs not asked for because the host's robots.txt disallows them.", nil, nil)
	fetchErrorsDesc = prometheus.NewDesc("quotewire_fetch_errors_total",
		"Fetches that failed, by kind: robots, timeout, network, status_4xx, status_5xx, too_large, redirects, backoff, scheme, canceled, other.", []string{"kind"}, nil)
	queueDesc = prometheus.NewDesc("quotewire_queue_units",
		"Units of the whole queue (every worker's), by state: queued (waiting), running (handed to a worker, not yet acknowledged), done, failed (dead letters).", []string{"state"}, nil)
)

// Describe sends the descriptions of every metric the worker may send.
func (c collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{unitsDesc, articlesDesc, errorsDesc, runningDesc, storeDesc, queueUpDesc, queueDesc,
		fetchDesc, fetchBytesDesc, notModifiedDesc, robotsDesc, fetchErrorsDesc} {
		ch <- d
	}
}

// Collect reads the counters and, within the status timeout, the queue.
func (c collector) Collect(ch chan<- prometheus.Metric) {
	var (
		rep  *queue.Report
		qerr error
	)
	if c.cfg.Status != nil {
		ctx, cancel := context.WithTimeout(context.Background(), c.cfg.StatusTimeout)
		rep, qerr = c.cfg.Status(ctx)
		cancel()
		if qerr != nil && c.cfg.Logf != nil {
			c.cfg.Logf("metrics: read the queue's state: %v", qerr)
		}
	}
	var arts Articles
	if c.cfg.Articles != nil {
		arts = c.cfg.Articles()
	}
	u := c.cfg.Units
	counter := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, v, labels...)
	}
	gauge := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, labels...)
	}
	counter(unitsDesc, float64(u.Done.Load()), "done")
	counter(unitsDesc, float64(u.Retried.Load()), "retried")
	counter(unitsDesc, float64(u.Dead.Load()), "dead")
	counter(unitsDesc, float64(u.Interrupted.Load()), "interrupted")
	counter(articlesDesc, float64(arts.Stored), "stored")
	counter(articlesDesc, float64(arts.Skipped), "skipped")
	counter(articlesDesc, float64(arts.Failed), "failed")
	counter(errorsDesc, float64(u.Errors.Load()))
	gauge(runningDesc, float64(u.Running.Load()))
	if c.cfg.StoreTimes != nil {
		st := c.cfg.StoreTimes()
		counter(storeDesc, st.NamesLock, "names_lock")
		counter(storeDesc, st.ClusterLock, "cluster_lock")
		counter(storeDesc, st.Parallel, "parallel")
		counter(storeDesc, st.LockWait, "lock_wait")
	}
	if c.cfg.Fetches != nil {
		fc := c.cfg.Fetches()
		for code, n := range fc.Status {
			counter(fetchDesc, float64(n), strconv.Itoa(code))
		}
		counter(fetchBytesDesc, float64(fc.Bytes))
		counter(notModifiedDesc, float64(fc.NotModified))
		counter(robotsDesc, float64(fc.RobotsRefusals))
		for kind, n := range fc.Errors {
			counter(fetchErrorsDesc, float64(n), kind)
		}
	}
	if c.cfg.Status == nil {
		return
	}
	if qerr != nil || rep == nil {
		gauge(queueUpDesc, 0)
		return
	}
	gauge(queueUpDesc, 1)
	gauge(queueDesc, float64(rep.Queued), "queued")
	gauge(queueDesc, float64(rep.Running), "running")
	gauge(queueDesc, float64(rep.Done), "done")
	gauge(queueDesc, float64(rep.Failed), "failed")
}
