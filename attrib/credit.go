package attrib

import (
	"unicode"
	"unicode/utf8"

	"github.com/quotewire/quotewire"
)

// creditDashes are the dashes that introduce a credit line after a quote.
var creditDashes = map[string]bool{"―": true, "—": true, "–": true, "--": true, "-": true}

// maxCreditWords is the longest credit line credits accepts.
const maxCreditWords = 5

// credits finds quotations credited with a dash and a name that ends the
// paragraph, as in testimonials and reader voices:
//
//	“He represents our greatest shame.” ― Sonya Herridge
//
// The quotation becomes a direct quote with the dash as its cue and the
// name as its source; a quote the direct pass already made of it (as a
// continuation, with no cue) is given them instead.
func (s *state) credits() {
	d := s.d
	toks := d.Tokens
	for qi := range s.qs {
		q := &s.qs[qi]
		if q.unclosed || !s.isStatement(q) {
			continue
		}
		k := q.close + 1
		hi := s.paraEnd(q.para)
		if k >= hi || !creditDashes[toks[k].Text] {
			continue
		}
		first, last := k+1, hi-1
		for last >= first && toks[last].Kind != quotewire.Word {
			last--
		}
		for c := first + 1; c < last; c++ {
			if toks[c].Text == "," {
				last = c - 1 // "— Jane Hill, Education Minister": the name before the office
				break
			}
		}
		if last < first || last-first+1 > maxCreditWords {
			continue
		}
		name := true
		for i := first; i <= last; i++ {
			r, _ := utf8.DecodeRuneInString(toks[i].Text)
			if toks[i].Kind != quotewire.Word || !unicode.IsUpper(r) {
				name = false
				break
			}
		}
		if !name || s.consumed[k] {
			continue
		}
		content := q.span(toks)
		cue, src := s.spanPtr(k, k), s.spanPtr(first, last)
		done := false
		for i := range d.Quotes {
			dq := &d.Quotes[i]
			if len(dq.Content) == 1 && dq.Content[0] == content {
				if dq.Cue == nil && dq.Source == nil {
					dq.Cue, dq.Source, dq.Continued = cue, src, false
					dq.Confidence = confidence[ruleCredit]
				}
				done = true
				break
			}
		}
		if !done {
			d.Quotes = append(d.Quotes, quotewire.Quote{Kind: quotewire.Direct, Content: []quotewire.Span{content},
				Cue: cue, Source: src, Mention: -1, Speaker: -1, Confidence: confidence[ruleCredit]})
			s.markQuoted([]quotewire.Span{content})
		}
		s.markConsumed(k, last)
	}
}
