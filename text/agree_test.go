package text

import (
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/quotewire/quotewire"
)

// The agreement tests hold the segmenter to the reference copy of the code
// before its speed-up (ref_test.go): every token, paragraph and sentence
// must come out the same, on generated and on real text.

// agreeAlphabet mixes what the tokenizer's special cases turn on: ASCII
// and non-ASCII letters and digits, marks, joiners, apostrophes, quote
// marks, dots, white space of every kind, and invalid bytes.
var agreeAlphabet = []string{
	"a", "b", "e", "s", "t", "x", "A", "B", "S", "T", "U", "I", "X", "0", "1", "9",
	"the", "The", "today", "yesterday", "re", "ll", "ve", "d", "m", "S", "Mr", "Dr", "Gen", "Jr", "Corp", "e.g", "i.e",
	"é", "É", "ß", "Д", "д", "ı", "İ", "ǅ", "ﬁ", "Σ", "ς", "٣", "中", "\u0301", "\u0903", "ǈ", "Ω",
	" ", " ", " ", "\n", "\n\n", "\t", "\r", "\f", "\v", "\u00a0", "\u2003", "\u2028",
	"-", "‑", "—", "'", "’", "‘", "\"", "“", "”", "«", "»", "„", "‚", "‹", "›", "‟", "‛", "``", "''", "‘‘", "’’",
	".", ".", ",", ":", ";", "!", "?", "…", "(", ")", "[", "]", "&", "%", "/", "\xff", "\xc2", "\xe2\x80",
}

func randomText(r *rand.Rand) string {
	var b strings.Builder
	n := r.Intn(60)
	for i := 0; i < n; i++ {
		b.WriteString(agreeAlphabet[r.Intn(len(agreeAlphabet))])
	}
	return b.String()
}

func sameString(a, b string) bool {
	return a == b && (len(a) == 0 || unsafe.StringData(a) == unsafe.StringData(b))
}

// agree segments text with both segmenters, with a fresh document and with
// one whose slices hold stale entries, and reports the first difference.
func agree(t *testing.T, text string, dateline quotewire.Span) {
	t.Helper()
	want := quotewire.NewDocument(quotewire.Article{Text: text})
	want.DatelineSpan = dateline
	if err := (refSegmenter{}).Process(want); err != nil {
		t.Fatal(err)
	}
	for _, stale := range []bool{false, true} {
		got := quotewire.NewDocument(quotewire.Article{Text: text})
		got.DatelineSpan = dateline
		if stale {
			junk := quotewire.Token{Span: quotewire.Span{Start: 7, End: 9}, Kind: quotewire.Punct, Text: "junk", Lower: "JUNK", Sentence: 42}
			got.Tokens = make([]quotewire.Token, 3, len(text)/7+3)
			for i := range got.Tokens[:cap(got.Tokens)] {
				got.Tokens[:cap(got.Tokens)][i] = junk
			}
			got.Paragraphs = []quotewire.Span{{Start: 1, End: 2}}
			got.Sentences = []quotewire.Sentence{{First: 3, Last: 4}}
		}
		if err := (Segmenter{}).Process(got); err != nil {
			t.Fatal(err)
		}
		if len(got.Tokens) != len(want.Tokens) {
			t.Fatalf("%q (stale %v): %d tokens, want %d", text, stale, len(got.Tokens), len(want.Tokens))
		}
		for i := range want.Tokens {
			g, w := got.Tokens[i], want.Tokens[i]
			if g != w {
				t.Fatalf("%q (stale %v): token %d = %+v, want %+v", text, stale, i, g, w)
			}
			if !sameString(g.Text, w.Text) && len(w.Text) > 0 {
				t.Fatalf("%q: token %d Text is not a slice of the text", text, i)
			}
			if sameString(w.Lower, w.Text) && !sameString(g.Lower, g.Text) {
				t.Fatalf("%q: token %d Lower %q is a copy, want Text itself", text, i, g.Lower)
			}
		}
		if !equalSpans(got.Paragraphs, want.Paragraphs) {
			t.Fatalf("%q: paragraphs %v, want %v", text, got.Paragraphs, want.Paragraphs)
		}
		if len(got.Sentences) != len(want.Sentences) {
			t.Fatalf("%q: %d sentences, want %d", text, len(got.Sentences), len(want.Sentences))
		}
		for i := range want.Sentences {
			if got.Sentences[i] != want.Sentences[i] {
				t.Fatalf("%q: sentence %d = %+v, want %+v", text, i, got.Sentences[i], want.Sentences[i])
			}
		}
	}
}

