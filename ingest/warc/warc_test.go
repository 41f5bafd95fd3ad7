package warc

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/gzip"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/ingest/htmlfile"
)

// rec is a WARC record for the tests to write.
type rec struct {
	typ    string   // WARC-Type; "" means response
	uri    string   // WARC-Target-URI; "" means none
	date   string   // WARC-Date; "" means none
	fields []string // more header lines, written as they are
	block  string
	delta  int    // added to the true Content-Length: a lie
	noLen  bool   // write no Content-Length
	end    string // what follows the block; "" means "\r\n\r\n"
	eol    string // line ending of the header; "" means "\r\n"
}

// String returns the record as a WARC writer would write it.
func (r rec) String() string {
	eol, end, typ := r.eol, r.end, r.typ
	if eol == "" {
		eol = "\r\n"
	}
	if end == "" {
		end = eol + eol
	}
	if typ == "" {
		typ = "response"
	}
	var b strings.Builder
	b.WriteString("WARC/1.0" + eol)
	b.WriteString("WARC-Type: " + typ + eol)
	b.WriteString("WARC-Record-ID: <urn:uuid:" + fmt.Sprintf("%08x", len(r.block)) + "-0000-0000-0000-000000000000>" + eol)
	if r.uri != "" {
		b.WriteString("WARC-Target-URI: " + r.uri + eol)
	}
	if r.date != "" {
		b.WriteString("WARC-Date: " + r.date + eol)
	}
	if typ == "response" || typ == "revisit" {
		b.WriteString("Content-Type: application/http; msgtype=response" + eol)
	}
	for _, f := range r.fields {
		b.WriteString(f + eol)
	}
	if !r.noLen {
		b.WriteString("Content-Length: " + strconv.Itoa(len(r.block)+r.delta) + eol)
	}
	b.WriteString(eol)
	b.WriteString(r.block)
	b.WriteString(end)
	return b.String()
}

// file returns the records as a WARC file.
func file(recs ...rec) []byte {
	var b bytes.Buffer
	for _, r := range recs {
		b.WriteString(r.String())
	}
	return b.Bytes()
}

// httpResp returns an HTTP response with the status (such as "200 OK"),
// header lines and body.
func httpResp(status string, header []string, body string) string {
	h := ""
	for _, l := range header {
		h += l + "\r\n"
	}
	return "HTTP/1.1 " + status + "\r\n" + h + "\r\n" + body
}

// page returns an HTML page with a title and one paragraph.
func page(title, text string) string {
	return `<!doctype html><html><head><meta charset="utf-8"><title>` + title + `</title></head>` +
		`<body><nav>Home | World | Sport</nav><article><h1>` + title + `</h1><p>` + text + `</p></article>` +
		`<footer>(c) Wire Service</footer></body></html>`
}

// htmlResp returns a 200 response holding an HTML page.
func htmlResp(title, text string) string {
	return httpResp("200 OK", []string{"Content-Type: text/html; charset=UTF-8"}, page(title, text))
}

const (
	textA = `"We see no serious efforts," Lavrov said on Wednesday.`
	textB = `The minister added that talks would go on "until the final victory."`
	textC = `Officials said the report would be published next week.`
)

// respRec returns a response record for uri with an HTML page.
func respRec(uri, text string) rec {
	return rec{uri: uri, date: "2017-10-04T10:00:00Z", block: htmlResp("Story", text)}
}

// got is what one call to Next gave, in a comparable form.
type got struct {
	record int
	url    string // of an article
	err    error  // the cause of a RecordError
}

func (g got) String() string {
	if g.err != nil {
		return fmt.Sprintf("record %d: error %v", g.record, g.err)
	}
	return fmt.Sprintf("record %d: article %s", g.record, g.url)
}

// readAll calls Next until io.EOF or an error that ends the input,
// returning the articles, the record errors and that error (nil at
// io.EOF). It fails the test when Next never ends.
func readAll(t testing.TB, r *Reader) ([]quotewire.Article, []*quotewire.RecordError, error) {
	t.Helper()
	c := collect(r)
	if c.endless {
		t.Fatal("Next never returned io.EOF")
	}
	return c.arts, c.errs, c.err
}

