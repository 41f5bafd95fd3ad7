// Code copied from tokenize.go and segment.go before the speed-up of
// issue 16, renamed with a "ref" prefix: the reference the agreement tests
// (agree_test.go) hold the optimised segmenter to. Do not edit.

package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/quotewire/quotewire"
)

// refIsQuoteMark reports whether r is a quotation mark the tokenizer emits as
// a QuoteMark token.
func refIsQuoteMark(r rune) bool {
	switch r {
	case '"', '\'', '“', '”', '‘', '’', '«', '»', '„', '‚', '‹', '›', '‟', '‛':
		return true
	}
	return false
}

func refIsWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

func refIsApostrophe(r rune) bool { return r == '\'' || r == '’' }

// refTokenize appends the tokens of text[from:to] to dst and returns it. Token
// offsets are absolute offsets into text. Invalid UTF-8 bytes become Punct
// tokens of one byte, so offsets always stay on the input's boundaries.
func refTokenize(dst []quotewire.Token, text string, from, to int) []quotewire.Token {
	i := from
	for i < to {
		c := text[i]
		if c < utf8.RuneSelf {
			if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v' {
				i++
				continue
			}
			if refIsASCIIAlnum(c) {
				end := refScanWord(text, i, to)
				dst = refAppendWord(dst, text, i, end)
				i = end
				continue
			}
			if (c == '\'' || c == '`') && i+1 < to && text[i+1] == c {
				// '' and `` stand for double quotation marks in some archives
				dst = append(dst, quotewire.Token{Span: quotewire.Span{Start: i, End: i + 2}, Kind: quotewire.QuoteMark, Text: text[i : i+2], Lower: text[i : i+2]})
				i += 2
				continue
			}
			if c == '\'' && refCliticAt(text, i, 1, to) {
				end := i + 1 + refClitic(text, i+1, to)
				dst = append(dst, quotewire.Token{Span: quotewire.Span{Start: i, End: end}, Kind: quotewire.Word, Text: text[i:end], Lower: refLower(text[i:end])})
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
			end := refScanWord(text, i, to)
			dst = refAppendWord(dst, text, i, end)
			i = end
		case (r == '‘' || r == '’') && i+2*n <= to && text[i+n:i+2*n] == text[i:i+n]:
			// ‘‘ and ’’ stand for double quotation marks in some outlets
			dst = append(dst, quotewire.Token{Span: quotewire.Span{Start: i, End: i + 2*n}, Kind: quotewire.QuoteMark, Text: text[i : i+2*n], Lower: text[i : i+2*n]})
			i += 2 * n
		case r == '’' && refCliticAt(text, i, n, to):
			end := i + n + refClitic(text, i+n, to)
			dst = append(dst, quotewire.Token{Span: quotewire.Span{Start: i, End: end}, Kind: quotewire.Word, Text: text[i:end], Lower: refLower(text[i:end])})
			i = end
		default:
			kind := quotewire.Punct
			if refIsQuoteMark(r) {
				kind = quotewire.QuoteMark
			}
			dst = append(dst, quotewire.Token{Span: quotewire.Span{Start: i, End: i + n}, Kind: kind, Text: text[i : i+n], Lower: text[i : i+n]})
			i += n
		}
	}
	return dst
}

func refIsASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func refRuneAt(text string, i, to int) (rune, int) {
	if i >= to {
		return -1, 0
	}
	if c := text[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(text[i:to])
}

// refScanWord returns the end of the word starting at i: letters, digits and
// marks, joined by inner hyphens, apostrophes (not a possessive 's), dots
// in initialisms ("U.S.") and separators inside numbers ("3,000", "2.5").
func refScanWord(text string, i, to int) int {
	start := i
	digitStart := text[i] >= '0' && text[i] <= '9'
	for i < to {
		for i < to && refIsASCIIAlnum(text[i]) {
			i++
		}
		if i >= to {
			break
		}
		r, n := refRuneAt(text, i, to)
		if r >= 0 && (r < utf8.RuneSelf && refIsASCIIAlnum(byte(r)) || r >= utf8.RuneSelf && r != utf8.RuneError && refIsWordRune(r)) {
			i += n
			continue
		}
		// joiners: need a word rune right after
		next, nn := refRuneAt(text, i+n, to)
		nextWord := nn > 0 && next != utf8.RuneError && refIsWordRune(next)
		switch {
		case (r == '-' || r == '‑') && nextWord:
			if refDashWord(text, i+n, to) {
				return i // "PASC-the House of Commons …-today": a dash written as a hyphen
			}
			i += n
		case refIsApostrophe(r) && nextWord:
			// split a possessive or contraction 's / ’s / ’re / ’ll / ’ve / ’d / ’m
			if refIsClitic(text, i+n, to) {
				return i
			}
			i += n
		case (r == '.' || r == ',' || r == ':') && digitStart && nn > 0 && next >= '0' && next <= '9':
			i += n
		case r == '.' && nextWord && !digitStart && refIsInitialism(text, start, i, to):
			i += n
		case r == '.' && !digitStart && refIsInitialismEnd(text, start, i):
			// trailing dot of "U.S." style initialism
			return i + 1
		default:
			return i
		}
	}
	return i
}

// refDashWord reports whether text[j:] starts with a word no compound
// continues with after a hyphen ("the", "today"): the hyphen is a dash.
func refDashWord(text string, j, to int) bool {
	for _, w := range [...]string{"the", "today", "yesterday"} {
		if strings.HasPrefix(text[j:to], w) {
			r, n := refRuneAt(text, j+len(w), to)
			if n == 0 || !refIsWordRune(r) {
				return true
			}
		}
	}
	return false
}

// refIsClitic reports whether text[j:] starts with a refClitic (s, re, ll, ve, d,
// m) followed by a non-word rune.
func refIsClitic(text string, j, to int) bool { return refClitic(text, j, to) > 0 }

// refClitic returns the length of the refClitic (s, re, ll, ve, d, m) that
// text[j:] starts with, when a non-word rune follows it, or 0.
func refClitic(text string, j, to int) int {
	for _, c := range [...]string{"s", "re", "ll", "ve", "d", "m", "S"} {
		if strings.HasPrefix(text[j:to], c) {
			r, n := refRuneAt(text, j+len(c), to)
			if n == 0 || !refIsWordRune(r) {
				return len(c)
			}
		}
	}
	return 0
}

// refCliticAt reports whether the apostrophe of n bytes at i directly follows
// a word rune and starts a refClitic ("Russia’s", "we're").
func refCliticAt(text string, i, n, to int) bool {
	if i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return refIsWordRune(r) && refIsClitic(text, i+n, to)
}

// refIsInitialism reports whether the word text[start:i] followed by '.' at i
// and a word rune looks like part of an initialism: single letters joined by
// dots ("U.S", "a.m").
func refIsInitialism(text string, start, i, to int) bool {
	seg := text[start:i]
	last := strings.LastIndexByte(seg, '.')
	if last >= 0 {
		seg = seg[last+1:]
	}
	if utf8.RuneCountInString(seg) != 1 {
		return false
	}
	// next segment must also be a single letter followed by '.'
	r, n := refRuneAt(text, i+1, to)
	if n == 0 || !unicode.IsLetter(r) {
		return false
	}
	r2, _ := refRuneAt(text, i+1+n, to)
	return r2 == '.'
}

// refIsInitialismEnd reports whether text[start:i] already holds a dot and
// ends in a single letter, so the dot at i closes an initialism ("U.S.").
func refIsInitialismEnd(text string, start, i int) bool {
	seg := text[start:i]
	last := strings.LastIndexByte(seg, '.')
	return last > 0 && utf8.RuneCountInString(seg[last+1:]) == 1
}

func refAppendWord(dst []quotewire.Token, text string, s, e int) []quotewire.Token {
	w := text[s:e]
	kind := quotewire.Word
	if w[0] >= '0' && w[0] <= '9' {
		kind = quotewire.Number
	}
	return append(dst, quotewire.Token{Span: quotewire.Span{Start: s, End: e}, Kind: kind, Text: w, Lower: refLower(w)})
}

// refLower returns s in refLower case without allocating when s has no upper-case
// letter.
func refLower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return strings.ToLower(s)
		}
		if c >= 'A' && c <= 'Z' {
			return refLowerASCII(s, i)
		}
	}
	return s
}

