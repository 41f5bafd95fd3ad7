package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/quotewire/quotewire"
)

// actOf gives the act of quotes by their words.
type actOf map[string]quotewire.Act

// ActsCorpus is a small archive of quotes of several acts: Maria
// Zakharova states, asks, believes and urges; an unnamed "senior
// official" states something the newspaper Izvestia relayed, and goes on
// in a second paragraph (a continued quote). Other packages' tests use it
// for stores that hold more than statements.
func ActsCorpus() []quotewire.Record {
	b1 := Article("b1", "https://tass.com/b1", "2021-03-01", "tass.com",
		"Maria Zakharova said the talks had ended. She asked whether the sanctions would stay. Zakharova believes the sanctions will fail.",
		[]Entity{{"Maria Zakharova", quotewire.Person, []string{"spokeswoman"}}},
		[]Quote{{"the talks had ended", "Maria Zakharova"}, {"whether the sanctions would stay", "Maria Zakharova"},
			{"the sanctions will fail", "Maria Zakharova"}})
	b2 := Article("b2", "https://example.org/b2", "2021-04-02", "example.org",
		"A senior official said the sanctions were working, the newspaper Izvestia reported.\n\n\"More talks are planned for May.\"\n\n"+
			"Maria Zakharova urged Europe to lift the sanctions.",
		[]Entity{{"senior official", quotewire.Person, nil}, {"Izvestia", quotewire.Organization, nil}, {"Maria Zakharova", quotewire.Person, nil}},
		[]Quote{{"the sanctions were working", "senior official"}, {"More talks are planned for May.", "senior official"},
			{"Europe to lift the sanctions", "Maria Zakharova"}})
	setActs(b1, actOf{"whether the sanctions would stay": quotewire.Question, "the sanctions will fail": quotewire.Belief})
	setActs(b2, actOf{"Europe to lift the sanctions": quotewire.Directive})
	a := b2.Analysis
	a.Entities[0].Anonymous = true
	for i := range 2 {
		a.Quotes[i].Speaker.Anonymous = true
	}
	a.Quotes[0].Via = &quotewire.SpeakerRef{ID: "e2", Name: "Izvestia"}
	a.Quotes[1].Continued = true
	return []quotewire.Record{b1, b2}
}

// setActs sets every quote's act: the one acts gives for its words, else
// statement.
func setActs(r quotewire.Record, acts actOf) {
	for i := range r.Analysis.Quotes {
		q := &r.Analysis.Quotes[i]
		q.Act = quotewire.Statement
		if a, ok := acts[q.Content.Text]; ok {
			q.Act = a
		}
	}
}

