package sqlread

import "testing"

// TestDollars checks the rewriting of placeholders for PostgreSQL.
func TestDollars(t *testing.T) {
	tests := []struct{ in, want string }{
		{"SELECT 1", "SELECT 1"},
		{"a = ? AND b = ?", "a = $1 AND b = $2"},
		{"x = '?' AND y = ?", "x = '?' AND y = $1"},
		{`"we?ird" = ? -- why?` + "\nAND z = ?", `"we?ird" = $1 -- why?` + "\nAND z = $2"},
		{"a LIKE ? ESCAPE '\\' AND b = ?", "a LIKE $1 ESCAPE '\\' AND b = $2"},
		{"'unterminated ?", "'unterminated ?"},
	}
	for _, tt := range tests {
		if got := Dollars(tt.in); got != tt.want {
			t.Errorf("Dollars(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestPlaceholders checks the lists of marks.
func TestPlaceholders(t *testing.T) {
	for n, want := range []string{"", "?", "?, ?", "?, ?, ?"} {
		if got := Placeholders(n); got != want {
			t.Errorf("Placeholders(%d) = %q, want %q", n, got, want)
		}
	}
}
