package coref

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
)

// TestTrimAndLower checks trimSpace, nwords and lowerString against the
// strings functions they stand for, on a table of cases and random text.
func TestTrimAndLower(t *testing.T) {
	cases := []string{"", " ", "a", " a", "a ", "\ta\n", "Trump", "Donald  Trump", "\u00a0Trump", "Trump\u00a0", "\u0085x",
		"x\u2003", "\x7fx", "x\x7f", "ÉLYSÉE", "Élysée Palace", "KELVIN \u212a", "İstanbul", "ABC def", "abc"}
	r := rand.New(rand.NewSource(7))
	alpha := []string{"a", "B", " ", "\t", "\n", ".", "é", "\u00a0", "\u212a", "Z", "\x7f", "\xff"}
	for n := 0; n < 30000; n++ {
		var b strings.Builder
		for k := r.Intn(8); k > 0; k-- {
			b.WriteString(alpha[r.Intn(len(alpha))])
		}
		cases = append(cases, b.String())
	}
	for _, s := range cases {
		if got, want := trimSpace(s), strings.TrimSpace(s); got != want {
			t.Fatalf("trimSpace(%q) = %q, want %q", s, got, want)
		}
		if got, want := nwords(s), strings.Count(strings.TrimSpace(s), " ")+1; got != want {
			t.Fatalf("nwords(%q) = %d, want %d", s, got, want)
		}
		if got, want := lowerString(s), strings.ToLower(s); got != want {
			t.Fatalf("lowerString(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestJoinerPart checks joinerPart against the strings.Contains tests it
// stands for.
func TestJoinerPart(t *testing.T) {
	cases := []string{"", "a", "as", "has", "along", "alon", "together", "togethe", "with", "wit", "well", "wel", "was", "twell", "xwithx"}
	r := rand.New(rand.NewSource(9))
	alpha := "asltogehrwin"
	for n := 0; n < 30000; n++ {
		b := make([]byte, r.Intn(10))
		for i := range b {
			b[i] = alpha[r.Intn(len(alpha))]
		}
		cases = append(cases, string(b))
	}
	for _, w := range cases {
		want := strings.Contains(w, "along") || strings.Contains(w, "together") || strings.Contains(w, "with") ||
			strings.Contains(w, "well") || strings.Contains(w, "as")
		if got := joinerPart(w); got != want {
			t.Fatalf("joinerPart(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestFirstASCIIField checks firstASCIIField against strings.Fields.
func TestFirstASCIIField(t *testing.T) {
	r := rand.New(rand.NewSource(13))
	alpha := []string{"a", "B", " ", "\t", "\n", "\v", "\f", "\r", "ly", "is", "x"}
	for n := 0; n < 30000; n++ {
		var b strings.Builder
		for k := r.Intn(8); k > 0; k-- {
			b.WriteString(alpha[r.Intn(len(alpha))])
		}
		s := b.String()
		want := ""
		if fs := strings.Fields(s); len(fs) > 0 {
			want = fs[0]
		}
		if got := firstASCIIField(s); got != want {
			t.Fatalf("firstASCIIField(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestLowerPrefix checks lowerPrefix against strings.HasPrefix of the
// lowered text.
func TestLowerPrefix(t *testing.T) {
	r := rand.New(rand.NewSource(15))
	alpha := []string{"b", "B", "o", "O", "t", "T", "h", "H", " ", "é", "\xff", "\u212a", "x"}
	cases := []string{"", "both", "Both", "BOTH", "bot", "both sides", "BOTHER", "\u212aboth"}
	for n := 0; n < 30000; n++ {
		var b strings.Builder
		for k := r.Intn(7); k > 0; k-- {
			b.WriteString(alpha[r.Intn(len(alpha))])
		}
		cases = append(cases, b.String())
	}
	for _, s := range cases {
		if got, want := lowerPrefix(s, "both"), strings.HasPrefix(strings.ToLower(s), "both"); got != want {
			t.Fatalf("lowerPrefix(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestTokensEnd checks tokensEnd against Document.TokensIn.
func TestTokensEnd(t *testing.T) {
	d := quotewire.NewDocument(quotewire.Article{Text: "Mr. Smith said he would go. She agreed, and they left."})
	d.Tokens = tokensOf(d.Text)
	for i, n := 0, len(d.Text); i <= n; i++ {
		for j := i; j <= n; j++ {
			sp := quotewire.Span{Start: i, End: j}
			if _, want := d.TokensIn(sp); tokensEnd(d, sp) != want {
				t.Fatalf("tokensEnd(%v) = %d, want %d", sp, tokensEnd(d, sp), want)
			}
		}
	}
}

// tokensOf cuts text into word tokens at spaces, enough for TestTokensEnd.
func tokensOf(text string) []quotewire.Token {
	var ts []quotewire.Token
	for i := 0; i < len(text); {
		if text[i] == ' ' {
			i++
			continue
		}
		j := i
		for j < len(text) && text[j] != ' ' {
			j++
		}
		ts = append(ts, quotewire.Token{Span: quotewire.Span{Start: i, End: j}, Kind: quotewire.Word, Text: text[i:j]})
		i = j
	}
	return ts
}
