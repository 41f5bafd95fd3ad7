package htmlfile

import (
	"bytes"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

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
