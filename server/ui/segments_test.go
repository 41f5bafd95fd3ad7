package ui

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/quotewire/quotewire"
)

// span builds a TextSpan over text, for tests.
func span(text, s string, nth int) *quotewire.TextSpan {
	i := -1
	for k := 0; k <= nth; k++ {
		j := strings.Index(text[i+1:], s)
		if j < 0 {
			panic("not in text: " + s)
		}
		i += 1 + j
	}
	return &quotewire.TextSpan{Start: i, End: i + len(s), Text: s}
}

func content(t *quotewire.TextSpan) quotewire.ContentSpan {
	return quotewire.ContentSpan{Start: t.Start, End: t.End, Text: t.Text}
}

// render writes segments as role:quote:"text" joined by |.
func render(segs []Segment) string {
	var parts []string
	for _, s := range segs {
		parts = append(parts, fmt.Sprintf("%s:%d:%q", s.Role, s.Quote, s.Text))
	}
	return strings.Join(parts, "|")
}

func TestSegments(t *testing.T) {
	nested := `He said that she told reporters "the plan failed" yesterday.`
	interrupted := `"We will win," the coach said, "whatever it takes."`
	utf := `Él dijo «sí» hoy.`
	tests := []struct {
		name   string
		text   string
		quotes func(text string) []quotewire.QuoteOut
		want   string
	}{
		{"empty text", "", nil, ""},
		{"no quotes", "Nothing was said.", nil, `plain:-1:"Nothing was said."`},
		{"whole text is a quote", "All of it", func(x string) []quotewire.QuoteOut {
			return []quotewire.QuoteOut{{Content: content(span(x, "All of it", 0))}}
		}, `content:0:"All of it"`},
		{"nested: the inner quote and its attribution win", nested, func(x string) []quotewire.QuoteOut {
			return []quotewire.QuoteOut{
				{Content: content(span(x, `she told reporters "the plan failed" yesterday`, 0)), Source: span(x, "He", 0), Cue: span(x, "said", 0)},
				{Content: content(span(x, "the plan failed", 0)), Source: span(x, "she", 0), Cue: span(x, "told", 0)},
			}
		}, `source:0:"He"|plain:-1:" "|cue:0:"said"|plain:-1:" that "|source:1:"she"|content:0:" "|cue:1:"told"|content:0:" reporters \""|content:1:"the plan failed"|content:0:"\" yesterday"|plain:-1:"."`},
		{"interrupted content uses its parts", interrupted, func(x string) []quotewire.QuoteOut {
			c := quotewire.ContentSpan{Start: 1, End: len(x) - 1, Text: x[1 : len(x)-1],
				Parts: []quotewire.Span{{Start: 1, End: 13}, {Start: 32, End: len(x) - 1}}}
			return []quotewire.QuoteOut{{Content: c, Source: span(x, "the coach", 0), Cue: span(x, "said", 0)}}
		}, `plain:-1:"\""|content:0:"We will win,"|plain:-1:"\" "|source:0:"the coach"|plain:-1:" "|cue:0:"said"|plain:-1:", \""|content:0:"whatever it takes."|plain:-1:"\""`},
		{"equal spans: lower quote index wins", "ab cd", func(x string) []quotewire.QuoteOut {
			return []quotewire.QuoteOut{{Content: content(span(x, "ab", 0))}, {Content: content(span(x, "ab", 0))}}
		}, `content:0:"ab"|plain:-1:" cd"`},
		{"overlapping contents: the shorter wins", "one two three", func(x string) []quotewire.QuoteOut {
			return []quotewire.QuoteOut{{Content: content(span(x, "one two", 0))}, {Content: content(span(x, "two three", 0))}}
		}, `content:0:"one two"|content:1:" three"`},
		{"bad spans are ignored", utf, func(x string) []quotewire.QuoteOut {
			return []quotewire.QuoteOut{
				{Content: quotewire.ContentSpan{Start: 1, End: 5}},   // inside É
				{Content: quotewire.ContentSpan{Start: 5, End: 999}}, // past the end
				{Content: quotewire.ContentSpan{Start: 8, End: 4}},   // reversed
				{Content: quotewire.ContentSpan{Start: -1, End: 2}},  // negative
				{Content: content(span(x, "sí", 0))},
			}
		}, `plain:-1:"Él dijo «"|content:4:"sí"|plain:-1:"» hoy."`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &quotewire.Analysis{Text: tt.text}
			if tt.quotes != nil {
				a.Quotes = tt.quotes(tt.text)
			}
			segs := Segments(a)
			if got := render(segs); got != tt.want {
				t.Errorf("segments\n got %s\nwant %s", got, tt.want)
			}
			checkSegments(t, a.Text, segs)
			ref := referenceLabels(a)
			for _, s := range segs {
				if got := fmt.Sprintf("%s:%d", s.Role, s.Quote); got != ref[s.Start] {
					t.Errorf("segment %+v: the rule says %s", s, ref[s.Start])
				}
			}
		})
	}
}

