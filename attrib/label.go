package attrib

import (
	"strings"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/text"
)

// notSpeakers are capitalised labels that end in a colon without naming a
// speaker ("UPDATE:", "Photo:").
var notSpeakers = map[string]bool{
	"update": true, "note": true, "editor": true, "editors": true, "photo": true, "photos": true,
	"watch": true, "read": true, "breaking": true, "exclusive": true, "video": true, "source": true,
	"sources": true, "credit": true, "related": true, "see": true, "also": true, "correction": true,
	"clarification": true, "warning": true, "disclaimer": true, "advertisement": true, "listen": true,
	"q": true, "a": true, "question": true, "answer": true, "transcript": true, "image": true,
	"subscribe": true, "follow": true, "share": true, "tags": true, "topics": true, "more": true,
	"audio": true, "graphic": true, "map": true, "chart": true, "caption": true, "file": true,
	// stage directions of radio and television scripts ("MUSIC: "Our
	// World" theme")
	"music": true, "sound": true, "sfx": true, "applause": true, "laughter": true, "crosstalk": true,
	"inaudible": true, "clip": true, "soundbite": true, "ambience": true, "ambient": true, "nat": true,
}

// labels finds speaker labels that open a paragraph, as in transcripts and
// headlines: "PENCE: Well, look, ..." or "Pat Caddell: Democrat voters are
// worried". The label must be an upper-case name or a person the tagger
// found; the rest of the paragraph is the quote, with the colon as its cue.
// Transcripts also set
//
//   - a name and its role in capitals: "ANTHONY ALBANESE, PRIME MINISTER:
//     …" (the name before the comma is the source);
//   - the label alone in its paragraph, the words in the next: "PETER
//     HELLIAR:" ¶ "Welcome back, Prime Minister.";
//   - the interviewer's lines: "QUESTION:", "JOURNALIST:", "Q:" — turns
//     only in an article with another label that names someone (a
//     page of questions and answers alone, "Q: … A: …", is no one's
//     words).
func (s *state) labels() {
	d := s.d
	toks := d.Tokens
	// the names the tagger found, indexed once a paragraph has a colon
	// where a label may end (most articles have none)
	var persons map[quotewire.Span]bool
	// end offset of a name -> its start, and whether it is a person's (else
	// a name of no known type; a person's wins)
	type nameStart struct {
		start  int
		person bool
	}
	var nameEnds map[int]nameStart
	var surnames map[string]bool // "Pompeo:" after "Mike Pompeo"
	indexNames := func() {
		if persons != nil {
			return
		}
		persons = map[quotewire.Span]bool{}
		nameEnds = map[int]nameStart{}
		surnames = map[string]bool{}
		for _, m := range d.Mentions {
			if m.Type == quotewire.Person {
				persons[m.Span] = true
				persons[m.Head] = true
				if h := m.Head.In(d.Text); strings.IndexByte(h, ' ') > 0 {
					surnames[h[strings.LastIndexByte(h, ' ')+1:]] = true
				}
				nameEnds[m.Head.End] = nameStart{m.Head.Start, true}
			} else if m.Type == "" && m.Kind == quotewire.NameMention && !nameEnds[m.Head.End].person {
				nameEnds[m.Head.End] = nameStart{m.Head.Start, false}
			}
		}
	}
	type label struct {
		a, colon, nameEnd int // tokens: the label [a, nameEnd], its colon
		body              quotewire.Span
		interviewer       bool
	}
	var found []label
	named := false
	for p := range d.Paragraphs {
		a := s.paraStart(p)
		hi := s.paraEnd(p)
		if a >= hi {
			continue
		}
		wrapped := toks[a].Kind == quotewire.QuoteMark
		if wrapped {
			a++
		}
		colon, bracket, comma := -1, -1, -1
		long := false // an office with commas or "and" before the holder's name
		for k := a; k < hi && k < a+22; k++ {
			if s.isPunct(k, ":") {
				colon = k
				break
			}
			if bracket < 0 && k > a && s.isPunct(k, "(") {
				bracket = k // "U.S. Senator Steve Daines (R-MT):"
				continue
			}
			if bracket >= 0 {
				if k > bracket+5 {
					break
				}
				continue
			}
			if comma < 0 && k > a && s.isPunct(k, ",") && s.shoutedRun(a, k) {
				comma = k // "ANTHONY ALBANESE, PRIME MINISTER:"
				continue
			}
			if k > a && comma < 0 && (s.isPunct(k, ",") || toks[k].Lower == "and") && toks[a].IsCapitalized() {
				// "Minister of Civil Defence, Emergencies and Natural
				// Disasters Relief Vladimir Puchkov:" — a person the tagger
				// found must end it
				long = true
				continue
			}
			if toks[k].Kind != quotewire.Word && !s.isPunct(k, ".") || (k >= a+6 || long) && toks[k].Kind == quotewire.Word && !toks[k].IsCapitalized() && comma < 0 && !officeJoiners[toks[k].Lower] {
				break
			}
			if k >= a+14 && !long {
				break
			}
		}
		if colon <= a || bracket >= 0 && !s.isPunct(colon-1, ")") {
			continue
		}
		nameEnd := colon - 1
		switch {
		case bracket >= 0:
			nameEnd = bracket - 1
		case comma >= 0:
			if !s.shoutedRun(comma+1, colon) || colon-comma > 6 {
				continue
			}
			nameEnd = comma - 1
		}
		indexNames()
		interviewer := nameEnd == a && interviewerLabels[toks[a].Lower] && shouted(toks[a].Text)
		name := quotewire.Span{Start: toks[a].Start, End: toks[nameEnd].End}
		if interviewer {
			// "QUESTION:", kept if another label names someone
		} else if n, ok := nameEnds[name.End]; long && comma < 0 && bracket < 0 {
			// an office with commas, then its holder (a name the tagger
			// left untyped will do)
			if !ok || n.start <= name.Start {
				continue
			}
		} else if ok && n.person && n.start >= name.Start && (bracket >= 0 || nameEnd-a >= 5) {
			// a title, then a person: "Transportation and Infrastructure
			// Committee Ranking Member Sam Graves (MO-07):"
		} else if !persons[name] && !s.upperLabel(a, nameEnd+1) && !(nameEnd == a && surnames[toks[a].Text]) || bracket >= 0 || nameEnd-a >= 5 {
			continue
		}
		if wrapped && s.relabel(a, colon) {
			named = named || !interviewer
			continue
		}
		if s.consumed[colon] {
			continue
		}
		var body quotewire.Span
		if colon+1 >= hi {
			// the label alone: its words are the next paragraph
			if wrapped || p+1 >= len(d.Paragraphs) {
				continue
			}
			first, last := s.paraStart(p+1), s.paraEnd(p+1)-1
			if first > last || s.labelAt(first, last+1) || s.wordCount(first, last) < 1 {
				continue
			}
			if last = s.trimEnd(first, last); !s.free(first, last) {
				continue
			}
			body = s.span(first, last)
		} else {
			if s.inQuote[colon+1] || s.consumed[colon+1] {
				continue
			}
			end := hi - 1
			if toks[end].Kind == quotewire.QuoteMark && s.qidx[end] < 0 {
				end-- // the transcript's own closing mark
			}
			end = s.trimEnd(colon+1, end)
			if n := s.wordCount(colon+1, end); n < 3 && !interviewer && !(n == 2 && s.isPunct(hi-1, ".", "!", "?")) || !s.free(colon+1, end) {
				continue // "NOTE: see below"; "DR. GERBERDING: Good afternoon." is a turn
			}
			body = s.span(colon+1, end)
		}
		found = append(found, label{a: a, colon: colon, nameEnd: nameEnd, body: body, interviewer: interviewer})
		named = named || !interviewer
	}
	for _, l := range found {
		if l.interviewer && !named {
			continue
		}
		content := []quotewire.Span{l.body}
		d.Quotes = append(d.Quotes, quotewire.Quote{
			Kind: quotewire.Direct, Content: content, Cue: s.spanPtr(l.colon, l.colon),
			Source: s.spanPtr(l.a, l.nameEnd), Mention: -1, Speaker: -1, Confidence: confidence[ruleLabel],
		})
		s.markConsumed(l.a, l.colon)
		s.markQuoted(content)
	}
}

