// Package engine assembles quotewire's default extraction pipeline from its
// stages (metadata, segmentation, tagging, attribution, coreference and
// repeated-sentence detection). It is the entry point for Go programs that
// want quotewire's analysis without the command line:
//
//	analysis, err := engine.Extract(quotewire.Article{ID: "a1", Text: body})
//
// or, to keep one pipeline value and its options:
//
//	p := engine.New()
//	analysis, err := p.Extract(article)
package engine

import (
	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/attrib"
	"github.com/quotewire/quotewire/attrib/model"
	"github.com/quotewire/quotewire/coref"
	"github.com/quotewire/quotewire/dedup"
	"github.com/quotewire/quotewire/meta"
	"github.com/quotewire/quotewire/tag"
	"github.com/quotewire/quotewire/text"
)

// MaxBytes is the largest article the default pipeline accepts (256 MiB).
const MaxBytes = 256 << 20

// New returns the default pipeline: meta, segment, tag, attrib, coref,
// repeats, in that order. It is safe for concurrent use.
func New() *quotewire.Pipeline {
	return &quotewire.Pipeline{
		MaxBytes: MaxBytes,
		Stages: []quotewire.NamedStage{
			{Name: "meta", Stage: meta.New()},
			{Name: "segment", Stage: text.Segmenter{}},
			{Name: "tag", Stage: tag.Tagger{}},
			{Name: "attrib", Stage: attrib.Attributor{}},
			{Name: "coref", Stage: coref.Resolver{}},
			{Name: "repeats", Stage: dedup.Repeats{}},
		},
	}
}

// RuleStages returns the default pipeline's stages up to and including the
// rule-based attributor: what the learned attribution model reads.
func RuleStages() []quotewire.NamedStage {
	all := New().Stages
	for i, s := range all {
		if s.Name == "attrib" {
			return all[:i+1]
		}
	}
	return all
}

// WithModel returns the default pipeline with the learned attribution
// tagger t after the rule-based attributor: the model's quotes replace the
// rules'.
func WithModel(t *model.Tagger) *quotewire.Pipeline {
	p := New()
	var stages []quotewire.NamedStage
	for _, s := range p.Stages {
		stages = append(stages, s)
		if s.Name == "attrib" {
			stages = append(stages, quotewire.NamedStage{Name: "model", Stage: model.Stage{Tagger: t}})
		}
	}
	p.Stages = stages
	return p
}

// Extract analyses one article with the default pipeline.
func Extract(a quotewire.Article) (*quotewire.Analysis, error) {
	return defaultPipeline.Extract(a)
}

var defaultPipeline = New()
