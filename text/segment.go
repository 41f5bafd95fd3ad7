package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quotewire/quotewire"
)

// Segmenter is the pipeline stage that fills Document.Paragraphs, Tokens
// and Sentences. The zero value is ready to use.
type Segmenter struct{}

var _ quotewire.Stage = Segmenter{}

// Process segments d. A non-empty d.DatelineSpan becomes a sentence of its
// own, so the story's first sentence starts after it.
func (Segmenter) Process(d *quotewire.Document) error {
	d.Paragraphs = Paragraphs(d.Paragraphs[:0], d.Text)
	if d.Tokens == nil {
		d.Tokens = make([]quotewire.Token, 0, len(d.Text)/5+1)
	}
	d.Tokens = Tokenize(d.Tokens[:0], d.Text, 0, len(d.Text))
	d.Sentences = Sentences(d.Sentences[:0], d.Tokens, d.Text, d.Paragraphs, d.DatelineSpan)
	toks := d.Tokens // a local: a store through d.Tokens[ti] reloads d.Tokens
	for si, s := range d.Sentences {
		ts := toks[s.First:s.Last]
		for ti := range ts {
			ts[ti].Sentence = si
		}
	}
	return nil
}

// Paragraphs appends the paragraphs of text to dst. A blank line always
// ends a paragraph; a single line break ends one too, unless the text is
// hard-wrapped there: the line does not end a sentence and the next line
// starts in lower case. Spans are trimmed of surrounding white space;
// empty paragraphs are dropped.
func Paragraphs(dst []quotewire.Span, text string) []quotewire.Span {
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
		if wrapped(text, line, k) {
			continue
		}
		if s, e := trimSpace(text, start, k); s < e {
			dst = append(dst, quotewire.Span{Start: s, End: e})
		}
		start = k + 1
	}
	if s, e := trimSpace(text, start, len(text)); s < e {
		dst = append(dst, quotewire.Span{Start: s, End: e})
	}
	return dst
}

