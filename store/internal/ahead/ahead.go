// Package ahead works out, on other goroutines, what a store's writer
// will need of each record of a batch and can work out from the record
// alone (its analysis packed, its quotes' keys), while the writer goes on
// with what only it can do (resolving names against the store, inserting
// rows): the writer is one goroutine, so its work is what an ingest waits
// for, and work taken off it is time gained wherever a processor is free.
package ahead

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Batch is work started on the items of a batch.
type Batch struct {
	done []chan struct{}
	errs []error
	wg   sync.WaitGroup
}

// Start runs work(k) for every k in [0, n), in increasing order of k, on
// up to GOMAXPROCS goroutines, and returns at once.
func Start(n int, work func(k int) error) *Batch {
	b := &Batch{done: make([]chan struct{}, n), errs: make([]error, n)}
	for k := range b.done {
		b.done[k] = make(chan struct{})
	}
	var next atomic.Int64
	for range min(runtime.GOMAXPROCS(0), n) {
		b.wg.Add(1)
		go func() {
			defer b.wg.Done()
			for k := int(next.Add(1) - 1); k < n; k = int(next.Add(1) - 1) {
				b.errs[k] = work(k)
				close(b.done[k])
			}
		}()
	}
	return b
}

// Wait waits until work(k) is done and returns its error.
func (b *Batch) Wait(k int) error {
	<-b.done[k]
	return b.errs[k]
}

// WaitAll waits until all the work is done and returns the error of the
// first item, in order, that failed (the same each time it is called).
// A writer that returns early defers it, so that no work outlives the
// call that started it.
func (b *Batch) WaitAll() error {
	b.wg.Wait()
	for _, err := range b.errs {
		if err != nil {
			return err
		}
	}
	return nil
}
