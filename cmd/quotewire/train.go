package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/attrib/model"
	"github.com/quotewire/quotewire/coref"
	"github.com/quotewire/quotewire/engine"
	"github.com/quotewire/quotewire/tag/pos"
	"github.com/quotewire/quotewire/train"
)

const defaultPolNeAR = "../shared/data/polnear"

// Model file names inside a models folder.
const (
	posFile    = "pos.model"
	attribFile = "attrib.model"
	corefFile  = "coref.model"
)

func (m *Main) trainCommand() *cobra.Command {
	var (
		out     string
		data    string
		epochs  int
		pEpochs int
		seed    uint64
		limit   int
		withPOS bool
		cv      int
	)
	c := &cobra.Command{
		Use:   "train --out DIR",
		Short: "Train quotewire's models from PolNeAR",
		Long: `train reproduces quotewire's learned models from the PolNeAR data (default
` + defaultPolNeAR + `; only train.jsonl and train.corenlp.jsonl.gz are read):

  ` + attribFile + `  the attribution model, from the gold attributions: a cue-word
                  table, a cue classifier, a tagger of content, source and
                  cue spans reading both and the rules' output, and a
                  source resolver
  ` + corefFile + `   the antecedent ranker for "he" and "the minister": it learns
                  from names the articles repeat, masked as pronouns or
                  descriptors (no gold coreference is needed)
  ` + posFile + `     with --pos: part-of-speech tagger, from CoreNLP's silver tags
                  (97.7% agreement on dev; the attribution tagger then reads
                  its tags, which measured no better on dev and costs time)

Training is deterministic for a seed; with the defaults it reproduces the
models embedded in quotewire (models/attrib.model, models/coref.model)
byte for byte, so

  quotewire train --out models        # in the repository: make models

is how the shipped model is rebuilt. Try a model of your own with --models:

  quotewire train --out /tmp/mine --epochs 5
  quotewire eval --models /tmp/mine ../shared/data/polnear/dev.jsonl

Choose settings and rules by cross-validation on train, never by dev (dev
is for reporting, and figures tuned on it do not carry over):

  quotewire train --cv 5              # five folds of train.jsonl; writes no model

prints each fold's figures (the attribution model trained on the other
four) and their mean and spread; compare the means before and after a
change, against the spread.`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if cv != 0 {
				if cv < 2 {
					return usageError{fmt.Sprintf("--cv %d: give 2 folds or more (5 is usual)", cv)}
				}
				return m.crossValidate(filepath.Join(data, "train.jsonl"), cv, train.Options{Epochs: epochs, Seed: seed, Limit: limit})
			}
			if out == "" {
				return usageError{"train needs --out DIR for the models (or --cv K to cross-validate without writing any)"}
			}
			if err := os.MkdirAll(out, 0o755); err != nil {
				return fmt.Errorf("create models folder: %w", err)
			}
			t0 := time.Now()
			progress := func(what string) func(int, float64) {
				return func(e int, acc float64) {
					fmt.Fprintf(m.Stderr, "%s epoch %d: training accuracy %.4f (%s)\n", what, e, acc, time.Since(t0).Round(time.Second))
				}
			}
			var pt *pos.Tagger
			if withPOS {
				var err error
				pt, err = train.POS(filepath.Join(data, "train.jsonl"), filepath.Join(data, "train.corenlp.jsonl.gz"),
					train.Options{Epochs: pEpochs, Seed: seed, Limit: limit, Progress: progress("pos")})
				if err != nil {
					return err
				}
				if err := writeModel(filepath.Join(out, posFile), pt.Save); err != nil {
					return err
				}
			} else if err := os.Remove(filepath.Join(out, posFile)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
			at, err := train.Attribution(filepath.Join(data, "train.jsonl"),
				train.Options{Epochs: epochs, Seed: seed, Limit: limit, POS: pt, Progress: progress("attrib")})
			if err != nil {
				return err
			}
			if err := writeModel(filepath.Join(out, attribFile), at.Save); err != nil {
				return err
			}
			rk, err := train.Coref(filepath.Join(data, "train.jsonl"), at, train.Options{Seed: seed, Limit: limit})
			if err != nil {
				return err
			}
			if err := writeModel(filepath.Join(out, corefFile), func(w io.Writer) error { _, err := rk.WriteTo(w); return err }); err != nil {
				return err
			}
			fmt.Fprintf(m.Stderr, "wrote %s: attrib %d features, coref %d features, %s\n", out, at.M.Len(), rk.M.Len(), time.Since(t0).Round(time.Second))
			return nil
		},
	}
	c.Flags().StringVarP(&out, "out", "o", "", "folder to write the models to")
	c.Flags().StringVar(&data, "data", defaultPolNeAR, "PolNeAR folder")
	c.Flags().IntVar(&epochs, "epochs", train.DefaultEpochs, "passes over the data for the attribution tagger")
	c.Flags().IntVar(&pEpochs, "pos-epochs", 5, "passes over the data for the part-of-speech tagger")
	c.Flags().Uint64Var(&seed, "seed", 1, "seed for the order of examples")
	c.Flags().IntVar(&limit, "limit", 0, "train on at most this many articles (0: all)")
	c.Flags().IntVar(&cv, "cv", 0, "cross-validate the attribution model over K folds of train.jsonl instead of writing models")
	c.Flags().BoolVar(&withPOS, "pos", false, "also train the part-of-speech tagger, and the attribution tagger to read its tags")
	return c
}

