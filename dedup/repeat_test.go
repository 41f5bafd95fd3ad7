package dedup

import (
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/text"
)

// quoteSpans marks every "…" run, as the quote finder would.
func quoteSpans(s string) []quotewire.Span {
	var out []quotewire.Span
	open := -1
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			if open < 0 {
				open = i
			} else {
				out = append(out, quotewire.Span{Start: open, End: i + 1})
				open = -1
			}
		}
	}
	return out
}

func TestRepeats(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  string
		count int
	}{
		{"outside quotes", `"First quote here," Lavrov said on the sidelines of a meeting in Krasnodar. "Second one," Lavrov said on the sidelines of a meeting in Krasnodar.`,
			"Lavrov said on the sidelines of a meeting in Krasnodar.", 2},
		{"whole sentences, case and space folded", "The weather in the city was cold today. Then it rained. The weather  in the city was COLD today.",
			"The weather in the city was cold today.", 2},
		{"three times", "One two three four five six. One two three four five six. One two three four five six.", "One two three four five six.", 3},
		{"too short", "He said no. He said no.", "", 0},
		{"none", "A different sentence of some length here. Another different sentence of some length.", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := quotewire.NewDocument(quotewire.Article{Text: tt.in})
			text.Segmenter{}.Process(d)
			d.QuoteSpans = quoteSpans(tt.in)
			if err := (Repeats{}).Process(d); err != nil {
				t.Fatal(err)
			}
			if tt.count == 0 {
				if len(d.Repeats) != 0 {
					t.Errorf("repeats = %+v, want none", d.Repeats)
				}
				return
			}
			if len(d.Repeats) != 1 || d.Repeats[0].Text != tt.want || d.Repeats[0].Count != tt.count {
				t.Errorf("repeats = %+v, want %q ×%d", d.Repeats, tt.want, tt.count)
			}
		})
	}
}
