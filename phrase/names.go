package phrase

// This file finds the proper name inside a phrase: at its end ("Mayor of
// Koszalin Piotr Jedlinski") or its start ("Chip Taylor of …"), and tells
// the capitalised words that are no name (titles, demonyms, a plural
// noun opening a sentence, a body's name modifying a common noun).

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quotewire/quotewire/tag/lexicon"
	"github.com/quotewire/quotewire/text"
)

// possessive reports whether w ends in 's or s' and returns where the
// possessor ends.
func possessive(w word) (int, bool) {
	return possessiveEnd(w.w, w.e)
}

// possessiveEnd is possessive of a word s that ends at e: 's and ’s
// after a byte or more, s' and s’ after two.
func possessiveEnd(s string, e int) (int, bool) {
	n := len(s)
	if n < 3 {
		return 0, false
	}
	switch s[n-1] {
	case 's':
		if s[n-2] == '\'' {
			return e - 2, true
		}
		if n > 4 && s[n-4:n-1] == "’" {
			return e - 4, true
		}
	case '\'':
		if n > 3 && s[n-2] == 's' {
			return e - 1, true
		}
	case 0x99: // the last byte of ’
		if n > 3 && s[n-4] == 's' && s[n-3:] == "’" {
			return e - 3, true
		}
	}
	return 0, false
}

// postNominal reports whether w, dots and commas trimmed, is a
// post-nominal ("QC", "PhD."): one of two to four letters, a capital
// first.
func postNominal(w string) bool {
	for len(w) > 0 && (w[0] == '.' || w[0] == ',') {
		w = w[1:]
	}
	for len(w) > 0 && (w[len(w)-1] == '.' || w[len(w)-1] == ',') {
		w = w[:len(w)-1]
	}
	return isPostNominal(w)
}

// isPostNominal is postNominals[w], the table asked only about words
// that can be in it: of two to four letters, the first two capitals but
// in "PhD" and "Esq".
func isPostNominal(w string) bool {
	if len(w) < 2 || len(w) > 4 || w[0]-'A' >= 26 {
		return false
	}
	if w[1]-'A' >= 26 {
		return w == "PhD" || w == "Esq"
	}
	return postNominals[w]
}

// trailingName finds the proper name that ends the phrase: the longest run
// of capitalised words at its end, less the role words, demonyms and
// modifiers in front of it ("Russian Foreign Minister Sergey Lavrov" →
// "Sergey Lavrov") and a place after "of" ("Mayor of Koszalin Piotr
// Jedlinski" → "Piotr Jedlinski"). A name inside a prepositional phrase
// ("scientists from the University of Bristol") does not end the phrase's
// head, so it is not taken. It returns the word range [ns, ne).
func trailingName(ws []word) (ns, ne int, ok bool) {
	ne = len(ws)
	// post-nominals: "Kama Melly QC"
	for ne > 1 && postNominal(ws[ne-1].w) {
		ne--
	}
	ns = ne
	for ns > 0 && (capitalised(ws[ns-1].w) || ns < ne && ns > 1 && ws[ns-1].is(cParticle) && (capitalised(ws[ns-2].w) || ns > 2 && ws[ns-2].is(cParticle) && capitalised(ws[ns-3].w))) {
		ns-- // particles inside a name: "Ursula von der Leyen", "Ludovic de la Fontaine"
	}
	if ns == ne || ne-ns == 1 && ws[ne-1].is(cTime) {
		return 0, 0, false
	}
	run := ns
	if !ws[ne-1].is(cOrgHead) {
		// role words, demonyms and titles in front are not a person's name;
		// the name starts after the last title ("New Zealand Prime
		// Minister Jacinda Ardern", "District Judge Gray Miller")
		for k := ne - 2; k > ns; k-- {
			if roleWordIn(strings.TrimSuffix(ws[k].lower, "."), ws[k].dotless()) {
				ns = k + 1
				break
			}
		}
		for ns < ne-1 && notName(ws[ns]) {
			ns++
		}
		if ns > run && (lexicon.RegnalTitle(ws[ns-1].lower) || lexicon.PeerTitle(ws[ns-1].lower)) && (ne-ns == 1 || ne-ns == 2 && lexicon.RomanNumeral(ws[ne-1].w)) && (ns-1 == run || notName(ws[ns-2])) {
			ns-- // "Pope Francis", "King Charles III": the title is how readers name them
		} else if ne-ns == 1 && lexicon.RomanNumeral(ws[ns].w) {
			ns = run // "Martin Luther King III": a title inside the name
		}
		if k := ne - 2; k-ns >= 2 && lexicon.IsFirstName(ws[k].w) && !shouted(ws[k].w) && !lexicon.IsFirstName(ws[k-1].w) && !lexicon.IsFirstName(ws[ns].w) {
			// "Natural Disasters Relief Vladimir Puchkov", "Human Rights
			// Ivan Simonovic": the office's last words, then a first name
			// and a surname ("Iain Duncan Smith" stays whole)
			ns = k
		}
	} else {
		for ns < ne-1 && (ws[ns].is(cSentence) || ws[ns].is(cTime)) {
			ns++ // "Friday Ford Motor Company" of "On Friday Ford Motor Company announced"
		}
	}
	if ne-ns == 1 && (loneNotName(ws[ns]) || ws[ns].is(cInvalidAlone)) {
		return 0, 0, false
	}
	if ns > 0 && ns+2 < ne+1 && ws[ns].lower == "charge" && ws[ns-1].lower == "in" {
		return ns + 1, ne, true // "Special Agent in Charge Ann Moss"
	}
	before := ns - 1
	if before > 0 && ws[before].lower == "the" {
		before--
	}
	if before >= 0 && ws[before].is(cPreposition) {
		if (before == ns-1 || before == ns-2) && (ws[before].lower == "of" || ws[before].lower == "from" || ws[before].lower == "for") && ne-ns >= 3 && !ws[ne-1].is(cOrgHead) {
			// "… of Koszalin Piotr Jedlinski", "Senator from Vermont
			// Bernie Sanders", "Assistant Secretary-General for Human
			// Rights Ivan Simonovic", "Minister for the Middle East
			// Alistair Burt": a place or a field, then the person
			return ne - 2, ne, true
		}
		return 0, 0, false
	}
	// a lone capitalised common noun at a sentence's start ("Police",
	// "Officials") is a descriptor
	if ne-ns == 1 && ns == 0 && ws[0].is(cCommonHead) {
		return 0, 0, false
	}
	return ns, ne, true
}

