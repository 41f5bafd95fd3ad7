package feed

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"time"
	"unicode/utf8"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/ingest/internal/source"
)

// now is the time the tests run at, as far as dates are concerned.
func now() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }

// result is what one call to Next gave: an article, or the item number
// of a RecordError and the error it wraps.
type result struct {
	art     quotewire.Article
	errItem int
	errIs   error
}

func TestFiles(t *testing.T) {
	lavrov := "KRASNODAR, October 4. Moscow sees no serious efforts, Russian Foreign Minister Sergey Lavrov said on Wednesday.\n\n" +
		"“We don’t see any serious efforts,” Lavrov told a news conference.\nHe went on.\n\n" +
		"First point\n\nSecond point"
	tests := []struct {
		file    string
		want    []result
		fileErr error // an error about the whole file instead of results
	}{
		{
			file: "news.rss",
			want: []result{
				{art: quotewire.Article{ID: "ww-2017-1004-lavrov", Title: "Lavrov says US-led coalition not fighting Nusra", Date: "2017-10-04",
					URL: "https://worldwire.example.com/2017/10/04/lavrov", Text: lavrov}},
				{art: quotewire.Article{ID: source.URLID("https://worldwire.example.com/2017/10/05/desc"), Title: "Description & only", Date: "2017-10-05",
					URL: "https://worldwire.example.com/2017/10/05/desc", Text: "The talks will go on, officials said.\n\nA second paragraph — with an entity."}},
				{errItem: 3, errIs: ErrNoText},
				{art: quotewire.Article{ID: "news-4", Title: "Bad date", Text: "Unparseable date."}},
				{art: quotewire.Article{ID: "news-5", Title: "From the future", Text: "Date too far ahead."}},
				{art: quotewire.Article{ID: "news-6", Title: "From the past", Text: "Date too far back."}},
			},
		},
		{
			file: "news.atom",
			want: []result{
				{art: quotewire.Article{ID: "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a", Title: "Talks resume", Date: "2020-03-03",
					URL: "https://atom.example.com/talks", Text: "Talks\n\nThe talks resume, a spokesman said."}},
				{art: quotewire.Article{ID: source.URLID("https://atom.example.com/updated"), Title: "Updated only", Date: "2020-03-02",
					URL: "https://atom.example.com/updated", Text: "Plain summary text."}},
			},
		},
		{
			file: "broken.rss", // a mismatched end tag the lenient parser gets over
			want: []result{
				{art: quotewire.Article{ID: "broken-1", Title: "A", Text: "One."}},
				{art: quotewire.Article{ID: "broken-2", Title: "B", Text: "Two."}},
			},
		},
		{
			file: "latin1.rss",
			want: []result{{art: quotewire.Article{ID: "latin1-1", Title: "Café", Text: "Le café est fermé."}}},
		},
		{
			file: "badutf8.rss",
			want: []result{
				{art: quotewire.Article{ID: "badutf8-1", Title: "Caf\uFFFD", Text: "Bad \uFFFD byte."}},
				{art: quotewire.Article{ID: "badutf8-2", Title: "OK", Text: "Fine."}},
			},
		},
		{file: "empty.rss", fileErr: ErrNotFeed},
		{file: "notfeed.xml", fileErr: ErrNotFeed},
		{file: "truncated.rss", fileErr: io.ErrUnexpectedEOF},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			r := NewReader(f, path, Options{Now: now})
			for i, w := range tt.want {
				a, err := r.Next()
				origin := quotewire.Origin{File: path, Record: i + 1}
				if w.errItem > 0 {
					var rerr *quotewire.RecordError
					if !errors.As(err, &rerr) || !errors.Is(err, w.errIs) {
						t.Fatalf("item %d: Next = %+v, %v; want a RecordError wrapping %v", i+1, a, err, w.errIs)
					}
					if rerr.Origin != origin {
						t.Errorf("item %d: error origin %+v, want %+v", i+1, rerr.Origin, origin)
					}
					if want := fmt.Sprintf("%s record %d: ", path, i+1); !strings.HasPrefix(err.Error(), want) {
						t.Errorf("item %d: message %q does not start with %q", i+1, err, want)
					}
					continue
				}
				if err != nil {
					t.Fatalf("item %d: Next: %v", i+1, err)
				}
				w.art.Origin = origin
				if a != w.art {
					t.Errorf("item %d:\ngot  %+v\nwant %+v", i+1, a, w.art)
				}
			}
			_, err = r.Next()
			if tt.fileErr == nil {
				if err != io.EOF {
					t.Errorf("Next at the end: %v, want io.EOF", err)
				}
				if _, err := r.Next(); err != io.EOF {
					t.Errorf("Next after the end: %v, want io.EOF", err)
				}
				return
			}
			var rerr *quotewire.RecordError
			if err == nil || errors.As(err, &rerr) || !strings.Contains(err.Error(), path) {
				t.Fatalf("Next: %v, want an error about the whole file naming it", err)
			}
			if !errors.Is(err, tt.fileErr) {
				t.Errorf("Next: %v, want %v", err, tt.fileErr)
			}
			if _, again := r.Next(); again != err {
				t.Errorf("Next after the error: %v, want it again", again)
			}
		})
	}
}

