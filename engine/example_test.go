package engine_test

import (
	"fmt"
	"time"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/engine"
)

func ExampleExtract() {
	a, err := engine.Extract(quotewire.Article{
		ID: "example",
		Text: "MOSCOW, October 4. /TASS/. Russian Foreign Minister Sergey Lavrov met his counterpart on Wednesday.\n\n" +
			"\"The talks were useful,\" Lavrov said. \"We will meet again soon.\"\n\n" +
			"According to the minister, the next round will be held in Geneva.",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.Date == "", a.Dateline, a.Agency)
	for _, q := range a.Quotes {
		fmt.Printf("%s by %s: %s\n", q.Type, q.Speaker.Name, q.Content.Text)
	}
	// Output:
	// false MOSCOW TASS
	// direct by Sergey Lavrov: "The talks were useful,"
	// direct by Sergey Lavrov: "We will meet again soon."
	// indirect by Sergey Lavrov: the next round will be held in Geneva
}

// A pipeline of one's own: the shipped models, with a fixed clock that
// completes a dateline without a year (an archive re-read years later
// keeps its dates), and the rules alone for speed.
func ExampleNew() {
	clock := func() time.Time { return time.Date(2017, 12, 1, 0, 0, 0, 0, time.UTC) }
	p, err := engine.New(engine.Options{Now: clock})
	if err != nil {
		fmt.Println(err) // a shipped model that does not load
		return
	}
	art := quotewire.Article{ID: "d", Text: "MOSCOW, October 4. /TASS/. \"The talks were useful,\" Sergey Lavrov said."}
	a, _ := p.Extract(art)
	fmt.Println(a.Date, len(p.Stages))
	r, _ := engine.New(engine.Options{Rules: true, Now: clock})
	b, _ := r.Extract(art)
	fmt.Println(b.Date, len(r.Stages), b.Quotes[0].Speaker.Name)
	// Output:
	// 2017-10-04 6
	// 2017-10-04 6 Sergey Lavrov
}
