package attrib

import (
	"sort"
	"strings"

	"github.com/quotewire/quotewire"
)

// Rules is the rules' first pass of the attribution Stage: it pairs
// quotation marks, finds each quote's cue and source mention, finds
// indirect speech around reporting verbs, and writes Document.QuoteSpans,
// Quotes and the source Mentions (pronouns and descriptors it adds itself;
// names come from the tagger). It is exported for what reads the rules'
// first answer: the learned model's features and its training. The zero
// value is ready to use.
type Rules struct{}

var _ quotewire.Stage = Rules{}

// rule names the pattern that found a quote; each has its own confidence.
type rule int

const (
	ruleDirectNamed   rule = iota // "…," Lavrov said
	ruleDirectOther               // "…," he said / the minister said
	ruleContinued                 // a quote paragraph with no cue of its own
	ruleLabel                     // PENCE: …
	ruleAccording                 // according to X, …
	ruleGerund                    // …, adding that …
	ruleApposition                // X, a spokesman for Y, said …
	ruleParenthetical             // …, X said, …
	ruleTail                      // …, X said.
	ruleSaidThat                  // X said (that) …
	ruleSaidThatWeak              // X believes (that) …
	ruleInverted                  // …, said X.
	ruleCredit                    // “…” ― Sonya Herridge
	ruleAs                        // As X put it, …
	ruleColonBlock                // X said: ¶ an unquoted statement
	ruleNPComplement              // X praised / called for / stressed NOUN PHRASE
	ruleHedged                    // … reportedly / allegedly …
	numRules
)

// confidence is the share of each rule's quotes that are right (content
// matched and source right) on PolNeAR dev, measured with quotewire eval
// --reliability and smoothed as (right+1)/(quotes+2), so a quote's
// confidence is calibrated by construction. Continuations are scored with
// the quote they continue in PolNeAR's convention, so theirs is an
// estimate: a little below the direct quotes they follow.
var confidence = [numRules]float64{
	ruleDirectNamed:   0.89, // 212 of 238 right
	ruleDirectOther:   0.93, // 127 of 135
	ruleContinued:     0.85, // estimated
	ruleCredit:        0.85, // estimated; dev's 0.85 quotes (credits, continuations): 15 of 18 right
	ruleLabel:         0.80, // 3 of 3
	ruleAccording:     0.91, // 29 of 31
	ruleGerund:        0.27, // 7 of 28: the subject is often not the last source
	ruleApposition:    0.94, // 31 of 32
	ruleParenthetical: 0.87, // 25 of 28
	ruleTail:          0.60, // 29 of 48
	ruleSaidThat:      0.83, // 308 of 371
	ruleSaidThatWeak:  0.61, // 59 of 96
	ruleInverted:      0.70, // 6 of 8
	ruleAs:            0.80, // estimated
	ruleColonBlock:    0.80, // estimated: not in PolNeAR; the news set's government releases
	ruleNPComplement:  0.60, // estimated: PolNeAR counts these, the model misses them
	ruleHedged:        0.70, // estimated: the Wikinews speaker set's dev split
}

type state struct {
	d        *quotewire.Document
	qs       []quoteSpan
	qidx     []int32 // per token: index of the quote span holding it, or -1
	consumed []bool  // per token: part of an attribution already used
	inQuote  []bool  // per token: inside the content of a found quote
}

// Process finds the quotes of d.
func (Rules) Process(d *quotewire.Document) error {
	s := &state{d: d}
	s.qs = findQuotes(d)
	n := len(d.Tokens)
	s.qidx = make([]int32, n)
	for i := range s.qidx {
		s.qidx[i] = -1
	}
	d.QuoteSpans = d.QuoteSpans[:0]
	for i := range s.qs {
		q := &s.qs[i]
		for t := q.open; t <= q.close; t++ {
			s.qidx[t] = int32(i)
		}
		d.QuoteSpans = append(d.QuoteSpans, q.span(d.Tokens))
	}
	s.consumed = make([]bool, n)
	s.inQuote = make([]bool, n)
	s.direct()
	s.credits()
	s.labels()
	s.indirect()
	s.asClauses()
	sortQuotes(d)
	return nil
}

