package quotewire

import (
	"context"
	"fmt"
)

// WikidataKind is what a Wikidata item is to quotewire: a person, an
// organisation or a place (the kinds of entity speakers and mentions are),
// or a position (an office such as "President of the United States",
// kept for the labels of the positions people hold).
type WikidataKind string

// The kinds of Wikidata item an import keeps.
const (
	WikidataPerson       WikidataKind = "person"
	WikidataOrganization WikidataKind = "organization"
	WikidataPlace        WikidataKind = "place"
	WikidataPosition     WikidataKind = "position"
)

// WikidataEntity is one item of the Wikidata dump as quotewire keeps it:
// its id, kind, label and aliases in the chosen languages, description,
// and the statements linking uses to tell namesakes apart.
type WikidataEntity struct {
	// ID is the item's id ("Q7747").
	ID string `json:"id"`
	// Kind says why the item was kept.
	Kind WikidataKind `json:"kind"`
	// Label is the item's name in the first chosen language that has one
	// ("" when none has).
	Label string `json:"label"`
	// Aliases are its other names in the chosen languages, and its labels
	// in the other chosen languages, without repeats.
	Aliases []string `json:"aliases,omitempty"`
	// Description is the one-line description in the first chosen
	// language that has one ("President of Russia since 2012").
	Description string `json:"description,omitempty"`
	// InstanceOf are the items it is an instance of (P31: "Q5", human).
	InstanceOf []string `json:"instance_of,omitempty"`
	// Occupations are the items of its occupations (P106).
	Occupations []string `json:"occupations,omitempty"`
	// Countries are its countries of citizenship (P27) or, for an
	// organisation or place, the country it is in (P17).
	Countries []string `json:"countries,omitempty"`
	// Positions are the positions it held (P39), with their dates.
	Positions []WikidataHeld `json:"positions,omitempty"`
	// Sitelinks counts the wikis with a page on it: how well known it is
	// (Moscow, Russia's capital, has hundreds; Moscow, Idaho, a few).
	Sitelinks int `json:"sitelinks,omitempty"`
}

// WikidataHeld is a position held (P39) and when: Start and End are the
// qualifiers P580 and P582 as dates, "YYYY-MM-DD" or shorter when the dump
// gives only the year or month ("2012", "2012-05"), "" when not given.
type WikidataHeld struct {
	Position string `json:"position"`
	Start    string `json:"start,omitempty"`
	End      string `json:"end,omitempty"`
}

// WikidataImport is one import of a dump into a store, begun by
// WikidataIndex.BeginWikidataImport. Entities are added in batches; Commit
// makes the import the index (items the dump no longer holds are
// dropped); until then, and after Abort or a crash, the index is the one
// before the import, with the entities already added updated in place.
type WikidataImport interface {
	// Add stores a batch of entities, replacing the stored ones of the
	// same id.
	Add(ctx context.Context, batch []WikidataEntity) error
	// Commit ends the import: the entities no batch added since Begin are
	// removed, and it returns how many the index holds.
	Commit(ctx context.Context) (int64, error)
	// Abort ends the import, keeping what was added.
	Abort(ctx context.Context) error
}

// WikidataIndex is the part of a store that keeps Wikidata items for
// linking (SQLite and PostgreSQL implement it).
type WikidataIndex interface {
	// BeginWikidataImport starts an import of the dump named source (a
	// file name, recorded with the import).
	BeginWikidataImport(ctx context.Context, source string) (WikidataImport, error)
	// WikidataByName returns the items whose label or alias has the name
	// key of name (NameKey: case, accents and punctuation aside), at most
	// limit of them.
	WikidataByName(ctx context.Context, name string, limit int) ([]WikidataEntity, error)
	// WikidataByID returns the item of that id, and false when the index
	// has none.
	WikidataByID(ctx context.Context, id string) (WikidataEntity, bool, error)
	// HasWikidata reports whether the index holds any item.
	HasWikidata(ctx context.Context) (bool, error)
}

// WikidataLinker is a store that keeps the Wikidata item each of its
// entities is (SQLite and PostgreSQL do): Speaker.Wikidata then reports
// it.
type WikidataLinker interface {
	// SetWikidata links entity id to item qid with a confidence; qid ""
	// unlinks it.
	SetWikidata(ctx context.Context, id int64, qid string, confidence float64) error
}

// Linker links the entities of an analysis to Wikidata items, by their
// names and the article's context, with Analysis.SetWikidata; an entity
// no item fits is left unlinked. A store given one (SetLinker) links
// every article it stores, so that entities are resolved across articles
// by their items as well as their names.
type Linker interface {
	Link(ctx context.Context, a *Analysis) error
}

// LinkRecords links the analysis of every record with l (nothing when l
// is nil), for a store's Put and Replace; the error names the record.
func LinkRecords(ctx context.Context, l Linker, recs []Record) error {
	if l == nil {
		return nil
	}
	for i := range recs {
		if a := recs[i].Analysis; a != nil {
			if err := l.Link(ctx, a); err != nil {
				return fmt.Errorf("link the entities of %s: %w", recs[i].Origin, err)
			}
		}
	}
	return nil
}
