package warc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/klauspost/compress/gzip"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/ingest/htmlfile"
)

// fuzzSeeds adds the seed corpus of the fuzz targets to f: synthetic
// records with each defect the reader handles, and the warc-edge files
// when they are there.
func fuzzSeeds(f *testing.F) {
	A, B := respRec("http://example.com/a", textA), respRec("http://example.com/b", textB)
	chunked := A
	chunked.block = httpResp("200 OK", []string{"Content-Type: text/html", "Transfer-Encoding: chunked"}, chunk(page("Story", textA), 64))
	gzipped := B
	gzipped.block = httpResp("200 OK", []string{"Content-Type: text/html", "Content-Encoding: gzip"}, gz(page("Story", textB)))
	short, long := A, A
	short.delta, long.delta = -7, 60
	two := file(A, B)
	for _, s := range [][]byte{
		two,
		file(rec{typ: "warcinfo", block: "software: fuzz\r\n"}, rec{typ: "request", block: "GET / HTTP/1.1\r\n\r\n"}, A),
		file(short, B),
		file(long, B, A),
		file(chunked, gzipped),
		two[:len(two)-150],
		append([]byte("junk\r\n"), two...),
		[]byte(strings.ReplaceAll(string(two), "\r\n", "\n")),
		file(rec{uri: "<http://example.com/ x>", block: httpResp("200 OK", nil, "<p>x</p>")}),
		[]byte("WARC/1.0\r\nContent-Length: 99999999999\r\n\r\n"),
		[]byte("WARC/1.1\r\n\r\n"),
		[]byte("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 0\r\n\r\n\r\n\r\n"),
		{0x1f, 0x8b, 8, 0},
		{},
	} {
		f.Add(s)
	}
	if entries, err := os.ReadDir(edgeDir); err == nil {
		for _, e := range entries {
			if !strings.Contains(e.Name(), ".warc") {
				continue
			}
			data, err := os.ReadFile(filepath.Join(edgeDir, e.Name()))
			if err != nil {
				f.Fatal(err)
			}
			if bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
				zr, err := gzip.NewReader(bytes.NewReader(data))
				if err != nil {
					f.Fatal(err)
				}
				if data, err = io.ReadAll(zr); err != nil {
					f.Fatal(err)
				}
			}
			f.Add(data)
		}
	}
}

func FuzzReader(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(bytes.NewReader(data), "fuzz.warc", Options{MaxRecord: 4 << 10, HTML: htmlfile.Options{MaxDepth: 200}})
		last := 0
		// Every call to Next consumes at least one byte.
		for i := 0; i <= len(data)+1; i++ {
			a, err := r.Next()
			if err == io.EOF {
				if _, err := r.Next(); err != io.EOF {
					t.Fatalf("Next after io.EOF: %v", err)
				}
				return
			}
			var rerr *quotewire.RecordError
			if errors.As(err, &rerr) {
				if rerr.Origin.File != "fuzz.warc" || rerr.Origin.Record <= last {
					t.Fatalf("error for %v after record %d", rerr.Origin, last)
				}
				last = rerr.Origin.Record
				continue
			}
			if err != nil {
				again, err2 := r.Next()
				if err2 == nil || errors.As(err2, &rerr) {
					t.Fatalf("Next after %v: %+v, %v; want the input to stay ended", err, again, err2)
				}
				return
			}
			if a.Origin.File != "fuzz.warc" || a.Origin.Record <= last {
				t.Fatalf("article from %v after record %d", a.Origin, last)
			}
			last = a.Origin.Record
			if a.ID == "" || strings.TrimSpace(a.Text) == "" {
				t.Fatalf("article without ID or text: %+v", a)
			}
			for _, s := range []string{a.Text, a.Title, a.Date, a.URL, a.ID} {
				if !utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0 {
					t.Fatalf("field %q is not valid UTF-8 text", s)
				}
			}
		}
		t.Fatal("Next never returned io.EOF")
	})
}

// FuzzRecords fuzzes the WARC and HTTP layers alone, without reading
// pages, which is much faster: records come in order, every error is a
// record error or io.EOF, and the reader holds no more than one record.
func FuzzRecords(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		const max = 4 << 10
		r := NewReader(bytes.NewReader(data), "fuzz.warc", Options{MaxRecord: max})
		last := 0
		for i := 0; i <= len(data)+1; i++ {
			resp, err := r.nextResponse()
			if err == io.EOF {
				return
			}
			var rerr *quotewire.RecordError
			switch {
			case errors.As(err, &rerr):
				if rerr.Origin.Record <= last {
					t.Fatalf("error for record %d after record %d", rerr.Origin.Record, last)
				}
				last = rerr.Origin.Record
			case err != nil:
				if !errors.Is(err, ErrCompressed) {
					t.Fatalf("error ending a bytes.Reader input: %v", err)
				}
				return
			default:
				if resp.record <= last || len(resp.payload) > max {
					t.Fatalf("record %d after %d, payload of %d bytes", resp.record, last, len(resp.payload))
				}
				last = resp.record
			}
			if len(r.in.pend) > max+bufSize || cap(r.block) > max {
				t.Fatalf("holding %d bytes to replay, a block buffer of %d", len(r.in.pend), cap(r.block))
			}
		}
		t.Fatal("nextResponse never returned io.EOF")
	})
}

// words make up the text of the benchmark's pages.
var words = strings.Fields(`the minister said on Wednesday that talks with officials would
	continue next week after the report was published government spokesman
	told reporters in the capital where protesters gathered outside parliament
	as lawmakers debated a budget that critics say cuts spending on schools`)

