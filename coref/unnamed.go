package coref

// This file names the speakers of statements nobody in their sentence
// names: passives with no agent ("It is believed", "Residents are being
// urged"), an office named later by its holder ("The Justice Secretary
// has announced …" ¶ "Secretary of State for Justice, Chris Grayling
// said:"), a lede's describer named in the next paragraph.

import (
	"slices"
	"strings"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/phrase"
)

// passiveText returns the cue's text with the forms of "be" (and
// "being", "been", an adverb) the attribution stage left before it: "is
// believed" of "It is [believed] …", "are being urged".
func (r *resolver) passiveText(cue quotewire.Span) string {
	t := r.d.Text
	start := cue.Start
	for n := 0; n < 3; n++ {
		j := strings.TrimRight(t[:start], " ")
		k := len(j) // strings.LastIndexAny(j, " \n") + 1
		for k > 0 && j[k-1] != ' ' && j[k-1] != '\n' {
			k--
		}
		if !passiveStep(j[k:]) {
			break
		}
		start = k
	}
	return t[start:cue.End]
}

// passiveStep reports whether strings.ToLower(w) is a form of "be" or
// "have" ("is", "been", "being", "has"), "widely" or "also": the words
// passiveText steps back over. It lowers no word of ASCII longer than
// the longest of them, and allocates for none of ASCII.
func passiveStep(w string) bool {
	if len(w) > maxFold || !isASCII(w) {
		return isPassiveStep(strings.ToLower(w))
	}
	if len(w) > len("widely") {
		return false
	}
	var buf [len("widely")]byte
	return isPassiveStep(string(lowerASCII(buf[:len(w)], w)))
}

// isPassiveStep is passiveStep of a word in lower case.
func isPassiveStep(l string) bool {
	switch l {
	case "is", "are", "was", "were", "be", "been", "being", "has", "have", "widely", "also":
		return true
	}
	return false
}

// passiveParticiple returns the participle of a cue that is a form of
// "be" (or "has been", "being") and a participle with nothing else, as
// written, or "": "expected" of "is expected", "urged" of "are being
// urged".
func passiveParticiple(cue string) string {
	if isASCII(cue) {
		// the test of the first word below, without the iterator
		if w := firstASCIIField(cue); w == "" || !passiveStep(w) || lowerIs(w, "widely") || lowerIs(w, "also") {
			return ""
		}
	}
	n, first, last := 0, "", ""
	for w := range strings.FieldsSeq(cue) {
		if n++; n > 4 {
			return ""
		}
		if n == 1 {
			first = w
		}
		last = w
	}
	if n < 2 || !passiveStep(first) || lowerIs(first, "widely") || lowerIs(first, "also") {
		return ""
	}
	return last
}

// passive is what a cue's passive says of its subject (see cuePassive).
type passive struct {
	// reported: a passive of reporting with no agent ("is expected",
	// "are being forecast", "is believed").
	reported bool
	// addressed: a passive of a verb whose object is the one addressed
	// ("are being urged", "have been told", "was asked", "were
	// advised"): its subject hears the words, it does not say them.
	addressed bool
}

// cuePassive reads the passive of a cue, with the forms of "be" before
// it (passiveText).
func (r *resolver) cuePassive(cue quotewire.Span) passive {
	w := passiveParticiple(r.passiveText(cue))
	if w == "" {
		return passive{}
	}
	return passive{reported: inLower(reportedParticiples, w), addressed: inLower(addressedParticiples, w)}
}

// ledeNamed reports whether quote qi names, in the paragraph after the
// lede, the office-holder the lede's quote described ("…, the chief of the
// National Guard Bureau said. ¶ Air Force Gen. Joseph L. Lengyel told
// reporters …"): the quote before qi is the article's first, by anon, an
// office ("chief", "minister") rather than a group or a witness.
func (r *resolver) ledeNamed(anon, qi int) bool {
	d := r.d
	if qi == 0 || d.Quotes[0].Speaker != anon || d.Quotes[0].Mention < 0 {
		return false
	}
	for k := 0; k < qi; k++ {
		// the lede's quotes, all by the described speaker ("…, calling for
		// fresh elections, saying the vote was rigged")
		if d.Quotes[k].Speaker != anon || r.paragraphOf(d.Quotes[k].Content[0].Start) != 0 {
			return false
		}
	}
	head := r.anonHead[anon]
	if !isPersonNoun(head) && !phrase.IsTitle(head) {
		return false
	}
	return r.paragraphOf(d.Quotes[qi].Cue.Start) == 1
}