func TestDates(t *testing.T) {
	at := func(s string) *time.Time {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			panic(err)
		}
		t = t.UTC()
		return &t
	}
	tests := []struct {
		raw    string
		parsed *time.Time
		want   string
	}{
		{"Wed, 04 Oct 2017 23:30:00 -0500", at("2017-10-05T04:30:00Z"), "2017-10-04"}, // the date as written
		{"2017-10-04T23:30:00-05:00", at("2017-10-05T04:30:00Z"), "2017-10-04"},
		{"Wed, 4 Oct 2017 10:00:00 EST", at("2017-10-04T15:00:00Z"), "2017-10-04"},
		{"4th of October, 2017", at("2017-10-04T00:00:00Z"), "2017-10-04"}, // the parser's reading
		{"not a date", nil, ""},
		{"", nil, ""},
		{"1899-12-31", nil, ""},
		{"1900-01-01", nil, "1900-01-01"},
		{"2026-12-31T23:00:00Z", nil, "2026-12-31"}, // within a year of now
		{"2027-01-02", nil, ""},
		{"Sat, 01 Jan 1870 10:00:00 GMT", at("1870-01-01T10:00:00Z"), ""},
	}
	r := NewReader(nil, "x.rss", Options{Now: now})
	for _, tt := range tests {
		if got := r.date(tt.raw, tt.parsed); got != tt.want {
			t.Errorf("date(%q, %v) = %q, want %q", tt.raw, tt.parsed, got, tt.want)
		}
	}
}

func TestText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"paragraphs", "<p>One.</p><p>Two <b>bold</b>.</p>", "One.\n\nTwo bold."},
		{"divs and lists", "<div>A</div><ul><li>b</li><li>c</li></ul>", "A\n\nb\n\nc"},
		{"br", "line one<br>line two<br/><br/>", "line one\nline two"},
		{"script and style", "<script>x()</script><style>p{}</style><p>Kept.</p>", "Kept."},
		{"entities", "<p>Caf&eacute; &amp; &lt;bar&gt; &#8220;q&#8221;&nbsp;x</p>", "Café & <bar> “q”\u00a0x"},
		{"white space", "<p>  many \n\t spaces  </p>", "many spaces"},
		{"plain text", "First line\nsame paragraph.\n\n  \nSecond &amp; last.", "First line same paragraph.\n\nSecond & last."},
		{"less-than in plain text", "5 < 6 and 7 > 3", "5 < 6 and 7 > 3"},
		{"no text", "<img src=x.png><script>x()</script>", ""},
		{"blank", " \n ", ""},
		{"unclosed", "<p>a<p>b<div>c", "a\n\nb\n\nc"},
		{"NUL and bad bytes", "<p>\x00nul caf\xe9</p>", "nul caf\uFFFD"},
		{"document", "<html><head><title>T</title></head><body><p>Body.</p></body></html>", "Body."},
	}
	for _, tt := range tests {
		got, err := itemText(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("%s: itemText(%q) = %q, %v; want %q", tt.name, tt.in, got, err, tt.want)
		}
	}
	if _, err := itemText(strings.Repeat("<div>", 600)); err == nil {
		t.Error("itemText of 600 nested divs: no error")
	}
	for in, want := range map[string]string{
		"Talks <em>resume</em>":             "Talks resume",
		"A &amp; B":                         "A & B",
		"<p>One</p><p>Two</p>":              "One Two",
		"  spaced \n out ":                  "spaced out",
		strings.Repeat("<b>", 600) + "deep": "deep",
	} {
		if got := inline(in); got != want && !strings.HasSuffix(got, want) {
			t.Errorf("inline(%.40q) = %q, want %q", in, got, want)
		}
	}
}

