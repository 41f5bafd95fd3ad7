package engine

import (
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
)

// TestActPatterns checks the act of the common shapes of reports that are
// not plain statements (docs/ANNOTATION.md): judgements, directives,
// questions and beliefs, each after a first paragraph that names Ann Lee.
func TestActPatterns(t *testing.T) {
	tests := []struct {
		text, content string
		act           quotewire.Act
	}{
		{"Lee praised the rescue teams for their courage.", "the rescue teams for their courage", quotewire.Evaluation},
		{"Lee criticised the government's response.", "the government's response", quotewire.Evaluation},
		{"Lee condemned the attack as cowardly.", "the attack as cowardly", quotewire.Evaluation},
		{"Lee welcomed the decision.", "the decision", quotewire.Evaluation},
		{"Lee slammed the decision as a disgrace.", "the decision as a disgrace", quotewire.Evaluation},
		{"Lee described the situation as dire.", "the situation as dire", quotewire.Evaluation},
		{"Lee called the decision \"a disgrace\".", "the decision", quotewire.Evaluation},
		{"Lee accused the government of lying.", "the government of lying", quotewire.Evaluation},
		{"Lee blamed the storm for the delays.", "the storm for the delays", quotewire.Evaluation},
		{"Lee thanked volunteers for their help.", "volunteers for their help", quotewire.Evaluation},
		{"Lee urged residents to leave.", "residents to leave", quotewire.Directive},
		{"Lee called on residents to leave.", "residents to leave", quotewire.Directive},
		{"Lee asked residents to leave.", "residents to leave", quotewire.Directive},
		{"Lee demanded that the company pay compensation.", "the company pay compensation", quotewire.Directive},
		{"Lee ordered an inquiry into the crash.", "an inquiry into the crash", quotewire.Directive},
		{"Lee called for an inquiry into the crash.", "an inquiry into the crash", quotewire.Directive},
		{"Lee asked whether the bridge was safe.", "the bridge was safe", quotewire.Question},
		{"Lee wondered whether the bridge was safe.", "the bridge was safe", quotewire.Question},
		{"\"Is the bridge safe?\" Lee asked.", "Is the bridge safe?", quotewire.Question},
		{"Lee believes the bridge is safe.", "the bridge is safe", quotewire.Belief},
		{"Lee fears the bridge may collapse.", "the bridge may collapse", quotewire.Belief},
		{"Lee hopes the bridge will reopen soon.", "the bridge will reopen soon", quotewire.Belief},
		{"Lee expects the bridge to reopen soon.", "the bridge to reopen soon", quotewire.Belief},
		{"Lee is convinced the bridge is safe.", "the bridge is safe", quotewire.Belief},
		{"Lee is worried that the bridge may collapse.", "the bridge may collapse", quotewire.Belief},
		{"Lee expressed concern that the bridge may collapse.", "the bridge may collapse", quotewire.Evaluation},
		{"Lee expressed hope that the bridge would reopen soon.", "the bridge would reopen soon", quotewire.Belief},
		{"Lee denied any wrongdoing.", "any wrongdoing", quotewire.Evaluation},
		{"Lee rejected the allegations.", "the allegations", quotewire.Evaluation},
		{"Lee dismissed the report as nonsense.", "the report as nonsense", quotewire.Evaluation},
		{"Lee defended the decision.", "the decision", quotewire.Evaluation},
		{"Lee promised to rebuild the bridge.", "to rebuild the bridge", quotewire.Statement},
		{"Lee vowed to rebuild the bridge.", "to rebuild the bridge", quotewire.Statement},
		{"Lee pledged to rebuild the bridge.", "to rebuild the bridge", quotewire.Statement},
		{"Lee threatened to close the bridge.", "to close the bridge", quotewire.Statement},
	}
	for _, tt := range tests {
		a := extractText(t, "act", "The news came on Monday. Ann Lee runs the city's transport.\n\n"+tt.text)
		var got []string
		ok := false
		for _, q := range a.Quotes {
			if strings.Contains(q.Content.Text, tt.content) {
				got = append(got, string(q.Act))
				ok = ok || q.Act == tt.act && q.Speaker != nil && q.Speaker.Name == "Ann Lee"
			}
		}
		if !ok {
			t.Errorf("%q: acts %q, want %s by Ann Lee", tt.text, got, tt.act)
		}
	}
}
