package tag

// titles are role nouns that can stand before a name ("Minister Sergey
// Lavrov") or head a descriptor ("the minister"). Lower-case, singular.
var titles = map[string]bool{
	"lord": true, "baroness": true, "baron": true, "earl": true, "viscount": true, "countess": true, "marquess": true,
	"president": true, "minister": true, "secretary": true, "senator": true, "sen": true,
	"spokesman": true, "spokeswoman": true, "spokesperson": true, "diplomat": true,
	"ambassador": true, "chairman": true, "chairwoman": true, "chair": true, "director": true,
	"chief": true, "governor": true, "gov": true, "mayor": true, "general": true, "gen": true,
	"commander": true, "leader": true, "official": true, "head": true, "ceo": true,
	"premier": true, "envoy": true, "coordinator": true, "representative": true, "rep": true,
	"attorney": true, "judge": true, "justice": true, "candidate": true, "nominee": true,
	"congressman": true, "congresswoman": true, "lawmaker": true, "mr": true, "mrs": true,
	"ms": true, "dr": true, "pope": true, "king": true, "queen": true, "prince": true,
	"princess": true, "chancellor": true, "speaker": true, "founder": true, "executive": true,
	"analyst": true, "professor": true, "prof": true, "economist": true, "adviser": true,
	"advisor": true, "aide": true, "strategist": true, "pollster": true, "manager": true,
	"deputy": true, "colonel": true, "col": true, "lieutenant": true, "lt": true, "captain": true,
	"capt": true, "wpc": true, "constable": true, "sergeant": true, "corporal": true, "cpl": true, "brigadier": true, "airman": true, "ensign": true, "sgt": true, "admiral": true, "adm": true, "major": true,
	"maj": true, "officer": true, "inspector": true, "commissioner": true, "councillor": true,
	"councilman": true, "councilwoman": true, "delegate": true, "activist": true, "lawyer": true,
	"host": true, "anchor": true, "reporter": true, "journalist": true, "editor": true,
	"columnist": true, "author": true, "writer": true, "researcher": true, "scientist": true,
	"doctor": true, "sheikh": true, "cardinal": true, "bishop": true, "rabbi": true,
	"father": true, "sister": true, "brother": true, "emir": true, "sultan": true, "ayatollah": true,
	"mufti": true, "coach": true, "player": true, "actor": true, "actress": true, "singer": true,
	"vice": true, "under-secretary-general": true, "secretary-general": true, "undersecretary": true,
	"prosecutor": true, "counsel": true, "superintendent": true, "sheriff": true, "marshal": true,
	"rev": true, "reverend": true, "dean": true, "principal": true, "owner": true, "partner": true,
	"president-elect": true, "vice-president": true, "commandant": true, "ombudsman": true,
	"assemblyman": true, "assemblywoman": true, "assemblymember": true, "legislator": true,
	"treasurer": true, "attorney-general": true, "governor-general": true, "director-general": true,
	"vice-chancellor": true, "provost": true, "curator": true, "chairperson": true, "senator-elect": true,
	"mp": true, "mep": true, "councillor-elect": true, "rector": true, "archbishop": true, "imam": true,
	"spokesmen": false, "publicist": true, "biologist": true, "ecologist": true, "physicist": true,
	"historian": true, "archaeologist": true, "anthropologist": true, "expert": true,
	"interviewer": true, "moderator": true, "presenter": true, "narrator": true, "correspondent": true,
}

// plural title forms ("Presidents Putin and Erdogan").
var pluralTitles = map[string]string{
	"presidents": "President", "ministers": "Minister", "senators": "Senator", "sens": "Sen.",
	"reps": "Rep.", "governors": "Governor", "leaders": "Leader", "diplomats": "diplomat",
	"officials": "official", "generals": "General", "secretaries": "Secretary",
}

// orgWords mark a capitalised name (or "the X") as an organisation.
var orgWords = map[string]bool{
	"committee": true, "service": true, "services": true, "forces": true, "force": true, "army": true,
	"coalition": true, "council": true, "ministry": true, "department": true, "party": true,
	"agency": true, "organization": true, "organisation": true, "union": true, "bank": true,
	"inc": true, "corp": true, "corporation": true, "company": true, "co": true, "ltd": true,
	"university": true, "institute": true, "group": true, "association": true, "court": true,
	"congress": true, "senate": true, "parliament": true, "government": true, "commission": true,
	"office": true, "administration": true, "campaign": true, "times": true, "post": true,
	"news": true, "network": true, "foundation": true, "fund": true, "federation": true,
	"alliance": true, "front": true, "movement": true, "navy": true, "police": true, "guard": true,
	"assembly": true, "board": true, "bureau": true, "authority": true, "center": true,
	"centre": true, "club": true, "society": true, "church": true, "school": true, "college": true,
	"hospital": true, "journal": true, "magazine": true, "press": true, "tribune": true,
	"herald": true, "airlines": true, "airways": true, "motors": true, "systems": true,
	"technologies": true, "group's": false, "cabinet": true, "duma": true, "kremlin": true,
	"pentagon": true, "nations": true, "secretariat": true, "directorate": true, "brigade": true,
	"brigades": true, "militia": true, "command": true, "academy": true, "tass": true, "reuters": true,
	"museum": true, "library": true, "laboratory": true, "observatory": true, "institution": true,
}

