package queue

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/quotewire/quotewire/internal/natstest"
)

// testQueue connects to the test NATS server (natstest.URL: the
// machine's when QUOTEWIRE_TEST_NATS names it, else one in the test
// process) and returns its JetStream context and a queue name of its own,
// deleted when the test ends.
func testQueue(t *testing.T) (jetstream.JetStream, string) {
	t.Helper()
	return testQueueAt(t, natstest.URL(t))
}

// testQueueAt is testQueue on the NATS server at url.
func testQueueAt(t *testing.T, url string) (jetstream.JetStream, string) {
	t.Helper()
	js := natstest.Connect(t, url)
	b := make([]byte, 4)
	rand.Read(b)
	name := "qw_test_" + hex.EncodeToString(b)
	t.Cleanup(func() {
		if err := Delete(context.Background(), js, name); err != nil {
			t.Errorf("delete queue %s: %v", name, err)
		}
	})
	return js, name
}

// TestWorkerRetriesAndDeadLetters runs a handler that fails on one unit:
// the others are done once each, the failing one is delivered MaxDeliver
// times and ends as a dead letter with its reason.
func TestWorkerRetriesAndDeadLetters(t *testing.T) {
	js, name := testQueue(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	units := []Unit{{Path: "a"}, {Path: "b"}, {Path: "bad"}, {Path: "big", Start: 0, End: 10, Line: 1}, {Path: "big", Start: 10, End: 20, Line: 5}}
	res, err := Enqueue(ctx, js, name, units)
	if err != nil {
		t.Fatal(err)
	}
	if res.Published != len(units) || res.Duplicates != 0 {
		t.Fatalf("enqueue: %+v", res)
	}
	// enqueuing again within the duplicate window adds nothing
	if res, err := Enqueue(ctx, js, name, units[:2]); err != nil || res.Duplicates != 2 || res.Published != 0 {
		t.Fatalf("enqueue again: %+v, %v", res, err)
	}
	r, err := Status(ctx, js, name, 20)
	if err != nil {
		t.Fatal(err)
	}
	if r.Enqueued != 5 || r.Queued != 5 || r.Running != 0 || r.Done != 0 || r.Failed != 0 {
		t.Errorf("status before work: %+v", r)
	}

	var mu sync.Mutex
	seen := map[string]int{}
	var counters Counters
	w := &Worker{JS: js, Queue: name, Workers: 2, MaxDeliver: 3, RetryDelay: 50 * time.Millisecond, AckWait: 5 * time.Second,
		ExitWhenEmpty: true, Logf: t.Logf, Counters: &counters,
		Handle: func(ctx context.Context, u Unit) error {
			mu.Lock()
			seen[u.String()]++
			mu.Unlock()
			if u.Path == "bad" {
				return errors.New("open bad: no such file")
			}
			return nil
		}}
	st, err := w.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Done != 4 || st.Dead != 1 || st.Retried != 2 {
		t.Errorf("worker stats %+v, want 4 done, 2 retried, 1 dead", st)
	}
	// the bad unit's three failed deliveries are the errors
	if c := &counters; c.Done.Load() != 4 || c.Retried.Load() != 2 || c.Dead.Load() != 1 || c.Interrupted.Load() != 0 ||
		c.Running.Load() != 0 || c.Errors.Load() != 3 {
		t.Errorf("counters: done %d, retried %d, dead %d, interrupted %d, running %d, errors %d; want 4, 2, 1, 0, 0, 3",
			c.Done.Load(), c.Retried.Load(), c.Dead.Load(), c.Interrupted.Load(), c.Running.Load(), c.Errors.Load())
	}
	for _, u := range units {
		want := 1
		if u.Path == "bad" {
			want = 3
		}
		if seen[u.String()] != want {
			t.Errorf("%s handled %d times, want %d", u, seen[u.String()], want)
		}
	}
	r, err = Status(ctx, js, name, 20)
	if err != nil {
		t.Fatal(err)
	}
	if r.Enqueued != 5 || r.Queued != 0 || r.Running != 0 || r.Done != 4 || r.Failed != 1 || !r.Finished() {
		t.Errorf("status after work: %+v", r)
	}
	if len(r.Dead) != 1 || r.Dead[0].Unit.Path != "bad" || r.Dead[0].Deliveries != 3 || r.Dead[0].Reason != "open bad: no such file" {
		t.Errorf("dead letters %+v", r.Dead)
	}
}

// TestDeadLettersLast checks that Status returns the last dead letters,
// oldest first, and that a message that is not a unit is dead-lettered at
// once.
func TestDeadLettersLast(t *testing.T) {
	js, name := testQueue(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var units []Unit
	for i := range 5 {
		units = append(units, Unit{Path: fmt.Sprintf("f%d", i)})
	}
	if _, err := Enqueue(ctx, js, name, units); err != nil {
		t.Fatal(err)
	}
	if _, err := js.Publish(ctx, NamesFor(name).Work, []byte(`{"v":99,"path":"x"}`)); err != nil {
		t.Fatal(err)
	}
	w := &Worker{JS: js, Queue: name, MaxDeliver: 1, ExitWhenEmpty: true,
		Handle: func(ctx context.Context, u Unit) error { return fmt.Errorf("fail %s", u.Path) }}
	if _, err := w.Run(ctx); err != nil {
		t.Fatal(err)
	}
	r, err := Status(ctx, js, name, 3)
	if err != nil {
		t.Fatal(err)
	}
	if r.Failed != 6 || len(r.Dead) != 3 {
		t.Fatalf("status %+v, want 6 failed and the last 3 dead letters", r)
	}
	if r.Dead[0].Reason != "fail f3" || r.Dead[1].Reason != "fail f4" || r.Dead[2].Raw == "" {
		t.Errorf("last dead letters %+v", r.Dead)
	}
}

// TestWorkerAcksSlowUnits runs units that take longer than the time
// allowed to settle a message: each is still acknowledged once, not
// delivered again (the bound on settling counts from when it starts, not
// from when the unit was taken).
func TestWorkerAcksSlowUnits(t *testing.T) {
	js, name := testQueue(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	old := settleTimeout
	settleTimeout = 200 * time.Millisecond
	defer func() { settleTimeout = old }()
	units := []Unit{{Path: "slow1"}, {Path: "slow2"}}
	if _, err := Enqueue(ctx, js, name, units); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	seen := map[string]int{}
	w := &Worker{JS: js, Queue: name, Workers: 2, MaxDeliver: 3, RetryDelay: 50 * time.Millisecond, AckWait: 3 * time.Second,
		ExitWhenEmpty: true, Logf: t.Logf,
		Handle: func(ctx context.Context, u Unit) error {
			mu.Lock()
			seen[u.String()]++
			mu.Unlock()
			time.Sleep(3 * settleTimeout)
			return nil
		}}
	st, err := w.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Done != 2 || st.Retried != 0 {
		t.Errorf("worker stats %+v, want 2 done, none retried", st)
	}
	for _, u := range units {
		if seen[u.String()] != 1 {
			t.Errorf("%s handled %d times, want once", u, seen[u.String()])
		}
	}
}
