//go:build unix

// Package proc reads what the process itself has used: CPU time and peak
// resident memory, for the benchmarks and reports that print them.
package proc

import (
	"syscall"
	"time"
)

// CPU returns the CPU time (user and system) this process has used, 0
// where the system does not say.
func CPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// PeakMemory returns the most memory the process has held resident, in
// bytes (0 when the system does not say).
func PeakMemory() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return int64(ru.Maxrss) * 1024 // kilobytes on Linux
}
