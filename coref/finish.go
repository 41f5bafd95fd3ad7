package coref

// This file tidies the entities after the speakers are resolved: places
// and unnamed office-holders that speak, names in capitals, numbering.

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/phrase"
	"github.com/quotewire/quotewire/text"
)

// finish drops untyped entities nobody quotes, numbers the rest and sorts
// their mentions.
func (r *resolver) finish() {
	d := r.d
	r.placesThatSpeak()
	r.officeHolders()
	r.personsTypedTwice()
	keep := make([]int, len(d.Entities))
	speaker := make([]bool, len(d.Entities))
	for _, q := range d.Quotes {
		if q.Speaker >= 0 {
			speaker[q.Speaker] = true
		}
		if q.Via != nil && q.Via.Entity >= 0 {
			speaker[q.Via.Entity] = true
		}
	}
	out := d.Entities[:0] // kept in place: an entity moves only ever down
	ids := entityIDs(len(d.Entities))
	for e := range d.Entities {
		if (d.Entities[e].Type == "" || d.Entities[e].Anonymous || len(d.Entities[e].Mentions) == 0) && !speaker[e] {
			// untyped, or an unnamed speaker whose quotes went to someone
			// named (see nameAnonymous, documentBefore), or a place whose
			// every mention was its government speaking
			keep[e] = -1
			continue
		}
		keep[e] = len(out)
		en := d.Entities[e]
		if en.Type == "" {
			en.Type = untypedSpeaker(en.Name)
		}
		if en.Type == quotewire.Person && !en.Anonymous && shouting(en.Name) {
			en.Name = titleCase(en.Name) // "ANDREW RIDLAND" in a story set in capitals
			if p := phrase.Parse(en.Name, quotewire.Span{Start: 0, End: len(en.Name)}); p.Kind == phrase.Name && p.Name.End-p.Name.Start < len(en.Name) && strings.IndexByte(p.Name.In(en.Name), ' ') > 0 {
				en.Name = p.Name.In(en.Name) // "PFC EDWARD MURPHY" is Edward Murphy
			}
		}
		en.ID = ids[len(out)]
		sortInts(en.Mentions, d)
		out = append(out, en)
	}
	if len(out) == 0 {
		out = nil
	}
	d.Entities = out
	for mi := range d.Mentions {
		if m := &d.Mentions[mi]; m.Entity >= 0 {
			m.Entity = keep[m.Entity]
		}
	}
	for qi := range d.Quotes {
		q := &d.Quotes[qi]
		if q.Speaker >= 0 {
			q.Speaker = keep[q.Speaker]
		}
		if q.Via != nil && q.Via.Entity >= 0 {
			q.Via.Entity = keep[q.Via.Entity]
		}
	}
}

// officeHolders names the unnamed speakers the article names elsewhere by
// their office: "a federal judge in Texas" is "District Judge Gray Miller"
// when he is the one person of the article who holds that office (its
// role's last word, "judge", is the descriptor's head).
func (r *resolver) officeHolders() {
	d := r.d
	for anon, head := range r.anonHead {
		en := &d.Entities[anon]
		if !en.Anonymous || en.Type != quotewire.Person || !isPersonNoun(head) {
			continue
		}
		switch head {
		case "official", "source", "man", "woman", "member", "leader", "chief", "officer", "spokesman", "spokeswoman", "spokesperson":
			continue // too common to single anyone out
		}
		holder := -1
		for e := range d.Entities {
			o := &d.Entities[e]
			if o.Type != quotewire.Person || o.Anonymous || e == anon {
				continue
			}
			for _, role := range o.Roles {
				if strings.TrimSuffix(text.TitleWord(strings.ToLower(strings.TrimSuffix(lastWord(role), "."))), "s") == head {
					if holder >= 0 && holder != e {
						holder = -2
					} else if holder == -1 {
						holder = e
					}
				}
			}
		}
		if holder < 0 {
			continue
		}
		for qi := range d.Quotes {
			if d.Quotes[qi].Speaker == anon {
				d.Quotes[qi].Speaker = holder
			}
		}
		for _, mi := range en.Mentions {
			d.Mentions[mi].Entity = holder
			d.Entities[holder].Mentions = append(d.Entities[holder].Mentions, mi)
		}
		en.Mentions = nil
	}
}

// placesThatSpeak fixes the speakers the tagger typed as places: a one-word
// place named like a person of the article ("Pierce" of Pierce County, and
// "Brock Pierce") is that person; any other place that speaks ("the United
// States said", "Moscow said") is the government it stands for
// (governmentSpeaks) when it is a country or capital, else an
// organisation of its own name ("Downing Street said").
func (r *resolver) placesThatSpeak() {
	d := r.d
	var places []int
	for qi := range d.Quotes {
		if e := d.Quotes[qi].Speaker; e >= 0 && d.Entities[e].Type == quotewire.Place && !slices.Contains(places, e) {
			places = append(places, e)
		}
	}
	for _, pl := range places {
		person := -1
		if k := r.entityKey(pl); nwords(k) == 1 {
			for e := range d.Entities {
				en := &d.Entities[e]
				if en.Type == quotewire.Person && !en.Anonymous && nwords(en.Name) > 1 && lastWord(r.entityKey(e)) == k {
					person = e
				}
			}
		}
		if person < 0 {
			if gov, ok := quotewire.GovernmentOf(d.Entities[pl].Name); ok {
				r.governmentSpeaks(pl, gov)
			} else {
				d.Entities[pl].Type = quotewire.Organization // "Downing Street said"
			}
			continue
		}
		for qi := range d.Quotes {
			if d.Quotes[qi].Speaker == pl {
				d.Quotes[qi].Speaker = person
			}
			if v := d.Quotes[qi].Via; v != nil && v.Entity == pl {
				v.Entity = person
			}
		}
		for _, mi := range d.Entities[pl].Mentions {
			d.Mentions[mi].Entity = person
			if !slices.Contains(d.Entities[person].Mentions, mi) {
				d.Entities[person].Mentions = append(d.Entities[person].Mentions, mi)
			}
		}
		d.Entities[pl].Mentions = nil
		d.Entities[pl].Type = ""
	}
}

