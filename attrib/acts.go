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
		if noProposition(d, &q) {
			continue
		}
		if q.Continued && q.Cue == nil {
			q.Act = prev
		} else {
			q.Act = ActOf(d, &q)
		}
		prev = q.Act
		out = append(out, q)
	}
	d.Quotes = out
	return nil
}

// words returns the lower-case words of s, punctuation trimmed.
func lowerWords(s string, max int) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		w = strings.ToLower(strings.Trim(w, ".,;:!?\"'“”‘’()"))
		if w == "" {
			continue
		}
		out = append(out, w)
		if len(out) == max {
			break
		}
	}
	return out
}

// cueAndContent returns the quote's cue words and the first words of its
// content, in lower case.
func cueAndContent(d *quotewire.Document, q *quotewire.Quote) (cue, content []string, after string) {
	if q.Cue != nil {
		cue = lowerWords(q.Cue.In(d.Text), 4)
		end := min(q.Cue.End+40, len(d.Text))
		after = strings.ToLower(d.Text[q.Cue.End:end])
	}
	if len(q.Content) > 0 {
		c := q.Content[0]
		content = lowerWords(d.Text[c.Start:min(c.End, c.Start+200)], 8)
	}
	return cue, content, after
}

// noProposition reports whether a quote reports no proposition.
func noProposition(d *quotewire.Document, q *quotewire.Quote) bool {
	if q.Kind == quotewire.Direct {
		return false
	}
	cue, content, after := cueAndContent(d, q)
	if len(cue) == 0 {
		return false
	}
	verb := cue[0]
	c := strings.Join(content, " ")
	switch {
	case stem(verb, "ask") && (strings.HasPrefix(strings.TrimSpace(after), "not to be") || strings.HasPrefix(strings.TrimSpace(after), "for anonymity") ||
		strings.HasPrefix(c, "not to be")):
		// "a WHO official, who asked not to be named"
		return true
	case verb == "asked" && q.Cue.Start < len(d.Text) && d.Text[q.Cue.Start] == 'A' && sentenceStart(d, q.Cue.Start):
		// "Asked about competition from China, she was blunt": the
		// reporter asked; her answer, if any, has its own cue
		return true
	case (verb == "declined" || verb == "declines" || verb == "decline" || verb == "refused" || verb == "refuses") &&
		(strings.HasPrefix(c, "to comment") || strings.HasPrefix(c, "to elaborate") || strings.HasPrefix(c, "to say") ||
			strings.HasPrefix(c, "to give") || strings.HasPrefix(c, "to discuss") || strings.HasPrefix(c, "comment") ||
			strings.HasPrefix(strings.TrimSpace(after), "to comment") || strings.HasPrefix(strings.TrimSpace(after), "comment")):
		return true
	case stem(verb, "respond") && (strings.HasPrefix(c, "to a request") || strings.HasPrefix(c, "to requests") || strings.HasPrefix(c, "to an email") ||
		strings.HasPrefix(strings.TrimSpace(after), "to a request") || strings.HasPrefix(strings.TrimSpace(after), "to requests")):
		return true
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
	cue, content, after := cueAndContent(d, q)
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
