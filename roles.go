package quotewire

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// country is a country as roles name it: its canonical name, whether the
// name takes "the" after "of", and the ways roles write it (names,
// abbreviations, demonyms), lower case.
type country struct {
	name  string
	the   bool
	forms []string
}

var countries = []country{
	{"United States", true, []string{"united states", "us", "u.s.", "usa", "u.s.a.", "american", "america's", "united states of america"}},
	{"United Kingdom", true, []string{"united kingdom", "uk", "u.k.", "britain", "british", "great britain"}},
	{"Russia", false, []string{"russia", "russian", "russian federation"}},
	{"China", false, []string{"china", "chinese"}},
	{"France", false, []string{"france", "french"}},
	{"Germany", false, []string{"germany", "german"}},
	{"Italy", false, []string{"italy", "italian"}},
	{"Spain", false, []string{"spain", "spanish"}},
	{"Japan", false, []string{"japan", "japanese"}},
	{"India", false, []string{"india", "indian"}},
	{"Pakistan", false, []string{"pakistan", "pakistani"}},
	{"Canada", false, []string{"canada", "canadian"}},
	{"Australia", false, []string{"australia", "australian"}},
	{"New Zealand", false, []string{"new zealand"}},
	{"Ukraine", false, []string{"ukraine", "ukrainian"}},
	{"Turkey", false, []string{"turkey", "turkish"}},
	{"Iran", false, []string{"iran", "iranian"}},
	{"Iraq", false, []string{"iraq", "iraqi"}},
	{"Israel", false, []string{"israel", "israeli"}},
	{"Syria", false, []string{"syria", "syrian"}},
	{"Egypt", false, []string{"egypt", "egyptian"}},
	{"Saudi Arabia", false, []string{"saudi arabia", "saudi"}},
	{"Afghanistan", false, []string{"afghanistan", "afghan"}},
	{"North Korea", false, []string{"north korea", "north korean"}},
	{"South Korea", false, []string{"south korea", "south korean"}},
	{"Brazil", false, []string{"brazil", "brazilian"}},
	{"Mexico", false, []string{"mexico", "mexican"}},
	{"Argentina", false, []string{"argentina", "argentine", "argentinian"}},
	{"Venezuela", false, []string{"venezuela", "venezuelan"}},
	{"Colombia", false, []string{"colombia", "colombian"}},
	{"Cuba", false, []string{"cuba", "cuban"}},
	{"Poland", false, []string{"poland", "polish"}},
	{"Greece", false, []string{"greece", "greek"}},
	{"Ireland", false, []string{"ireland", "irish"}},
	{"Netherlands", true, []string{"netherlands", "dutch"}},
	{"Belgium", false, []string{"belgium", "belgian"}},
	{"Sweden", false, []string{"sweden", "swedish"}},
	{"Norway", false, []string{"norway", "norwegian"}},
	{"Denmark", false, []string{"denmark", "danish"}},
	{"Finland", false, []string{"finland", "finnish"}},
	{"Austria", false, []string{"austria", "austrian"}},
	{"Switzerland", false, []string{"switzerland", "swiss"}},
	{"Portugal", false, []string{"portugal", "portuguese"}},
	{"Hungary", false, []string{"hungary", "hungarian"}},
	{"Romania", false, []string{"romania", "romanian"}},
	{"Serbia", false, []string{"serbia", "serbian"}},
	{"Belarus", false, []string{"belarus", "belarusian"}},
	{"Georgia", false, []string{"georgian"}},
	{"Kenya", false, []string{"kenya", "kenyan"}},
	{"Nigeria", false, []string{"nigeria", "nigerian"}},
	{"South Africa", false, []string{"south africa", "south african"}},
	{"Ethiopia", false, []string{"ethiopia", "ethiopian"}},
	{"Indonesia", false, []string{"indonesia", "indonesian"}},
	{"Philippines", true, []string{"philippines", "philippine", "filipino"}},
	{"Vietnam", false, []string{"vietnam", "vietnamese"}},
	{"Thailand", false, []string{"thailand", "thai"}},
	{"Malaysia", false, []string{"malaysia", "malaysian"}},
	{"Taiwan", false, []string{"taiwan", "taiwanese"}},
	{"Lebanon", false, []string{"lebanon", "lebanese"}},
	{"Jordan", false, []string{"jordanian"}},
	{"Libya", false, []string{"libya", "libyan"}},
	{"Qatar", false, []string{"qatar", "qatari"}},
	{"Yemen", false, []string{"yemen", "yemeni"}},
	{"Bangladesh", false, []string{"bangladesh", "bangladeshi"}},
	{"Sri Lanka", false, []string{"sri lanka", "sri lankan"}},
	{"Nepal", false, []string{"nepal", "nepali", "nepalese"}},
	{"Chile", false, []string{"chile", "chilean"}},
	{"Peru", false, []string{"peru", "peruvian"}},
	{"Czech Republic", true, []string{"czech republic", "czech"}},
	{"Kazakhstan", false, []string{"kazakhstan", "kazakh"}},
	{"Armenia", false, []string{"armenia", "armenian"}},
	{"Azerbaijan", false, []string{"azerbaijan", "azerbaijani"}},
	{"Palestine", false, []string{"palestinian"}},
	{"Scotland", false, []string{"scotland", "scottish"}},
	{"Wales", false, []string{"wales", "welsh"}},
}