// collected is what calls to Next gave.
type collected struct {
	arts    []quotewire.Article
	errs    []*quotewire.RecordError
	err     error // the error that ended the input, nil at io.EOF
	endless bool  // Next went on and on
}

// collect calls Next until io.EOF or an error that ends the input. It
// does not touch a testing.T, so that it can run on its own goroutine.
func collect(r *Reader) collected {
	var c collected
	for range 1_000_000 {
		a, err := r.Next()
		if err == io.EOF {
			return c
		}
		var rerr *quotewire.RecordError
		if errors.As(err, &rerr) {
			c.errs = append(c.errs, rerr)
			continue
		}
		if err != nil {
			c.err = err
			return c
		}
		c.arts = append(c.arts, a)
	}
	c.endless = true
	return c
}

// results reads r to the end and returns what each call to Next gave.
func results(t *testing.T, r *Reader) []got {
	t.Helper()
	var out []got
	for i := 0; ; i++ {
		if i > 1000 {
			t.Fatal("Next never returned io.EOF")
		}
		a, err := r.Next()
		if err == io.EOF {
			return out
		}
		var rerr *quotewire.RecordError
		switch {
		case errors.As(err, &rerr):
			if rerr.Origin.File != "test.warc" || rerr.Origin.Line != 0 {
				t.Errorf("error origin %+v, want a record of test.warc", rerr.Origin)
			}
			out = append(out, got{record: rerr.Origin.Record, err: rerr.Err})
		case err != nil:
			t.Fatalf("Next: %v", err)
		default:
			if a.Origin.File != "test.warc" {
				t.Errorf("article origin %+v, want test.warc", a.Origin)
			}
			out = append(out, got{record: a.Origin.Record, url: a.URL})
		}
	}
}

// gz compresses s with gzip.
func gz(s string) string {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.String()
}

// chunk writes s in the chunked transfer coding, in chunks of n bytes.
func chunk(s string, n int) string {
	var b strings.Builder
	for len(s) > 0 {
		c := s[:min(n, len(s))]
		s = s[len(c):]
		fmt.Fprintf(&b, "%x\r\n%s\r\n", len(c), c)
	}
	b.WriteString("0\r\n\r\n")
	return b.String()
}

