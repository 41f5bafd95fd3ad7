package wikidata

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/quotewire/quotewire"
)

// Context is what the archive knows of an entity when it is linked: its
// name and type, the roles articles give it ("Russian Foreign Minister"),
// the dates of those articles, and the names mentioned alongside it.
type Context struct {
	Name  string
	Type  quotewire.EntityType
	Roles []string
	// Dates are the articles' dates (YYYY-MM-DD), for positions held.
	Dates []string
	// Alongside are names the articles mention with it ("Russia",
	// "Moscow", "Kremlin").
	Alongside []string
	// Near are the words around its mentions ("the Zenit midfielder
	// Sergei Lavrov said"): descriptions the tagger keeps no role for
	// ("footballer", "actor") still tell namesakes apart.
	Near []string
}

// Link is the outcome of linking one entity.
type Link struct {
	// ID is the chosen item, "" when none fits well enough.
	ID string
	// Confidence is how sure the choice is, in [0, 1].
	Confidence float64
	// Why says which evidence decided, for people reading the link.
	Why string
}

// Linking thresholds: a candidate needs this much evidence besides its
// name, and this margin over the next, to be chosen.
const (
	minEvidence = 2.0
	minMargin   = 1.5
)

// A place's or organisation's item counts as the one the news means by
// its name when it has pages on at least minSitelinks wikis and
// sitelinksLead times as many as any namesake.
const (
	minSitelinks  = 10
	sitelinksLead = 4
)

// Choose picks the candidate (items whose label or alias is the entity's
// name, as WikidataIndex.WikidataByName returns them) that the context
// fits, or none. The name alone never links: a person quoted in the news
// may well have a namesake in Wikidata and no item of their own. Evidence
// is a kind that agrees with the entity's type, a role whose words are in
// the label of a position held (at the article's date, when the dates
// allow), in the description or naming an occupation, and names alongside that are the item's
// countries or appear in its description. labels gives the labels of
// positions and countries by id (from the index).
func Choose(c Context, cands []quotewire.WikidataEntity, labels map[string]string) Link {
	type scored struct {
		id        string
		score     float64
		why       []string
		sitelinks int
	}
	var ss []scored
	for i := range cands {
		e := &cands[i]
		if !kindFits(c.Type, e.Kind) {
			continue
		}
		s := scored{id: e.ID}
		desc := words(e.Description)
		// each kind of role evidence counts once, however many roles
		// (and forms of one role: "US President", "President of the
		// United States") show it
		var inDesc, held, heldThen string
		for _, r := range c.Roles {
			rw := roleWords(r)
			if len(rw) == 0 {
				continue
			}
			if inDesc == "" && overlap(rw, desc) >= min(2, len(rw)) {
				inDesc = "role " + r + " in the description"
			}
			for _, o := range e.Occupations {
				if ow := words(labels[o]); inDesc == "" && len(ow) > 0 && overlap(ow, rw) == len(ow) {
					inDesc = "role " + r + " its occupation"
				}
			}
			for _, p := range e.Positions {
				if overlap(rw, words(labels[p.Position])) >= min(2, len(rw)) {
					if held == "" {
						held = "role " + r + " a position held"
					}
					if heldThen == "" && heldAt(p, c.Dates) {
						heldThen = "held at the article's date"
					}
				}
			}
		}
		if inDesc != "" {
			s.score += 1.5
			s.why = append(s.why, inDesc)
		}
		if held != "" {
			s.score += 2
			s.why = append(s.why, held)
			if heldThen != "" {
				s.score++
				s.why = append(s.why, heldThen)
			}
		}
		if len(c.Near) > 0 {
			near := words(strings.Join(c.Near, " "))
			var national []string
			for _, cid := range e.Countries {
				national = append(national, words(labels[cid])...)
			}
			found := 0.0
			for _, w := range desc {
				if !descStop[w] && len(w) > 2 && slices.Contains(near, w) {
					if slices.Contains(national, w) {
						found += 0.5 // "Russian": many namesakes share it
					} else {
						found += 1.5
					}
				}
			}
			if found > 0 {
				s.score += min(2, found)
				s.why = append(s.why, "words of the description near its mentions")
			}
			for _, o := range e.Occupations {
				if ow := words(labels[o]); len(ow) > 0 && overlap(ow, near) == len(ow) {
					s.score += 1.5
					s.why = append(s.why, labels[o]+" near its mentions")
					break
				}
			}
		}
		for _, a := range c.Alongside {
			aw := words(a)
			for _, cid := range e.Countries {
				if len(aw) > 0 && overlap(aw, words(labels[cid])) == len(aw) {
					s.score++
					s.why = append(s.why, a+" its country")
					break
				}
			}
			if len(aw) > 0 && overlap(aw, desc) == len(aw) {
				s.score += 0.5
				s.why = append(s.why, a+" in the description")
			}
		}
		s.sitelinks = e.Sitelinks
		ss = append(ss, s)
	}
	if len(ss) == 0 {
		return Link{}
	}
	if c.Type != quotewire.Person {
		// a place or organisation: the best-known item of the name, by
		// far, is what the news means by it ("Moscow" is Russia's
		// capital, not the city in Idaho); never for people, whose
		// namesakes the news quotes too
		top, second := -1, 0
		for i := range ss {
			switch {
			case top < 0 || ss[i].sitelinks > ss[top].sitelinks:
				if top >= 0 {
					second = ss[top].sitelinks
				}
				top = i
			case ss[i].sitelinks > second:
				second = ss[i].sitelinks
			}
		}
		if n := ss[top].sitelinks; n >= minSitelinks && n >= sitelinksLead*second {
			ss[top].score += 1.5
			ss[top].why = append(ss[top].why, fmt.Sprintf("the best-known item of the name (%d wikis, next %d)", n, second))
		}
	}
	sort.SliceStable(ss, func(i, j int) bool { return ss[i].score > ss[j].score })
	best := ss[0]
	next := 0.0
	if len(ss) > 1 {
		next = ss[1].score
	}
	if best.score < minEvidence || best.score-next < minMargin {
		return Link{}
	}
	conf := best.score / (best.score + 2 + next)
	return Link{ID: best.id, Confidence: conf, Why: strings.Join(best.why, "; ")}
}

