package text

import "unicode"

// CapitalLetters returns how many letters s holds when none of them is in
// lower case, and -1 when one is: "PRIME MINISTER" 13, "DR." 2, "Dr." -1.
// Words and labels in capitals ("WHO", "ANTHONY ALBANESE:", text set in
// capitals) are read apart from names written as names.
func CapitalLetters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return -1
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}
