package attrib

import (
	"sort"

	"github.com/quotewire/quotewire"
)

// indirect finds reported speech around reporting verbs, sentence by
// sentence, outside the quotes and attributions direct() used.
func (s *state) indirect() {
	d := s.d
	for si := range d.Sentences {
		se := d.Sentences[si]
		if se.Span == d.DatelineSpan && !se.IsEmpty() {
			continue
		}
		for k := se.First; k < se.Last; k++ {
			if s.consumed[k] || s.qidx[k] >= 0 || s.inQuote[k] {
				continue
			}
			ck, last := s.cueAt(k)
			if ck == cueNone {
				continue
			}
			q, ok := s.tryCue(se, k, last, ck)
			if !ok {
				continue
			}
			s.addIndirect(q)
			// content and attribution are used; cues inside them are nested
			// attributions this rule set leaves alone
			s.markQuoted(q.Content)
			s.markConsumed(k, last)
			k = last
		}
	}
}

// maxReach bounds, in tokens, how far from its cue a content span may reach.
const maxReach = 300

// trimEnd moves b back over sentence-final punctuation that is not inside
// a quote, and over trailing commas.
func (s *state) trimEnd(a, b int) int {
	for b >= a {
		t := &s.d.Tokens[b]
		if t.Kind == quotewire.Punct && s.qidx[b] < 0 && (t.Text == "." || t.Text == "," || t.Text == ";" || t.Text == ":" || t.Text == "!" || t.Text == "?" || t.Text == "—" || t.Text == "–" || t.Text == "-") {
			b--
			continue
		}
		break
	}
	return b
}

// trimStart moves a forward over leading punctuation.
func (s *state) trimStart(a, b int) int {
	for a <= b {
		t := &s.d.Tokens[a]
		if t.Kind == quotewire.Punct && (t.Text == "," || t.Text == ":" || t.Text == "—" || t.Text == "–" || t.Text == "-") {
			a++
			continue
		}
		break
	}
	return a
}

// contentAfter returns where the content of "SOURCE CUE ..." starts, after
// the cue at token last: past "that", a colon, a hearer for cues that take
// one, and adjuncts followed by "that". ok is false when no content follows.
func (s *state) contentAfter(last, hi int, ck cueKind) (int, bool) {
	toks := s.d.Tokens
	j := last + 1
	if ck == cueObject && j < hi && toks[j].Lower != "that" {
		if e, ok := s.npFwd(j, hi); ok && !(e+1 < hi && verbOpeners[toks[e+1].Lower]) {
			// the hearer: "told reporters …"; not the clause's subject
			// ("warned the agreement may be hard to implement")
			j = e + 1
		}
	}
	// adjuncts up to a "that" or a colon: "said on Wednesday that"
	explicit := false
	for k := j; k < hi && k < j+10; k++ {
		t := &toks[k]
		if t.Lower == "that" && k > j || s.isPunct(k, ":") {
			if adjunctPreps[toks[j].Lower] || timeWords[toks[j].Lower] || s.isPunct(j, ",") {
				j = k
			}
			break
		}
		if s.isPunct(k, ".", ";", "!", "?") || s.qidx[k] >= 0 {
			break
		}
	}
	if j < hi && (toks[j].Lower == "that" || s.isPunct(j, ":")) {
		j++
		explicit = true
	}
	if j < hi && s.isPunct(j, ",") {
		j++
	}
	if j >= hi {
		return 0, false
	}
	t := &toks[j]
	if !explicit {
		// what follows must look like a clause or a quote, not an adjunct;
		// a short adjunct may come first ("said after the convention he
		// would ...", "told reporters this weekend he ...")
		possessive := j+1 < hi && isPossessive(&toks[j+1]) // "Sunday's vote was rigged": a subject
		if adjunctPreps[t.Lower] || timeWords[t.Lower] && !possessive {
			k, ok := s.skipAdjunct(j, hi)
			if !ok {
				return 0, false
			}
			j, t = k, &toks[k]
		}
		if adjunctPreps[t.Lower] || timeWords[t.Lower] && !isPossessive(&toks[min(j+1, hi-1)]) || t.Kind == quotewire.Punct || t.Lower == "him" || t.Lower == "her" || t.Lower == "them" || t.Lower == "me" || t.Lower == "us" {
			return 0, false
		}
	}
	return j, true
}

