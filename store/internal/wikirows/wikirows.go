// Package wikirows is what the store backends share about Wikidata items:
// the name keys an item is found by and the column its statements are
// kept in.
package wikirows

import (
	"encoding/json"
	"fmt"

	"github.com/quotewire/quotewire"
)

// BatchSize is how many items a backend writes in one transaction.
const BatchSize = 2000

// Keys returns the distinct name keys (quotewire.NameKey) of an item's
// label and aliases.
func Keys(e *quotewire.WikidataEntity) []string {
	out := make([]string, 0, 1+len(e.Aliases))
	seen := make(map[string]bool, 1+len(e.Aliases))
	add := func(name string) {
		k := quotewire.NameKey(name)
		if k == "" || seen[k] {
			return
		}
		seen[k] = true
		out = append(out, k)
	}
	add(e.Label)
	for _, a := range e.Aliases {
		add(a)
	}
	return out
}

// data is the stored column: what an item holds besides its id, kind,
// label and description.
type data struct {
	Aliases     []string                 `json:"a,omitempty"`
	InstanceOf  []string                 `json:"i,omitempty"`
	Occupations []string                 `json:"o,omitempty"`
	Countries   []string                 `json:"c,omitempty"`
	Positions   []quotewire.WikidataHeld `json:"p,omitempty"`
	Sitelinks   int                      `json:"s,omitempty"`
}

// Encode returns the data column of an item.
func Encode(e *quotewire.WikidataEntity) []byte {
	b, err := json.Marshal(data{e.Aliases, e.InstanceOf, e.Occupations, e.Countries, e.Positions, e.Sitelinks})
	if err != nil {
		panic(err) // strings only: cannot fail
	}
	return b
}

// Decode fills an item's statements from its data column.
func Decode(b []byte, e *quotewire.WikidataEntity) error {
	var d data
	if err := json.Unmarshal(b, &d); err != nil {
		return fmt.Errorf("wikidata item %s: %w", e.ID, err)
	}
	e.Aliases, e.InstanceOf, e.Occupations, e.Countries, e.Positions = d.Aliases, d.InstanceOf, d.Occupations, d.Countries, d.Positions
	e.Sitelinks = d.Sitelinks
	return nil
}
