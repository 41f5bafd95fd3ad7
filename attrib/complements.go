package attrib

import (
	"strings"

	"github.com/quotewire/quotewire"
)

// NPComplements adds the evaluations, directives and emphases whose
// content is a noun phrase, which neither the rules (they want a clause)
// nor the learned model (it drops short contents) report: "the Trade
// Unions commended the achievements of the workforce", "Diallo called for
// fresh elections", "Putin stressed the importance of condemning the
// violence", "women's groups described the practice as child abuse". The
// verb must be a finite form (-ed, -s) of a verb of the acts table that
// judges or directs, or of an emphasis verb, with a noun phrase subject
// before it; the content runs from its object to the end of the clause.
// It runs after the learned model, whose input does not depend on it.
func NPComplements(d *quotewire.Document) {
	n := len(d.Tokens)
	if n == 0 {
		return
	}
	var s *state
	toks := d.Tokens
	for k := 1; k+2 < n; k++ {
		t := &toks[k]
		if t.Kind != quotewire.Word || t.Text != t.Lower || !complementVerb(t.Lower, toks[k-1].Lower) {
			continue
		}
		if s == nil {
			s = coveredState(d)
		}
		if s.inQuote[k] && !s.consumed[k] && toks[k-1].Lower == "and" {
			// "underlined that … and stressed the importance of …": the
			// first report's content ends at "and"
			s.cutBefore(k - 1)
		}
		if s.consumed[k] || s.inQuote[k] {
			continue
		}
		start := k + 1
		cueEnd := k
		if kind, _ := kindOf(t.Lower); kind == calling {
			if l := toks[k+1].Lower; l != "for" && l != "on" && l != "upon" {
				continue // "called the plan a disaster" is the model's; "called" a phone call
			}
			start, cueEnd = k+2, k+1
		}
		sent := s.sentenceOf(k)
		end := start
		for end < sent.Last && end-start < 45 {
			if s.consumed[end] || s.inQuote[end] || s.isPunct(end, ";", "—", "–") {
				break
			}
			if s.isPunct(end, ",") && end+1 < sent.Last {
				if ck, _ := s.cueAt(end + 1); ck == cueGerund {
					break // "…, adding that …"
				}
			}
			end++
		}
		end = s.trimEnd(start, end-1)
		if end < start || s.wordCount(start, end) < 2 || s.wordCount(start, end) > 40 {
			continue
		}
		if toks[start].Lower == "that" || toks[start].Lower == "to" {
			continue // a clause or an infinitive: the rules' and the model's
		}
		if t.Lower == "described" && !s.hasWord(start, end, "as") {
			continue // "described how …": no judgement
		}
		b := k - 1
		for b >= sent.First && (preCue[toks[b].Lower] || toks[b].Lower == "is" || toks[b].Lower == "are" || toks[b].Lower == "was" || toks[b].Lower == "were") {
			b--
		}
		var a int
		ok := false
		if b >= sent.First && toks[b].Lower == "and" {
			// "Putin also underlined that … and stressed the importance
			// of …": the subject of the quote before, in this sentence
			a, b, ok = s.sharedSubject(sent, k)
		} else {
			a, ok = s.npBack(b, sent.First)
		}
		if !ok {
			continue
		}
		d.Quotes = append(d.Quotes, quotewire.Quote{
			Kind: quotewire.Indirect, Content: []quotewire.Span{s.span(start, end)}, Cue: s.spanPtr(k, cueEnd),
			Source: s.spanPtr(a, b), Mention: -1, Speaker: -1, Confidence: confidence[ruleNPComplement],
		})
		s.markConsumed(a, cueEnd)
		s.markQuoted(d.Quotes[len(d.Quotes)-1].Content)
		k = end
	}
	if s != nil {
		sortQuotes(d)
	}
}

