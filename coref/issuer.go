package coref

// This file gives a document that "says" something to whoever issued it:
// "the report found" is the committee's, "a letter sent by Sarah
// Champion" is hers (docs/ANNOTATION.md, speakers).

import (
	"strings"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/phrase"
)

// documentHeads are nouns of documents that speak for whoever issued them.
var documentHeads = map[string]bool{"report": true, "complaint": true, "letter": true, "study": true,
	"survey": true, "paper": true, "lawsuit": true, "filing": true, "indictment": true, "memo": true,
	"bulletin": true, "release": true, "review": true, "assessment": true, "document": true,
	"submission": true, "petition": true, "motion": true, "audit": true, "analysis": true,
	"decree": true, "ruling": true, "verdict": true, "message": true, "telegram": true, "greeting": true, "statement": true,
	"guidance": true, "advice": true, "notice": true, "warning": true}

// issuer returns the entity that issued the document a source phrase
// names, or -1: the name inside the phrase ("a new NOAA report", "a
// letter sent by Sarah Champion", "the agency's report"), else, for "the
// report", the issuer named where the article first mentioned that
// document ("a report into … published by the APPG group", "the report by
// the Home Affairs Select Committee"). "the paper" is the newspaper last
// named.
func (r *resolver) issuer(src quotewire.Span, p phrase.Phrase, lastSpeaker int) int {
	d := r.d
	head := p.Head
	if head == "paper" || head == "newspaper" {
		return r.recent(quotewire.Organization, src.Start)
	}
	if !documentHeads[head] {
		return -1
	}
	if p.Possessor.End > p.Possessor.Start {
		if e := r.possessor(p.Possessor, lastSpeaker); e >= 0 {
			return e
		}
	}
	if e := r.byAgent(src.Start, src.End); e >= 0 {
		return e
	}
	t := src.In(d.Text)
	for _, prep := range [...]string{" from ", " by "} {
		if i := strings.Index(t, prep); i >= 0 {
			// "A statement from the ministry": an unnamed body issued it
			sp := quotewire.Span{Start: src.Start + i + len(prep), End: src.End}
			if p := phrase.Parse(d.Text, sp); p.Kind == phrase.Descriptor && p.Definite && speaks(p.Head) && !documentHeads[p.Head] {
				return r.anonymous(p.Desc.In(d.Text), p)
			}
		}
	}
	// a name modifying the document: "a new NOAA report", "A Committee Report"
	if mi := r.mentionAt(src); mi >= 0 && d.Mentions[mi].Entity >= 0 && d.Mentions[mi].Type != quotewire.Place {
		return d.Mentions[mi].Entity
	}
	if !p.Definite {
		return -1
	}
	// "the report": the last mention of a report before it, and who it was by
	lo := max(0, src.Start-3000)
	before := lowerString(d.Text[lo:src.Start])
	for off := len(before); off > 0; {
		i := strings.LastIndex(before[:off], head)
		if i < 0 {
			break
		}
		at := lo + i
		if e := r.byAgent(at, min(len(d.Text), at+len(head)+120)); e >= 0 {
			return e
		}
		off = i
	}
	return r.sender(src.Start)
}

// sendVerbs are the verbs by which someone issues a document: "Vladimir
// Putin sent his greetings to the festival. ¶ The message reads …".
var sendVerbs = map[string]bool{"sent": true, "issued": true, "published": true, "released": true,
	"addressed": true, "wrote": true, "signed": true, "sends": true, "issues": true}

// sender returns the person or organisation that opens the sentence
// before off when that sentence sends, issues or publishes something
// ("Vladimir Putin sent his greetings to …"), or -1.
func (r *resolver) sender(off int) int {
	d := r.d
	s := r.sentenceOf(off)
	if s == 0 {
		return -1
	}
	prev := d.Sentences[s-1]
	first := d.Tokens[prev.First].Start
	mi := r.mentionAt(quotewire.Span{Start: first, End: d.Tokens[prev.Last-1].End})
	if mi < 0 || d.Mentions[mi].Span.Start != first || d.Mentions[mi].Entity < 0 ||
		d.Mentions[mi].Type != quotewire.Person && d.Mentions[mi].Type != quotewire.Organization {
		return -1
	}
	for k := prev.First; k < prev.Last && k < prev.First+12; k++ {
		if sendVerbs[d.Tokens[k].Lower] {
			return d.Mentions[mi].Entity
		}
	}
	return -1
}

// byAgent returns the entity named after "by" (or "from") in text[from:to],
// within the sentence and before the next comma or full stop: "a letter
// sent by Sarah Champion MP", "published by the APPG group".
func (r *resolver) byAgent(from, to int) int {
	d := r.d
	t := d.Text[from:to]
	for _, prep := range [...]string{" by ", " from "} {
		i := strings.Index(t, prep)
		if i < 0 {
			continue
		}
		if j := strings.IndexAny(t[:i], ".;"); j >= 0 {
			continue // another sentence
		}
		start := from + i + len(prep)
		end := start
		for end < to && strings.IndexByte(",.;:(", d.Text[end]) < 0 && end-start < 80 {
			end++
		}
		sp := quotewire.Span{Start: start, End: end}
		if mi := r.mentionAt(sp); mi >= 0 && d.Mentions[mi].Entity >= 0 && d.Mentions[mi].Type != quotewire.Place {
			return d.Mentions[mi].Entity
		}
		if p := phrase.Parse(d.Text, sp); p.Kind == phrase.Name && p.Name.Start < p.Name.End {
			// a name the tagger missed: "Sarah Champion MP"
			name := p.Name.In(d.Text)
			typ := quotewire.Person
			if isOrgName(name) {
				typ = quotewire.Organization
			}
			if e := r.find(name, typ); e >= 0 {
				return e
			}
			return r.newEntity(name, typ)
		}
	}
	return -1
}
