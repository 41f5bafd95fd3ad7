package attrib_test

import (
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/attrib"
	"github.com/quotewire/quotewire/engine"
	"github.com/quotewire/quotewire/internal/testpipe"
)

// TestSplitParagraphs checks that a quote running over paragraphs comes
// out as one quote per paragraph, the later ones continuing the first,
// and that indirect content stops at the end of its paragraph.
func TestSplitParagraphs(t *testing.T) {
	text := "The First Minister said:\n\n“While we wish Brexit was not happening, today’s agreement is a welcome step.\n\n“The next phase will be significantly tougher.\n\n“We will continue to argue that case."
	d := quotewire.NewDocument(quotewire.Article{ID: "t", Text: text})
	for start := 0; start < len(text); {
		end := strings.Index(text[start:], "\n\n")
		if end < 0 {
			end = len(text) - start
		}
		d.Paragraphs = append(d.Paragraphs, quotewire.Span{Start: start, End: start + end})
		start += end + 2
	}
	cue := quotewire.Span{Start: 19, End: 23}
	src := quotewire.Span{Start: 0, End: 18}
	if cue.In(text) != "said" || src.In(text) != "The First Minister" {
		t.Fatalf("cue %q source %q", cue.In(text), src.In(text))
	}
	ps := d.Paragraphs
	d.Quotes = []quotewire.Quote{
		{Kind: quotewire.Direct, Content: []quotewire.Span{ps[1], ps[2], ps[3]}, Cue: &cue, Source: &src, Mention: -1, Speaker: -1, Confidence: 0.9},
	}
	attrib.SplitParagraphs(d)
	if len(d.Quotes) != 3 {
		t.Fatalf("%d quotes, want 3: %+v", len(d.Quotes), d.Quotes)
	}
	for i, q := range d.Quotes {
		if got, want := q.Extent(), d.Paragraphs[i+1]; got != want {
			t.Errorf("quote %d is %q, want paragraph %q", i, got.In(text), want.In(text))
		}
		if q.Continued != (i > 0) || (q.Cue != nil) != (i == 0) || (q.Source != nil) != (i == 0) {
			t.Errorf("quote %d: continued %v, cue %v, source %v", i, q.Continued, q.Cue, q.Source)
		}
	}

	// indirect content ends at its paragraph
	d.Quotes = []quotewire.Quote{{Kind: quotewire.Indirect, Content: []quotewire.Span{{Start: ps[1].Start + 4, End: ps[2].End - 5}}, Cue: &cue, Source: &src, Mention: -1, Speaker: -1}}
	attrib.SplitParagraphs(d)
	if len(d.Quotes) != 1 || d.Quotes[0].Extent().End != ps[1].End {
		t.Fatalf("indirect content %q runs past its paragraph", d.Quotes[0].Extent().In(text))
	}
}

// TestNested checks reports inside reports on real-shaped sentences: the
// speaker is the one whose words they are, the relay is kept as Via.
func TestNested(t *testing.T) {
	tests := []struct {
		text, content, speaker, via string
	}{
		{"Guardian Media reports that Commissioner Gary Griffith called the situation “one of the biggest cases of trafficking” in the country.",
			"one of the biggest", "Gary Griffith", "Guardian Media"},
		{"The Telegraph reports that the National Crime Agency (NCA) has said that crime groups cost the economy billions each year.",
			"crime groups cost the economy", "National Crime Agency", "Telegraph"},
		{"Defense Secretary Ash Carter told his counterpart in a phone call today that the two nations will always enjoy a special relationship, Press Secretary Peter Cook told reporters.",
			"the two nations will always enjoy", "Ash Carter", "Peter Cook"},
		{"Pentagon Press Secretary Peter Cook said Carter emphasized the commitment of the United States to NATO.",
			"the commitment of the United States", "Carter", "Peter Cook"},
		// no relay: the speaker's own words about what he told someone
		{"Smith said he told the board that the plan would fail.", "", "Smith", ""},
	}
	p := testpipe.Default(t)
	for _, tt := range tests {
		t.Run(tt.speaker, func(t *testing.T) {
			a, err := p.Extract(quotewire.Article{ID: "t", Text: tt.text})
			if err != nil {
				t.Fatal(err)
			}
			if len(a.Quotes) == 0 {
				t.Fatal("no quote")
			}
			q := a.Quotes[0]
			if !strings.Contains(q.Content.Text, tt.content) {
				t.Errorf("content %q, want it to hold %q", q.Content.Text, tt.content)
			}
			if q.Speaker == nil || !strings.Contains(q.Speaker.Name, tt.speaker) {
				t.Errorf("speaker %+v, want %q", q.Speaker, tt.speaker)
			}
			via := ""
			if q.Via != nil {
				via = q.Via.Name
			}
			if via != tt.via {
				t.Errorf("via %q, want %q", via, tt.via)
			}
		})
	}
}

