//go:build linux

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestLowerPriority checks, in a process of its own, that --background's
// lowerPriority leaves every thread of the process at nice 19, those the
// Go runtime starts afterwards included.
func TestLowerPriority(t *testing.T) {
	if os.Getenv("QUOTEWIRE_TEST_PRIORITY_CHILD") == "1" {
		if err := lowerPriority(); err != nil {
			t.Fatal(err)
		}
		// start new threads: goroutines locked to threads of their own
		var wg sync.WaitGroup
		hold := make(chan struct{})
		for range 4 {
			wg.Add(1)
			go func() {
				runtime.LockOSThread()
				wg.Done()
				<-hold
			}()
		}
		wg.Wait()
		time.Sleep(10 * time.Millisecond)
		tasks, err := filepath.Glob("/proc/self/task/*/stat")
		if err != nil || len(tasks) < 5 {
			t.Fatalf("%d threads: %v", len(tasks), err)
		}
		for _, task := range tasks {
			b, err := os.ReadFile(task)
			if err != nil {
				continue // ended since
			}
			// the fields after the command name, "(...)": nice is the 19th of the line
			fields := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+2:]))
			if nice := fields[16]; nice != "19" {
				t.Errorf("thread %s: nice %s, want 19", task, nice)
			}
		}
		close(hold)
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run", "^TestLowerPriority$", "-test.count", "1")
	cmd.Env = append(os.Environ(), "QUOTEWIRE_TEST_PRIORITY_CHILD=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the process at low priority: %v\n%s", err, out)
	}
}