func TestDeepItem(t *testing.T) {
	deep := strings.Repeat("&lt;div&gt;", 600) + "x"
	in := `<rss version="2.0"><channel>` +
		`<item><title>deep content</title><description>Description.</description><content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">` + deep + `</content:encoded></item>` +
		`<item><title>deep only</title><description>` + deep + `</description></item>` +
		`<item><title>after</title><description>Fine.</description></item></channel></rss>`
	r := NewReader(strings.NewReader(in), "deep.rss", Options{})
	if a, err := r.Next(); err != nil || a.Text != "Description." {
		t.Errorf("item 1: %+v, %v; want the description", a, err)
	}
	var rerr *quotewire.RecordError
	if _, err := r.Next(); !errors.As(err, &rerr) || rerr.Origin.Record != 2 {
		t.Errorf("item 2: %v, want a RecordError", err)
	}
	if a, err := r.Next(); err != nil || a.Text != "Fine." {
		t.Errorf("item 3: %+v, %v", a, err)
	}
}

func TestLimits(t *testing.T) {
	data, err := os.ReadFile("testdata/news.rss")
	if err != nil {
		t.Fatal(err)
	}
	r := NewReader(bytes.NewReader(data), "news.rss", Options{MaxBytes: int64(len(data)) - 1})
	_, err = r.Next()
	var rerr *quotewire.RecordError
	if !errors.Is(err, quotewire.ErrTooLarge) || errors.As(err, &rerr) || !strings.HasPrefix(err.Error(), "read news.rss: ") {
		t.Errorf("Next: %v, want an error about news.rss wrapping ErrTooLarge", err)
	}
	r = NewReader(bytes.NewReader(data), "news.rss", Options{MaxBytes: int64(len(data)), Now: now})
	if _, err := r.Next(); err != nil {
		t.Errorf("Next with the limit at the size: %v", err)
	}
}

func TestReadError(t *testing.T) {
	cause := errors.New("disk on fire")
	in := io.MultiReader(strings.NewReader(`<rss version="2.0"><channel><item>`), iotest.ErrReader(cause))
	r := NewReader(in, "in.rss", Options{})
	for i := 0; i < 2; i++ {
		_, err := r.Next()
		var rerr *quotewire.RecordError
		if !errors.Is(err, cause) || errors.As(err, &rerr) || !strings.Contains(err.Error(), "in.rss") {
			t.Fatalf("Next: %v, want an input error naming the file", err)
		}
	}
}

