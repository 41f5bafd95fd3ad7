package benchstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/internal/testpipe"
	"github.com/quotewire/quotewire/store/sqlite"
)

// TestIngestBench runs phase 1 as bench-store --ingest-only does, on the
// founding article, a copy under another URL and an empty article the
// pipeline rejects: every round ingests into a store of its own, the rates
// and ratios are recorded, the stores of earlier rounds are closed and the
// last one is handed back holding what was analysed.
func TestIngestBench(t *testing.T) {
	ctx := context.Background()
	text := seedText(t)
	arts := []quotewire.Article{
		{ID: "seed", Text: text},
		{ID: "copy", URL: "https://example.org/copy", Text: text},
		{ID: "empty", Text: ""},
	}
	dir := t.TempDir()
	var opened []*closeCounter
	b := IngestBench{Pipeline: testpipe.Default(t), Articles: arts, Workers: 2, Rounds: 3,
		Open: func(round int) (IngestStore, error) {
			s, err := sqlite.Open(filepath.Join(dir, fmt.Sprintf("ingest-%d.db", round)))
			if err != nil {
				return nil, err
			}
			c := &closeCounter{Store: s}
			opened = append(opened, c)
			return c, nil
		}}
	var res Result
	last, err := b.Run(ctx, &res)
	if err != nil {
		t.Fatal(err)
	}
	if len(opened) != 3 || last != opened[2] {
		t.Fatalf("opened %d stores; the last one handed back: %v", len(opened), last == IngestStore(opened[len(opened)-1]))
	}
	for i, c := range opened {
		if want := i < 2; (c.closed == 1) != want || c.closed > 1 {
			t.Errorf("store of round %d closed %d times", i, c.closed)
		}
	}
	templates, err := Templates(ctx, last, 0)
	if err != nil || len(templates) != 2 {
		t.Errorf("the last store holds %d records (%v), want the 2 analysed", len(templates), err)
	}
	if err := last.Close(); err != nil {
		t.Fatal(err)
	}
	if res.Sources != 3 || res.Workers != 2 || res.Rounds != 3 || len(res.IngestRatios) != 3 ||
		res.ExtractPerSec <= 0 || res.IngestPerSec <= 0 || res.IngestRatio <= 0 {
		t.Fatalf("result %+v", res)
	}
	if res.IngestRatio != median(res.IngestRatios) {
		t.Errorf("ratio %v is not the median of the rounds' %v", res.IngestRatio, res.IngestRatios)
	}
	if res.WriterBusy <= 0 || res.WriterBusy > 1 {
		t.Errorf("writer busy %v of the ingest's time, want in (0, 1]", res.WriterBusy)
	}
	var out bytes.Buffer
	if err := res.Write(&out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"3, 2 articles at once, median of 3 rounds", "extraction alone", "ingest / extraction alone", "(rounds: ", "store's writer busy"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, out.String())
		}
	}
	for _, not := range []string{"store only", "query"} {
		if strings.Contains(out.String(), not) {
			t.Errorf("phase 1 alone prints %q:\n%s", not, out.String())
		}
	}
}

// TestIngestBenchErrors: nothing to measure, and a store that cannot be
// opened, are errors.
func TestIngestBenchErrors(t *testing.T) {
	ctx := context.Background()
	p := testpipe.Default(t)
	open := func(int) (IngestStore, error) { return nil, errors.New("no room") }
	var res Result
	if _, err := (IngestBench{Pipeline: p, Open: open}).Run(ctx, &res); err == nil {
		t.Error("no articles: no error")
	}
	if _, err := (IngestBench{Articles: []quotewire.Article{{Text: "He said so."}}}).Run(ctx, &res); err == nil {
		t.Error("no pipeline nor store: no error")
	}
	_, err := (IngestBench{Pipeline: p, Articles: []quotewire.Article{{Text: "He said so."}}, Open: open}).Run(ctx, &res)
	if err == nil || !strings.Contains(err.Error(), "no room") {
		t.Errorf("a store that cannot be opened: %v", err)
	}
}

// closeCounter counts the Close calls on a store.
type closeCounter struct {
	*sqlite.Store
	closed int
}

func (c *closeCounter) Close() error {
	c.closed++
	if c.closed > 1 {
		return nil
	}
	return c.Store.Close()
}

func TestMedian(t *testing.T) {
	for _, tt := range []struct {
		in   []float64
		want float64
	}{
		{nil, 0}, {[]float64{3}, 3}, {[]float64{0.5, 0.1, 0.3}, 0.3}, {[]float64{4, 1, 3, 2}, 2.5},
	} {
		in := append([]float64(nil), tt.in...)
		if got := median(tt.in); got != tt.want {
			t.Errorf("median(%v) = %v, want %v", tt.in, got, tt.want)
		}
		for i := range in {
			if in[i] != tt.in[i] {
				t.Errorf("median changed its input: %v", tt.in)
			}
		}
	}
	if got := ratioRange([]float64{0.31, 0.25, 0.4}); got != " (rounds: 0.25–0.40)" {
		t.Errorf("ratioRange = %q", got)
	}
	if got := ratioRange([]float64{0.3}); got != "" {
		t.Errorf("ratioRange of one = %q", got)
	}
}
