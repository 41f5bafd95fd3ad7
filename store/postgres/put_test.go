package postgres

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/rules"
)

// sharedRecord is record(i, names...) with quotes that other records
// share (long enough to group across speakers into one quotation) and a
// MinHash signature that record i shares with record i+copies (a
// syndicated copy: same statements, another URL).
func sharedRecord(i, copies int, names ...string) quotewire.Record {
	r := record(i, names...)
	a := r.Analysis
	for j := range a.Quotes {
		q := &a.Quotes[j]
		q.Content.Text = fmt.Sprintf("the shared statement number %d about the budget and the war", (i+j)%17)
	}
	sig := make([]uint32, rules.Bands*rules.Rows)
	for k := range sig {
		sig[k] = uint32((i%copies)*1000 + k + 1)
	}
	r.Signature = sig
	return r
}

// itemsOf returns the records as items on their way into a store.
func itemsOf(t *testing.T, recs []quotewire.Record) []*item {
	t.Helper()
	var out []*item
	for i := range recs {
		it, err := newItem(&recs[i])
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, it)
	}
	return out
}

// checkConsistent checks what no foreign key checks any more, and the
// counts the parallel writers keep: every quote's article, quotation and
// speaker exist; every quotation counts exactly its quotes, and none is
// left without them; every speaker counts exactly its quotes; every
// article with a signature has a cluster.
func checkConsistent(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	checks := []struct{ what, sql string }{
		{"quotes of missing articles", "SELECT COUNT(*) FROM quotes q WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = q.article)"},
		{"quotes of missing quotations", "SELECT COUNT(*) FROM quotes q WHERE NOT EXISTS (SELECT 1 FROM quotations qn WHERE qn.id = q.quotation)"},
		{"quotes of missing speakers", "SELECT COUNT(*) FROM quotes q WHERE q.speaker IS NOT NULL AND NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = q.speaker)"},
		{"links to missing entities", "SELECT COUNT(*) FROM article_entities l WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = l.entity)"},
		{"aliases of missing entities", "SELECT COUNT(*) FROM entity_aliases l WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = l.entity)"},
		{"roles of missing entities", "SELECT COUNT(*) FROM entity_roles l WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = l.entity)"},
		{"entities without an article", "SELECT COUNT(*) FROM entities e WHERE NOT EXISTS (SELECT 1 FROM article_entities l WHERE l.entity = e.id)"},
		{"bands of missing articles", "SELECT COUNT(*) FROM article_bands b WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = b.article)"},
		{"quotations miscounted", `SELECT COUNT(*) FROM quotations qn WHERE qn.occurrences <> (SELECT COUNT(*) FROM quotes q WHERE q.quotation = qn.id)`},
		{"speakers miscounted", `SELECT COUNT(*) FROM entities e WHERE e.quotes <> (SELECT COUNT(*) FROM quotes q WHERE q.speaker = e.id)`},
		{"statements miscounted", `SELECT COUNT(*) FROM entities e WHERE e.statements <> (SELECT COUNT(*) FROM quotes q WHERE q.speaker = e.id AND q.act = 'statement')`},
		{"relays to missing entities", "SELECT COUNT(*) FROM quotes q WHERE q.via_speaker IS NOT NULL AND NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = q.via_speaker)"},
		{"articles not clustered", "SELECT COUNT(*) FROM articles WHERE signature IS NOT NULL AND cluster IS NULL"},
	}
	for _, c := range checks {
		var n int
		if err := s.Pool().QueryRow(ctx, c.sql).Scan(&n); err != nil {
			t.Fatalf("%s: %v", c.what, err)
		}
		if n != 0 {
			t.Errorf("%d %s", n, c.what)
		}
	}
}

