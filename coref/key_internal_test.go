package coref

import (
	"math/rand"
	"testing"

	"github.com/quotewire/quotewire"
)

// TestKeyMatchesNameKey checks that key's ASCII path gives what
// quotewire.NameKey gives.
func TestKeyMatchesNameKey(t *testing.T) {
	cases := []string{"", " ", "Mr", "Mr ", "Mr Smith", "mr. dr. John  O'Brien", "Lavrov's office", "Lavrov's", "Lavrov'sx",
		"Lavrov's Mr Jones", "'s", "x's's y", "U.S.", "Acme Corp.", "Dr", "Prof. X", "Smith ' s", "a'", "it's-a", "Jones'",
		"  --Sir  Dame Ann", "Brudziński", "Sam’s", "3M Co.", "Mrs.Smith", "ms's", "Ms 's"}
	rng := rand.New(rand.NewSource(1))
	alpha := []byte("aAsSmMrRdD '.,-’0x")
	for i := 0; i < 20000; i++ {
		b := make([]byte, rng.Intn(14))
		for j := range b {
			b[j] = alpha[rng.Intn(len(alpha))]
		}
		cases = append(cases, string(b))
	}
	words := []string{"mr", "Mrs", "ms", "miss", "Dr", "sir", "dame", "prof", "'s", "s", "x", "'", " ", ".", "Smith", "O'Neil"}
	for i := 0; i < 20000; i++ {
		s := ""
		for n := rng.Intn(6); n > 0; n-- {
			s += words[rng.Intn(len(words))]
			if rng.Intn(2) == 0 {
				s += " "
			}
		}
		cases = append(cases, s)
	}
	for _, s := range cases {
		if got, want := key(s), quotewire.NameKey(s); got != want {
			t.Fatalf("key(%q) = %q, NameKey gives %q", s, got, want)
		}
	}
}

// FuzzKey checks key against quotewire.NameKey on any text.
func FuzzKey(f *testing.F) {
	f.Add("Mr John O'Brien's office")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := key(s), quotewire.NameKey(s); got != want {
			t.Fatalf("key(%q) = %q, NameKey gives %q", s, got, want)
		}
	})
}
