// Package lexicon holds the word lists behind quotewire's rule-based
// named-entity tagger (package tag). The lists are learned from the train
// split of PolNeAR, whose articles carry CoreNLP's (silver, not
// hand-checked) part-of-speech and entity tags, and are embedded in the
// binary (with a few short hand-made lists of titles, titles.go):
//
//   - data/common.txt: lower-case words that running text mostly writes in
//     lower case (counted away from sentence starts, quotation openings and
//     headline-like sentences), so that a capitalised "Although" or
//     "Similarly" opening a sentence is known to be a common word. See
//     [IsCommon].
//   - data/ner.txt: capitalised words whose most frequent CoreNLP tag over
//     all their occurrences (O and DATE included, ties going to those) is
//     PERSON, ORGANIZATION, LOCATION or MISC, seen with that tag at least
//     twice. See [Class].
//   - data/firstnames.txt: words that open multi-token PERSON spans at least
//     twice (after any title such as "Sen." or "President"), open such spans
//     more often than they close them, and are themselves mostly tagged
//     PERSON. See [IsFirstName].
//   - data/multi.txt: multi-token PERSON, ORGANIZATION, LOCATION and MISC
//     spans (maximal runs of one tag) seen at least twice, with their most
//     frequent class. See [MultiClass].
//
// The tags are CoreNLP's, errors included: "White House" is a LOCATION and
// "Des Moines" a PERSON in PolNeAR, so callers should let their own rules
// (known places, organisation words) speak first.
//
// Each list is parsed on first use, once, into a map; every function is
// safe for concurrent use.
//
// To regenerate the lists after changing the generator, run, from the
// module root, with PolNeAR in ../shared/data/polnear:
//
//	go generate ./tag/lexicon
//
// which runs `go run ./gen -polnear ../../../shared/data/polnear -out data`
// in this folder (or run `go run ./tag/lexicon/gen -polnear DIR -out
// tag/lexicon/data` from the module root). The output is deterministic, so
// an unchanged corpus and generator give unchanged files.
package lexicon

//go:generate go run ./gen -polnear ../../../shared/data/polnear -out data

import (
	"bufio"
	"bytes"
	"embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The classes [Class] and [MultiClass] return, as CoreNLP spells them.
const (
	Person       = "PERSON"
	Organization = "ORGANIZATION"
	Location     = "LOCATION"
	Misc         = "MISC"
)

//go:embed data/*.txt
var data embed.FS

var (
	common     = sync.OnceValue(func() map[string]struct{} { return loadSet("data/common.txt") })
	firstNames = sync.OnceValue(func() map[string]struct{} { return loadSet("data/firstnames.txt") })
	classes    = sync.OnceValue(func() map[string]string { return loadClasses("data/ner.txt") })
	multi      = sync.OnceValue(func() map[string]string { return loadClasses("data/multi.txt") })
)

// IsCommon reports whether lower, a lower-case word form such as
// "although", is mostly written in lower case in running text. It does not
// fold case: IsCommon("Although") is false.
func IsCommon(lower string) bool {
	_, ok := common()[lower]
	return ok
}

// Class returns the entity class that the capitalised word form word
// mostly has: [Person], [Organization], [Location] or [Misc], or "" when
// the word is unknown or mostly not part of a name. The lookup is
// case-sensitive and takes the word as written, without a possessive
// ("Clinton", not "Clinton's").
func Class(word string) string {
	return classes()[word]
}

// IsFirstName reports whether word, as written ("Hillary"), is a known
// given name: one that opens multi-token person names.
func IsFirstName(word string) bool {
	_, ok := firstNames()[word]
	return ok
}

// MultiClass returns the entity class of the multi-token name phrase
// ("New York", "Democratic Party"): [Person], [Organization], [Location]
// or [Misc], or "" when the phrase is unknown. The lookup is
// case-sensitive; each run of white space in phrase counts as one space,
// and leading and trailing space is ignored.
func MultiClass(phrase string) string {
	return multi()[normSpace(phrase)]
}

// Sizes counts the entries of each list.
type Sizes struct {
	Common     int // lower-case common words
	Names      int // single capitalised words with a class
	FirstNames int
	Multi      int // multi-token names with a class
}

// Stats parses all lists (if not done yet) and returns their sizes.
func Stats() Sizes {
	return Sizes{
		Common:     len(common()),
		Names:      len(classes()),
		FirstNames: len(firstNames()),
		Multi:      len(multi()),
	}
}

// normSpace returns s with each run of white space replaced by one space
// and leading and trailing space removed. It allocates only when s needs a
// change.
func normSpace(s string) string {
	// fast path: ASCII words joined by single spaces need no change
	prev := true // as at a space
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf, c == '\t', c == '\n', c == '\v', c == '\f', c == '\r', c == ' ' && prev:
			return normSpaceRunes(s)
		default:
			prev = c == ' '
		}
	}
	if prev && s != "" {
		return normSpaceRunes(s)
	}
	return s
}

// normSpaceRunes is normSpace rune by rune, for any text.
func normSpaceRunes(s string) string {
	prevSpace := true // a space at the start needs a change
	for _, r := range s {
		switch {
		case r == ' ' && !prevSpace:
			prevSpace = true
		case unicode.IsSpace(r):
			return strings.Join(strings.Fields(s), " ")
		default:
			prevSpace = false
		}
	}
	if prevSpace && s != "" {
		return strings.TrimRight(s, " ")
	}
	return s
}

// lines calls fn with the fields of each entry of an embedded list,
// skipping blank lines and # comments.
func lines(name string, fn func(fields []string)) {
	b, err := data.ReadFile(name)
	if err != nil {
		return // cannot happen: the pattern embeds every list
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		fn(strings.Split(line, "\t"))
	}
}

// loadSet reads the first field of each entry of a list.
func loadSet(name string) map[string]struct{} {
	m := make(map[string]struct{})
	lines(name, func(f []string) { m[f[0]] = struct{}{} })
	return m
}

// loadClasses reads entries "key<TAB>CLASS<TAB>count", keeping those with a
// known class.
func loadClasses(name string) map[string]string {
	m := make(map[string]string)
	lines(name, func(f []string) {
		if len(f) < 2 {
			return
		}
		switch f[1] {
		case Person:
			m[f[0]] = Person
		case Organization:
			m[f[0]] = Organization
		case Location:
			m[f[0]] = Location
		case Misc:
			m[f[0]] = Misc
		}
	})
	return m
}
