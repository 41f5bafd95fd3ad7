package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// nameClasses are the CoreNLP tags the lists keep, in the order that breaks
// ties between them.
var nameClasses = []string{"PERSON", "LOCATION", "ORGANIZATION", "MISC"}

func isNameClass(tag string) bool { return slices.Contains(nameClasses, tag) }

// titles are words that can open a PERSON span without being a first name
// ("Sen. Ted Cruz", "President Obama"). Lower-case, without a final period.
var titles = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "mx": true, "dr": true, "prof": true,
	"professor": true, "sen": true, "senator": true, "rep": true, "representative": true,
	"gov": true, "governor": true, "president": true, "vice": true, "secretary": true,
	"minister": true, "prime": true, "premier": true, "chancellor": true, "mayor": true,
	"judge": true, "justice": true, "speaker": true, "chairman": true, "chairwoman": true,
	"congressman": true, "congresswoman": true, "gen": true, "general": true, "lt": true,
	"lieutenant": true, "col": true, "colonel": true, "maj": true, "major": true,
	"capt": true, "captain": true, "sgt": true, "sergeant": true, "adm": true,
	"admiral": true, "cmdr": true, "commander": true, "rev": true, "reverend": true,
	"father": true, "pope": true, "rabbi": true, "imam": true, "sheikh": true, "ayatollah": true,
	"bishop": true, "cardinal": true, "sir": true, "lord": true, "lady": true, "dame": true,
	"king": true, "queen": true, "prince": true, "princess": true, "emir": true, "sultan": true,
	"ambassador": true, "attorney": true, "chief": true, "officer": true, "agent": true,
	"detective": true, "sheriff": true, "deputy": true, "former": true, "candidate": true,
	"nominee": true, "presidents": true, "senators": true, "sens": true, "reps": true,
	"st": true, "saint": true, "uncle": true, "aunt": true, "coach": true, "director": true,
	"leader": true, "founder": true, "ceo": true, "host": true, "anchor": true,
}

// token is one CoreNLP token: [start, end, word, lemma, POS, NER].
type token struct {
	Start, End int
	Word       string
	Lemma      string
	POS        string
	NER        string
}

// UnmarshalJSON decodes the six-element array form of a token.
func (t *token) UnmarshalJSON(b []byte) error {
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	if len(raw) != 6 {
		return fmt.Errorf("token has %d fields, want 6", len(raw))
	}
	if err := json.Unmarshal(raw[0], &t.Start); err != nil {
		return fmt.Errorf("token start: %w", err)
	}
	if err := json.Unmarshal(raw[1], &t.End); err != nil {
		return fmt.Errorf("token end: %w", err)
	}
	for i, p := range []*string{&t.Word, &t.Lemma, &t.POS, &t.NER} {
		if err := json.Unmarshal(raw[2+i], p); err != nil {
			return fmt.Errorf("token field %d: %w", 2+i, err)
		}
	}
	return nil
}

// stats summarises what build read.
type stats struct {
	Articles    int // annotated articles read
	MissingText int // annotated articles whose id has no text (skipped)
	Sentences   int
	Headlines   int // sentences left out of the case counts (all caps or title case)
	Tokens      int
	BadOffsets  int // tokens whose offsets do not fit the text (skipped)
}

// file is one generated word list.
type file struct {
	Name    string
	Data    []byte
	Entries int
}

// build reads article texts (JSON lines with "id" and "text") and their
// CoreNLP annotations (JSON lines with "id" and "sentences") and returns
// the four word lists, in a fixed order. The result does not depend on the
// order of the articles.
func build(texts, annotations io.Reader) ([]file, stats, error) {
	byID, err := readTexts(texts)
	if err != nil {
		return nil, stats{}, err
	}
	l := newLearner()
	dec := json.NewDecoder(bufio.NewReaderSize(annotations, 1<<20))
	for n := 1; ; n++ {
		var a struct {
			ID        string    `json:"id"`
			Sentences [][]token `json:"sentences"`
		}
		if err := dec.Decode(&a); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, l.stats, fmt.Errorf("annotations record %d: %w", n, err)
		}
		l.stats.Articles++
		text, ok := byID[a.ID]
		if !ok {
			l.stats.MissingText++
			continue
		}
		l.add(text, a.Sentences)
	}
	return l.files(), l.stats, nil
}

