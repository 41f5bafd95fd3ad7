package coref

// This file gives the labels of transcripts set in capitals their
// speakers: "ANTHONY ALBANESE, PRIME MINISTER:" names a person and the
// office they hold, "PRIME MINISTER:" after it is that person, "CLENNELL:"
// the "ANDREW CLENNELL" of an earlier label, and "QUESTION:" a reporter.

import (
	"slices"
	"strings"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/phrase"
	"github.com/quotewire/quotewire/text"
)

// interviewerLabels are the labels of an interviewer's lines whose
// speaker the transcript does not name.
var interviewerLabels = map[string]bool{"question": true, "journalist": true, "reporter": true, "interviewer": true}

// capsLabelSource resolves a source that is a label in capitals opening
// its paragraph, followed by its colon or by a comma, the speaker's office
// in capitals and the colon. It reports false for any other source.
func (r *resolver) capsLabelSource(src quotewire.Span) (mi, e int, ok bool) {
	d := r.d
	t := src.In(d.Text)
	if !allCaps(t) || capsLabel(t) || src.Start > 0 && d.Text[src.Start-1] != '\n' {
		return -1, -1, false // "NG:", "WN:", "Q:": initials and outlets (see label)
	}
	rest, role := d.Text[src.End:], ""
	switch {
	case strings.HasPrefix(rest, ":"):
	case strings.HasPrefix(rest, ", "):
		i := strings.IndexByte(rest, ':')
		if i < 0 || i > 80 || strings.IndexByte(rest[:i], '\n') >= 0 || !allCaps(rest[2:i]) {
			return -1, -1, false
		}
		role = titleCase(strings.TrimSpace(rest[2:i]))
	default:
		return -1, -1, false
	}
	defer func() {
		if ok && e >= 0 {
			if r.labelled == nil {
				r.labelled = map[int]bool{}
			}
			r.labelled[e] = true
		}
	}()
	if interviewerLabels[strings.ToLower(t)] {
		e := r.anonymous("reporter", phrase.Phrase{Head: "reporter"})
		return r.addMention(src, quotewire.DescriptorMention, e), e, true
	}
	title := titleCase(t)
	p := phrase.Parse(title, quotewire.Span{Start: 0, End: len(title)})
	switch p.Kind {
	case phrase.Name:
		name := p.Name.In(title)
		e := r.find(name, quotewire.Person)
		if e >= 0 && d.Entities[e].Type != quotewire.Person {
			// the tagger's "CLENNELL" (an organisation): the person of an
			// earlier label, "ANDREW CLENNELL", if there is one
			e = -1
			k := r.keyOf(name)
			if nwords(k) == 1 {
				for i := r.surnames.first(quotewire.Surname(k)); i >= 0 && e < 0; i = r.surnames.nodes[i].prev {
					if c := r.surnames.nodes[i].e; d.Entities[c].Type == quotewire.Person {
						e = c
					}
				}
			}
		}
		if e < 0 {
			e = r.newEntity(name, quotewire.Person)
		}
		if tm := r.mentionAt(src); tm >= 0 {
			if te := d.Mentions[tm].Entity; te >= 0 && te != e && len(d.Entities[te].Mentions) == 1 {
				r.absorb(e, te) // the tagger's "CLENNELL" (an organisation) is the person
			}
		}
		if allCaps(d.Entities[e].Name) {
			d.Entities[e].Name = name // "GERBERDING" of the tagger: "Gerberding"
		}
		if role != "" && !slices.Contains(d.Entities[e].Roles, role) {
			d.Entities[e].Roles = append(d.Entities[e].Roles, role)
		}
		return r.addMentionHead(src, quotewire.Span{Start: src.Start + p.Name.Start, End: src.Start + p.Name.End}, quotewire.NameMention, e), e, true
	case phrase.Descriptor:
		// an office: whoever the article gives it to, else the office
		// itself, unnamed
		for e := range d.Entities {
			en := &d.Entities[e]
			if en.Type == quotewire.Person && !en.Anonymous && slices.ContainsFunc(en.Roles, func(r string) bool { return strings.EqualFold(r, title) }) {
				return r.addMention(src, quotewire.DescriptorMention, e), e, true
			}
		}
		e := r.anonymous(title, p)
		return r.addMention(src, quotewire.DescriptorMention, e), e, true
	}
	return -1, -1, false
}

// allCaps reports whether s has letters and none in lower case.
func allCaps(s string) bool { return text.CapitalLetters(s) > 1 }
