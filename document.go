package quotewire

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// TokenKind classifies a token by its surface form.
type TokenKind uint8

// Token kinds.
const (
	// Word is a run of letters and digits, possibly with inner
	// apostrophes, hyphens or dots ("don't", "al-Nusra", "U.S.").
	Word TokenKind = iota
	// Number is a word that starts with a digit ("16th", "2017", "3.5").
	Number
	// Punct is a single punctuation or symbol character other than a quote mark.
	Punct
	// QuoteMark is a quotation mark: " “ ” ‘ ’ ' « » „ ‚ ‹ ›.
	QuoteMark
)

// Token is one word, number or punctuation mark of a Document.
// Text is a slice of Document.Text (no copy); Lower is its lower-case form.
type Token struct {
	Span
	Kind TokenKind
	// Text is the token's bytes in Document.Text.
	Text string
	// Lower is Text in lower case (the same string when already lower-case).
	Lower string
	// Sentence is the index of the sentence the token belongs to.
	Sentence int
}

// IsCapitalized reports whether the token is a word that starts with an
// upper-case letter.
func (t *Token) IsCapitalized() bool {
	if t.Kind != Word || t.Text == "" {
		return false
	}
	c := t.Text[0]
	if c < 0x80 {
		return c >= 'A' && c <= 'Z'
	}
	return t.Lower[:1] != t.Text[:1]
}

// Sentence is one sentence: its span and the half-open range of token
// indices [First, Last) it covers.
type Sentence struct {
	Span
	First, Last int
	// Paragraph is the index of the paragraph holding the sentence.
	Paragraph int
}

// QuoteKind is the kind of a quote: direct, indirect or mixed.
type QuoteKind string

// Quote kinds.
const (
	// Direct is a verbatim quotation inside quotation marks.
	Direct QuoteKind = "direct"
	// Indirect is reported speech with no quotation marks.
	Indirect QuoteKind = "indirect"
	// Mixed is reported speech that quotes part of the words verbatim.
	Mixed QuoteKind = "mixed"
)

// EntityType is the type of a named entity.
type EntityType string

// Entity types.
const (
	Person       EntityType = "person"
	Organization EntityType = "organization"
	Place        EntityType = "place"
	// Group is several people or bodies the article does not name
	// ("residents", "officials"): only anonymous speakers have it.
	Group EntityType = "group"
	// Work is a named document, law or agreement ("the U.S.
	// Constitution", "the Affordable Care Act", "the Paris Agreement"):
	// what quotes are about, neither a person, a body nor a place.
	Work EntityType = "work"
)

// MentionKind says how a mention refers to its entity.
type MentionKind uint8

// Mention kinds.
const (
	// NameMention is a proper name, possibly with a title ("Russian Foreign
	// Minister Sergey Lavrov", "Lavrov").
	NameMention MentionKind = iota
	// PronounMention is a personal pronoun ("he", "she", "they").
	PronounMention
	// DescriptorMention is a definite description ("the minister").
	DescriptorMention
)

// Mention is one place in the text that refers to an entity.
type Mention struct {
	Span
	Kind MentionKind
	// Head is the span of the name or head noun alone, without title or
	// determiner ("Sergey Lavrov" in "Russian Foreign Minister Sergey Lavrov").
	Head Span
	// Type is the entity type the mention suggests, where known.
	Type EntityType
	// Roles are the titles and appositions attached to this mention.
	Roles []string
	// Entity is the index in Document.Entities of the entity the mention
	// resolves to, or -1 when unresolved.
	Entity int
}

// Entity is a person, organisation or place the document mentions.
type Entity struct {
	// ID is stable within the document ("e1", "e2", ...).
	ID string
	// Name is the fullest name seen ("Sergey Lavrov").
	Name string
	Type EntityType
	// Roles are titles and appositions seen with the entity, deduplicated,
	// in order of first appearance.
	Roles []string
	// Mentions are indices into Document.Mentions, in text order.
	Mentions []int
	// Anonymous is true for a speaker the article never names: Name is then
	// the descriptor that stands for them ("spokesman for the ministry",
	// "local residents"), and stores keep such speakers to their article.
	Anonymous bool
}