// placeWords mark a capitalised name as a place.
var placeWords = map[string]bool{
	"city": true, "river": true, "mountains": true, "mount": true, "lake": true, "island": true,
	"islands": true, "province": true, "region": true, "county": true, "state": false,
	"street": true, "avenue": true, "square": true, "valley": true, "sea": true, "ocean": true,
	"bay": true, "district": true, "oblast": true, "republic": false, "territory": true,
}

// nationalities and similar adjectives that may start a role ("Russian
// diplomat", "Syrian President").
var nationalities = map[string]bool{
	"russian": true, "syrian": true, "turkish": true, "american": true, "u.s.": true, "us": true,
	"british": true, "french": true, "german": true, "chinese": true, "iranian": true, "israeli": true,
	"ukrainian": true, "iraqi": true, "afghan": true, "indian": true, "pakistani": true,
	"japanese": true, "korean": true, "italian": true, "spanish": true, "canadian": true,
	"mexican": true, "brazilian": true, "egyptian": true, "saudi": true, "palestinian": true,
	"lebanese": true, "jordanian": true, "european": true, "african": true, "australian": true,
	"polish": true, "dutch": true, "belgian": true, "swedish": true, "norwegian": true,
	"finnish": true, "danish": true, "greek": true, "cuban": true, "venezuelan": true,
	"un": true, "u.n.": true, "eu": true, "nato": true, "federal": true, "state": true,
	"foreign": true, "former": true, "deputy": true, "acting": true, "senior": true, "top": true,
	"democratic": true, "republican": true, "defense": true, "defence": true, "interior": true,
	"prime": true, "vice": true, "first": true, "white": true, "house": true,
}

// sentenceStarters are capitalised words that start sentences and are
// never names, beyond what the casing lexicon knows.
var sentenceStarters = map[string]bool{
	"the": true, "a": true, "an": true, "he": true, "she": true, "it": true, "they": true,
	"we": true, "i": true, "you": true, "this": true, "that": true, "these": true, "those": true,
	"there": true, "here": true, "according": true, "but": true, "and": true, "or": true,
	"if": true, "when": true, "while": true, "after": true, "before": true, "although": true,
	"though": true, "until": true, "since": true, "as": true, "in": true, "on": true, "at": true,
	"for": true, "with": true, "by": true, "from": true, "to": true, "of": true, "his": true,
	"her": true, "their": true, "its": true, "our": true, "my": true, "your": true, "similarly": true,
	"however": true, "meanwhile": true, "also": true, "still": true, "yet": true, "so": true,
	"then": true, "now": true, "today": true, "yesterday": true, "what": true, "who": true,
	"why": true, "how": true, "where": true, "which": true, "not": true, "no": true, "yes": true,
	"is": true, "was": true, "are": true, "were": true, "will": true, "would": true, "can": true,
	"could": true, "should": true, "do": true, "does": true, "did": true, "has": true, "have": true,
	"had": true, "many": true, "some": true, "most": true, "all": true, "one": true, "two": true,
	"moreover": true, "furthermore": true, "instead": true, "thus": true, "therefore": true,
	"both": true, "each": true, "every": true, "another": true, "other": true, "such": true,
	"last": true, "next": true, "earlier": true, "later": true, "despite": true, "during": true,
	"because": true, "unlike": true, "like": true, "over": true, "under": true, "about": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "january": true, "february": true, "march": true,
	"april": true, "june": true, "july": true, "august": true, "september": true,
	"october": true, "november": true, "december": true, "mr": false,
}

// calendarWords are the weekdays and months, which are capitalised but
// name no one ("May" is left out: it is also a name).
var calendarWords = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "january": true, "february": true, "march": true,
	"april": true, "june": true, "july": true, "august": true, "september": true,
	"october": true, "november": true, "december": true,
}

// nameParticles may stand inside a name in lower case.
var nameParticles = map[string]bool{
	"al": true, "bin": true, "ibn": true, "de": true, "da": true, "di": true, "del": true,
	"van": true, "von": true, "der": true, "la": true, "le": true, "du": true, "dos": true, "el": true,
	"dela": true, "della": true, "delos": true, "ter": true, "ten": true,
}

// knownPlaces backs the lexicon for places often written alone.
var knownPlaces = map[string]bool{
	"Moscow": true, "Russia": true, "Syria": true, "Ankara": true, "Idlib": true, "Krasnodar": true,
	"Washington": true, "London": true, "Paris": true, "Berlin": true, "Beijing": true,
	"Kiev": true, "Kyiv": true, "Damascus": true, "Aleppo": true, "Turkey": true, "Iran": true,
	"Iraq": true, "Ukraine": true, "China": true, "US": true, "U.S.": true, "USA": true, "UK": true,
	"Britain": true, "France": true, "Germany": true, "Israel": true, "Europe": true, "Crimea": true,
	"New York": true, "Geneva": true, "Tehran": true, "Baghdad": true, "Kabul": true,
}
