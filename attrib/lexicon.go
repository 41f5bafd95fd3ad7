package attrib

import "sort"

// cueKind groups speech cues by how they take their arguments.
type cueKind uint8

const (
	cueNone cueKind = iota
	// cueVerb is a finite reporting verb ("said", "told", "believes").
	cueVerb
	// cueGerund is a participle that continues an earlier subject
	// ("..., adding that ...").
	cueGerund
	// cueObject is a reporting verb that takes a hearer before its content
	// ("told reporters that ...").
	cueObject
)

// cueVerbs are the reporting verbs by lower-case form, with how each takes
// its arguments.
var cueVerbs = buildCueVerbs()

func buildCueVerbs() map[string]cueKind {
	cueVerbs := map[string]cueKind{}
	for _, w := range []string{
		"said", "says", "say", "stated", "states", "added", "adds", "noted", "notes",
		"explained", "explains", "emphasized", "emphasised", "emphasizes", "stressed", "stresses",
		"insisted", "insists", "argued", "argues", "claimed", "claims", "warned", "warns",
		"announced", "announces", "declared", "declares", "asserted", "asserts", "maintained",
		"maintains", "contended", "contends", "acknowledged", "acknowledges", "admitted", "admits",
		"conceded", "concedes", "confirmed", "confirms", "denied", "denies", "reported", "reports",
		"wrote", "writes", "tweeted", "tweets", "posted", "replied", "replies", "responded",
		"responds", "answered", "asked", "asks", "suggested", "suggests", "predicted", "predicts",
		"promised", "promises", "pledged", "pledges", "vowed", "vows", "recalled", "recalls",
		"continued", "continues", "concluded", "concludes", "observed", "observes", "remarked",
		"commented", "comments", "believes", "believed", "believe", "thinks", "thought",
		"estimated", "estimates", "revealed", "reveals", "disclosed", "complained", "complains",
		"charged", "alleged", "alleges", "allege", "mentioned", "indicated", "indicates", "cautioned",
		"countered", "counters", "quipped", "joked", "testified", "reiterated", "reiterates",
		"repeated", "underlined", "underscored", "highlighted", "clarified", "specified",
		"agreed", "agrees", "hoped", "hopes", "feared", "fears", "expects", "expected",
		"acknowledge", "argue", "claim", "insist", "warn", "note", "explain", "fear", "think",
		"announce", "predict", "suggest", "report", "tweet", "write", "worry", "worried", "worries",
		"urged", "urges", "recounted", "boasted", "shouted", "yelled", "proclaimed", "affirmed",
		"assured", "assures", "told", "tells", "tell", "informed", "reminded", "reminds",
		"found", "finds", "showed", "shows", "show", "knows", "know", "knew", "wondered", "doubted",
		"doubts", "realized", "recognized", "understood", "acknowledging", "felt", "feels",
		"signaled", "signalled", "projected", "forecast", "guessed", "speculated", "surmised",
		"ruled", "rules", "reads",
	} {
		cueVerbs[w] = cueVerb
	}
	for _, w := range []string{"told", "tells", "tell", "informed", "assured", "assures", "reminded", "reminds", "warned", "warns", "asked", "asks"} {
		cueVerbs[w] = cueObject
	}
	for _, w := range []string{"saying", "adding", "noting", "arguing", "explaining", "stressing",
		"insisting", "warning", "claiming", "telling", "asking", "suggesting", "declaring",
		"emphasizing", "emphasising", "stating", "acknowledging", "admitting", "predicting",
		"writing", "calling", "promising", "pledging", "vowing", "complaining", "charging"} {
		cueVerbs[w] = cueGerund
	}
	return cueVerbs
}

// weakCues report beliefs, findings or plans rather than speech: they
// attribute a clause only when "that", a colon or a clause subject follows.
var weakCues = map[string]bool{
	"found": true, "finds": true, "showed": true, "shows": true, "show": true, "knows": true,
	"know": true, "knew": true, "wondered": true, "doubted": true, "doubts": true, "realized": true,
	"recognized": true, "understood": true, "felt": true, "feels": true, "signaled": true,
	"signalled": true, "projected": true, "forecast": true, "guessed": true, "speculated": true,
	"believe": true, "think": true, "fear": true, "report": true, "write": true, "worry": true,
	"expected": true, "hoped": true, "feared": true, "asked": true, "asks": true,
	"reported": true, "thought": true, "continued": true, "continues": true, "posted": true,
	"repeated": true, "expects": true, "agreed": true, "agrees": true, "charged": true,
	"calling": true, "writing": true, "tell": true, "highlighted": true, "specified": true,
	"observed": true, "answered": true, "indicated": true, "indicates": true, "urged": true,
	"urges": true, "reminded": true, "reminds": true, "hopes": true, "fears": true, "worried": true,
	"worries": true, "comments": true, "notes": true, "states": true, "reports": true, "claims": true,
	"ruled": true, "rules": true, "reads": true,
}

