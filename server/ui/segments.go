package ui

import (
	"sort"
	"unicode/utf8"

	"github.com/quotewire/quotewire"
)

// Segment roles: what part of a quote a segment's text is, if any.
const (
	RolePlain   = "plain"   // not part of any quote
	RoleContent = "content" // what was said
	RoleSource  = "source"  // the mention naming who said it ("he", "the minister")
	RoleCue     = "cue"     // the cue ("said", "according to")
)

// Segment is one consecutive piece of an article's text, so that a client
// can show quotes highlighted by rendering each piece as a text node
// (never as HTML).
type Segment struct {
	// Start and End are the piece's byte offsets in the article text.
	Start int `json:"start"`
	End   int `json:"end"`
	// Text is the article text from Start to End.
	Text string `json:"text"`
	// Quote is the index in Analysis.Quotes of the quote the piece belongs
	// to, or -1 for plain text.
	Quote int `json:"quote"`
	// Role is RoleContent, RoleSource, RoleCue or RolePlain.
	Role string `json:"role"`
	// Entity is the type of the named entity ("person", "organization",
	// "place") whose mention covers the piece, and EntityID its id in
	// Analysis.Entities; both empty outside mentions. Entity mentions are
	// marked independently of quotes: a name inside a quote's content is
	// both content and a person.
	Entity   quotewire.EntityType `json:"entity,omitempty"`
	EntityID string               `json:"entity_id,omitempty"`
}

// rank orders roles when spans overlap: the higher wins.
var rank = map[string]int{RoleContent: 1, RoleSource: 2, RoleCue: 3}

// Segments splits a's text into consecutive segments that, concatenated,
// give the text back exactly; there is at least one segment unless the
// text is empty.
//
// A quote contributes its content (its parts, when the content is
// interrupted, so the words between them are not content), its source and
// its cue. When spans overlap, each byte goes to one of the spans covering
// it, chosen by, in order:
//
//  1. role: cue before source before content (a cue or source inside a
//     content span is usually the attribution of a nested quote, and the
//     short span would otherwise vanish inside the long one);
//  2. the shorter span (the innermost quote);
//  3. the lower quote index;
//  4. the earlier start.
//
// Entity mentions are laid over this independently: where mentions
// overlap, the shorter wins. Adjacent bytes with the same quote, role and
// entity form one segment. Spans that
// fall outside the text, are empty, or do not start and end on UTF-8 rune
// boundaries are ignored, so every segment's text is valid where the
// article's is.
func Segments(a *quotewire.Analysis) []Segment {
	text := a.Text
	type span struct {
		start, end, quote, rank int
		role                    string
	}
	var spans []span
	add := func(q int, role string, start, end int) {
		if start < 0 || end > len(text) || start >= end || !runeBoundary(text, start) || !runeBoundary(text, end) {
			return
		}
		spans = append(spans, span{start, end, q, rank[role], role})
	}
	for i := range a.Quotes {
		q := &a.Quotes[i]
		if len(q.Content.Parts) > 0 {
			for _, p := range q.Content.Parts {
				add(i, RoleContent, p.Start, p.End)
			}
		} else {
			add(i, RoleContent, q.Content.Start, q.Content.End)
		}
		if q.Source != nil {
			add(i, RoleSource, q.Source.Start, q.Source.End)
		}
		if q.Cue != nil {
			add(i, RoleCue, q.Cue.Start, q.Cue.End)
		}
	}
	type mention struct {
		start, end int
		typ        quotewire.EntityType
		id         string
	}
	var mentions []mention
	for _, e := range a.Entities {
		for _, m := range e.Mentions {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End || !runeBoundary(text, m.Start) || !runeBoundary(text, m.End) {
				continue
			}
			mentions = append(mentions, mention{m.Start, m.End, e.Type, e.ID})
		}
	}
	sort.SliceStable(mentions, func(i, j int) bool { return mentions[i].start < mentions[j].start })
	// sweep the elementary intervals between consecutive span boundaries,
	// keeping the spans that cover the current one
	bounds := []int{0, len(text)}
	for _, s := range spans {
		bounds = append(bounds, s.start, s.end)
	}
	for _, m := range mentions {
		bounds = append(bounds, m.start, m.end)
	}
	sort.Ints(bounds)
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	better := func(s, b span) bool {
		switch {
		case s.rank != b.rank:
			return s.rank > b.rank
		case s.end-s.start != b.end-b.start:
			return s.end-s.start < b.end-b.start
		case s.quote != b.quote:
			return s.quote < b.quote
		}
		return s.start < b.start
	}
	segs := []Segment{}
	var active []span
	var activeM []mention
	next, nextM := 0, 0
	for i := 0; i+1 < len(bounds); i++ {
		lo, hi := bounds[i], bounds[i+1]
		if lo == hi {
			continue
		}
		kept := active[:0]
		for _, s := range active {
			if s.end > lo {
				kept = append(kept, s)
			}
		}
		active = kept
		for ; next < len(spans) && spans[next].start <= lo; next++ {
			if spans[next].end > lo {
				active = append(active, spans[next])
			}
		}
		quote, role := -1, RolePlain
		if len(active) > 0 {
			best := active[0]
			for _, s := range active[1:] {
				if better(s, best) {
					best = s
				}
			}
			quote, role = best.quote, best.role
		}
		keptM := activeM[:0]
		for _, m := range activeM {
			if m.end > lo {
				keptM = append(keptM, m)
			}
		}
		activeM = keptM
		for ; nextM < len(mentions) && mentions[nextM].start <= lo; nextM++ {
			if mentions[nextM].end > lo {
				activeM = append(activeM, mentions[nextM])
			}
		}
		var etype quotewire.EntityType
		var eid string
		if len(activeM) > 0 {
			best := activeM[0]
			for _, m := range activeM[1:] {
				if m.end-m.start < best.end-best.start {
					best = m
				}
			}
			etype, eid = best.typ, best.id
		}
		if n := len(segs); n > 0 && segs[n-1].Quote == quote && segs[n-1].Role == role && segs[n-1].EntityID == eid {
			segs[n-1].End = hi
			segs[n-1].Text = text[segs[n-1].Start:hi]
			continue
		}
		segs = append(segs, Segment{Start: lo, End: hi, Text: text[lo:hi], Quote: quote, Role: role, Entity: etype, EntityID: eid})
	}
	return segs
}

// runeBoundary reports whether offset i of s is at the start of a rune or
// at the end of s.
func runeBoundary(s string, i int) bool {
	return i == len(s) || utf8.RuneStart(s[i])
}
