// Package coref resolves who is who: it groups name mentions into
// entities ("Russian Foreign Minister Sergey Lavrov" and "Lavrov" are one
// person) and resolves each quote's source mention — a name, a pronoun
// ("he") or a descriptor ("the minister") — to its speaker. A quote that
// continues an earlier one without a cue takes that quote's speaker.
package coref

import (
	"sort"
	"strings"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/learn"
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
	r.officesNamedLater()
	r.finish()
	return nil
}

func newResolver(d *quotewire.Document, rk *Ranker) *resolver {
	n := len(d.Mentions) + len(d.Quotes) // sized once: growing these maps cost more than filling them
	// keys serves the sources' look-ups (clusterNames reads a name's key
	// once per head text, uncached): a few per quote
	names := 0
	for i := range d.Mentions {
		if d.Mentions[i].Kind == quotewire.NameMention {
			names++
		}
	}
	return &resolver{d: d, ranker: rk, byKey: make(map[string]int, n), surnames: newSurnameIndex(n),
		keys: make(map[string]string, len(d.Quotes)), entKeys: make([]nameKey, 0, len(d.Mentions)), spoke: map[int]int{}, firstEntity: -1, notSpeaker: -1, lastGroup: -1,
		names: make([]int, 0, names)}
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
	// nameGenders are the genders entities' names say, by entity (see
	// nameGender).
	nameGenders []nameGender
	// genderEvents are the pronouns after each entity's name, by entity
	// (made on first use)
	genderEvents map[int][]genderEvent
	// scratch space of the ranker
	cands []rankCand
	feats []learn.Feature

	byKey map[string]int // lower-case full name -> entity
	// acronyms maps the key of an acronym defined in brackets after an
	// unnamed speaker's descriptor ("The Prime Minister’s Spokesman
	// (PMS)") to that speaker (made on first use).
	acronyms map[string]int
	// surnames lists entities by the last word of their name, newest
	// first.
	surnames surnameIndex
	// keys caches key() by name text.
	keys map[string]string
	// heads keeps what is read from the text of name mentions' heads, by
	// text (see headText; made on first use).
	heads map[string]*headText
	// headSlab holds the entries of heads.
	headSlab []headText
	// lastHead is the entry of heads asked for last, of text lastHeadText.
	lastHead     *headText
	lastHeadText string
	// mentionSlab holds the first room of entities' lists of mentions
	// (see mentionList).
	mentionSlab []int
	// entKeys are the entities' names and their keys, by entity (see
	// entityKey).
	entKeys []nameKey
	// names are the tagger's name mentions in text order.
	names []int
	// timelines of name mentions by position, for "the last X before here".
	anyType, outside map[quotewire.EntityType]*timeline
	byRoleHead       map[string]*timeline
	// anonHead is the head noun of each anonymous speaker, by entity.
	anonHead map[int]string
	// labelled are the speakers a transcript's label in capitals names
	// ("QUESTION:" a reporter): never someone named later.
	labelled map[int]bool
	// guessed are the one-word names the tagger gave no type that became
	// persons only because they spoke ("Siemens said"): "the company"
	// may still refer to them.
	guessed map[int]bool
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

// firstWord and lastWord return the first and last space-separated word
// of s without allocating; nwords counts them.
func firstWord(s string) string {
	if spaced(s) {
		s = strings.TrimSpace(s)
	}
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

func lastWord(s string) string {
	if spaced(s) {
		s = strings.TrimSpace(s)
	}
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}

func nwords(s string) int {
	if spaced(s) {
		s = strings.TrimSpace(s)
	}
	return strings.Count(s, " ") + 1
}

// trimSpace is strings.TrimSpace, which it calls only when s may start or
// end with white space (spaced).
func trimSpace(s string) string {
	if spaced(s) {
		return strings.TrimSpace(s)
	}
	return s
}

// spaced reports whether strings.TrimSpace may change s: s is empty, or
// starts or ends with a byte of ASCII control or space, or one above 0x7f
// (U+0085 and U+00A0 are white space too).
func spaced(s string) bool {
	n := len(s)
	return n == 0 || s[0]-0x21 >= 0x5f || s[n-1]-0x21 >= 0x5f
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
			// sized for every name: growing them cost more than the room
			tl = &timeline{starts: make([]int, 0, len(r.names)), ents: make([]int, 0, len(r.names))}
			m[t] = tl
		}
		return tl
	}
	// the timelines of all types, and by type: an article has few types,
	// found by a linear search
	var anyAll, outAll *timeline
	var byType []typeTimelines
	// the timelines of the heads of each entity's roles, found once per
	// entity
	heads := make([][]*timeline, len(d.Entities))
	read := make([]bool, len(d.Entities))
	for _, mi := range r.names {
		m := &d.Mentions[mi]
		e := m.Entity
		if e < 0 {
			continue
		}
		typ := d.Entities[e].Type
		var tt *typeTimelines
		byType, tt = timelinesOf(byType, typ)
		if anyAll == nil {
			anyAll = get(r.anyType, "")
		}
		anyAll.add(m.Start, e)
		if tt.any == nil {
			tt.any = get(r.anyType, typ)
		}
		tt.any.add(m.Start, e)
		if !r.insideQuote(m.Span) {
			if outAll == nil {
				outAll = get(r.outside, "")
			}
			outAll.add(m.Start, e)
			if tt.out == nil {
				tt.out = get(r.outside, typ)
			}
			tt.out.add(m.Start, e)
		}
		if !read[e] {
			read[e] = true
			for _, role := range d.Entities[e].Roles {
				if head := roleHead(role); head != "" {
					heads[e] = append(heads[e], r.roleTimeline(head))
				}
			}
		}
		for _, tl := range heads[e] {
			if n := len(tl.starts); n == 0 || tl.starts[n-1] != m.Start {
				tl.add(m.Start, e)
			}
		}
	}
}

// typeTimelines are the timelines of one entity type, of all its
// mentions and of those outside quotations, nil until made.
type typeTimelines struct {
	typ      quotewire.EntityType
	any, out *timeline
}

// timelinesOf returns the entry of typ in ts, added when missing, and ts.
func timelinesOf(ts []typeTimelines, typ quotewire.EntityType) ([]typeTimelines, *typeTimelines) {
	for i := range ts {
		if ts[i].typ == typ {
			return ts, &ts[i]
		}
	}
	ts = append(ts, typeTimelines{typ: typ})
	return ts, &ts[len(ts)-1]
}

// roleTimeline returns the timeline of the entities with a role whose
// head is head, made on first use.
func (r *resolver) roleTimeline(head string) *timeline {
	tl := r.byRoleHead[head]
	if tl == nil {
		// room for a few mentions in one allocation: most role heads have
		// few, and growing the lists cost more than the room
		const room = 8
		buf := make([]int, 2*room)
		tl = &timeline{starts: buf[:0:room], ents: buf[room : room : 2*room]}
		r.byRoleHead[head] = tl
	}
	return tl
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

// lowerStart reports whether s starts with a lower-case letter ("of
// Koszalin Piotr Jedlinski").
func lowerStart(s string) bool { return s != "" && s[0] >= 'a' && s[0] <= 'z' }
