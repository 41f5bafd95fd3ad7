package jsonl

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"github.com/quotewire/quotewire"
)

// result is what one call to Next gave: an article or the line of a
// RecordError.
type result struct {
	id, text  string
	errLine   int
	errTarget error
}

// readAll calls Next until io.EOF, collecting articles and record errors.
// It fails the test on any other error.
func readAll(t testing.TB, r *Reader) ([]quotewire.Article, []*quotewire.RecordError) {
	t.Helper()
	var arts []quotewire.Article
	var errs []*quotewire.RecordError
	for i := 0; ; i++ {
		if i > 1e6 {
			t.Fatal("Next never returned io.EOF")
		}
		a, err := r.Next()
		if err == io.EOF {
			return arts, errs
		}
		var rerr *quotewire.RecordError
		if errors.As(err, &rerr) {
			errs = append(errs, rerr)
			continue
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		arts = append(arts, a)
	}
}

func TestMixedFile(t *testing.T) {
	const path = "testdata/mixed.jsonl"
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := NewReader(f, path, Options{})

	want := []struct {
		art     quotewire.Article
		errLine int
		errIs   error
	}{
		{art: quotewire.Article{ID: "a1", Title: "T1", Date: "2020-01-02", URL: "https://example.com/1", Text: "First article."}},
		{art: quotewire.Article{ID: "42", Text: "Numeric id.\nWith an escaped newline and \"quotes\" and café."}},
		{errLine: 4},
		{art: quotewire.Article{ID: "mixed-5", Date: "2020-03-04", Text: "No id here."}},
		{errLine: 6, errIs: quotewire.ErrEmpty},
		{art: quotewire.Article{ID: "a7", Text: "  Leading spaces and a trailing tab\t"}},
	}
	wantLines := []int{1, 2, 4, 5, 6, 7}
	for i, w := range want {
		a, err := r.Next()
		if w.errLine > 0 {
			var rerr *quotewire.RecordError
			if !errors.As(err, &rerr) {
				t.Fatalf("call %d: Next = %+v, %v; want a RecordError for line %d", i+1, a, err, w.errLine)
			}
			if got := rerr.Origin; got != (quotewire.Origin{File: path, Line: w.errLine}) {
				t.Errorf("call %d: error origin %+v, want line %d of %s", i+1, got, w.errLine, path)
			}
			if msg := err.Error(); !strings.Contains(msg, path) || !strings.Contains(msg, "line "+itoa(w.errLine)) {
				t.Errorf("call %d: message %q does not name file and line", i+1, msg)
			}
			if w.errIs != nil && !errors.Is(err, w.errIs) {
				t.Errorf("call %d: %v, want %v", i+1, err, w.errIs)
			}
			continue
		}
		if err != nil {
			t.Fatalf("call %d: Next: %v", i+1, err)
		}
		w.art.Origin = quotewire.Origin{File: path, Line: wantLines[i]}
		if a != w.art {
			t.Errorf("call %d:\ngot  %+v\nwant %+v", i+1, a, w.art)
		}
	}
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("Next at the end: %v, want io.EOF", err)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("Next after the end: %v, want io.EOF", err)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestRecords(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want []result
	}{
		{
			name: "CRLF and no final newline",
			in:   "{\"id\":\"x\",\"text\":\"a\\r\\nb\"}\r\n\r\n{\"id\":\"y\",\"text\":\"c\"}",
			want: []result{{id: "x", text: "a\r\nb"}, {id: "y", text: "c"}},
		},
		{
			name: "byte order mark",
			in:   "\uFEFF{\"id\":\"x\",\"text\":\"a\"}\n",
			want: []result{{id: "x", text: "a"}},
		},
		{
			name: "blank lines only",
			in:   "\n  \n\t\r\n",
		},
		{
			name: "id kinds",
			in: `{"id":7,"text":"a"}` + "\n" + `{"id":-1.5e3,"text":"b"}` + "\n" + `{"id":null,"text":"c"}` + "\n" +
				`{"id":"","text":"d"}` + "\n" + `{"id":true,"text":"e"}` + "\n" + `{"id":["x"],"text":"f"}`,
			want: []result{{id: "7", text: "a"}, {id: "-1.5e3", text: "b"}, {id: "in-3", text: "c"},
				{id: "in-4", text: "d"}, {errLine: 5, errTarget: ErrBadID}, {errLine: 6, errTarget: ErrBadID}},
		},
		{
			name: "bad records then a good one",
			in: "[1,2]\nnull\n\"text\"\n{\"text\":\"a\"} trailing\n{\"text\":42}\n{\"text\":\"x\",\"title\":7}\n" +
				"{\"text\":\"a\\u0000b\"}\n{\"text\":\"bad \xff byte\"}\n{\"id\":\"ok\",\"text\":\"fine\"}\n",
			want: []result{{errLine: 1}, {errLine: 2, errTarget: quotewire.ErrEmpty}, {errLine: 3},
				{errLine: 4}, {errLine: 5}, {errLine: 6}, {errLine: 7, errTarget: quotewire.ErrBinary},
				{errLine: 8, errTarget: quotewire.ErrInvalidUTF8}, {id: "ok", text: "fine"}},
		},
		{
			name: "white-space text",
			in:   `{"text":" \n "}`,
			want: []result{{errLine: 1, errTarget: quotewire.ErrEmpty}},
		},
		{
			name: "text kept exactly",
			in:   `{"text":"  \u00a0tabs\tand  spaces\u2028 «ё» \ud83d\ude00 "}`,
			want: []result{{id: "in-1", text: "  \u00a0tabs\tand  spaces\u2028 «ё» 😀 "}},
		},
		{
			name: "long line skipped",
			max:  len(`{"id":"c","text":"exactly at the limit"}`),
			in: `{"id":"a","text":"short"}` + "\n" + `{"id":"b","text":"` + strings.Repeat("x", 100) + `"}` + "\n" +
				`{"id":"c","text":"exactly at the limit"}` + "\r\n" + `{"id":"d","text":"exactly at the limit!"}` + "\n" +
				`{"id":"e","text":"` + strings.Repeat("y", 1<<17) + `"}` + "\n" + `{"id":"f","text":"last"}`,
			want: []result{{id: "a", text: "short"}, {errLine: 2, errTarget: quotewire.ErrTooLarge},
				{id: "c", text: "exactly at the limit"}, {errLine: 4, errTarget: quotewire.ErrTooLarge},
				{errLine: 5, errTarget: quotewire.ErrTooLarge}, {id: "f", text: "last"}},
		},
		{
			name: "date forms",
			in: `{"id":"a","text":"t","date":"2016-09-12"}` + "\n" + `{"id":"b","text":"t","date":"2016-09-12 10:00"}` + "\n" +
				`{"id":"c","text":"t","date":"12 Sep 2016"}` + "\n" + `{"id":"d","text":"t","date":"2016-02-30"}`,
			want: []result{{id: "a", text: "t"}, {id: "b", text: "t"}, {id: "c", text: "t"}, {id: "d", text: "t"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(strings.NewReader(tt.in), "data/in.jsonl", Options{MaxLineBytes: tt.max})
			var got []result
			for i := 0; i < 100; i++ {
				a, err := r.Next()
				if err == io.EOF {
					break
				}
				var rerr *quotewire.RecordError
				if errors.As(err, &rerr) {
					if rerr.Origin.File != "data/in.jsonl" {
						t.Errorf("error %v names file %q", err, rerr.Origin.File)
					}
					res := result{errLine: rerr.Origin.Line}
					for _, w := range tt.want {
						if w.errLine == res.errLine && w.errTarget != nil {
							if !errors.Is(err, w.errTarget) {
								t.Errorf("line %d: %v, want %v", res.errLine, err, w.errTarget)
							}
							res.errTarget = w.errTarget
						}
					}
					got = append(got, res)
					continue
				}
				if err != nil {
					t.Fatalf("Next: %v", err)
				}
				got = append(got, result{id: a.ID, text: a.Text})
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d results %+v, want %d %+v", len(got), got, len(tt.want), tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("result %d = %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestReadError(t *testing.T) {
	cause := errors.New("disk on fire")
	in := io.MultiReader(strings.NewReader("{\"text\":\"a\"}\n{\"text\":\"cut"), iotest.ErrReader(cause))
	r := NewReader(in, "in.jsonl", Options{})
	if a, err := r.Next(); err != nil || a.Text != "a" {
		t.Fatalf("first Next = %+v, %v", a, err)
	}
	for i := 0; i < 2; i++ {
		_, err := r.Next()
		if !errors.Is(err, cause) {
			t.Fatalf("Next: %v, want %v", err, cause)
		}
		var rerr *quotewire.RecordError
		if errors.As(err, &rerr) {
			t.Fatalf("Next: %v is a RecordError, want an input error", err)
		}
		if !strings.Contains(err.Error(), "in.jsonl") {
			t.Errorf("error %q does not name the file", err)
		}
	}
}

// TestLongLineNotHeld checks that a line over the limit is skipped
// without being buffered whole.
func TestLongLineNotHeld(t *testing.T) {
	const max = 1 << 10
	long := `{"text":"` + strings.Repeat("x", 4<<20) + `"}` + "\n"
	in := strings.NewReader(long + `{"id":"after","text":"ok"}` + "\n")
	r := NewReader(in, "in.jsonl", Options{MaxLineBytes: max})
	if _, err := r.Next(); !errors.Is(err, quotewire.ErrTooLarge) {
		t.Fatalf("Next: %v, want ErrTooLarge", err)
	}
	if cap(r.buf) > 2*max+r.br.Size() {
		t.Errorf("reader buffered %d bytes for a skipped line", cap(r.buf))
	}
	a, err := r.Next()
	if err != nil || a.ID != "after" {
		t.Fatalf("Next after the long line = %+v, %v", a, err)
	}
}

const polnearPath = "../../../shared/data/polnear/dev.jsonl"

// TestPolNeAR reads the PolNeAR development set as it is and checks every
// text against the raw record's.
func TestPolNeAR(t *testing.T) {
	raw, err := os.ReadFile(polnearPath)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("PolNeAR dev set not found at %s; skipping", polnearPath)
	}
	if err != nil {
		t.Fatal(err)
	}
	var want []map[string]any
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		want = append(want, m)
	}
	arts, errs := readAll(t, NewReader(bytes.NewReader(raw), polnearPath, Options{}))
	for _, e := range errs {
		t.Errorf("record error: %v", e)
	}
	if len(arts) != 84 || len(want) != 84 {
		t.Fatalf("read %d articles from %d records, want 84", len(arts), len(want))
	}
	for i, a := range arts {
		if a.Text != want[i]["text"] {
			t.Errorf("record %d: text differs from the raw record's", i+1)
		}
		if a.ID != want[i]["id"] || a.Title != want[i]["title"] || a.Date != want[i]["date"] {
			t.Errorf("record %d: got %q %q %q, want %v %v %v", i+1, a.ID, a.Title, a.Date, want[i]["id"], want[i]["title"], want[i]["date"])
		}
		if a.Origin.Line != i+1 {
			t.Errorf("record %d: Origin.Line = %d", i+1, a.Origin.Line)
		}
	}
}

func BenchmarkJSONL(b *testing.B) {
	raw, err := os.ReadFile(polnearPath)
	if errors.Is(err, os.ErrNotExist) {
		b.Skipf("PolNeAR dev set not found at %s; skipping", polnearPath)
	}
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		arts, errs := readAll(b, NewReader(bytes.NewReader(raw), polnearPath, Options{}))
		if len(arts) != 84 || len(errs) != 0 {
			b.Fatalf("read %d articles, %d errors", len(arts), len(errs))
		}
	}
}

func FuzzJSONL(f *testing.F) {
	for _, s := range []string{
		`{"id":"a1","text":"First article.","title":"T1","date":"2020-01-02","url":"https://e.com/1"}` + "\n",
		`{"id": 42, "text": "x\ny"}` + "\r\n\n" + `{"text":"no id"}`,
		`{"id":"broken", "text": "no closing brace"` + "\n" + `{"text":"after"}`,
		"\uFEFF{\"text\":\"bom\"}",
		`{"text":"a\u0000b"}`,
		"{\"text\":\"bad \xff\"}",
		`{"id":true,"text":"t"}`,
		`[1,2]` + "\n" + `null`,
		`{"text":"` + strings.Repeat("long ", 100) + `"}`,
		"",
		"\n\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(bytes.NewReader(data), "fuzz.jsonl", Options{MaxLineBytes: 256})
		last := 0
		for i := 0; i <= len(data)+1; i++ {
			a, err := r.Next()
			if err == io.EOF {
				return
			}
			var rerr *quotewire.RecordError
			if errors.As(err, &rerr) {
				if rerr.Origin.Line <= last {
					t.Fatalf("record %d after %d", rerr.Origin.Line, last)
				}
				last = rerr.Origin.Line
				continue
			}
			if err != nil {
				t.Fatalf("Next: %v", err)
			}
			if !utf8.ValidString(a.Text) || strings.TrimSpace(a.Text) == "" || strings.IndexByte(a.Text, 0) >= 0 {
				t.Fatalf("bad Text %q", a.Text)
			}
			if a.ID == "" {
				t.Fatal("empty ID")
			}
			if a.Origin.Line <= last {
				t.Fatalf("record %d after %d", a.Origin.Line, last)
			}
			last = a.Origin.Line
		}
		t.Fatal("Next never returned io.EOF")
	})
}

// TestJSONProblems: a record's decoding problems are said in the user's
// words (the field, the JSON type found), never in Go's.
func TestJSONProblems(t *testing.T) {
	in := "{\"id\":\"a\",\"text\":42}\n[1,2]\n{\"id\":\"c\",\"text\":\"x\"\n{\"id\":\"d\",\"text\":\"fine\"}\n"
	r := NewReader(strings.NewReader(in), "t.jsonl", Options{})
	var msgs []string
	n := 0
	for {
		_, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			msgs = append(msgs, err.Error())
			continue
		}
		n++
	}
	want := []string{`t.jsonl line 1: field "text" must be a string, not a JSON number`,
		`t.jsonl line 2: a record must be a JSON object {"id", "title", "date", "url", "text"}, not a JSON array`,
		`t.jsonl line 3: not valid JSON at column`}
	if n != 1 || len(msgs) != 3 {
		t.Fatalf("%d articles, problems %q", n, msgs)
	}
	for i, w := range want {
		if !strings.HasPrefix(msgs[i], w) || strings.Contains(msgs[i], "Go struct") {
			t.Errorf("problem %q, want %q", msgs[i], w)
		}
	}
}
