package storetest

import (
	"context"
	"errors"
	"fmt"
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
		{ID: "Q904", Kind: quotewire.WikidataOrganization, Label: "Federal Security Service", Aliases: []string{"FSB"}, InstanceOf: []string{"Q327333"}, Sitelinks: 120},
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
	if got, _ := idx.WikidataByName(ctx, "FSB", 10); len(got) == 1 && got[0].Sitelinks != 120 {
		t.Errorf("sitelinks %d, want 120", got[0].Sitelinks)
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

// testTalksAbout: whom a speaker's quotes name most, and who names an
// entity most, counted from the quotes' About.
func testTalksAbout(t *testing.T, s quotewire.Store) {
	ac := s
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
	// an article stored before the link shows it
	rec, err := s.Article(ctx, corpus()[0].Key)
	if err != nil {
		t.Fatal(err)
	}
	if e := rec.Analysis.Entities[0]; e.Name != "Sergey Lavrov" || e.Wikidata != "Q901" || e.WikidataConfidence != 0.8 {
		t.Errorf("the article's entity after linking: %+v", e)
	}
	if sp := rec.Analysis.Quotes[0].Speaker; sp == nil || sp.Wikidata != "Q901" {
		t.Errorf("the article's quote after linking: %+v", sp)
	}
	if e := rec.Analysis.Entities[1]; e.Wikidata != "" {
		t.Errorf("an unlinked entity of the article: %+v", e)
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

// linkerSetter is a store that links the articles it stores.
type linkerSetter interface {
	SetLinker(quotewire.Linker)
}

// itemsByName is a Linker for tests: it links each entity whose article
// id and name it lists to that item, as a Wikidata linker that read the
// article's context would.
type itemsByName map[string]string

func (m itemsByName) Link(_ context.Context, a *quotewire.Analysis) error {
	for _, e := range a.Entities {
		if q := m[a.ID+"/"+e.Name]; q != "" {
			a.SetWikidata(e.ID, q, 0.9)
		}
	}
	return nil
}

// testLinkedNamesakes: entities linked at Put are resolved by their item:
// two people of one name linked to different items stay two, whether
// they come in one batch or two; a later mention linked to an item joins
// its entity whatever its name's spelling; a stored entity not linked
// yet takes the item of the first linked mention it joins; hits and
// speakers carry the item.
func testLinkedNamesakes(t *testing.T, s quotewire.Store) {
	ls, ok := s.(linkerSetter)
	if !ok {
		t.Skip("this store does not link at Put")
	}
	ls.SetLinker(itemsByName{
		"m1/Sergey Lavrov":            "Q901",
		"f1/Sergei Lavrov":            "Q902",
		"m2/Sergei Lavrov":            "Q901",
		"f2/Lavrov":                   "Q902",
		"o2/Federal Security Service": "Q904",
	})
	minister := Article("m1", "https://tass.com/m1", "2017-10-04", "tass.com",
		"Russian Foreign Minister Sergey Lavrov said contacts with the UN on Syria are very important.",
		[]Entity{{"Sergey Lavrov", quotewire.Person, []string{"Russian Foreign Minister"}}},
		[]Quote{{"contacts with the UN on Syria are very important", "Sergey Lavrov"}})
	footballer := Article("f1", "https://sport.example/f1", "2017-10-05", "sport.example",
		"Sergei Lavrov, the Zenit midfielder, said the team had played its best match of the season.",
		[]Entity{{"Sergei Lavrov", quotewire.Person, []string{"midfielder"}}},
		[]Quote{{"the team had played its best match of the season", "Sergei Lavrov"}})
	put(t, s, minister, footballer)
	put(t, s, Article("m2", "https://example.org/m2", "2017-10-06", "example.org",
		"Sergei Lavrov told reporters that sanctions against Russia would fail.",
		[]Entity{{"Sergei Lavrov", quotewire.Person, nil}},
		[]Quote{{"sanctions against Russia would fail", "Sergei Lavrov"}}))
	put(t, s, Article("f2", "https://sport.example/f2", "2017-10-07", "sport.example",
		"Lavrov said the coach had asked him to play deeper in midfield.",
		[]Entity{{"Lavrov", quotewire.Person, nil}},
		[]Quote{{"the coach had asked him to play deeper in midfield", "Lavrov"}}))
	ctx := context.Background()
	sps, err := s.Speakers(ctx, "lavrov", nil, 10)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, sp := range sps {
		got[sp.Wikidata] += sp.Quotes
	}
	if want := map[string]int{"Q901": 2, "Q902": 2}; fmt.Sprint(got) != fmt.Sprint(want) || len(sps) != 2 {
		t.Errorf("Lavrovs by item = %v (%d speakers), want %v: the minister and the footballer, two each", got, len(sps), want)
	}
	for _, h := range search(t, s, quotewire.Query{Text: "sanctions"}) {
		if h.SpeakerWikidata != "Q901" {
			t.Errorf("the minister's quote in another spelling: %+v", h)
		}
	}
	for _, h := range search(t, s, quotewire.Query{Text: "midfield"}) {
		if h.SpeakerWikidata != "Q902" {
			t.Errorf("the footballer's quote by surname: %+v", h)
		}
	}
	// an entity stored unlinked takes the item of a linked mention
	put(t, s, Article("o1", "https://example.org/o1", "2017-10-08", "example.org",
		"The Federal Security Service said it had detained two suspects.",
		[]Entity{{"Federal Security Service", quotewire.Organization, nil}},
		[]Quote{{"it had detained two suspects", "Federal Security Service"}}))
	put(t, s, Article("o2", "https://example.org/o2", "2017-10-09", "example.org",
		"The Federal Security Service said the suspects had confessed.",
		[]Entity{{"Federal Security Service", quotewire.Organization, nil}},
		[]Quote{{"the suspects had confessed", "Federal Security Service"}}))
	orgs, err := s.Speakers(ctx, "security service", nil, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(orgs) != 1 || orgs[0].Wikidata != "Q904" || orgs[0].Quotes != 2 {
		t.Errorf("the FSB = %+v, want one speaker of two quotes linked to Q904", orgs)
	}
}

// testExplainEntity: each name of an entity says which rule joined it
// and the article it came from, and the entity's articles are listed
// newest first with its id in each.
func testExplainEntity(t *testing.T, s quotewire.Store) {
	if _, ok := s.(quotewire.EntityExplainer); !ok {
		t.Skip("this store does not explain its entities")
	}
	recs := corpus()
	put(t, s, recs...)
	ctx := context.Background()
	sps, err := s.Speakers(ctx, "lavrov", nil, 1)
	if err != nil || len(sps) != 1 {
		t.Fatalf("speakers: %+v %v", sps, err)
	}
	ex, err := quotewire.ExplainEntity(ctx, s, sps[0].ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range ex.Names {
		got = append(got, fmt.Sprintf("%s|%s|%s|%s|%s", n.Name, n.Rule, n.Detail, n.Date, n.Title))
	}
	want := []string{
		"Sergey Lavrov|new entity||2017-10-04|Title of a1",
		"Sergei Lavrov|surname and given names|sergei ~ sergey|2017-10-05|Title of a2",
		"Lavrov|surname and role|1 role word(s) in common|2017-11-20|Title of a3",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("names:\n got %q\nwant %q", got, want)
	}
	if ex.Names[0].Article != recs[0].Key {
		t.Errorf("first article %q, want %q", ex.Names[0].Article, recs[0].Key)
	}
	var arts []string
	for _, a := range ex.Articles {
		arts = append(arts, a.Date+" "+a.Name)
	}
	if want := []string{"2017-11-20 Lavrov", "2017-10-05 Sergei Lavrov", "2017-10-04 Sergey Lavrov"}; fmt.Sprint(arts) != fmt.Sprint(want) {
		t.Errorf("articles %q, want %q", arts, want)
	}
	if ex, err := quotewire.ExplainEntity(ctx, s, sps[0].ID, 1); err != nil || len(ex.Articles) != 1 {
		t.Errorf("one article asked: %+v, %v", ex, err)
	}
	if _, err := quotewire.ExplainEntity(ctx, s, 1<<40, 5); !errors.Is(err, quotewire.ErrNotFound) {
		t.Errorf("an unknown entity: %v", err)
	}
}

// testCanonicalRoles: a speaker's roles come with their dates, and the
// forms of one office under its one name.
func testCanonicalRoles(t *testing.T, s quotewire.Store) {
	put(t, s, corpus()...)
	ctx := context.Background()
	sps, err := s.Speakers(ctx, "lavrov", nil, 1)
	if err != nil || len(sps) != 1 {
		t.Fatalf("speakers: %+v %v", sps, err)
	}
	sp, err := s.Speaker(ctx, sps[0].ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprint(sp.RoleSpans), "[{Russian Foreign Minister 2017-10-04 2017-10-04} {foreign minister 2017-11-20 2017-11-20}]"; got != want {
		t.Errorf("role spans %s, want %s", got, want)
	}
	if got, want := fmt.Sprint(sp.CanonicalRoles), "[{Foreign Minister of Russia 2017-10-04 2017-11-20 [Russian Foreign Minister foreign minister]}]"; got != want {
		t.Errorf("canonical roles %s, want %s", got, want)
	}
}

// testAcronymsAcross: the acronym an article gives an organisation finds
// it in later articles that use the acronym alone, and says why.
func testAcronymsAcross(t *testing.T, s quotewire.Store) {
	first := Article("f1", "https://example.org/f1", "2017-10-08", "example.org",
		"The Federal Security Service (FSB) said it had detained two suspects.",
		[]Entity{{"Federal Security Service", quotewire.Organization, nil}},
		[]Quote{{"it had detained two suspects", "Federal Security Service"}})
	e := &first.Analysis.Entities[0]
	e.Mentions = []quotewire.TextSpan{{Start: 4, End: 28, Text: "Federal Security Service"}, {Start: 30, End: 33, Text: "FSB"}}
	put(t, s, first)
	put(t, s, Article("f2", "https://example.org/f2", "2017-10-09", "example.org",
		"The FSB said the suspects had confessed.",
		[]Entity{{"FSB", quotewire.Organization, nil}},
		[]Quote{{"the suspects had confessed", "FSB"}}))
	ctx := context.Background()
	sps, err := s.Speakers(ctx, "", nil, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(sps) != 1 || sps[0].Name != "Federal Security Service" || sps[0].Quotes != 2 {
		t.Fatalf("speakers %+v, want the Federal Security Service with both quotes", sps)
	}
	if ex, ok := s.(quotewire.EntityExplainer); ok {
		names, err := ex.EntityNames(ctx, sps[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, n := range names {
			got = append(got, n.Name+": "+n.Rule)
		}
		if want := "[Federal Security Service: new entity FSB: acronym in an article]"; fmt.Sprint(got) != want {
			t.Errorf("names %v, want %s", got, want)
		}
	}
}
