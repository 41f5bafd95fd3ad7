package phrase

import "strings"

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// sentenceWords start sentences and clauses and are never part of a
// speaker's name ("So", "However", "Unless").
var sentenceWords = set("so", "well", "but", "and", "or", "however", "meanwhile", "afterwards", "afterward",
	"then", "also", "now", "later", "earlier", "still", "yet", "instead", "moreover", "furthermore",
	"additionally", "finally", "separately", "overall", "previously", "subsequently", "eventually",
	"initially", "when", "while", "although", "though", "if", "unless", "as", "after", "before", "since",
	"because", "thus", "hence", "indeed", "there", "here", "yes", "no", "oh", "okay", "ok", "please",
	"again", "perhaps", "maybe", "nevertheless", "nonetheless", "otherwise", "similarly", "likewise",
	"speaking", "asked", "according", "in", "on", "at", "for", "with", "by", "to", "of", "from",
	"today", "yesterday", "hi", "hello", "hey", "dear", "thanks", "welcome", "congratulations", "greetings")

// SentenceWord reports whether a lower-case word opens sentences and
// clauses and is never the first word of a name ("afterwards", "so").
func SentenceWord(w string) bool { return sentenceWords[w] }

// IsTitle reports whether a lower-case word is a title or a role noun
// that stands before a name and is never a name itself ("senator",
// "minister", "gen").
func IsTitle(w string) bool { return titles[strings.TrimSuffix(w, ".")] }

// IsTitleFold is IsTitle(strings.ToLower(w)), without allocating for a
// word of ASCII.
func IsTitleFold(w string) bool { return foldClass(cTitle, strings.TrimSuffix(w, ".")) }

// NoName reports whether a capitalised run of two words or more names
// nobody: it ends in a title ("United States Senator") or has no word of a
// name in it, every word a title, a demonym, a sentence or time word, or a
// participle ("Visiting Syrian", "Former Russian"); a body's head noun
// names one ("Scottish Government"). It does not allocate.
func NoName(run string) bool {
	var buf [32]byte
	words, named, lastTitle := 0, false, false
	for w, i := nextWord(run, 0); w != ""; w, i = nextWord(run, i) {
		words++
		b, ok := lowerASCII(buf[:0], trimPunct(w))
		if !ok {
			named, lastTitle = true, false
			continue
		}
		c := classes.ofBytes(b)
		lastTitle = c&cTitle != 0
		if !(lastTitle || (c&cDemonym != 0 || demonymSuffix(b)) && c&cOrgHead == 0 || c&(cTime|cSentence) != 0 || len(b) > 5 && string(b[len(b)-3:]) == "ing") {
			named = true
		}
	}
	return words > 1 && (lastTitle || !named)
}

// OrgHead reports whether a lower-case word ends the names of
// organisations ("ministry", "agency", "party").
func OrgHead(w string) bool { return orgHeads[w] }

// pronouns name a speaker through coreference.
var pronouns = set("he", "she", "they", "we", "i", "it", "his", "her", "their", "its", "him", "them", "who")

// partitives take a part of a group: "some of the protesters".
var partitives = set("some", "many", "several", "most", "few", "each", "all", "both", "none", "either", "neither", "any")

// personal are the personal pronouns that can be a speaker's subject.
var personal = set("he", "she", "they", "we", "i", "it")

// secondPerson words never name a speaker in reported speech: the reader
// or the interviewer ("you", "your campaign").
var secondPerson = set("you", "your", "yours", "yourself", "one", "one's")

// possessivePronouns make a descriptor definite ("his lawyer").
var possessivePronouns = set("his", "her", "their", "its", "our", "my")

// indefinites are determiners of descriptors that introduce someone new.
var indefinites = set("a", "an", "some", "several", "many", "two", "three", "four", "five", "few", "other",
	"another", "most", "both", "various", "numerous", "certain", "one", "any")

// invalidAlone are words that cannot be a speaker on their own.
var invalidAlone = set("some", "many", "all", "both", "most", "few", "several", "this", "that", "these",
	"those", "there", "here", "what", "which", "whom", "whose", "none", "nobody", "anyone", "someone",
	"everyone", "everybody", "something", "anything", "nothing", "each", "either", "neither", "such",
	"other", "another", "more", "less", "much", "the", "a", "an", "total", "number", "god", "lord", "thanks",
	"thank", "mr", "mrs", "ms", "dr", "sir", "dear", "hello", "hi", "wow", "amen", "among", "amongst")

