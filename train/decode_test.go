package train

import (
	"os"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/attrib/model"
	"github.com/quotewire/quotewire/coref"
	"github.com/quotewire/quotewire/engine"
	"github.com/quotewire/quotewire/eval"
)

// TestDecodeGoldLabels checks the attribution model's decoder on PolNeAR
// dev: gold spans turned into token labels and decoded back must score
// near perfectly, so the tagger, not the decoder, limits accuracy.
func TestDecodeGoldLabels(t *testing.T) {
	f, err := os.Open(devFile)
	if err != nil {
		t.Skipf("skipping: %s not found (the shared data lives beside the project)", devFile)
	}
	defer f.Close()
	var sc eval.Scorer
	err = eval.ReadGold(f, devFile, func(g eval.GoldArticle) error {
		d := quotewire.NewDocument(quotewire.Article{ID: g.ID, Text: g.Text})
		for _, s := range engine.RuleStages(engine.Options{}) {
			if err := s.Stage.Process(d); err != nil {
				return err
			}
		}
		atts := make([]model.Attribution, len(g.Attributions))
		for i, a := range g.Attributions {
			atts[i] = model.Attribution{Content: a.Content, Cue: a.Cue, Source: a.Source}
		}
		d.Quotes = model.Decode(d, model.GoldLabels(d, atts), 0.5, nil)
		coref.Resolver{}.Process(d)
		sc.Add(g, eval.PolNeARPredictions(quotewire.NewAnalysis(d)))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	r := sc.Result()
	if r.ContentPartial.F1 < 0.97 || r.ContentExact.F1 < 0.92 || r.Attribution.F1 < 0.94 {
		t.Errorf("decoding gold labels scores %s", r)
	}
}