// personsTypedTwice joins a person and an organisation of one name
// within the article ("Philipp Hagemeister", a person in one sentence, an
// organisation where the tagger read him as a label) into the person,
// when the name has two words or more and none of them is a body's
// ("Ford Foundation" stays apart from "Ford").
func (r *resolver) personsTypedTwice() {
	d := r.d
	people := map[string]int{}
	for e := range d.Entities {
		en := &d.Entities[e]
		if en.Type == quotewire.Person && !en.Anonymous && strings.IndexByte(en.Name, ' ') > 0 {
			people[r.entityKey(e)] = e
		}
	}
	if len(people) == 0 {
		return
	}
	for e := range d.Entities {
		en := &d.Entities[e]
		if en.Type != quotewire.Organization || en.Anonymous {
			continue
		}
		p, ok := people[r.entityKey(e)]
		if !ok || p == e || slices.ContainsFunc(strings.Fields(strings.ToLower(en.Name)), phrase.OrgHead) {
			continue
		}
		for qi := range d.Quotes {
			if q := &d.Quotes[qi]; q.Speaker == e {
				q.Speaker = p
			}
			if v := d.Quotes[qi].Via; v != nil && v.Entity == e {
				v.Entity = p
			}
		}
		for _, role := range en.Roles {
			if !slices.Contains(d.Entities[p].Roles, role) {
				d.Entities[p].Roles = append(d.Entities[p].Roles, role)
			}
		}
		r.absorb(p, e)
	}
}

// governmentSpeaks gives the quotes of place pl to the government it
// stands for, name (quotewire.GovernmentOf: "Moscow said" is the
// Government of Russia), an organisation, with the mentions that name their speaker;
// the place keeps its other mentions ("two suspects in Moscow"), and is
// dropped when none is left. Two places of one country that speak are
// one government.
func (r *resolver) governmentSpeaks(pl int, name string) {
	d := r.d
	gov := -1
	if e, ok := r.byKey[r.keyOf(name)]; ok && d.Entities[e].Type == quotewire.Organization {
		gov = e
	} else {
		d.Entities = append(d.Entities, quotewire.Entity{Name: name, Type: quotewire.Organization})
		gov = len(d.Entities) - 1
		r.byKey[r.keyOf(name)] = gov
	}
	move := func(src *quotewire.Span) {
		if src == nil {
			return
		}
		d.Entities[pl].Mentions = slices.DeleteFunc(d.Entities[pl].Mentions, func(mi int) bool {
			if !d.Mentions[mi].Span.Overlaps(*src) {
				return false
			}
			d.Mentions[mi].Entity = gov
			if !slices.Contains(d.Entities[gov].Mentions, mi) {
				d.Entities[gov].Mentions = append(d.Entities[gov].Mentions, mi)
			}
			return true
		})
	}
	for qi := range d.Quotes {
		q := &d.Quotes[qi]
		if q.Speaker == pl {
			q.Speaker = gov
			move(q.Source)
		}
		if v := q.Via; v != nil && v.Entity == pl {
			v.Entity = gov
			move(&v.Source)
		}
	}
}

// shouting reports whether a name of two words or more is written in
// capitals only ("ANDREW RIDLAND").
func shouting(name string) bool {
	return strings.IndexByte(name, ' ') >= 0 && text.CapitalLetters(name) >= 4
}

// titleCase writes each word of a name in capitals with a capital first
// letter: "ANDREW RIDLAND" → "Andrew Ridland", "MARIE-CLAIRE O'NEIL" →
// "Marie-Claire O'Neil".
func titleCase(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	up := true
	for _, r := range name {
		if up {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		up = !unicode.IsLetter(r)
	}
	return b.String()
}

// sortInts orders mention indices by position in the text, stably. Most
// entities' mentions are in order already: those are only checked.
func sortInts(ms []int, d *quotewire.Document) {
	for i := 1; i < len(ms); i++ {
		if d.Mentions[ms[i]].Start < d.Mentions[ms[i-1]].Start {
			sort.SliceStable(ms, func(i, j int) bool { return d.Mentions[ms[i]].Start < d.Mentions[ms[j]].Start })
			return
		}
	}
}

// entityIDs returns the IDs of n entities, "e1" to "en", cut from one
// string.
func entityIDs(n int) []string {
	b := make([]byte, 0, n*4)
	ends := make([]int, n)
	for i := range n {
		b = append(b, 'e')
		b = strconv.AppendInt(b, int64(i+1), 10)
		ends[i] = len(b)
	}
	all, ids := string(b), make([]string, n)
	start := 0
	for i, end := range ends {
		ids[i], start = all[start:end], end
	}
	return ids
}

// untypedSpeaker is the type of a speaker the tagger gave none: an
// organisation when a word of its name is a body's ("the Department",
// "Committee for Domestic Affairs", "Non-Governmental Organizations"),
// else a person, which most such speakers are.
func untypedSpeaker(name string) quotewire.EntityType {
	for _, w := range strings.Fields(strings.ToLower(name)) {
		if phrase.OrgHead(strings.Trim(w, ".,;:")) || phrase.OrgHead(strings.TrimSuffix(strings.Trim(w, ".,;:"), "s")) {
			return quotewire.Organization
		}
	}
	return quotewire.Person
}
