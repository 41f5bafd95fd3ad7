package attrib_test

import (
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/internal/testpipe"
)

// TestActs checks the act of each quote the rules find in real sentences,
// and that reports of no proposition are dropped.
func TestActs(t *testing.T) {
	tests := []struct {
		text string
		want quotewire.Act // "" when no quote may come out
	}{
		{`Lavrov said Moscow sees no serious efforts by the coalition.`, quotewire.Statement},
		{`The minister urged residents to stay indoors until the storm passes.`, quotewire.Directive},
		{`Police believe the fire was started deliberately.`, quotewire.Belief},
		{`The mayor praised the rescuers for their courage.`, quotewire.Evaluation},
		{`He asked whether the talks would resume next week.`, quotewire.Question},
		{`The senator called on Congress to act before the recess.`, quotewire.Directive},
		{`The company denied any wrongdoing.`, quotewire.Evaluation},
		{`The company denied that it had broken the law.`, quotewire.Statement},
		{`The company declined to comment on the report.`, ""},
		{`The senator has long called for the plant to be closed.`, quotewire.Directive},
		{`The opposition slammed the budget as a giveaway to the rich.`, quotewire.Evaluation},
		{`The two leaders discussed the situation in Ukraine and the monitoring mission.`, ""},
		{`Putin and Merkel also discussed matters concerning the monitoring mission in Ukraine.`, ""},
		{`The Independent reported on preparations for the summit in Brussels.`, ""},
		{`The Independent reported that preparations for the summit had stalled.`, quotewire.Statement},
		{`Ban Ki-moon expressed frustration over the lack of aid for the region's growing humanitarian crisis.`, quotewire.Evaluation},
		{`The minister also defended the Law Commission review into hate crime.`, quotewire.Evaluation},
		{`Secretary Clinton highlighted the connections between agriculture and nutrition.`, quotewire.Statement},
		{`The attorney general stressed the importance of coordination between federal and local agencies.`, quotewire.Statement},
	}
	p := testpipe.Default(t)
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			a, err := p.Extract(quotewire.Article{ID: "t", Text: tt.text})
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == "" {
				for _, q := range a.Quotes {
					t.Errorf("quote %q (%s) came out", q.Content.Text, q.Act)
				}
				return
			}
			if len(a.Quotes) == 0 {
				t.Fatalf("no quote")
			}
			q := a.Quotes[0]
			if q.Act != tt.want {
				t.Errorf("act %q, want %q (content %q, cue %v)", q.Act, tt.want, q.Content.Text, q.Cue)
			}
		})
	}
}

func TestActsKeepsDirectQuotes(t *testing.T) {
	text := `"Why now?" she asked.`
	a, err := testpipe.Default(t).Extract(quotewire.Article{ID: "t", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Quotes) != 1 || a.Quotes[0].Act != quotewire.Question || !strings.Contains(a.Quotes[0].Content.Text, "Why now?") {
		t.Fatalf("got %+v, want one question", a.Quotes)
	}
}
