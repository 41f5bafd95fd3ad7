package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/quotewire/quotewire/internal/natstest"
	"github.com/quotewire/quotewire/internal/workerhttp"
)

// httpGet returns the status and body of a GET of url.
func httpGet(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, string(b)
}

var promSample = regexp.MustCompile(`^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? (\S+)$`)

// promSamples parses the Prometheus text format line by line: comments,
// and samples name{labels} value; it returns the values by name and labels
// as written.
func promSamples(t *testing.T, text string) map[string]float64 {
	t.Helper()
	out := map[string]float64{}
	for i, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if strings.HasPrefix(line, "# HELP ") || strings.HasPrefix(line, "# TYPE ") {
			continue
		}
		m := promSample.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("metrics line %d is not name{labels} value: %q", i+1, line)
			continue
		}
		v, err := strconv.ParseFloat(m[3], 64)
		if err != nil {
			t.Errorf("metrics line %d: %v", i+1, err)
		}
		out[m[1]+m[2]] = v
	}
	return out
}

// TestWorkerMetrics runs a worker with --metrics-addr in-process on a
// queue holding one file and checks its /healthz, /readyz and /metrics:
// the counters move once the unit is processed, and the server stops
// with the worker.
func TestWorkerMetrics(t *testing.T) {
	url, name := testNATS(t)
	db := filepath.Join(t.TempDir(), "q.db")
	if code, _, stderr := run(t, "", "enqueue", "--nats", url, "--queue", name, seedFile); code != 0 {
		t.Fatalf("enqueue: exit %d: %s", code, stderr)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr strings.Builder
	log := &syncWriter{b: &stderr}
	logged := func() string {
		log.mu.Lock()
		defer log.mu.Unlock()
		return stderr.String()
	}
	exited := make(chan int, 1)
	go func() {
		m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: log}
		exited <- m.Run(ctx, []string{"worker", "--nats", url, "--queue", name, "--db", db, "--workers", "1",
			"--ack-wait", "10s", "--metrics-addr", "127.0.0.1:0"})
	}()

	// the address is logged once the server listens
	addrRE := regexp.MustCompile(`metrics at http://([0-9.:]+)/metrics`)
	var base string
	for deadline := time.Now().Add(20 * time.Second); base == ""; {
		if m := addrRE.FindStringSubmatch(logged()); m != nil {
			base = "http://" + m[1]
			break
		}
		select {
		case code := <-exited:
			t.Fatalf("worker exited with %d before serving metrics: %s", code, logged())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no metrics address logged: %s", logged())
		}
		time.Sleep(20 * time.Millisecond)
	}

	if code, body := httpGet(t, base+"/healthz"); code != 200 || strings.TrimSpace(body) != `{"status":"ok"}` {
		t.Errorf("healthz: %d %s", code, body)
	}
	if code, body := httpGet(t, base+"/readyz"); code != 200 || strings.TrimSpace(body) != `{"status":"ok"}` {
		t.Errorf("readyz: %d %s", code, body)
	}

	// wait for the unit to be done
	var m map[string]float64
	for deadline := time.Now().Add(30 * time.Second); ; {
		code, body := httpGet(t, base+"/metrics")
		if code != 200 {
			t.Fatalf("metrics: %d %s", code, body)
		}
		m = promSamples(t, body)
		if m[`quotewire_worker_units_total{result="done"}`] == 1 && m[`quotewire_queue_units{state="done"}`] == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the unit was not done in time:\n%s\n%s", body, logged())
		}
		time.Sleep(50 * time.Millisecond)
	}
	for series, want := range map[string]float64{
		`quotewire_worker_units_total{result="done"}`:       1,
		`quotewire_worker_units_total{result="retried"}`:    0,
		`quotewire_worker_units_total{result="dead"}`:       0,
		`quotewire_worker_articles_total{result="stored"}`:  1,
		`quotewire_worker_articles_total{result="skipped"}`: 0,
		`quotewire_worker_articles_total{result="failed"}`:  0,
		`quotewire_worker_errors_total`:                     0,
		`quotewire_worker_units_running`:                    0,
		`quotewire_queue_up`:                                1,
		`quotewire_queue_units{state="queued"}`:             0,
		`quotewire_queue_units{state="running"}`:            0,
		`quotewire_queue_units{state="done"}`:               1,
		`quotewire_queue_units{state="failed"}`:             0,
	} {
		if got, ok := m[series]; !ok || got != want {
			t.Errorf("%s = %v (present %v), want %v", series, got, ok, want)
		}
	}

	// the metrics server stops with the worker
	cancel()
	select {
	case code := <-exited:
		if code != exitOK {
			t.Errorf("worker exit %d, want %d: %s", code, exitOK, logged())
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("the worker did not stop: %s", logged())
	}
	if res, err := http.Get(base + "/healthz"); err == nil {
		res.Body.Close()
		t.Errorf("the metrics server still answers after the worker stopped")
	}
}

func TestWorkerMetricsAddrUsage(t *testing.T) {
	code, _, stderr := run(t, "", "worker", "--nats", "nats://127.0.0.1:1", "--metrics-addr", "localhost")
	if code != exitUsage || !strings.Contains(stderr, "--metrics-addr") || !strings.Contains(stderr, "host:port") {
		t.Errorf("exit %d, %s; want a usage error naming --metrics-addr", code, stderr)
	}
}

// TestWorkerChecks checks each readiness check of the worker against a
// real NATS connection and SQLite store: ready, then not ready once the
// worker shuts down, NATS is disconnected or the store is closed.
func TestWorkerChecks(t *testing.T) {
	url, _ := testNATS(t)
	setup := func(t *testing.T) (http.Handler, context.CancelFunc, *nats.Conn, func() error) {
		t.Helper()
		js := natstest.Connect(t, url)
		s, err := openStore(filepath.Join(t.TempDir(), "q.db"), false)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		ctx, cancel := context.WithCancel(context.Background())
		t.Cleanup(cancel)
		return workerhttp.New(workerhttp.Config{Checks: workerChecks(ctx, js, s)}), cancel, js.Conn(), s.Close
	}
	ready := func(t *testing.T, h http.Handler) (int, string) {
		t.Helper()
		srv := httptest.NewServer(h)
		defer srv.Close()
		code, body := httpGet(t, srv.URL+"/readyz")
		var reply struct{ Status, Error string }
		if err := json.Unmarshal([]byte(body), &reply); err != nil {
			t.Fatalf("readyz body %q: %v", body, err)
		}
		return code, reply.Error
	}
	tests := []struct {
		name   string
		breaks func(cancel context.CancelFunc, nc *nats.Conn, closeStore func() error)
		reason string
	}{
		{"shutting down", func(cancel context.CancelFunc, _ *nats.Conn, _ func() error) { cancel() }, "worker: shutting down"},
		{"nats closed", func(_ context.CancelFunc, nc *nats.Conn, _ func() error) { nc.Close() }, "nats: not connected (CLOSED)"},
		{"store closed", func(_ context.CancelFunc, _ *nats.Conn, closeStore func() error) { closeStore() }, "store: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, cancel, nc, closeStore := setup(t)
			if code, reason := ready(t, h); code != 200 {
				t.Fatalf("readyz before: %d %s", code, reason)
			}
			tt.breaks(cancel, nc, closeStore)
			if code, reason := ready(t, h); code != 503 || !strings.HasPrefix(reason, tt.reason) {
				t.Errorf("readyz after: %d %q, want 503 %q", code, reason, tt.reason)
			}
		})
	}
}
