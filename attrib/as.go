package attrib

import (
	"github.com/quotewire/quotewire"
)

// maxAsSource is the most tokens between "As" and the cue in asClauses.
const maxAsSource = 20

// asClauses finds the attributions a sentence opens with an "as" clause:
//
//	As Ms. Simonyan put it in a statement, RT is "providing a perspective".
//	As many tax experts have pointed out, Mr. Trump is free to disclose …
//
// The source is what stands between "As" and the cue, the cue is the
// reporting verb ("put it" counts as one), and the content is the rest of
// the sentence after the comma that closes the clause.
func (s *state) asClauses() {
	d := s.d
	toks := d.Tokens
	for _, se := range d.Sentences {
		a := se.First
		if a >= se.Last || toks[a].Lower != "as" || s.consumed[a] || s.inQuote[a] {
			continue
		}
		cue, cueEnd := -1, -1
		for i := a + 2; i < se.Last && i <= a+maxAsSource; i++ {
			if s.isPunct(i, ";", ":", "?", "!") || s.qidx[i] >= 0 {
				break
			}
			if toks[i].Lower == "put" && i+1 < se.Last && toks[i+1].Lower == "it" {
				cue, cueEnd = i, i+1
				break
			}
			if k, last := s.cueAt(i); k != cueNone {
				cue, cueEnd = i, last
				break
			}
		}
		if cue < 0 {
			continue
		}
		comma := -1
		for i := cueEnd + 1; i < se.Last && i <= cueEnd+12; i++ {
			if s.isPunct(i, ",") {
				comma = i
				break
			}
		}
		if comma < 0 {
			continue
		}
		end := s.trimEnd(comma+1, se.Last-1)
		if s.wordCount(comma+1, end) < 3 {
			continue
		}
		free := true
		for k := a; k <= end; k++ {
			free = free && !s.consumed[k] && !s.inQuote[k]
		}
		if !free {
			continue
		}
		content := []quotewire.Span{s.span(comma+1, end)}
		d.Quotes = append(d.Quotes, quotewire.Quote{Kind: quotewire.Indirect, Content: content,
			Cue: s.spanPtr(cue, cueEnd), Source: s.spanPtr(a+1, cue-1), Mention: -1, Speaker: -1,
			Confidence: confidence[ruleAs]})
		s.markConsumed(a, comma)
		s.markQuoted(content)
	}
}
