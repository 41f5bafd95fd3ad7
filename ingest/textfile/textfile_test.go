package textfile

import (
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"github.com/quotewire/quotewire"
)

const seedPath = "../../testdata/seed/tass-2017-10-04-lavrov-krasnodar.txt"

func TestSeed(t *testing.T) {
	raw, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := NewReader(f, seedPath, Options{})
	a, err := r.Next()
	if err != nil {
		t.Fatalf("Next: %v", err)
	}
	const header = " date 2017-10-04 "
	if !strings.HasPrefix(string(raw), header) {
		t.Fatalf("seed file does not start with %q", header)
	}
	if got, want := a.ID, "tass-2017-10-04-lavrov-krasnodar"; got != want {
		t.Errorf("ID = %q, want %q", got, want)
	}
	if got, want := a.Date, "2017-10-04"; got != want {
		t.Errorf("Date = %q, want %q", got, want)
	}
	if !strings.HasPrefix(a.Text, "KRASNODAR, October 4.") {
		t.Errorf("Text starts %q, want KRASNODAR, October 4.", a.Text[:min(40, len(a.Text))])
	}
	if got, want := a.Text, string(raw[len(header):]); got != want {
		t.Errorf("Text is not the file after its header:\ngot  %q\nwant %q", got, want)
	}
	if got, want := a.Origin, (quotewire.Origin{File: seedPath}); got != want {
		t.Errorf("Origin = %+v, want %+v", got, want)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("second Next: %v, want io.EOF", err)
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name, in   string
		date, text string
	}{
		{"inline header", " date 2017-10-04 KRASNODAR, October 4.", "2017-10-04", "KRASNODAR, October 4."},
		{"header on its own line", "date 2017-10-04\nBody here.\n", "2017-10-04", "Body here.\n"},
		{"CRLF kept", "date 2017-10-04\r\n\r\nBody\r\nmore\r\n", "2017-10-04", "Body\r\nmore\r\n"},
		{"tabs and blank lines", "\t date\t2020-02-29 \n\n  Indented body", "2020-02-29", "Indented body"},
		{"byte order mark", "\uFEFFdate 2017-10-04 Body", "2017-10-04", "Body"},
		{"no header", "KRASNODAR, October 4.\n", "", "KRASNODAR, October 4.\n"},
		{"leading space, no header", "  Body with indent", "", "  Body with indent"},
		{"word date", "date night was fun", "", "date night was fun"},
		{"dates", "dates 2017-10-04 Body", "", "dates 2017-10-04 Body"},
		{"invalid date", "date 2017-13-01 Body", "", "date 2017-13-01 Body"},
		{"not a leap year", "date 2019-02-29 Body", "", "date 2019-02-29 Body"},
		{"date glued to text", "date 2017-10-04Body", "", "date 2017-10-04Body"},
		{"short date", "date 2017-1-4 Body", "", "date 2017-1-4 Body"},
		{"capitalised", "Date 2017-10-04 Body", "", "Date 2017-10-04 Body"},
		{"header later", "Body\ndate 2017-10-04", "", "Body\ndate 2017-10-04"},
		{"unicode body", "date 2017-10-04 Лавров сказал: «нет».", "2017-10-04", "Лавров сказал: «нет»."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse("dir/story.txt", []byte(tt.in))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if a.Date != tt.date {
				t.Errorf("Date = %q, want %q", a.Date, tt.date)
			}
			if a.Text != tt.text {
				t.Errorf("Text = %q, want %q", a.Text, tt.text)
			}
			if a.ID != "story" {
				t.Errorf("ID = %q, want story", a.ID)
			}
		})
	}
}

