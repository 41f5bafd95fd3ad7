package quotewire

import (
	"slices"
	"sort"
	"strings"
)

// Analysis is the output contract of quotewire extract: one article with
// its metadata, the text every offset refers to, its quotes, entities and
// repeated sentences. Offsets are UTF-8 byte offsets into Text, end
// exclusive; for every TextSpan s, Text[s.Start:s.End] == s.Text.
type Analysis struct {
	ID                string             `json:"id"`
	Title             string             `json:"title"`
	Date              string             `json:"date"`
	Dateline          string             `json:"dateline"`
	Agency            string             `json:"agency"`
	URL               string             `json:"url"`
	Text              string             `json:"text"`
	Quotes            []QuoteOut         `json:"quotes"`
	Entities          []EntityOut        `json:"entities"`
	RepeatedSentences []RepeatedSentence `json:"repeated_sentences"`
}

// TextSpan is a span together with the text it covers.
type TextSpan struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// ContentSpan is a quote's content: the span from its first to its last
// byte and, when the content is interrupted, its parts.
type ContentSpan struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Parts []Span `json:"parts,omitempty"`
}

// SpeakerRef names the entity a quote is attributed to.
type SpeakerRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Anonymous is true when the article never names the speaker and Name
	// is the descriptor that stands for them.
	Anonymous bool `json:"anonymous,omitempty"`
	// Wikidata is the item the speaker is linked to ("Q…"), when a
	// Wikidata index linked it (see EntityOut.Wikidata).
	Wikidata string `json:"wikidata,omitempty"`
}

// QuoteOut is one quote of an Analysis.
type QuoteOut struct {
	Type QuoteKind `json:"type"`
	// Act is statement, question, directive, belief, evaluation or other.
	Act        Act         `json:"act"`
	Content    ContentSpan `json:"content"`
	Cue        *TextSpan   `json:"cue"`
	Source     *TextSpan   `json:"source"`
	Speaker    *SpeakerRef `json:"speaker"`
	Confidence float64     `json:"confidence"`
	// Continued is true for a quote with no cue of its own that continues
	// the speaker of the quote before it (a later paragraph of one quote).
	Continued bool `json:"continued,omitempty"`
	// Via names who relayed the statement ("…, the newspaper reported"),
	// when the speaker is someone else.
	Via *SpeakerRef `json:"via,omitempty"`
	// ViaSource is the mention that names the relay, with Via.
	ViaSource *TextSpan `json:"via_source,omitempty"`
	// About are the named people, organisations and places the quote's
	// content mentions, the speaker left out, in the order they first
	// appear: what the quote is about.
	About []EntityRef `json:"about,omitempty"`
}

// EntityRef names an entity of the Analysis by its id.
type EntityRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Wikidata is the entity's item, when linked (EntityOut.Wikidata).
	Wikidata string `json:"wikidata,omitempty"`
}

// EntityOut is one entity of an Analysis.
type EntityOut struct {
	ID       string     `json:"id"`
	Name     string     `json:"name"`
	Type     EntityType `json:"type"`
	Roles    []string   `json:"roles"`
	Mentions []TextSpan `json:"mentions"`
	// Anonymous is true for a speaker the article never names.
	Anonymous bool `json:"anonymous,omitempty"`
	// Wikidata is the Wikidata item the entity is ("Q7747"), when a
	// Linker linked it by its name and the article's context; "" when
	// it is not linked (no index, no candidate, or none that fits).
	Wikidata string `json:"wikidata,omitempty"`
	// WikidataConfidence is how sure the link is, in (0, 1].
	WikidataConfidence float64 `json:"wikidata_confidence,omitempty"`
}

// SetWikidata records that entity id of the analysis is Wikidata item
// qid with confidence conf ("" unlinks it), on the entity and on every
// reference to it: the quotes' speakers, relays and what they are about.
func (a *Analysis) SetWikidata(id, qid string, conf float64) {
	if qid == "" {
		conf = 0
	}
	for i := range a.Entities {
		if a.Entities[i].ID == id {
			a.Entities[i].Wikidata, a.Entities[i].WikidataConfidence = qid, conf
		}
	}
	for i := range a.Quotes {
		q := &a.Quotes[i]
		if q.Speaker != nil && q.Speaker.ID == id {
			q.Speaker.Wikidata = qid
		}
		if q.Via != nil && q.Via.ID == id {
			q.Via.Wikidata = qid
		}
		for j := range q.About {
			if q.About[j].ID == id {
				q.About[j].Wikidata = qid
			}
		}
	}
}

