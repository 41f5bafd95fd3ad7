package coref

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/learn"
	"github.com/quotewire/quotewire/text"
)

// Ranker is the learned antecedent ranker: for a source mention that is a
// pronoun ("he") or a descriptor ("the minister"), it scores every entity
// named before it — by how recently and how often it was named, whether it
// spoke last, whether its last mention was inside a quotation, in the
// same sentence or paragraph, at the start of a sentence, whether its
// roles fit the descriptor — and the best one is the speaker.
//
// There is no hand-labelled coreference in quotewire's training data, so
// the ranker learns from the articles themselves: wherever a quote's
// source is a name that was already mentioned ("Lavrov said", after
// "Sergey Lavrov" two paragraphs up), the name is masked as if it were
// "he" (or, for a person with a known role, "the minister"; for an
// organisation, "the company") and the ranker is trained to find the
// entity the name refers to among those mentioned before. TrainRanker
// does the training; train.Coref builds the examples from PolNeAR train.
// A Ranker is read-only and safe for concurrent use.
type Ranker struct {
	// M holds the weights (two classes: not the antecedent, the antecedent).
	M *learn.Model
	// Gender maps lower-case given names to the pronouns that follow them
	// in the training articles: Male ("he") or Female ("she"). Learned by
	// GenderLexicon; names not in it are unknown.
	Gender map[string]Gender
}

// Gender is the grammatical gender of a pronoun or given name.
type Gender uint8

// Genders.
const (
	Unknown Gender = iota
	Male
	Female
)

// pronounGender is the gender of a personal pronoun.
func pronounGender(w string) Gender {
	switch w {
	case "he", "his", "him", "himself":
		return Male
	case "she", "her", "hers", "herself":
		return Female
	}
	return Unknown
}

// genderOf returns the gender the lexicon gives entity e's first given
// name.
func (rk *Ranker) genderOf(d *quotewire.Document, e int) Gender {
	if rk == nil || len(rk.Gender) == 0 || d.Entities[e].Type != quotewire.Person {
		return Unknown
	}
	given, last := quotewire.SplitName(quotewire.NameKey(d.Entities[e].Name))
	if given == "" {
		// a person named by one word: "Tom" of "Her husband, Tom,"
		if strings.IndexByte(last, ' ') < 0 {
			return rk.Gender[last]
		}
		return Unknown
	}
	return rk.Gender[firstWord(given)]
}

// genderEvent is a pronoun that refers back to the person named just
// before it: where it is and its gender.
type genderEvent struct {
	pos    int
	gender Gender
}

// pronounsAfterNames calls fn for each person name mention of d and the
// first personal pronoun after it, in its sentence or the next, with no
// other person named in between.
func pronounsAfterNames(d *quotewire.Document, fn func(mi, pos int, g Gender)) {
	ms := d.Mentions
	toks := d.Tokens
	var persons []int
	for mi := range ms {
		if ms[mi].Kind == quotewire.NameMention && ms[mi].Type == quotewire.Person {
			persons = append(persons, mi)
		}
	}
	for k, mi := range persons {
		m := &ms[mi]
		next := len(d.Text)
		if k+1 < len(persons) {
			next = ms[persons[k+1]].Start
		}
		end := tokensEnd(d, m.Span)
		if end >= len(toks) {
			continue
		}
		limit := toks[end].Sentence + 1
		for i := end; i < len(toks) && toks[i].Sentence <= limit && toks[i].Start < next; i++ {
			if g := pronounGender(toks[i].Lower); g != Unknown {
				fn(mi, toks[i].Start, g)
				break
			}
		}
	}
}

