// Package phrase reads the noun phrase that names a quote's speaker
// ("Mayor of Koszalin Piotr Jedlinski", "the prime minister's spokesman",
// "A spokeswoman on Friday") into the parts a reader uses: the proper
// name in it, the role words before the name, the possessor, the head
// noun, and the descriptor that names the speaker when nobody is named.
//
// It reads words, not entities: deciding who a pronoun or a descriptor
// refers to is coreference's job. Every part is a byte span into the text
// the phrase was read from.
package phrase

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quotewire/quotewire"
)

// Kind says what a source phrase is.
type Kind uint8

// Kinds of source phrase.
const (
	// Invalid is a phrase that cannot name a speaker: "you", a lone
	// function or sentence word ("So", "Well", "Some"), a date or weekday,
	// a number phrase ("A total of 39"), an interview label ("WN").
	Invalid Kind = iota
	// Name is a phrase that holds a proper name ("President Andrzej Duda",
	// "State press agency PAP", "Znak.com").
	Name
	// Pronoun is a personal pronoun ("he", "they", "his").
	Pronoun
	// Descriptor is a common-noun phrase ("the minister", "a spokesman for
	// the ministry", "police in the city", "Chelyabinsk's governor").
	Descriptor
)

func (k Kind) String() string {
	switch k {
	case Name:
		return "name"
	case Pronoun:
		return "pronoun"
	case Descriptor:
		return "descriptor"
	}
	return "invalid"
}

// Phrase is a source phrase read into its parts. Spans are empty (Start ==
// End) when the part is absent.
type Phrase struct {
	Kind Kind
	// Span is the phrase proper: widened to whole words, cut before an
	// apposition or relative clause (", who …"), a time adjunct ("on
	// Friday") and leading sentence words ("So", "However").
	Span quotewire.Span
	// Name is the proper name ("Piotr Jedlinski", "PAP"), for Kind Name.
	Name quotewire.Span
	// Role is what stands before the name, determiner aside ("Mayor of
	// Koszalin", "State press agency", "Russian Foreign Minister").
	Role quotewire.Span
	// Possessor is the phrase before a possessive 's ("the prime
	// minister" in "the prime minister's spokesman"), without the 's.
	Possessor quotewire.Span
	// Possessed is what follows the possessive 's ("spokesman"), when
	// there is one.
	Possessed quotewire.Span
	// Desc is the phrase without its determiner: the name a reader gives
	// an unnamed speaker ("spokesman for the ministry", "German envoy",
	// "prime minister's spokesman").
	Desc quotewire.Span
	// Head is the lower-case head noun of a descriptor ("spokesman",
	// "officials", "governor"), or the pronoun for Kind Pronoun.
	Head string
	// Definite is true when the descriptor starts with "the", a
	// possessive pronoun or a possessor: it may refer to someone named
	// before. Indefinite descriptors ("a spokesman", "officials") bring in
	// someone new.
	Definite bool
	// Plural is true when the head noun is plural ("officials", "police").
	Plural bool
}

// word is one whitespace-separated word of a phrase.
type word struct {
	s, e  int    // bytes in the text
	w     string // the word, trailing punctuation kept
	lower string // lower case, trailing . , ; : stripped
	c     uint32 // the classes of lower (classesOf)
	// k holds the kinds of w's bytes (byteKinds), or more: a rule that
	// looks for a byte in w looks only when k says it may be there
	k uint8
}

// Parse reads the source phrase text[sp.Start:sp.End].
func Parse(text string, sp quotewire.Span) Phrase { return parse(text, sp, false) }

// ParseCommon reads the source phrase text[sp.Start:sp.End] like Parse,
// but a plural common noun that opens it with a capital is a descriptor,
// not a name: "Communities in Cumbria … are warned", "Insurgents on
// Saturday announced". The caller decides, knowing the article, that the
// word is not a name it holds ("Fields' lawyers" of James Alex Fields).
func ParseCommon(text string, sp quotewire.Span) Phrase { return parse(text, sp, true) }

// CommonPlural reports whether a capitalised word may be a plural common
// noun written with a capital only because it opens a sentence
// ("Communities", "Insurgents", "Rebels"): see ParseCommon.
func CommonPlural(w string) bool {
	if n := len(w); (n < 4 || w[n-1] != 's' && w[n-1] != 'S') && !hasHigh(w) {
		return false // commonPlural's first test, without lowering w: of ASCII, it keeps its length
	}
	l := strings.ToLower(w)
	return commonPlural(word{w: w, lower: l, c: classesOf(l)})
}