// tryCue tries the indirect-speech patterns at the cue [k, last] of
// sentence se.
func (s *state) tryCue(se quotewire.Sentence, k, last int, ck cueKind) (quotewire.Quote, bool) {
	toks := s.d.Tokens
	// look no further than maxReach tokens either side of the cue, so a
	// giant unpunctuated "sentence" costs linear time
	lo, hi := max(se.First, k-maxReach), min(se.Last, last+maxReach)
	weak := weakCues[toks[k].Lower]
	conf := confidence[ruleSaidThat]
	if weak {
		conf = confidence[ruleSaidThatWeak]
	}
	mk := func(parts []quotewire.Span, ca, cb, sa, sb int, c float64) (quotewire.Quote, bool) {
		q := quotewire.Quote{Kind: quotewire.Indirect, Content: parts, Cue: s.spanPtr(ca, cb), Mention: -1, Speaker: -1, Confidence: c}
		if sa >= 0 {
			q.Source = s.spanPtr(sa, sb)
		}
		return q, true
	}
	// content before: tokens [lo, end] with at least three words, not
	// already used
	before := func(end int) (quotewire.Span, bool) {
		a := lo
		for a <= end && (s.consumed[a] || s.inQuote[a]) {
			a++
		}
		for i := a; i <= end; i++ {
			if s.consumed[i] || s.inQuote[i] && s.qidx[i] < 0 {
				return quotewire.Span{}, false
			}
		}
		b := s.trimEnd(a, end)
		a = s.trimStart(a, b)
		if b < a || s.wordCount(a, b) < 3 {
			return quotewire.Span{}, false
		}
		return s.span(a, b), true
	}
	afterC := func(start int) (quotewire.Span, bool) {
		b := s.trimEnd(start, hi-1)
		for i := start; i <= b; i++ {
			if s.consumed[i] {
				b = s.trimEnd(start, i-1)
				break
			}
			// a contrasting clause after a comma is the writer's, not the
			// speaker's: "X said A, but B"
			if i > start+3 && s.qidx[i] < 0 && s.isPunct(i, ",") && i+1 <= b && clauseBreak[toks[i+1].Lower] {
				b = s.trimEnd(start, i-1)
				break
			}
		}
		if b < start || s.wordCount(start, b) < 3 && !s.shortClause(start, b) {
			return quotewire.Span{}, false
		}
		return s.span(start, b), true
	}
	if s.isAccording(k) {
		e, ok := s.npFwd(last+1, hi)
		if !ok {
			return quotewire.Quote{}, false
		}
		// "According to X, CONTENT."
		if k == lo || k == lo+1 && s.isPunct(lo, "(", "—") {
			if e+1 < hi && s.isPunct(e+1, ",") {
				if c, ok := afterC(e + 2); ok {
					return mk([]quotewire.Span{c}, k, last, last+1, e, confidence[ruleAccording])
				}
			}
			return quotewire.Quote{}, false
		}
		// "CONTENT, according to X(, CONTENT)."
		if s.isPunct(k-1, ",", "—", "(") {
			var parts []quotewire.Span
			if c, ok := before(k - 2); ok {
				parts = append(parts, c)
			}
			if e+1 < hi && s.isPunct(e+1, ",", "—", ")") {
				if c, ok := afterC(e + 2); ok {
					parts = append(parts, c)
				}
			}
			if len(parts) > 0 {
				return mk(parts, k, last, last+1, e, confidence[ruleAccording])
			}
		}
		return quotewire.Quote{}, false
	}
	if ck == cueGerund {
		// "..., adding that CONTENT": the subject is the last source in
		// this sentence; "…, with authorities saying CONTENT": the noun
		// phrase after "with"
		var with *quotewire.Span
		if !s.isPunct(k-1, ",") {
			w := withBefore(toks, k)
			if w < 0 {
				return quotewire.Quote{}, false
			}
			with = s.spanPtr(w+1, k-1)
		}
		j, ok := s.contentAfter(last, hi, cueVerb)
		if !ok {
			return quotewire.Quote{}, false
		}
		c, ok := afterC(j)
		if !ok {
			return quotewire.Quote{}, false
		}
		src := with
		if src == nil {
			src = s.lastSourceIn(se)
		}
		q := quotewire.Quote{Kind: quotewire.Indirect, Content: []quotewire.Span{c}, Cue: s.spanPtr(k, last), Mention: -1, Speaker: -1, Confidence: confidence[ruleGerund], Source: src}
		return q, true
	}
	// SOURCE CUE ...
	b := k - 1
	if b >= lo && beForms[toks[b].Lower] && passiveNotCue[toks[k].Lower] {
		// "25 people were confirmed dead": the subject of a passive is
		// what was reported, not who reported it
		return quotewire.Quote{}, false
	}
	for b >= lo && preCue[toks[b].Lower] {
		b--
	}
	for b-2 >= lo && (timeWords[toks[b].Lower] || timeNouns[toks[b].Lower]) && timePreps[toks[b-1].Lower] {
		// "A spokeswoman on Friday said": the time between source and cue
		b -= 2
		for b >= lo && preCue[toks[b].Lower] {
			b--
		}
	}
	// "NAME, APPOSITION, said CONTENT": the subject opens the sentence
	// (read first: "Pakistan's foreign ministry spokeswoman, Tasnim Aslam,
	// said Islamabad wanted peace" is no inverted "CONTENT, said NAME")
	if b > lo && s.isPunct(b, ",") {
		lo := lo
		if openers[toks[lo].Lower] {
			lo++
		}
		if e, ok := s.npFwd(lo, b); ok && e+1 < b && (s.isPunct(e+1, ",") || s.isPunct(e+1, "(")) {
			if c, ok := s.appositionEnd(e+1, hi); ok && c == b && !s.consumed[lo] && !s.inQuote[lo] {
				if j, ok := s.contentAfter(last, hi, ck); ok && !weak {
					if c, ok := afterC(j); ok {
						return mk([]quotewire.Span{c}, k, last, lo, e, confidence[ruleApposition])
					}
				}
			}
		}
	}
	// "CONTENT, said NAME(, TITLE)." before "NAME, APPOSITION, said
	// CONTENT": a name that ends the sentence after the cue is its source
	// ("…at the highest level of their sports, said Willie Wilson, WCAP
	// program director.")
	if b == k-1 && b > lo && s.isPunct(b, ",") && !weak && ck != cueObject {
		if e, ok := s.npFwd(last+1, hi); ok && toks[last+1].IsCapitalized() && s.endsSentence(e+1, hi) {
			if c, ok := before(k - 2); ok {
				return mk([]quotewire.Span{c}, k, last, last+1, e, confidence[ruleInverted])
			}
		}
	}
	// "CONTENT, NAME, APPOSITION, CUE (hearer)." ("The vaccine is safe,
	// Sara Lee, the health minister, told reporters in London.")
	if b == k-1 && b > lo && s.isPunct(b, ",") && !weak && (ck == cueObject && s.hearerEnds(last+1, hi) || s.endsSentence(last+1, hi)) {
		c2 := -1 // the comma that opens the apposition
		for i := b - 1; i > lo && i >= b-10; i-- {
			if s.isPunct(i, ",") {
				c2 = i
				break
			}
			if s.qidx[i] >= 0 || cueKindOf(toks[i].Lower) != cueNone {
				break
			}
		}
		if c2 > lo+1 && toks[c2-1].IsCapitalized() {
			if a, ok := s.npBack(c2-1, lo); ok && a > lo && s.isPunct(a-1, ",") && !s.consumed[a] && !s.inQuote[a] {
				if c, ok := before(a - 2); ok {
					return mk([]quotewire.Span{c}, k, last, a, c2-1, confidence[ruleTail])
				}
			}
		}
		if c2 > lo+1 && toks[b-1].IsCapitalized() && !toks[c2-1].IsCapitalized() {
			// "…, the city's transport chief, Ann Lee, told the BBC.": the
			// descriptor, then the name
			if a, ok := s.npBack(c2-1, lo); ok && a > lo && s.isPunct(a-1, ",") && !s.consumed[a] && !s.inQuote[a] {
				if c, ok := before(a - 2); ok {
					return mk([]quotewire.Span{c}, k, last, a, b-1, confidence[ruleTail])
				}
			}
		}
	}
	if a, ok := s.npBack(b, lo); ok && !s.consumed[a] && !s.inQuote[b] {
		// "CONTENT, SOURCE CUE, CONTENT."
		if a > lo && s.isPunct(a-1, ",") && last+2 < hi && s.isPunct(last+1, ",") && clauseBreak[toks[last+2].Lower] {
			// "The deal is done, Biden said, but details remain …": the
			// clause after "but" is the writer's
			if c1, ok := before(a - 2); ok {
				return mk([]quotewire.Span{c1}, k, last, a, b, confidence[ruleTail])
			}
		}
		if a > lo && s.isPunct(a-1, ",") && last+1 < hi && s.isPunct(last+1, ",") {
			if c1, ok := before(a - 2); ok {
				if c2, ok := afterC(last + 2); ok {
					return mk([]quotewire.Span{c1, c2}, k, last, a, b, confidence[ruleParenthetical])
				}
			}
		}
		// "CONTENT, SOURCE CUE (adjunct)."
		if a > lo && s.isPunct(a-1, ",", "—", "–") {
			j := last + 1
			tail := j >= hi || s.isPunct(j, ".", ",", ";", "!", "?") || adjunctPreps[toks[j].Lower] || timeWords[toks[j].Lower] || ck == cueObject && s.hearerEnds(j, hi)
			if tail {
				if c, ok := before(a - 2); ok {
					return mk([]quotewire.Span{c}, k, last, a, b, confidence[ruleTail])
				}
			}
		}
		// "SOURCE CUE (that) CONTENT."
		if j, ok := s.contentAfter(last, hi, ck); ok {
			if weak && toks[j-1].Lower != "that" && !s.isPunct(j-1, ":") && !subjectLike(&toks[j]) {
				return quotewire.Quote{}, false
			}
			if c, ok := afterC(j); ok {
				return mk([]quotewire.Span{c}, k, last, a, b, conf)
			}
		}
		return quotewire.Quote{}, false
	}
	// "CONTENT, CUE SOURCE." ("…, told reporters" names the hearer, not
	// the source)
	if k > lo && s.isPunct(k-1, ",", "—") && !weak && ck != cueObject {
		if e, ok := s.npFwd(last+1, hi); ok {
			n := e + 1
			if n >= hi || s.isPunct(n, ".", ",", ";", "!", "?") || adjunctPreps[toks[n].Lower] || timeWords[toks[n].Lower] {
				if c, ok := before(k - 2); ok {
					return mk([]quotewire.Span{c}, k, last, last+1, e, confidence[ruleInverted])
				}
			}
		}
	}
	return quotewire.Quote{}, false
}

