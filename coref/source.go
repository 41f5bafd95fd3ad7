package coref

// This file reads a quote's source phrase, and where the attribution stage
// cut it short or took too much, the phrase it belongs to.

import (
	"sort"
	"strings"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/phrase"
)

// npBeforeWho returns the noun phrase a relative "who" at src follows
// (", who"): back from the comma to the preposition, comma or sentence
// start before it.
func (r *resolver) npBeforeWho(src quotewire.Span) (quotewire.Span, bool) {
	text := r.d.Text
	end := strings.TrimRight(text[:src.Start], " ")
	if !strings.HasSuffix(end, ",") {
		return quotewire.Span{}, false
	}
	e := len(end) - 1
	ms := r.d.Mentions
	if i := sort.Search(len(r.names), func(i int) bool { return ms[r.names[i]].End >= e }); i < len(r.names) && ms[r.names[i]].End == e {
		return ms[r.names[i]].Span, true // "… backed the Constitution Party, which said"
	}
	// a run of capitalised words before the comma: "the Constitution Party"
	ws := strings.Fields(text[max(0, e-80):e])
	k := len(ws)
	for k > 0 && ws[k-1] != "" && ws[k-1][0] >= 'A' && ws[k-1][0] <= 'Z' {
		k--
	}
	if k < len(ws) && k > 0 {
		n := strings.Join(ws[k:], " ")
		if i := strings.LastIndex(text[:e], n); i >= 0 && i+len(n) == e {
			return quotewire.Span{Start: i, End: e}, true
		}
	}
	start := max(0, e-80)
	t := text[start:e]
	cut := 0
	for _, b := range [...]string{", ", ". ", " from ", " by ", " with ", " of ", " for ", " to "} {
		if i := strings.LastIndex(t, b); i >= 0 && i+len(b) > cut {
			cut = i + len(b)
		}
	}
	if cut == 0 && start > 0 {
		return quotewire.Span{}, false
	}
	sp := quotewire.Span{Start: start + cut, End: e}
	if sp.End-sp.Start < 2 {
		return quotewire.Span{}, false
	}
	return sp, true
}

// readSource reads the source phrase at src, and, where the attribution
// stage cut it short, the phrase it belongs to: a role's holder after a
// comma or bracket (appositiveAfter), the rest of a run of capitals
// (nameGoesOn), the noun a name modifies (nounAfter).
func (r *resolver) readSource(src quotewire.Span) phrase.Phrase {
	if sp, ok := r.subjectBefore(src); ok {
		src = sp // "Maharaj also effectively told": the source finder took "effectively"
	}
	if strings.Contains(src.In(r.d.Text), ", ") { // the cheapest test first
		if w := lastWord(strings.TrimRight(r.d.Text[max(0, src.Start-12):src.Start], " ")); w != "" && inLower(subordinators, w) {
			// "As [the season nears its peak, NOAA’s forecasters today]": the
			// source finder left out the word that makes the part before the
			// comma a clause of its own
			src.Start = strings.LastIndex(r.d.Text[:src.Start], w)
		}
	}
	p := phrase.Parse(r.d.Text, src)
	if p.Kind == phrase.Name && p.Name.Start == p.Span.Start && r.commonPlural(p.Name.In(r.d.Text)) {
		p = phrase.ParseCommon(r.d.Text, src) // "Communities in Cumbria … are warned"
	}
	if w, ok := r.officeListHolder(src); ok {
		return w // "EU Research, Science and Innovation Commissioner Carlos Moedas"
	}
	if w, ok := r.objectOf(src, p); ok {
		return w // "Cornwall" of "Communities in Cumbria, Devon and Cornwall are warned"
	}
	if p.Kind == phrase.Invalid {
		if w, ok := r.beforeTime(src); ok {
			return w // "A spokeswoman on Friday said": the source finder took "Friday"
		}
	}
	if p.Kind == phrase.Pronoun {
		return p
	}
	if w, ok := r.appositiveAfter(src); ok {
		return w // "said National Weather Service Director, retired Air Force Brig. Gen. Jack Kelly."
	}
	if w, ok := r.nameGoesOn(src); ok {
		return w // "United" of "United States Senator from Vermont Bernie Sanders ended"
	}
	if w, ok := r.personRunsOn(src, p); ok {
		return w // "said Commissioner for Education, Culture, Youth and Sport, Tibor Navracsics"
	}
	if w, ok := r.nounAfter(src, p); ok {
		return w // "WHO" of "A WHO official, who asked not to be named, said"
	}
	if w, ok := r.possessedAfter(src, p); ok {
		return w // "NOAA" of "NOAA’s hurricane forecasters said"
	}
	return p
}

