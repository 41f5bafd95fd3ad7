package feed

import (
	"fmt"
	"html"
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/quotewire/quotewire/ingest/internal/htmltext"
)

// body is the context the HTML of an item is parsed in.
var body = &xhtml.Node{Type: xhtml.ElementNode, Data: "body", DataAtom: atom.Body}

// notText holds the elements, besides those package htmltext leaves out,
// whose content is not part of an item's text: in a body, where an item's
// HTML is parsed, a <title> is kept as an element.
var notText = map[atom.Atom]bool{atom.Title: true}

// itemText returns the plain text of an item's content or description s, as
// the package comment describes: HTML becomes paragraphs separated by
// "\n\n", and text without tags keeps its blank-line paragraphs, its
// entities decoded. The result is valid UTF-8 with no NUL byte, and ""
// when s has no text. The error is the HTML parser's, for markup it
// refuses (elements nested more than 512 deep).
func itemText(s string) (string, error) {
	if strings.TrimSpace(s) == "" {
		return "", nil
	}
	b := htmltext.Builder{Skip: notText}
	if !hasMarkup(s) {
		for _, para := range paragraphs(s) {
			b.Write(html.UnescapeString(para))
			b.Flush()
		}
		return b.String(), nil
	}
	nodes, err := xhtml.ParseFragment(strings.NewReader(s), body)
	if err != nil {
		return "", fmt.Errorf("parse html: %w", err)
	}
	for _, n := range nodes {
		b.Walk(n)
	}
	return b.String(), nil
}

// inline returns s, which may hold HTML, as one line of plain text: the
// paragraphs itemText finds joined by spaces, or, when the HTML parser
// refuses s, s itself with its white space collapsed.
func inline(s string) string {
	t, err := itemText(s)
	if err != nil {
		var b htmltext.Builder
		b.Write(s)
		return b.String()
	}
	if strings.Contains(t, "\n") {
		t = strings.Join(strings.Fields(t), " ")
	}
	return t
}

// hasMarkup reports whether s holds something that looks like a tag, a
// comment or a declaration: "<" followed by a letter, "/", "!" or "?".
func hasMarkup(s string) bool {
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 || i+1 == len(s) {
			return false
		}
		c := s[i+1]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '/' || c == '!' || c == '?' {
			return true
		}
		s = s[i+1:]
	}
}

// paragraphs splits s at blank lines.
func paragraphs(s string) []string {
	var paras []string
	var cur strings.Builder
	for line := range strings.Lines(s) {
		if strings.TrimSpace(line) == "" {
			if cur.Len() > 0 {
				paras = append(paras, cur.String())
				cur.Reset()
			}
			continue
		}
		cur.WriteString(line)
	}
	if cur.Len() > 0 {
		paras = append(paras, cur.String())
	}
	return paras
}
