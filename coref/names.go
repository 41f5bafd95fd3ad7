package coref

// This file groups the tagger's name mentions into entities: the head of
// each name, acronyms, surnames and first names, and how entities are found.

import (
	"slices"
	"strings"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/phrase"
)

// clusterNames groups the name mentions, in text order, into entities.
func (r *resolver) clusterNames() {
	d := r.d
	for mi := range d.Mentions {
		m := &d.Mentions[mi]
		if m.Kind != quotewire.NameMention {
			continue
		}
		r.fixHead(m)
		rd := r.readingOf(m.Head.In(d.Text), m.Type)
		if rd.skip {
			m.Entity = -1
			continue
		}
		m.Type = rd.mtype
		r.names = append(r.names, mi)
		e := r.findKey(rd.k, m.Type)
		if e < 0 {
			e = r.newEntityKey(rd.fname, rd.k, rd.ftyp)
		}
		r.linkNamed(mi, e, rd.lname, rd.lwords)
		if acr, ok := acronymAfter(d.Text, m.Span.End); ok && (initialsOf(rd.name, acr) || m.Type == quotewire.Organization) {
			// "Home Affairs Select Committee (HASC)": HASC is the
			// committee; an organisation's acronym in brackets is its
			// acronym whatever its language ("Federal Security Service
			// (FSB)", "Doctors Without Borders (MSF)")
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

// workHeads end the names of documents, laws and agreements.
var workHeads = map[string]bool{"constitution": true, "amendment": true, "act": true, "treaty": true, "charter": true,
	"accord": true, "accords": true, "agreement": true, "declaration": true, "resolution": true, "protocol": true,
	"doctrine": true, "manifesto": true}

// isWorkKey reports whether a name, whose key is k, is a document's, law's or agreement's:
// "Constitution", or two words or more ending with a work's head ("U.S.
// Constitution", "Paris Agreement", "Affordable Care Act").
func isWorkKey(k string) bool {
	if k == "constitution" {
		return true
	}
	i := strings.LastIndexByte(k, ' ')
	return i > 0 && workHeads[k[i+1:]]
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
	sh := r.headShapeOf(head)
	if sh.timeFirst {
		// "Friday Ford Motor Company" of "On Friday Ford Motor Company
		// announced"
		j := strings.IndexByte(head, ' ') + 1
		m.Head.Start += j
		if m.Span.Start < m.Head.Start {
			m.Span.Start = m.Head.Start
		}
		head = head[j:]
		sh = shapeOf(head)
	}
	if m.Head.Start == m.Span.Start && sh.words >= 3 {
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
	if !domain && !lowerStart(head) && !sh.mayHoldTitle {
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
	case strings.HasSuffix(before, " for"):
		prep = " for" // "Assistant Attorney General for Civil Rights Vanita Gupta"
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
func key(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return quotewire.NameKey(s)
		}
	}
	return asciiKey(s)
}

// asciiKey is quotewire.NameKey for a name in ASCII, without its
// per-letter Unicode tables: lower case, letters and digits kept, runs of
// anything else one space, an apostrophe dropped, a possessive "'s" and
// leading courtesy titles left out.
func asciiKey(s string) string {
	var arr [64]byte
	b := arr[:0]
	space := false
	for i := 0; i < len(s); i++ {
		switch c := keyBytes[s[i]]; c {
		case '\'':
			if rest := s[i+1:]; len(rest) > 0 && rest[0] == 's' && (len(rest) == 1 || !asciiLetter(rest[1])) {
				k := string(b)
				if t := asciiKey(rest[1:]); t != "" {
					k += " " + t
				}
				return finishKey(k)
			}
		case 0:
			space = true
		default:
			if space && len(b) > 0 {
				b = append(b, ' ')
			}
			space = false
			b = append(b, c)
		}
	}
	return finishKey(string(b))
}

// keyBytes holds what asciiKey makes of each byte: a letter in lower
// case, a digit, the apostrophe, or 0 for a byte that separates words.
var keyBytes = func() (t [256]byte) {
	for c := byte('a'); c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = c, c
	}
	for c := byte('0'); c <= '9'; c++ {
		t[c] = c
	}
	t['\''] = '\''
	return t
}()

func asciiLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// finishKey drops leading courtesy titles from a key, as NameKey does.
func finishKey(k string) string {
	for {
		i := strings.IndexByte(k, ' ')
		if i < 0 {
			return k
		}
		switch k[:i] {
		case "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof":
			k = k[i+1:]
		default:
			return k
		}
	}
}

// keyOf returns key(s), cached: the same names recur through an article.
func (r *resolver) keyOf(s string) string {
	if k, ok := r.keys[s]; ok {
		return k
	}
	k := key(s)
	r.keys[s] = k
	return k
}

// entityKey returns the key of entity e's name, kept by entity: the
// same as r.keyOf(r.d.Entities[e].Name), without the map look-up while
// the name is the one last seen.
func (r *resolver) entityKey(e int) string { return r.entityNameKey(e).key }

// entityNameKey returns entity e's name with its key, kept by entity and
// made again when the name has changed.
func (r *resolver) entityNameKey(e int) *nameKey {
	name := r.d.Entities[e].Name
	if e < len(r.entKeys) {
		if c := &r.entKeys[e]; c.name == name {
			return c
		}
	} else {
		r.entKeys = append(r.entKeys, make([]nameKey, e+1-len(r.entKeys))...)
	}
	r.entKeys[e] = makeNameKey(name, r.keyOf(name))
	return &r.entKeys[e]
}

// nameKey is a name, its key, the key's first word when it has two
// words or more, and the name's number of words (nwords).
type nameKey struct {
	name, key, first string
	words            int
}

func makeNameKey(name, k string) nameKey {
	c := nameKey{name: name, key: k, words: nwords(name)}
	if nwords(k) >= 2 {
		c.first = firstWord(k)
	}
	return c
}

// find returns the entity a name refers to: the same full name, or a
// person whose name ends with this surname, or whose surname this name
// ends with; -1 when none.
func (r *resolver) find(name string, typ quotewire.EntityType) int {
	w, ok := quotewire.CanonicalName(name)
	return r.findCanon(name, typ, w, ok)
}

// findCanon is find with quotewire.CanonicalName(name), which the caller
// has at hand.
func (r *resolver) findCanon(name string, typ quotewire.EntityType, w quotewire.WellKnown, ok bool) int {
	if ok {
		name = w.Name // "UN" is the United Nations
	}
	return r.findKey(r.keyOf(name), typ)
}

// findKey is find of the name whose key (after CanonicalName) is k.
func (r *resolver) findKey(k string, typ quotewire.EntityType) int {
	if e, ok := r.byKey[k]; ok {
		if typ == quotewire.Person {
			e = r.personNamed(e) // "Fields said" after "James Alex Fields", "Fields" a place in the word lists
		}
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
		for i := r.surnames.first(quotewire.Surname(k)); i >= 0; i = r.surnames.nodes[i].prev {
			e := r.surnames.nodes[i].e
			en := &r.d.Entities[e]
			if en.Type != quotewire.Person && (en.Type != "" || nwords(en.Name) < 2) {
				continue // a person, or a full name the tagger gave no type ("Ursula von der Leyen")
			}
			ek := r.entityKey(e)
			if one || nwords(ek) == 1 || first == firstWord(ek) || endsWithWords(ek, k) {
				// "Tim Kee" after "Raymond Tim Kee": the end of the full name
				return e
			}
		}
		if nwords(k) == 1 {
			// "Terri" after "Republican state representative Terri
			// Collins": the one person of that first name
			return r.firstNamed(k)
		}
	}
	return -1
}

// firstNamed returns the one person not unnamed whose full name starts
// with the one word whose key is k, or -1 when none or several.
func (r *resolver) firstNamed(k string) int {
	found := -1
	for e := range r.d.Entities {
		en := &r.d.Entities[e]
		if en.Type != quotewire.Person || en.Anonymous || strings.IndexByte(en.Name, ' ') < 0 {
			continue
		}
		if c := r.entityNameKey(e); c.first == k && c.first != "" {
			if found >= 0 && found != e {
				return -1
			}
			found = e
		}
	}
	return found
}

func (r *resolver) newEntity(name string, typ quotewire.EntityType) int {
	w, ok := quotewire.CanonicalName(name)
	return r.newEntityCanon(name, typ, w, ok)
}

// newEntityCanon is newEntity with quotewire.CanonicalName(name), which
// the caller has at hand.
func (r *resolver) newEntityCanon(name string, typ quotewire.EntityType, w quotewire.WellKnown, ok bool) int {
	if ok {
		name, typ = w.Name, w.Type
	}
	return r.newEntityKey(name, r.keyOf(name), typ)
}

// newEntityKey makes the entity of name, whose key is k, and type typ.
func (r *resolver) newEntityKey(name, k string, typ quotewire.EntityType) int {
	r.d.Entities = append(r.d.Entities, quotewire.Entity{Name: name, Type: typ})
	e := len(r.d.Entities) - 1
	if e == len(r.entKeys) {
		r.entKeys = append(r.entKeys, makeNameKey(name, k))
	} else {
		r.entKeys = append(r.entKeys, make([]nameKey, e+1-len(r.entKeys))...)
		r.entKeys[e] = makeNameKey(name, k)
	}
	r.byKey[k] = e
	r.aliasCompany(k, e)
	r.indexSurname(k, e)
	return e
}

// companySuffixes end a company's name and are left out when it is
// named again: "Acme" after "Acme Corp.".
var companySuffixes = map[string]bool{"corp": true, "inc": true, "ltd": true, "co": true, "plc": true, "llc": true, "corporation": true, "company": true}

// aliasCompany makes "Acme" find the entity named "Acme Corp.", whose
// name's key is k.
func (r *resolver) aliasCompany(k string, e int) {
	i := strings.LastIndexByte(k, ' ')
	if i <= 0 || !companySuffixes[k[i+1:]] {
		return
	}
	if _, taken := r.byKey[k[:i]]; !taken {
		r.byKey[k[:i]] = e
	}
}

// link attaches mention mi to entity e, keeping the fullest name and
// gathering roles.
func (r *resolver) link(mi, e int) {
	m := &r.d.Mentions[mi]
	clean := ""
	if m.Kind == quotewire.NameMention && r.d.Entities[e].Type != quotewire.Group {
		clean = cleanName(m.Head.In(r.d.Text))
	}
	r.linkName(mi, e, clean)
}

// linkName is link with the cleaned name of mention mi's head
// (cleanName), which the caller has at hand.
func (r *resolver) linkName(mi, e int, clean string) {
	name := ""
	if m := &r.d.Mentions[mi]; m.Kind == quotewire.NameMention && r.d.Entities[e].Type != quotewire.Group {
		w, ok := quotewire.CanonicalName(clean)
		name = linkedName(clean, m.Type, w, ok)
	}
	r.linkNamed(mi, e, name, nwords(name))
}

// linkedName is the name a name mention, cleaned and of type typ, gives
// its entity: the canonical name when it is well known (cw, cknown are
// quotewire.CanonicalName(clean)), else clean with its prefix expanded
// unless it is a person's.
func linkedName(clean string, typ quotewire.EntityType, cw quotewire.WellKnown, cknown bool) string {
	switch {
	case cknown:
		return cw.Name
	case typ != quotewire.Person:
		return quotewire.ExpandPrefix(clean)
	}
	return clean
}

// linkNamed is link with the name a name mention gives its entity
// (linkedName) and its number of words, which the caller has at hand.
func (r *resolver) linkNamed(mi, e int, name string, words int) {
	d := r.d
	m := &d.Mentions[mi]
	m.Entity = e
	en := &d.Entities[e]
	if en.Mentions == nil {
		en.Mentions = r.mentionList()
	}
	en.Mentions = append(en.Mentions, mi)
	if m.Kind == quotewire.NameMention && en.Type != quotewire.Group {
		if words > r.entityNameKey(e).words {
			en.Name = name
			k := r.entityKey(e)
			r.byKey[k] = e
			r.aliasCompany(k, e)
			r.indexSurname(k, e)
		}
		if en.Type == "" || m.Type == quotewire.Person && en.Type != quotewire.Person && len(m.Roles) > 0 {
			en.Type = m.Type
		}
	}
	for _, role := range m.Roles {
		if !slices.Contains(en.Roles, role) {
			en.Roles = append(en.Roles, role)
		}
	}
}

// mentionsRoom is the room an entity's list of mentions starts with.
const mentionsRoom = 4

// mentionList returns an empty list of mentions with room for
// mentionsRoom, cut from a slab shared by the article's entities: most
// entities are mentioned a few times, and the lists of their own cost an
// allocation each time they grow.
func (r *resolver) mentionList() []int {
	if len(r.mentionSlab)+mentionsRoom > cap(r.mentionSlab) {
		r.mentionSlab = make([]int, 0, mentionsRoom*max(16, len(r.d.Mentions)/2))
	}
	n := len(r.mentionSlab)
	r.mentionSlab = r.mentionSlab[:n+mentionsRoom]
	return r.mentionSlab[n : n : n+mentionsRoom]
}

// indexSurname records e under the last word of its name, whose key is k.
func (r *resolver) indexSurname(k string, e int) {
	if k == "" {
		return
	}
	r.surnames.add(quotewire.Surname(k), e)
}

// endsWithWords reports whether s ends with a space and then k ("raymond
// tim kee" ends with "tim kee"), without allocating.
func endsWithWords(s, k string) bool {
	return len(s) > len(k) && s[len(s)-len(k)-1] == ' ' && strings.HasSuffix(s, k)
}

// cleanName drops leading sentence words from a name ("Afterwards Trump"
// is Trump; a name of one word is left as it is) and what follows a comma
// ("Travis Hood, who witnessed the collision," is Travis Hood).
func cleanName(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == ',' || c == ';' || c == '(' {
			if i > 0 {
				s = strings.TrimSpace(s[:i])
			}
			break
		}
	}
	for {
		i := strings.IndexByte(s, ' ')
		if i < 0 || !phrase.SentenceWordFold(s[:i]) {
			return s
		}
		s = strings.TrimLeft(s[i+1:], " ")
	}
}
