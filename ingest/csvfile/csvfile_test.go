package csvfile

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/ingest/internal/source"
)

// result is what one call to Next gave: an article, or the line of a
// RecordError and the error it wraps.
type result struct {
	art     quotewire.Article
	errLine int
	errIs   error
}

// collect calls Next until io.EOF or an error about the whole input,
// which it returns.
func collect(t testing.TB, r *Reader) ([]quotewire.Article, []*quotewire.RecordError, error) {
	t.Helper()
	var arts []quotewire.Article
	var errs []*quotewire.RecordError
	for i := 0; ; i++ {
		if i > 1e6 {
			t.Fatal("Next never returned io.EOF")
		}
		a, err := r.Next()
		if err == io.EOF {
			return arts, errs, nil
		}
		var rerr *quotewire.RecordError
		if errors.As(err, &rerr) {
			errs = append(errs, rerr)
			continue
		}
		if err != nil {
			return arts, errs, err
		}
		arts = append(arts, a)
	}
}

func TestFiles(t *testing.T) {
	tests := []struct {
		file    string
		want    []result
		fileErr error // an error about the whole file, after the results
	}{
		{
			file: "valid.csv",
			want: []result{
				{art: quotewire.Article{ID: "a1", URL: "https://example.com/1", Date: "2020-01-02", Title: "T1", Text: "First article.",
					Origin: quotewire.Origin{Line: 2}}},
				{art: quotewire.Article{ID: source.URLID("https://example.com/2"), URL: "https://example.com/2", Date: "2020-01-03",
					Title: "Title, with comma", Text: "Multi-line\n\"quoted\" text\nends here.", Origin: quotewire.Origin{Line: 3}}},
				{art: quotewire.Article{ID: "valid-3", Title: "No id or url", Text: "Text of the third row.", Origin: quotewire.Origin{Line: 7}}},
				{art: quotewire.Article{ID: "crlf", Date: "2020-02-03", Title: "CRLF row", Text: "a\nb", Origin: quotewire.Origin{Line: 8}}},
			},
		},
		{
			file: "broken.csv",
			want: []result{
				{art: quotewire.Article{ID: "ok1", Title: "T", Text: "Fine.", Origin: quotewire.Origin{Line: 2}}},
				{errLine: 3, errIs: csv.ErrQuote},
				{errLine: 4, errIs: csv.ErrBareQuote},
				{errLine: 5, errIs: csv.ErrFieldCount},
				{errLine: 6, errIs: csv.ErrFieldCount},
				{errLine: 7, errIs: quotewire.ErrEmpty},
				{errLine: 8, errIs: csv.ErrQuote},
				{art: quotewire.Article{ID: "ok2", Title: "T", Text: "Also fine.", Origin: quotewire.Origin{Line: 10}}},
			},
		},
		{
			file: "latin1.csv",
			want: []result{
				{art: quotewire.Article{ID: "utf8", Title: "T", Text: "café", Origin: quotewire.Origin{Line: 2}}},
				{errLine: 3, errIs: quotewire.ErrInvalidUTF8},
				{errLine: 4, errIs: quotewire.ErrInvalidUTF8},
				{art: quotewire.Article{ID: "extra", Title: "T", Text: "fine", Origin: quotewire.Origin{Line: 5}}},
			},
		},
		{
			file: "truncated.csv",
			want: []result{
				{art: quotewire.Article{ID: "ok", Text: "complete", Origin: quotewire.Origin{Line: 2}}},
				{errLine: 3, errIs: csv.ErrQuote},
			},
		},
		{file: "empty.csv", fileErr: ErrNoHeader},
		{file: "notext.csv", fileErr: ErrNoTextColumn},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			r := NewReader(f, path, Options{})
			for i, w := range tt.want {
				a, err := r.Next()
				if w.errLine > 0 {
					var rerr *quotewire.RecordError
					if !errors.As(err, &rerr) {
						t.Fatalf("call %d: Next = %+v, %v; want a RecordError for line %d", i+1, a, err, w.errLine)
					}
					if got := rerr.Origin; got != (quotewire.Origin{File: path, Line: w.errLine}) {
						t.Errorf("call %d: error origin %+v, want line %d of %s", i+1, got, w.errLine, path)
					}
					if msg := err.Error(); !strings.HasPrefix(msg, fmt.Sprintf("%s line %d: ", path, w.errLine)) {
						t.Errorf("call %d: message %q does not name file and line", i+1, msg)
					}
					if !errors.Is(err, w.errIs) {
						t.Errorf("call %d: %v, want %v", i+1, err, w.errIs)
					}
					continue
				}
				if err != nil {
					t.Fatalf("call %d: Next: %v", i+1, err)
				}
				w.art.Origin.File = path
				if a != w.art {
					t.Errorf("call %d:\ngot  %+v\nwant %+v", i+1, a, w.art)
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
			if !errors.Is(err, tt.fileErr) || errors.As(err, &rerr) || !strings.Contains(err.Error(), path) {
				t.Fatalf("Next: %v, want an error about the whole file naming it and wrapping %v", err, tt.fileErr)
			}
			if _, again := r.Next(); again != err {
				t.Errorf("Next after the error: %v, want it again", again)
			}
		})
	}
}