// crossValidate runs train.CrossValidate and prints each fold's figures,
// their mean and their standard deviation.
func (m *Main) crossValidate(path string, k int, o train.Options) error {
	t0 := time.Now()
	folds, err := train.CrossValidate(path, k, o)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "fold\tarticles\tcontent partial F1\tcontent exact F1\tattribution F1")
	var cp, ce, at []float64
	for i, f := range folds {
		r := f.Result
		cp, ce, at = append(cp, r.ContentPartial.F1), append(ce, r.ContentExact.F1), append(at, r.Attribution.F1)
		fmt.Fprintf(tw, "%d\t%d\t%.4f\t%.4f\t%.4f\n", i+1, f.Articles, r.ContentPartial.F1, r.ContentExact.F1, r.Attribution.F1)
	}
	ms := func(xs []float64) string { mu, sd := meanSD(xs); return fmt.Sprintf("%.4f ± %.4f", mu, sd) }
	fmt.Fprintf(tw, "mean ± sd\t\t%s\t%s\t%s\n", ms(cp), ms(ce), ms(at))
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, "%d folds in %s\n", k, time.Since(t0).Round(time.Second))
	return nil
}

// meanSD returns the mean and the sample standard deviation of xs.
func meanSD(xs []float64) (float64, float64) {
	if len(xs) == 0 {
		return 0, 0
	}
	var sum float64
	for _, x := range xs {
		sum += x
	}
	mu := sum / float64(len(xs))
	if len(xs) == 1 {
		return mu, 0
	}
	var ss float64
	for _, x := range xs {
		ss += (x - mu) * (x - mu)
	}
	return mu, math.Sqrt(ss / float64(len(xs)-1))
}

func writeModel(path string, save func(w io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create model file: %w", err)
	}
	w := bufio.NewWriter(f)
	if err := save(w); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}

// loadModels reads the models in dir; a missing file leaves that model out.
func loadModels(dir string) (engine.Options, error) {
	var ms engine.Options
	found := 0
	if f, err := os.Open(filepath.Join(dir, posFile)); err == nil {
		defer f.Close()
		if ms.POS, err = pos.Load(bufio.NewReader(f)); err != nil {
			return ms, fmt.Errorf("%s: %w", f.Name(), err)
		}
		found++
	} else if !errors.Is(err, os.ErrNotExist) {
		return ms, err
	}
	if f, err := os.Open(filepath.Join(dir, attribFile)); err == nil {
		defer f.Close()
		if ms.Attrib, err = model.Load(bufio.NewReader(f)); err != nil {
			return ms, fmt.Errorf("%s: %w", f.Name(), err)
		}
		found++
	} else if !errors.Is(err, os.ErrNotExist) {
		return ms, err
	}
	if f, err := os.Open(filepath.Join(dir, corefFile)); err == nil {
		defer f.Close()
		if ms.Coref, err = coref.LoadRanker(bufio.NewReader(f)); err != nil {
			return ms, fmt.Errorf("%s: %w", f.Name(), err)
		}
		found++
	} else if !errors.Is(err, os.ErrNotExist) {
		return ms, err
	}
	if found == 0 {
		return ms, fmt.Errorf("no models in %s (make them with quotewire train --out %s)", dir, dir)
	}
	return ms, nil
}

// modelOpts are the flags that choose the models of a pipeline.
type modelOpts struct {
	dir       string
	rulesOnly bool
}

func (o *modelOpts) register(c *cobra.Command) {
	c.Flags().StringVar(&o.dir, "models", "", "use the models in this folder (from quotewire train) instead of the embedded ones")
	c.Flags().BoolVar(&o.rulesOnly, "rules-only", false, "use the rules alone, without the learned attribution model")
}

// pipeline returns the default pipeline (rules and the embedded models),
// the rules alone, or the rules with the models of a folder.
func (o *modelOpts) pipeline() (*quotewire.Pipeline, error) {
	switch {
	case o.rulesOnly && o.dir != "":
		return nil, usageError{"--rules-only and --models exclude each other"}
	case o.rulesOnly:
		return engine.Rules(), nil
	case o.dir == "":
		return engine.New(engine.Options{})
	}
	ms, err := loadModels(o.dir)
	if err != nil {
		return nil, err
	}
	ms.Rules = true // the folder's models alone
	return engine.New(ms)
}
