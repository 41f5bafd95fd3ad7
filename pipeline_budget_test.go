package quotewire_test

import (
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/quotewire/quotewire"
)

// TestBudget runs articles of several sizes through a pipeline with a
// Budget from many goroutines at once and checks, with a stage that
// counts the text in its hands, that the text analysed at once never
// exceeds the budget but when one article larger than it runs alone, and
// that small articles do run side by side. Without a Budget nothing waits.
func TestBudget(t *testing.T) {
	cases := []struct {
		name    string
		budget  *quotewire.Budget
		sizes   []int
		maxAt   int64 // the most text allowed at once
		wantPar bool  // two articles at once must have been seen
	}{
		{"small ones side by side", quotewire.NewBudget(100), []int{10, 20, 30, 10, 20, 30, 40}, 100, true},
		{"larger than the budget runs alone", quotewire.NewBudget(100), []int{500, 10, 500, 20, 30}, 500, false}, // 510 at once would fail
		{"two halves and more", quotewire.NewBudget(100), []int{60, 60, 60, 60}, 100, false},
		{"no budget", nil, []int{60, 60, 60, 60}, 240, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var inHand, most, overlaps atomic.Int64
			var running atomic.Int64
			p := &quotewire.Pipeline{Budget: c.budget, Stages: []quotewire.NamedStage{{Name: "count", Stage: quotewire.StageFunc(func(d *quotewire.Document) error {
				n := inHand.Add(int64(len(d.Text)))
				if running.Add(1) > 1 {
					overlaps.Add(1)
				}
				for {
					m := most.Load()
					if n <= m || most.CompareAndSwap(m, n) {
						break
					}
				}
				time.Sleep(20 * time.Millisecond)
				running.Add(-1)
				inHand.Add(-int64(len(d.Text)))
				return nil
			})}}}
			var wg sync.WaitGroup
			for i, n := range c.sizes {
				wg.Add(1)
				go func() {
					defer wg.Done()
					a := quotewire.Article{ID: "a", Text: strings.Repeat("x", n)}
					var err error
					if i%2 == 0 {
						_, err = p.Extract(a)
					} else {
						_, err = p.Run(a)
					}
					if err != nil {
						t.Error(err)
					}
				}()
			}
			wg.Wait()
			if most.Load() > c.maxAt {
				t.Errorf("%d bytes of text analysed at once, want at most %d", most.Load(), c.maxAt)
			}
			if c.wantPar && overlaps.Load() == 0 {
				t.Errorf("no two articles were analysed at once")
			}
		})
	}
}
