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
// The lists are parsed on first use, once: the single-word lists into one
// [Table] of [Flags] (see [Lookup] and [Words]), the multi-token list into
// a map. Every function is safe for concurrent use.
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
	_ "embed" // the lists are embedded as strings, which their keys slice
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

// The embedded lists. Map keys are slices of these strings, so parsing a
// list allocates nothing but its map.
var (
	//go:embed data/common.txt
	commonTxt string
	//go:embed data/ner.txt
	nerTxt string
	//go:embed data/firstnames.txt
	firstNamesTxt string
	//go:embed data/multi.txt
	multiTxt string
)

// Flags is the set of facts the lists hold about one word form, as
// [Lookup] and [Words] give them. The lower-case lists (IsCommon,
// RegnalTitle, PeerTitle) set their flags on the lower-case form, the
// others on the form as written, so a caller holding both forms of a word
// takes the first kind from the one and the second from the other.
type Flags uint32

// The facts of [Flags]. The flags from FirstUserFlag up are never set by
// this package: a caller may keep facts of its own there, in the copy of
// the table that [Words] returns.
const (
	FlagCommon       Flags = 1 << iota // IsCommon, on the lower-case form
	FlagRegnal                         // RegnalTitle, on the lower-case form
	FlagPeer                           // PeerTitle, on the lower-case form
	FlagPerson                         // Class is Person
	FlagOrganization                   // Class is Organization
	FlagLocation                       // Class is Location
	FlagMisc                           // Class is Misc
	FlagFirstName                      // IsFirstName
	FlagNameAbbrev                     // NameAbbrev
	// FlagMultiStart marks the first word (up to its first space) of a
	// phrase that [MultiClass] knows: MultiClass of a phrase whose first
	// word lacks it is "".
	FlagMultiStart
	// FlagMultiWord marks a phrase of [MultiClass] that is one word,
	// without a space ("Alzheimer's"): MultiClass of a word without white
	// space that lacks it is "".
	FlagMultiWord

	// FlagsLower are the flags set on lower-case forms.
	FlagsLower = FlagCommon | FlagRegnal | FlagPeer
	// FlagsClass are the four flags of [Class].
	FlagsClass = FlagPerson | FlagOrganization | FlagLocation | FlagMisc
	// FlagsText are the flags set on forms as written.
	FlagsText = FlagsClass | FlagFirstName | FlagNameAbbrev | FlagMultiStart | FlagMultiWord

	// FirstUserFlag is the lowest flag left to callers.
	FirstUserFlag Flags = 1 << 16
)

// table is the parsed single-word lists: one table from word form to
// flags, so that a word costs one look-up whatever is asked of it.
type table struct {
	words *Table
	sizes Sizes // entries of each list, Multi aside
}

var (
	words = sync.OnceValue(loadWords)
	multi = sync.OnceValue(func() map[string]string { return loadClasses(multiTxt) })
)

// Lookup returns the flags of the word form word, as written.
func Lookup(word string) Flags { return words().words.Lookup(word) }

// Words returns a new table of every word form the lists know, with its
// flags. The caller owns it and may add words and set flags from
// [FirstUserFlag] up: a tagger can fold its own word lists into it and
// learn all it needs of a word with one look-up.
func Words() *Table { return words().words.Clone() }

// IsCommon reports whether lower, a lower-case word form such as
// "although", is mostly written in lower case in running text. It does not
// fold case: IsCommon("Although") is false.
func IsCommon(lower string) bool { return Lookup(lower)&FlagCommon != 0 }

// Class returns the entity class that the capitalised word form word
// mostly has: [Person], [Organization], [Location] or [Misc], or "" when
// the word is unknown or mostly not part of a name. The lookup is
// case-sensitive and takes the word as written, without a possessive
// ("Clinton", not "Clinton's").
func Class(word string) string { return FlagClass(Lookup(word)) }