func TestDeclaresUTF8(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{`<rss>`, true},
		{`<?xml version="1.0"?><rss>`, true},
		{`<?xml version="1.0" encoding="UTF-8"?>`, true},
		{"\uFEFF <?xml version='1.0' encoding='utf8' ?>", true},
		{`<?xml version="1.0" encoding="ISO-8859-1"?>`, false},
		{`<?xml version="1.0" encoding = "windows-1252"?>`, false},
	}
	for _, tt := range tests {
		if got := declaresUTF8([]byte(tt.in)); got != tt.want {
			t.Errorf("declaresUTF8(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// syntheticFeed returns an RSS feed of about size bytes whose items have
// HTML content.
func syntheticFeed(size int) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Wire</title>` + "\n")
	para := `<p>&#8220;We see no serious efforts,&#8221; Lavrov said on <b>Wednesday</b>, adding that talks would go on.</p>`
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "<item><title>Headline %d</title><link>https://example.com/%d</link><pubDate>Wed, 04 Oct 2017 10:00:00 GMT</pubDate>"+
			"<description>Summary %d.</description><content:encoded><![CDATA[", i, i, i)
		for j := 0; j < 20; j++ {
			b.WriteString(para)
		}
		b.WriteString("]]></content:encoded></item>\n")
	}
	b.WriteString("</channel></rss>\n")
	return b.Bytes()
}

func BenchmarkFeed(b *testing.B) {
	data := syntheticFeed(4 << 20)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		r := NewReader(bytes.NewReader(data), "wire.rss", Options{})
		n := 0
		for {
			_, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n == 0 {
			b.Fatal("no articles")
		}
	}
}

func FuzzFeed(f *testing.F) {
	for _, name := range []string{"news.rss", "news.atom", "broken.rss", "latin1.rss", "badutf8.rss", "truncated.rss", "notfeed.xml"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		`<rss><channel><item><description>&lt;p&gt;x</description></item></channel></rss>`,
		`<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>x</p></div></content></entry></feed>`,
		`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item><title>t</title><description>d</description></item></rdf:RDF>`,
		`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","content_html":"<p>x</p>"}]}`,
		`<rss><channel><item><pubDate>Mon, 01 Jan 0001 00:00:00 GMT</pubDate><description>x</description></item></channel></rss>`,
		"<rss><channel><item><description>\x00\x01</description></item></channel></rss>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(bytes.NewReader(data), "fuzz.rss", Options{Now: now, MaxBytes: 1 << 20})
		last := 0
		for i := 0; ; i++ {
			if i > len(data)+1 {
				t.Fatal("Next never returned io.EOF")
			}
			a, err := r.Next()
			if err == io.EOF {
				return
			}
			var rerr *quotewire.RecordError
			if errors.As(err, &rerr) {
				if rerr.Origin.File != "fuzz.rss" || rerr.Origin.Record != last+1 {
					t.Fatalf("record error %v after item %d", err, last)
				}
				last++
				continue
			}
			if err != nil {
				if !strings.Contains(err.Error(), "fuzz.rss") {
					t.Fatalf("error %q does not name the file", err)
				}
				if strings.Contains(err.Error(), "panic") {
					t.Fatalf("parser panicked: %v", err)
				}
				if _, again := r.Next(); again != err {
					t.Fatalf("Next after %v: %v", err, again)
				}
				return
			}
			for _, s := range []string{a.Text, a.Title, a.URL, a.ID} {
				if !utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0 {
					t.Fatalf("field %q is not valid UTF-8 text", s)
				}
			}
			if strings.TrimSpace(a.Text) == "" || a.ID == "" {
				t.Fatalf("Text %q, ID %q", a.Text, a.ID)
			}
			if a.Date != "" && (source.Date(a.Date) != a.Date || a.Date < "1900" || a.Date > "2027-01-02") {
				t.Fatalf("Date %q", a.Date)
			}
			if a.Origin.Record != last+1 {
				t.Fatalf("item %d after %d", a.Origin.Record, last)
			}
			last++
		}
	})
}

