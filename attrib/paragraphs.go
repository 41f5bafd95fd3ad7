package attrib

import (
	"sort"

	"github.com/quotewire/quotewire"
)

// SplitParagraphs cuts the quotes of d as a reader does: a direct quote
// that runs over several paragraphs becomes one quote per paragraph, the
// later ones continuing the first (Quote.Continued, no cue of their own),
// and indirect content ends at the end of its paragraph. Parts of an
// interrupted quote in one paragraph (`"A," he said, "B."`) stay one
// quote. Quotes stay in text order.
func SplitParagraphs(d *quotewire.Document) {
	if len(d.Paragraphs) < 2 {
		return
	}
	split := false
	for i := range d.Quotes {
		q := &d.Quotes[i]
		if len(q.Content) > 0 && paraOf(d, q.Content[0].Start) != paraOf(d, lastByte(q.Content[len(q.Content)-1])) {
			split = true
			break
		}
	}
	if !split {
		return
	}
	out := make([]quotewire.Quote, 0, len(d.Quotes)+4)
	for _, q := range d.Quotes {
		if len(q.Content) == 0 || paraOf(d, q.Content[0].Start) == paraOf(d, lastByte(q.Content[len(q.Content)-1])) {
			out = append(out, q)
			continue
		}
		// the content's pieces, each inside one paragraph
		var pieces []quotewire.Span
		for _, c := range q.Content {
			for c.Start < c.End {
				p := paraOf(d, c.Start)
				end := c.End
				if p >= 0 && d.Paragraphs[p].End < end {
					end = d.Paragraphs[p].End
				}
				if piece := trimSpace(d.Text, quotewire.Span{Start: c.Start, End: end}); piece.End > piece.Start {
					pieces = append(pieces, piece)
				}
				if p < 0 || end == c.End || p+1 >= len(d.Paragraphs) {
					break
				}
				c.Start = d.Paragraphs[p+1].Start
			}
			if q.Kind == quotewire.Indirect && len(pieces) > 0 {
				break // indirect content ends at its paragraph
			}
		}
		if len(pieces) == 0 {
			out = append(out, q)
			continue
		}
		lead := q
		first := paraOf(d, pieces[0].Start)
		n := 1
		for n < len(pieces) && paraOf(d, pieces[n].Start) == first {
			n++
		}
		lead.Content = pieces[:n:n]
		out = append(out, lead)
		if q.Kind == quotewire.Indirect {
			continue
		}
		for n < len(pieces) {
			p := paraOf(d, pieces[n].Start)
			m := n + 1
			for m < len(pieces) && paraOf(d, pieces[m].Start) == p {
				m++
			}
			out = append(out, quotewire.Quote{
				Kind: q.Kind, Act: q.Act, Content: pieces[n:m:m], Mention: -1, Speaker: -1,
				Confidence: q.Confidence, Continued: true,
			})
			n = m
		}
	}
	d.Quotes = out
}

// paraOf returns the index of the paragraph holding byte off, or -1.
func paraOf(d *quotewire.Document, off int) int {
	ps := d.Paragraphs
	i := sort.Search(len(ps), func(i int) bool { return ps[i].End > off })
	if i < len(ps) && ps[i].Start <= off {
		return i
	}
	return -1
}

func lastByte(sp quotewire.Span) int {
	if sp.End > sp.Start {
		return sp.End - 1
	}
	return sp.Start
}

func trimSpace(text string, sp quotewire.Span) quotewire.Span {
	for sp.Start < sp.End && isSpaceByte(text[sp.Start]) {
		sp.Start++
	}
	for sp.End > sp.Start && isSpaceByte(text[sp.End-1]) {
		sp.End--
	}
	return sp
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }
