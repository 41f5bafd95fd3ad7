package wikidata

import (
	"bytes"
	"testing"

	"github.com/quotewire/quotewire"
)

// candidates reads the fixture dump and returns its items of that name.
func candidates(t *testing.T, name string) ([]quotewire.WikidataEntity, map[string]string) {
	t.Helper()
	r := NewReader(bytesReader(writeFixture(t, false)), Options{})
	all, _, err := readAll(t, r)
	if err != nil {
		t.Fatal(err)
	}
	labels := map[string]string{}
	var out []quotewire.WikidataEntity
	key := quotewire.NameKey(name)
	for _, e := range all {
		labels[e.ID] = e.Label
		match := quotewire.NameKey(e.Label) == key
		for _, a := range e.Aliases {
			match = match || quotewire.NameKey(a) == key
		}
		if match {
			out = append(out, e)
		}
	}
	return out, labels
}

func TestChoose(t *testing.T) {
	tests := []struct {
		name string
		c    quotewire.EntityType
		ctx  Context
		want string
	}{
		{"the minister by his office at the article's date", quotewire.Person,
			Context{Name: "Sergei Lavrov", Roles: []string{"Russian Foreign Minister"}, Dates: []string{"2017-10-04"}, Alongside: []string{"Russia", "Moscow"}}, "Q901"},
		{"the minister by the words of his description", quotewire.Person,
			Context{Name: "Sergei Lavrov", Roles: []string{"foreign minister"}}, "Q901"},
		{"the footballer by his occupation and country", quotewire.Person,
			Context{Name: "Sergei Lavrov", Roles: []string{"footballer"}, Alongside: []string{"Russia"}}, "Q902"},
		{"the footballer by the words around his name", quotewire.Person,
			Context{Name: "Sergei Lavrov", Near: []string{"Zenit's ", " the footballer, said"}, Alongside: []string{"Russia"}}, "Q902"},
		{"one word of a description is not enough alone", quotewire.Person,
			Context{Name: "Sergei Lavrov", Near: []string{"Zenit's ", " the footballer, said"}}, ""},
		{"a nationality near the name does not tell namesakes apart", quotewire.Person,
			Context{Name: "Sergei Lavrov", Near: []string{"the Russian ", " said on Sunday"}}, ""},
		{"a name alone links nobody", quotewire.Person, Context{Name: "Sergei Lavrov"}, ""},
		{"a country alone does not tell namesakes apart", quotewire.Person, Context{Name: "Sergei Lavrov", Alongside: []string{"Russia"}}, ""},
		{"a role that fits neither", quotewire.Person, Context{Name: "Sergei Lavrov", Roles: []string{"ice hockey coach"}}, ""},
		{"a place is no person", quotewire.Place, Context{Name: "Sergei Lavrov", Roles: []string{"foreign minister"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cands, labels := candidates(t, tt.ctx.Name)
			if len(cands) != 2 {
				t.Fatalf("%d candidates for %q, want the two namesakes", len(cands), tt.ctx.Name)
			}
			tt.ctx.Type = tt.c
			got := Choose(tt.ctx, cands, labels)
			if got.ID != tt.want {
				t.Errorf("Choose = %+v, want %q", got, tt.want)
			}
			if got.ID != "" && (got.Confidence <= 0 || got.Confidence >= 1 || got.Why == "") {
				t.Errorf("a link needs a confidence in (0, 1) and a reason: %+v", got)
			}
		})
	}
}

func TestHeldAt(t *testing.T) {
	p := quotewire.WikidataHeld{Position: "Q1", Start: "1994", End: "2004-03"}
	for d, want := range map[string]bool{"1995-06-01": true, "2004-03-20": true, "2004-04-01": false, "1993-12-31": false} {
		if got := heldAt(p, []string{d}); got != want {
			t.Errorf("held on %s: %v, want %v", d, got, want)
		}
	}
}

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }

// TestChoosePlaces: the best-known place of a name is what the news means
// by it when the article agrees, never on its name alone, and never a
// person by fame.
func TestChoosePlaces(t *testing.T) {
	cands := []quotewire.WikidataEntity{
		{ID: "Q649", Kind: quotewire.WikidataPlace, Label: "Moscow", Description: "capital and largest city of Russia", Countries: []string{"Q159"}, Sitelinks: 300},
		{ID: "Q499401", Kind: quotewire.WikidataPlace, Label: "Moscow", Description: "city in Idaho, United States", Countries: []string{"Q30"}, Sitelinks: 30},
	}
	labels := map[string]string{"Q159": "Russia", "Q30": "United States"}
	tests := []struct {
		name string
		ctx  Context
		want string
	}{
		{"Russia mentioned", Context{Name: "Moscow", Type: quotewire.Place, Alongside: []string{"Russia", "Kremlin"}}, "Q649"},
		{"the name alone", Context{Name: "Moscow", Type: quotewire.Place}, ""},
		{"Idaho mentioned", Context{Name: "Moscow", Type: quotewire.Place, Alongside: []string{"Idaho", "United States"}}, ""},
	}
	for _, tt := range tests {
		if got := Choose(tt.ctx, cands, labels); got.ID != tt.want {
			t.Errorf("%s: Choose = %+v, want %q", tt.name, got, tt.want)
		}
	}
	// people: fame is no evidence
	people := []quotewire.WikidataEntity{
		{ID: "Q1", Kind: quotewire.WikidataPerson, Label: "John Smith", Description: "English explorer", Sitelinks: 90},
		{ID: "Q2", Kind: quotewire.WikidataPerson, Label: "John Smith", Description: "American politician", Sitelinks: 3},
	}
	if got := Choose(Context{Name: "John Smith", Type: quotewire.Person, Alongside: []string{"England"}}, people, nil); got.ID != "" {
		t.Errorf("a famous namesake linked by fame: %+v", got)
	}
}