// commonPlural reports whether name is one word that may be a plural
// common noun capitalised at a sentence's start (phrase.CommonPlural) and
// that no person or organisation of the article bears as a word of its
// name ("Fields" of James Alex Fields, "Rivers" of Joan Rivers).
func (r *resolver) commonPlural(name string) bool {
	if strings.IndexByte(name, ' ') >= 0 || !phrase.CommonPlural(name) {
		return false
	}
	for i := range r.d.Entities {
		for _, w := range strings.Fields(r.d.Entities[i].Name) {
			if w == name {
				return false
			}
		}
	}
	return true
}

// subjectBefore returns the name mention before a source that is only
// adverbs ("effectively", "also effectively"), the adverbs between them
// skipped, and whether there is one.
func (r *resolver) subjectBefore(src quotewire.Span) (quotewire.Span, bool) {
	text := r.d.Text
	if t := src.In(text); isASCII(t) {
		// the loop below's first turn, without the iterator
		if w := firstASCIIField(t); w == "" || !adverb(w) {
			return src, false
		}
	}
	n := 0
	for w := range strings.FieldsSeq(src.In(text)) {
		if n++; n > 3 || !adverb(w) {
			return src, false
		}
	}
	if n == 0 {
		return src, false
	}
	j := src.Start
	for {
		for j > 0 && text[j-1] == ' ' {
			j--
		}
		k := strings.LastIndexByte(text[:j], ' ') + 1
		if k >= j || !adverb(text[k:j]) {
			break
		}
		j = k
	}
	ms := r.d.Mentions
	i := sort.Search(len(r.names), func(i int) bool { return ms[r.names[i]].End >= j })
	if i < len(r.names) && ms[r.names[i]].End == j {
		m := &ms[r.names[i]]
		return quotewire.Span{Start: m.Start, End: m.End}, true
	}
	return src, false
}

// beforeTime reads the phrase before a source that is only a time ("on
// Friday", "last week"): from the start of its clause to the source, the
// time adjunct cut off by phrase.Parse.
func (r *resolver) beforeTime(src quotewire.Span) (phrase.Phrase, bool) {
	text := r.d.Text
	j := src.Start
	for j > 0 && text[j-1] == ' ' {
		j--
	}
	k := strings.LastIndexByte(text[:j], ' ') + 1
	switch text[k:j] {
	case "on", "last", "this", "late", "early", "in":
	default:
		return phrase.Phrase{}, false
	}
	s := r.d.Sentences[r.sentenceOf(src.Start)]
	start := r.d.Tokens[s.First].Start
	if c := strings.LastIndexAny(text[start:k], ",;:"); c >= 0 {
		start += c + 1
	}
	if k-start > 80 {
		return phrase.Phrase{}, false
	}
	p := phrase.Parse(text, quotewire.Span{Start: start, End: src.End})
	if p.Kind == phrase.Invalid || p.Kind == phrase.Pronoun {
		return phrase.Phrase{}, false
	}
	return p, true
}

// officeListHolder reads a source that is an office whose fields are
// listed with commas, then its holder: the person the tagger found at the
// source's end, when all before it is capitalised words, commas and
// joiners ("EU Research, Science and Innovation Commissioner Carlos
// Moedas", which the phrase reader would cut at the first comma).
func (r *resolver) officeListHolder(src quotewire.Span) (phrase.Phrase, bool) {
	t := src.In(r.d.Text)
	i := strings.Index(t, ", ")
	if i <= 0 || allCaps(t) {
		return phrase.Phrase{}, false
	}
	for _, w := range strings.Fields(t[:i]) {
		if !capitalisedWord(w) && !joiners[w] && w != "&" {
			return phrase.Phrase{}, false // a clause, not an office: "CNN about to feature Jamaica, Rick"
		}
	}
	// the office up to its first comma, run on to its holder as
	// personRunsOn reads an office the source finder cut short
	first := quotewire.Span{Start: src.Start, End: src.Start + i}
	w, ok := r.personRunsOn(first, phrase.Parse(r.d.Text, first))
	if !ok || w.Name.End > src.End {
		return phrase.Phrase{}, false
	}
	w.Span = src
	return w, true
}

