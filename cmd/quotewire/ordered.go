package main

import (
	"sync"
	"sync/atomic"
)

// ordered runs work in parallel and hands results to sink in the order the
// work was emitted. produce calls emit once per unit of work; at most
// workers units run at once, and at most 2*workers results wait for the
// sink, so memory stays bounded however long the input is. The first error
// from produce or sink stops the run and is returned.
func ordered[T any](workers int, produce func(emit func(func() T)) error, sink func(T) error) error {
	if workers < 1 {
		workers = 1
	}
	type slot struct{ ch chan T }
	queue := make(chan slot, 2*workers)
	sem := make(chan struct{}, workers)
	var sinkErr error // written by the sink goroutine only
	var stop atomic.Bool
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for s := range queue {
			v := <-s.ch
			if sinkErr == nil {
				if sinkErr = sink(v); sinkErr != nil {
					stop.Store(true)
				}
			}
		}
	}()
	perr := produce(func(work func() T) {
		if stop.Load() {
			return
		}
		s := slot{ch: make(chan T, 1)}
		sem <- struct{}{}
		queue <- s
		go func() {
			defer func() { <-sem }()
			s.ch <- work()
		}()
	})
	close(queue)
	wg.Wait()
	if perr != nil {
		return perr
	}
	return sinkErr
}
