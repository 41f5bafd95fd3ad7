package quotewire

import (
	"fmt"
	"testing"
)

func TestCanonicalRole(t *testing.T) {
	tests := []struct {
		role, want string
		ok         bool
	}{
		{"US President", "President of the United States", true},
		{"U.S. President", "President of the United States", true},
		{"United States President", "President of the United States", true},
		{"US president", "President of the United States", true},
		{"American president", "President of the United States", true},
		{"President of the United States", "President of the United States", true},
		{"president of the U.S.", "President of the United States", true},
		{"President", "President", true},
		{"president", "President", true},
		{"Incumbent President", "President", true},
		{"Republican President", "President", true},
		{"As President", "President", true},
		{"former president", "President", true},
		{"Russian Foreign Minister", "Foreign Minister of Russia", true},
		{"Russia's foreign minister", "Foreign Minister of Russia", true},
		{"foreign minister", "Foreign Minister", true},
		{"British Prime Minister", "Prime Minister of the United Kingdom", true},
		{"UK Prime Minister", "Prime Minister of the United Kingdom", true},
		{"Secretary of State", "Secretary of State", true},
		{"US Secretary of State", "Secretary of State of the United States", true},
		{"Minister of Foreign Affairs of Russia", "Minister of Foreign Affairs of Russia", true},
		{"Dutch Prime Minister", "Prime Minister of the Netherlands", true},
		{"deputy prime minister", "Deputy Prime Minister", true},
		{"Bernie Sanders-backed candidate", "", false},
		{"Kremlin-appointed governor", "", false},
		{"Russian", "", false},
		{"As", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := CanonicalRole(tt.role)
		if got != tt.want || ok != tt.ok {
			t.Errorf("CanonicalRole(%q) = %q, %v; want %q, %v", tt.role, got, ok, tt.want, tt.ok)
		}
	}
}

func TestCanonicalRoles(t *testing.T) {
	// Donald Trump's nine surface forms in the shipped corpus
	spans := []RoleSpan{
		{"President", "2017-01-20", "2019-05-01"}, {"US President", "2017-02-01", "2019-06-01"},
		{"U.S. President", "2016-11-09", "2018-01-01"}, {"United States President", "2018-03-03", "2018-03-03"},
		{"US president", "2019-07-07", "2019-07-07"}, {"president", "2017-05-05", "2020-01-01"},
		{"Incumbent President", "2020-10-01", "2020-10-01"}, {"Republican President", "2017-03-03", "2017-03-03"},
		{"As President", "2018-08-08", "2018-08-08"}, {"Bernie Sanders-backed candidate", "2016-01-01", "2016-01-01"},
		{"businessman", "", ""},
	}
	got := CanonicalRoles(spans)
	var s []string
	for _, c := range got {
		s = append(s, fmt.Sprintf("%s %s..%s %d", c.Role, c.First, c.Last, len(c.Forms)))
	}
	want := []string{"President of the United States 2016-11-09..2020-10-01 9", "Businessman .. 1"}
	if fmt.Sprint(s) != fmt.Sprint(want) {
		t.Errorf("CanonicalRoles = %q, want %q", s, want)
	}
	// two countries' presidencies: a bare "president" joins neither
	got = CanonicalRoles([]RoleSpan{{"US President", "2010-01-01", "2010-01-01"}, {"Russian President", "2011-01-01", "2011-01-01"}, {"president", "2012-01-01", "2012-01-01"}})
	if len(got) != 3 || got[2].Role != "President" {
		t.Errorf("two presidencies: %+v", got)
	}
}

func TestGovernmentOf(t *testing.T) {
	for place, want := range map[string]string{
		"Moscow": "Government of Russia", "Russia": "Government of Russia", "United States": "Government of the United States",
		"U.S.": "Government of the United States", "Washington": "Government of the United States", "Kiev": "Government of Ukraine",
		"Britain": "Government of the United Kingdom", "Kenya": "Government of Kenya",
		"Texas": "", "Downing Street": "", "Park": "",
	} {
		got, ok := GovernmentOf(place)
		if got != want || ok != (want != "") {
			t.Errorf("GovernmentOf(%q) = %q, %v; want %q", place, got, ok, want)
		}
	}
}
