// Package coref resolves who is who: it groups name mentions into
// entities ("Russian Foreign Minister Sergey Lavrov" and "Lavrov" are one
// person) and resolves each quote's source mention — a name, a pronoun
// ("he") or a descriptor ("the minister") — to its speaker. A quote that
// continues an earlier one without a cue takes that quote's speaker.
package coref

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/learn"
	"github.com/quotewire/quotewire/phrase"
	"github.com/quotewire/quotewire/text"
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
	n := len(d.Mentions) + len(d.Quotes) // sized once: growing these maps cost more than filling them
	return &resolver{d: d, ranker: rk, byKey: make(map[string]int, n), bySurname: make(map[string][]int, n),
		keys: make(map[string]string, n), spoke: map[int]int{}, firstEntity: -1, notSpeaker: -1, lastGroup: -1}
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
	// notSpeaker is an entity the source being resolved cannot refer to
	// (the relay of a nested report), or -1.
	notSpeaker int
	// lastGroup is the last joint speaker (see jointSource), or -1.
	lastGroup int
	// content is the content of the quote whose source is being resolved.
	content []quotewire.Span
}

// inContent reports whether sp lies inside the content of the quote being
// resolved.
func (r *resolver) inContent(sp quotewire.Span) bool {
	for _, c := range r.content {
		if c.Contains(sp) {
			return true
		}
	}
	return false
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

// beforeNot returns the entity of the last mention that starts before off
// and is not entity not, or -1.
func (tl *timeline) beforeNot(off, not int) int {
	if tl == nil {
		return -1
	}
	for i := sort.SearchInts(tl.starts, off) - 1; i >= 0; i-- {
		if tl.ents[i] != not {
			return tl.ents[i]
		}
	}
	return -1
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
		r.fixHead(m)
		name := cleanName(m.Head.In(d.Text))
		if m.Type != quotewire.Place && phrase.NoName(name) {
			// "United States Senator" of "United States Senator from
			// Vermont Bernie Sanders": a role, nobody's name
			m.Entity = -1
			continue
		}
		r.names = append(r.names, mi)
		e := r.find(name, m.Type)
		if e < 0 {
			e = r.newEntity(name, m.Type)
		}
		r.link(mi, e)
		if acr, ok := acronymAfter(d.Text, m.Span.End); ok && initialsOf(name, acr) {
			// "Home Affairs Select Committee (HASC)": HASC is the committee
			if k := r.keyOf(acr); k != "" {
				if _, taken := r.byKey[k]; !taken {
					r.byKey[k] = e
				}
			}
		}
	}
	if len(r.names) > 0 {
		r.firstEntity = d.Mentions[r.names[0]].Entity
	}
}

// acronymAfter returns the acronym in brackets right after off ("
// (HASC)"), and whether there is one.
func acronymAfter(text string, off int) (string, bool) {
	if off+4 > len(text) || text[off] != ' ' || text[off+1] != '(' {
		return "", false
	}
	end := strings.IndexByte(text[off+2:min(len(text), off+12)], ')')
	if end < 2 {
		return "", false
	}
	acr := text[off+2 : off+2+end]
	for i := 0; i < len(acr); i++ {
		if acr[i] < 'A' || acr[i] > 'Z' {
			return "", false
		}
	}
	return acr, true
}

// initialsOf reports whether acr is made of the initials of name's words,
// with or without its function words ("NOAA" of "National Oceanic and
// Atmospheric Administration", "HHS" of "Health and Human Services").
func initialsOf(name, acr string) bool {
	var all, content []byte
	for _, w := range strings.Fields(name) {
		c := w[0]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		all = append(all, c)
		switch w {
		case "of", "and", "the", "for", "on", "in", "&":
			continue
		}
		content = append(content, c)
	}
	return string(all) == acr || string(content) == acr
}

