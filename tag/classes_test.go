package tag

import (
	"strings"
	"testing"

	"github.com/quotewire/quotewire/tag/lexicon"
)

// TestWordFlags checks the word classes of a few tokens: lower-case
// classes come from the lower-case form, the others from the text.
func TestWordFlags(t *testing.T) {
	tests := []struct {
		text, lower string
		want, none  lexicon.Flags
	}{
		{"President", "president", wTitle | wTitleTok, wPluralTitle | wOrg},
		{"Gen.", "gen.", wTitleTok, wTitle}, // a title with its dot
		{"Presidents", "presidents", wPluralTitle | wTitleTok, wTitle},
		{"spokesmen", "spokesmen", 0, wTitle | wTitleTok}, // held as false in titles
		{"Moscow", "moscow", wKnownPlace, wStarter},
		{"moscow", "moscow", 0, wKnownPlace},                                                       // known places are as written
		{"The", "the", wStarter | lexicon.FlagCommon | lexicon.FlagMultiStart, lexicon.FlagsClass}, // "The Washington Post"
		{"Committee", "committee", wOrg, wPlace},
		{"River", "river", wPlace, wOrg},
		{"Russian", "russian", wNationality, wTitle},
		{"Monday", "monday", wCalendar | wStarter, 0},
		{"al", "al", wParticle, 0},
		{"Said", "said", lexicon.FlagCommon, lexicon.FlagFirstName},
		{"Hillary", "hillary", lexicon.FlagFirstName | lexicon.FlagPerson, lexicon.FlagCommon},
		{"hillary", "hillary", 0, lexicon.FlagFirstName | lexicon.FlagPerson},
		{"Pope", "pope", lexicon.FlagRegnal | wTitle, lexicon.FlagPeer},
		{"Jr", "jr", lexicon.FlagNameAbbrev, 0},
		{"Voronkov", "voronkov", 0, ^wKnown},
	}
	for _, tt := range tests {
		got := wordFlags(wordTable(), tt.text, tt.lower)
		if got&wKnown == 0 || got&tt.want != tt.want || got&tt.none != 0 {
			t.Errorf("wordFlags(%q, %q) = %b, want all of %b and none of %b", tt.text, tt.lower, got, tt.want, tt.none)
		}
	}
}

// TestWordFlagsMatchLists holds the flags to the lists they stand for,
// word by word.
func TestWordFlagsMatchLists(t *testing.T) {
	lists := []struct {
		words map[string]bool
		flag  lexicon.Flags
	}{
		{titles, wTitle}, {orgWords, wOrg}, {placeWords, wPlace}, {nationalities, wNationality},
		{sentenceStarters, wStarter}, {calendarWords, wCalendar}, {nameParticles, wParticle},
	}
	for _, l := range lists {
		for w, ok := range l.words {
			if got := wordFlags(wordTable(), w, w)&l.flag != 0; got != ok {
				t.Errorf("%q has flag %b: %v, want %v", w, l.flag, got, ok)
			}
			up := strings.ToUpper(w[:1]) + w[1:]
			if got := wordFlags(wordTable(), up, w)&l.flag != 0; got != ok {
				t.Errorf("%q (%q) has flag %b: %v, want %v", up, w, l.flag, got, ok)
			}
		}
	}
	for w := range pluralTitles {
		if f := wordFlags(wordTable(), w, w); f&wPluralTitle == 0 || f&wTitleTok == 0 {
			t.Errorf("plural title %q: flags %b", w, f)
		}
	}
	for w, ok := range knownPlaces {
		if got := wordFlags(wordTable(), w, strings.ToLower(w))&wKnownPlace != 0; got != ok {
			t.Errorf("known place %q: %v, want %v", w, got, ok)
		}
	}
}
