package coref

// This file keeps, per article, what clusterNames reads from the text of a
// name mention's head: the same name recurs through an article ("Trump"
// twenty times), and its reading depends on nothing but its text and the
// type the tagger gave it.

import (
	"strings"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/phrase"
)

// headText holds what is known of one head text, each part made on first
// use.
type headText struct {
	shape    headShape
	hasShape bool
	// read is the reading of the head text with the tagged type read.typ,
	// when hasRead.
	read    nameReading
	hasRead bool
}

// oneWord reports whether s has no white space: phrase.NoName and
// phrase.MayHoldTitle say nothing of one word.
func oneWord(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\n', '\t', '\r':
			return false
		}
	}
	return true
}

// headShape is what fixHead asks of a head's text alone.
type headShape struct {
	// timeFirst: a time word opens a head of two words or more ("Friday
	// Ford Motor Company").
	timeFirst bool
	// words counts the space-separated words (nwords).
	words int
	// mayHoldTitle is phrase.MayHoldTitle of a head of two words or more,
	// false for one word.
	mayHoldTitle bool
}

// nameReading is what clusterNames makes of a name mention's head text,
// tagged with type typ.
type nameReading struct {
	typ quotewire.EntityType
	// skip: a nationality or a role, nobody's name (the mention gets no
	// entity and keeps its type).
	skip bool
	// mtype is the mention's type after reading ("U.S." a place, "Paris
	// Agreement" a work).
	mtype quotewire.EntityType
	// name is the name the entity is looked for by (canonical, or with its
	// prefix expanded); fname and ftyp are the name and type an entity
	// made for it gets, k the key of fname.
	name, fname, k string
	ftyp           quotewire.EntityType
	// lname is the name the mention gives its entity (linkedName), of
	// lwords words.
	lname  string
	lwords int
}

// head returns the entry of head text s, made on first use. The entries
// are cut from slabs, one for the heads of a whole article as a rule.
func (r *resolver) head(s string) *headText {
	if r.lastHead != nil && r.lastHeadText == s {
		return r.lastHead // fixHead's shape, then clusterNames' reading, of one head
	}
	h := r.heads[s]
	if h == nil {
		if r.heads == nil {
			r.heads = make(map[string]*headText, len(r.d.Mentions)/2)
		}
		if len(r.headSlab) == cap(r.headSlab) {
			r.headSlab = make([]headText, 0, max(16, len(r.d.Mentions)/2))
		}
		r.headSlab = r.headSlab[:len(r.headSlab)+1]
		h = &r.headSlab[len(r.headSlab)-1]
		r.heads[s] = h
	}
	r.lastHeadText, r.lastHead = s, h
	return h
}

// headShapeOf returns the shape of head text s, kept per text of two
// words or more.
func (r *resolver) headShapeOf(s string) headShape {
	if strings.IndexByte(s, ' ') < 0 {
		return headShape{words: 1}
	}
	h := r.head(s)
	if !h.hasShape {
		h.shape, h.hasShape = shapeOf(s), true
	}
	return h.shape
}

// shapeOf reads the shape of a head's text.
func shapeOf(s string) headShape {
	space := strings.IndexByte(s, ' ') > 0
	sh := headShape{words: nwords(s)}
	sh.timeFirst = space && phrase.IsTimeWordFold(firstWord(s))
	sh.mayHoldTitle = strings.IndexByte(s, ' ') >= 0 && phrase.MayHoldTitle(s)
	return sh
}

// readingOf returns the reading of head text s tagged with type typ,
// kept per text (and made again when the same text comes with another
// type).
func (r *resolver) readingOf(s string, typ quotewire.EntityType) *nameReading {
	h := r.head(s)
	if !h.hasRead || h.read.typ != typ {
		h.read, h.hasRead = r.readName(s, typ), true
	}
	return &h.read
}

// readName reads a name mention's head text s, tagged with type typ, as
// clusterNames matches it: its clean form, whether it names anybody, its
// canonical name and key.
func (r *resolver) readName(s string, typ quotewire.EntityType) nameReading {
	clean := cleanName(s)
	rd := nameReading{typ: typ, mtype: typ}
	name := clean
	person := typ == quotewire.Person
	if !person {
		name = quotewire.ExpandPrefix(name) // "U.S. Constitution" is the United States Constitution
	}
	expanded := name
	w, known := quotewire.CanonicalName(name)
	if known {
		// "U.S.", "US" and "the United States" are one place
		name, rd.mtype = w.Name, w.Type
	}
	if !known && typ != quotewire.Person && strings.IndexByte(name, ' ') < 0 && phrase.DemonymFold(name) {
		// "Russian" of "the Russian minister's visit": a nationality,
		// nobody's name
		return nameReading{typ: typ, skip: true}
	}
	k := "" // the key of name, where it is needed; read once per text, it needs no cache
	if !known {
		k = key(name)
	}
	if !known && isWorkKey(k) {
		// "the U.S. Constitution", "the Affordable Care Act": a
		// document, never a body
		rd.mtype = quotewire.Work
	}
	if !known && rd.mtype != quotewire.Place && rd.mtype != quotewire.Work && !oneWord(name) && phrase.NoName(name) {
		// "United States Senator" of "United States Senator from
		// Vermont Bernie Sanders": a role, nobody's name
		return nameReading{typ: typ, skip: true}
	}
	// CanonicalName of the name found, as find and newEntity would
	// look it up: an unknown name stays unknown
	fw, fknown := w, false
	if known {
		fw, fknown = quotewire.CanonicalName(name)
	}
	rd.name, rd.fname, rd.ftyp = name, name, rd.mtype // as newEntityCanon names and types it
	if fknown {
		rd.fname, rd.ftyp = fw.Name, fw.Type
	}
	if known {
		k = r.keyOf(rd.fname)
	}
	rd.k = k
	cw, cknown := w, known // CanonicalName(clean)
	if !person && expanded != clean {
		cw, cknown = quotewire.CanonicalName(clean)
	}
	rd.lname = linkedName(clean, rd.mtype, cw, cknown)
	rd.lwords = nwords(rd.lname)
	return rd
}
