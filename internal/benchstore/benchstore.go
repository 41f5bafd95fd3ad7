// Package benchstore measures the store side of quotewire for the
// bench-store command: a large store built by replicating analysed
// articles, and the latency of a mix of searches drawn from its own
// quotes and speakers. It extracts nothing: the analyses it replicates
// come from a store an ingest filled.
package benchstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"sort"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/internal/latency"
)

// Result is what bench-store measured.
type Result struct {
	// The first phase (IngestBench): extraction alone and ingest of the
	// source articles, on Workers at once, medians over Rounds; the
	// ratio is the median of each round's ratio (IngestRatios).
	Sources       int       `json:"source_articles"`
	Workers       int       `json:"workers,omitempty"`
	Rounds        int       `json:"rounds,omitempty"`
	ExtractPerSec float64   `json:"extract_articles_per_s"`
	IngestPerSec  float64   `json:"ingest_articles_per_s"`
	IngestRatio   float64   `json:"ingest_to_extract_ratio"`
	IngestRatios  []float64 `json:"ingest_to_extract_ratios,omitempty"`
	// WriterBusy is the share of the ingest's time its one writer spent
	// storing (archive.Totals.Storing), median over the rounds: near 1,
	// the ingest waits on its store and a faster extraction does not
	// make it faster.
	WriterBusy float64 `json:"writer_busy_share,omitempty"`
	// IngestInto names the store of the ingest: "SQLite" (when empty) or
	// "PostgreSQL".
	IngestInto string `json:"ingest_into,omitempty"`
	// The large store and the searches on it.
	Articles        int     `json:"store_articles"`
	ReplicatePerSec float64 `json:"store_only_articles_per_s"`
	DBBytes         int64   `json:"db_bytes"`
	Queries         int     `json:"queries"`
	Latency         map[string]Latency
}

// Latency sums up the times of one kind of query, in milliseconds.
type Latency = latency.Summary

// Putter is what Replicate needs of a store.
type Putter interface {
	Put(ctx context.Context, recs []quotewire.Record) (quotewire.PutResult, error)
}

// Replicate stores n articles made from the templates, in batches: each
// copy gets its own key, URL, outlet (one of 40) and a date shifted by a
// week per copy over ten years; copies carry no near-duplicate signature,
// so they are not clustered. It returns the articles stored per second.
func Replicate(ctx context.Context, s Putter, templates []quotewire.Record, n int) (float64, error) {
	if len(templates) == 0 {
		return 0, errors.New("no analysed articles to replicate")
	}
	start := time.Now()
	batch := make([]quotewire.Record, 0, 500)
	base := time.Date(2014, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		t := templates[i%len(templates)]
		c := i / len(templates)
		a := *t.Analysis
		a.ID = fmt.Sprintf("%s-%d", a.ID, c)
		a.URL = fmt.Sprintf("https://outlet%02d.example/%d/%s", c%40, c, t.Key)
		a.Date = base.AddDate(0, 0, (i*7+c*3)%3650).Format("2006-01-02")
		batch = append(batch, quotewire.Record{Key: quotewire.ArticleKey(a.URL, a.Text), Analysis: &a,
			Origin: t.Origin, Outlet: fmt.Sprintf("outlet%02d.example", c%40)})
		if len(batch) == cap(batch) || i == n-1 {
			if _, err := s.Put(ctx, batch); err != nil {
				return 0, err
			}
			batch = batch[:0]
		}
	}
	return float64(n) / time.Since(start).Seconds(), nil
}

// Recorder is what Templates needs of a store.
type Recorder interface {
	Records(ctx context.Context, fn func(*quotewire.Record) error) error
}

// Templates returns the first max articles stored in s (every one when
// max is not positive), to replicate and draw queries from.
func Templates(ctx context.Context, s Recorder, max int) ([]quotewire.Record, error) {
	var out []quotewire.Record
	enough := errors.New("enough")
	err := s.Records(ctx, func(r *quotewire.Record) error {
		out = append(out, *r)
		if max > 0 && len(out) == max {
			return enough
		}
		return nil
	})
	if err != nil && !errors.Is(err, enough) {
		return nil, err
	}
	return out, nil
}

// Search times nq queries drawn from the templates' words and the
// store's speakers, and records their latency in res by kind.
func Search(ctx context.Context, s quotewire.Store, templates []quotewire.Record, nq int, res *Result) error {
	qs, err := benchQueries(ctx, s, templates, nq)
	if err != nil {
		return err
	}
	times := map[string][]time.Duration{}
	for _, q := range qs {
		t0 := time.Now()
		if _, err := s.Search(ctx, q.q); err != nil {
			return fmt.Errorf("query %+v: %w", q.q, err)
		}
		d := time.Since(t0)
		times[q.kind] = append(times[q.kind], d)
		times["all"] = append(times["all"], d)
	}
	if res.Latency == nil {
		res.Latency = map[string]Latency{}
	}
	res.Queries = len(qs)
	for k, v := range times {
		res.Latency[k] = latency.Of(v)
	}
	return nil
}

// benchQuery is one query and the kind it is counted under.
type benchQuery struct {
	kind string
	q    quotewire.Query
}

