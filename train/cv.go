package train

import (
	"fmt"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/attrib/model"
	"github.com/quotewire/quotewire/engine"
	"github.com/quotewire/quotewire/eval"
	"github.com/quotewire/quotewire/tag/pos"
)

// Fold is the score of one cross-validation fold: the attribution model
// trained on the other folds, scored on this one as quotewire eval scores
// PolNeAR (continuations folded).
type Fold struct {
	// Articles is the number of held-out articles.
	Articles int
	// Result holds the reference metric's figures on them.
	Result eval.Result
}

// CrossValidate splits the gold articles at path into k folds (article i
// goes to fold i mod k), trains the attribution model on k-1 of them and
// scores it on the one left out, for each fold in turn. It is how a
// choice is made on PolNeAR without looking at dev: compare the folds'
// mean before and after a change. o.Limit caps the articles read;
// o.Progress is told each fold's training epochs.
func CrossValidate(path string, k int, o Options) ([]Fold, error) {
	if k < 2 {
		return nil, fmt.Errorf("cross-validation needs at least 2 folds, not %d", k)
	}
	if o.Epochs <= 0 {
		o.Epochs = DefaultEpochs
	}
	var golds []eval.GoldArticle
	if err := eachGold(path, o.Limit, func(g eval.GoldArticle) error {
		golds = append(golds, g)
		return nil
	}); err != nil {
		return nil, err
	}
	if len(golds) < k {
		return nil, fmt.Errorf("%s has %d articles: too few for %d folds", path, len(golds), k)
	}
	exs, err := examplesOf(golds, o.POS)
	if err != nil {
		return nil, err
	}
	folds := make([]Fold, k)
	for f := 0; f < k; f++ {
		var trainSet []model.Example
		for i := range exs {
			if i%k != f {
				trainSet = append(trainSet, exs[i])
			}
		}
		tg := model.Train(trainSet, o.Epochs, o.Seed, o.Progress)
		p, err := engine.New(engine.Options{Rules: true, Attrib: tg, POS: o.POS})
		if err != nil {
			return nil, err
		}
		var s eval.Scorer
		for i := f; i < len(golds); i += k {
			g := golds[i]
			a, err := p.Extract(quotewire.Article{ID: g.ID, Text: g.Text})
			if err != nil {
				return nil, fmt.Errorf("fold %d, article %s: %w", f+1, g.ID, err)
			}
			s.Add(g, eval.PolNeARPredictions(a))
			folds[f].Articles++
		}
		folds[f].Result = s.Result()
	}
	return folds, nil
}

// examplesOf prepares the training example of each gold article, as
// Examples does for a file.
func examplesOf(golds []eval.GoldArticle, tagger *pos.Tagger) ([]model.Example, error) {
	stages := engine.RuleStages(engine.Options{POS: tagger})
	exs := make([]model.Example, 0, len(golds))
	for _, g := range golds {
		d := quotewire.NewDocument(quotewire.Article{ID: g.ID, Text: g.Text})
		for _, s := range stages {
			if err := s.Stage.Process(d); err != nil {
				return nil, fmt.Errorf("article %s: %w", g.ID, err)
			}
		}
		exs = append(exs, model.NewExample(d, attributions(g)))
	}
	return exs, nil
}

func attributions(g eval.GoldArticle) []model.Attribution {
	atts := make([]model.Attribution, len(g.Attributions))
	for i, a := range g.Attributions {
		atts[i] = model.Attribution{Content: a.Content, Cue: a.Cue, Source: a.Source}
	}
	return atts
}