// checkSegments checks the contract: consecutive, covering the text,
// offsets matching text, valid UTF-8, neighbours different.
func checkSegments(t *testing.T, text string, segs []Segment) {
	t.Helper()
	var sb strings.Builder
	pos := 0
	for i, s := range segs {
		if s.Start != pos || s.End <= s.Start || text[s.Start:s.End] != s.Text {
			t.Fatalf("segment %d %+v is not the next piece of the text (at %d)", i, s, pos)
		}
		if !utf8.ValidString(s.Text) && utf8.ValidString(text) {
			t.Fatalf("segment %d is not valid UTF-8: %q", i, s.Text)
		}
		if (s.Quote < 0) != (s.Role == RolePlain) {
			t.Fatalf("segment %d: quote %d with role %s", i, s.Quote, s.Role)
		}
		if i > 0 && segs[i-1].Quote == s.Quote && segs[i-1].Role == s.Role {
			t.Fatalf("segments %d and %d should have been merged", i-1, i)
		}
		sb.WriteString(s.Text)
		pos = s.End
	}
	if sb.String() != text {
		t.Fatalf("segments give %q, want %q", sb.String(), text)
	}
}

func FuzzSegments(f *testing.F) {
	f.Add("He said “we will win” on Friday.", 3, 7, 12, 20, 0, 2)
	f.Add("ab", 0, 2, 1, 2, 0, 1)
	f.Add("Él dijo «sí» hoy.", 1, 5, 8, 12, 0, 2)
	f.Fuzz(func(t *testing.T, text string, a, b, c, d, e, g int) {
		an := &quotewire.Analysis{Text: text, Quotes: []quotewire.QuoteOut{
			{Content: quotewire.ContentSpan{Start: a, End: b, Parts: []quotewire.Span{{Start: a, End: c}, {Start: d, End: b}}},
				Cue: &quotewire.TextSpan{Start: c, End: d}},
			{Content: quotewire.ContentSpan{Start: e, End: g}, Source: &quotewire.TextSpan{Start: a, End: g}},
		}}
		segs := Segments(an)
		checkSegments(t, text, segs)
		want := referenceLabels(an)
		for _, s := range segs {
			for i := s.Start; i < s.End; i++ {
				if got := fmt.Sprintf("%s:%d", s.Role, s.Quote); got != want[i] {
					t.Fatalf("byte %d is %s, the rule says %s", i, got, want[i])
				}
			}
		}
	})
}