// countryForms maps each written form to its country, and roleForms
// lists the forms longest first, so "united states" is tried before "us".
var countryForms, roleForms = func() (map[string]*country, []string) {
	m := map[string]*country{}
	var forms []string
	for i := range countries {
		for _, f := range countries[i].forms {
			m[f] = &countries[i]
			forms = append(forms, f)
		}
	}
	sort.Slice(forms, func(i, j int) bool { return len(forms[i]) > len(forms[j]) })
	return m, forms
}()

// roleQualifiers are the words in front of an office that say when or
// how its holder held it, not which office it is ("As President",
// "Incumbent President", "former Foreign Minister"); parties are
// descriptions of the holder ("Republican President").
var roleQualifiers = map[string]bool{"as": true, "then": true, "incumbent": true, "current": true, "sitting": true,
	"outgoing": true, "the": true, "former": true, "ex": true, "longtime": true, "onetime": true, "newly": true,
	"new": true, "republican": true, "democratic": true, "democrat": true, "gop": true, "labour": true, "labor": true,
	"conservative": true, "liberal": true, "tory": true, "socialist": true, "a": true, "an": true}

// smallWords stay lower case in an office's name.
var smallWords = map[string]bool{"of": true, "the": true, "for": true, "and": true, "on": true, "in": true, "to": true, "at": true}

// CanonicalRole returns the one name of the office a role names, with
// the country the role gives ("US President", "U.S. president", "United
// States President" → "President of the United States"; "Russian Foreign
// Minister" → "Foreign Minister of Russia"; "Incumbent President", "As
// President", "Republican President" → "President"), and false for a
// role that is a description rather than an office ("Bernie
// Sanders-backed candidate") or that names no office.
func CanonicalRole(role string) (string, bool) {
	s := strings.Join(strings.Fields(role), " ")
	low := strings.ToLower(s)
	if s == "" || len(strings.Fields(s)) > 8 {
		return "", false
	}
	for _, d := range []string{"-backed", "-based", "-led", "-born", "-owned", "-funded", "-supported", "-appointed"} {
		if strings.Contains(low, d) {
			return "", false
		}
	}
	words := strings.Fields(s)
	// qualifiers in front
	for len(words) > 0 && roleQualifiers[strings.ToLower(strings.Trim(words[0], ",.-"))] {
		words = words[1:]
	}
	var ctry *country
	// the country in front: "US", "Russian", "Russia's"
	rest := strings.ToLower(strings.Join(words, " "))
	if _, ok := countryForms[rest]; ok {
		return "", false // a nationality, no office
	}
	for _, f := range roleForms {
		if !strings.HasPrefix(rest, f) {
			continue
		}
		for _, sfx := range []string{"'s ", "’s ", " "} {
			if strings.HasPrefix(rest[len(f):], sfx) {
				ctry = countryForms[f]
				words = strings.Fields(strings.Join(words, " ")[len(f)+len(sfx):])
				break
			}
		}
		if ctry != nil {
			break
		}
	}
	for len(words) > 0 && roleQualifiers[strings.ToLower(words[0])] {
		words = words[1:]
	}
	// the country after: "President of the United States"
	if ctry == nil {
		low := strings.ToLower(strings.Join(words, " "))
		if i := strings.LastIndex(low, " of "); i >= 0 {
			tail := strings.TrimPrefix(low[i+4:], "the ")
			if c, ok := countryForms[tail]; ok {
				ctry = c
				words = strings.Fields(strings.Join(words, " ")[:i])
			}
		}
	}
	if len(words) == 0 {
		return "", false
	}
	for i, w := range words {
		lw := strings.ToLower(w)
		if i > 0 && smallWords[lw] {
			words[i] = lw
			continue
		}
		if r, n := utf8.DecodeRuneInString(w); unicode.IsLower(r) {
			words[i] = string(unicode.ToUpper(r)) + w[n:]
		}
	}
	office := strings.Join(words, " ")
	if ctry == nil {
		return office, true
	}
	if ctry.the {
		return office + " of the " + ctry.name, true
	}
	return office + " of " + ctry.name, true
}

// CanonicalRoleSpan is a canonical role (CanonicalRole) of a speaker,
// with the dates of the first and last article that gave it in any form,
// and the forms the articles wrote.
type CanonicalRoleSpan struct {
	Role  string   `json:"role"`
	First string   `json:"first"`
	Last  string   `json:"last"`
	Forms []string `json:"forms"`
}