// objectOf reads the phrase a source belongs to when the source finder
// took only the object of a preposition before the verb: "Cornwall" of
// "Communities in Cumbria, Devon and Cornwall are warned", "Togo" of
// "Mediators who have been working on the negotiations in Togo say". The
// phrase runs from its sentence's start (at most 100 bytes back, with no
// quotation mark between) to the source's end and must open with a noun
// phrase the source is part of: a descriptor, or a name before a
// preposition.
func (r *resolver) objectOf(src quotewire.Span, p phrase.Phrase) (phrase.Phrase, bool) {
	if p.Kind != phrase.Name || p.Name.Start != p.Span.Start && !lowerIs(strings.TrimSpace(r.d.Text[p.Span.Start:p.Name.Start]), "the") {
		return phrase.Phrase{}, false
	}
	text := r.d.Text
	s := r.d.Sentences[r.sentenceOf(src.Start)]
	start := r.d.Tokens[s.First].Start
	j := src.Start
	var k int
	for {
		for j > start && text[j-1] == ' ' {
			j--
		}
		k = strings.LastIndexAny(text[start:j], " \n") + 1 + start
		if k <= start {
			return phrase.Phrase{}, false
		}
		w := strings.TrimSuffix(text[k:j], ",")
		if w == "and" || w == "the" || w != "" && w[0] >= 'A' && w[0] <= 'Z' && k < src.Start {
			j = k // a list of places: "in Cumbria, Lancashire, Devon and Cornwall"
			continue
		}
		break
	}
	switch text[k:j] {
	case "in", "at", "from", "across", "near", "throughout", "around":
	default:
		return phrase.Phrase{}, false
	}
	for _, b := range [...]string{" as ", ", while ", ", when ", ", after ", " because ", ", but "} {
		if i := strings.LastIndex(text[start:k], b); i >= 0 && !strings.HasSuffix(text[start:start+i], " such") {
			start += i + len(b) // "…, as residents and rescuers in Iran continued"
		}
	}
	if c := strings.LastIndex(text[start:k], ", "); c >= 0 && !placeList(text[start+c:k]) {
		start += c + 2 // "On Friday, a federal judge in Texas ruled"
	}
	if k-start > 100 || k <= start || strings.ContainsAny(text[start:k], "\"“”‘’:;") {
		return phrase.Phrase{}, false
	}
	w := phrase.ParseCommon(text, quotewire.Span{Start: start, End: src.End})
	if w.Span.Start != start || w.Kind != phrase.Descriptor {
		return phrase.Phrase{}, false
	}
	// the descriptor runs through the preposition to the source
	// ("officials in Nigeria"), or stops at a relative clause after it
	// ("Mediators who have been working … in Togo")
	if w.Desc.End < src.End {
		switch {
		case strings.HasPrefix(strings.TrimLeft(text[w.Desc.End:], " ,"), "who "):
		case placeList(text[w.Desc.End:src.End]):
			w.Desc.End, w.Span.End = src.End, src.End // "Communities in Cumbria, Devon and Cornwall"
		default:
			return phrase.Phrase{}, false
		}
	}
	return w, true
}

// placeList reports whether s is the rest of a list of names: ", Devon
// and Cornwall".
func placeList(s string) bool {
	for _, w := range strings.Fields(s) {
		w = strings.TrimSuffix(w, ",")
		if w != "" && w != "and" && (w[0] < 'A' || w[0] > 'Z') {
			return false
		}
	}
	return strings.TrimSpace(s) != ""
}

// adverb reports whether a lower-case word is an adverb that may stand
// between a subject and its verb: "also", "effectively", "later".
func adverb(w string) bool {
	switch w {
	case "also", "later", "then", "again", "often", "previously", "still", "once", "never", "always":
		return true
	}
	return len(w) > 4 && strings.HasSuffix(w, "ly") && strings.ToLower(w) == w
}