// RepeatedSentence is a sentence the article contains more than once.
type RepeatedSentence struct {
	Text  string `json:"text"`
	Count int    `json:"count"`
}

func textSpan(text string, s Span) TextSpan {
	return TextSpan{Start: s.Start, End: s.End, Text: text[s.Start:s.End]}
}

func optSpan(text string, s *Span) *TextSpan {
	if s == nil {
		return nil
	}
	t := textSpan(text, *s)
	return &t
}

// NewAnalysis converts a processed Document to its output form.
func NewAnalysis(d *Document) *Analysis {
	a := &Analysis{
		ID: d.ID, Title: d.Title, Date: d.Date, Dateline: d.Dateline,
		Agency: d.Agency, URL: d.URL, Text: d.Text,
		Quotes:            make([]QuoteOut, 0, len(d.Quotes)),
		Entities:          make([]EntityOut, 0, len(d.Entities)),
		RepeatedSentences: make([]RepeatedSentence, 0, len(d.Repeats)),
	}
	byStart := nameMentionsByStart(d)
	heads := roleHeadsOf(d)
	for i := range d.Quotes {
		q := &d.Quotes[i]
		ext := q.Extent()
		c := ContentSpan{Start: ext.Start, End: ext.End, Text: d.Text[ext.Start:ext.End]}
		if len(q.Content) > 1 {
			c.Parts = append([]Span(nil), q.Content...)
		}
		act := q.Act
		if act == "" {
			act = Statement
		}
		o := QuoteOut{Type: q.Kind, Act: act, Content: c, Cue: optSpan(d.Text, q.Cue),
			Source: optSpan(d.Text, q.Source), Confidence: q.Confidence, Continued: q.Continued}
		if q.Speaker >= 0 && q.Speaker < len(d.Entities) {
			e := &d.Entities[q.Speaker]
			o.Speaker = &SpeakerRef{ID: e.ID, Name: e.Name, Anonymous: e.Anonymous}
		}
		if q.Via != nil {
			o.ViaSource = optSpan(d.Text, &q.Via.Source)
			if v := q.Via.Entity; v >= 0 && v < len(d.Entities) {
				e := &d.Entities[v]
				o.Via = &SpeakerRef{ID: e.ID, Name: e.Name, Anonymous: e.Anonymous}
			} else {
				o.Via = &SpeakerRef{Name: d.Text[q.Via.Source.Start:q.Via.Source.End]}
			}
		}
		o.About = aboutOf(d, q, byStart, heads)
		a.Quotes = append(a.Quotes, o)
	}
	for i := range d.Entities {
		e := &d.Entities[i]
		o := EntityOut{ID: e.ID, Name: e.Name, Type: e.Type, Roles: e.Roles, Anonymous: e.Anonymous,
			Mentions: make([]TextSpan, 0, len(e.Mentions))}
		if o.Roles == nil {
			o.Roles = []string{}
		}
		for _, m := range e.Mentions {
			sp := d.Mentions[m].Span
			if n := len(o.Mentions); n > 0 && o.Mentions[n-1].Start == sp.Start && o.Mentions[n-1].End == sp.End {
				continue // one span read twice (a name and a source)
			}
			o.Mentions = append(o.Mentions, textSpan(d.Text, sp))
		}
		a.Entities = append(a.Entities, o)
	}
	for _, r := range d.Repeats {
		a.RepeatedSentences = append(a.RepeatedSentences, RepeatedSentence{Text: r.Text, Count: r.Count})
	}
	return a
}

// FilterQuotes returns the quotes with at least the given confidence, in
// the same order, reusing qs's storage.
func FilterQuotes(qs []QuoteOut, min float64) []QuoteOut {
	out := qs[:0]
	for _, q := range qs {
		if q.Confidence >= min {
			out = append(out, q)
		}
	}
	return out
}

// aboutOf returns the named entities whose name mentions lie inside the
// quote's content, the speaker (and the relay) left out, each once. byStart
// are the indices of the document's name mentions sorted by start (see
// nameMentionsByStart): each quote costs a binary search and its own
// mentions, not a pass over the document's.
func aboutOf(d *Document, q *Quote, byStart []int, heads roleHeads) []EntityRef {
	var out []EntityRef
	var seen []int
	for _, c := range q.Content {
		i := sort.Search(len(byStart), func(i int) bool { return d.Mentions[byStart[i]].Start >= c.Start })
		for ; i < len(byStart) && d.Mentions[byStart[i]].Start < c.End; i++ {
			m := &d.Mentions[byStart[i]]
			e := m.Entity
			if m.End > c.End || e < 0 || e >= len(d.Entities) || e == q.Speaker || q.Via != nil && e == q.Via.Entity {
				continue
			}
			en := &d.Entities[e]
			if en.Anonymous || en.Type == "" || en.Type == Group || slices.Contains(seen, e) {
				continue
			}
			seen = append(seen, e)
			out = append(out, EntityRef{ID: en.ID, Name: en.Name})
		}
	}
	return append(out, describedIn(d, q, seen, heads)...)
}

