// Package dedup finds repetition: sentences an article repeats by mistake
// (a copy-and-paste slip common in wire copy: the Repeats stage), and the
// MinHash Signature by which the stores find near-duplicate articles
// (syndicated copies of one wire story) across an archive.
package dedup

import (
	"hash/maphash"
	"unicode"
	"unicode/utf8"

	"github.com/quotewire/quotewire"
)

// MinWords is the least number of words a repeated unit must have to be
// reported; shorter repeats ("He said.") are normal prose.
const MinWords = 6

// Repeats is the pipeline stage that fills Document.Repeats. A unit is a
// sentence, or, in a sentence that holds a quotation, each run of text
// outside the quotation marks (so "Lavrov said on the sidelines of ..."
// after two different quotes counts as repeated). The zero value is ready.
type Repeats struct{}

var _ quotewire.Stage = Repeats{}

type entry struct {
	first int // index into units
	count int
}

// Process finds the repeated units of d. It needs sentences and, when the
// quote finder ran, QuoteSpans.
func (Repeats) Process(d *quotewire.Document) error {
	seed := maphash.MakeSeed()
	seen := map[uint64]*entry{}
	var units []quotewire.Span
	var order []uint64
	var buf []byte
	add := func(sp quotewire.Span) {
		sp = trim(d.Text, sp)
		if countWords(d.Text[sp.Start:sp.End]) < MinWords {
			return
		}
		var h uint64
		h, buf = hashNorm(seed, d.Text[sp.Start:sp.End], buf)
		if e, ok := seen[h]; ok {
			e.count++
			return
		}
		units = append(units, sp)
		seen[h] = &entry{first: len(units) - 1, count: 1}
		order = append(order, h)
	}
	qi := 0
	qs := d.QuoteSpans
	for _, se := range d.Sentences {
		for qi < len(qs) && qs[qi].End <= se.Start {
			qi++
		}
		if qi >= len(qs) || qs[qi].Start >= se.End {
			add(se.Span)
			continue
		}
		// runs outside quotes
		pos := se.Start
		for k := qi; k < len(qs) && qs[k].Start < se.End; k++ {
			if qs[k].Start > pos {
				add(quotewire.Span{Start: pos, End: qs[k].Start})
			}
			if qs[k].End > pos {
				pos = qs[k].End
			}
		}
		if pos < se.End {
			add(quotewire.Span{Start: pos, End: se.End})
		}
	}
	d.Repeats = d.Repeats[:0]
	for _, h := range order {
		e := seen[h]
		if e.count > 1 {
			sp := units[e.first]
			d.Repeats = append(d.Repeats, quotewire.Repeat{Text: d.Text[sp.Start:sp.End], Count: e.count, Spans: []quotewire.Span{sp}})
		}
	}
	return nil
}

// trim drops white space and leading punctuation (the comma after a
// closing quote) from sp.
func trim(text string, sp quotewire.Span) quotewire.Span {
	for sp.Start < sp.End {
		r, n := utf8.DecodeRuneInString(text[sp.Start:sp.End])
		if unicode.IsSpace(r) || r == ',' || r == ';' || r == ':' || r == '—' || r == '–' || r == '-' {
			sp.Start += n
			continue
		}
		break
	}
	for sp.End > sp.Start {
		r, n := utf8.DecodeLastRuneInString(text[sp.Start:sp.End])
		if unicode.IsSpace(r) {
			sp.End -= n
			continue
		}
		break
	}
	return sp
}

func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r)
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

// hashNorm hashes s case-folded with white space runs collapsed, so that
// "Said  on" and "said on" match. buf is scratch space, returned for reuse.
func hashNorm(seed maphash.Seed, s string, buf []byte) (uint64, []byte) {
	buf = buf[:0]
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v' {
				space = true
				continue
			}
			if space {
				buf = append(buf, ' ')
				space = false
			}
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			buf = append(buf, ' ')
			space = false
		}
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
	}
	return maphash.Bytes(seed, buf), buf
}
