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
	"sync"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/attrib"
	"github.com/quotewire/quotewire/attrib/model"
	"github.com/quotewire/quotewire/coref"
	"github.com/quotewire/quotewire/dedup"
	"github.com/quotewire/quotewire/meta"
	"github.com/quotewire/quotewire/models"
	"github.com/quotewire/quotewire/tag"
	"github.com/quotewire/quotewire/tag/pos"
	"github.com/quotewire/quotewire/text"
)

// MaxBytes is the largest article the default pipeline accepts (256 MiB).
const MaxBytes = 256 << 20

// New returns the default pipeline: meta, segment, tag, attrib (the
// rules), model (the embedded learned attribution model, package models),
// acts, coref (with the embedded antecedent ranker), repeats, in that order. It is safe for concurrent use.
func New() *quotewire.Pipeline {
	tg, err := models.Attrib()
	if err != nil {
		// the models are part of the build; TestAttribLoads guards them
		panic(err)
	}
	rk, err := models.Coref()
	if err != nil {
		panic(err)
	}
	return WithModels(Models{Attrib: tg, Coref: rk})
}

// Rules returns the pipeline of rules alone: meta, segment, tag, attrib,
// acts (what each quote does; non-statements dropped), coref, repeats. It is faster than New and less accurate.
func Rules() *quotewire.Pipeline {
	return &quotewire.Pipeline{
		MaxBytes: MaxBytes,
		Stages: []quotewire.NamedStage{
			{Name: "meta", Stage: meta.New()},
			{Name: "segment", Stage: text.Segmenter{}},
			{Name: "tag", Stage: tag.Tagger{}},
			{Name: "attrib", Stage: attrib.Attributor{}},
			{Name: "acts", Stage: attrib.Acts{}},
			{Name: "coref", Stage: coref.Resolver{}},
			{Name: "repeats", Stage: dedup.Repeats{}},
		},
	}
}

// RuleStages returns the default pipeline's stages up to and including the
// rule-based attributor, with the part-of-speech tagger when given: what
// the learned attribution model reads.
func RuleStages(tagger *pos.Tagger) []quotewire.NamedStage {
	all := withModels(Rules().Stages, Models{POS: tagger})
	for i, s := range all {
		if s.Name == "attrib" {
			return all[:i+1]
		}
	}
	return all
}

// Models are the learned models a pipeline may use; nil ones are left out.
type Models struct {
	// POS tags parts of speech after segmentation.
	POS *pos.Tagger
	// Attrib tags content, source and cue after the rule-based attributor.
	Attrib *model.Tagger
	// Coref resolves pronoun and descriptor sources to the people and
	// organisations named before them.
	Coref *coref.Ranker
}

// WithModels returns the rules' pipeline with the given learned models in
// place: the part-of-speech tagger after segmentation, the attribution
// tagger after the rule-based attributor (it keeps the rules' direct
// quotes, takes over the rest, and lets the rules fill what it leaves),
// the antecedent ranker inside the coreference stage.
func WithModels(m Models) *quotewire.Pipeline {
	p := Rules()
	p.Stages = withModels(p.Stages, m)
	return p
}

func withModels(in []quotewire.NamedStage, m Models) []quotewire.NamedStage {
	var stages []quotewire.NamedStage
	for _, s := range in {
		if s.Name == "coref" && m.Coref != nil {
			s.Stage = coref.Resolver{Ranker: m.Coref}
		}
		stages = append(stages, s)
		if s.Name == "segment" && m.POS != nil {
			stages = append(stages, quotewire.NamedStage{Name: "pos", Stage: m.POS})
		}
		if s.Name == "attrib" && m.Attrib != nil {
			stages = append(stages, quotewire.NamedStage{Name: "model", Stage: model.Stage{Tagger: m.Attrib}})
		}
	}
	return stages
}

// Extract analyses one article with the default pipeline.
func Extract(a quotewire.Article) (*quotewire.Analysis, error) {
	return defaultPipeline().Extract(a)
}

// defaultPipeline is made on first use: loading the embedded model takes
// a moment programs that never extract should not pay.
var defaultPipeline = sync.OnceValue(New)
