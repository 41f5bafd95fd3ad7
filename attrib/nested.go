package attrib

import (
	"slices"
	"strings"

	"github.com/quotewire/quotewire"
)

// Nested finds reports inside reports and gives each to the person whose
// words they are: in "Guardian Media reports that Commissioner Griffith
// called the situation “one of the biggest …”" the statement is
// Griffith's, relayed by Guardian Media. When a quote's content opens with
// a subject and a reporting verb of its own ("Commissioner Griffith
// called", "the National Crime Agency (NCA) has said that", “The
// secretary reaffirmed that …”), the content becomes what follows that
// verb, the subject its source and the verb its cue, and the old source is
// kept as the quote's relay (Quote.Via). Coreference resolves both.
func Nested(d *quotewire.Document) {
	s := &state{d: d}
	toks := d.Tokens
	for i := range d.Quotes {
		q := &d.Quotes[i]
		if q.Source == nil || q.Continued || q.Via != nil || len(q.Content) != 1 {
			continue
		}
		if s.relayInSource(q) {
			continue
		}
		c := q.Content[0]
		first, end := d.TokensIn(c)
		k := first
		if k < end && toks[k].Kind == quotewire.QuoteMark {
			k++
		}
		if k < end && toks[k].Lower == "that" {
			k++ // "Cook added that Carter emphasized …"
		}
		if q.Source.Start >= c.End && s.relayBefore(q, first) {
			continue
		}
		if k >= end || !isWord(&toks[k]) || relayNot[toks[k].Lower] {
			continue
		}
		// the first reporting verb, then a subject that fills the words
		// before it (less auxiliaries and a bracketed abbreviation)
		j := k + 1
		for j < end && j < k+maxNP+6 && !relayVerb(&toks[j]) {
			j++
		}
		if j >= end || j >= k+maxNP+6 {
			continue
		}
		if beForms[toks[j-1].Lower] && passiveNotCue[toks[j].Lower] {
			continue // "25 people were confirmed dead": a passive, its subject no source
		}
		b := j - 1
		for b > k && auxiliaries[toks[b].Lower] {
			b--
		}
		if s.isPunct(b, ")") {
			// "the National Crime Agency (NCA) has said"
			for b > k && !s.isPunct(b, "(") {
				b--
			}
			b--
		}
		if b < k {
			continue
		}
		if e, ok := s.npFwd(k, b+1); !ok || e != b {
			continue
		}
		e := b
		cue := &toks[j]
		ck := cueKindOf(cue.Lower)
		m := j + 1
		if ck == cueObject && m < end && !s.isPunct(m, ",", ":") && toks[m].Lower != "that" {
			// "told his counterpart … that": the hearer
			for n := m; n < end && n < m+25; n++ {
				if toks[n].Lower == "that" {
					m = n
					break
				}
			}
		}
		cueEnd := j
		if vk, _ := kindOf(cue.Lower); vk == calling && m < end && (toks[m].Lower == "for" || toks[m].Lower == "on") {
			cueEnd, m = m, m+1 // "the letter calls for the Home Secretary to …"
		} else if m < end && (adjunctPreps[toks[m].Lower] || timeWords[toks[m].Lower]) {
			// "said in a briefing that …": the content starts after "that"
			n := m
			for n < end && n < m+12 && toks[n].Lower != "that" {
				n++
			}
			if n >= end || toks[n].Lower != "that" {
				continue
			}
			m = n
		}
		if m < end && (toks[m].Lower == "that" || s.isPunct(m, ",", ":")) {
			m++
		}
		if end-m < 3 {
			continue // too little left to be a statement
		}
		if toks[e].Kind == quotewire.Number || m == j+1 && m < end && (toks[m].IsCapitalized() && strings.HasSuffix(cue.Lower, "ed") && cueKindOf(cue.Lower) == cueNone || addForms[cue.Lower] && isWord(&toks[m]) && !subjectLike(&toks[m])) {
			// "Our 165 committed Control firefighters": an adjective, not
			// a report; "the Supreme Court's decision adds urgency": "add"
			// with an object
			continue
		}
		via := s.trimCueTail(*q.Source)
		src := quotewire.Span{Start: toks[k].Start, End: toks[e].End}
		cueSp := quotewire.Span{Start: cue.Start, End: toks[cueEnd].End}
		q.Via = &quotewire.Relay{Source: via, Entity: -1}
		q.Source, q.Cue = &src, &cueSp
		q.Content = []quotewire.Span{{Start: toks[m].Start, End: c.End}}
		if q.Kind == quotewire.Direct {
			q.Kind = quotewire.Indirect // the relay's words for the speaker's
		}
		q.Mention, q.Speaker = -1, -1
	}
}

