// Package benchserve measures quotewire's HTTP server under many readers
// at once, for the bench-serve command: a set of distinct URLs made from
// the store's own content (BuildTargets), requested by N concurrent
// clients, each in its own shuffled order, for a fixed time (Run); per
// client count it reports requests per second, latency percentiles,
// errors by status and the server's peak resident memory.
//
// Distinct URLs matter: a benchmark that repeats one request measures a
// cache, not the store. Each client walks the whole set in its own
// random order and starts again, so at any moment the clients ask for
// different things, as readers do.
package benchserve

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/quotewire/quotewire/internal/latency"
)

// Config is one benchmark.
type Config struct {
	// Base is the server's address, "http://127.0.0.1:8080", without a
	// trailing slash.
	Base string
	// Targets are the URLs requested (BuildTargets).
	Targets []Target
	// Clients are the numbers of concurrent clients to measure, one run
	// each, in order.
	Clients []int
	// Duration is how long each run sends requests.
	Duration time.Duration
	// Seed shuffles the clients' orders.
	Seed uint64
	// Client sends the requests; nil makes one for the largest client
	// count (NewClient).
	Client *http.Client
	// Memory reads the server's resident memory, and reports whether it
	// could; nil when the server runs elsewhere (ProcessMemory when it
	// runs in this process). ResetPeak starts its peak afresh.
	Memory    func() (Memory, bool)
	ResetPeak func()
	// CPU reads the CPU time the server has used; nil when the server
	// runs elsewhere (ProcessCPU when it runs in this process, where the
	// clients' time is counted too).
	CPU func() time.Duration
	// Background, when set, runs during each run, from its start until
	// the last request (an ingest into the same store, say), and reports
	// how many units of work it did.
	Background func(ctx context.Context) (int, error)
	// Progress, when set, is told each run's result as it ends.
	Progress func(RunResult)
}

// Latency sums up response times, in milliseconds.
type Latency = latency.Summary

// RunResult is what one client count measured.
type RunResult struct {
	Clients int `json:"clients"`
	// Requests counts the answered requests, errors included, and
	// PerSec them per second of the run.
	Requests int     `json:"requests"`
	Seconds  float64 `json:"seconds"`
	PerSec   float64 `json:"requests_per_s"`
	Latency
	// Errors counts the requests not answered 200, by status ("503"),
	// or "transport" for a request that got no answer.
	Errors map[string]int `json:"errors"`
	// ByKind is the latency of each kind of URL.
	ByKind map[string]Latency `json:"by_kind"`
	// PeakRSSBytes is the server process's peak resident memory during
	// the run (0 when unknown): its private memory (the Go heap, SQLite's
	// page caches) and the pages of files it maps (an SQLite store read
	// through mmap, counted once per connection that maps it, though
	// the kernel holds each page once, in its page cache). PeakAnonBytes
	// is the private part alone, sampled every 50 ms.
	PeakRSSBytes  int64 `json:"peak_rss_bytes,omitempty"`
	PeakAnonBytes int64 `json:"peak_anon_bytes,omitempty"`
	// CPUPerRequestMs is the process's CPU time over the requests
	// answered (with the clients in the same process, their share too);
	// unlike requests/s, other programs on the machine hardly move it.
	CPUPerRequestMs float64 `json:"cpu_ms_per_request,omitempty"`
	// Background counts the work the background task did during the run
	// (articles ingested), and BackgroundPerSec per second.
	Background       int     `json:"background,omitempty"`
	BackgroundPerSec float64 `json:"background_per_s,omitempty"`
	BackgroundError  string  `json:"background_error,omitempty"`
}

// Result is a whole benchmark.
type Result struct {
	Base     string      `json:"base"`
	URLs     int         `json:"urls"`
	Kinds    []KindCount `json:"kinds"`
	Duration string      `json:"duration_per_run"`
	Runs     []RunResult `json:"runs"`
}

// KindCount is how many URLs of a kind the set holds.
type KindCount struct {
	Kind string `json:"kind"`
	URLs int    `json:"urls"`
}

// NewClient returns an HTTP client that keeps a connection per client
// (the default transport keeps two idle connections per host, and
// opening new ones would be measured as the server's time), with
// timeout per request.
func NewClient(clients int, timeout time.Duration) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns = clients + 8
	tr.MaxIdleConnsPerHost = clients + 8
	tr.DisableCompression = true
	return &http.Client{Transport: tr, Timeout: timeout}
}

