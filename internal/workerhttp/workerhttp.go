// Package workerhttp serves a queue worker's operational endpoints over
// HTTP, for a service manager or an orchestrator and for Prometheus:
//
//	GET /healthz  200 {"status":"ok"} while the process runs
//	GET /readyz   200 {"status":"ok"} when every readiness check passes
//	              within the ready timeout, else 503 {"error":"..."}
//	GET /metrics  the Prometheus text exposition format (version 0.0.4)
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
//
// The quotewire_queue_units series are left out, and quotewire_queue_up is
// 0, when the queue's state cannot be read within the status timeout; the
// store series are there for a store that keeps the times (PostgreSQL).
package workerhttp

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

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
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", h.health)
	mux.HandleFunc("GET /readyz", h.ready)
	mux.HandleFunc("GET /metrics", h.metrics)
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

// metrics writes the metrics; the queue's state is read first, so that a
// slow server delays the reply rather than cutting it.
func (h *handler) metrics(w http.ResponseWriter, r *http.Request) {
	var (
		rep  *queue.Report
		qerr error
	)
	if h.cfg.Status != nil {
		ctx, cancel := context.WithTimeout(r.Context(), h.cfg.StatusTimeout)
		rep, qerr = h.cfg.Status(ctx)
		cancel()
		if qerr != nil && h.cfg.Logf != nil {
			h.cfg.Logf("metrics: read the queue's state: %v", qerr)
		}
	}
	var arts Articles
	if h.cfg.Articles != nil {
		arts = h.cfg.Articles()
	}
	u := h.cfg.Units

	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	bw := bufio.NewWriter(w)
	defer bw.Flush()

	header(bw, "quotewire_worker_units_total", "counter", "Units of work this worker settled, by result: done (acknowledged), retried (handed back to be retried), dead (dead-lettered), interrupted (handed back on shutdown).")
	for _, c := range []struct {
		result string
		v      int64
	}{{"done", u.Done.Load()}, {"retried", u.Retried.Load()}, {"dead", u.Dead.Load()}, {"interrupted", u.Interrupted.Load()}} {
		fmt.Fprintf(bw, "quotewire_worker_units_total{result=%q} %d\n", c.result, c.v)
	}
	header(bw, "quotewire_worker_articles_total", "counter", "Articles this worker handled, by result: stored (analysed and stored), skipped (stored already), failed (could not be read or analysed).")
	for _, c := range []struct {
		result string
		v      int64
	}{{"stored", arts.Stored}, {"skipped", arts.Skipped}, {"failed", arts.Failed}} {
		fmt.Fprintf(bw, "quotewire_worker_articles_total{result=%q} %d\n", c.result, c.v)
	}
	header(bw, "quotewire_worker_errors_total", "counter", "Failures this worker met: units that failed, and requests the NATS server refused or did not answer.")
	fmt.Fprintf(bw, "quotewire_worker_errors_total %d\n", u.Errors.Load())
	header(bw, "quotewire_worker_units_running", "gauge", "Units this worker is processing now.")
	fmt.Fprintf(bw, "quotewire_worker_units_running %d\n", u.Running.Load())
	if h.cfg.StoreTimes != nil {
		st := h.cfg.StoreTimes()
		header(bw, "quotewire_store_seconds_total", "counter", "Time this worker's writes spent, by step: holding the store's names lock, holding its cluster lock (each held by one writer of the store at a time), writing in parallel, waiting for the locks.")
		for _, c := range []struct {
			step string
			v    float64
		}{{"names_lock", st.NamesLock}, {"cluster_lock", st.ClusterLock}, {"parallel", st.Parallel}, {"lock_wait", st.LockWait}} {
			fmt.Fprintf(bw, "quotewire_store_seconds_total{step=%q} %g\n", c.step, c.v)
		}
	}

	if h.cfg.Status == nil {
		return
	}
	header(bw, "quotewire_queue_up", "gauge", "1 when the queue's state was read at this scrape, else 0 (and quotewire_queue_units is absent).")
	if qerr != nil || rep == nil {
		fmt.Fprintln(bw, "quotewire_queue_up 0")
		return
	}
	fmt.Fprintln(bw, "quotewire_queue_up 1")
	header(bw, "quotewire_queue_units", "gauge", "Units of the whole queue (every worker's), by state: queued (waiting), running (handed to a worker, not yet acknowledged), done, failed (dead letters).")
	for _, c := range []struct {
		state string
		v     int
	}{{"queued", rep.Queued}, {"running", rep.Running}, {"done", rep.Done}, {"failed", rep.Failed}} {
		fmt.Fprintf(bw, "quotewire_queue_units{state=%q} %d\n", c.state, c.v)
	}
}

func header(w *bufio.Writer, name, typ, help string) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, typ)
}
