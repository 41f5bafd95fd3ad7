package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/archive"
	"github.com/quotewire/quotewire/store/sqlite"
)

// defaultStoreBenchSources are the texts the store benchmark replicates.
var defaultStoreBenchSources = []string{"testdata/seed", "../shared/data/wikinews", "../shared/data/polnear/dev.jsonl"}

// storeBench is what bench-store measured.
type storeBench struct {
	Sources         int     `json:"source_articles"`
	ExtractPerSec   float64 `json:"extract_articles_per_s"`
	IngestPerSec    float64 `json:"ingest_articles_per_s"`
	IngestRatio     float64 `json:"ingest_to_extract_ratio"`
	Articles        int     `json:"store_articles"`
	ReplicatePerSec float64 `json:"store_only_articles_per_s"`
	DBBytes         int64   `json:"db_bytes"`
	Queries         int     `json:"queries"`
	Latency         map[string]latency
}

type latency struct {
	N   int     `json:"n"`
	P50 float64 `json:"p50_ms"`
	P95 float64 `json:"p95_ms"`
	P99 float64 `json:"p99_ms"`
	Max float64 `json:"max_ms"`
}

func (m *Main) benchStoreCommand() *cobra.Command {
	var (
		articles, queries, workers int
		db                         string
		keep, asJSON, searchOnly   bool
	)
	c := &cobra.Command{
		Use:   "bench-store [SOURCE...]",
		Short: "Measure ingest speed and search latency on a large store",
		Long: `bench-store measures the store side of quotewire:

 1. extraction alone and ingest (extraction plus storing) of the source
    articles (default: the founding article, the shared Wikinews articles
    and PolNeAR dev), as articles/s and their ratio;
 2. a store of --articles articles (default 100,000), built by replicating
    the analysed sources: each copy gets its own key, URL, outlet (one of
    40) and a date shifted by a week per copy over ten years; copies carry
    no near-duplicate signature, so they are not clustered;
 3. search latency on that store: --queries queries (default 400) mixing
    words, phrases, OR, prefixes, speaker, entity, outlet and date filters,
    drawn from the store's own quotes and speakers; p50, p95, p99 by kind.

It takes a few minutes for 100,000 articles; the store is deleted after
unless --keep. The store it builds is an SQLite file (--db must be a file
path); --search-only also times the queries on a PostgreSQL store
(--db postgres://...).

  quotewire bench-store
  quotewire bench-store --articles 20000 --format json`,
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				args = defaultStoreBenchSources
			}
			ctx := c.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			if isPostgres(db) && !searchOnly {
				return usageError{"bench-store builds an SQLite store: give --db a file path (a postgres:// store can be timed with --search-only)"}
			}
			if searchOnly {
				if db == "" {
					return usageError{"--search-only needs --db, a store built before (bench-store --db FILE --keep)"}
				}
				res, err := runSearchBench(ctx, db, queries)
				if err != nil {
					return err
				}
				if asJSON {
					enc := json.NewEncoder(m.Stdout)
					enc.SetIndent("", "  ")
					return enc.Encode(res)
				}
				return res.write(m.Stdout)
			}
			dir, err := os.MkdirTemp("", "quotewire-bench-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(dir)
			if db == "" {
				db = filepath.Join(dir, "bench.db")
			} else if !keep {
				defer removeStore(db)
			}
			res, err := m.runStoreBench(ctx, args, db, dir, articles, queries, workers)
			if err != nil {
				return err
			}
			if keep && strings.HasPrefix(db, dir) {
				fmt.Fprintln(m.Stderr, "quotewire: --keep needs --db outside the temporary folder; the store was deleted")
			}
			if asJSON {
				enc := json.NewEncoder(m.Stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(res)
			}
			return res.write(m.Stdout)
		},
	}
	c.Flags().IntVar(&articles, "articles", 100000, "articles in the store searched")
	c.Flags().IntVar(&queries, "queries", 400, "search queries timed")
	c.Flags().IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "articles analysed in parallel")
	c.Flags().StringVar(&db, "db", "", "build the store here (default: a temporary file)")
	c.Flags().BoolVar(&keep, "keep", false, "keep the store built at --db")
	formatFlag(c, &asJSON, "json: the results as one object")
	c.Flags().BoolVar(&searchOnly, "search-only", false, "only time the queries, on the store at --db")
	return c
}

func removeStore(db string) {
	for _, suffix := range []string{"", "-wal", "-shm", ".errors.jsonl"} {
		os.Remove(db + suffix)
	}
}

