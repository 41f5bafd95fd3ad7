package lexicon

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

// The expectations below were checked against the generated data files.

func TestIsCommon(t *testing.T) {
	tests := []struct {
		word string
		want bool
	}{
		{"although", true},
		{"similarly", true},
		{"however", true},
		{"said", true},
		{"the", true},
		{"because", true},
		{"we", true},
		{"clinton", false},
		{"trump", false},
		{"iowa", false},
		{"hillary", false},
		{"new", false},      // mostly "New York", "New Hampshire"
		{"i", false},        // always "I"
		{"Although", false}, // IsCommon does not fold case
		{"", false},
	}
	for _, tt := range tests {
		if got := IsCommon(tt.word); got != tt.want {
			t.Errorf("IsCommon(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
}

func TestClass(t *testing.T) {
	tests := []struct {
		word, want string
	}{
		{"Clinton", Person},
		{"Hillary", Person},
		{"Trump", Person},
		{"Sanders", Person},
		{"Iowa", Location},
		{"America", Location},
		{"U.S.", Location},
		{"CNN", Organization},
		{"Senate", Organization},
		{"Republican", Misc},
		{"American", Misc},
		{"clinton", ""}, // case-sensitive
		{"The", ""},
		{"Although", ""},
		{"Clinton's", ""}, // possessives are not stored
		{"", ""},
	}
	for _, tt := range tests {
		if got := Class(tt.word); got != tt.want {
			t.Errorf("Class(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestIsFirstName(t *testing.T) {
	tests := []struct {
		word string
		want bool
	}{
		{"Hillary", true},
		{"Barack", true},
		{"Bernie", true},
		{"Donald", true},
		{"Jeb", true},
		{"Clinton", false}, // closes "Hillary Clinton" more often than it opens a name
		{"President", false},
		{"Sen.", false},
		{"America", false}, // "America Ferrera", but mostly a place
		{"hillary", false},
	}
	for _, tt := range tests {
		if got := IsFirstName(tt.word); got != tt.want {
			t.Errorf("IsFirstName(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
}

func TestMultiClass(t *testing.T) {
	tests := []struct {
		phrase, want string
	}{
		{"New York", Location},
		{"New Hampshire", Location},
		{"United States", Location},
		{"White House", Location}, // CoreNLP's choice
		{"Democratic Party", Organization},
		{"State Department", Organization},
		{"Fox News", Organization},
		{"Hillary Clinton", Person},
		{"Barack Obama", Person},
		{"Affordable Care Act", Misc},
		{"New  York", Location},
		{"New\nYork", Location},
		{" New York ", Location},
		{"New York\u00a0", Location},
		{"new york", ""},
		{"New", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := MultiClass(tt.phrase); got != tt.want {
			t.Errorf("MultiClass(%q) = %q, want %q", tt.phrase, got, tt.want)
		}
	}
}

func TestNormSpace(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"a", "a"},
		{"a b", "a b"},
		{"a  b", "a b"},
		{" a b", "a b"},
		{"a b ", "a b"},
		{"a \n\tb", "a b"},
		{"García Márquez", "García Márquez"},
		{"a\u00a0b", "a b"},
		{"   ", ""},
	}
	for _, tt := range tests {
		if got := normSpace(tt.in); got != tt.want {
			t.Errorf("normSpace(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// listFiles are the embedded lists by file name.
var listFiles = map[string]string{
	"common.txt": commonTxt, "ner.txt": nerTxt, "firstnames.txt": firstNamesTxt, "multi.txt": multiTxt,
}

// TestData checks the embedded lists: sizes, format and order.
func TestData(t *testing.T) {
	s := Stats()
	t.Logf("lexicon sizes: %+v", s)
	floors := map[string][2]int{
		"common":     {s.Common, 5000},
		"names":      {s.Names, 1000},
		"firstnames": {s.FirstNames, 200},
		"multi":      {s.Multi, 500},
	}
	for name, v := range floors {
		if v[0] < v[1] {
			t.Errorf("%s has %d entries, want at least %d", name, v[0], v[1])
		}
	}

	fields := map[string]int{"common.txt": 1, "ner.txt": 3, "firstnames.txt": 2, "multi.txt": 3}
	total := 0
	for name, n := range fields {
		b := listFiles[name]
		total += len(b)
		prev := ""
		for i, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
			if strings.HasPrefix(line, "#") {
				continue
			}
			f := strings.Split(line, "\t")
			if len(f) != n || f[0] == "" {
				t.Errorf("%s:%d: %q has %d fields, want %d", name, i+1, line, len(f), n)
				continue
			}
			if f[0] <= prev {
				t.Errorf("%s:%d: %q not after %q", name, i+1, f[0], prev)
			}
			prev = f[0]
		}
	}
	if total > 1<<20 {
		t.Errorf("lists take %d bytes, want at most 1 MiB", total)
	}
}

func TestConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				if !IsCommon("said") || Class("Iowa") != Location || !IsFirstName("Hillary") || MultiClass("New York") != Location {
					t.Error("lookup failed under concurrency")
					return
				}
			}
		})
	}
	wg.Wait()
}

func ExampleClass() {
	fmt.Println(Class("Iowa"), Class("Clinton"), Class("The") == "")
	// Output: LOCATION PERSON true
}

func ExampleMultiClass() {
	fmt.Println(MultiClass("Democratic Party"), MultiClass("New\nYork"))
	// Output: ORGANIZATION LOCATION
}

var sink int

func BenchmarkLookups(b *testing.B) {
	words := []string{"although", "said", "Clinton", "Iowa", "Hillary", "The", "campaign", "Sanders"}
	phrases := []string{"New York", "Hillary Clinton", "Democratic Party", "Big Apple Circus"}
	Stats() // parse before b.Loop starts the timer
	for i := 0; b.Loop(); i++ {
		w := words[i%len(words)]
		n := 0
		if IsCommon(w) {
			n++
		}
		if Class(w) != "" {
			n++
		}
		if IsFirstName(w) {
			n++
		}
		if MultiClass(phrases[i%len(phrases)]) != "" {
			n++
		}
		sink += n
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		sink += loadWords().words.Len() + len(loadClasses(multiTxt))
	}
}

func TestTitles(t *testing.T) {
	for w, want := range map[string]bool{"II": true, "III,": true, "XVI.": true, "IVy": false, "": false, "i": false} {
		if got := RomanNumeral(w); got != want {
			t.Errorf("RomanNumeral(%q) = %v", w, got)
		}
	}
	if !RegnalTitle("pope") || RegnalTitle("lord") || !PeerTitle("lord") || !NameAbbrev("Jr") || NameAbbrev("jr") {
		t.Errorf("title lists")
	}
}

// TestNormSpaceFastPath holds normSpace's ASCII fast path to the rune by
// rune form on generated phrases.
func TestNormSpaceFastPath(t *testing.T) {
	parts := []string{"a", "B", "New", "York", " ", " ", "  ", "\t", "\n", "\r", "\v", "\f", "\u00a0", "\u0085", "\u2003", "é", "Д", "-", ".", "\xff"}
	var gen func(prefix string, depth int)
	gen = func(prefix string, depth int) {
		if got, want := normSpace(prefix), normSpaceRunes(prefix); got != want {
			t.Fatalf("normSpace(%q) = %q, want %q", prefix, got, want)
		}
		if depth == 0 {
			return
		}
		for _, p := range parts {
			gen(prefix+p, depth-1)
		}
	}
	gen("", 4)
}