// roleHeads maps the head of each role the article's named people have
// ("minister" of "Russian Foreign Minister") to the people with it, in
// entity order, at most maxHolders of them (a head with that many is
// ambiguous whoever a quote leaves out).
type roleHeads map[string][]int

// maxHolders is the most holders roleHeads keeps of one head: a quote
// leaves out at most two people (its speaker and its relay), so a third
// and a fourth tell that the head stays ambiguous.
const maxHolders = 4

// roleHeadsOf returns the role heads of the article's named people, once
// per article (describedIn reads them for every quote).
func roleHeadsOf(d *Document) roleHeads {
	heads := roleHeads{}
	for e := range d.Entities {
		en := &d.Entities[e]
		if en.Type != Person || en.Anonymous {
			continue
		}
		for _, r := range en.Roles {
			h := roleHead(r)
			if h == "" {
				continue
			}
			if hs := heads[h]; len(hs) < maxHolders && (len(hs) == 0 || hs[len(hs)-1] != e) {
				heads[h] = append(hs, e)
			}
		}
	}
	return heads
}

// holder returns the one person with role head h, the speaker and the
// relay of q left out, and whether there is exactly one.
func (heads roleHeads) holder(h string, q *Quote) (int, bool) {
	one, n := -1, 0
	for _, e := range heads[h] {
		if e == q.Speaker || q.Via != nil && e == q.Via.Entity {
			continue
		}
		one, n = e, n+1
	}
	return one, n == 1
}

// describedIn returns the named people a quote's content refers to by the
// head of a role the article gives them ("the minister", "the Turkish
// president"), when exactly one person of the article, the speaker and
// the relay aside, has a role of that head (heads); those in seen are
// left out.
func describedIn(d *Document, q *Quote, seen []int, heads roleHeads) []EntityRef {
	if len(heads) == 0 {
		return nil
	}
	var out []EntityRef
	// "the" and up to three words after it ("the minister", "the Turkish
	// president", "the foreign minister's"), read as the words go by: the
	// last four in a ring, each "the" looked at once the third word after
	// it (or the content's end) has come, so in the order of the "the"s,
	// each word lower-cased only where it is read (lower-casing and
	// splitting every content first cost more than the rest of the
	// output)
	var ring [4]string
	look := func(i, last int) {
		for j := i + 1; j <= last && j <= i+3; j++ {
			h := strings.TrimRight(strings.ToLower(ring[j&3]), ".,;:!?\"”")
			h = strings.TrimSuffix(strings.TrimSuffix(h, "'s"), "’s")
			if e, ok := heads.holder(h, q); ok && !slices.Contains(seen, e) {
				seen = append(seen, e)
				out = append(out, EntityRef{ID: d.Entities[e].ID, Name: d.Entities[e].Name})
				return
			}
		}
	}
	for _, c := range q.Content {
		n := 0
		for w := range strings.FieldsSeq(d.Text[c.Start:c.End]) {
			ring[n&3] = w
			n++
			if i := n - 4; i >= 0 && isThe(ring[i&3]) {
				look(i, n-1)
			}
		}
		for i := max(n-3, 0); i < n; i++ {
			if isThe(ring[i&3]) {
				look(i, n-1)
			}
		}
	}
	return out
}

// isThe reports whether w is "the" in any case.
func isThe(w string) bool {
	return len(w) == 3 && w[0]|0x20 == 't' && w[1]|0x20 == 'h' && w[2]|0x20 == 'e'
}

// roleHead is the last word of a role, lower case ("minister" of
// "Russian Foreign Minister").
func roleHead(r string) string {
	f := strings.Fields(strings.ToLower(r))
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// nameMentionsByStart returns the indices of the name mentions, sorted by
// where they start.
func nameMentionsByStart(d *Document) []int {
	var out []int
	for i := range d.Mentions {
		if d.Mentions[i].Kind == NameMention {
			out = append(out, i)
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return d.Mentions[out[a]].Start < d.Mentions[out[b]].Start })
	return out
}
