package attrib

import (
	"fmt"
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/text"
)

// spanOf finds the byte span of sub in s (first occurrence).
func spanOf(s, sub string) quotewire.Span {
	i := strings.Index(s, sub)
	return quotewire.Span{Start: i, End: i + len(sub)}
}

// fakeModel is a learned model that returns the quotes it is given.
type fakeModel []quotewire.Quote

func (m fakeModel) Quotes(*quotewire.Document, Sources) []quotewire.Quote {
	return append([]quotewire.Quote(nil), m...)
}

// learned returns a learned quote of s: content, cue and source (""
// for none) by their text, with confidence c.
func learned(s, content, cue, source string, c float64) quotewire.Quote {
	q := quotewire.Quote{Kind: quotewire.Indirect, Content: []quotewire.Span{spanOf(s, content)}, Mention: -1, Speaker: -1, Confidence: c}
	if cue != "" {
		sp := spanOf(s, cue)
		q.Cue = &sp
	}
	if source != "" {
		sp := spanOf(s, source)
		q.Source = &sp
	}
	return q
}

// TestResolveSources checks each rule that settles a learned quote's
// source, on real sentences, with the rules' sources as Rules finds them.
func TestResolveSources(t *testing.T) {
	tests := []struct {
		name, text       string
		q                quotewire.Quote
		wantSrc, wantCue string // "" for none; wantSrc "drop" when dropped
		wantConf         float64
	}{
		{"the rules' source where the model has none",
			`A spokeswoman on Friday said the plant would stay closed.`, quotewire.Quote{}, "A spokeswoman", "said", 0.78},
		{"a gerund's subject carried over by the rules",
			`“The plan is sound,” Lee said, adding that the vote would be held on Monday.`, quotewire.Quote{}, "Lee", "adding", 0.78},
		{"source and cue swapped by the tagger",
			`The talks failed on Monday, reports said.`, quotewire.Quote{}, "reports", "said", 0.78},
		{"the cue took the source's noun",
			`The talks failed on Monday, local reports said.`, quotewire.Quote{}, "local reports", "said", 0.78},
		{"a possessor is no speaker",
			`Lee's comments came as Park said the talks had failed.`, quotewire.Quote{}, "Park", "said", 0.78},
		{"no source anywhere: the quote stays, unsure",
			`The talks, it was said, had failed.`, quotewire.Quote{}, "", "said", UnsourcedConfidence},
		{"a weak cue with two words of content is dropped",
			`Lee hinted at trouble.`, quotewire.Quote{}, "drop", "", 0},
	}
	// the learned quote each case starts from
	start := []quotewire.Quote{
		learned(tests[0].text, "the plant would stay closed", "said", "", 0.78),
		learned(tests[1].text, "that the vote would be held on Monday", "adding", "said", 0.78),
		learned(tests[2].text, "The talks failed on Monday", "reports", "said", 0.78),
		learned(tests[3].text, "The talks failed on Monday", "reports said", "local", 0.78),
		learned(tests[4].text, "the talks had failed", "comments came as Park said", "Lee's", 0.78),
		learned(tests[5].text, "The talks", "said", "", 0.78),
		learned(tests[6].text, "at trouble", "hinted", "Lee", 0.45),
	}
	for k, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := run(tt.text)
			got := resolveSources(d, []quotewire.Quote{start[k]}, SourcesOf(d))
			if tt.wantSrc == "drop" {
				if len(got) != 0 {
					t.Fatalf("kept %+v, want it dropped", got)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("%d quotes, want 1", len(got))
			}
			q := got[0]
			src, cue := "", ""
			if q.Source != nil {
				src = q.Source.In(d.Text)
			}
			if q.Cue != nil {
				cue = q.Cue.In(d.Text)
			}
			if src != tt.wantSrc || cue != tt.wantCue || q.Confidence != tt.wantConf {
				t.Errorf("source %q cue %q confidence %v, want %q %q %v", src, cue, q.Confidence, tt.wantSrc, tt.wantCue, tt.wantConf)
			}
		})
	}
}