func parse(text string, sp quotewire.Span, common bool) Phrase {
	sp = widen(text, sp)
	var buf [16]word
	ws := dropPlace(dropBrackets(split(text, sp, buf[:0])))
	if p, ok := appositive(text, ws); ok {
		return p
	}
	ws = cutClause(ws)
	ws = cutVerb(ws)
	// trailing adverbs: "UNESCO reportedly", "officials also"
	for len(ws) > 1 && (strings.HasSuffix(ws[len(ws)-1].lower, "ly") && ws[len(ws)-1].w == ws[len(ws)-1].lower && !ws[len(ws)-1].is(cLyNoun) || ws[len(ws)-1].is(cFloating) && ws[len(ws)-1].w == ws[len(ws)-1].lower) {
		ws = ws[:len(ws)-1]
	}
	// a speech verb in capitals the source finder took along: "TOMAS
	// MALAKAUSKAS AGREES" in a script set in capitals
	for len(ws) > 1 && shouted(ws[len(ws)-1].w) && ws[len(ws)-1].is(cShoutedVerb) {
		ws = ws[:len(ws)-1]
	}
	// leading sentence words: "So", "However", "Unless you"
	for len(ws) > 0 && ws[0].is(cSentence) {
		ws = ws[1:]
	}
	if len(ws) == 0 {
		return Phrase{Span: quotewire.Span{Start: sp.Start, End: sp.Start}}
	}
	ws = cutTime(ws)
	if len(ws) == 0 {
		return Phrase{Span: quotewire.Span{Start: sp.Start, End: sp.Start}}
	}
	p := Phrase{Span: quotewire.Span{Start: ws[0].s, End: ws[len(ws)-1].e}}
	first, fc := ws[0].lower, ws[0].c
	if len(ws) == 1 {
		if first == "who" && ws[0].w[0] == 'W' {
			return p // "Who can apply?": a question, not a relative
		}
		if fc&cPronoun != 0 && !shouted(ws[0].w) {
			p.Kind, p.Head = Pronoun, first
			return p
		}
		if fc&(cInvalidAlone|cTime) != 0 || isNumberWord(first, fc) || isLabel(ws[0].w) {
			return p
		}
	}
	if len(ws) > 2 && ws[1].lower == "of" && (first == "part" || first == "parts") {
		// "Part of the judge's statement reads": the statement
		return parse(text, quotewire.Span{Start: ws[2].s, End: sp.End}, common)
	}
	if len(ws) > 2 && ws[1].lower == "of" && (isNumberWord(first, fc) || fc&cPartitive != 0) {
		// "one of the children", "some of the protesters": the group is the head
		// the head ends the noun phrase after "of (the)": "the protesters
		// Wikinews interviewed" is protesters
		h := 2
		if h < len(ws)-1 && (ws[h].lower == "the" || ws[h].is(cPossessive)) {
			h++
		}
		for h+1 < len(ws) && !capitalised(ws[h+1].w) && !ws[h+1].is(cPreposition) && !ws[h+1].is(cRelative) {
			h++
		}
		head := trimQuotes(ws[h].lower)
		if !isAlpha(head) || classesOf(head)&(cQuantityHead|cTime) != 0 {
			return p
		}
		p.Kind, p.Head, p.Plural = Descriptor, head, pluralNoun(head)
		// the description ends at its head: "Some of the protesters" of
		// "Some of the protesters Wikinews interviewed"
		p.Desc = quotewire.Span{Start: ws[0].s, End: trimRight(text, quotewire.Span{Start: ws[0].s, End: ws[h].e})}
		return p
	}
	if last := ws[len(ws)-1]; len(ws) > 1 && last.w == "I" {
		// "So many I want to acknowledge": the speaker talking, run on
		// from words before it
		p.Kind, p.Head = Pronoun, "i"
		p.Span = quotewire.Span{Start: last.s, End: last.e}
		return p
	}
	if fc&cPersonal != 0 && len(ws) > 1 && !capitalised(ws[1].w) {
		// "I would", "he also": the span ran on past its pronoun
		p.Kind, p.Head = Pronoun, first
		return p
	}
	if fc&cSecondPerson != 0 && !(first == "one" && countedPeople(ws)) || isNumberWord(first, fc) && !countedPeople(ws) || first == "total" || len(ws) > 1 && first == "a" && ws[1].lower == "total" {
		return p
	}
	// the determiner
	rest := ws
	switch {
	case first == "the" || fc&cPossessive != 0:
		p.Definite = true
		rest = ws[1:]
	case fc&cIndefinite != 0:
		rest = ws[1:]
	}
	if len(rest) == 0 {
		return p
	}
	// a possessor: "the prime minister's spokesman", "Chelyabinsk's
	// governor", "his lawyer"
	for i := len(rest) - 2; i >= 0; i-- {
		if base, ok := possessive(rest[i]); ok && !prepositionIn(rest[:i]) && !capitalisedBody(rest[i+1:]) {
			p.Possessor = quotewire.Span{Start: ws[0].s, End: base}
			p.Desc = quotewire.Span{Start: rest[0].s, End: rest[len(rest)-1].e}
			rest = rest[i+1:]
			p.Possessed = quotewire.Span{Start: rest[0].s, End: trimRight(text, quotewire.Span{Start: rest[0].s, End: rest[len(rest)-1].e})}
			p.Definite = true
			break
		}
	}
	if p.Possessor.End == 0 && fc&cPossessive != 0 {
		p.Possessor = quotewire.Span{Start: ws[0].s, End: ws[0].e}
		p.Possessed = quotewire.Span{Start: rest[0].s, End: trimRight(text, quotewire.Span{Start: rest[0].s, End: rest[len(rest)-1].e})}
	}
	if h, ok := bodyModifier(rest); ok {
		// "A Department for Transport spokesperson": a body's name
		// modifying a common noun, a descriptor
		p.Kind, p.Head = Descriptor, h
		p.Plural = pluralNoun(h)
		if p.Desc.End == 0 {
			p.Desc = quotewire.Span{Start: rest[0].s, End: trimRight(text, quotewire.Span{Start: rest[0].s, End: rest[len(rest)-1].e})}
		}
		return p
	}
	// a proper name at the end ("… Piotr Jedlinski", "… PAP") or at the
	// start before a prepositional phrase ("Chip Taylor of …")
	ns, ne, ok := leadingName(rest)
	if !ok {
		ns, ne, ok = trailingName(rest)
	}
	if ok && common && ns > 0 && len(rest) == len(ws) && commonPlural(rest[0]) && prepositionIn(rest[:ns]) {
		// "Officials in Kabul and Washington": the names are the
		// officials' places
		ok = false
	}
	if ok && common && ns == 0 && ne == 1 && len(rest) == len(ws) && commonPlural(rest[0]) {
		// "Communities in Cumbria", "Insurgents": a plural noun capitalised
		// at the start of a sentence, a descriptor
		ok = false
	}
	if ok && p.Definite && ne == len(rest) && ne-ns > 1 && rest[ne-1].dotless()&cTitle != 0 && rest[ne-1].dotless()&cOrgHead == 0 && !prepositionIn(rest[ns:ne]) {
		// "The RAS President", "the EC President": an office with the body
		// it is of, a descriptor ("the president"); "the Ministry of
		// Defence" is a name
		ok = false
	}
	if ok {
		p.Kind = Name
		p.Name = quotewire.Span{Start: rest[ns].s, End: rest[ne-1].e}
		p.Name.End = trimName(text, p.Name)
		if base, ok := possessive(rest[ne-1]); ok && ne-1 >= ns && base > p.Name.Start {
			p.Name.End = base // "Russia’s" names Russia
		}
		if ns > 0 {
			p.Role = quotewire.Span{Start: rest[0].s, End: rest[ns-1].e}
			p.Role.End = trimRight(text, p.Role)
		}
		if p.Desc.End == 0 {
			p.Desc = quotewire.Span{Start: rest[0].s, End: rest[len(rest)-1].e}
		}
		return p
	}
	// a descriptor: its head is the last word before a preposition
	h := len(rest) - 1
	for i, w := range rest {
		if i > 0 && w.is(cPreposition) {
			h = i - 1
			break
		}
	}
	if h > 0 && rest[h].is(cPostAdjective) {
		h-- // "a diplomat familiar with the talks", "sources close to the government"
	}
	head := trimQuotes(rest[h].lower)
	if !isAlpha(head) || classesOf(head)&(cInvalidAlone|cTime|cQuantityHead) != 0 {
		return Phrase{Span: p.Span}
	}
	p.Kind = Descriptor
	p.Head = head
	p.Plural = pluralNoun(head)
	if p.Desc.End == 0 {
		p.Desc = quotewire.Span{Start: rest[0].s, End: rest[len(rest)-1].e}
	}
	p.Desc.End = trimRight(text, p.Desc)
	return p
}

