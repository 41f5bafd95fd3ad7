// Package coref resolves who is who: it groups name mentions into
// entities ("Russian Foreign Minister Sergey Lavrov" and "Lavrov" are one
// person) and resolves each quote's source mention — a name, a pronoun
// ("he") or a descriptor ("the minister") — to its speaker. A quote that
// continues an earlier one without a cue takes that quote's speaker.
package coref

import (
	"sort"
	"strconv"
	"strings"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/learn"
	"github.com/quotewire/quotewire/phrase"
)

// Resolver is the pipeline stage that fills Document.Entities, links
// mentions to them and sets each quote's Mention and Speaker. The zero
// value is ready to use and resolves pronouns and descriptors by rules.
type Resolver struct {
	// Ranker, when set, resolves personal pronouns and person or
	// organisation descriptors instead of the rules, wherever an entity
	// named before them fits (see Ranker).
	Ranker *Ranker
}

var _ quotewire.Stage = Resolver{}

// Process resolves the entities and speakers of d.
func (s Resolver) Process(d *quotewire.Document) error {
	r := newResolver(d, s.Ranker)
	r.clusterNames()
	r.buildTimelines()
	r.speakers()
	r.finish()
	return nil
}

func newResolver(d *quotewire.Document, rk *Ranker) *resolver {
	return &resolver{d: d, ranker: rk, byKey: map[string]int{}, bySurname: map[string][]int{},
		keys: map[string]string{}, spoke: map[int]int{}, firstEntity: -1}
}

type resolver struct {
	d      *quotewire.Document
	ranker *Ranker
	// spoke counts the quotes resolved to each entity so far.
	spoke map[int]int
	// firstEntity is the entity named first in the text, or -1.
	firstEntity int
	// collect asks speakers to record training cases in examples.
	collect  bool
	examples []RankExample
	// genderEvents are the pronouns after each entity's name, by entity
	// (made on first use)
	genderEvents map[int][]genderEvent
	// scratch space of the ranker
	cands []rankCand
	feats []learn.Feature

	byKey map[string]int // lower-case full name -> entity
	// bySurname lists person entities by the last word of their name, in
	// order of creation.
	bySurname map[string][]int
	// keys caches key() by name text.
	keys map[string]string
	// names are the tagger's name mentions in text order.
	names []int
	// timelines of name mentions by position, for "the last X before here".
	anyType, outside map[quotewire.EntityType]*timeline
	byRoleHead       map[string]*timeline
	// anonHead is the head noun of each anonymous speaker, by entity.
	anonHead map[int]string
}

// timeline lists entities by the start offset of their mentions, sorted.
type timeline struct {
	starts []int
	ents   []int
}

func (tl *timeline) add(start, e int) {
	tl.starts = append(tl.starts, start)
	tl.ents = append(tl.ents, e)
}

// before returns the entity of the last mention that starts before off, or -1.
func (tl *timeline) before(off int) int {
	if tl == nil {
		return -1
	}
	i := sort.SearchInts(tl.starts, off) - 1
	if i < 0 {
		return -1
	}
	return tl.ents[i]
}

func words(s string) []string { return strings.Fields(s) }

