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

// benchArticles returns PolNeAR dev when the shared data is beside the
// project, else the founding article alone.
func benchArticles(b *testing.B) []quotewire.Article {
	b.Helper()
	f, err := os.Open("../../shared/data/polnear/dev.jsonl")
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

// readCost measures the one-pass word-counting read of arts, the unit the
// benchmarks report their cost in (metric "x-read").
func readCost(arts []quotewire.Article) time.Duration {
	n := 0
	t0 := time.Now()
	for time.Since(t0) < 200*time.Millisecond {
		for _, a := range arts {
			benchrun.CountWords(a.Text)
		}
		n++
	}
	return time.Since(t0) / time.Duration(n)
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
	p := New()
	read := readCost(arts)
	b.SetBytes(totalBytes(arts))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			if _, err := p.Extract(a); err != nil {
				b.Fatal(err)
			}
		}
	}
	per := b.Elapsed() / time.Duration(b.N)
	b.ReportMetric(float64(len(arts))/per.Seconds(), "articles/s")
	b.ReportMetric(per.Seconds()/read.Seconds(), "x-read")
}

// BenchmarkStage measures each stage alone over the corpus; the stages
// before it run with the timer stopped.
func BenchmarkStage(b *testing.B) {
	arts := benchArticles(b)
	p := New()
	read := readCost(arts)
	for k, st := range p.Stages {
		b.Run(st.Name, func(b *testing.B) {
			b.SetBytes(totalBytes(arts))
			var busy time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				docs := make([]*quotewire.Document, len(arts))
				for j, a := range arts {
					docs[j] = quotewire.NewDocument(a)
					for _, prev := range p.Stages[:k] {
						prev.Stage.Process(docs[j])
					}
				}
				b.StartTimer()
				t0 := time.Now()
				for _, d := range docs {
					st.Stage.Process(d)
				}
				busy += time.Since(t0)
			}
			per := busy / time.Duration(b.N)
			b.ReportMetric(per.Seconds()/read.Seconds(), "x-read")
		})
	}
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