// relayInSource handles a source span that holds a report of its own:
// "The Telegraph reports that the National Crime Agency (NCA) has said
// that …" with the source "The Telegraph reports that the National Crime
// Agency (NCA)". It reports whether it split the source into relay and
// speaker.
func (s *state) relayInSource(q *quotewire.Quote) bool {
	toks := s.d.Tokens
	a, b := s.d.TokensIn(*q.Source)
	for j := a + 1; j+2 < b; j++ {
		if cueKindOf(toks[j].Lower) == cueNone && !relayVerb(&toks[j]) || toks[j+1].Lower != "that" {
			continue
		}
		via := quotewire.Span{Start: q.Source.Start, End: toks[j-1].End}
		src := quotewire.Span{Start: toks[j+2].Start, End: q.Source.End}
		q.Via = &quotewire.Relay{Source: via, Entity: -1}
		q.Source = &src
		q.Mention, q.Speaker = -1, -1
		return true
	}
	return false
}

// trimCueTail drops a reporting verb the source span ran on into:
// "Guardian Media reports" is Guardian Media.
func (s *state) trimCueTail(sp quotewire.Span) quotewire.Span {
	toks := s.d.Tokens
	a, b := s.d.TokensIn(sp)
	for b-1 > a && (cueKindOf(toks[b-1].Lower) != cueNone || toks[b-1].Lower == "that") {
		b--
	}
	return quotewire.Span{Start: sp.Start, End: toks[b-1].End}
}

// relayBefore handles a report whose speaker and verb come before its
// content and whose relay comes after it: "Defense Secretary Ash Carter
// told his counterpart … that the two nations …, Pentagon Press Secretary
// Peter Cook told reporters". first is the content's first token. It
// reports whether it made q a relayed quote.
func (s *state) relayBefore(q *quotewire.Quote, first int) bool {
	toks := s.d.Tokens
	that := first - 1
	if toks[first].Lower == "that" {
		that = first
	}
	if that < 1 || toks[that].Lower != "that" {
		return false
	}
	lo := s.sentenceStart(that)
	j := that - 1
	for j > lo && j > that-25 && !relayVerb(&toks[j]) {
		j--
	}
	if j <= lo || !relayVerb(&toks[j]) || j < that-1 && cueKindOf(toks[j].Lower) != cueObject {
		return false
	}
	b := j - 1
	for b > lo && auxiliaries[toks[b].Lower] {
		b--
	}
	a, ok := s.npBack(b, lo)
	if !ok || pronouns[toks[a].Lower] {
		return false
	}
	via := s.trimCueTail(*q.Source)
	src := quotewire.Span{Start: toks[a].Start, End: toks[b].End}
	cue := quotewire.Span{Start: toks[j].Start, End: toks[j].End}
	q.Via = &quotewire.Relay{Source: via, Entity: -1}
	q.Source, q.Cue = &src, &cue
	if that == first {
		q.Content[0].Start = toks[first+1].Start
	}
	q.Mention, q.Speaker = -1, -1
	return true
}

// relayVerb reports whether t is a verb that reports what its subject
// said: a cue verb other than the weak ones ("found", "believes"), a verb
// of evaluation or direction ("called", "described", "urged"), or one of
// relayVerbs.
func relayVerb(t *quotewire.Token) bool {
	if t.Kind != quotewire.Word || len(t.Lower) < 3 {
		return false
	}
	switch t.Lower[len(t.Lower)-1] {
	case 'd', 's', 't', 'y', 'e', 'n', 'm':
		// said, says, thought, say, believe, warn, claim: every relaying
		// form ends so; most other words do not reach the maps
	default:
		return false
	}
	ck := cueKindOf(t.Lower)
	if ck == cueVerb && !weakCues[t.Lower] || ck == cueObject || relayVerbs[t.Lower] {
		return true
	}
	if !strings.HasSuffix(t.Lower, "ed") && !strings.HasSuffix(t.Lower, "s") {
		return false
	}
	vk, ok := kindOf(t.Lower)
	return ok && (vk == evaluating || vk == directing || vk == calling)
}

