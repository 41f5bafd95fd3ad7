// Package engine assembles quotewire's default extraction pipeline from its
// stages (segmentation, metadata, tagging, attribution, coreference and
// repeated-sentence detection). It is the entry point for Go programs that
// want quotewire's analysis without the command line:
//
//	p := engine.New()
//	analysis, err := p.Extract(quotewire.Article{ID: "a1", Text: body})
package engine

import "github.com/quotewire/quotewire"

// New returns the default pipeline. It is safe for concurrent use.
func New() *quotewire.Pipeline {
	return &quotewire.Pipeline{
		MaxBytes: 256 << 20,
	}
}

// Extract analyses one article with the default pipeline.
func Extract(a quotewire.Article) (*quotewire.Analysis, error) {
	return defaultPipeline.Extract(a)
}

var defaultPipeline = New()
