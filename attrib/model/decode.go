package model

import (
	"sort"
	"strings"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/attrib"
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

// Quotes returns the quotes the model finds in d, whose d.Quotes hold the
// rules' quotes (read as features, left as they are): the tagger's,
// the final reporting clauses and the complement clauses it missed, with
// the sources the source model chooses among the mentions (rules, the
// rules' sources by cue, as a feature and a fallback). Each quote's
// Confidence is its cue class's (confidenceOf). It makes *Tagger the
// attribution stage's attrib.Model.
func (t *Tagger) Quotes(d *quotewire.Document, rules attrib.Sources) []quotewire.Quote {
	labels, cues, c := t.labelsCues(d)
	found := finalClauses(d, Decode(d, labels, modelConfidence, rules), cues)
	found = complementClauses(d, found, cues)
	if t.Source != nil {
		t.Source.resolve(c, found, rules)
	}
	for qi := range found {
		found[qi].Confidence = confidenceOf(d, &found[qi], cues)
	}
	return found
}

var _ attrib.Model = (*Tagger)(nil)

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
		d.MarkTokens(taken, q.Content)
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