// Run measures each client count of cfg in turn.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	if len(cfg.Targets) == 0 {
		return nil, errors.New("benchserve: no URLs to request")
	}
	if cfg.Duration <= 0 {
		return nil, errors.New("benchserve: the duration must be positive")
	}
	maxClients := 1
	for _, n := range cfg.Clients {
		if n < 1 {
			return nil, fmt.Errorf("benchserve: %d clients: give 1 or more", n)
		}
		maxClients = max(maxClients, n)
	}
	if cfg.Client == nil {
		cfg.Client = NewClient(maxClients, time.Minute)
	}
	res := &Result{Base: cfg.Base, URLs: len(cfg.Targets), Duration: cfg.Duration.String()}
	counts := map[string]int{}
	for _, t := range cfg.Targets {
		counts[t.Kind]++
	}
	for _, k := range Kinds() {
		if counts[k] > 0 {
			res.Kinds = append(res.Kinds, KindCount{k, counts[k]})
		}
	}
	for i, n := range cfg.Clients {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		rr := runOnce(ctx, cfg, n, cfg.Seed+uint64(i)*1000)
		res.Runs = append(res.Runs, rr)
		if cfg.Progress != nil {
			cfg.Progress(rr)
		}
	}
	return res, ctx.Err()
}

// sample is one answered request.
type sample struct {
	kind string
	d    time.Duration
}

// runOnce runs n clients for cfg.Duration.
func runOnce(ctx context.Context, cfg Config, n int, seed uint64) RunResult {
	if cfg.ResetPeak != nil {
		cfg.ResetPeak()
	}
	rr := RunResult{Clients: n, Errors: map[string]int{}}
	var cpu0 time.Duration
	if cfg.CPU != nil {
		cpu0 = cfg.CPU()
	}
	memDone := make(chan struct{})
	memStop := make(chan struct{})
	go func() {
		defer close(memDone)
		if cfg.Memory == nil {
			return
		}
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			if m, ok := cfg.Memory(); ok {
				rr.PeakAnonBytes = max(rr.PeakAnonBytes, m.Anon)
				rr.PeakRSSBytes = max(rr.PeakRSSBytes, m.Peak, m.RSS)
			}
			select {
			case <-memStop:
				return
			case <-t.C:
			}
		}
	}()
	var bgDone chan struct{}
	bgCtx, bgStop := context.WithCancel(ctx)
	defer bgStop()
	if cfg.Background != nil {
		bgDone = make(chan struct{})
		go func() {
			defer close(bgDone)
			done, err := cfg.Background(bgCtx)
			rr.Background = done
			if err != nil && !errors.Is(err, context.Canceled) {
				rr.BackgroundError = err.Error()
			}
		}()
	}
	start := time.Now()
	deadline := start.Add(cfg.Duration)
	var mu sync.Mutex
	var all []sample
	var wg sync.WaitGroup
	for c := 0; c < n; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			r := rand.New(rand.NewPCG(seed, uint64(c)))
			order := r.Perm(len(cfg.Targets))
			var mine []sample
			errs := map[string]int{}
			for i := 0; time.Now().Before(deadline) && ctx.Err() == nil; i++ {
				if i == len(order) {
					r.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
					i = 0
				}
				t := cfg.Targets[order[i]]
				d, status := get(ctx, cfg.Client, cfg.Base+t.Path)
				if ctx.Err() != nil {
					break
				}
				mine = append(mine, sample{t.Kind, d})
				if status != http.StatusOK {
					key := "transport"
					if status > 0 {
						key = strconv.Itoa(status)
					}
					errs[key]++
				}
			}
			mu.Lock()
			all = append(all, mine...)
			for k, v := range errs {
				rr.Errors[k] += v
			}
			mu.Unlock()
		}(c)
	}
	wg.Wait()
	elapsed := time.Since(start)
	if cfg.CPU != nil && len(all) > 0 {
		rr.CPUPerRequestMs = float64((cfg.CPU() - cpu0).Microseconds()) / 1000 / float64(len(all))
	}
	close(memStop)
	<-memDone
	bgStop()
	if bgDone != nil {
		<-bgDone
		rr.BackgroundPerSec = float64(rr.Background) / elapsed.Seconds()
	}
	rr.Requests = len(all)
	rr.Seconds = elapsed.Seconds()
	rr.PerSec = float64(len(all)) / elapsed.Seconds()
	byKind := map[string][]time.Duration{}
	ds := make([]time.Duration, len(all))
	for i, s := range all {
		ds[i] = s.d
		byKind[s.kind] = append(byKind[s.kind], s.d)
	}
	rr.Latency = latency.Of(ds)
	rr.ByKind = map[string]Latency{}
	for k, v := range byKind {
		rr.ByKind[k] = latency.Of(v)
	}
	return rr
}