// relayVerbs report what someone said without being cues of their own
// elsewhere: “The secretary reaffirmed that …”.
var relayVerbs = map[string]bool{"reaffirmed": true, "reaffirms": true, "reiterated": true,
	"expressed": true, "voiced": true, "committed": true, "pledged": true, "vowed": true}

// relayNot are words that open a content without being a speaker:
// "it has been claimed", "there", "this".
var relayNot = map[string]bool{"it": true, "there": true, "this": true, "that": true, "these": true,
	"those": true, "what": true, "which": true, "who": true, "i": true, "we": true, "you": true}

// QuotedAs gives a report set as "X quoted Y as saying …" or "Y was
// quoted by X as saying …" to Y, the person quoted, with X as the relay
// (Quote.Via): "The Times quoted Ann Lee as saying the roads would
// reopen" is Lee's statement, relayed by the Times.
func QuotedAs(d *quotewire.Document) {
	toks := d.Tokens
	var quotedCues []int // the offsets of the "quoted" of each pattern read
	for i := range d.Quotes {
		q := &d.Quotes[i]
		if q.Cue == nil || q.Via != nil {
			continue
		}
		if strings.EqualFold(q.Cue.In(d.Text), "quoted") && len(q.Content) == 1 && q.Source != nil {
			// the model's reading: cue "quoted", content "Ann Lee as saying
			// the roads would reopen"
			first, end := d.TokensIn(q.Content[0])
			for a := first + 1; a+2 < end && a <= first+8; a++ {
				if toks[a].Lower == "as" && toks[a+1].Lower == "saying" {
					c := a + 2
					if toks[c].Lower == "that" && c+1 < end {
						c++
					}
					person := quotewire.Span{Start: toks[first].Start, End: toks[a-1].End}
					q.Via = &quotewire.Relay{Source: *q.Source, Entity: -1}
					q.Source = &person
					q.Cue = &quotewire.Span{Start: toks[a+1].Start, End: toks[a+1].End}
					q.Content[0].Start = toks[c].Start
					break
				}
			}
			continue
		}
		k := d.TokenAt(q.Cue.Start)
		if k < 3 || k >= len(toks) || toks[k].Lower != "saying" || toks[k-1].Lower != "as" {
			continue
		}
		j := k - 2
		for j > 0 && k-j <= 10 && toks[j].Lower != "quoted" && toks[j].Sentence == toks[k].Sentence {
			j--
		}
		if toks[j].Lower != "quoted" || toks[j].Sentence != toks[k].Sentence {
			continue
		}
		var person, relay quotewire.Span
		switch {
		case j > 1 && (toks[j-1].Lower == "was" || toks[j-1].Lower == "were" || toks[j-1].Lower == "been"):
			// "Ann Lee was quoted (by the Times) as saying"
			a := j - 1
			for a > 0 && toks[a-1].Sentence == toks[j].Sentence && (toks[a-1].Kind == quotewire.Word || toks[a-1].Text == ".") && !relayNot[toks[a-1].Lower] && a > j-8 {
				a--
			}
			if a >= j-1 {
				continue
			}
			person = quotewire.Span{Start: toks[a].Start, End: toks[j-2].End}
			if j+1 < k-1 && toks[j+1].Lower == "by" {
				relay = quotewire.Span{Start: toks[j+2].Start, End: toks[k-2].End}
			}
		case j+1 < k-1:
			// "The Times quoted Ann Lee as saying"
			person = quotewire.Span{Start: toks[j+1].Start, End: toks[k-2].End}
			if q.Source != nil && q.Source.End <= toks[j].Start {
				relay = *q.Source
			}
		default:
			continue
		}
		q.Source = &person
		if relay.End > relay.Start {
			q.Via = &quotewire.Relay{Source: relay, Entity: -1}
		}
		quotedCues = append(quotedCues, toks[j].Start)
	}
	if len(quotedCues) == 0 {
		return
	}
	// "quoted" itself is no report of the person's name: "The Times
	// quoted [Ann Lee]" goes
	out := d.Quotes[:0]
	for _, q := range d.Quotes {
		if q.Cue != nil && slices.Contains(quotedCues, q.Cue.Start) && strings.EqualFold(q.Cue.In(d.Text), "quoted") {
			continue
		}
		out = append(out, q)
	}
	d.Quotes = out
}

// addForms are the forms of "add", a report only before a clause.
var addForms = map[string]bool{"add": true, "adds": true, "added": true, "adding": true}
