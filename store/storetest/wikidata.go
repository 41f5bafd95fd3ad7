package storetest

import (
	"context"
	"errors"
	"reflect"
	"sort"
	"testing"

	"github.com/quotewire/quotewire"
)

// wikidataItems are the items of a first import: namesakes on purpose (the
// minister and the footballer share "Sergei Lavrov"), an organisation
// known by its acronym.
func wikidataItems() []quotewire.WikidataEntity {
	return []quotewire.WikidataEntity{
		{ID: "Q901", Kind: quotewire.WikidataPerson, Label: "Sergey Lavrov", Aliases: []string{"Sergei Lavrov"},
			Description: "Russian diplomat", InstanceOf: []string{"Q5"}, Occupations: []string{"Q193391"}, Countries: []string{"Q159"},
			Positions: []quotewire.WikidataHeld{{Position: "Q950", Start: "2004-03-09"}}},
		{ID: "Q902", Kind: quotewire.WikidataPerson, Label: "Sergei Lavrov", Description: "Russian footballer", InstanceOf: []string{"Q5"}},
		{ID: "Q904", Kind: quotewire.WikidataOrganization, Label: "Federal Security Service", Aliases: []string{"FSB"}, InstanceOf: []string{"Q327333"}},
	}
}

func ids(es []quotewire.WikidataEntity) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.ID)
	}
	sort.Strings(out)
	return out
}

// testWikidata: items found by label and alias (case and accents aside),
// kept whole; a second import updates in place and, once committed, drops
// what the newer dump no longer holds; an import that never commits
// leaves the index usable.
func testWikidata(t *testing.T, s quotewire.Store) {
	idx, ok := s.(quotewire.WikidataIndex)
	if !ok {
		t.Skip("this store keeps no Wikidata index")
	}
	ctx := context.Background()
	imp, err := idx.BeginWikidataImport(ctx, "first.json.gz")
	if err != nil {
		t.Fatal(err)
	}
	items := wikidataItems()
	if err := imp.Add(ctx, items[:2]); err != nil {
		t.Fatal(err)
	}
	if err := imp.Add(ctx, items[2:]); err != nil {
		t.Fatal(err)
	}
	if n, err := imp.Commit(ctx); err != nil || n != 3 {
		t.Fatalf("commit: %d items, %v", n, err)
	}
	got, err := idx.WikidataByName(ctx, "SERGEI  LAVROV", 10)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Q901", "Q902"}; !reflect.DeepEqual(ids(got), want) {
		t.Errorf("by name Sergei Lavrov: %v, want both namesakes %v", ids(got), want)
	}
	if got, _ := idx.WikidataByName(ctx, "FSB", 10); !reflect.DeepEqual(ids(got), []string{"Q904"}) {
		t.Errorf("by acronym: %v", ids(got))
	}
	if got, _ := idx.WikidataByName(ctx, "Lavrov", 10); len(got) != 0 {
		t.Errorf("a surname alone is no name of theirs: %v", ids(got))
	}
	e, ok, err := idx.WikidataByID(ctx, "Q901")
	if err != nil || !ok || !reflect.DeepEqual(e, items[0]) {
		t.Errorf("by id: %+v %v %v, want %+v", e, ok, err, items[0])
	}
	if _, ok, err := idx.WikidataByID(ctx, "Q1"); ok || err != nil {
		t.Errorf("an id not imported: found %v, err %v", ok, err)
	}

	// an import interrupted after one batch: the index stays usable, the
	// item it wrote updated
	imp2, err := idx.BeginWikidataImport(ctx, "second.json.gz")
	if err != nil {
		t.Fatal(err)
	}
	newer := items[0]
	newer.Description = "Russian diplomat, foreign minister"
	newer.Aliases = []string{"Sergei Lavrov", "Sergei Viktorovich Lavrov"}
	if err := imp2.Add(ctx, []quotewire.WikidataEntity{newer}); err != nil {
		t.Fatal(err)
	}
	if err := imp2.Abort(ctx); err != nil {
		t.Fatal(err)
	}
	if got, _ := idx.WikidataByName(ctx, "Sergei Lavrov", 10); !reflect.DeepEqual(ids(got), []string{"Q901", "Q902"}) {
		t.Errorf("after an interrupted import: %v", ids(got))
	}
	if got, _ := idx.WikidataByName(ctx, "Sergei Viktorovich Lavrov", 10); !reflect.DeepEqual(ids(got), []string{"Q901"}) {
		t.Errorf("the updated item's new alias: %v", ids(got))
	}

	// a newer dump, committed: the footballer is gone from it
	imp3, err := idx.BeginWikidataImport(ctx, "third.json.gz")
	if err != nil {
		t.Fatal(err)
	}
	if err := imp3.Add(ctx, []quotewire.WikidataEntity{newer, items[2]}); err != nil {
		t.Fatal(err)
	}
	if n, err := imp3.Commit(ctx); err != nil || n != 2 {
		t.Fatalf("commit: %d items, %v", n, err)
	}
	if got, _ := idx.WikidataByName(ctx, "Sergei Lavrov", 10); !reflect.DeepEqual(ids(got), []string{"Q901"}) {
		t.Errorf("after a newer import: %v, want the minister alone", ids(got))
	}
	if e, _, _ := idx.WikidataByID(ctx, "Q901"); e.Description != newer.Description {
		t.Errorf("description %q, want the newer one", e.Description)
	}
}

