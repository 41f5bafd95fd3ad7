package eval

import (
	"unicode"
	"unicode/utf8"

	"github.com/quotewire/quotewire"
)

// asciiWord marks the ASCII bytes that Python's \w matches: letters,
// digits and the underscore.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
	}
	return t
}()

// IsWordRune reports whether Python's re pattern \w, applied to a str,
// matches r. That is r == '_' or str.isalnum(r), which for every code point
// comes down to the general categories L (Lu, Ll, Lt, Lm, Lo) and N (Nd,
// Nl, No): numeric characters outside N, such as the CJK numeral
// ideographs, are all Lo. Combining marks (Mn, Mc) are not word runes, so a
// decomposed "é" (e + U+0301) ends a word after the "e".
//
// The tables are those of the Go release (unicode.Version); Python uses
// its own (unicodedata.unidata_version), so the two can only differ on
// characters assigned between the two versions.
func IsWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 0 && asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// wordAt reports whether the character at byte i of text is a word
// character, and its length in bytes (invalid UTF-8 bytes are one byte,
// not word characters).
func wordAt(text string, i int) (bool, int) {
	if c := text[i]; c < utf8.RuneSelf {
		return asciiWord[c], 1
	}
	r, n := utf8.DecodeRuneInString(text[i:])
	return (r != utf8.RuneError || n > 1) && IsWordRune(r), n
}

// Words returns the byte spans of the words of text, in order: the
// matches of Python's re.compile(r"\w+").finditer(text), with offsets
// counted in UTF-8 bytes. Invalid UTF-8 bytes are not word characters.
func Words(text string) []quotewire.Span {
	var out []quotewire.Span
	start := -1
	for i := 0; i < len(text); {
		w, n := wordAt(text, i)
		switch {
		case w && start < 0:
			start = i
		case !w && start >= 0:
			out = append(out, quotewire.Span{Start: start, End: i})
			start = -1
		}
		i += n
	}
	if start >= 0 {
		out = append(out, quotewire.Span{Start: start, End: len(text)})
	}
	return out
}

// appendWordStarts appends to dst the byte offset at which each word of
// text starts (see Words) and returns the extended slice.
func appendWordStarts(dst []int, text string) []int {
	in := false
	for i := 0; i < len(text); {
		w, n := wordAt(text, i)
		if w && !in {
			dst = append(dst, i)
		}
		in = w
		i += n
	}
	return dst
}
