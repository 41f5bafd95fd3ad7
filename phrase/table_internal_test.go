package phrase

import (
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/quotewire/quotewire"
)

// TestClassTableAgrees checks that the class table finds every word of
// phraseClasses with its classes and its own copy, and no other word.
func TestClassTableAgrees(t *testing.T) {
	for w, e := range phraseClasses {
		s := classes.find(w)
		if s == nil || s.s != e.s || s.c != e.c {
			t.Fatalf("find(%q) = %+v, want %+v", w, s, e)
		}
		if got := classes.ofBytes([]byte(w)); got != e.c {
			t.Fatalf("ofBytes(%q) = %b, want %b", w, got, e.c)
		}
	}
	r := rand.New(rand.NewSource(3))
	alpha := "aeiostnrlhd-.'’"
	for _, w := range []string{"", "x", "sir.", "Sir", "mayorr", "the ", "ministers"} {
		if _, in := phraseClasses[w]; !in && (classes.find(w) != nil || classes.ofBytes([]byte(w)) != 0) {
			t.Fatalf("%q found, in no class", w)
		}
	}
	for n := 0; n < 50000; n++ {
		b := make([]byte, r.Intn(9))
		for i := range b {
			b[i] = alpha[r.Intn(len(alpha))]
		}
		w := string(b)
		if got, want := classes.of(w), phraseClasses[w].c; got != want {
			t.Fatalf("of(%q) = %b, want %b", w, got, want)
		}
	}
}

// TestWordTests checks the byte-level tests against the definitions
// they replace, on a table of cases and random words.
func TestWordTests(t *testing.T) {
	oldPossessive := func(w word) (int, bool) {
		for _, suf := range []string{"'s", "’s"} {
			if strings.HasSuffix(w.w, suf) && len(w.w) > len(suf) {
				return w.e - len(suf), true
			}
		}
		if (strings.HasSuffix(w.w, "s'") || strings.HasSuffix(w.w, "s’")) && len(w.w) > 3 {
			_, n := utf8.DecodeLastRuneInString(w.w)
			return w.e - n, true
		}
		return 0, false
	}
	oldDemonymSuffix := func(l string) bool {
		for _, suf := range [...]string{"ian", "ean", "ese", "ish"} {
			if len(l) > len(suf)+3 && strings.HasSuffix(l, suf) {
				return true
			}
		}
		return false
	}
	cases := []string{"", "s", "'s", "x's", "’s", "x’s", "s'", "as'", "bas'", "s’", "as’", "Jones'", "Russia’s", "its",
		"russian", "korean", "chinese", "polish", "asian", "irish", "ian", "xxxian", "QC", "QC.", ",QC", "PhD", "Esq", "KCMG", "KCMGX", "qc",
		"Sgt.", "sgt", "SENATOR", "Mayor"}
	r := rand.New(rand.NewSource(5))
	alpha := "aeinshQCP.,'’"
	for n := 0; n < 30000; n++ {
		var b strings.Builder
		for k := r.Intn(9); k > 0; k-- {
			b.WriteString(string([]rune(alpha)[r.Intn(utf8.RuneCountInString(alpha))]))
		}
		cases = append(cases, b.String())
	}
	for w := range postNominals {
		cases = append(cases, w, w+".", strings.ToLower(w), strings.ToUpper(w))
	}
	for _, s := range cases {
		w := word{s: 10, e: 10 + len(s), w: s}
		gb, gok := possessive(w)
		wb, wok := oldPossessive(w)
		if gb != wb || gok != wok {
			t.Fatalf("possessive(%q) = %d, %v, want %d, %v", s, gb, gok, wb, wok)
		}
		if got, want := demonymSuffix(s), oldDemonymSuffix(s); got != want {
			t.Fatalf("demonymSuffix(%q) = %v, want %v", s, got, want)
		}
		if got, want := postNominal(s), postNominals[strings.Trim(s, ".,")]; got != want {
			t.Fatalf("postNominal(%q) = %v, want %v", s, got, want)
		}
		if got, want := isPostNominal(s), postNominals[s]; got != want {
			t.Fatalf("isPostNominal(%q) = %v, want %v", s, got, want)
		}
		if got, want := IsTitleFold(s), IsTitle(strings.ToLower(s)); got != want {
			t.Fatalf("IsTitleFold(%q) = %v, want %v", s, got, want)
		}
		if got, want := SentenceWordFold(s), SentenceWord(strings.ToLower(s)); got != want {
			t.Fatalf("SentenceWordFold(%q) = %v, want %v", s, got, want)
		}
		if got, want := capitalised(s), oldCapitalised(s); got != want {
			t.Fatalf("capitalised(%q) = %v, want %v", s, got, want)
		}
	}
}

