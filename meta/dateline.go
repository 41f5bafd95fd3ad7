package meta

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits that keep the stage's work independent of the text's length.
const (
	// headLimit bounds the bytes looked at for the dateline, including the
	// headline lines that may come before it.
	headLimit = 2048
	// maxDateline bounds the length of a dateline prefix.
	maxDateline = 200
	// maxHeadline bounds a line skipped as a headline before the dateline.
	maxHeadline = 300
	// maxSkipped is how many headline lines may come before the dateline.
	maxSkipped = 2
	// contextLimit bounds the story text searched for the dateline's year.
	contextLimit = 2048
	// tailLimit bounds the end of the text searched for an agency credit.
	tailLimit = 512
)

// dateline is what findDateline found: offsets are into the text it was
// given.
type dateline struct {
	place      string // "KRASNODAR", "SAN JUAN, Puerto Rico"; "" when none
	agency     string // canonical agency name, "" when none
	start, end int    // the dateline prefix, separator included
	story      int    // first byte of the story after the dateline
	date       dateRef
	hasDate    bool
}

// findDateline looks for a dateline at the start of text: first at its
// first non-space byte and then, when that line is short enough to be a
// headline, at the start of each of the next maxSkipped lines. It looks at
// no more than headLimit bytes.
func findDateline(text string) (dateline, bool) {
	head := prefix(text, headLimit)
	i := skipSpace(head, 0)
	for n := 0; n <= maxSkipped && i < len(head); n++ {
		if dl, ok := parseDateline(head, i); ok {
			return dl, true
		}
		nl := strings.IndexByte(head[i:min(len(head), i+maxHeadline)], '\n')
		if nl < 0 {
			break
		}
		i = skipSpace(head, i+nl+1)
	}
	return dateline{}, false
}

// prefix returns text cut to at most n bytes, on a rune start.
func prefix(text string, n int) string {
	if len(text) <= n {
		return text
	}
	for n > 0 && !utf8.RuneStart(text[n]) {
		n--
	}
	return text[:n]
}

// parseDateline parses a dateline starting at s[i]. The forms are
//
//	PLACE[, Qualifier][, DATE][ AGENCY] SEP   WASHINGTON (Reuters) - ...
//	DATE AGENCY SEP                           Aug 27 (Reuters) - ...
//	(AGENCY) SEP                              (CNN) - ..., (CNN)Donald ...
//	[Weekday, ]FULL DATE <end of line>        Friday, January 4, 2019
//
// where SEP is a dash, a colon or a period (see scanSep) and the story
// must follow it. A place in capitals needs a date, an agency or a dash
// after it; a place in title case ("Cleveland (AFP) –") needs an agency.
func parseDateline(s string, i int) (dateline, bool) {
	if dl, ok := parseDateLine(s, i); ok {
		return dl, true
	}
	// with a place: try the longest run of place words first
	var ends [maxPlaceWords]int
	n, upper := placeWords(s, i, &ends)
	for k := n; k >= 1; k-- {
		up := upper[k-1]
		if dl, ok := parseAfterPlace(s, i, ends[k-1], up, k); ok {
			return dl, true
		}
	}
	// without a place
	dl := dateline{start: i}
	j := i
	if dt, ok := scanDate(s, i); ok {
		dl.date, dl.hasDate, j = dt, true, dt.end
	}
	j, ok := scanAgency(s, j, &dl, dl.hasDate)
	if !ok {
		return dateline{}, false
	}
	return finish(s, j, dl, true, false)
}

// parseDateLine parses a line holding only a full date, such as the
// "Friday, January 4, 2019" that opens Wikinews articles.
func parseDateLine(s string, i int) (dateline, bool) {
	dt, ok := scanDate(s, i)
	if !ok || dt.year == 0 {
		return dateline{}, false
	}
	j := skipH(s, dt.end)
	if j < len(s) && s[j] != '\n' && s[j] != '\r' {
		return dateline{}, false
	}
	story := skipSpace(s, j)
	if story >= len(s) {
		return dateline{}, false
	}
	return dateline{start: i, end: dt.end, story: story, date: dt, hasDate: true}, true
}

const maxPlaceWords = 4