// endsSentence reports whether the sentence ends at token n (before hi),
// or goes on only with a short apposition of no verb (", WCAP program
// director.") or a time ("on Sunday.").
func (s *state) endsSentence(n, hi int) bool {
	toks := s.d.Tokens
	if n >= hi || s.isPunct(n, ".", "!", "?", ";") {
		return true
	}
	if !s.isPunct(n, ",") && !adjunctPreps[toks[n].Lower] && !timeWords[toks[n].Lower] {
		return false
	}
	for k := n + 1; k < hi; k++ {
		t := &toks[k]
		if s.isPunct(k, ".", "!", "?", ";") {
			return k-n <= 10
		}
		if cueKindOf(t.Lower) != cueNone || s.qidx[k] >= 0 || personalSubjects[t.Lower] {
			return false
		}
	}
	return hi-n <= 10
}

// hearerEnds reports whether the words after a cue of the told kind at
// token j are its hearer and then the sentence's end ("…, X told
// reporters on Monday."), not a clause ("speakers warned the agreement
// may be hard to implement").
func (s *state) hearerEnds(j, hi int) bool {
	e, ok := s.npFwd(j, hi)
	return ok && s.endsSentence(e+1, hi)
}

// verbOpeners open a verb phrase: after "warned the agreement" they make
// the noun phrase a subject, not a hearer.
var verbOpeners = map[string]bool{"may": true, "might": true, "will": true, "would": true, "could": true,
	"can": true, "should": true, "must": true, "is": true, "are": true, "was": true, "were": true,
	"has": true, "have": true, "had": true}

