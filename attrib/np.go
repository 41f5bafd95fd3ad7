package attrib

import (
	"strings"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/text"
)

const maxNP = 10

func isWord(t *quotewire.Token) bool {
	return t.Kind == quotewire.Word || t.Kind == quotewire.Number
}

func isPossessive(t *quotewire.Token) bool {
	return t.Kind == quotewire.Word && (t.Lower == "'s" || t.Lower == "’s")
}

// npWord reports whether t may be inside a source noun phrase.
func npWord(t *quotewire.Token) bool {
	if !isWord(t) {
		return false
	}
	return !npStop[t.Lower] && !timeWords[t.Lower] && cueKindOf(t.Lower) == cueNone
}

// npBack returns the first token of the noun phrase that ends at token
// end, looking no further back than lo. It fails when token end cannot end
// a noun phrase.
func (s *state) npBack(end, lo int) (int, bool) {
	toks := s.d.Tokens
	if end < lo || end < 0 {
		return 0, false
	}
	t := &toks[end]
	if pronouns[t.Lower] {
		return end, true
	}
	// "Rep. Trey Gowdy (R-S.C.) said": the name before the brackets
	if s.isPunct(end, ")") {
		o := s.openParen(end, lo)
		if o <= lo {
			return 0, false
		}
		a, ok := s.npBack(o-1, lo)
		return a, ok && !pronouns[toks[o-1].Lower]
	}
	if !npWord(t) || isPossessive(t) || determiners[t.Lower] {
		return 0, false
	}
	k := end
	for k-1 >= lo && end-k < maxNP {
		p := &toks[k-1]
		if a, ok := s.placeOfOrigin(k, lo); ok {
			// "The Huntsville, Ala., native": a place set off by commas
			// inside the noun phrase
			k = a
			continue
		}
		switch {
		case p.Kind == quotewire.Punct && p.Text == "." && k-2 >= lo && (text.IsTitleAbbrev(toks[k-2].Lower) || isInitial(&toks[k-2])) && toks[k-2].End == p.Start:
			k -= 2 // "Mr." "Sen."
			continue
		case isPossessive(p):
			k--
			continue
		case p.Kind == quotewire.Punct && (p.Text == "-" || p.Text == "–") && k-2 >= lo && p.End == toks[k].Start && p.Start == toks[k-2].End:
			k -= 2
			continue
		case determiners[p.Lower] && !p.IsCapitalized() || determiners[p.Lower] && k-1 == lo:
			// "attorneys for the family": go on past "for the"
			if q := k - 2; q-1 >= lo && (toks[q].Lower == "for" || toks[q].Lower == "of") && npWord(&toks[q-1]) && !pronouns[toks[q-1].Lower] && end-k < maxNP-3 {
				k = q
				continue
			}
			return k - 1, true
		case npWord(p) && !pronouns[p.Lower]:
			if !p.IsCapitalized() && (p.Lower == "of" || p.Lower == "for" || p.Lower == "at") {
				// "spokesman for the company", "Secretary of State": only when
				// a noun phrase word stands before it
				if k-2 < lo || !npWord(&toks[k-2]) {
					return k, k <= end
				}
			}
			k--
			continue
		}
		break
	}
	// an NP cannot start with "of"/"for"
	for k <= end && (toks[k].Lower == "of" || toks[k].Lower == "for" || toks[k].Lower == "at") {
		k++
	}
	return k, k <= end
}

