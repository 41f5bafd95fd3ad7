package eval

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
)

func TestSameSpeaker(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Sergey Lavrov", "Lavrov", true},
		{"Sergey Lavrov", "Sergei Lavrov", false},
		{"President Donald Trump", "Donald Trump", true},
		{"Hillary Clinton", "Bill Clinton", false},
		{"Mr. Obama", "Barack Obama", true},
		{"Lavrov", "Putin", false},
		{"UN", "United Nations", true},
		{"U.S.", "United States", true},
		{"UN", "European Union", false},
		{"", "Putin", false},
		{"Vladimir Putin and Angela Merkel", "Angela Merkel and Putin", true},
		{"United States Commission on International Religious Freedom (USCIRF)", "United States Commission on International Religious Freedom", true},
		{"The Telegraph and the Express", "Telegraph and Express", true},
		{"Vladimir Putin and Angela Merkel", "Vladimir Putin", false},
		{"Daily Mail, Daily Record and The Sun", "Daily Mail and The Sun", false},
		{"Prime Minister and Amr Moussa", "Amr Moussa and the Prime Minister", true},
		{"Prime Minister", "President", false},
	}
	for _, tt := range tests {
		if got := sameSpeaker(tt.a, tt.b); got != tt.want {
			t.Errorf("sameSpeaker(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestSpeakerRightDescriptions(t *testing.T) {
	// a gold speaker in lower case is a description even without the
	// anonymous flag of the newer sets
	g := SpeakerQuote{Speaker: "a government official", SpeakerType: "person"}
	p := quotewire.QuoteOut{Speaker: &quotewire.SpeakerRef{Name: "government official", Anonymous: true}}
	if !speakerRight(g, p) {
		t.Error("\"government official\" (unnamed) is not \"a government official\"")
	}
	p.Speaker = &quotewire.SpeakerRef{Name: "Youssef Chahed"}
	if speakerRight(g, p) {
		t.Error("a named speaker matched a description")
	}
	for _, tt := range []struct {
		gold, got string
		want      bool
	}{
		{"Prime Minister", "Prime Minister", true}, // a title alone is a description too
		{"Prime Minister", "the prime minister", true},
		{"Prime Minister's spokesman", "Prime Minister", false},
		{"Prime Minister", "Prime Minister's spokesman", false},
		{"Prime Minister", "President", false},
		{"spokesman for the ministry", "Ministry of Foreign Affairs spokesman", true},
		{"local residents", "residents", true},
		{"police in the city", "city police", true},
		{"senior official", "residents", false},
	} {
		g := SpeakerQuote{Speaker: tt.gold, SpeakerType: "person", Anonymous: true}
		p := quotewire.QuoteOut{Speaker: &quotewire.SpeakerRef{Name: tt.got, Anonymous: true}}
		if got := speakerRight(g, p); got != tt.want {
			t.Errorf("unnamed %q against %q: right = %v, want %v", tt.gold, tt.got, got, tt.want)
		}
	}
}

func TestSpeakerScore(t *testing.T) {
	text := `"We will win," he said. Police said nobody was hurt.`
	sp := func(sub string) quotewire.Span {
		i := strings.Index(text, sub)
		return quotewire.Span{Start: i, End: i + len(sub)}
	}
	police := "Police"
	src := sp("he")
	g := SpeakerGold{URL: "u", Text: text, Quotes: []SpeakerQuote{
		{Content: sp("We will win,"), Kind: "direct", Speaker: "Jane Smith", SpeakerType: "person", Mention: "pronoun", Source: &src},
		{Content: sp("nobody was hurt"), Kind: "indirect", Speaker: "police", SpeakerType: "group", Mention: "descriptor", SourceText: &police},
	}}
	ts := func(s quotewire.Span) *quotewire.TextSpan {
		return &quotewire.TextSpan{Start: s.Start, End: s.End, Text: text[s.Start:s.End]}
	}
	a := &quotewire.Analysis{Text: text, Quotes: []quotewire.QuoteOut{
		{Type: quotewire.Direct, Content: quotewire.ContentSpan{Start: sp(`"We will win,"`).Start, End: sp(`"We will win,"`).End}, Speaker: &quotewire.SpeakerRef{Name: "John Smith"}},
		{Type: quotewire.Indirect, Content: quotewire.ContentSpan{Start: sp("nobody was hurt").Start, End: sp("nobody was hurt").End}, Source: ts(sp("Police"))},
	}}
	var s SpeakerScore
	s.Add(g, a)
	if c := s.byMention["pronoun"]; c.found != 1 || c.speakerRight != 0 {
		t.Errorf("pronoun: %+v (John Smith is not Jane Smith)", c)
	}
	if c := s.byMention["descriptor"]; c.found != 1 || c.speakerRight != 1 {
		t.Errorf("descriptor: %+v (police by its descriptor)", c)
	}
	var out bytes.Buffer
	s.WriteText(&out)
	if !strings.Contains(out.String(), "quote precision 1.000") || len(s.Wrong()) != 1 {
		t.Errorf("report:\n%s\nwrong: %q", out.String(), s.Wrong())
	}
	err := ReadSpeakerGold(strings.NewReader(`{"text":"ab","quotes":[{"content":{"start":0,"end":9}}]}`), "x.jsonl", func(SpeakerGold) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "x.jsonl line 1") {
		t.Errorf("span outside the text: err = %v", err)
	}
}

// TestSpeakerScoreOtherAct: quotes of act other are left out on both
// sides unless EveryAct, and counted apart.
func TestSpeakerScoreOtherAct(t *testing.T) {
	text := `Smith said the dam held. Smith visited the plant. Five percent prefer Jones.`
	sp := func(sub string) quotewire.Span {
		i := strings.Index(text, sub)
		return quotewire.Span{Start: i, End: i + len(sub)}
	}
	content := func(sub string) quotewire.ContentSpan {
		s := sp(sub)
		return quotewire.ContentSpan{Start: s.Start, End: s.End, Text: sub}
	}
	g := SpeakerGold{URL: "u", Text: text, Quotes: []SpeakerQuote{
		{Content: sp("the dam held"), Kind: "indirect", Act: "statement", Speaker: "Smith", SpeakerType: "person", Mention: "name"},
		{Content: sp("Jones"), Kind: "indirect", Act: "other", Speaker: "Five percent", SpeakerType: "group", Mention: "descriptor"},
	}}
	smith := &quotewire.SpeakerRef{Name: "Smith"}
	a := &quotewire.Analysis{Text: text, Quotes: []quotewire.QuoteOut{
		{Type: quotewire.Indirect, Act: quotewire.Statement, Content: content("the dam held"), Speaker: smith},
		{Type: quotewire.Indirect, Act: quotewire.OtherAct, Content: content("the plant"), Speaker: smith},
	}}
	var records SpeakerScore
	records.Add(g, a)
	if f := records.Figures(); f.Gold != 1 || f.Predicted != 1 || f.SpeakerRight != 1 || f.WhoSaidWhat != 1 {
		t.Errorf("records: %+v, want one statement found right, act other left out", f)
	}
	if gold, rep := records.OtherLeftOut(); gold != 1 || rep != 1 {
		t.Errorf("left out %d hand-checked and %d reported, want 1 and 1", gold, rep)
	}
	every := SpeakerScore{EveryAct: true}
	every.Add(g, a)
	if f := every.Figures(); f.Gold != 2 || f.Predicted != 2 || f.SpeakerRight != 1 {
		t.Errorf("every act: %+v, want 2 gold, 2 reported, 1 right", f)
	}
	var out bytes.Buffer
	records.WriteText(&out)
	if !strings.Contains(out.String(), "left out: act other, 1 reported and 1 hand-checked") {
		t.Errorf("report lacks the left-out line:\n%s", out.String())
	}
}

// TestNewsSetFiles checks the hand-checked news set as shipped: every
// span's text equals its recorded text, every article has its licence and
// URL, and the two splits do not share an article.
func TestNewsSetFiles(t *testing.T) {
	seen := map[string]string{}
	for _, split := range []string{"dev", "test"} {
		path := "../testdata/newsset/" + split + ".jsonl"
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		err = ReadSpeakerGold(f, path, func(g SpeakerGold) error {
			n++
			if g.URL == "" || g.Licence == "" || g.Publisher == "" {
				t.Errorf("%s: %s lacks url, licence or publisher", path, g.ID)
			}
			if other, ok := seen[g.URL]; ok {
				t.Errorf("%s in both %s and %s", g.URL, other, split)
			}
			seen[g.URL] = split
			for i, q := range g.Quotes {
				if q.Speaker == "" {
					t.Errorf("%s quote %d: no speaker", g.ID, i)
				}
				if q.Continues && q.Source != nil {
					t.Errorf("%s quote %d: a continuation with a source", g.ID, i)
				}
				if q.SourceText != nil && q.Source != nil && g.Text[q.Source.Start:q.Source.End] != *q.SourceText {
					t.Errorf("%s quote %d: source text differs", g.ID, i)
				}
			}
			return nil
		})
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if n < 30 {
			t.Errorf("%s: %d articles", path, n)
		}
	}
}

func TestSplitByCue(t *testing.T) {
	text := `"We have come a long way," he said, "but we expect to improve." Officials said it was late.`
	sp := func(sub string) quotewire.Span {
		i := strings.Index(text, sub)
		return quotewire.Span{Start: i, End: i + len(sub)}
	}
	a1, a2, cue := sp(`"We have come a long way,"`), sp(`"but we expect to improve."`), sp("said")
	a := &quotewire.Analysis{Text: text, Quotes: []quotewire.QuoteOut{
		{Type: quotewire.Direct, Content: quotewire.ContentSpan{Start: a1.Start, End: a2.End, Parts: []quotewire.Span{a1, a2}},
			Cue: &quotewire.TextSpan{Start: cue.Start, End: cue.End, Text: "said"}},
		{Type: quotewire.Indirect, Content: quotewire.ContentSpan{Start: sp("it was late").Start, End: sp("it was late").End}},
	}}
	got := splitByCue(a)
	if len(got.Quotes) != 3 {
		t.Fatalf("%d quotes, want 3 (the interrupted quote in two, as the guideline records it)", len(got.Quotes))
	}
	if got.Quotes[0].Content.Text != `"We have come a long way,"` || got.Quotes[1].Content.Text != `"but we expect to improve."` {
		t.Errorf("parts %q and %q", got.Quotes[0].Content.Text, got.Quotes[1].Content.Text)
	}
	if len(a.Quotes) != 2 {
		t.Error("splitByCue changed its argument")
	}
}
