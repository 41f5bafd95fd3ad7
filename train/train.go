// Package train reproduces quotewire's learned models from annotated data:
// it runs the pipeline's rule stages over PolNeAR-format gold articles and
// trains the attribution tagger (package attrib/model) on the result.
package train

import (
	"errors"
	"fmt"
	"os"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/attrib/model"
	"github.com/quotewire/quotewire/coref"
	"github.com/quotewire/quotewire/engine"
	"github.com/quotewire/quotewire/eval"
	"github.com/quotewire/quotewire/tag/pos"
)

// DefaultEpochs is how many passes the attribution tagger makes by
// default: on PolNeAR dev, 5 to 7 passes all reach content F1 0.75, 8 and
// more fall just short (the taggers start to fit train's noise).
const DefaultEpochs = 7

// Options configure training.
type Options struct {
	// Epochs over the training data (default DefaultEpochs).
	Epochs int
	// Seed fixes the order of examples: the same seed gives the same model.
	Seed uint64
	// Limit, when positive, uses only the first Limit articles.
	Limit int
	// Progress, when set, is told each epoch's training accuracy.
	Progress func(epoch int, acc float64)
	// POS, when set, tags parts of speech before the attribution features
	// are read.
	POS *pos.Tagger
}

// Examples reads gold articles from path and prepares training examples:
// each article goes through the default pipeline's stages up to the rule
// attributor (with the part-of-speech tagger when not nil), whose output
// the model uses as features.
func Examples(path string, limit int, tagger *pos.Tagger) ([]model.Example, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open training data: %w", err)
	}
	defer f.Close()
	stages := engine.RuleStages(engine.Options{POS: tagger})
	var exs []model.Example
	stop := fmt.Errorf("limit reached")
	err = eval.ReadGold(f, path, func(g eval.GoldArticle) error {
		if limit > 0 && len(exs) >= limit {
			return stop
		}
		if quotewire.Check(g.Text) != nil {
			return nil
		}
		d := quotewire.NewDocument(quotewire.Article{ID: g.ID, Text: g.Text})
		for _, s := range stages {
			if err := s.Stage.Process(d); err != nil {
				return fmt.Errorf("article %s: %w", g.ID, err)
			}
		}
		exs = append(exs, model.NewExample(d, attributions(g)))
		return nil
	})
	if err != nil && !errors.Is(err, stop) {
		return nil, err
	}
	return exs, nil
}

// Attribution trains the attribution tagger on the gold file at path.
func Attribution(path string, o Options) (*model.Tagger, error) {
	if o.Epochs <= 0 {
		o.Epochs = DefaultEpochs
	}
	exs, err := Examples(path, o.Limit, o.POS)
	if err != nil {
		return nil, err
	}
	if len(exs) == 0 {
		return nil, fmt.Errorf("no training articles in %s", path)
	}
	return model.Train(exs, o.Epochs, o.Seed, o.Progress), nil
}

// POS trains the part-of-speech tagger on the articles of textPath and the
// silver tags of silverPath.
func POS(textPath, silverPath string, o Options) (*pos.Tagger, error) {
	if o.Epochs <= 0 {
		o.Epochs = 5
	}
	exs, err := POSExamples(textPath, silverPath, o.Limit)
	if err != nil {
		return nil, err
	}
	if len(exs) == 0 {
		return nil, fmt.Errorf("no articles with silver tags in %s", textPath)
	}
	return pos.Train(exs, o.Epochs, o.Seed, 2, o.Progress), nil
}

// CorefExamples reads the articles at path, runs each through the default
// pipeline's stages up to coreference with the attribution model tg (nil
// for the rules alone), learns the given-name gender lexicon from them,
// and returns the antecedent ranker's training cases (see coref.Examples)
// with the lexicon: the gold attributions are not needed, the articles'
// own repeated names are the supervision.
func CorefExamples(path string, limit int, tg *model.Tagger) ([]coref.RankExample, map[string]coref.Gender, error) {
	stages := engine.AttributionStages(engine.Options{Rules: true, Attrib: tg})
	var docs []*quotewire.Document
	counts := map[string]*[2]int{}
	err := eachGold(path, limit, func(g eval.GoldArticle) error {
		d := quotewire.NewDocument(quotewire.Article{ID: g.ID, Text: g.Text})
		for _, s := range stages {
			if err := s.Stage.Process(d); err != nil {
				return fmt.Errorf("article %s: %w", g.ID, err)
			}
		}
		coref.GenderCounts(d, counts)
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	lex := coref.GenderLexicon(counts, CorefGenderMin, CorefGenderShare)
	var exs []coref.RankExample
	for _, d := range docs {
		exs = append(exs, coref.Examples(d, lex)...)
	}
	return exs, lex, nil
}

// eachGold calls fn for the first limit (all when 0) analysable articles
// of the gold file at path.
func eachGold(path string, limit int, fn func(eval.GoldArticle) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open training data: %w", err)
	}
	defer f.Close()
	n := 0
	stop := fmt.Errorf("limit reached")
	err = eval.ReadGold(f, path, func(g eval.GoldArticle) error {
		if limit > 0 && n >= limit {
			return stop
		}
		n++
		if quotewire.Check(g.Text) != nil {
			return nil
		}
		return fn(g)
	})
	if errors.Is(err, stop) {
		return nil
	}
	return err
}

// The antecedent ranker's settings: passes, and the evidence a given name
// needs to enter the gender lexicon (this many pronouns, this share of
// one gender).
const (
	CorefEpochs      = 8
	CorefGenderMin   = 3
	CorefGenderShare = 0.8
)

// Coref trains the antecedent ranker on the articles at path, read with
// the attribution model tg.
func Coref(path string, tg *model.Tagger, o Options) (*coref.Ranker, error) {
	if o.Epochs <= 0 {
		o.Epochs = CorefEpochs
	}
	exs, lex, err := CorefExamples(path, o.Limit, tg)
	if err != nil {
		return nil, err
	}
	if len(exs) == 0 {
		return nil, fmt.Errorf("no coreference training cases in %s", path)
	}
	return coref.TrainRanker(exs, lex, o.Epochs, o.Seed), nil
}
