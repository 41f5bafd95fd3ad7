package wikidata

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/internal/benchrun"
)

// memIndex is an index in memory, for tests of the Linker alone.
type memIndex struct {
	items   []quotewire.WikidataEntity
	lookups int
}

func (m *memIndex) WikidataByName(_ context.Context, name string, limit int) ([]quotewire.WikidataEntity, error) {
	m.lookups++
	k := quotewire.NameKey(name)
	var out []quotewire.WikidataEntity
	for _, e := range m.items {
		match := quotewire.NameKey(e.Label) == k
		for _, a := range e.Aliases {
			match = match || quotewire.NameKey(a) == k
		}
		if match && len(out) < limit {
			out = append(out, e)
		}
	}
	return out, nil
}

func (m *memIndex) WikidataByID(_ context.Context, id string) (quotewire.WikidataEntity, bool, error) {
	for _, e := range m.items {
		if e.ID == id {
			return e, true, nil
		}
	}
	return quotewire.WikidataEntity{}, false, nil
}

func (m *memIndex) HasWikidata(context.Context) (bool, error) { return len(m.items) > 0, nil }

// article builds an analysis of text whose entities are the names given,
// each mentioned where the text has it.
func article(date, text string, ents ...quotewire.EntityOut) *quotewire.Analysis {
	a := &quotewire.Analysis{Date: date, Text: text}
	for i, e := range ents {
		e.ID = fmt.Sprintf("e%d", i+1)
		if j := strings.Index(text, e.Name); j >= 0 {
			e.Mentions = []quotewire.TextSpan{{Start: j, End: j + len(e.Name), Text: e.Name}}
		}
		a.Entities = append(a.Entities, e)
		a.Quotes = append(a.Quotes, quotewire.QuoteOut{Speaker: &quotewire.SpeakerRef{ID: e.ID, Name: e.Name}})
	}
	return a
}

// TestLinker: each entity is linked by its own article's context; a
// speaker's quotes carry the item; an article that says nothing of which
// namesake it means links nobody; the index is asked once per name.
func TestLinker(t *testing.T) {
	r := NewReader(bytes.NewReader(writeFixture(t, false)), Options{})
	items, _, err := readAll(t, r)
	if err != nil {
		t.Fatal(err)
	}
	idx := &memIndex{items: items}
	l := NewLinker(idx)
	ctx := context.Background()
	minister := article("2017-10-04", "Russian Foreign Minister Sergei Lavrov said Russia would respond.",
		quotewire.EntityOut{Name: "Sergei Lavrov", Type: quotewire.Person, Roles: []string{"Russian Foreign Minister"}},
		quotewire.EntityOut{Name: "Russia", Type: quotewire.Place})
	footballer := article("2017-10-05", "Zenit's Sergei Lavrov, the Russian footballer, said the team would win in Russia.",
		quotewire.EntityOut{Name: "Sergei Lavrov", Type: quotewire.Person},
		quotewire.EntityOut{Name: "Russia", Type: quotewire.Place})
	nobody := article("2017-10-06", "Sergei Lavrov said the weather was fine.",
		quotewire.EntityOut{Name: "Sergei Lavrov", Type: quotewire.Person})
	for _, a := range []*quotewire.Analysis{minister, footballer, nobody} {
		if err := l.Link(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	if e := minister.Entities[0]; e.Wikidata != "Q901" || e.WikidataConfidence <= 0 || minister.Quotes[0].Speaker.Wikidata != "Q901" {
		t.Errorf("the minister: %+v, speaker %+v", e, minister.Quotes[0].Speaker)
	}
	if e := footballer.Entities[0]; e.Wikidata != "Q902" {
		t.Errorf("the footballer: %+v", e)
	}
	if e := nobody.Entities[0]; e.Wikidata != "" {
		t.Errorf("a name alone linked: %+v", e)
	}
	if idx.lookups != 2 {
		t.Errorf("%d lookups, want one per name (Sergei Lavrov, Russia)", idx.lookups)
	}
	// an empty index: nothing linked, nothing asked
	empty := &memIndex{}
	a := article("2017-10-04", minister.Text, quotewire.EntityOut{Name: "Sergei Lavrov", Type: quotewire.Person, Roles: []string{"Russian Foreign Minister"}})
	if err := NewLinker(empty).Link(ctx, a); err != nil || a.Entities[0].Wikidata != "" || empty.lookups != 0 {
		t.Errorf("empty index: %v %+v, %d lookups", err, a.Entities[0], empty.lookups)
	}
}

// BenchmarkLinker links an article of twenty entities against a cached
// index: the cost ingest pays per article once the names are known.
func BenchmarkLinker(b *testing.B) {
	var items []quotewire.WikidataEntity
	for i := 0; i < 200; i++ {
		items = append(items, quotewire.WikidataEntity{ID: fmt.Sprintf("Q%d", 1000+i), Kind: quotewire.WikidataPerson,
			Label: fmt.Sprintf("Person%d Name", i), Description: "politician", Countries: []string{"Q159"}})
	}
	l := NewLinker(&memIndex{items: items})
	var sb strings.Builder
	var ents []quotewire.EntityOut
	for i := 0; i < 20; i++ {
		name := fmt.Sprintf("Person%d Name", i*7)
		fmt.Fprintf(&sb, "The minister %s said on Monday that the talks in Moscow had gone well and would go on. ", name)
		ents = append(ents, quotewire.EntityOut{Name: name, Type: quotewire.Person, Roles: []string{"minister"}})
	}
	text := sb.String()
	ctx := context.Background()
	a := article("2020-01-01", text, ents...)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	read := benchrun.ReadCost(text)
	b.ResetTimer()
	start := testingNow()
	for i := 0; i < b.N; i++ {
		if err := l.Link(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
	per := testingSince(start) / float64(b.N)
	b.ReportMetric(per/read, "x-read")
}
