package attrib

import (
	"strings"

	"github.com/quotewire/quotewire"
)

// Acts is the pipeline stage, run after every stage that finds quotes,
// that tells each quote's act (statement, question, directive, belief,
// evaluation) from its cue and complement, and drops what reports no
// proposition at all: "who asked not to be named", "Asked about X, she
// …" (the asking is the reporter's), "declined to comment", "did not
// respond to a request for comment". docs/ANNOTATION.md has the rules.
type Acts struct{}

var _ quotewire.Stage = Acts{}

// Process sets Quote.Act on every quote of d and removes the non-statements.
func (Acts) Process(d *quotewire.Document) error {
	out := d.Quotes[:0]
	prev := quotewire.Statement
	for _, q := range d.Quotes {
		if q.Continued && q.Cue == nil {
			q.Act = prev
		} else {
			var w quoteWords
			w.read(d, &q)
			if noProposition(d, &q, &w) {
				continue
			}
			q.Act = actOf(d, &q, &w)
		}
		prev = q.Act
		out = append(out, q)
	}
	d.Quotes = out
	return nil
}

// lowerWords appends to out the first max words of s in lower case,
// quotation marks and punctuation trimmed.
func lowerWords(out []string, s string, max int) []string {
	for i := 0; i < len(s) && len(out) < max; {
		for i < len(s) && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r') {
			i++
		}
		j := i
		for j < len(s) && s[j] != ' ' && s[j] != '\n' && s[j] != '\t' && s[j] != '\r' {
			j++
		}
		if w := strings.ToLower(strings.Trim(s[i:j], ".,;:!?\"'“”‘’()")); w != "" {
			out = append(out, w)
		}
		i = j
	}
	return out
}

// quoteWords are the words an act is told from: the cue's, the first of
// the content, and the text right after the cue, in lower case.
type quoteWords struct {
	cue, content []string
	after        string
	buf          [12]string
}

// read reads the quote's cue, the start of its content and what follows
// the cue.
func (w *quoteWords) read(d *quotewire.Document, q *quotewire.Quote) {
	if q.Cue != nil {
		w.cue = lowerWords(w.buf[:0:4], q.Cue.In(d.Text), 4)
		w.after = strings.TrimSpace(strings.ToLower(d.Text[q.Cue.End:min(q.Cue.End+40, len(d.Text))]))
	}
	if len(q.Content) > 0 {
		c := q.Content[0]
		w.content = lowerWords(w.buf[4:4:12], d.Text[c.Start:min(c.End, c.Start+200)], 8)
	}
}