// TestStageMerges runs the whole stage with a learned model and checks
// how it merges the model's quotes with the rules' (which find one direct
// quote by Lee and indirect ones by Park and the officials): the rules'
// direct quote stays against a narrower learned quote inside it, a learned
// quote takes the place of the rules' indirect quote it overlaps, and a
// learned quote with no source takes the rules' source for its cue.
func TestStageMerges(t *testing.T) {
	s := `“We will rebuild the bridge,” Lee said on Monday. Park said the cost would be high. Officials said the work would take a year.`
	model := fakeModel{
		learned(s, "We will rebuild", "said", "Lee", 0.78),
		learned(s, "cost would be high", "", "Park", 0.45),
		learned(s, "the work would take a year", "", "", 0.78),
	}
	// the learned quotes' cues are the second and third "said"
	model[1].Cue = &quotewire.Span{Start: strings.Index(s, "Park said") + 5, End: strings.Index(s, "Park said") + 9}
	model[2].Cue = &quotewire.Span{Start: strings.Index(s, "Officials said") + 10, End: strings.Index(s, "Officials said") + 14}
	d := quotewire.NewDocument(quotewire.Article{Text: s})
	text.Segmenter{}.Process(d)
	if err := (Stage{Model: model}).Process(d); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, q := range d.Quotes {
		got = append(got, fmt.Sprintf("%s %.2f", describe(d, q), q.Confidence))
	}
	// without a model the stage is the rules' first pass and the passes
	// after it
	rules := quotewire.NewDocument(quotewire.Article{Text: s})
	text.Segmenter{}.Process(rules)
	Stage{}.Process(rules)
	if len(rules.Quotes) != 3 || rules.Quotes[1].Content[0].In(s) != "the cost would be high" {
		t.Fatalf("rules alone: %d quotes", len(rules.Quotes))
	}
	want := []string{
		fmt.Sprintf("direct|Lee|said|“We will rebuild the bridge,” %.2f", rules.Quotes[0].Confidence),
		"indirect|Park|said|cost would be high 0.45",
		"indirect|Officials|said|the work would take a year 0.78",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("quotes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestWidens checks that a learned quote holding a rule's direct quote
// and saying more replaces it, and one a word wider does not.
func TestWidens(t *testing.T) {
	s := `However laudable the goal, using the tax “is a misguided approach,” Burman said.`
	d := run(s)
	if len(d.Quotes) != 1 || d.Quotes[0].Kind != quotewire.Direct {
		t.Fatalf("rules: %d quotes, want one direct", len(d.Quotes))
	}
	ruleSrc := d.Quotes[0].Source
	model := quotewire.Quote{Content: []quotewire.Span{spanOf(s, `However laudable the goal, using the tax “is a misguided approach,”`)},
		Cue: &quotewire.Span{Start: strings.Index(s, "said"), End: strings.Index(s, "said") + 4}, Mention: -1, Speaker: -1}
	if !widen(d, model) {
		t.Fatal("the model's wider quote did not replace the rule quote")
	}
	if len(d.Quotes) != 1 || d.Quotes[0].Content[0].In(s) != model.Content[0].In(s) || d.Quotes[0].Kind != quotewire.Mixed {
		t.Fatalf("quotes after widening: %+v", d.Quotes)
	}
	if d.Quotes[0].Source == nil || ruleSrc == nil || *d.Quotes[0].Source != *ruleSrc {
		t.Errorf("the widened quote lost the rule's source")
	}
	// a model quote only one word wider does not replace it
	d = run(s)
	narrow := model
	narrow.Content = []quotewire.Span{spanOf(s, `tax “is a misguided approach,”`)}
	if widen(d, narrow) {
		t.Error("a quote one word wider replaced the rule quote")
	}
}

// widen runs widens as Stage.Process does, on a document holding only
// rule quotes.
func widen(d *quotewire.Document, q quotewire.Quote) bool {
	owner := make([]int32, len(d.Tokens))
	for k, r := range d.Quotes {
		for _, c := range r.Content {
			for i := d.TokenAt(c.Start); i < len(d.Tokens) && d.Tokens[i].Start < c.End; i++ {
				owner[i] = int32(k + 1)
			}
		}
	}
	removed := make([]bool, len(d.Quotes))
	ok := widens(d, q, owner, removed)
	kept := d.Quotes[:0]
	for k, r := range d.Quotes {
		if k >= len(removed) || !removed[k] {
			kept = append(kept, r)
		}
	}
	d.Quotes = kept
	return ok
}
