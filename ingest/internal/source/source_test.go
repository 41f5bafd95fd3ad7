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