func TestRecords(t *testing.T) {
	const (
		uA = "http://example.com/a"
		uB = "http://example.com/b"
		uC = "http://example.com/c"
	)
	A, B, C := respRec(uA, textA), respRec(uB, textB), respRec(uC, textC)
	pageA := page("Story", textA)
	htmlHeader := []string{"Content-Type: text/html"}
	withBlock := func(r rec, block string) rec { r.block = block; return r }
	info := rec{typ: "warcinfo", block: "software: test\r\nformat: WARC File Format 1.0\r\n", fields: []string{"Content-Type: application/warc-fields"}}
	var zl, raw bytes.Buffer
	zw := zlib.NewWriter(&zl)
	zw.Write([]byte(pageA))
	zw.Close()
	fw, _ := flate.NewWriter(&raw, 5)
	fw.Write([]byte(pageA))
	fw.Close()
	full := file(A, B)
	cp1251 := "<html><body><p>\xcb\xe0\xe2\xf0\xee\xe2 \xf1\xea\xe0\xe7\xe0\xeb.</p></body></html>"

	tests := []struct {
		name string
		in   []byte
		max  int64
		want []got
	}{
		{
			name: "two good records",
			in:   file(info, A, B),
			want: []got{{record: 2, url: uA}, {record: 3, url: uB}},
		},
		{
			name: "non-response records skipped",
			in: file(info,
				rec{typ: "request", uri: uA, block: "GET /a HTTP/1.1\r\nHost: example.com\r\n\r\n", fields: []string{"Content-Type: application/http; msgtype=request"}},
				A,
				rec{typ: "metadata", uri: uA, block: "fetchTimeMs: 12\r\n", fields: []string{"Content-Type: application/warc-fields"}},
				rec{typ: "revisit", uri: uA, block: httpResp("200 OK", htmlHeader, "")},
				rec{typ: "resource", uri: uC, block: pageA, fields: []string{"Content-Type: text/html"}},
				rec{typ: "conversion", uri: uC, block: textC},
				B),
			want: []got{{record: 3, url: uA}, {record: 8, url: uB}},
		},
		{
			name: "content length too short",
			in:   file(info, rec{uri: uA, block: A.block, delta: -10}, B),
			want: []got{{record: 2, err: ErrLength}, {record: 3, url: uB}},
		},
		{
			name: "content length too short by a line ending",
			in:   file(rec{uri: uA, block: A.block, delta: -1}, B),
			want: []got{{record: 1, err: ErrLength}, {record: 2, url: uB}},
		},
		{
			name: "content length too long, into the next record",
			in:   file(rec{uri: uA, block: A.block, delta: 40}, B, C),
			want: []got{{record: 1, err: ErrLength}, {record: 2, url: uB}, {record: 3, url: uC}},
		},
		{
			name: "content length too long, past the end",
			in:   file(rec{uri: uA, block: A.block, delta: 100000}, B, C),
			want: []got{{record: 1, err: ErrLength}, {record: 2, url: uB}, {record: 3, url: uC}},
		},
		{
			name: "content length too long, on a skipped record",
			in:   file(rec{typ: "request", block: "GET / HTTP/1.1\r\n\r\n", delta: 30}, A),
			want: []got{{record: 1, err: ErrLength}, {record: 2, url: uA}},
		},
		{
			name: "chunked body",
			in:   file(withBlock(A, httpResp("200 OK", []string{"Content-Type: text/html", "Transfer-Encoding: chunked"}, chunk(pageA, 100)))),
			want: []got{{record: 1, url: uA}},
		},
		{
			name: "chunked body with extensions and no last chunk",
			in:   file(withBlock(A, httpResp("200 OK", []string{"Content-Type: text/html", "Transfer-Encoding: chunked"}, "40;ext=1\r\n"+pageA[:64]+"\r\n"+fmt.Sprintf("%X\r\n", len(pageA)-64)+pageA[64:]+"\r\n"))),
			want: []got{{record: 1, url: uA}},
		},
		{
			name: "claims chunked, is not",
			in:   file(withBlock(A, httpResp("200 OK", []string{"Content-Type: text/html", "Transfer-Encoding: chunked"}, pageA))),
			want: []got{{record: 1, url: uA}},
		},
		{
			name: "chunk size larger than the data",
			in:   file(withBlock(A, httpResp("200 OK", []string{"Content-Type: text/html", "Transfer-Encoding: chunked"}, "fff\r\n"+pageA+"\r\n0\r\n\r\n"))),
			want: []got{{record: 1, url: uA}},
		},
		{
			name: "gzip content encoding",
			in:   file(withBlock(A, httpResp("200 OK", []string{"Content-Type: text/html", "Content-Encoding: gzip"}, gz(pageA))), B),
			want: []got{{record: 1, url: uA}, {record: 2, url: uB}},
		},
		{
			name: "gzip, then chunked",
			in:   file(withBlock(A, httpResp("200 OK", []string{"Content-Type: text/html", "Content-Encoding: x-gzip", "Transfer-Encoding: chunked"}, chunk(gz(pageA), 50)))),
			want: []got{{record: 1, url: uA}},
		},
		{
			name: "deflate, zlib and raw",
			in: file(withBlock(A, httpResp("200 OK", []string{"Content-Type: text/html", "Content-Encoding: deflate"}, zl.String())),
				withBlock(B, httpResp("200 OK", []string{"Content-Type: text/html", "Content-Encoding: deflate"}, raw.String()))),
			want: []got{{record: 1, url: uA}, {record: 2, url: uB}},
		},
		{
			name: "bad gzip and brotli",
			in: file(withBlock(A, httpResp("200 OK", []string{"Content-Type: text/html", "Content-Encoding: gzip"}, pageA)),
				withBlock(B, httpResp("200 OK", []string{"Content-Type: text/html", "Content-Encoding: br"}, "\x1b\x03\x00")),
				withBlock(B, httpResp("200 OK", []string{"Content-Type: text/html", "Content-Encoding: gzip"}, gz(pageA)[:100])),
				C),
			want: []got{{record: 1, err: ErrEncoding}, {record: 2, err: ErrEncoding}, {record: 3, err: ErrEncoding}, {record: 4, url: uC}},
		},
		{
			name: "gzip bomb over the limit",
			in:   file(withBlock(A, httpResp("200 OK", []string{"Content-Type: text/html", "Content-Encoding: gzip"}, gz(pageA+strings.Repeat(" ", 1<<20)))), B),
			max:  64 << 10,
			want: []got{{record: 1, err: quotewire.ErrTooLarge}, {record: 2, url: uB}},
		},
		{
			name: "non-HTML and non-200 responses skipped",
			in: file(withBlock(A, httpResp("200 OK", []string{"Content-Type: application/json"}, `{"a":1}`)),
				withBlock(A, httpResp("200 OK", []string{"Content-Type: image/png"}, "\x89PNG\r\n\x1a\n")),
				withBlock(A, httpResp("404 Not Found", htmlHeader, pageA)),
				withBlock(A, httpResp("301 Moved Permanently", []string{"Location: /b"}, "")),
				withBlock(A, "HTTP/2 304\r\n\r\n"),
				rec{uri: "dns:example.com", block: "20171004100000\nexample.com. 300 IN A 93.184.216.34\n", fields: []string{"Content-Type: text/dns"}},
				B),
			want: []got{{record: 7, url: uB}},
		},
		{
			name: "XHTML and no Content-Type",
			in: file(withBlock(A, httpResp("200 OK", []string{"Content-Type: application/xhtml+xml"}, pageA)),
				withBlock(B, httpResp("200 OK", nil, page("Story", textB))),
				withBlock(C, httpResp("200 OK", nil, "just some text, not a page")),
				withBlock(C, httpResp("200", []string{"content-type: TEXT/HTML;charset=utf-8"}, page("Story", textC)))),
			want: []got{{record: 1, url: uA}, {record: 2, url: uB}, {record: 4, url: uC}},
		},
		{
			name: "not an HTTP response",
			in:   file(withBlock(A, "<html>no status line</html>"), withBlock(A, "HTTP/1.1 OK\r\n\r\n"), withBlock(A, "HTTP/1.1 200 OK\r\nContent-Type: text/html"), B),
			want: []got{{record: 1, err: ErrHTTP}, {record: 2, err: ErrHTTP}, {record: 3, err: ErrHTTP}, {record: 4, url: uB}},
		},
		{
			name: "page without text",
			in:   file(withBlock(A, httpResp("200 OK", htmlHeader, "<html><body><script>x()</script></body></html>")), B),
			want: []got{{record: 1, err: htmlfile.ErrNoText}, {record: 2, url: uB}},
		},
		{
			name: "truncated last record",
			in:   full[:len(full)-200],
			want: []got{{record: 1, url: uA}, {record: 2, err: ErrTruncated}},
		},
		{
			name: "truncated in the header",
			in:   full[:len(A.String())+30],
			want: []got{{record: 1, url: uA}, {record: 2, err: ErrTruncated}},
		},
		{
			name: "truncated after the version line",
			in:   append(file(A), "WARC/1.1"...),
			want: []got{{record: 1, url: uA}, {record: 2, err: ErrTruncated}},
		},
		{
			name: "truncated in the trailer",
			in:   full[:len(full)-3],
			want: []got{{record: 1, url: uA}, {record: 2, url: uB}},
		},
		{
			name: "oversized records",
			in: file(rec{uri: uA, block: httpResp("200 OK", htmlHeader, page("Big", strings.Repeat("word ", 2000)))},
				rec{typ: "resource", block: strings.Repeat("x", 5000)},
				B),
			max:  4096,
			want: []got{{record: 1, err: quotewire.ErrTooLarge}, {record: 3, url: uB}},
		},
		{
			name: "garbage before the first record",
			in:   append([]byte("junk\r\nmore junk\r\n"), file(A)...),
			want: []got{{record: 1, err: ErrMalformed}, {record: 2, url: uA}},
		},
		{
			name: "garbage between records",
			in:   append(append(file(A), "a line of junk\r\n"...), file(B)...),
			want: []got{{record: 1, url: uA}, {record: 2, err: ErrMalformed}, {record: 3, url: uB}},
		},
		{
			name: "unknown version",
			in:   append([]byte(strings.Replace(A.String(), "WARC/1.0", "WARC/2.0", 1)), file(B)...),
			want: []got{{record: 1, err: ErrMalformed}, {record: 2, url: uB}},
		},
		{
			name: "no or bad Content-Length",
			in:   file(rec{uri: uA, block: A.block, noLen: true}, rec{uri: uA, block: A.block, fields: []string{"Content-Length: -5"}, noLen: true}, B),
			want: []got{{record: 1, err: ErrMalformed}, {record: 2, err: ErrMalformed}, {record: 3, url: uB}},
		},
		{
			name: "header line without colon",
			in:   file(rec{uri: uA, block: A.block, fields: []string{"not a field"}}, B),
			want: []got{{record: 1, err: ErrMalformed}, {record: 2, url: uB}},
		},
		{
			name: "header cut by the next record",
			in:   append([]byte("WARC/1.0\r\nWARC-Type: response\r\n"), file(A)...),
			want: []got{{record: 1, err: ErrMalformed}, {record: 2, url: uA}},
		},
		{
			name: "LF line endings",
			in:   file(rec{uri: uA, block: strings.ReplaceAll(A.block, "\r\n", "\n"), eol: "\n"}, rec{uri: uB, block: B.block, eol: "\n"}),
			want: []got{{record: 1, url: uA}, {record: 2, url: uB}},
		},
		{
			name: "blank lines around records",
			in:   append(append([]byte("\r\n\r\n"), file(rec{uri: uA, block: A.block, end: "\r\n\r\n\r\n\n"}, B)...), "\r\n\r\n"...),
			want: []got{{record: 1, url: uA}, {record: 2, url: uB}},
		},
		{
			name: "WARC/1.1, field case, continuation lines, URI in brackets",
			in: []byte("WARC/1.1\r\nwarc-type: Response\r\nWARC-TARGET-URI:  <http://example.com/a b> \r\n" +
				"Content-type: application/http;\r\n msgtype=response\r\ncontent-length: " + strconv.Itoa(len(A.block)) + "\r\n\r\n" + A.block + "\r\n\r\n"),
			want: []got{{record: 1, url: "http://example.com/a b"}},
		},
		{
			name: "charset from the HTTP header",
			in:   file(withBlock(A, httpResp("200 OK", []string{`Content-Type: text/html; charset="windows-1251"`}, cp1251))),
			want: []got{{record: 1, url: uA}},
		},
		{
			name: "empty input",
			in:   nil,
		},
		{
			name: "blank lines only",
			in:   []byte("\r\n\n  \r\n"),
		},
		{
			name: "version line only",
			in:   []byte("WARC/1.0\r\n"),
			want: []got{{record: 1, err: ErrTruncated}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(bytes.NewReader(tt.in), "test.warc", Options{MaxRecord: tt.max})
			res := results(t, r)
			if len(res) != len(tt.want) {
				t.Fatalf("got %d results, want %d:\ngot  %v\nwant %v", len(res), len(tt.want), res, tt.want)
			}
			for i, w := range tt.want {
				g := res[i]
				if g.record != w.record || g.url != w.url || (w.err == nil) != (g.err == nil) || w.err != nil && !errors.Is(g.err, w.err) {
					t.Errorf("result %d: got %v, want %v", i+1, g, w)
				}
			}
			if _, err := r.Next(); err != io.EOF {
				t.Errorf("Next after the end: %v, want io.EOF", err)
			}
		})
	}
}

