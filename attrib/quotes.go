// Package attrib finds who said what: quotation spans, speech cues,
// source mentions, and the quotes (direct, indirect and mixed) they form.
// It is a pipeline stage that runs after segmentation and tagging; speaker
// resolution (who "he" or "the minister" is) is left to package coref.
package attrib

import (
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/quotewire/quotewire"
)

// quoteSpan is a run of text inside quotation marks, marks included.
type quoteSpan struct {
	open, close int // token indices of the opening and closing marks; close = last token of the paragraph when unclosed
	unclosed    bool
	para        int
	// next is the index of the quote in the next paragraph that continues
	// this one (for unclosed quotes), or -1.
	next, prev int
}

// maxRunOn caps the paragraphs without marks that a quotation may run on
// through (runOnParagraphs).
const maxRunOn = 4

// runOnParagraphs reads quotations of several paragraphs set with one
// opening mark and one closing mark, the paragraphs between without any:
//
//	Keith Vaz said: "The Report shows …
//
//	We will continue to press for action …
//
//	Maintaining this grid … will have the most impact."
//
// An unclosed quote whose next paragraphs hold no mark, up to one that
// ends in a closing mark it has no opening for, goes on through them: each
// becomes a span of its own (from its first word), linked as the parts
// of one quotation. marks counts the quotation marks of each paragraph,
// stray holds the closing mark a paragraph has with no opening one.
func runOnParagraphs(d *quotewire.Document, out []quoteSpan, marks, stray []int) []quoteSpan {
	n := len(out)
	for i := 0; i < n; i++ {
		q := out[i]
		if !q.unclosed {
			continue
		}
		end := -1
		for p := q.para + 1; p < len(d.Paragraphs) && p <= q.para+maxRunOn+1; p++ {
			if stray[p] >= 0 {
				if last := lastToken(d, p); stray[p] >= last-1 {
					end = p
				}
				break
			}
			if marks[p] > 0 {
				break
			}
		}
		if end < 0 {
			continue
		}
		for p := q.para + 1; p <= end; p++ {
			first := d.TokenAt(d.Paragraphs[p].Start)
			if p == end {
				out = append(out, quoteSpan{open: first, close: stray[p], para: p, next: -1, prev: -1})
				break
			}
			last := lastToken(d, p)
			if last < first {
				continue
			}
			out = append(out, quoteSpan{open: first, close: last, unclosed: true, para: p, next: -1, prev: -1})
		}
	}
	if len(out) > n {
		sort.Slice(out, func(a, b int) bool { return out[a].open < out[b].open })
	}
	return out
}

// lastToken returns the index of the last token of paragraph p.
func lastToken(d *quotewire.Document, p int) int {
	end := d.Paragraphs[p].End
	return sort.Search(len(d.Tokens), func(i int) bool { return d.Tokens[i].Start >= end }) - 1
}

func (q *quoteSpan) span(toks []quotewire.Token) quotewire.Span {
	return quotewire.Span{Start: toks[q.open].Start, End: toks[q.close].End}
}

type markRole uint8

const (
	roleNone markRole = iota
	roleOpen
	roleClose
	roleAmbiguous
)

