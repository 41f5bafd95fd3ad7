package quotewire

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// QueryOp is the kind of a QueryNode.
type QueryOp uint8

// Query node kinds.
const (
	// QTerm matches a word, or every word starting with it when Prefix.
	QTerm QueryOp = iota
	// QPhrase matches its words in a row.
	QPhrase
	// QAnd matches when all of Args match.
	QAnd
	// QOr matches when any of Args matches.
	QOr
	// QNot matches when Args[0] matches and Args[1] does not.
	QNot
)

// QueryNode is a parsed full-text query (see ParseQuery); each store
// renders it in its own search syntax, so user text never reaches SQL as
// syntax.
type QueryNode struct {
	Op QueryOp
	// Words are the words of a term (one) or phrase (several), as typed.
	Words []string
	// Prefix marks a term typed with a trailing "*".
	Prefix bool
	Args   []*QueryNode
}

// ParseQuery parses a search query: words (all must match), "exact
// phrases", OR between alternatives (AND may be written but is the
// default), a leading - or NOT to exclude ("lavrov -syria", "lavrov NOT
// syria"), a trailing * for a prefix ("negotiat*"), parentheses to group.
// Operators are upper-case; lower-case "or" and "not" are ordinary words.
// A malformed query gives an error wrapping ErrBadQuery that says what to
// fix and where.
func ParseQuery(s string) (*QueryNode, error) {
	p := &queryParser{src: s}
	if err := p.lex(); err != nil {
		return nil, err
	}
	if len(p.toks) == 0 {
		return nil, fmt.Errorf("%w: the query is empty: type words to look for", ErrBadQuery)
	}
	n, err := p.or()
	if err != nil {
		return nil, err
	}
	if p.i < len(p.toks) {
		t := p.toks[p.i]
		return nil, fmt.Errorf("%w: unexpected %q at position %d: a closing parenthesis without an opening one?", ErrBadQuery, t.text, t.pos+1)
	}
	return n, nil
}

type qtok struct {
	kind   byte // 'w' word, 'p' phrase, '(', ')', '|' OR, '&' AND, '-' NOT
	text   string
	words  []string
	prefix bool
	pos    int
}

type queryParser struct {
	src  string
	toks []qtok
	i    int
}

// lex splits the query into tokens.
func (p *queryParser) lex() error {
	s := p.src
	if !utf8.ValidString(s) {
		for i := 0; i < len(s); {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				return fmt.Errorf("%w: the query is not valid UTF-8 (byte %d)", ErrBadQuery, i+1)
			}
			i += n
		}
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
		case r == '(' || r == ')':
			p.toks = append(p.toks, qtok{kind: byte(r), text: string(r), pos: i})
			i++
		case r == '"' || r == '“' || r == '”':
			j := i + n
			end := -1
			for k := j; k < len(s); {
				r2, n2 := utf8.DecodeRuneInString(s[k:])
				if r2 == '"' || r2 == '“' || r2 == '”' {
					end = k
					break
				}
				k += n2
			}
			if end < 0 {
				return fmt.Errorf("%w: the quotation mark at position %d is not closed: add a closing \"", ErrBadQuery, i+1)
			}
			words := queryWords(s[j:end])
			if len(words) == 0 {
				return fmt.Errorf("%w: the phrase at position %d has no words", ErrBadQuery, i+1)
			}
			_, n2 := utf8.DecodeRuneInString(s[end:])
			t := qtok{kind: 'p', text: s[i : end+n2], words: words, pos: i}
			i = end + n2
			for i < len(s) && s[i] == '*' {
				t.prefix = true
				i++
			}
			p.toks = append(p.toks, t)
		case r == '-' && (i == 0 || unicode.IsSpace(rune(s[i-1])) || s[i-1] == '('):
			p.toks = append(p.toks, qtok{kind: '-', text: "-", pos: i})
			i++
		default:
			j := i
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if unicode.IsSpace(r2) || r2 == '(' || r2 == ')' || r2 == '"' || r2 == '“' || r2 == '”' {
					break
				}
				j += n2
			}
			w := s[i:j]
			t := qtok{kind: 'w', text: w, pos: i}
			switch w {
			case "OR", "|":
				t.kind = '|'
			case "AND", "&":
				t.kind = '&'
			case "NOT":
				t.kind = '-'
			default:
				if strings.HasSuffix(w, "*") {
					t.prefix = true
					w = strings.TrimRight(w, "*")
				}
				t.words = queryWords(w)
				if len(t.words) == 0 {
					if t.prefix {
						return fmt.Errorf("%w: \"*\" at position %d needs letters before it, as in negotiat*", ErrBadQuery, i+1)
					}
					i = j // punctuation alone: nothing to look for
					continue
				}
				if len(t.words) > 1 {
					t.kind = 'p' // "U.S." or "al-Assad": a phrase of its parts
				}
			}
			p.toks = append(p.toks, t)
			i = j
		}
	}
	return nil
}