// startsAny reports whether s starts with one of the prefixes.
func startsAny(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// noProposition reports whether a quote reports no proposition.
func noProposition(d *quotewire.Document, q *quotewire.Quote, w *quoteWords) bool {
	if q.Kind == quotewire.Direct || len(w.cue) == 0 {
		return false
	}
	verb, after := w.cue[0], w.after
	c := strings.Join(w.content, " ")
	switch {
	case stem(verb, "ask") && (startsAny(after, "not to be", "for anonymity") || strings.HasPrefix(c, "not to be")):
		// "a WHO official, who asked not to be named"
		return true
	case verb == "asked" && d.Text[q.Cue.Start] == 'A' && sentenceStart(d, q.Cue.Start):
		// "Asked about competition from China, she was blunt": the
		// reporter asked; her answer, if any, has its own cue
		return true
	case anyStem(verb, "decline", "refuse"):
		return startsAny(c, "to comment", "to elaborate", "to say", "to give", "to discuss", "comment") ||
			startsAny(after, "to comment", "comment")
	case stem(verb, "respond"):
		return startsAny(c, "to a request", "to requests", "to an email") || startsAny(after, "to a request", "to requests")
	}
	return false
}

// sentenceStart reports whether off starts a sentence.
func sentenceStart(d *quotewire.Document, off int) bool {
	i := d.TokenAt(off)
	if i >= len(d.Tokens) {
		return false
	}
	s := d.Tokens[i].Sentence
	return s < len(d.Sentences) && d.Sentences[s].First == i
}

// stem reports whether word w is a form of the verb v: "urges", "urged",
// "urging" of "urge"; "criticised" of "criticis".
func stem(w, v string) bool {
	if !strings.HasPrefix(w, strings.TrimSuffix(v, "e")) {
		return false
	}
	rest := w[len(strings.TrimSuffix(v, "e")):]
	switch rest {
	case "", "e", "es", "s", "ed", "d", "ing", "ies", "ied", "y":
		return true
	}
	return false
}

func anyStem(w string, vs ...string) bool {
	for _, v := range vs {
		if stem(w, v) {
			return true
		}
	}
	return false
}

var questionWords = map[string]bool{"whether": true, "if": true, "why": true, "how": true, "what": true,
	"who": true, "when": true, "where": true, "which": true}

var npStarts = map[string]bool{"the": true, "any": true, "all": true, "a": true, "an": true, "his": true,
	"her": true, "their": true, "its": true, "allegations": true, "reports": true, "claims": true,
	"wrongdoing": true, "responsibility": true, "involvement": true, "charges": true, "accusations": true}

// ActOf tells what a quote does from its cue and the start of its content.
func ActOf(d *quotewire.Document, q *quotewire.Quote) quotewire.Act {
	var w quoteWords
	w.read(d, q)
	return actOf(d, q, &w)
}

func actOf(d *quotewire.Document, q *quotewire.Quote, w *quoteWords) quotewire.Act {
	cue, content, after := w.cue, w.content, w.after
	if len(cue) == 0 {
		return quotewire.Statement
	}
	verb := cue[0]
	for _, w := range cue {
		// the verb of "has long argued", "did not deny", "went on to say"
		if w == "has" || w == "have" || w == "had" || w == "did" || w == "does" || w == "not" || w == "also" || w == "long" || w == "repeatedly" {
			continue
		}
		verb = w
		break
	}
	c0 := ""
	if len(content) > 0 {
		c0 = content[0]
	}
	direct := q.Kind == quotewire.Direct
	question := false
	if len(q.Content) > 0 {
		last := q.Content[len(q.Content)-1]
		t := strings.TrimRight(d.Text[last.Start:last.End], " \"”’'»")
		question = strings.HasSuffix(t, "?")
	}
	particle := ""
	if len(cue) > 1 {
		particle = cue[1]
	} else if f := strings.Fields(after); len(f) > 0 {
		particle = strings.Trim(f[0], ",.;:")
	}
	switch {
	case anyStem(verb, "ask", "inquire", "enquire", "wonder", "query"):
		if questionWords[c0] || question {
			return quotewire.Question
		}
		if stem(verb, "ask") && !direct {
			return quotewire.Directive // "asked people to stay home"
		}
		return quotewire.Question
	case stem(verb, "question") && questionWords[c0]:
		return quotewire.Question
	case anyStem(verb, "urge", "demand", "order", "instruct", "appeal", "implore", "beg", "command", "encourage",
		"exhort", "plead", "direct", "advise", "petition", "summon"):
		return quotewire.Directive
	case anyStem(verb, "call") && (particle == "on" || particle == "for" || particle == "upon"):
		return quotewire.Directive
	case anyStem(verb, "believe", "think", "expect", "hope", "fear", "suspect", "feel", "assume", "doubt", "worry",
		"reckon", "estimate", "guess", "imagine", "presume", "trust", "wish") || verb == "thought" || verb == "felt" ||
		verb == "convinced" || verb == "sure" || verb == "confident" || verb == "concerned" || verb == "worried":
		return quotewire.Belief
	case anyStem(verb, "praise", "criticise", "criticize", "thank", "condemn", "welcome", "applaud", "slam", "blast",
		"denounce", "hail", "commend", "blame", "accuse", "lambast", "rebuke", "castigate", "describe",
		"characterise", "characterize", "label", "dub", "brand", "congratulate", "salute", "mock", "decry",
		"deplore", "laud", "lament", "chide", "scold", "fault", "attack", "ridicule", "dismiss", "reject"):
		return quotewire.Evaluation
	case stem(verb, "call"):
		return quotewire.Evaluation // "called the plan "a disaster""
	case anyStem(verb, "deny", "denie"):
		if c0 != "that" && (npStarts[c0] || len(content) <= 3) {
			return quotewire.Evaluation // "denied any wrongdoing"
		}
	}
	if question && direct && strings.Count(d.Text[q.Extent().Start:q.Extent().End], "?") == 1 &&
		!strings.ContainsAny(strings.TrimRight(d.Text[q.Extent().Start:q.Extent().End], "?\"”’' "), ".!") {
		return quotewire.Question // "'Why now?' she said"
	}
	return quotewire.Statement
}