func TestList(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "news.rss"))
	if err != nil {
		t.Fatal(err)
	}
	l, err := List(data, "news.rss", Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if l.Kind != "rss" || l.Title == "" || len(l.Entries) == 0 {
		t.Fatalf("listing %+v", l)
	}
	links := 0
	for _, e := range l.Entries {
		if e.Link != "" {
			links++
		}
		if len(e.Date) != 0 && len(e.Date) != 10 {
			t.Errorf("entry %+v", e)
		}
	}
	if links == 0 {
		t.Error("no entry has a link")
	}
	// an item without a link: its guid, when that is a URL
	l, err = List([]byte(`<rss version="2.0"><channel><title>t</title>
<item><title>a</title><guid>https://ex.org/a</guid></item>
<item><title>b</title><guid isPermaLink="false">http://ex.org/?p=2</guid></item>
<item><title>c</title><guid>tag:ex.org,2026:c</guid></item>
<item><title>d</title><link>https://ex.org/d</link><guid>https://ex.org/other</guid></item>
</channel></rss>`), "guids.rss", Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range l.Entries {
		got = append(got, e.Link)
	}
	if want := []string{"https://ex.org/a", "http://ex.org/?p=2", "", "https://ex.org/d"}; !slices.Equal(got, want) {
		t.Errorf("links %q, want %q", got, want)
	}
	// the HTTP charset when the XML declaration names none, else the declaration's
	latin1 := []byte("<rss version=\"2.0\"><channel><title>Caf\xe9</title><item><link>https://ex.org/a</link></item></channel></rss>")
	if l, err := List(latin1, "latin1.rss", Options{Now: now, ContentType: "application/rss+xml; charset=ISO-8859-1"}); err != nil || l.Title != "Café" {
		t.Errorf("a feed in the header's charset: %+v, %v", l, err)
	}
	declared := append([]byte(`<?xml version="1.0" encoding="windows-1252"?>`), latin1...)
	if l, err := List(declared, "declared.rss", Options{Now: now, ContentType: "application/rss+xml; charset=KOI8-R"}); err != nil || l.Title != "Café" {
		t.Errorf("a feed whose declaration names its charset: %+v, %v", l, err)
	}
	if _, err := List([]byte("  "), "empty.rss", Options{}); !errors.Is(err, ErrNotFeed) || !strings.Contains(err.Error(), "empty.rss") {
		t.Errorf("empty input: %v", err)
	}
	if _, err := List(data, "big.rss", Options{MaxBytes: 10}); !errors.Is(err, quotewire.ErrTooLarge) {
		t.Errorf("over the limit: %v", err)
	}
}

// FuzzList: any bytes give a listing or an error naming the input, never
// a panic; entries are valid UTF-8 with an empty or YYYY-MM-DD date.
func FuzzList(f *testing.F) {
	f.Add([]byte(`<rss><channel><title>t</title><item><link>/a</link><guid>g</guid><pubDate>bad</pubDate></item></channel></rss>`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="/b"/><updated>2026-12-01T00:00:00Z</updated></entry></feed>`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","url":"/c"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := List(data, "fuzz.rss", Options{Now: now, MaxBytes: 1 << 20})
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.rss") {
				t.Fatalf("error does not name the input: %v", err)
			}
			return
		}
		for _, e := range l.Entries {
			if !utf8.ValidString(e.Link) || !utf8.ValidString(e.Title) || len(e.Date) != 0 && len(e.Date) != 10 {
				t.Fatalf("entry %+v", e)
			}
		}
	})
}

// BenchmarkList lists a 4 MB feed's items (following a feed), with its
// cost as a multiple of a one-pass read ("x-read").
func BenchmarkList(b *testing.B) {
	data := syntheticFeed(4 << 20)
	b.SetBytes(int64(len(data)))
	start := time.Now()
	for i := 0; i < 5; i++ {
		_ = len(bytes.Fields(data))
	}
	read := float64(time.Since(start).Nanoseconds()) / 5
	b.ResetTimer()
	start = time.Now()
	for i := 0; i < b.N; i++ {
		l, err := List(data, "wire.rss", Options{})
		if err != nil || len(l.Entries) == 0 {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(time.Since(start).Nanoseconds())/float64(b.N)/read, "x-read")
}