// officeJoiners may stand inside an office before its holder's name in
// a label: "Minister of Civil Defence, Emergencies and Natural Disasters
// Relief Vladimir Puchkov:".
var officeJoiners = map[string]bool{"of": true, "for": true, "and": true, "the": true, "on": true}

// interviewerLabels are the labels of an interviewer's lines in a
// transcript ("QUESTION:", "Q:").
var interviewerLabels = map[string]bool{"q": true, "question": true, "journalist": true, "reporter": true, "interviewer": true}

// free reports whether no token of [a, b] is consumed or quoted.
func (s *state) free(a, b int) bool {
	for k := a; k <= b; k++ {
		if s.consumed[k] || s.inQuote[k] {
			return false
		}
	}
	return true
}

// shoutedRun reports whether tokens [a, b) are words in capitals (titles'
// dots allowed): "ANTHONY ALBANESE", "DR CHRIS BROWN".
func (s *state) shoutedRun(a, b int) bool {
	if a >= b {
		return false
	}
	for k := a; k < b; k++ {
		t := &s.d.Tokens[k]
		if s.isPunct(k, ".") {
			continue
		}
		if t.Kind != quotewire.Word || !shouted(t.Text) {
			return false
		}
	}
	return true
}

// shouted reports whether a word is written in capitals: "PRIME", "DR".
func shouted(w string) bool { return text.CapitalLetters(w) > 0 }

