package lexicon

// This file holds the hand-made lists of titles that are part of how
// readers name someone, shared by the tagger (package tag) and the
// source-phrase reader (package phrase).

var (
	regnalTitles = map[string]bool{"pope": true, "king": true, "queen": true, "prince": true, "princess": true,
		"emperor": true, "empress": true, "sultan": true, "emir": true}
	peerTitles = map[string]bool{"lord": true, "baroness": true, "baron": true, "lady": true, "earl": true,
		"viscount": true, "duke": true, "duchess": true, "countess": true, "marquess": true}
	nameAbbrevs = map[string]bool{"Jr": true, "Sr": true, "Corp": true, "Inc": true, "Co": true, "Ltd": true, "Bros": true}
)

// RegnalTitle reports whether a lower-case title stays with a lone given
// name: "Pope Francis", "Queen Elizabeth II", "Prince William".
func RegnalTitle(lower string) bool { return regnalTitles[lower] }

// PeerTitle reports whether a lower-case title is a peer's, which stays
// with their name and territory: "Lord Ahmad of Wimbledon".
func PeerTitle(lower string) bool { return peerTitles[lower] }

// NameAbbrev reports whether w (as written, without its dot) is an
// abbreviation that ends a name with its dot: "Jr", "Corp", "Ltd".
func NameAbbrev(w string) bool { return nameAbbrevs[w] }

// RomanNumeral reports whether w is a regnal number in capitals: "II",
// "III", "XVI" (trailing dots and commas aside).
func RomanNumeral(w string) bool {
	for len(w) > 0 && (w[len(w)-1] == '.' || w[len(w)-1] == ',') {
		w = w[:len(w)-1]
	}
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		switch w[i] {
		case 'I', 'V', 'X', 'L':
		default:
			return false
		}
	}
	return true
}