// cueAt returns the kind of cue at token i and the index of its last token
// ("according to" spans two), or cueNone.
func (s *state) cueAt(i int) (cueKind, int) {
	toks := s.d.Tokens
	t := &toks[i]
	if t.Kind != quotewire.Word {
		return cueNone, i
	}
	if t.Lower == "according" && i+1 < len(toks) && toks[i+1].Lower == "to" {
		return cueVerb, i + 1
	}
	// particle cues: "called for", "called on", "pointed out"
	if i+1 < len(toks) {
		if p, ok := particleOf(t.Lower); ok && (toks[i+1].Lower == p || p == "for" && toks[i+1].Lower == "on") {
			return cueVerb, i + 1
		}
	}
	k := cueKindOf(t.Lower)
	if k == cueNone {
		return cueNone, i
	}
	if i > 0 && t.IsCapitalized() && t.Text != strings.ToUpper(t.Text) && toks[i-1].Kind == quotewire.Word && toks[i-1].Sentence == t.Sentence && toks[i-1].IsCapitalized() {
		return cueNone, i // a word of a name: "the United States Geological Survey"
	}
	return k, i
}

func (s *state) isAccording(i int) bool {
	toks := s.d.Tokens
	return toks[i].Lower == "according" && i+1 < len(toks) && toks[i+1].Lower == "to"
}

func (s *state) span(a, b int) quotewire.Span {
	return quotewire.Span{Start: s.d.Tokens[a].Start, End: s.d.Tokens[b].End}
}

func (s *state) spanPtr(a, b int) *quotewire.Span {
	sp := s.span(a, b)
	return &sp
}

func (s *state) markConsumed(a, b int) {
	for i := a; i <= b && i < len(s.consumed); i++ {
		s.consumed[i] = true
	}
}

func (s *state) sentenceOf(i int) quotewire.Sentence {
	return s.d.Sentences[s.d.Tokens[i].Sentence]
}

func (s *state) wordCount(a, b int) int {
	n := 0
	for i := a; i <= b; i++ {
		if isWord(&s.d.Tokens[i]) {
			n++
		}
	}
	return n
}

func (s *state) isPunct(i int, texts ...string) bool {
	if i < 0 || i >= len(s.d.Tokens) {
		return false
	}
	t := &s.d.Tokens[i]
	if t.Kind != quotewire.Punct {
		return false
	}
	for _, x := range texts {
		if t.Text == x {
			return true
		}
	}
	return false
}

// attribution is a cue with its source, as found next to a quote.
type attribution struct {
	cueA, cueB int // token range of the cue
	srcA, srcB int // token range of the source, srcA < 0 when none
	end        int // last token of the attribution clause
}

// after looks for "SOURCE CUE" or "CUE SOURCE" right after token c (a
// closing quote mark), within the paragraph ending at token hi (exclusive).
func (s *state) after(c, hi int) (attribution, bool) {
	toks := s.d.Tokens
	j := c + 1
	if j < hi && s.isPunct(j, ",", "—", "–", "-") {
		j++
	}
	if j >= hi {
		return attribution{}, false
	}
	// CUE SOURCE: "said Lavrov", "said the minister"
	if k, last := s.cueAt(j); k == cueVerb || k == cueObject {
		if s.isAccording(j) {
			if e, ok := s.npFwd(last+1, hi); ok {
				return attribution{cueA: j, cueB: last, srcA: last + 1, srcB: e, end: e}, true
			}
			return attribution{}, false
		}
		if e, ok := s.npFwd(j+1, hi); ok && !pronouns[toks[j+1].Lower] || ok && (toks[j+1].Lower == "he" || toks[j+1].Lower == "she") {
			return attribution{cueA: j, cueB: j, srcA: j + 1, srcB: e, end: e}, true
		}
	}
	// SOURCE CUE: "Lavrov said", "he emphasized", "the minister has said"
	e, ok := s.npFwd(j, hi)
	if !ok {
		return attribution{}, false
	}
	// an apposition: "Smith, the company's spokesman, said", "Jordan
	// (R-Ohio), an oversight panel member, said"
	k := e + 1
	if k < hi && s.isPunct(k, "(") {
		if c := s.closeParen(k, hi); c > 0 && (c+1 >= hi || !s.isPunct(c+1, ",")) {
			k = c + 1 // "Moore (D-Wis.) said"
		}
	}
	if k < hi && (s.isPunct(k, ",") || s.isPunct(k, "(")) {
		if c, ok2 := s.appositionEnd(k, hi); ok2 {
			k = c + 1
		}
	}
	for k < hi && preCue[toks[k].Lower] {
		k++
	}
	if k >= hi {
		return attribution{}, false
	}
	if ck, last := s.cueAt(k); ck == cueVerb || ck == cueObject {
		return attribution{cueA: k, cueB: last, srcA: j, srcB: e, end: last}, true
	}
	return attribution{}, false
}

