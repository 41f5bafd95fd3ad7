package attrib

import (
	"slices"
	"strings"

	"github.com/quotewire/quotewire"
)

// ColonBlocks adds to d the statements set as paragraphs of their own
// after a lead-in that ends in a colon (see colonBlocks), around the quotes
// already found. It runs after the learned model, which PolNeAR's news
// never taught this shape, so the model's input does not depend on it.
func ColonBlocks(d *quotewire.Document) {
	n := len(d.Tokens)
	if n == 0 || len(d.Paragraphs) < 2 {
		return
	}
	lead := false
	for _, p := range d.Paragraphs[:len(d.Paragraphs)-1] {
		if p.End > p.Start && d.Text[p.End-1] == ':' {
			lead = true
			break
		}
	}
	if !lead {
		return // no paragraph ends in a colon: nothing to read
	}
	s := quoteState(d)
	// a quote whose cue ends a colon lead-in but whose content comes before
	// it (the model reading "Home Secretary Priti Patel said:" backwards, or
	// taking "Clare Dinnis, National Flood Duty Manager, said:" for its own
	// content) gives way to the statement after the colon
	backwards := map[int]bool{}
	for i := range d.Quotes {
		q := &d.Quotes[i]
		if leadInQuote(d, q) {
			backwards[i] = true
			continue
		}
		s.markQuoted(q.Content)
		if endsLeadIn(d, q) {
			// "told the ambassador to keep his nose out of the issue:" ¶
			// "In every state …": the lead-in's cue is also the block's
			continue
		}
		for _, sp := range []*quotewire.Span{q.Cue, q.Source} {
			if sp != nil {
				for k, e := d.TokensIn(*sp); k < e; k++ {
					s.consumed[k] = true
				}
			}
		}
	}
	// 1 + the index of the quote whose content, cue or source holds a
	// token: a block paragraph takes in the quotes found inside it
	owner := make([]int32, n)
	for i := range d.Quotes {
		if backwards[i] {
			continue
		}
		q := &d.Quotes[i]
		for _, sp := range quoteSpans(q) {
			for k, e := d.TokensIn(sp); k < e; k++ {
				owner[k] = int32(i + 1)
			}
		}
	}
	before := len(d.Quotes)
	swallowed := s.colonBlocks(owner)
	if len(d.Quotes) == before && len(backwards) == 0 {
		return
	}
	// drop the quotes that read a lead-in backwards when a statement now
	// holds that lead-in, and those a block paragraph took in
	out := d.Quotes[:0]
	for i, q := range d.Quotes {
		if i < before && (backwards[i] && s.leadTaken(q) || swallowed[i]) {
			continue
		}
		out = append(out, q)
	}
	d.Quotes = out
	sortQuotes(d)
}

// leadInQuote reports whether q reads a colon lead-in the wrong way: its
// cue ends a paragraph that ends in a colon and its content comes before
// the cue ("Home Secretary Priti Patel said:" given the paragraph above),
// or it has no cue and its content is the lead-in itself.
func leadInQuote(d *quotewire.Document, q *quotewire.Quote) bool {
	if len(q.Content) == 0 {
		return false
	}
	last := q.Content[len(q.Content)-1]
	at := last.End - 1
	if q.Cue != nil {
		if last.End > q.Cue.Start {
			return hearerApposition(d, q)
		}
		at = q.Cue.Start
	}
	p := paraOf(d, at)
	if p < 0 || p+1 >= len(d.Paragraphs) || !strings.HasSuffix(d.Paragraphs[p].In(d.Text), ":") {
		return false
	}
	return q.Cue != nil && paraOf(d, last.End-1) <= p || q.Cue == nil && q.Content[0].Start >= d.Paragraphs[p].Start
}

// endsLeadIn reports whether q's cue and content are in a paragraph that
// ends in a colon and its content runs to that colon.
func endsLeadIn(d *quotewire.Document, q *quotewire.Quote) bool {
	if q.Cue == nil || len(q.Content) == 0 {
		return false
	}
	last := q.Content[len(q.Content)-1]
	p := paraOf(d, q.Cue.Start)
	return p >= 0 && p+1 < len(d.Paragraphs) && paraOf(d, last.End-1) == p &&
		strings.HasSuffix(d.Paragraphs[p].In(d.Text), ":") && d.Paragraphs[p].End-last.End <= 2
}

// hearerApposition reports whether q's content is the apposition of a
// hearer that ends a colon lead-in ("He told Joseph Harris, the country's
// Roman Catholic archbishop who …:"), which the model took for what was
// told.
func hearerApposition(d *quotewire.Document, q *quotewire.Quote) bool {
	c := q.Content[0]
	last := q.Content[len(q.Content)-1]
	if c.Start < q.Cue.End {
		return false // content before the cue, or around it
	}
	p := paraOf(d, q.Cue.Start)
	if p < 0 || p+1 >= len(d.Paragraphs) || paraOf(d, last.End-1) != p {
		return false
	}
	para := d.Paragraphs[p].In(d.Text)
	if !strings.HasSuffix(para, ":") || d.Paragraphs[p].End-last.End > 2 {
		return false
	}
	before := strings.TrimRight(d.Text[q.Cue.End:c.Start], " ")
	if !strings.HasSuffix(before, ",") {
		return false
	}
	before = strings.TrimSuffix(before, ",")
	i := strings.LastIndexByte(before, ' ') + 1
	return i < len(before) && before[i] >= 'A' && before[i] <= 'Z'
}