// firstWord and lastWord return the first and last space-separated word
// of s without allocating; nwords counts them.
func firstWord(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

func lastWord(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}

func nwords(s string) int { return strings.Count(strings.TrimSpace(s), " ") + 1 }

// clusterNames groups the name mentions, in text order, into entities.
func (r *resolver) clusterNames() {
	d := r.d
	for mi := range d.Mentions {
		m := &d.Mentions[mi]
		if m.Kind != quotewire.NameMention {
			continue
		}
		r.names = append(r.names, mi)
		if p := phrase.Parse(d.Text, m.Span); p.Kind == phrase.Name && p.Name != m.Head && p.Name.End >= m.Head.End &&
			(p.Name.Start == m.Head.Start || p.Name.Start > m.Head.Start && lowerStart(m.Head.In(d.Text))) {
			// the phrase reader knows where the name starts ("Mayor of
			// Koszalin Piotr Jedlinski") and that "Znak.com" is one word
			m.Head = p.Name
		} else if p := phrase.Parse(d.Text, m.Head); p.Kind == phrase.Name && p.Name != m.Head && m.Head.Contains(p.Name) && nwords(p.Name.In(d.Text)) >= 2 {
			// titles and post-nominals are not the name ("Prosecutor
			// Kama Melly QC" is Kama Melly)
			m.Head = p.Name
		}
		name := cleanName(m.Head.In(d.Text))
		e := r.find(name, m.Type)
		if e < 0 {
			e = r.newEntity(name, m.Type)
		}
		r.link(mi, e)
	}
	if len(r.names) > 0 {
		r.firstEntity = d.Mentions[r.names[0]].Entity
	}
}

// key normalises a name for matching as the store does
// (quotewire.NameKey): case, diacritics, punctuation, courtesy titles and
// a possessive aside, so "Brudziński" and "Brudzinski" are one person.
func key(s string) string { return quotewire.NameKey(s) }

// keyOf returns key(s), cached: the same names recur through an article.
func (r *resolver) keyOf(s string) string {
	if k, ok := r.keys[s]; ok {
		return k
	}
	k := key(s)
	r.keys[s] = k
	return k
}

// find returns the entity a name refers to: the same full name, or a
// person whose name ends with this surname, or whose surname this name
// ends with; -1 when none.
func (r *resolver) find(name string, typ quotewire.EntityType) int {
	k := r.keyOf(name)
	if e, ok := r.byKey[k]; ok {
		if typ == "" || r.d.Entities[e].Type == "" || r.d.Entities[e].Type == typ || typ == quotewire.Person && r.d.Entities[e].Type != quotewire.Person {
			return e
		}
	}
	if k == "" {
		return -1
	}
	// surname match to a known person (the most recent wins)
	if typ == quotewire.Person || typ == "" {
		first, one := firstWord(k), nwords(k) == 1
		cands := r.bySurname[lastWord(k)]
		for i := len(cands) - 1; i >= 0; i-- {
			e := cands[i]
			en := &r.d.Entities[e]
			if en.Type != quotewire.Person {
				continue
			}
			ek := r.keyOf(en.Name)
			if one || nwords(ek) == 1 || first == firstWord(ek) {
				return e
			}
		}
	}
	return -1
}

func (r *resolver) newEntity(name string, typ quotewire.EntityType) int {
	r.d.Entities = append(r.d.Entities, quotewire.Entity{Name: name, Type: typ})
	e := len(r.d.Entities) - 1
	r.byKey[r.keyOf(name)] = e
	r.indexSurname(name, e)
	return e
}

// link attaches mention mi to entity e, keeping the fullest name and
// gathering roles.
func (r *resolver) link(mi, e int) {
	d := r.d
	m := &d.Mentions[mi]
	m.Entity = e
	en := &d.Entities[e]
	en.Mentions = append(en.Mentions, mi)
	if m.Kind == quotewire.NameMention {
		name := m.Head.In(d.Text)
		if nwords(name) > nwords(en.Name) {
			en.Name = name
			r.byKey[r.keyOf(name)] = e
			r.indexSurname(name, e)
		}
		if en.Type == "" || m.Type == quotewire.Person && en.Type != quotewire.Person && len(m.Roles) > 0 {
			en.Type = m.Type
		}
	}
	for _, role := range m.Roles {
		if !contains(en.Roles, role) {
			en.Roles = append(en.Roles, role)
		}
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// indexSurname records e under the last word of name.
func (r *resolver) indexSurname(name string, e int) {
	k := r.keyOf(name)
	if k == "" {
		return
	}
	sur := lastWord(k)
	for _, x := range r.bySurname[sur] {
		if x == e {
			return
		}
	}
	r.bySurname[sur] = append(r.bySurname[sur], e)
}

// mentionAt returns the tagger's name mention for a source span: the
// first person among the name mentions whose heads overlap sp ("Chip
// Taylor of the University of Kansas" is Chip Taylor), else the first of
// them; -1 when there is none.
func (r *resolver) mentionAt(sp quotewire.Span) int {
	ms := r.d.Mentions
	// first name mention whose head ends after sp.Start
	i := sort.Search(len(r.names), func(i int) bool { return ms[r.names[i]].Head.End > sp.Start })
	first, person := -1, -1
	for ; i < len(r.names) && ms[r.names[i]].Head.Start < sp.End; i++ {
		m := &ms[r.names[i]]
		if m.Head.End > sp.End {
			continue
		}
		if first < 0 {
			first = r.names[i]
		}
		if person < 0 && m.Type == quotewire.Person {
			person = r.names[i]
		}
	}
	if person >= 0 {
		return person
	}
	return first
}

// appositionAfter returns the person mention right after sp, set off by a
// comma ("his father, Abdullah Kurdi,"), or -1.
func (r *resolver) appositionAfter(sp quotewire.Span) int {
	ms := r.d.Mentions
	text := r.d.Text
	j := sp.End
	if j < len(text) && text[j] == ',' {
		j++
	}
	for j < len(text) && text[j] == ' ' {
		j++
	}
	if j == sp.End {
		return -1
	}
	i := sort.Search(len(r.names), func(i int) bool { return ms[r.names[i]].Start >= j })
	if i < len(r.names) {
		m := &ms[r.names[i]]
		if (m.Start == j || m.Head.Start == j) && m.Type == quotewire.Person {
			return r.names[i]
		}
	}
	return -1
}

// buildTimelines indexes the name mentions by position, by entity type,
// outside quotations, and by the head word of their entity's roles.
func (r *resolver) buildTimelines() {
	d := r.d
	r.anyType = map[quotewire.EntityType]*timeline{}
	r.outside = map[quotewire.EntityType]*timeline{}
	r.byRoleHead = map[string]*timeline{}
	get := func(m map[quotewire.EntityType]*timeline, t quotewire.EntityType) *timeline {
		tl := m[t]
		if tl == nil {
			tl = &timeline{}
			m[t] = tl
		}
		return tl
	}
	for _, mi := range r.names {
		m := &d.Mentions[mi]
		e := m.Entity
		if e < 0 {
			continue
		}
		typ := d.Entities[e].Type
		get(r.anyType, "").add(m.Start, e)
		get(r.anyType, typ).add(m.Start, e)
		if !r.insideQuote(m.Span) {
			get(r.outside, "").add(m.Start, e)
			get(r.outside, typ).add(m.Start, e)
		}
		for _, role := range d.Entities[e].Roles {
			rw := words(strings.ToLower(role))
			if len(rw) == 0 {
				continue
			}
			head := rw[len(rw)-1]
			if i := strings.LastIndexByte(head, '-'); i >= 0 {
				head = head[i+1:]
			}
			head = strings.TrimSuffix(head, "s")
			tl := r.byRoleHead[head]
			if tl == nil {
				tl = &timeline{}
				r.byRoleHead[head] = tl
			}
			if n := len(tl.starts); n == 0 || tl.starts[n-1] != m.Start {
				tl.add(m.Start, e)
			}
		}
	}
}

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
			q.Mention, q.Speaker = r.resolveSource(*q.Source, lastSpeaker, q.Extent())
			if r.collect && q.Mention >= 0 && q.Speaker >= 0 && d.Mentions[q.Mention].Kind == quotewire.NameMention {
				r.masked(q.Mention, q.Speaker, lastSpeaker)
			}
		case q.Continued:
			q.Speaker = lastSpeaker
		}
		if q.Speaker >= 0 {
			lastSpeaker = q.Speaker
			r.spoke[q.Speaker]++
		}
	}
}