// before looks for "SOURCE CUE:", "SOURCE CUE that" or "According to
// SOURCE," right before token o (an opening quote mark), within the
// sentence starting at token lo.
func (s *state) before(o, lo int) (attribution, bool) {
	toks := s.d.Tokens
	j := o - 1
	if j < lo {
		return attribution{}, false
	}
	if s.isPunct(j, ":", ",", "—", "–") || toks[j].Lower == "that" {
		j--
	}
	for k := j; k >= lo && k >= j-6; k-- {
		if s.consumed[k] || s.qidx[k] >= 0 {
			break
		}
		// According to SOURCE, "..."
		if s.isAccording(k) && s.isPunct(o-1, ",") {
			if e, ok := s.npFwd(k+2, o); ok && e == o-2 {
				return attribution{cueA: k, cueB: k + 1, srcA: k + 2, srcB: e, end: o - 1}, true
			}
			return attribution{}, false
		}
		ck, _ := s.cueAt(k)
		if ck != cueVerb && ck != cueObject {
			continue
		}
		// words between the cue and the mark: none, a hearer ("told
		// reporters"), or an adjunct ("said on Wednesday")
		if k < j {
			if ck != cueObject && !adjunctPreps[toks[k+1].Lower] && !timeWords[toks[k+1].Lower] {
				return attribution{}, false
			}
			if !(s.isPunct(o-1, ":", ",") || toks[o-1].Lower == "that") {
				return attribution{}, false
			}
		}
		b := k - 1
		for b >= lo && preCue[toks[b].Lower] {
			b--
		}
		b = s.skipFootnote(b, lo)
		if a, ok := s.npBack(b, lo); ok {
			return attribution{cueA: k, cueB: k, srcA: a, srcB: b, end: o - 1}, true
		}
		return attribution{}, false
	}
	return attribution{}, false
}

// skipFootnote returns the token before a link's footnote marker that
// ends at token b ("@anniepaul [6] tweeted:", as Global Voices numbers its
// links), or b when there is none.
func (s *state) skipFootnote(b, lo int) int {
	toks := s.d.Tokens
	if b-2 >= lo && s.isPunct(b, "]") && s.isPunct(b-2, "[") && isDigits(toks[b-1].Text) {
		return b - 3
	}
	return b
}

// isDigits reports whether w is a run of ASCII digits.
func isDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w != ""
}

// colonSubject reads "SUBJECT VERB …:" in the tokens [lo, colon]: a
// capitalised noun phrase opening the sentence, then a lower-case verb,
// nothing quoted or taken up to the colon.
func (s *state) colonSubject(lo, colon int) (attribution, bool) {
	toks := s.d.Tokens
	if colon-lo > 25 || !toks[lo].IsCapitalized() {
		return attribution{}, false
	}
	for k := lo; k < colon; k++ {
		if s.consumed[k] || s.qidx[k] >= 0 {
			return attribution{}, false
		}
	}
	// the subject: a run of capitalised words ("Governor John Bel Edwards")
	e := lo
	for e+1 < colon && toks[e+1].IsCapitalized() {
		e++
	}
	if e+1 >= colon {
		return attribution{}, false
	}
	v := &toks[e+1]
	if v.Kind != quotewire.Word || v.Text != v.Lower || !(strings.HasSuffix(v.Lower, "ed") || cueKindOf(v.Lower) != cueNone) {
		return attribution{}, false // "Transportation and Infrastructure Committee …:" has no verb
	}
	return attribution{cueA: e + 1, cueB: e + 1, srcA: lo, srcB: e, end: colon}, true
}

// paraEnd returns the token index one past the last token of paragraph p.
func (s *state) paraEnd(p int) int {
	end := s.d.Paragraphs[p].End
	toks := s.d.Tokens
	return sort.Search(len(toks), func(i int) bool { return toks[i].Start >= end })
}