// leadTaken reports whether a statement after a colon now holds the lead-in
// that q read the wrong way.
func (s *state) leadTaken(q quotewire.Quote) bool {
	at := q.Content[len(q.Content)-1].End - 1
	if q.Cue != nil {
		at = q.Cue.Start
	}
	p := paraOf(s.d, at)
	end := s.paraEnd(p) - 1
	return end >= 0 && s.consumed[end] || q.Cue != nil && s.consumed[s.d.TokenAt(q.Cue.Start)]
}

// maxBlockParas caps the paragraphs of one statement after a colon lead-in.
const maxBlockParas = 6

// colonBlocks finds statements set as paragraphs of their own after a
// lead-in that ends in a colon, without quotation marks, as government
// press offices write them:
//
//	Home Secretary Priti Patel said:
//
//	This review will help strengthen our response to these crimes.
//
//	The threat is growing, and offenders are becoming more sophisticated.
//
//	Small boat crossings
//
// The first paragraph is a direct quote with the lead-in's cue and source;
// each later one continues it, up to a heading (a short line without a
// full stop), a paragraph with quotation marks or a reporting verb of its
// own, or maxBlockParas paragraphs.
//
// A block paragraph takes in the quotes found inside it (owner maps
// tokens to 1 + the index of the quote holding them): "He knows that
// Britain stands ready …" in the Prime Minister's statement is his, not a
// report of the man he names. It returns the indices of those quotes.
func (s *state) colonBlocks(owner []int32) map[int]bool {
	d := s.d
	toks := d.Tokens
	swallowed := map[int]bool{}
	for p := 0; p+1 < len(d.Paragraphs); p++ {
		end := s.paraEnd(p) - 1
		if end < 0 || !s.isPunct(end, ":") || s.consumed[end] {
			continue
		}
		lo := s.sentenceStart(end)
		a, ok := s.before(end+1, lo)
		if !ok || a.end != end {
			// "Clare Dinnis, National Flood Duty Manager at the Environment
			// Agency, said:": a name, an apposition, the cue
			a, ok = s.appositionLead(lo, end)
			if !ok {
				a, ok = s.cueLead(lo, end)
			}
			if !ok {
				continue
			}
		}
		lead := -1
		for q := p + 1; q < len(d.Paragraphs) && q <= p+maxBlockParas; q++ {
			first, hi := s.paraStart(q), s.paraEnd(q)
			inner, ok := s.innerQuotes(first, hi, owner)
			if first >= hi || !ok || !s.blockParagraph(first, hi) {
				for _, i := range inner {
					s.markQuote(&d.Quotes[i]) // not taken in after all
				}
				break
			}
			for _, i := range inner {
				swallowed[i] = true
			}
			content := quotewire.Span{Start: toks[first].Start, End: toks[hi-1].End}
			if lead < 0 {
				d.Quotes = append(d.Quotes, quotewire.Quote{
					Kind: quotewire.Direct, Content: []quotewire.Span{content}, Cue: s.spanPtr(a.cueA, a.cueB),
					Source: s.spanPtr(a.srcA, a.srcB), Mention: -1, Speaker: -1, Confidence: confidence[ruleColonBlock],
				})
				lead = len(d.Quotes) - 1
				s.markConsumed(a.cueA, a.cueB)
				s.markConsumed(a.srcA, a.srcB)
			} else {
				d.Quotes = append(d.Quotes, quotewire.Quote{
					Kind: quotewire.Direct, Content: []quotewire.Span{content}, Mention: -1, Speaker: -1,
					Confidence: confidence[ruleContinued], Continued: true,
				})
			}
			s.markQuoted(d.Quotes[len(d.Quotes)-1].Content)
			s.markConsumed(first, hi-1)
		}
	}
	return swallowed
}

// innerQuotes returns the quotes (by index) whose tokens lie in the
// paragraph of tokens [first, hi), and false when a quote holding one of
// its tokens reaches outside it. It unmarks their tokens, for
// blockParagraph to read the paragraph as free.
func (s *state) innerQuotes(first, hi int, owner []int32) ([]int, bool) {
	var inner []int
	for k := first; k < hi; k++ {
		o := owner[k]
		if o == 0 || slices.Contains(inner, int(o-1)) {
			continue
		}
		for _, sp := range quoteSpans(&s.d.Quotes[o-1]) {
			if a, e := s.d.TokensIn(sp); a < first || e > hi {
				return nil, false
			}
		}
		inner = append(inner, int(o-1))
	}
	for _, i := range inner {
		for _, sp := range quoteSpans(&s.d.Quotes[i]) {
			for k, e := s.d.TokensIn(sp); k < e; k++ {
				s.consumed[k], s.inQuote[k] = false, false
			}
		}
	}
	return inner, true
}