// resolveSource returns the mention for the source span and the entity it
// refers to. The phrase is read first (package phrase): a name inside it
// is the speaker ("Mayor of Koszalin Piotr Jedlinski" is Piotr Jedlinski);
// a pronoun or a definite descriptor refers back; an indefinite or
// unresolved descriptor is an anonymous speaker named by the descriptor
// ("spokesman for the ministry"); a phrase that cannot name anyone ("You",
// "So", "Friday", "A total of 39") gives no speaker.
func (r *resolver) resolveSource(src quotewire.Span, lastSpeaker int, content quotewire.Span) (int, int) {
	d := r.d
	p := phrase.Parse(d.Text, src)
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
	if p.Possessor.End > p.Possessor.Start {
		// "the prime minister's spokesman" is the spokesman, not the prime
		// minister: a speaker of their own, named after the possessor
		name := p.Desc.In(d.Text)
		if owner := r.possessor(p.Possessor, lastSpeaker); owner >= 0 {
			name = d.Entities[owner].Name + "’s " + d.Text[p.Possessor.End:p.Desc.End]
			name = strings.Replace(name, "’s ’s ", "’s ", 1)
			name = strings.Replace(name, "’s 's ", "’s ", 1)
		}
		e := r.anonymous(name, p)
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
			if e >= 0 && d.Entities[e].Anonymous && strings.TrimSuffix(r.anonHead[e], "s") != head {
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
		if e < 0 && lastSpeaker >= 0 && d.Entities[lastSpeaker].Type == quotewire.Person && !d.Entities[lastSpeaker].Anonymous && isPersonNoun(p.Head) {
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
	if mi := r.mentionAt(p.Name); mi >= 0 && d.Mentions[mi].Type != quotewire.Place {
		e := d.Mentions[mi].Entity
		if e >= 0 && d.Entities[e].Type == "" {
			d.Entities[e].Type = quotewire.Person // a speaker with no known type is most likely a person
		}
		return mi, e
	}
	name := p.Name.In(d.Text)
	typ := quotewire.Person
	if isOrgName(name) {
		typ = quotewire.Organization
	}
	e := r.find(name, typ)
	if e < 0 {
		e = r.newEntity(name, typ)
	}
	mi := r.addMention(src, quotewire.NameMention, e)
	d.Mentions[mi].Head = p.Name
	return mi, e
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
	switch strings.ToLower(lastWord(name)) {
	case "ministry", "department", "agency", "service", "committee", "commission", "council", "office",
		"bureau", "police", "army", "navy", "force", "guard", "bank", "company", "corporation", "news",
		"times", "post", "network", "association", "organization", "organisation", "foundation",
		"government", "administration", "parliament", "kremlin", "court", "university", "institute",
		"center", "centre", "party", "union", "group", "inc", "ltd":
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

// sentenceWords are words that start sentences in capitals and are
// sometimes read as the first word of the name after them ("Afterwards
// Trump visited ...").
var sentenceWords = map[string]bool{
	"afterwards": true, "afterward": true, "however": true, "meanwhile": true, "then": true, "so": true,
	"also": true, "now": true, "later": true, "earlier": true, "still": true, "yet": true, "but": true,
	"and": true, "instead": true, "moreover": true, "furthermore": true, "additionally": true,
	"finally": true, "separately": true, "overall": true, "today": true, "yesterday": true,
	"previously": true, "subsequently": true, "eventually": true, "initially": true, "when": true,
	"while": true, "although": true, "though": true, "if": true, "as": true, "after": true, "before": true,
	"since": true, "because": true, "thus": true, "hence": true, "indeed": true, "there": true, "here": true,
}

// cleanName drops leading sentence words from a name ("Afterwards Trump"
// is Trump; a name of one word is left as it is) and what follows a comma
// ("Travis Hood, who witnessed the collision," is Travis Hood).
func cleanName(s string) string {
	if i := strings.IndexAny(s, ",;("); i > 0 {
		s = strings.TrimSpace(s[:i])
	}
	for {
		i := strings.IndexByte(s, ' ')
		if i < 0 || !sentenceWords[strings.ToLower(s[:i])] {
			return s
		}
		s = strings.TrimLeft(s[i+1:], " ")
	}
}

// pronounStarts are words a source span starting with them is not a
// name: "I would", "We", "So".
var pronounStarts = map[string]bool{"i": true, "we": true, "you": true, "they": true, "he": true, "she": true, "it": true}

// looksLikeName reports whether a source span not known as a name can
// still be one: not a lone sentence word ("So") and not a clause starting
// with a pronoun ("I would").
func looksLikeName(s string) bool {
	ws := words(s)
	if len(ws) == 0 {
		return false
	}
	first := strings.ToLower(ws[0])
	if len(ws) == 1 && sentenceWords[first] {
		return false
	}
	return !pronounStarts[first]
}

func isPersonNoun(h string) bool {
	switch h {
	case "minister", "president", "spokesman", "spokeswoman", "spokesperson", "official",
		"diplomat", "senator", "candidate", "governor", "secretary", "leader", "chairman",
		"director", "chief", "mayor", "ambassador", "envoy", "lawmaker", "congressman",
		"congresswoman", "nominee", "adviser", "advisor", "aide", "man", "woman", "source":
		return true
	}
	return false
}

// stripTitles drops leading title words from a source name.
func stripTitles(s string) string {
	ws := words(s)
	for len(ws) > 1 {
		w := strings.ToLower(strings.TrimSuffix(ws[0], "."))
		switch w {
		case "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "minister", "senator", "gen":
			ws = ws[1:]
			continue
		}
		break
	}
	return strings.Join(ws, " ")
}

// byRole returns the most recent entity (mentioned before off) with a
// role whose head word is head ("minister" for "Russian Foreign Minister").
func (r *resolver) byRole(head string, off int) int {
	return r.byRoleHead[strings.TrimSuffix(head, "s")].before(off)
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
	for k := i; k >= 0 && k > i-8; k-- {
		if r.agrees(tl.ents[k], g, src.Start) {
			return tl.ents[k]
		}
	}
	if i >= 0 && g == Unknown {
		return tl.ents[i]
	}
	return -1
}

// nearestPerson returns the person named last outside quotations before
// off whose gender is g (known, not merely unknown), and where.
func (r *resolver) nearestPerson(off int, g Gender) (int, int) {
	tl := r.outside[quotewire.Person]
	if tl == nil {
		return -1, -1
	}
	i := sort.SearchInts(tl.starts, off) - 1
	if i < 0 {
		return -1, -1
	}
	e := tl.ents[i]
	if r.genderOf(e, off) != g {
		return -1, -1
	}
	return e, tl.starts[i]
}

// recentSentence reports whether offset at lies in the sentence of off or
// the one before it.
func (r *resolver) recentSentence(at, off int) bool {
	d := r.d
	si := d.Tokens[min(d.TokenAt(off), len(d.Tokens)-1)].Sentence
	sa := d.Tokens[min(d.TokenAt(at), len(d.Tokens)-1)].Sentence
	return si-sa <= 1
}

// namedSince reports whether entity e has a mention in [from, to).
func (r *resolver) namedSince(e, from, to int) bool {
	for _, mi := range r.d.Entities[e].Mentions {
		if st := r.d.Mentions[mi].Start; st >= from && st < to {
			return true
		}
	}
	return false
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

// genderOf returns what the article (pronouns after the name, roles) or
// the given-name lexicon says of person e's gender at off.
func (r *resolver) genderOf(e, off int) Gender {
	if r.d.Entities[e].Type != quotewire.Person || r.d.Entities[e].Anonymous {
		return Unknown
	}
	eg := r.docGender(e, off)
	if eg == Unknown {
		eg = roleGender(r.d.Entities[e].Roles)
	}
	if eg == Unknown && r.ranker != nil {
		eg = r.ranker.genderOf(r.d, e)
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

// insideQuote reports whether sp lies inside a quotation (QuoteSpans are
// sorted and do not overlap).
func (r *resolver) insideQuote(sp quotewire.Span) bool {
	qs := r.d.QuoteSpans
	i := sort.Search(len(qs), func(i int) bool { return qs[i].End >= sp.End })
	return i < len(qs) && qs[i].Contains(sp)
}

func (r *resolver) addMention(sp quotewire.Span, kind quotewire.MentionKind, e int) int {
	d := r.d
	d.Mentions = append(d.Mentions, quotewire.Mention{Span: sp, Head: sp, Kind: kind, Entity: -1})
	mi := len(d.Mentions) - 1
	if e >= 0 {
		r.link(mi, e)
	}
	return mi
}

// finish drops untyped entities nobody quotes, numbers the rest and sorts
// their mentions.
func (r *resolver) finish() {
	d := r.d
	keep := make([]int, len(d.Entities))
	speaker := make([]bool, len(d.Entities))
	for _, q := range d.Quotes {
		if q.Speaker >= 0 {
			speaker[q.Speaker] = true
		}
	}
	var out []quotewire.Entity
	for e := range d.Entities {
		if d.Entities[e].Type == "" && !speaker[e] {
			keep[e] = -1
			continue
		}
		keep[e] = len(out)
		en := d.Entities[e]
		if en.Type == "" {
			en.Type = quotewire.Person
		}
		en.ID = "e" + strconv.Itoa(len(out)+1)
		sortInts(en.Mentions, d)
		out = append(out, en)
	}
	d.Entities = out
	for mi := range d.Mentions {
		if m := &d.Mentions[mi]; m.Entity >= 0 {
			m.Entity = keep[m.Entity]
		}
	}
	for qi := range d.Quotes {
		if q := &d.Quotes[qi]; q.Speaker >= 0 {
			q.Speaker = keep[q.Speaker]
		}
	}
}

// sortInts orders mention indices by position in the text.
func sortInts(ms []int, d *quotewire.Document) {
	sort.SliceStable(ms, func(i, j int) bool { return d.Mentions[ms[i]].Start < d.Mentions[ms[j]].Start })
}

// lowerStart reports whether s starts with a lower-case letter ("of
// Koszalin Piotr Jedlinski").
func lowerStart(s string) bool { return s != "" && s[0] >= 'a' && s[0] <= 'z' }
