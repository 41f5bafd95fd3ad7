package coref

// This file compares and looks up words in lower case without lowering
// them into new strings: most words of a text are ASCII, which a byte
// loop lowers exactly as strings.ToLower does.

import (
	"strings"
)

// maxFold is the longest ASCII word lowered on the stack.
const maxFold = 32

// isASCII reports whether s holds only ASCII bytes.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// lowerIs reports whether strings.ToLower(w) == lower, where lower is in
// lower-case ASCII, allocating only for a word not in ASCII.
func lowerIs(w, lower string) bool {
	if len(w) != len(lower) {
		return !isASCII(w) && strings.ToLower(w) == lower
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			return strings.ToLower(w) == lower
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false // ToLower keeps the ASCII bytes before in place
		}
	}
	return true
}

// lowerPrefix reports whether strings.ToLower(s) starts with prefix, a
// word in lower-case ASCII that holds no "k" nor "i" (which the Kelvin
// sign and "İ" lower to): only ASCII lowers to its letters, so the
// prefix's bytes of s tell.
func lowerPrefix(s, prefix string) bool {
	return len(s) >= len(prefix) && lowerIs(s[:len(prefix)], prefix)
}

// firstASCIIField returns the first of strings.Fields(s) for s in ASCII
// ("" when there is none), without splitting the rest.
func firstASCIIField(s string) string {
	i := 0
	for i < len(s) && asciiSpace(s[i]) {
		i++
	}
	j := i
	for j < len(s) && !asciiSpace(s[j]) {
		j++
	}
	return s[i:j]
}

// asciiSpace reports whether c is white space as strings.Fields reads
// ASCII.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// lowerASCII writes the ASCII word w into b, of its length, in lower
// case.
func lowerASCII(b []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return b
}

// lowerString is strings.ToLower(s), made by a byte loop when s is
// ASCII.
func lowerString(s string) string {
	if !isASCII(s) {
		return strings.ToLower(s)
	}
	k := 0
	for k < len(s) && (s[k] < 'A' || s[k] > 'Z') {
		k++
	}
	if k == len(s) {
		return s // as strings.ToLower returns it
	}
	b := make([]byte, len(s))
	copy(b, s[:k])
	lowerASCII(b[k:], s[k:])
	return string(b)
}

// inLower reports whether m holds strings.ToLower(w), allocating only for
// a word not in ASCII or longer than maxFold bytes.
func inLower(m map[string]bool, w string) bool {
	if len(w) > maxFold || !isASCII(w) {
		return m[strings.ToLower(w)]
	}
	var buf [maxFold]byte
	return m[string(lowerASCII(buf[:len(w)], w))]
}