// oldCapitalised is capitalised without its ASCII fast path.
func oldCapitalised(w string) bool { return capitalisedRune(w) }

// TestDropBrackets checks dropBrackets on phrases with and without
// brackets: the words before the first bracket are kept as they are.
func TestDropBrackets(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Annie Paul", "Annie Paul"},
		{"Annie Paul [6]", "Annie Paul"},
		{"[6] Annie", "Annie"},
		{"(NOAA) Director", "(NOAA) Director"},
		{"National Weather Service (NOAA National Weather Service) Director", "National Weather Service Director"},
		{"Service (NOAA Service), Director", "Service, Director"},
		{"Annie [x] Paul", "Annie [x] Paul"},
	} {
		ws := split(c.in, quotewire.Span{Start: 0, End: len(c.in)}, nil)
		var got []string
		for _, w := range dropBrackets(ws) {
			got = append(got, w.w)
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("dropBrackets(%q) = %q, want %q", c.in, g, c.want)
		}
	}
}

// TestWordKinds checks that each word split makes knows the kinds of all
// its bytes, and keeps knowing them when dropBrackets gives it a comma.
func TestWordKinds(t *testing.T) {
	for _, s := range []string{"Service (NOAA Service), Director", "Smith, who said; (x) y", "a,b c;d (e f) Ünal, Ça"} {
		ws := dropBrackets(split(s, quotewire.Span{Start: 0, End: len(s)}, nil))
		for _, w := range ws {
			for i := 0; i < len(w.w); i++ {
				if k := byteKinds[w.w[i]]; w.k&k != k {
					t.Fatalf("word %q of %q: kinds %b lack %b", w.w, s, w.k, k)
				}
			}
		}
	}
}

// TestTrimQuotes checks trimQuotes against strings.Trim.
func TestTrimQuotes(t *testing.T) {
	cases := []string{"", "'", "’", "\"", "''", "'a'", "’a’", "\"a’'", "a", "ab", "\xe2\x80", "\x80\x99", "a\xe2\x80\x99", "’\xe2\x80"}
	r := rand.New(rand.NewSource(11))
	parts := []string{"'", "’", "\"", "a", "é", "\xe2", "\x80", "\x99", " "}
	for n := 0; n < 30000; n++ {
		var b strings.Builder
		for k := r.Intn(7); k > 0; k-- {
			b.WriteString(parts[r.Intn(len(parts))])
		}
		cases = append(cases, b.String())
	}
	for _, s := range cases {
		if got, want := trimQuotes(s), strings.Trim(s, "'’\""); got != want {
			t.Fatalf("trimQuotes(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestCommonPluralShortcut checks CommonPlural's test before lowering
// against commonPlural of the lowered word.
func TestCommonPluralShortcut(t *testing.T) {
	for _, w := range []string{"", "s", "Ss", "Bus", "Rebels", "REBELS", "Insurgents", "Communities", "Shell", "Fields",
		"Organisations", "Democrats", "Officials", "OFFICIALS", "Ünals", "Émigrés", "Police", "Residents", "Witness"} {
		l := strings.ToLower(w)
		if got, want := CommonPlural(w), commonPlural(word{w: w, lower: l, c: classesOf(l)}); got != want {
			t.Errorf("CommonPlural(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestByteKinds checks the byte table against the tests it stands for.
func TestByteKinds(t *testing.T) {
	for i := 0; i < 256; i++ {
		c := byte(i)
		word := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
		if isWordByte(c) != word || (byteKinds[c]&bSpace != 0) != isSpace(c) || (byteKinds[c]&bPunct != 0) != isPunct(c) ||
			(byteKinds[c]&bUpper != 0) != (c >= 'A' && c <= 'Z') || (byteKinds[c]&bHigh != 0) != (c >= 0x80) ||
			(byteKinds[c]&bClause != 0) != (c == ',' || c == ';' || c == '(') || (byteKinds[c]&bClose != 0) != (c == ')') {
			t.Errorf("byteKinds[%q] = %b", c, byteKinds[c])
		}
	}
}