// TestOffsets checks the offsets record errors give, also after the
// reader has resynchronised inside a block.
func TestOffsets(t *testing.T) {
	A, B := respRec("http://example.com/a", textA), respRec("http://example.com/b", textB)
	long := A
	long.delta = 100
	bad := B
	bad.block = "no HTTP here"
	junk := "junk\r\n"
	parts := []string{junk, A.String(), long.String(), bad.String(), B.String(), bad.String()}
	in := strings.Join(parts, "")
	want := []struct {
		record int
		off    int
	}{
		{1, 0},
		{3, len(parts[0] + parts[1])},
		{4, len(parts[0] + parts[1] + parts[2])},
		{6, len(in) - len(parts[5])},
	}
	_, errs, err := readAll(t, NewReader(strings.NewReader(in), "test.warc", Options{}))
	if err != nil || len(errs) != len(want) {
		t.Fatalf("got errors %v, %v; want %d record errors", errs, err, len(want))
	}
	for i, w := range want {
		suffix := fmt.Sprintf("(record at byte %d)", w.off)
		if errs[i].Origin.Record != w.record || !strings.HasSuffix(errs[i].Error(), suffix) {
			t.Errorf("error %d: %v; want record %d ending %s", i+1, errs[i], w.record, suffix)
		}
	}
}