// quantityHeads are heads of number phrases, never speakers ("a total of
// 39", "a number of").
var quantityHeads = set("total", "number", "percent", "per", "cent", "majority", "minority", "half",
	"third", "quarter", "dozen", "dozens", "hundreds", "thousands", "millions", "lot", "lots", "couple")

// IsTimeWord reports whether a lower-case word is a day, a month or
// another time word ("friday", "dec", "today"): never a name.
func IsTimeWord(lower string) bool { return timeWords[lower] }

// timeWords are days, months and other time words: never names.
var timeWords = set("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"january", "february", "march", "april", "june", "july", "august", "september", "october",
	"november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
	"dec", "today", "yesterday", "tonight", "tomorrow")

// timeNouns end a time adjunct after "on", "last", "this" ("last week").
var timeNouns = set("week", "weekend", "month", "year", "morning", "afternoon", "evening", "night", "day",
	"days", "weeks", "months", "years")

var numberWords = set("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "thousand", "million", "dozens",
	"hundreds", "thousands", "millions")

// relatives open a clause that is not part of the phrase.
var relatives = set("who", "which", "that", "whose", "whom", "where", "when")

var prepositions = set("of", "for", "from", "at", "in", "on", "with", "to", "by", "near", "inside", "outside")

// particles join the words of a name ("Ursula von der Leyen").
var particles = set("de", "da", "di", "del", "della", "der", "den", "van", "von", "bin", "ibn", "al", "el",
	"la", "le", "du", "dos", "das", "y", "ter", "ten", "zu", "st.")

// postNominals follow a name without being part of it.
var postNominals = set("QC", "KC", "MP", "MEP", "MSP", "MS", "AM", "TD", "OBE", "CBE", "MBE", "KBE", "DBE",
	"PhD", "MD", "Esq", "MLA", "MHK", "MHA", "MPP", "MNA", "JP", "QPM", "KPM", "CB", "CMG", "KCMG", "GCMG", "FRS", "DL")

// titles are courtesy and rank titles and role nouns before a name, never
// a name on their own ("Mayor", "Minister", "State").
var titles = set("mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "professor", "rev",
	"reverend", "father", "sister", "brother", "rabbi", "imam", "sheikh", "judge", "justice", "gen",
	"general", "col", "colonel", "lt", "lieutenant", "maj", "major", "capt", "captain", "sgt", "sergeant", "corporal", "cpl", "brigadier", "airman", "ensign",
	"adm", "admiral", "cmdr", "commander", "sen", "senator", "rep", "representative", "gov", "governor",
	"pres", "president", "vice", "king", "queen", "prince", "princess", "pope", "cardinal", "bishop",
	"archbishop", "ayatollah", "chancellor", "premier", "mayor", "councillor", "councilor", "officer",
	"detective", "inspector", "superintendent", "constable", "wpc", "chief", "co-author", "author", "dean",
	"coach", "chairman", "chairwoman", "chair", "ceo", "cfo", "coo", "md", "dep", "deputy", "acting",
	"former", "then", "late", "new", "incoming", "outgoing", "interim", "st", "saint", "h.e", "hon",
	"honourable", "honorable", "excellency", "his", "her", "mp", "mep", "pm", "attorney", "solicitor",
	"barrister", "counsel", "lawyer", "spokesman", "spokeswoman", "spokesperson", "envoy", "ambassador",
	"minister", "secretary", "undersecretary", "under-secretary", "director", "director-general",
	"secretary-general", "under-secretary-general", "vice-president", "vice-chairman", "vice-chancellor",
	"head", "leader", "founder", "co-founder", "editor", "correspondent", "reporter", "analyst",
	"economist", "scientist", "researcher", "doctor", "nurse", "patrolman", "trooper", "agent",
	"speaker", "whip", "commissioner", "administrator", "prosecutor", "sheriff", "marshal", "ranger",
	"astronaut", "pilot", "manager", "president-elect", "prime", "foreign", "defence", "defense",
	"interior", "finance", "health", "justice", "education", "state", "federal", "national",
	"regional", "local", "senior", "junior", "assistant", "associate", "executive", "principal",
	"first", "second", "third", "1st", "2nd", "3rd", "class", "lady", "press", "public", "chief", "opposition", "party", "union", "council")

