package ahead

import (
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"
)

// TestWaitInOrder checks that each item's result is ready when Wait(k)
// returns, whatever order the items finish in, that WaitAll returns the
// first failed item's error in order, and that no work is left running
// after WaitAll.
func TestWaitInOrder(t *testing.T) {
	const n = 100
	out := make([]int, n)
	var running atomic.Int32
	b := Start(n, func(k int) error {
		running.Add(1)
		defer running.Add(-1)
		if k%7 == 0 {
			time.Sleep(time.Millisecond) // some finish late
		}
		out[k] = k * k
		if k == 41 || k == 83 {
			return fmt.Errorf("item %d", k)
		}
		return nil
	})
	for k := range n {
		err := b.Wait(k)
		if out[k] != k*k {
			t.Fatalf("item %d: %d after Wait, want %d", k, out[k], k*k)
		}
		if (err != nil) != (k == 41 || k == 83) {
			t.Errorf("item %d: error %v", k, err)
		}
	}
	if err := b.WaitAll(); err == nil || err.Error() != "item 41" {
		t.Errorf("WaitAll = %v, want item 41's error", err)
	}
	if r := running.Load(); r != 0 {
		t.Errorf("%d items still running after WaitAll", r)
	}
	if err := b.WaitAll(); err == nil || err.Error() != "item 41" {
		t.Errorf("WaitAll again = %v", err)
	}
}

// TestEmpty checks a batch of no items.
func TestEmpty(t *testing.T) {
	if err := Start(0, func(int) error { return errors.New("called") }).WaitAll(); err != nil {
		t.Fatal(err)
	}
}

// TestWaitAllAfterEarlyReturn checks that a writer that stops waiting
// part-way (an error at item 3) still finds every item's work done after
// WaitAll, none of it run twice.
func TestWaitAllAfterEarlyReturn(t *testing.T) {
	var calls [50]atomic.Int32
	b := Start(len(calls), func(k int) error {
		calls[k].Add(1)
		return nil
	})
	for k := range 3 {
		b.Wait(k)
	}
	if err := b.WaitAll(); err != nil {
		t.Fatal(err)
	}
	for k := range calls {
		if c := calls[k].Load(); c != 1 {
			t.Errorf("item %d worked %d times", k, c)
		}
	}
}
