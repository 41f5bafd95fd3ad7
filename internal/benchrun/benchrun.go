// Package benchrun measures the extraction pipeline on a set of articles:
// end-to-end and per-stage throughput on one core, compared with the cost
// of reading the same bytes once (a word-counting pass), measured in the
// same run so that the ratio does not depend on the machine.
package benchrun

import (
	"fmt"
	"io"
	"runtime"
	"text/tabwriter"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/quotewire/quotewire"
)

// StageResult is the time one stage took over all articles.
type StageResult struct {
	Name     string        `json:"name"`
	Duration time.Duration `json:"ns"`
	// ArticlesPerSec and MBPerSec are that stage's throughput alone.
	ArticlesPerSec float64 `json:"articles_per_sec"`
	MBPerSec       float64 `json:"mb_per_sec"`
	// Ratio is the stage's time over the one-pass read's time.
	Ratio float64 `json:"ratio_to_read"`
}

// Result is one benchmark run.
type Result struct {
	Articles int   `json:"articles"`
	Bytes    int64 `json:"bytes"`
	Rounds   int   `json:"rounds"`
	// Read is the one-pass word-counting read of the same texts.
	ReadArticlesPerSec float64 `json:"read_articles_per_sec"`
	ReadMBPerSec       float64 `json:"read_mb_per_sec"`
	// End to end: every stage, as `quotewire extract` runs them, plus
	// conversion to the output form.
	ArticlesPerSec float64       `json:"articles_per_sec"`
	MBPerSec       float64       `json:"mb_per_sec"`
	Ratio          float64       `json:"ratio_to_read"`
	Quotes         int           `json:"quotes_per_round"`
	Stages         []StageResult `json:"stages"`
}

// CountWords is the baseline: one pass over text counting words, the
// least any analysis must do.
func CountWords(text string) int {
	n, in := 0, false
	for i := 0; i < len(text); {
		c := text[i]
		var w bool
		if c < utf8.RuneSelf {
			w = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
			i++
		} else {
			r, size := utf8.DecodeRuneInString(text[i:])
			w = unicode.IsLetter(r) || unicode.IsDigit(r)
			i += size
		}
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

// Run measures p on arts, repeating each measurement until it has taken at
// least minTime. Articles the pipeline rejects are skipped.
func Run(p *quotewire.Pipeline, arts []quotewire.Article, minTime time.Duration) (Result, error) {
	var r Result
	for _, a := range arts {
		if quotewire.Check(a.Text) == nil {
			r.Articles++
			r.Bytes += int64(len(a.Text))
		}
	}
	if r.Articles == 0 {
		return r, fmt.Errorf("no usable articles to measure")
	}
	// baseline read
	var readTime time.Duration
	readRounds, words := 0, 0
	for readTime < minTime || readRounds == 0 {
		t0 := time.Now()
		for _, a := range arts {
			words += CountWords(a.Text)
		}
		readTime += time.Since(t0)
		readRounds++
	}
	runtime.KeepAlive(words) // the reading is measured, not optimised away
	perRead := readTime / time.Duration(readRounds)
	// end to end, timing each stage
	stageTime := make([]time.Duration, len(p.Stages))
	var total time.Duration
	rounds := 0
	for total < minTime || rounds == 0 {
		quotes := 0
		t0 := time.Now()
		for _, a := range arts {
			if quotewire.Check(a.Text) != nil {
				continue
			}
			d := quotewire.NewDocument(a)
			for i, s := range p.Stages {
				ts := time.Now()
				if err := s.Stage.Process(d); err != nil {
					return r, fmt.Errorf("article %s: stage %s: %w", a.ID, s.Name, err)
				}
				stageTime[i] += time.Since(ts)
			}
			an := quotewire.NewAnalysis(d)
			quotes += len(an.Quotes)
		}
		total += time.Since(t0)
		rounds++
		r.Quotes = quotes
	}
	r.Rounds = rounds
	per := total / time.Duration(rounds)
	mb := float64(r.Bytes) / 1e6
	r.ReadArticlesPerSec = float64(r.Articles) / perRead.Seconds()
	r.ReadMBPerSec = mb / perRead.Seconds()
	r.ArticlesPerSec = float64(r.Articles) / per.Seconds()
	r.MBPerSec = mb / per.Seconds()
	r.Ratio = per.Seconds() / perRead.Seconds()
	for i, s := range p.Stages {
		st := stageTime[i] / time.Duration(rounds)
		sec := st.Seconds()
		if sec <= 0 {
			sec = 1e-9
		}
		r.Stages = append(r.Stages, StageResult{
			Name: s.Name, Duration: st,
			ArticlesPerSec: float64(r.Articles) / sec, MBPerSec: mb / sec,
			Ratio: sec / perRead.Seconds(),
		})
	}
	return r, nil
}

// WriteText prints r as a table.
func (r Result) WriteText(w io.Writer) error {
	fmt.Fprintf(w, "%d articles, %.2f MB, %d rounds, one core\n\n", r.Articles, float64(r.Bytes)/1e6, r.Rounds)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "what\tarticles/s\tMB/s\t× one-pass read\t")
	fmt.Fprintf(tw, "one-pass read (count words)\t%.0f\t%.1f\t1.0\t\n", r.ReadArticlesPerSec, r.ReadMBPerSec)
	for _, s := range r.Stages {
		fmt.Fprintf(tw, "stage %s\t%.0f\t%.1f\t%.1f\t\n", s.Name, s.ArticlesPerSec, s.MBPerSec, s.Ratio)
	}
	fmt.Fprintf(tw, "end to end\t%.0f\t%.1f\t%.1f\t\n", r.ArticlesPerSec, r.MBPerSec, r.Ratio)
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%d quotes found per round\n", r.Quotes)
	return err
}

// ReadCost is the baseline the benchmarks report against: the time, in
// nanoseconds, of one CountWords pass over texts (the least of 20).
func ReadCost(texts ...string) float64 {
	best := time.Duration(1<<63 - 1)
	words := 0
	for r := 0; r < 20; r++ {
		start := time.Now()
		for _, s := range texts {
			words += CountWords(s)
		}
		best = min(best, time.Since(start))
	}
	runtime.KeepAlive(words)
	return float64(max(best, 1))
}
