package coref

// This file resolves pronouns and definite descriptors to an entity named
// before them, by rules (the ranker in rank.go decides when they cannot).

import (
	"sort"
	"strings"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/phrase"
)

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
	if len(r.content) > 0 {
		if c, end := r.content[0], r.content[len(r.content)-1].End; c.Start < off && end <= off && strings.ContainsAny(d.Text[c.Start:min(c.Start+3, end)], "\"“«") && strings.Trim(d.Text[end:off], " ,\"“”'’\n") == "" {
			// "“Our immigration system is broken …,” he said.": the
			// sentence before the quotation
			if cs := r.sentenceOf(c.Start); cs < len(d.Sentences) && d.Tokens[d.Sentences[cs].First].Start >= c.Start-3 {
				si, off = cs, d.Tokens[d.Sentences[cs].First].Start
			}
		}
	}
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
			if ws := strings.Fields(d.Text[from:m.Start]); len(ws) > 0 && npJoiners[strings.ToLower(ws[len(ws)-1])] {
				return -1 // a name inside a prepositional phrase, not the subject: "Faced with losing the character of Anya Jenkins, the producers …"
			}
			return m.Entity
		}
		if m.Entity >= 0 && d.Entities[m.Entity].Type != quotewire.Place {
			return -1 // an organisation opens the clause
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
	if g := pronounGender(lower); g != Unknown {
		if desc, head, ok := r.genderedDescriptor(src, g); ok {
			// "…, including one woman in the town of Chincha. ¶ She said
			// …": the woman, nobody named after her
			if e := r.anonymous(desc, phrase.Phrase{Kind: phrase.Descriptor, Head: head}); e >= 0 {
				return r.addMention(src, quotewire.PronounMention, e), e
			}
		}
	}
	e := r.antecedent(src, t, lastSpeaker, lower == "who", pronounGender(lower))
	if k, ok := pronounKinds[lower]; ok && e < 0 && r.ranker != nil {
		a := r.newAnaphor(src.Start, k, "")
		a.gender = pronounGender(lower)
		e = r.ranker.pick(r, a, lastSpeaker)
	}
	if e < 0 && (lower == "he" || lower == "she" || lower == "they") {
		// "A German farmer has fitted his cows with diapers because, he
		// says, …": nobody named, the described subject of the pronoun's
		// sentence (or the one before) is the speaker
		if np, ok := r.openingDescriptor(src); ok {
			p := phrase.Parse(r.d.Text, np)
			if p.Kind == phrase.Name {
				p = phrase.ParseCommon(r.d.Text, np)
			}
			e = r.anonymous(p.Desc.In(r.d.Text), p)
		}
	}
	return r.addMention(src, quotewire.PronounMention, e), e
}

// genderedDescriptor returns the description (without its determiner)
// and head noun of the indefinite noun phrase of a person of gender g
// ("one woman in the town of Chincha", "a man from Leeds") in the
// sentence before a pronoun that opens its sentence, when it is the last
// person that sentence mentions: the pronoun's antecedent, whom the
// article does not name.
func (r *resolver) genderedDescriptor(src quotewire.Span, g Gender) (desc, head string, ok bool) {
	d := r.d
	si := r.sentenceOf(src.Start)
	if si == 0 || si >= len(d.Sentences) || d.Tokens[d.Sentences[si].First].Start != src.Start {
		return "", "", false
	}
	prev := d.Sentences[si-1]
	last := min(prev.Last, len(d.Tokens)-1)
	k := last
	for ; k > prev.First && genderedNouns[d.Tokens[k].Lower] != g; k-- {
	}
	if k <= prev.First {
		return "", "", false
	}
	det := k - 1
	if !indefinite[d.Tokens[det].Lower] {
		if det-1 < prev.First || !indefinite[d.Tokens[det-1].Lower] {
			return "", "", false // "the woman": someone met before, the usual search
		}
		det-- // "one local woman"
	}
	end := k
	for j := k + 1; j <= last; j++ {
		tj := &d.Tokens[j]
		if tj.Kind != quotewire.Word || !(tj.IsCapitalized() || npJoiners[tj.Lower] || d.Tokens[j-1].Lower == "the") {
			break // "woman in the town of Chincha": a noun after "the" too
		}
		end = j
	}
	for end > k && npJoiners[d.Tokens[end].Lower] {
		end--
	}
	for j := end + 1; j <= last; j++ {
		if t := &d.Tokens[j]; t.Kind == quotewire.Word && t.IsCapitalized() {
			if mi := r.mentionAt(quotewire.Span{Start: t.Start, End: t.End}); mi >= 0 && d.Mentions[mi].Type == quotewire.Person {
				return "", "", false // a person named after the noun phrase: the usual search
			}
		}
	}
	return d.Text[d.Tokens[det+1].Start:d.Tokens[end].End], d.Tokens[k].Lower, true
}

// genderedNouns are the common nouns that say a person's gender.
var genderedNouns = map[string]Gender{
	"woman": Female, "girl": Female, "mother": Female, "wife": Female, "daughter": Female, "sister": Female,
	"grandmother": Female, "widow": Female, "lady": Female, "businesswoman": Female, "policewoman": Female,
	"man": Male, "boy": Male, "father": Male, "husband": Male, "son": Male, "brother": Male,
	"grandfather": Male, "widower": Male, "businessman": Male, "policeman": Male,
}

// indefinite are the determiners that bring in someone new.
var indefinite = map[string]bool{"a": true, "an": true, "one": true, "another": true}