// complementVerb reports whether a lower-case word is a finite form of a
// verb whose noun phrase object is what was said: a verb that judges
// ("praised", "condemns"), directs ("urged", "demanded", "called"), or
// stresses ("stressed the importance of").
func complementVerb(w, before string) bool {
	if len(w) < 5 {
		return false
	}
	if last := w[len(w)-1]; last != 'd' && last != 'g' {
		return false // the hot path: most words end otherwise
	}
	if strings.HasSuffix(w, "ing") {
		// "is calling for fresh elections"
		switch before {
		case "is", "are", "was", "were":
		default:
			return false
		}
		w = strings.TrimSuffix(w, "ing") + "ed" // "calling" reads as "called"
	} else if !strings.HasSuffix(w, "ed") {
		return false // "-s" forms are as often nouns: "attacks", "reports"
	}
	switch w {
	case "stressed", "stresses", "underlined", "underlines", "emphasised", "emphasized", "emphasises",
		"emphasizes", "underscored", "underscores", "reaffirmed", "reaffirms":
		return true
	case "dismissed", "rejected", "attacked", "directed", "advised", "ordered", "blamed", "accused":
		return false // "rejected the appeal", "ordered an inquiry": acts as much as words
	}
	kind, ok := kindOf(w)
	return ok && (kind == evaluating || kind == calling || kind == directing && w != "encouraged")
}

// cutBefore ends the indirect quote whose content holds token k (an
// "and" before a second reporting verb) just before k, when the quote's
// cue comes before it in the same sentence.
func (s *state) cutBefore(k int) {
	d := s.d
	toks := d.Tokens
	for i := range d.Quotes {
		q := &d.Quotes[i]
		if q.Kind == quotewire.Direct || q.Cue == nil || len(q.Content) != 1 {
			continue
		}
		c := q.Content[0]
		a, e := d.TokensIn(c)
		if k <= a || k >= e || d.TokenAt(q.Cue.Start) >= a || toks[d.TokenAt(q.Cue.Start)].Sentence != toks[k].Sentence {
			continue
		}
		end := s.trimEnd(a, k-1)
		if end < a {
			return
		}
		q.Content[0].End = toks[end].End
		for j := end + 1; j < e; j++ {
			s.inQuote[j] = false
		}
		return
	}
}

// hasWord reports whether the lower-case word w is among tokens [a, b].
func (s *state) hasWord(a, b int, w string) bool {
	for k := a; k <= b; k++ {
		if s.d.Tokens[k].Lower == w {
			return true
		}
	}
	return false
}

// sharedSubject returns the source tokens of a quote in sentence sent
// whose cue comes before token k: the subject two coordinated reports
// share.
func (s *state) sharedSubject(sent quotewire.Sentence, k int) (int, int, bool) {
	d := s.d
	for i := len(d.Quotes) - 1; i >= 0; i-- {
		q := &d.Quotes[i]
		if q.Source == nil || q.Cue == nil {
			continue
		}
		c := d.TokenAt(q.Cue.Start)
		if c < sent.First || c >= k {
			continue
		}
		a, e := d.TokensIn(*q.Source)
		if e > a {
			return a, e - 1, true
		}
	}
	return 0, 0, false
}

// quoteState returns a state over d with nothing consumed or quoted yet
// and every token's quotation span (qidx) marked.
func quoteState(d *quotewire.Document) *state {
	n := len(d.Tokens)
	s := &state{d: d, consumed: make([]bool, n), inQuote: make([]bool, n), qidx: make([]int32, n)}
	for i := range s.qidx {
		s.qidx[i] = -1
	}
	for i, qs := range d.QuoteSpans {
		for k, e := d.TokensIn(qs); k < e; k++ {
			s.qidx[k] = int32(i)
		}
	}
	return s
}

// coveredState returns a state over d whose consumed and inQuote marks
// hold every token of the quotes d has so far.
func coveredState(d *quotewire.Document) *state {
	s := quoteState(d)
	for i := range d.Quotes {
		s.markQuote(&d.Quotes[i])
	}
	return s
}

// hedges are the adverbs that make a sentence a report by someone the
// article does not name: "The fire reportedly started at 19:00".
var hedges = map[string]bool{"reportedly": true, "allegedly": true, "purportedly": true, "supposedly": true}