// auxiliaries and adverbs that may stand between a source and its cue
// ("has said", "also told", "later added").
// timePreps open a time adjunct between a source and its cue: "on
// Friday", "last week".
var timePreps = map[string]bool{"on": true, "last": true, "this": true, "late": true, "early": true}

// timeNouns end such an adjunct: "last week", "this morning".
var timeNouns = map[string]bool{"week": true, "month": true, "year": true, "weekend": true, "night": true,
	"morning": true, "afternoon": true, "evening": true}

var preCue = map[string]bool{
	"has": true, "have": true, "had": true, "also": true, "later": true, "then": true, "previously": true,
	"earlier": true, "once": true, "repeatedly": true, "again": true, "often": true, "reportedly": true,
	"recently": true, "publicly": true, "privately": true, "further": true, "would": true, "will": true,
	"could": true, "may": true, "might": true, "did": true, "does": true, "do": true, "still": true,
	"already": true, "never": true, "even": true, "just": true, "is": true, "was": true, "were": true,
	"are": true, "been": true, "not": true, "flatly": true, "angrily": true, "bluntly": true, "simply": true,
	"frequently": true, "clearly": true, "explicitly": true, "firmly": true, "openly": true, "separately": true,
}

// pronouns that can be a source on their own.
var pronouns = map[string]bool{
	"he": true, "she": true, "they": true, "i": true, "we": true, "it": true, "you": true, "who": true,
}

// npStop are words that cannot be inside a source noun phrase: clause
// words, prepositions (but "of", "for" and "at" inside names and titles),
// conjunctions and common verbs.
var npStop = map[string]bool{
	"and": true, "or": true, "but": true, "that": true, "which": true, "when": true, "while": true,
	"because": true, "if": true, "as": true, "than": true, "so": true, "after": true, "before": true,
	"in": true, "on": true, "to": true, "with": true, "by": true, "from": true, "into": true, "about": true,
	"over": true, "under": true, "during": true, "since": true, "until": true, "without": true,
	"is": true, "was": true, "are": true, "were": true, "be": true, "been": true, "has": true, "have": true,
	"had": true, "will": true, "would": true, "could": true, "should": true, "can": true, "may": true,
	"might": true, "must": true, "do": true, "does": true, "did": true, "not": true, "also": true,
	"said": true, "says": true, "told": true, "there": true, "here": true, "this": true, "these": true,
	"those": true, "what": true, "where": true, "how": true, "why": true, "whom": true, "whose": true,
	"then": true, "now": true, "yet": true, "although": true, "though": true, "however": true,
	"against": true, "between": true, "among": true, "through": true, "per": true, "via": true,
	"him": true, "her": true, "them": true, "me": true, "us": true, "it": true, "he": true, "she": true,
	"they": true, "we": true, "i": true, "you": true, "who": true, "later": true, "earlier": true,
	"very": true, "too": true, "only": true, "even": true, "just": true, "still": true, "never": true,
	"wednesday": false,
}

// determiners that start a noun phrase.
var determiners = map[string]bool{
	"the": true, "a": true, "an": true, "his": true, "her": true, "their": true, "its": true,
	"our": true, "my": true, "your": true, "another": true, "some": true, "many": true, "several": true,
	"two": true, "three": true, "one": true, "other": true, "both": true, "most": true, "few": true,
	"all": true, "these": false, "no": true, "any": true, "each": true,
}

// weekday and time words that start an adjunct after a cue ("said Wednesday").
var timeWords = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "yesterday": true, "today": true, "tonight": true,
	"earlier": true, "later": true, "last": true, "this": true, "recently": true, "previously": true,
	"again": true, "also": true, "once": true, "repeatedly": true, "publicly": true, "privately": true,
	"bluntly": true, "flatly": true, "separately": true, "afterward": true, "afterwards": true,
}

// adjunct prepositions that may follow a cue ("said on Wednesday",
// "said in a statement").
var adjunctPreps = map[string]bool{
	"on": true, "in": true, "at": true, "during": true, "after": true, "before": true, "while": true,
	"to": true, "when": true, "as": true, "from": true, "with": true, "via": true, "through": true,
	"late": true, "early": true, "over": true, "outside": true, "inside": true, "of": true, "about": true,
	"last": true, "this": true, "for": true, "by": true, "upon": true,
}

// CueWords returns the words IsCue accepts, sorted.
func CueWords() []string {
	out := []string{"according"}
	for w, k := range cueVerbs {
		if k != cueNone {
			out = append(out, w)
		}
	}
	sort.Strings(out)
	return out
}

// IsCue reports whether the lower-case word is a reporting verb or
// participle the rules know ("said", "adding"), or "according".
func IsCue(lower string) bool { return cueKindOf(lower) != cueNone || lower == "according" }

// particleCues are verbs that report speech with a particle: the verb and
// the particle it needs ("called for" also allows "called on").
var particleCues = map[string]string{
	"called": "for", "calls": "for", "calling": "for", "call": "for",
	"pointed": "out", "points": "out", "pointing": "out",
}
