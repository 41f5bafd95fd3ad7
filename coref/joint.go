package coref

import (
	"slices"
	"sort"
	"strings"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/phrase"
)

// Joint speakers (docs/ANNOTATION.md, speakers rule 6): "Putin and Merkel
// stressed …", "The Daily Mail, Daily Record and The Sun reported …" are
// one speaker, a group named by its members' names joined with "and". A
// plural reference after it ("they", "the two leaders", "the Presidents")
// is that group; in a readout that names two people and then "the two
// leaders", the group is made of the two.

// jointSource returns the group entity a source coordinating two names or
// more refers to, and whether src is such a source. The list may start
// before src: the source finder sometimes keeps only its last items
// ("Glasgow Herald, Independent and The Sun"). Each item is read with
// package phrase ("NBA Star Samuel Dalembert" is Samuel Dalembert); a
// name the tagger found whole ("National Oceanic and Atmospheric
// Administration") is one item.
func (r *resolver) jointSource(src quotewire.Span) (int, bool) {
	d := r.d
	text := d.Text
	ms := d.Mentions
	start, end := src.Start, src.End
	// earlier items of the same list: "Daily Record, Glasgow Herald" of
	// "The Daily Mail, Daily Record, Glasgow Herald, Independent and The
	// Sun"
	for {
		j := sort.Search(len(r.names), func(i int) bool { return ms[r.names[i]].End > start }) - 1
		if j < 0 || !separator(text[ms[r.names[j]].End:start], false) || strings.TrimSpace(text[ms[r.names[j]].End:start]) == "" {
			break
		}
		start = ms[r.names[j]].Start
	}
	if before := strings.TrimRight(text[:start], " "); strings.HasSuffix(before, " and") && !strings.Contains(text[start:end], " and ") {
		// "The army and [the police] said": the items before "and", back
		// to the sentence's start, when they are a noun phrase or two
		si := r.sentenceOf(start)
		if si < len(r.d.Sentences) {
			s0 := r.d.Tokens[r.d.Sentences[si].First].Start
			if e := len(before) - 4; s0 < e && e < start {
				if head := text[s0:e]; len(strings.Fields(head)) <= 4 && !strings.ContainsAny(head, ",;:\"“”") {
					start = s0
				}
			}
		}
	}
	list := text[start:end]
	if !strings.Contains(list, " and ") && !strings.Contains(list, " & ") && !strings.Contains(list, " along with ") &&
		!strings.Contains(list, " together with ") && !strings.Contains(list, " as well as ") {
		return -1, false
	}
	if i := strings.LastIndexByte(list, ' '); i > 0 && reportVerbs[list[i+1:]] {
		end = start + i // "The Telegraph and Express report"
	}
	if !clauseStart(text, start) {
		return -1, false
	}
	// the items, split at commas and "and" outside any name the tagger found
	var parts []quotewire.Span
	commas := false
	from := start
	for i := start; i <= end; i++ {
		sep := 0
		switch {
		case i == end:
		case withJoin(text[i:end]) > 0:
			// "Planned Parenthood, along with the American Civil Liberties
			// Union, have announced"
			sep = withJoin(text[i:end])
		case text[i] == ',':
			sep = 1
		case strings.HasPrefix(text[i:end], " and "):
			sep = len(" and ")
		case strings.HasPrefix(text[i:end], " & "):
			sep = len(" & ")
		default:
			continue
		}
		if sep > 0 && r.insideName(i) {
			continue
		}
		if sp := trimSpan(text, quotewire.Span{Start: from, End: i}); sp.End > sp.Start {
			parts = append(parts, sp)
		}
		if i == end {
			break
		}
		if sep == 1 {
			commas = true
		}
		from = i + sep
		i = from - 1
	}
	if len(parts) < 2 || len(parts) == 2 && commas {
		return -1, false // "He met Obama, and Merkel said": two clauses
	}
	if e, ok := r.jointDescriptors(parts); ok {
		return e, true // "The army and the police said"
	}
	if r.fieldsOfOffice(parts) {
		return -1, false // "EU Research, Science and Innovation Commissioner Carlos Moedas"
	}
	var members []int
	for k, sp := range parts {
		p := phrase.Parse(text, sp)
		if p.Kind != phrase.Name && p.Definite {
			// "the American Civil Liberties Union": a body the tagger named
			if mi := r.mentionAt(p.Desc); mi >= 0 && ms[mi].Type != quotewire.Person && ms[mi].Type != quotewire.Place || properName(p.Desc.In(text)) {
				p = phrase.Phrase{Kind: phrase.Name, Span: sp, Name: p.Desc, Desc: p.Desc}
			}
		}
		if p.Kind != phrase.Name {
			return -1, false // "New Orleans and Jefferson Parish officials", "Lord Dubs and others"
		}
		if k > 0 && p.Role.End > p.Role.Start && orgRole(p.Role.In(text)) {
			return -1, false // "Transportation and Infrastructure Committee Ranking Member Sam Graves"
		}
		mi := r.mentionAt(p.Name)
		if mi >= 0 && ms[mi].Type == quotewire.Place && !r.isOutlet(p.Name.In(text)) {
			return -1, false // "Russia and China": countries are spoken for, not speakers here
		}
		if mi < 0 && !strings.Contains(p.Name.In(text), " ") {
			return -1, false // "Transportation and Infrastructure Committee": one name
		}
		_, e := r.resolveName(sp, p)
		if e < 0 || slices.Contains(members, e) {
			return -1, false
		}
		members = append(members, e)
	}
	return r.group(members), true
}