func (m *Main) runStoreBench(ctx context.Context, sources []string, db, dir string, n, nq, workers int) (*storeBench, error) {
	res := &storeBench{Latency: map[string]latency{}}
	p, err := (&modelOpts{}).pipeline()
	if err != nil {
		return nil, err
	}
	// 1. extraction alone, then ingest of the same sources
	var arts []quotewire.Article
	if err := m.readArticles(sources, func(a quotewire.Article) error {
		arts = append(arts, a)
		return nil
	}); err != nil {
		return nil, err
	}
	res.Sources = len(arts)
	templates := make([]quotewire.Record, 0, len(arts))
	start := time.Now()
	type out struct {
		rec quotewire.Record
		ok  bool
	}
	err = ordered(workers, func(emit func(func() out)) error {
		for _, a := range arts {
			emit(func() out {
				an, err := p.Extract(a)
				if err != nil {
					return out{}
				}
				return out{rec: archive.NewRecord(quotewire.ArticleKey(an.URL, an.Text), an, a.Origin), ok: true}
			})
		}
		return nil
	}, func(o out) error {
		if o.ok {
			templates = append(templates, o.rec)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	res.ExtractPerSec = float64(len(arts)) / time.Since(start).Seconds()
	ingestDB := filepath.Join(dir, "ingest.db")
	is, err := sqlite.Open(ingestDB)
	if err != nil {
		return nil, err
	}
	start = time.Now()
	quiet := &Main{Stdin: m.Stdin, Stdout: m.Stdout, Stderr: discard{}}
	if err := quiet.runIngest(ctx, ingestRun{pipeline: p, store: is, paths: sources, workers: workers, batch: 256, errLog: filepath.Join(dir, "errors.jsonl")}); err != nil {
		is.Close()
		return nil, fmt.Errorf("ingest: %w", err)
	}
	res.IngestPerSec = float64(len(arts)) / time.Since(start).Seconds()
	res.IngestRatio = res.IngestPerSec / res.ExtractPerSec
	is.Close()
	fmt.Fprintf(m.Stderr, "quotewire: %d source articles: extraction %.0f/s, ingest %.0f/s; building a store of %d articles...\n",
		len(arts), res.ExtractPerSec, res.IngestPerSec, n)

	// 2. the large store
	s, err := sqlite.Open(db)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	start = time.Now()
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
				return nil, err
			}
			batch = batch[:0]
		}
	}
	res.ReplicatePerSec = float64(n) / time.Since(start).Seconds()
	st, err := s.Stats(ctx)
	if err != nil {
		return nil, err
	}
	res.Articles = st.Articles
	if fi, err := os.Stat(db); err == nil {
		res.DBBytes = fi.Size()
	}

	if err := searchBench(ctx, s, templates, nq, res); err != nil {
		return nil, err
	}
	return res, nil
}

// runSearchBench times queries on a store built before.
func runSearchBench(ctx context.Context, db string, nq int) (*storeBench, error) {
	s, err := openStore(db, true)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	res := &storeBench{Latency: map[string]latency{}}
	st, err := s.Stats(ctx)
	if err != nil {
		return nil, err
	}
	res.Articles = st.Articles
	if fi, err := os.Stat(db); err == nil {
		res.DBBytes = fi.Size()
	}
	var templates []quotewire.Record
	enough := errors.New("enough")
	err = s.Records(ctx, func(r *quotewire.Record) error {
		templates = append(templates, *r)
		if len(templates) == 500 {
			return enough
		}
		return nil
	})
	if err != nil && !errors.Is(err, enough) {
		return nil, err
	}
	return res, searchBench(ctx, s, templates, nq, res)
}

// searchBench times nq queries drawn from the templates' words and the
// store's speakers.
func searchBench(ctx context.Context, s quotewire.Store, templates []quotewire.Record, nq int, res *storeBench) error {
	qs, err := benchQueries(ctx, s, templates, nq)
	if err != nil {
		return err
	}
	times := map[string][]float64{}
	for _, q := range qs {
		t0 := time.Now()
		if _, err := s.Search(ctx, q.q); err != nil {
			return fmt.Errorf("query %+v: %w", q.q, err)
		}
		ms := float64(time.Since(t0).Microseconds()) / 1000
		times[q.kind] = append(times[q.kind], ms)
		times["all"] = append(times["all"], ms)
	}
	res.Queries = len(qs)
	for k, v := range times {
		res.Latency[k] = percentiles(v)
	}
	return nil
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

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

func percentiles(v []float64) latency {
	sort.Float64s(v)
	at := func(p float64) float64 {
		if len(v) == 0 {
			return 0
		}
		return v[min(len(v)-1, int(p*float64(len(v))))]
	}
	return latency{N: len(v), P50: at(0.50), P95: at(0.95), P99: at(0.99), Max: v[len(v)-1]}
}

func (r *storeBench) write(w interface{ Write([]byte) (int, error) }) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "source articles\t%d\n", r.Sources)
	fmt.Fprintf(tw, "extraction alone\t%.0f articles/s\n", r.ExtractPerSec)
	fmt.Fprintf(tw, "ingest (extraction + store)\t%.0f articles/s (%.2f of extraction alone)\n", r.IngestPerSec, r.IngestRatio)
	fmt.Fprintf(tw, "store only (replicas)\t%.0f articles/s\n", r.ReplicatePerSec)
	fmt.Fprintf(tw, "store\t%d articles, %.0f MB\n", r.Articles, float64(r.DBBytes)/1e6)
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