// dropPlace leaves out a place of origin set off by commas after the
// determiner: "The Huntsville, Ala., native" reads as "The native".
func dropPlace(ws []word) []word {
	if len(ws) < 4 || !(ws[0].lower == "the" || ws[0].is(cIndefinite)) {
		return ws
	}
	i, commas := 1, 0
	for ; i < len(ws) && commas < 2; i++ {
		if !capitalised(ws[i].w) {
			return ws
		}
		if strings.HasSuffix(ws[i].w, ",") {
			commas++
		}
	}
	if commas < 2 || i >= len(ws) || capitalised(ws[i].w) || i == 2 {
		return ws
	}
	return append(ws[:1:1], ws[i:]...)
}

// dropBrackets leaves out a bracketed aside inside a phrase: "National
// Weather Service (NOAA National Weather Service) Director", and links'
// footnote numbers ("Annie Paul [6]"). A phrase that opens with a bracket
// is left as it is.
func dropBrackets(ws []word) []word {
	// the words before the first that opens with a bracket stay as they are
	k := 0
	for k < len(ws) && ws[k].w != "" && ws[k].w[0] != '[' && (ws[k].w[0] != '(' || k == 0) {
		k++
	}
	if k == len(ws) {
		return ws
	}
	out := ws[:k]
	depth := 0
	for i := k; i < len(ws); i++ {
		w := ws[i]
		if footnote(strings.TrimRight(w.w, ",")) {
			continue // "Annie Paul [6]": a link's number, as Global Voices prints them
		}
		if depth == 0 && strings.HasPrefix(w.w, "(") && i > 0 {
			depth = 1
		}
		if depth > 0 {
			if strings.Contains(w.w, ")") {
				depth = 0
				if rest := w.w[strings.IndexByte(w.w, ')')+1:]; rest == "," && len(out) > 0 {
					// "(NOAA National Weather Service)," keeps its comma
					last := out[len(out)-1]
					last.w += ","
					last.k |= byteKinds[',']
					out[len(out)-1] = last
				}
			}
			continue
		}
		out = append(out, w)
	}
	return out
}

