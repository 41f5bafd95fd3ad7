package fetch

import (
	"maps"
	"sync"
)

// Counts are what a Fetcher has done so far, for metrics.
type Counts struct {
	// Status counts the answers by HTTP status (robots.txt included).
	Status map[int]int64
	// Bytes counts the answers' body bytes as they came over the wire.
	Bytes int64
	// NotModified counts the 304 answers to conditional requests.
	NotModified int64
	// RobotsRefusals counts the URLs not asked for because robots.txt
	// disallows them.
	RobotsRefusals int64
	// Errors counts the failures by Kind (robots, timeout, status_5xx…).
	Errors map[string]int64
}

// Counter counts a Fetcher's events: set Options.Observe to its Observe.
// It is safe for concurrent use; the zero value is ready.
type Counter struct {
	mu sync.Mutex
	c  Counts
}

// Observe counts one event.
func (c *Counter) Observe(e Event) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.c.Status == nil {
		c.c.Status, c.c.Errors = map[int]int64{}, map[string]int64{}
	}
	if e.Status > 0 {
		c.c.Status[e.Status]++
		c.c.Bytes += e.Bytes
		if e.Status == 304 {
			c.c.NotModified++
		}
	}
	if e.Err != nil {
		k := Kind(e.Err)
		c.c.Errors[k]++
		if k == "robots" {
			c.c.RobotsRefusals++
		}
	}
}

// Counts returns a copy of the counts so far.
func (c *Counter) Counts() Counts {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.c
	out.Status, out.Errors = maps.Clone(c.c.Status), maps.Clone(c.c.Errors)
	if out.Status == nil {
		out.Status, out.Errors = map[int]int64{}, map[string]int64{}
	}
	return out
}
