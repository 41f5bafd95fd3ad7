package sqlite

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/rules"
	"github.com/quotewire/quotewire/store/storetest"
)

// TestBatchAsOneByOne checks that a batch stores exactly what its records
// stored one Put each store: a batch resolves its names from what it read
// of the store and what it added since, and writes when it ends, so this
// holds only if that view answers as the store would have at each record
// (the batch's earlier articles' entities, aliases, roles, links to
// Wikidata items and quote counts, which order the candidates), and if
// ids are given as SQLite would give them. Every table is compared but
// the full-text index's own (its segments follow the transactions).
func TestBatchAsOneByOne(t *testing.T) {
	storetest.BatchAsOneByOne(t, batchCorpus(t), func(t *testing.T) (storetest.BatchStore, func() map[string][]string) {
		s, err := Open(filepath.Join(t.TempDir(), "b.db"))
		if err != nil {
			t.Fatal(err)
		}
		s.Now = func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }
		return s, func() map[string][]string { return dumpTables(t, s) }
	})
}

// dumpTables returns every row of every table of s but the full-text
// index's own, as text, in order.
func dumpTables(t *testing.T, s *Store) map[string][]string {
	t.Helper()
	names, err := s.db.Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'quotes_fts%' ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for names.Next() {
		var n string
		if err := names.Scan(&n); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, n)
	}
	names.Close()
	out := map[string][]string{}
	for _, table := range tables {
		rows, err := s.db.Query("SELECT * FROM " + table)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			out[table] = append(out[table], fmt.Sprintf("%#v", vals))
		}
		rows.Close()
		slices.Sort(out[table])
	}
	return out
}

// batchCorpus returns analysed PolNeAR dev articles, when ../shared is
// there, and storetest.BatchCorpus with its namesakes.
func batchCorpus(t *testing.T) []quotewire.Record {
	var recs []quotewire.Record
	if _, err := os.Stat("../../../shared/data/polnear/dev.jsonl"); err == nil {
		recs = analysed(t, 40)
	}
	return append(recs, storetest.BatchCorpus(true)...)
}

// TestClusterFirstCandidates checks that an article is compared with the
// first clusterLimit articles sharing a band with it, in the order the
// store's query returns them (by band), whether its batch stored them or
// an earlier one: 105 articles share its first band and are not near it,
// so the near-duplicate that shares only its other bands comes too late.
func TestClusterFirstCandidates(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	random := func() []uint32 {
		sig := make([]uint32, rules.Bands*rules.Rows)
		for i := range sig {
			sig[i] = rng.Uint32()
		}
		return sig
	}
	rec := func(n int, sig []uint32) quotewire.Record {
		text := fmt.Sprintf("Article %d.", n)
		a := &quotewire.Analysis{ID: fmt.Sprint(n), URL: fmt.Sprintf("https://example.org/%d", n), Text: text}
		return quotewire.Record{Key: quotewire.ArticleKey(a.URL, text), Analysis: a, Signature: sig}
	}
	target := random()
	var recs []quotewire.Record
	for n := 0; n < clusterLimit+5; n++ {
		sig := random()
		copy(sig, target[:rules.Rows]) // the first band only
		recs = append(recs, rec(n, sig))
	}
	near := slices.Clone(target)
	copy(near, random()[:rules.Rows]) // all but the first band
	recs = append(recs, rec(len(recs), near), rec(len(recs)+1, target))
	for _, batch := range []int{1, len(recs)} {
		s, err := Open(filepath.Join(t.TempDir(), "c.db"))
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < len(recs); i += batch {
			if _, err := s.Put(context.Background(), recs[i:min(i+batch, len(recs))]); err != nil {
				t.Fatal(err)
			}
		}
		var own int
		if err := s.db.QueryRow("SELECT COUNT(*) FROM articles WHERE cluster = id").Scan(&own); err != nil {
			t.Fatal(err)
		}
		if own != len(recs) {
			t.Errorf("batches of %d: %d articles are their own cluster, want all %d", batch, own, len(recs))
		}
		s.Close()
	}
}
