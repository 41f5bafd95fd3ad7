package warc

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/iotest"
	"time"

	"github.com/klauspost/compress/gzip"
)

// edgeDir holds real WARC files with real defects, from the test suite
// of webrecorder's warcio (see its README.md).
const edgeDir = "../../../shared/data/warc-edge"

// edgeFile is what a file of edgeDir holds, as read by hand, and what
// the reader makes of it.
type edgeFile struct {
	file string
	// urls are the URLs of the articles, in order.
	urls []string
	// errs are the records reported as damaged, with the cause.
	errs    []int
	errIs   error
	comment string
}

// edgeFiles lists every file of edgeDir.
var edgeFiles = []edgeFile{
	{
		file:    "example.warc",
		urls:    []string{"http://example.com/"},
		comment: "warcinfo, warcinfo, response (200, text/html, Content-Encoding: gzip), request, revisit, request",
	},
	{
		file:    "example.warc.gz",
		urls:    []string{"http://example.com/"},
		comment: "example.warc in one gzip member per record, with digests on the requests",
	},
	{
		file: "example-bad-non-chunked.warc.gz",
		urls: []string{"http://example.com/"},
		comment: "example.warc in a single gzip member rather than one per record (warcio's sense of " +
			"\"not chunked\"; the HTTP headers claim no chunking): read like any other",
	},
	{
		file: "example-bad.warc.gz.bad",
		urls: []string{"http://example.com?example=1"},
		comment: "one gzip member (not one per record, hence warcio's \"bad\"), which decompresses whole: " +
			"warcinfo, response (200, text/html), request, revisit, request, response (302: skipped)",
	},
	{
		file:    "example-digest.warc",
		comment: "four request records: nothing to read",
	},
	{
		file:    "example-iana.org-chunked.warc",
		urls:    []string{"http://www.iana.org/"},
		comment: "warcinfo, response (200, text/html, Transfer-Encoding: chunked, dechunked), request",
	},
	{
		file:    "example-resource.warc.gz",
		comment: "warcinfo, warcinfo, resource (an HTML page without an HTTP envelope): resource records are skipped",
	},
	{
		file:    "example-space-in-target-uri.warc.gz",
		comment: "warcinfo, resource (a PNG at \"file:///example with spaces.png\"): skipped",
	},
	{
		file: "example-trunc.warc",
		errs: []int{3}, errIs: ErrLength,
		comment: "warcinfo, warcinfo, response whose Content-Length (973) is 2 bytes short, so that " +
			"its gzip body is cut (reported; the reader resynchronises on the next WARC/1.0 line), request",
	},
	{
		file: "example-wget-bad-target-uri.warc.gz",
		urls: []string{"http://example.com/"},
		comment: "wget's output, target URIs in angle brackets: warcinfo, request, response (200, text/html), " +
			"metadata, resource, resource",
	},
	{
		file: "example-wrong-chunks.warc.gz",
		errs: []int{1}, errIs: ErrLength,
		comment: "gzip members that do not match the records; the response's Content-Length (1613) is " +
			"1 byte short, so the record is reported as damaged; then a request",
	},
	{
		file:    "post-test.warc.gz",
		comment: "three POST requests and their responses, all application/json: nothing to read",
	},
}

// openEdge opens one file of edgeDir as a Reader, decompressing it when
// it is gzip.
func openEdge(t *testing.T, name string) *Reader {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(edgeDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return NewReader(decompress(t, data), name, Options{})
}

// decompress returns a reader of data, through gzip when it is gzip.
func decompress(t *testing.T, data []byte) io.Reader {
	t.Helper()
	if !bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
		return bytes.NewReader(data)
	}
	zr, err := gzip.NewReader(bytes.NewReader(data)) // multistream by default
	if err != nil {
		return iotest.ErrReader(err) // as ingest.NewReader would report it
	}
	return zr
}

// collectWithin collects what r gives, failing the test when that takes
// longer than d.
func collectWithin(t *testing.T, r *Reader, d time.Duration) collected {
	t.Helper()
	done := make(chan collected, 1)
	go func() { done <- collect(r) }()
	select {
	case c := <-done:
		if c.endless {
			t.Fatal("Next never returned io.EOF")
		}
		return c
	case <-time.After(d):
		t.Fatalf("reading hangs: no end after %v", d)
	}
	return collected{}
}

func TestWARCEdge(t *testing.T) {
	if _, err := os.Stat(edgeDir); errors.Is(err, os.ErrNotExist) {
		t.Skipf("warc-edge files not found at %s; skipping", edgeDir)
	}
	entries, err := os.ReadDir(edgeDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := e.Name()
		if filepath.Ext(name) == ".md" || filepath.Ext(name) == ".txt" || name == "NOTICE" {
			continue
		}
		if !slices.ContainsFunc(edgeFiles, func(f edgeFile) bool { return f.file == name }) {
			t.Errorf("%s is not in the table: read it by hand and add it", name)
		}
	}
	for _, tt := range edgeFiles {
		t.Run(tt.file, func(t *testing.T) {
			res := collectWithin(t, openEdge(t, tt.file), 20*time.Second)
			if res.err != nil {
				t.Fatalf("reading %s: %v", tt.file, res.err)
			}
			var urls []string
			for _, a := range res.arts {
				urls = append(urls, a.URL)
				if a.Text == "" || a.ID == "" || a.Date == "" || a.Origin.File != tt.file || a.Origin.Record < 1 {
					t.Errorf("article %+v lacks a field", a)
				}
			}
			if !slices.Equal(urls, tt.urls) {
				t.Errorf("articles %q, want %q", urls, tt.urls)
			}
			var recs []int
			for _, e := range res.errs {
				recs = append(recs, e.Origin.Record)
				if tt.errIs != nil && !errors.Is(e, tt.errIs) {
					t.Errorf("error %v, want %v", e, tt.errIs)
				}
				t.Log(e)
			}
			if !slices.Equal(recs, tt.errs) {
				t.Errorf("errors in records %v, want %v", recs, tt.errs)
			}
		})
	}
}

// TestWARCEdgeCut reads example.warc.gz cut at every few bytes: each cut
// gives the records before it and then io.EOF (at a member boundary) or
// an error saying the input is truncated, never a panic or a hang.
func TestWARCEdgeCut(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(edgeDir, "example.warc.gz"))
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("warc-edge files not found at %s; skipping", edgeDir)
	}
	if err != nil {
		t.Fatal(err)
	}
	sawArticle := false
	for cut := 0; cut < len(data); cut += 7 {
		r := NewReader(decompress(t, data[:cut]), "example.warc.gz", Options{})
		c := collectWithin(t, r, 20*time.Second)
		if c.err != nil && !errors.Is(c.err, ErrTruncated) {
			t.Errorf("cut at %d: %v, want an error wrapping ErrTruncated", cut, c.err)
		}
		if len(c.arts) > 1 || len(c.errs) > 0 {
			t.Errorf("cut at %d: %d articles and record errors %v, want at most 1 article, no errors", cut, len(c.arts), c.errs)
		}
		sawArticle = sawArticle || len(c.arts) == 1
	}
	if !sawArticle {
		t.Error("no cut kept the response record")
	}
}
