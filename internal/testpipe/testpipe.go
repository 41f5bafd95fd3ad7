// Package testpipe gives tests of other packages the default extraction
// pipeline, failing the test at once when its shipped models do not load.
package testpipe

import (
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/engine"
)

// Default returns engine.New(engine.Options{}), or fails tb.
func Default(tb testing.TB) *quotewire.Pipeline {
	tb.Helper()
	p, err := engine.New(engine.Options{})
	if err != nil {
		tb.Fatalf("the default pipeline: %v", err)
	}
	return p
}
