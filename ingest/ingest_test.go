package ingest

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/ingest/csvfile"
	"github.com/quotewire/quotewire/ingest/feed"
	"github.com/quotewire/quotewire/internal/decompress"
)

func TestFormatOf(t *testing.T) {
	tests := []struct {
		name string
		want Format
	}{
		{"a/story.txt", Text}, {"STORY.TXT", Text}, {"x.text", Text}, {"x.txt.gz", Text},
		{"page.html", HTML}, {"page.HTM", HTML}, {"page.xhtml", HTML}, {"page.html.gz", HTML},
		{"d.jsonl", JSONL}, {"d.ndjson", JSONL}, {"d.json-lines", JSONL}, {"d.jsonl.gz", JSONL},
		{"x.txt.zst", Text}, {"x.HTML.ZSTD", HTML}, {"d.jsonl.zst", JSONL},
		{"w.csv", CSV}, {"W.CSV", CSV}, {"w.csv.gz", CSV}, {"w.csv.zst", CSV},
		{"f.rss", Feed}, {"f.atom", Feed}, {"f.RSS.gz", Feed}, {"f.atom.zstd", Feed},
		{"f.xml", Auto}, {"w.tsv", Auto}, {"x.zst", Auto}, {"x.csv.gz.zst", Auto}, {"x.csv.bak", Auto},
		{"d.json", Auto}, {"README", Auto}, {"x.gz", Auto}, {"x.warc.gz", WARC}, {"CC-NEWS-1.WARC", WARC}, {"stdin", Auto}, {"", Auto},
	}
	for _, tt := range tests {
		if got := FormatOf(tt.name); got != tt.want {
			t.Errorf("FormatOf(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestParseFormat(t *testing.T) {
	tests := []struct {
		in   string
		want Format
		err  bool
	}{
		{"auto", Auto, false}, {"text", Text, false}, {"TXT", Text, false}, {"html", HTML, false},
		{"htm", HTML, false}, {"jsonl", JSONL, false}, {" ndjson ", JSONL, false},
		{"csv", CSV, false}, {"CSV", CSV, false}, {"feed", Feed, false}, {"rss", Feed, false}, {"Atom", Feed, false},
		{"xml", Auto, true}, {"tsv", Auto, true}, {"", Auto, true}, {"gz", Auto, true}, {"zst", Auto, true},
	}
	for _, tt := range tests {
		got, err := ParseFormat(tt.in)
		if got != tt.want || (err != nil) != tt.err {
			t.Errorf("ParseFormat(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.err)
		}
		if err != nil && !errors.Is(err, ErrUnknownFormat) {
			t.Errorf("ParseFormat(%q) error %v is not ErrUnknownFormat", tt.in, err)
		}
	}
	for _, f := range []Format{Auto, Text, HTML, JSONL, CSV, Feed} {
		if got, err := ParseFormat(f.String()); got != f || err != nil {
			t.Errorf("ParseFormat(%q) = %v, %v", f.String(), got, err)
		}
	}
	if got := Format(42).String(); got != "Format(42)" {
		t.Errorf("Format(42).String() = %q", got)
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name, head string
		want       Format
	}{
		{"json object", `{"id":1,"text":"x"}`, JSONL},
		{"json after space and BOM", "\uFEFF \n\t{\"text\":\"x\"}", JSONL},
		{"doctype", "<!DOCTYPE html>\n<html>", HTML},
		{"upper case", "<HTML><BODY><P>Hi", HTML},
		{"fragment", "<p>Hello</p>", HTML},
		{"xml prolog then html", `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">`, HTML},
		{"comment then html", "<!-- saved page --><html>", HTML},
		{"angle bracket text", "<Reuters> said on Monday that", Text},
		{"rss", `<?xml version="1.0"?><rss><channel>`, Feed},
		{"rss without prolog", "\uFEFF\n<rss version=\"2.0\">", Feed},
		{"atom", `<?xml version='1.0' encoding='utf-8'?>` + "\n<!-- generator -->\n<feed xmlns=\"http://www.w3.org/2005/Atom\">", Feed},
		{"atom without prolog", `<FEED xmlns="http://www.w3.org/2005/Atom">`, Feed},
		{"rss 1.0", `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`, Feed},
		{"stylesheet then rss", `<?xml-stylesheet href="s.xsl"?><rss>`, Feed},
		{"rss root past the sniff window", `<?xml version="1.0"?>` + strings.Repeat(" ", SniffLen) + "<rss>", Text},
		{"not a root tag", `<?xml version="1.0"?><rssfeed><feedback>`, Text},
		{"other xml", `<?xml version="1.0"?><note><to>x</to></note>`, Text},
		{"html mentioning rss", `<html><body><p>Subscribe: <rss> or <feed></p>`, HTML},
		{"plain", " date 2017-10-04 KRASNODAR, October 4.", Text},
		{"json array", `[{"text":"x"}]`, Text},
		{"warc", "WARC/1.0\r\nWARC-Type: warcinfo\r\n", WARC},
		{"warc 1.1", "WARC/1.1\r\n", WARC},
		{"empty", "", Text},
		{"blank", " \n ", Text},
		{"binary", "\x00\x01\x02", Text},
		{"html tag past the sniff window", "<" + strings.Repeat("x", SniffLen) + "<html>", Text},
	}
	for _, tt := range tests {
		if got := Sniff([]byte(tt.head)); got != tt.want {
			t.Errorf("%s: Sniff(%.30q) = %v, want %v", tt.name, tt.head, got, tt.want)
		}
	}
}

func TestExtensions(t *testing.T) {
	for _, ext := range Extensions() {
		for _, c := range append([]string{""}, CompressionSuffixes()...) {
			if FormatOf("x"+ext+c) == Auto {
				t.Errorf("FormatOf(%q) = Auto", "x"+ext+c)
			}
		}
	}
	if got := len(Extensions()); got != len(extensions) {
		t.Errorf("Extensions has %d names, want %d", got, len(extensions))
	}
	if got := CompressionSuffixes(); strings.Join(got, " ") != ".gz .zst .zstd" {
		t.Errorf("CompressionSuffixes = %q", got)
	}
}

func zstded(t testing.TB, s string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := zstd.NewWriter(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func gzipped(t testing.TB, s string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const (
	textBody  = " date 2017-10-04 KRASNODAR, October 4. /TASS/. Moscow sees no serious efforts."
	htmlBody  = "<!DOCTYPE html><html><head><title>Headline</title></head><body><article><p>KRASNODAR, October 4. Moscow sees no serious efforts.</p></article></body></html>"
	jsonlBody = `{"id":"a","text":"First."}` + "\n" + `{"id":"b","text":"Second."}` + "\n"
	csvBody   = "id,title,text\na,T,First.\nb,T,\"Second,\nwith a line break.\"\n"
	feedBody  = `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<rss version="2.0"><channel><title>Wire</title>` +
		`<item><guid>a</guid><title>One</title><description>&lt;p&gt;First.&lt;/p&gt;</description></item>` +
		`<item><guid>b</guid><title>Two</title><description>Second.</description></item></channel></rss>` + "\n"
)

// readAll reads r to the end and returns its articles' IDs and texts
// and its record errors' messages.
func readAll(t *testing.T, r *Reader) (ids, texts, errs []string) {
	t.Helper()
	for i := 0; ; i++ {
		if i > 1000 {
			t.Fatal("Next never returned io.EOF")
		}
		a, err := r.Next()
		if err == io.EOF {
			return ids, texts, errs
		}
		var rerr *quotewire.RecordError
		if errors.As(err, &rerr) {
			errs = append(errs, err.Error())
			continue
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		ids = append(ids, a.ID)
		texts = append(texts, a.Text)
	}
}

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		file   string
		data   []byte
		opts   Options
		format Format
		ids    []string
		first  string
	}{
		{"story.txt", []byte(textBody), Options{}, Text, []string{"story"}, "KRASNODAR, October 4."},
		{"page.html", []byte(htmlBody), Options{}, HTML, []string{"page"}, "KRASNODAR, October 4."},
		{"wire.jsonl", []byte(jsonlBody), Options{}, JSONL, []string{"a", "b"}, "First."},
		{"story.txt.gz", gzipped(t, textBody), Options{}, Text, []string{"story"}, "KRASNODAR, October 4."},
		{"wire.ndjson.gz", gzipped(t, jsonlBody), Options{}, JSONL, []string{"a", "b"}, "First."},
		{"sniffed-text", []byte(textBody), Options{}, Text, []string{"sniffed-text"}, "KRASNODAR, October 4."},
		{"sniffed.html.bak", []byte(htmlBody), Options{}, HTML, []string{"sniffed.html"}, "KRASNODAR, October 4."},
		{"sniffed.dat", []byte(jsonlBody), Options{}, JSONL, []string{"a", "b"}, "First."},
		{"gzip-magic.dat", gzipped(t, jsonlBody), Options{}, JSONL, []string{"a", "b"}, "First."},
		{"forced.txt", []byte(jsonlBody), Options{Format: JSONL}, JSONL, []string{"a", "b"}, "First."},
		{"forced-text.jsonl", []byte(`{"text":"x"}`), Options{Format: Text}, Text, []string{"forced-text"}, `{"text":"x"}`},
		{"story.txt.zst", zstded(t, textBody), Options{}, Text, []string{"story"}, "KRASNODAR, October 4."},
		{"wire.ndjson.zstd", zstded(t, jsonlBody), Options{}, JSONL, []string{"a", "b"}, "First."},
		{"zstd-magic.dat", zstded(t, jsonlBody), Options{}, JSONL, []string{"a", "b"}, "First."},
		{"wire.csv", []byte(csvBody), Options{}, CSV, []string{"a", "b"}, "First."},
		{"wire.csv.gz", gzipped(t, csvBody), Options{}, CSV, []string{"a", "b"}, "First."},
		{"wire.csv.zst", zstded(t, csvBody), Options{}, CSV, []string{"a", "b"}, "First."},
		{"forced.dat", []byte(csvBody), Options{Format: CSV}, CSV, []string{"a", "b"}, "First."},
		{"news.rss", []byte(feedBody), Options{}, Feed, []string{"a", "b"}, "First."},
		{"news.atom.zst", zstded(t, feedBody), Options{}, Feed, []string{"a", "b"}, "First."},
		{"sniffed.xml", []byte(feedBody), Options{}, Feed, []string{"a", "b"}, "First."},
		{"sniffed-feed.xml.gz", gzipped(t, feedBody), Options{}, Feed, []string{"a", "b"}, "First."},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			if err := os.WriteFile(path, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			r, err := Open(path, tt.opts)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer func() {
				if err := r.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			}()
			if r.Format() != tt.format {
				t.Errorf("Format = %v, want %v", r.Format(), tt.format)
			}
			if r.Name() != path {
				t.Errorf("Name = %q, want %q", r.Name(), path)
			}
			ids, texts, errs := readAll(t, r)
			if len(errs) > 0 {
				t.Errorf("record errors: %v", errs)
			}
			if !reflect.DeepEqual(ids, tt.ids) {
				t.Errorf("IDs = %q, want %q", ids, tt.ids)
			}
			if len(texts) > 0 && !strings.HasPrefix(texts[0], tt.first) {
				t.Errorf("first text %q, want it to start with %q", texts[0], tt.first)
			}
		})
	}
}

func TestStdin(t *testing.T) {
	tests := []struct {
		name   string
		in     []byte
		format Format
		ids    []string
	}{
		{"text", []byte(textBody), Text, []string{"stdin"}},
		{"html", []byte(htmlBody), HTML, []string{"stdin"}},
		{"jsonl", []byte(jsonlBody), JSONL, []string{"a", "b"}},
		{"gzipped jsonl", gzipped(t, jsonlBody), JSONL, []string{"a", "b"}},
		{"jsonl without ids", []byte(`{"text":"x"}`), JSONL, []string{"stdin-1"}},
		{"zstd jsonl", zstded(t, jsonlBody), JSONL, []string{"a", "b"}},
		{"feed", []byte(feedBody), Feed, []string{"a", "b"}},
		{"feed without guids", []byte(strings.ReplaceAll(feedBody, "guid>", "x>")), Feed, []string{"stdin-1", "stdin-2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Open("-", Options{Stdin: bytes.NewReader(tt.in)})
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer r.Close()
			if r.Format() != tt.format {
				t.Errorf("Format = %v, want %v", r.Format(), tt.format)
			}
			ids, _, errs := readAll(t, r)
			if len(errs) > 0 {
				t.Errorf("record errors: %v", errs)
			}
			if !reflect.DeepEqual(ids, tt.ids) {
				t.Errorf("IDs = %q, want %q", ids, tt.ids)
			}
		})
	}
}

func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	full := gzipped(t, textBody+strings.Repeat(" more text", 2000))
	jl := gzipped(t, strings.Repeat(jsonlBody, 500))
	zfull := zstded(t, textBody+strings.Repeat(" more text", 2000))
	zjl := zstded(t, strings.Repeat(jsonlBody, 5000))
	zcsv := zstded(t, csvBody+strings.Repeat("c,T,More.\n", 5000))
	tests := []struct {
		file    string
		data    []byte
		openErr bool  // Open fails
		record  error // else a RecordError wrapping this
		input   error // else an input error wrapping this; io.ErrUnexpectedEOF if nil
	}{
		{file: "empty.txt", data: nil, record: quotewire.ErrEmpty},
		{file: "empty-sniffed", data: nil, record: quotewire.ErrEmpty},
		{file: "nul.txt", data: []byte("text\x00more"), record: quotewire.ErrBinary},
		{file: "latin1.txt", data: []byte("caf\xe9"), record: quotewire.ErrInvalidUTF8},
		{file: "binary", data: []byte{0x7f, 'E', 'L', 'F', 0, 0, 1}, record: quotewire.ErrBinary},
		{file: "truncated.txt.gz", data: full[:len(full)/2]},
		{file: "truncated.jsonl.gz", data: jl[:len(jl)/2]},
		{file: "truncated-header.gz", data: full[:5], openErr: true},
		{file: "not-gzip.txt.gz", data: []byte("plain text"), openErr: true},
		{file: "empty.txt.gz", data: nil, openErr: true},
		{file: "truncated.txt.zst", data: zfull[:len(zfull)/2]},
		{file: "truncated.jsonl.zst", data: zjl[:len(zjl)/2]},
		{file: "truncated.csv.zst", data: zcsv[:len(zcsv)/2]},
		{file: "truncated-magic.zst", data: zfull[:4]},
		{file: "truncated-header.zst", data: zfull[:2], openErr: true},
		{file: "not-zstd.txt.zst", data: []byte("plain text"), openErr: true},
		{file: "empty.txt.zstd", data: nil, openErr: true},
		{file: "empty.csv", data: nil, input: csvfile.ErrNoHeader},
		{file: "latin1.csv", data: []byte("text\ncaf\xe9\n"), record: quotewire.ErrInvalidUTF8},
		{file: "broken.rss", data: []byte("<rss><channel><item><description>cut")},
		{file: "notext.rss", data: []byte("<rss><channel><item><title>x</title></item></channel></rss>"), record: feed.ErrNoText},
		{file: "not-a-feed.rss", data: []byte("plain text"), input: feed.ErrNotFeed},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			if err := os.WriteFile(path, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			r, err := Open(path, Options{})
			if tt.openErr {
				if err == nil {
					r.Close()
					t.Fatal("Open succeeded, want an error")
				}
				if !strings.Contains(err.Error(), path) {
					t.Errorf("Open error %q does not name the file", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer r.Close()
			var last error
			for i := 0; i < 10000; i++ {
				_, err := r.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					last = err
					var rerr *quotewire.RecordError
					if !errors.As(err, &rerr) {
						break // an input error ends the input
					}
				}
			}
			if last == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(last.Error(), path) {
				t.Errorf("error %q does not name the file", last)
			}
			if tt.record != nil {
				var rerr *quotewire.RecordError
				if !errors.As(last, &rerr) || !errors.Is(last, tt.record) {
					t.Errorf("error %v, want a RecordError wrapping %v", last, tt.record)
				}
				return
			}
			want := tt.input
			if want == nil {
				want = io.ErrUnexpectedEOF
			}
			var rerr *quotewire.RecordError
			if errors.As(last, &rerr) || !errors.Is(last, want) {
				t.Errorf("error %v, want an input error wrapping %v", last, want)
			}
		})
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(filepath.Join(dir, "missing.txt"), Options{}); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open(missing) = %v, want fs.ErrNotExist", err)
	}
	if _, err := Open(dir, Options{}); err == nil || !strings.Contains(err.Error(), "directory") {
		t.Errorf("Open(dir) = %v, want an error saying it is a directory", err)
	}
	if _, err := NewReader(strings.NewReader("x"), "x", Options{Format: Format(99)}); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("NewReader with Format(99) = %v, want ErrUnknownFormat", err)
	}
}

func TestWalk(t *testing.T) {
	dir := t.TempDir()
	files := []string{
		"b.txt", "a.jsonl", "c.html.gz", "notes.md", "data.json", "README",
		"d.csv", "e.rss.zst", "f.ATOM", "g.xml", "h.tsv", "i.zst", "j.csv.zstd",
		"sub/z.htm", "sub/deeper/y.ndjson", ".hidden.txt", ".git/config.txt", "sub/.cache/x.txt",
	}
	for _, f := range files {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(dir, "b.txt"), filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "gone.txt"), filepath.Join(dir, "broken.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "sub"), filepath.Join(dir, "sublink.txt")); err != nil {
		t.Fatal(err)
	}
	hidden := filepath.Join(dir, ".hidden.txt")
	missing := filepath.Join(dir, "missing.txt")
	readme := filepath.Join(dir, "README")

	var got []string
	err := Walk([]string{dir, "-", hidden, missing, readme}, func(path string, err error) error {
		rel := strings.TrimPrefix(path, dir+string(filepath.Separator))
		if err != nil {
			rel = "error: " + rel
		}
		got = append(got, rel)
		return nil
	})
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	want := []string{
		"a.jsonl", "b.txt", "error: broken.txt", "c.html.gz", "d.csv", "e.rss.zst", "f.ATOM", "j.csv.zstd", "link.txt",
		"sub/deeper/y.ndjson", "sub/z.htm",
		"-", ".hidden.txt", "error: missing.txt", "README",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Walk visited\n%q\nwant\n%q", got, want)
	}

	stop := errors.New("stop")
	n := 0
	err = Walk([]string{dir, dir}, func(string, error) error {
		n++
		if n == 2 {
			return stop
		}
		return nil
	})
	if err != stop || n != 2 {
		t.Errorf("Walk with a stopping fn = %v after %d calls, want %v after 2", err, n, stop)
	}
	n = 0
	err = Walk([]string{dir, dir}, func(string, error) error {
		n++
		return fs.SkipAll
	})
	if err != nil || n != 1 {
		t.Errorf("Walk with fs.SkipAll = %v after %d calls, want nil after 1", err, n)
	}
	n = 0
	err = Walk([]string{dir}, func(string, error) error {
		n++
		return fs.SkipDir // not special: an error like any other
	})
	if err != fs.SkipDir || n != 1 {
		t.Errorf("Walk with fs.SkipDir = %v after %d calls, want fs.SkipDir after 1", err, n)
	}
}

func FuzzSniff(f *testing.F) {
	for _, s := range []string{
		`{"id":1}`, "<!DOCTYPE html><html>", "<p>x", "\uFEFF  {", "<Reuters>", "text", "", "\x1f\x8b\x08",
		feedBody, `<feed xmlns="http://www.w3.org/2005/Atom"><entry><content>x</content></entry></feed>`,
		"<?xml version=\"1.0\"?><rss", "\x28\xb5\x2f\xfd", "\x50\x2a\x4d\x18\x00\x00\x00\x00",
	} {
		f.Add([]byte(s))
	}
	f.Add(zstded(f, jsonlBody))
	f.Add(zstded(f, feedBody))
	f.Fuzz(func(t *testing.T, data []byte) {
		got := Sniff(data)
		if got != Text && got != HTML && got != JSONL && got != Feed {
			t.Fatalf("Sniff = %v", got)
		}
		if len(data) > SniffLen && Sniff(data[:SniffLen]) != got {
			t.Fatal("Sniff looked past SniffLen")
		}
		// Whatever the guess, reading must not panic, and every article
		// must have valid UTF-8 text.
		r, err := NewReader(bytes.NewReader(data), "fuzz", Options{})
		if err != nil {
			if !strings.HasPrefix(err.Error(), "open fuzz: ") {
				t.Fatalf("NewReader: %v does not name the input", err)
			}
			return // bad gzip or zstd
		}
		defer r.Close()
		compressed := decompress.Compressed(data, decompress.Options{})
		if r.Format() != got && !compressed {
			t.Fatalf("NewReader picked %v, Sniff %v", r.Format(), got)
		}
		for i := 0; i < len(data)+2; i++ {
			a, err := r.Next()
			if err == io.EOF {
				return
			}
			var rerr *quotewire.RecordError
			if errors.As(err, &rerr) {
				continue
			}
			if err != nil {
				if !strings.Contains(err.Error(), "fuzz") {
					t.Fatalf("Next: %v does not name the input", err)
				}
				return
			}
			if !utf8.ValidString(a.Text) {
				t.Fatalf("Text %q is not valid UTF-8", a.Text)
			}
		}
		t.Fatal("Next never returned io.EOF")
	})
}
