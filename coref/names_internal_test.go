package coref

import (
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
)

func TestTitleCase(t *testing.T) {
	tests := []struct {
		in       string
		shouting bool
		want     string
	}{
		{"ANDREW RIDLAND", true, "Andrew Ridland"},
		{"MARIE-CLAIRE O'NEIL", true, "Marie-Claire O'Neil"},
		{"TOMAS MALAKAUSKAS", true, "Tomas Malakauskas"},
		{"NATO", false, "Nato"},
		{"Andrew Ridland", false, "Andrew Ridland"},
		{"J K", false, "J K"},
	}
	for _, tt := range tests {
		if got := shouting(tt.in); got != tt.shouting {
			t.Errorf("shouting(%q) = %v, want %v", tt.in, got, tt.shouting)
		}
		if got := titleCase(tt.in); got != tt.want {
			t.Errorf("titleCase(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAnimate(t *testing.T) {
	for h, want := range map[string]bool{
		"spokesman": true, "minister": true, "witness": true, "resident": true, "teacher": true,
		"analyst": true, "official": true, "event": false, "report": false, "complaint": false, "ceremony": false,
	} {
		if got := animate(h); got != want {
			t.Errorf("animate(%q) = %v, want %v", h, got, want)
		}
	}
}

func TestSpeaks(t *testing.T) {
	for h, want := range map[string]bool{
		"spokesman": true, "officials": true, "ministry": true, "police": true, "report": true, "study": true,
		"children": true, "victims": true, "head": true, "tweet": true, "residents": true,
		"delegates": true, "eyewitnesses": true, "acquaintance": true, "protesters": true, "critics": true,
		"name": false, "swing": false, "result": false, "observations": false, "event": false,
	} {
		if got := speaks(h); got != want {
			t.Errorf("speaks(%q) = %v, want %v", h, got, want)
		}
	}
}

func TestAcronyms(t *testing.T) {
	tests := []struct {
		text string
		off  int
		acr  string
		name string
		want bool
	}{
		{"Home Affairs Select Committee (HASC) said", -1, "HASC", "Home Affairs Select Committee", true},
		{"National Oceanic and Atmospheric Administration (NOAA)", -1, "NOAA", "National Oceanic and Atmospheric Administration", true},
		{"Department of Health and Human Services (HHS)", -1, "HHS", "Department of Health and Human Services", false},
		{"Health and Human Services (HHS)", -1, "HHS", "Health and Human Services", true},
		{"Public Administration Select Committee (PASC)", -1, "PASC", "Public Administration Select Committee", true},
		{"Home Office (HASC)", -1, "HASC", "Home Office", false},
	}
	for _, tt := range tests {
		tt.off = strings.Index(tt.text, " (")
		acr, ok := acronymAfter(tt.text, tt.off)
		if !ok || acr != tt.acr {
			t.Errorf("acronymAfter(%q, %d) = %q, %v, want %q", tt.text, tt.off, acr, ok, tt.acr)
			continue
		}
		if got := initialsOf(tt.name, acr); got != tt.want {
			t.Errorf("initialsOf(%q, %q) = %v, want %v", tt.name, acr, got, tt.want)
		}
	}
	if _, ok := acronymAfter("the fund (which grew)", 8); ok {
		t.Error("a bracketed clause read as an acronym")
	}
}

func TestSeparator(t *testing.T) {
	tests := []struct {
		gap  string
		last bool
		want bool
	}{
		{" and ", true, true},
		{", ", false, true},
		{", ", true, false},
		{" and Ambassador ", true, true},
		{", and the ", true, true},
		{" met ", false, false},
		{" said and ", true, false},
	}
	for _, tt := range tests {
		if got := separator(tt.gap, tt.last); got != tt.want {
			t.Errorf("separator(%q, %v) = %v, want %v", tt.gap, tt.last, got, tt.want)
		}
	}
}

func TestPlacesThatSpeak(t *testing.T) {
	d := quotewire.NewDocument(quotewire.Article{Text: "Brock Pierce spoke. Pierce said no. The United States said yes."})
	d.Entities = []quotewire.Entity{
		{Name: "Brock Pierce", Type: quotewire.Person},
		{Name: "Pierce", Type: quotewire.Place}, // the tagger's Pierce County
		{Name: "United States", Type: quotewire.Place},
	}
	d.Quotes = []quotewire.Quote{{Speaker: 1, Mention: -1}, {Speaker: 2, Mention: -1}}
	r := newResolver(d, nil)
	r.placesThatSpeak()
	if d.Quotes[0].Speaker != 0 {
		t.Errorf("\"Pierce\" speaks as entity %d, want Brock Pierce (0)", d.Quotes[0].Speaker)
	}
	if g := d.Quotes[1].Speaker; g < 0 || d.Entities[g].Name != "Government of the United States" || d.Entities[g].Type != quotewire.Organization {
		t.Errorf("the United States speaking is %+v, want the Government of the United States, an organisation", d.Entities[max(g, 0)])
	}
	if d.Entities[2].Type != quotewire.Place {
		t.Errorf("the United States is a %s, want a place", d.Entities[2].Type)
	}
}

func TestOrgBefore(t *testing.T) {
	tests := []struct {
		text, name, want string
	}{
		{"said the United States Commission on International Religious Freedom", "International Religious Freedom", "United States Commission on International Religious Freedom"},
		{"PASC-the House of Commons Public Administration Select Committee", "Commons Public Administration Select Committee", "House of Commons Public Administration Select Committee"},
		{"the mayor of Koszalin", "Koszalin", ""},
	}
	for _, tt := range tests {
		off := strings.LastIndex(tt.text, tt.name)
		got := ""
		if i := orgBefore(tt.text, off); i >= 0 {
			got = tt.text[i:]
		}
		if got != tt.want {
			t.Errorf("orgBefore(%q at %q) = %q, want %q", tt.text, tt.name, got, tt.want)
		}
	}
}

func TestPersonsTypedTwice(t *testing.T) {
	d := quotewire.NewDocument(quotewire.Article{Text: "Philipp Hagemeister spoke. Philipp Hagemeister: we fix it. Ford Foundation said no."})
	d.Mentions = []quotewire.Mention{{Entity: 0}, {Entity: 1}, {Entity: 2}}
	d.Entities = []quotewire.Entity{
		{Name: "Philipp Hagemeister", Type: quotewire.Person, Mentions: []int{0}},
		{Name: "Philipp Hagemeister", Type: quotewire.Organization, Mentions: []int{1}, Roles: []string{"maintainer"}},
		{Name: "Ford Foundation", Type: quotewire.Organization, Mentions: []int{2}},
	}
	d.Quotes = []quotewire.Quote{{Speaker: 1, Mention: -1}, {Speaker: 2, Mention: -1}}
	r := newResolver(d, nil)
	r.personsTypedTwice()
	if d.Quotes[0].Speaker != 0 || d.Mentions[1].Entity != 0 || len(d.Entities[0].Mentions) != 2 || d.Entities[0].Roles[0] != "maintainer" {
		t.Errorf("the organisation of a person's name was not joined to the person: quotes %+v, entities %+v", d.Quotes, d.Entities)
	}
	if d.Quotes[1].Speaker != 2 || d.Entities[2].Type != quotewire.Organization {
		t.Errorf("a body's name was joined: %+v", d.Entities[2])
	}
}

func TestUntypedSpeaker(t *testing.T) {
	for name, want := range map[string]quotewire.EntityType{"Department": quotewire.Organization, "Committee for Domestic": quotewire.Organization,
		"Non-Governmental Organizations": quotewire.Organization, "Jaya": quotewire.Person, "Thomas Rivinius": quotewire.Person} {
		if got := untypedSpeaker(name); got != want {
			t.Errorf("untypedSpeaker(%q) = %s, want %s", name, got, want)
		}
	}
}
