package main

import (
	"strings"
	"testing"
)

// TestFlagWords: a flag value its type cannot read, and a count below 1,
// are usage errors (exit 2) that name the flag and the value and say what
// to write, in the user's words rather than Go's parser's.
func TestFlagWords(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"search", "--db", "x.db", "--limit", "abc", "talks"}, `--limit "abc": write a whole number`},
		{[]string{"search", "--db", "x.db", "--min-confidence", "high", "talks"}, `--min-confidence "high": write a number`},
		{[]string{"serve", "--query-timeout", "soon"}, `--query-timeout "soon": write a duration`},
		{[]string{"bench-serve", "--db", "x.db", "--clients", "a,b"}, `--clients "a,b": write whole numbers separated by commas`},
		{[]string{"bench-store", "--ingest-only", "--rounds", "0"}, `--rounds "0": use a whole number from 1`},
		{[]string{"bench-serve", "--db", "x.db", "--urls", "0"}, `--urls "0": use a whole number from 1`},
		{[]string{"bench-workers", "--editions", "0"}, `--editions "0": use a whole number from 1`},
	}
	for _, tt := range tests {
		code, _, stderr := run(t, "", tt.args...)
		if code != 2 || !strings.Contains(stderr, tt.want) || strings.Contains(stderr, "strconv") {
			t.Errorf("%q: exit %d, %q; want 2 and %q", tt.args, code, stderr, tt.want)
		}
	}
}
