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
	// Cut text at to: offsets stay absolute, and len(text) bounds every
	// index below, which spares most bounds checks.
	text = text[:to]
	var arena []byte // backs the lower case of capitalised words
	i := from
	for i < len(text) {
		// The fast loop takes white space and the ASCII words that end at
		// white space or punctuation, most of the text. It calls nothing,
		// so that its values stay in registers; it leaves anything else
		// to the general code after it, which takes one token a turn:
		// a word it stopped in (s >= 0), as it may go on past a joiner or
		// needs a call (a full dst or arena), or any other token.
		s, seen := -1, uint8(0)
		for i < len(text) {
			c := text[i]
			k := byteClass[c]
			if k&classSpace != 0 {
				i++
				continue
			}
			if k&classAlnum == 0 {
				break
			}
			s, seen = i, k
			for i++; i < len(text); i++ {
				k = byteClass[text[i]]
				if k&classAlnum == 0 {
					break
				}
				seen |= k
			}
			// (k still holds an alnum class when the run reached the end)
			if k&classHigh != 0 || k&classJoin != 0 && i+1 < len(text) && byteClass[text[i+1]]&(classAlnum|classHigh) != 0 {
				break // a multi-byte rune, or a joiner before a word rune: the word may go on
			}
			// The word ends at i: a joiner before no word rune joins
			// nothing (the run has no dot, so no initialism ends here).
			if len(dst) == cap(dst) {
				break
			}
			w := text[s:i]
			low := w
			if seen&classUpper != 0 {
				// lowerWord's ASCII case, inline
				n := len(arena)
				if cap(arena)-n < len(w) {
					break
				}
				arena = arena[:n+len(w)]
				b := arena[n:]
				for j := 0; j < len(b) && j < len(w); j++ {
					b[j] = w[j] | 0x20
				}
				low = unsafe.String(&b[0], len(b))
			}
			// push's body, by hand
			dst = dst[:len(dst)+1]
			t := &dst[len(dst)-1]
			kind := quotewire.Word
			if c <= '9' {
				kind = quotewire.Number
			}
			t.Start, t.End, t.Kind, t.Sentence = s, i, kind, 0
			t.Text, t.Lower = w, low
			s = -1
		}
		if s >= 0 {
			i, seen = scanWordRest(text, s, i, seen)
			dst = appendWord(dst, text, s, i, seen, &arena)
			continue
		}
		if i >= len(text) {
			break
		}
		c := text[i]
		if c < utf8.RuneSelf {
			if (c == '\'' || c == '`') && i+1 < len(text) && text[i+1] == c {
				// '' and `` stand for double quotation marks in some archives
				dst = push(dst, i, i+2, quotewire.QuoteMark, text[i:i+2], text[i:i+2])
				i += 2
				continue
			}
			if c == '\'' && cliticAt(text, i, 1, len(text)) {
				end := i + 1 + clitic(text, i+1, len(text))
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
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			dst = push(dst, i, i+1, quotewire.Punct, text[i:i+1], text[i:i+1])
			i++
		case isSpaceRune(r):
			i += n
		case isLetterOrDigit(r):
			s := i
			i, seen = scanWordRest(text, s, i, 0)
			dst = appendWord(dst, text, s, i, seen, &arena)
		case (r == '‘' || r == '’') && i+2*n <= len(text) && text[i+n:i+2*n] == text[i:i+n]:
			// ‘‘ and ’’ stand for double quotation marks in some outlets
			dst = push(dst, i, i+2*n, quotewire.QuoteMark, text[i:i+2*n], text[i:i+2*n])
			i += 2 * n
		case r == '’' && cliticAt(text, i, n, len(text)):
			end := i + n + clitic(text, i+n, len(text))
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

// appendWord appends the word text[s:e] to dst; seen holds the classes of
// its bytes (see scanWordRest).
func appendWord(dst []quotewire.Token, text string, s, e int, seen uint8, arena *[]byte) []quotewire.Token {
	w := text[s:e]
	low := w
	if seen&needLower != 0 {
		low = lowerWord(arena, w, seen, len(text)-s)
	}
	kind := quotewire.Word
	if w[0] <= '9' { // a letter, a digit or a multi-byte rune starts a word
		kind = quotewire.Number
	}
	return push(dst, s, e, kind, w, low)
}

// isSpaceRune is unicode.IsSpace, quicker on the general punctuation block
// (dashes, curly quotes), where most non-ASCII runes of English text lie.
func isSpaceRune(r rune) bool {
	if r >= 0x2010 && r <= 0x2027 {
		return false
	}
	return unicode.IsSpace(r)
}

// isLetterOrDigit is unicode.IsLetter(r) || unicode.IsDigit(r) for r of
// U+0080 and above, quicker on the general punctuation block, which has
// neither.
func isLetterOrDigit(r rune) bool {
	if r >= 0x2000 && r <= 0x206F {
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isASCIIAlnum(c byte) bool { return byteClass[c]&classAlnum != 0 }

// Byte classes of byteClass.
const (
	classAlnum = 1 << iota // ASCII letter or digit
	classUpper             // ASCII upper-case letter
	classHigh              // a byte of a multi-byte rune, or invalid
	classJoin              // an ASCII byte that may join a word's parts (isJoinerByte)
	classSpace             // ASCII white space

	// needLower marks a word whose lower case lowerWord makes.
	needLower = classUpper | classHigh
)

// byteClass classes every byte value, so that the word scan tests a byte
// with one load. A high byte is also classJoin: a multi-byte rune may go
// on with a word.
var byteClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			t[c] = classAlnum
		case c >= 'A' && c <= 'Z':
			t[c] = classAlnum | classUpper
		case c >= utf8.RuneSelf:
			t[c] = classHigh | classJoin
		case isJoinerByte(byte(c)):
			t[c] = classJoin
		case isSpaceByte(byte(c)):
			t[c] = classSpace
		}
	}
	return t
}()

// isJoinerByte reports whether the ASCII byte c may join the parts of a
// word: a hyphen, an apostrophe, or a dot, comma or colon inside numbers
// and initialisms. Every one has the bit 0x20 set, as do ASCII digits and
// lower-case letters (see lowerWord).
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

// scanWordRest returns the end of the word text[start:i…], whose scan has
// stopped at i on a byte that is no ASCII letter or digit: the word goes
// on with letters, digits and marks, joined by inner hyphens, apostrophes
// (not a possessive 's), dots in initialisms ("U.S.") and separators
// inside numbers ("3,000", "2.5"). It also returns seen, the classes of
// the word's bytes so far, with classHigh added when the word takes in a
// multi-byte rune and the classes of the ASCII letters it takes in.
func scanWordRest(text string, start, i int, seen uint8) (int, uint8) {
	digitStart := text[start] >= '0' && text[start] <= '9'
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if !isJoinerByte(c) {
				break // white space and most punctuation end the word
			}
			if i+1 >= len(text) || byteClass[text[i+1]]&(classAlnum|classHigh) == 0 {
				// No word rune follows the joiner: only the last dot of
				// an initialism joins.
				if c == '.' && !digitStart && isInitialismEnd(text, start, i) {
					return i + 1, seen
				}
				break
			}
		}
		r, n := runeAt(text, i, len(text))
		if r >= utf8.RuneSelf && r != utf8.RuneError && isWordRune(r) {
			seen |= classHigh
			i += n
		} else {
			// joiners: need a word rune right after
			next, nn := runeAt(text, i+n, len(text))
			nextWord := nn > 0 && next != utf8.RuneError && isWordRune(next)
			switch {
			case (r == '-' || r == '‑') && nextWord:
				if dashWord(text, i+n, len(text)) {
					return i, seen // "PASC-the House of Commons …-today": a dash written as a hyphen
				}
			case isApostrophe(r) && nextWord:
				// split a possessive or contraction 's / ’s / ’re / ’ll / ’ve / ’d / ’m
				if isClitic(text, i+n, len(text)) {
					return i, seen
				}
			case (r == '.' || r == ',' || r == ':') && digitStart && nn > 0 && next >= '0' && next <= '9':
			case r == '.' && nextWord && !digitStart && isInitialism(text, start, i, len(text)):
			case r == '.' && !digitStart && isInitialismEnd(text, start, i):
				// trailing dot of "U.S." style initialism
				return i + 1, seen
			default:
				return i, seen
			}
			if n > 1 {
				seen |= classHigh // ‑ or ’
			}
			i += n
		}
		for i < len(text) {
			k := byteClass[text[i]]
			if k&classAlnum == 0 {
				break
			}
			seen |= k
			i++
		}
	}
	return i, seen
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

// arenaChunk is the most lowerWord allocates for its copies at once.
const arenaChunk = 1024

// lowerWord returns the lower case of the word w that Tokenize scanned,
// given seen, the classes of its bytes (classUpper or classHigh set).
// A word with a multi-byte rune goes to strings.ToLower. An ASCII word
// holds only letters, digits and joiners, whose lower case sets the bit
// 0x20 of every byte; its copy is cut from the chunk *arena instead of
// being allocated alone, so that one allocation holds the lower case of
// many words. Bytes handed out are never written again, so the strings
// stay immutable; a chunk lives as long as any of them. room bounds the
// bytes still to come (the text left from w on), so that a short text
// gets a short chunk.
func lowerWord(arena *[]byte, w string, seen uint8, room int) string {
	if seen&classHigh != 0 {
		return strings.ToLower(w)
	}
	b := *arena
	if cap(b)-len(b) < len(w) {
		b = make([]byte, 0, max(len(w), min(room, arenaChunk)))
	}
	n := len(b)
	b = b[:n+len(w)]
	d := b[n:]
	for j := 0; j < len(d) && j < len(w); j++ {
		d[j] = w[j] | 0x20
	}
	*arena = b
	return unsafe.String(&d[0], len(d))
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