// npFwd returns the last token of the noun phrase that starts at token
// start, looking no further than hi (exclusive).
func (s *state) npFwd(start, hi int) (int, bool) {
	toks := s.d.Tokens
	if start >= hi {
		return 0, false
	}
	t := &toks[start]
	if pronouns[t.Lower] {
		return start, true
	}
	k := start
	if determiners[t.Lower] {
		k++
	}
	if k == start && (t.Lower == "reports" || t.Lower == "claims" || t.Lower == "estimates") && start+1 < hi && toks[start+1].Text == "," {
		return start, true // "According to reports, …"
	}
	last := -1
	for k < hi && k-start < maxNP {
		p := &toks[k]
		switch {
		case isPossessive(p) && last >= 0:
			last = k
		case p.Kind == quotewire.Punct && p.Text == "." && last >= 0 && last == k-1 && (text.IsTitleAbbrev(toks[k-1].Lower) || isInitial(&toks[k-1])) && k+1 < hi && toks[k+1].IsCapitalized():
			last = k
		case (p.Lower == "of" || p.Lower == "for" || p.Lower == "at" || p.Lower == "by" || p.Lower == "from") && last >= 0 && k+1 < hi && (npWord(&toks[k+1]) || determiners[toks[k+1].Lower]):
			// "Secretary of State", "spokesman for the ministry", "a
			// report by the national disaster council"
		case (p.Text == "-" || p.Text == "–") && last >= 0 && last == k-1 && k+1 < hi && p.End == toks[k+1].Start:
		case p.Lower == "and" && last == k-1 && toks[k-1].IsCapitalized() && k+1 < hi && toks[k+1].IsCapitalized() && isWord(&toks[k+1]):
			// "National Oceanic and Atmospheric Administration"
		case determiners[p.Lower] && k > start && (toks[k-1].Lower == "of" || toks[k-1].Lower == "for" || toks[k-1].Lower == "at" || toks[k-1].Lower == "by" || toks[k-1].Lower == "from"):
		case npWord(p) && !pronouns[p.Lower] && (cueKindOf(p.Lower) == cueNone):
			last = k
		case k > start && isWord(p) && cueKindOf(p.Lower) != cueNone && !strings.HasSuffix(p.Lower, "ed") && (determiners[toks[k-1].Lower] || isPossessive(&toks[k-1])):
			// a reporting verb's noun after a determiner: "a report", "the
			// ministry's report"
			last = k
		case k > start && p.IsCapitalized() && isWord(p) && !npStop[p.Lower] && !pronouns[p.Lower] && last == k-1:
			// a name's word that is also a reporting verb: "the United
			// States military", "the United States Geological Survey"
			last = k
		default:
			if last < 0 {
				return 0, false
			}
			return last, true
		}
		k++
	}
	if last < 0 {
		return 0, false
	}
	return last, true
}

// abbreviated titles followed by a period.

// isInitial reports whether t is a single capital letter or a dotted run of
// them ("R", "G.K"), as in "Ronald R. Fieldstone".
func isInitial(t *quotewire.Token) bool {
	if t.Kind != quotewire.Word || !t.IsCapitalized() {
		return false
	}
	for i := 0; i < len(t.Text); i++ {
		c := t.Text[i]
		if !(c >= 'A' && c <= 'Z' || c == '.') || c != '.' && i+1 < len(t.Text) && t.Text[i+1] != '.' {
			return false
		}
	}
	return true
}

// placeOfOrigin reads back from token k over "Town, State.," when the
// noun phrase goes on before it with a determiner or a capitalised word
// ("The Huntsville, Ala., native", "a Detroit, Michigan, resident"), and
// returns the first token of the town.
func (s *state) placeOfOrigin(k, lo int) (int, bool) {
	toks := s.d.Tokens
	j := k - 1
	if j-3 < lo || !s.isPunct(j, ",") {
		return 0, false
	}
	j--
	if s.isPunct(j, ".") && j-1 >= lo && toks[j-1].End == toks[j].Start {
		j-- // "Ala."
	}
	if !toks[j].IsCapitalized() || j-2 < lo || !s.isPunct(j-1, ",") || !toks[j-2].IsCapitalized() {
		return 0, false
	}
	a := j - 2
	for a-1 >= lo && toks[a-1].IsCapitalized() && isWord(&toks[a-1]) && !determiners[toks[a-1].Lower] {
		a--
	}
	if a-1 < lo || !determiners[toks[a-1].Lower] {
		return 0, false
	}
	return a, true
}