func TestID(t *testing.T) {
	tests := []struct{ name, want string }{
		{"a/b/story.txt", "story"},
		{"story.txt.gz", "story"},
		{"story", "story"},
		{"v1.2.txt", "v1.2"},
		{".txt", ".txt"},
		{"stdin", "stdin"},
	}
	for _, tt := range tests {
		a, err := Parse(tt.name, []byte("Body."))
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.name, err)
		}
		if a.ID != tt.want {
			t.Errorf("ID of %q = %q, want %q", tt.name, a.ID, tt.want)
		}
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int64
		want error
	}{
		{"empty", "", 0, quotewire.ErrEmpty},
		{"white space", " \n\t\r\n", 0, quotewire.ErrEmpty},
		{"header only", " date 2017-10-04 \n", 0, quotewire.ErrEmpty},
		{"NUL byte", "text\x00more", 0, quotewire.ErrBinary},
		{"invalid UTF-8", "caf\xe9 au lait", 0, quotewire.ErrInvalidUTF8},
		{"truncated rune", "caf\xc3", 0, quotewire.ErrInvalidUTF8},
		{"too large", "0123456789abc", 10, quotewire.ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const name = "in/bad-file.txt"
			r := NewReader(strings.NewReader(tt.in), name, Options{MaxBytes: tt.max})
			_, err := r.Next()
			var rerr *quotewire.RecordError
			if !errors.As(err, &rerr) {
				t.Fatalf("Next: %v, want a *quotewire.RecordError", err)
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("Next: %v, want %v", err, tt.want)
			}
			if rerr.Origin.File != name || !strings.Contains(err.Error(), name) {
				t.Errorf("error %q does not name %s", err, name)
			}
			if _, err := r.Next(); err != io.EOF {
				t.Errorf("Next after the error: %v, want io.EOF", err)
			}
		})
	}
}

func TestSizeLimitStopsReading(t *testing.T) {
	// A reader that never ends: the limit must stop reading it.
	r := NewReader(io.MultiReader(strings.NewReader("start "), neverEnding('x')), "huge.txt", Options{MaxBytes: 1 << 16})
	if _, err := r.Next(); !errors.Is(err, quotewire.ErrTooLarge) {
		t.Fatalf("Next: %v, want ErrTooLarge", err)
	}
}

type neverEnding byte

func (b neverEnding) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(b)
	}
	return len(p), nil
}

func TestReadError(t *testing.T) {
	cause := errors.New("disk on fire")
	r := NewReader(iotest.ErrReader(cause), "in/story.txt", Options{})
	_, err := r.Next()
	if !errors.Is(err, cause) {
		t.Fatalf("Next: %v, want %v", err, cause)
	}
	var rerr *quotewire.RecordError
	if errors.As(err, &rerr) {
		t.Errorf("Next: %v is a RecordError, want an input error", err)
	}
	if !strings.Contains(err.Error(), "in/story.txt") {
		t.Errorf("error %q does not name the file", err)
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{
		" date 2017-10-04 KRASNODAR, October 4. /TASS/. Moscow sees",
		"date 2017-10-04\r\n\r\nBody\r\n",
		"\uFEFF\tdate 2020-02-29",
		"date 2017-13-01 x",
		"plain text",
		"",
		"\x00",
		"caf\xe9",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Parse("fuzz.txt", data)
		if err != nil {
			var rerr *quotewire.RecordError
			if !errors.As(err, &rerr) {
				t.Fatalf("Parse: %v is not a RecordError", err)
			}
			return
		}
		if !utf8.ValidString(a.Text) {
			t.Fatalf("Text %q is not valid UTF-8", a.Text)
		}
		if strings.TrimSpace(a.Text) == "" {
			t.Fatalf("empty Text from %q", data)
		}
		if !strings.HasSuffix(string(data), a.Text) {
			t.Fatalf("Text %q is not the end of the file %q", a.Text, data)
		}
		if a.Date != "" && len(a.Date) != len("2006-01-02") {
			t.Fatalf("Date %q", a.Date)
		}
	})
}

func BenchmarkText(b *testing.B) {
	raw, err := os.ReadFile(seedPath)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := NewReader(strings.NewReader(string(raw)), seedPath, Options{}).Next(); err != nil {
			b.Fatal(err)
		}
	}
}
