package learn

import (
	"unicode"
	"unicode/utf8"
)

// Shape maps a word to its run of character classes, at most eight:
// "Lavrov" → "Xx", "2017" → "d", "U.S." → "X.X.", "al-Nusra" → "x-Xx".
// Taggers use it as a feature for words they have not seen.
func Shape(s string) string {
	var b [8]byte
	n := 0
	eachShapeClass(s, func(k byte) bool {
		b[n] = k
		n++
		return n < len(b)
	})
	return string(b[:n])
}

// ShapeHash returns StringHash(Shape(s)) without building the string: one
// pass over s, ASCII by a table, with no call per character.
func ShapeHash(s string) uint64 {
	h := uint64(14695981039346656037)
	var last byte
	n := 0
	for i := 0; i < len(s); {
		var k byte
		if c := s[i]; c < utf8.RuneSelf {
			k = asciiClass[c]
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			k = runeClass(r)
			i += size
		}
		if k != last {
			last = k
			h ^= uint64(k)
			h *= 1099511628211
			if n++; n == 8 {
				break
			}
		}
	}
	return h
}

// asciiClass is the shape class of each ASCII byte (see eachShapeClass).
var asciiClass = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		switch {
		case 'A' <= c && c <= 'Z':
			t[c] = 'X'
		case 'a' <= c && c <= 'z':
			t[c] = 'x'
		case '0' <= c && c <= '9':
			t[c] = 'd'
		default:
			t[c] = byte(c)
		}
	}
	return t
}()

// runeClass is the shape class of a non-ASCII rune.
func runeClass(r rune) byte {
	switch {
	case unicode.IsUpper(r):
		return 'X'
	case unicode.IsLower(r):
		return 'x'
	case unicode.IsDigit(r):
		return 'd'
	}
	return '*'
}

// eachShapeClass calls fn with the class of each run of characters of s
// (X upper, x lower, d digit, the byte itself for other ASCII, * for the
// rest) until fn returns false. ASCII takes a fast path.
func eachShapeClass(s string, fn func(byte) bool) {
	var last byte
	for i := 0; i < len(s); {
		var k byte
		if c := s[i]; c < utf8.RuneSelf {
			k = asciiClass[c]
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			k = runeClass(r)
			i += size
		}
		if k != last {
			last = k
			if !fn(k) {
				return
			}
		}
	}
}

// Suffix returns the last n bytes of s, moved back to a rune boundary, or
// s when it is shorter.
func Suffix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[i:]
}