// roleWords are words of roles that come before a name ("Emergencies",
// "Foreign", "UN") but, unlike titles, may be a name on their own.
var roleWords = set("official", "officials", "congressman", "congresswoman", "lawmaker", "legislator", "emergencies",
	"emergency", "affairs", "home", "security", "intelligence", "economy", "economic", "trade",
	"agriculture", "environment", "energy", "transport", "culture", "sports", "labour", "labor",
	"development", "cooperation", "european", "international", "u.s", "us", "uk", "un", "eu", "nato",
	"democratic", "republican", "democrat", "conservative", "liberal", "socialist", "green",
	"independent", "member", "ranking", "activist", "podcaster", "broadcaster", "novelist", "journalist",
	"artist", "singer", "rapper", "actor", "actress", "comedian", "historian", "playwright", "filmmaker",
	"entrepreneur", "businessman", "businesswoman", "politician", "candidate", "nominee", "veteran",
	"student", "teacher", "chef", "writer", "poet", "designer", "photographer", "blogger", "youtuber",
	"influencer", "host", "presenter", "interviewer", "moderator", "narrator", "correspondent", "anchor", "commentator", "columnist", "pollster", "strategist",
	"fellow", "lecturer", "professor", "researcher", "star", "all-star", "superstar", "champion", "player", "coach", "captain", "striker", "goalkeeper")

// demonyms are nationality adjectives the suffix rule misses.
var demonyms = set("german", "french", "dutch", "greek", "thai", "swiss", "czech", "iraqi", "israeli",
	"pakistani", "saudi", "yemeni", "kuwaiti", "qatari", "omani", "bangladeshi", "nepali", "afghan",
	"kazakh", "uzbek", "turk", "welsh", "scots", "scottish", "irish", "british", "english", "danish",
	"finnish", "polish", "spanish", "swedish", "turkish", "kurdish", "jewish", "arab", "western",
	"eastern", "northern", "southern", "american", "african", "asian", "european", "russian",
	"chinese", "japanese", "ukrainian", "syrian", "iranian", "indian", "canadian", "australian",
	"brazilian", "mexican", "italian", "egyptian", "nigerian", "kenyan", "filipino", "vietnamese",
	"korean", "taiwanese", "cuban", "venezuelan", "colombian", "peruvian", "chilean", "argentine",
	"argentinian", "belgian", "austrian", "hungarian", "romanian", "bulgarian", "serbian", "croatian",
	"slovak", "slovenian", "estonian", "latvian", "lithuanian", "belarusian", "georgian", "armenian",
	"azerbaijani", "lebanese", "jordanian", "palestinian", "libyan", "tunisian", "moroccan",
	"algerian", "sudanese", "ethiopian", "somali", "ugandan", "tanzanian", "rwandan", "congolese",
	"ghanaian", "senegalese", "malian", "zimbabwean", "zambian", "malaysian", "indonesian",
	"singaporean", "burmese", "cambodian", "mongolian", "texan", "californian", "soviet", "catholic",
	"muslim", "christian", "orthodox", "sunni", "shia", "shiite", "communist", "state-run",
	"state-owned", "government", "pro-government", "pro-russian", "opposition", "rebel", "military",
	"official", "state")

