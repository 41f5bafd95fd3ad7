package storetest

import (
	"context"
	"reflect"
	"testing"

	"github.com/quotewire/quotewire"
)

// markUnnamed marks the record's entities of these names, and the quotes
// they speak, as unnamed speakers (the description is their name).
func markUnnamed(r quotewire.Record, names ...string) quotewire.Record {
	for i := range r.Analysis.Entities {
		for _, n := range names {
			if r.Analysis.Entities[i].Name == n {
				r.Analysis.Entities[i].Anonymous = true
			}
		}
	}
	for i := range r.Analysis.Quotes {
		if sp := r.Analysis.Quotes[i].Speaker; sp != nil {
			for _, n := range names {
				if sp.Name == n {
					sp.Anonymous = true
				}
			}
		}
	}
	return r
}

// testUnnamedGrouped: unnamed speakers are listed per outlet and
// description (never merged across outlets), named speakers are not among
// them, the usual filters apply, and Query.Unnamed finds their quotes.
func testUnnamedGrouped(t *testing.T, s quotewire.Store) {
	official := Entity{Name: "senior official", Type: quotewire.Person}
	police := Entity{Name: "police in the city", Type: quotewire.Organization}
	berg := Entity{Name: "Anna Berg", Type: quotewire.Person}
	put(t, s,
		markUnnamed(Article("u1", "https://example.com/u1", "2021-03-01", "example.com", "A senior official said the dam held.",
			[]Entity{official}, []Quote{{"the dam held", "senior official"}}), "senior official"),
		markUnnamed(Article("u2", "https://example.com/u2", "2021-04-01", "example.com",
			"A senior official said the road reopened. Minister Anna Berg said the bridge is safe.",
			[]Entity{official, berg}, []Quote{{"the road reopened", "senior official"}, {"the bridge is safe", "Anna Berg"}}), "senior official"),
		markUnnamed(Article("u3", "https://example.org/u3", "2021-05-01", "example.org", "A senior official said the port closed.",
			[]Entity{official}, []Quote{{"the port closed", "senior official"}}), "senior official"),
		markUnnamed(Article("u4", "https://example.com/u4", "2021-06-01", "example.com", "Police in the city said the square was cleared.",
			[]Entity{police}, []Quote{{"the square was cleared", "police in the city"}}), "police in the city"),
	)
	ctx := context.Background()
	for _, tt := range []struct {
		name string
		q    quotewire.Query
		want []quotewire.UnnamedSpeaker
	}{
		{"all, most quoted first", quotewire.Query{}, []quotewire.UnnamedSpeaker{
			{Outlet: "example.com", Description: "senior official", Articles: 2, Quotes: 2},
			{Outlet: "example.com", Description: "police in the city", Articles: 1, Quotes: 1},
			{Outlet: "example.org", Description: "senior official", Articles: 1, Quotes: 1},
		}},
		{"one outlet", quotewire.Query{Outlet: "example.org"}, []quotewire.UnnamedSpeaker{
			{Outlet: "example.org", Description: "senior official", Articles: 1, Quotes: 1},
		}},
		{"words", quotewire.Query{Text: "road"}, []quotewire.UnnamedSpeaker{
			{Outlet: "example.com", Description: "senior official", Articles: 1, Quotes: 1},
		}},
		{"dates", quotewire.Query{From: "2021-05"}, []quotewire.UnnamedSpeaker{
			{Outlet: "example.com", Description: "police in the city", Articles: 1, Quotes: 1},
			{Outlet: "example.org", Description: "senior official", Articles: 1, Quotes: 1},
		}},
		{"limit", quotewire.Query{Limit: 1}, []quotewire.UnnamedSpeaker{
			{Outlet: "example.com", Description: "senior official", Articles: 2, Quotes: 2},
		}},
		{"none of an act", quotewire.Query{Acts: []quotewire.Act{quotewire.Belief}}, []quotewire.UnnamedSpeaker{}},
		{"an outlet that is SQL", quotewire.Query{Outlet: "x' OR '1'='1"}, []quotewire.UnnamedSpeaker{}},
	} {
		got, err := s.UnnamedSpeakers(ctx, tt.q)
		if err != nil {
			t.Fatalf("%s: UnnamedSpeakers: %v", tt.name, err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: UnnamedSpeakers = %+v, want %+v", tt.name, got, tt.want)
		}
	}

	for _, tt := range []struct {
		name string
		q    quotewire.Query
		want []string
	}{
		{"one description, any case, one outlet", quotewire.Query{Unnamed: "SENIOR OFFICIAL", Outlet: "example.com"}, []string{"the road reopened", "the dam held"}},
		{"every outlet", quotewire.Query{Unnamed: "senior official"}, []string{"the port closed", "the road reopened", "the dam held"}},
		{"and words", quotewire.Query{Unnamed: "senior official", Text: "dam"}, []string{"the dam held"}},
		{"a named speaker is not unnamed", quotewire.Query{Unnamed: "Anna Berg"}, nil},
		{"SQL in the description is data", quotewire.Query{Unnamed: "senior official' OR 1=1 --"}, nil},
		{"invalid UTF-8 and NUL", quotewire.Query{Unnamed: "senior\x00official\xff"}, nil},
	} {
		var got []string
		for _, h := range search(t, s, tt.q) {
			got = append(got, h.Text)
			if !h.Anonymous || h.SpeakerID != 0 {
				t.Errorf("%s: hit %q anonymous %v, speaker id %d: want an unnamed speaker", tt.name, h.Text, h.Anonymous, h.SpeakerID)
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: hits %q, want %q", tt.name, got, tt.want)
		}
	}
}
