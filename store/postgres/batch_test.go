package postgres

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/quotewire/quotewire/store/storetest"
)

// TestBatchAsOneByOne checks that a batch stores what its records stored
// one Put each store, and in batches of 7: every row of every table but
// the numbering of entities. Each transaction that creates entities
// takes a block of ids and skips those it does not use, so a record a
// Put numbers them with gaps; they are compared by their order (the
// order they were created in) instead, and so are the columns that refer
// to them. A quotation made by one batch and counted again by the next
// takes the other path (its row updated, not inserted with its counts).
//
// Unlike store/sqlite's, the corpus has no namesakes that only their
// quote counts tell apart: this store resolves a batch's names before it
// counts the batch's quotes, so a batch orders such candidates by the
// counts stored when it began, and one record a Put by the counts of
// every earlier record.
func TestBatchAsOneByOne(t *testing.T) {
	storetest.BatchAsOneByOne(t, storetest.BatchCorpus(false), func(t *testing.T) (storetest.BatchStore, func() map[string][]string) {
		s := openIn(t, freshSchema(t))
		s.Now = func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }
		return s, func() map[string][]string { return dumpTables(t, s) }
	})
}

// dumpTables returns every row of every table of s as text, sorted, with
// entities numbered by their order (see TestBatchAsOneByOne).
func dumpTables(t *testing.T, s *Store) map[string][]string {
	t.Helper()
	const rank = "(SELECT n FROM m WHERE m.id = %s)"
	e := func(col string) string { return fmt.Sprintf(rank, col) }
	queries := map[string]string{
		"articles":      "SELECT * FROM articles",
		"article_bands": "SELECT * FROM article_bands",
		"entities": "SELECT " + e("e.id") + `, name, key, given, surname, type, quotes, statements, wikidata, wikidata_confidence
			FROM entities e`,
		"entity_aliases":   "SELECT " + e("a.entity") + ", key, alias, rule, detail, article FROM entity_aliases a",
		"entity_roles":     "SELECT " + e("r.entity") + ", role, head, first_date, last_date FROM entity_roles r",
		"article_entities": "SELECT article, " + e("l.entity") + ", local FROM article_entities l",
		"quotations":       "SELECT id, key, text, " + e("qn.speaker") + ", first_date, occurrences FROM quotations qn",
		"quotes": "SELECT id, article, seq, kind, text, date, start, \"end\", " + e("q.speaker") + `, speaker_name, confidence, quotation,
			tsv::text, act, anonymous, continued, via, ` + e("q.via_speaker") + `,
			ARRAY(SELECT ` + e("x.id") + ` FROM unnest(q.about) WITH ORDINALITY AS x(id, o) ORDER BY o)
			FROM quotes q`,
		"wikidata_items": "SELECT * FROM wikidata_items",
		"wikidata_names": "SELECT * FROM wikidata_names",
	}
	out := map[string][]string{}
	for table, q := range queries {
		rows, err := s.pool.Query(context.Background(),
			"WITH m AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM entities) SELECT r::text FROM ("+q+") r")
		if err != nil {
			t.Fatalf("dump %s: %v", table, err)
		}
		for rows.Next() {
			var r string
			if err := rows.Scan(&r); err != nil {
				t.Fatal(err)
			}
			out[table] = append(out[table], r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			t.Fatalf("dump %s: %v", table, err)
		}
		slices.Sort(out[table])
	}
	return out
}
