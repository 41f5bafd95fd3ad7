package queue

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// checkRanges checks that rs cover input exactly, in order, that each
// range starts a line and ends after a newline (or at the end), that its
// Line is right, and that each range but the last is at least chunk long.
func checkRanges(t *testing.T, input string, chunk int64, rs []Range) {
	t.Helper()
	var pos int64
	for i, r := range rs {
		if r.Start != pos || r.End <= r.Start {
			t.Fatalf("range %d is [%d:%d), want it to start at %d and not be empty", i, r.Start, r.End, pos)
		}
		if want := 1 + strings.Count(input[:r.Start], "\n"); r.Line != want {
			t.Errorf("range %d [%d:%d) starts at line %d, want %d", i, r.Start, r.End, r.Line, want)
		}
		last := i == len(rs)-1
		if !last && input[r.End-1] != '\n' {
			t.Errorf("range %d [%d:%d) does not end after a newline", i, r.Start, r.End)
		}
		if !last && chunk > 0 && r.End-r.Start < chunk {
			t.Errorf("range %d [%d:%d) is shorter than %d", i, r.Start, r.End, chunk)
		}
		pos = r.End
	}
	if pos != int64(len(input)) {
		t.Fatalf("ranges end at %d, input at %d", pos, len(input))
	}
	// every line in exactly one range
	var got []string
	for _, r := range rs {
		got = append(got, strings.SplitAfter(input[r.Start:r.End], "\n")...)
	}
	var nonEmpty []string
	for _, l := range got {
		if l != "" {
			nonEmpty = append(nonEmpty, l)
		}
	}
	var want []string
	for _, l := range strings.SplitAfter(input, "\n") {
		if l != "" {
			want = append(want, l)
		}
	}
	if strings.Join(nonEmpty, "|") != strings.Join(want, "|") {
		t.Errorf("lines of the ranges %q, want %q", nonEmpty, want)
	}
}

