package main

import (
	"bufio"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/quotewire/quotewire/attrib/model"
	"github.com/quotewire/quotewire/train"
)

const defaultTrainData = "../shared/data/polnear/train.jsonl"

func (m *Main) trainCommand() *cobra.Command {
	var (
		out    string
		epochs int
		seed   uint64
		limit  int
	)
	c := &cobra.Command{
		Use:   "train [GOLD.jsonl]",
		Short: "Train the attribution model from PolNeAR-format gold",
		Long: `train learns the attribution tagger (content, source and cue spans) from
gold articles in PolNeAR's JSON Lines format (default ` + defaultTrainData + `)
and writes it to --out. Training is deterministic for a seed. Evaluate the
result with: quotewire eval --model FILE ../shared/data/polnear/dev.jsonl`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			path := defaultTrainData
			if len(args) == 1 {
				path = args[0]
			}
			if out == "" {
				return usageError{"train needs --out FILE for the model"}
			}
			t0 := time.Now()
			t, err := train.Attribution(path, train.Options{Epochs: epochs, Seed: seed, Limit: limit,
				Progress: func(e int, acc float64) {
					fmt.Fprintf(m.Stderr, "epoch %d: token accuracy %.4f (%s)\n", e, acc, time.Since(t0).Round(time.Second))
				}})
			if err != nil {
				return err
			}
			f, err := os.Create(out)
			if err != nil {
				return fmt.Errorf("create model file: %w", err)
			}
			w := bufio.NewWriter(f)
			if err := t.Save(w); err != nil {
				f.Close()
				return fmt.Errorf("write model: %w", err)
			}
			if err := w.Flush(); err != nil {
				f.Close()
				return err
			}
			fmt.Fprintf(m.Stderr, "wrote %s: %d features, %s\n", out, t.M.Len(), time.Since(t0).Round(time.Second))
			return f.Close()
		},
	}
	c.Flags().StringVarP(&out, "out", "o", "", "file to write the model to")
	c.Flags().IntVar(&epochs, "epochs", 8, "passes over the training data")
	c.Flags().Uint64Var(&seed, "seed", 1, "seed for the order of examples")
	c.Flags().IntVar(&limit, "limit", 0, "train on at most this many articles (0: all)")
	return c
}

// loadModel reads an attribution model file.
func loadModel(path string) (*model.Tagger, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open model: %w", err)
	}
	defer f.Close()
	return model.Load(bufio.NewReader(f))
}
