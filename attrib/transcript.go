package attrib

import (
	"sort"
	"strings"

	"github.com/quotewire/quotewire"
)

// Transcripts reads interviews set as turns, each paragraph opening with
// its speaker's label in double brackets, as Wikinews prints them:
//
//	((WN))  So what do you mean when you say you own a copy?
//
//	((Richard Stallman))  Well, with free software, when you get a copy…
//
// Each turn is a direct quote whose source is the label (coreference
// gives "WN" to the interviewing outlet and initials to the person they
// stand for); paragraphs between two turns with no label of their own
// continue the turn before them. A quote found inside a turn whose source
// is missing or is "I", "you" or "we" is the turn's own words and goes.
// It runs after the learned model.
func Transcripts(d *quotewire.Document) {
	type turn struct {
		para        int
		label, body quotewire.Span
	}
	var turns []turn
	for p, ps := range d.Paragraphs {
		t := d.Text[ps.Start:ps.End]
		if !strings.HasPrefix(t, "((") {
			continue
		}
		close := strings.Index(t, "))")
		if close < 3 || close > 60 || strings.ContainsAny(t[2:close], "()\n") {
			continue
		}
		body := trimSpace(d.Text, quotewire.Span{Start: ps.Start + close + 2, End: ps.End})
		if body.Start < body.End && d.Text[body.Start] == ':' {
			body = trimSpace(d.Text, quotewire.Span{Start: body.Start + 1, End: body.End}) // "((WSS)) : What …"
		}
		if body.End <= body.Start {
			continue
		}
		label := trimSpace(d.Text, quotewire.Span{Start: ps.Start + 2, End: ps.Start + close})
		turns = append(turns, turn{para: p, label: label, body: body})
	}
	if len(turns) < 2 {
		return // one bracketed label is no interview
	}
	var add []quotewire.Quote
	var covered []quotewire.Span
	for i, tu := range turns {
		src := tu.label
		add = append(add, quotewire.Quote{Kind: quotewire.Direct, Content: []quotewire.Span{tu.body}, Source: &src,
			Mention: -1, Speaker: -1, Confidence: confidence[ruleLabel]})
		covered = append(covered, tu.body)
		if i+1 == len(turns) {
			break
		}
		for p := tu.para + 1; p < turns[i+1].para; p++ {
			body := trimSpace(d.Text, d.Paragraphs[p])
			if body.End <= body.Start {
				continue
			}
			if colonLabel(body.In(d.Text)) {
				break // "NG: This study started …": the other side's turn, labelled another way
			}
			add = append(add, quotewire.Quote{Kind: quotewire.Direct, Content: []quotewire.Span{body},
				Mention: -1, Speaker: -1, Confidence: confidence[ruleContinued], Continued: true})
			covered = append(covered, body)
		}
	}
	inTurn := func(sp quotewire.Span) bool {
		i := sort.Search(len(covered), func(i int) bool { return covered[i].End > sp.Start })
		return i < len(covered) && covered[i].Start <= sp.Start && sp.End <= covered[i].End
	}
	out := d.Quotes[:0]
	for _, q := range d.Quotes {
		ext := q.Extent()
		if inTurn(ext) && (q.Source == nil || turnVoiceSource(q.Source.In(d.Text))) {
			continue // the turn's own words
		}
		out = append(out, q)
	}
	d.Quotes = append(out, add...)
	sortQuotes(d)
}

// turnVoice are the sources that, inside an interview turn, are the
// speaker or the interviewer talking, not someone reported.
var turnVoice = map[string]bool{"i": true, "you": true, "we": true, "me": true}

// turnVoiceSource reports whether a source is the turn's voice: "I",
// "we", or a span that ends in one ("So many I" of "So many I want to
// acknowledge").
func turnVoiceSource(src string) bool {
	f := strings.Fields(src)
	return len(f) > 0 && turnVoice[strings.ToLower(f[len(f)-1])]
}