// fieldsOfOffice reports whether a list is the fields of one office
// before its holder: the last item is an office and a name whose office
// opens with a capitalised field ("Innovation Commissioner Carlos
// Moedas"), and no earlier item names a person ("EU Research",
// "Science").
func (r *resolver) fieldsOfOffice(parts []quotewire.Span) bool {
	text := r.d.Text
	last := phrase.Parse(text, parts[len(parts)-1])
	if last.Kind != phrase.Name || last.Role.End <= last.Role.Start {
		return false
	}
	role := strings.Fields(last.Role.In(text))
	if len(role) < 2 || phrase.IsTitle(strings.ToLower(role[0])) || !capitalisedWord(role[0]) {
		return false
	}
	for _, sp := range parts[:len(parts)-1] {
		for _, w := range strings.Fields(sp.In(text)) {
			if !capitalisedWord(w) {
				return false
			}
		}
		if mi := r.mentionAt(sp); mi >= 0 && r.d.Mentions[mi].Type == quotewire.Person {
			return false
		}
	}
	return true
}

// capitalisedWord reports whether w starts with a capital letter.
func capitalisedWord(w string) bool { return w != "" && w[0] >= 'A' && w[0] <= 'Z' }

// jointDescriptors reads a list of definite descriptors that each can
// speak ("the army and the police") as one unnamed group, named by the
// descriptions joined ("army and police").
func (r *resolver) jointDescriptors(parts []quotewire.Span) (int, bool) {
	text := r.d.Text
	var descs []string
	var last phrase.Phrase
	for _, sp := range parts {
		p := phrase.Parse(text, sp)
		if p.Kind != phrase.Descriptor || !p.Definite || p.Possessor.End > p.Possessor.Start || !speaks(p.Head) {
			return -1, false
		}
		descs = append(descs, p.Desc.In(text))
		last = p
	}
	name := strings.Join(descs[:len(descs)-1], ", ") + " and " + descs[len(descs)-1]
	last.Plural = true
	return r.anonymous(name, last), true
}

// orgRole reports whether a role names an organisation ("Infrastructure
// Committee Ranking Member"): the "and" before it was inside that name.
func orgRole(role string) bool {
	for _, w := range strings.Fields(role) {
		if phrase.OrgHead(strings.ToLower(w)) {
			return true
		}
	}
	return false
}