func equalSpans(a, b []quotewire.Span) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestAgreeGenerated(t *testing.T) {
	r := rand.New(rand.NewSource(16))
	n := 50000
	if testing.Short() {
		n = 20000
	}
	for i := 0; i < n; i++ {
		s := randomText(r)
		var dl quotewire.Span
		if r.Intn(4) == 0 && len(s) > 0 {
			a, b := r.Intn(len(s)+1), r.Intn(len(s)+1)
			dl = quotewire.Span{Start: min(a, b), End: max(a, b)}
		}
		agree(t, s, dl)
		// sub-ranges of Tokenize too
		if len(s) > 2 {
			from := r.Intn(len(s))
			to := from + r.Intn(len(s)-from+1)
			want := refTokenize(nil, s, from, to)
			got := Tokenize(nil, s, from, to)
			if len(got) != len(want) {
				t.Fatalf("Tokenize(%q, %d, %d): %d tokens, want %d", s, from, to, len(got), len(want))
			}
			for k := range want {
				if got[k] != want[k] {
					t.Fatalf("Tokenize(%q, %d, %d): token %d = %+v, want %+v", s, from, to, k, got[k], want[k])
				}
			}
		}
	}
}

// TestAgreeRuneClasses checks the fast paths' character classes against
// the reference on every rune.
func TestAgreeRuneClasses(t *testing.T) {
	for r := rune(-2); r <= utf8.MaxRune+1; r++ {
		if isWordRune(r) != refIsWordRune(r) {
			t.Fatalf("isWordRune(%U) = %v", r, isWordRune(r))
		}
		if r >= utf8.RuneSelf && isSpaceRune(r) != unicode.IsSpace(r) {
			t.Fatalf("isSpaceRune(%U) = %v", r, isSpaceRune(r))
		}
		if r >= utf8.RuneSelf && isLetterOrDigit(r) != (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			t.Fatalf("isLetterOrDigit(%U) = %v", r, isLetterOrDigit(r))
		}
	}
	words := []string{"", "a", "A", "abc", "Abc", "ABC", "aBC", "é", "É", "Éa", "aÉ", "İ", "ß", "ǅ", "Σς", "a1-B", "'S", "’s", "U.S.", "x\xff", "\xffA", "Ax\xff", "ÀB"}
	for i := 0; i < 50; i++ {
		words = append(words, strings.Repeat("Ab", i*37))
	}
	var arena []byte
	var got []string
	for _, w := range words {
		if g, want := lower(w), refLower(w); g != want || sameString(want, w) != sameString(g, w) {
			t.Errorf("lower(%q) = %q, want %q", w, g, want)
		}
		// as Tokenize lowers a word: by the classes of its bytes (the
		// ASCII words here hold only letters, digits and joiners)
		var seen uint8
		for i := 0; i < len(w); i++ {
			seen |= byteClass[w[i]]
		}
		g, want := w, refLower(w)
		if seen&needLower != 0 {
			g = lowerWord(&arena, w, seen, len(w)+len(got)%3*500)
		}
		if g != want || sameString(want, w) != sameString(g, w) {
			t.Errorf("lowerWord(%q) = %q, want %q", w, g, want)
		}
		got = append(got, g)
	}
	for i, w := range words {
		if got[i] != refLower(w) {
			t.Errorf("lowerWord(%q) became %q", w, got[i])
		}
	}
}

// TestAgreeCorpora segments the shipped and shared corpora's raw bytes in
// pieces of a few kilobytes.
func TestAgreeCorpora(t *testing.T) {
	var files []string
	for _, pat := range []string{"../testdata/seed/*.txt", "../testdata/wikinews/*.csv", "../testdata/newsset/*.jsonl", "../../shared/data/polnear/*.jsonl", "../../shared/data/wikinews/*.csv"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Skip("no corpus")
	}
	limit := 16 << 20
	if testing.Short() {
		limit = 2 << 20
	}
	done := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s := strings.ReplaceAll(string(b), `\n`, "\n")
		for len(s) > 0 && done < limit {
			cut := min(len(s), 8192)
			for cut < len(s) && !utf8.RuneStart(s[cut]) {
				cut++
			}
			agree(t, s[:cut], quotewire.Span{})
			done += cut
			s = s[cut:]
		}
	}
}

// FuzzAgree holds the segmenter to the reference on fuzzed text, with a
// dateline span and a sub-range of Tokenize cut from the two numbers.
func FuzzAgree(f *testing.F) {
	f.Add("He said: “Until recently, we don’t see.” U.S. officials 3,000.\n\nNext para.", 0, 8)
	f.Add("Mr. Trump's PASC-the U.S.A. plan ‘‘x’’ 2.5% at 10:30 É‑é ’s \xff", 3, 20)
	f.Add("", 0, 0)
	f.Fuzz(func(t *testing.T, s string, a, b int) {
		if len(s) > 4096 {
			return
		}
		n := len(s) + 1
		a, b = (a%n+n)%n, (b%n+n)%n
		from, to := min(a, b), max(a, b)
		agree(t, s, quotewire.Span{Start: from, End: to})
		want, got := refTokenize(nil, s, from, to), Tokenize(nil, s, from, to)
		if len(got) != len(want) {
			t.Fatalf("Tokenize(%q, %d, %d): %d tokens, want %d", s, from, to, len(got), len(want))
		}
		for k := range want {
			if got[k] != want[k] {
				t.Fatalf("Tokenize(%q, %d, %d): token %d = %+v, want %+v", s, from, to, k, got[k], want[k])
			}
		}
	})
}
