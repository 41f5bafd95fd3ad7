package attrib

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/text"
)

func TestDebugSeed(t *testing.T) {
	b, _ := os.ReadFile("../testdata/seed/tass-2017-10-04-lavrov-krasnodar.txt")
	tx := strings.TrimPrefix(string(b), " date 2017-10-04 ")
	d := quotewire.NewDocument(quotewire.Article{Text: tx})
	d.DatelineSpan = quotewire.Span{Start: 0, End: len("KRASNODAR, October 4. /TASS/.")}
	text.Segmenter{}.Process(d)
	Attributor{}.Process(d)
	for _, q := range d.Quotes {
		src, cue := "-", "-"
		if q.Source != nil {
			src = q.Source.In(tx)
		}
		if q.Cue != nil {
			cue = q.Cue.In(tx)
		}
		e := q.Extent()
		c := e.In(tx)
		if len(c) > 60 {
			c = c[:30] + "…" + c[len(c)-30:]
		}
		fmt.Printf("%s %d parts | %s | %s | %q\n", q.Kind, len(q.Content), src, cue, c)
	}
}

func TestDebugDev(t *testing.T) {
	out := os.Getenv("QW_DEV_OUT")
	if out == "" {
		t.Skip()
	}
	f, _ := os.Open("../../shared/data/polnear/dev.jsonl")
	defer f.Close()
	w, _ := os.Create(out)
	defer w.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<26)
	for sc.Scan() {
		var r struct{ ID, Text string }
		json.Unmarshal(sc.Bytes(), &r)
		d := quotewire.NewDocument(quotewire.Article{ID: r.ID, Text: r.Text})
		text.Segmenter{}.Process(d)
		Attributor{}.Process(d)
		type pq struct {
			Content [][2]int `json:"content"`
			Cue     [][2]int `json:"cue"`
			Source  [][2]int `json:"source"`
		}
		var qs []pq
		for _, q := range d.Quotes {
			if q.Continued && len(qs) > 0 && os.Getenv("QW_MERGE") != "" {
				for _, c := range q.Content {
					qs[len(qs)-1].Content = append(qs[len(qs)-1].Content, [2]int{c.Start, c.End})
				}
				continue
			}
			var p pq
			for _, c := range q.Content {
				p.Content = append(p.Content, [2]int{c.Start, c.End})
			}
			if q.Cue != nil {
				p.Cue = [][2]int{{q.Cue.Start, q.Cue.End}}
			}
			if q.Source != nil {
				p.Source = [][2]int{{q.Source.Start, q.Source.End}}
			}
			qs = append(qs, p)
		}
		b, _ := json.Marshal(map[string]any{"id": r.ID, "quotes": qs})
		w.Write(append(b, '\n'))
	}
}
