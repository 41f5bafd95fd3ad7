package wikidata

import (
	"fmt"

	"github.com/quotewire/quotewire"
)

var (
	genGiven   = []string{"Anna", "Sergei", "Maria", "John", "Li", "Fatima", "Pedro", "Olga", "Ahmed", "Grace", "Tomasz", "Yuki"}
	genSurname = []string{"Lavrov", "Smith", "Wang", "Kowalski", "Haddad", "Silva", "Okafor", "Berg", "Tanaka", "Ivanova", "Novak", "Garcia"}
	genWords   = []string{"Study", "of", "the", "Effects", "Protein", "Climate", "Regional", "Analysis", "Cell", "Growth"}
)

// Generate returns the three items of a generated dump's i-th group: a
// person (a name that recurs every 144 groups, positions with dates, an
// occupation), an organisation, and an item of a class not kept (a
// scholarly article with many statements, as most of the real dump is).
// The same i always gives the same items: dumps of any size for speed and
// memory measurements, with the real format's shape.
func Generate(i int) []Item {
	g, s := genGiven[i%len(genGiven)], genSurname[(i/len(genGiven))%len(genSurname)]
	person := Item{
		ID:           fmt.Sprintf("Q%d", 10_000_000+3*i),
		Labels:       map[string]string{"en": g + " " + s, "de": g + " " + s},
		Descriptions: map[string]string{"en": fmt.Sprintf("person number %d", i)},
		Aliases:      map[string][]string{"en": {g[:1] + ". " + s}},
		Claims:       map[string][]string{"P31": {"Q5"}, "P106": {fmt.Sprintf("Q%d", 80_000+i%50)}, "P27": {fmt.Sprintf("Q%d", 100+i%30)}},
		Held:         []quotewire.WikidataHeld{{Position: fmt.Sprintf("Q%d", 90_000+i%40), Start: fmt.Sprintf("%d-01-15", 1990+i%30), End: fmt.Sprintf("%d", 1995+i%30)}},
	}
	org := Item{
		ID:           fmt.Sprintf("Q%d", 10_000_001+3*i),
		Labels:       map[string]string{"en": fmt.Sprintf("%s Institute %d", s, i)},
		Descriptions: map[string]string{"en": "research institute"},
		Claims:       map[string][]string{"P31": {"Q31855"}, "P17": {fmt.Sprintf("Q%d", 100+i%30)}},
	}
	title := ""
	for k := 0; k < 8; k++ {
		title += genWords[(i+k*7)%len(genWords)] + " "
	}
	cites := make([]string, 12)
	for k := range cites {
		cites[k] = fmt.Sprintf("Q%d", 20_000_000+(i*41+k)%1_000_000)
	}
	article := Item{
		ID:     fmt.Sprintf("Q%d", 10_000_002+3*i),
		Labels: map[string]string{"en": title},
		Claims: map[string][]string{"P31": {"Q13442814"}, "P2860": cites, "P50": {person.ID}},
	}
	return []Item{person, org, article}
}