func TestNoTextColumnMessage(t *testing.T) {
	r := NewReader(strings.NewReader("URL,Date,Headline\nx,y,z\n"), "in/wire.csv", Options{})
	_, err := r.Next()
	want := `read in/wire.csv: no text column: the header has "URL", "Date", "Headline"; ` +
		`want a text column named text, body, content or article, and optionally id; url or link; date, published or pubdate; title or headline (in any case)`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v\nwant    %s", err, want)
	}
}

func TestHeaders(t *testing.T) {
	tests := []struct {
		name, in string
		want     quotewire.Article // Origin and Text not compared
	}{
		{"preferred names win", "body,TEXT,headline,title,link,url\nb,t,h,ti,l,u\n",
			quotewire.Article{ID: source.URLID("u"), Title: "ti", URL: "u", Text: "t"}},
		{"first of two same columns", "text,text,id\nfirst,second,x\n", quotewire.Article{ID: "x", Text: "first"}},
		{"spaces and case", " Content ,  PubDate\nc, 1 Feb 2021 \n", quotewire.Article{ID: "in-1", Date: "2021-02-01", Text: "c"}},
		{"article column", "article\nonly text\n", quotewire.Article{ID: "in-1", Text: "only text"}},
		{"byte order mark and blank lines", "\uFEFF\n\n\"text\",\"id\"\r\n\r\nt,i\r\n", quotewire.Article{ID: "i", Text: "t"}},
		{"blank id", "id,text,url\n  ,t,\n", quotewire.Article{ID: "in-1", Text: "t"}},
		{"text kept exactly", "text\n\"  \u00a0tabs\tand  spaces\u2028 «ё» \"\n", quotewire.Article{ID: "in-1", Text: "  \u00a0tabs\tand  spaces\u2028 «ё» "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := NewReader(strings.NewReader(tt.in), "dir/in.csv", Options{}).Next()
			if err != nil {
				t.Fatalf("Next: %v", err)
			}
			a.Origin = quotewire.Origin{}
			if a != tt.want {
				t.Errorf("got  %+v\nwant %+v", a, tt.want)
			}
		})
	}
}

