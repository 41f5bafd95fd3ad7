package sqlite

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/rules"
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
	recs := batchCorpus(t)
	ctx := context.Background()
	var want map[string][]string
	for _, batch := range []int{1, 7, len(recs)} {
		s, err := Open(filepath.Join(t.TempDir(), "b.db"))
		if err != nil {
			t.Fatal(err)
		}
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
			if got := dump[name]; !slices.Equal(got, rows) {
				t.Errorf("batches of %d: table %s differs from one record a batch (%d rows, want %d)", batch, name, len(got), len(rows))
			}
		}
	}
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

// batchCorpus returns records that exercise what a batch must see of its
// earlier records: PolNeAR dev articles when the shared data is there,
// and made-up ones: namesakes told apart by their Wikidata items, whose
// quote counts decide which an unlinked mention joins; surnames alone
// joined by their roles; acronyms; a stored entity that takes an item;
// and more than clusterLimit near-duplicates of one article.
func batchCorpus(t *testing.T) []quotewire.Record {
	var recs []quotewire.Record
	if _, err := os.Stat("../../../shared/data/polnear/dev.jsonl"); err == nil {
		recs = analysed(t, 40)
	}
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
			ents = append(ents, []ent{{name: "Sergei Lavrov", qid: "Q2", typ: person, roles: []string{"footballer"}}, {name: "FSB", typ: quotewire.Organization}}...)
			quotes["Sergei Lavrov"] = 1 + n%7
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
