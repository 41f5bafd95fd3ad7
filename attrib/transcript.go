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
		if inTurn(ext) && (q.Source == nil || turnVoice[strings.ToLower(q.Source.In(d.Text))]) {
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