// fixHead corrects the tagger's head of a name mention where the phrase
// reader knows better: where the name starts ("Mayor of Koszalin Piotr
// Jedlinski", whose head the tagger starts at "of"), that "Znak.com" is
// one word, and that titles and post-nominals are not the name
// ("Prosecutor Kama Melly QC" is Kama Melly). Most heads are one word
// and need no reading.
func (r *resolver) fixHead(m *quotewire.Mention) {
	text := r.d.Text
	head := m.Head.In(text)
	if m.Type == quotewire.Organization && m.Head.Start == m.Span.Start {
		if start := orgBefore(text, m.Head.Start); start >= 0 {
			// "House of" of "House of Commons Public Administration Select
			// Committee", which the tagger starts at "Commons"; "United
			// States Commission on" of "… International Religious Freedom"
			m.Head.Start, m.Span.Start = start, start
			return
		}
	}
	if timeWords(firstWord(head)) && strings.IndexByte(head, ' ') > 0 {
		// "Friday Ford Motor Company" of "On Friday Ford Motor Company
		// announced"
		j := strings.IndexByte(head, ' ') + 1
		m.Head.Start += j
		if m.Span.Start < m.Head.Start {
			m.Span.Start = m.Head.Start
		}
		head = head[j:]
	}
	if m.Head.Start == m.Span.Start && nwords(head) >= 3 {
		if t := titleBefore(text, m.Head.Start); t >= 0 {
			// "Senator from Vermont Bernie Sanders": the place, then the
			// name, read with the title
			if p := phrase.Parse(text, quotewire.Span{Start: t, End: m.Head.End}); p.Kind == phrase.Name && m.Head.Contains(p.Name) && p.Name != m.Head {
				m.Head = p.Name
				return
			}
		}
	}
	domain := m.Head.End+1 < len(text) && text[m.Head.End] == '.' && text[m.Head.End+1] >= 'a' && text[m.Head.End+1] <= 'z'
	if !domain && !lowerStart(head) && (strings.IndexByte(head, ' ') < 0 || !phrase.MayHoldTitle(head)) {
		return
	}
	p := phrase.Parse(text, m.Span)
	if p.Kind != phrase.Name || p.Name == m.Head {
		return
	}
	switch {
	case p.Name.End >= m.Head.End && (p.Name.Start == m.Head.Start || p.Name.Start > m.Head.Start && lowerStart(head)):
		m.Head = p.Name
	case m.Head.Contains(p.Name) && nwords(p.Name.In(text)) >= 2:
		m.Head = p.Name
	default:
		return
	}
	if m.Type == quotewire.Organization && p.Role.End > p.Role.Start && isPersonNoun(strings.ToLower(lastWord(p.Role.In(text)))) && !phrase.OrgHead(strings.ToLower(lastWord(p.Name.In(text)))) {
		// "Infrastructure Committee Ranking Member Sam Graves": the
		// committee made the tagger say organisation; the role says person
		m.Type = quotewire.Person
	}
}

// orgBefore returns where an organisation's name starts when the text
// before off reads "<Org word> of|on|for " after a run of capitalised
// words ("House of ", "United States Commission on "), or -1.
func orgBefore(text string, off int) int {
	for _, prep := range [...]string{" of ", " on ", " for "} {
		if off < len(prep)+2 || text[off-len(prep):off] != prep {
			continue
		}
		end := off - len(prep)
		i := strings.LastIndexByte(text[:end], ' ') + 1
		w := text[i:end]
		if orgOf[w] {
			return i // "House of Commons"
		}
		if !phrase.OrgHead(strings.ToLower(w)) {
			return -1
		}
		// the capitalised words before the organisation word
		for i > 1 && text[i-1] == ' ' {
			j := strings.LastIndexByte(text[:i-1], ' ') + 1
			if c := text[j]; c < 'A' || c > 'Z' || strings.ContainsAny(text[j:i-1], "-.,;:()") {
				break
			}
			i = j
		}
		return i
	}
	return -1
}

// timeWords reports whether a word is a weekday or a month, capitalised.
func timeWords(w string) bool {
	switch strings.ToLower(w) {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"january", "february", "march", "april", "june", "july", "august", "september", "october",
		"november", "december":
		return true
	}
	return false
}

// orgOf are the words that start an organisation's name before "of":
// "House of Commons", "Bank of England".
var orgOf = map[string]bool{"House": true, "Bank": true, "University": true, "Department": true, "Ministry": true,
	"Chamber": true, "Court": true, "Board": true, "Office": true, "Council": true, "Church": true, "College": true}