// TestSplitAtCue checks that a cue between two statements of its own
// makes two quotes sharing the source and cue, and that a cue set inside
// one clause leaves the quote whole.
func TestSplitAtCue(t *testing.T) {
	tests := []struct {
		text, source, cue string
		in                [2]string // the quote's two parts
		want              []string  // the quotes' content after, in order
	}{
		{"Several hundred medical personnel are about to be deployed to West Africa, Chan said, and an emergency committee will meet on Wednesday.",
			"Chan", "said", [2]string{"Several hundred medical personnel are about to be deployed to West Africa", "and an emergency committee will meet on Wednesday"},
			[]string{"Several hundred medical personnel are about to be deployed to West Africa", "an emergency committee will meet on Wednesday"}},
		{"However, this was not a standard field training exercise, said Lt. Col. Nathaniel Stobert. “When we came up with the vision for this, we wanted to break the mold.”",
			"Lt. Col. Nathaniel Stobert", "said", [2]string{"this was not a standard field training exercise", "“When we came up with the vision for this, we wanted to break the mold.”"},
			[]string{"this was not a standard field training exercise", "“When we came up with the vision for this, we wanted to break the mold.”"}},
		{"A German farmer has fitted his cows with diapers because, he says, cowpats constitute a fertiliser high in nitrates.",
			"he", "says", [2]string{"A German farmer has fitted his cows with diapers because", "cowpats constitute a fertiliser high in nitrates"},
			nil},
	}
	for _, tt := range tests {
		d := quotewire.NewDocument(quotewire.Article{ID: "t", Text: tt.text})
		for _, s := range engine.RuleStages(engine.Options{}) { // through the rule attributor: tokens, sentences, quotation spans
			if err := s.Stage.Process(d); err != nil {
				t.Fatal(err)
			}
		}
		at := func(sub string) quotewire.Span {
			i := strings.Index(tt.text, sub)
			return quotewire.Span{Start: i, End: i + len(sub)}
		}
		cue, src := at(tt.cue), at(tt.source)
		d.Quotes = []quotewire.Quote{{Kind: quotewire.Indirect, Content: []quotewire.Span{at(tt.in[0]), at(tt.in[1])},
			Cue: &cue, Source: &src, Mention: -1, Speaker: -1, Confidence: 0.7}}
		attrib.SplitAtCue(d)
		if tt.want == nil {
			if len(d.Quotes) != 1 || len(d.Quotes[0].Content) != 2 {
				t.Errorf("%q: a cue inside one clause split the quote: %+v", tt.text, d.Quotes)
			}
			continue
		}
		if len(d.Quotes) != len(tt.want) {
			t.Fatalf("%q: %d quotes, want %d", tt.text, len(d.Quotes), len(tt.want))
		}
		for i, q := range d.Quotes {
			if got := q.Extent().In(tt.text); got != tt.want[i] || q.Cue == nil || *q.Cue != cue || q.Source == nil || *q.Source != src {
				t.Errorf("%q: quote %d is %q (cue %v, source %v), want %q with the shared cue and source", tt.text, i, got, q.Cue, q.Source, tt.want[i])
			}
		}
		if k := d.Quotes[1].Kind; strings.HasPrefix(tt.want[1], "“") != (k == quotewire.Direct) {
			t.Errorf("%q: second quote's kind %s", tt.text, k)
		}
	}
}
