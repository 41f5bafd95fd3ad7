package coref

import (
	"math/rand"
	"strings"
	"testing"
)

// separatorRef is separator as it was before its fast rejection.
func separatorRef(gap string, last bool) bool {
	and, comma := false, false
	for _, j := range [...]string{"along with", "together with", "as well as"} {
		gap = strings.ReplaceAll(gap, j, "and")
	}
	for _, w := range strings.Fields(strings.ReplaceAll(gap, ",", " , ")) {
		switch {
		case w == "and" || w == "&":
			and = true
		case w == ",":
			comma = true
		case w == "the" || w == "The":
		case w[0] >= 'A' && w[0] <= 'Z':
		default:
			return false
		}
	}
	if last {
		return and
	}
	return and || comma
}

func TestSeparatorMatchesRef(t *testing.T) {
	words := []string{"and", "&", ",", "the", "The", "Secretary", "along", "with", "together", "as", "well", "said", "x",
		" ", "  ", "\u00a0", "\t", "along with", "as well as", "together with", "was", "andthe", "é", "a"}
	rng := rand.New(rand.NewSource(2))
	for i := 0; i < 200000; i++ {
		var b strings.Builder
		for n := rng.Intn(7); n > 0; n-- {
			b.WriteString(words[rng.Intn(len(words))])
			if rng.Intn(3) > 0 {
				b.WriteByte(" ,"[rng.Intn(2)])
			}
		}
		s := b.String()
		for _, last := range []bool{false, true} {
			if got, want := separator(s, last), separatorRef(s, last); got != want {
				t.Fatalf("separator(%q, %v) = %v, want %v", s, last, got, want)
			}
		}
	}
}

func FuzzSeparator(f *testing.F) {
	f.Add(", along with the ", false)
	f.Fuzz(func(t *testing.T, s string, last bool) {
		if got, want := separator(s, last), separatorRef(s, last); got != want {
			t.Fatalf("separator(%q, %v) = %v, want %v", s, last, got, want)
		}
	})
}
