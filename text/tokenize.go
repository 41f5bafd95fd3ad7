// Package text segments an article into paragraphs, tokens and sentences,
// every one a byte-offset span into the unchanged text. It runs after the
// metadata stage (which finds the dateline it skips) and before every
// other: later stages work on its tokens.
//
// The segmenter is a single left-to-right pass: time and memory are linear
// in the size of the text.
package text

import (
	"slices"
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
	if r < utf8.RuneSelf {
		return r >= 0 && isASCIIAlnum(byte(r))
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// Tokenize appends the tokens of text[from:to] to dst and returns it. Token
// offsets are absolute offsets into text. Invalid UTF-8 bytes become Punct
// tokens of one byte, so offsets always stay on the input's boundaries.
func Tokenize(dst []quotewire.Token, text string, from, to int) []quotewire.Token {
	var arena []byte // backs the lower case of capitalised words
	i := from
	for i < to {
		c := text[i]
		if c < utf8.RuneSelf {
			if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v' {
				i++
				continue
			}
			if isASCIIAlnum(c) {
				end, upper := scanWord(text, i, to)
				dst = appendWord(dst, text, i, end, to, upper, &arena)
				i = end
				continue
			}
			if (c == '\'' || c == '`') && i+1 < to && text[i+1] == c {
				// '' and `` stand for double quotation marks in some archives
				dst = push(dst, i, i+2, quotewire.QuoteMark, text[i:i+2], text[i:i+2])
				i += 2
				continue
			}
			if c == '\'' && cliticAt(text, i, 1, to) {
				end := i + 1 + clitic(text, i+1, to)
				dst = push(dst, i, end, quotewire.Word, text[i:end], lower(text[i:end]))
				i = end
				continue
			}
			kind := quotewire.Punct
			if c == '"' || c == '\'' {
				kind = quotewire.QuoteMark
			}
			dst = push(dst, i, i+1, kind, text[i:i+1], text[i:i+1])
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:to])
		switch {
		case r == utf8.RuneError && n <= 1:
			dst = push(dst, i, i+1, quotewire.Punct, text[i:i+1], text[i:i+1])
			i++
		case unicode.IsSpace(r):
			i += n
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			end, upper := scanWord(text, i, to)
			dst = appendWord(dst, text, i, end, to, upper, &arena)
			i = end
		case (r == '‘' || r == '’') && i+2*n <= to && text[i+n:i+2*n] == text[i:i+n]:
			// ‘‘ and ’’ stand for double quotation marks in some outlets
			dst = push(dst, i, i+2*n, quotewire.QuoteMark, text[i:i+2*n], text[i:i+2*n])
			i += 2 * n
		case r == '’' && cliticAt(text, i, n, to):
			end := i + n + clitic(text, i+n, to)
			dst = push(dst, i, end, quotewire.Word, text[i:end], lower(text[i:end]))
			i = end
		default:
			kind := quotewire.Punct
			if IsQuoteMark(r) {
				kind = quotewire.QuoteMark
			}
			dst = push(dst, i, i+n, kind, text[i:i+n], text[i:i+n])
			i += n
		}
	}
	return dst
}

func isASCIIAlnum(c byte) bool { return byteClass[c]&classAlnum != 0 }

// Byte classes of byteClass.
const (
	classAlnum = 1 << iota // ASCII letter or digit
	classUpper             // ASCII upper-case letter
	classHigh              // a byte of a multi-byte rune, or invalid

	// needLower marks a word that lower() has to look at.
	needLower = classUpper | classHigh
)

// byteClass classes every byte value, so that the word scan tests a byte
// with one load.
var byteClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			t[c] = classAlnum
		case c >= 'A' && c <= 'Z':
			t[c] = classAlnum | classUpper
		case c >= utf8.RuneSelf:
			t[c] = classHigh
		}
	}
	return t
}()

