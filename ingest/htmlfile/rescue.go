package htmlfile

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/quotewire/quotewire/ingest/internal/htmltext"
)

// minMainText is the length, in characters, under which trafilatura's
// main extraction is deemed to have missed the article and rescue runs:
// the library's own MinExtractedSize.
const minMainText = 250

// minRescueText is the length, in characters, a JSON-LD article body or
// an <article> element needs to be chosen by rescue.
const minRescueText = 100

// rescue finds the text of a page whose main extraction came out short,
// as trafilatura's baseline does: the articleBody of the page's JSON-LD,
// else the text of its <article> element, else the text of its <body>
// without navigation, headers, footers, asides and forms. It returns ""
// when the page has no text.
func rescue(doc *html.Node) string {
	var body, article *html.Node
	var bodies []string
	walkElements(doc, func(n *html.Node) {
		switch {
		case n.DataAtom == atom.Script && isJSONLD(n):
			if s := jsonLDBody(n); s != "" {
				bodies = append(bodies, s)
			}
		case n.DataAtom == atom.Article && article == nil:
			article = n
		case n.DataAtom == atom.Body && body == nil:
			body = n
		}
	})
	if s := strings.Join(bodies, "\n\n"); utf8.RuneCountInString(s) > minRescueText {
		return s
	}
	if article != nil {
		if s := htmltext.Text(article); utf8.RuneCountInString(s) > minRescueText {
			return s
		}
	}
	if body == nil {
		return ""
	}
	b := htmltext.Builder{Skip: boilerplate}
	b.Walk(body)
	return b.String()
}

// boilerplate holds the elements rescue leaves out of a page's body.
var boilerplate = map[atom.Atom]bool{
	atom.Nav: true, atom.Header: true, atom.Footer: true, atom.Aside: true,
	atom.Form: true,
}

// walkElements calls fn on every element under root, in document order,
// without recursion.
func walkElements(root *html.Node, fn func(*html.Node)) {
	stack := []*html.Node{root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Type == html.ElementNode {
			fn(n)
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
}

// isJSONLD reports whether the script element n holds JSON-LD.
func isJSONLD(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key == "type" && strings.EqualFold(strings.TrimSpace(a.Val), "application/ld+json") {
			return true
		}
	}
	return false
}

// jsonLDBody returns the text of the first articleBody in the JSON-LD
// script n, or "". A body with HTML markup is reduced to its text; a plain
// one keeps a paragraph per line.
func jsonLDBody(n *html.Node) string {
	var src strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			src.WriteString(c.Data)
		}
	}
	var v any
	if err := json.Unmarshal([]byte(src.String()), &v); err != nil {
		return ""
	}
	body := findArticleBody(v, 0)
	if body == "" {
		return ""
	}
	if strings.Contains(body, "<") {
		frag, err := html.Parse(strings.NewReader(body))
		if err == nil {
			return htmltext.Text(frag)
		}
	}
	var b htmltext.Builder
	for _, line := range strings.Split(body, "\n") {
		b.Write(line)
		b.Flush()
	}
	return b.String()
}

// findArticleBody returns the first non-blank string under a key
// "articleBody" (in any case) in v, looking at most 32 levels deep.
func findArticleBody(v any, depth int) string {
	if depth > 32 {
		return ""
	}
	switch v := v.(type) {
	case map[string]any:
		keys := slices.Sorted(maps.Keys(v))
		for _, k := range keys {
			if s, ok := v[k].(string); ok && strings.EqualFold(k, "articleBody") && strings.TrimSpace(s) != "" {
				return s
			}
		}
		for _, k := range keys {
			if s := findArticleBody(v[k], depth+1); s != "" {
				return s
			}
		}
	case []any:
		for _, x := range v {
			if s := findArticleBody(x, depth+1); s != "" {
				return s
			}
		}
	}
	return ""
}
