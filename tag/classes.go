package tag

import (
	"strings"
	"sync"

	"github.com/quotewire/quotewire/tag/lexicon"
)

// Word classes: the tagger's own word lists (words.go), as flags above
// lexicon's in one table (wordTable), so that a token's membership of
// every list costs one or two map look-ups, made once per token (see
// tagger.flags) however often the rules ask.
const (
	wTitle       = lexicon.FirstUserFlag << iota // titles, on the lower-case form
	wPluralTitle                                 // pluralTitles, lower-case
	wOrg                                         // orgWords, lower-case
	wPlace                                       // placeWords, lower-case
	wNationality                                 // nationalities, lower-case
	wStarter                                     // sentenceStarters, lower-case
	wCalendar                                    // calendarWords, lower-case
	wParticle                                    // nameParticles, lower-case
	wKnownPlace                                  // knownPlaces, on the form as written
	// wTitleTok marks a token that isTitleTok accepts: a title with or
	// without its dot, or a plural title. tagger.flags derives it.
	wTitleTok
	// wKnown marks a token whose flags are computed: never 0.
	wKnown

	// wLower are the flags of lower-case forms, wText those of forms as
	// written.
	wLower = lexicon.FlagsLower | wTitle | wPluralTitle | wOrg | wPlace | wNationality | wStarter | wCalendar | wParticle
	wText  = lexicon.FlagsText | wKnownPlace
)

// wordTable maps word forms to lexicon's flags and the tagger's word
// classes.
var wordTable = sync.OnceValue(func() *lexicon.Table {
	m := lexicon.Words()
	for _, l := range []struct {
		words map[string]bool
		flag  lexicon.Flags
	}{
		{titles, wTitle}, {orgWords, wOrg}, {placeWords, wPlace}, {nationalities, wNationality},
		{sentenceStarters, wStarter}, {calendarWords, wCalendar}, {nameParticles, wParticle},
		{knownPlaces, wKnownPlace},
	} {
		for w, ok := range l.words {
			if ok { // the lists hold a few words as false
				m.Set(w, l.flag)
			}
		}
	}
	for w := range pluralTitles {
		m.Set(w, wPluralTitle)
	}
	return m
})

// wordFlags returns the flags of a token with text txt and lower-case form
// lower: the lower-case classes of lower, the others of txt, and wKnown.
func wordFlags(words *lexicon.Table, txt, lower string) lexicon.Flags {
	lf := words.Lookup(lower)
	f := lf&wLower | wKnown
	if txt == lower {
		f |= lf & wText
	} else {
		f |= words.Lookup(txt) & wText
	}
	// isTitleTok: titles[strings.TrimSuffix(lower, ".")] || pluralTitles[lower]
	if l, dotted := strings.CutSuffix(lower, "."); f&wPluralTitle != 0 || !dotted && f&wTitle != 0 || dotted && words.Lookup(l)&wTitle != 0 {
		f |= wTitleTok
	}
	return f
}

// flags returns the flags of token i, computing them on first use.
func (t *tagger) flags(i int) lexicon.Flags {
	if f := t.fl[i]; f != 0 {
		return f
	}
	tk := &t.d.Tokens[i]
	f := wordFlags(t.words, tk.Text, tk.Lower)
	t.fl[i] = f
	return f
}

// is reports whether token i has any of the flags f.
func (t *tagger) is(i int, f lexicon.Flags) bool { return t.flags(i)&f != 0 }
