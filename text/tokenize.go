// Package text segments an article into paragraphs, tokens and sentences,
// every one a byte-offset span into the unchanged text. It runs after the
// metadata stage (which finds the dateline it skips) and before every
// other: later stages work on its tokens.
//
// The segmenter is a single left-to-right pass: time and memory are linear
// in the size of the text.
package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/quotewire/quotewire"
)

// IsQuoteMark reports whether r is a quotation mark the tokenizer emits as
// a QuoteMark token.
func IsQuoteMark(r rune) bool {
	switch r {
	case '"', '\'', '“', '”', '‘', '’', '«', '»', '„', '‚', '‹', '›', '‟', '‛':
		return true
	}
	return false
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// Tokenize appends the tokens of text[from:to] to dst and returns it. Token
// offsets are absolute offsets into text. Invalid UTF-8 bytes become Punct
// tokens of one byte, so offsets always stay on the input's boundaries.
func Tokenize(dst []quotewire.Token, text string, from, to int) []quotewire.Token {
	i := from
	for i < to {
		c := text[i]
		if c < utf8.RuneSelf {
			if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v' {
				i++
				continue
			}
			if isASCIIAlnum(c) {
				end := scanWord(text, i, to)
				dst = appendWord(dst, text, i, end)
				i = end
				continue
			}
			if (c == '\'' || c == '`') && i+1 < to && text[i+1] == c {
				// '' and `` stand for double quotation marks in some archives
				dst = append(dst, quotewire.Token{Span: quotewire.Span{Start: i, End: i + 2}, Kind: quotewire.QuoteMark, Text: text[i : i+2], Lower: text[i : i+2]})
				i += 2
				continue
			}
			if c == '\'' && cliticAt(text, i, 1, to) {
				end := i + 1 + clitic(text, i+1, to)
				dst = append(dst, quotewire.Token{Span: quotewire.Span{Start: i, End: end}, Kind: quotewire.Word, Text: text[i:end], Lower: lower(text[i:end])})
				i = end
				continue
			}
			kind := quotewire.Punct
			if c == '"' || c == '\'' {
				kind = quotewire.QuoteMark
			}
			dst = append(dst, quotewire.Token{Span: quotewire.Span{Start: i, End: i + 1}, Kind: kind, Text: text[i : i+1], Lower: text[i : i+1]})
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:to])
		switch {
		case r == utf8.RuneError && n <= 1:
			dst = append(dst, quotewire.Token{Span: quotewire.Span{Start: i, End: i + 1}, Kind: quotewire.Punct, Text: text[i : i+1], Lower: text[i : i+1]})
			i++
		case unicode.IsSpace(r):
			i += n
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			end := scanWord(text, i, to)
			dst = appendWord(dst, text, i, end)
			i = end
		case (r == '‘' || r == '’') && i+2*n <= to && text[i+n:i+2*n] == text[i:i+n]:
			// ‘‘ and ’’ stand for double quotation marks in some outlets
			dst = append(dst, quotewire.Token{Span: quotewire.Span{Start: i, End: i + 2*n}, Kind: quotewire.QuoteMark, Text: text[i : i+2*n], Lower: text[i : i+2*n]})
			i += 2 * n
		case r == '’' && cliticAt(text, i, n, to):
			end := i + n + clitic(text, i+n, to)
			dst = append(dst, quotewire.Token{Span: quotewire.Span{Start: i, End: end}, Kind: quotewire.Word, Text: text[i:end], Lower: lower(text[i:end])})
			i = end
		default:
			kind := quotewire.Punct
			if IsQuoteMark(r) {
				kind = quotewire.QuoteMark
			}
			dst = append(dst, quotewire.Token{Span: quotewire.Span{Start: i, End: i + n}, Kind: kind, Text: text[i : i+n], Lower: text[i : i+n]})
			i += n
		}
	}
	return dst
}

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func runeAt(text string, i, to int) (rune, int) {
	if i >= to {
		return -1, 0
	}
	if c := text[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(text[i:to])
}

// scanWord returns the end of the word starting at i: letters, digits and
// marks, joined by inner hyphens, apostrophes (not a possessive 's), dots
// in initialisms ("U.S.") and separators inside numbers ("3,000", "2.5").
func scanWord(text string, i, to int) int {
	start := i
	digitStart := text[i] >= '0' && text[i] <= '9'
	for i < to {
		for i < to && isASCIIAlnum(text[i]) {
			i++
		}
		if i >= to {
			break
		}
		r, n := runeAt(text, i, to)
		if r >= 0 && (r < utf8.RuneSelf && isASCIIAlnum(byte(r)) || r >= utf8.RuneSelf && r != utf8.RuneError && isWordRune(r)) {
			i += n
			continue
		}
		// joiners: need a word rune right after
		next, nn := runeAt(text, i+n, to)
		nextWord := nn > 0 && next != utf8.RuneError && isWordRune(next)
		switch {
		case (r == '-' || r == '‑') && nextWord:
			if dashWord(text, i+n, to) {
				return i // "PASC-the House of Commons …-today": a dash written as a hyphen
			}
			i += n
		case isApostrophe(r) && nextWord:
			// split a possessive or contraction 's / ’s / ’re / ’ll / ’ve / ’d / ’m
			if isClitic(text, i+n, to) {
				return i
			}
			i += n
		case (r == '.' || r == ',' || r == ':') && digitStart && nn > 0 && next >= '0' && next <= '9':
			i += n
		case r == '.' && nextWord && !digitStart && isInitialism(text, start, i, to):
			i += n
		case r == '.' && !digitStart && isInitialismEnd(text, start, i):
			// trailing dot of "U.S." style initialism
			return i + 1
		default:
			return i
		}
	}
	return i
}

// dashWord reports whether text[j:] starts with a word no compound
// continues with after a hyphen ("the", "today"): the hyphen is a dash.
func dashWord(text string, j, to int) bool {
	for _, w := range [...]string{"the", "today", "yesterday"} {
		if strings.HasPrefix(text[j:to], w) {
			r, n := runeAt(text, j+len(w), to)
			if n == 0 || !isWordRune(r) {
				return true
			}
		}
	}
	return false
}

// isClitic reports whether text[j:] starts with a clitic (s, re, ll, ve, d,
// m) followed by a non-word rune.
func isClitic(text string, j, to int) bool { return clitic(text, j, to) > 0 }

// clitic returns the length of the clitic (s, re, ll, ve, d, m) that
// text[j:] starts with, when a non-word rune follows it, or 0.
func clitic(text string, j, to int) int {
	for _, c := range [...]string{"s", "re", "ll", "ve", "d", "m", "S"} {
		if strings.HasPrefix(text[j:to], c) {
			r, n := runeAt(text, j+len(c), to)
			if n == 0 || !isWordRune(r) {
				return len(c)
			}
		}
	}
	return 0
}

// cliticAt reports whether the apostrophe of n bytes at i directly follows
// a word rune and starts a clitic ("Russia’s", "we're").
func cliticAt(text string, i, n, to int) bool {
	if i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return isWordRune(r) && isClitic(text, i+n, to)
}

// isInitialism reports whether the word text[start:i] followed by '.' at i
// and a word rune looks like part of an initialism: single letters joined by
// dots ("U.S", "a.m").
func isInitialism(text string, start, i, to int) bool {
	seg := text[start:i]
	last := strings.LastIndexByte(seg, '.')
	if last >= 0 {
		seg = seg[last+1:]
	}
	if utf8.RuneCountInString(seg) != 1 {
		return false
	}
	// next segment must also be a single letter followed by '.'
	r, n := runeAt(text, i+1, to)
	if n == 0 || !unicode.IsLetter(r) {
		return false
	}
	r2, _ := runeAt(text, i+1+n, to)
	return r2 == '.'
}

// isInitialismEnd reports whether text[start:i] already holds a dot and
// ends in a single letter, so the dot at i closes an initialism ("U.S.").
func isInitialismEnd(text string, start, i int) bool {
	seg := text[start:i]
	last := strings.LastIndexByte(seg, '.')
	return last > 0 && utf8.RuneCountInString(seg[last+1:]) == 1
}

func appendWord(dst []quotewire.Token, text string, s, e int) []quotewire.Token {
	w := text[s:e]
	kind := quotewire.Word
	if w[0] >= '0' && w[0] <= '9' {
		kind = quotewire.Number
	}
	return append(dst, quotewire.Token{Span: quotewire.Span{Start: s, End: e}, Kind: kind, Text: w, Lower: lower(w)})
}

// lower returns s in lower case without allocating when s has no upper-case
// letter.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return strings.ToLower(s)
		}
		if c >= 'A' && c <= 'Z' {
			return lowerASCII(s, i)
		}
	}
	return s
}

// lowerASCII lowers s, whose first upper-case byte is at i, falling back to
// strings.ToLower at the first non-ASCII byte.
func lowerASCII(s string, i int) string {
	b := make([]byte, len(s))
	copy(b, s[:i])
	for ; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return strings.ToLower(s)
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	// b is never written again, so it can back the string without a copy.
	return unsafe.String(unsafe.SliceData(b), len(b))
}
