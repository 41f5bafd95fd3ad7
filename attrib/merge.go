package attrib

import (
	"slices"
	"sort"
	"strings"

	"github.com/quotewire/quotewire"
)

// UnsourcedConfidence is the confidence of a learned quote left with no
// source: on PolNeAR dev such quotes were right 4 times in 22 (smoothed
// as (right+1)/(quotes+2)).
const UnsourcedConfidence = 0.21

// maxWeakWords is the longest content a learned quote with a weak cue
// (confidence below one half) and a source may have and still be dropped:
// on PolNeAR dev, such quotes of one or two words were right 3 times in
// 22, below the precision at which adding a prediction raises F1.
const maxWeakWords = 2

// resolveSources settles the source of each learned quote of found
// against the rules' source for the same cue (rules), fixes the cue and
// source a tagger swaps or runs together, sets UnsourcedConfidence on the
// quotes left without a source and drops the weak ones of a word or two
// (maxWeakWords). It returns what it keeps, in found's storage.
func resolveSources(d *quotewire.Document, found []quotewire.Quote, rules Sources) []quotewire.Quote {
	for qi := range found {
		q := &found[qi]
		if q.Cue != nil && (q.Source == nil || strings.HasSuffix(q.Cue.In(d.Text), "ing")) {
			if r, ok := rules[*q.Cue]; ok {
				// the rules found a source for this cue where the model
				// found none ("A spokeswoman on Friday said …"), or the cue is
				// a gerund whose subject the rules carry over from the
				// clause before ("she said …, adding, …"), where the model
				// takes the noun just before the comma
				q.Source = &r
			}
		}
		if q.Source == nil || q.Cue == nil {
			continue
		}
		if sayWords[strings.ToLower(q.Source.In(d.Text))] && sourceNouns[strings.ToLower(q.Cue.In(d.Text))] {
			q.Source, q.Cue = q.Cue, q.Source // "…, [reports] [said].": the tagger swapped them
		}
		if cue := q.Cue.In(d.Text); q.Source.End < q.Cue.Start && strings.TrimSpace(d.Text[q.Source.End:q.Cue.Start]) == "" {
			// "Local [reports said]": the noun the cue took belongs to the
			// source
			if i := strings.IndexByte(cue, ' '); i > 0 && sourceNouns[strings.ToLower(cue[:i])] && sayWords[strings.ToLower(firstField(cue[i+1:]))] {
				q.Source = &quotewire.Span{Start: q.Source.Start, End: q.Cue.Start + i}
				q.Cue = &quotewire.Span{Start: q.Cue.Start + i + 1, End: q.Cue.End}
			}
		}
		if t := q.Source.In(d.Text); strings.HasSuffix(t, "'s") || strings.HasSuffix(t, "’s") {
			// "Lee's comments came as Park said …": a possessor is no
			// speaker; the rules' source for the cue, if they have one
			if r, ok := rules[*q.Cue]; ok {
				q.Source = &r
				continue
			}
			var best *quotewire.Span
			for rc := range rules {
				if q.Cue.Contains(rc) && (best == nil || rc.Start > best.Start) {
					rc := rc
					best = &rc
				}
			}
			if best != nil {
				// the model's cue ran over the source: "comments came as
				// Park said"
				r := rules[*best]
				q.Cue, q.Source = best, &r
			}
		}
	}
	kept := found[:0]
	for _, q := range found {
		if q.Source == nil {
			q.Confidence = UnsourcedConfidence
		} else if q.Confidence < 0.5 && d.WordsIn(q.Content) <= maxWeakWords {
			continue // a weak cue with a word or two of content: mostly wrong
		}
		kept = append(kept, q)
	}
	return kept
}

// sourceNouns are nouns that end a source phrase but that the tagger
// sometimes takes into the cue: "Local reports said", "Media reports said".
var sourceNouns = map[string]bool{"reports": true, "sources": true, "officials": true, "media": true,
	"official": true, "source": true, "witness": true, "witnesses": true, "resident": true, "residents": true,
	"spokesman": true, "spokeswoman": true, "spokesperson": true, "diplomat": true, "diplomats": true}

