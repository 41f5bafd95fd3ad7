package eval

import (
	"bytes"
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
)

func TestGoldKind(t *testing.T) {
	text := `"We will win," Smith said, "and soon." Jones said the plan "works" well.`
	sp := func(sub string) quotewire.Span {
		i := strings.Index(text, sub)
		return quotewire.Span{Start: i, End: i + len(sub)}
	}
	tests := []struct {
		a    Attribution
		want string
	}{
		{Attribution{Content: []quotewire.Span{sp(`"We will win,"`), sp(`"and soon."`)}}, Direct},
		{Attribution{Content: []quotewire.Span{sp(`the plan "works" well`)}}, Indirect},
		{Attribution{Content: []quotewire.Span{sp(`"works"`)}}, Direct},
		{Attribution{}, Indirect},
	}
	for _, tt := range tests {
		if got := GoldKind(text, tt.a); got != tt.want {
			t.Errorf("GoldKind(%v) = %s, want %s", tt.a.Content, got, tt.want)
		}
	}
}

func TestByType(t *testing.T) {
	text := `"We will win," Smith said. Jones said the plan failed badly.`
	sp := func(sub string) []quotewire.Span {
		i := strings.Index(text, sub)
		return []quotewire.Span{{Start: i, End: i + len(sub)}}
	}
	g := GoldArticle{ID: "a", Text: text, Attributions: []Attribution{
		{Content: sp(`"We will win,"`), Source: sp("Smith"), Cue: sp("said")},
		{Content: sp("the plan failed badly"), Source: sp("Jones"), Cue: sp("said the")[:1]},
	}}
	preds := []Prediction{
		{Content: sp(`"We will win,"`), Source: sp("Smith")},
		{Content: sp("the plan failed badly"), Source: sp("Smith")}, // wrong source
	}
	var b ByType
	b.Add(g, preds, []Meta{{Kind: Direct}, {Kind: Indirect}})
	d, i := b.Kinds[Direct], b.Kinds[Indirect]
	if d.Gold != 1 || d.Partial != 1 || d.Attribution != 1 || i.Gold != 1 || i.Partial != 1 || i.Attribution != 0 {
		t.Errorf("direct %+v indirect %+v", d, i)
	}
	var out bytes.Buffer
	b.WriteText(&out)
	if !strings.Contains(out.String(), "indirect  1") {
		t.Errorf("table:\n%s", out.String())
	}
}