// get requests url, reads the whole reply and returns how long that took
// and the status (0 when there was no answer).
func get(ctx context.Context, c *http.Client, url string) (time.Duration, int) {
	start := time.Now()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return time.Since(start), 0
	}
	resp, err := c.Do(req)
	if err != nil {
		return time.Since(start), 0
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err != nil {
		return time.Since(start), 0
	}
	return time.Since(start), resp.StatusCode
}

// Write prints the result as tables: one row per client count, then the
// latency by kind of URL at the largest client count.
func (r *Result) Write(w io.Writer) error {
	kinds := make([]string, len(r.Kinds))
	for i, k := range r.Kinds {
		kinds[i] = fmt.Sprintf("%s %d", k.Kind, k.URLs)
	}
	fmt.Fprintf(w, "%d distinct URLs (%s), %s per client count, against %s\n\n", r.URLs, strings.Join(kinds, ", "), r.Duration, r.Base)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	bg := false
	for _, run := range r.Runs {
		bg = bg || run.Background > 0 || run.BackgroundError != ""
	}
	head := "clients\trequests\treq/s\tp50 ms\tp95 ms\tp99 ms\tmax ms\tCPU ms/req\tpeak RSS MB\tof it anon\t"
	if bg {
		head += "ingest/s\t"
	}
	fmt.Fprintln(tw, head+"errors\t")
	for _, run := range r.Runs {
		line := fmt.Sprintf("%d\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%s\t%s\t%s\t", run.Clients, run.Requests, run.PerSec, run.P50, run.P95, run.P99, run.Max,
			orDash(run.CPUPerRequestMs, "%.1f", 1), orDash(float64(run.PeakRSSBytes), "%.0f", 1<<20), orDash(float64(run.PeakAnonBytes), "%.0f", 1<<20))
		if bg {
			line += fmt.Sprintf("%.1f\t", run.BackgroundPerSec)
		}
		fmt.Fprintln(tw, line+errorsText(run.Errors)+"\t")
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, run := range r.Runs {
		if run.BackgroundError != "" {
			fmt.Fprintf(w, "background task at %d clients: %s\n", run.Clients, run.BackgroundError)
		}
	}
	if len(r.Runs) == 0 {
		return nil
	}
	last := r.Runs[len(r.Runs)-1]
	fmt.Fprintf(w, "\nby kind of URL at %d clients:\n", last.Clients)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "kind\trequests\tp50 ms\tp95 ms\tp99 ms\tmax ms\t")
	for _, k := range r.Kinds {
		l, ok := last.ByKind[k.Kind]
		if !ok {
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t\n", k.Kind, l.N, l.P50, l.P95, l.P99, l.Max)
	}
	return tw.Flush()
}

// orDash formats v/unit, or "-" for zero (not measured).
func orDash(v float64, format string, unit float64) string {
	if v == 0 {
		return "-"
	}
	return fmt.Sprintf(format, v/unit)
}

// errorsText writes errors by status: "none", or "503: 4, transport: 1".
func errorsText(errs map[string]int) string {
	if len(errs) == 0 {
		return "none"
	}
	keys := make([]string, 0, len(errs))
	for k := range errs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s: %d", k, errs[k])
	}
	return strings.Join(parts, ", ")
}

// Serve serves h on a free port of 127.0.0.1 and returns its base URL
// and a function that stops it.
func Serve(h http.Handler) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, fmt.Errorf("listen on 127.0.0.1: %w", err)
	}
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	go hs.Serve(ln)
	stop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if hs.Shutdown(ctx) != nil {
			hs.Close()
		}
	}
	return "http://" + ln.Addr().String(), stop, nil
}

// Memory is a process's resident memory, in bytes.
type Memory struct {
	// RSS is resident memory now, Peak its most since the process
	// started or the last ResetPeakRSS, Anon the private part of RSS
	// (not backed by a file).
	RSS, Peak, Anon int64
}

// ProcessMemory reads this process's resident memory from
// /proc/self/status, and reports whether it could (Linux only).
func ProcessMemory() (Memory, bool) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return Memory{}, false
	}
	defer f.Close()
	var m Memory
	found := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, rest, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		var p *int64
		switch name {
		case "VmHWM":
			p = &m.Peak
		case "VmRSS":
			p = &m.RSS
		case "RssAnon":
			p = &m.Anon
		default:
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
		if err != nil {
			return Memory{}, false
		}
		*p = kb << 10
		found++
	}
	return m, found == 3
}

// ResetPeakRSS starts the peak of ProcessMemory afresh from the current
// resident memory (writing 5 to /proc/self/clear_refs, Linux 4.0 and
// later); where it cannot, the peak stays the one since the process
// started.
func ResetPeakRSS() {
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}
