package eval

import (
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
)

func TestLinkScore(t *testing.T) {
	var s LinkScore
	s.Add("Q1", "Q1") // right
	s.Add("Q2", "Q9") // wrong, and missed
	s.Add("Q3", "")   // missed
	s.Add("", "")     // abstained rightly
	s.Add("", "Q4")   // wrong: linked one who has no item
	if s.Right != 1 || s.Wrong != 2 || s.Missed != 2 || s.Abstained != 1 || s.Speakers != 5 {
		t.Errorf("score %+v", s)
	}
	if p, r := s.Precision(), s.Recall(); p != 1.0/3 || r != 1.0/3 {
		t.Errorf("precision %v recall %v", p, r)
	}
}

func TestPredictedLink(t *testing.T) {
	a := &quotewire.Analysis{Entities: []quotewire.EntityOut{
		{Name: "Sergey Lavrov", Type: quotewire.Person, Wikidata: "Q901"},
		{Name: "Recep Tayyip Erdogan", Type: quotewire.Person},
	}}
	if got := PredictedLink(a, "Sergei Lavrov"); got != "Q901" {
		t.Errorf("Lavrov: %q", got)
	}
	if got := PredictedLink(a, "Erdogan"); got != "" {
		t.Errorf("Erdogan, unlinked: %q", got)
	}
}

func TestReadGoldLinks(t *testing.T) {
	in := "{\"url\":\"u\",\"speaker\":\"A\",\"wikidata\":\"Q1\"}\n\n{\"url\":\"u\",\"speaker\":\"B\",\"wikidata\":\"\"}\n{\"speaker\":\"C\"}\n"
	for _, bad := range []string{"garbage\n", "{\"url\": 5, \"speaker\": \"A\"}\n"} {
		err := ReadGoldLinks(strings.NewReader(bad), "bad.jsonl", func(GoldLink) error { return nil })
		if err == nil || !strings.Contains(err.Error(), "bad.jsonl line 1: not a JSON object") {
			t.Errorf("%q: %v", bad, err)
		}
	}
	var got []GoldLink
	err := ReadGoldLinks(strings.NewReader(in), "links.jsonl", func(g GoldLink) error { got = append(got, g); return nil })
	if len(got) != 2 || err == nil || !strings.Contains(err.Error(), "links.jsonl line 4") {
		t.Errorf("read %+v, %v", got, err)
	}
}
