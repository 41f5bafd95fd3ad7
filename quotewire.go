// Package quotewire holds the domain types of quotewire: articles, the
// byte-offset spans that annotate them, tokens, sentences, entities and the
// quotes attributed to speakers, together with the small stage interfaces
// and the Pipeline that chains stages into an extractor.
//
// Every annotation is a Span into one text, Document.Text, and that text is
// the text quotewire outputs: for any span s, Text[s.Start:s.End] is the
// span's text. The package imports only the standard library; the stages
// that fill a Document live in sub-packages (text, meta, tag, attrib, coref,
// dedup) and the default pipeline is assembled by package engine.
package quotewire

import "fmt"

// Span is a half-open range [Start, End) of UTF-8 byte offsets into a text.
// A valid span has 0 <= Start <= End <= len(text) and both ends on rune
// boundaries.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len returns the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// IsEmpty reports whether the span covers no bytes.
func (s Span) IsEmpty() bool { return s.End <= s.Start }

// Contains reports whether o lies entirely inside s.
func (s Span) Contains(o Span) bool { return s.Start <= o.Start && o.End <= s.End }

// Overlaps reports whether s and o share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// In returns the text the span covers in text.
func (s Span) In(text string) string { return text[s.Start:s.End] }

// String formats the span as [start,end).
func (s Span) String() string { return fmt.Sprintf("[%d,%d)", s.Start, s.End) }

// Origin says where an article came from: the input file and, for
// multi-record inputs, the 1-based line (JSON Lines) or record number
// (formats whose records span lines).
type Origin struct {
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Record int    `json:"record,omitempty"`
}

// String formats the origin for messages: "file line N", "file record N"
// or "file".
func (o Origin) String() string {
	switch {
	case o.Line > 0:
		return fmt.Sprintf("%s line %d", o.File, o.Line)
	case o.Record > 0:
		return fmt.Sprintf("%s record %d", o.File, o.Record)
	}
	return o.File
}

// Article is one news article as a reader produced it: an identifier,
// optional metadata and the body text every later offset refers to.
type Article struct {
	// ID identifies the article: a JSON Lines record's id, or a file's
	// name without its extension.
	ID string
	// Title is the headline, where the input has one.
	Title string
	// Date is the publication date as YYYY-MM-DD, where the input states it.
	Date string
	// URL is the article's address, where the input has one.
	URL string
	// Text is the body. Readers may drop a header (such as the " date
	// YYYY-MM-DD" line some archives add) but must never alter the body
	// of a JSON Lines record, whose offsets users line up with their own.
	Text string
	// Origin says where the article was read from.
	Origin Origin
}
