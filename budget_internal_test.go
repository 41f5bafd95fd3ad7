package quotewire

import (
	"testing"
	"time"
)

// TestBudgetArrivalOrder checks that a Budget lets analyses in in the
// order they came: a small text that would fit waits behind a large one
// waiting for room, so a giant article is never starved by small ones.
func TestBudgetArrivalOrder(t *testing.T) {
	b := NewBudget(100)
	giveFirst := b.take(60)
	order := make(chan string, 2)
	go func() {
		give := b.take(500) // larger than the budget: all of it
		order <- "large"
		give()
	}()
	waitFor(t, func() bool { b.mu.Lock(); defer b.mu.Unlock(); return len(b.waiting) == 1 })
	go func() {
		give := b.take(10) // would fit beside the 60, but comes after the large one
		order <- "small"
		give()
	}()
	waitFor(t, func() bool { b.mu.Lock(); defer b.mu.Unlock(); return len(b.waiting) == 2 })
	select {
	case got := <-order:
		t.Fatalf("%s ran while 60 of 100 bytes were taken and the large one was waiting", got)
	case <-time.After(20 * time.Millisecond):
	}
	giveFirst()
	if first, second := <-order, <-order; first != "large" || second != "small" {
		t.Errorf("order %s, %s; want large, small", first, second)
	}
	// all given back once both are done
	waitFor(t, func() bool { b.mu.Lock(); defer b.mu.Unlock(); return b.used == 0 && len(b.waiting) == 0 })
}

// waitFor waits until cond holds, for at most 5 s.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
	}
}