// insideName reports whether byte off lies inside a name the tagger found
// (not at its edge).
func (r *resolver) insideName(off int) bool {
	ms := r.d.Mentions
	j := sort.Search(len(r.names), func(i int) bool { return ms[r.names[i]].End > off })
	return j < len(r.names) && ms[r.names[j]].Start < off
}

// trimSpan trims white space off both ends of sp.
func trimSpan(text string, sp quotewire.Span) quotewire.Span {
	t := text[sp.Start:sp.End]
	sp.Start += len(t) - len(strings.TrimLeft(t, " \n\t\r"))
	sp.End = max(sp.Start, sp.End-(len(t)-len(strings.TrimRight(t, " \n\t\r"))))
	return sp
}

// separator reports whether the text between two items of a list of
// properName reports whether s is capitalised words joined by function
// words, with an organisation's head last ("American Civil Liberties
// Union"): a body's name the tagger may have missed after "the".
func properName(s string) bool {
	ws := strings.Fields(s)
	if len(ws) < 2 || !phrase.OrgHead(strings.ToLower(ws[len(ws)-1])) {
		return false
	}
	for _, w := range ws {
		switch w {
		case "of", "and", "for", "the", "on", "&":
			continue
		}
		if w[0] < 'A' || w[0] > 'Z' {
			return false
		}
	}
	return true
}

// withJoin returns the length of the "along with" that opens s (with
// its commas: ", along with ", " together with ", " as well as "), or 0.
func withJoin(s string) int {
	for _, j := range [...]string{", along with ", ", together with ", ", as well as ", " along with ", " together with ", " as well as "} {
		if strings.HasPrefix(s, j) {
			return len(j)
		}
	}
	return 0
}

// names joins them: commas, "and" or "&" (required before the last item),
// "the" and capitalised titles ("Secretary Clinton and Ambassador Roos").
func separator(gap string, last bool) bool {
	if notSeparator(gap) {
		return false
	}
	and, comma := false, false
	for _, j := range [...]string{"along with", "together with", "as well as"} {
		gap = strings.ReplaceAll(gap, j, "and")
	}
	for _, w := range strings.Fields(strings.ReplaceAll(gap, ",", " , ")) {
		switch {
		case w == "and" || w == "&":
			and = true
		case w == ",":
			comma = true
		case w == "the" || w == "The":
		case w[0] >= 'A' && w[0] <= 'Z':
			// a title before the next name
		default:
			return false // "Putin met Obama and": a clause, not a list
		}
	}
	if last {
		return and
	}
	return and || comma
}

// clauseStart reports whether a list that starts at off can be a clause's
// subject: the word before it is no verb or preposition ("met Smith and
// Jones", "between Putin and Merkel").
func clauseStart(text string, off int) bool {
	i := off
	for i > 0 && text[i-1] == ' ' {
		i--
	}
	j := strings.LastIndexAny(text[:i], " \n\t") + 1
	w := text[j:i]
	if w == "" || w == "the" || w == "and" || strings.ContainsAny(w[len(w)-1:], ".!?:;\"”") {
		return true // a list that opens its sentence
	}
	c := w[0]
	return !(c >= 'a' && c <= 'z') // a title, a capitalised word, punctuation
}

// reportVerbs may end a source the source finder took with its cue ("The
// Telegraph and Express report").
var reportVerbs = map[string]bool{"report": true, "reports": true, "say": true, "says": true, "said": true}