// commonHeads are common nouns that speak as a group and are capitalised
// only at a sentence's start.
var commonHeads = set("police", "officials", "residents", "witnesses", "authorities", "protesters",
	"experts", "scientists", "researchers", "analysts", "sources", "critics", "reports", "prosecutors",
	"investigators", "doctors", "rescuers", "officers", "lawyers", "organizers", "organisers",
	"activists", "locals", "villagers", "neighbours", "neighbors", "parents", "students", "teachers",
	"workers", "employees", "staff", "firefighters", "paramedics", "medics", "survivors", "families",
	"relatives", "supporters", "opponents", "observers", "diplomats", "lawmakers", "legislators",
	"democrats", "republicans", "conservatives", "liberals", "environmentalists", "economists",
	"participants", "spokesman", "spokeswoman", "spokesperson", "officer", "doctor", "witness",
	"prosecutor", "organizer", "organiser", "official", "authority", "government", "media", "studies",
	"study", "research", "data", "figures", "statistics", "polls", "poll", "surveys", "survey",
	"users", "netizens", "commenters", "bloggers", "passengers", "voters", "shoppers", "fans", "victims",
	"soldiers", "troops", "farmers", "nurses", "patients", "demonstrators", "citizens", "shopkeepers",
	"forecasters", "eyewitnesses", "meteorologists", "astronomers", "mediators", "insurgents", "rebels",
	"militants", "organisations", "organizations", "campaigners", "businesses")

// pluralHeads are plural nouns that do not end in s.
var pluralHeads = set("police", "people", "staff", "media", "children", "men", "women", "data", "clergy",
	"personnel", "military", "public", "crew", "youth", "faithful")

// singularS are singular nouns ending in s.
var singularS = set("news", "series", "species", "bus", "press", "congress", "status", "campus",
	"census", "thesis", "analysis", "basis", "crisis", "apparatus", "consensus", "prospectus", "is")

// twoLetterBodies are two-letter names of bodies, not interview labels.
var twoLetterBodies = set("UN", "EU", "UK", "US", "AP", "BA", "GE", "HP", "BP", "3M")

// orgHeads end the names of organisations: a run ending in one is a name
// as a whole ("General Motors", "Federal Reserve", "State Department").
var orgHeads = set("department", "ministry", "center", "centre", "service", "services", "agency",
	"committee", "commission", "council", "office", "bureau", "reserve", "party", "union", "court",
	"university", "institute", "police", "army", "navy", "force", "forces", "guard", "motors", "bank",
	"company", "corporation", "corp", "inc", "ltd", "llc", "plc", "news", "times", "post", "press",
	"network", "association", "organization", "organisation", "foundation", "group", "government",
	"administration", "parliament", "assembly", "congress", "senate", "house", "kremlin", "board",
	"authority", "authorities", "fund", "program", "programme", "project", "society", "club", "league",
	"federation", "alliance", "coalition", "front", "movement", "church", "school", "college",
	"hospital", "museum", "library", "airlines", "airways", "railways", "media", "radio", "television",
	"tv", "journal", "herald", "tribune", "gazette", "daily", "agency", "inquirer", "review", "channel",
	"broadcasting", "corporation", "cabinet", "embassy", "consulate", "prosecutor's", "command",
	"directorate", "secretariat", "tribunal", "observatory", "laboratory", "lab", "labs", "trust",
	"partnership", "initiative", "watch", "international", "health")

// CommonHead reports whether a lower-case word is a common noun that names
// a speaker as a group or by function ("police", "officials", "witness").
func CommonHead(w string) bool { return commonHeads[w] }

// MayHoldTitle reports whether a capitalised name may carry a title, a
// role word or a post-nominal that is not part of the name ("Prosecutor
// Kama Melly QC"), so that reading it with Parse can change it. It does
// not allocate.
func MayHoldTitle(name string) bool {
	var buf [32]byte
	for w, i := nextWord(name, 0); w != ""; w, i = nextWord(name, i) {
		for len(w) > 0 && (w[len(w)-1] == '.' || w[len(w)-1] == ',') {
			w = w[:len(w)-1]
		}
		if isPostNominal(w) {
			return true
		}
		if b, ok := lowerASCII(buf[:0], w); ok && (classes.ofBytes(b)&(cTitle|cRoleWord|cDemonym) != 0 || demonymSuffix(b)) {
			return true
		}
	}
	return false
}

// nextWord returns the space-separated word of s that starts at or after
// i, and where to look for the next one; "" at the end.
func nextWord(s string, i int) (string, int) {
	for i < len(s) && byteKinds[s[i]]&bSpace != 0 {
		i++
	}
	j := i
	for j < len(s) && byteKinds[s[j]]&bSpace == 0 {
		j++
	}
	return s[i:j], j
}