// queryWords splits s into words: runs of letters and digits.
func queryWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func (p *queryParser) peek() *qtok {
	if p.i < len(p.toks) {
		return &p.toks[p.i]
	}
	return nil
}

func (p *queryParser) or() (*QueryNode, error) {
	first, err := p.and()
	if err != nil {
		return nil, err
	}
	args := []*QueryNode{first}
	for t := p.peek(); t != nil && t.kind == '|'; t = p.peek() {
		p.i++
		next := p.peek()
		if next == nil || next.kind == ')' || next.kind == '|' {
			return nil, fmt.Errorf("%w: OR at position %d needs something after it", ErrBadQuery, t.pos+1)
		}
		n, err := p.and()
		if err != nil {
			return nil, err
		}
		args = append(args, n)
	}
	if len(args) == 1 {
		return first, nil
	}
	return &QueryNode{Op: QOr, Args: args}, nil
}

// and parses unary terms up to an OR or a closing parenthesis; excluded
// terms become a QNot around the included ones.
func (p *queryParser) and() (*QueryNode, error) {
	var pos, neg []*QueryNode
	start := p.peek()
	for t := p.peek(); t != nil && t.kind != '|' && t.kind != ')'; t = p.peek() {
		if t.kind == '&' {
			p.i++
			if n := p.peek(); n == nil || n.kind == '|' || n.kind == ')' || len(pos)+len(neg) == 0 {
				return nil, fmt.Errorf("%w: AND at position %d needs words on both sides", ErrBadQuery, t.pos+1)
			}
			continue
		}
		exclude := false
		for t.kind == '-' {
			exclude = !exclude
			p.i++
			if t = p.peek(); t == nil || t.kind == '|' || t.kind == ')' || t.kind == '&' {
				return nil, fmt.Errorf("%w: NOT or - needs a word after it", ErrBadQuery)
			}
		}
		n, err := p.primary()
		if err != nil {
			return nil, err
		}
		if exclude {
			neg = append(neg, n)
		} else {
			pos = append(pos, n)
		}
	}
	switch {
	case len(pos) == 0 && len(neg) == 0:
		at := len(p.src)
		if start != nil {
			at = start.pos
		}
		return nil, fmt.Errorf("%w: nothing to look for at position %d", ErrBadQuery, at+1)
	case len(pos) == 0:
		return nil, fmt.Errorf("%w: a query cannot only exclude words: add a word to look for", ErrBadQuery)
	}
	n := pos[0]
	if len(pos) > 1 {
		n = &QueryNode{Op: QAnd, Args: pos}
	}
	if len(neg) > 0 {
		ex := neg[0]
		if len(neg) > 1 {
			ex = &QueryNode{Op: QOr, Args: neg}
		}
		n = &QueryNode{Op: QNot, Args: []*QueryNode{n, ex}}
	}
	return n, nil
}

func (p *queryParser) primary() (*QueryNode, error) {
	t := p.peek()
	p.i++
	switch t.kind {
	case 'w':
		return &QueryNode{Op: QTerm, Words: t.words, Prefix: t.prefix}, nil
	case 'p':
		return &QueryNode{Op: QPhrase, Words: t.words, Prefix: t.prefix}, nil
	case '(':
		if n := p.peek(); n != nil && n.kind == ')' {
			return nil, fmt.Errorf("%w: empty parentheses at position %d", ErrBadQuery, t.pos+1)
		}
		n, err := p.or()
		if err != nil {
			return nil, err
		}
		if c := p.peek(); c == nil || c.kind != ')' {
			return nil, fmt.Errorf("%w: the parenthesis at position %d is not closed: add a )", ErrBadQuery, t.pos+1)
		}
		p.i++
		return n, nil
	}
	return nil, fmt.Errorf("%w: unexpected %q at position %d", ErrBadQuery, t.text, t.pos+1)
}

// String renders the query back in ParseQuery's syntax, fully
// parenthesised: for messages and tests.
func (n *QueryNode) String() string {
	switch n.Op {
	case QTerm:
		s := n.Words[0]
		if s == "OR" || s == "AND" || s == "NOT" {
			s = `"` + s + `"` // a word, not the operator ("NOT!" was typed)
		}
		if n.Prefix {
			s += "*"
		}
		return s
	case QPhrase:
		s := `"` + strings.Join(n.Words, " ") + `"`
		if n.Prefix {
			s += "*"
		}
		return s
	case QNot:
		return "(" + n.Args[0].String() + " NOT " + n.Args[1].String() + ")"
	}
	sep := " "
	if n.Op == QOr {
		sep = " OR "
	}
	parts := make([]string, len(n.Args))
	for i, a := range n.Args {
		parts[i] = a.String()
	}
	return "(" + strings.Join(parts, sep) + ")"
}
