package queue_test

import (
	"context"
	"encoding/hex"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/quotewire/quotewire/internal/natstest"
	"github.com/quotewire/quotewire/queue"
)

// testJetStream connects to the test NATS server (natstest.URL) for the
// test's time.
func testJetStream(t *testing.T) jetstream.JetStream {
	t.Helper()
	return natstest.Connect(t, natstest.URL(t))
}

// TestHostGate: two gates on one queue (two workers) never hold a host at
// once, and the second waits for the pause after the first's request.
func TestHostGate(t *testing.T) {
	js := testJetStream(t)
	ctx := context.Background()
	name := "qw_test_hosts_" + time.Now().Format("150405.000000")
	t.Cleanup(func() { queue.Delete(context.Background(), js, name) })
	g1, err := queue.NewHostGate(ctx, js, name, 0)
	if err != nil {
		t.Fatal(err)
	}
	g2, err := queue.NewHostGate(ctx, js, name, 0)
	if err != nil {
		t.Fatal(err)
	}
	const host = "http://127.0.0.1:8080"
	var mu sync.Mutex
	var holding int
	var spans [][2]time.Time
	var wg sync.WaitGroup
	for i, g := range []*queue.HostGate{g1, g2, g1, g2} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			release, err := g.Acquire(ctx, host, 100*time.Millisecond)
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			holding++
			if holding > 1 {
				t.Errorf("request %d: %d holders of one host", i, holding)
			}
			mu.Unlock()
			start := time.Now()
			time.Sleep(20 * time.Millisecond)
			mu.Lock()
			holding--
			spans = append(spans, [2]time.Time{start, time.Now()})
			mu.Unlock()
			release()
		}()
	}
	wg.Wait()
	for i := 1; i < len(spans); i++ {
		if gap := spans[i][0].Sub(spans[i-1][1]); gap < 90*time.Millisecond {
			t.Errorf("request %d started %s after the one before ended; the pause is 100ms", i, gap)
		}
	}
	// another host is not held up
	cctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	if release, err := g2.Acquire(cctx, "https://other.example", 0); err != nil {
		t.Errorf("another host: %v", err)
	} else {
		release()
	}
	// a host held and never freed: a waiter gives up with its context
	if _, err := g1.Acquire(ctx, "https://held.example", time.Hour); err != nil {
		t.Fatal(err)
	}
	cctx2, cancel2 := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel2()
	if _, err := g2.Acquire(cctx2, "https://held.example", 0); err == nil {
		t.Error("a held host was handed out again")
	}
}

// TestHostGateKeepsAndExpires: a host held longer than the TTL stays held
// (its key is written again), and one whose holder died is free within
// the TTL.
func TestHostGateKeepsAndExpires(t *testing.T) {
	js := testJetStream(t)
	ctx := context.Background()
	name := "qw_test_hostttl_" + time.Now().Format("150405.000000")
	t.Cleanup(func() { queue.Delete(context.Background(), js, name) })
	g, err := queue.NewHostGate(ctx, js, name, 600*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	release, err := g.Acquire(ctx, "https://slow.example", 0)
	if err != nil {
		t.Fatal(err)
	}
	cctx, cancel := context.WithTimeout(ctx, 1500*time.Millisecond)
	_, err = g.Acquire(cctx, "https://slow.example", 0)
	cancel()
	if err == nil {
		t.Fatal("a host held for 2.5 TTLs was handed out again")
	}
	release()

	// a dead holder: its key written once, never again
	kv, err := js.KeyValue(ctx, queue.NamesFor(name).Hosts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := kv.Create(ctx, "h"+hex.EncodeToString([]byte("https://dead.example")), nil); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	cctx, cancel = context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if _, err := g.Acquire(cctx, "https://dead.example", 0); err != nil {
		t.Fatalf("a dead holder's host: %v", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("freed after %s; the TTL is 600ms", d)
	}
}
