package rules

import (
	"errors"
	"fmt"
	"testing"

	"github.com/quotewire/quotewire"
)

func TestActs(t *testing.T) {
	tests := []struct {
		acts  []quotewire.Act
		want  string // the acts a store filters by
		count string // the entity column that counts them, "" for none
	}{
		{nil, "[]", CountAll},
		{[]quotewire.Act{}, "[]", CountAll},
		{[]quotewire.Act{quotewire.Statement}, "[statement]", CountStatements},
		{[]quotewire.Act{quotewire.Statement, quotewire.Statement}, "[statement]", CountStatements},
		{[]quotewire.Act{quotewire.Belief, quotewire.Statement}, "[statement belief]", ""},
		{[]quotewire.Act{quotewire.Question}, "[question]", ""},
		{quotewire.AllActs, "[]", CountAll},
		{[]quotewire.Act{quotewire.OtherAct, quotewire.Evaluation, quotewire.Belief, quotewire.Directive, quotewire.Question, quotewire.Statement}, "[]", CountAll},
	}
	for _, tt := range tests {
		got, err := Acts(tt.acts)
		if err != nil {
			t.Errorf("Acts(%v): %v", tt.acts, err)
			continue
		}
		if fmt.Sprint(got) != tt.want || (len(got) == 0) != (got == nil) {
			t.Errorf("Acts(%v) = %#v, want %s", tt.acts, got, tt.want)
		}
		if c := CountColumn(got); c != tt.count {
			t.Errorf("CountColumn(%v) = %q, want %q", got, c, tt.count)
		}
	}
	for _, bad := range [][]quotewire.Act{{""}, {"bogus"}, {quotewire.Statement, "Belief"}} {
		if _, err := Acts(bad); !errors.Is(err, quotewire.ErrBadQuery) {
			t.Errorf("Acts(%q) = %v, want ErrBadQuery", bad, err)
		}
	}
}

func TestFactsOf(t *testing.T) {
	tests := []struct {
		name string
		q    quotewire.QuoteOut
		want QuoteFacts
	}{
		{"no act is a statement", quotewire.QuoteOut{}, QuoteFacts{Act: "statement"}},
		{"an act", quotewire.QuoteOut{Act: quotewire.Belief}, QuoteFacts{Act: "belief"}},
		{"unnamed speaker", quotewire.QuoteOut{Speaker: &quotewire.SpeakerRef{ID: "e1", Name: "senior official", Anonymous: true}},
			QuoteFacts{Act: "statement", Anonymous: true}},
		{"named speaker", quotewire.QuoteOut{Speaker: &quotewire.SpeakerRef{ID: "e1", Name: "Maria Zakharova"}}, QuoteFacts{Act: "statement"}},
		{"continued", quotewire.QuoteOut{Continued: true}, QuoteFacts{Act: "statement", Continued: true}},
		{"relayed by an entity", quotewire.QuoteOut{Via: &quotewire.SpeakerRef{ID: "e2", Name: "Izvestia"}},
			QuoteFacts{Act: "statement", Via: "Izvestia", ViaLocal: "e2"}},
		{"relayed by a name only", quotewire.QuoteOut{Via: &quotewire.SpeakerRef{Name: "the newspaper"}},
			QuoteFacts{Act: "statement", Via: "the newspaper"}},
	}
	for _, tt := range tests {
		if got := FactsOf(&tt.q); got != tt.want {
			t.Errorf("%s: FactsOf = %+v, want %+v", tt.name, got, tt.want)
		}
	}
	if !FactsOf(&quotewire.QuoteOut{}).Statement() || FactsOf(&quotewire.QuoteOut{Act: quotewire.Question}).Statement() {
		t.Error("Statement() is wrong")
	}
}

func TestFirstDate(t *testing.T) {
	tests := []struct {
		dates []string
		want  string
	}{
		{nil, ""},
		{[]string{""}, ""},
		{[]string{"", "2021-04-02", "2021-03-01"}, "2021-03-01"},
		{[]string{"2020-01-01"}, "2020-01-01"},
	}
	for _, tt := range tests {
		var occ []quotewire.Occurrence
		for _, d := range tt.dates {
			occ = append(occ, quotewire.Occurrence{Date: d})
		}
		if got := FirstDate(occ); got != tt.want {
			t.Errorf("FirstDate(%q) = %q, want %q", tt.dates, got, tt.want)
		}
	}
}
