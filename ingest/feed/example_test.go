package feed_test

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/ingest/feed"
)

// Each item is an article; its HTML becomes plain text, and an item
// without text is reported by its number.
func ExampleNewReader() {
	in := `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wire</title>
<item>
  <title>Talks resume</title>
  <link>https://example.com/talks</link>
  <guid>wire-1</guid>
  <pubDate>Fri, 04 Jan 2019 23:30:00 -0500</pubDate>
  <description><![CDATA[<p>&ldquo;We see no serious efforts,&rdquo; Lavrov said.</p><p>Talks will go on.</p>]]></description>
</item>
<item><title>Photo only</title><description><![CDATA[<img src="a.jpg">]]></description></item>
<item><title>Plain</title><pubDate>someday</pubDate><description>Officials said.</description></item>
</channel></rss>`
	now := func() time.Time { return time.Date(2019, 1, 10, 0, 0, 0, 0, time.UTC) }
	r := feed.NewReader(strings.NewReader(in), "wire.rss", feed.Options{Now: now})
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
		fmt.Printf("%s %q %q %q\n", a.ID, a.Date, a.Title, a.Text)
	}
	// Output:
	// wire-1 "2019-01-04" "Talks resume" "“We see no serious efforts,” Lavrov said.\n\nTalks will go on."
	// skipped: wire.rss record 2: item has no text
	// wire-3 "" "Plain" "Officials said."
}