// markQuote marks q's content as quoted and its cue and source as used.
func (s *state) markQuote(q *quotewire.Quote) {
	s.markQuoted(q.Content)
	for _, sp := range []*quotewire.Span{q.Cue, q.Source} {
		if sp != nil {
			for k, e := s.d.TokensIn(*sp); k < e; k++ {
				s.consumed[k] = true
			}
		}
	}
}

// quoteSpans returns the spans of a quote: its content's parts, its cue
// and its source.
func quoteSpans(q *quotewire.Quote) []quotewire.Span {
	out := append([]quotewire.Span(nil), q.Content...)
	for _, sp := range []*quotewire.Span{q.Cue, q.Source} {
		if sp != nil {
			out = append(out, *sp)
		}
	}
	return out
}

// appositionLead reads "NAME, APPOSITION, CUE:" in the tokens [lo, colon]
// and returns the cue and the name as an attribution.
func (s *state) appositionLead(lo, colon int) (attribution, bool) {
	toks := s.d.Tokens
	k := colon - 1
	if k-3 < lo || !s.isPunct(k-1, ",") {
		return attribution{}, false
	}
	if ck, _ := s.cueAt(k); ck != cueVerb && ck != cueObject {
		return attribution{}, false
	}
	e, ok := s.npFwd(lo, k-1)
	if !ok || e+1 >= k-1 || !s.isPunct(e+1, ",") || !toks[lo].IsCapitalized() {
		return attribution{}, false
	}
	return attribution{cueA: k, cueB: k, srcA: lo, srcB: e, end: colon}, true
}

// cueLead reads a lead-in whose cue is followed by more than before()
// takes ("He told Joseph Harris, the country's archbishop who …:",
// "Mark Lyndersay commented, tongue firmly in cheek:"): the first speech
// cue of the sentence [lo, colon] with its subject right before it, and
// nothing quoted or taken up to the colon.
func (s *state) cueLead(lo, colon int) (attribution, bool) {
	toks := s.d.Tokens
	if colon-lo > 60 {
		return attribution{}, false
	}
	for k := lo + 1; k < colon; k++ {
		if s.consumed[k] || s.qidx[k] >= 0 {
			return attribution{}, false
		}
		ck, _ := s.cueAt(k)
		if ck != cueVerb && ck != cueObject || weakCues[toks[k].Lower] {
			continue
		}
		for j := k + 1; j < colon; j++ {
			if s.consumed[j] || s.qidx[j] >= 0 {
				return attribution{}, false
			}
		}
		b := k - 1
		for b >= lo && preCue[toks[b].Lower] {
			b--
		}
		if a, ok := s.npBack(b, lo); ok {
			return attribution{cueA: k, cueB: k, srcA: a, srcB: b, end: colon}, true
		}
		return attribution{}, false
	}
	return attribution{}, false
}

// blockParagraph reports whether the paragraph of tokens [first, hi) may
// be part of a statement set after a colon: a sentence, not a heading,
// with no quotation mark, no reporting verb and nothing already taken.
func (s *state) blockParagraph(first, hi int) bool {
	toks := s.d.Tokens
	last := hi - 1
	if !s.isPunct(last, ".", "!", "?", "…") || s.wordCount(first, last) < 4 {
		return false // a heading: "Small boat crossings"
	}
	if s.labelled(first, hi) {
		return false // "U.S. Senator Steve Daines (R-MT): …": a statement with its own speaker
	}
	for k := first; k < hi; k++ {
		t := &toks[k]
		if t.Kind == quotewire.QuoteMark && t.Text != "’" && t.Text != "'" || s.consumed[k] || s.inQuote[k] {
			return false
		}
		if t.Kind == quotewire.Word && speechVerbs[t.Lower] {
			return false // a paragraph that reports someone of its own
		}
	}
	return true
}

// labelled reports whether the paragraph of tokens [first, hi) opens with
// a speaker's label: capitalised words (a bracket allowed) up to a colon
// within its first twelve tokens.
func (s *state) labelled(first, hi int) bool {
	toks := s.d.Tokens
	depth := 0
	for k := first; k < hi && k < first+12; k++ {
		t := &toks[k]
		switch {
		case s.isPunct(k, ":"):
			return k > first && depth == 0
		case s.isPunct(k, "("):
			depth++
		case s.isPunct(k, ")"):
			depth--
		case depth > 0:
		case t.Kind == quotewire.Word && !t.IsCapitalized():
			return false
		}
	}
	return false
}

// speechVerbs end a statement set after a colon: the paragraph that holds
// one reports someone else.
var speechVerbs = map[string]bool{"said": true, "says": true, "told": true, "tells": true, "reported": true,
	"reports": true, "added": true, "according": true, "stated": true, "announced": true}
