package coref

// This file resolves each quote's source to its speaker; coref.go groups
// the name mentions into entities.

import (
	"slices"
	"sort"
	"strings"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/phrase"
	"github.com/quotewire/quotewire/text"
)

// personalPronouns are the pronouns a source may be, with the entity type
// each refers to ("" for any).
var personalPronouns = map[string]quotewire.EntityType{
	"he": quotewire.Person, "she": quotewire.Person, "i": quotewire.Person, "who": "",
	"they": "", "we": "", "it": quotewire.Organization,
}

// speakers resolves the source of every quote, in text order.
func (r *resolver) speakers() {
	d := r.d
	lastSpeaker := -1
	for qi := range d.Quotes {
		q := &d.Quotes[qi]
		switch {
		case q.Source != nil:
			if q.Via != nil {
				// the relay first: it is named before the speaker it relays,
				// and a descriptor ("the secretary") is not the relay
				_, q.Via.Entity = r.resolveSource(q.Via.Source, lastSpeaker)
				r.notSpeaker = q.Via.Entity
			}
			r.content = q.Content
			q.Mention, q.Speaker = r.resolveSource(*q.Source, lastSpeaker)
			r.notSpeaker, r.content = -1, nil
			if q.Via != nil && q.Via.Entity >= 0 && q.Via.Entity == q.Speaker {
				q.Via = nil // "he told them that …" inside his own report
			}
			if q.Via == nil {
				r.documentBefore(q)
			}
			if r.collect && q.Mention >= 0 && q.Speaker >= 0 && d.Mentions[q.Mention].Kind == quotewire.NameMention {
				r.masked(q.Mention, q.Speaker, lastSpeaker)
			}
		case q.Continued:
			q.Speaker = lastSpeaker
		case q.Cue != nil && speechGerunds[strings.ToLower(lastWord(q.Cue.In(d.Text)))]:
			// a gerund the learned model gave no source ("President Donald
			// Trump congratulated Pelosi, saying, "…""): the person or body
			// the cue's sentence names first, outside the quote
			q.Speaker = r.sentenceSubject(q)
		}
		if q.Speaker >= 0 && qi > 0 && q.Cue != nil && lastSpeaker >= 0 && lastSpeaker != q.Speaker &&
			d.Entities[lastSpeaker].Anonymous && d.Entities[lastSpeaker].Type == quotewire.Person &&
			!d.Entities[q.Speaker].Anonymous && d.Entities[q.Speaker].Type == quotewire.Person && (addsTo(q.Cue.In(d.Text)) || r.ledeNamed(lastSpeaker, qi)) {
			// "A government spokesman said … Li Wei added …": the
			// spokesman is Li Wei
			r.nameAnonymous(lastSpeaker, q.Speaker, qi)
		}
		if q.Speaker >= 0 && q.Act != quotewire.OtherAct {
			// a report of no statement ("recognized the contributions")
			// does not make its subject the one who goes on talking
			lastSpeaker = q.Speaker
			r.spoke[q.Speaker]++
		}
		if q.Via != nil && q.Via.Entity >= 0 {
			// the words on the page are the relay's: a paragraph that goes
			// on with no cue is theirs
			lastSpeaker = q.Via.Entity
		}
	}
}

// documentBefore gives a gerund's report to the author of the document
// named just before it: in "The Independent reports on a letter sent by
// Sarah Champion MP, demanding that …" the demand is Sarah Champion's,
// relayed by the Independent (the subject the gerund was given).
func (r *resolver) documentBefore(q *quotewire.Quote) {
	d := r.d
	if q.Cue == nil || q.Source == nil || q.Source.Start >= q.Cue.Start || !strings.HasSuffix(q.Cue.In(d.Text), "ing") {
		return
	}
	region := d.Text[q.Source.Start:q.Cue.Start]
	if !strings.HasSuffix(strings.TrimSpace(region), ",") || len(region) > 250 {
		return
	}
	lower := strings.ToLower(region)
	at := -1
	for i, w := range strings.Fields(lower) {
		if i > 0 && documentHeads[strings.Trim(w, ",.")] {
			at = strings.LastIndex(lower, " "+w) + 1
		}
	}
	if at <= 0 {
		return
	}
	e := r.byAgent(q.Source.Start+at, q.Cue.Start)
	if e < 0 || e == q.Speaker {
		return
	}
	relay := q.Speaker
	relaySrc := *q.Source
	if q.Source.Start+at < q.Source.End {
		// the source finder took "The Independent reports on a letter sent
		// by …" whole: the relay is the name it opens with
		relaySrc = quotewire.Span{Start: q.Source.Start, End: q.Source.Start + at}
		relay = -1
		if mi := r.mentionAt(relaySrc); mi >= 0 {
			relay = d.Mentions[mi].Entity
		}
	}
	if relay >= 0 && relay != e {
		q.Via = &quotewire.Relay{Source: relaySrc, Entity: relay}
	}
	q.Speaker = e
}

