package storetest

import (
	"context"
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/rules"
)

// BatchCorpus returns made-up records that exercise what a store's batch
// must see of its earlier records: people joined by their Wikidata items
// under other spellings, surnames alone joined by their roles, acronyms,
// a stored entity that takes an item, quotes that many articles share
// (the same quotation, counted again by later batches), relayed quotes,
// and more than a hundred near-duplicates of one article. With namesakes,
// a footballer shares the minister's name and only their quote counts
// decide which an unlinked mention joins (the SQLite store resolves them
// record by record; PostgreSQL's Put ranks a batch's candidates by the
// counts when the batch began, so its test leaves them out).
func BatchCorpus(namesakes bool) []quotewire.Record {
	var recs []quotewire.Record
	// a footballer whom only his quote counts tell from the minister
	// (see the doc comment)
	namesake := "Sergei Lavrovsky"
	if namesakes {
		namesake = "Sergei Lavrov"
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
			ents = append(ents, []ent{{name: namesake, qid: "Q2", typ: person, roles: []string{"footballer"}}, {name: "FSB", typ: quotewire.Organization}}...)
			quotes[namesake] = 1 + n%7
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

// BatchStore is what BatchAsOneByOne needs of a store.
type BatchStore interface {
	Put(ctx context.Context, recs []quotewire.Record) (quotewire.PutResult, error)
	Close() error
}

// BatchAsOneByOne stores recs into a new store from open in batches of 1,
// 7 and all of them, and checks that every table dump (every row of a
// table as text, in an order of the backend's) equals the dump of one
// record a batch; recs must hold one record twice. It fails on an empty
// table (but wikidata_*): the corpus would not test it.
func BatchAsOneByOne(t *testing.T, recs []quotewire.Record, open func(t *testing.T) (BatchStore, func() map[string][]string)) {
	t.Helper()
	ctx := context.Background()
	var want map[string][]string
	for _, batch := range []int{1, 7, len(recs)} {
		s, dump := open(t)
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
		tables := dump()
		s.Close()
		if batch == 1 {
			for name, rows := range tables {
				if len(rows) == 0 && !strings.HasPrefix(name, "wikidata") {
					t.Errorf("table %s is empty: the corpus does not test it", name)
				}
			}
			want = tables
			continue
		}
		for name, rows := range want {
			got := tables[name]
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