// LabelTurns reads transcripts whose turns open with the speaker's label
// and a colon, as the Kremlin and the State Department print them:
//
//	President of Russia Vladimir Putin: Mr Infantino, it is a pleasure to see you.
//
//	We are currently engaged in active work on the World Cup legacy. …
//
//	FIFA President Gianni Infantino: Thank you very much, Mr President.
//
// The paragraphs after a labelled turn, up to the next label, continue it.
// It needs two labelled turns (one label is a headline's "Pat Caddell:
// Democrat voters are worried", no transcript); it stops at a heading, and
// after the last turn also at a paragraph that reports someone in the
// third person ("Putin said …"). A quote inside a paragraph it takes
// whose source is missing or is "I", "you" or "we" is the turn's own
// words and goes. It runs after the learned model.
func LabelTurns(d *quotewire.Document) {
	dropCredits(d)
	type turn struct{ label, body int } // paragraphs of the label and of the last words it opens
	var turns []turn
	for i := range d.Quotes {
		q := &d.Quotes[i]
		if q.Cue == nil || q.Source == nil || q.Cue.In(d.Text) != ":" || len(q.Content) == 0 {
			continue
		}
		p := paragraphAt(d, q.Source.Start)
		if p < 0 || trimSpace(d.Text, d.Paragraphs[p]).Start != q.Source.Start {
			continue
		}
		body := max(p, paragraphAt(d, q.Content[len(q.Content)-1].Start))
		if len(turns) == 0 || turns[len(turns)-1].label != p {
			turns = append(turns, turn{label: p, body: body})
		}
	}
	if len(turns) == 0 {
		return
	}
	s := coveredState(d)
	if len(turns) == 1 && !(turns[0].label == 0 && shoutedLabel(d, turns[0].label)) && !s.speechFollows(turns[0].label, turns[0].body) {
		// one label is a headline's "Pat Caddell: Democrat voters are
		// worried" — unless the article opens with a label in capitals,
		// a statement's transcript ("PRIME MINISTER: We are meeting …"),
		// or the label comes after the article's opening and the
		// paragraph after its words speaks in the first person (the
		// Kremlin's "President of Russia Vladimir Putin: Good afternoon,
		// colleagues. ¶ Today we will be talking about …")
		return
	}
	var add []quotewire.Quote
	var covered []quotewire.Span
	for i, tu := range turns {
		next := len(d.Paragraphs)
		if i+1 < len(turns) {
			next = turns[i+1].label
		}
		for p := tu.body + 1; p < next; p++ {
			first, hi := s.paraStart(p), s.paraEnd(p)
			if first < hi && s.stageDirection(first, hi) {
				continue // "[Laughter]"
			}
			if strings.HasPrefix(d.Text[d.Paragraphs[p].Start:d.Paragraphs[p].End], "((") {
				break // "((WN)) What did you find?": a turn labelled the Wikinews way
			}
			if first >= hi || s.heading(first, hi) || i+1 == len(turns) && s.reportsSomeone(first, hi) {
				break
			}
			body := trimSpace(d.Text, d.Paragraphs[p])
			add = append(add, quotewire.Quote{Kind: quotewire.Direct, Content: []quotewire.Span{body},
				Mention: -1, Speaker: -1, Confidence: confidence[ruleContinued], Continued: true})
			covered = append(covered, body)
		}
	}
	if len(add) == 0 {
		return
	}
	inTurn := func(sp quotewire.Span) bool {
		i := sort.Search(len(covered), func(i int) bool { return covered[i].End > sp.Start })
		return i < len(covered) && covered[i].Start <= sp.Start && sp.End <= covered[i].End
	}
	out := d.Quotes[:0]
	for _, q := range d.Quotes {
		if inTurn(q.Extent()) && (q.Source == nil || turnVoiceSource(q.Source.In(d.Text))) {
			continue // the turn's own words
		}
		out = append(out, q)
	}
	d.Quotes = append(out, add...)
	sortQuotes(d)
}

// creditWords end a caption's credit line ("Gary Johnson Image:
// Carolmooredc.", "Jo JorgensenImage: Jo Jorgensen for President."),
// which names a picture's author, not a speaker.
var creditWords = [...]string{"Image", "Photo", "Photograph", "Picture", "Credit", "Credits", "Video", "Graphic", "Caption", "Illustration"}

// dropCredits removes the quotes a caption's credit line made: a colon
// after a source that ends with a credit word, on its own or glued to
// the caption ("JorgensenImage").
func dropCredits(d *quotewire.Document) {
	out := d.Quotes[:0]
	for _, q := range d.Quotes {
		if q.Cue != nil && q.Source != nil && q.Cue.In(d.Text) == ":" && isCredit(q.Source.In(d.Text)) {
			continue
		}
		out = append(out, q)
	}
	d.Quotes = out
}

