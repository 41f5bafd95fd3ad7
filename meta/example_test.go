package meta_test

import (
	"fmt"
	"time"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/meta"
)

func ExampleStage_Process() {
	text := "KRASNODAR, October 4. /TASS/. Moscow sees no serious efforts by the US-led coalition."
	d := quotewire.NewDocument(quotewire.Article{Text: text})
	st := meta.New(meta.WithNow(func() time.Time { return time.Date(2017, 10, 20, 0, 0, 0, 0, time.UTC) }))
	if err := st.Process(d); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("dateline %q, agency %q, date %s\n", d.Dateline, d.Agency, d.Date)
	fmt.Printf("prefix %q\n", d.DatelineSpan.In(text))
	fmt.Printf("body %.20q...\n", d.Body.In(text))
	// Output:
	// dateline "KRASNODAR", agency "TASS", date 2017-10-04
	// prefix "KRASNODAR, October 4. /TASS/."
	// body "Moscow sees no serio"...
}

func ExampleParseDate() {
	for _, s := range []string{"Friday, January 4, 2019", "Oct. 4, 2017", "4 October 2017", "2017-10-04T10:30:00Z", "October 4"} {
		t, ok := meta.ParseDate(s)
		fmt.Println(t.Format(time.DateOnly), ok)
	}
	// Output:
	// 2019-01-04 true
	// 2017-10-04 true
	// 2017-10-04 true
	// 2017-10-04 true
	// 0001-01-01 false
}

func ExampleAgency() {
	for _, s := range []string{"/TASS/", "(Reuters)", "The Associated Press", "/PRNewswire/", "(Fox)"} {
		fmt.Printf("%q\n", meta.Agency(s))
	}
	// Output:
	// "TASS"
	// "Reuters"
	// "AP"
	// "PR Newswire"
	// ""
}
