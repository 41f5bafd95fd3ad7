// Package htmltext turns parsed HTML into the plain text quotewire's
// readers output: one paragraph per block element (p, h1–h6, li,
// blockquote, tr and so on), white space collapsed inside a paragraph as a
// browser would, <br> kept as "\n", soft hyphens and NUL bytes dropped,
// invalid UTF-8 replaced, and paragraphs separated by a blank line
// ("\n\n"). Scripts, styles and other elements whose content is never
// text are left out. Entities are decoded by the HTML parser, before the
// tree reaches this package.
package htmltext

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Text returns the text of the tree under n, as the package comment
// describes. The result is valid UTF-8 with no NUL byte; it is "" when
// there is no text.
func Text(n *html.Node) string {
	var b Builder
	b.Walk(n)
	return b.String()
}

// Builder collects the paragraphs of a text. The zero value is ready to
// use; a Builder must not be copied after use.
type Builder struct {
	// Skip holds elements to leave out, besides those whose content is
	// never text.
	Skip map[atom.Atom]bool

	paras []string
	cur   strings.Builder
	space bool // white space seen since the last character written
}

// Walk adds the text under root, iteratively so deep trees cannot exhaust
// the stack. Block elements end the current paragraph where they start
// and end.
func (b *Builder) Walk(root *html.Node) {
	type frame struct {
		n     *html.Node
		leave bool
	}
	stack := []frame{{n: root}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := f.n
		if f.leave {
			b.Flush()
			continue
		}
		switch n.Type {
		case html.TextNode:
			b.Write(n.Data)
			continue
		case html.ElementNode:
			if skipped[n.DataAtom] || b.Skip[n.DataAtom] {
				continue
			}
			if n.DataAtom == atom.Br {
				b.lineBreak()
				continue
			}
			if block[n.DataAtom] {
				b.Flush()
				stack = append(stack, frame{n: n, leave: true})
			}
		case html.DocumentNode:
		default: // comments, doctypes
			continue
		}
		// Push children in reverse so the first is visited first.
		var kids []*html.Node
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			kids = append(kids, c)
		}
		for i := len(kids) - 1; i >= 0; i-- {
			stack = append(stack, frame{n: kids[i]})
		}
	}
}

// Write adds the character data s, with entities already decoded, to the
// current paragraph, collapsing its white space.
func (b *Builder) Write(s string) {
	for i := 0; i < len(s); {
		c := s[i]
		switch c {
		case ' ', '\t', '\n', '\r', '\f':
			b.space = true
			i++
			continue
		case 0:
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if r == '\u00AD' { // soft hyphen
			continue
		}
		if b.space && b.cur.Len() > 0 && !b.atLineStart() {
			b.cur.WriteByte(' ')
		}
		b.space = false
		if r == utf8.RuneError && n == 1 {
			b.cur.WriteString("\uFFFD")
			continue
		}
		b.cur.WriteString(s[i-n : i])
	}
}

// lineBreak adds a "\n" to the current paragraph, unless it is empty.
func (b *Builder) lineBreak() {
	if b.cur.Len() > 0 && !b.atLineStart() {
		b.cur.WriteByte('\n')
	}
	b.space = false
}

// atLineStart reports whether the current paragraph ends with "\n".
func (b *Builder) atLineStart() bool {
	s := b.cur.String()
	return len(s) > 0 && s[len(s)-1] == '\n'
}

// Flush ends the current paragraph. A paragraph with nothing but white
// space is dropped.
func (b *Builder) Flush() {
	p := strings.TrimSpace(b.cur.String()) // also NBSP and other Unicode spaces
	if p != "" {
		b.paras = append(b.paras, p)
	}
	b.cur.Reset()
	b.space = false
}

// Paragraphs ends the current paragraph and returns all of them. The
// slice is the Builder's own: it changes when more text is added.
func (b *Builder) Paragraphs() []string {
	b.Flush()
	return b.paras
}

// String ends the current paragraph and returns the paragraphs joined by
// "\n\n".
func (b *Builder) String() string {
	return strings.Join(b.Paragraphs(), "\n\n")
}

// block holds the elements that start and end a paragraph.
var block = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Caption: true, atom.Center: true, atom.Dd: true,
	atom.Details: true, atom.Dialog: true, atom.Div: true, atom.Dl: true,
	atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true,
	atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true,
	atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.Html: true,
	atom.Legend: true, atom.Li: true, atom.Main: true, atom.Nav: true,
	atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true,
	atom.Summary: true, atom.Table: true, atom.Tbody: true, atom.Td: true,
	atom.Tfoot: true, atom.Th: true, atom.Thead: true, atom.Tr: true,
	atom.Ul: true,
}

// skipped holds the elements whose content is never text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Svg: true,
	atom.Math: true, atom.Canvas: true, atom.Head: true, atom.Select: true,
	atom.Textarea: true, atom.Button: true,
}
