package attrib

import (
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
)

func TestKindOf(t *testing.T) {
	tests := []struct {
		w    string
		want verbKind
		ok   bool
	}{
		{"urged", directing, true}, {"urges", directing, true}, {"urging", directing, true},
		{"criticised", evaluating, true}, {"criticizes", evaluating, true}, {"slammed", evaluating, true},
		{"dubbed", evaluating, true}, {"denied", denying, true}, {"denies", denying, true},
		{"denying", denying, true}, {"worries", believing, true}, {"thought", believing, true},
		{"hopes", believing, true}, {"asked", asking, true}, {"called", calling, true},
		{"declined", declining, true}, {"said", saying, false}, {"warned", saying, false},
		{"read", saying, false}, {"", saying, false},
	}
	for _, tt := range tests {
		if got, ok := kindOf(tt.w); got != tt.want || ok != tt.ok {
			t.Errorf("kindOf(%q) = %v, %v; want %v, %v", tt.w, got, ok, tt.want, tt.ok)
		}
	}
}

// TestActOfSpans checks actOf on hand-placed cue and content spans, as the
// learned model hands them over: a verb of doing with a noun phrase is
// other, a verb of saying with the same noun phrase or a clause is not,
// and topics are no report at all.
func TestActOfSpans(t *testing.T) {
	tests := []struct {
		text, cue, content string
		want               quotewire.Act
		ok                 bool
	}{
		{"The director recognized the invaluable contributions of civil servants.", "recognized", "the invaluable contributions of civil servants", quotewire.OtherAct, true},
		{"The chancellor has a common opinion.", "has", "a common opinion", quotewire.OtherAct, true},
		{"Obama concluded his five-day trip to Latin America.", "concluded", "his five-day trip to Latin America", quotewire.OtherAct, true},
		{"The court concluded that the law was unconstitutional.", "concluded", "that the law was unconstitutional", quotewire.Statement, true},
		{"The leaders agreed to stay in contact.", "agreed", "to stay in contact", quotewire.OtherAct, true},
		{"President Trump of the United States declared an emergency.", "States", "declared an emergency", "", false},
		{"The leaders agreed the plan was sound.", "agreed", "the plan was sound", quotewire.Statement, true},
		{"The director recognized that the staff had worked hard.", "recognized", "the staff had worked hard", quotewire.Statement, true},
		{"The minister stressed the importance of the talks.", "stressed", "the importance of the talks", quotewire.Statement, true},
		{"The mayor praised the rescuers.", "praised", "the rescuers", quotewire.Evaluation, true},
		{"The two leaders discussed the situation in Ukraine.", "discussed", "the situation in Ukraine", "", false},
		{"The paper reported on preparations for the summit.", "reported", "preparations for the summit", "", false},
	}
	for _, tt := range tests {
		cs := strings.Index(tt.text, tt.cue)
		ts := strings.Index(tt.text, tt.content)
		d := quotewire.NewDocument(quotewire.Article{ID: "t", Text: tt.text})
		q := quotewire.Quote{Kind: quotewire.Indirect, Cue: &quotewire.Span{Start: cs, End: cs + len(tt.cue)},
			Content: []quotewire.Span{{Start: ts, End: ts + len(tt.content)}}, Mention: -1, Speaker: -1}
		got, ok := actOf(d, &q)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%q: actOf = %q, %v; want %q, %v", tt.text, got, ok, tt.want, tt.ok)
		}
	}
}

func TestIsCredit(t *testing.T) {
	for label, want := range map[string]bool{"Gary Johnson Image": true, "Jo JorgensenImage": true, "Reuters Photo": true,
		"Image": false, "Vladimir Putin": false, "NG": false, "Director of Photography": false} {
		if got := isCredit(label); got != want {
			t.Errorf("isCredit(%q) = %v, want %v", label, got, want)
		}
	}
}