func TestSplitLines(t *testing.T) {
	long := strings.Repeat("x", 50)
	tests := []struct {
		name  string
		input string
		chunk int64
		want  []Range // nil: only the invariants are checked
	}{
		{"empty", "", 10, []Range{}},
		{"one line", "abc\n", 10, []Range{{0, 4, 1}}},
		{"exact chunks", "abcd\nefgh\n", 5, []Range{{0, 5, 1}, {5, 10, 2}}},
		{"two lines per range", "ab\ncd\nef\ngh\n", 5, []Range{{0, 6, 1}, {6, 12, 3}}},
		{"no trailing newline", "ab\ncd\nef", 3, []Range{{0, 3, 1}, {3, 6, 2}, {6, 8, 3}}},
		{"no newline at all", "abcdefgh", 3, []Range{{0, 8, 1}}},
		{"line longer than chunk", "a\n" + long + "\nb\n", 10, []Range{{0, 53, 1}, {53, 55, 3}}},
		{"long last line without newline", "a\n" + long, 10, []Range{{0, 52, 1}}},
		{"empty lines", "\n\n\n\n", 2, []Range{{0, 2, 1}, {2, 4, 3}}},
		{"chunk zero is one range", "a\nb\nc\n", 0, []Range{{0, 6, 1}}},
		{"crlf", "ab\r\ncd\r\nef\r\n", 4, []Range{{0, 4, 1}, {4, 8, 2}, {8, 12, 3}}},
		{"many", strings.Repeat("0123456789\n", 1000) + "tail", 1 << 10, nil},
		{"beyond the read buffer", strings.Repeat("y", 3<<20) + "\nz\n" + strings.Repeat("w", 10), 1 << 20, []Range{{0, 3<<20 + 1, 1}, {3<<20 + 1, 3<<20 + 13, 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := SplitLines(strings.NewReader(tt.input), tt.chunk)
			if err != nil {
				t.Fatal(err)
			}
			checkRanges(t, tt.input, tt.chunk, got)
			if tt.want == nil {
				return
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("range %d: got %v, want %v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestSplitFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.jsonl")
	var b bytes.Buffer
	for i := range 100 {
		b.WriteString(`{"id":"` + strings.Repeat("i", i%7) + `","text":"` + strings.Repeat("t", i) + "\"}\n")
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	whole, err := SplitFile(path, int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(whole) != 1 || whole[0].Ranged() || whole[0].Path != path {
		t.Errorf("a file no larger than the chunk: got %v, want the whole file", whole)
	}
	us, err := SplitFile(path, 512)
	if err != nil {
		t.Fatal(err)
	}
	if len(us) < 5 {
		t.Fatalf("got %d units, want at least 5", len(us))
	}
	var joined []byte
	for _, u := range us {
		if !u.Ranged() {
			t.Fatalf("unit %v is not a range", u)
		}
		back, err := Decode(u.Encode())
		if err != nil || back != u {
			t.Fatalf("Decode(Encode(%v)) = %v, %v", u, back, err)
		}
		joined = append(joined, b.Bytes()[u.Start:u.End]...)
	}
	if !bytes.Equal(joined, b.Bytes()) {
		t.Error("the ranges do not cover the file exactly")
	}
	if _, err := SplitFile(filepath.Join(dir, "missing.jsonl"), 10); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: got %v, want os.ErrNotExist", err)
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{`{"v":1,"path":"a.jsonl"}`, true},
		{`{"v":1,"path":"a.jsonl","start":10,"end":20,"line":3}`, true},
		{`{"v":2,"path":"a.jsonl"}`, true},
		{`{"v":3,"path":"a.jsonl"}`, false},
		{`{"v":0,"path":"a.jsonl"}`, false},
		{`{"v":2,"url":"https://ex.org/news/1","feed":"https://ex.org/rss","title":"T","date":"2026-12-07"}`, true},
		{`{"v":2,"url":"ftp://ex.org/news/1"}`, false},
		{`{"v":2,"url":"https://ex.org/1","path":"a.jsonl"}`, false},
		{`{"v":1}`, false},
		{`{"v":1,"path":"a","start":20,"end":10}`, false},
		{`{"v":1,"path":"a","start":20}`, false},
		{`not json`, false},
	}
	for _, tt := range tests {
		_, err := Decode([]byte(tt.in))
		if (err == nil) != tt.ok {
			t.Errorf("Decode(%s): error %v, want ok %v", tt.in, err, tt.ok)
		}
		if err != nil && !errors.Is(err, ErrBadUnit) {
			t.Errorf("Decode(%s): error %v does not wrap ErrBadUnit", tt.in, err)
		}
	}
}

// TestEncodeVersions: a file unit is written as version 1 (what every
// worker reads), a page unit as version 2, and both read back whole.
func TestEncodeVersions(t *testing.T) {
	file := Unit{Path: "a.jsonl", Start: 10, End: 20, Line: 3}
	page := Unit{URL: "https://ex.org/news/1", Feed: "https://ex.org/rss", Title: "Bridge", Date: "2026-12-07"}
	for _, tt := range []struct {
		u    Unit
		v    int
		name string
	}{{file, 1, "a.jsonl[10:20]"}, {page, 2, "https://ex.org/news/1"}} {
		got, err := Decode(tt.u.Encode())
		if err != nil {
			t.Fatal(err)
		}
		want := tt.u
		want.V = tt.v
		if got != want || got.String() != tt.name || got.Page() != (tt.v == 2) {
			t.Errorf("round trip %+v, want %+v (%s)", got, want, got)
		}
	}
	if strings.Contains(string(file.Encode()), "url") {
		t.Errorf("a file unit carries page fields: %s", file.Encode())
	}
}

func TestNamesFor(t *testing.T) {
	tests := []struct{ in, queue, stream, work string }{
		{"", "quotewire", "QUOTEWIRE", "quotewire.work"},
		{"quotewire", "quotewire", "QUOTEWIRE", "quotewire.work"},
		{"News Feed.v2/*", "news_feed_v2__", "NEWS_FEED_V2__", "news_feed_v2__.work"},
		{"ru-tass", "ru-tass", "RU-TASS", "ru-tass.work"},
	}
	for _, tt := range tests {
		n := NamesFor(tt.in)
		if n.Queue != tt.queue || n.Stream != tt.stream || n.Work != tt.work || n.Dead != tt.queue+".dead" || n.Bucket != tt.stream+"_STATUS" {
			t.Errorf("NamesFor(%q) = %+v", tt.in, n)
		}
	}
}
