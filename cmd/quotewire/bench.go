package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/internal/benchrun"
)

// defaultBenchCorpus is PolNeAR's training split where the shared data sits
// beside the project (the corpus the peers in LIBRARIES.md were measured on).
const defaultBenchCorpus = "../shared/data/polnear/train.jsonl"

// shippedCorpus is the corpus the project ships (Wikinews, CC BY 2.5).
const shippedCorpus = "testdata/wikinews/wikinews_2019.csv"

// defaultSources returns the paths of want that exist; when none does,
// it says so on standard error and returns the shipped corpus instead.
func (m *Main) defaultSources(want ...string) []string {
	var out []string
	for _, p := range want {
		if _, err := os.Stat(p); err == nil {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		fmt.Fprintf(m.Stderr, "quotewire: %s not found (the shared data beside a clone of the project); using %s, the corpus the project ships\n", strings.Join(want, ", "), shippedCorpus)
		out = []string{shippedCorpus}
	}
	return out
}

func (m *Main) benchCommand() *cobra.Command {
	var (
		asJSON  bool
		limit   int
		minTime time.Duration
		cpuProf string
		mo      modelOpts
	)
	c := &cobra.Command{
		Use:   "bench [FILE...]",
		Short: "Measure extraction speed on one core against a one-pass read",
		Long: `bench loads the articles of the given files (any format extract reads;
default ` + defaultBenchCorpus + `) into memory and measures, on one
core: a one-pass read of the same bytes that counts words (the least any
analysis must do), each pipeline stage, and extraction end to end. It prints
articles/s, MB/s and the cost of each as a multiple of the one-pass read, all
measured in the same run.

  quotewire bench                                 # PolNeAR train if ../shared is there, else testdata/wikinews
  quotewire bench --format json my-corpus.jsonl`,
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				args = m.defaultSources(defaultBenchCorpus)
			}
			var arts []quotewire.Article
			err := m.readArticles(args, func(a quotewire.Article) error {
				if limit > 0 && len(arts) >= limit {
					return errStop
				}
				arts = append(arts, a)
				return nil
			})
			if err != nil && !errors.Is(err, errStop) {
				return err
			}
			stop, err := startCPUProfile(cpuProf)
			if err != nil {
				return err
			}
			defer stop()
			p, err := mo.pipeline()
			if err != nil {
				return err
			}
			r, err := benchrun.Run(p, arts, minTime)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(m.Stdout)
				return enc.Encode(r)
			}
			return r.WriteText(m.Stdout)
		},
	}
	formatFlag(c, &asJSON, "json: the result as one object")
	c.Flags().IntVar(&limit, "limit", 0, "measure at most this many articles (0: all)")
	mo.register(c)
	c.Flags().StringVar(&cpuProf, "cpuprofile", "", "write a CPU profile to this file (inspect with go tool pprof)")
	c.Flags().DurationVar(&minTime, "min-time", 2*time.Second, "repeat each measurement for at least this long")
	return c
}

// errStop ends reading early without being an error.
var errStop = errors.New("stop")

// startCPUProfile starts writing a CPU profile to path (nothing when path
// is empty, the --cpuprofile flag unset) and returns what stops it.
func startCPUProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("create --cpuprofile file: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("--cpuprofile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
