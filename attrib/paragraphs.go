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
	cueAhead(d)
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
// cueAhead takes its cue and source from a direct quote whose cue is in a
// later paragraph than all of its content: a quoted paragraph is not the
// content of "Sat Maharaj also told …" in the next. Left without a cue, it
// continues the speaker before it (see Continuations).
func cueAhead(d *quotewire.Document) {
	for i := range d.Quotes {
		q := &d.Quotes[i]
		if q.Cue == nil || len(q.Content) == 0 || q.Kind != quotewire.Direct {
			continue
		}
		if paraOf(d, q.Cue.Start) > paraOf(d, lastByte(q.Content[len(q.Content)-1])) {
			q.Cue, q.Source = nil, nil
		}
	}
}

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

// Continuations marks as continuations the direct quotes that have no
// cue and no source of their own and follow a quote in the same or the
// previous paragraph: "X said the plan works. ¶ "It is working," ¶ …" is
// X's. Only quotes of four words or more count: a quoted title or a scare
// quote is nobody's statement.
func Continuations(d *quotewire.Document) {
	orphanParagraphs(d)
	for i := 1; i < len(d.Quotes); i++ {
		q := &d.Quotes[i]
		if q.Cue != nil || q.Source != nil || q.Continued || q.Kind != quotewire.Direct || len(q.Content) == 0 {
			continue
		}
		prev := &d.Quotes[i-1]
		if len(prev.Content) == 0 || prev.Source == nil && !prev.Continued {
			continue
		}
		pp := paraOf(d, lastByte(prev.Content[len(prev.Content)-1]))
		qp := paraOf(d, q.Content[0].Start)
		if pp < 0 || qp < 0 || qp-pp > 1 || words(d.Text, q.Extent()) < 4 {
			continue
		}
		q.Continued = true
	}
}

// words counts the space-separated words of text[sp].
func words(text string, sp quotewire.Span) int {
	n, in := 0, false
	for i := sp.Start; i < sp.End; i++ {
		if isSpaceByte(text[i]) {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}

// orphanParagraphs adds, as quotes with no cue, the quotations in marks
// that open a paragraph and fill most of it when no quote holds them and
// the quote before them is in the paragraph before: the quoted paragraphs
// that follow "X says the training helps." Continuations then gives them
// to X.
func orphanParagraphs(d *quotewire.Document) {
	if len(d.QuoteSpans) == 0 || len(d.Quotes) == 0 {
		return
	}
	var add []quotewire.Quote
	qi := 0         // quotes are in text order
	lastAdded := -2 // the paragraph of the last quotation added
	for _, sp := range d.QuoteSpans {
		p := paraOf(d, sp.Start)
		if p < 0 || sp.Start != d.Paragraphs[p].Start || 2*(sp.End-sp.Start) < d.Paragraphs[p].End-d.Paragraphs[p].Start || words(d.Text, sp) < 4 {
			continue
		}
		for qi < len(d.Quotes) && d.Quotes[qi].Extent().End <= sp.Start {
			qi++
		}
		if qi < len(d.Quotes) && d.Quotes[qi].Extent().Start < sp.End {
			continue // a quote holds it
		}
		if qi == 0 {
			continue
		}
		prev := d.Quotes[qi-1]
		if pp := paraOf(d, lastByte(prev.Extent())); p-lastAdded != 1 && (pp < 0 || p-pp > 1 || prev.Source == nil && !prev.Continued) {
			continue // (a quotation right after one added goes on with it: "X said A. ¶ “B ¶ “C ¶ “D.”")
		}
		add = append(add, quotewire.Quote{Kind: quotewire.Direct, Content: []quotewire.Span{sp}, Mention: -1, Speaker: -1,
			Confidence: confidence[ruleContinued], Continued: true})
		lastAdded = p
	}
	if len(add) == 0 {
		return
	}
	d.Quotes = append(d.Quotes, add...)
	sortQuotes(d)
}

// sortQuotes puts the quotes of d in text order, by where their content
// starts; quotes that start together keep their order.
func sortQuotes(d *quotewire.Document) {
	sort.SliceStable(d.Quotes, func(i, j int) bool { return d.Quotes[i].Content[0].Start < d.Quotes[j].Content[0].Start })
}

// SplitAtCue makes two quotes of a quote whose two parts its cue divides
// when the second part is a statement of its own, as a reader counts
// them (docs/ANNOTATION.md, "Split by the cue"): "this was not a standard
// exercise, said Lt. Col. Nathaniel Stobert. “When we came up with …”"
// and "Several hundred medics are about to be deployed, Chan said, and an
// emergency committee will meet …". Both keep the source and the cue. A
// cue set inside one clause ("because, he says, cowpats …", "…, according
// to officials, with burns …") and a direct quote interrupted by its cue
// (`"A," he said, "B."`, one quote with two parts) stay as they are.
func SplitAtCue(d *quotewire.Document) {
	n := len(d.Quotes)
	for i := 0; i < n; i++ {
		q := &d.Quotes[i]
		if len(q.Content) != 2 || q.Cue == nil || q.Kind == quotewire.Direct {
			continue
		}
		a, b := q.Content[0], q.Content[1]
		if a.End > q.Cue.Start || q.Cue.End > b.Start {
			continue
		}
		rest := d.Text[b.Start:b.End]
		newSentence := sentenceOf(d, b.Start) != sentenceOf(d, q.Cue.Start)
		joined := false
		for _, c := range [...]string{"and ", "but "} {
			if len(rest) > len(c)+10 && rest[:len(c)] == c {
				b.Start += len(c)
				joined = true
				break
			}
		}
		if !newSentence && !joined {
			continue
		}
		second := *q
		second.Content = []quotewire.Span{b}
		second.Kind = d.KindOf(second.Content)
		q.Content = []quotewire.Span{a}
		q.Kind = d.KindOf(q.Content)
		d.Quotes = append(d.Quotes, second)
	}
	if len(d.Quotes) > n {
		sortQuotes(d)
	}
}

// sentenceOf returns the index of the sentence holding byte offset off, or
// -1.
func sentenceOf(d *quotewire.Document, off int) int {
	k := d.TokenAt(off)
	if k < 0 || k >= len(d.Tokens) {
		return -1
	}
	return d.Tokens[k].Sentence
}
