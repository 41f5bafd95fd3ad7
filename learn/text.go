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

// ShapeHash returns StringHash(Shape(s)) without building the string.
func ShapeHash(s string) uint64 {
	h := uint64(14695981039346656037)
	n := 0
	eachShapeClass(s, func(k byte) bool {
		h ^= uint64(k)
		h *= 1099511628211
		n++
		return n < 8
	})
	return h
}

// eachShapeClass calls fn with the class of each run of characters of s
// (X upper, x lower, d digit, the byte itself for other ASCII, * for the
// rest) until fn returns false. ASCII takes a fast path.
func eachShapeClass(s string, fn func(byte) bool) {
	var last byte
	for i := 0; i < len(s); {
		var k byte
		if c := s[i]; c < utf8.RuneSelf {
			switch {
			case 'A' <= c && c <= 'Z':
				k = 'X'
			case 'a' <= c && c <= 'z':
				k = 'x'
			case '0' <= c && c <= '9':
				k = 'd'
			default:
				k = c
			}
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case unicode.IsUpper(r):
				k = 'X'
			case unicode.IsLower(r):
				k = 'x'
			case unicode.IsDigit(r):
				k = 'd'
			default:
				k = '*'
			}
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