// TestArticle checks every field of the articles read from good records.
func TestArticle(t *testing.T) {
	dated := `<html><head><title>Lavrov speaks</title><meta property="article:published_time" content="2016-09-12T08:00:00Z"></head>` +
		`<body><article><p>` + textA + `</p></article></body></html>`
	bodyB := page("Story", textB)
	in := file(
		rec{uri: "<https://World.Example.com:8443/news/lavrov>", date: "2017-10-04T10:00:00Z", block: httpResp("200 OK", []string{"Content-Type: text/html"}, dated)},
		rec{uri: "http://example.com/b", date: "2017-10-05T23:59:59.123Z", block: httpResp("200 OK", []string{"Content-Type: text/html"}, bodyB)},
		rec{uri: "http://example.com/b", block: httpResp("200 OK", []string{"Content-Type: text/html", "Date: Wed, 03 Mar 2021 10:00:00 GMT"}, bodyB)},
	)
	r := NewReader(bytes.NewReader(in), "news.warc", Options{})
	arts, errs, err := readAll(t, r)
	if err != nil || len(errs) > 0 {
		t.Fatalf("errors: %v %v", err, errs)
	}
	id := func(host, uri, body string) string {
		sum := sha256.Sum256([]byte(uri + "\x00" + body))
		return host + "-" + hex.EncodeToString(sum[:8])
	}
	want := []quotewire.Article{
		{
			ID:     id("world.example.com", "https://World.Example.com:8443/news/lavrov", dated),
			Title:  "Lavrov speaks",
			Date:   "2016-09-12", // the page's own date
			URL:    "https://World.Example.com:8443/news/lavrov",
			Text:   textA,
			Origin: quotewire.Origin{File: "news.warc", Record: 1},
		},
		{
			ID:     id("example.com", "http://example.com/b", bodyB),
			Title:  "Story",
			Date:   "2017-10-05", // the WARC-Date
			URL:    "http://example.com/b",
			Text:   "Story\n\n" + textB,
			Origin: quotewire.Origin{File: "news.warc", Record: 2},
		},
		{
			ID:     id("example.com", "http://example.com/b", bodyB), // the same capture
			Title:  "Story",
			Date:   "2021-03-03", // the HTTP Date
			URL:    "http://example.com/b",
			Text:   "Story\n\n" + textB,
			Origin: quotewire.Origin{File: "news.warc", Record: 3},
		},
	}
	if len(arts) != len(want) {
		t.Fatalf("got %d articles, want %d", len(arts), len(want))
	}
	for i := range want {
		if arts[i] != want[i] {
			t.Errorf("article %d:\ngot  %+v\nwant %+v", i+1, arts[i], want[i])
		}
	}
}

