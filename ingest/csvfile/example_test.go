package csvfile_test

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/ingest/csvfile"
)

// Columns are found by name; a bad row is reported with the line it
// starts on, and reading goes on.
func ExampleNewReader() {
	in := "URL,Date,Headline,Body\n" +
		"https://example.com/a,2019-01-04,Talks,\"\"\"We see no serious efforts,\"\" Lavrov said.\n\nTalks will go on.\"\n" +
		"https://example.com/b,2019-01-05,Broken,\"a \"bad\" quote\"\n" +
		",Fri, 04 Jan 2019,No URL,Officials said.\n" +
		",\"Sat, 05 Jan 2019 10:00:00 GMT\",No URL,Officials said again.\n"
	r := csvfile.NewReader(strings.NewReader(in), "wire.csv", csvfile.Options{})
	for {
		a, err := r.Next()
		if err == io.EOF {
			break
		}
		var rerr *quotewire.RecordError
		if errors.As(err, &rerr) {
			fmt.Println("skipped:", err)
			continue
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s %s %q %q\n", a.ID, a.Date, a.Title, a.Text)
	}
	// Output:
	// url-2dce0a4c50441bfc 2019-01-04 "Talks" "\"We see no serious efforts,\" Lavrov said.\n\nTalks will go on."
	// skipped: wire.csv line 5: parse error on line 5, column 44: extraneous or missing " in quoted-field
	// skipped: wire.csv line 6: wrong number of fields: 5 fields, the header has 4
	// wire-4 2019-01-05 "No URL" "Officials said again."
}
