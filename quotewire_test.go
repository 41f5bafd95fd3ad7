package quotewire

import (
	"errors"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		{"Plain text.", nil},
		{"Кириллица и “кавычки”.", nil},
		{"", ErrEmpty},
		{"bin\x00ary", ErrBinary},
		{"caf\xe9", ErrInvalidUTF8},
	}
	for _, tt := range tests {
		if got := Check(tt.in); !errors.Is(got, tt.want) || (tt.want == nil) != (got == nil) {
			t.Errorf("Check(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestSpan(t *testing.T) {
	a, b := Span{2, 5}, Span{4, 9}
	if !a.Overlaps(b) || a.Overlaps(Span{5, 6}) || !b.Contains(Span{4, 9}) || b.Contains(a) || a.Len() != 3 || !(Span{3, 3}).IsEmpty() {
		t.Error("span arithmetic is wrong")
	}
	if got := a.In("0123456789"); got != "234" {
		t.Errorf("In = %q", got)
	}
}

func TestOriginString(t *testing.T) {
	for _, tt := range []struct {
		o    Origin
		want string
	}{
		{Origin{File: "a.jsonl", Line: 3}, "a.jsonl line 3"},
		{Origin{File: "a.warc", Record: 7}, "a.warc record 7"},
		{Origin{File: "a.txt"}, "a.txt"},
	} {
		if got := tt.o.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.o, got, tt.want)
		}
	}
	err := &RecordError{Origin: Origin{File: "x.jsonl", Line: 2}, Err: ErrEmpty}
	if err.Error() != "x.jsonl line 2: empty article" || !errors.Is(err, ErrEmpty) {
		t.Errorf("RecordError = %q", err.Error())
	}
}

func TestPipelineRejects(t *testing.T) {
	called := false
	p := &Pipeline{MaxBytes: 10, Stages: []NamedStage{{Name: "x", Stage: StageFunc(func(d *Document) error { called = true; return nil })}}}
	if _, err := p.Run(Article{Text: "far too long for the limit"}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("err = %v, want ErrTooLarge", err)
	}
	if _, err := p.Run(Article{Text: ""}); !errors.Is(err, ErrEmpty) {
		t.Errorf("err = %v, want ErrEmpty", err)
	}
	if called {
		t.Error("stage ran on rejected input")
	}
	a, err := p.Extract(Article{ID: "ok", Text: "short"})
	if err != nil || !called || a.ID != "ok" || a.Quotes == nil {
		t.Errorf("Extract = %+v, %v", a, err)
	}
}

func TestTokensIn(t *testing.T) {
	// tokens "ab" [0,2) "cd" [3,5) "ef" [6,8)
	d := &Document{Tokens: []Token{{Span: Span{Start: 0, End: 2}}, {Span: Span{Start: 3, End: 5}}, {Span: Span{Start: 6, End: 8}}}}
	for _, tc := range []struct {
		sp         Span
		first, end int
	}{
		{Span{0, 8}, 0, 3},
		{Span{3, 5}, 1, 2},
		{Span{1, 4}, 0, 2}, // overlaps the ends of two tokens
		{Span{2, 3}, 1, 1}, // only the space between
		{Span{8, 9}, 3, 3},
		{Span{0, 0}, 0, 0},
	} {
		if f, e := d.TokensIn(tc.sp); f != tc.first || e != tc.end {
			t.Errorf("TokensIn(%v) = %d, %d, want %d, %d", tc.sp, f, e, tc.first, tc.end)
		}
	}
}

// TestTokenAtAgreesWithBinarySearch checks TokenAt's and TokensIn's
// galloping searches against plain binary searches over random layouts of
// tokens (uneven lengths and gaps, so that the first guess misses by
// far), at every offset from before the text to past its end.
func TestTokenAtAgreesWithBinarySearch(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for round := range 300 {
		var toks []Token
		pos := rng.IntN(5)
		for range rng.IntN(60) {
			start := pos + rng.IntN(3)
			if round%5 == 0 && rng.IntN(8) == 0 {
				start += 50 + rng.IntN(200) // a long gap
			}
			end := start + 1 + rng.IntN(12)
			if round%7 == 0 && rng.IntN(10) == 0 {
				end += 300 // a long token
			}
			toks = append(toks, Token{Span: Span{Start: start, End: end}})
			pos = end
		}
		d := &Document{Tokens: toks}
		for off := -2; off <= pos+2; off++ {
			want := sort.Search(len(toks), func(k int) bool { return toks[k].End > off })
			if got := d.TokenAt(off); got != want {
				t.Fatalf("round %d: TokenAt(%d) = %d, want %d (tokens %v)", round, off, got, want, toks)
			}
			for _, l := range []int{0, 1, 3, 17, 400} {
				sp := Span{Start: off, End: off + l}
				wantEnd := want + sort.Search(len(toks)-want, func(k int) bool { return toks[want+k].Start >= sp.End })
				if f, e := d.TokensIn(sp); f != want || e != wantEnd {
					t.Fatalf("round %d: TokensIn(%v) = %d, %d, want %d, %d", round, sp, f, e, want, wantEnd)
				}
			}
		}
	}
}

// TestKindOf checks quote kinds by quotation marks, straight and curly,
// with the content taken inside or with its marks.
func TestKindOf(t *testing.T) {
	text := `He said “we will win.” Then "they lost," she said, adding that the “plan” failed.`
	at := func(sub string) Span {
		i := strings.Index(text, sub)
		return Span{Start: i, End: i + len(sub)}
	}
	d := &Document{Article: Article{Text: text}, QuoteSpans: []Span{at(`“we will win.”`), at(`"they lost,"`), at(`“plan”`)}}
	tests := []struct {
		content []string
		want    QuoteKind
	}{
		{[]string{"we will win."}, Direct},
		{[]string{"“we will win.”"}, Direct},
		{[]string{"they lost,"}, Direct},
		{[]string{`"they lost,"`, "we will win."}, Direct},
		{[]string{"the “plan” failed"}, Mixed},
		{[]string{"Then"}, Indirect},
	}
	for _, tt := range tests {
		var c []Span
		for _, s := range tt.content {
			c = append(c, at(s))
		}
		if got := d.KindOf(c); got != tt.want {
			t.Errorf("KindOf(%q) = %s, want %s", tt.content, got, tt.want)
		}
	}
}

// BenchmarkTokenAt looks up the token at the start of every word of the
// founding article, ten times over (a document of about 7,000 tokens),
// in a scattered order, as the stages look up spans of mentions, quotes
// and sentences.
func BenchmarkTokenAt(b *testing.B) {
	raw, err := os.ReadFile("testdata/seed/tass-2017-10-04-lavrov-krasnodar.txt")
	if err != nil {
		b.Skip(err)
	}
	text := strings.Repeat(string(raw), 10)
	var toks []Token
	for i := 0; i < len(text); {
		for i < len(text) && (text[i] == ' ' || text[i] == '\n') {
			i++
		}
		j := i
		for j < len(text) && text[j] != ' ' && text[j] != '\n' {
			j++
		}
		if j > i {
			toks = append(toks, Token{Span: Span{Start: i, End: j}})
		}
		i = j
	}
	d := &Document{Tokens: toks}
	offs := make([]int, len(toks))
	for k := range offs {
		offs[k] = toks[(k*7919)%len(toks)].Start
	}
	b.ResetTimer()
	sum := 0
	for range b.N {
		for _, off := range offs {
			sum += d.TokenAt(off)
		}
	}
	if sum < 0 {
		b.Fatal(sum)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(offs)), "ns/lookup")
}