func TestDates(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2016-09-12", "2016-09-12"},
		{"2016-09-12T23:30:00-05:00", "2016-09-12"},
		{"2016-09-12 10:00", "2016-09-12"},
		{"Mon, 12 Sep 2016 23:30:00 -0500", "2016-09-12"},
		{"Mon, 12 Sep 2016 10:00:00 GMT", "2016-09-12"},
		{"Mon, 5 Sep 2016 10:00:00 GMT", "2016-09-05"},
		{"12 Sep 16 10:00 UTC", "2016-09-12"},
		{"2016/09/12", "2016-09-12"},
		{"September 12, 2016", "2016-09-12"},
		{"Sep 12, 2016", "2016-09-12"},
		{"12 September 2016", "2016-09-12"},
		{"12 Sep 2016", "2016-09-12"},
		{"2016-02-30", ""},
		{"yesterday", ""},
		{"12/09/2016", ""}, // day or month first: ambiguous
		{"", ""},
	}
	for _, tt := range tests {
		if got := parseDate(tt.in); got != tt.want {
			t.Errorf("parseDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLongRows(t *testing.T) {
	const max = 40
	in := "id,text\n" +
		"a,short\n" +
		"b,\"" + strings.Repeat("x\n", 100) + "\"\n" + // long and over many lines
		"c," + strings.Repeat("y", max-2) + "\r\n" + // exactly at the limit
		"d," + strings.Repeat("y", max-1) + "\n" + // one over
		"e,\"" + strings.Repeat("z", 1<<17) + "\"\n" +
		"f,last"
	r := NewReader(strings.NewReader(in), "in.csv", Options{MaxRowBytes: max})
	arts, errs, err := collect(t, r)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range arts {
		ids = append(ids, fmt.Sprintf("%s@%d", a.ID, a.Origin.Line))
	}
	var lines []int
	for _, e := range errs {
		if !errors.Is(e, quotewire.ErrTooLarge) {
			t.Errorf("error %v, want ErrTooLarge", e)
		}
		lines = append(lines, e.Origin.Line)
	}
	if got, want := strings.Join(ids, " "), "a@2 c@104 f@107"; got != want {
		t.Errorf("articles %s, want %s", got, want)
	}
	if got, want := fmt.Sprint(lines), "[3 105 106]"; got != want {
		t.Errorf("errors on lines %s, want %s", got, want)
	}
}

// TestLongRowNotHeld checks that a row over the limit is skipped without
// being buffered whole.
func TestLongRowNotHeld(t *testing.T) {
	const max = 1 << 10
	in := "id,text\nlong,\"" + strings.Repeat("x", 4<<20) + "\"\nafter,ok\n"
	r := NewReader(strings.NewReader(in), "in.csv", Options{MaxRowBytes: max})
	if _, err := r.Next(); !errors.Is(err, quotewire.ErrTooLarge) {
		t.Fatalf("Next: %v, want ErrTooLarge", err)
	}
	if cap(r.raw) > 2*max+r.br.Size() {
		t.Errorf("reader buffered %d bytes for a skipped row", cap(r.raw))
	}
	if a, err := r.Next(); err != nil || a.ID != "after" {
		t.Fatalf("Next after the long row = %+v, %v", a, err)
	}
}

func TestHeaderErrors(t *testing.T) {
	tests := []struct {
		name, in string
		max      int
		want     error
	}{
		{"empty", "", 0, ErrNoHeader},
		{"blank lines", "\n\r\n\n", 0, ErrNoHeader},
		{"byte order mark only", "\uFEFF", 0, ErrNoHeader},
		{"bad quoting", "id,\"te\"xt\"\nx,y\n", 0, csv.ErrQuote},
		{"too long", "id," + strings.Repeat("x", 100) + "\n", 50, quotewire.ErrTooLarge},
		{"no text column", "id,url\n", 0, ErrNoTextColumn},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(strings.NewReader(tt.in), "in.csv", Options{MaxRowBytes: tt.max})
			_, err := r.Next()
			var rerr *quotewire.RecordError
			if !errors.Is(err, tt.want) || errors.As(err, &rerr) || !strings.HasPrefix(err.Error(), "read in.csv: ") {
				t.Errorf("Next: %v, want an error about in.csv wrapping %v", err, tt.want)
			}
		})
	}
	// A header alone is a file with no articles.
	if _, err := NewReader(strings.NewReader("id,text\n"), "in.csv", Options{}).Next(); err != io.EOF {
		t.Errorf("Next on a header alone: %v, want io.EOF", err)
	}
}

// endless is an input of a header and rows without end.
type endless struct{ n int }

func (e *endless) Read(p []byte) (int, error) {
	if e.n == 0 {
		e.n++
		return copy(p, "id,text\n"), nil
	}
	row := fmt.Sprintf("r%d,\"Row %d,\nover two lines.\"\n", e.n, e.n)
	if len(p) < len(row) {
		return 0, nil
	}
	e.n++
	return copy(p, row), nil
}

// TestStreams checks that rows are read as they come, on an input that
// never ends.
func TestStreams(t *testing.T) {
	r := NewReader(&endless{}, "endless.csv", Options{})
	for i := 1; i <= 10000; i++ {
		a, err := r.Next()
		if err != nil || a.ID != fmt.Sprintf("r%d", i) || a.Origin.Line != 2*i {
			t.Fatalf("row %d: %+v, %v", i, a, err)
		}
	}
}

