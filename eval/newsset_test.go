package eval_test

import (
	"os"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/eval"
	"github.com/quotewire/quotewire/internal/testpipe"
)

// TestNewsSetFloor keeps the default pipeline's figures on the news set's
// dev split within two points of what was measured when they were last
// changed (recall 0.725, speaker accuracy 0.700, act accuracy 0.907).
func TestNewsSetFloor(t *testing.T) {
	const path = "../testdata/newsset/dev.jsonl"
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p := testpipe.Default(t)
	var s eval.SpeakerScore
	err = eval.ReadSpeakerGold(f, path, func(g eval.SpeakerGold) error {
		a, err := p.Extract(quotewire.Article{ID: g.ID, Title: g.Title, Date: g.Date, URL: g.URL, Text: g.Text})
		if err != nil {
			return err
		}
		s.Add(g, a)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	fig := s.Figures()
	t.Logf("recall %.3f, speaker accuracy %.3f, who said what F1 %.3f, act accuracy %.3f", fig.Recall, fig.SpeakerAccuracy, fig.WhoSaidWhat, fig.ActAccuracy)
	for _, c := range []struct {
		what       string
		got, floor float64
	}{
		{"recall", fig.Recall, 0.705},
		{"speaker accuracy", fig.SpeakerAccuracy, 0.68},
		{"act accuracy", fig.ActAccuracy, 0.88},
	} {
		if c.got < c.floor {
			t.Errorf("%s %.3f below the floor %.3f", c.what, c.got, c.floor)
		}
	}
}