func prevRune(text string, i int) rune {
	if i <= 0 {
		return ' '
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return r
}

func nextRune(text string, i int) rune {
	if i >= len(text) {
		return ' '
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return r
}

func isOpeningContext(r rune) bool {
	return unicode.IsSpace(r) || r == '(' || r == '[' || r == '{' || r == '—' || r == '–' || r == '-' || r == ':' || r == '/' || r == 0xA0
}

// flank classifies an ambiguous mark at tok by the characters around it.
func flank(text string, t *quotewire.Token) markRole {
	before, after := prevRune(text, t.Start), nextRune(text, t.End)
	left := isOpeningContext(before) && !unicode.IsSpace(after)
	right := !unicode.IsSpace(before) && !isOpeningContext(before) && (unicode.IsSpace(after) || unicode.IsPunct(after) || after == 0xA0)
	switch {
	case left && !right:
		return roleOpen
	case right && !left:
		return roleClose
	}
	return roleAmbiguous
}

func isDouble(s string) (markRole, bool) {
	switch s {
	case "“", "«", "„", "‟", "‹", "‘‘":
		return roleOpen, true
	case "”", "»", "›", "’’":
		return roleClose, true
	case "``":
		return roleOpen, true
	case "\"", "''":
		return roleAmbiguous, true
	}
	return roleNone, false
}

// findQuotes pairs the quotation marks of each paragraph. Singles (‘…’,
// '…') count only outside double quotes; a double quote left open at the
// end of a paragraph ends there and is continued by a quote that opens the
// next paragraph.
func findQuotes(d *quotewire.Document) []quoteSpan {
	var out []quoteSpan
	toks := d.Tokens
	ti := 0
	// per paragraph: how many quotation marks it holds, and the closing
	// double mark it opens with none open (-1 when there is none)
	marks := make([]int, len(d.Paragraphs))
	stray := make([]int, len(d.Paragraphs))
	for pi, p := range d.Paragraphs {
		stray[pi] = -1
		for ti < len(toks) && toks[ti].Start < p.Start {
			ti++
		}
		first := ti
		openD, openS := -1, -1
		openStr := ""
		for ; ti < len(toks) && toks[ti].End <= p.End; ti++ {
			t := &toks[ti]
			if t.Kind != quotewire.QuoteMark {
				continue
			}
			marks[pi]++
			if role, ok := isDouble(t.Text); ok {
				if role == roleAmbiguous {
					role = flank(d.Text, t)
					if role == roleAmbiguous {
						if openD >= 0 {
							role = roleClose
						} else {
							role = roleOpen
						}
					}
				}
				// German „…“: “ closes an open „.
				if t.Text == "“" && openStr == "„" {
					role = roleClose
				}
				switch {
				case role == roleOpen && openD < 0:
					openD, openS, openStr = ti, -1, t.Text
				case role == roleOpen && openD >= 0:
					// a new opening mark while one is open: the earlier quote
					// lost its closing mark; end it before this one.
					if ti-1 > openD {
						out = append(out, quoteSpan{open: openD, close: ti - 1, unclosed: true, para: pi, next: -1, prev: -1})
					}
					openD, openS, openStr = ti, -1, t.Text
				case role == roleClose && openD >= 0:
					if ti > openD+1 {
						out = append(out, quoteSpan{open: openD, close: ti, para: pi, next: -1, prev: -1})
					}
					openD, openS, openStr = -1, -1, ""
				case role == roleClose && marks[pi] == 1:
					stray[pi] = ti
				}
				continue
			}
			if openD >= 0 {
				continue // singles inside a double quote are part of its text
			}
			switch t.Text {
			case "‘", "'", "‚", "‛":
				if openS < 0 && flank(d.Text, t) == roleOpen && unicode.IsLetter(nextRune(d.Text, t.End)) || openS < 0 && t.Text == "‘" {
					openS = ti
				} else if openS >= 0 && t.Text == "'" && flank(d.Text, t) == roleClose {
					if ti > openS+1 {
						out = append(out, quoteSpan{open: openS, close: ti, para: pi, next: -1, prev: -1})
					}
					openS = -1
				}
			case "’":
				if openS >= 0 && flank(d.Text, t) == roleClose {
					if ti > openS+1 {
						out = append(out, quoteSpan{open: openS, close: ti, para: pi, next: -1, prev: -1})
					}
					openS = -1
				}
			}
		}
		if openD >= 0 && ti-1 > openD {
			q := quoteSpan{open: openD, close: ti - 1, unclosed: true, para: pi, next: -1, prev: -1}
			// trailing closers such as a stray mark are part of the span already
			out = append(out, q)
		} else if openD < 0 && openS == first && ti-1 > openS && toks[openS].Text == "‘" {
			// a quotation in single marks over several paragraphs, as
			// GOV.UK sets them: "‘My priority is …" ¶ "‘This will be … .’"
			out = append(out, quoteSpan{open: openS, close: ti - 1, unclosed: true, para: pi, next: -1, prev: -1})
		}
	}
	out = runOnParagraphs(d, out, marks, stray)
	// link unclosed quotes to a quote opening the next paragraph
	for i := range out {
		q := &out[i]
		if !q.unclosed || i+1 >= len(out) {
			continue
		}
		n := &out[i+1]
		if n.para == q.para+1 && toks[n.open].Start == d.Paragraphs[n.para].Start {
			q.next = i + 1
			n.prev = i
		}
	}
	return out
}