// isJoinerByte reports whether the ASCII byte c may join the parts of a
// word: a hyphen, an apostrophe, or a dot, comma or colon inside numbers
// and initialisms.
func isJoinerByte(c byte) bool {
	return c == '-' || c == '\'' || c == '.' || c == ',' || c == ':'
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
// It also reports whether the word may hold an upper-case letter: when it
// does not, the word is its own lower case.
func scanWord(text string, i, to int) (int, bool) {
	start := i
	digitStart := text[i] >= '0' && text[i] <= '9'
	var seen uint8 // the classes of the bytes the word holds
	for i < to {
		for i < to {
			k := byteClass[text[i]]
			if k&classAlnum == 0 {
				break
			}
			seen |= k
			i++
		}
		if i >= to {
			break
		}
		c := text[i]
		if c < utf8.RuneSelf && !isJoinerByte(c) {
			return i, seen&needLower != 0 // white space and most punctuation end the word
		}
		if c >= utf8.RuneSelf {
			seen |= classHigh // the word may take in a multi-byte rune: lower() decides
		}
		r, n := runeAt(text, i, to)
		if r >= utf8.RuneSelf && r != utf8.RuneError && isWordRune(r) {
			i += n
			continue
		}
		// joiners: need a word rune right after
		next, nn := runeAt(text, i+n, to)
		nextWord := nn > 0 && next != utf8.RuneError && isWordRune(next)
		switch {
		case (r == '-' || r == '‑') && nextWord:
			if dashWord(text, i+n, to) {
				return i, seen&needLower != 0 // "PASC-the House of Commons …-today": a dash written as a hyphen
			}
			i += n
		case isApostrophe(r) && nextWord:
			// split a possessive or contraction 's / ’s / ’re / ’ll / ’ve / ’d / ’m
			if isClitic(text, i+n, to) {
				return i, seen&needLower != 0
			}
			i += n
		case (r == '.' || r == ',' || r == ':') && digitStart && nn > 0 && next >= '0' && next <= '9':
			i += n
		case r == '.' && nextWord && !digitStart && isInitialism(text, start, i, to):
			i += n
		case r == '.' && !digitStart && isInitialismEnd(text, start, i):
			// trailing dot of "U.S." style initialism
			return i + 1, seen&needLower != 0
		default:
			return i, seen&needLower != 0
		}
	}
	return i, seen&needLower != 0
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

// appendWord appends the word text[s:e] of text[:to]; upper is false when
// the word is known to have no upper-case letter. Lower-case copies of
// ASCII words are cut from *arena (see lowerIn).
func appendWord(dst []quotewire.Token, text string, s, e, to int, upper bool, arena *[]byte) []quotewire.Token {
	w := text[s:e]
	kind := quotewire.Word
	if w[0] >= '0' && w[0] <= '9' {
		kind = quotewire.Number
	}
	low := w
	if upper {
		low = lowerIn(arena, w, to-s)
	}
	// push's body, by hand: it is too big to inline
	if len(dst) == cap(dst) {
		dst = slices.Grow(dst, 1)
	}
	dst = dst[:len(dst)+1]
	t := &dst[len(dst)-1]
	t.Start, t.End, t.Kind, t.Sentence = s, e, kind, 0
	t.Text, t.Lower = w, low
	return dst
}

// push appends the token text[s:e] of the kind with its text and lower
// case. It writes the fields in place: appending a composite literal
// builds the 64-byte token on the stack and copies it, through a bulk
// write barrier while the collector runs. Every field is written, as dst
// may hold stale tokens past its length (a reused slice).
func push(dst []quotewire.Token, s, e int, kind quotewire.TokenKind, txt, low string) []quotewire.Token {
	if len(dst) == cap(dst) {
		dst = slices.Grow(dst, 1)
	}
	dst = dst[:len(dst)+1]
	t := &dst[len(dst)-1]
	t.Start, t.End, t.Kind, t.Sentence = s, e, kind, 0
	t.Text, t.Lower = txt, low
	return dst
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

// arenaChunk is the most lowerIn allocates for its copies at once.
const arenaChunk = 1024

// lowerIn returns lower(s), cutting a copy of an ASCII word from the
// chunk *arena instead of allocating it alone: one allocation holds the
// lower case of many words. Bytes handed out are never written again, so
// the strings stay immutable; a chunk lives as long as any of them. room
// bounds the bytes still to come (the text left from s on), so that a
// short text gets a short chunk.
func lowerIn(arena *[]byte, s string, room int) string {
	i := 0
	for ; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return strings.ToLower(s)
		}
		if c >= 'A' && c <= 'Z' {
			break
		}
	}
	if i == len(s) {
		return s
	}
	for j := i + 1; j < len(s); j++ {
		if s[j] >= utf8.RuneSelf {
			return strings.ToLower(s) // as lowerASCII does
		}
	}
	b := *arena
	if cap(b)-len(b) < len(s) {
		b = make([]byte, 0, max(len(s), min(room, arenaChunk)))
	}
	n := len(b)
	b = append(b, s...)
	for j := n + i; j < len(b); j++ {
		if c := b[j]; c >= 'A' && c <= 'Z' {
			b[j] = c + ('a' - 'A')
		}
	}
	*arena = b
	return unsafe.String(&b[n], len(s))
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