// Act is what an attributed proposition does: state, ask, direct,
// believe or evaluate (docs/ANNOTATION.md has the decision rules).
type Act string

// Acts.
const (
	// Statement is saying, telling, writing, announcing ("said", "according to").
	Statement Act = "statement"
	// Question is asking ("asked whether …").
	Question Act = "question"
	// Directive is urging or ordering someone to act ("urged X to …", "called on X to …").
	Directive Act = "directive"
	// Belief is a mental state ("believe", "think", "expect", "hope").
	Belief Act = "belief"
	// Evaluation is praise, criticism, thanks, denial of a noun phrase,
	// describing something as something ("praised", "described it as …").
	Evaluation Act = "evaluation"
	// OtherAct is an attribution of none of the kinds above.
	OtherAct Act = "other"
)

// Quote is one attributed statement.
type Quote struct {
	Kind QuoteKind
	// Act is what the quote does; "" until the attribution stage sets it
	// (read as Statement).
	Act Act
	// Content is the statement: one span, or several when it is interrupted
	// by its attribution (`"A," he said, "B."`), in text order.
	Content []Span
	// Cue is the speech verb or phrase ("said", "according to"), if any.
	Cue *Span
	// Source is the mention that names the speaker, if any.
	Source *Span
	// Mention is the index in Document.Mentions of the source mention, or -1.
	Mention int
	// Speaker is the index in Document.Entities of the resolved speaker, or -1.
	Speaker int
	// Confidence is the extractor's belief that the quote and its speaker
	// are right, in [0, 1].
	Confidence float64
	// Continued is true when the quote has no cue of its own and continues
	// the speaker of an earlier quote.
	Continued bool
	// Via is the outlet or person who relayed the statement ("…, the
	// newspaper reported"), when Speaker is someone else; nil otherwise.
	Via *Relay
}

// Relay is who passed a statement on: the mention that names them and the
// entity it resolves to (index in Document.Entities, or -1).
type Relay struct {
	Source Span
	Entity int
}

// Extent returns the span from the start of the first content part to the
// end of the last.
func (q *Quote) Extent() Span {
	if len(q.Content) == 0 {
		return Span{}
	}
	return Span{q.Content[0].Start, q.Content[len(q.Content)-1].End}
}

// Repeat is a sentence that occurs more than once in a document.
type Repeat struct {
	Text  string
	Count int
	// Spans are the places it occurs.
	Spans []Span
}

// Document is an Article under analysis: the article plus every annotation
// the stages add. Stages read what earlier stages wrote and add their own;
// all spans index Text.
type Document struct {
	Article
	// Dateline is the place of the dateline ("KRASNODAR"), and DatelineSpan
	// the span of the whole dateline prefix ("KRASNODAR, October 4. /TASS/.").
	Dateline     string
	DatelineSpan Span
	// Agency is the news agency named in the dateline ("TASS").
	Agency string
	// Body is where the story proper starts and ends, after the dateline.
	Body Span

	Paragraphs []Span
	Sentences  []Sentence
	Tokens     []Token
	// POS holds each token's Penn Treebank part of speech ("NNP", "VBD"),
	// by token index, where a part-of-speech tagger ran; it is nil
	// otherwise. A layer of its own, not a field of Token, so that a
	// document tagged without it (the default) pays nothing for it.
	POS []string
	// QuoteSpans are the spans of text inside quotation marks, marks
	// included, found by the quote finder, in text order.
	QuoteSpans []Span
	Mentions   []Mention
	Entities   []Entity
	Quotes     []Quote
	Repeats    []Repeat
}

// NewDocument returns a Document for a, with Body covering the whole text.
func NewDocument(a Article) *Document {
	return &Document{Article: a, Body: Span{0, len(a.Text)}}
}

// TokensIn returns the tokens that overlap sp as the index range
// [first, end): TokenAt for the first, then a gallop forward from it
// (spans are short: a few probes next to the first).
func (d *Document) TokensIn(sp Span) (first, end int) {
	first = d.TokenAt(sp.Start)
	toks := d.Tokens
	// the least k >= first with toks[k].Start >= sp.End: toks[lo] is known
	// to start before sp.End, toks[hi] (or the end) not to
	if first == len(toks) || toks[first].Start >= sp.End {
		return first, first
	}
	lo, hi := first, first+1
	for step := 1; hi < len(toks) && toks[hi].Start < sp.End; step *= 2 {
		lo, hi = hi, min(hi+step, len(toks))
	}
	for hi-lo > 1 {
		m := int(uint(lo+hi) >> 1)
		if toks[m].Start < sp.End {
			lo = m
		} else {
			hi = m
		}
	}
	return first, hi
}