// subordinators open a clause whose subject is not the sentence's.
var subordinators = map[string]bool{"as": true, "when": true, "while": true, "after": true, "before": true,
	"although": true, "though": true, "since": true, "because": true, "if": true, "once": true, "until": true}

// prevSubject returns the person named first in the main clause of the
// sentence before the one at off (past an opening subordinate clause up
// to its comma), outside quotations, or -1. The pronoun's own sentence
// must open with it: "He said …".
func (r *resolver) prevSubject(off int) int {
	d := r.d
	si := r.sentenceOf(off)
	if si <= 0 || si >= len(d.Sentences) || d.Tokens[d.Sentences[si].First].Start != off {
		return -1
	}
	prev := d.Sentences[si-1]
	if prev.Paragraph != d.Sentences[si].Paragraph {
		return -1
	}
	from := d.Tokens[prev.First].Start
	if subordinators[d.Tokens[prev.First].Lower] {
		for k := prev.First; k < prev.Last; k++ {
			if d.Tokens[k].Text == "," {
				from = d.Tokens[k].End
				break
			}
		}
	}
	to := d.Tokens[min(prev.Last, len(d.Tokens)-1)].Start
	ms := d.Mentions
	for i := sort.Search(len(r.names), func(i int) bool { return ms[r.names[i]].Start >= from }); i < len(r.names) && ms[r.names[i]].Start < to; i++ {
		m := &ms[r.names[i]]
		if m.Entity >= 0 && d.Entities[m.Entity].Type == quotewire.Person && !r.insideQuote(m.Span) {
			return m.Entity
		}
		if m.Entity >= 0 && d.Entities[m.Entity].Type != quotewire.Place {
			return -1 // an organisation opens the clause
		}
	}
	return -1
}

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

// speechGerunds continue the subject of their sentence: "…, saying",
// "…, adding".
var speechGerunds = map[string]bool{"saying": true, "adding": true, "noting": true, "explaining": true,
	"stressing": true, "insisting": true, "warning": true, "claiming": true, "arguing": true, "writing": true,
	"declaring": true, "stating": true, "telling": true, "asking": true, "calling": true, "urging": true}

// sentenceSubject returns the entity of the first person or organisation
// name in the sentence of q's cue, outside q's content and quotations, or
// -1.
func (r *resolver) sentenceSubject(q *quotewire.Quote) int {
	d := r.d
	si := r.sentenceOf(q.Cue.Start)
	if si >= len(d.Sentences) {
		return -1
	}
	sent := d.Sentences[si]
	from := d.Tokens[sent.First].Start
	to := d.Tokens[min(sent.Last, len(d.Tokens)-1)].End
	ms := d.Mentions
	r.content = q.Content
	defer func() { r.content = nil }()
	for i := sort.Search(len(r.names), func(i int) bool { return ms[r.names[i]].Start >= from }); i < len(r.names) && ms[r.names[i]].Start < to; i++ {
		m := &ms[r.names[i]]
		if m.Entity < 0 || r.inContent(m.Span) || r.insideQuote(m.Span) {
			continue
		}
		if t := d.Entities[m.Entity].Type; t == quotewire.Person || t == quotewire.Organization {
			return m.Entity
		}
	}
	return -1
}

