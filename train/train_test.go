package train

import (
	"bytes"
	"errors"
	"os"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/attrib/model"
	"github.com/quotewire/quotewire/coref"
	"github.com/quotewire/quotewire/engine"
	"github.com/quotewire/quotewire/eval"
	"github.com/quotewire/quotewire/models"
	"github.com/quotewire/quotewire/tag/pos"
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
// 0.75, exact 0.50, attribution 0.65), content partial less 0.005 of
// retraining noise: any change to what the rules feed the model moves dev
// by about that much either way (issue 13's changes moved dev content
// partial 0.7517 → 0.7487 while five-fold cross-validation on train,
// `quotewire train --cv 5`, moved 0.7205 → 0.7186 with a fold s.d. of
// 0.016); exact and attribution two points below what was measured
// (0.7525 / 0.5447 / 0.6721).
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
	rk, err := Coref(trainFile, tg, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if _, err := rk.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), models.CorefBytes()) {
		t.Errorf("training does not reproduce the shipped models/coref.model (%d bytes, shipped %d): retrain with make models and commit it", buf.Len(), len(models.CorefBytes()))
	}
	r := scoreAll(t, withAttrib(t, tg), 0)
	t.Logf("dev: content partial %.4f, exact %.4f, attribution %.4f", r.ContentPartial.F1, r.ContentExact.F1, r.Attribution.F1)
	if r.ContentPartial.F1 < 0.745 || r.ContentExact.F1 < 0.525 || r.Attribution.F1 < 0.652 {
		t.Errorf("dev figures fell more than two points below what was measured (0.7525 / 0.5447 / 0.6721) or below issue 4's targets (0.75 less 0.005 of noise)")
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
	trained := score(t, withAttrib(t, loaded), 20)
	base := score(t, withAttrib(t, untrained), 20)
	t.Logf("content-partial F1 on 20 dev articles: trained on 60 articles %.3f, on 1 article %.3f", trained, base)
	if trained <= base+0.05 {
		t.Errorf("trained model F1 %.3f does not beat the near-untrained one %.3f", trained, base)
	}
}

