package engine

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/internal/benchrun"
)

// benchArticles returns the JSON Lines file named by $QUOTEWIRE_BENCH_FILE,
// else PolNeAR dev when the shared data is beside the project, else the
// founding article alone.
func benchArticles(b *testing.B) []quotewire.Article {
	b.Helper()
	path := os.Getenv("QUOTEWIRE_BENCH_FILE")
	if path == "" {
		path = "../../shared/data/polnear/dev.jsonl"
	}
	f, err := os.Open(path)
	if err != nil {
		art, _ := readSeed(b)
		return []quotewire.Article{art}
	}
	defer f.Close()
	var arts []quotewire.Article
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var r struct{ ID, Text string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			b.Fatal(err)
		}
		arts = append(arts, quotewire.Article{ID: r.ID, Text: r.Text})
	}
	return arts
}

// reportRatio times b.N one-pass word-counting reads of arts (the unit the
// benchmarks report their cost in) right after the measured work, and
// reports busy over that as the metric "x-read".
func reportRatio(b *testing.B, busy time.Duration, arts []quotewire.Article) {
	t0 := time.Now()
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			benchrun.CountWords(a.Text)
		}
	}
	b.ReportMetric(busy.Seconds()/time.Since(t0).Seconds(), "x-read")
}

func totalBytes(arts []quotewire.Article) int64 {
	var n int64
	for _, a := range arts {
		n += int64(len(a.Text))
	}
	return n
}

// BenchmarkExtract runs the default pipeline over the corpus: one op is the
// whole corpus. Besides ns/op and MB/s it reports articles/s and the cost
// as a multiple of reading the same bytes once.
func BenchmarkExtract(b *testing.B) {
	arts := benchArticles(b)
	p := mustNew(b)
	b.SetBytes(totalBytes(arts))
	b.ResetTimer()
	t0 := time.Now()
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			if _, err := p.Extract(a); err != nil {
				b.Fatal(err)
			}
		}
	}
	busy := time.Since(t0)
	b.StopTimer()
	b.ReportMetric(float64(len(arts)*b.N)/busy.Seconds(), "articles/s")
	reportRatio(b, busy, arts)
}

// BenchmarkStage measures each stage alone over the corpus; the stages
// before it run with the timer stopped.
func BenchmarkStage(b *testing.B) {
	arts := benchArticles(b)
	p := mustNew(b)
	for k, st := range p.Stages {
		b.Run(st.Name, func(b *testing.B) { benchStage(b, arts, p.Stages[:k], st.Stage) })
	}
}

// BenchmarkAttribRules measures the attribution stage's first pass alone
// (attrib.Rules): the rest of BenchmarkStage/attrib's cost is the learned
// model, the merge and the passes after it.
func BenchmarkAttribRules(b *testing.B) {
	st := RuleStages(Options{})
	benchStage(b, benchArticles(b), st[:len(st)-1], st[len(st)-1].Stage)
}

// benchStage times stage over arts, each article first taken through the
// stages before it with the timer stopped, and reports the ratio to a
// one-pass read.
func benchStage(b *testing.B, arts []quotewire.Article, before []quotewire.NamedStage, stage quotewire.Stage) {
	b.SetBytes(totalBytes(arts))
	var busy time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		docs := make([]*quotewire.Document, len(arts))
		for j, a := range arts {
			docs[j] = quotewire.NewDocument(a)
			for _, prev := range before {
				prev.Stage.Process(docs[j])
			}
		}
		b.StartTimer()
		t0 := time.Now()
		for _, d := range docs {
			stage.Process(d)
		}
		busy += time.Since(t0)
	}
	b.StopTimer()
	reportRatio(b, busy, arts)
}

// BenchmarkReadOnce is the baseline: a one-pass word count of the corpus.
func BenchmarkReadOnce(b *testing.B) {
	arts := benchArticles(b)
	b.SetBytes(totalBytes(arts))
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			benchrun.CountWords(a.Text)
		}
	}
}

// mustNew returns the default pipeline, or fails tb.
func mustNew(tb testing.TB) *quotewire.Pipeline {
	tb.Helper()
	p, err := New(Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return p
}
