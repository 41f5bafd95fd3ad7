package ui

import (
	"strings"

	"github.com/quotewire/quotewire"
)

// The pages show statements unless the reader chooses other acts with
// the "what" filter, whose value the URL carries as acts= ("" for
// statements, "all", or acts separated by commas, as quotewire.ParseActs
// reads them).

// actsValue returns the URL value of acts: "" for quotewire.DefaultActs,
// else as quotewire.FormatActs writes them.
func actsValue(acts []quotewire.Act) string {
	if quotewire.IsDefaultActs(acts) {
		return ""
	}
	return quotewire.FormatActs(acts)
}

// actsOf returns the acts of a URL value, DefaultActs for one that is not
// valid (the pages check the value first).
func actsOf(value string) []quotewire.Act {
	acts, err := quotewire.ParseActs(value)
	if err != nil {
		return append([]quotewire.Act(nil), quotewire.DefaultActs...)
	}
	return acts
}

// readActs reads the acts= parameter into its URL value; a value that
// names no act gives a sentence for the reader to fix it.
func readActs(param string) (value, problem string) {
	if len(param) > maxParamLen {
		return "", "The choice of what to show is too long."
	}
	acts, err := quotewire.ParseActs(param)
	if err != nil {
		return "", "What to show: " + strings.TrimPrefix(err.Error(), quotewire.ErrBadQuery.Error()+": ") + "."
	}
	return actsValue(acts), ""
}

// actChoice is one option of the "what" filter.
type actChoice struct {
	Value, Label string
	Selected     bool
}

// actLabels are the "what" filter's options, the default first.
var actLabels = []struct{ value, label string }{
	{"", "Statements"},
	{"all", "All acts"},
	{string(quotewire.Question), "Questions"},
	{string(quotewire.Directive), "Directives (calls to act)"},
	{string(quotewire.Belief), "Beliefs"},
	{string(quotewire.Evaluation), "Evaluations"},
	{string(quotewire.OtherAct), "Other acts"},
}

// actChoices returns the options of the "what" filter with value's
// selected; a value that is none of them (several acts, from a shared
// URL) is added as an option of its own.
func actChoices(value string) []actChoice {
	out := make([]actChoice, 0, len(actLabels)+1)
	found := false
	for _, l := range actLabels {
		c := actChoice{Value: l.value, Label: l.label, Selected: l.value == value}
		found = found || c.Selected
		out = append(out, c)
	}
	if !found {
		out = append(out, actChoice{Value: value, Label: strings.ReplaceAll(value, ",", ", "), Selected: true})
	}
	return out
}

// countActs words a count of quotes of the acts of a URL value: "3
// statements", "5 quotes", "2 quotes (belief, question)".
func countActs(n int, value string) string {
	switch value {
	case "":
		return plural(n, "statement", "statements")
	case "all":
		return plural(n, "quote", "quotes")
	}
	return plural(n, "quote", "quotes") + " (" + strings.ReplaceAll(value, ",", ", ") + ")"
}

// actTitle explains an act in a sentence, for the label a quote that is
// not a statement carries ("" for a statement).
func actTitle(a quotewire.Act) string {
	switch a {
	case quotewire.Question:
		return "A question: the speaker asked this."
	case quotewire.Directive:
		return "A directive: the speaker urged or called for this."
	case quotewire.Belief:
		return "A belief: the speaker thinks, hopes or expects this."
	case quotewire.Evaluation:
		return "An evaluation: the speaker praised, criticised or described something."
	case quotewire.Statement, "":
		return ""
	}
	return "Attributed to the speaker, but not as a statement, question, directive, belief or evaluation."
}
