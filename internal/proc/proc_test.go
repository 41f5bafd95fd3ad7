//go:build linux

package proc

import (
	"testing"
	"time"
)

// TestReadings checks that the CPU time grows with work done and that a
// running process has a peak resident size.
func TestReadings(t *testing.T) {
	before := CPU()
	x := 0
	for start := time.Now(); time.Since(start) < 50*time.Millisecond; {
		x++
	}
	if after := CPU(); after <= before {
		t.Errorf("CPU time %v after 50 ms of work, %v before (%d)", after, before, x)
	}
	if m := PeakMemory(); m < 1<<20 {
		t.Errorf("peak resident memory %d bytes, want at least 1 MB", m)
	}
}