// TokenAt returns the index of the first token whose end is after off, or
// len(Tokens) when there is none. Tokens follow one another through the
// text at a fairly even pace, so the search starts where off's share of
// the text puts it and gallops out from there until it has the answer
// between two probes: a few loads near one place of the slice instead of
// a binary search's dozen across it (TokenAt was 5% of extraction's time).
func (d *Document) TokenAt(off int) int {
	toks := d.Tokens
	n := len(toks)
	if n == 0 || toks[n-1].End <= off {
		return n
	}
	if toks[0].End > off {
		return 0
	}
	// now 0 < answer <= n-1 and 0 <= off < toks[n-1].End; keep
	// toks[lo].End <= off < toks[hi].End
	g := int(uint64(off) * uint64(n) / uint64(toks[n-1].End)) // 0..n-1
	var lo, hi int
	if toks[g].End <= off {
		lo, hi = g, g+1 // toks[n-1] ends past off, so hi stops there at most
		for step := 1; toks[hi].End <= off; step *= 2 {
			lo, hi = hi, min(hi+step, n-1)
		}
	} else {
		lo, hi = g-1, g // toks[0] ends at or before off, so lo stops there at least
		for step := 1; toks[lo].End > off; step *= 2 {
			lo, hi = max(lo-step, 0), lo
		}
	}
	for hi-lo > 1 {
		m := int(uint(lo+hi) >> 1)
		if toks[m].End <= off {
			lo = m
		} else {
			hi = m
		}
	}
	return hi
}

// WordsIn counts the word tokens that overlap spans.
func (d *Document) WordsIn(spans []Span) int {
	n := 0
	for _, sp := range spans {
		for i, end := d.TokensIn(sp); i < end; i++ {
			if d.Tokens[i].Kind == Word {
				n++
			}
		}
	}
	return n
}

// MarkTokens sets marks[i] for each token i that overlaps spans; marks
// has one entry per token.
func (d *Document) MarkTokens(marks []bool, spans []Span) {
	for _, sp := range spans {
		for i, end := d.TokensIn(sp); i < end; i++ {
			marks[i] = true
		}
	}
}

// KindOf types content by its quotation marks: direct when every part is
// exactly a quotation (its marks, straight or curly, and spaces aside),
// mixed when a part holds one, indirect otherwise.
func (d *Document) KindOf(content []Span) QuoteKind {
	direct, mixed := true, false
	qs := d.QuoteSpans
	for _, c := range content {
		exact := false
		c := d.trimMarks(c)
		// quotation spans are in text order; look from the last one
		// starting before the part's end back a few (nested quotations)
		k := sort.Search(len(qs), func(k int) bool { return qs[k].Start >= c.End })
		for j := k - 1; j >= 0 && j >= k-4; j-- {
			if qs[j].Overlaps(c) {
				mixed = true
				if in := d.trimMarks(qs[j]); absInt(in.Start-c.Start) <= 1 && absInt(in.End-c.End) <= 1 {
					exact = true
				}
			}
		}
		direct = direct && exact
	}
	switch {
	case direct:
		return Direct
	case mixed:
		return Mixed
	}
	return Indirect
}

// trimMarks returns c without the quotation marks and spaces at its ends.
func (d *Document) trimMarks(c Span) Span {
	const marks = "\"“”‘’«»' "
	for c.Start < c.End {
		r, n := utf8.DecodeRuneInString(d.Text[c.Start:c.End])
		if !strings.ContainsRune(marks, r) {
			break
		}
		c.Start += n
	}
	for c.End > c.Start {
		r, n := utf8.DecodeLastRuneInString(d.Text[c.Start:c.End])
		if !strings.ContainsRune(marks, r) {
			break
		}
		c.End -= n
	}
	return c
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
