package lexicon

import (
	"strings"
	"testing"
)

// TestLookup checks the flags of a few word forms, each fact on the form
// its list keys it by.
func TestLookup(t *testing.T) {
	tests := []struct {
		word       string
		want, none Flags
	}{
		{"said", FlagCommon, FlagsText},
		{"Said", 0, FlagCommon}, // no case folding
		{"Hillary", FlagPerson | FlagFirstName | FlagMultiStart, FlagCommon | FlagOrganization},
		{"Clinton", FlagPerson, FlagFirstName},
		{"Iowa", FlagLocation, FlagsLower},
		{"CNN", FlagOrganization, FlagPerson},
		{"New", FlagMultiStart, FlagsLower | FlagMultiWord}, // "New York"
		{"Alzheimer's", FlagMultiStart | FlagMultiWord, 0},
		{"pope", FlagRegnal, FlagPeer},
		{"lord", FlagPeer, FlagRegnal},
		{"Jr", FlagNameAbbrev, 0},
		{"jr", 0, FlagNameAbbrev},
		{"", 0, ^Flags(0)},
	}
	for _, tt := range tests {
		got := Lookup(tt.word)
		if got&tt.want != tt.want || got&tt.none != 0 {
			t.Errorf("Lookup(%q) = %b, want all of %b and none of %b", tt.word, got, tt.want, tt.none)
		}
		if c := FlagClass(got); c != Class(tt.word) {
			t.Errorf("FlagClass(Lookup(%q)) = %q, Class = %q", tt.word, c, Class(tt.word))
		}
	}
}

// TestLookupMatchesLists holds the one-map table to the lists as a plain
// reading of each file gives them: every entry has its flag and every
// flag its entry.
func TestLookupMatchesLists(t *testing.T) {
	want := map[string]Flags{}
	read := func(list string, fn func(f []string)) {
		for _, line := range strings.Split(list, "\n") {
			if line != "" && line[0] != '#' {
				fn(strings.Split(line, "\t"))
			}
		}
	}
	read(commonTxt, func(f []string) { want[f[0]] |= FlagCommon })
	read(firstNamesTxt, func(f []string) { want[f[0]] |= FlagFirstName })
	read(nerTxt, func(f []string) { want[f[0]] |= classFlag(f[1]) })
	read(multiTxt, func(f []string) {
		if classFlag(f[1]) != 0 {
			want[strings.SplitN(f[0], " ", 2)[0]] |= FlagMultiStart
			if !strings.Contains(f[0], " ") {
				want[f[0]] |= FlagMultiWord
			}
		}
	})
	for w := range regnalTitles {
		want[w] |= FlagRegnal
	}
	for w := range peerTitles {
		want[w] |= FlagPeer
	}
	for w := range nameAbbrevs {
		want[w] |= FlagNameAbbrev
	}
	got := Words()
	if got.Len() != len(want) {
		t.Errorf("Words() holds %d words, want %d", got.Len(), len(want))
	}
	for w, f := range want {
		if got.Lookup(w) != f {
			t.Errorf("Words()[%q] = %b, want %b", w, got.Lookup(w), f)
		}
	}
	got.All(func(w string, f Flags) {
		if want[w] != f {
			t.Errorf("Words()[%q] = %b, not in the lists", w, f)
		}
		if f >= FirstUserFlag {
			t.Errorf("Words()[%q] = %b sets a user flag", w, f)
		}
	})
	// Words returns a copy: changing it leaves Lookup alone
	got.Set("said", FirstUserFlag)
	if Lookup("said")&FirstUserFlag != 0 {
		t.Error("Words shares its map with Lookup")
	}
}
