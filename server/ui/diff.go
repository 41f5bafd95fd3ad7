package ui

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Diff operations.
const (
	opEqual  = "same" // in both texts
	opInsert = "ins"  // only in the new text
	opDelete = "del"  // only in the old text
)

// wordOp is one token of a diff (a word, or one punctuation mark) and
// what happened to it.
type wordOp struct {
	Op   string
	Text string
	// Space is true when a space comes before the token in its text.
	Space bool
}

// token is a word or a punctuation mark of a text; key is what it is
// compared by.
type token struct {
	text, key string
	space     bool
}

// maxDiffCells bounds the table the longest-common-subsequence diff
// fills: past it, the changed middle is shown as replaced wholesale.
const maxDiffCells = 1 << 20

// diffWords compares new with old token by token (words, and each
// punctuation mark on its own, so a quotation mark does not change the
// word it touches) and returns new's tokens in order, with old's missing
// tokens where they were: a longest common subsequence, after the common
// beginning and end are set aside. Tokens are compared without regard to
// case or to the style of quotation marks and apostrophes.
func diffWords(old, new string) []wordOp {
	a, b := tokenize(old), tokenize(new)
	var out []wordOp
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre].key == b[pre].key {
		out = append(out, same(a[pre], b[pre]))
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf].key == b[len(b)-1-suf].key {
		suf++
	}
	out = append(out, lcsDiff(a[pre:len(a)-suf], b[pre:len(b)-suf])...)
	for k := suf; k > 0; k-- {
		out = append(out, same(a[len(a)-k], b[len(b)-k]))
	}
	if len(out) > 0 {
		out[0].Space = false
	}
	return out
}

// same is a token both texts have, shown as new has it, with a space
// before it when either text has one (so that it stays apart from a
// deleted word before it).
func same(old, new token) wordOp {
	return wordOp{opEqual, new.text, old.space || new.space}
}

// lcsDiff diffs the middles by a longest common subsequence, deletions
// before insertions where both happen at one place.
func lcsDiff(a, b []token) []wordOp {
	var out []wordOp
	del := func(t token) { out = append(out, wordOp{opDelete, t.text, t.space}) }
	ins := func(t token) { out = append(out, wordOp{opInsert, t.text, t.space}) }
	if len(a) == 0 || len(b) == 0 || (len(a)+1)*(len(b)+1) > maxDiffCells {
		for _, t := range a {
			del(t)
		}
		for _, t := range b {
			ins(t)
		}
		return out
	}
	// l[i*(m+1)+j] is the length of the LCS of a[i:] and b[j:]
	n, m := len(a), len(b)
	l := make([]int32, (n+1)*(m+1))
	at := func(i, j int) int32 { return l[i*(m+1)+j] }
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i].key == b[j].key {
				l[i*(m+1)+j] = at(i+1, j+1) + 1
			} else {
				l[i*(m+1)+j] = max(at(i+1, j), at(i, j+1))
			}
		}
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i].key == b[j].key:
			out = append(out, same(a[i], b[j]))
			i++
			j++
		case at(i+1, j) >= at(i, j+1):
			del(a[i])
			i++
		default:
			ins(b[j])
			j++
		}
	}
	for ; i < n; i++ {
		del(a[i])
	}
	for ; j < m; j++ {
		ins(b[j])
	}
	return out
}

// tokenize splits s into words (letters, digits and marks, with the
// apostrophes inside them: "don’t") and single punctuation marks.
func tokenize(s string) []token {
	var out []token
	space := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			space = true
			i += n
			continue
		}
		j := i + n
		if isWordRune(r) {
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if isWordRune(r2) {
					j += n2
					continue
				}
				if isApostrophe(r2) && j+n2 < len(s) {
					if r3, _ := utf8.DecodeRuneInString(s[j+n2:]); isWordRune(r3) {
						j += n2
						continue
					}
				}
				break
			}
		}
		out = append(out, token{text: s[i:j], key: tokenKey(s[i:j]), space: space})
		space = false
		i = j
	}
	return out
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// tokenKey is what a token is compared by: lower case, with curly
// quotation marks and apostrophes made straight.
func tokenKey(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '“', '”', '„', '«', '»', '‟':
			return '"'
		case '‘', '’', '‚', 'ʼ', '‛':
			return '\''
		}
		return unicode.ToLower(r)
	}, s)
}