// benchQueries draws n queries from the analysed templates' quote words
// and the store's speakers and outlets, with a fixed seed.
func benchQueries(ctx context.Context, s quotewire.Store, templates []quotewire.Record, n int) ([]benchQuery, error) {
	r := rand.New(rand.NewPCG(1, 2))
	counts := map[string]int{}
	var phrases []string
	for _, t := range templates {
		for _, q := range t.Analysis.Quotes {
			ws := strings.FieldsFunc(strings.ToLower(q.Content.Text), func(c rune) bool { return !unicode.IsLetter(c) })
			for i, w := range ws {
				if len(w) >= 5 {
					counts[w]++
				}
				if i > 0 && len(w) >= 4 && len(ws[i-1]) >= 4 && len(phrases) < 5000 {
					phrases = append(phrases, ws[i-1]+" "+w)
				}
			}
		}
	}
	words := make([]string, 0, len(counts))
	for w := range counts {
		words = append(words, w)
	}
	sort.Slice(words, func(i, j int) bool {
		return counts[words[i]] > counts[words[j]] || counts[words[i]] == counts[words[j]] && words[i] < words[j]
	})
	if len(words) > 300 {
		words = words[:300]
	}
	sps, err := s.Speakers(ctx, "", nil, 50)
	if err != nil {
		return nil, err
	}
	if len(words) == 0 || len(sps) == 0 || len(phrases) == 0 {
		return nil, fmt.Errorf("the sources gave no quotes to draw queries from")
	}
	word := func() string { return words[r.IntN(len(words))] }
	year := func() (string, string) {
		y := 2014 + r.IntN(10)
		return fmt.Sprint(y), fmt.Sprint(y)
	}
	kinds := []func() benchQuery{
		func() benchQuery { return benchQuery{"word", quotewire.Query{Text: word()}} },
		func() benchQuery { return benchQuery{"two words", quotewire.Query{Text: word() + " " + word()}} },
		func() benchQuery {
			return benchQuery{"phrase", quotewire.Query{Text: `"` + phrases[r.IntN(len(phrases))] + `"`}}
		},
		func() benchQuery { return benchQuery{"or", quotewire.Query{Text: word() + " OR " + word()}} },
		func() benchQuery {
			w := word()
			return benchQuery{"prefix", quotewire.Query{Text: w[:4] + "*"}}
		},
		func() benchQuery { return benchQuery{"speaker", quotewire.Query{Speaker: sps[r.IntN(len(sps))].Name}} },
		func() benchQuery {
			return benchQuery{"speaker+word", quotewire.Query{Speaker: sps[r.IntN(len(sps))].Name, Text: word()}}
		},
		func() benchQuery {
			from, to := year()
			return benchQuery{"word+year", quotewire.Query{Text: word(), From: from, To: to}}
		},
		func() benchQuery {
			return benchQuery{"outlet+word", quotewire.Query{Outlet: fmt.Sprintf("outlet%02d.example", r.IntN(40)), Text: word()}}
		},
		func() benchQuery { return benchQuery{"entity", quotewire.Query{Entity: sps[r.IntN(len(sps))].Name}} },
	}
	out := make([]benchQuery, n)
	for i := range out {
		out[i] = kinds[i%len(kinds)]()
	}
	return out, nil
}

// Write prints r as a table: the parts measured (the first phase alone
// for --ingest-only, the searches alone for --search-only).
func (r *Result) Write(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	if r.ExtractPerSec > 0 {
		how := ""
		if r.Workers > 0 {
			how = fmt.Sprintf(", %s at once", plural(r.Workers, "article"))
		}
		if r.Rounds > 1 {
			how += fmt.Sprintf(", median of %d rounds", r.Rounds)
		}
		fmt.Fprintf(tw, "source articles\t%d%s\n", r.Sources, how)
		fmt.Fprintf(tw, "extraction alone\t%.0f articles/s\n", r.ExtractPerSec)
		into := r.IngestInto
		if into == "" {
			into = "SQLite"
		}
		fmt.Fprintf(tw, "ingest into %s (extraction + store)\t%.0f articles/s\n", into, r.IngestPerSec)
		fmt.Fprintf(tw, "ingest / extraction alone\t%.2f%s\n", r.IngestRatio, ratioRange(r.IngestRatios))
		if r.WriterBusy > 0 {
			fmt.Fprintf(tw, "store's writer busy\t%.2f of the ingest's time\n", r.WriterBusy)
		}
	}
	if r.Articles > 0 {
		if r.ReplicatePerSec > 0 {
			fmt.Fprintf(tw, "store only (replicas)\t%.0f articles/s\n", r.ReplicatePerSec)
		}
		if r.DBBytes > 0 {
			fmt.Fprintf(tw, "store\t%d articles, %.0f MB\n", r.Articles, float64(r.DBBytes)/1e6)
		} else {
			fmt.Fprintf(tw, "store\t%d articles\n", r.Articles)
		}
	}
	if len(r.Latency) == 0 {
		return tw.Flush()
	}
	fmt.Fprintf(tw, "\nquery\tn\tp50 ms\tp95 ms\tp99 ms\tmax ms\n")
	kinds := make([]string, 0, len(r.Latency))
	for k := range r.Latency {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		l := r.Latency[k]
		fmt.Fprintf(tw, "%s\t%d\t%.2f\t%.2f\t%.2f\t%.2f\n", k, l.N, l.P50, l.P95, l.P99, l.Max)
	}
	return tw.Flush()
}

// ratioRange is " (rounds: lo–hi)" for more than one ratio, else "".
func ratioRange(v []float64) string {
	if len(v) < 2 {
		return ""
	}
	lo, hi := v[0], v[0]
	for _, x := range v {
		lo, hi = min(lo, x), max(hi, x)
	}
	return fmt.Sprintf(" (rounds: %.2f–%.2f)", lo, hi)
}

// plural is "1 article", "2 articles".
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