// officesNamedLater gives the quotes of an unnamed office-holder ("The
// Justice Secretary has announced …") to the one person the article
// names with that office anywhere ("Secretary of State for Justice,
// Chris Grayling said:"): the office's head noun must be a title and every
// capitalised word of the description must stand in that person's role.
// Two people with such a role, or none, leave the speaker unnamed.
func (r *resolver) officesNamedLater() {
	d := r.d
	n := len(d.Entities)
	var roles [][]string // lowerRolesOf by entity, made on first use
	for anon := 0; anon < n; anon++ {
		en := &d.Entities[anon]
		head := r.anonHead[anon]
		if !en.Anonymous || en.Type != quotewire.Person || !phrase.IsTitle(head) || len(en.Mentions) == 0 {
			continue
		}
		var mods []string
		for _, w := range strings.Fields(en.Name) {
			if lw := strings.ToLower(w); lw != head && capitalisedWord(w) {
				mods = append(mods, lw)
			}
		}
		if len(mods) == 0 {
			continue // "the minister": the ranker's and the rules' business
		}
		if roles == nil {
			roles = make([][]string, n)
		}
		holder := -1
		for e := 0; e < n; e++ {
			p := &d.Entities[e]
			if e == anon || p.Anonymous || p.Type != quotewire.Person {
				continue
			}
			if roles[e] == nil {
				roles[e] = r.lowerRolesOf(e)
			}
			if !roleHas(roles[e], head, mods) {
				continue
			}
			if holder >= 0 {
				holder = -2
				break
			}
			holder = e
		}
		if holder >= 0 {
			r.nameAnonymous(anon, holder, len(d.Quotes))
			roles[holder], roles[anon] = nil, nil // their roles and mentions changed
		}
	}
}

// lowerRolesOf returns rolesOf(e) in lower case, never nil.
func (r *resolver) lowerRolesOf(e int) []string {
	roles := r.rolesOf(e)
	low := make([]string, len(roles))
	for i, role := range roles {
		low[i] = strings.ToLower(role)
	}
	return low
}

// rolesOf returns entity e's roles and the offices written just before
// its mentions, in the same line ("Secretary of State for Justice, Chris
// Grayling said:"), which the tagger does not attach.
func (r *resolver) rolesOf(e int) []string {
	d := r.d
	roles := append([]string(nil), d.Entities[e].Roles...)
	for _, mi := range d.Entities[e].Mentions {
		m := &d.Mentions[mi]
		lo := max(0, m.Span.Start-80)
		before := d.Text[lo:m.Span.Start]
		if i := lastBreak(before); i >= 0 {
			before = before[i+1:]
		}
		before = strings.TrimSpace(before)
		if !strings.HasSuffix(before, ",") {
			continue
		}
		before = strings.TrimSuffix(before, ",")
		office := before != ""
		for _, w := range strings.Fields(before) {
			office = office && (capitalisedWord(w) || joiners[w])
		}
		if office {
			roles = append(roles, before) // only an office set off by a comma: "Secretary of State for Justice, Chris Grayling"
		}
	}
	return roles
}

// lastBreak is strings.LastIndexAny(s, "\n.;:\"“”") for a text in UTF-8,
// without decoding it rune by rune.
func lastBreak(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case '\n', '.', ';', ':', '"':
			return i
		case 0x9c, 0x9d: // the last byte of “ (E2 80 9C) or ” (E2 80 9D)
			if i >= 2 && s[i-2] == 0xe2 && s[i-1] == 0x80 {
				return i - 2
			}
		}
	}
	return -1
}

// roleHas reports whether one of roles, in lower case, holds the head
// word and every modifier: "secretary of state for justice" holds
// "secretary" and "justice".
func roleHas(roles []string, head string, mods []string) bool {
	for _, role := range roles {
		if roleWord(role, head) && !slices.ContainsFunc(mods, func(m string) bool { return !roleWord(role, m) }) {
			return true
		}
	}
	return false
}

// roleWord reports whether w is one of the space-separated words of role,
// its commas and full stops aside.
func roleWord(role, w string) bool {
	for f := range strings.FieldsSeq(role) {
		if strings.Trim(f, ",.") == w {
			return true
		}
	}
	return false
}

// nameAnonymous gives the quotes before quote qi that an anonymous
// speaker made to the named entity named, and the descriptor to named as a
// role.
func (r *resolver) nameAnonymous(anon, named, qi int) {
	d := r.d
	for k := 0; k < qi; k++ {
		if d.Quotes[k].Speaker == anon {
			d.Quotes[k].Speaker = named
			if mi := d.Quotes[k].Mention; mi >= 0 {
				d.Mentions[mi].Entity = named
				d.Entities[named].Mentions = append(d.Entities[named].Mentions, mi)
			}
		}
	}
	if role := d.Entities[anon].Name; !slices.Contains(d.Entities[named].Roles, role) {
		d.Entities[named].Roles = append(d.Entities[named].Roles, role)
	}
	d.Entities[anon].Mentions = nil
	d.Entities[anon].Type = ""
}

// reportedParticiples and addressedParticiples are the participles of
// passive's reported and addressed.
var (
	reportedParticiples = map[string]bool{"expected": true, "forecast": true, "forecasted": true, "believed": true,
		"thought": true, "alleged": true, "rumoured": true, "rumored": true, "estimated": true, "predicted": true,
		"feared": true, "said": true, "understood": true, "reported": true}
	addressedParticiples = map[string]bool{"urged": true, "told": true, "asked": true, "advised": true,
		"warned": true, "encouraged": true, "reminded": true, "instructed": true, "ordered": true, "called": true}
)
