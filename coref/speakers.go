package coref

// This file resolves each quote's source to its speaker; coref.go groups
// the name mentions into entities.

import (
	"slices"
	"sort"
	"strings"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/phrase"
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
	var outer quotewire.Span // the extent of the last quote that set lastSpeaker
	for qi := range d.Quotes {
		q := &d.Quotes[qi]
		if qi > 0 && r.sharedSubject(&d.Quotes[qi-1], q) {
			// "a White House spokesman said President Bush sent his
			// condolences to the people of Peru, and said …": the second
			// "said" has the first one's subject, not a word of its content
			q.Source, q.Mention, q.Speaker = d.Quotes[qi-1].Source, d.Quotes[qi-1].Mention, d.Quotes[qi-1].Speaker
		}
		if q.Source != nil && q.Cue != nil && r.subjectUnnamed(q) {
			// "Residents are being urged to stay indoors": the subject is
			// the one addressed; "It is believed that …": no subject at
			// all. Nobody named says it.
			q.Source = nil
		}
		switch {
		case q.Speaker >= 0 && qi > 0 && q.Source == d.Quotes[qi-1].Source:
			// shared with the quote before (sharedSubject)
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
			if q.Speaker < 0 && q.Cue != nil && reportNouns[strings.ToLower(q.Cue.In(d.Text))] {
				// "is aware of reports that …": whoever reports it is not
				// named
				e := r.anonymous("unnamed reports", phrase.Phrase{Head: "reports", Plural: true})
				q.Mention, q.Speaker = r.addMention(*q.Cue, quotewire.DescriptorMention, e), e
			}
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
		case q.Cue != nil && r.cuePassive(*q.Cue) != passive{}:
			// "Coastal flooding is expected …" (attrib.Passives): a passive
			// with no agent
			name, head := "unnamed sources", "sources"
			if strings.HasSuffix(q.Cue.In(d.Text), "reported") {
				name, head = "unnamed reports", "reports"
			}
			q.Speaker = r.anonymous(name, phrase.Phrase{Head: head, Plural: true})
		case q.Cue != nil && speechGerunds[strings.ToLower(lastWord(q.Cue.In(d.Text)))]:
			// a gerund the learned model gave no source ("President Donald
			// Trump congratulated Pelosi, saying, "…""): the person or body
			// the cue's sentence names first, outside the quote — or, after
			// a report in the same sentence ("X is calling for fresh
			// elections, saying …"), that report's speaker
			if p := qi - 1; p >= 0 && d.Quotes[p].Speaker >= 0 && d.Quotes[p].Cue != nil && r.sentenceOf(d.Quotes[p].Cue.Start) == r.sentenceOf(q.Cue.Start) {
				q.Speaker = d.Quotes[p].Speaker
			} else {
				q.Speaker = r.sentenceSubject(q)
			}
		}
		if q.Speaker >= 0 && qi > 0 && q.Cue != nil && lastSpeaker >= 0 && lastSpeaker != q.Speaker &&
			d.Entities[lastSpeaker].Anonymous && d.Entities[lastSpeaker].Type == quotewire.Person && !r.labelled[lastSpeaker] &&
			!d.Entities[q.Speaker].Anonymous && d.Entities[q.Speaker].Type == quotewire.Person && (addsTo(q.Cue.In(d.Text)) || r.ledeNamed(lastSpeaker, qi)) {
			// "A government spokesman said … Li Wei added …": the
			// spokesman is Li Wei
			r.nameAnonymous(lastSpeaker, q.Speaker, qi)
		}
		nested := outer.Start <= q.Extent().Start && q.Extent().End <= outer.End && qi > 0
		if q.Speaker >= 0 && q.Act != quotewire.OtherAct && !strings.HasPrefix(d.Entities[q.Speaker].Name, "unnamed ") && !nested {
			// a report of no statement ("recognized the contributions")
			// does not make its subject the one who goes on talking, nor do
			// unnamed reports a speaker mentions ("we are aware of reports
			// that …"), nor a report inside another speaker's words ("The
			// United States is aware …" inside a turn of a transcript)
			lastSpeaker = q.Speaker
			outer = q.Extent()
			r.spoke[q.Speaker]++
		}
		if q.Via != nil && q.Via.Entity >= 0 {
			// the words on the page are the relay's: a paragraph that goes
			// on with no cue is theirs
			lastSpeaker = q.Via.Entity
		}
	}
}