// readTexts maps article id to text.
func readTexts(r io.Reader) (map[string]string, error) {
	byID := make(map[string]string)
	dec := json.NewDecoder(bufio.NewReaderSize(r, 1<<20))
	for n := 1; ; n++ {
		var a struct {
			ID   string `json:"id"`
			Text string `json:"text"`
		}
		if err := dec.Decode(&a); errors.Is(err, io.EOF) {
			return byID, nil
		} else if err != nil {
			return nil, fmt.Errorf("texts record %d: %w", n, err)
		}
		byID[a.ID] = a.Text
	}
}

// learner accumulates the counts behind the lists.
type learner struct {
	lowerCount map[string]int            // lower-cased form → lower-case occurrences, not sentence-initial
	upperCount map[string]int            // lower-cased form → capitalised occurrences, not sentence-initial
	tags       map[string]map[string]int // capitalised surface → NER tag → occurrences
	first      map[string]int            // first tokens of multi-token PERSON spans, after titles
	last       map[string]int            // last tokens of multi-token PERSON spans
	spans      map[string]map[string]int // multi-token span text → class → occurrences
	stats      stats
}

func newLearner() *learner {
	return &learner{
		lowerCount: make(map[string]int),
		upperCount: make(map[string]int),
		tags:       make(map[string]map[string]int),
		first:      make(map[string]int),
		last:       make(map[string]int),
		spans:      make(map[string]map[string]int),
	}
}

// add counts one article.
func (l *learner) add(text string, sentences [][]token) {
	for _, sent := range sentences {
		toks := make([]token, 0, len(sent))
		for _, t := range sent {
			l.stats.Tokens++
			if t.Start < 0 || t.Start > t.End || t.End > len(text) {
				l.stats.BadOffsets++
				continue
			}
			toks = append(toks, t)
		}
		if len(toks) == 0 {
			continue
		}
		l.stats.Sentences++
		surf := make([]string, len(toks))
		for i, t := range toks {
			surf[i] = text[t.Start:t.End]
		}
		headline := isHeadline(surf)
		if headline {
			l.stats.Headlines++
		}
		seenWord := false
		for i, t := range toks {
			s := surf[i]
			if strings.ContainsFunc(s, unicode.IsSpace) {
				continue
			}
			r, _ := utf8.DecodeRuneInString(s)
			if unicode.IsUpper(r) {
				m := l.tags[s]
				if m == nil {
					m = make(map[string]int)
					l.tags[s] = m
				}
				m[t.NER]++
			}
			initial := !seenWord || startsAfter(text, toks, surf, i)
			if strings.ContainsFunc(s, isAlnum) {
				seenWord = true
			}
			if initial || headline || !unicode.IsLetter(r) {
				continue
			}
			switch {
			case unicode.IsUpper(r) || unicode.IsTitle(r):
				l.upperCount[strings.ToLower(s)]++
			case unicode.IsLower(r):
				l.lowerCount[strings.ToLower(s)]++
			}
		}
		l.addSpans(text, toks, surf)
	}
}

// addSpans counts the maximal runs of one name class in a sentence.
func (l *learner) addSpans(text string, toks []token, surf []string) {
	for a := 0; a < len(toks); {
		class := toks[a].NER
		b := a
		for b+1 < len(toks) && toks[b+1].NER == class {
			b++
		}
		if isNameClass(class) && b > a {
			phrase := collapseSpace(text[toks[a].Start:toks[b].End])
			m := l.spans[phrase]
			if m == nil {
				m = make(map[string]int)
				l.spans[phrase] = m
			}
			m[class]++
			if class == "PERSON" {
				f := a
				for f < b && titles[strings.ToLower(strings.TrimSuffix(surf[f], "."))] {
					f++
				}
				if f < b && isFirstNameForm(surf[f]) {
					l.first[surf[f]]++
				}
				l.last[surf[b]]++
			}
		}
		a = b + 1
	}
}

// isFirstNameForm reports whether s looks like a given name: capitalised,
// at least two letters, letters and hyphens or apostrophes only.
func isFirstNameForm(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) || titles[strings.ToLower(strings.TrimSuffix(s, "."))] {
		return false
	}
	letters := 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letters++
		case r == '-' || r == '\'' || r == '’':
		default:
			return false
		}
	}
	return letters >= 2
}

// startsAfter reports whether token i follows something after which a
// capital says nothing: a line break, an opening quotation mark glued to
// it, or an opening bracket, colon or dash.
func startsAfter(text string, toks []token, surf []string, i int) bool {
	if i == 0 {
		return true
	}
	if strings.ContainsAny(text[toks[i-1].End:toks[i].Start], "\n\r") {
		return true
	}
	switch surf[i-1] {
	case "“", "‘", "«", "\"", "'", "`", "``":
		return toks[i-1].End == toks[i].Start
	case "(", "[", "{", ":", "—", "–", "-", "--", "…", "...", "•", "*":
		return true
	}
	return false
}