// appositiveAfter reads a source that the attribution stage cut before a
// bracket or a comma, where the rest of the sentence names the holder of
// the role: "said National Weather Service (NOAA National Weather Service)
// Director, retired Air Force Brig. Gen. Jack Kelly.", "said
// Transportation and Infrastructure Committee Ranking Member Sam Graves
// (MO-07)." It returns the
// phrase read to the sentence's end when that finds a name after the
// source.
func (r *resolver) appositiveAfter(src quotewire.Span) (phrase.Phrase, bool) {
	d := r.d
	rest := d.Text[src.End:]
	if !strings.HasPrefix(rest, " (") && !strings.HasPrefix(rest, ", ") && !(strings.HasPrefix(rest, " and ") && len(rest) > 5 && rest[5] >= 'A' && rest[5] <= 'Z') {
		return phrase.Phrase{}, false
	}
	ti := d.TokenAt(src.End - 1)
	if ti < 0 || ti >= len(d.Tokens) {
		return phrase.Phrase{}, false
	}
	se := d.Sentences[d.Tokens[ti].Sentence]
	end := se.End
	for end > src.End && strings.IndexByte(".!?\"”’' ", d.Text[end-1]) >= 0 {
		end--
	}
	if end <= src.End || end-src.End > 120 || strings.ContainsAny(d.Text[src.End:end], ";\"“”") {
		return phrase.Phrase{}, false
	}
	p := phrase.Parse(d.Text, quotewire.Span{Start: src.Start, End: end})
	if p.Kind != phrase.Name || p.Name.Start < src.End || p.Role.End <= p.Role.Start {
		return phrase.Phrase{}, false
	}
	return p, true
}

// personRunsOn reads an office that the attribution stage cut before its
// holder's name, where the office runs on over commas, "and" and
// capitalised words to one person the tagger found: "said Commissioner
// for Education, Culture, Youth and Sport, Tibor Navracsics", "said U.S.
// Army Staff Sgt. and Team Army Captain Dorian Rhoten", "EU Research,
// Science and Innovation Commissioner Carlos Moedas has". It applies to a
// descriptor, or a body's or place's name ("EU Research"), and returns
// the person's name read as the phrase.
func (r *resolver) personRunsOn(src quotewire.Span, p phrase.Phrase) (phrase.Phrase, bool) {
	d := r.d
	if allCaps(src.In(d.Text)) {
		return phrase.Phrase{}, false // in a text set in capitals every word is capitalised
	}
	switch p.Kind {
	case phrase.Descriptor:
	case phrase.Name:
		office := phrase.IsTitleFold(lastWord(p.Name.In(d.Text))) // "Army Staff Sgt."
		if mi := r.mentionAt(p.Name); !office && (mi < 0 || d.Mentions[mi].Type != quotewire.Organization && d.Mentions[mi].Type != quotewire.Place) {
			return phrase.Phrase{}, false // a person's name, or a name of no known kind
		}
	default:
		return phrase.Phrase{}, false
	}
	k := d.TokenAt(src.End)
	if k < 0 || k >= len(d.Tokens) || d.Tokens[k].Start < src.End {
		return phrase.Phrase{}, false
	}
	sent := d.Tokens[k].Sentence
	end := src.End
	for n := 0; k < len(d.Tokens) && n < 16 && d.Tokens[k].Sentence == sent; k, n = k+1, n+1 {
		t := &d.Tokens[k]
		if t.Kind == quotewire.Word && (t.IsCapitalized() || joiners[t.Lower]) || t.Kind == quotewire.Punct && (t.Text == "," || t.Text == "." || t.Text == "-" || t.Text == "&") {
			end = t.End
			continue
		}
		break
	}
	if end == src.End {
		return phrase.Phrase{}, false
	}
	found := -1
	ms := d.Mentions
	for i := sort.Search(len(r.names), func(i int) bool { return ms[r.names[i]].Start >= src.End }); i < len(r.names) && ms[r.names[i]].Start < end; i++ {
		mi := r.names[i]
		m := &ms[mi]
		if m.Type != quotewire.Person || m.Kind != quotewire.NameMention || m.Head.Start < src.End || m.Head.End > end {
			continue
		}
		if found >= 0 && d.Mentions[found].Head != m.Head {
			return phrase.Phrase{}, false // two people: a joint source, read elsewhere
		}
		found = mi
	}
	if found < 0 {
		return phrase.Phrase{}, false
	}
	w := phrase.Parse(d.Text, d.Mentions[found].Head)
	if w.Kind != phrase.Name {
		return phrase.Phrase{}, false
	}
	return w, true
}

// joiners may stand inside an office before its holder's name: "Minister
// of Culture and Sport", "Secretary for the Home Department".
var joiners = map[string]bool{"and": true, "of": true, "for": true, "from": true, "the": true, "on": true, "at": true}

