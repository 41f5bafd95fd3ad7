package queue

// Tests of liveness: a killed worker's unit is resumed by another worker
// within the ack wait, and a slow but live worker keeps its unit however
// long it takes.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/quotewire/quotewire/internal/natstest"
)

// The environment of the worker process TestWorkerKilled starts (the test
// binary itself, see TestMain) and kills.
const (
	envKilledNATS  = "QUEUE_TEST_KILLED_NATS"
	envKilledQueue = "QUEUE_TEST_KILLED_QUEUE"
	envKilledSink  = "QUEUE_TEST_KILLED_SINK"
	envKilledAfter = "QUEUE_TEST_KILLED_AFTER"
)

func TestMain(m *testing.M) {
	if os.Getenv(envKilledNATS) != "" {
		os.Exit(killedWorker())
	}
	os.Exit(m.Run())
}

// killedWorker is the worker process of TestWorkerKilled: it runs a Worker
// with the default ack wait whose Handler stores the first articles of its
// unit into the sink and then hangs, until the test kills the process.
func killedWorker() int {
	nc, err := nats.Connect(os.Getenv(envKilledNATS))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	js, err := jetstream.New(nc)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	var after int
	fmt.Sscan(os.Getenv(envKilledAfter), &after)
	sink := fakeSink(os.Getenv(envKilledSink))
	w := &Worker{JS: js, Queue: os.Getenv(envKilledQueue), Workers: 1,
		Logf: func(format string, args ...any) { fmt.Fprintf(os.Stderr, format+"\n", args...) },
		Handle: func(ctx context.Context, u Unit) error {
			for i := range after {
				if _, err := sink.store(articleKey(u, i)); err != nil {
					return err
				}
				time.Sleep(20 * time.Millisecond)
			}
			select {} // in the middle of the unit, until killed
		}}
	if _, err := w.Run(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// fakeSink is a store of articles in a folder: a file per article, created
// once (articles have stable keys, as in the real store), and a log of the
// writes.
type fakeSink string

// articleKey is the key of a unit's i-th article.
func articleKey(u Unit, i int) string { return fmt.Sprintf("%s-%03d", u.Path, i) }

// store stores the article with the key unless it is stored already,
// reporting whether it was added.
func (s fakeSink) store(key string) (bool, error) {
	f, err := os.OpenFile(filepath.Join(string(s), key), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if errors.Is(err, os.ErrExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	f.Close()
	l, err := os.OpenFile(filepath.Join(string(s), "writes.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return false, err
	}
	defer l.Close()
	_, err = fmt.Fprintln(l, key)
	return true, err
}

// writes returns the keys written, in order.
func (s fakeSink) writes(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(string(s), "writes.log"))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	return strings.Fields(string(b))
}

// TestWorkerKilled starts a worker process with the default ack wait, lets
// it take a unit and store part of it, SIGKILLs it, and checks that a
// worker running meanwhile resumes the unit within 30s of the kill (within
// DefaultAckWait of the killed worker's last heartbeat, in fact: about
// 14.6s here) and that the sink ends with each of the unit's articles
// written exactly once.
func TestWorkerKilled(t *testing.T) {
	t.Parallel()
	url := natstest.URL(t)
	js, name := testQueueAt(t, url)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	const articles, before = 30, 10
	unit := Unit{Path: "killed"}
	if _, err := Enqueue(ctx, js, name, []Unit{unit}); err != nil {
		t.Fatal(err)
	}
	sink := fakeSink(t.TempDir())

	var stderr bytes.Buffer
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), envKilledNATS+"="+url, envKilledQueue+"="+name, envKilledSink+"="+string(sink),
		fmt.Sprintf("%s=%d", envKilledAfter, before))
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killed := false
	t.Cleanup(func() {
		if !killed {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	for len(sink.writes(t)) < before {
		if ctx.Err() != nil {
			cmd.Process.Kill()
			cmd.Wait()
			killed = true
			t.Fatalf("the worker process did not store %d articles: %s", before, stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}

	// the other worker, pulling when the first one is killed
	var (
		resumed atomic.Int64 // unix nanoseconds of the unit's first delivery to it
		handled atomic.Int32
		added   atomic.Int32
	)
	w := &Worker{JS: js, Queue: name, Workers: 1, ExitWhenEmpty: true, Logf: t.Logf,
		Handle: func(ctx context.Context, u Unit) error {
			resumed.CompareAndSwap(0, time.Now().UnixNano())
			handled.Add(1)
			for i := range articles {
				ok, err := sink.store(articleKey(u, i))
				if err != nil {
					return err
				}
				if ok {
					added.Add(1)
				}
			}
			return nil
		}}
	if _, err := w.Consumer(ctx); err != nil {
		t.Fatal(err)
	}
	var st WorkerStats
	var runErr error
	var wg sync.WaitGroup
	wg.Go(func() { st, runErr = w.Run(ctx) })
	time.Sleep(200 * time.Millisecond) // the other worker is pulling

	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	kill := time.Now()
	cmd.Wait()
	killed = true
	wg.Wait()
	if runErr != nil {
		t.Fatal(runErr)
	}
	t.Logf("killed worker:\n%s", stderr.String())
	if resumed.Load() == 0 {
		t.Fatalf("the unit was not resumed after the kill (worker stats %+v)", st)
	}
	after := time.Unix(0, resumed.Load()).Sub(kill)
	t.Logf("the unit was resumed %s after the kill (ack wait %s, heartbeats every %s)",
		after.Round(time.Millisecond), DefaultAckWait, HeartbeatInterval(DefaultAckWait))
	if after > 30*time.Second {
		t.Errorf("resumed %s after the kill, want within 30s (the ack wait is %s)", after, DefaultAckWait)
	}
	if st.Done != 1 || handled.Load() != 1 || added.Load() != articles-before {
		t.Errorf("the other worker: stats %+v, handled the unit %d times and added %d articles; want done once, %d added",
			st, handled.Load(), added.Load(), articles-before)
	}
	seen := map[string]int{}
	for _, k := range sink.writes(t) {
		seen[k]++
	}
	for i := range articles {
		if k := articleKey(unit, i); seen[k] != 1 {
			t.Errorf("article %s written %d times, want once", k, seen[k])
		}
	}
	if len(seen) != articles {
		t.Errorf("%d articles written, want %d", len(seen), articles)
	}
	r, err := Status(ctx, js, name, 1)
	if err != nil {
		t.Fatal(err)
	}
	if r.Done != 1 || !r.Finished() || r.Failed != 0 {
		t.Errorf("status %+v, want the unit done", r)
	}
}

// slowUnit runs a Worker with a 2s ack wait whose Handler spends about 8s
// on its one unit, blocked (time.Sleep, deaf to its context, as a worker
// storing a batch or analysing one huge article is), while a second worker
// with the same ack wait pulls all along; cancelAt, when above zero,
// cancels the first worker that long into the unit (a shutdown whose
// Handler finishes the unit anyway). The unit must be delivered once: to
// the first worker, never to the second.
func slowUnit(t *testing.T, cancelAt time.Duration) {
	const ackWait, takes = 2 * time.Second, 8 * time.Second
	js, name := testQueue(t)
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Second)
	defer cancel()
	if _, err := Enqueue(ctx, js, name, []Unit{{Path: "slow"}}); err != nil {
		t.Fatal(err)
	}
	var deliveries atomic.Int32
	started := make(chan struct{})
	ctx1, cancel1 := context.WithCancel(ctx)
	defer cancel1()
	w1 := &Worker{JS: js, Queue: name, AckWait: ackWait, Logf: t.Logf, Name: "slow",
		Handle: func(context.Context, Unit) error {
			if deliveries.Add(1) == 1 {
				close(started)
			}
			time.Sleep(takes)
			return nil
		}}
	var st1 WorkerStats
	var wg sync.WaitGroup
	wg.Go(func() {
		var err error
		if st1, err = w1.Run(ctx1); err != nil {
			t.Error(err)
		}
	})
	select {
	case <-started:
	case <-ctx.Done():
		t.Fatal("the slow worker got no unit")
	}
	begun := time.Now()

	var stolen atomic.Int32
	ctx2, cancel2 := context.WithCancel(ctx)
	defer cancel2()
	w2 := &Worker{JS: js, Queue: name, AckWait: ackWait, Logf: t.Logf, Name: "other",
		Handle: func(context.Context, Unit) error {
			deliveries.Add(1)
			stolen.Add(1)
			return nil
		}}
	wg.Go(func() {
		if _, err := w2.Run(ctx2); err != nil {
			t.Error(err)
		}
	})
	if cancelAt > 0 {
		time.Sleep(cancelAt)
		cancel1()
	}
	// the slow worker done, the other goes on pulling an ack wait longer
	for ctx.Err() == nil {
		time.Sleep(100 * time.Millisecond)
		if r, err := Status(ctx, js, name, 0); err == nil && r.Finished() {
			break
		}
	}
	time.Sleep(ackWait + time.Second)
	cancel1()
	cancel2()
	wg.Wait()
	t.Logf("the unit was done %s after it began", time.Since(begun).Round(time.Millisecond))
	if stolen.Load() != 0 || deliveries.Load() != 1 || st1.Done != 1 {
		t.Errorf("the unit was delivered %d times, %d of them to the other worker; the slow one's stats %+v; want delivered once, to the slow one, done",
			deliveries.Load(), stolen.Load(), st1)
	}
	r, err := Status(context.Background(), js, name, 1)
	if err != nil {
		t.Fatal(err)
	}
	if r.Done != 1 || !r.Finished() || r.Redelivered != 0 {
		t.Errorf("status %+v, want the unit done", r)
	}
}

// TestWorkerSlowUnitKept: a unit that takes four ack waits on a live
// worker stays with it.
func TestWorkerSlowUnitKept(t *testing.T) {
	t.Parallel()
	slowUnit(t, 0)
}

// TestWorkerSlowShutdownKept: a worker told to stop whose Handler still
// takes several ack waits to finish its unit keeps the unit until it
// acknowledges it.
func TestWorkerSlowShutdownKept(t *testing.T) {
	t.Parallel()
	slowUnit(t, time.Second)
}

// TestWorkerShortensOldAckWait: a unit taken under a consumer made with a
// long ack wait (2 minutes, the earlier default) by a worker that then
// died comes back within the new ack wait once a worker with a short one
// starts, not 2 minutes later.
func TestWorkerShortensOldAckWait(t *testing.T) {
	t.Parallel()
	js, name := testQueue(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := Enqueue(ctx, js, name, []Unit{{Path: "held"}}); err != nil {
		t.Fatal(err)
	}
	old := &Worker{JS: js, Queue: name, AckWait: 2 * time.Minute}
	c, err := old.Consumer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Next(jetstream.FetchMaxWait(5 * time.Second)); err != nil {
		t.Fatal(err) // taken, never acknowledged: its worker "died"
	}
	start := time.Now()
	const ackWait = 2 * time.Second
	var handled atomic.Int32
	w := &Worker{JS: js, Queue: name, AckWait: ackWait, ExitWhenEmpty: true, Logf: t.Logf,
		Handle: func(context.Context, Unit) error {
			handled.Add(1)
			return nil
		}}
	st, err := w.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	t.Logf("resumed and done %s after the new worker started", took.Round(time.Millisecond))
	if st.Done != 1 || handled.Load() != 1 || took > ackWait+5*time.Second {
		t.Errorf("stats %+v, handled %d times in %s; want done once within about %s", st, handled.Load(), took, ackWait)
	}
	ci, err := c.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ci.Config.AckWait != ackWait {
		t.Errorf("the consumer's ack wait is %s, want %s", ci.Config.AckWait, ackWait)
	}
}

// TestWorkerFollowsShorterAckWait: a running worker whose consumer's ack
// wait another worker shortens paces its heartbeats on the new one, so a
// unit it then takes and holds for several of the new ack waits stays with
// it.
func TestWorkerFollowsShorterAckWait(t *testing.T) {
	t.Parallel()
	js, name := testQueue(t)
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Second)
	defer cancel()
	const long, short, takes = 12 * time.Second, 2 * time.Second, 6 * time.Second
	noticed := make(chan struct{})
	var once sync.Once
	started := make(chan struct{})
	var handled atomic.Int32
	w1 := &Worker{JS: js, Queue: name, AckWait: long,
		Logf: func(format string, args ...any) {
			msg := fmt.Sprintf(format, args...)
			t.Log(msg)
			if strings.Contains(msg, "ack wait is now "+short.String()) {
				once.Do(func() { close(noticed) })
			}
		},
		Handle: func(context.Context, Unit) error {
			if handled.Add(1) == 1 {
				close(started)
			}
			time.Sleep(takes)
			return nil
		}}
	ctx1, cancel1 := context.WithCancel(ctx)
	defer cancel1()
	var st1 WorkerStats
	var wg sync.WaitGroup
	wg.Go(func() {
		var err error
		if st1, err = w1.Run(ctx1); err != nil {
			t.Error(err)
		}
	})
	// wait for the first worker's consumer, then shorten its ack wait as a
	// worker started with --ack-wait 2s does
	for {
		if _, err := js.Consumer(ctx, NamesFor(name).Stream, NamesFor(name).Consumer); err == nil {
			break
		}
		if ctx.Err() != nil {
			t.Fatal("no consumer")
		}
		time.Sleep(20 * time.Millisecond)
	}
	w2 := &Worker{JS: js, Queue: name, AckWait: short, Logf: t.Logf,
		Handle: func(context.Context, Unit) error {
			handled.Add(1)
			return nil
		}}
	if _, err := w2.Consumer(ctx); err != nil {
		t.Fatal(err)
	}
	select {
	case <-noticed:
	case <-time.After(HeartbeatInterval(long) + 2*time.Second):
		t.Fatal("the first worker did not notice the consumer's shorter ack wait")
	}
	if _, err := Enqueue(ctx, js, name, []Unit{{Path: "slow"}}); err != nil {
		t.Fatal(err)
	}
	<-started
	ctx2, cancel2 := context.WithCancel(ctx)
	defer cancel2()
	wg.Go(func() {
		if _, err := w2.Run(ctx2); err != nil {
			t.Error(err)
		}
	})
	time.Sleep(takes + short)
	cancel1()
	cancel2()
	wg.Wait()
	if handled.Load() != 1 || st1.Done != 1 {
		t.Errorf("the unit was handled %d times, the first worker's stats %+v; want once, by the first worker", handled.Load(), st1)
	}
}

// TestWorkerAckWaitBounds: an ack wait below MinAckWait is refused before
// anything is asked of the server, and the heartbeats come several times
// an ack wait.
func TestWorkerAckWaitBounds(t *testing.T) {
	w := &Worker{AckWait: MinAckWait - time.Millisecond}
	if _, err := w.Run(context.Background()); err == nil || !strings.Contains(err.Error(), "at least") {
		t.Errorf("ack wait %s: %v, want refused", w.AckWait, err)
	}
	if HeartbeatsPerAckWait < 3 || HeartbeatInterval(DefaultAckWait) > DefaultAckWait/3 {
		t.Errorf("heartbeats every %s for an ack wait of %s: want at least three per ack wait", HeartbeatInterval(DefaultAckWait), DefaultAckWait)
	}
	if DefaultAckWait > 20*time.Second || DefaultAckWait < MinAckWait {
		t.Errorf("DefaultAckWait %s: a killed worker's unit must come back within 30s", DefaultAckWait)
	}
	p := &pace{own: 12 * time.Second}
	if !p.set(12*time.Second) || p.every() != 3*time.Second {
		t.Errorf("own ack wait: every %s", p.every())
	}
	if !p.set(2*time.Second) || p.every() != 500*time.Millisecond || p.set(2*time.Second) {
		t.Errorf("a shorter consumer ack wait: every %s", p.every())
	}
	if !p.set(time.Minute) || p.every() != 3*time.Second {
		t.Errorf("a longer consumer ack wait: every %s", p.every())
	}
}
