package source

import (
	"errors"
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
)

func TestID(t *testing.T) {
	tests := []struct{ name, want string }{
		{"a/b/story.txt", "story"},
		{"story.txt.gz", "story"},
		{"wire.csv.zst", "wire"},
		{"feed.rss.zstd", "feed"},
		{"v1.2.csv.zst", "v1.2"},
		{"dev.jsonl", "dev"},
		{"page", "page"},
		{"v1.2.html", "v1.2"},
		{".txt", ".txt"},
		{"-", "stdin"},
		{"", "stdin"},
		{"stdin", "stdin"},
	}
	for _, tt := range tests {
		if got := ID(tt.name); got != tt.want {
			t.Errorf("ID(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestURLID(t *testing.T) {
	const u = "https://en.wikinews.org/wiki/Example"
	got := URLID(u)
	if !strings.HasPrefix(got, "url-") || len(got) != len("url-")+16 {
		t.Errorf("URLID(%q) = %q, want url- and 16 hex digits", u, got)
	}
	if again := URLID(" " + u + "\n"); again != got {
		t.Errorf("URLID with white space = %q, want %q", again, got)
	}
	if other := URLID(u + "2"); other == got {
		t.Errorf("URLID gives %q for two URLs", got)
	}
	if blank := URLID(" "); blank != "" {
		t.Errorf("URLID(blank) = %q, want \"\"", blank)
	}
}

func TestDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2016-09-12", "2016-09-12"},
		{"2016-09-12T10:00:00Z", "2016-09-12"},
		{"2016-09-12 10:00", "2016-09-12"},
		{"2016-09-1", ""},
		{"2016-09-12x", ""},
		{"12 Sep 2016", ""},
		{"2016-02-30", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Date(tt.in); got != tt.want {
			t.Errorf("Date(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{" 2016-09-12 ", "2016-09-12"},
		{"2016-09-12T23:30:00-05:00", "2016-09-12"},
		{"Mon, 12 Sep 2016 23:30:00 -0500", "2016-09-12"}, // the date as written
		{"Mon, 5 Sep 2016 10:00:00 GMT", "2016-09-05"},
		{"5 Sep 2016 10:00:00 +0200", "2016-09-05"},
		{"12 Sep 16 10:00 UTC", "2016-09-12"},
		{"Monday, 12-Sep-16 10:00:00 UTC", "2016-09-12"},
		{"2016/09/12", "2016-09-12"},
		{"September 12, 2016", "2016-09-12"},
		{"12 Sep 2016", "2016-09-12"},
		{"2016-02-30", ""},
		{"12/09/2016", ""},
		{"soon", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got := ""
		if d, ok := ParseDate(tt.in); ok {
			got = d.Format(DateLayout)
		}
		if got != tt.want {
			t.Errorf("ParseDate(%q) gives %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestReadAll(t *testing.T) {
	tests := []struct {
		in      string
		max     int64
		tooLong bool
	}{
		{"", 1, false},
		{"abc", 3, false},
		{"abcd", 3, true},
	}
	for _, tt := range tests {
		got, err := ReadAll(strings.NewReader(tt.in), tt.max)
		if tt.tooLong {
			if !errors.Is(err, quotewire.ErrTooLarge) {
				t.Errorf("ReadAll(%q, %d) error = %v, want ErrTooLarge", tt.in, tt.max, err)
			}
			continue
		}
		if err != nil || string(got) != tt.in {
			t.Errorf("ReadAll(%q, %d) = %q, %v", tt.in, tt.max, got, err)
		}
	}
}