// lowerASCII appends w in lower case to buf, false when it does not fit.
func lowerASCII(buf []byte, w string) ([]byte, bool) {
	if len(w) > cap(buf)-len(buf) {
		return buf, false
	}
	a := len(buf)
	buf = buf[:a+len(w)]
	b := buf[a:]
	w = w[:len(b)]
	for k := range b {
		b[k] = w[k] | (byteKinds[w[k]]&bUpper)<<3 // bUpper<<3 is 'a'-'A'
	}
	return buf, true
}

// determiners open a noun phrase; a participle after one is an adjective
// ("the elected mayor").
var determiners = set("the", "this", "that", "these", "those", "each", "every", "any", "no")

// irregularPast are past forms of verbs that end a subject the source
// finder took with its clause ("The minister told …").
var irregularPast = set("told", "made", "took", "gave", "went", "met", "spoke", "wrote", "held", "sent",
	"brought", "began", "came", "saw", "knew", "thought", "found", "won", "lost")

// participles keep their noun phrase: "a man named Smith", "officials
// based in Kabul", "a group called …".
var participles = set("named", "called", "based", "elected", "appointed", "retired", "concerned",
	"involved", "affected", "injured", "wounded", "killed", "detained", "arrested", "accused",
	"charged", "related", "associated", "dedicated", "united", "interested", "registered", "licensed")

// shoutedVerbs are the speech verbs that end a source in a text set in
// capitals, where case cannot tell them from the name.
var shoutedVerbs = set("says", "said", "agrees", "adds", "added", "explains", "explained", "notes", "noted",
	"continues", "continued", "stresses", "concludes", "tells", "told")

// lyNouns end in -ly without being adverbs: "the family said" is no
// "the" with an adverb after it.
var lyNouns = set("family", "ally", "rally", "assembly", "supply", "reply", "monopoly", "anomaly", "bully",
	"belly", "jelly", "fly", "panoply", "homily", "oligopoly", "lily")

// subordinators open an adverbial clause that may stand before a
// sentence's subject ("As the season nears its peak, forecasters said").
var subordinators = set("as", "when", "while", "after", "before", "although", "though", "since", "because",
	"once", "until", "whereas")

// postAdjectives follow the noun they describe, before a preposition:
// "a diplomat familiar with the talks", "sources close to the
// government".
var postAdjectives = map[string]bool{"familiar": true, "close": true, "loyal": true, "opposed": true,
	"linked": true, "connected": true, "aligned": true, "sympathetic": true, "knowledgeable": true,
	"involved": true, "critical": true, "allied": true, "briefed": true}

// floatingWords stand between a subject and its verb: "officials also",
// "Jones and Smith both", "the ministers all".
var floatingWords = map[string]bool{"also": true, "both": true, "all": true, "too": true, "each": true}

// Demonym reports whether a lower-case word names a nationality or region
// as an adjective ("russian", "german", "chinese").
func Demonym(w string) bool { return isDemonym(w) && !orgHeads[w] }

// foldClass reports whether strings.ToLower(w) is in one of the classes
// c, without allocating for a word of ASCII that fits a small buffer.
func foldClass(c uint32, w string) bool {
	var buf [32]byte
	if b, ok := foldASCII(buf[:0], w); ok {
		return classes.ofBytes(b)&c != 0
	}
	return classes.of(strings.ToLower(w))&c != 0
}