// TestNERTagger trains a named-entity tagger on the silver CoreNLP classes
// of PolNeAR train (item 1 of issue 4: train one "if it helps, and report
// its accuracy on dev against those tags") and compares it on dev with the
// rule-based tagger's mention types, token by token, over the tokens
// CoreNLP puts in a person, organisation or location.
func TestNERTagger(t *testing.T) {
	silverTrain := "../../shared/data/polnear/train.corenlp.jsonl.gz"
	silverDev := "../../shared/data/polnear/dev.corenlp.jsonl.gz"
	if _, err := os.Stat(silverDev); err != nil {
		t.Skipf("skipping: %s not found (the shared data lives beside the project)", silverDev)
	}
	if testing.Short() {
		t.Skip("skipping training in -short mode")
	}
	exs, err := NERExamples(trainFile, silverTrain, 0)
	if err != nil {
		t.Fatal(err)
	}
	dev, err := NERExamples(devFile, silverDev, 0)
	if err != nil {
		t.Fatal(err)
	}
	tg := pos.Train(exs, 4, 1, 2, nil)
	// entity-token precision and recall against silver, for the trained
	// tagger and for the rules (tag stage mention types)
	type prf struct{ tp, p, g int }
	var learned, rules prf
	typeOf := map[quotewire.EntityType]string{quotewire.Person: "PERSON", quotewire.Organization: "ORGANIZATION", quotewire.Place: "LOCATION"}
	for _, ex := range dev {
		pred := tg.Tag(ex.Tokens)
		for i, g := range ex.Tags {
			if g == "" {
				continue
			}
			if g != "O" {
				learned.g++
				rules.g++
			}
			if pred[i] != "O" {
				learned.p++
				if pred[i] == g {
					learned.tp++
				}
			}
		}
	}
	// the rules: run the tag stage over each dev article
	f, err := os.Open(devFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sv, err := ReadSilver(silverDev)
	if err != nil {
		t.Fatal(err)
	}
	stages := engine.RuleStages(engine.Options{})
	err = eval.ReadGold(f, devFile, func(g eval.GoldArticle) error {
		s, ok := sv[g.ID]
		if !ok || quotewire.Check(g.Text) != nil {
			return nil
		}
		d := quotewire.NewDocument(quotewire.Article{ID: g.ID, Text: g.Text})
		for _, st := range stages {
			if err := st.Stage.Process(d); err != nil {
				return err
			}
		}
		gold := pos.AlignBy(d, s, func(x pos.Silver) string { return NERClass(x.NER) })
		pred := make([]string, len(d.Tokens))
		for _, m := range d.Mentions {
			if m.Kind != quotewire.NameMention {
				continue
			}
			for i := d.TokenAt(m.Head.Start); i < len(d.Tokens) && d.Tokens[i].Start < m.Head.End; i++ {
				pred[i] = typeOf[m.Type]
			}
		}
		for i, gt := range gold {
			if gt == "" || pred[i] == "" {
				continue
			}
			rules.p++
			if pred[i] == gt {
				rules.tp++
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	f1 := func(x prf) (float64, float64, float64) {
		p, r := float64(x.tp)/float64(max(x.p, 1)), float64(x.tp)/float64(max(x.g, 1))
		return p, r, 2 * p * r / max(p+r, 1e-9)
	}
	lp, lr, lf := f1(learned)
	rp, rr, rf := f1(rules)
	t.Logf("entity tokens on dev vs CoreNLP silver: learned tagger P %.3f R %.3f F1 %.3f (token accuracy %.3f); rules P %.3f R %.3f F1 %.3f",
		lp, lr, lf, tg.Accuracy(dev), rp, rr, rf)
	if lf < 0.75 {
		t.Errorf("learned NER entity-token F1 %.3f on dev, want >= 0.75", lf)
	}
}

// TestCorefRanker checks the antecedent ranker on PolNeAR dev's masked
// names (quotes whose source is a name mentioned before, masked as "he",
// "the <role>" or "the <organisation noun>"): it must beat the rules by
// a clear margin (measured: 0.79 against 0.58).
func TestCorefRanker(t *testing.T) {
	if _, err := os.Stat(trainFile); err != nil {
		t.Skipf("skipping: %s not found (the shared data lives beside the project)", trainFile)
	}
	tg, err := models.Attrib()
	if err != nil {
		t.Fatal(err)
	}
	rk, err := Coref(trainFile, tg, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	dev, _, err := CorefExamples(devFile, 0, tg)
	if err != nil {
		t.Fatal(err)
	}
	ranker, rules := rk.Accuracy(dev)
	t.Logf("masked names on dev: %d cases, ranker %.3f, rules %.3f, lexicon %d names", len(dev), ranker, rules, len(rk.Gender))
	if len(dev) < 300 || ranker < rules+0.1 {
		t.Errorf("ranker %.3f does not beat the rules %.3f by 0.1 on %d cases", ranker, rules, len(dev))
	}
	if len(rk.Gender) < 50 || rk.Gender["mary"] != coref.Female || rk.Gender["donald"] != coref.Male {
		t.Errorf("gender lexicon of %d names: mary %v, donald %v", len(rk.Gender), rk.Gender["mary"], rk.Gender["donald"])
	}
}

// TestCrossValidate runs a small cross-validation (three folds of the
// first 30 training articles, one pass each) and checks that every fold
// scored its own held-out articles with figures a model can reach.
func TestCrossValidate(t *testing.T) {
	if _, err := os.Stat(trainFile); err != nil {
		t.Skipf("PolNeAR train not found at %s: %v", trainFile, err)
	}
	folds, err := CrossValidate(trainFile, 3, Options{Epochs: 1, Seed: 1, Limit: 30})
	if err != nil {
		t.Fatal(err)
	}
	if len(folds) != 3 {
		t.Fatalf("%d folds, want 3", len(folds))
	}
	total := 0
	for i, f := range folds {
		total += f.Articles
		r := f.Result
		if f.Articles != 10 || r.Docs != 10 || r.Gold == 0 || r.ContentPartial.F1 <= 0.2 || r.ContentPartial.F1 > 1 {
			t.Errorf("fold %d: %d articles, %+v", i+1, f.Articles, r)
		}
	}
	if total != 30 {
		t.Errorf("%d articles held out in all, want 30", total)
	}
	if _, err := CrossValidate(trainFile, 1, Options{}); err == nil {
		t.Error("one fold accepted")
	}
}

// withAttrib is the pipeline of the rules with attribution model tg alone.
func withAttrib(tb testing.TB, tg *model.Tagger) *quotewire.Pipeline {
	tb.Helper()
	p, err := engine.New(engine.Options{Rules: true, Attrib: tg})
	if err != nil {
		tb.Fatal(err)
	}
	return p
}