// nameGoesOn reads a source the attribution stage cut inside a run of
// capitalised words ("United" of "United States Senator from Vermont
// Bernie Sanders ended his bid") to the run's end, joining "of", "from"
// and "for", and returns the phrase when it finds a name past the cut.
func (r *resolver) nameGoesOn(src quotewire.Span) (phrase.Phrase, bool) {
	d := r.d
	t := d.Text
	if src.End+2 >= len(t) || t[src.End] != ' ' || t[src.End+1] < 'A' || t[src.End+1] > 'Z' ||
		t[src.End+2] >= 'A' && t[src.End+2] <= 'Z' || strings.ToUpper(src.In(t)) == src.In(t) {
		return phrase.Phrase{}, false // text in capitals says nothing of names
	}
	end, words := src.End, 0
	for i := src.End; i < len(t) && words < 12; {
		for i < len(t) && t[i] == ' ' {
			i++
		}
		j := i
		for j < len(t) && t[j] != ' ' && t[j] != '\n' && t[j] != ',' && t[j] != ';' && t[j] != '(' {
			j++
		}
		if j == i {
			break
		}
		w := t[i:j]
		if c := w[0]; c >= 'A' && c <= 'Z' {
			end = j
		} else if w != "of" && w != "from" && w != "for" && w != "the" {
			break
		}
		words++
		i = j
		if i < len(t) && t[i] != ' ' {
			break
		}
	}
	if end == src.End {
		return phrase.Phrase{}, false
	}
	p := phrase.Parse(d.Text, quotewire.Span{Start: src.Start, End: end})
	if p.Kind != phrase.Name || p.Name.End <= src.End {
		return phrase.Phrase{}, false
	}
	return p, true
}

// nounAfter reads a name source that is only the modifier of a noun
// phrase ("WHO" in "A WHO official said", "Kremlin" in "a Kremlin
// spokesman"): when a person noun follows the name, the phrase from the
// determiner before it to that noun is read instead.
func (r *resolver) nounAfter(src quotewire.Span, p phrase.Phrase) (phrase.Phrase, bool) {
	d := r.d
	t := d.Text
	if p.Kind != phrase.Name || src.End+2 >= len(t) || t[src.End] != ' ' {
		return phrase.Phrase{}, false
	}
	j := src.End + 1
	k := j
	for k < len(t) && t[k] >= 'a' && t[k] <= 'z' {
		k++
	}
	noun := t[j:k]
	if !isPersonNoun(noun) && !isPersonNoun(strings.TrimSuffix(noun, "s")) {
		return phrase.Phrase{}, false
	}
	return r.nounPhraseTo(src, k)
}

// possessedAfter reads the descriptor a name is the possessor of: "NOAA"
// of "NOAA’s hurricane forecasters today said" is NOAA's forecasters, up
// to three lower-case words after the possessive, the last a person's
// noun.
func (r *resolver) possessedAfter(src quotewire.Span, p phrase.Phrase) (phrase.Phrase, bool) {
	t := r.d.Text
	if p.Kind != phrase.Name {
		return phrase.Phrase{}, false
	}
	rest := t[src.End:]
	var ap string
	for _, s := range [...]string{"’s ", "'s "} {
		if strings.HasPrefix(rest, s) {
			ap = s
		}
	}
	if ap == "" {
		return phrase.Phrase{}, false
	}
	end := -1
	j := src.End + len(ap)
	for n := 0; n < 3; n++ {
		k := j
		for k < len(t) && t[k] >= 'a' && t[k] <= 'z' {
			k++
		}
		w := t[j:k]
		if w == "" || phrase.IsTimeWord(w) {
			break
		}
		if isPersonNoun(w) || animate(strings.TrimSuffix(w, "s")) {
			end = k
		}
		if k >= len(t) || t[k] != ' ' {
			break
		}
		j = k + 1
	}
	if end < 0 {
		return phrase.Phrase{}, false
	}
	return r.nounPhraseTo(src, end)
}

// nounPhraseTo parses the descriptor from src's start (with a determiner
// before it) to byte offset k.
func (r *resolver) nounPhraseTo(src quotewire.Span, k int) (phrase.Phrase, bool) {
	t := r.d.Text
	start := src.Start
	before := strings.ToLower(t[max(0, start-4):start])
	for _, det := range [...]string{"a ", "an ", "the "} {
		if strings.HasSuffix(before, det) {
			start -= len(det)
			break
		}
	}
	w := phrase.Parse(t, quotewire.Span{Start: start, End: k})
	if w.Kind != phrase.Descriptor {
		return phrase.Phrase{}, false
	}
	return w, true
}