// referenceLabels applies the documented overlap rule byte by byte, the
// slow and obvious way.
func referenceLabels(a *quotewire.Analysis) []string {
	type sp struct {
		start, end, quote, rank int
		role                    string
	}
	var spans []sp
	ok := func(i int) bool { return i >= 0 && i <= len(a.Text) && (i == len(a.Text) || utf8.RuneStart(a.Text[i])) }
	add := func(q int, role string, start, end int) {
		if ok(start) && ok(end) && start < end {
			spans = append(spans, sp{start, end, q, map[string]int{RoleContent: 1, RoleSource: 2, RoleCue: 3}[role], role})
		}
	}
	for i, q := range a.Quotes {
		if len(q.Content.Parts) > 0 {
			for _, p := range q.Content.Parts {
				add(i, RoleContent, p.Start, p.End)
			}
		} else {
			add(i, RoleContent, q.Content.Start, q.Content.End)
		}
		if q.Source != nil {
			add(i, RoleSource, q.Source.Start, q.Source.End)
		}
		if q.Cue != nil {
			add(i, RoleCue, q.Cue.Start, q.Cue.End)
		}
	}
	out := make([]string, len(a.Text))
	for i := range out {
		best := -1
		for j, s := range spans {
			if s.start > i || s.end <= i {
				continue
			}
			if best < 0 {
				best = j
				continue
			}
			b := spans[best]
			key := func(s sp) [4]int { return [4]int{-s.rank, s.end - s.start, s.quote, s.start} }
			ks, kb := key(s), key(b)
			for k := range ks {
				if ks[k] != kb[k] {
					if ks[k] < kb[k] {
						best = j
					}
					break
				}
			}
		}
		out[i] = "plain:-1"
		if best >= 0 {
			out[i] = fmt.Sprintf("%s:%d", spans[best].role, spans[best].quote)
		}
	}
	return out
}

func BenchmarkSegments(b *testing.B) {
	text := strings.Repeat(`The minister said "we will not give up" and added that talks would resume. `, 200)
	a := &quotewire.Analysis{Text: text}
	for i := 0; ; i++ {
		j := strings.Index(text[i:], "we will")
		if j < 0 {
			break
		}
		i += j
		a.Quotes = append(a.Quotes, quotewire.QuoteOut{Content: quotewire.ContentSpan{Start: i, End: i + 20},
			Cue: &quotewire.TextSpan{Start: i - 6, End: i - 2}, Source: &quotewire.TextSpan{Start: i - 19, End: i - 7}})
	}
	b.ReportAllocs()
	for b.Loop() {
		Segments(a)
	}
}

// TestSegmentEntities checks that entity mentions are marked with their
// type, inside and outside quotes, and that segments still give the text
// back.
func TestSegmentEntities(t *testing.T) {
	text := `"Lavrov met Kerry in Geneva," the ministry said.`
	lav, ker, gen := strings.Index(text, "Lavrov"), strings.Index(text, "Kerry"), strings.Index(text, "Geneva")
	a := &quotewire.Analysis{Text: text,
		Quotes: []quotewire.QuoteOut{{Type: quotewire.Direct, Content: quotewire.ContentSpan{Start: 0, End: strings.Index(text, " the")}}},
		Entities: []quotewire.EntityOut{
			{ID: "e1", Name: "Lavrov", Type: quotewire.Person, Mentions: []quotewire.TextSpan{{Start: lav, End: lav + 6}}},
			{ID: "e2", Name: "Kerry", Type: quotewire.Person, Mentions: []quotewire.TextSpan{{Start: ker, End: ker + 5}}},
			{ID: "e3", Name: "Geneva", Type: quotewire.Place, Mentions: []quotewire.TextSpan{{Start: gen, End: gen + 6}, {Start: 999, End: 1000}}},
		}}
	segs := Segments(a)
	var b strings.Builder
	got := map[string]string{}
	for _, s := range segs {
		b.WriteString(s.Text)
		if s.Entity != "" {
			got[s.Text] = string(s.Entity) + "/" + s.EntityID + "/" + s.Role
		}
	}
	if b.String() != text {
		t.Fatalf("segments give %q", b.String())
	}
	want := map[string]string{"Lavrov": "person/e1/content", "Kerry": "person/e2/content", "Geneva": "place/e3/content"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("entity pieces = %v, want %v", got, want)
	}
}
