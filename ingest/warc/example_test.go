package warc_test

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/ingest/warc"
)

// record returns a WARC record of the type with the block.
func record(typ, uri, block string) string {
	return "WARC/1.1\r\nWARC-Type: " + typ + "\r\nWARC-Target-URI: " + uri +
		"\r\nWARC-Date: 2017-10-04T10:00:00Z\r\nContent-Length: " + strconv.Itoa(len(block)) +
		"\r\n\r\n" + block + "\r\n\r\n"
}

// A reader of a WARC file returns the article of each HTML response and
// reports damaged records, here one whose Content-Length is too short.
func ExampleReader() {
	page := `<html><head><title>Lavrov on Nusra</title></head><body><article>` +
		`<p>"We see no serious efforts," Lavrov said.</p></article></body></html>`
	response := "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
	damaged := strings.Replace(record("response", "http://example.com/b", response),
		"Content-Length: "+strconv.Itoa(len(response)), "Content-Length: 80", 1)
	in := record("warcinfo", "", "software: example\r\n") +
		record("request", "http://example.com/a", "GET /a HTTP/1.1\r\n\r\n") +
		record("response", "http://example.com/a", response) +
		damaged +
		record("response", "http://example.com/c", response)

	r := warc.NewReader(strings.NewReader(in), "news.warc", warc.Options{})
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
		fmt.Printf("%s: %s %s %q\n", a.Origin, a.URL, a.Date, a.Text)
	}
	// Output:
	// news.warc record 3: http://example.com/a 2017-10-04 "\"We see no serious efforts,\" Lavrov said."
	// skipped: news.warc record 4: content length does not match the record: Content-Length 80 is not followed by an empty line (record at byte 585)
	// news.warc record 5: http://example.com/c 2017-10-04 "\"We see no serious efforts,\" Lavrov said."
}