// FlagClass returns the class that the flags f of a word form give it, as
// [Class] spells it: "" when f has none of [FlagsClass].
func FlagClass(f Flags) string {
	switch f & FlagsClass {
	case FlagPerson:
		return Person
	case FlagOrganization:
		return Organization
	case FlagLocation:
		return Location
	case FlagMisc:
		return Misc
	}
	return ""
}

// IsFirstName reports whether word, as written ("Hillary"), is a known
// given name: one that opens multi-token person names.
func IsFirstName(word string) bool { return Lookup(word)&FlagFirstName != 0 }

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
	s := words().sizes
	s.Multi = len(multi())
	return s
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
// skipping blank lines and # comments: the first field (up to a tab or
// the line's end) and the second (up to the next tab; "" when there is
// none). Both are slices of list.
func lines(list string, fn func(key, second string)) {
	for i := 0; i < len(list); {
		// one pass over the line finds its end and first two tabs
		start, tab1, tab2 := i, -1, -1
		for ; i < len(list) && list[i] != '\n'; i++ {
			if list[i] == '\t' {
				if tab1 < 0 {
					tab1 = i
				} else if tab2 < 0 {
					tab2 = i
				}
			}
		}
		end := i
		i++                                     // past the newline
		if end > start && list[end-1] == '\r' { // as bufio.ScanLines
			end--
		}
		if end == start || list[start] == '#' {
			continue
		}
		switch {
		case tab1 < 0:
			fn(list[start:end], "")
		case tab2 < 0:
			fn(list[start:tab1], list[tab1+1:end])
		default:
			fn(list[start:tab1], list[tab1+1:tab2])
		}
	}
}

// entries estimates the number of entries of list: its lines.
func entries(list string) int { return strings.Count(list, "\n") + 1 }

// classFlag returns the flag of a class as the lists spell it, or 0.
func classFlag(class string) Flags {
	switch class {
	case Person:
		return FlagPerson
	case Organization:
		return FlagOrganization
	case Location:
		return FlagLocation
	case Misc:
		return FlagMisc
	}
	return 0
}

// loadWords parses the single-word lists, the hand-made title lists and
// the first words of the multi-token list into one table.
func loadWords() table {
	var t table
	t.words = NewTable(entries(commonTxt) + entries(nerTxt) + entries(multiTxt)/2)
	set := t.words.Set
	lines(commonTxt, func(w, _ string) {
		if set(w, FlagCommon)&FlagCommon == 0 {
			t.sizes.Common++
		}
	})
	lines(nerTxt, func(w, class string) {
		if f := classFlag(class); f != 0 {
			// as a map of classes would: a later entry overwrites
			old := t.words.Lookup(w)
			if old&FlagsClass == 0 {
				t.sizes.Names++
			}
			t.words.Replace(w, old&^FlagsClass|f)
		}
	})
	lines(firstNamesTxt, func(w, _ string) {
		if set(w, FlagFirstName)&FlagFirstName == 0 {
			t.sizes.FirstNames++
		}
	})
	lines(multiTxt, func(phrase, class string) {
		if classFlag(class) != 0 {
			first, _, space := strings.Cut(phrase, " ")
			set(first, FlagMultiStart)
			if !space {
				set(first, FlagMultiWord)
			}
		}
	})
	for w, ok := range regnalTitles {
		if ok {
			set(w, FlagRegnal)
		}
	}
	for w, ok := range peerTitles {
		if ok {
			set(w, FlagPeer)
		}
	}
	for w, ok := range nameAbbrevs {
		if ok {
			set(w, FlagNameAbbrev)
		}
	}
	return t
}

// loadClasses reads entries "key<TAB>CLASS<TAB>count", keeping those with a
// known class.
func loadClasses(list string) map[string]string {
	m := make(map[string]string, entries(list))
	lines(list, func(key, class string) {
		switch class {
		case Person:
			m[key] = Person
		case Organization:
			m[key] = Organization
		case Location:
			m[key] = Location
		case Misc:
			m[key] = Misc
		}
	})
	return m
}
