package archive_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/archive"
	"github.com/quotewire/quotewire/engine"
	"github.com/quotewire/quotewire/ingest"
	"github.com/quotewire/quotewire/internal/benchrun"
	"github.com/quotewire/quotewire/store/sqlite"
)

// panicky panics on an article whose text asks for it, as a bug in a
// stage would.
type panicky struct{}

func (panicky) Process(d *quotewire.Document) error {
	if strings.Contains(d.Text, "PANIC") {
		panic("a stage's bug")
	}
	return nil
}

func articles() []quotewire.Article {
	var out []quotewire.Article
	for i, text := range []string{
		`"The talks were useful," Sergey Lavrov said on Monday.`,
		"The minister said the talks in Vienna would resume.",
		"\x00\x01\x02 binary",
		"PANIC in the pipeline",
		`"We will appeal the ruling," Jane Smith said.`,
	} {
		out = append(out, quotewire.Article{ID: string(rune('a' + i)), URL: "https://example.org/" + string(rune('a'+i)), Text: text,
			Origin: quotewire.Origin{File: "test.jsonl", Line: i + 1}})
	}
	return out
}

// TestIngester: articles are settled in input order; one that cannot be
// analysed and one that makes a stage panic are problems naming them,
// and the rest are stored; a second run finds them all stored.
func TestIngester(t *testing.T) {
	s, err := sqlite.Open(filepath.Join(t.TempDir(), "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := engine.Rules()
	p.Stages = append([]quotewire.NamedStage{{Name: "panicky", Stage: panicky{}}}, p.Stages...)
	ctx := context.Background()
	var settled []archive.Outcome
	in := archive.Ingester{Pipeline: p, Store: s, Workers: 3, Batch: 2, Settled: func(o archive.Outcome) { settled = append(settled, o) }}
	run := in.Start(ctx)
	for _, a := range articles() {
		if err := run.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	tot, err := run.Close()
	if err != nil {
		t.Fatal(err)
	}
	if tot.Read != 5 || tot.Added != 3 || tot.Problems != 2 || tot.Skipped != 0 || tot.Quotes < 3 {
		t.Errorf("totals %+v", tot)
	}
	for i, o := range settled {
		if o.Index != i {
			t.Fatalf("outcome %d settled as %d: out of order", o.Index, i)
		}
	}
	if p := settled[2].Located(); p == nil || !strings.Contains(p.Error(), "test.jsonl line 3") || !errors.Is(p, quotewire.ErrBinary) {
		t.Errorf("the binary article: %v", p)
	}
	if p := settled[3].Located(); p == nil || !strings.Contains(p.Error(), "test.jsonl line 4") || !strings.Contains(p.Error(), "internal error") {
		t.Errorf("the panic: %v", p)
	}
	if st, _ := s.Stats(ctx); st.Articles != 3 {
		t.Errorf("%d articles stored, want 3", st.Articles)
	}
	// again: nothing new
	in.Settled = nil
	run = in.Start(ctx)
	for _, a := range articles() {
		run.Add(a)
	}
	if tot, err := run.Close(); err != nil || tot.Added != 0 || tot.Skipped != 3 || tot.Problems != 2 {
		t.Errorf("second run: %+v %v", tot, err)
	}
	// replacing: the stored articles are analysed again under their keys
	in.Replace = true
	run = in.Start(ctx)
	err = s.Records(ctx, func(r *quotewire.Record) error {
		a := r.Analysis
		return run.AddStored(r.Key, quotewire.Article{ID: a.ID, URL: a.URL, Text: a.Text, Origin: r.Origin})
	})
	if err != nil {
		t.Fatal(err)
	}
	if tot, err := run.Close(); err != nil || tot.Added != 3 || tot.Read != 3 || tot.Skipped != 0 {
		t.Errorf("replacing: %+v %v", tot, err)
	}
	if st, _ := s.Stats(ctx); st.Articles != 3 {
		t.Errorf("%d articles after replacing, want 3", st.Articles)
	}
}

// failingStore refuses every Put.
type failingStore struct{}

func (failingStore) Has(context.Context, []string) (map[string]bool, error) {
	return map[string]bool{}, nil
}

func (failingStore) Put(context.Context, []quotewire.Record) (quotewire.PutResult, error) {
	return quotewire.PutResult{}, errors.New("disk full")
}

func (failingStore) Replace(context.Context, []quotewire.Record) (int, error) {
	return 0, errors.New("disk full")
}

// TestIngesterStoreFails: a batch the store refuses stops the run with
// the store's error.
func TestIngesterStoreFails(t *testing.T) {
	run := archive.Ingester{Pipeline: engine.Rules(), Store: failingStore{}, Workers: 2, Batch: 1}.Start(context.Background())
	var addErr error
	for _, a := range articles()[:2] {
		if err := run.Add(a); err != nil {
			addErr = err
		}
	}
	_, err := run.Close()
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("Close: %v, want the store's error", err)
	}
	_ = addErr // an Add after the failure may already refuse
}

// TestOutlet: the host without www, else the agency.
func TestOutlet(t *testing.T) {
	for _, tt := range []struct {
		a    quotewire.Analysis
		want string
	}{
		{quotewire.Analysis{URL: "https://www.BBC.co.uk/news/1"}, "bbc.co.uk"},
		{quotewire.Analysis{Agency: "TASS"}, "tass"},
		{quotewire.Analysis{}, ""},
	} {
		if got := archive.Outlet(&tt.a); got != tt.want {
			t.Errorf("Outlet(%+v) = %q, want %q", tt.a, got, tt.want)
		}
	}
}

// BenchmarkIngester ingests the shipped Wikinews articles of 2019 into a
// new store, reported as a multiple of reading their text once.
func BenchmarkIngester(b *testing.B) {
	r, err := ingest.Open("../testdata/wikinews/wikinews_2019.csv", ingest.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var arts []quotewire.Article
	size := 0
	for {
		a, err := r.Next()
		if err != nil {
			break
		}
		arts = append(arts, a)
		size += len(a.Text)
	}
	r.Close()
	p, err := engine.New(engine.Options{})
	if err != nil {
		b.Fatal(err)
	}
	texts := make([]string, len(arts))
	for i, a := range arts {
		texts[i] = a.Text
	}
	read := benchrun.ReadCost(texts...)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	var spent time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := sqlite.Open(filepath.Join(b.TempDir(), "b.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		t0 := time.Now()
		run := archive.Ingester{Pipeline: p, Store: s}.Start(context.Background())
		for _, a := range arts {
			run.Add(a)
		}
		if _, err := run.Close(); err != nil {
			b.Fatal(err)
		}
		spent += time.Since(t0)
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(spent.Nanoseconds())/float64(b.N)/read, "x-read")
}

// batchStore records the size of each batch it is given.
type batchStore struct{ sizes []int }

func (*batchStore) Has(context.Context, []string) (map[string]bool, error) {
	return map[string]bool{}, nil
}

func (b *batchStore) Put(_ context.Context, recs []quotewire.Record) (quotewire.PutResult, error) {
	b.sizes = append(b.sizes, len(recs))
	return quotewire.PutResult{Added: len(recs)}, nil
}

func (b *batchStore) Replace(_ context.Context, recs []quotewire.Record) (int, error) {
	b.sizes = append(b.sizes, len(recs))
	return len(recs), nil
}

// TestFirstBatch: a run's first transaction stores FirstBatch records and
// the others Batch; without FirstBatch (serve's POST, which promises one
// transaction) every batch is Batch, whether adding or replacing.
func TestFirstBatch(t *testing.T) {
	var arts []quotewire.Article
	for i := range 12 {
		arts = append(arts, quotewire.Article{ID: string(rune('a' + i)), Text: "Jane Smith said the talks would resume, in article " + string(rune('a'+i)) + "."})
	}
	for _, tc := range []struct {
		first   int
		replace bool
		want    []int
	}{
		{0, false, []int{5, 5, 2}},
		{2, false, []int{2, 5, 5}},
		{2, true, []int{2, 5, 5}},
		{9, false, []int{5, 5, 2}}, // larger than Batch: Batch
		{1, false, []int{1, 5, 5, 1}},
	} {
		s := &batchStore{}
		run := archive.Ingester{Pipeline: engine.Rules(), Store: s, Workers: 2, Batch: 5, FirstBatch: tc.first, Replace: tc.replace}.Start(context.Background())
		for _, a := range arts {
			if err := run.Add(a); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := run.Close(); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(s.sizes, tc.want) {
			t.Errorf("FirstBatch %d, replace %v: batches %v, want %v", tc.first, tc.replace, s.sizes, tc.want)
		}
	}
}

// slowStore takes 20 ms to store each batch.
type slowStore struct{ batchStore }

func (s *slowStore) Put(ctx context.Context, recs []quotewire.Record) (quotewire.PutResult, error) {
	time.Sleep(20 * time.Millisecond)
	return s.batchStore.Put(ctx, recs)
}

// TestStoringTime: Totals.Storing adds up the time the writer spent in
// the store, and no more than the run's own.
func TestStoringTime(t *testing.T) {
	s := &slowStore{}
	start := time.Now()
	run := archive.Ingester{Pipeline: engine.Rules(), Store: s, Workers: 2, Batch: 2}.Start(context.Background())
	for i := range 6 {
		if err := run.Add(quotewire.Article{ID: string(rune('a' + i)), Text: "Jane Smith said the talks would resume."}); err != nil {
			t.Fatal(err)
		}
	}
	tot, err := run.Close()
	wall := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.sizes) != 3 || tot.Storing < 60*time.Millisecond || tot.Storing > wall {
		t.Errorf("%d batches, storing %v, wall %v: want 3 batches, at least 60ms of storing, at most the wall time", len(s.sizes), tot.Storing, wall)
	}
}

// TestFlush: articles added one at a time are analysed and stored
// without waiting for a lookup batch to fill or the run to close, once
// flushed.
func TestFlush(t *testing.T) {
	s := &batchStore{}
	run := archive.Ingester{Pipeline: engine.Rules(), Store: s, Workers: 2, Batch: 1}.Start(context.Background())
	if err := run.Add(quotewire.Article{ID: "a", Text: "Jane Smith said the talks would resume."}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond)
	if n := run.Totals().Read; n != 0 {
		t.Fatalf("%d settled before Flush: the lookup batch waits for more", n)
	}
	run.Flush()
	deadline := time.Now().Add(5 * time.Second)
	for run.Totals().Added == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if tot := run.Totals(); tot.Read != 1 || tot.Added != 1 {
		t.Errorf("after Flush: %+v, want the article stored", tot)
	}
	if _, err := run.Close(); err != nil {
		t.Fatal(err)
	}
}