// aboutCounter is what a store that keeps quotes' About offers the
// speaker pages (both backends do).
type aboutCounter interface {
	TalksAbout(ctx context.Context, id int64, limit int) ([]quotewire.SpeakerCount, error)
	TalkedAboutBy(ctx context.Context, id int64, limit int) ([]quotewire.SpeakerCount, error)
}

// testTalksAbout: whom a speaker's quotes name most, and who names an
// entity most, counted from the quotes' About.
func testTalksAbout(t *testing.T, s quotewire.Store) {
	ac, ok := s.(aboutCounter)
	if !ok {
		t.Skip("this store does not count what quotes are about")
	}
	put(t, s, corpus()...)
	ctx := context.Background()
	sps, err := s.Speakers(ctx, "lavrov", nil, 1)
	if err != nil || len(sps) != 1 {
		t.Fatalf("speakers: %v %v", sps, err)
	}
	about, err := ac.TalksAbout(ctx, sps[0].ID, 10)
	if err != nil || len(about) != 2 || about[0].Quotes != 1 {
		t.Fatalf("Lavrov talks about %+v, %v; want the UN and Geneva once each", about, err)
	}
	names := []string{about[0].Name, about[1].Name}
	sort.Strings(names)
	if names[0] != "Geneva" || names[1] != "UN" {
		t.Errorf("Lavrov talks about %v", names)
	}
	un := about[0].ID
	if about[1].Name == "UN" {
		un = about[1].ID
	}
	by, err := ac.TalkedAboutBy(ctx, un, 10)
	if err != nil || len(by) != 1 || by[0].ID != sps[0].ID || by[0].Quotes != 1 {
		t.Errorf("the UN is talked about by %+v, %v; want Lavrov once", by, err)
	}
	if by, err := ac.TalkedAboutBy(ctx, sps[0].ID, 10); err != nil || len(by) != 0 {
		t.Errorf("nobody talks about Lavrov: %+v, %v", by, err)
	}
}

// testWikidataLinks: a link set on an entity shows in Speaker and
// Speakers, can be taken back, and an unknown entity is an error.
func testWikidataLinks(t *testing.T, s quotewire.Store) {
	l, ok := s.(quotewire.WikidataLinker)
	if !ok {
		t.Skip("this store keeps no Wikidata links")
	}
	put(t, s, corpus()...)
	ctx := context.Background()
	sps, err := s.Speakers(ctx, "lavrov", nil, 1)
	if err != nil || len(sps) != 1 || sps[0].Wikidata != "" {
		t.Fatalf("speakers: %+v %v", sps, err)
	}
	if err := l.SetWikidata(ctx, sps[0].ID, "Q901", 0.8); err != nil {
		t.Fatal(err)
	}
	if sp, err := s.Speaker(ctx, sps[0].ID, nil); err != nil || sp.Wikidata != "Q901" {
		t.Errorf("Speaker after linking: %+v, %v", sp, err)
	}
	if sps, _ := s.Speakers(ctx, "lavrov", nil, 1); len(sps) != 1 || sps[0].Wikidata != "Q901" {
		t.Errorf("Speakers after linking: %+v", sps)
	}
	for _, h := range search(t, s, quotewire.Query{Speaker: "Lavrov"}) {
		if h.SpeakerWikidata != "Q901" {
			t.Errorf("a hit of Lavrov's without his item: %+v", h)
		}
	}
	for _, h := range search(t, s, quotewire.Query{Speaker: "Hillary Clinton"}) {
		if h.SpeakerWikidata != "" {
			t.Errorf("a hit of an unlinked speaker with an item: %+v", h)
		}
	}
	if err := l.SetWikidata(ctx, sps[0].ID, "", 0); err != nil {
		t.Fatal(err)
	}
	if sp, _ := s.Speaker(ctx, sps[0].ID, nil); sp.Wikidata != "" {
		t.Errorf("unlinked, yet %q", sp.Wikidata)
	}
	if err := l.SetWikidata(ctx, 1<<40, "Q1", 1); !errors.Is(err, quotewire.ErrNotFound) {
		t.Errorf("an unknown entity: %v", err)
	}
}