// footnote reports whether w is a bracketed number: "[6]".
func footnote(w string) bool {
	if len(w) < 3 || w[0] != '[' || w[len(w)-1] != ']' {
		return false
	}
	for i := 1; i < len(w)-1; i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// prepositionIn reports whether a preposition stands after the first word
// of ws: a possessive after it is inside a prepositional phrase
// ("Assistant Administrator David M. Uhlmann for EPA’s Office").
func prepositionIn(ws []word) bool {
	for i := range ws {
		w := &ws[i]
		if i > 0 && w.is(cPreposition) && w.w == w.lower {
			return true
		}
	}
	return false
}

// appositive reads a role, a comma and the name of who holds it:
// "National Weather Service Director, retired Air Force Brig. Gen. Jack
// Kelly", "COMMANDER OF THE SECOND CAVALRY REGIMENT, COLONEL PATRICK
// ELLIS,". The part before the comma must start or end with a title and
// the part after it must be a name, with titles of its own or none.
func appositive(text string, ws []word) (Phrase, bool) {
	comma := -1
	for i := range ws {
		w := &ws[i]
		if strings.HasSuffix(w.w, ",") {
			comma = i
			break
		}
		if w.k&(bClause|bClose) != 0 && hasAppositiveStop(w.w) || i > 0 && w.is(cRelative) && w.w == w.lower {
			return Phrase{}, false
		}
	}
	if comma < 1 || comma+2 > len(ws) {
		return Phrase{}, false
	}
	a := ws[:comma+1]
	if a[0].dotless()&cTitle == 0 && a[len(a)-1].dotless()&cTitle == 0 && !agentNoun(a[len(a)-1].lower) || a[0].is(cPronoun) && !a[0].is(cPossessive) {
		return Phrase{}, false
	}
	if last := strings.TrimSuffix(strings.TrimSuffix(a[len(a)-1].lower, ","), "."); len(a) >= 3 && a[len(a)-1].classesIf(last)&(cTitle|cOrgHead) == 0 && !agentNoun(last) && !shouted(a[len(a)-1].w) && capitalised(a[len(a)-1].w) && capitalised(a[len(a)-2].w) && a[len(a)-2].dotless()&cTitle == 0 {
		return Phrase{}, false // "Lt. Levi Rosa, the Electronics Material Officer for …": the name came first
	}
	b := ws[comma+1:]
	for i, w := range b {
		if indexClause(w.w) >= 0 {
			b = b[:i+1]
			break
		}
	}
	if len(b) > 0 && strings.HasSuffix(b[len(b)-1].w, ",") {
		last := b[len(b)-1]
		last.e--
		last.w = last.w[:len(last.w)-1]
		b = append(b[:len(b)-1:len(b)-1], last)
	}
	for len(b) > 1 && (b[0].lower == "retired" || b[0].lower == "former" || b[0].lower == "the") {
		b = b[1:]
	}
	ns, ne, ok := trailingName(b)
	if ok && ns > 0 && !capitalised(b[0].w) {
		return Phrase{}, false // "Gen. William Brown, commander of the 10th Mountain Division": the name came first
	}
	if !ok || ne-ns < 2 || b[ne-1].is(cOrgHead) {
		return Phrase{}, false // a person's full name, not a place or a body
	}
	for _, w := range b[ns:ne] {
		if w.dotless()&cTitle != 0 {
			return Phrase{}, false
		}
	}
	p := Phrase{Kind: Name, Span: quotewire.Span{Start: ws[0].s, End: b[ne-1].e}}
	p.Name = quotewire.Span{Start: b[ns].s, End: trimRight(text, quotewire.Span{Start: b[ns].s, End: b[ne-1].e})}
	p.Role = quotewire.Span{Start: a[0].s, End: trimRight(text, quotewire.Span{Start: a[0].s, End: a[len(a)-1].e})}
	p.Desc = p.Role
	return p, true
}

// agentNoun reports whether a lower-case word names someone by what they
// do, as the end of a role before a comma: "USGS Surface Water
// Specialist, Robert Meyer", "Chief Librarian, Jane Doe".
func agentNoun(w string) bool {
	w = strings.TrimSuffix(w, ",")
	return len(w) > 5 && (strings.HasSuffix(w, "ist") || strings.HasSuffix(w, "ian"))
}

// widen extends sp to whole words: a source span "com" inside "Znak.com"
// becomes "Znak.com".
func widen(text string, sp quotewire.Span) quotewire.Span {
	for sp.Start > 0 && sp.Start < sp.End {
		r, n := rune(text[sp.Start-1]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeLastRuneInString(text[:sp.Start])
		}
		if isWordRune(r) {
			sp.Start -= n
			continue
		}
		if r == '.' && text[sp.Start] >= 'A' && text[sp.Start] <= 'Z' {
			break // a sentence glued to the one before: "2019-2024.European Commission"
		}
		if (r == '.' || r == '-') && sp.Start > 1 {
			if r2, _ := utf8.DecodeLastRuneInString(text[:sp.Start-1]); isWordRune(r2) {
				sp.Start--
				continue
			}
		}
		break
	}
	for sp.End > sp.Start && sp.End < len(text) {
		if last := rune(text[sp.End-1]); last < utf8.RuneSelf && !isWordByte(byte(last)) {
			break
		} else if last >= utf8.RuneSelf {
			if last, _ = utf8.DecodeLastRuneInString(text[sp.Start:sp.End]); !isWordRune(last) {
				break
			}
		}
		r, n := rune(text[sp.End]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[sp.End:])
		}
		if isWordRune(r) {
			sp.End += n
			continue
		}
		if text[sp.End] == '.' && sp.End+2 < len(text) && text[sp.End+1] >= 'a' && text[sp.End+1] <= 'z' && isWordByte(text[sp.End+2]) {
			// a domain: "Znak.com"
			sp.End += 2
			continue
		}
		break
	}
	return sp
}

