package wikidata

import "github.com/quotewire/quotewire"

// The classes an item's "instance of" (P31) must name for the item to be
// kept, and as what. Only the item's own P31 statements are read, not the
// class tree (P279): walking it needs a second pass over the whole dump.
// The lists hold the classes that news names: people, the common kinds of
// organisation and place, and the offices people hold. An item whose P31
// names none of them is not kept.
var classes = map[string]quotewire.WikidataKind{
	// people
	"Q5": quotewire.WikidataPerson, // human

	// positions (the labels of the offices in P39)
	"Q4164871":  quotewire.WikidataPosition, // position
	"Q294414":   quotewire.WikidataPosition, // public office
	"Q17279032": quotewire.WikidataPosition, // elective office
	"Q30461":    quotewire.WikidataPosition, // president
	"Q83307":    quotewire.WikidataPosition, // minister
	"Q48352":    quotewire.WikidataPosition, // head of state
	"Q2285706":  quotewire.WikidataPosition, // head of government

	// organisations
	"Q43229":    quotewire.WikidataOrganization, // organization
	"Q4830453":  quotewire.WikidataOrganization, // business
	"Q783794":   quotewire.WikidataOrganization, // company
	"Q891723":   quotewire.WikidataOrganization, // public company
	"Q6881511":  quotewire.WikidataOrganization, // enterprise
	"Q7278":     quotewire.WikidataOrganization, // political party
	"Q327333":   quotewire.WikidataOrganization, // government agency
	"Q2659904":  quotewire.WikidataOrganization, // government organization
	"Q192350":   quotewire.WikidataOrganization, // ministry
	"Q7188":     quotewire.WikidataOrganization, // government
	"Q35798":    quotewire.WikidataOrganization, // executive branch
	"Q163740":   quotewire.WikidataOrganization, // nonprofit organization
	"Q15911314": quotewire.WikidataOrganization, // association
	"Q48204":    quotewire.WikidataOrganization, // voluntary association
	"Q245065":   quotewire.WikidataOrganization, // intergovernmental organization
	"Q484652":   quotewire.WikidataOrganization, // international organization
	"Q1127126":  quotewire.WikidataOrganization, // military alliance
	"Q7210356":  quotewire.WikidataOrganization, // political organization
	"Q1331793":  quotewire.WikidataOrganization, // media company
	"Q11032":    quotewire.WikidataOrganization, // newspaper
	"Q1110794":  quotewire.WikidataOrganization, // daily newspaper
	"Q1193236":  quotewire.WikidataOrganization, // news agency
	"Q1616075":  quotewire.WikidataOrganization, // television station
	"Q14350":    quotewire.WikidataOrganization, // radio station
	"Q1126006":  quotewire.WikidataOrganization, // public broadcaster
	"Q8473":     quotewire.WikidataOrganization, // military
	"Q176799":   quotewire.WikidataOrganization, // military unit
	"Q35535":    quotewire.WikidataOrganization, // police
	"Q732717":   quotewire.WikidataOrganization, // law enforcement agency
	"Q41487":    quotewire.WikidataOrganization, // court
	"Q35749":    quotewire.WikidataOrganization, // parliament
	"Q11204":    quotewire.WikidataOrganization, // legislature
	"Q31855":    quotewire.WikidataOrganization, // research institute
	"Q1664720":  quotewire.WikidataOrganization, // institute
	"Q3918":     quotewire.WikidataOrganization, // university
	"Q875538":   quotewire.WikidataOrganization, // public university
	"Q902104":   quotewire.WikidataOrganization, // private university
	"Q16917":    quotewire.WikidataOrganization, // hospital
	"Q476028":   quotewire.WikidataOrganization, // association football club
	"Q847017":   quotewire.WikidataOrganization, // sports club
	"Q4438121":  quotewire.WikidataOrganization, // sports organization
	"Q178706":   quotewire.WikidataOrganization, // institution
	"Q33506":    quotewire.WikidataOrganization, // museum
	"Q157031":   quotewire.WikidataOrganization, // foundation
	"Q1058914":  quotewire.WikidataOrganization, // software company
	"Q18388277": quotewire.WikidataOrganization, // technology company

	// places
	"Q6256":     quotewire.WikidataPlace, // country
	"Q3624078":  quotewire.WikidataPlace, // sovereign state
	"Q7275":     quotewire.WikidataPlace, // state
	"Q107390":   quotewire.WikidataPlace, // federated state
	"Q35657":    quotewire.WikidataPlace, // state of the United States
	"Q3336843":  quotewire.WikidataPlace, // country of the United Kingdom
	"Q10864048": quotewire.WikidataPlace, // first-level administrative country subdivision
	"Q13220204": quotewire.WikidataPlace, // second-level administrative country subdivision
	"Q34876":    quotewire.WikidataPlace, // province
	"Q515":      quotewire.WikidataPlace, // city
	"Q5119":     quotewire.WikidataPlace, // capital
	"Q1549591":  quotewire.WikidataPlace, // big city
	"Q1637706":  quotewire.WikidataPlace, // city with millions of inhabitants
	"Q200250":   quotewire.WikidataPlace, // metropolis
	"Q1093829":  quotewire.WikidataPlace, // city of the United States
	"Q486972":   quotewire.WikidataPlace, // human settlement
	"Q3957":     quotewire.WikidataPlace, // town
	"Q532":      quotewire.WikidataPlace, // village
	"Q15284":    quotewire.WikidataPlace, // municipality
	"Q747074":   quotewire.WikidataPlace, // comune of Italy
	"Q484170":   quotewire.WikidataPlace, // commune of France
	"Q262166":   quotewire.WikidataPlace, // municipality of Germany
	"Q82794":    quotewire.WikidataPlace, // geographic region
	"Q5107":     quotewire.WikidataPlace, // continent
	"Q23442":    quotewire.WikidataPlace, // island
}

// rank orders the kinds when an item is an instance of classes of several
// kinds: a person first, then an office, an organisation, a place.
var rank = map[quotewire.WikidataKind]int{
	quotewire.WikidataPerson: 4, quotewire.WikidataPosition: 3,
	quotewire.WikidataOrganization: 2, quotewire.WikidataPlace: 1,
}

// KindOf returns the kind of an item that is an instance of the classes
// ids, and false when none is a class quotewire keeps.
func KindOf(ids []string) (quotewire.WikidataKind, bool) {
	var best quotewire.WikidataKind
	for _, id := range ids {
		if k, ok := classes[id]; ok && rank[k] > rank[best] {
			best = k
		}
	}
	return best, best != ""
}