// gzipMembers compresses each record as its own gzip member, as Common
// Crawl writes .warc.gz files.
func gzipMembers(recs ...rec) []byte {
	var b bytes.Buffer
	for _, r := range recs {
		b.WriteString(gz(r.String()))
	}
	return b.Bytes()
}

// TestTruncatedGzip reads a .warc.gz cut short through a gzip reader: the
// records before the cut are read, then an error that ends the input and
// says it was truncated.
func TestTruncatedGzip(t *testing.T) {
	var recs []rec
	for i := range 6 {
		recs = append(recs, respRec(fmt.Sprintf("http://example.com/%d", i), textA))
	}
	data := gzipMembers(recs...)
	tests := []struct {
		name     string
		cut      int
		articles int
	}{
		{"in the fourth record", len(data)/2 + 20, 3},
		{"in the first gzip header", 5, 0},
		{"in the last gzip trailer", len(data) - 1, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cut := tt.cut
			var in io.Reader
			zr, err := gzip.NewReader(bytes.NewReader(data[:cut]))
			if err != nil {
				in = iotest.ErrReader(err) // as ingest.NewReader would report it
			} else {
				in = zr
			}
			r := NewReader(in, "cut.warc.gz", Options{})
			arts, errs, err := readAll(t, r)
			if len(errs) > 0 {
				t.Errorf("record errors: %v", errs)
			}
			if len(arts) != tt.articles {
				t.Errorf("read %d articles, want %d", len(arts), tt.articles)
			}
			if !errors.Is(err, ErrTruncated) || !errors.Is(err, io.ErrUnexpectedEOF) {
				t.Fatalf("final error %v, want one wrapping ErrTruncated and io.ErrUnexpectedEOF", err)
			}
			if msg := err.Error(); !strings.Contains(msg, "cut.warc.gz") || !strings.Contains(msg, "truncated") {
				t.Errorf("message %q does not name the file and say truncated", msg)
			}
			if _, again := r.Next(); again != err {
				t.Errorf("Next after the error: %v, want %v again", again, err)
			}
		})
	}
}