// kindFits reports whether an item of kind k may be an entity of type t
// (an entity of no known type fits any kind but an office).
func kindFits(t quotewire.EntityType, k quotewire.WikidataKind) bool {
	switch t {
	case quotewire.Person:
		return k == quotewire.WikidataPerson
	case quotewire.Organization:
		return k == quotewire.WikidataOrganization
	case quotewire.Place:
		return k == quotewire.WikidataPlace
	case "":
		return k != quotewire.WikidataPosition
	}
	return false
}

// heldAt reports whether a position was held at one of the dates (an open
// end is still held).
func heldAt(p quotewire.WikidataHeld, dates []string) bool {
	for _, d := range dates {
		if d == "" {
			continue
		}
		if (p.Start == "" || p.Start <= d) && (p.End == "" || d <= p.End || strings.HasPrefix(d, p.End)) {
			return true
		}
	}
	return false
}

// descStop are the words of a description that say nothing of whom it
// describes.
var descStop = map[string]bool{"the": true, "of": true, "for": true, "and": true, "from": true, "in": true,
	"born": true, "former": true, "who": true, "was": true, "is": true, "his": true, "her": true, "with": true}

// roleStop are the words of a role that say nothing of the office.
var roleStop = map[string]bool{"the": true, "of": true, "for": true, "and": true, "former": true, "acting": true,
	"then": true, "new": true, "interim": true, "incumbent": true, "as": true}

// roleWords returns the words of a role that name the office, lower case.
func roleWords(r string) []string {
	var out []string
	for _, w := range words(r) {
		if !roleStop[w] {
			out = append(out, w)
		}
	}
	return out
}

// words returns the lower-case words of s, punctuation dropped, with
// demonyms as their country's stem ("russian" and "russia" both "russ").
func words(s string) []string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
	})
	for i, w := range f {
		f[i] = stem(w)
	}
	return f
}

// stem folds a demonym and its country, and plurals, to one form.
func stem(w string) string {
	for _, suf := range []string{"ian", "ia", "ese", "an", "s"} {
		if len(w) > len(suf)+3 && strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// overlap counts the words of a that b holds.
func overlap(a, b []string) int {
	n := 0
	for _, x := range a {
		for _, y := range b {
			if x == y {
				n++
				break
			}
		}
	}
	return n
}