// testActs checks that a store keeps each quote's act, unnamed speaker,
// continuation and relay, and that every query that counts or lists
// quotes keeps to the acts asked for (all of them when none are).
func testActs(t *testing.T, s quotewire.Store) {
	ctx := context.Background()
	recs := ActsCorpus()
	put(t, s, recs...)
	st, ss, sb := []quotewire.Act{quotewire.Statement}, []quotewire.Act{quotewire.Belief, quotewire.Statement}, []quotewire.Act{quotewire.Belief}
	every := slices.Clone(quotewire.AllActs)

	searches := []struct {
		name string
		q    quotewire.Query
		want []string
	}{
		{"every act", quotewire.Query{}, []string{"Europe to lift the sanctions", "More talks are planned for May.", "the sanctions were working",
			"the sanctions will fail", "whether the sanctions would stay", "the talks had ended"}},
		{"each act named", quotewire.Query{Acts: every}, []string{"Europe to lift the sanctions", "More talks are planned for May.",
			"the sanctions were working", "the sanctions will fail", "whether the sanctions would stay", "the talks had ended"}},
		{"statements", quotewire.Query{Acts: st}, []string{"More talks are planned for May.", "the sanctions were working", "the talks had ended"}},
		{"beliefs and statements", quotewire.Query{Acts: ss}, []string{"More talks are planned for May.", "the sanctions were working",
			"the sanctions will fail", "the talks had ended"}},
		{"an act twice", quotewire.Query{Acts: []quotewire.Act{quotewire.Question, quotewire.Question}}, []string{"whether the sanctions would stay"}},
		{"no such quote", quotewire.Query{Acts: []quotewire.Act{quotewire.Evaluation}}, nil},
		{"text, every act", quotewire.Query{Text: "sanctions"}, []string{"Europe to lift the sanctions", "the sanctions were working",
			"the sanctions will fail", "whether the sanctions would stay"}},
		{"text, statements", quotewire.Query{Text: "sanctions", Acts: st}, []string{"the sanctions were working"}},
		{"text, question and belief", quotewire.Query{Text: "sanctions", Acts: []quotewire.Act{quotewire.Question, quotewire.Belief}},
			[]string{"the sanctions will fail", "whether the sanctions would stay"}},
		{"speaker, statements", quotewire.Query{Speaker: "Zakharova", Acts: st}, []string{"the talks had ended"}},
		{"speaker, every act", quotewire.Query{Speaker: "Zakharova"}, []string{"Europe to lift the sanctions", "the sanctions will fail",
			"whether the sanctions would stay", "the talks had ended"}},
		{"outlet, directive", quotewire.Query{Outlet: "example.org", Acts: []quotewire.Act{quotewire.Directive}}, []string{"Europe to lift the sanctions"}},
		{"entity and dates, statements", quotewire.Query{Entity: "Izvestia", From: "2021-04", Acts: st}, []string{"More talks are planned for May.",
			"the sanctions were working"}},
	}
	for _, tt := range searches {
		t.Run("search "+tt.name, func(t *testing.T) {
			got := texts(search(t, s, tt.q))
			if tt.q.Text != "" {
				slices.Sort(got) // ranked: the order is the backend's
				slices.Sort(tt.want)
			}
			if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tt.want) {
				t.Errorf("%+v:\n got %q\nwant %q", tt.q, got, tt.want)
			}
		})
	}

	// what a hit says of its quote
	byText := map[string]quotewire.Hit{}
	for _, h := range search(t, s, quotewire.Query{}) {
		byText[h.Text] = h
	}
	if h := byText["the sanctions were working"]; h.Act != quotewire.Statement || !h.Anonymous || h.Speaker != "senior official" ||
		h.SpeakerID != 0 || h.Via != "Izvestia" || h.ViaID == 0 || h.Continued {
		t.Errorf("relayed quote of an unnamed speaker = %+v, want a statement by the unnamed senior official (no id) via Izvestia (with its id)", h)
	}
	if h := byText["More talks are planned for May."]; !h.Continued || !h.Anonymous || h.Via != "" || h.ViaID != 0 {
		t.Errorf("continued quote = %+v, want continued, anonymous, not relayed", h)
	}
	if h := byText["the sanctions will fail"]; h.Act != quotewire.Belief || h.Anonymous || h.Continued || h.SpeakerID == 0 {
		t.Errorf("belief = %+v, want act belief by a stored speaker", h)
	}
	if h := byText["Europe to lift the sanctions"]; h.Act != quotewire.Directive {
		t.Errorf("directive = %+v", h)
	}
	if iz, err := s.Entities(ctx, "izvestia", "", nil, 10); err != nil || len(iz) != 1 || iz[0].ID != byText["the sanctions were working"].ViaID {
		t.Errorf("Entities(izvestia) = %+v, %v: want the entity the relay's id names", iz, err)
	}

	// counts per period
	timelines := []struct {
		acts []quotewire.Act
		want string
	}{
		{nil, "[{2021-03 3} {2021-04 1}]"},
		{st, "[{2021-03 1}]"},
		{[]quotewire.Act{quotewire.Directive}, "[{2021-04 1}]"},
	}
	for _, tt := range timelines {
		tl, err := s.Timeline(ctx, quotewire.Query{Speaker: "Zakharova", Acts: tt.acts}, "month")
		if err != nil || fmt.Sprint(tl) != tt.want {
			t.Errorf("Timeline(Zakharova, acts %v) = %v, %v; want %s", tt.acts, tl, err, tt.want)
		}
	}
	if tl, err := s.Timeline(ctx, quotewire.Query{Text: "sanctions", Acts: st}, "year"); err != nil || fmt.Sprint(tl) != "[{2021 1}]" {
		t.Errorf("Timeline(sanctions, statements) = %v, %v", tl, err)
	}

	// speakers and their counts (unnamed speakers are not stored speakers)
	tops := []struct {
		acts []quotewire.Act
		want string
	}{
		{nil, "Maria Zakharova 4"},
		{st, "Maria Zakharova 1"},
		{[]quotewire.Act{quotewire.Question, quotewire.Directive}, "Maria Zakharova 2"},
		{[]quotewire.Act{quotewire.Evaluation}, ""},
	}
	for _, tt := range tops {
		top, err := s.TopSpeakers(ctx, quotewire.Query{Acts: tt.acts})
		if err != nil || countsOf(top) != tt.want {
			t.Errorf("TopSpeakers(acts %v) = %+v, %v; want %q", tt.acts, top, err, tt.want)
		}
		sps, err := s.Speakers(ctx, "", tt.acts, 10)
		if err != nil || speakerCounts(sps) != tt.want {
			t.Errorf("Speakers(acts %v) = %+v, %v; want %q", tt.acts, sps, err, tt.want)
		}
	}
	sps, err := s.Speakers(ctx, "zakharova", nil, 1)
	if err != nil || len(sps) != 1 {
		t.Fatalf("Speakers(zakharova) = %+v, %v", sps, err)
	}
	id := sps[0].ID
	for _, tt := range []struct {
		acts []quotewire.Act
		want int
	}{{nil, 4}, {st, 1}, {ss, 2}, {[]quotewire.Act{quotewire.Evaluation}, 0}} {
		if sp, err := s.Speaker(ctx, id, tt.acts); err != nil || sp.Quotes != tt.want {
			t.Errorf("Speaker(%d, acts %v) = %+v, %v; want %d quotes", id, tt.acts, sp, err, tt.want)
		}
		ents, err := s.Entities(ctx, "zakharova", quotewire.Person, tt.acts, 5)
		if err != nil || len(ents) != 1 || ents[0].Quotes != tt.want {
			t.Errorf("Entities(zakharova, acts %v) = %+v, %v; want %d quotes", tt.acts, ents, err, tt.want)
		}
	}

	// quotations, as export writes them
	for _, tt := range []struct {
		acts []quotewire.Act
		want int
	}{{nil, 6}, {st, 3}, {ss, 4}, {[]quotewire.Act{quotewire.Evaluation}, 0}} {
		var qs []*quotewire.Quotation
		err := s.Quotations(ctx, tt.acts, func(q *quotewire.Quotation) error {
			qs = append(qs, q)
			return nil
		})
		if err != nil || len(qs) != tt.want {
			t.Errorf("Quotations(acts %v) = %d, %v; want %d", tt.acts, len(qs), err, tt.want)
		}
		for _, q := range qs {
			for _, o := range q.Occurrences {
				if tt.acts != nil && !slices.Contains(tt.acts, o.Act) || o.Act == "" {
					t.Errorf("Quotations(acts %v): %q has an occurrence of act %q", tt.acts, q.Text, o.Act)
				}
			}
		}
	}

	for _, acts := range [][]quotewire.Act{{"bogus"}, {quotewire.Statement, ""}} {
		if _, err := s.Search(ctx, quotewire.Query{Acts: acts}); !errors.Is(err, quotewire.ErrBadQuery) {
			t.Errorf("Search with acts %q: %v, want ErrBadQuery", acts, err)
		}
		if _, err := s.Speakers(ctx, "", acts, 10); !errors.Is(err, quotewire.ErrBadQuery) {
			t.Errorf("Speakers with acts %q: %v, want ErrBadQuery", acts, err)
		}
	}

	// re-analysed: Zakharova's belief is now a statement, and the
	// official's quote is no longer relayed
	again := ActsCorpus()
	b1, b2 := again[0], again[1]
	setActs(b1, actOf{"whether the sanctions would stay": quotewire.Question})
	b2.Analysis.Quotes[0].Via = nil
	if n, err := s.Replace(ctx, []quotewire.Record{b1, b2}); err != nil || n != 2 {
		t.Fatalf("Replace = %d, %v", n, err)
	}
	if got := texts(search(t, s, quotewire.Query{Speaker: "Zakharova", Acts: st})); fmt.Sprintf("%q", got) != `["the sanctions will fail" "the talks had ended"]` {
		t.Errorf("Zakharova's statements after replace = %q", got)
	}
	if got := texts(search(t, s, quotewire.Query{Acts: sb})); len(got) != 0 {
		t.Errorf("beliefs after replace = %q, want none", got)
	}
	if sp, err := s.Speaker(ctx, id, st); err != nil || sp.Quotes != 2 {
		t.Errorf("Zakharova's statements after replace = %+v, %v; want 2", sp, err)
	}
	if sp, err := s.Speaker(ctx, id, nil); err != nil || sp.Quotes != 4 {
		t.Errorf("Zakharova's quotes after replace = %+v, %v; want 4", sp, err)
	}
	for _, h := range search(t, s, quotewire.Query{Outlet: "example.org"}) {
		if h.Via != "" || h.ViaID != 0 {
			t.Errorf("after replace %q is still relayed: %+v", h.Text, h)
		}
		if h.Speaker == "senior official" && !h.Anonymous {
			t.Errorf("after replace %q lost its unnamed speaker: %+v", h.Text, h)
		}
	}
}

// countsOf writes speaker counts as "Name N, ...".
func countsOf(top []quotewire.SpeakerCount) string {
	s := ""
	for i, c := range top {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%s %d", c.Name, c.Quotes)
	}
	return s
}

// speakerCounts writes speakers as countsOf does.
func speakerCounts(sps []quotewire.Speaker) string {
	top := make([]quotewire.SpeakerCount, len(sps))
	for i, sp := range sps {
		top[i] = quotewire.SpeakerCount{ID: sp.ID, Name: sp.Name, Quotes: sp.Quotes}
	}
	return countsOf(top)
}
