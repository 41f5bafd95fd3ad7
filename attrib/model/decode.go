package model

import (
	"slices"
	"sort"
	"strings"

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
	isSrc := make([]bool, len(toks))
	for _, r := range srcs {
		for i := r.a; i <= r.b; i++ {
			isSrc[i] = true
		}
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
		if ci >= 0 && toks[a].Kind != quotewire.QuoteMark {
			// words outside quotation marks are reported by a cue of their
			// own paragraph: "…reports that soldiers abused the staff. ¶ A
			// farmer … because, he says, …" is not the farmer's
			pc, pa, pb := paraOfSentence(d, sentOf(cues[ci].a)), paraOfSentence(d, sentOf(a)), paraOfSentence(d, sentOf(b))
			if pc != pa && pc != pb {
				continue
			}
		}
		if ci >= 0 {
			// `"A," he said, "B."`: B joins A's quote when only the cue,
			// its source and punctuation stand between them
			if qi, ok := used[ci]; ok && joins(toks, quotes[qi].Content, a, cues[ci], isSrc) {
				quotes[qi].Content = append(quotes[qi].Content, sp)
				continue
			}
		}
		q := quotewire.Quote{Kind: quotewire.Indirect, Content: []quotewire.Span{sp}, Mention: -1, Speaker: -1, Confidence: conf}
		if ci >= 0 {
			c := cues[ci]
			q.Cue = &quotewire.Span{Start: toks[c.a].Start, End: toks[c.b].End}
			cand := srcs
			if hearerCues[toks[c.b].Lower] {
				// "…, Sara Lee told reporters in London": after "told"
				// stands the hearer, never the source
				cand = before(srcs, c.a)
			}
			if si := adjacentSource(cand, c, sentOf); si >= 0 {
				s := cand[si]
				q.Source = &quotewire.Span{Start: toks[s.a].Start, End: toks[s.b].End}
			} else if si := nearestRun(cand, (c.a+c.b)/2, sentOf); si >= 0 {
				s := cand[si]
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

// hearerCues are the reporting verbs whose object is the hearer: "told
// reporters", "informed parliament".
var hearerCues = map[string]bool{"told": true, "tells": true, "tell": true, "informed": true, "informs": true,
	"assured": true, "assures": true, "reminded": true, "reminds": true, "briefed": true}

// before returns the runs of list that start before token i.
func before(list []run, i int) []run {
	k := sort.Search(len(list), func(k int) bool { return list[k].a >= i })
	return list[:k]
}

// paraOfSentence returns the paragraph of sentence s.
func paraOfSentence(d *quotewire.Document, s int) int {
	if s < 0 || s >= len(d.Sentences) {
		return -1
	}
	return d.Sentences[s].Paragraph
}

// joins reports whether a content run starting at token a continues the
// quote whose content is parts: the tokens between the quote's last part
// and a are the cue c, a source run, punctuation, or at most two other
// words.
func joins(toks []quotewire.Token, parts []quotewire.Span, a int, c run, isSrc []bool) bool {
	end := parts[len(parts)-1].End
	other := 0
	for i := a - 1; i >= 0 && toks[i].Start >= end; i-- {
		if i >= c.a && i <= c.b || toks[i].Kind != quotewire.Word || isSrc[i] {
			continue
		}
		if other++; other > 2 {
			return false
		}
	}
	return true
}

// around returns the index of the last run starting at or before i (-1 if
// none) and of the first starting after it (len(list) if none). Runs are
// disjoint and in text order, so the runs nearest to i are among these
// two.
func around(list []run, i int) (int, int) {
	k := sort.Search(len(list), func(k int) bool { return list[k].a > i })
	return k - 1, k
}

// nearestRun returns the run of the list nearest to token i in its
// sentence, by the distance to its nearer end; -1 if none.
func nearestRun(list []run, i int, sentOf func(int) int) int {
	best, bestD := -1, 1<<30
	l, r := around(list, i)
	for _, k := range [2]int{l, r} {
		if k < 0 || k >= len(list) || sentOf(list[k].a) != sentOf(i) {
			continue
		}
		if dist := min(abs(list[k].a-i), abs(list[k].b-i)); dist < bestD {
			best, bestD = k, dist
		}
	}
	return best
}

// adjacentSource returns the source run that ends at most four tokens
// before the cue ("Smith has also said") or starts at most two after it
// ("said Smith"), in the cue's sentence, the closer one first; -1 if none.
func adjacentSource(srcs []run, c run, sentOf func(int) int) int {
	best, bestD := -1, 1<<30
	l, _ := around(srcs, c.a)
	// the last source ending before the cue, and the first starting after
	r := sort.Search(len(srcs), func(k int) bool { return srcs[k].a > c.b })
	for _, k := range [2]int{l, r} {
		if k < 0 || k >= len(srcs) {
			continue
		}
		s := srcs[k]
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
	// candidates: the last cue starting at or before a (before the content
	// or overlapping its start), the first starting after a (overlapping
	// the content or after it)
	l, r := around(cues, a)
	for _, k := range [2]int{l, r} {
		if k < 0 || k >= len(cues) {
			continue
		}
		c := cues[k]
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

// setKind types a quote by its quotation marks (Document.KindOf).
func setKind(d *quotewire.Document, q *quotewire.Quote) {
	q.Kind = d.KindOf(q.Content)
}

// modelConfidence is the share of the model's quotes that are right
// (content matched, source right) on PolNeAR dev: what a quote gets until
// confidenceOf sets its own.
const modelConfidence = 0.69

// confidenceOf returns a model quote's confidence: the share of the
// model's quotes of its class that are right (content matched, source
// right) on PolNeAR dev, smoothed as (right+1)/(quotes+2). The class is
// how sure the cue classifier is of the quote's cue and whether the quote
// has a source; measured classes:
//
//	cue bucket 5 (margin > 4), with a source   861 of 1,101 right  0.78
//	weaker cue, with a source                   83 of 184           0.45
//	no source                                    4 of 22            0.21
//
// (with the sources the resolver chose, and the weaker-cue class after
// dropping its quotes of one or two words, see maxWeakWords).
func confidenceOf(d *quotewire.Document, q *quotewire.Quote, cue []uint8) float64 {
	if q.Source == nil {
		return 0.21
	}
	b := uint8(0)
	if q.Cue != nil {
		for i, end := d.TokensIn(*q.Cue); i < end; i++ {
			b = max(b, cue[i])
		}
	}
	if b >= 5 {
		return 0.78
	}
	return 0.45
}

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
	labels, cues, c := s.Tagger.labelsCues(d)
	fallback := ruleSources(d)
	found := finalClauses(d, Decode(d, labels, modelConfidence, fallback), cues)
	found = complementClauses(d, found, cues)
	if s.Tagger.Source != nil {
		s.Tagger.Source.resolve(c, found, fallback)
	}
	for qi := range found {
		q := &found[qi]
		if q.Cue != nil && (q.Source == nil || strings.HasSuffix(q.Cue.In(d.Text), "ing")) {
			if r, ok := fallback[*q.Cue]; ok {
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
			if r, ok := fallback[*q.Cue]; ok {
				q.Source = &r
				continue
			}
			var best *quotewire.Span
			for rc := range fallback {
				if q.Cue.Contains(rc) && (best == nil || rc.Start > best.Start) {
					rc := rc
					best = &rc
				}
			}
			if best != nil {
				// the model's cue ran over the source: "comments came as
				// Park said"
				r := fallback[*best]
				q.Cue, q.Source = best, &r
			}
		}
	}
	kept0 := found[:0]
	for qi := range found {
		q := &found[qi]
		q.Confidence = confidenceOf(d, q, cues)
		if q.Confidence < 0.5 && q.Source != nil && spanWords(d, q.Content) <= maxWeakWords {
			continue // a weak cue with a word or two of content: mostly wrong
		}
		kept0 = append(kept0, *q)
	}
	found = kept0

	// the rules' direct quotes stay; the model takes over the rest, and
	// the rules' other quotes fill what the model left (measured on dev:
	// better than the rules' winning there, +0.5 point content F1 over
	// dropping them)
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
		mark(d, taken, q)
	}
	for _, q := range ruleIndirect {
		if !touches(d, taken, q) {
			d.Quotes = append(d.Quotes, q)
		}
	}
	sort.SliceStable(d.Quotes, func(i, j int) bool { return d.Quotes[i].Content[0].Start < d.Quotes[j].Content[0].Start })
	return nil
}

// finalClauses adds the attributions whose reporting clause ends the
// sentence after a comma ("…, a source said."), which a left-to-right
// tagger misses: it must open the content at the start of the sentence
// before it has seen the cue, and often opens it late, after an earlier
// verb. For each sentence whose last clause is short and holds a word the
// cue classifier is sure of (bucket >= 4) that no quote has as its cue,
// the content is the sentence up to that comma, the cue that word and the
// source the words between the comma and the cue (or after it: "…, said
// Smith."). Quotes found inside that content are dropped: PolNeAR-style
// attributions do not nest.
func finalClauses(d *quotewire.Document, quotes []quotewire.Quote, cue []uint8) []quotewire.Quote {
	toks := d.Tokens
	cued := make([]bool, len(toks))
	for _, q := range quotes {
		if q.Cue != nil {
			for i, end := d.TokensIn(*q.Cue); i < end; i++ {
				cued[i] = true
			}
		}
	}
	var added []quotewire.Quote
	for _, s := range d.Sentences {
		if s.Last-s.First < 6 || toks[s.First].Kind == quotewire.QuoteMark {
			continue
		}
		e := s.Last - 1
		for e > s.First && toks[e].Kind != quotewire.Word {
			e--
		}
		k, words := -1, 0
		for i := e; i > s.First && words <= maxFinalClause; i-- {
			if toks[i].Kind == quotewire.Punct && toks[i].Text == "," {
				k = i
				break
			}
			if toks[i].Kind == quotewire.Word {
				words++
			}
		}
		if k < 0 || words > maxFinalClause || k-s.First < 3 {
			continue
		}
		j := -1
		for i := k + 1; i <= e; i++ {
			if cue[i] >= 4 && !cued[i] {
				j = i
				break
			}
		}
		if j < 0 || participleOpens(toks[j], j == k+1) || j == k+1 && hearerCues[toks[j].Lower] {
			continue // (", told reporters in London." names the hearer, not the source)
		}
		content := quotewire.Span{Start: toks[s.First].Start, End: toks[k-1].End}
		q := quotewire.Quote{Kind: quotewire.Indirect, Content: []quotewire.Span{content},
			Cue: &quotewire.Span{Start: toks[j].Start, End: toks[j].End}, Mention: -1, Speaker: -1, Confidence: modelConfidence}
		switch {
		case j > k+1:
			q.Source = &quotewire.Span{Start: toks[k+1].Start, End: toks[j-1].End}
		case j < e:
			q.Source = &quotewire.Span{Start: toks[j+1].Start, End: toks[e].End}
		}
		setKind(d, &q)
		added = append(added, q)
	}
	if len(added) == 0 {
		return quotes
	}
	// 1 + index of the added quote whose content holds a token
	in := make([]int32, len(toks))
	for k, a := range added {
		c := a.Content[0]
		for i, end := d.TokensIn(c); i < end; i++ {
			in[i] = int32(k + 1)
		}
	}
	kept := quotes[:0]
	for _, q := range quotes {
		first := d.TokenAt(q.Content[0].Start)
		last := d.TokenAt(q.Content[len(q.Content)-1].End) - 1
		inside := first < len(toks) && last >= first && in[first] != 0 && in[first] == in[last]
		if !inside {
			kept = append(kept, q)
		}
	}
	return append(kept, added...)
}

// participleOpens reports whether cue word t opening a final clause
// (first is true when it follows the comma) is a present participle whose
// content follows it: "…, saying the vote was rigged" reports what comes
// after, not the sentence before ("…, according to officials" does).
func participleOpens(t quotewire.Token, first bool) bool {
	return first && strings.HasSuffix(t.Lower, "ing") && t.Lower != "according"
}

// maxFinalClause is the most words a sentence's final reporting clause
// may have for finalClauses ("a senior campaign official said on Monday").
const maxFinalClause = 8

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
	extra := spanWords(d, q.Content)
	for _, k := range held {
		extra -= spanWords(d, d.Quotes[k].Content)
	}
	if extra < 3 {
		return false
	}
	if q.Source == nil {
		q.Source = d.Quotes[held[0]].Source
	}
	setKind(d, &q)
	for _, k := range held {
		removed[k] = true
	}
	d.Quotes = append(d.Quotes, q)
	return true
}

// mark sets marks[i] for the tokens of q's content.
func mark(d *quotewire.Document, marks []bool, q quotewire.Quote) {
	for _, c := range q.Content {
		for i, end := d.TokensIn(c); i < end; i++ {
			marks[i] = true
		}
	}
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

// complementClauses adds the attributions whose cue the cue classifier is
// sure of (bucket >= 4) but no quote has: "The city is demanding that the
// campaign stop …", "She tweeted: “…”". The cue must be followed, within
// three words, by "that" or a colon; the content runs from there to the
// end of the sentence (or of the quotation the colon opens), the source
// is what stands before the cue in its clause, less auxiliaries. Content
// that would overlap a quote already found is not added.
func complementClauses(d *quotewire.Document, quotes []quotewire.Quote, cue []uint8) []quotewire.Quote {
	toks := d.Tokens
	taken := make([]bool, len(toks))
	cued := make([]bool, len(toks))
	for _, q := range quotes {
		mark(d, taken, q)
		if q.Cue != nil {
			for i, end := d.TokensIn(*q.Cue); i < end; i++ {
				cued[i] = true
			}
		}
	}
	// nextTaken[i] is the first taken token at or after i: quotes added
	// below reach no further than their sentence, before any later cue
	// this loop looks at, so the table stays right for those
	nextTaken := make([]int, len(toks)+1)
	nextTaken[len(toks)] = len(toks)
	for i := len(toks) - 1; i >= 0; i-- {
		nextTaken[i] = nextTaken[i+1]
		if taken[i] {
			nextTaken[i] = i
		}
	}
	for j := range toks {
		if cue[j] < 4 || cued[j] || taken[j] || toks[j].Kind != quotewire.Word {
			continue
		}
		s := d.Sentences[toks[j].Sentence]
		k := -1
		for i := j + 1; i < s.Last && i <= j+4; i++ {
			if toks[i].Lower == "that" || toks[i].Kind == quotewire.Punct && toks[i].Text == ":" {
				k = i
				break
			}
		}
		if k < 0 {
			continue
		}
		a, end := k, s.Last-1
		if toks[k].Text == ":" {
			a = k + 1
			if a < len(toks) && toks[a].Kind == quotewire.QuoteMark {
				// to the end of the quotation, across sentences
				qs := d.QuoteSpans
				if k := sort.Search(len(qs), func(k int) bool { return qs[k].Start >= toks[a].Start }); k < len(qs) && qs[k].Start == toks[a].Start {
					end = d.TokenAt(qs[k].End) - 1
				}
			}
		}
		for i := a; i <= end; i++ {
			if t := toks[i]; t.Kind == quotewire.Punct && (t.Text == ";" || t.Text == "--" || t.Text == "—") {
				end = i - 1
				break
			}
		}
		for end > a && toks[end].Kind == quotewire.Punct {
			end--
		}
		if end >= len(toks) || words(toks, a, end) < 3 {
			continue
		}
		if nextTaken[a] <= end {
			continue // would overlap a quote
		}
		q := quotewire.Quote{Kind: quotewire.Indirect, Content: []quotewire.Span{{Start: toks[a].Start, End: toks[end].End}},
			Cue: &quotewire.Span{Start: toks[j].Start, End: toks[j].End}, Mention: -1, Speaker: -1, Confidence: modelConfidence}
		// source: back from the cue to the clause start, less auxiliaries
		b := j - 1
		for b >= s.First && auxiliaries[toks[b].Lower] {
			b--
		}
		first := b
		for first > s.First && !(toks[first-1].Kind == quotewire.Punct && toks[first-1].Text == ",") && j-first < 8 {
			first--
		}
		if b >= first && b >= s.First {
			q.Source = &quotewire.Span{Start: toks[first].Start, End: toks[b].End}
		}
		setKind(d, &q)
		quotes = append(quotes, q)
		for i := a; i <= end; i++ {
			taken[i] = true
		}
		cued[j] = true
	}
	return quotes
}

// auxiliaries are the words between a subject and its reporting verb that
// are not part of the source ("is demanding", "has also said").
var auxiliaries = map[string]bool{
	"is": true, "are": true, "was": true, "were": true, "has": true, "have": true, "had": true,
	"will": true, "would": true, "also": true, "has been": true, "been": true, "be": true,
	"did": true, "does": true, "do": true, "then": true, "now": true, "later": true, "still": true,
	"repeatedly": true, "again": true, "publicly": true, "privately": true, "first": true,
}

// words counts the word tokens in [a, b].
func words(toks []quotewire.Token, a, b int) int {
	n := 0
	for i := a; i <= b && i < len(toks); i++ {
		if toks[i].Kind == quotewire.Word {
			n++
		}
	}
	return n
}

// maxWeakWords is the longest content a model quote with a weak cue may
// have and still be dropped: on PolNeAR dev, such quotes of one or two
// words were right 3 times in 22, below the precision at which adding a
// prediction raises F1.
const maxWeakWords = 2

// spanWords counts the words in spans.
func spanWords(d *quotewire.Document, spans []quotewire.Span) int {
	n := 0
	for _, c := range spans {
		a, end := d.TokensIn(c)
		n += words(d.Tokens, a, end-1)
	}
	return n
}