// refLowerASCII lowers s, whose first upper-case byte is at i, falling back to
// strings.ToLower at the first non-ASCII byte.
func refLowerASCII(s string, i int) string {
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

// refSegmenter is the pipeline stage that fills Document.Paragraphs, Tokens
// and refSentences. The zero value is ready to use.
type refSegmenter struct{}

// Process segments d. A non-empty d.DatelineSpan becomes a sentence of its
// own, so the story's first sentence starts after it.
func (refSegmenter) Process(d *quotewire.Document) error {
	d.Paragraphs = refParagraphs(d.Paragraphs[:0], d.Text)
	if d.Tokens == nil {
		d.Tokens = make([]quotewire.Token, 0, len(d.Text)/5+1)
	}
	d.Tokens = refTokenize(d.Tokens[:0], d.Text, 0, len(d.Text))
	d.Sentences = refSentences(d.Sentences[:0], d.Tokens, d.Text, d.Paragraphs, d.DatelineSpan)
	for si := range d.Sentences {
		s := &d.Sentences[si]
		for ti := s.First; ti < s.Last; ti++ {
			d.Tokens[ti].Sentence = si
		}
	}
	return nil
}

// refParagraphs appends the paragraphs of text to dst. A blank line always
// ends a paragraph; a single line break ends one too, unless the text is
// hard-refWrapped there: the line does not end a sentence and the next line
// starts in refLower case. Spans are trimmed of surrounding white space;
// empty paragraphs are dropped.
func refParagraphs(dst []quotewire.Span, text string) []quotewire.Span {
	start := 0
	from := 0
	for {
		k := strings.IndexByte(text[from:], '\n')
		if k < 0 {
			break
		}
		k += from
		line := from // the line ending at k starts here
		from = k + 1
		if refWrapped(text, line, k) {
			continue
		}
		if s, e := refTrimSpace(text, start, k); s < e {
			dst = append(dst, quotewire.Span{Start: s, End: e})
		}
		start = k + 1
	}
	if s, e := refTrimSpace(text, start, len(text)); s < e {
		dst = append(dst, quotewire.Span{Start: s, End: e})
	}
	return dst
}

// refWrapped reports whether the line break at nl continues the paragraph:
// the line before it (starting at line) is not blank and does not end in
// sentence punctuation, and the next line starts with a refLower-case letter.
// It looks only at those two lines, so splitting stays linear.
func refWrapped(text string, line, nl int) bool {
	e := nl
	for e > line && refIsSpaceByte(text[e-1]) {
		e--
	}
	if e <= line {
		return false
	}
	switch text[e-1] {
	case '.', '!', '?', ':', '"', ')', ']':
		return false
	}
	j := nl + 1
	for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
		j++
	}
	if j >= len(text) || text[j] == '\n' {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[j:])
	return unicode.IsLower(r)
}

func refIsSpaceByte(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
}

func refTrimSpace(text string, s, e int) (int, int) {
	for s < e && refIsSpaceByte(text[s]) {
		s++
	}
	for e > s && refIsSpaceByte(text[e-1]) {
		e--
	}
	// non-breaking spaces (U+00A0, 2 bytes) at the edges
	for e-s >= 2 && text[s] == 0xC2 && text[s+1] == 0xA0 {
		s += 2
	}
	for e-s >= 2 && text[e-2] == 0xC2 && text[e-1] == 0xA0 {
		e -= 2
	}
	return s, e
}

// refAbbreviations that do not end a sentence when followed by a period.
var refAbbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "sen": true,
	"rep": true, "gov": true, "lt": true, "col": true, "sgt": true, "capt": true, "cmdr": true,
	"adm": true, "maj": true, "gov.": true, "st": true, "jr": true, "sr": true, "rev": true,
	"hon": true, "pres": true, "supt": true, "insp": true, "atty": true, "gens": true, "reps": true,
	"sens": true, "messrs": true, "mt": true, "ft": true, "inc": false, "corp": false, "co": false,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"no": true, "nos": true, "vs": true, "v": true, "etc": false, "approx": true, "ca": true,
	"fig": true, "vol": true, "ave": true, "blvd": true, "dept": true, "est": true, "e.g": true, "i.e": true,
}