// placeWords reads up to maxPlaceWords words that may make up a place,
// separated by single spaces, starting at s[i]. ends[k-1] is the end of the
// first k words and upper[k-1] whether all of them are in capitals. A run
// in title case may hold lower-case particles ("Rio de Janeiro") but not
// end in one. Words that start a date or name an agency end the run.
func placeWords(s string, i int, ends *[maxPlaceWords]int) (n int, upper [maxPlaceWords]bool) {
	j := i
	allUpper := true
	for n < maxPlaceWords {
		e := scanWord(s, j)
		if e == j || e-i > 60 {
			break
		}
		w := s[j:e]
		if _, ok := scanDate(s, j); ok || isFullWeekday(w) || bareAgency(w) != "" {
			break
		}
		particle := false
		switch {
		case isUpperWord(w):
		case isTitleWord(w):
			allUpper = false
		case n > 0 && particles[w]:
			allUpper, particle = false, true
		default:
			return n, upper
		}
		// "ST. LOUIS", "Ft. Worth": a short word with a period inside a place
		if at(s, e) == '.' && at(s, e+1) == ' ' && letterCount(w) <= 3 && !particle {
			if r, _ := utf8.DecodeRuneInString(s[min(e+2, len(s)):]); unicode.IsUpper(r) && !startsDate(s, e+2) {
				e++
			}
		}
		if !particle {
			ends[n], upper[n] = e, allUpper
			n++
		}
		if at(s, e) != ' ' || !isLetterAt(s, e+1) {
			break
		}
		j = e + 1
	}
	return n, upper
}

// startsDate reports whether a written date starts at s[i].
func startsDate(s string, i int) bool {
	_, ok := scanDate(s, i)
	return ok
}

// particles may appear inside a place name written in title case.
var particles = map[string]bool{
	"de": true, "del": true, "da": true, "do": true, "dos": true, "das": true, "di": true,
	"du": true, "des": true, "la": true, "le": true, "el": true, "al": true, "of": true,
	"and": true, "on": true, "upon": true, "am": true, "im": true,
}

// parseAfterPlace parses the rest of a dateline whose place words run
// from s[i] to s[e]: an optional qualifier, date and agency and the
// separator.
func parseAfterPlace(s string, i, e int, upper bool, words int) (dateline, bool) {
	dl := dateline{start: i}
	placeEnd := e
	j := e
	// qualifier: ", Puerto Rico", ", N.Y.", ", Mich."
	if at(s, j) == ',' {
		if k := skipH(s, j+1); k > j+1 {
			if _, isDate := scanDate(s, k); !isDate {
				if qe, ok := scanQualifier(s, k); ok {
					placeEnd, j = qe, qe
				}
			}
		}
	}
	// date: ", October 4", ". Oct 4"
	if c := at(s, j); c == ',' || c == '.' {
		if k := skipH(s, j+1); k > j+1 {
			if dt, ok := scanDate(s, k); ok {
				dl.date, dl.hasDate, j = dt, true, dt.end
			}
		}
	}
	j, ok := scanAgency(s, j, &dl, true)
	if !ok {
		return dateline{}, false
	}
	dl.place = s[i:placeEnd]
	if !upper && dl.agency == "" {
		return dateline{}, false // "The New York Post reports ..."
	}
	if upper && dl.agency == "" && !dl.hasDate {
		// only a dash can follow a bare place, and not a kicker or a short
		// acronym: "BREAKING —", "UPDATE —", "CNN —"
		if words == 1 && letterCount(dl.place) < 4 || kickers[firstWord(dl.place)] {
			return dateline{}, false
		}
	}
	return finish(s, j, dl, upper, dl.agency == "" && !dl.hasDate)
}

// kickers are capitalised words that open texts followed by a dash
// without being places.
var kickers = map[string]bool{
	"BREAKING": true, "EXCLUSIVE": true, "UPDATE": true, "UPDATED": true, "UPDATES": true,
	"WATCH": true, "VIDEO": true, "VIDEOS": true, "PHOTO": true, "PHOTOS": true,
	"AUDIO": true, "LISTEN": true, "OPINION": true, "ANALYSIS": true, "EDITORIAL": true,
	"COMMENTARY": true, "COMMENT": true, "EDITOR'S": true, "EDITOR’S": true, "EDITORS": true,
	"NOTE": true, "CORRECTION": true, "CLARIFICATION": true, "ADVISORY": true,
	"FLASH": true, "URGENT": true, "ALERT": true, "LIVE": true, "REVIEW": true,
	"PROFILE": true, "INTERVIEW": true, "NEWS": true, "LETTERS": true, "LETTER": true,
	"ABSTRACT": true, "TOP": true, "SPOILER": true, "SPOILERS": true, "WARNING": true,
	"READ": true, "MORE": true, "RELATED": true, "SPONSORED": true, "ADVERTISEMENT": true,
	"PRESS": true, "FACT": true, "FACTBOX": true, "RECAP": true, "EXCERPT": true,
	"TRANSCRIPT": true, "DEVELOPING": true, "JUST": true, "ICYMI": true, "REPORT": true,
	"POLL": true, "EXPLAINER": true, "FEATURE": true, "PREVIEW": true, "GRAPHIC": true,
	"DISCLAIMER": true, "SUMMARY": true, "HIGHLIGHTS": true, "THIS": true, "THAT": true,
	"WHAT": true, "WHY": true, "HOW": true, "WHEN": true, "WHERE": true, "WHO": true,
	"YES": true, "WOW": true, "OMG": true, "PLUS": true, "ALSO": true, "FIRST": true,
	"LAST": true, "NEXT": true, "SOURCE": true, "SOURCES": true, "OFFICIAL": true,
	"STATEMENT": true, "QUOTE": true, "BONUS": true, "NOTICE": true, "MEMO": true,
}