// leadingName finds a proper name that opens the phrase and is followed by
// a prepositional phrase ("Chip Taylor of the University of Kansas"): the
// word range [ns, ne) of the name, titles in front left out.
func leadingName(ws []word) (ns, ne int, ok bool) {
	for ne < len(ws) && capitalised(ws[ne].w) {
		ne++
	}
	if ne == 0 || ne == len(ws) || !ws[ne].is(cPreposition) {
		return 0, 0, false
	}
	for k := ne + 1; k < len(ws)-1; k++ {
		if c := ws[k].dotless(); c&cTitle != 0 && c&cTitleModifier == 0 && capitalised(ws[k].w) && holderAfter(ws[k+1:]) {
			return 0, 0, false // "Port of Spain Mayor Raymond Tim Kee": a place, an office, its holder
		}
	}
	if c := ws[ne-1].dotless(); c&cTitle != 0 && !(c&cOrgHead != 0 && ne >= 2) {
		// "United States Senator from Vermont …" is a role, its holder
		// after it; "The Aam Aadmi Party in Goa" is the party
		return 0, 0, false
	}
	if !ws[ne-1].is(cOrgHead) {
		for ns < ne && notName(ws[ns]) {
			ns++
		}
	}
	if ns > 0 && ne-ns == 1 && lexicon.PeerTitle(ws[ns-1].lower) && ws[ne].lower == "of" && ne+2 == len(ws) && capitalised(ws[ne+1].w) {
		return ns - 1, ne + 2, true // "Lord Ahmad of Wimbledon": a peer's title
	}
	if ns < ne {
		if ws[ne-1].is(cOrgHead) && (ws[ne].lower == "of" || ws[ne].lower == "for") {
			// "U.S. Department of Labor", "the Ministry of Defence": a body's
			// name goes on through "of (the)" and the capitalised words after it
			k := ne + 1
			if k < len(ws) && ws[k].lower == "the" {
				k++
			}
			end := k
			for end < len(ws) && capitalised(ws[end].w) {
				end++
			}
			if end > k && end == len(ws) {
				return ns, end, true
			}
		}
	}
	if ns == ne || ne-ns == 1 && (ws[ns].is(cCommonHead) || ws[ns].is(cInvalidAlone) || ws[ns].is(cTime)) {
		return 0, 0, false
	}
	return ns, ne, true
}

// titleModifiers are the titles that modify an office rather than hold
// one ("New York" is no office).
var titleModifiers = set("new", "former", "then", "late", "incoming", "outgoing", "interim", "st", "saint")

// holderAfter reports whether the words after an office can be its
// holder's name: capitalised to the end, none a possessive or a body's
// head ("Mayor Raymond Tim Kee", not "Justice Department's Civil Rights
// Division" nor "District of New York").
func holderAfter(ws []word) bool {
	for _, w := range ws {
		if !capitalised(w.w) {
			return false
		}
		if _, ok := possessive(w); ok {
			return false
		}
	}
	return ws[len(ws)-1].dotless()&cOrgHead == 0
}

