// Package tag finds the named entities of an article: people,
// organisations and places, each mention with its type and the roles
// (titles, appositions) attached to it. It is a rule-based tagger backed
// by word lists learned from PolNeAR's silver CoreNLP tags (package
// lexicon); a trained tagger can replace it behind the same Stage
// interface, writing the same Document.Mentions.
package tag

import (
	"strings"
	"sync"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/tag/lexicon"
	"github.com/quotewire/quotewire/text"
)

// Tagger is the pipeline stage that fills Document.Mentions with name
// mentions. The zero value is ready to use.
type Tagger struct{}

var _ quotewire.Stage = Tagger{}

// Process tags the name mentions of d. It needs tokens and sentences.
func (Tagger) Process(d *quotewire.Document) error {
	s := scratchPool.Get().(*scratch)
	t := tagger{d: d, words: wordTable(), fl: s.flags(len(d.Tokens)), ms: s.ms[:0]}
	for si := range d.Sentences {
		se := &d.Sentences[si]
		if !d.DatelineSpan.IsEmpty() && d.DatelineSpan.Contains(se.Span) {
			continue
		}
		t.sentence(se)
	}
	t.flush()
	s.fl, s.ms = t.fl, t.ms
	scratchPool.Put(s)
	return nil
}

type tagger struct {
	d     *quotewire.Document
	words *lexicon.Table // wordTable()
	// fl holds the flags of each token once computed (see flags), 0
	// before.
	fl []lexicon.Flags
	// ms collects the mentions found, copied to d.Mentions at the end
	// (flush) in one allocation of the right size.
	ms []quotewire.Mention
	// roles backs the first role of the mentions, a few at a time; the
	// mentions keep it, so it is never reused.
	roles []string
}