func TestReadError(t *testing.T) {
	cause := errors.New("disk on fire")
	in := io.MultiReader(strings.NewReader("id,text\na,first\nb,\"cut"), iotest.ErrReader(cause))
	r := NewReader(in, "in.csv", Options{})
	if a, err := r.Next(); err != nil || a.ID != "a" {
		t.Fatalf("first Next = %+v, %v", a, err)
	}
	for i := 0; i < 2; i++ {
		_, err := r.Next()
		var rerr *quotewire.RecordError
		if !errors.Is(err, cause) || errors.As(err, &rerr) || !strings.Contains(err.Error(), "in.csv") {
			t.Fatalf("Next: %v, want an input error naming the file", err)
		}
	}
}

// framingInputs are inputs on which the rows the reader finds must be
// those encoding/csv finds.
var framingInputs = []string{
	"text\na\nb\n",
	"text\r\na\r\n\r\nb",
	"id,text\n1,\"x\ny\"\n2,\"a\"\"b\"\n",
	"id,text\n1,\"a\"b\n2,ok\n",
	"id,text\n1,a\"b\n2,ok\n",
	"id,text\n1,\"a\"\r\n2,\"b\"\rx\n3,ok\n",
	"id,text\n1,\"a\nb\"c\nd\n2,ok\n",
	"id,text\n1,\"open\n\n\nstill open",
	"id,text\n1,\"x\"\r",
	"id,text\n\r\r\n1,\r\n,\n\"\"\n",
	"id,text\n1,\"\"\"\"\n2,\"\",\"\"\n",
	"text\n\"a\n\r\n\"\n\r\nb\r",
	"text\n\"\"x\"\ny\n",
	"text\n,\"\n\",\"\n",
}

// recordLines returns the starting lines of the records and errors
// encoding/csv finds in data, the header's first.
func recordLines(data []byte) []int {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	var lines []int
	for {
		_, err := cr.Read()
		if err == io.EOF {
			return lines
		}
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			lines = append(lines, perr.StartLine)
			continue
		}
		if err != nil {
			panic(err) // a bytes.Reader does not fail
		}
		line, _ := cr.FieldPos(0)
		lines = append(lines, line)
	}
}

// readLines returns the lines of the articles and record errors Next
// gives, or an error about the whole input.
func readLines(t testing.TB, data []byte, opts Options) ([]int, error) {
	r := NewReader(bytes.NewReader(data), "fuzz.csv", opts)
	arts, errs, err := collect(t, r)
	var lines []int
	for _, a := range arts {
		lines = append(lines, a.Origin.Line)
	}
	for _, e := range errs {
		if errors.Is(e, errFraming) {
			t.Fatalf("framing: %v", e)
		}
		lines = append(lines, e.Origin.Line)
	}
	slices.Sort(lines)
	return lines, err
}

func TestFraming(t *testing.T) {
	for _, in := range framingInputs {
		want := recordLines([]byte(in))
		got, err := readLines(t, []byte(in), Options{})
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		if fmt.Sprint(got) != fmt.Sprint(want[1:]) {
			t.Errorf("%q: rows on lines %v, encoding/csv finds %v after the header", in, got, want[1:])
		}
	}
}

const wikinewsDir = "../../../shared/data/wikinews"

// TestWikinews reads the Wikinews CSV files as they are and checks that
// every record encoding/csv finds becomes an article with a URL, a date
// and a title.
func TestWikinews(t *testing.T) {
	if _, err := os.Stat(wikinewsDir); errors.Is(err, os.ErrNotExist) {
		t.Skipf("Wikinews data not found at %s; skipping", wikinewsDir)
	}
	for _, file := range []string{"wikinews_2019.csv", "wikinews_2020.csv"} {
		t.Run(file, func(t *testing.T) {
			path := filepath.Join(wikinewsDir, file)
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			records := len(recordLines(raw)) - 1 // the header
			arts, errs, err := collect(t, NewReader(bytes.NewReader(raw), path, Options{}))
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range errs {
				t.Errorf("record error: %v", e)
			}
			if len(arts) != records || records < 100 {
				t.Fatalf("read %d articles, encoding/csv finds %d records", len(arts), records)
			}
			ids := map[string]bool{}
			for _, a := range arts {
				if a.Title == "" || !strings.HasPrefix(a.URL, "https://en.wikinews.org/") || a.Date == "" || a.Date[:3] != "20"+file[11:12] {
					t.Errorf("%s: title %q, URL %q, date %q", a.Origin, a.Title, a.URL, a.Date)
				}
				if ids[a.ID] {
					t.Errorf("%s: ID %s seen before", a.Origin, a.ID)
				}
				ids[a.ID] = true
				if strings.TrimSpace(a.Text) == "" {
					t.Errorf("%s: no text", a.Origin)
				}
			}
		})
	}
}