// capitalisedBody reports whether the words after a possessive make a
// body's name with it: "St. Mary's Hospital", "King's College London".
func capitalisedBody(ws []word) bool {
	if len(ws) == 0 {
		return false
	}
	for _, w := range ws {
		if !capitalised(w.w) {
			return false
		}
	}
	return orgHeads[strings.ToLower(strings.TrimRight(ws[0].w, ",."))]
}

// bodyModifier reports whether ws is a body's name through "of" or
// "for" ("Department for Transport", "Ministry of Defence") and then one
// or two lower-case words ending the phrase ("spokesperson", "press
// officer"), and returns the last, the head.
func bodyModifier(ws []word) (string, bool) {
	i := 0
	for i < len(ws) && capitalised(ws[i].w) {
		i++
	}
	if i == 0 || i+2 > len(ws) || !ws[i-1].is(cOrgHead) || ws[i].lower != "of" && ws[i].lower != "for" {
		return "", false
	}
	i++
	if i < len(ws) && ws[i].lower == "the" {
		i++
	}
	j := i
	for j < len(ws) && capitalised(ws[j].w) {
		j++
	}
	if j == i || len(ws)-j < 1 || len(ws)-j > 2 {
		return "", false
	}
	for _, w := range ws[j:] {
		if capitalised(w.w) || w.is(cPreposition) || !isAlpha(strings.TrimRight(w.w, ",")) {
			return "", false
		}
	}
	return strings.TrimRight(ws[len(ws)-1].lower, ","), true
}

// notName reports whether a capitalised word in front of a name is a role
// word, a title or a demonym rather than part of the name.
func notName(w word) bool {
	l, c := strings.TrimSuffix(w.lower, "."), w.dotless()
	return c&(cTitle|cRoleWord|cDemonym|cTime|cSentence) != 0 || roleAbbrev(l) || demonymSuffix(l)
}

// roleWord reports whether a lower-case word belongs to a role before a name.
func roleWord(l string) bool {
	return titles[l] || roleWords[l] || roleAbbrev(l)
}

// roleWordIn is roleWord(l) for l of classes c.
func roleWordIn(l string, c uint32) bool {
	return c&(cTitle|cRoleWord) != 0 || roleAbbrev(l)
}

// roleAbbrev reports whether l is a title's abbreviation that belongs to
// a role ("gen", "sen"; not "st", "jr", "sr").
func roleAbbrev(l string) bool {
	return text.IsTitleAbbrev(l) && l != "st" && l != "jr" && l != "sr"
}

// loneNotName reports whether a capitalised word on its own is no name:
// a title, a demonym, a time or sentence word ("State", "German", "Friday").
func loneNotName(w word) bool {
	l, c := strings.TrimSuffix(w.lower, "."), w.dotless()
	return c&cOrgHead == 0 && (c&(cTitle|cDemonym|cTime|cSentence) != 0 || demonymSuffix(l))
}

// commonPlural reports whether a capitalised word is a plural common noun
// written with a capital only because it opens a sentence ("Communities in
// Cumbria … are warned", "Organisations such as Network Rail pledged",
// "Insurgents on Saturday announced"): a word running text writes in lower
// case (or whose singular it does), that the lexicon knows as no part of a
// name. Singular words stay names ("Shell", "Amnesty"), and so do plurals
// the lexicon names ("Democrats").
func commonPlural(w word) bool {
	l := w.lower
	if len(l) < 4 || l[len(l)-1] != 's' || shouted(w.w) || strings.ContainsAny(w.w, ".'’") || lexicon.Class(w.w) != "" {
		return false
	}
	return commonHeads[l] || lexicon.IsCommon(l) || lexicon.IsCommon(l[:len(l)-1]) || strings.HasSuffix(l, "ies") && lexicon.IsCommon(l[:len(l)-3]+"y")
}

// capitalised reports whether w starts with an upper-case letter or digit
// run inside a name ("Znak.com", "PAP", "O'Brien", "al-Assad").
func capitalised(w string) bool {
	if w != "" && w[0]-'A' < 26 {
		return true
	}
	return capitalisedRune(w)
}

// capitalisedRune is capitalised for a word that does not open with an
// ASCII capital.
func capitalisedRune(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(r) {
		return true
	}
	// "al-Eryani", "el-Sisi", "bin-Salman": a particle, then the name
	if i := strings.IndexByte(w, '-'); i > 0 && i <= 3 && i+1 < len(w) {
		r, _ := utf8.DecodeRuneInString(w[i+1:])
		return unicode.IsUpper(r)
	}
	return false
}
