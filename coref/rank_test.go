package coref_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/attrib"
	"github.com/quotewire/quotewire/coref"
	"github.com/quotewire/quotewire/models"
	"github.com/quotewire/quotewire/tag"
	"github.com/quotewire/quotewire/text"
)

func TestGenderLexicon(t *testing.T) {
	counts := map[string]*[2]int{
		"mary":  {0, 5},
		"john":  {7, 1},
		"alex":  {3, 3}, // no clear gender
		"ann":   {0, 2}, // too few
		"chris": {4, 0},
	}
	lex := coref.GenderLexicon(counts, 3, 0.8)
	want := map[string]coref.Gender{"mary": coref.Female, "john": coref.Male, "chris": coref.Male}
	if len(lex) != len(want) {
		t.Fatalf("lexicon = %v, want %v", lex, want)
	}
	for k, v := range want {
		if lex[k] != v {
			t.Errorf("lexicon[%q] = %v, want %v", k, lex[k], v)
		}
	}
}

func TestGenderCounts(t *testing.T) {
	d := quotewire.NewDocument(quotewire.Article{Text: "Mary Smith arrived on Monday. She said the talks went well. John Brown left early because he was tired."})
	for _, st := range []quotewire.Stage{text.Segmenter{}, tag.Tagger{}} {
		if err := st.Process(d); err != nil {
			t.Fatal(err)
		}
	}
	counts := map[string]*[2]int{}
	coref.GenderCounts(d, counts)
	if c := counts["mary"]; c == nil || *c != [2]int{0, 1} {
		t.Errorf("mary: %v", c)
	}
	if c := counts["john"]; c == nil || *c != [2]int{1, 0} {
		t.Errorf("john: %v", c)
	}
}

func TestRankerRoundTrip(t *testing.T) {
	rk, err := models.Coref()
	if err != nil {
		t.Fatal(err)
	}
	if rk.M.Len() == 0 || len(rk.Gender) == 0 {
		t.Fatalf("embedded ranker: %d features, %d names", rk.M.Len(), len(rk.Gender))
	}
	var buf bytes.Buffer
	if _, err := rk.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), models.CorefBytes()) {
		t.Errorf("writing the loaded ranker does not give the embedded file back")
	}
	for _, bad := range [][]byte{nil, []byte("QWCORF01xxxx"), buf.Bytes()[:len(buf.Bytes())/2], buf.Bytes()[:len(buf.Bytes())-1]} {
		if _, err := coref.LoadRanker(bytes.NewReader(bad)); err == nil {
			t.Errorf("LoadRanker accepted a damaged file of %d bytes", len(bad))
		}
	}
	if _, err := coref.LoadRanker(bytes.NewReader([]byte("nonsense"))); !errors.Is(err, coref.ErrBadRanker) {
		t.Errorf("LoadRanker(nonsense) = %v, want ErrBadRanker", err)
	}
}

// TestRankerDescriptors resolves descriptors with the embedded ranker.
func TestRankerDescriptors(t *testing.T) {
	rk, err := models.Coref()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, in string
		want     []string
	}{
		{"the minister is the one with that role",
			"Russian Foreign Minister Sergey Lavrov met Chinese President Xi Jinping in Beijing on Monday. According to the minister, the talks went very well.",
			[]string{"Sergey Lavrov"}},
		{"the company is the organisation named",
			"Apple Inc. shares fell after a report by analyst John Smith. The company said its sales were strong.",
			[]string{"Apple Inc."}}, // the abbreviation keeps its full stop, which also ends the sentence
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := quotewire.NewDocument(quotewire.Article{Text: tt.in})
			for _, st := range []quotewire.Stage{text.Segmenter{}, tag.Tagger{}, attrib.Stage{}, coref.Resolver{Ranker: rk}} {
				if err := st.Process(d); err != nil {
					t.Fatal(err)
				}
			}
			var got []string
			for _, q := range d.Quotes {
				name := ""
				if q.Speaker >= 0 {
					name = d.Entities[q.Speaker].Name
				}
				got = append(got, name)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("speakers = %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("quote %d speaker = %q, want %q", i+1, got[i], tt.want[i])
				}
			}
		})
	}
}
