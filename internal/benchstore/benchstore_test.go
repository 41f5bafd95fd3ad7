package benchstore

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/internal/testpipe"
	"github.com/quotewire/quotewire/store/sqlite"
)

// TestReplicateAndSearch builds a small store from the founding article
// as bench-store does and times queries on it: every copy is stored under
// its own key, and every query is timed and counted by kind.
func TestReplicateAndSearch(t *testing.T) {
	ctx := context.Background()
	a, err := testpipe.Default(t).Extract(quotewire.Article{ID: "seed", Text: seedText(t)})
	if err != nil {
		t.Fatal(err)
	}
	src, err := sqlite.Open(filepath.Join(t.TempDir(), "src.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if _, err := src.Put(ctx, []quotewire.Record{{Key: "seed", Analysis: a}}); err != nil {
		t.Fatal(err)
	}
	templates, err := Templates(ctx, src, 0)
	if err != nil || len(templates) != 1 || len(templates[0].Analysis.Quotes) == 0 {
		t.Fatalf("templates: %d, %v", len(templates), err)
	}
	dst, err := sqlite.Open(filepath.Join(t.TempDir(), "bench.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	rate, err := Replicate(ctx, dst, templates, 30)
	if err != nil || rate <= 0 {
		t.Fatalf("replicate: %v at %v/s", err, rate)
	}
	st, err := dst.Stats(ctx)
	if err != nil || st.Articles != 30 || st.Outlets != 30 {
		t.Fatalf("stats after replicating 30: %+v, %v", st, err)
	}
	var res Result
	if err := Search(ctx, dst, templates, 20, &res); err != nil {
		t.Fatal(err)
	}
	if res.Queries != 20 || res.Latency["all"].N != 20 || res.Latency["speaker"].N != 2 {
		t.Errorf("queries %d, latencies %+v", res.Queries, res.Latency)
	}
	var out bytes.Buffer
	if err := res.Write(&out); err != nil || !strings.Contains(out.String(), "speaker+word") {
		t.Errorf("table:\n%s", out.String())
	}
	if _, err := Replicate(ctx, dst, nil, 1); err == nil {
		t.Error("replicating no templates: no error")
	}
}

// seedText returns the founding article's text.
func seedText(t *testing.T) string {
	t.Helper()
	text, err := os.ReadFile("../../testdata/seed/tass-2017-10-04-lavrov-krasnodar.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(text)
}
