package text

import (
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/internal/benchrun"
)

func tokTexts(toks []quotewire.Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want string // tokens joined by |
	}{
		{"we don’t see", "we|don’t|see"},
		{"Russia’s Aerospace Forces", "Russia|’s|Aerospace|Forces"},
		{"Jabhat al-Nusra, US-led", "Jabhat|al-Nusra|,|US-led"},
		{"the U.S. and U.N. said", "the|U.S.|and|U.N.|said"},
		{"“Until recently,” he said.", "“|Until|recently|,|”|he|said|."},
		{"3,000 people, 2.5% at 10:30", "3,000|people|,|2.5|%|at|10:30"},
		{"«Да» и „nein“", "«|Да|»|и|„|nein|“"},
		{"Mr. Trump's plan", "Mr|.|Trump|'s|plan"},
		{"the 16th conference", "the|16th|conference"},
		{"rock 'n' roll", "rock|'|n|'|roll"},
		{"he told ''We must,'' and ``so''", "he|told|''|We|must|,|''|and|``|so|''"},
		{"PASC-the House of Commons Committee-today urges", "PASC|-|the|House|of|Commons|Committee|-|today|urges"},
		{"the-thermos, well-known, theatre-goers", "the-thermos|,|well-known|,|theatre-goers"},
		{"‘‘We will rebuild,’’ she said, ‘it’s ours’", "‘‘|We|will|rebuild|,|’’|she|said|,|‘|it|’s|ours|’"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := strings.Join(tokTexts(Tokenize(nil, tt.in, 0, len(tt.in))), "|")
			if got != tt.want {
				t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func sentTexts(text string) []string {
	d := quotewire.NewDocument(quotewire.Article{Text: text})
	Segmenter{}.Process(d)
	var out []string
	for _, s := range d.Sentences {
		out = append(out, s.In(text))
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"He left. She stayed.", []string{"He left.", "She stayed."}},
		{"Mr. Smith and Dr. Jones met. They talked.", []string{"Mr. Smith and Dr. Jones met.", "They talked."}},
		{`"It is good," he said. "We proceed."`, []string{`"It is good," he said.`, `"We proceed."`}},
		{"“Is it?” she asked. Yes.", []string{"“Is it?” she asked.", "Yes."}},
		{"It grew 2.5 percent. Then fell.", []string{"It grew 2.5 percent.", "Then fell."}},
		{"Sen. John F. Kennedy spoke. On Oct. 4 we met.", []string{"Sen. John F. Kennedy spoke.", "On Oct. 4 we met."}},
		{"One para.\n\nTwo para", []string{"One para.", "Two para"}},
		{"said Army Brig. Gen. Patrick Hamilton. It rained.", []string{"said Army Brig. Gen. Patrick Hamilton.", "It rained."}},
		{"said Pfc. Roberto Rivera, who joined in May.", []string{"said Pfc. Roberto Rivera, who joined in May."}},
		{"no end at all", []string{"no end at all"}},
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := sentTexts(tt.in)
			if strings.Join(got, "⏎") != strings.Join(tt.want, "⏎") {
				t.Errorf("sentences(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTitleWord(t *testing.T) {
	for in, want := range map[string]string{"gen": "general", "Gen.": "Gen.", "adm.": "admiral", "brig": "brig", "pfc": "private", "minister": "minister"} {
		if got := TitleWord(in); got != want {
			t.Errorf("TitleWord(%q) = %q, want %q", in, got, want)
		}
	}
	for _, w := range []string{"gen", "brig", "pfc", "sen", "mr"} {
		if !IsTitleAbbrev(w) {
			t.Errorf("IsTitleAbbrev(%q) = false", w)
		}
	}
	if IsTitleAbbrev("the") {
		t.Error(`IsTitleAbbrev("the") = true`)
	}
}

func TestParagraphs(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"A.\nB\n\nC", []string{"A.", "B", "C"}},
		{"a\nb\nc", []string{"a\nb\nc"}},
		{"One line ends\nand wraps.\nNext one.", []string{"One line ends\nand wraps.", "Next one."}},
		{"  a  \n \n\n b ", []string{"a", "b"}},
		{"\n\n\n", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, p := range Paragraphs(nil, tt.in) {
			got = append(got, p.In(tt.in))
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Paragraphs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSeedDateline(t *testing.T) {
	b, err := os.ReadFile("../testdata/seed/tass-2017-10-04-lavrov-krasnodar.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.TrimPrefix(string(b), " date 2017-10-04 ")
	d := quotewire.NewDocument(quotewire.Article{Text: text})
	d.DatelineSpan = quotewire.Span{Start: 0, End: len("KRASNODAR, October 4. /TASS/.")}
	Segmenter{}.Process(d)
	if got := d.Sentences[0].In(text); got != "KRASNODAR, October 4. /TASS/." {
		t.Errorf("first sentence = %q", got)
	}
	if got := d.Sentences[1].In(text); !strings.HasPrefix(got, "Moscow sees") || !strings.HasSuffix(got, "on Wednesday.") {
		t.Errorf("second sentence = %q", got)
	}
	if len(d.Paragraphs) != 7 {
		t.Errorf("paragraphs = %d, want 7", len(d.Paragraphs))
	}
}

func checkDoc(t *testing.T, d *quotewire.Document) {
	t.Helper()
	ok := func(s quotewire.Span) bool {
		return 0 <= s.Start && s.Start <= s.End && s.End <= len(d.Text) &&
			(s.Start == len(d.Text) || utf8.RuneStart(d.Text[s.Start])) &&
			(s.End == len(d.Text) || utf8.RuneStart(d.Text[s.End]))
	}
	for _, p := range d.Paragraphs {
		if !ok(p) {
			t.Fatalf("bad paragraph %v", p)
		}
	}
	prev := 0
	for _, tk := range d.Tokens {
		if !ok(tk.Span) || tk.Start < prev || tk.Text != d.Text[tk.Start:tk.End] || tk.IsEmpty() {
			t.Fatalf("bad token %v %q", tk.Span, tk.Text)
		}
		prev = tk.End
	}
	for _, s := range d.Sentences {
		if !ok(s.Span) || s.First >= s.Last || s.Last > len(d.Tokens) {
			t.Fatalf("bad sentence %+v", s)
		}
	}
}

func FuzzSegment(f *testing.F) {
	f.Add("He said: “Until recently, we don’t see.” U.S. officials 3,000.\n\nNext para.")
	f.Add("\xff\xfe bad \x00 utf8 'quoted' «x»")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		d := quotewire.NewDocument(quotewire.Article{Text: s})
		if err := (Segmenter{}).Process(d); err != nil {
			t.Fatal(err)
		}
		if utf8.ValidString(s) {
			checkDoc(t, d)
		}
	})
}

// TestParagraphsLinear feeds the shape that once made paragraph splitting
// quadratic: a long run of white space before many wrapped lines.
func TestParagraphsLinear(t *testing.T) {
	text := strings.Repeat(" ", 1<<20) + strings.Repeat("a\n", 1<<17)
	done := make(chan []quotewire.Span)
	go func() { done <- Paragraphs(nil, text) }()
	select {
	case ps := <-done:
		if len(ps) != 1 {
			t.Errorf("got %d paragraphs, want 1 wrapped paragraph", len(ps))
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Paragraphs took over 5 s on 1.3 MB: not linear")
	}
}

// BenchmarkSegment segments the founding article and a Wikinews year's
// worth of text, reported as a multiple of reading the same bytes once.
func BenchmarkSegment(b *testing.B) {
	texts := benchTexts(b)
	total := 0
	for _, s := range texts {
		total += len(s)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	read := benchrun.ReadCost(texts...)
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		for _, s := range texts {
			d := quotewire.NewDocument(quotewire.Article{Text: s})
			if err := (Segmenter{}).Process(d); err != nil {
				b.Fatal(err)
			}
		}
	}
	per := float64(time.Since(start).Nanoseconds()) / float64(b.N)
	b.ReportMetric(per/read, "x-read")
}

// benchTexts are the texts the benchmarks read: the founding article and
// the shipped Wikinews articles' bytes, cut into articles at blank lines
// of about 4 KB.
func benchTexts(tb testing.TB) []string {
	var texts []string
	seed, err := os.ReadFile("../testdata/seed/tass-2017-10-04-lavrov-krasnodar.txt")
	if err != nil {
		tb.Fatal(err)
	}
	texts = append(texts, string(seed))
	wn, err := os.ReadFile("../testdata/wikinews/wikinews_2020.csv")
	if err != nil {
		tb.Fatal(err)
	}
	s := string(wn)
	for len(s) > 0 && len(texts) < 200 {
		cut := min(len(s), 4096)
		if i := strings.Index(s[cut:], "\n\n"); i >= 0 {
			cut += i + 2
		} else {
			cut = len(s)
		}
		texts = append(texts, strings.ToValidUTF8(s[:cut], "?"))
		s = s[cut:]
	}
	return texts
}