func (s *state) paraStart(p int) int {
	return s.d.TokenAt(s.d.Paragraphs[p].Start)
}

// isStatement reports whether a quote span reads as a quoted statement
// rather than a scare quote or a title: several words, or sentence
// punctuation inside.
func (s *state) isStatement(q *quoteSpan) bool {
	n := s.wordCount(q.open, q.close)
	if n >= 6 {
		return true
	}
	for i := q.open + 1; i < q.close; i++ {
		if s.isPunct(i, ".", "!", "?") {
			return n >= 2
		}
	}
	return false
}

// direct attributes quotations in marks.
func (s *state) direct() {
	d := s.d
	toks := d.Tokens
	lastQuote := -1 // index in d.Quotes of the last attributed quote
	for i := 0; i < len(s.qs); i++ {
		q := &s.qs[i]
		if q.prev >= 0 {
			continue // handled with the quote it continues
		}
		// the chain of paragraphs this quote runs over
		chain := []int{i}
		for n := q.next; n >= 0; n = s.qs[n].next {
			chain = append(chain, n)
		}
		last := &s.qs[chain[len(chain)-1]]
		hi := s.paraEnd(last.para)
		lo := s.sentenceStart(q.open)
		var content []quotewire.Span
		for _, c := range chain {
			content = append(content, s.qs[c].span(toks))
		}
		statement := s.isStatement(q) || len(chain) > 1
		ok := false
		var a attribution
		leadLo := lo
		if q.open == lo && q.open > 0 && s.isPunct(q.open-1, ":") && s.sentenceOf(q.open-1).Paragraph == q.para {
			leadLo = s.sentenceStart(q.open - 1) // the segmenter began a sentence at the mark
		}
		if statement && q.open > leadLo && s.isPunct(q.open-1, ":", ",") {
			// "Juncker said: “…”", "Secretary Clinton said, "…"": the
			// lead-in in its own sentence is the attribution, whatever
			// follows the closing mark
			a, ok = s.before(q.open, leadLo)
			if ok && s.isPunct(q.open-1, ",") && a.cueB != q.open-2 {
				ok = false // "In Washington, “…”": no cue right before the comma
			}
			if !ok && s.isPunct(q.open-1, ":") {
				// "Governor John Bel Edwards addressed the public: “…”": the
				// sentence's subject, its verb the cue
				a, ok = s.colonSubject(leadLo, q.open-1)
			}
		}
		if !ok && !last.unclosed {
			a, ok = s.after(last.close, hi)
		}
		if !ok && statement && q.open == lo && q.open > 0 && s.isPunct(q.open-1, ":") && s.sentenceOf(q.open-1).Paragraph == q.para-1 {
			// a lead-in paragraph that ends in a colon: "The First Minister
			// said:" ¶ "…", "Keith Vaz MP, Chairman of the Committee,
			// said:" ¶ "…"
			if a, ok = s.appositionLead(s.sentenceStart(q.open-1), q.open-1); !ok {
				a, ok = s.before(q.open, s.sentenceStart(q.open-1))
			}
		}
		if !ok {
			a, ok = s.before(q.open, lo)
			if ok && !statement {
				// a short quote after a cue: part of indirect speech
				ok = false
			}
			if ok {
				// the sentence goes on after the quote: a mixed quote
				se := s.sentenceOf(last.close)
				if rest := s.wordsAfter(last.close, min(se.Last, last.close+8)); rest >= 3 && len(chain) == 1 {
					ok = false
				}
			}
		} else if !statement && !s.endsWithComma(last) {
			ok = false
		}
		if ok {
			// interrupted quote: `"A," he said, "B."`
			if a.end+1 < hi && s.isPunct(a.end+1, ",", ":") && i+1 < len(s.qs) && s.qs[i+1].open == a.end+2 && s.qs[i+1].prev < 0 {
				n := &s.qs[i+1]
				content = append(content, n.span(toks))
				for nn := n.next; nn >= 0; nn = s.qs[nn].next {
					content = append(content, s.qs[nn].span(toks))
				}
				i++
				for nn := n.next; nn >= 0; nn = s.qs[nn].next {
					i = nn
				}
			}
			s.markConsumed(a.cueA, a.cueB)
			if a.srcA >= 0 {
				s.markConsumed(a.srcA, a.srcB)
			}
			// an attribution after the quote owns the rest of its clause
			if a.cueA > last.close {
				se := s.sentenceOf(a.cueB)
				for k := a.cueB + 1; k < se.Last && k < a.cueB+maxReach && s.qidx[k] < 0; k++ {
					if ck, _ := s.cueAt(k); ck == cueGerund {
						break
					}
					s.consumed[k] = true
				}
			}
			conf := confidence[ruleDirectOther]
			src := s.spanPtr(a.srcA, a.srcB)
			if toks[a.srcB].IsCapitalized() && !pronouns[toks[a.srcB].Lower] {
				conf = confidence[ruleDirectNamed]
			}
			d.Quotes = append(d.Quotes, quotewire.Quote{
				Kind: quotewire.Direct, Content: content, Cue: s.spanPtr(a.cueA, a.cueB),
				Source: src, Mention: -1, Speaker: -1, Confidence: conf,
			})
			s.markQuoted(content)
			lastQuote = len(d.Quotes) - 1
			continue
		}
		// no cue of its own: a statement that opens its sentence continues
		// the previous speaker
		if statement && lastQuote >= 0 && q.open == lo {
			if q.para-s.paraOfSpan(d.Quotes[lastQuote].Content[len(d.Quotes[lastQuote].Content)-1]) <= 2 {
				d.Quotes = append(d.Quotes, quotewire.Quote{
					Kind: quotewire.Direct, Content: content, Mention: -1, Speaker: -1,
					Confidence: confidence[ruleContinued], Continued: true,
				})
				s.markQuoted(content)
				lastQuote = len(d.Quotes) - 1
			}
		}
	}
}

