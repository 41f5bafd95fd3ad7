package warc

import (
	"bytes"
	"strings"
	"testing"
)

// TestIDs checks that IDs depend on the target URI and the decoded body
// only.
func TestIDs(t *testing.T) {
	plain := respRec("http://example.com/a", textA)
	gzipped := plain
	gzipped.block = httpResp("200 OK", []string{"Content-Type: text/html", "Content-Encoding: gzip"}, gz(page("Story", textA)))
	gzipped.date = "2020-01-01T00:00:00Z"
	otherURI := plain
	otherURI.uri = "http://example.com/a?x=1"
	otherBody := respRec("http://example.com/a", textB)
	noURI := plain
	noURI.uri = ""

	read := func(name string, recs ...rec) []string {
		arts, errs, err := readAll(t, NewReader(bytes.NewReader(file(recs...)), name, Options{}))
		if err != nil || len(errs) > 0 {
			t.Fatalf("%s: %v %v", name, err, errs)
		}
		var ids []string
		for _, a := range arts {
			ids = append(ids, a.ID)
		}
		return ids
	}
	ids := read("one.warc", plain, gzipped, otherURI, otherBody, noURI)
	again := read("two.warc", noURI, plain)
	if ids[0] != ids[1] || ids[0] != again[1] {
		t.Errorf("one capture, different IDs: %q %q %q", ids[0], ids[1], again[1])
	}
	if ids[0] == ids[2] || ids[0] == ids[3] || ids[0] == ids[4] {
		t.Errorf("different captures, same ID: %q", ids)
	}
	if !strings.HasPrefix(ids[0], "example.com-") || len(ids[0]) != len("example.com-")+16 {
		t.Errorf("ID %q, want example.com- and 16 hex digits", ids[0])
	}
	if !strings.HasPrefix(ids[4], "warc-") || ids[4] != again[0] {
		t.Errorf("IDs without a URI: %q, %q; want warc-<hash>, equal", ids[4], again[0])
	}
}

func TestHost(t *testing.T) {
	tests := []struct{ uri, want string }{
		{"http://example.com/", "example.com"},
		{"https://User:pw@News.Example.COM:8080/a?b#c", "news.example.com"},
		{"http://example.com?x=1", "example.com"},
		{"http://[2001:db8::1]:80/", "2001-db8--1"},
		{"file:///example with spaces.png", "warc"},
		{"metadata://gnu.org/software/wget/warc/MANIFEST.txt", "gnu.org"},
		{"dns:example.com", "warc"},
		{"", "warc"},
		{"http://ex_am ple.com/", "example.com"},
	}
	for _, tt := range tests {
		if got := host(tt.uri); got != tt.want {
			t.Errorf("host(%q) = %q, want %q", tt.uri, got, tt.want)
		}
	}
}

func TestDechunk(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n", "hello world", true},
		{"5;name=v\r\nhello\r\n0\r\nTrailer: x\r\n\r\n", "hello", true},
		{"5\nhello\n0\n\n", "hello", true},
		{"5\r\nhello\r\n", "hello", true},       // no last chunk
		{"5\r\nhello", "hello", true},           // cut after the data
		{"<html>", "", false},                   // not chunked
		{"10\r\nhello\r\n0\r\n\r\n", "", false}, // size past the end
		{"3\r\nhello\r\n0\r\n\r\n", "", false},  // size too small
		{"ffffffffffffffffff\r\n", "", false},   // overflow
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := dechunk(nil, []byte(tt.in))
		if ok != tt.ok || ok && string(got) != tt.want {
			t.Errorf("dechunk(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestStatusCode(t *testing.T) {
	tests := []struct {
		line string
		code int
		ok   bool
	}{
		{"HTTP/1.1 200 OK", 200, true},
		{"HTTP/1.0 404", 404, true},
		{"HTTP/2  301 Moved", 301, true},
		{"HTTP/1.1 20", 0, false},
		{"HTTP/1.1 2000", 0, false},
		{"HTTP/1.1 abc", 0, false},
		{"HTTP/1.1", 0, false},
	}
	for _, tt := range tests {
		code, ok := statusCode([]byte(tt.line))
		if code != tt.code || ok != tt.ok {
			t.Errorf("statusCode(%q) = %d, %v; want %d, %v", tt.line, code, ok, tt.code, tt.ok)
		}
	}
}

func TestDates(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"2017-03-06T04:02:06Z", "2017-03-06"},
		{"2017-03-06T04:02:06.123456Z", "2017-03-06"},
		{"2017-03-06", "2017-03-06"},
		{" 2017-03-06T04:02:06Z", "2017-03-06"},
		{"2017-13-06T04:02:06Z", ""},
		{"20170306040206", ""},
		{"", ""},
	} {
		if got := day(tt.in); got != tt.want {
			t.Errorf("day(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"Mon, 06 Mar 2017 04:02:06 GMT", "2017-03-06"},
		{"Monday, 06-Mar-17 04:02:06 GMT", "2017-03-06"},
		{"yesterday", ""},
	} {
		if got := httpDay(tt.in); got != tt.want {
			t.Errorf("httpDay(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