// group returns the group entity made of members (in the order named),
// made on first use: its name joins theirs ("Vladimir Putin and Angela
// Merkel", "Daily Mail, Daily Record and The Sun").
func (r *resolver) group(members []int) int {
	d := r.d
	var names []string
	keys := make([]string, len(members))
	for i, e := range members {
		names = append(names, d.Entities[e].Name)
		keys[i] = r.entityKey(e)
	}
	sort.Strings(keys)
	k := "\x00group " + strings.Join(keys, "\x00")
	if e, ok := r.byKey[k]; ok {
		r.lastGroup = e
		return e
	}
	name := strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	d.Entities = append(d.Entities, quotewire.Entity{Name: name, Type: quotewire.Group})
	e := len(d.Entities) - 1
	r.byKey[k] = e
	r.lastGroup = e
	return e
}

// groupHeads are the plural heads that refer to a pair or group of the
// people named before: "the two leaders", "the Presidents", "both sides".
var groupHeads = map[string]bool{"leaders": true, "presidents": true, "ministers": true, "sides": true,
	"heads": true, "chancellors": true, "parties": true, "men": true, "women": true, "couple": true}

// pluralReference returns the group a plural descriptor refers to ("the
// two leaders", "The Presidents", "both sides"): the last group speaker,
// else the two people named last before it; -1 when it is no such
// reference.
func (r *resolver) pluralReference(src quotewire.Span, p phrase.Phrase) int {
	if !p.Definite && !lowerPrefix(src.In(r.d.Text), "both") || !groupHeads[p.Head] {
		return -1
	}
	if r.lastGroup >= 0 {
		return r.lastGroup
	}
	// the two people named last before src, outside quotations
	tl := r.outside[quotewire.Person]
	if tl == nil {
		return -1
	}
	var two []int
	for i := sort.SearchInts(tl.starts, src.Start) - 1; i >= 0 && len(two) < 2; i-- {
		if e := tl.ents[i]; e >= 0 && !slices.Contains(two, e) && !r.d.Entities[e].Anonymous {
			two = append(two, e)
		}
	}
	if len(two) < 2 {
		return -1
	}
	if r.firstMention(two[1]) > r.firstMention(two[0]) {
		two[0], two[1] = two[1], two[0] // in the order first named
	}
	return r.group(two)
}

// firstMention returns the offset of entity e's first mention.
func (r *resolver) firstMention(e int) int {
	first := len(r.d.Text)
	for _, mi := range r.d.Entities[e].Mentions {
		first = min(first, r.d.Mentions[mi].Start)
	}
	return first
}

// notSeparator reports, without allocating, a gap that separator rejects
// whatever else it holds: a word of ASCII letters that opens in lower case
// and is neither "and" nor "the", clear of commas and spaces, and that no
// "along with", "together with" or "as well as" can touch. Most gaps
// between two names are clauses ("said on Friday that"), and this finds
// their first such word without copying the gap.
func notSeparator(gap string) bool {
	for i := 0; i < len(gap); {
		c := gap[i]
		if c == ' ' || c == ',' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' {
			i++
			continue
		}
		j := i
		ascii := true
		for j < len(gap) {
			b := gap[j]
			if b == ' ' || b == ',' || b == '\t' || b == '\n' || b == '\r' || b == '\v' || b == '\f' {
				break
			}
			if b >= 0x80 {
				ascii = false
			}
			j++
		}
		w := gap[i:j]
		if ascii && c >= 'a' && c <= 'z' && w != "and" && w != "the" && !joinerPart(w) {
			return true
		}
		i = j
	}
	return false
}

// joinerPart reports whether w holds "along", "together", "with", "well"
// or "as", the parts of the joiners separator reads as "and".
func joinerPart(w string) bool {
	for k := 0; k < len(w); k++ {
		switch w[k] {
		case 'a':
			if strings.HasPrefix(w[k:], "as") || strings.HasPrefix(w[k:], "along") {
				return true
			}
		case 't':
			if strings.HasPrefix(w[k:], "together") {
				return true
			}
		case 'w':
			if strings.HasPrefix(w[k:], "with") || strings.HasPrefix(w[k:], "well") {
				return true
			}
		}
	}
	return false
}