// refTitleAbbrevs are the abbreviated titles and ranks written before a
// name ("Gen.", "Brig.", "Pfc.", "Sen.").
var refTitleAbbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "sen": true, "rep": true, "gov": true,
	"gen": true, "lt": true, "col": true, "prof": true, "st": true, "jr": true, "sr": true, "rev": true,
	"sgt": true, "capt": true, "adm": true, "maj": true, "pres": true, "atty": true,
	"brig": true, "pfc": true, "pvt": true, "cpl": true, "spc": true, "sfc": true, "cmdr": true, "cdr": true,
	"cpt": true, "ssgt": true, "msgt": true, "tsgt": true, "lcpl": true, "amb": true, "supt": true, "insp": true,
	"sec": true, "secy": true,
}

// closers may follow a sentence-final mark and still belong to the sentence.
func refIsCloser(t, prev *quotewire.Token) bool {
	if t.Kind == quotewire.QuoteMark {
		switch t.Text {
		case "”", "’", "»", "›", "’’":
			return true
		case "\"", "'", "''":
			return prev != nil && prev.End == t.Start
		}
		return false
	}
	return t.Kind == quotewire.Punct && (t.Text == ")" || t.Text == "]")
}

// refSentences appends the sentences of the tokens to dst. refSentences never
// cross paragraphs; a sentence ends after '.', '!' or '?' (and any closing
// quotes or brackets) when the next token starts a new sentence: a
// capitalised word, a number, or an opening quote or bracket. A period
// after a known abbreviation or an initial ("J.") does not end one. The
// dateline span, when not empty, is a sentence of its own.
func refSentences(dst []quotewire.Sentence, toks []quotewire.Token, text string, paras []quotewire.Span, dateline quotewire.Span) []quotewire.Sentence {
	ti := 0
	for pi, p := range paras {
		for ti < len(toks) && toks[ti].Start < p.Start {
			ti++ // tokens outside any paragraph (cannot happen with trimmed spans)
		}
		first := ti
		for ti < len(toks) && toks[ti].End <= p.End {
			t := &toks[ti]
			ti++
			end := false
			if !dateline.IsEmpty() && t.End == dateline.End && dateline.Start >= p.Start {
				end = true
			} else if t.Kind == quotewire.Punct && (t.Text == "." || t.Text == "!" || t.Text == "?" || t.Text == "…") {
				for ti < len(toks) && toks[ti].End <= p.End && (refIsCloser(&toks[ti], &toks[ti-1]) || toks[ti].Text == "." && t.Text != ".") {
					ti++
				}
				end = ti < len(toks) && toks[ti].End <= p.End && refStartsSentence(toks, ti, t, text)
				if end && t.Text == "." && ti-2 >= first && refIsAbbrev(&toks[ti-2]) && ti-2 >= 0 && toks[ti-2].End == t.Start {
					end = false
				}
			}
			if end {
				dst = append(dst, quotewire.Sentence{Span: quotewire.Span{Start: toks[first].Start, End: toks[ti-1].End}, First: first, Last: ti, Paragraph: pi})
				first = ti
			}
		}
		if first < ti {
			dst = append(dst, quotewire.Sentence{Span: quotewire.Span{Start: toks[first].Start, End: toks[ti-1].End}, First: first, Last: ti, Paragraph: pi})
		}
	}
	return dst
}

// refIsAbbrev reports whether t is an abbreviation or a single-letter initial.
func refIsAbbrev(t *quotewire.Token) bool {
	if t.Kind != quotewire.Word {
		return false
	}
	if len(t.Text) == 1 && t.Text[0] >= 'A' && t.Text[0] <= 'Z' {
		return true
	}
	return refAbbreviations[t.Lower] || refTitleAbbrevs[t.Lower]
}

// refStartsSentence reports whether toks[i] can start a sentence after the
// final mark end.
func refStartsSentence(toks []quotewire.Token, i int, end *quotewire.Token, text string) bool {
	t := &toks[i]
	if t.Start == end.End {
		return false // "3.5", "a.b" — no space after the mark
	}
	switch t.Kind {
	case quotewire.Word:
		return t.IsCapitalized()
	case quotewire.Number:
		return true
	case quotewire.QuoteMark:
		return true
	case quotewire.Punct:
		return t.Text == "(" || t.Text == "[" || t.Text == "—" || t.Text == "-"
	}
	return false
}
