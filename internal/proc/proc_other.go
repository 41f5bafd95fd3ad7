//go:build !unix

// Package proc reads what the process itself has used: CPU time and peak
// resident memory, for the benchmarks and reports that print them.
package proc

import "time"

// CPU returns 0 where the process's CPU time is not read.
func CPU() time.Duration { return 0 }

// PeakMemory returns 0 where the process's peak memory is not read.
func PeakMemory() int64 { return 0 }
