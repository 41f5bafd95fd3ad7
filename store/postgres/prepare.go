package postgres

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// prepareItems prepares the items (item.prepare) on a goroutine per
// processor, while the caller goes on, and returns a function that waits
// until they are done and returns the first error (the same each time it
// is called).
func prepareItems(items []*item) func() error {
	errs := make([]error, len(items))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(items)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := int(next.Add(1) - 1); k < len(items); k = int(next.Add(1) - 1) {
				if err := items[k].prepare(); err != nil {
					errs[k] = fmt.Errorf("store %s: %w", items[k].rec.Origin, err)
				}
			}
		}()
	}
	return func() error {
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				return err
			}
		}
		return nil
	}
}
