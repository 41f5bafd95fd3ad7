// Package engine assembles quotewire's extraction pipeline from its typed
// stages (metadata, segmentation, tagging, attribution, coreference and
// repeated-sentence detection). It is the entry point for Go programs that
// want quotewire's analysis without the command line:
//
//	analysis, err := engine.Extract(quotewire.Article{ID: "a1", Text: body})
//
// or, to keep one pipeline value and its options:
//
//	p, err := engine.New(engine.Options{})
//	analysis, err := p.Extract(article)
package engine

import (
	"sync"
	"time"

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

// BytesAtOnce is the text the default pipeline analyses at once across
// all the goroutines that share it (quotewire.Budget): 24 MiB, about
// 400 MB of analysis at its peak. A 20 MB article runs beside small
// ones, two of them one after the other, so that memory stays within
// 1 GB however many workers take giant articles at once.
const BytesAtOnce = 24 << 20

// Options choose what a pipeline is made of. The zero value is the
// default pipeline: the rules with the learned models shipped in the
// binary (package models).
type Options struct {
	// Rules leaves the shipped models out: the pipeline has the rules and
	// only the models given below.
	Rules bool
	// POS tags parts of speech after segmentation (no shipped model: nil
	// leaves it out).
	POS *pos.Tagger
	// Attrib tags content, source and cue after the rule-based
	// attributor; nil means the shipped one (none with Rules).
	Attrib *model.Tagger
	// Coref ranks the antecedents of pronoun and descriptor sources; nil
	// means the shipped one (none with Rules).
	Coref *coref.Ranker
	// Now is the clock that completes datelines without a year; nil means
	// the system clock.
	Now func() time.Time
}

// New returns the pipeline o describes — meta, segment, pos (with a
// tagger), tag, attrib (the rules, with the attribution model when there
// is one: attrib.Stage), coref (with its ranker when there is one),
// repeats, in that order — or an error when a shipped model does not load.
// It is safe for concurrent use.
func New(o Options) (*quotewire.Pipeline, error) {
	if !o.Rules {
		if o.Attrib == nil {
			tg, err := models.Attrib()
			if err != nil {
				return nil, err
			}
			o.Attrib = tg
		}
		if o.Coref == nil {
			rk, err := models.Coref()
			if err != nil {
				return nil, err
			}
			o.Coref = rk
		}
	}
	return &quotewire.Pipeline{MaxBytes: MaxBytes, Budget: quotewire.NewBudget(BytesAtOnce), Stages: append(AttributionStages(o),
		quotewire.NamedStage{Name: "coref", Stage: coref.Resolver{Ranker: o.Coref}},
		quotewire.NamedStage{Name: "repeats", Stage: dedup.Repeats{}})}, nil
}

// Rules returns the pipeline of the rules alone: meta, segment, tag,
// attrib (the rules), coref, repeats. It is faster than the default
// pipeline and less accurate.
func Rules() *quotewire.Pipeline {
	p, _ := New(Options{Rules: true}) // loads no model: no error
	return p
}

// RuleStages returns what the learned attribution model reads: the stages
// before attribution and the rules' first pass (attrib.Rules), with the
// part-of-speech tagger when o has one (o's other models are not used).
func RuleStages(o Options) []quotewire.NamedStage {
	return append(before(o), quotewire.NamedStage{Name: "rules", Stage: attrib.Rules{}})
}

// AttributionStages returns the stages of o before coreference, ending
// with attribution (o's models as given: no shipped model is loaded): what
// the antecedent ranker's training reads.
func AttributionStages(o Options) []quotewire.NamedStage {
	st := attrib.Stage{}
	if o.Attrib != nil {
		st.Model = o.Attrib
	}
	return append(before(o), quotewire.NamedStage{Name: "attrib", Stage: st})
}

// before lists the stages of o before attribution: meta (with o's clock),
// segment, pos (with a tagger), tag.
func before(o Options) []quotewire.NamedStage {
	var m quotewire.Stage = meta.New()
	if o.Now != nil {
		m = meta.New(meta.WithNow(o.Now))
	}
	out := []quotewire.NamedStage{{Name: "meta", Stage: m}, {Name: "segment", Stage: text.Segmenter{}}}
	if o.POS != nil {
		out = append(out, quotewire.NamedStage{Name: "pos", Stage: o.POS})
	}
	return append(out, quotewire.NamedStage{Name: "tag", Stage: tag.Tagger{}})
}

// Extract analyses one article with the default pipeline; an error also
// when the shipped models do not load.
func Extract(a quotewire.Article) (*quotewire.Analysis, error) {
	p, err := defaultPipeline()
	if err != nil {
		return nil, err
	}
	return p.Extract(a)
}

// defaultPipeline is made on first use: loading the embedded model takes
// a moment programs that never extract should not pay.
var defaultPipeline = sync.OnceValues(func() (*quotewire.Pipeline, error) { return New(Options{}) })