// npJoiners may continue a noun phrase after its head: "woman in the town
// of Chincha", "man from Leeds".
var npJoiners = map[string]bool{"in": true, "of": true, "from": true, "at": true, "the": true}

// openingDescriptor returns the noun phrase that opens the sentence of
// src (or, when src opens its sentence, the one before in its paragraph)
// when it describes a person or group no name stands for: "A German
// farmer", "Several residents". It is the longest phrase of two to five
// words from the sentence's start whose head can speak, followed by a
// lower-case word.
func (r *resolver) openingDescriptor(src quotewire.Span) (quotewire.Span, bool) {
	d := r.d
	si := r.sentenceOf(src.Start)
	if si >= len(d.Sentences) {
		return quotewire.Span{}, false
	}
	if d.Tokens[d.Sentences[si].First].Start == src.Start {
		if si == 0 || d.Sentences[si-1].Paragraph != d.Sentences[si].Paragraph {
			return quotewire.Span{}, false
		}
		si--
	}
	sent := d.Sentences[si]
	for n := min(5, sent.Last-sent.First-1); n >= 1; n-- {
		a, b := sent.First, sent.First+n-1
		next := &d.Tokens[b+1]
		if next.Kind != quotewire.Word || next.Text != next.Lower || d.Tokens[b].End > src.Start {
			continue
		}
		sp := quotewire.Span{Start: d.Tokens[a].Start, End: d.Tokens[b].End}
		p := phrase.Parse(d.Text, sp)
		if p.Kind == phrase.Name && r.commonPlural(d.Tokens[a].Text) {
			p = phrase.ParseCommon(d.Text, sp) // "Protesters gathered outside parliament. They said …"
		}
		if p.Kind == phrase.Descriptor && p.Possessor.End == p.Possessor.Start && animate(strings.TrimSuffix(p.Head, "s")) && p.Span == sp {
			return sp, true
		}
	}
	return quotewire.Span{}, false
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
			return r.personNamed(d.Mentions[mi].Entity)
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

// pronounKinds are the pronouns the ranker resolves, by anaphor kind.
var pronounKinds = map[string]uint64{"he": kindHe, "she": kindHe, "they": kindThey, "we": kindThey, "it": kindIt}

// byRole returns the most recent entity (mentioned before off) with a
// role whose head word is head ("minister" for "Russian Foreign Minister").
func (r *resolver) byRole(head string, off int) int {
	head = strings.TrimSuffix(head, "s")
	if head == "pm" {
		head = "minister" // "the PM" is the Prime Minister
	}
	return r.byRoleHead[head].beforeNot(off, r.notSpeaker)
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
// ("brother", "Mrs"), else what the learned given-name lexicon says, else
// the shipped list of common given names (givenGender), else what the
// article's pronouns after its name say (the costliest to read, so last);
// for an unnamed person, what the head noun of its description says.
func (r *resolver) genderOf(e, off int) Gender {
	if r.d.Entities[e].Type != quotewire.Person {
		return Unknown
	}
	if r.d.Entities[e].Anonymous {
		return genderedNouns[r.anonHead[e]] // "woman in the town of Chincha"
	}
	eg := roleGender(r.d.Entities[e].Roles)
	if eg == Unknown {
		eg = r.nameGender(e)
	}
	if eg == Unknown {
		eg = r.docGender(e, off)
	}
	return eg
}

// nameGender returns the gender person e's name says: what the learned
// given-name lexicon says, else the shipped list of common given names.
// It is kept per entity while the name stays the same.
func (r *resolver) nameGender(e int) Gender {
	name := r.d.Entities[e].Name
	if e < len(r.nameGenders) {
		if c := r.nameGenders[e]; c.made && c.name == name {
			return c.gender
		}
	} else {
		r.nameGenders = append(r.nameGenders, make([]nameGender, e+1-len(r.nameGenders))...)
	}
	g := Unknown
	if r.ranker != nil {
		g = r.ranker.genderOf(r.d, e)
	}
	if g == Unknown {
		g = givenNameGender(name)
	}
	r.nameGenders[e] = nameGender{name: name, gender: g, made: true}
	return g
}

// nameGender is the gender a name says (see resolver.nameGender).
type nameGender struct {
	name   string
	gender Gender
	made   bool
}

// roleGender is the gender a role shows ("brother", "Mrs"), if any.
func roleGender(roles []string) Gender {
	for _, role := range roles {
		switch strings.ToLower(lastWord(role)) {
		case "brother", "father", "son", "husband", "king", "prince", "mr", "mr.", "uncle", "nephew", "grandfather", "boyfriend", "spokesman", "chairman", "congressman", "businessman":
			return Male
		case "sister", "mother", "daughter", "wife", "queen", "princess", "mrs", "mrs.", "ms", "ms.", "wpc", "aunt", "niece", "grandmother", "girlfriend", "spokeswoman", "chairwoman", "congresswoman", "businesswoman", "actress":
			return Female
		}
	}
	return Unknown
}

// personNamed returns the person whose surname a place's one-word name
// is, when the article names one ("Fields' lawyers" after "James Alex
// Fields": the word lists took the surname for a place), else e.
func (r *resolver) personNamed(e int) int {
	if e < 0 || r.d.Entities[e].Type != quotewire.Place || strings.IndexByte(r.d.Entities[e].Name, ' ') >= 0 {
		return e
	}
	for i := r.surnames.first(r.entityKey(e)); i >= 0; i = r.surnames.nodes[i].prev {
		if c := r.surnames.nodes[i].e; c != e && r.d.Entities[c].Type == quotewire.Person && strings.IndexByte(r.d.Entities[c].Name, ' ') > 0 {
			return c
		}
	}
	return e
}
