package engine

import (
	"errors"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/internal/proc"
)

// timeExtract returns the CPU time the default pipeline takes on text
// (the wall clock where the system does not say) and the bytes it
// allocated. CPU time is what other test binaries sharing the machine
// disturb least.
func timeExtract(t *testing.T, text string) (time.Duration, uint64) {
	t.Helper()
	p := mustNew(t)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	t0, c0 := time.Now(), proc.CPU()
	a, err := p.Extract(quotewire.Article{ID: "big", Text: text})
	d, c := time.Since(t0), proc.CPU()-c0
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Quotes) == 0 {
		t.Fatal("no quotes found in a text made of quotes")
	}
	if c <= 0 {
		c = d
	}
	return c, after.TotalAlloc - before.TotalAlloc
}

func repeatTo(unit string, n int) string {
	var b strings.Builder
	b.Grow(n + len(unit))
	for b.Len() < n {
		b.WriteString(unit)
	}
	return b.String()
}

// TestLinearGrowth checks that a 20 MB article finishes and that time and
// allocation grow linearly. It compares like volumes: ten 2 MB articles
// against one 20 MB article, so linear work costs about the same on both
// sides and quadratic work ten times more; allocation is compared with one
// 2 MB article. It also feeds one giant unpunctuated sentence full of cues,
// the worst case for look-around rules.
func TestLinearGrowth(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the 20 MB article in -short mode")
	}
	art, _ := readSeed(t)
	cases := []struct {
		name string
		unit string
	}{
		{"articles", art.Text + "\n\n"},
		{"one sentence", "he said that the minister told reporters that "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			const small, times = 2 << 20, 10
			text := repeatTo(c.unit, small)
			var ts time.Duration
			var as uint64
			for i := range times {
				d, a := timeExtract(t, text)
				ts += d
				if i == 0 {
					as = a
				}
			}
			tl, al := timeExtract(t, repeatTo(c.unit, times*small))
			t.Logf("10 × 2 MB: %v CPU, %d MB allocated each; 20 MB: %v CPU, %d MB allocated", ts, as>>20, tl, al>>20)
			// quadratic work would take 10× as long; a larger heap costs
			// the collector and the caches about 2×
			if tl > 5*ts {
				t.Errorf("20 MB took %v, over 5× the %v of ten 2 MB articles: not linear", tl, ts)
			}
			if al > 15*as {
				t.Errorf("20 MB allocated %d MB, over 15× the 2 MB figure %d MB", al>>20, as>>20)
			}
		})
	}
}

// goMemory returns the memory the Go runtime holds from the system and has
// not given back: about its share of the resident set.
func goMemory(s []metrics.Sample) uint64 {
	metrics.Read(s)
	return s[0].Value.Uint64() - s[1].Value.Uint64()
}

// TestMemoryBound checks that two 20 MB articles analysed at once, as two
// workers would take them, keep the process's memory under 1 GiB with the
// settings the command line uses (GOGC 400, a soft limit of 800 MiB):
// the pipeline's Budget runs them one after the other.
func TestMemoryBound(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping two 20 MB articles in -short mode")
	}
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(800 << 20))
	art, _ := readSeed(t)
	text := repeatTo(art.Text+"\n\n", 20<<20)
	p := mustNew(t)
	samples := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	runtime.GC()
	base := goMemory(samples)
	var peak atomic.Uint64
	done := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			if m := goMemory(samples); m > peak.Load() {
				peak.Store(m)
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, err := p.Extract(quotewire.Article{ID: "big", Text: text})
			if err == nil && len(a.Quotes) == 0 {
				err = errors.New("no quotes found in a text made of quotes")
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	close(done)
	<-sampled
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("Go runtime memory: %d MB before, %d MB at the peak", base>>20, peak.Load()>>20)
	if peak.Load() > 1<<30 {
		t.Errorf("two 20 MB articles at once took %d MB of memory at the peak, over 1 GiB", peak.Load()>>20)
	}
}
