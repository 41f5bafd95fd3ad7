package attrib

import (
	"strings"
	"testing"
)

// TestWordFilters checks that every word of each filtered lexicon passes
// its filter, so that the filtered look-ups answer as the maps do.
func TestWordFilters(t *testing.T) {
	check := func(name string, f *wordFilter, words []string) {
		for _, w := range words {
			if !f.may(w) {
				t.Errorf("%s: filter rejects %q", name, w)
			}
		}
	}
	check("cueVerbs", cueVerbsFilter, keys(cueVerbs))
	check("hedges", hedgesFilter, keys(hedges))
	check("passiveCues", passiveCuesFilter, keys(passiveCues))
	check("particleCues", particleCuesFilter, keys(particleCues))
	check("verbs", verbsFilter, keys(verbs))
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for w := range m {
		out = append(out, w)
	}
	return out
}

// TestFilteredLookups compares the filtered look-ups with the maps for
// words in and out of the lexicons.
func TestFilteredLookups(t *testing.T) {
	for _, w := range []string{"", "said", "the", "that", "felt", "adding", "told", "reportedly",
		"allegedly", "expected", "forecast", "called", "pointed", "points", "urg", "prais", "ask",
		"Said", "a", "of", "sai", "saidx", "deni", "thought"} {
		if got, want := cueKindOf(w), cueVerbs[w]; got != want {
			t.Errorf("cueKindOf(%q) = %v, want %v", w, got, want)
		}
		if got, want := isHedge(w), hedges[w]; got != want {
			t.Errorf("isHedge(%q) = %v, want %v", w, got, want)
		}
		if got, want := isPassiveCue(w), passiveCues[w]; got != want {
			t.Errorf("isPassiveCue(%q) = %v, want %v", w, got, want)
		}
		p, ok := particleOf(w)
		if wp, wok := particleCues[w]; p != wp || ok != wok {
			t.Errorf("particleOf(%q) = %q, %v, want %q, %v", w, p, ok, wp, wok)
		}
		k, ok := verbOf(w)
		if wk, wok := verbs[w]; k != wk || ok != wok {
			t.Errorf("verbOf(%q) = %v, %v, want %v, %v", w, k, ok, wk, wok)
		}
	}
}

// TestTrimWordPunct compares trimWordPunct with the strings.Trim it
// stands for.
func TestTrimWordPunct(t *testing.T) {
	for _, w := range []string{"", "said", "\"said,\"", "“Why?”", "‘no’.", "(yes)", "...", "“", "”",
		"—said—", "\xe2\x80", "\xe2\x80\x9c", "a\xe2\x80\x9d\xe2\x80", "'tis", "don’t", "é.", "»x«",
		"\xe2\x80\x9a", "\x80\x9c", "word\xe2\x80\x99s", ".,;:!?\"'()x()'\"?!:;,."} {
		if got, want := trimWordPunct(w), strings.Trim(w, ".,;:!?\"'“”‘’()"); got != want {
			t.Errorf("trimWordPunct(%q) = %q, want %q", w, got, want)
		}
	}
}
