package engine_test

import (
	"fmt"

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