// isWordRune reports whether r is a letter or a digit: "Hernández" is one
// word, "“The" is a quotation mark and a word.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isWordByte(byte(r))
	}
	return isWordRuneHigh(r)
}

// isWordRuneHigh is isWordRune of a rune above ASCII.
func isWordRuneHigh(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// isWordByte reports whether c is an ASCII letter or digit, or a byte of a
// multi-byte UTF-8 sequence.
func isWordByte(c byte) bool { return byteKinds[c]&bWord != 0 }

// Kinds of byte that split tells apart, by byteKinds.
const (
	bSpace  uint8 = 1 << iota // white space: ' ', '\n', '\t', '\r'
	bPunct                    // trailing punctuation a word's lower-case form drops: . , ; :
	bUpper                    // an ASCII capital
	bHigh                     // a byte of a multi-byte UTF-8 sequence
	bClause                   // a byte that ends a phrase's clause: , ; ( (indexClause)
	bClose                    // ')', which with bClause stops an appositive (hasAppositiveStop)
	bWord                     // an ASCII letter or digit, or a byte above 0x7f (isWordByte)
)

// byteKinds holds the kinds of each byte.
var byteKinds = func() (t [256]uint8) {
	for _, c := range []byte(" \n\t\r") {
		t[c] |= bSpace
	}
	for _, c := range []byte(".,;:") {
		t[c] |= bPunct
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] |= bUpper
	}
	for c := 0x80; c < 0x100; c++ {
		t[c] |= bHigh
	}
	for _, c := range []byte(",;(") {
		t[c] |= bClause
	}
	t[')'] |= bClose
	for c := 0; c < 0x100; c++ {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80 {
			t[c] |= bWord
		}
	}
	return t
}()