// newsPage returns a news page like those of CC-NEWS: a head with
// metadata, styles and scripts, navigation, an article of quoted
// paragraphs and a footer, about 40 KB.
func newsPage(rng *rand.Rand, i int) string {
	sentence := func(n int) string {
		w := make([]string, n)
		for j := range w {
			w[j] = words[rng.IntN(len(words))]
		}
		return strings.Join(w, " ")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Story %d: %s</title>\n", i, sentence(8))
	fmt.Fprintf(&b, "<meta property=\"og:title\" content=\"%s\"><meta name=\"description\" content=\"%s\">\n", sentence(8), sentence(25))
	fmt.Fprintf(&b, "<meta property=\"article:published_time\" content=\"2024-05-%02dT08:00:00Z\">\n", 1+i%28)
	b.WriteString("<style>")
	for j := range 150 {
		fmt.Fprintf(&b, ".c%d{margin:0 %dpx;font-family:Georgia,serif;color:#%06x}\n", j, j%17, rng.IntN(1<<24))
	}
	b.WriteString("</style>\n<script>window.dataLayer=window.dataLayer||[];")
	for j := range 80 {
		fmt.Fprintf(&b, "function f%d(a){return a*%d+%q.length}\n", j, j, sentence(6))
	}
	b.WriteString("</script></head>\n<body><header><nav><ul>")
	for j := range 40 {
		fmt.Fprintf(&b, "<li><a href=\"/section/%d\">%s</a></li>", j, words[j%len(words)])
	}
	b.WriteString("</ul></nav></header>\n<main><article>")
	fmt.Fprintf(&b, "<h1>%s</h1>\n", sentence(10))
	for j := range 15 + rng.IntN(10) {
		if j%3 == 1 {
			fmt.Fprintf(&b, "<p>&ldquo;%s,&rdquo; said Minister %d. %s.</p>\n", sentence(20), j, sentence(15))
		} else {
			fmt.Fprintf(&b, "<p>%s. %s.</p>\n", sentence(25), sentence(20))
		}
	}
	b.WriteString("</article><aside><h2>Most read</h2><ul>")
	for j := range 10 {
		fmt.Fprintf(&b, "<li><a href=\"/story/%d\">%s</a></li>", j, sentence(9))
	}
	b.WriteString("</ul></aside></main><footer><p>&copy; 2024 Wire Service. All rights reserved.</p></footer></body></html>\n")
	return b.String()
}

// benchWARC returns a WARC file laid out like CC-NEWS: a warcinfo record,
// then a request, a response and a metadata record for each of n pages.
func benchWARC(n int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	recs := []rec{{typ: "warcinfo", block: "software: StormCrawler 2.10 https://stormcrawler.net/\r\nformat: WARC File Format 1.1\r\n", fields: []string{"Content-Type: application/warc-fields"}}}
	for i := range n {
		uri := fmt.Sprintf("https://news%d.example.com/2024/05/story-%d.html", i%7, i)
		date := fmt.Sprintf("2024-05-%02dT10:%02d:00Z", 1+i%28, i%60)
		recs = append(recs,
			rec{typ: "request", uri: uri, date: date, block: "GET /2024/05/story HTTP/1.1\r\nHost: example.com\r\nUser-Agent: CCBot/2.0\r\nAccept: text/html\r\n\r\n", fields: []string{"Content-Type: application/http; msgtype=request"}},
			rec{uri: uri, date: date, block: httpResp("200 OK", []string{"Content-Type: text/html; charset=UTF-8", "Server: nginx", "Cache-Control: max-age=60", "X-Crawler-Content-Encoding: gzip"}, newsPage(rng, i))},
			rec{typ: "metadata", uri: uri, date: date, block: "fetchTimeMs: 231\r\ncharset-detected: UTF-8\r\n", fields: []string{"Content-Type: application/warc-fields"}},
		)
	}
	return file(recs...)
}

func BenchmarkReader(b *testing.B) {
	const pages = 200
	data := benchWARC(pages)
	var zipped bytes.Buffer // one gzip member per record, as Common Crawl writes
	for rest := data; len(rest) > 0; {
		i := bytes.Index(rest[1:], []byte("WARC/1.0\r\n"))
		n := len(rest)
		if i >= 0 {
			n = i + 1
		}
		zipped.WriteString(gz(string(rest[:n])))
		rest = rest[n:]
	}
	// records splits records and decodes HTTP bodies, without reading
	// the pages: the cost of the WARC layer alone.
	records := func(b *testing.B, in io.Reader) {
		r := NewReader(in, "bench.warc", Options{})
		n := 0
		for {
			_, err := r.nextResponse()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != pages {
			b.Fatalf("read %d responses, want %d", n, pages)
		}
	}
	b.Run("records", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			records(b, bytes.NewReader(data))
		}
	})
	b.Run("records-gzip", func(b *testing.B) {
		b.SetBytes(int64(len(data))) // decompressed bytes, to compare with records
		for b.Loop() {
			zr, err := gzip.NewReader(bytes.NewReader(zipped.Bytes()))
			if err != nil {
				b.Fatal(err)
			}
			records(b, zr)
		}
	})
	b.Run("articles", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			arts, errs, err := readAll(b, NewReader(bytes.NewReader(data), "bench.warc", Options{}))
			if err != nil || len(errs) > 0 || len(arts) != pages {
				b.Fatalf("read %d articles, errors %v %v", len(arts), errs, err)
			}
		}
	})
}
