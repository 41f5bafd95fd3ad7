package phrase

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/tag/lexicon"
	"github.com/quotewire/quotewire/text"
)

// trimQuotes is strings.Trim(s, "'’\""): quotation marks and
// apostrophes off both ends.
func trimQuotes(s string) string {
	for {
		switch {
		case strings.HasPrefix(s, "'") || strings.HasPrefix(s, "\""):
			s = s[1:]
		case strings.HasPrefix(s, "’"):
			s = s[len("’"):]
		default:
			for {
				switch {
				case strings.HasSuffix(s, "'") || strings.HasSuffix(s, "\""):
					s = s[:len(s)-1]
				case strings.HasSuffix(s, "’"):
					s = s[:len(s)-len("’")]
				default:
					return s
				}
			}
		}
	}
}

// isAlpha reports whether s is a word of letters, hyphens and
// apostrophes only (and not empty).
func isAlpha(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && r != '-' && r != '\'' && r != '’' {
			return false
		}
	}
	return true
}

// countedPeople reports whether a phrase that opens with a number counts
// people who can speak ("One MP", "two witnesses", "3 officials"), not a
// quantity ("A total of 39", "Five percent").
func countedPeople(ws []word) bool {
	for i, w := range ws {
		if i > 1 && w.is(cPreposition) {
			ws = ws[:i] // "Two doctors at the hospital"
			break
		}
	}
	if len(ws) > 2 && ws[len(ws)-1].is(cPostAdjective) {
		ws = ws[:len(ws)-1] // "Two people familiar with the matter"
	}
	if len(ws) < 2 || len(ws) > 4 {
		return false
	}
	h := strings.Trim(ws[len(ws)-1].lower, "'’\",")
	return titles[h] || titles[strings.TrimSuffix(h, "s")] || commonHeads[h] || commonHeads[strings.TrimSuffix(h, "s")] || commonHeads[h+"s"] || h == "people" || h == "man" || h == "woman" || h == "person"
}

// isNumberWord is isNumber(s) for a word s of classes c.
func isNumberWord(s string, c uint32) bool {
	if s == "" {
		return false
	}
	if s[0] < utf8.RuneSelf {
		return s[0] >= '0' && s[0] <= '9' || c&cNumberWord != 0
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsDigit(r) || c&cNumberWord != 0
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsDigit(r) || numberWords[s]
}

// shouted reports whether a word of two letters or more is in capitals:
// "WHO" is the World Health Organization, not the pronoun.
func shouted(w string) bool { return text.CapitalLetters(w) > 1 }

// isLabel reports whether a lone word is an interview label: one or two
// capitals ("Q", "A", "WN", "NG"), not a known two-letter body ("UN").
func isLabel(w string) bool {
	for len(w) > 0 && isPunct(w[len(w)-1]) {
		w = w[:len(w)-1] // strings.TrimRight(w, ".,:;")
	}
	if n := utf8.RuneCountInString(w); n == 0 || n > 2 {
		return false
	}
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return !twoLetterBodies[w]
}

// trimName is trimRight for a name, which keeps the dot of an
// abbreviation that ends it: "Robert L. Harris Jr.", "Acme Corp.".
func trimName(text string, sp quotewire.Span) int {
	e := trimRight(text, sp)
	if e < sp.End && text[e] == '.' {
		w := text[sp.Start:e]
		if i := strings.LastIndexByte(w, ' '); i >= 0 {
			w = w[i+1:]
		}
		if lexicon.NameAbbrev(w) {
			return e + 1
		}
	}
	return e
}

func trimRight(text string, sp quotewire.Span) int {
	e := sp.End
	for e > sp.Start && strings.IndexByte(".,;: ", text[e-1]) >= 0 {
		e--
	}
	return e
}

// isDemonym reports whether a lower-case word names a nationality or
// region as an adjective ("russian", "german", "chinese", "texan"). It
// takes the word as a string or as bytes in a buffer, without allocating.
func isDemonym[W string | []byte](l W) bool {
	return demonyms[string(l)] || demonymSuffix(l)
}

// demonymSuffix reports whether l ends like a demonym: "-ian", "-ean",
// "-ese", "-ish" after three letters or more.
func demonymSuffix[W string | []byte](l W) bool {
	n := len(l)
	if n < 7 {
		return false
	}
	a, b, c := l[n-3], l[n-2], l[n-1]
	switch {
	case b == 'a' && c == 'n':
		return a == 'i' || a == 'e'
	case b == 's':
		return a == 'e' && c == 'e' || a == 'i' && c == 'h'
	}
	return false
}

// pluralNoun reports whether a head noun is plural.
func pluralNoun(h string) bool {
	if pluralHeads[h] {
		return true
	}
	return strings.HasSuffix(h, "s") && !strings.HasSuffix(h, "ss") && !strings.HasSuffix(h, "us") && !singularS[h]
}