// personalSubjects are pronouns that open a clause of their own.
var personalSubjects = map[string]bool{"he": true, "she": true, "they": true, "it": true, "we": true, "i": true, "there": true}

// lastSourceIn returns the source of the last quote attributed within
// sentence se, or nil.
func (s *state) lastSourceIn(se quotewire.Sentence) *quotewire.Span {
	// quotes of this sentence are among the last few added
	for i, n := len(s.d.Quotes)-1, 0; i >= 0 && n < 16; i, n = i-1, n+1 {
		q := &s.d.Quotes[i]
		if q.Source != nil && se.Contains(*q.Source) {
			return q.Source
		}
	}
	return nil
}

// addIndirect appends q, typed mixed when its content holds quotation
// marks and direct when it is exactly one quotation.
func (s *state) addIndirect(q quotewire.Quote) {
	qs := s.d.QuoteSpans
	for _, c := range q.Content {
		i := sort.Search(len(qs), func(i int) bool { return qs[i].End > c.Start })
		for ; i < len(qs) && qs[i].Start < c.End; i++ {
			if c == qs[i] {
				q.Kind = quotewire.Direct
			} else {
				q.Kind = quotewire.Mixed
			}
		}
	}
	s.d.Quotes = append(s.d.Quotes, q)
}

// clauseBreak are conjunctions that, after a comma, start a clause of the
// writer's own.
var clauseBreak = map[string]bool{"but": true, "although": true, "though": true, "while": true, "whereas": true}

