package server

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/storetest"
)

// TestActsParam checks the acts parameter of every endpoint that lists or
// counts quotes: statements by default, every act with acts=all, the acts
// listed otherwise, and a 400 naming the acts for one that is not.
func TestActsParam(t *testing.T) {
	st := newStore(t, storetest.ActsCorpus()...)
	sps, err := st.Speakers(context.Background(), "zakharova", nil, 1)
	if err != nil || len(sps) != 1 {
		t.Fatalf("Speakers(zakharova) = %v, %v", sps, err)
	}
	zak := sps[0].ID
	h := New(Config{Store: st, Logger: quietLogger()})

	quotes := func(want ...string) func(t *testing.T, r response) {
		return func(t *testing.T, r response) {
			var p quotesPage
			r.json(t, &p)
			var got []string
			for _, h := range p.Quotes {
				got = append(got, string(h.Act)+": "+h.Text)
			}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("quotes\n got %q\nwant %q", got, want)
			}
		}
	}
	top := func(want string) func(t *testing.T, r response) {
		return func(t *testing.T, r response) {
			var l struct{ Speakers []quotewire.SpeakerCount }
			r.json(t, &l)
			got := ""
			for _, c := range l.Speakers {
				got += fmt.Sprintf("%s %d;", c.Name, c.Quotes)
			}
			if got != want {
				t.Errorf("speakers %q, want %q", got, want)
			}
		}
	}
	has := func(parts ...string) func(t *testing.T, r response) {
		return func(t *testing.T, r response) {
			for _, p := range parts {
				if !strings.Contains(string(r.body), p) {
					t.Errorf("body lacks %s: %s", p, r.body)
				}
			}
		}
	}
	statements := []string{"statement: More talks are planned for May.", "statement: the sanctions were working", "statement: the talks had ended"}
	timeline := fmt.Sprintf("/api/speakers/%d/timeline", zak)
	tests := []struct {
		name, target string
		status       int
		check        func(t *testing.T, r response)
	}{
		{"quotes: statements by default", "/api/quotes", 200, quotes(statements...)},
		{"quotes: empty acts is the default", "/api/quotes?acts=", 200, quotes(statements...)},
		{"quotes: statement named", "/api/quotes?acts=statement", 200, quotes(statements...)},
		{"quotes: all", "/api/quotes?acts=all", 200, quotes("directive: Europe to lift the sanctions", statements[0], statements[1],
			"belief: the sanctions will fail", "question: whether the sanctions would stay", statements[2])},
		{"quotes: belief and statement", "/api/quotes?acts=belief,statement", 200, quotes(statements[0], statements[1],
			"belief: the sanctions will fail", statements[2])},
		{"quotes: plural, capitals, spaces", "/api/quotes?acts=Beliefs,%20questions", 200, quotes("belief: the sanctions will fail",
			"question: whether the sanctions would stay")},
		{"quotes: with text", "/api/quotes?q=sanctions&acts=question", 200, quotes("question: whether the sanctions would stay")},
		{"quotes: what a hit says", "/api/quotes?outlet=example.org", 200, has(`"act":"statement"`, `"speaker":"senior official"`,
			`"anonymous":true`, `"via":"Izvestia"`, `"via_id":`, `"continued":true`)},
		{"quotes: bogus", "/api/quotes?acts=bogus", 400, has(`bogus`, `statement, question, directive, belief, evaluation, other`, `all`)},
		{"quotes: one bogus among good ones", "/api/quotes?acts=statement,opinion", 400, has(`opinion`)},

		{"top speakers: statements by default", "/api/top-speakers", 200, top("Maria Zakharova 1;")},
		{"top speakers: all", "/api/top-speakers?acts=all", 200, top("Maria Zakharova 4;")},
		{"top speakers: belief and statement", "/api/top-speakers?acts=belief,statement", 200, top("Maria Zakharova 2;")},
		{"top speakers: bogus", "/api/top-speakers?acts=bogus", 400, has("bogus")},

		{"unnamed speakers: statements by default", "/api/unnamed-speakers", 200,
			has(`{"speakers":[{"outlet":"example.org","description":"senior official","articles":1,"quotes":2}]}`)},
		{"unnamed speakers: one outlet, none", "/api/unnamed-speakers?outlet=example.com", 200, has(`{"speakers":[]}`)},
		{"unnamed speakers: bad date", "/api/unnamed-speakers?from=2020-13", 400, has("from")},
		{"unnamed speakers: bad limit", "/api/unnamed-speakers?limit=0", 400, has("limit")},
		{"quotes of one unnamed speaker", "/api/quotes?unnamed=Senior%20Official&outlet=example.org", 200, quotes(statements[0], statements[1])},
		{"quotes of an unnamed speaker not there", "/api/quotes?unnamed=Maria%20Zakharova", 200, quotes()},

		{"speakers: statements by default", "/api/speakers", 200, top("Maria Zakharova 1;")},
		{"speakers: all", "/api/speakers?acts=all", 200, top("Maria Zakharova 4;")},
		{"speakers: none of an act", "/api/speakers?acts=evaluation", 200, has(`{"speakers":[]}`)},
		{"speakers: bogus", "/api/speakers?acts=bogus", 400, has("bogus")},

		{"entities: statements by default", "/api/entities?name=zakharova", 200, has(`"quotes":1`)},
		{"entities: question and directive", "/api/entities?name=zakharova&acts=question,directive", 200, has(`"quotes":2`)},
		{"entities: bogus", "/api/entities?acts=bogus", 400, has("bogus")},

		{"timeline: statements by default", timeline, 200, has(`"buckets":[{"period":"2021-03","quotes":1}]`)},
		{"timeline: all", timeline + "?acts=all", 200, has(`"buckets":[{"period":"2021-03","quotes":3},{"period":"2021-04","quotes":1}]`)},
		{"timeline: directive", timeline + "?acts=directive", 200, has(`"buckets":[{"period":"2021-04","quotes":1}]`)},
		{"timeline: bogus", timeline + "?acts=bogus", 400, has("bogus")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, h, "GET", tt.target, "")
			if r.status != tt.status {
				t.Fatalf("GET %s: status %d, want %d: %s", tt.target, r.status, tt.status, r.body)
			}
			checkCommon(t, r)
			if tt.check != nil {
				tt.check(t, r)
			}
		})
	}
}