// titleBefore returns where the title starts when the text before off
// reads "<title> from " or "<title> of " ("Senator from |Vermont Bernie
// Sanders", "Mayor of |Koszalin Piotr Jedlinski"), else -1.
func titleBefore(text string, off int) int {
	lo := max(0, off-40)
	before := strings.TrimRight(text[lo:off], " ")
	var prep string
	switch {
	case strings.HasSuffix(before, " from"):
		prep = " from"
	case strings.HasSuffix(before, " of"):
		prep = " of"
	default:
		return -1
	}
	rest := strings.TrimSuffix(before, prep)
	title := lastWord(rest)
	if title == "" || title[0] < 'A' || title[0] > 'Z' || !phrase.MayHoldTitle(title) || phrase.OrgHead(strings.ToLower(title)) {
		return -1
	}
	return lo + len(rest) - len(title)
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
		if nwords(k) == 1 {
			// "Terri" after "Republican state representative Terri
			// Collins": the one person of that first name
			found := -1
			for e := range r.d.Entities {
				en := &r.d.Entities[e]
				if en.Type != quotewire.Person || en.Anonymous || strings.IndexByte(en.Name, ' ') < 0 {
					continue
				}
				if ek := r.keyOf(en.Name); nwords(ek) >= 2 && firstWord(ek) == k {
					if found >= 0 && found != e {
						return -1
					}
					found = e
				}
			}
			return found
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
	if m.Kind == quotewire.NameMention && en.Type != quotewire.Group {
		name := cleanName(m.Head.In(d.Text))
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
			head = strings.TrimSuffix(text.TitleWord(head), "s")
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

// cleanName drops leading sentence words from a name ("Afterwards Trump"
// is Trump; a name of one word is left as it is) and what follows a comma
// ("Travis Hood, who witnessed the collision," is Travis Hood).
func cleanName(s string) string {
	if i := strings.IndexAny(s, ",;("); i > 0 {
		s = strings.TrimSpace(s[:i])
	}
	for {
		i := strings.IndexByte(s, ' ')
		if i < 0 || !phrase.SentenceWord(strings.ToLower(s[:i])) {
			return s
		}
		s = strings.TrimLeft(s[i+1:], " ")
	}
}

// insideQuote reports whether sp lies inside a quotation (QuoteSpans are
// sorted and do not overlap).
func (r *resolver) insideQuote(sp quotewire.Span) bool {
	qs := r.d.QuoteSpans
	i := sort.Search(len(qs), func(i int) bool { return qs[i].End >= sp.End })
	return i < len(qs) && qs[i].Contains(sp)
}

func (r *resolver) addMention(sp quotewire.Span, kind quotewire.MentionKind, e int) int {
	return r.addMentionHead(sp, sp, kind, e)
}

// addMentionHead adds a mention of entity e (none when -1) whose name is
// head, inside the span sp, and returns its index.
func (r *resolver) addMentionHead(sp, head quotewire.Span, kind quotewire.MentionKind, e int) int {
	d := r.d
	d.Mentions = append(d.Mentions, quotewire.Mention{Span: sp, Head: head, Kind: kind, Entity: -1})
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
	r.placesThatSpeak()
	r.officeHolders()
	keep := make([]int, len(d.Entities))
	speaker := make([]bool, len(d.Entities))
	for _, q := range d.Quotes {
		if q.Speaker >= 0 {
			speaker[q.Speaker] = true
		}
		if q.Via != nil && q.Via.Entity >= 0 {
			speaker[q.Via.Entity] = true
		}
	}
	var out []quotewire.Entity
	for e := range d.Entities {
		if (d.Entities[e].Type == "" || d.Entities[e].Anonymous) && !speaker[e] {
			// untyped, or an unnamed speaker whose quotes went to someone
			// named (see nameAnonymous, documentBefore)
			keep[e] = -1
			continue
		}
		keep[e] = len(out)
		en := d.Entities[e]
		if en.Type == "" {
			en.Type = quotewire.Person
		}
		if en.Type == quotewire.Person && !en.Anonymous && shouting(en.Name) {
			en.Name = titleCase(en.Name) // "ANDREW RIDLAND" in a story set in capitals
			if p := phrase.Parse(en.Name, quotewire.Span{Start: 0, End: len(en.Name)}); p.Kind == phrase.Name && p.Name.End-p.Name.Start < len(en.Name) && strings.IndexByte(p.Name.In(en.Name), ' ') > 0 {
				en.Name = p.Name.In(en.Name) // "PFC EDWARD MURPHY" is Edward Murphy
			}
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
		q := &d.Quotes[qi]
		if q.Speaker >= 0 {
			q.Speaker = keep[q.Speaker]
		}
		if q.Via != nil && q.Via.Entity >= 0 {
			q.Via.Entity = keep[q.Via.Entity]
		}
	}
}

// officeHolders names the unnamed speakers the article names elsewhere by
// their office: "a federal judge in Texas" is "District Judge Gray Miller"
// when he is the one person of the article who holds that office (its
// role's last word, "judge", is the descriptor's head).
func (r *resolver) officeHolders() {
	d := r.d
	for anon, head := range r.anonHead {
		en := &d.Entities[anon]
		if !en.Anonymous || en.Type != quotewire.Person || !isPersonNoun(head) {
			continue
		}
		switch head {
		case "official", "source", "man", "woman", "member", "leader", "chief", "officer", "spokesman", "spokeswoman", "spokesperson":
			continue // too common to single anyone out
		}
		holder := -1
		for e := range d.Entities {
			o := &d.Entities[e]
			if o.Type != quotewire.Person || o.Anonymous || e == anon {
				continue
			}
			for _, role := range o.Roles {
				if strings.TrimSuffix(text.TitleWord(strings.ToLower(strings.TrimSuffix(lastWord(role), "."))), "s") == head {
					if holder >= 0 && holder != e {
						holder = -2
					} else if holder == -1 {
						holder = e
					}
				}
			}
		}
		if holder < 0 {
			continue
		}
		for qi := range d.Quotes {
			if d.Quotes[qi].Speaker == anon {
				d.Quotes[qi].Speaker = holder
			}
		}
		for _, mi := range en.Mentions {
			d.Mentions[mi].Entity = holder
			d.Entities[holder].Mentions = append(d.Entities[holder].Mentions, mi)
		}
		en.Mentions = nil
	}
}

// placesThatSpeak fixes the speakers the tagger typed as places: a one-word
// place named like a person of the article ("Pierce" of Pierce County, and
// "Brock Pierce") is that person; any other place that speaks ("the United
// States said") is the state speaking, an organisation.
func (r *resolver) placesThatSpeak() {
	d := r.d
	var places []int
	for qi := range d.Quotes {
		if e := d.Quotes[qi].Speaker; e >= 0 && d.Entities[e].Type == quotewire.Place && !slices.Contains(places, e) {
			places = append(places, e)
		}
	}
	for _, pl := range places {
		person := -1
		if k := r.keyOf(d.Entities[pl].Name); nwords(k) == 1 {
			for e := range d.Entities {
				en := &d.Entities[e]
				if en.Type == quotewire.Person && !en.Anonymous && nwords(en.Name) > 1 && lastWord(r.keyOf(en.Name)) == k {
					person = e
				}
			}
		}
		if person < 0 {
			d.Entities[pl].Type = quotewire.Organization
			continue
		}
		for qi := range d.Quotes {
			if d.Quotes[qi].Speaker == pl {
				d.Quotes[qi].Speaker = person
			}
			if v := d.Quotes[qi].Via; v != nil && v.Entity == pl {
				v.Entity = person
			}
		}
		for _, mi := range d.Entities[pl].Mentions {
			d.Mentions[mi].Entity = person
			if !slices.Contains(d.Entities[person].Mentions, mi) {
				d.Entities[person].Mentions = append(d.Entities[person].Mentions, mi)
			}
		}
		d.Entities[pl].Mentions = nil
		d.Entities[pl].Type = ""
	}
}

// shouting reports whether a name of two words or more is written in
// capitals only ("ANDREW RIDLAND").
func shouting(name string) bool {
	if strings.IndexByte(name, ' ') < 0 {
		return false
	}
	letters := 0
	for _, r := range name {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 4
}

// titleCase writes each word of a name in capitals with a capital first
// letter: "ANDREW RIDLAND" → "Andrew Ridland", "MARIE-CLAIRE O'NEIL" →
// "Marie-Claire O'Neil".
func titleCase(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	up := true
	for _, r := range name {
		if up {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		up = !unicode.IsLetter(r)
	}
	return b.String()
}

// sortInts orders mention indices by position in the text.
func sortInts(ms []int, d *quotewire.Document) {
	sort.SliceStable(ms, func(i, j int) bool { return d.Mentions[ms[i]].Start < d.Mentions[ms[j]].Start })
}

// lowerStart reports whether s starts with a lower-case letter ("of
// Koszalin Piotr Jedlinski").
func lowerStart(s string) bool { return s != "" && s[0] >= 'a' && s[0] <= 'z' }
