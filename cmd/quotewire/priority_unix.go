//go:build unix

package main

import (
	"fmt"
	"os"
	"strconv"
	"syscall"
)

// backgroundNice is the nice value --background gives the process: the
// lowest priority, so that a server reading the same store on the same
// machine is served first.
const backgroundNice = 19

// lowerPriority gives the process the lowest CPU priority. On Linux a
// nice value belongs to each thread: every thread running now is set, and
// the threads the Go runtime starts later inherit it from the thread that
// starts them.
func lowerPriority() error {
	tasks, err := os.ReadDir("/proc/self/task")
	if err != nil {
		// not Linux: the nice value is the process's
		if err := syscall.Setpriority(syscall.PRIO_PROCESS, 0, backgroundNice); err != nil {
			return fmt.Errorf("--background: lower the process's priority: %w", err)
		}
		return nil
	}
	for _, t := range tasks {
		tid, err := strconv.Atoi(t.Name())
		if err != nil {
			continue
		}
		if err := syscall.Setpriority(syscall.PRIO_PROCESS, tid, backgroundNice); err != nil && err != syscall.ESRCH {
			return fmt.Errorf("--background: lower the priority of thread %d: %w", tid, err)
		}
	}
	return nil
}