// openers are sentence-initial words before a subject ("But Smith, ...").
var openers = map[string]bool{"but": true, "and": true, "yet": true, "so": true, "still": true, "however": true, "meanwhile": true}

// subjectLike reports whether t can open a clause: a personal pronoun, a
// determiner or a capitalised word.
func subjectLike(t *quotewire.Token) bool {
	switch t.Lower {
	case "he", "she", "they", "it", "we", "i", "you", "there", "this", "the", "his", "her", "their", "its", "our", "a", "an":
		return true
	}
	return t.IsCapitalized()
}

// clauseStarts are words that open a reported clause after an adjunct.
var clauseStarts = map[string]bool{
	"he": true, "she": true, "they": true, "it": true, "we": true, "i": true, "the": true,
	"his": true, "her": true, "their": true, "its": true, "our": true, "there": true, "this": false,
}

// skipAdjunct skips a short adjunct at token j — a preposition or time
// word, then at least one other word — up to the pronoun or determiner
// that opens the reported clause, within six tokens. It fails when no
// clause opener follows.
func (s *state) skipAdjunct(j, hi int) (int, bool) {
	toks := s.d.Tokens
	if timeWords[toks[j].Lower] && j+1 < hi && clauseStarts[toks[j+1].Lower] && j+2 < hi && !timeWords[toks[j+2].Lower] && !isPossessive(&toks[j+2]) {
		return j + 1, true // "told reporters today the troops will …": the time word alone
	}
	k := j + 1
	if k < hi && determiners[toks[k].Lower] {
		k++ // "after the convention": the determiner belongs to the adjunct
	}
	words := 0
	for ; k < hi && k <= j+6; k++ {
		t := &toks[k]
		if t.Kind != quotewire.Word && t.Kind != quotewire.Number {
			return 0, false
		}
		if clauseStarts[t.Lower] && words > 0 {
			return k, true
		}
		if pronouns[t.Lower] || cueKindOf(t.Lower) != cueNone {
			return 0, false
		}
		words++
	}
	return 0, false
}

// shortClause reports whether tokens [a, b] are a clause of two words, a
// pronoun and an auxiliary that stands for the question's verb: "Asked
// whether the roads would reopen, Ann Lee said [they would]."
func (s *state) shortClause(a, b int) bool {
	toks := s.d.Tokens
	if b != a+1 || !pronouns[toks[a].Lower] {
		return false
	}
	switch toks[b].Lower {
	case "would", "will", "could", "can", "should", "might", "may", "did", "does", "do", "was", "were", "is", "are", "had", "has", "have", "wouldn't", "won't", "couldn't", "didn't", "doesn't", "don't", "wasn't", "isn't":
		return true
	}
	return false
}