// labelAt reports whether the paragraph of tokens [a, hi) is itself a
// speaker's label: capitals or a name, then a colon ending it.
func (s *state) labelAt(a, hi int) bool {
	return hi-a <= 8 && hi-1 > a && s.isPunct(hi-1, ":")
}

// relabel handles a transcript whose paragraphs are each in quotation
// marks (`"PENCE: Well, ...`): the direct-quote pass has already made the
// paragraph a quote without cue or source (continuing the last speaker),
// or a later part of such a quote. relabel gives the paragraph's part the
// label [a, colon) as its source and the colon as its cue, starts its
// content after the colon, and splits it (with the parts after it) from
// the quote it was in. It reports whether it found such a quote.
func (s *state) relabel(a, colon int) bool {
	toks := s.d.Tokens
	for qi := range s.d.Quotes {
		q := &s.d.Quotes[qi]
		for pi, c := range q.Content {
			if c.Start > toks[a].Start || c.End <= toks[colon+1].Start {
				continue
			}
			if pi == 0 && (q.Cue != nil || q.Source != nil) {
				return false
			}
			nq := *q
			if pi > 0 {
				// a later paragraph of a multi-paragraph quote: the
				// label starts a quote of its own
				nq.Content = append([]quotewire.Span(nil), q.Content[pi:]...)
				q.Content = q.Content[:pi]
			}
			nq.Content[0].Start = toks[colon+1].Start
			nq.Cue = s.spanPtr(colon, colon)
			nq.Source = s.spanPtr(a, colon-1)
			nq.Confidence = confidence[ruleLabel]
			nq.Continued = false
			s.markConsumed(a, colon)
			if pi > 0 {
				s.d.Quotes = append(s.d.Quotes, nq)
			} else {
				*q = nq
			}
			return true
		}
	}
	return false
}

// upperLabel reports whether tokens [a, colon) are one to three upper-case
// words (titles' dots aside) that are not a known non-speaker label.
func (s *state) upperLabel(a, colon int) bool {
	words := 0
	for k := a; k < colon; k++ {
		t := &s.d.Tokens[k]
		if k > a && s.isPunct(k, ".") {
			continue // "DR. GERBERDING:"
		}
		words++
		if t.Kind != quotewire.Word || len(t.Text) < 2 || strings.ToUpper(t.Text) != t.Text || notSpeakers[t.Lower] {
			return false
		}
	}
	return words <= 3
}