// scratch holds a tagger's buffers between documents.
type scratch struct {
	fl []lexicon.Flags
	ms []quotewire.Mention
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// flags returns s.fl holding n zero flags.
func (s *scratch) flags(n int) []lexicon.Flags {
	if cap(s.fl) < n {
		return make([]lexicon.Flags, n)
	}
	s.fl = s.fl[:n]
	clear(s.fl)
	return s.fl
}

// flush appends the mentions found to the document's and clears t.ms for
// reuse.
func (t *tagger) flush() {
	if len(t.ms) == 0 {
		return
	}
	if t.d.Mentions == nil {
		t.d.Mentions = make([]quotewire.Mention, 0, len(t.ms))
	}
	t.d.Mentions = append(t.d.Mentions, t.ms...)
	clear(t.ms) // the pool holds no roles
}

func (t *tagger) tok(i int) *quotewire.Token { return &t.d.Tokens[i] }

// startLike reports whether token i starts a sentence or a quotation, where
// capitals say nothing.
func (t *tagger) startLike(i, first int) bool {
	if i == first {
		return true
	}
	p := t.tok(i - 1)
	return p.Kind == quotewire.QuoteMark || p.Kind == quotewire.Punct && (p.Text == "(" || p.Text == ":" || p.Text == "—" || p.Text == "-")
}

// nameToken reports whether token i can be part of a name.
func (t *tagger) nameToken(i, first int) bool {
	tk := t.tok(i)
	if tk.Kind != quotewire.Word || !tk.IsCapitalized() {
		return false
	}
	if isPossessiveTok(tk) {
		return false
	}
	if t.startLike(i, first) {
		f := t.flags(i)
		if f&wStarter != 0 {
			return false
		}
		if f&lexicon.FlagCommon != 0 && f&(wTitle|lexicon.FlagsClass|wKnownPlace|wNationality|wPluralTitle) == 0 {
			// a common word at the start: a name only when a name follows
			return i+1 < len(t.d.Tokens) && t.tok(i+1).IsCapitalized() && t.tok(i+1).Start == tk.End+1 && !t.is(i+1, wStarter)
		}
		return true
	}
	// (each of these words is a sentence starter: no lookup is needed)
	if tk.Lower == "the" || tk.Lower == "he" || tk.Lower == "she" || tk.Lower == "it" || tk.Lower == "i" || tk.Lower == "we" || tk.Lower == "they" {
		return false
	}
	return true
}

func isPossessiveTok(tk *quotewire.Token) bool { return tk.Lower == "'s" || tk.Lower == "’s" }

// titleTok reports whether token i is a title, with or without its dot
// ("Gen."), or a plural title.
func (t *tagger) titleTok(i int) bool { return t.is(i, wTitleTok) }

// joiner reports whether the lower-case token i may continue a name run
// that stands before it ("Jabhat al-Nusra", "Bank of America", "Russian
// diplomat Vladimir").
func (t *tagger) joiner(i, runStart, last int) bool {
	tk := t.tok(i)
	if tk.Lower == "of" && i > runStart && i+2 <= last && t.tok(i+1).Lower == "the" && t.tok(i+2).IsCapitalized() && t.is(i-1, wOrg) {
		return true // "International Committee of the Red Cross"
	}
	if tk.Kind == quotewire.Punct && tk.Text == "." && i > runStart && t.tok(i-1).End == tk.Start && t.is(i-1, lexicon.FlagNameAbbrev) {
		return true // "Acme Corp.", "Robert L. Harris Jr."
	}
	if i+2 <= last && i > runStart && t.tok(i+2).IsCapitalized() && t.is(i, wParticle) && t.is(i+1, wParticle) {
		return true // "Ursula von der Leyen", "Ludovic de la Fontaine"
	}
	if i+1 > last || !t.tok(i+1).IsCapitalized() || isPossessiveTok(t.tok(i+1)) {
		// "al-Nusra" is a single lower-case-initial token
		return i > runStart && tk.Kind == quotewire.Word && hasParticlePrefix(tk.Lower)
	}
	switch {
	case tk.Kind == quotewire.Word && (t.is(i, wParticle) || hasParticlePrefix(tk.Lower)):
		return true
	case tk.Lower == "of" && i == runStart+2 && t.is(runStart, lexicon.FlagPeer) && t.tok(runStart).IsCapitalized():
		return true // "Lord Ahmad of Wimbledon", "Baroness Williams of Trafford"
	case tk.Lower == "of" && i > runStart && t.is(i-1, wOrg|wTitle|wPlace):
		return true
	case tk.Lower == "and" && i > runStart+1 && t.officeField(runStart, i):
		return true // "Minister of Security and Public Administration Kang Byung-kyu"
	case tk.Text == "&" && i > runStart && t.tok(i-1).IsCapitalized():
		return true // "Standard & Poor's", "Johnson & Johnson"
	case tk.Lower == "the" && i > runStart+1 && t.tok(i-1).Lower == "of" && t.is(i-2, wOrg):
		return true // "International Committee of the Red Cross"
	case tk.Lower == "for" && i > runStart && t.is(i-1, wOrg) && t.tok(i-1).IsCapitalized():
		return true // "Department for Transport", "Commission for Equality and Human Rights"
	case tk.Kind == quotewire.Word && t.is(i, wTitle):
		return true
	case tk.Kind == quotewire.Punct && tk.Text == "." && i > runStart && t.tok(i-1).End == tk.Start && (abbrevTitle(t.tok(i-1).Lower) || isInitial(t.tok(i-1))):
		return true
	}
	return false
}

// officeField reports whether the run [runStart, i) is an office and the
// first field of its "of": "Minister of Security" before "and Public
// Administration".
func (t *tagger) officeField(runStart, i int) bool {
	office := false
	for k := runStart; k < i-1; k++ {
		if t.tok(k).Lower == "of" {
			office = k > runStart && t.titleTok(k-1) && k+1 < i
			break
		}
	}
	if !office {
		return false
	}
	// the body's name after "and" ends in an organisation's word with its
	// holder's name after it ("… Public Administration Kang Byung-kyu"),
	// not at the run's end ("Secretary of Health and Human Services")
	end := i + 1
	for end < len(t.d.Tokens) && t.tok(end).IsCapitalized() && t.tok(end).Sentence == t.tok(i).Sentence {
		end++
	}
	for k := i + 1; k < end-1; k++ {
		if t.is(k, wOrg) {
			return true
		}
	}
	return false
}

func hasParticlePrefix(l string) bool {
	// each prefix is two or three letters and a hyphen
	if !(len(l) > 3 && l[2] == '-' || len(l) > 4 && l[3] == '-') {
		return false
	}
	for _, p := range [...]string{"al-", "el-", "ad-", "as-", "bin-", "ibn-", "abu-"} {
		if strings.HasPrefix(l, p) && len(l) > len(p) {
			return true
		}
	}
	return false
}

// isInitial reports whether tk is a single capital letter: the "C" of
// "Conrad C. Lautenbacher".
func isInitial(tk *quotewire.Token) bool {
	return tk.Kind == quotewire.Word && len(tk.Text) == 1 && tk.Text[0] >= 'A' && tk.Text[0] <= 'Z'
}

func abbrevTitle(l string) bool { return text.IsTitleAbbrev(l) }

// sentence finds the name runs of one sentence and turns them into mentions.
func (t *tagger) sentence(se *quotewire.Sentence) {
	first, last := se.First, se.Last-1
	pendingRole := "" // a plural title distributing over coordinated names
	for i := first; i <= last; i++ {
		tk := t.tok(i)
		// (nameToken's own first test, made here to spare most tokens the call)
		if !(tk.Kind == quotewire.Word && tk.IsCapitalized()) || !t.nameToken(i, first) {
			// a title in lower case before a name: "diplomat Vladimir Voronkov"
			if !(tk.Kind == quotewire.Word && i < last && t.tok(i+1).IsCapitalized() && t.is(i, wTitle) && t.nameToken(i+1, first)) {
				if tk.Lower != "and" && tk.Text != "," {
					pendingRole = ""
				}
				continue
			}
		}
		// a run of name tokens and joiners
		j := i
		for j+1 <= last && (t.nameToken(j+1, first) || t.joiner(j+1, i, last)) {
			j++
		}
		// a run ending in "Mr." etc. (without a name) is no mention
		i = t.run(se, i, j, &pendingRole)
	}
}

// run makes mentions from the name run [a, b] and returns the last token
// it used.
func (t *tagger) run(se *quotewire.Sentence, a, b int, pendingRole *string) int {
	if a == b && t.is(a, wCalendar) {
		return b // "on Monday", "in August": a date, no name
	}
	// split role and name at the last title word
	split := -1
	for k := b; k >= a; k-- {
		if t.titleTok(k) || t.tok(k).Text == "." && k > a && abbrevTitle(t.tok(k-1).Lower) && !t.is(k-1, lexicon.FlagNameAbbrev) {
			split = k
			break
		}
	}
	if split < 0 {
		if n := t.holderName(a, b); n > 0 && b-n > a && t.orgIn(a, b-n) && !t.officeOf(se, a) {
			// "ambassador to the United Nations Abdullah Hussain Haroon":
			// a body's name, then a person's, with no title between
			t.run(se, a, b-n, pendingRole)
			return t.run(se, b-n+1, b, pendingRole)
		}
	}
	// a role may start with a lower-case role word before the run
	roleStart := a
	if split < 0 && a > se.First {
		p := t.tok(a - 1)
		if p.Kind == quotewire.Word && !p.IsCapitalized() && t.is(a-1, wTitle) {
			roleStart = a - 1
			split = a - 1
			for roleStart-1 >= se.First && t.tok(roleStart-1).IsCapitalized() && t.is(roleStart-1, wNationality) {
				roleStart--
			}
		}
	}
	if split < 0 {
		// "President of the Russian Academy of Sciences Alexander
		// Sergeyev": a title and "of (the)" before a run that names the
		// body and then its holder
		p := a - 1
		if p > se.First && t.tok(p).Lower == "the" {
			p--
		}
		if p > se.First && (t.tok(p).Lower == "of" || t.tok(p).Lower == "for") && t.titleTok(p-1) {
			n := t.holderName(a, b)
			if n == 0 && b-a >= 3 && t.tok(p-1).IsCapitalized() && t.personTail(b-1, b) && !t.is(b, wKnownPlace) {
				// "Minister for the Middle East Alistair Burt": after an
				// office and its body, two capitalised words are its holder
				// even when the lexicon does not know them
				n = 2
			}
			if n > 0 {
				roleStart, split = p-1, b-n
				for roleStart-1 >= se.First && t.tok(roleStart-1).IsCapitalized() && t.is(roleStart-1, wNationality) {
					roleStart--
				}
			}
		}
	}
	nameA := a
	if split >= 0 {
		nameA = split + 1
		// "Minister of Information Moammar al-Eryani": the role goes on
		// through "of" and common words
		if nameA < b && t.tok(nameA).Lower == "of" {
			k := nameA + 1
			for k < b && t.is(k, lexicon.FlagCommon|wOrg) {
				k++
			}
			if k > nameA+1 && k <= b {
				split, nameA = k-1, k
			} else if n := t.holderName(k, b); n > 0 {
				// "Secretary of Homeland Security Jeh Johnson": the office's
				// body runs on to its holder
				split, nameA = b-n, b-n+1
			} else if k == b {
				// "Secretary of State for Justice, Chris Grayling": the
				// office alone, its holder named after the comma (a
				// longer run may end in a name the lexicon does not
				// know: "President of Armenia Serzh Sargsyan")
				return b
			}
		}
	}
	regnalTitle := -1
	if split >= 0 && split == nameA-1 && split >= a && t.tok(split).IsCapitalized() && t.is(split, lexicon.FlagRegnal|lexicon.FlagPeer) &&
		(nameA == b && !lexicon.RomanNumeral(t.tok(b).Text) || nameA+1 == b && lexicon.RomanNumeral(t.tok(b).Text) || nameA+2 == b && t.tok(nameA+1).Lower == "of") {
		// "Pope Francis", "King Charles III", "Lord Ahmad of Wimbledon": the
		// title is part of how readers name them, and their role ("the pope")
		regnalTitle = split
		nameA = split
	} else if split >= 0 && nameA == b && lexicon.RomanNumeral(t.tok(b).Text) {
		split, nameA = -1, a // "Martin Luther King III": a title word inside the name
	}
	role := ""
	if split >= 0 {
		role = t.roleText(roleStart, split)
	}
	if regnalTitle >= 0 {
		split = -1
		if roleStart < regnalTitle {
			split = regnalTitle - 1
		}
	}
	// "Syrian President (Bashar Assad)": the name in brackets
	if split == b && b+3 <= se.Last-1 && t.tok(b+1).Text == "(" {
		k := b + 2
		for k <= se.Last-1 && t.nameToken(k, se.First) {
			k++
		}
		if k > b+2 && k <= se.Last-1 && t.tok(k).Text == ")" {
			t.add(quotewire.Span{Start: t.tok(roleStart).Start, End: t.tok(k).End}, b+2, k-1, quotewire.Person, role)
			return k
		}
	}
	if nameA > b {
		return b // only a role: "Russian Foreign Minister" with no name after it
	}
	typ := t.typeOf(nameA, b, role != "")
	if pr := *pendingRole; pr != "" && role == "" && a > se.First && t.tok(a-1).Lower == "and" {
		role = pr
		typ = quotewire.Person
	}
	if p := t.tok(roleStart); t.is(roleStart, wPluralTitle) && split >= 0 {
		// "Presidents Putin and Erdogan": the bare title goes to each name
		role = pluralTitles[p.Lower]
		*pendingRole = role
	} else {
		*pendingRole = ""
	}
	// organisations written as name + lower-case org noun: "US-led coalition", "Syrian army"
	end := b
	if typ != quotewire.Person && b+1 < se.Last && t.is(b+1, wOrg) && !t.tok(b+1).IsCapitalized() {
		end = b + 1
		typ = quotewire.Organization
	}
	spanStart := t.tok(roleStart).Start
	if split < 0 {
		spanStart = t.tok(nameA).Start
	}
	m := t.add(quotewire.Span{Start: spanStart, End: t.tok(end).End}, nameA, end, typ, role)
	// "Vladimir Voronkov who is UN Under-Secretary-General"
	if m >= 0 && typ == quotewire.Person {
		t.relativeRole(m, end+1, se.Last)
	}
	return end
}

// officeOf reports whether the run at a is the body of an office before
// it: "President of (the) [Russian Academy of Sciences Alexander
// Sergeyev]".
func (t *tagger) officeOf(se *quotewire.Sentence, a int) bool {
	p := a - 1
	if p > se.First && t.tok(p).Lower == "the" {
		p--
	}
	return p > se.First && (t.tok(p).Lower == "of" || t.tok(p).Lower == "for") && t.titleTok(p-1)
}

// orgIn reports whether a word of an organisation ("Nations", "Bank")
// stands among tokens [a, b].
func (t *tagger) orgIn(a, b int) bool {
	for k := a; k <= b; k++ {
		if t.is(k, wOrg) {
			return true
		}
	}
	return false
}

// holderName returns how many tokens at the end of [a, b] — a body's name
// run on into its holder's, "Russian Academy of Sciences Alexander
// Sergeyev" — are the holder's name: the last two (three with a given name
// or an initial first), when at least one word of the body comes before
// them and the lexicon knows the name's first or last word as a person's;
// 0 when there is no such name.
func (t *tagger) holderName(a, b int) int {
	if a <= b && t.tok(a).Lower == "the" {
		a++
	}
	n := b - a + 1
	if n < 3 {
		return 0
	}
	nameLen := 2
	if n >= 4 && (t.is(b-2, lexicon.FlagFirstName) || t.is(b-2, lexicon.FlagPerson) && !t.is(b-3, lexicon.FlagPerson) || isInitial(t.tok(b-1)) || hasParticlePrefix(t.tok(b-1).Lower)) {
		nameLen = 3
	}
	if !t.personTail(b-nameLen+1, b) || !(t.is(b-nameLen+1, lexicon.FlagFirstName|lexicon.FlagPerson) || t.is(b, lexicon.FlagPerson)) {
		return 0
	}
	return nameLen
}

// personTail reports whether the tokens [a, b] can be a person's name:
// capitalised words or initials, none of them a joiner, title or
// organisation word.
func (t *tagger) personTail(a, b int) bool {
	for k := a; k <= b; k++ {
		tk := t.tok(k)
		if tk.Kind != quotewire.Word || !tk.IsCapitalized() && !isInitial(tk) || t.is(k, wOrg|wTitle) || tk.Lower == "of" || tk.Lower == "and" {
			return false
		}
	}
	return true
}

// roleText returns the text of the role tokens [a, b], with a plural title
// made singular.
func (t *tagger) roleText(a, b int) string {
	if p := t.tok(a); a == b && t.is(a, wPluralTitle) {
		return pluralTitles[p.Lower]
	}
	return t.d.Text[t.tok(a).Start:t.tok(b).End]
}

// relativeRole adds a role from "who is X" or ", the X," after a person.
func (t *tagger) relativeRole(m, k, hi int) {
	if k+2 < hi && t.tok(k).Lower == "who" && (t.tok(k+1).Lower == "is" || t.tok(k+1).Lower == "was") {
		a := k + 2
		if t.tok(a).Lower == "the" || t.tok(a).Lower == "a" || t.tok(a).Lower == "an" {
			a++
		}
		e := a
		for e < hi && t.tok(e).Kind == quotewire.Word && (t.tok(e).IsCapitalized() || t.is(e, wTitle|wNationality)) {
			e++
		}
		if e > a && t.titleTok(e-1) {
			t.addRole(m, t.d.Text[t.tok(a).Start:t.tok(e-1).End])
		}
		return
	}
	// apposition: ", the foreign minister," / ", a spokesman for X,"
	if k+2 < hi && t.tok(k).Text == "," {
		a := k + 1
		if l := t.tok(a).Lower; l == "the" || l == "a" || l == "an" || l == "his" || l == "her" {
			a++
		}
		e := a
		for e < hi && e < a+6 && t.tok(e).Kind == quotewire.Word && !isPossessiveTok(t.tok(e)) {
			if t.titleTok(e) {
				if e+1 < hi && (t.tok(e+1).Text == "," || t.tok(e+1).Lower == "said" || t.tok(e+1).Lower == "told") {
					t.addRole(m, t.d.Text[t.tok(a).Start:t.tok(e).End])
				}
				return
			}
			if !(t.tok(e).IsCapitalized() || t.is(e, wNationality) || t.tok(e).Lower == "foreign" || t.tok(e).Lower == "former" || t.tok(e).Lower == "deputy" || t.tok(e).Lower == "senior" || t.tok(e).Lower == "chief") {
				return
			}
			e++
		}
	}
}

func (t *tagger) addRole(m int, role string) {
	for _, r := range t.ms[m].Roles {
		if r == role {
			return
		}
	}
	t.ms[m].Roles = append(t.ms[m].Roles, role)
}

// typeOf guesses the type of the name [a, b].
func (t *tagger) typeOf(a, b int, hasRole bool) quotewire.EntityType {
	if hasRole || b > a && t.tok(a).IsCapitalized() && t.is(a, lexicon.FlagRegnal|lexicon.FlagPeer) {
		return quotewire.Person // "Lord Ahmad of Wimbledon"
	}
	name := t.d.Text[t.tok(a).Start:t.tok(b).End]
	for k := a; k <= b; k++ {
		if t.is(k, wOrg) {
			return quotewire.Organization
		}
	}
	// (a one-token name is its token's text, whose flags know it)
	if a == b && t.is(a, wKnownPlace) || a < b && knownPlaces[name] {
		return quotewire.Place
	}
	switch t.multiClass(a, name) {
	case "LOCATION":
		return quotewire.Place
	case "ORGANIZATION":
		return quotewire.Organization
	case "PERSON":
		return quotewire.Person
	}
	for k := a; k <= b; k++ {
		if t.is(k, wPlace) {
			return quotewire.Place
		}
	}
	if a > 0 {
		p := t.tok(a - 1)
		if p.Lower == "the" {
			if t.is(b, lexicon.FlagLocation) {
				return quotewire.Place
			}
			return quotewire.Organization
		}
	}
	if b > a && t.is(a, lexicon.FlagFirstName) {
		return quotewire.Person
	}
	switch lexicon.FlagClass(t.flags(b)) {
	case "PERSON":
		return quotewire.Person
	case "LOCATION":
		return quotewire.Place
	case "ORGANIZATION":
		return quotewire.Organization
	}
	if a == b && isAcronym(t.tok(a).Text) {
		return quotewire.Organization
	}
	if a > 0 {
		switch t.tok(a - 1).Lower {
		case "in", "from", "to", "near", "across", "outside", "inside":
			return quotewire.Place
		}
	}
	if b > a && b-a <= 2 {
		return quotewire.Person
	}
	return ""
}

// multiClass returns lexicon.MultiClass(name) for the name that starts
// with token a, without the look-up when the token's flags tell that no
// phrase the lexicon knows is the name: a one-token name that is no
// one-word phrase, or a name whose first word (the token's text when white
// space follows it in name, as tokens hold none) starts no phrase.
func (t *tagger) multiClass(a int, name string) string {
	w := len(t.tok(a).Text)
	if w == len(name) && !t.is(a, lexicon.FlagMultiWord) || w < len(name) && (name[w] == ' ' || name[w] == '\n') && !t.is(a, lexicon.FlagMultiStart) {
		return ""
	}
	return lexicon.MultiClass(name)
}

func isAcronym(s string) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			n++
		} else if c != '.' && c != '-' {
			return false
		}
	}
	return n >= 2
}

// add appends a name mention with head tokens [ha, hb] and returns its
// index in t.ms.
func (t *tagger) add(sp quotewire.Span, ha, hb int, typ quotewire.EntityType, role string) int {
	m := quotewire.Mention{
		Span: sp, Kind: quotewire.NameMention, Type: typ, Entity: -1,
		Head: quotewire.Span{Start: t.tok(ha).Start, End: t.tok(hb).End},
	}
	if role != "" {
		if len(t.roles) == cap(t.roles) {
			t.roles = make([]string, 0, 16)
		}
		t.roles = append(t.roles, role)
		// capped at its one role: a second one (addRole) copies
		m.Roles = t.roles[len(t.roles)-1 : len(t.roles) : len(t.roles)]
	}
	t.ms = append(t.ms, m)
	return len(t.ms) - 1
}
