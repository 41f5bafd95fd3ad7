// Package wikirows is what the store backends share about Wikidata items:
// the name keys an item is found by, the column its statements are kept
// in, reading items back, and the Linker run before articles are stored.
package wikirows

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

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

// Row is one result row of either backend.
type Row interface {
	Scan(dest ...any) error
}

// Rows is a query result of either backend.
type Rows interface {
	Row
	Next() bool
	Err() error
}

// Scan reads an item from a row (qid, kind, label, description, data as
// text). A Scan error comes back as it is, so that the caller can tell
// its backend's "no rows"; a bad data column is an error naming the item.
func Scan(row Row) (quotewire.WikidataEntity, error) {
	var e quotewire.WikidataEntity
	var kind, data string
	if err := row.Scan(&e.ID, &kind, &e.Label, &e.Description, &data); err != nil {
		return e, err
	}
	e.Kind = quotewire.WikidataKind(kind)
	return e, Decode([]byte(data), &e)
}

// ScanAll reads the items of rows.
func ScanAll(rows Rows) ([]quotewire.WikidataEntity, error) {
	var out []quotewire.WikidataEntity
	for rows.Next() {
		e, err := Scan(rows)
		if err != nil {
			return nil, fmt.Errorf("read wikidata item: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Linking is the Linker a store runs before Put and Replace store
// articles; both backends embed it, so SetLinker is theirs.
type Linking struct {
	mu     sync.Mutex
	linker quotewire.Linker
}

// SetLinker makes Put and Replace link the entities of each article to
// Wikidata items with l before storing it (nil stops linking): a linked
// entity is then resolved across articles by its item as well as its
// name.
func (k *Linking) SetLinker(l quotewire.Linker) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.linker = l
}

// Link links the records' analyses with the linker set, if any.
func (k *Linking) Link(ctx context.Context, recs []quotewire.Record) error {
	k.mu.Lock()
	l := k.linker
	k.mu.Unlock()
	return quotewire.LinkRecords(ctx, l, recs)
}