// ledeNamed reports whether quote qi names, in the paragraph after the
// lede, the office-holder the lede's quote described ("…, the chief of the
// National Guard Bureau said. ¶ Air Force Gen. Joseph L. Lengyel told
// reporters …"): the quote before qi is the article's first, by anon, an
// office ("chief", "minister") rather than a group or a witness.
func (r *resolver) ledeNamed(anon, qi int) bool {
	d := r.d
	if qi != 1 || d.Quotes[0].Speaker != anon || d.Quotes[0].Mention < 0 {
		return false
	}
	head := r.anonHead[anon]
	if !isPersonNoun(head) && !phrase.IsTitle(head) {
		return false
	}
	p0 := r.paragraphOf(d.Quotes[0].Content[0].Start)
	return p0 == 0 && r.paragraphOf(d.Quotes[1].Cue.Start) == 1
}

// paragraphOf returns the paragraph of byte offset off.
func (r *resolver) paragraphOf(off int) int {
	s := r.sentenceOf(off)
	if s < len(r.d.Sentences) {
		return r.d.Sentences[s].Paragraph
	}
	return -1
}

// addsTo reports whether a cue goes on with the last speaker's words:
// "added", "continued", "went on".
func addsTo(cue string) bool {
	switch strings.ToLower(strings.TrimSpace(cue)) {
	case "added", "adds", "continued", "continues", "went on", "also said":
		return true
	}
	return false
}

// nameAnonymous gives the quotes before quote qi that an anonymous
// speaker made to the named entity named, and the descriptor to named as a
// role.
func (r *resolver) nameAnonymous(anon, named, qi int) {
	d := r.d
	for k := 0; k < qi; k++ {
		if d.Quotes[k].Speaker == anon {
			d.Quotes[k].Speaker = named
			if mi := d.Quotes[k].Mention; mi >= 0 {
				d.Mentions[mi].Entity = named
				d.Entities[named].Mentions = append(d.Entities[named].Mentions, mi)
			}
		}
	}
	if role := d.Entities[anon].Name; !contains(d.Entities[named].Roles, role) {
		d.Entities[named].Roles = append(d.Entities[named].Roles, role)
	}
	d.Entities[anon].Mentions = nil
	d.Entities[anon].Type = ""
}