// isCredit reports whether a label ends with a credit word.
func isCredit(label string) bool {
	label = strings.TrimSpace(label)
	for _, w := range creditWords {
		if !strings.HasSuffix(label, w) || len(label) == len(w) {
			continue
		}
		if c := label[len(label)-len(w)-1]; c == ' ' || c >= 'a' && c <= 'z' {
			return true
		}
	}
	return false
}

// colonLabel reports whether a paragraph opens with a speaker's label and
// a colon: a capitalised word, up to five words, then ":" ("NG: …",
// "Vladimir Putin: …").
func colonLabel(t string) bool {
	i := strings.IndexByte(t, ':')
	if i < 2 || i > 60 || t[0] < 'A' || t[0] > 'Z' {
		return false
	}
	return strings.Count(t[:i], " ") < 5 && !strings.ContainsAny(t[:i], ".,;\"“”")
}

// shoutedLabel reports whether paragraph p opens with a label in capitals
// ("PRIME MINISTER:", "ANTHONY ALBANESE, PRIME MINISTER:").
func shoutedLabel(d *quotewire.Document, p int) bool {
	t := d.Text[d.Paragraphs[p].Start:d.Paragraphs[p].End]
	i := strings.IndexByte(t, ':')
	return i > 1 && shouted(t[:i])
}

// stageDirection reports whether the paragraph of tokens [first, hi) is
// a note in brackets: "[Laughter]", "(Applause.)".
func (s *state) stageDirection(first, hi int) bool {
	return s.isPunct(first, "[", "(") && s.isPunct(hi-1, "]", ")", ".") && s.wordCount(first, hi-1) <= 4
}

// paragraphAt returns the index of the paragraph holding byte offset off,
// or -1.
func paragraphAt(d *quotewire.Document, off int) int {
	i := sort.Search(len(d.Paragraphs), func(i int) bool { return d.Paragraphs[i].End > off })
	if i < len(d.Paragraphs) && d.Paragraphs[i].Start <= off {
		return i
	}
	return -1
}

// heading reports whether the paragraph of tokens [first, hi) is a
// heading: fewer than four words, or no sentence-final mark at its end.
func (s *state) heading(first, hi int) bool {
	last := hi - 1
	for last > first && s.d.Tokens[last].Kind == quotewire.QuoteMark {
		last--
	}
	return !s.isPunct(last, ".", "!", "?", "…", ":") || s.wordCount(first, last) < 4
}

// speechFollows reports whether a lone label in paragraph label, its
// words ending in paragraph body, opens a speech: the label is not the
// article's first paragraph, a name of two words or more stands before
// its colon, and one of the next two paragraphs speaks in the first
// person (neither reporting someone in the third person).
func (s *state) speechFollows(label, body int) bool {
	d := s.d
	if label == 0 || body+1 >= len(d.Paragraphs) {
		return false
	}
	t := d.Text[d.Paragraphs[label].Start:d.Paragraphs[label].End]
	if i := strings.IndexByte(t, ':'); i < 0 || strings.Count(strings.TrimSpace(t[:i]), " ") < 1 {
		return false
	}
	for p := body + 1; p < len(d.Paragraphs) && p <= body+2; p++ {
		first, hi := s.paraStart(p), s.paraEnd(p)
		if first >= hi || s.heading(first, hi) || s.reportsSomeone(first, hi) {
			return false
		}
		for k := first; k < hi; k++ {
			if t := &d.Tokens[k]; t.Kind == quotewire.Word {
				switch t.Lower {
				case "i", "we", "my", "our", "me", "us":
					return true
				}
			}
		}
	}
	return false
}

// reportsSomeone reports whether the paragraph of tokens [first, hi)
// reports someone in the third person: a reporting verb ("said",
// "told") and no word of the first person.
func (s *state) reportsSomeone(first, hi int) bool {
	verb := false
	for k := first; k < hi; k++ {
		t := &s.d.Tokens[k]
		if t.Kind != quotewire.Word {
			continue
		}
		switch t.Lower {
		case "i", "we", "my", "our", "me", "us":
			return false
		}
		verb = verb || speechVerbs[t.Lower]
	}
	return verb
}