// split cuts the phrase into whitespace-separated words, each with its
// lower-case form (trailing . , ; : stripped) and its classes.
//
// Each word is read in one pass over its bytes. A capitalised word of
// ASCII is lowered into low; the class table's copy of it is kept when the
// table knows it, else the words lowered here become one string at the
// end, handed out in word order (their classes marked cPending meanwhile).
func split(text string, sp quotewire.Span, ws []word) []word {
	var lbuf [128]byte
	low := lbuf[:0]
	pending := false
	t, off := text[sp.Start:sp.End], sp.Start
	for i := 0; i < len(t); {
		if byteKinds[t[i]]&bSpace != 0 {
			i++
			continue
		}
		// one word: its end, where its trailing punctuation starts, and
		// the kinds of its bytes
		j, te := i, i
		var kinds uint8
		for ; j < len(t); j++ {
			k := byteKinds[t[j]]
			if k&bSpace != 0 {
				break
			}
			if k&bPunct == 0 {
				te = j + 1
			}
			kinds |= k
		}
		n := len(ws)
		ws = append(ws, word{})
		w := &ws[n]
		w.s, w.e, w.w, w.k = off+i, off+j, t[i:j], kinds
		raw := t[i:te]
		// the trailing punctuation is ASCII and no capital: what holds
		// for the word holds for raw
		switch {
		case kinds&bHigh != 0:
			w.lower = strings.ToLower(raw)
			w.c = classesOf(w.lower)
		case kinds&bUpper == 0:
			w.lower = raw
			w.c = classesOf(raw)
		default:
			a := len(low)
			low = append(low, raw...)
			lw := low[a:]
			for k := range lw {
				lw[k] |= (byteKinds[lw[k]] & bUpper) << 3 // bUpper<<3 is 'a'-'A'
			}
			if e := classes.findBytes(lw); e != nil {
				w.lower, w.c = e.s, e.c
				low = low[:a]
			} else {
				w.c = cPending
				pending = true
			}
		}
		i = j
	}
	if pending {
		l, a := string(low), 0
		for k := range ws {
			if ws[k].c == cPending {
				n := len(ws[k].w)
				for n > 0 && isPunct(ws[k].w[n-1]) {
					n--
				}
				ws[k].lower, ws[k].c = l[a:a+n], 0 // in no class
				a += n
			}
		}
	}
	return ws
}

