package phrase

import (
	"math/rand"
	"sort"
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
)

// oldSplit is split as it was before words carried their classes: the
// reference the new split must agree with.
func oldSplit(text string, sp quotewire.Span) []word {
	var ws []word
	phrase := text[sp.Start:sp.End]
	low, ascii := "", true
	for i := 0; i < len(phrase); i++ {
		if phrase[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		low = strings.ToLower(phrase)
	}
	i := sp.Start
	for i < sp.End {
		for i < sp.End && isSpace(text[i]) {
			i++
		}
		j := i
		for j < sp.End && !isSpace(text[j]) {
			j++
		}
		if j > i {
			w := word{s: i, e: j, w: text[i:j]}
			if ascii {
				w.lower = strings.TrimRight(low[i-sp.Start:j-sp.Start], ".,;:")
			} else {
				w.lower = strings.ToLower(strings.TrimRight(w.w, ".,;:"))
			}
			ws = append(ws, w)
		}
		i = j
	}
	return ws
}

// refClasses looks l up in every set, one by one.
func refClasses(l string) uint32 {
	var c uint32
	for _, s := range []struct {
		set   map[string]bool
		class uint32
	}{{sentenceWords, cSentence}, {lyNouns, cLyNoun}, {shoutedVerbs, cShoutedVerb}, {pronouns, cPronoun},
		{invalidAlone, cInvalidAlone}, {timeWords, cTime}, {partitives, cPartitive},
		{possessivePronouns, cPossessive}, {relatives, cRelative}, {prepositions, cPreposition},
		{personal, cPersonal}, {secondPerson, cSecondPerson}, {indefinites, cIndefinite}, {titles, cTitle},
		{orgHeads, cOrgHead}, {postAdjectives, cPostAdjective}, {particles, cParticle},
		{commonHeads, cCommonHead}, {roleWords, cRoleWord}, {demonyms, cDemonym}, {determiners, cDeterminer},
		{irregularPast, cIrregularPast}, {participles, cParticiple}, {timeNouns, cTimeNoun},
		{subordinators, cSubordinator}, {numberWords, cNumberWord}, {quantityHeads, cQuantityHead},
		{floatingWords, cFloating}, {titleModifiers, cTitleModifier}} {
		if s.set[l] {
			c |= s.class
		}
	}
	return c
}

// genWords are the pieces generated phrases are made of: words of every
// set, names, punctuation, brackets and letters outside ASCII.
func genWords() []string {
	ws := []string{"Piotr", "Jedlinski", "Hernández", "İstanbul", "ÅngströmIan", "O'Brien", "al-Assad",
		"Znak.com", "(NOAA", "Service)", "Service),", "[6]", "—", "“The", "QC", "Jr.", "III", "U.S.", "3",
		"39", "Gen.", "GEN.", "St.", "Lt.", "retired", "Who", "WHO", "AGREES", "said", "updated", "named",
		"reportedly", "family", "Ala.,", "Huntsville,", "who,", "which", "a", "A", "the", "The", "of", "Ministry",
		"Defence", "spokesman's", "minister’s", "officials'", "Specialist,", "Chief", "Librarian,", "on", "Friday",
		"last", "week", "today", "I", "one", "One", "two", "people", "familiar", "with", "Part", "some", "Some",
		"Communities", "Insurgents", "X", "averyveryveryveryverylongwordthatdoesnotfitabufferofthirtytwo"}
	for _, m := range []map[string]bool{sentenceWords, titles, roleWords, orgHeads, demonyms, pronouns,
		prepositions, relatives, indefinites, timeWords, particles, commonHeads, irregularPast, participles,
		numberWords, quantityHeads, postAdjectives, floatingWords, titleModifiers, shoutedVerbs, lyNouns} {
		for w := range m {
			ws = append(ws, w)
		}
	}
	sort.Strings(ws) // the same phrases from a seed, whatever the maps' order
	return ws
}

func variant(r *rand.Rand, w string) string {
	switch r.Intn(6) {
	case 0:
		w = strings.ToUpper(w)
	case 1:
		if w != "" {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	switch r.Intn(8) {
	case 0:
		w += ","
	case 1:
		w += "."
	case 2:
		w += ".,"
	case 3:
		w += ":"
	}
	return w
}

func genPhrase(r *rand.Rand, ws []string) string {
	n := 1 + r.Intn(8)
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString([]string{" ", " ", " ", "  ", "\n", "\t"}[r.Intn(6)])
		}
		b.WriteString(variant(r, ws[r.Intn(len(ws))]))
	}
	return b.String()
}

// TestSplitAgrees checks that split finds the words, lower-case forms of
// the old split and that each word's classes are those of its sets.
func TestSplitAgrees(t *testing.T) {
	r := rand.New(rand.NewSource(16))
	vocab := genWords()
	for n := 0; n < 30000; n++ {
		text := genPhrase(r, vocab)
		sp := quotewire.Span{Start: 0, End: len(text)}
		if n%3 == 0 && len(text) > 2 {
			sp.Start = 1
		}
		got, want := split(text, sp, nil), oldSplit(text, sp)
		if len(got) != len(want) {
			t.Fatalf("split(%q) = %d words, want %d", text, len(got), len(want))
		}
		for i := range got {
			g, w := got[i], want[i]
			if g.s != w.s || g.e != w.e || g.w != w.w || g.lower != w.lower {
				t.Fatalf("split(%q) word %d = %+v, want %+v", text, i, g, w)
			}
			if g.c != refClasses(g.lower) || g.dotless() != refClasses(strings.TrimSuffix(g.lower, ".")) {
				t.Fatalf("split(%q) word %q: classes %b, want %b", text, g.lower, g.c, refClasses(g.lower))
			}
			checkWordRules(t, g)
		}
	}
}

// checkWordRules checks the rules that read a word's classes against the
// look-ups they replace.
func checkWordRules(t *testing.T, w word) {
	t.Helper()
	l := strings.TrimSuffix(w.lower, ".")
	if got, want := notName(w), roleWord(l) || isDemonym(l) || timeWords[l] || sentenceWords[l]; got != want {
		t.Fatalf("notName(%q) = %v, want %v", w.w, got, want)
	}
	if got, want := loneNotName(w), !orgHeads[l] && (titles[l] || isDemonym(l) || timeWords[l] || sentenceWords[l]); got != want {
		t.Fatalf("loneNotName(%q) = %v, want %v", w.w, got, want)
	}
	if got, want := roleWordIn(l, w.dotless()), roleWord(l); got != want {
		t.Fatalf("roleWordIn(%q) = %v, want %v", l, got, want)
	}
	if got, want := pastWord(&w), pastVerb(w.lower); got != want {
		t.Fatalf("pastWord(%q) = %v, want %v", w.lower, got, want)
	}
	if got, want := isNumberWord(w.lower, w.c), isNumber(w.lower); got != want {
		t.Fatalf("isNumberWord(%q) = %v, want %v", w.lower, got, want)
	}
	if got, want := indexClause(w.w), strings.IndexAny(w.w, ",;("); got != want {
		t.Fatalf("indexClause(%q) = %d, want %d", w.w, got, want)
	}
	if got, want := hasAppositiveStop(w.w), strings.ContainsAny(w.w, ",;()"); got != want {
		t.Fatalf("hasAppositiveStop(%q) = %v, want %v", w.w, got, want)
	}
	for _, p := range []string{w.lower, strings.TrimSuffix(w.lower, ","), strings.TrimSuffix(strings.TrimSuffix(w.lower, ","), ".")} {
		if w.classesIf(p) != refClasses(p) {
			t.Fatalf("classesIf(%q) of %q differs", p, w.lower)
		}
	}
}

// TestIsNumberWordRunes covers the digits outside ASCII.
func TestIsNumberWordRunes(t *testing.T) {
	for _, s := range []string{"", "٣", "३ people", "x", "12", "one", "é"} {
		if isNumberWord(s, classesOf(s)) != isNumber(s) {
			t.Errorf("isNumberWord(%q) != isNumber", s)
		}
	}
}