// resolveSource returns the mention for the source span and the entity it
// refers to. The phrase is read first (package phrase): a name inside it
// is the speaker ("Mayor of Koszalin Piotr Jedlinski" is Piotr Jedlinski);
// a pronoun or a definite descriptor refers back; an indefinite or
// unresolved descriptor is an anonymous speaker named by the descriptor
// ("spokesman for the ministry"); a phrase that cannot name anyone ("You",
// "So", "Friday", "A total of 39") gives no speaker.
func (r *resolver) resolveSource(src quotewire.Span, lastSpeaker int) (int, int) {
	d := r.d
	switch strings.ToLower(src.In(d.Text)) {
	case "reportedly", "purportedly", "supposedly":
		// "The fire reportedly started …": unnamed reports
		e := r.anonymous("unnamed reports", phrase.Phrase{Head: "reports", Plural: true})
		return r.addMention(src, quotewire.DescriptorMention, e), e
	case "allegedly":
		e := r.anonymous("unnamed sources", phrase.Phrase{Head: "sources", Plural: true})
		return r.addMention(src, quotewire.DescriptorMention, e), e
	}
	if t := strings.ToLower(src.In(d.Text)); t == "which" {
		// "the Ministry of Health, which said …": the phrase before ", which"
		if np, ok := r.npBeforeWho(src); ok {
			return r.resolveSource(np, lastSpeaker)
		}
	}
	if t := src.In(d.Text); len(t) > 5 && strings.HasSuffix(t, " who") {
		// "The judge heard requests for leniency from Fields' lawyers, who
		// argued": the phrase before ", who"
		if np, ok := r.npBeforeWho(quotewire.Span{Start: src.End - 3, End: src.End}); ok && np.Start >= src.Start {
			src = np
		}
	}
	p := r.readSource(src)
	if p.Kind == phrase.Invalid || turnLabel(d.Text, src) {
		if e := r.label(src); e >= 0 {
			// an interview label: "WN" is Wikinews, "RS" Richard
			// Stallman, "((WSS)) : What …" the interviewer
			return r.addMention(src, quotewire.NameMention, e), e
		}
	}
	if e, ok := r.jointSource(src); ok {
		return r.addMention(src, quotewire.NameMention, e), e
	}
	if p.Kind != phrase.Name && p.Kind != phrase.Pronoun && strings.Count(strings.TrimSpace(src.In(d.Text)), " ") >= 5 {
		// a long span is a clause the source finder took whole
		// ("President Andrzej Duda characterised the deaths as"): its
		// person, if the tagger found one
		if mi := r.mentionAt(src); mi >= 0 && d.Mentions[mi].Type == quotewire.Person {
			return mi, d.Mentions[mi].Entity
		}
	}
	switch p.Kind {
	case phrase.Invalid:
		return -1, -1
	case phrase.Name:
		return r.resolveName(src, p)
	case phrase.Pronoun:
		return r.resolvePronoun(src, p.Head, lastSpeaker)
	}
	if mi := r.appositionAfter(src); mi >= 0 && d.Mentions[mi].Entity >= 0 {
		// "said his father, Abdullah Kurdi": the name in apposition
		e := d.Mentions[mi].Entity
		return r.addMention(src, quotewire.DescriptorMention, e), e
	}
	head := strings.TrimSuffix(p.Head, "s")
	if e := r.issuer(src, p, lastSpeaker); e >= 0 {
		// "the report found …" is the committee's
		return r.addMention(src, quotewire.DescriptorMention, e), e
	}
	if !speaks(p.Head) {
		// "Phil Collins's name", "the swing", "observations": nothing
		// that can say anything
		return r.addMention(src, quotewire.DescriptorMention, -1), -1
	}
	if p.Possessor.End > p.Possessor.Start {
		// "the prime minister's spokesman" is the spokesman, not the prime
		// minister: a speaker of their own, named after the possessor
		name := p.Desc.In(d.Text)
		if owner := r.possessor(p.Possessor, lastSpeaker); owner >= 0 {
			name = d.Entities[owner].Name + "’s " + p.Possessed.In(d.Text)
		}
		e := r.anonymous(name, p)
		return r.addMention(src, quotewire.DescriptorMention, e), e
	}
	if e := r.pluralReference(src, p); e >= 0 {
		return r.addMention(src, quotewire.DescriptorMention, e), e
	}
	if p.Definite {
		e := -1
		if r.ranker != nil {
			k, ok := uint64(kindOrgNP), isOrgNoun(p.Head)
			if !ok {
				k, ok = kindPersonNP, isPersonNoun(p.Head)
			}
			if ok {
				e = r.ranker.pick(r, r.newAnaphor(src.Start, k, head), lastSpeaker)
			}
			if e >= 0 && (e == r.notSpeaker || d.Entities[e].Anonymous && strings.TrimSuffix(r.anonHead[e], "s") != head ||
				!d.Entities[e].Anonymous && !r.holds(e, head)) {
				// an unnamed speaker is only ever referred to by its own head noun
				e = -1
			}
		}
		if e < 0 {
			e = r.byRole(p.Head, src.Start)
		}
		if e < 0 && isOrgNoun(p.Head) {
			e = r.recent(quotewire.Organization, src.Start)
		}
		if e < 0 && lastSpeaker >= 0 && lastSpeaker != r.notSpeaker && d.Entities[lastSpeaker].Type == quotewire.Person && !d.Entities[lastSpeaker].Anonymous && isPersonNoun(p.Head) {
			e = lastSpeaker
		}
		if e >= 0 {
			return r.addMention(src, quotewire.DescriptorMention, e), e
		}
	}
	e := r.anonymous(p.Desc.In(d.Text), p)
	return r.addMention(src, quotewire.DescriptorMention, e), e
}

// readSource reads the source phrase at src, and, where the attribution
// stage cut it short, the phrase it belongs to: a role's holder after a
// comma or bracket (appositiveAfter), the rest of a run of capitals
// (nameGoesOn), the noun a name modifies (nounAfter).
func (r *resolver) readSource(src quotewire.Span) phrase.Phrase {
	if sp, ok := r.subjectBefore(src); ok {
		src = sp // "Maharaj also effectively told": the source finder took "effectively"
	}
	p := phrase.Parse(r.d.Text, src)
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
	if w, ok := r.nounAfter(src, p); ok {
		return w // "WHO" of "A WHO official, who asked not to be named, said"
	}
	return p
}