// subjectUnnamed reports whether quote q's source, before a passive cue,
// names nobody who says it: the one addressed ("Residents are being
// urged"), or "It" of "It is believed that …".
func (r *resolver) subjectUnnamed(q *quotewire.Quote) bool {
	p := r.cuePassive(*q.Cue)
	return p.addressed || p.reported && strings.EqualFold(strings.TrimSpace(q.Source.In(r.d.Text)), "it")
}

// sharedSubject reports whether quote q's source lies inside the content
// of prev, the quote before it, with q's cue joined to prev by "and": the
// second verb of "X said A, and said B" has no subject of its own, and
// the source finder took a word of A.
func (r *resolver) sharedSubject(prev, q *quotewire.Quote) bool {
	if q.Source == nil || q.Cue == nil || prev.Source == nil || prev.Speaker < 0 || len(prev.Content) == 0 {
		return false
	}
	end := prev.Content[len(prev.Content)-1].End
	if q.Source.Start < prev.Content[0].Start || q.Source.End > end || q.Cue.Start < end {
		return false
	}
	between := strings.TrimSpace(strings.TrimLeft(r.d.Text[end:q.Cue.Start], ",;"))
	return between == "and" || between == "and also" || between == "but"
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

// resolveSource returns the mention for the source span and the entity it
// refers to. The phrase is read first (package phrase): a name inside it
// is the speaker ("Mayor of Koszalin Piotr Jedlinski" is Piotr Jedlinski);
// a pronoun or a definite descriptor refers back; an indefinite or
// unresolved descriptor is an anonymous speaker named by the descriptor
// ("spokesman for the ministry"); a phrase that cannot name anyone ("You",
// "So", "Friday", "A total of 39") gives no speaker.
func (r *resolver) resolveSource(src quotewire.Span, lastSpeaker int) (int, int) {
	d := r.d
	if mi, e, ok := r.capsLabelSource(src); ok {
		return mi, e // "PRIME MINISTER:", "CLENNELL:", "QUESTION:"
	}
	if t := src.In(d.Text); src.Start > 0 && d.Text[src.Start-1] == '@' && t != "" && !strings.ContainsAny(t, " \n") {
		// "@anniepaul tweeted": the account is the name a reader gives
		handle := quotewire.Span{Start: src.Start - 1, End: src.End}
		name := handle.In(d.Text)
		e := r.find(name, quotewire.Person)
		if e < 0 {
			e = r.newEntity(name, quotewire.Person)
		}
		return r.addMention(handle, quotewire.NameMention, e), e
	}
	// the words below are ASCII letters and ’, which no other letter
	// lowers to: a source longer than they are is none of them, and is not
	// lower-cased
	var lbuf [len("purportedly")]byte
	var low []byte
	if t := src.In(d.Text); len(t) <= len(lbuf) {
		if isASCII(t) {
			low = lowerASCII(lbuf[:len(t)], t)
		} else {
			low = []byte(strings.ToLower(t))
		}
	}
	switch string(low) {
	case "'d", "’d", "'ll", "’ll", "'ve", "’ve", "'re", "’re":
		// "She'd say, …": the source finder took the clitic; the
		// pronoun before it speaks
		if k := d.TokenAt(src.Start); k > 0 && d.Tokens[k-1].End == src.Start && d.Tokens[k-1].Kind == quotewire.Word {
			w := d.Tokens[k-1]
			return r.resolveSource(quotewire.Span{Start: w.Start, End: w.End}, lastSpeaker)
		}
	case "reportedly", "purportedly", "supposedly":
		// "The fire reportedly started …": unnamed reports
		e := r.anonymous("unnamed reports", phrase.Phrase{Head: "reports", Plural: true})
		return r.addMention(src, quotewire.DescriptorMention, e), e
	case "allegedly":
		e := r.anonymous("unnamed sources", phrase.Phrase{Head: "sources", Plural: true})
		return r.addMention(src, quotewire.DescriptorMention, e), e
	}
	if t := src.In(d.Text); len(t) == len("which") && strings.ToLower(t) == "which" {
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
	if np, ok := r.holderBefore(src); ok {
		// "The leader of Guinea’s main opposition [Union of Democratic
		// Forces party]": the office-holder, not the body the source finder
		// cut out
		src = np
	}
	if len(r.acronyms) > 0 {
		t := strings.TrimSpace(src.In(d.Text))
		if w := strings.ToLower(firstWord(t)); w == "the" {
			t = strings.TrimSpace(t[3:])
		}
		if e, ok := r.acronyms[r.keyOf(t)]; ok {
			// "the PMS" after "The Prime Minister’s Spokesman (PMS)"
			return r.addMention(src, quotewire.DescriptorMention, e), e
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
		owner := r.possessor(p.Possessor, lastSpeaker)
		if owner >= 0 && (documentHeads[head] || documentHeads[p.Head] || authored[head]) && !d.Entities[owner].Anonymous {
			// "Miller's statement said", "the ministry's report found": a
			// document speaks for whoever issued it
			return r.addMention(src, quotewire.DescriptorMention, owner), owner
		}
		if owner >= 0 {
			name = d.Entities[owner].Name + "’s " + p.Possessed.In(d.Text)
		}
		e := r.anonymous(name, p)
		acrAt := src.End
		if i := strings.LastIndex(src.In(d.Text), " ("); i >= 0 && strings.HasSuffix(src.In(d.Text), ")") {
			acrAt = src.Start + i // the source holds the bracket
		}
		if acr, ok := acronymAfter(d.Text, acrAt); ok && initialsOf(p.Desc.In(d.Text), acr) {
			// "The Prime Minister’s Spokesman (PMS)": "the PMS" later is
			// the same spokesman
			if k := r.keyOf(acr); k != "" {
				if r.acronyms == nil {
					r.acronyms = map[string]int{}
				}
				r.acronyms[k] = e
			}
		}
		return r.addMention(src, quotewire.DescriptorMention, e), e
	}
	if e := r.pluralReference(src, p); e >= 0 {
		return r.addMention(src, quotewire.DescriptorMention, e), e
	}
	if p.Definite && p.Possessor.End == p.Possessor.Start {
		if e := r.orgByHead(p.Head, src.Start); e >= 0 {
			// "The Department of Labor announced … The department said":
			// the body named before whose name holds the noun
			return r.addMention(src, quotewire.DescriptorMention, e), e
		}
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
			orgOfGuess := e >= 0 && k == kindOrgNP && r.guessed[e]
			if e >= 0 && (e == r.notSpeaker || d.Entities[e].Anonymous && strings.TrimSuffix(r.anonHead[e], "s") != head ||
				!d.Entities[e].Anonymous && !r.holds(e, head) && !orgOfGuess || !typeFits(d.Entities[e].Type, k) && !orgOfGuess) {
				// an unnamed speaker is only ever referred to by its own head noun
				e = -1
			}
			if e < 0 && k == kindOrgNP && lastSpeaker >= 0 && r.guessed[lastSpeaker] && ok {
				e, orgOfGuess = lastSpeaker, true // the ranker looks at organisations only
			}
			if e >= 0 && orgOfGuess {
				// "Siemens said … The company added": a company after all
				d.Entities[e].Type = quotewire.Organization
				delete(r.guessed, e)
			}
		}
		if e < 0 {
			e = r.byRole(p.Head, src.Start)
		}
		if g := genderedNouns[p.Head]; e < 0 && g != Unknown && p.Possessor.End == p.Possessor.Start {
			// "the mother said" after "David Turpin and Louise Turpin": the
			// woman named before, like "she"
			if c := r.antecedent(src, quotewire.Person, lastSpeaker, false, g); c >= 0 && !d.Entities[c].Anonymous && r.agrees(c, g, src.Start) {
				e = c
				if !slices.Contains(d.Entities[c].Roles, p.Head) {
					d.Entities[c].Roles = append(d.Entities[c].Roles, p.Head) // "the father" after is not her
				}
			}
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
		if m := &d.Mentions[mi]; e >= 0 && (m.Type == quotewire.Person || m.Type == "") && m.Head.Start < p.Name.Start && m.Head.End == p.Name.End &&
			d.Entities[e].Name == m.Head.In(d.Text) && strings.IndexByte(name, ' ') > 0 {
			// the tagger took the field of an office into the name ("Human
			// Rights Ivan Simonovic" of "Assistant Secretary-General for
			// Human Rights Ivan Simonovic"): the phrase reader's name
			m.Head = p.Name
			d.Entities[e].Name = name
			k := r.entityKey(e)
			r.byKey[k] = e
			r.indexSurname(k, e)
		}
		if e >= 0 && outlet {
			d.Entities[e].Type = quotewire.Organization // "((Wikinews))": the outlet, never a place
		} else if e >= 0 && d.Entities[e].Type == "" {
			d.Entities[e].Type = untypedSpeaker(name) // a speaker with no known type is most likely a person
			if strings.IndexByte(name, ' ') < 0 {
				if r.guessed == nil {
					r.guessed = map[int]bool{}
				}
				r.guessed[e] = true
			}
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
	var ws [2]string
	n := 0
	for w := range strings.FieldsSeq(p.Name.In(d.Text)) {
		if n == len(ws) {
			return -1
		}
		ws[n] = w
		n++
	}
	if n == 0 || n == 2 && !inLower(documentHeads, ws[1]) || n == 1 && (!p.Definite || inLower(documentHeads, ws[0])) {
		return -1 // "the Report": read as a document (issuer)
	}
	word := strings.ToLower(ws[0])
	if !phrase.OrgHead(word) {
		return -1
	}
	ms := d.Mentions
	for i := sort.Search(len(r.names), func(i int) bool { return ms[r.names[i]].Start >= p.Name.Start }) - 1; i >= 0; i-- {
		e := ms[r.names[i]].Entity
		if e < 0 || d.Entities[e].Type != quotewire.Organization {
			continue
		}
		if orgNameHolds(d.Entities[e].Name, word) {
			return e
		}
	}
	return -1
}

// orgNameHolds reports whether an organisation's name of two words or
// more has word (in lower case) as one of its words and does not end with
// a document's head ("Public Administration Select Committee" holds
// "committee").
func orgNameHolds(name, word string) bool {
	n, has, last := 0, false, ""
	for w := range strings.FieldsSeq(name) {
		n++
		has = has || lowerIs(w, word)
		last = w
	}
	return n > 1 && has && !inLower(documentHeads, last)
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
	r.roleTimeline(strings.TrimSuffix(p.Head, "s")).add(p.Span.Start, e)
	return e
}

// holderBefore returns src widened to the office that governs it when src
// is the body of "the leader of …", "a spokesman for …", "the prosecutor
// at …" and the office opens the noun phrase: a determiner (or the
// sentence's start), a person noun, "of", "for" or "at", then at most
// eight words or possessives up to src, no punctuation between.
func (r *resolver) holderBefore(src quotewire.Span) (quotewire.Span, bool) {
	d := r.d
	i := d.TokenAt(src.Start)
	if i <= 0 || i >= len(d.Tokens) {
		return src, false
	}
	sent := d.Sentences[d.Tokens[i].Sentence]
	for j := i - 1; j >= sent.First && j >= i-9; j-- {
		t := &d.Tokens[j]
		if t.Kind != quotewire.Word {
			return src, false
		}
		if t.Lower != "of" && t.Lower != "for" && t.Lower != "at" {
			continue
		}
		k := j - 1
		if k < sent.First {
			return src, false
		}
		h := &d.Tokens[k]
		if h.Text != h.Lower || !isPersonNoun(strings.TrimSuffix(h.Lower, "s")) {
			return src, false
		}
		a := k
		if k-1 >= sent.First {
			switch d.Tokens[k-1].Lower {
			case "the", "a", "an":
				a = k - 1
			default:
				if k-1 > sent.First {
					return src, false
				}
			}
		}
		return quotewire.Span{Start: d.Tokens[a].Start, End: src.End}, true
	}
	return src, false
}

// typeFits reports whether an entity of type t can be what a descriptor of
// anaphor kind k (a person's noun, an organisation's) refers to: "the
// prosecutor at the International Criminal Court" is never the court.
func typeFits(t quotewire.EntityType, k uint64) bool {
	switch k {
	case kindPersonNP:
		return t == quotewire.Person || t == ""
	case kindOrgNP:
		return t != quotewire.Person
	}
	return true
}

// reportNouns are cues that are nouns of reporting: "reports that …",
// "claims that …" with no one named as their author.
var reportNouns = map[string]bool{"reports": true, "report": true, "claims": true, "rumours": true, "rumors": true, "allegations": true}

// authored are the things a person or body writes or says that speak for
// them when owned: "Miller's statement said", "the Pope's decree states".
var authored = map[string]bool{"statement": true, "decree": true, "memoir": true, "ruling": true, "opinion": true,
	"tweet": true, "post": true, "speech": true, "book": true, "column": true, "op-ed": true, "blog": true,
	"message": true, "email": true, "website": true, "order": true, "verdict": true, "judgment": true,
	"judgement": true, "announcement": true, "testimony": true, "remark": true, "comment": true, "account": true}

// orgByHead returns the named organisation mentioned last before off
// whose name holds head, a body's common noun ("department", "agency",
// "government", "council"), as a word: "the department" after "the U.S.
// Department of Labor". A head that several bodies named before share
// goes to the latest; -1 when none holds it.
func (r *resolver) orgByHead(head string, off int) int {
	if !bodyNouns[head] {
		return -1
	}
	d := r.d
	best, at := -1, -1
	for i := range d.Mentions {
		m := &d.Mentions[i]
		if m.Kind != quotewire.NameMention || m.Entity < 0 || m.Span.Start >= off || m.Span.Start <= at {
			continue
		}
		en := &d.Entities[m.Entity]
		if en.Anonymous || en.Type == quotewire.Person || en.Type == quotewire.Place && head != "government" {
			continue
		}
		if hasWord(en.Name, head) {
			best, at = m.Entity, m.Span.Start
		}
	}
	return best
}

// hasWord reports whether one of the space-separated words of name is w,
// case aside, without allocating.
func hasWord(name, w string) bool {
	for name != "" {
		i := strings.IndexByte(name, ' ')
		if i < 0 {
			return strings.EqualFold(name, w)
		}
		if strings.EqualFold(name[:i], w) {
			return true
		}
		name = name[i+1:]
	}
	return false
}

// bodyNouns are the common nouns a body is referred back to by.
var bodyNouns = map[string]bool{
	"department": true, "agency": true, "ministry": true, "government": true, "council": true,
	"commission": true, "committee": true, "service": true, "office": true, "administration": true,
	"authority": true, "board": true, "bureau": true, "institute": true, "foundation": true,
	"union": true, "party": true, "company": true, "corporation": true, "bank": true,
	"court": true, "parliament": true, "assembly": true, "embassy": true, "university": true,
	"hospital": true, "organization": true, "organisation": true, "association": true,
	"federation": true, "center": true, "centre": true, "laboratory": true, "agencies": false,
	"army": true, "navy": true, "police": true, "force": true, "group": true, "fund": true,
	"programme": true, "program": true, "museum": true, "school": true, "college": true,
}