// CanonicalRoles groups a speaker's roles (as the articles wrote them,
// with their dates) under their canonical roles: the forms of one office
// join ("US President", "U.S. president"), a bare office joins the one
// canonical role with that office and a country when there is exactly
// one ("president" of a speaker who is "President of the United
// States"), and descriptions are left out. The result is ordered by
// first date (undated last), then by role.
func CanonicalRoles(spans []RoleSpan) []CanonicalRoleSpan {
	idx := map[string]int{}
	var out []CanonicalRoleSpan
	add := func(canon string, r RoleSpan) {
		i, ok := idx[canon]
		if !ok {
			i = len(out)
			idx[canon] = i
			out = append(out, CanonicalRoleSpan{Role: canon})
		}
		c := &out[i]
		if r.First != "" && (c.First == "" || r.First < c.First) {
			c.First = r.First
		}
		if r.Last > c.Last {
			c.Last = r.Last
		}
		for _, f := range c.Forms {
			if f == r.Role {
				return
			}
		}
		c.Forms = append(c.Forms, r.Role)
	}
	canon := make([]string, len(spans))
	withCountry := map[string][]string{} // office → its canonical roles with a country
	for i, r := range spans {
		c, ok := CanonicalRole(r.Role)
		if !ok {
			continue
		}
		canon[i] = c
		if j := strings.Index(c, " of "); j >= 0 {
			office := c[:j]
			if _, isCountry := countryForms[strings.TrimPrefix(strings.ToLower(c[j+4:]), "the ")]; isCountry {
				if !slices.Contains(withCountry[office], c) {
					withCountry[office] = append(withCountry[office], c)
				}
			}
		}
	}
	for i, r := range spans {
		c := canon[i]
		if c == "" {
			continue
		}
		if l := withCountry[c]; len(l) == 1 {
			c = l[0]
		}
		add(c, r)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if (a.First == "") != (b.First == "") {
			return b.First == ""
		}
		if a.First != b.First {
			return a.First < b.First
		}
		return a.Role < b.Role
	})
	return out
}

// capitals maps the capitals that stand for their governments in the
// news ("Moscow said") to their countries, lower case.
var capitals = map[string]string{"moscow": "Russia", "washington": "United States", "beijing": "China", "london": "United Kingdom",
	"paris": "France", "berlin": "Germany", "tokyo": "Japan", "kyiv": "Ukraine", "kiev": "Ukraine", "tehran": "Iran",
	"ankara": "Turkey", "jerusalem": "Israel", "damascus": "Syria", "baghdad": "Iraq", "kabul": "Afghanistan",
	"new delhi": "India", "islamabad": "Pakistan", "riyadh": "Saudi Arabia", "cairo": "Egypt", "ottawa": "Canada",
	"canberra": "Australia", "seoul": "South Korea", "pyongyang": "North Korea", "rome": "Italy", "madrid": "Spain",
	"warsaw": "Poland", "minsk": "Belarus", "brasilia": "Brazil", "caracas": "Venezuela", "havana": "Cuba",
	"beirut": "Lebanon", "doha": "Qatar", "taipei": "Taiwan", "hanoi": "Vietnam", "bangkok": "Thailand",
	"jakarta": "Indonesia", "manila": "Philippines", "nairobi": "Kenya", "abuja": "Nigeria", "pretoria": "South Africa",
	"addis ababa": "Ethiopia", "athens": "Greece", "dublin": "Ireland", "stockholm": "Sweden", "oslo": "Norway",
	"copenhagen": "Denmark", "helsinki": "Finland", "vienna": "Austria", "bern": "Switzerland", "lisbon": "Portugal",
	"budapest": "Hungary", "bucharest": "Romania", "belgrade": "Serbia", "tbilisi": "Georgia", "yerevan": "Armenia",
	"baku": "Azerbaijan", "astana": "Kazakhstan", "amman": "Jordan", "sanaa": "Yemen", "dhaka": "Bangladesh",
	"kathmandu": "Nepal", "lima": "Peru", "bogota": "Colombia", "buenos aires": "Argentina", "wellington": "New Zealand",
	"prague": "Czech Republic", "kuala lumpur": "Malaysia", "mexico city": "Mexico"}

// GovernmentOf names the government a place that speaks stands for:
// "Moscow said" and "Russia said" are the Government of Russia, "the
// United States said" the Government of the United States. It returns
// false for a place that is no country or capital of the shipped tables
// ("Downing Street", a county, a surname the tagger took for a place):
// that place speaks under its own name.
func GovernmentOf(place string) (string, bool) {
	name := strings.TrimSpace(place)
	if w, ok := CanonicalName(name); ok && w.Type == Place {
		name = w.Name
	}
	low := strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(name, "the "), "The "))
	if c, ok := capitals[low]; ok {
		low = strings.ToLower(c)
	}
	c, ok := countryForms[low]
	if !ok {
		return "", false
	}
	if c.the {
		return "Government of the " + c.name, true
	}
	return "Government of " + c.name, true
}