// isHeadline reports whether a sentence is written like a headline, where
// capitals say nothing about a word: no lower-case letter at all (with at
// least two words), or title case (at least three words of four or more
// letters after the first word, and at most a fifth of them lower-case).
func isHeadline(surf []string) bool {
	words, lower := 0, false
	long, longLower := 0, 0
	for i, s := range surf {
		if !strings.ContainsFunc(s, unicode.IsLetter) {
			continue
		}
		words++
		if strings.ContainsFunc(s, unicode.IsLower) {
			lower = true
		}
		if i > 0 && utf8.RuneCountInString(s) >= 4 {
			long++
			if r, _ := utf8.DecodeRuneInString(s); !unicode.IsUpper(r) {
				longLower++
			}
		}
	}
	if words >= 2 && !lower {
		return true
	}
	return long >= 3 && longLower*5 <= long
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// collapseSpace replaces each run of white space in s with one space.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// best returns the most frequent key of m and its count. Ties go to a
// non-name tag over a name class, then by the order of nameClasses, then
// to the smaller string.
func best(m map[string]int) (string, int) {
	rank := func(tag string) int {
		if i := slices.Index(nameClasses, tag); i >= 0 {
			return 1 + i
		}
		return 0
	}
	var bk string
	bn := -1
	for k, n := range m {
		if n > bn || n == bn && (rank(k) < rank(bk) || rank(k) == rank(bk) && k < bk) {
			bk, bn = k, n
		}
	}
	return bk, bn
}

// files renders the counts as the four lists.
func (l *learner) files() []file {
	var common []string
	for w, lo := range l.lowerCount {
		if up := l.upperCount[w]; lo >= up && lo+up >= 2 {
			common = append(common, w)
		}
	}
	slices.Sort(common)

	var ner [][3]string
	class := make(map[string]string)
	for w, m := range l.tags {
		names := 0
		for _, c := range nameClasses {
			names += m[c]
		}
		if names < 2 {
			continue
		}
		if c, n := best(m); isNameClass(c) && n >= 2 {
			ner = append(ner, [3]string{w, c, strconv.Itoa(n)})
			class[w] = c
		}
	}
	slices.SortFunc(ner, func(a, b [3]string) int { return strings.Compare(a[0], b[0]) })

	// A first name opens PERSON spans more often than it closes them (which
	// drops surnames such as "Clinton" in "Clinton Foundation") and is
	// itself mostly tagged PERSON (which drops "Fort", "Fox", "America").
	var first [][2]string
	for w, n := range l.first {
		if n >= 2 && n > l.last[w] && class[w] == "PERSON" {
			first = append(first, [2]string{w, strconv.Itoa(n)})
		}
	}
	slices.SortFunc(first, func(a, b [2]string) int { return strings.Compare(a[0], b[0]) })

	var multi [][3]string
	for p, m := range l.spans {
		if c, n := best(m); n >= 2 {
			multi = append(multi, [3]string{p, c, strconv.Itoa(n)})
		}
	}
	slices.SortFunc(multi, func(a, b [3]string) int { return strings.Compare(a[0], b[0]) })

	return []file{
		render("common.txt", "lower-case words that running text mostly writes in lower case, one a line", common),
		render("ner.txt", "capitalised word<TAB>majority CoreNLP class<TAB>occurrences of that class", ner),
		render("firstnames.txt", "first name<TAB>occurrences opening a PERSON span of two or more tokens", first),
		render("multi.txt", "multi-token name<TAB>majority CoreNLP class<TAB>occurrences of that class", multi),
	}
}

// render writes one list with a header saying what it holds.
func render[E string | [2]string | [3]string](name, what string, rows []E) file {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s: %s.\n", name, what)
	b.WriteString("# Learned from PolNeAR train by tag/lexicon/gen; do not edit, regenerate.\n")
	for _, r := range rows {
		switch r := any(r).(type) {
		case string:
			b.WriteString(r)
		case [2]string:
			b.WriteString(strings.Join(r[:], "\t"))
		case [3]string:
			b.WriteString(strings.Join(r[:], "\t"))
		}
		b.WriteByte('\n')
	}
	return file{Name: name, Data: b.Bytes(), Entries: len(rows)}
}
