package postgres

import (
	"context"
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/rules"
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
	recs := batchCorpus(t)
	ctx := context.Background()
	var want map[string][]string
	for _, batch := range []int{1, 7, len(recs)} {
		s := openIn(t, freshSchema(t))
		s.Now = func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }
		added := 0
		for i := 0; i < len(recs); i += batch {
			res, err := s.Put(ctx, recs[i:min(i+batch, len(recs))])
			if err != nil {
				t.Fatalf("batches of %d: %v", batch, err)
			}
			added += res.Added
		}
		if added != len(recs)-1 { // one record is there twice
			t.Errorf("batches of %d: added %d of %d", batch, added, len(recs))
		}
		dump := dumpTables(t, s)
		s.Close()
		if batch == 1 {
			for name, rows := range dump {
				if len(rows) == 0 && !strings.HasPrefix(name, "wikidata") {
					t.Errorf("table %s is empty: the corpus does not test it", name)
				}
			}
			want = dump
			continue
		}
		for name, rows := range want {
			got := dump[name]
			if slices.Equal(got, rows) {
				continue
			}
			t.Errorf("batches of %d: table %s differs from one record a batch (%d rows, want %d)", batch, name, len(got), len(rows))
			for i := range min(len(got), len(rows)) {
				if got[i] != rows[i] {
					t.Logf("first difference:\n got  %s\n want %s", got[i], rows[i])
					break
				}
			}
		}
	}
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

// batchCorpus returns made-up records that exercise what a batch must
// see of its earlier records: people joined by their Wikidata items
// under other spellings, surnames alone joined by their roles, acronyms,
// a stored entity that takes an item, quotes that many articles share
// (the same quotation, counted again by later batches), relayed quotes,
// and near-duplicates of one article (store/sqlite's corpus, without its
// namesakes: see TestBatchAsOneByOne).
func batchCorpus(t *testing.T) []quotewire.Record {
	var recs []quotewire.Record
	rng := rand.New(rand.NewSource(1))
	base := make([]uint32, rules.Bands*rules.Rows)
	for i := range base {
		base[i] = rng.Uint32()
	}
	type ent struct {
		name, qid string
		typ       quotewire.EntityType
		roles     []string
		mentions  []string
	}
	article := func(n int, ents []ent, quotes map[string]int) quotewire.Record {
		text := fmt.Sprintf("Article %d. ", n)
		a := &quotewire.Analysis{ID: fmt.Sprint(n), URL: fmt.Sprintf("https://example.org/%d", n),
			Date: fmt.Sprintf("2020-%02d-%02d", 1+n%12, 1+n%28)}
		for i, e := range ents {
			id := fmt.Sprintf("e%d", i+1)
			o := quotewire.EntityOut{ID: id, Name: e.name, Type: e.typ, Roles: e.roles, Wikidata: e.qid}
			if e.qid != "" {
				o.WikidataConfidence = 0.5 + float64(n%5)/10
			}
			for _, m := range e.mentions {
				o.Mentions = append(o.Mentions, quotewire.TextSpan{Text: m})
			}
			a.Entities = append(a.Entities, o)
			for q := 0; q < quotes[e.name]; q++ {
				words := fmt.Sprintf("%s said thing %d of article %d, and more words follow here", e.name, q, n%9)
				start := len(text)
				text += words + ". "
				a.Quotes = append(a.Quotes, quotewire.QuoteOut{Type: quotewire.Indirect, Confidence: 0.7,
					Content: quotewire.ContentSpan{Start: start, End: start + len(words), Text: words},
					Speaker: &quotewire.SpeakerRef{ID: id, Name: e.name},
					About:   []quotewire.EntityRef{{ID: "e1"}},
					Act:     []quotewire.Act{quotewire.Statement, quotewire.Question}[q%2],
					Via:     via(n, id)})
			}
		}
		a.Text = text
		// near-duplicates of one story: a few values of one signature
		// changed, so that they share bands and most values
		sig := slices.Clone(base)
		for k := 0; k < 1+n%4; k++ {
			sig[rng.Intn(len(sig))] = rng.Uint32()
		}
		if n%3 == 0 {
			for k := range sig {
				sig[k] = rng.Uint32()
			}
		}
		return quotewire.Record{Key: quotewire.ArticleKey(a.URL, text), Analysis: a, Outlet: fmt.Sprint("outlet", n%3), Signature: sig}
	}
	person := quotewire.Person
	surnames := []string{"Peskov", "Ushakov", "Nebenzia", "Ryabkov", "Grushko"}
	for n := 0; n < 190; n++ {
		var ents []ent
		quotes := map[string]int{}
		// a person stored unlinked, then linked by a mention, then found
		// by the item under another spelling
		c := n / 8
		switch n % 8 {
		case 6:
			ents = []ent{{name: "Dmitry " + surnames[c%5], typ: person}}
		case 7:
			ents = []ent{{name: "Dmitry " + surnames[c%5], typ: person, qid: fmt.Sprintf("Q%d", 100+c)}}
		case 0:
			if c > 0 {
				ents = []ent{{name: "Dmitri " + surnames[(c-1)%5], typ: person, qid: fmt.Sprintf("Q%d", 99+c)}}
			}
		}
		switch n % 6 {
		case 0:
			ents = append(ents, ent{name: "Sergei Lavrov", qid: "Q1", typ: person, roles: []string{"foreign minister"}}, ent{name: "Federal Security Service", typ: quotewire.Organization, mentions: []string{"FSB"}})
			quotes["Sergei Lavrov"] = n % 5
		case 1:
			ents = append(ents, []ent{{name: "Sergei Lavrovsky", qid: "Q2", typ: person, roles: []string{"footballer"}}, {name: "FSB", typ: quotewire.Organization}}...)
			quotes["Sergei Lavrovsky"] = 1 + n%7
		case 2:
			// unlinked: the most quoted namesake at this point
			ents = append(ents, []ent{{name: "Sergei Lavrov", typ: person}, {name: "Lavrov", typ: person, roles: []string{"the minister"}}}...)
			quotes["Lavrov"] = 1
		case 3:
			ents = append(ents, []ent{{name: "Sergey Lavrov", typ: person, roles: []string{"Russian Foreign Minister"}}, {name: "Maria Zakharova", typ: person, qid: fmt.Sprintf("Q%d", 10+n%2)}}...)
			quotes["Maria Zakharova"] = n % 3
		case 4:
			ents = append(ents, []ent{{name: "Zakharova", typ: person, roles: []string{"spokeswoman"}}, {name: fmt.Sprintf("Person %d Zakharova", n%5), typ: person, roles: []string{"spokeswoman"}}}...)
			quotes[fmt.Sprintf("Person %d Zakharova", n%5)] = 2
		default:
			ents = append(ents, []ent{{name: "Maria Zakharova", typ: person, qid: "Q12", roles: []string{"spokeswoman for the ministry"}}, {name: "Geneva", typ: quotewire.Place}}...)
			quotes["Maria Zakharova"] = 1
		}
		recs = append(recs, article(n, ents, quotes))
	}
	// a record twice: the second is not stored
	return append(recs, recs[len(recs)/2])
}

// via is who relayed a quote of article n: every fifth article's are
// relayed by its first entity.
func via(n int, speaker string) *quotewire.SpeakerRef {
	if n%5 != 0 || speaker == "e1" {
		return nil
	}
	return &quotewire.SpeakerRef{ID: "e1", Name: "relay"}
}
