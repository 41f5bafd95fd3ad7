package learn

import "testing"

func TestShapeSuffix(t *testing.T) {
	for _, tt := range []struct{ in, shape, suf string }{
		{"Lavrov", "Xx", "rov"},
		{"2017", "d", "017"},
		{"U.S.", "X.X.", ".S."},
		{"al-Nusra", "x-Xx", "sra"},
		{"Кремль", "Xx", "ль"},
		{"", "", ""},
	} {
		if got := Shape(tt.in); got != tt.shape {
			t.Errorf("Shape(%q) = %q, want %q", tt.in, got, tt.shape)
		}
		if got := Suffix(tt.in, 3); got != tt.suf {
			t.Errorf("Suffix(%q, 3) = %q, want %q", tt.in, got, tt.suf)
		}
	}
}
