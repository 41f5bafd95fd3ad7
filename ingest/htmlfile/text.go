package htmlfile

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockText returns the text of the tree under n: one paragraph per block
// element, white space collapsed inside paragraphs, <br> as "\n", and
// paragraphs joined by "\n\n". Scripts, styles and other non-text
// elements are skipped, soft hyphens and NUL bytes dropped and invalid
// UTF-8 replaced, so the result is valid UTF-8 with no NUL byte. It
// returns "" when there is no text.
func blockText(n *html.Node) string {
	var b textBuilder
	b.walk(n)
	b.flush()
	return strings.Join(b.paras, "\n\n")
}

// textBuilder collects paragraphs.
type textBuilder struct {
	paras []string
	cur   strings.Builder
	space bool               // white space seen since the last character written
	skip  map[atom.Atom]bool // elements to leave out, besides those in skipped
}

// walk adds the text under n, iteratively so deep trees cannot exhaust
// the stack.
func (b *textBuilder) walk(root *html.Node) {
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
			b.flush()
			continue
		}
		switch n.Type {
		case html.TextNode:
			b.text(n.Data)
			continue
		case html.ElementNode:
			if skipped[n.DataAtom] || b.skip[n.DataAtom] {
				continue
			}
			if n.DataAtom == atom.Br {
				b.lineBreak()
				continue
			}
			if block[n.DataAtom] {
				b.flush()
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

// text adds the character data s to the current paragraph.
func (b *textBuilder) text(s string) {
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
func (b *textBuilder) lineBreak() {
	if b.cur.Len() > 0 && !b.atLineStart() {
		b.cur.WriteByte('\n')
	}
	b.space = false
}

// atLineStart reports whether the current paragraph ends with "\n".
func (b *textBuilder) atLineStart() bool {
	s := b.cur.String()
	return len(s) > 0 && s[len(s)-1] == '\n'
}

// flush ends the current paragraph.
func (b *textBuilder) flush() {
	p := strings.TrimSpace(b.cur.String()) // also NBSP and other Unicode spaces
	if p != "" {
		b.paras = append(b.paras, p)
	}
	b.cur.Reset()
	b.space = false
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

// nesting reports whether the elements of the HTML in data stay within
// max levels of nesting, modelling the parser's stack of open elements on
// the tags alone: void elements and those a sibling closes implicitly
// (p, li, td, option…) do not count, and an end tag closes every element
// opened after its match. It stops reading as soon as the depth passes
// max.
func nesting(data []byte, max int) bool {
	z := html.NewTokenizer(bytes.NewReader(data))
	var stack []string
	open := map[string]int{}
	for {
		switch z.Next() {
		case html.ErrorToken:
			return true
		case html.StartTagToken:
			name, _ := z.TagName()
			if flat[atom.Lookup(name)] {
				continue
			}
			s := string(name)
			stack = append(stack, s)
			open[s]++
			if len(stack) > max {
				return false
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			s := string(name)
			if open[s] == 0 {
				continue
			}
			for {
				top := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				open[top]--
				if top == s {
					break
				}
			}
		}
	}
}

// flat holds the elements nesting does not count: void elements, and
// elements whose end tag is optional because the next sibling closes
// them.
var flat = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true,
	atom.Embed: true, atom.Hr: true, atom.Img: true, atom.Input: true,
	atom.Link: true, atom.Meta: true, atom.Param: true, atom.Source: true,
	atom.Track: true, atom.Wbr: true,
	atom.P: true, atom.Li: true, atom.Dt: true, atom.Dd: true,
	atom.Option: true, atom.Optgroup: true, atom.Tr: true, atom.Td: true,
	atom.Th: true, atom.Thead: true, atom.Tbody: true, atom.Tfoot: true,
	atom.Rb: true, atom.Rt: true, atom.Rp: true, atom.Rtc: true,
	atom.Colgroup: true, atom.Caption: true,
	atom.Html: true, atom.Head: true, atom.Body: true,
}