// firstWord returns the first word of a place, in capitals.
func firstWord(place string) string {
	if k := strings.IndexAny(place, " ,"); k >= 0 {
		place = place[:k]
	}
	return strings.ToUpper(place)
}

// scanQualifier reads the state, region or country that may follow a
// dateline's city: up to three capitalised words, lower-case particles
// between them, and a period after an abbreviation ("Puerto Rico", "N.Y.",
// "Calif.", "Bosnia and Herzegovina").
func scanQualifier(s string, i int) (int, bool) {
	j, end := i, -1
	for n := 0; n < 5; n++ {
		e := scanWord(s, j)
		if e == j || e-i > 40 {
			break
		}
		w := s[j:e]
		if isTitleWord(w) || isUpperWord(w) {
			if _, ok := scanDate(s, j); ok || isFullWeekday(w) || bareAgency(w) != "" {
				break
			}
			if at(s, e) == '.' && (strings.ContainsRune(w, '.') || letterCount(w) <= 5) {
				e++
			}
			end = e
		} else if !(end >= 0 && particles[w]) {
			break
		}
		if at(s, e) != ' ' || !isLetterAt(s, e+1) {
			break
		}
		j = e + 1
	}
	return end, end > i
}

// scanAgency reads an optional agency at s[i]: "(Reuters)", "/TASS/", or,
// when bare is true, a bare name ("AFP", "RIA Novosti"). It may be preceded
// by white space and, for the TASS and Interfax styles, by ". " or ", ".
// It returns i unchanged when there is none; ok is false only for a
// bracketed text that is not an agency, which ends the dateline attempt.
func scanAgency(s string, i int, dl *dateline, bare bool) (int, bool) {
	j := i
	if c := at(s, j); (c == '.' || c == ',') && j > dl.start {
		j++
	}
	k := skipH(s, j)
	if j > i && k == j {
		return i, true // "WASHINGTON,(" or ".x": no agency
	}
	switch c := at(s, k); c {
	case '(', '/':
		closing := byte(')')
		if c == '/' {
			closing = '/'
		}
		lim := s[k+1 : min(len(s), k+1+48)]
		e := strings.IndexByte(lim, closing)
		if e < 0 || strings.ContainsAny(lim[:e], "\n()") {
			return i, c != '('
		}
		a := Agency(lim[:e])
		if a == "" {
			return i, c != '('
		}
		dl.agency = a
		return k + 1 + e + 1, true
	}
	if !bare || k == i {
		return i, true
	}
	// bare agency: one to three words
	best, e := "", k
	for n, j := 0, k; n < 3; n++ {
		we := scanWord(s, j)
		if we == j {
			break
		}
		if a := bareAgency(s[k:we]); a != "" {
			best, e = a, we
		}
		if at(s, we) != ' ' {
			break
		}
		j = we + 1
	}
	if best == "" {
		return i, true
	}
	dl.agency = best
	return e, true
}

