package phrase

import (
	"strings"
	"testing"
)

func TestFoldLookups(t *testing.T) {
	ws := []string{"", "Afterwards", "AFTERWARDS", "So", "Friday", "FRIDAY", "Ministry", "Russian", "RUSSIAN", "Texan",
		"Bank", "İstanbul", "Ünited", "Çin", "Σ", "ÅngströmIan", "averyveryveryveryverylongwordthatdoesnotfit", "Monday.", "state", "Government"}
	for _, w := range ws {
		l := strings.ToLower(w)
		if SentenceWordFold(w) != SentenceWord(l) || IsTimeWordFold(w) != IsTimeWord(l) || OrgHeadFold(w) != OrgHead(l) || DemonymFold(w) != Demonym(l) {
			t.Errorf("fold lookups of %q differ from those of %q", w, l)
		}
	}
}
