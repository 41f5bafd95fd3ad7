package coref

// This file compares and looks up words in lower case without lowering
// them into new strings: most words of a text are ASCII, which a byte
// loop lowers exactly as strings.ToLower does.

import (
	"slices"
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

// lowerOneOf reports whether strings.ToLower(w) is one of words, which
// are in lower-case ASCII.
func lowerOneOf(w string, words ...string) bool {
	if len(w) > maxFold || !isASCII(w) {
		return slices.Contains(words, strings.ToLower(w))
	}
	var buf [maxFold]byte
	b := lowerASCII(buf[:len(w)], w)
	for _, x := range words {
		if string(b) == x {
			return true
		}
	}
	return false
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

// inLower reports whether m holds strings.ToLower(w), allocating only for
// a word not in ASCII or longer than maxFold bytes.
func inLower(m map[string]bool, w string) bool {
	if len(w) > maxFold || !isASCII(w) {
		return m[strings.ToLower(w)]
	}
	var buf [maxFold]byte
	return m[string(lowerASCII(buf[:len(w)], w))]
}
