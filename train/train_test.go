package train

import (
	"bytes"
	"errors"
	"os"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/attrib/model"
	"github.com/quotewire/quotewire/engine"
	"github.com/quotewire/quotewire/eval"
	"github.com/quotewire/quotewire/models"
)

const (
	trainFile = "../../shared/data/polnear/train.jsonl"
	devFile   = "../../shared/data/polnear/dev.jsonl"
)

// score runs pipeline p over the first n dev articles and returns the
// content-partial F1.
func score(t *testing.T, p *quotewire.Pipeline, n int) float64 {
	return scoreAll(t, p, n).ContentPartial.F1
}

// scoreAll runs pipeline p over the first n dev articles (all when n is
// 0) and returns the figures.
func scoreAll(t *testing.T, p *quotewire.Pipeline, n int) eval.Result {
	t.Helper()
	f, err := os.Open(devFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var sc eval.Scorer
	k := 0
	stop := os.ErrClosed
	err = eval.ReadGold(f, devFile, func(g eval.GoldArticle) error {
		if k++; n > 0 && k > n {
			return stop
		}
		a, err := p.Extract(quotewire.Article{ID: g.ID, Text: g.Text})
		if err != nil {
			return err
		}
		sc.Add(g, eval.PolNeARPredictions(a))
		return nil
	})
	if err != nil && !errors.Is(err, stop) {
		t.Fatal(err)
	}
	return sc.Result()
}

// TestModelDevFloor trains the attribution model as quotewire train does,
// checks that the result is the shipped model byte for byte, and guards
// its figures on PolNeAR dev, the way a tagger library guards
// its treebank score. The floors are issue 4's targets (content partial
// 0.75, exact 0.50, attribution 0.65); measured: 0.754 / 0.552 / 0.677.
func TestModelDevFloor(t *testing.T) {
	if _, err := os.Stat(trainFile); err != nil {
		t.Skipf("skipping: %s not found (the shared data lives beside the project)", trainFile)
	}
	if testing.Short() {
		t.Skip("skipping training in -short mode")
	}
	tg, err := Attribution(trainFile, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := tg.Save(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), models.AttribBytes()) {
		t.Errorf("training does not reproduce the shipped models/attrib.model (%d bytes, shipped %d): retrain with make models and commit it", buf.Len(), len(models.AttribBytes()))
	}
	r := scoreAll(t, engine.WithModels(engine.Models{Attrib: tg}), 0)
	t.Logf("dev: content partial %.4f, exact %.4f, attribution %.4f", r.ContentPartial.F1, r.ContentExact.F1, r.Attribution.F1)
	if r.ContentPartial.F1 < 0.75 || r.ContentExact.F1 < 0.50 || r.Attribution.F1 < 0.65 {
		t.Errorf("dev figures fell below issue 4's targets 0.75 / 0.50 / 0.65")
	}
}

// TestTrainSlice trains on a small slice of PolNeAR train and checks that
// the model saves, loads, and beats an untrained model on dev articles.
func TestTrainSlice(t *testing.T) {
	if _, err := os.Stat(trainFile); err != nil {
		t.Skipf("skipping: %s not found (the shared data lives beside the project)", trainFile)
	}
	if testing.Short() {
		t.Skip("skipping training in -short mode")
	}
	tg, err := Attribution(trainFile, Options{Epochs: 3, Seed: 1, Limit: 60})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := tg.Save(&buf); err != nil {
		t.Fatal(err)
	}
	loaded, err := model.Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	untrained, err := Attribution(trainFile, Options{Epochs: 1, Seed: 1, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	trained := score(t, engine.WithModels(engine.Models{Attrib: loaded}), 20)
	base := score(t, engine.WithModels(engine.Models{Attrib: untrained}), 20)
	t.Logf("content-partial F1 on 20 dev articles: trained on 60 articles %.3f, on 1 article %.3f", trained, base)
	if trained <= base+0.05 {
		t.Errorf("trained model F1 %.3f does not beat the near-untrained one %.3f", trained, base)
	}
}