// hedgedCue reports whether a cue holds a hedge ("allegedly ignored").
func hedgedCue(d *quotewire.Document, cue quotewire.Span) bool {
	for k, e := d.TokensIn(cue); k < e; k++ {
		if isHedge(d.Tokens[k].Lower) {
			return true
		}
	}
	return false
}

// Hedged adds the sentences that report through an adverb alone ("The
// first attack reportedly was in Al Noor Mosque …", "Brenton also
// allegedly released …"): the whole sentence is the content, the adverb
// the cue and the source, which coreference reads as unnamed reports or
// sources. A sentence that holds a quote already is left alone.
func Hedged(d *quotewire.Document) {
	toks := d.Tokens
	// the learned model reads "The owner allegedly ignored three warnings"
	// as the owner's report with the cue "allegedly ignored": the hedge
	// is the report, the whole sentence its content
	kept := d.Quotes[:0]
	for _, q := range d.Quotes {
		if q.Kind != quotewire.Direct && q.Cue != nil && hedgedCue(d, *q.Cue) {
			continue
		}
		kept = append(kept, q)
	}
	d.Quotes = kept
	var s *state
	lastSent := -1
	for k := range toks {
		t := &toks[k]
		if t.Kind != quotewire.Word || !isHedge(t.Lower) || t.Sentence == lastSent {
			continue
		}
		if s == nil {
			s = coveredState(d)
		}
		sent := s.sentenceOf(k)
		taken := false
		for j := sent.First; j < sent.Last && !taken; j++ {
			taken = s.consumed[j] || s.inQuote[j]
		}
		if taken {
			continue
		}
		end := s.trimEnd(sent.First, sent.Last-1)
		if end <= sent.First || s.wordCount(sent.First, end) < 4 {
			continue
		}
		lastSent = t.Sentence
		d.Quotes = append(d.Quotes, quotewire.Quote{
			Kind: quotewire.Indirect, Content: []quotewire.Span{s.span(sent.First, end)}, Cue: s.spanPtr(k, k),
			Source: s.spanPtr(k, k), Mention: -1, Speaker: -1, Confidence: confidence[ruleHedged],
		})
		s.markQuoted(d.Quotes[len(d.Quotes)-1].Content)
	}
	if s != nil {
		sortQuotes(d)
	}
}

// SharedCues drops a reported quote whose content lies before its cue
// when another quote with the same cue has its content after it: in "In a
// statement to a health conference, Chan warned the number of cases is
// rising" the learned model also reads the opening adjunct as what Chan
// warned. A cue reports one thing, and what follows it is that thing.
func SharedCues(d *quotewire.Document) {
	if len(d.Quotes) < 2 {
		return
	}
	after := map[quotewire.Span]bool{}
	for _, q := range d.Quotes {
		if q.Cue != nil && q.Kind != quotewire.Direct && q.Content[0].Start >= q.Cue.End {
			after[*q.Cue] = true
		}
	}
	if len(after) == 0 {
		return
	}
	out := d.Quotes[:0]
	for _, q := range d.Quotes {
		if q.Cue != nil && q.Kind != quotewire.Direct && after[*q.Cue] && q.Content[len(q.Content)-1].End <= q.Cue.Start {
			continue
		}
		out = append(out, q)
	}
	d.Quotes = out
}

// WithGerunds gives a reporting gerund after "with" the noun phrase
// between them as its source: in "the toll looks certain to rise, with
// authorities saying there is no hope" the authorities say it, whatever
// the learned model took for the source.
func WithGerunds(d *quotewire.Document) {
	toks := d.Tokens
	for i := range d.Quotes {
		q := &d.Quotes[i]
		if q.Cue == nil {
			continue
		}
		k := d.TokenAt(q.Cue.Start)
		if k <= 1 || k >= len(toks) || cueKindOf(toks[k].Lower) != cueGerund {
			continue
		}
		if j := withBefore(toks, k); j >= 0 {
			q.Source = &quotewire.Span{Start: toks[j+1].Start, End: toks[k-1].End}
		}
	}
}