func (s *state) paraOfSpan(sp quotewire.Span) int {
	return s.d.Sentences[s.d.Tokens[s.d.TokenAt(sp.Start)].Sentence].Paragraph
}

// endsWithComma reports whether the quote's text ends with ',', '?', '!'
// or a dash just inside its closing mark: the sign of an attribution to come.
func (s *state) endsWithComma(q *quoteSpan) bool {
	return q.close-1 > q.open && s.isPunct(q.close-1, ",", "?", "!", "—", "–", "…")
}

// wordsAfter counts the words after token c up to hi (exclusive).
func (s *state) wordsAfter(c, hi int) int {
	n := 0
	for i := c + 1; i < hi; i++ {
		if isWord(&s.d.Tokens[i]) {
			n++
		}
	}
	return n
}

func (s *state) sentenceStart(i int) int {
	return s.sentenceOf(i).First
}

func (s *state) markQuoted(content []quotewire.Span) {
	for _, c := range content {
		for i, end := s.d.TokensIn(c); i < end; i++ {
			s.inQuote[i] = true
		}
	}
}

// appositionEnd looks from token k (a comma or bracket after a name) for
// the comma that closes an apposition and is followed by a cue, within 30
// tokens of the same sentence, and returns that comma's index.
func (s *state) appositionEnd(k, hi int) (int, bool) {
	toks := s.d.Tokens
	sent := toks[k].Sentence
	for c := k + 1; c < hi && c < k+30 && toks[c].Sentence == sent; c++ {
		if s.qidx[c] >= 0 || s.isPunct(c, ";", "!", "?") {
			return 0, false
		}
		if !s.isPunct(c, ",") {
			continue
		}
		n := c + 1
		for n < hi && preCue[toks[n].Lower] {
			n++
		}
		if n < hi {
			if ck, _ := s.cueAt(n); ck == cueVerb || ck == cueObject {
				return c, true
			}
		}
	}
	return 0, false
}

// closeParen returns the index of the ")" closing the "(" at k within 8
// tokens, or -1.
func (s *state) closeParen(k, hi int) int {
	for c := k + 1; c < hi && c <= k+8; c++ {
		if s.isPunct(c, ")") {
			return c
		}
		if s.isPunct(c, "(") {
			return -1
		}
	}
	return -1
}

// openParen returns the index of the "(" opening the ")" at k within 8
// tokens, or -1.
func (s *state) openParen(k, lo int) int {
	for c := k - 1; c >= lo && c >= k-8; c-- {
		if s.isPunct(c, "(") {
			return c
		}
		if s.isPunct(c, ")") {
			return -1
		}
	}
	return -1
}