// hasHigh reports whether s has a byte above 0x7f.
func hasHigh(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return true
		}
	}
	return false
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// cutClause ends the phrase before an apposition or a relative clause:
// "Travis Hood, who witnessed the collision," is "Travis Hood".
func cutClause(ws []word) []word {
	for i := range ws {
		w := &ws[i]
		if i > 0 && w.is(cRelative) && w.w == w.lower {
			return ws[:i]
		}
		if k := w.indexClause(); k >= 0 {
			if w.w[k] == ',' && i+1 < len(ws) && (ws[0].is(cSentence) || ws[0].lower == "early" || ws[0].lower == "late" || ws[0].is(cSubordinator)) {
				// "Early in her career, Tipton", "As the season nears its
				// peak, NOAA’s forecasters": an adverbial before the name
				return cutClause(ws[i+1:])
			}
			if k == 0 {
				return ws[:i]
			}
			w.e = w.s + k
			w.w = w.w[:k]
			if len(w.lower) == len(strings.TrimRight(w.w, ".,;:")) {
				w.lower = strings.TrimRight(w.lower[:min(len(w.lower), k)], ".:") // same bytes, lower case
			} else {
				w.lower = strings.ToLower(strings.TrimRight(w.w[:k], ".:"))
			}
			w.c = classesOf(w.lower)
			return ws[:i+1]
		}
	}
	return ws
}

// indexClause is indexClause(w.w), read only when w.k says w.w may
// hold one of the bytes.
func (w *word) indexClause() int {
	if w.k&bClause == 0 {
		return -1
	}
	return indexClause(w.w)
}

// indexClause is strings.IndexAny(w, ",;(").
func indexClause(w string) int {
	for k := 0; k < len(w); k++ {
		if c := w[k]; c == ',' || c == ';' || c == '(' {
			return k
		}
	}
	return -1
}

// hasAppositiveStop is strings.ContainsAny(w, ",;()").
func hasAppositiveStop(w string) bool {
	for k := 0; k < len(w); k++ {
		if c := w[k]; c == ',' || c == ';' || c == '(' || c == ')' {
			return true
		}
	}
	return false
}

// cutVerb ends the phrase before the verb of a clause the source finder
// took whole: "The Unions updated the Task Force … and" is "The Unions",
// "The Trade Unions equally commended" is "The Trade Unions". A verb is
// a lower-case past form (-ed, or an irregular one) after a noun, or
// after an adverb in -ly that follows one; "the elected mayor", "a man
// named Smith" and "officials based in Kabul" keep their participle.
func cutVerb(ws []word) []word {
	for i := 2; i < len(ws); i++ {
		w := ws[i]
		if w.w != w.lower || !pastWord(&w) {
			continue
		}
		j := i - 1
		if strings.HasSuffix(ws[j].lower, "ly") && ws[j].w == ws[j].lower && j > 1 {
			j--
		}
		prev := ws[j].lower
		if ws[j].is(cDeterminer|cIndefinite|cPossessive|cPreposition) ||
			strings.HasSuffix(prev, "ly") || !isAlpha(strings.Trim(prev, "'’")) {
			continue
		}
		return ws[:j+1]
	}
	return ws
}

// pastWord is pastVerb(w.lower), its set look-ups read from w's classes.
func pastWord(w *word) bool {
	if w.is(cIrregularPast) {
		return true
	}
	l := w.lower
	return len(l) >= 5 && strings.HasSuffix(l, "ed") && !strings.HasSuffix(l, "eed") && !w.is(cParticiple) && isAlpha(l)
}

// pastVerb reports whether a lower-case word is a past form that can end
// a subject: "updated", "commended", "told".
func pastVerb(w string) bool {
	if irregularPast[w] {
		return true
	}
	return len(w) >= 5 && strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "eed") && !participles[w] && isAlpha(w)
}

// cutTime drops a trailing time adjunct: "A spokeswoman on Friday",
// "officials last week", "he on Monday".
func cutTime(ws []word) []word {
	for i := 1; i < len(ws); i++ {
		w := ws[i].lower
		if (w == "on" || w == "in" || w == "at" || w == "last" || w == "this" || w == "late" || w == "early") &&
			i+1 < len(ws) && (ws[i+1].is(cTime) || ws[i+1].is(cTimeNoun)) {
			return ws[:i]
		}
		if ws[i].is(cTime) && (w == "today" || w == "yesterday" || w == "tonight") {
			return ws[:i]
		}
	}
	return ws
}