// withBefore returns the token of the "with" that opens the noun phrase
// before the gerund at k ("with authorities saying"), at most five words
// back in its sentence, or -1.
func withBefore(toks []quotewire.Token, k int) int {
	j := k - 1
	for j > 0 && k-j <= 5 && toks[j].Kind == quotewire.Word && toks[j].Lower != "with" && !pronounsOrVerbs(toks[j].Lower) {
		j--
	}
	if j >= k-1 || toks[j].Lower != "with" || toks[j].Sentence != toks[k].Sentence {
		return -1
	}
	return j
}

// pronounsOrVerbs are words that end a "with" phrase's noun phrase when
// read backwards: an auxiliary or a pronoun's object form.
func pronounsOrVerbs(w string) bool {
	switch w {
	case "is", "are", "was", "were", "be", "been", "has", "have", "had", "him", "her", "them", "it":
		return true
	}
	return false
}

// passiveCues are the past participles that report with no agent after a
// form of "be": "Coastal flooding is expected …", "The piece is believed
// to have been stolen …", "Streams are forecast to reach flood stage".
var passiveCues = map[string]bool{"expected": true, "forecast": true, "forecasted": true, "believed": true,
	"thought": true, "alleged": true, "rumoured": true, "rumored": true, "estimated": true, "predicted": true,
	"feared": true, "reported": true, "said": true, "understood": true,
	// the addressed as subject: "People have been told to avoid the area"
	"urged": true, "told": true, "advised": true, "encouraged": true}

// passiveNotCue are the participles whose passive subject is never the
// source: "25 people were confirmed dead", "the plan was announced".
var passiveNotCue = map[string]bool{"confirmed": true, "reported": true, "announced": true, "estimated": true,
	"revealed": true, "found": true, "shown": true, "known": true, "described": true, "predicted": true,
	"disclosed": true, "forecast": true, "projected": true}

// beForms are the forms of "be" before a passive report.
var beForms = map[string]bool{"is": true, "are": true, "was": true, "were": true, "be": true, "been": true}

// Passives adds the sentences that report through a passive with no
// agent ("Coastal flooding is expected from the storm", "The relic is
// believed to have been looted", "Streams are forecast to reach flood
// stage"): the sentence is the content, "be" and the participle the cue,
// with no source; coreference reads such a cue as unnamed sources (unnamed
// reports for "is reported"). A sentence that holds a quote already, or names an
// agent after the participle ("is expected by analysts"), is left alone.
func Passives(d *quotewire.Document) {
	toks := d.Tokens
	var s *state
	for k := 1; k+1 < len(toks); k++ {
		t := &toks[k]
		if t.Kind != quotewire.Word || !isPassiveCue(t.Lower) {
			continue
		}
		b := k - 1
		for b > 0 && (toks[b].Lower == "being" || toks[b].Lower == "also" || toks[b].Lower == "widely" || toks[b].Lower == "now" || toks[b].Lower == "not") {
			b--
		}
		if !beForms[toks[b].Lower] || toks[k+1].Lower == "by" || toks[k].Sentence != toks[b].Sentence {
			continue
		}
		if s == nil {
			s = coveredState(d)
		}
		sent := s.sentenceOf(k)
		if b == sent.First || toks[sent.First].Kind == quotewire.QuoteMark {
			continue // "Is it expected …?": a question; a quotation
		}
		taken := false
		for j := sent.First; j < sent.Last && !taken; j++ {
			taken = s.consumed[j] || s.inQuote[j] || s.qidx[j] >= 0
		}
		if taken {
			continue
		}
		end := s.trimEnd(sent.First, sent.Last-1)
		if end <= k || s.wordCount(sent.First, end) < 5 {
			continue
		}
		d.Quotes = append(d.Quotes, quotewire.Quote{
			Kind: quotewire.Indirect, Content: []quotewire.Span{s.span(sent.First, end)}, Cue: s.spanPtr(b, k),
			Mention: -1, Speaker: -1, Confidence: confidence[ruleHedged],
		})
		s.markQuoted(d.Quotes[len(d.Quotes)-1].Content)
		k = end
	}
	if s != nil {
		sortQuotes(d)
	}
}