// subjectBefore returns the name mention before a source that is only
// adverbs ("effectively", "also effectively"), the adverbs between them
// skipped, and whether there is one.
func (r *resolver) subjectBefore(src quotewire.Span) (quotewire.Span, bool) {
	text := r.d.Text
	ws := strings.Fields(src.In(text))
	if len(ws) == 0 || len(ws) > 3 {
		return src, false
	}
	for _, w := range ws {
		if !adverb(w) {
			return src, false
		}
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

// resolveName returns the mention and entity of a source phrase that
// holds a name: the tagger's mention of that name when there is one, else
// a new or known entity of that name.
func (r *resolver) resolveName(src quotewire.Span, p phrase.Phrase) (int, int) {
	d := r.d
	name := p.Name.In(d.Text)
	if e := r.shortName(p); e >= 0 {
		// "the Committee", "A Committee Report": the committee named in full
		// before
		return r.addMentionHead(src, p.Name, quotewire.DescriptorMention, e), e
	}
	outlet := r.isOutlet(name)
	if mi := r.mentionAt(p.Name); mi >= 0 && (d.Mentions[mi].Type != quotewire.Place || outlet) {
		e := d.Mentions[mi].Entity
		if e >= 0 && outlet {
			d.Entities[e].Type = quotewire.Organization // "((Wikinews))": the outlet, never a place
		} else if e >= 0 && d.Entities[e].Type == "" {
			d.Entities[e].Type = quotewire.Person // a speaker with no known type is most likely a person
		}
		return mi, e
	}
	typ := quotewire.Person
	if outlet || isOrgName(name) {
		typ = quotewire.Organization
	}
	e := r.find(name, typ)
	if e < 0 {
		e = r.newEntity(name, typ)
	}
	return r.addMentionHead(src, p.Name, quotewire.NameMention, e), e
}

// shortName returns the organisation a capitalised common noun stands
// for, or -1: "the Committee" after "the Public Administration Select
// Committee", and a document it issued ("A Committee Report", "the
// Report"). The organisation is the last one named before whose name has
// that word.
func (r *resolver) shortName(p phrase.Phrase) int {
	d := r.d
	ws := strings.Fields(p.Name.In(d.Text))
	if len(ws) == 0 || len(ws) > 2 {
		return -1
	}
	last := strings.ToLower(ws[len(ws)-1])
	if len(ws) == 2 && !documentHeads[last] {
		return -1
	}
	word := strings.ToLower(ws[0])
	if len(ws) == 1 && !p.Definite {
		return -1
	}
	if len(ws) == 1 && documentHeads[word] {
		return -1 // "the Report": read as a document (issuer)
	}
	if !phrase.OrgHead(word) {
		return -1
	}
	ms := d.Mentions
	for i := sort.Search(len(r.names), func(i int) bool { return ms[r.names[i]].Start >= p.Name.Start }) - 1; i >= 0; i-- {
		e := ms[r.names[i]].Entity
		if e < 0 || d.Entities[e].Type != quotewire.Organization {
			continue
		}
		en := strings.Fields(strings.ToLower(d.Entities[e].Name))
		if len(en) > 1 && slices.Contains(en, word) && !documentHeads[en[len(en)-1]] {
			return e
		}
	}
	return -1
}

// resolvePronoun resolves a personal pronoun source: the last speaker when
// it fits (type, number and gender), else the nearest fitting person named
// outside quotations; the ranker where the rules find no one.
func (r *resolver) resolvePronoun(src quotewire.Span, lower string, lastSpeaker int) (int, int) {
	t := personalPronouns[lower]
	switch lower {
	case "his", "him":
		lower, t = "he", quotewire.Person
	case "her":
		lower, t = "she", quotewire.Person
	case "their", "them":
		lower, t = "they", ""
	case "its":
		lower, t = "it", quotewire.Organization
	}
	if lower == "who" {
		if np, ok := r.npBeforeWho(src); ok {
			// "from Fields' lawyers, who argued …": the lawyers, not Fields
			if p := phrase.Parse(r.d.Text, np); p.Kind == phrase.Descriptor && p.Possessor.End > p.Possessor.Start {
				return r.resolveSource(np, lastSpeaker)
			}
		}
	}
	if lower == "they" && lastSpeaker >= 0 && lastSpeaker == r.lastGroup {
		return r.addMention(src, quotewire.PronounMention, lastSpeaker), lastSpeaker // "Putin and Merkel …; they"
	}
	e := r.antecedent(src, t, lastSpeaker, lower == "who", pronounGender(lower))
	if k, ok := pronounKinds[lower]; ok && e < 0 && r.ranker != nil {
		a := r.newAnaphor(src.Start, k, "")
		a.gender = pronounGender(lower)
		e = r.ranker.pick(r, a, lastSpeaker)
	}
	return r.addMention(src, quotewire.PronounMention, e), e
}

// possessor resolves the possessor of a possessive descriptor ("the prime
// minister" of "the prime minister's spokesman", "Chelyabinsk", "his"),
// or -1.
func (r *resolver) possessor(sp quotewire.Span, lastSpeaker int) int {
	d := r.d
	p := phrase.Parse(d.Text, sp)
	switch p.Kind {
	case phrase.Name:
		if mi := r.mentionAt(p.Name); mi >= 0 {
			return d.Mentions[mi].Entity
		}
		return r.find(p.Name.In(d.Text), "")
	case phrase.Pronoun:
		return r.antecedent(sp, quotewire.Person, lastSpeaker, false, pronounGender(p.Head))
	case phrase.Descriptor:
		if p.Definite {
			return r.byRole(p.Head, sp.Start)
		}
	}
	return -1
}

// anonymous returns the article's anonymous speaker described by name
// ("spokesman for the ministry"), made on first use. Its head noun is
// indexed like a role, so "the spokesman" later refers back to it.
func (r *resolver) anonymous(name string, p phrase.Phrase) int {
	d := r.d
	name = strings.TrimSpace(name)
	if name == "" {
		return -1
	}
	if c := name[0]; c >= 'A' && c <= 'Z' && commonNoun(firstWord(name)) {
		name = strings.ToLower(name[:1]) + name[1:]
	}
	k := "\x00anon " + r.keyOf(name)
	if e, ok := r.byKey[k]; ok {
		return e
	}
	typ := quotewire.Person
	switch {
	case isOrgNoun(p.Head):
		typ = quotewire.Organization
	case p.Plural:
		typ = quotewire.Group
	case !animate(p.Head):
		// "the celebratory event", "the complaint": a thing, which "he"
		// and "she" never refer to
		typ = quotewire.Organization
	}
	d.Entities = append(d.Entities, quotewire.Entity{Name: name, Type: typ, Anonymous: true})
	e := len(d.Entities) - 1
	r.byKey[k] = e
	if r.anonHead == nil {
		r.anonHead = map[int]string{}
	}
	r.anonHead[e] = p.Head
	h := strings.TrimSuffix(p.Head, "s")
	tl := r.byRoleHead[h]
	if tl == nil {
		tl = &timeline{}
		r.byRoleHead[h] = tl
	}
	tl.add(p.Span.Start, e)
	return e
}

// commonNoun reports whether a capitalised word is a common noun written
// with a capital only because it starts the sentence ("Police", "Officials").
func commonNoun(w string) bool {
	return isPersonNoun(strings.ToLower(w)) || isOrgNoun(strings.ToLower(w)) || phrase.CommonHead(strings.ToLower(w))
}

// isOrgName reports whether a name is an organisation's by its last word.
func isOrgName(name string) bool {
	if phrase.OrgHead(strings.ToLower(lastWord(name))) {
		return true
	}
	n := 0
	for _, c := range name {
		if c >= 'A' && c <= 'Z' {
			n++
		} else if c != '.' && c != '-' && c != '&' {
			return strings.Contains(name, ".com") || strings.Contains(name, ".org")
		}
	}
	return n >= 2 // an acronym: "PAP", "FSB", "WHO"
}

// pronounKinds are the pronouns the ranker resolves, by anaphor kind.
var pronounKinds = map[string]uint64{"he": kindHe, "she": kindHe, "they": kindThey, "we": kindThey, "it": kindIt}

// isOrgNoun reports whether a descriptor's head noun names an organisation.
func isOrgNoun(h string) bool {
	switch h {
	case "company", "firm", "group", "agency", "ministry", "government", "organization", "campaign":
		return true
	}
	return false
}

func isPersonNoun(h string) bool {
	switch h {
	case "minister", "president", "spokesman", "spokeswoman", "spokesperson", "official",
		"diplomat", "senator", "candidate", "governor", "secretary", "leader", "chairman",
		"director", "chief", "mayor", "ambassador", "envoy", "lawmaker", "congressman",
		"congresswoman", "nominee", "adviser", "advisor", "aide", "man", "woman", "source",
		"member", "chairwoman", "administrator", "commissioner", "judge", "officer", "general",
		"employee", "worker", "lawyer", "attorney", "scientist", "researcher", "expert", "analyst",
		"resident", "student", "teacher", "doctor", "nurse", "professor", "prosecutor":
		return true
	}
	return false
}

// holds reports whether entity e may be referred to by a descriptor with
// this head noun (without its plural s): it has no known role, or one of
// its roles ends in that noun ("the envoy" is never the mayor of
// Koszalin).
func (r *resolver) holds(e int, head string) bool {
	roles := r.d.Entities[e].Roles
	if len(roles) == 0 || !isPersonNoun(head) {
		return true
	}
	switch head {
	case "chief", "leader", "head", "official", "boss", "veteran":
		return true // "the U.N. chief" is the Secretary-General: these fit any office
	}
	titled := false
	for _, role := range roles {
		rw := strings.TrimSuffix(strings.ToLower(lastWord(role)), ".")
		if i := strings.LastIndexByte(rw, '-'); i >= 0 {
			rw = rw[i+1:]
		}
		switch rw {
		case "mr", "mrs", "ms", "miss", "sir", "dame", "dr", "madam":
			continue // a courtesy title says nothing of the office
		}
		titled = true
		if strings.TrimSuffix(text.TitleWord(rw), "s") == head {
			return true
		}
	}
	return !titled
}

// speaks reports whether a descriptor's head noun can name a source: a
// person or group ("spokesman", "residents"), a body ("ministry",
// "police") or a document ("report", "study", "statement").
func speaks(head string) bool {
	h := strings.TrimSuffix(head, "s")
	if animate(head) || animate(h) || isOrgNoun(head) || isOrgNoun(h) || documentHeads[head] || documentHeads[h] ||
		phrase.CommonHead(head) || phrase.OrgHead(head) || phrase.IsTitle(head) || phrase.IsTitle(h) {
		return true
	}
	switch h {
	case "statement", "source", "record", "figure", "data", "poll", "survey", "finding", "people", "crowd",
		"family", "families", "public", "community", "team", "group", "government", "media", "press", "agency",
		"person", "victim", "child", "children", "men", "women", "mother", "father", "daughter", "son", "wife",
		"husband", "brother", "sister", "friend", "neighbour", "neighbor", "resident", "witness", "head", "palace",
		"tweet", "post", "memoir", "letter", "note", "message", "email", "account", "interview", "speech",
		"rebel", "militant", "fighter", "soldier", "troop", "guard", "worker", "fan", "parent", "relative",
		"colleague", "partner", "insider", "aide", "staff", "crew", "panel", "jury", "court", "judge",
		"delegate", "eyewitness", "eyewitnesse", "acquaintance", "participant", "attendee", "voter",
		"protester", "demonstrator", "survivor", "passenger", "patient", "customer", "user", "volunteer",
		"critic", "supporter", "opponent", "observer", "local", "citizen", "netizen", "onlooker", "bystander":
		return true
	}
	return false
}

// animate reports whether a singular head noun names a person: a role
// ("minister", "spokesman"), a speaker's common head ("witness",
// "official"), or a noun of agent ("resident", "teacher", "analyst").
func animate(h string) bool {
	if isPersonNoun(h) || phrase.CommonHead(h) {
		return true
	}
	for _, suf := range [...]string{"er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person", "ee", "ive", "at", "ger", "yst", "ian"} {
		if strings.HasSuffix(h, suf) && len(h) > len(suf)+2 {
			return true
		}
	}
	return false
}

// byRole returns the most recent entity (mentioned before off) with a
// role whose head word is head ("minister" for "Russian Foreign Minister").
func (r *resolver) byRole(head string, off int) int {
	return r.byRoleHead[strings.TrimSuffix(head, "s")].beforeNot(off, r.notSpeaker)
}

// recent returns the entity of type typ ("" for any) mentioned last before
// off, or -1.
func (r *resolver) recent(typ quotewire.EntityType, off int) int {
	return r.anyType[typ].before(off)
}

// antecedent resolves a pronoun at src: the last speaker when it is of the
// right type and agrees in number and gender, else the nearest earlier
// mention of that type outside quotes that agrees. For "who" the nearest
// name mention before it wins.
func (r *resolver) antecedent(src quotewire.Span, typ quotewire.EntityType, lastSpeaker int, relative bool, g Gender) int {
	d := r.d
	if relative {
		return r.outside[""].before(src.Start)
	}
	if typ == quotewire.Person && g != Unknown {
		// "As Secretary Clinton prepares to travel, Assistant Secretary
		// Johnnie Carson previewed the forum. He said …": the subject of
		// the sentence just before, over an earlier speaker
		if e := r.prevSubject(src.Start); e >= 0 && e != lastSpeaker && r.agrees(e, g, src.Start) {
			return e
		}
	}
	if lastSpeaker >= 0 && (typ == "" || d.Entities[lastSpeaker].Type == typ) && r.agrees(lastSpeaker, g, src.Start) {
		return lastSpeaker
	}
	if lastSpeaker >= 0 && typ == quotewire.Person && d.Entities[lastSpeaker].Anonymous && d.Entities[lastSpeaker].Type == quotewire.Group {
		// "they" was a group; "he" goes past it to the last named person
		lastSpeaker = -1
	}
	tl := r.outside[typ]
	if tl == nil {
		return -1
	}
	i := sort.SearchInts(tl.starts, src.Start) - 1
	for i >= 0 && typ == "" && d.Entities[tl.ents[i]].Type == quotewire.Place {
		i-- // "which they say": a place is spoken of, not one of "they"
	}
	for i >= 0 && r.inContent(quotewire.Span{Start: tl.starts[i], End: tl.starts[i] + 1}) {
		i-- // "he" in "…, he said" is not a man named in the words he said
	}
	for k := i; k >= 0 && k > i-8; k-- {
		if d.Entities[tl.ents[k]].Type == quotewire.Place && typ == "" || r.inContent(quotewire.Span{Start: tl.starts[k], End: tl.starts[k] + 1}) {
			continue
		}
		if r.agrees(tl.ents[k], g, src.Start) {
			return tl.ents[k]
		}
	}
	if i >= 0 && g == Unknown {
		return tl.ents[i]
	}
	return -1
}

// agrees reports whether entity e can be referred to by a pronoun of
// gender g at off: unknown genders agree with everything.
func (r *resolver) agrees(e int, g Gender, off int) bool {
	if g == Unknown || r.d.Entities[e].Type != quotewire.Person {
		return true
	}
	eg := r.genderOf(e, off)
	return eg == Unknown || eg == g
}

// genderOf returns person e's gender at off: what its roles say
// ("brother", "Mrs"), else what the given-name lexicon says, else what the
// article's pronouns after its name say (the costliest to read, so last).
func (r *resolver) genderOf(e, off int) Gender {
	if r.d.Entities[e].Type != quotewire.Person || r.d.Entities[e].Anonymous {
		return Unknown
	}
	eg := roleGender(r.d.Entities[e].Roles)
	if eg == Unknown && r.ranker != nil {
		eg = r.ranker.genderOf(r.d, e)
	}
	if eg == Unknown {
		eg = r.docGender(e, off)
	}
	return eg
}

// roleGender is the gender a role shows ("brother", "Mrs"), if any.
func roleGender(roles []string) Gender {
	for _, role := range roles {
		switch strings.ToLower(lastWord(role)) {
		case "brother", "father", "son", "husband", "king", "prince", "mr", "mr.", "uncle", "nephew", "grandfather", "boyfriend", "spokesman", "chairman", "congressman", "businessman":
			return Male
		case "sister", "mother", "daughter", "wife", "queen", "princess", "mrs", "mrs.", "ms", "ms.", "aunt", "niece", "grandmother", "girlfriend", "spokeswoman", "chairwoman", "congresswoman", "businesswoman", "actress":
			return Female
		}
	}
	return Unknown
}