// foldASCII appends w in lower case to buf, false when w is not all ASCII
// or does not fit: then only strings.ToLower lowers it as it should.
func foldASCII(buf []byte, w string) ([]byte, bool) {
	if len(w) > cap(buf) {
		return buf, false
	}
	for k := 0; k < len(w); k++ {
		c := w[k]
		if c >= 0x80 {
			return buf, false
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf, true
}

// SentenceWordFold is SentenceWord(strings.ToLower(w)), without allocating.
func SentenceWordFold(w string) bool { return foldClass(cSentence, w) }

// IsTimeWordFold is IsTimeWord(strings.ToLower(w)), without allocating.
func IsTimeWordFold(w string) bool { return foldClass(cTime, w) }

// OrgHeadFold is OrgHead(strings.ToLower(w)), without allocating.
func OrgHeadFold(w string) bool { return foldClass(cOrgHead, w) }

// DemonymFold is Demonym(strings.ToLower(w)), without allocating.
func DemonymFold(w string) bool {
	var buf [32]byte
	if b, ok := foldASCII(buf[:0], w); ok {
		c := classes.ofBytes(b)
		return (c&cDemonym != 0 || demonymSuffix(b)) && c&cOrgHead == 0
	}
	return Demonym(strings.ToLower(w))
}

// trimPunct is strings.Trim(w, ".,;:") without building the cut set.
func trimPunct(w string) string {
	for len(w) > 0 && isPunct(w[0]) {
		w = w[1:]
	}
	for len(w) > 0 && isPunct(w[len(w)-1]) {
		w = w[:len(w)-1]
	}
	return w
}

func isPunct(c byte) bool { return c == '.' || c == ',' || c == ';' || c == ':' }

// Classes of a phrase's word: the sets its lower-case form belongs to,
// found with one lookup when the phrase is split (word.c), so that the
// rules test bits instead of looking the word up in each set.
const (
	cSentence uint32 = 1 << iota
	cLyNoun
	cShoutedVerb
	cPronoun
	cInvalidAlone
	cTime
	cPartitive
	cPossessive
	cRelative
	cPreposition
	cPersonal
	cSecondPerson
	cIndefinite
	cTitle
	cOrgHead
	cPostAdjective
	cParticle
	cCommonHead
	cRoleWord
	cDemonym
	cDeterminer
	cIrregularPast
	cParticiple
	cTimeNoun
	cSubordinator
	cNumberWord
	cQuantityHead
	cFloating
	cTitleModifier
)

// cPending marks, inside split, a word whose lower-case form is not made
// yet; no word of the class table is in it.
const cPending uint32 = 1 << 31

// wordEntry is a lower-case word of the class table and its classes; s
// is the table's own copy of the word, which split hands out instead of
// allocating a lower-case copy of a capitalised word.
type wordEntry struct {
	s string
	c uint32
}

var phraseClasses = func() map[string]wordEntry {
	m := map[string]wordEntry{}
	for _, c := range []struct {
		set   map[string]bool
		class uint32
	}{{sentenceWords, cSentence}, {lyNouns, cLyNoun}, {shoutedVerbs, cShoutedVerb}, {pronouns, cPronoun},
		{invalidAlone, cInvalidAlone}, {timeWords, cTime}, {partitives, cPartitive},
		{possessivePronouns, cPossessive}, {relatives, cRelative}, {prepositions, cPreposition},
		{personal, cPersonal}, {secondPerson, cSecondPerson}, {indefinites, cIndefinite}, {titles, cTitle},
		{orgHeads, cOrgHead}, {postAdjectives, cPostAdjective}, {particles, cParticle},
		{commonHeads, cCommonHead}, {roleWords, cRoleWord}, {demonyms, cDemonym}, {determiners, cDeterminer},
		{irregularPast, cIrregularPast}, {participles, cParticiple}, {timeNouns, cTimeNoun},
		{subordinators, cSubordinator}, {numberWords, cNumberWord}, {quantityHeads, cQuantityHead},
		{floatingWords, cFloating}, {titleModifiers, cTitleModifier}} {
		for w, in := range c.set {
			if !in {
				continue
			}
			e := m[w]
			e.s = w
			e.c |= c.class
			m[w] = e
		}
	}
	return m
}()

// classesOf returns the classes of a lower-case word.
func classesOf(l string) uint32 { return classes.of(l) }

// is reports whether the word's lower-case form is in one of the classes.
func (w *word) is(c uint32) bool { return w.c&c != 0 }

// dotless returns the classes of strings.TrimSuffix(w.lower, "."): w.c,
// since split strips a word's trailing dots, unless a caller built the
// word otherwise.
func (w *word) dotless() uint32 {
	if n := len(w.lower); n > 0 && w.lower[n-1] == '.' {
		return classesOf(w.lower[:n-1])
	}
	return w.c
}

// classesIf returns the classes of l, a prefix of w.lower: w.c when it is
// all of it.
func (w *word) classesIf(l string) uint32 {
	if len(l) == len(w.lower) {
		return w.c
	}
	return classesOf(l)
}