// firstField returns the first space-separated word of s.
func firstField(s string) string {
	s = strings.TrimLeft(s, " ")
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

// sayWords are the reporting verbs a tagger may take for a source.
var sayWords = map[string]bool{"said": true, "says": true, "say": true, "told": true, "added": true}

// merge adds the learned quotes found to the rules' quotes in d.Quotes and
// sorts them by where their content starts: the rules' direct quotes stay
// (unless a learned quote holds them and says more: widens), the learned
// quotes take over the rest, and the rules' other quotes fill what the
// learned ones leave (docs/ERRORS.md, "Settings chosen by measurement").
func merge(d *quotewire.Document, found []quotewire.Quote) {
	kept := d.Quotes[:0]
	var ruleIndirect []quotewire.Quote
	for _, q := range d.Quotes {
		if q.Kind == quotewire.Direct {
			kept = append(kept, q)
		} else {
			ruleIndirect = append(ruleIndirect, q)
		}
	}
	d.Quotes = kept
	owner := make([]int32, len(d.Tokens)) // 1 + index of the rule quote holding a token
	for k, q := range d.Quotes {
		for _, c := range q.Content {
			for i, end := d.TokensIn(c); i < end; i++ {
				owner[i] = int32(k + 1)
			}
		}
	}
	removed := make([]bool, len(d.Quotes))
	for _, q := range found {
		overlap := false
		for _, c := range q.Content {
			for i, end := d.TokensIn(c); i < end && !overlap; i++ {
				overlap = owner[i] != 0
			}
		}
		if overlap && !q.Continued && q.Cue != nil && widens(d, q, owner, removed) {
			continue // replaced the rule quotes it holds
		}
		if !overlap && !q.Continued {
			d.Quotes = append(d.Quotes, q)
		}
	}
	kept = d.Quotes[:0]
	for k, q := range d.Quotes {
		if k >= len(removed) || !removed[k] {
			kept = append(kept, q)
		}
	}
	d.Quotes = kept
	// the rules' indirect and mixed quotes no other quote overlaps
	taken := make([]bool, len(d.Tokens))
	for _, q := range d.Quotes {
		d.MarkTokens(taken, q.Content)
	}
	for _, q := range ruleIndirect {
		if !touches(d, taken, q) {
			d.Quotes = append(d.Quotes, q)
		}
	}
	sort.SliceStable(d.Quotes, func(i, j int) bool { return d.Quotes[i].Content[0].Start < d.Quotes[j].Content[0].Start })
}

// widens replaces the rules' direct quotes that model quote q holds
// entirely with q when q says more (marking them removed; owner maps
// tokens to 1 + the index of the rule quote holding them): in `Clinton says Trump's “latest
// meltdown is unhinged.”` the rules quote what is in quotation marks, the
// model the whole reported clause, which is what was attributed. It
// reports whether it did: q must hold every rule quote it touches, each
// with its own cue, and at least three words more than they do.
func widens(d *quotewire.Document, q quotewire.Quote, owner []int32, removed []bool) bool {
	// the rule quotes q touches, from the token index
	var held []int
	for _, c := range q.Content {
		for i, end := d.TokensIn(c); i < end; i++ {
			if k := int(owner[i]) - 1; k >= 0 && !removed[k] && !slices.Contains(held, k) {
				held = append(held, k)
			}
		}
	}
	if len(held) == 0 {
		return false
	}
	for _, k := range held {
		r := &d.Quotes[k]
		if r.Kind != quotewire.Direct || r.Cue == nil || r.Cue.In(d.Text) == ":" {
			return false // a transcript's label gives its turn exactly
		}
		for _, rc := range r.Content {
			in := false
			for _, qc := range q.Content {
				in = in || rc.Start >= qc.Start && rc.End <= qc.End
			}
			if !in {
				return false
			}
		}
	}
	extra := d.WordsIn(q.Content)
	for _, k := range held {
		extra -= d.WordsIn(d.Quotes[k].Content)
	}
	if extra < 3 {
		return false
	}
	if q.Source == nil {
		q.Source = d.Quotes[held[0]].Source
	}
	q.Kind = d.KindOf(q.Content)
	for _, k := range held {
		removed[k] = true
	}
	d.Quotes = append(d.Quotes, q)
	return true
}

// touches reports whether a token of q's content is marked.
func touches(d *quotewire.Document, marks []bool, q quotewire.Quote) bool {
	for _, c := range q.Content {
		for i, end := d.TokensIn(c); i < end; i++ {
			if marks[i] {
				return true
			}
		}
	}
	return false
}