// TestParallelWriters runs four stores (four pools, as four worker
// processes would) putting every record, each in its own order, in small
// batches: the records share quotations, speakers and near-duplicate
// copies, so the writers count the same rows at once. Every article is
// stored once, every name is one entity, every count is exact and every
// copy is in its original's cluster.
func TestParallelWriters(t *testing.T) {
	schema := freshSchema(t)
	const writers, n, copies = 4, 160, 80
	people := []string{"Sergey Lavrov", "Maria Zakharova", "Antonio Guterres", "Angela Merkel", "Emmanuel Macron", "Boris Johnson"}
	var recs []quotewire.Record
	for i := range n {
		recs = append(recs, sharedRecord(i, copies, people[i%len(people)], people[(i*5+1)%len(people)]))
	}
	stores := make([]*Store, writers)
	for k := range stores {
		stores[k] = openIn(t, schema)
		defer stores[k].Close()
	}
	ctx := context.Background()
	var wg sync.WaitGroup
	added := make([]int, writers)
	errs := make(chan error, writers)
	for k, s := range stores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			order := append([]quotewire.Record(nil), recs...)
			rand.New(rand.NewPCG(uint64(k), 7)).Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			for len(order) > 0 {
				m := min(8, len(order))
				res, err := s.Put(ctx, order[:m])
				if err != nil {
					errs <- err
					return
				}
				added[k] += res.Added
				order = order[m:]
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if sum := added[0] + added[1] + added[2] + added[3]; sum != n {
		t.Errorf("added %v, %d in all, want %d", added, sum, n)
	}
	st, err := stores[0].Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != n || st.Quotes != 2*n || st.Quotations != 17 || st.Entities != len(people) || st.Clusters != copies {
		t.Errorf("stats = %+v, want %d articles, %d quotes, 17 quotations, %d entities, %d clusters", st, n, 2*n, len(people), copies)
	}
	checkConsistent(t, stores[0])
	// each copy is in its original's cluster
	var split int
	if err := stores[0].Pool().QueryRow(ctx, `SELECT COUNT(*) FROM (SELECT signature FROM articles GROUP BY signature
		HAVING COUNT(DISTINCT cluster) > 1) d`).Scan(&split); err != nil {
		t.Fatal(err)
	}
	if split != 0 {
		t.Errorf("%d groups of copies split over several clusters", split)
	}
}

// TestInterruptedPut stops Puts after their first step (names and
// quotations resolved) and after their second (articles stored, not
// clustered), as a worker killed there would, and then puts every record
// again, as the redelivered unit does: the store ends as one that was
// never interrupted.
func TestInterruptedPut(t *testing.T) {
	ctx := context.Background()
	people := []string{"Sergey Lavrov", "Maria Zakharova", "Antonio Guterres"}
	var recs []quotewire.Record
	for i := range 12 {
		recs = append(recs, sharedRecord(i, 4, people[i%3], people[(i+1)%3]))
	}
	clean := openIn(t, freshSchema(t))
	defer clean.Close()
	if _, err := clean.Put(ctx, recs); err != nil {
		t.Fatal(err)
	}
	want, err := clean.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}

	s := openIn(t, freshSchema(t))
	defer s.Close()
	// records 0-3: resolved only
	if err := s.write(ctx, func(w *writer) error { return w.resolveItems(itemsOf(t, recs[:4])) }); err != nil {
		t.Fatal(err)
	}
	// records 4-7: resolved and stored, not clustered
	second := itemsOf(t, recs[4:8])
	if err := s.write(ctx, func(w *writer) error { return w.resolveItems(second) }); err != nil {
		t.Fatal(err)
	}
	if n, err := s.storeItems(ctx, second); err != nil || n != 4 {
		t.Fatalf("store: %d, %v", n, err)
	}
	res, err := s.Put(ctx, recs)
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 8 || res.Skipped != 4 {
		t.Errorf("put again: %+v, want 8 added, 4 skipped", res)
	}
	got, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("stats after the interruptions = %+v\nwant (never interrupted)     %+v", got, want)
	}
	checkConsistent(t, s)
}

// TestQuotationGone deletes a stored quotation between a batch's
// resolution and its storing, as a Replace that left it empty would:
// storing creates it again, and the store stays consistent.
func TestQuotationGone(t *testing.T) {
	ctx := context.Background()
	s := openIn(t, freshSchema(t))
	defer s.Close()
	if _, err := s.Put(ctx, []quotewire.Record{sharedRecord(1, 4, "Sergey Lavrov")}); err != nil {
		t.Fatal(err)
	}
	recs := []quotewire.Record{sharedRecord(2, 4, "Sergey Lavrov"), sharedRecord(18, 4, "Maria Zakharova")}
	its := itemsOf(t, recs)
	if err := s.write(ctx, func(w *writer) error { return w.resolveItems(its) }); err != nil {
		t.Fatal(err)
	}
	// the first record's quotation of "statement number 2" is the second's too
	if _, err := s.Pool().Exec(ctx, "DELETE FROM quotes; DELETE FROM quotations; UPDATE entities SET quotes = 0, statements = 0"); err != nil {
		t.Fatal(err)
	}
	if n, err := s.storeItems(ctx, its); err != nil || n != 2 {
		t.Fatalf("store with the quotations gone: %d, %v", n, err)
	}
	if err := s.clustering(ctx, func(w *writer) error { return w.cluster(its) }); err != nil {
		t.Fatal(err)
	}
	checkConsistent(t, s)
	if !retryable(errQuotationGone) {
		t.Error("a quotation deleted under a writer is not retried")
	}
}
