package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/eval"
)

func (m *Main) evalCommand() *cobra.Command {
	var (
		asJSON  bool
		predOut string
		raw     bool
		workers int
		mo      modelOpts
		byType  bool
		rel     bool
		minConf float64
	)
	c := &cobra.Command{
		Use:   "eval GOLD.jsonl",
		Short: "Score extraction against PolNeAR-style gold attributions",
		Long: `eval runs extraction on every article of a gold file in PolNeAR's JSON Lines
format ({"id", "text", "attributions": [{"source", "cue", "content"}]}) and
prints the same figures as the reference script tools/score_attrib.py:
content (partial: token Dice >= 0.5; exact: same tokens), attribution
(content match whose source overlaps the gold source), cue accuracy on
matched pairs, and token-level content P/R/F1.

Quotes are scored in PolNeAR's convention: a quotation that goes on after
its attribution is one attribution with its continuation (--raw scores every
quote as quotewire reports it). --pred-out writes the predictions that were
scored, so the reference script can check the figures:

  quotewire eval --pred-out pred.jsonl dev.jsonl
  python3 tools/score_attrib.py dev.jsonl pred.jsonl`,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{"eval needs one gold file in PolNeAR's format, e.g. quotewire eval gold.jsonl (PolNeAR's dev split: ../shared/data/polnear/dev.jsonl beside a clone of the project)"}
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			p, err := mo.pipeline()
			if err != nil {
				return err
			}
			return m.runEval(p, args[0], evalOptions{asJSON: asJSON, predOut: predOut, raw: raw, workers: workers, byType: byType, reliability: rel, minConf: minConf})
		},
	}
	formatFlag(c, &asJSON, "json: the figures as one object, the reference script's --json form")
	c.Flags().StringVar(&predOut, "pred-out", "", "also write the scored predictions as JSON Lines to this file")
	c.Flags().BoolVar(&raw, "raw", false, "score quotes as reported, without folding continuations into their quote")
	mo.register(c)
	c.Flags().BoolVar(&byType, "by-type", false, "also print recall and precision split by direct and indirect attributions")
	c.Flags().BoolVar(&rel, "reliability", false, "also print how often quotes of each confidence are right")
	c.Flags().Float64Var(&minConf, "min-confidence", 0, "score only quotes with at least this confidence")
	c.Flags().IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "articles analysed in parallel")
	return c
}

type predLine struct {
	ID     string      `json:"id"`
	Quotes []predSpans `json:"quotes"`
}

type predSpans struct {
	Content []quotewire.Span `json:"content"`
	Cue     []quotewire.Span `json:"cue"`
	Source  []quotewire.Span `json:"source"`
}

// evalOptions are the eval command's settings.
type evalOptions struct {
	asJSON, raw, byType, reliability bool
	predOut                          string
	workers                          int
	minConf                          float64
}

func (m *Main) runEval(p *quotewire.Pipeline, goldPath string, o evalOptions) error {
	asJSON, predOut, raw, workers := o.asJSON, o.predOut, o.raw, o.workers
	f, err := os.Open(goldPath)
	if err != nil {
		return fmt.Errorf("open gold file: %w", err)
	}
	defer f.Close()
	var pw *bufio.Writer
	if predOut != "" {
		pf, err := os.Create(predOut)
		if err != nil {
			return fmt.Errorf("create --pred-out file: %w", err)
		}
		defer pf.Close()
		pw = bufio.NewWriter(pf)
		defer pw.Flush()
	}
	var sc eval.Scorer
	failed := 0
	type job struct {
		g     eval.GoldArticle
		preds []eval.Prediction
		meta  []eval.Meta
		err   error
	}
	var bt eval.ByType
	var rl eval.Reliability
	convert := eval.PolNeARPredictions
	if raw {
		convert = eval.PredictionsFromAnalysis
	}
	// analyse in parallel, score in input order
	err = ordered(workers, func(emit func(func() job)) error {
		return eval.ReadGold(f, goldPath, func(g eval.GoldArticle) error {
			emit(func() job {
				a, err := p.Extract(quotewire.Article{ID: g.ID, Text: g.Text})
				if err != nil {
					return job{g: g, err: err}
				}
				if o.minConf > 0 {
					a.Quotes = quotewire.FilterQuotes(a.Quotes, o.minConf)
				}
				return job{g: g, preds: convert(a), meta: eval.PredictionMeta(a, !raw)}
			})
			return nil
		})
	}, func(j job) error {
		if j.err != nil {
			failed++
			fmt.Fprintf(m.Stderr, "quotewire: %s: article %s: %v\n", goldPath, j.g.ID, j.err)
			sc.Add(j.g, nil)
			return nil
		}
		sc.Add(j.g, j.preds)
		bt.Add(j.g, j.preds, j.meta)
		rl.Add(j.g, j.preds, j.meta)
		if pw != nil {
			line := predLine{ID: j.g.ID, Quotes: make([]predSpans, len(j.preds))}
			for i, pr := range j.preds {
				line.Quotes[i] = predSpans{Content: pr.Content, Cue: pr.Cue, Source: pr.Source}
			}
			b, err := json.Marshal(line)
			if err != nil {
				return err
			}
			pw.Write(append(b, '\n'))
		}
		return nil
	})
	if err != nil {
		return err
	}
	r := sc.Result()
	if asJSON {
		err = r.WriteJSON(m.Stdout)
	} else {
		err = r.WriteText(m.Stdout)
	}
	if err != nil {
		return err
	}
	if o.byType && !asJSON {
		fmt.Fprintln(m.Stdout)
		if err := bt.WriteText(m.Stdout); err != nil {
			return err
		}
	}
	if o.reliability && !asJSON {
		fmt.Fprintln(m.Stdout)
		if err := rl.WriteText(m.Stdout); err != nil {
			return err
		}
	}
	if failed > 0 {
		return fmt.Errorf("%w: %d articles could not be analysed", errPartial, failed)
	}
	return nil
}
