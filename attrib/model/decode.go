package model

import (
	"sort"

	"github.com/quotewire/quotewire"
)

// run is a maximal run of tokens with one role.
type run struct {
	role byte
	a, b int // token range, inclusive
}

// runs groups labels into role runs; a B- label starts a new run.
func runs(labels []Label) []run {
	var out []run
	for i, l := range labels {
		r := l.role()
		if r == 0 {
			continue
		}
		begin := l == BC || l == BS || l == BQ
		if n := len(out); n > 0 && !begin && out[n-1].role == r && out[n-1].b == i-1 {
			out[n-1].b = i
			continue
		}
		out = append(out, run{role: r, a: i, b: i})
	}
	return out
}

// Decode turns token labels into quotes: each content run takes the
// nearest cue in its sentence or the next or previous one, and the source
// nearest that cue; content runs separated only by their shared cue and
// source (`"A," he said, "B."`) become one quote in parts. Runs of content
// with no cue are quotes without cue or source that continue the previous
// speaker.
//
// fallback, when not nil, gives a source for a cue the model found no
// source for (the rules' source for the same cue).
func Decode(d *quotewire.Document, labels []Label, conf float64, fallback map[quotewire.Span]quotewire.Span) []quotewire.Quote {
	rs := runs(labels)
	toks := d.Tokens
	sentOf := func(i int) int { return toks[i].Sentence }
	var cues, srcs []run
	for _, r := range rs {
		switch r.role {
		case 'Q':
			cues = append(cues, r)
		case 'S':
			srcs = append(srcs, r)
		}
	}
	nearest := func(list []run, i int, maxSent int) int {
		best, bestD := -1, 1<<30
		for k, r := range list {
			if abs(sentOf(r.a)-sentOf(i)) > maxSent {
				continue
			}
			dist := min(abs(r.a-i), abs(r.b-i))
			if dist < bestD {
				best, bestD = k, dist
			}
		}
		return best
	}
	var quotes []quotewire.Quote
	used := map[int]int{} // cue index -> quote index
	for _, r := range rs {
		if r.role != 'C' {
			continue
		}
		// trim punctuation at the edges
		a, b := r.a, r.b
		for a < b && toks[a].Kind == quotewire.Punct {
			a++
		}
		for b > a && toks[b].Kind == quotewire.Punct && toks[b].Text != ")" {
			b--
		}
		if a == b && toks[a].Kind != quotewire.Word {
			continue
		}
		sp := quotewire.Span{Start: toks[a].Start, End: toks[b].End}
		ci := nearestCue(cues, a, b, sentOf)
		if ci >= 0 {
			// `"A," he said, "B."`: B joins A's quote when only the cue,
			// its source and punctuation stand between them
			if qi, ok := used[ci]; ok && joins(toks, quotes[qi].Content, a, cues[ci], srcs) {
				quotes[qi].Content = append(quotes[qi].Content, sp)
				continue
			}
		}
		q := quotewire.Quote{Kind: quotewire.Indirect, Content: []quotewire.Span{sp}, Mention: -1, Speaker: -1, Confidence: conf}
		if ci >= 0 {
			c := cues[ci]
			q.Cue = &quotewire.Span{Start: toks[c.a].Start, End: toks[c.b].End}
			if si := adjacentSource(srcs, c, sentOf); si >= 0 {
				s := srcs[si]
				q.Source = &quotewire.Span{Start: toks[s.a].Start, End: toks[s.b].End}
			} else if si := nearest(srcs, (c.a+c.b)/2, 0); si >= 0 {
				s := srcs[si]
				q.Source = &quotewire.Span{Start: toks[s.a].Start, End: toks[s.b].End}
			} else if fallback != nil {
				if sp, ok := fallback[quotewire.Span{Start: toks[c.a].Start, End: toks[c.b].End}]; ok {
					q.Source = &sp
				}
			}
			used[ci] = len(quotes)
		} else {
			q.Continued = true
		}
		quotes = append(quotes, q)
	}
	for qi := range quotes {
		setKind(d, &quotes[qi])
	}
	return quotes
}

// joins reports whether a content run starting at token a continues the
// quote whose content is parts: the tokens between the quote's last part
// and a are the cue c, a source run, punctuation, or at most two other
// words.
func joins(toks []quotewire.Token, parts []quotewire.Span, a int, c run, srcs []run) bool {
	end := parts[len(parts)-1].End
	other := 0
	for i := a - 1; i >= 0 && toks[i].Start >= end; i-- {
		if i >= c.a && i <= c.b || toks[i].Kind != quotewire.Word {
			continue
		}
		in := false
		for _, s := range srcs {
			if i >= s.a && i <= s.b {
				in = true
				break
			}
		}
		if !in {
			other++
			if other > 2 {
				return false
			}
		}
	}
	return true
}

