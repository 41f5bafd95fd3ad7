package quotewire

import (
	"errors"
	"strings"
	"testing"
)

func TestParseQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{"lavrov", "lavrov"},
		{"lavrov syria", "(lavrov syria)"},
		{"lavrov AND syria", "(lavrov syria)"},
		{"lavrov OR kerry", "(lavrov OR kerry)"},
		{`"no progress" lavrov`, `("no progress" lavrov)`},
		{"negotiat*", "negotiat*"},
		{"lavrov -syria", "(lavrov NOT syria)"},
		{"lavrov NOT syria NOT iran", "(lavrov NOT (syria OR iran))"},
		{"(lavrov OR kerry) talks", "((lavrov OR kerry) talks)"},
		{"U.S. sanctions", `("U S" sanctions)`},
		{"or not", "(or not)"}, // lower case: words
		{"“curly phrase”", `"curly phrase"`},
		{"a - b", "(a NOT b)"},
		{"well-known", `"well known"`},
	}
	for _, tt := range tests {
		n, err := ParseQuery(tt.in)
		if err != nil {
			t.Errorf("ParseQuery(%q): %v", tt.in, err)
			continue
		}
		if got := n.String(); got != tt.want {
			t.Errorf("ParseQuery(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestParseQueryErrors(t *testing.T) {
	tests := []struct{ in, say string }{
		{"", "empty"},
		{"   ", "empty"},
		{`"unclosed phrase`, "not closed"},
		{"(lavrov", "not closed"},
		{"lavrov)", "closing parenthesis"},
		{"lavrov OR", "needs something after"},
		{"OR lavrov", "nothing to look for"},
		{"-syria", "only exclude"},
		{"()", "empty parentheses"},
		{"*", "needs letters"},
		{`""`, "no words"},
		{"lavrov AND", "both sides"},
		{"NOT", "needs a word"},
		{"a\xffb", "UTF-8"},
	}
	for _, tt := range tests {
		_, err := ParseQuery(tt.in)
		if err == nil || !errors.Is(err, ErrBadQuery) || !strings.Contains(err.Error(), tt.say) {
			t.Errorf("ParseQuery(%q) error = %v, want ErrBadQuery saying %q", tt.in, err, tt.say)
		}
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"lavrov", `"a b" OR (c -d*)`, "((", `"`, "NOT NOT a", "a OR OR b", "-", "x*y*"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseQuery(s)
		if err != nil {
			if !errors.Is(err, ErrBadQuery) {
				t.Fatalf("error not ErrBadQuery: %v", err)
			}
			return
		}
		// a parsed query renders and re-parses to the same tree
		again, err := ParseQuery(n.String())
		if err != nil {
			t.Fatalf("re-parse of %q (from %q): %v", n.String(), s, err)
		}
		if again.String() != n.String() {
			t.Fatalf("re-parse changed %q to %q", n.String(), again.String())
		}
	})
}
