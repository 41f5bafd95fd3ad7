package attrib

import (
	"strings"

	"github.com/quotewire/quotewire"
)

// notSpeakers are capitalised labels that end in a colon without naming a
// speaker ("UPDATE:", "Photo:").
var notSpeakers = map[string]bool{
	"update": true, "note": true, "editor": true, "editors": true, "photo": true, "photos": true,
	"watch": true, "read": true, "breaking": true, "exclusive": true, "video": true, "source": true,
	"sources": true, "credit": true, "related": true, "see": true, "also": true, "correction": true,
	"clarification": true, "warning": true, "disclaimer": true, "advertisement": true, "listen": true,
	"q": true, "a": true, "question": true, "answer": true, "transcript": true, "image": true,
	"subscribe": true, "follow": true, "share": true, "tags": true, "topics": true, "more": true,
	"audio": true, "graphic": true, "map": true, "chart": true, "caption": true, "file": true,
	// stage directions of radio and television scripts ("MUSIC: "Our
	// World" theme")
	"music": true, "sound": true, "sfx": true, "applause": true, "laughter": true, "crosstalk": true,
	"inaudible": true, "clip": true, "soundbite": true, "ambience": true, "ambient": true, "nat": true,
}

// labels finds speaker labels that open a paragraph, as in transcripts and
// headlines: "PENCE: Well, look, ..." or "Pat Caddell: Democrat voters are
// worried". The label must be an upper-case name or a person the tagger
// found; the rest of the paragraph is the quote, with the colon as its cue.
func (s *state) labels() {
	d := s.d
	toks := d.Tokens
	persons := map[quotewire.Span]bool{}
	personEnds := map[int]int{} // end offset of a person's name -> its start
	for _, m := range d.Mentions {
		if m.Type == quotewire.Person {
			persons[m.Span] = true
			persons[m.Head] = true
			personEnds[m.Head.End] = m.Head.Start
		}
	}
	for p := range d.Paragraphs {
		a := s.paraStart(p)
		hi := s.paraEnd(p)
		if a >= hi {
			continue
		}
		wrapped := toks[a].Kind == quotewire.QuoteMark
		if wrapped {
			a++
		}
		colon, bracket := -1, -1
		for k := a; k < hi && k < a+14; k++ {
			if s.isPunct(k, ":") {
				colon = k
				break
			}
			if bracket < 0 && k > a && s.isPunct(k, "(") {
				bracket = k // "U.S. Senator Steve Daines (R-MT):"
				continue
			}
			if bracket >= 0 {
				if k > bracket+5 {
					break
				}
				continue
			}
			if toks[k].Kind != quotewire.Word && !s.isPunct(k, ".") || k >= a+6 && !toks[k].IsCapitalized() {
				break
			}
		}
		if colon <= a || colon+1 >= hi || bracket >= 0 && !s.isPunct(colon-1, ")") {
			continue
		}
		nameEnd := colon - 1
		if bracket >= 0 {
			nameEnd = bracket - 1
		}
		name := quotewire.Span{Start: toks[a].Start, End: toks[nameEnd].End}
		if start, ok := personEnds[name.End]; ok && start >= name.Start && (bracket >= 0 || nameEnd-a >= 5) {
			// a title, then a person: "Transportation and Infrastructure
			// Committee Ranking Member Sam Graves (MO-07):"
		} else if !persons[name] && !s.upperLabel(a, colon) || bracket >= 0 || nameEnd-a >= 5 {
			continue
		}
		if wrapped && s.relabel(a, colon) {
			continue
		}
		if s.consumed[colon] || s.inQuote[colon+1] || s.consumed[colon+1] {
			continue
		}
		end := hi - 1
		if toks[end].Kind == quotewire.QuoteMark && s.qidx[end] < 0 {
			end-- // the transcript's own closing mark
		}
		end = s.trimEnd(colon+1, end)
		if s.wordCount(colon+1, end) < 3 {
			continue
		}
		for k := colon + 1; k <= end; k++ {
			if s.consumed[k] || s.inQuote[k] {
				end = -1
				break
			}
		}
		if end < 0 {
			continue
		}
		content := []quotewire.Span{s.span(colon+1, end)}
		d.Quotes = append(d.Quotes, quotewire.Quote{
			Kind: quotewire.Direct, Content: content, Cue: s.spanPtr(colon, colon),
			Source: s.spanPtr(a, colon-1), Mention: -1, Speaker: -1, Confidence: confidence[ruleLabel],
		})
		s.markConsumed(a, colon)
		s.markQuoted(content)
	}
}

// relabel handles a transcript whose paragraphs are each in quotation
// marks (`"PENCE: Well, ...`): the direct-quote pass has already made the
// paragraph a quote without cue or source (continuing the last speaker),
// or a later part of such a quote. relabel gives the paragraph's part the
// label [a, colon) as its source and the colon as its cue, starts its
// content after the colon, and splits it (with the parts after it) from
// the quote it was in. It reports whether it found such a quote.
func (s *state) relabel(a, colon int) bool {
	toks := s.d.Tokens
	for qi := range s.d.Quotes {
		q := &s.d.Quotes[qi]
		for pi, c := range q.Content {
			if c.Start > toks[a].Start || c.End <= toks[colon+1].Start {
				continue
			}
			if pi == 0 && (q.Cue != nil || q.Source != nil) {
				return false
			}
			nq := *q
			if pi > 0 {
				// a later paragraph of a multi-paragraph quote: the
				// label starts a quote of its own
				nq.Content = append([]quotewire.Span(nil), q.Content[pi:]...)
				q.Content = q.Content[:pi]
			}
			nq.Content[0].Start = toks[colon+1].Start
			nq.Cue = s.spanPtr(colon, colon)
			nq.Source = s.spanPtr(a, colon-1)
			nq.Confidence = confidence[ruleLabel]
			nq.Continued = false
			s.markConsumed(a, colon)
			if pi > 0 {
				s.d.Quotes = append(s.d.Quotes, nq)
			} else {
				*q = nq
			}
			return true
		}
	}
	return false
}

// upperLabel reports whether tokens [a, colon) are one to three upper-case
// words that are not a known non-speaker label.
func (s *state) upperLabel(a, colon int) bool {
	if colon-a > 3 {
		return false
	}
	for k := a; k < colon; k++ {
		t := &s.d.Tokens[k]
		if t.Kind != quotewire.Word || len(t.Text) < 2 || strings.ToUpper(t.Text) != t.Text || notSpeakers[t.Lower] {
			return false
		}
	}
	return true
}