// TestReadError checks that an error reading the input ends it, named
// with the file, and is returned again.
func TestReadError(t *testing.T) {
	boom := errors.New("disk on fire")
	data := file(respRec("http://example.com/a", textA), respRec("http://example.com/b", textB))
	in := io.MultiReader(bytes.NewReader(data[:len(data)-100]), iotest.ErrReader(boom))
	r := NewReader(in, "disk.warc", Options{})
	arts, errs, err := readAll(t, r)
	if len(arts) != 1 || len(errs) != 0 {
		t.Errorf("read %d articles and %d record errors, want 1 and 0", len(arts), len(errs))
	}
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), "disk.warc record 2") {
		t.Fatalf("final error %v, want disk on fire in disk.warc record 2", err)
	}
	if _, again := r.Next(); again != err {
		t.Errorf("Next after the error: %v, want %v again", again, err)
	}
}

func TestCompressedInput(t *testing.T) {
	data := gzipMembers(respRec("http://example.com/a", textA))
	r := NewReader(bytes.NewReader(data), "x.warc.gz", Options{})
	_, err := r.Next()
	var rerr *quotewire.RecordError
	if !errors.Is(err, ErrCompressed) || errors.As(err, &rerr) {
		t.Fatalf("Next: %v, want ErrCompressed ending the input", err)
	}
	if _, again := r.Next(); again != err {
		t.Errorf("Next after the error: %v, want %v again", again, err)
	}
}

// TestOversizedStreams checks that a record over the limit is skipped
// without being held in memory.
func TestOversizedStreams(t *testing.T) {
	const size = 32 << 20
	big := rec{uri: "http://example.com/big", block: httpResp("200 OK", []string{"Content-Type: text/html"}, page("Big", strings.Repeat("x", size)))}
	data := file(big, respRec("http://example.com/a", textA))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	r := NewReader(bytes.NewReader(data), "big.warc", Options{MaxRecord: 1 << 20})
	if _, err := r.Next(); !errors.Is(err, quotewire.ErrTooLarge) {
		t.Fatalf("Next: %v, want ErrTooLarge", err)
	}
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 4<<20 {
		t.Errorf("skipping a %d-byte record allocated %d bytes", size, alloc)
	}
	if a, err := r.Next(); err != nil || a.URL != "http://example.com/a" {
		t.Errorf("Next after the big record = %v, %v", a.URL, err)
	}
}