// wrapped reports whether the line break at nl continues the paragraph:
// the line before it (starting at line) is not blank and does not end in
// sentence punctuation, and the next line starts with a lower-case letter.
// It looks only at those two lines, so splitting stays linear.
func wrapped(text string, line, nl int) bool {
	e := nl
	for e > line && isSpaceByte(text[e-1]) {
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

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
}

func trimSpace(text string, s, e int) (int, int) {
	for s < e && isSpaceByte(text[s]) {
		s++
	}
	for e > s && isSpaceByte(text[e-1]) {
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

// abbreviations that do not end a sentence when followed by a period.
var abbreviations = map[string]bool{
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

// titleAbbrevs are the abbreviated titles and ranks written before a
// name ("Gen.", "Brig.", "Pfc.", "Sen.").
var titleAbbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "sen": true, "rep": true, "gov": true,
	"gen": true, "lt": true, "col": true, "prof": true, "st": true, "jr": true, "sr": true, "rev": true,
	"sgt": true, "capt": true, "adm": true, "maj": true, "pres": true, "atty": true,
	"brig": true, "pfc": true, "pvt": true, "cpl": true, "spc": true, "sfc": true, "cmdr": true, "cdr": true,
	"cpt": true, "ssgt": true, "msgt": true, "tsgt": true, "lcpl": true, "amb": true, "supt": true, "insp": true,
	"sec": true, "secy": true,
}

// IsTitleAbbrev reports whether lower (a lower-cased word without its
// period) is an abbreviated title or rank written before a name: "gen",
// "brig", "pfc", "sen", "mr".
func IsTitleAbbrev(lower string) bool { return titleAbbrevs[lower] }

// titleWords spell out the abbreviated titles that refer back as a noun
// ("Gen. Joseph Lengyel" … "the general").
var titleWords = map[string]string{
	"gen": "general", "adm": "admiral", "sen": "senator", "gov": "governor", "rep": "representative",
	"lt": "lieutenant", "col": "colonel", "capt": "captain", "cpt": "captain", "maj": "major",
	"sgt": "sergeant", "cmdr": "commander", "cdr": "commander", "pfc": "private", "pvt": "private",
	"cpl": "corporal", "spc": "specialist", "amb": "ambassador", "supt": "superintendent",
	"insp": "inspector", "atty": "attorney", "prof": "professor", "dr": "doctor", "pres": "president",
}

// TitleWord returns the word an abbreviated title stands for ("gen" →
// "general"), or lower itself when it is no abbreviation. lower is
// lower-case, with or without its period.
func TitleWord(lower string) string {
	if w, ok := titleWords[strings.TrimSuffix(lower, ".")]; ok {
		return w
	}
	return lower
}

// closers may follow a sentence-final mark and still belong to the sentence.
func isCloser(t, prev *quotewire.Token) bool {
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

// Sentences appends the sentences of the tokens to dst. Sentences never
// cross paragraphs; a sentence ends after '.', '!' or '?' (and any closing
// quotes or brackets) when the next token starts a new sentence: a
// capitalised word, a number, or an opening quote or bracket. A period
// after a known abbreviation or an initial ("J.") does not end one. The
// dateline span, when not empty, is a sentence of its own.
func Sentences(dst []quotewire.Sentence, toks []quotewire.Token, text string, paras []quotewire.Span, dateline quotewire.Span) []quotewire.Sentence {
	ti := 0
	for pi, p := range paras {
		for ti < len(toks) && toks[ti].Start < p.Start {
			ti++ // tokens outside any paragraph (cannot happen with trimmed spans)
		}
		// dlEnd is the end of the dateline when it ends a sentence in this
		// paragraph, else -1, which no token ends at.
		dlEnd := -1
		if !dateline.IsEmpty() && dateline.Start >= p.Start {
			dlEnd = dateline.End
		}
		first := ti
		for {
			ti = nextMark(toks, ti, p.End, dlEnd)
			if ti >= len(toks) || toks[ti].End > p.End {
				break
			}
			t := &toks[ti]
			ti++
			end := false
			if t.End == dlEnd {
				end = true
			} else if t.Kind == quotewire.Punct && isFinalMark(t.Text) {
				for ti < len(toks) && toks[ti].End <= p.End && (isCloser(&toks[ti], &toks[ti-1]) || toks[ti].Text == "." && t.Text != ".") {
					ti++
				}
				end = ti < len(toks) && toks[ti].End <= p.End && startsSentence(toks, ti, t, text)
				if end && t.Text == "." && ti-2 >= first && isAbbrev(&toks[ti-2]) && ti-2 >= 0 && toks[ti-2].End == t.Start {
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

// nextMark returns the index of the first token from toks[ti] on that may
// end a sentence (Punct, or the last of the dateline, ending at dlEnd) or
// ends after end, else len(toks). Most tokens are words: it skips them in
// a loop of its own, not inlined, so that they stay in registers.
//
//go:noinline
func nextMark(toks []quotewire.Token, ti, end, dlEnd int) int {
	for ; ti < len(toks); ti++ {
		t := &toks[ti]
		if t.End > end || t.Kind == quotewire.Punct || t.End == dlEnd {
			break
		}
	}
	return ti
}

// isFinalMark reports whether the text of a Punct token ends a sentence:
// '.', '!', '?' or '…'.
func isFinalMark(s string) bool {
	switch len(s) {
	case 1:
		return s[0] == '.' || s[0] == '!' || s[0] == '?'
	case len("…"):
		return s == "…"
	}
	return false
}

// isAbbrev reports whether t is an abbreviation or a single-letter initial.
func isAbbrev(t *quotewire.Token) bool {
	if t.Kind != quotewire.Word {
		return false
	}
	if len(t.Text) == 1 && t.Text[0] >= 'A' && t.Text[0] <= 'Z' {
		return true
	}
	return abbreviations[t.Lower] || titleAbbrevs[t.Lower]
}

// startsSentence reports whether toks[i] can start a sentence after the
// final mark end.
func startsSentence(toks []quotewire.Token, i int, end *quotewire.Token, text string) bool {
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
