package benchrun

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/quotewire/quotewire"
)

func TestCountWords(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
	}{
		{"", 0}, {"one", 1}, {"Lavrov said: “We don’t.”", 5}, {"  3,000 people  ", 3}, {"Кремль заявил", 2},
	} {
		if got := CountWords(tt.in); got != tt.want {
			t.Errorf("CountWords(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestRun(t *testing.T) {
	n := 0
	p := &quotewire.Pipeline{Stages: []quotewire.NamedStage{{Name: "count", Stage: quotewire.StageFunc(func(d *quotewire.Document) error { n++; return nil })}}}
	arts := []quotewire.Article{{ID: "a", Text: "He said it."}, {ID: "bad", Text: ""}, {ID: "b", Text: "She agreed."}}
	r, err := Run(p, arts, time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	if r.Articles != 2 || r.Rounds < 1 || n != 2*r.Rounds || len(r.Stages) != 1 || r.Ratio <= 0 {
		t.Errorf("result = %+v (stage ran %d times)", r, n)
	}
	var buf bytes.Buffer
	r.WriteText(&buf)
	if !strings.Contains(buf.String(), "end to end") || !strings.Contains(buf.String(), "stage count") {
		t.Errorf("report:\n%s", buf.String())
	}
	if _, err := Run(p, arts[1:2], time.Millisecond); err == nil {
		t.Error("no usable articles should be an error")
	}
}
