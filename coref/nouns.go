package coref

// This file classes the head nouns of descriptors: people, organisations,
// documents, things that cannot speak, and the offices a person holds.

import (
	"strings"

	"github.com/quotewire/quotewire/phrase"
)

// commonNoun reports whether a capitalised word is a common noun written
// with a capital only because it starts the sentence ("Police", "Officials").
func commonNoun(w string) bool {
	l := strings.ToLower(w)
	return isPersonNoun(l) || isOrgNoun(l) || phrase.CommonHead(l)
}

// isOrgName reports whether a name is an organisation's by its last word.
func isOrgName(name string) bool {
	if phrase.OrgHead(strings.ToLower(lastWord(name))) {
		return true
	}
	n := 0
	for _, c := range name {
		if c >= 'A' && c <= 'Z' {
			n++
		} else if c != '.' && c != '-' && c != '&' {
			return strings.Contains(name, ".com") || strings.Contains(name, ".org")
		}
	}
	return n >= 2 // an acronym: "PAP", "FSB", "WHO"
}

// isOrgNoun reports whether a descriptor's head noun names an organisation.
func isOrgNoun(h string) bool {
	switch h {
	case "company", "firm", "group", "agency", "ministry", "government", "organization", "campaign":
		return true
	}
	return false
}

func isPersonNoun(h string) bool {
	switch h {
	case "minister", "president", "spokesman", "spokeswoman", "spokesperson", "official",
		"diplomat", "senator", "candidate", "governor", "secretary", "leader", "chairman",
		"director", "chief", "mayor", "ambassador", "envoy", "lawmaker", "congressman",
		"congresswoman", "nominee", "adviser", "advisor", "aide", "man", "woman", "source",
		"member", "chairwoman", "administrator", "commissioner", "judge", "officer", "general",
		"employee", "worker", "lawyer", "attorney", "scientist", "researcher", "expert", "analyst",
		"resident", "student", "teacher", "doctor", "nurse", "professor", "prosecutor", "head",
		"native", "veteran", "soldier", "sailor", "airman", "marine", "pilot", "captain", "player",
		"coach", "athlete", "founder", "executive", "manager", "engineer", "farmer", "activist",
		"journalist", "reporter", "writer", "author", "survivor", "owner", "economist", "historian":
		return true
	}
	return false
}

// holds reports whether entity e may be referred to by a descriptor with
// this head noun (without its plural s): it has no known role, or one of
// its roles ends in that noun ("the envoy" is never the mayor of
// Koszalin).
func (r *resolver) holds(e int, head string) bool {
	roles := r.d.Entities[e].Roles
	if len(roles) == 0 || !isPersonNoun(head) {
		return true
	}
	switch head {
	case "chief", "leader", "head", "official", "boss", "veteran":
		return true // "the U.N. chief" is the Secretary-General: these fit any office
	}
	titled := false
	for _, role := range roles {
		switch rw := strings.TrimSuffix(strings.ToLower(lastWord(role)), "."); rw {
		case "mr", "mrs", "ms", "miss", "sir", "dame", "dr", "madam":
			continue // a courtesy title says nothing of the office
		}
		titled = true
		if roleHead(role) == head {
			return true
		}
	}
	return !titled
}

// speaks reports whether a descriptor's head noun can name a source: a
// person or group ("spokesman", "residents"), a body ("ministry",
// "police") or a document ("report", "study", "statement").
func speaks(head string) bool {
	h := strings.TrimSuffix(head, "s")
	if strings.HasSuffix(head, "ies") {
		h = head[:len(head)-3] + "y" // "communities", "authorities"
	}
	if animate(head) || animate(h) || isOrgNoun(head) || isOrgNoun(h) || documentHeads[head] || documentHeads[h] ||
		phrase.CommonHead(head) || phrase.OrgHead(head) || phrase.IsTitle(head) || phrase.IsTitle(h) {
		return true
	}
	switch h {
	case "statement", "source", "record", "figure", "data", "poll", "survey", "finding", "people", "crowd",
		"family", "families", "public", "community", "team", "group", "government", "media", "press", "agency",
		"person", "victim", "child", "children", "men", "women", "mother", "father", "daughter", "son", "wife",
		"husband", "brother", "sister", "friend", "neighbour", "neighbor", "resident", "witness", "head", "palace",
		"tweet", "post", "memoir", "letter", "note", "message", "email", "account", "interview", "speech",
		"rebel", "militant", "fighter", "soldier", "troop", "guard", "worker", "fan", "parent", "relative",
		"colleague", "partner", "insider", "aide", "staff", "crew", "panel", "jury", "court", "judge",
		"delegate", "eyewitness", "eyewitnesse", "acquaintance", "participant", "attendee", "voter",
		"protester", "demonstrator", "survivor", "passenger", "patient", "customer", "user", "volunteer",
		"critic", "supporter", "opponent", "observer", "local", "citizen", "netizen", "onlooker", "bystander",
		"military", "embassy", "authority", "administration", "prosecution", "defence", "defense", "regime",
		"side":
		return true
	}
	return false
}

// animate reports whether a singular head noun names a person: a role
// ("minister", "spokesman"), a speaker's common head ("witness",
// "official"), or a noun of agent ("resident", "teacher", "analyst").
func animate(h string) bool {
	if isPersonNoun(h) || phrase.CommonHead(h) {
		return true
	}
	for _, suf := range [...]string{"er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person", "ee", "ive", "at", "ger", "yst", "ian"} {
		if strings.HasSuffix(h, suf) && len(h) > len(suf)+2 {
			return true
		}
	}
	return false
}
