package meta

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // YYYY-MM-DD, "" when ParseDate must fail
	}{
		{"2017-10-04", "2017-10-04"},
		{" 2017-10-04\n", "2017-10-04"},
		{"2017/10/04", "2017-10-04"},
		{"2017-10-04T10:30:00Z", "2017-10-04"},
		{"2017-10-04T23:30:00-05:00", "2017-10-04"}, // the date as written, not UTC
		{"2017-10-04T10:30:00.123+03:00", "2017-10-04"},
		{"2017-10-04T10:30:00", "2017-10-04"},
		{"2017-10-04 10:30:00", "2017-10-04"},
		{"Wed, 04 Oct 2017 10:30:00 +0300", "2017-10-04"},
		{"Wed, 4 Oct 2017 10:30:00 GMT", "2017-10-04"},
		{"04 Oct 2017 10:30:00 +0000", "2017-10-04"},
		{"October 4, 2017", "2017-10-04"},
		{"October 4 2017", "2017-10-04"},
		{"october 4, 2017", "2017-10-04"},
		{"Oct. 4, 2017", "2017-10-04"},
		{"Oct 4, 2017", "2017-10-04"},
		{"Sept. 26, 2016", "2016-09-26"},
		{"Oct. 4th, 2017", "2017-10-04"},
		{"4 October 2017", "2017-10-04"},
		{"4 Oct. 2017", "2017-10-04"},
		{"4 October, 2017", "2017-10-04"},
		{"Friday, January 4, 2019", "2019-01-04"},
		{"Friday January 4, 2019", "2019-01-04"},
		{"Wednesday, 4 October 2017", "2017-10-04"},
		{"Monday, January 4, 2019", "2019-01-04"}, // wrong weekday: ignored
		{"October 4, 2017.", "2017-10-04"},
		{"February 29, 2016", "2016-02-29"},

		{"", ""},
		{"October 4", ""},
		{"Oct 4", ""},
		{"February 29, 2017", ""},
		{"February 30, 2016", ""},
		{"April 31, 2017", ""},
		{"2017-13-01", ""},
		{"0000-01-01", ""},
		{"October 4, 17", ""},
		{"October 32, 2017", ""},
		{"Octobre 4, 2017", ""},
		{"October 4, 2017 at noon", ""},
		{"June. 4, 2017", ""},
		{"4th of July, 2017", ""},
		{"yesterday", ""},
		{"\xff\xfe", ""},
		{"20171004", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ParseDate(tt.in)
			if tt.want == "" {
				if ok {
					t.Errorf("ParseDate(%q) = %v, want failure", tt.in, got)
				}
				return
			}
			if !ok {
				t.Fatalf("ParseDate(%q) failed, want %s", tt.in, tt.want)
			}
			if s := got.Format(time.DateOnly); s != tt.want {
				t.Errorf("ParseDate(%q) = %s, want %s", tt.in, s, tt.want)
			}
			if n, ok := NormalizeDate(tt.in); !ok || n != tt.want {
				t.Errorf("NormalizeDate(%q) = %q, %v, want %q", tt.in, n, ok, tt.want)
			}
		})
	}
}

func TestParseDateClock(t *testing.T) {
	got, ok := ParseDate("October 4, 2017")
	if want := time.Date(2017, 10, 4, 0, 0, 0, 0, time.UTC); !ok || !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("ParseDate(October 4, 2017) = %v, want %v", got, want)
	}
	got, ok = ParseDate("2017-10-04T10:30:00+03:00")
	if want := time.Date(2017, 10, 4, 7, 30, 0, 0, time.UTC); !ok || !got.Equal(want) {
		t.Errorf("ParseDate(RFC 3339) = %v, want %v", got, want)
	}
}

func TestNormalizeDateFails(t *testing.T) {
	if got, ok := NormalizeDate("not a date"); ok || got != "" {
		t.Errorf(`NormalizeDate("not a date") = %q, %v; want "", false`, got, ok)
	}
}

func TestAgency(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"/TASS/", "TASS"},
		{"TASS", "TASS"},
		{"ITAR-TASS", "TASS"},
		{"(Reuters)", "Reuters"},
		{"Reuters", "Reuters"},
		{"REUTERS", "Reuters"},
		{"(AP)", "AP"},
		{"The Associated Press", "AP"},
		{"— The Associated Press", "AP"},
		{"(AFP)", "AFP"},
		{"AFP", "AFP"},
		{"Agence France-Presse", "AFP"},
		{"(Xinhua)", "Xinhua"},
		{"Xinhua", "Xinhua"},
		{"/Interfax/", "Interfax"},
		{"(Interfax)", "Interfax"},
		{"(UPI)", "UPI"},
		{"(Bloomberg)", "Bloomberg"},
		{"(dpa)", "dpa"},
		{"(ANSA)", "ANSA"},
		{"(EFE)", "EFE"},
		{"/PRNewswire/", "PR Newswire"},
		{"/PRNewswire-USNewswire/", "PR Newswire"},
		{"RIA Novosti", "RIA Novosti"},
		{"RIA  Novosti.", "RIA Novosti"},
		{"(CNN)", "CNN"},
		{" (Kyodo) ", "Kyodo"},
		{"", ""},
		{"()", ""},
		{"(Fox)", ""},
		{"The New York Times", ""},
		{"Reuters Reuters", ""},
		{"\xff", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Agency(tt.in); got != tt.want {
				t.Errorf("Agency(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestAgencyCanonical(t *testing.T) {
	// every canonical name normalises to itself
	for _, name := range agencies {
		if got := Agency(name); got != name {
			t.Errorf("Agency(%q) = %q, want itself", name, got)
		}
	}
}