// tokensEnd is the end of d.TokensIn(sp), searched without a closure.
func tokensEnd(d *quotewire.Document, sp quotewire.Span) int {
	lo, hi := d.TokenAt(sp.Start), len(d.Tokens)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if d.Tokens[m].Start < sp.End {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// docGender returns the gender the article itself shows for entity e
// before off: the pronouns that followed its name earlier on.
func (r *resolver) docGender(e, off int) Gender {
	if r.genderEvents == nil {
		r.genderEvents = map[int][]genderEvent{}
		pronounsAfterNames(r.d, func(mi, pos int, g Gender) {
			if e := r.d.Mentions[mi].Entity; e >= 0 {
				r.genderEvents[e] = append(r.genderEvents[e], genderEvent{pos, g})
			}
		})
	}
	var n [3]int
	for _, ev := range r.genderEvents[e] {
		if ev.pos >= off {
			break
		}
		n[ev.gender]++
	}
	switch {
	case n[Male] > n[Female]:
		return Male
	case n[Female] > n[Male]:
		return Female
	}
	return Unknown
}

// GenderCounts counts, for each given name of a person named in d, the
// pronouns that refer back to it: the first personal pronoun after the
// name, in its sentence or the next, with no other person named in
// between. d must have been through tagging. Counts are [male, female].
func GenderCounts(d *quotewire.Document, counts map[string]*[2]int) {
	pronounsAfterNames(d, func(mi, _ int, g Gender) {
		given, _ := quotewire.SplitName(quotewire.NameKey(d.Mentions[mi].Head.In(d.Text)))
		if given == "" {
			return
		}
		c := counts[firstWord(given)]
		if c == nil {
			c = &[2]int{}
			counts[firstWord(given)] = c
		}
		c[g-1]++
	})
}

// GenderLexicon keeps the given names seen at least minCount times with
// one gender's pronouns at least share of the time.
func GenderLexicon(counts map[string]*[2]int, minCount int, share float64) map[string]Gender {
	lex := map[string]Gender{}
	for name, c := range counts {
		n := c[0] + c[1]
		switch {
		case n < minCount:
		case float64(c[0]) >= share*float64(n):
			lex[name] = Male
		case float64(c[1]) >= share*float64(n):
			lex[name] = Female
		}
	}
	return lex
}

// Anaphor kinds: what the source mention being resolved looks like.
const (
	kindHe       = iota // he, she: a person
	kindThey            // they, we: anyone but a place
	kindIt              // it: an organisation
	kindPersonNP        // the minister, the spokesman: a person noun
	kindOrgNP           // the company, the ministry: an organisation noun
	numKinds
)

// rankMargin is how much better than the rules' choice the ranker's must
// score to overrule it (tuned on testdata/speakers/wikinews-dev.jsonl).
var rankMargin float32 = 0

// maxRankCands bounds the entities ranked for one mention (the most
// recently named are kept), and maxLookBack the name mentions looked at.
const (
	maxRankCands = 8
	maxLookBack  = 400
)

// anaphor is a pronoun or descriptor being resolved.
type anaphor struct {
	pos        int // byte offset of the mention
	sent, para int
	kind       uint64
	head       string // a descriptor's head noun, singular; "" for pronouns
	gender     Gender // a pronoun's gender
}

// rankCand is one candidate antecedent with what is known of it before the
// anaphor.
type rankCand struct {
	e        int
	last     int // its last name mention before the anaphor
	count    int // its name mentions before the anaphor (within the look-back)
	rank     int // 0 for the most recently named entity
	rankType int // the same among entities of its type
}

// compatible reports whether an entity of type t can be what an anaphor of
// kind k refers to.
func compatible(k uint64, t quotewire.EntityType) bool {
	switch k {
	case kindHe, kindPersonNP:
		return t == quotewire.Person || t == ""
	case kindIt, kindOrgNP:
		return t == quotewire.Organization || t == ""
	}
	return t != quotewire.Place
}

// candidates lists the entities named before a (newest first) that fit
// its kind; exclude is a mention to leave out (the masked name itself).
func (r *resolver) candidates(a anaphor, dst []rankCand) []rankCand {
	d := r.d
	ms := d.Mentions
	i := sort.Search(len(r.names), func(i int) bool { return ms[r.names[i]].Start >= a.pos })
	stop := max(0, i-maxLookBack)
	seen := map[int]int{} // entity -> index in dst
	typeRank := map[quotewire.EntityType]int{}
	for j := i - 1; j >= stop; j-- {
		mi := r.names[j]
		e := ms[mi].Entity
		if e < 0 || r.inContent(ms[mi].Span) {
			continue // a name inside the quote being attributed is not its speaker
		}
		if k, ok := seen[e]; ok {
			if k >= 0 {
				dst[k].count++
			}
			continue
		}
		t := d.Entities[e].Type
		if !compatible(a.kind, t) || len(dst) == maxRankCands {
			seen[e] = -1
			continue
		}
		seen[e] = len(dst)
		dst = append(dst, rankCand{e: e, last: mi, count: 1, rank: len(dst), rankType: typeRank[t]})
		typeRank[t]++
	}
	return dst
}

// sentenceOf returns the sentence index of the token at byte offset off.
func (r *resolver) sentenceOf(off int) int {
	d := r.d
	if len(d.Tokens) == 0 {
		return 0
	}
	i := min(d.TokenAt(off), len(d.Tokens)-1)
	return d.Tokens[i].Sentence
}

// newAnaphor describes a mention at off of the given kind and head.
func (r *resolver) newAnaphor(off int, kind uint64, head string) anaphor {
	s := r.sentenceOf(off)
	p := 0
	if s < len(r.d.Sentences) {
		p = r.d.Sentences[s].Paragraph
	}
	return anaphor{pos: off, sent: s, para: p, kind: kind, head: head}
}

// typeCode numbers entity types for features.
func typeCode(t quotewire.EntityType) uint64 {
	switch t {
	case quotewire.Person:
		return 1
	case quotewire.Organization:
		return 2
	case quotewire.Place:
		return 3
	}
	return 0
}

// small buckets a count: 0, 1, 2, 3 for 3 to 4, 4 for 5 to 9, 5 beyond.
func small(n int) uint64 {
	switch {
	case n <= 2:
		return uint64(max(n, 0))
	case n <= 4:
		return 3
	case n <= 9:
		return 4
	}
	return 5
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// roleHead returns the head word of a role, singular and lower-case
// ("minister" for "Russian Foreign Minister").
func roleHead(role string) string {
	head, n := "", 0
	for w := range strings.FieldsSeq(strings.ToLower(role)) {
		if n > 0 && roleCut(w) {
			// "President of the Russian Academy of Sciences" is a president
			break
		}
		head, n = w, n+1
	}
	if n == 0 {
		return ""
	}
	if i := strings.LastIndexByte(head, '-'); i >= 0 {
		head = head[i+1:]
	}
	return strings.TrimSuffix(text.TitleWord(head), "s")
}

// roleCut reports whether w ends the head of a role: what follows names
// where the office is ("Minister for Health", "Director at the agency").
func roleCut(w string) bool {
	switch w {
	case "of", "for", "at", "to", "in", "on":
		return true
	}
	return false
}

// hasRoleHead reports whether entity e has a role with head word h.
func (r *resolver) hasRoleHead(e int, h string) bool {
	for _, role := range r.d.Entities[e].Roles {
		if roleHead(role) == h {
			return true
		}
	}
	return false
}

// rankFeatures appends the features of candidate c for anaphor a.
func (r *resolver) rankFeatures(dst []learn.Feature, a anaphor, c rankCand, lastSpeaker, rule int) []learn.Feature {
	d := r.d
	m := &d.Mentions[c.last]
	k := a.kind
	typ := typeCode(d.Entities[c.e].Type)
	ms := r.sentenceOf(m.Start)
	sentDist := a.sent - ms
	paraDist := 0
	if ms < len(d.Sentences) {
		paraDist = a.para - d.Sentences[ms].Paragraph
	}
	first := ms < len(d.Sentences) && d.TokenAt(m.Start) == d.Sentences[ms].First
	isLast := b2u(c.e == lastSpeaker)
	rank, rankType := uint64(min(c.rank, 7)), uint64(min(c.rankType, 7))
	spoke := small(r.spoke[c.e])
	poss := strings.HasSuffix(m.In(d.Text), "'s") || strings.HasSuffix(m.In(d.Text), "’s")
	roleMatch := a.head != "" && r.hasRoleHead(c.e, a.head)
	lede := len(d.Entities[c.e].Mentions) > 0 && r.firstEntity == c.e
	return append(dst,
		learn.Mix(1, k),
		learn.Mix2(2, k, rank),
		learn.Mix2(3, k, rankType),
		learn.Mix2(4, k, typ),
		learn.Mix2(5, k, isLast),
		learn.Mix2(6, k*16+isLast, rank),
		learn.Mix2(7, k, small(sentDist)),
		learn.Mix2(8, k, small(paraDist)),
		learn.Mix2(9, k, b2u(r.insideQuote(m.Span))),
		learn.Mix2(10, k, small(c.count)),
		learn.Mix2(11, k, spoke),
		learn.Mix2(12, k, b2u(first)),
		learn.Mix2(13, k, b2u(lede)),
		learn.Mix2(14, k, b2u(roleMatch)),
		learn.Mix2(15, k, b2u(len(d.Entities[c.e].Roles) > 0)),
		learn.Mix2(16, k, typ*8+rankType),
		learn.Mix2(17, k, b2u(poss)),
		learn.Mix2(18, k*16+isLast, spoke),
		learn.Mix2(19, k*16+small(sentDist), rank),
		learn.Mix2(20, k*16+b2u(first), small(sentDist)),
		learn.Mix2(21, k, b2u(c.e == rule)),
		learn.Mix2(22, k*16+b2u(c.e == rule), isLast),
		learn.Mix2(23, k, uint64(a.gender)*4+uint64(r.ranker.genderOf(d, c.e))),
	)
}

// pick returns the best candidate's entity for anaphor a, or -1 when no
// entity named before it fits.
func (rk *Ranker) pick(r *resolver, a anaphor, lastSpeaker int) int {
	if rk.M == nil {
		return -1 // a lexicon alone, while training
	}
	r.cands = r.candidates(a, r.cands[:0])
	rule := r.ruleAntecedent(a, lastSpeaker)
	best, bestS, ruleS := -1, float32(0), float32(0)
	var sc [2]float32
	for _, c := range r.cands {
		r.feats = r.rankFeatures(r.feats[:0], a, c, lastSpeaker, rule)
		sc = [2]float32{}
		rk.M.Score(r.feats, sc[:])
		s := sc[1] - sc[0]
		if best < 0 || s > bestS {
			best, bestS = c.e, s
		}
		if c.e == rule {
			ruleS = s
		}
	}
	if rule >= 0 && best != rule && bestS-ruleS < rankMargin {
		return rule // not sure enough to overrule the rules
	}
	return best
}

// RankExample is one training case for the ranker: the features of each
// candidate entity, which one is right, and which one the rules would
// have chosen (-1 for none), to compare the two.
type RankExample struct {
	Kind  int
	Feats [][]learn.Feature
	Gold  int
	Rule  int
}

// Examples resolves the speakers of d as Process does and returns the
// ranker's training cases: each quote whose source is a name already
// mentioned, masked as a pronoun or descriptor (a masked "he" takes the
// gender the lexicon gives the name). d must have been through
// the stages before coreference (segmentation, tagging, attribution).
func Examples(d *quotewire.Document, gender map[string]Gender) []RankExample {
	r := newResolver(d, &Ranker{Gender: gender})
	r.collect = true
	r.clusterNames()
	r.buildTimelines()
	r.speakers()
	return r.examples
}

// masked records the training case for a quote whose source is the name
// mention mi of entity e, with lastSpeaker the speaker before it.
func (r *resolver) masked(mi, e, lastSpeaker int) {
	d := r.d
	m := &d.Mentions[mi]
	// the kind it is masked as: people with a role seen before become
	// "the <role>" half the time (chosen by a hash, so deterministically),
	// others "he"; organisations "the <noun>".
	kind, head := uint64(kindHe), ""
	switch d.Entities[e].Type {
	case quotewire.Organization:
		kind = kindOrgNP
	case quotewire.Place:
		return
	}
	if kind == kindHe && (learn.StringHash(d.ID)^uint64(m.Start))*0x9E3779B97F4A7C15>>63 == 1 {
		for _, mj := range d.Entities[e].Mentions {
			if d.Mentions[mj].Start < m.Start && len(d.Mentions[mj].Roles) > 0 {
				if h := roleHead(d.Mentions[mj].Roles[0]); h != "" {
					kind, head = kindPersonNP, h
				}
				break
			}
		}
	}
	a := r.newAnaphor(m.Start, kind, head)
	if kind == kindHe {
		// the pronoun the writer would have used, as far as the lexicon
		// knows the name's gender
		a.gender = r.ranker.genderOf(d, e)
	}
	cands := r.candidates(a, nil)
	ex := RankExample{Kind: int(kind), Gold: -1, Rule: -1}
	rule := r.ruleAntecedent(a, lastSpeaker)
	for k, c := range cands {
		ex.Feats = append(ex.Feats, r.rankFeatures(nil, a, c, lastSpeaker, rule))
		if c.e == e {
			ex.Gold = k
		}
		if c.e == rule {
			ex.Rule = k
		}
	}
	if ex.Gold >= 0 && len(cands) > 1 {
		r.examples = append(r.examples, ex)
	}
}

// ruleAntecedent is what the rules resolve anaphor a to.
func (r *resolver) ruleAntecedent(a anaphor, lastSpeaker int) int {
	src := quotewire.Span{Start: a.pos, End: a.pos}
	switch a.kind {
	case kindHe:
		return r.antecedent(src, quotewire.Person, lastSpeaker, false, a.gender)
	case kindThey:
		return r.antecedent(src, "", lastSpeaker, false, Unknown)
	case kindIt:
		return r.antecedent(src, quotewire.Organization, lastSpeaker, false, Unknown)
	}
	e := r.byRole(a.head, a.pos)
	if e < 0 && a.kind == kindOrgNP {
		e = r.recent(quotewire.Organization, a.pos)
	}
	if e < 0 && a.kind == kindPersonNP && lastSpeaker >= 0 && r.d.Entities[lastSpeaker].Type == quotewire.Person {
		e = lastSpeaker
	}
	return e
}

// TrainRanker trains a ranker on examples for the given passes: a
// ranking perceptron that, when a wrong candidate outscores the right
// one, moves the weights toward the right one's features and away from
// the wrong one's. rankerBag runs, each over the examples in its own
// order fixed by seed, are averaged into one.
func TrainRanker(exs []RankExample, gender map[string]Gender, epochs int, seed uint64) *Ranker {
	counts := map[learn.Feature]int32{}
	var sum *learn.Perceptron
	for b := 0; b < rankerBag; b++ {
		p := trainRankerRun(exs, epochs, seed+uint64(b)*7919, counts, b == 0)
		if sum == nil {
			sum = p
		} else {
			sum.AddScaled(p, 1)
		}
	}
	sum.Scale(1 / float32(rankerBag))
	return &Ranker{M: sum.Compact(counts, 1, 0), Gender: gender}
}

// rankerBag is how many ranking runs are averaged into the shipped
// ranker: one run's choices between close candidates ("The general said"
// after two generals) moved with any change to what the stages before it
// feed it; six, like the attribution tagger's bag, hold them steady.
const rankerBag = 6

// trainRankerRun trains one ranking perceptron for epochs over the
// examples in the order seed fixes, counting features into counts when
// count is set.
func trainRankerRun(exs []RankExample, epochs int, seed uint64, counts map[learn.Feature]int32, count bool) *learn.Perceptron {
	p := learn.NewPerceptron(2, 16)
	sc := make([]float32, 2)
	for e := 0; e < epochs; e++ {
		for _, i := range learn.Shuffle(len(exs), seed, e) {
			ex := &exs[i]
			best, bestS := -1, float32(0)
			for k, f := range ex.Feats {
				if e == 0 && count {
					for _, x := range f {
						counts[x]++
					}
				}
				for j := range sc {
					sc[j] = 0
				}
				p.Score(f, sc)
				if s := sc[1] - sc[0]; best < 0 || s > bestS {
					best, bestS = k, s
				}
			}
			p.Update(ex.Feats[ex.Gold], 1, 1) // counts the step for averaging
			if best != ex.Gold {
				p.Update(ex.Feats[ex.Gold], 1, 0)
				p.Update(ex.Feats[best], 0, 1)
			}
		}
	}
	p.Average()
	return p
}

// Accuracy returns the share of examples the ranker gets right and the
// share the rules get right.
func (rk *Ranker) Accuracy(exs []RankExample) (ranker, rules float64) {
	if len(exs) == 0 {
		return 0, 0
	}
	var okR, okRules int
	sc := make([]float32, 2)
	for i := range exs {
		ex := &exs[i]
		best, bestS := -1, float32(0)
		for k, f := range ex.Feats {
			sc[0], sc[1] = 0, 0
			rk.M.Score(f, sc)
			if s := sc[1] - sc[0]; best < 0 || s > bestS {
				best, bestS = k, s
			}
		}
		if best == ex.Gold {
			okR++
		}
		if ex.Rule == ex.Gold {
			okRules++
		}
	}
	n := float64(len(exs))
	return float64(okR) / n, float64(okRules) / n
}

// rankMagic starts a ranker file.
const rankMagic = "QWCORF02"

// ErrBadRanker is returned by LoadRanker for a file that is not a ranker.
var ErrBadRanker = errors.New("not a quotewire coreference ranker")

// WriteTo writes the ranker in the format LoadRanker reads.
func (rk *Ranker) WriteTo(w io.Writer) (int64, error) {
	n, err := io.WriteString(w, rankMagic)
	if err != nil {
		return int64(n), err
	}
	m, err := rk.M.WriteTo(w)
	total := int64(n) + m
	if err != nil {
		return total, err
	}
	names := make([]string, 0, len(rk.Gender))
	for name := range rk.Gender {
		names = append(names, name)
	}
	sort.Strings(names)
	buf := binary.AppendUvarint(nil, uint64(len(names)))
	for _, name := range names {
		buf = binary.AppendUvarint(buf, uint64(len(name)))
		buf = append(buf, name...)
		buf = append(buf, byte(rk.Gender[name]))
	}
	k, err := w.Write(buf)
	return total + int64(k), err
}

// LoadRanker reads a ranker written by WriteTo.
func LoadRanker(r io.Reader) (*Ranker, error) {
	// one buffered reader for the whole file: learn.ReadModel reuses it
	// rather than reading ahead of the lexicon
	br := bufio.NewReader(r)
	magic := make([]byte, len(rankMagic))
	if _, err := io.ReadFull(br, magic); err != nil || !bytes.Equal(magic, []byte(rankMagic)) {
		return nil, ErrBadRanker
	}
	m, err := learn.ReadModel(br)
	if err != nil {
		return nil, fmt.Errorf("coreference ranker: %w", err)
	}
	if m.Classes != 2 {
		return nil, fmt.Errorf("%w: %d classes", ErrBadRanker, m.Classes)
	}
	n, err := binary.ReadUvarint(br)
	if err != nil || n > 1<<20 {
		return nil, fmt.Errorf("%w: gender lexicon: bad length", ErrBadRanker)
	}
	lex := make(map[string]Gender, n)
	for i := uint64(0); i < n; i++ {
		l, err := binary.ReadUvarint(br)
		if err != nil || l > 256 {
			return nil, fmt.Errorf("%w: gender lexicon entry %d", ErrBadRanker, i)
		}
		b := make([]byte, l+1)
		if _, err := io.ReadFull(br, b); err != nil || Gender(b[l]) > Female {
			return nil, fmt.Errorf("%w: gender lexicon entry %d", ErrBadRanker, i)
		}
		lex[string(b[:l])] = Gender(b[l])
	}
	return &Ranker{M: m, Gender: lex}, nil
}