// syntheticCSV returns about size bytes of CSV in the shape of the
// Wikinews files: quoted multi-paragraph texts.
func syntheticCSV(size int) []byte {
	var b bytes.Buffer
	b.WriteString("url,date,title,text\n")
	para := `"We see no serious efforts," Lavrov said on Wednesday, adding that talks would go on.`
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "https://example.com/%d,2020-01-%02d,\"Headline, number %d\",\"", i, i%28+1, i)
		for j := 0; j < 20; j++ {
			b.WriteString(strings.ReplaceAll(para, `"`, `""`))
			b.WriteString("\n\n")
		}
		b.WriteString("\"\n")
	}
	return b.Bytes()
}

func BenchmarkCSV(b *testing.B) {
	inputs := map[string][]byte{"synthetic": syntheticCSV(4 << 20)}
	if raw, err := os.ReadFile(filepath.Join(wikinewsDir, "wikinews_2020.csv")); err == nil {
		inputs["wikinews_2020"] = raw
	}
	for _, name := range []string{"synthetic", "wikinews_2020"} {
		data, ok := inputs[name]
		if !ok {
			continue
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				arts, errs, err := collect(b, NewReader(bytes.NewReader(data), name+".csv", Options{}))
				if err != nil || len(errs) > 0 || len(arts) == 0 {
					b.Fatalf("read %d articles, %d record errors, %v", len(arts), len(errs), err)
				}
			}
		})
	}
}

func FuzzCSV(f *testing.F) {
	for _, name := range []string{"valid.csv", "broken.csv", "latin1.csv", "truncated.csv", "notext.csv"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range framingInputs {
		f.Add([]byte(s))
	}
	f.Add([]byte(""))
	f.Add([]byte("text\n\"" + strings.Repeat("long ", 100) + "\"\n"))
	f.Add([]byte("\uFEFF\"text\"\na\x00b\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		// With a small row limit: no panic, only the three kinds of
		// error, and valid articles in order.
		r := NewReader(bytes.NewReader(data), "fuzz.csv", Options{MaxRowBytes: 64})
		last := 1
		for i := 0; i <= len(data)+1; i++ {
			a, err := r.Next()
			if err == io.EOF {
				break
			}
			var rerr *quotewire.RecordError
			if errors.As(err, &rerr) {
				if rerr.Origin.File != "fuzz.csv" || rerr.Origin.Line <= last {
					t.Fatalf("record error %v after line %d", err, last)
				}
				last = rerr.Origin.Line
				continue
			}
			if err != nil {
				if !strings.HasPrefix(err.Error(), "read fuzz.csv: ") {
					t.Fatalf("error %q does not name the file", err)
				}
				if _, again := r.Next(); again != err {
					t.Fatalf("Next after %v: %v", err, again)
				}
				break
			}
			if !utf8.ValidString(a.Text) || strings.TrimSpace(a.Text) == "" || strings.IndexByte(a.Text, 0) >= 0 {
				t.Fatalf("bad Text %q", a.Text)
			}
			for _, s := range []string{a.ID, a.Title, a.URL} {
				if !utf8.ValidString(s) {
					t.Fatalf("field %q is not valid UTF-8", s)
				}
			}
			if a.ID == "" || (a.Date != "" && source.Date(a.Date) != a.Date) {
				t.Fatalf("ID %q, Date %q", a.ID, a.Date)
			}
			if a.Origin.Line <= last {
				t.Fatalf("article on line %d after line %d", a.Origin.Line, last)
			}
			last = a.Origin.Line
		}
		// Without a limit, the rows are those encoding/csv finds.
		got, err := readLines(t, data, Options{})
		if err != nil {
			return
		}
		want := recordLines(bytes.TrimPrefix(data, []byte("\uFEFF")))
		if len(want) > 0 && fmt.Sprint(got) != fmt.Sprint(want[1:]) {
			t.Fatalf("rows on lines %v, encoding/csv finds %v after the header", got, want[1:])
		}
	})
}