// finish reads the separator at s[j] and the story after it, and
// completes dl. upper reports a place in capitals (or no place); dashOnly
// that nothing but a dash may end the dateline.
func finish(s string, j int, dl dateline, upper, dashOnly bool) (dateline, bool) {
	if dl.place == "" && dl.agency == "" {
		return dateline{}, false
	}
	end, kind := scanSep(s, j, dl.agency != "")
	switch kind {
	case sepNone:
		if dl.agency == "" {
			return dateline{}, false
		}
		end = j
	case sepColon:
		if dashOnly {
			return dateline{}, false
		}
	case sepPeriod:
		if dashOnly || dl.agency == "" && !(upper && dl.hasDate) {
			return dateline{}, false
		}
	}
	if end-dl.start > maxDateline {
		return dateline{}, false
	}
	story := skipSpace(s, end)
	if story >= len(s) {
		return dateline{}, false
	}
	r, _ := utf8.DecodeRuneInString(s[story:])
	if story == end && kind != sepDash && kind != sepNone {
		return dateline{}, false // "/TASS/.com", "WASHINGTON:x"
	}
	if (kind == sepNone || story == end) && (unicode.IsLower(r) || isDashRune(r)) {
		return dateline{}, false
	}
	dl.end, dl.story = end, story
	return dl, true
}

const (
	sepNone = iota
	sepDash
	sepColon
	sepPeriod
)

// scanSep reads the separator between a dateline and its story at s[i],
// after optional horizontal white space: a dash (—, –, ―, ‒, −, or one to
// three hyphens with white space on at least one side unless it follows an
// agency, so "SIEGEL--Jerome" is no dateline), a colon or a period
// directly after the dateline, or EFE's ".-". It returns the offset after
// the separator and its kind.
func scanSep(s string, i int, afterAgency bool) (int, int) {
	j := skipH(s, i)
	r, n := utf8.DecodeRuneInString(s[min(j, len(s)):])
	switch {
	case r == '-':
		k := j
		for k < len(s) && k-j < 3 && s[k] == '-' {
			k++
		}
		if at(s, k) == '-' {
			return i, sepNone
		}
		spaced := j > i || isHSpaceAt(s, k) || at(s, k) == '\n' || at(s, k) == '\r'
		if !spaced && !afterAgency {
			return i, sepNone
		}
		return k, sepDash
	case isDashRune(r):
		return j + n, sepDash
	case r == ':' && j == i:
		return j + 1, sepColon
	case r == '.' && j == i:
		// EFE's ".-" is a dash
		if r2, n2 := utf8.DecodeRuneInString(s[j+1:]); r2 == '-' || isDashRune(r2) {
			return j + 1 + n2, sepDash
		}
		return j + 1, sepPeriod
	}
	return i, sepNone
}

// isDashRune reports whether r is a dash other than the hyphen-minus.
func isDashRune(r rune) bool {
	switch r {
	case '—', '–', '―', '‒', '−':
		return true
	}
	return false
}

// scanWord returns the end of the word starting at s[i]: letters, with
// inner periods, hyphens and apostrophes each followed by a letter
// ("N.Y", "PORT-AU-PRINCE", "D'ALENE"). It returns i when no letter
// starts there.
func scanWord(s string, i int) int {
	if !isLetterAt(s, i) {
		return i
	}
	_, n := utf8.DecodeRuneInString(s[i:])
	j := i + n
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if unicode.IsLetter(r) {
			j += n
			continue
		}
		if (r == '.' || r == '-' || r == '\'' || r == '’') && isLetterAt(s, j+n) {
			j += n
			continue
		}
		break
	}
	return j
}

// isLetterAt reports whether a letter starts at s[i].
func isLetterAt(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return false
	}
	if c := s[i]; c < utf8.RuneSelf {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// isUpperWord reports whether w has an upper-case letter and no
// lower-case one.
func isUpperWord(w string) bool {
	up := false
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		up = up || unicode.IsUpper(r)
	}
	return up
}

// isTitleWord reports whether w starts with an upper-case letter and has
// at least two letters or is an abbreviation ("N.Y").
func isTitleWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return (unicode.IsUpper(r) || unicode.IsTitle(r)) && (letterCount(w) >= 2 || strings.ContainsRune(w, '.'))
}

// letterCount returns the number of letters in w.
func letterCount(w string) int {
	n := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// isHSpace reports whether r is white space within a line.
func isHSpace(r rune) bool {
	return r != '\n' && r != '\r' && unicode.IsSpace(r)
}

// isHSpaceAt reports whether horizontal white space starts at s[i].
func isHSpaceAt(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isHSpace(r)
}

// skipH returns the offset after the horizontal white space at s[i].
func skipH(s string, i int) int {
	for i < len(s) {
		if c := s[i]; c == ' ' || c == '\t' {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r < utf8.RuneSelf || !isHSpace(r) {
			break
		}
		i += n
	}
	return i
}

// skipSpace returns the offset after the white space (line breaks and
// byte order marks included) at s[i].
func skipSpace(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) && r != '\ufeff' {
			break
		}
		i += n
	}
	return i
}