// adjacentSource returns the source run that ends at most four tokens
// before the cue ("Smith has also said") or starts at most two after it
// ("said Smith"), in the cue's sentence, the closer one first; -1 if none.
func adjacentSource(srcs []run, c run, sentOf func(int) int) int {
	best, bestD := -1, 1<<30
	for k, s := range srcs {
		if sentOf(s.a) != sentOf(c.a) {
			continue
		}
		var dist int
		switch {
		case s.b < c.a && c.a-s.b <= 4:
			dist = c.a - s.b
		case s.a > c.b && s.a-c.b <= 2:
			dist = s.a - c.b + 1 // before the cue wins a tie
		default:
			continue
		}
		if dist < bestD {
			best, bestD = k, dist
		}
	}
	return best
}

// nearestCue returns the cue run closest to the content [a, b] within the
// same sentence as either end, or the sentences just before or after.
func nearestCue(cues []run, a, b int, sentOf func(int) int) int {
	best, bestD := -1, 1<<30
	sa, sb := sentOf(a), sentOf(b)
	for k, c := range cues {
		sc := sentOf(c.a)
		if sc < sa-1 || sc > sb+1 {
			continue
		}
		var dist int
		switch {
		case c.b < a:
			dist = a - c.b
		case c.a > b:
			dist = c.a - b
		default:
			dist = 0
		}
		if sc < sa || sc > sb {
			dist += 1000 // prefer a cue in the content's own sentences
		}
		if dist < bestD {
			best, bestD = k, dist
		}
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// setKind types a quote by its quotation marks: direct when every part is
// exactly a quotation, mixed when a part holds one, indirect otherwise.
func setKind(d *quotewire.Document, q *quotewire.Quote) {
	direct, mixed := true, false
	for _, c := range q.Content {
		exact := false
		for _, qs := range d.QuoteSpans {
			if qs.Overlaps(c) {
				mixed = true
				if qs.Start >= c.Start-1 && qs.End <= c.End+1 && c.Start <= qs.Start+1 && c.End >= qs.End-1 {
					exact = true
				}
			}
		}
		direct = direct && exact
	}
	switch {
	case direct:
		q.Kind = quotewire.Direct
	case mixed:
		q.Kind = quotewire.Mixed
	default:
		q.Kind = quotewire.Indirect
	}
}

// modelConfidence is the share of the model's quotes that are right
// (content matched, source right) on PolNeAR dev.
const modelConfidence = 0.68

// Stage is the pipeline stage that replaces the rule-based quotes of a
// document with the model's. It must run after the rule-based attributor
// (whose output it reads as features) and before coreference.
type Stage struct {
	Tagger *Tagger
}

var _ quotewire.Stage = Stage{}

// Process adds the model's quotes to the rules': a model quote whose
// content overlaps a rule quote's is dropped (the rules are precise where
// they fire; the model finds what they miss).
func (s Stage) Process(d *quotewire.Document) error {
	labels := s.Tagger.Labels(d)
	fallback := map[quotewire.Span]quotewire.Span{}
	for _, q := range d.Quotes {
		if q.Cue != nil && q.Source != nil {
			fallback[*q.Cue] = *q.Source
		}
	}
	found := Decode(d, labels, modelConfidence, fallback)
	covered := make([]bool, len(d.Tokens))
	// the rules' direct quotes stay; the model takes over the rest
	kept := d.Quotes[:0]
	for _, q := range d.Quotes {
		if q.Kind == quotewire.Direct {
			kept = append(kept, q)
		}
	}
	d.Quotes = kept
	for _, q := range d.Quotes {
		for _, c := range q.Content {
			for i := d.TokenAt(c.Start); i < len(d.Tokens) && d.Tokens[i].Start < c.End; i++ {
				covered[i] = true
			}
		}
	}
	n := len(d.Quotes)
	for _, q := range found {
		overlap := false
		for _, c := range q.Content {
			for i := d.TokenAt(c.Start); i < len(d.Tokens) && d.Tokens[i].Start < c.End; i++ {
				if covered[i] {
					overlap = true
					break
				}
			}
		}
		if !overlap && !q.Continued {
			d.Quotes = append(d.Quotes, q)
		}
	}
	if len(d.Quotes) > n {
		sort.SliceStable(d.Quotes, func(i, j int) bool { return d.Quotes[i].Content[0].Start < d.Quotes[j].Content[0].Start })
	}
	return nil
}
