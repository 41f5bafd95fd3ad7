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

func TestShapeHash(t *testing.T) {
	for _, w := range []string{"", "Lavrov", "2017", "U.S.", "al-Nusra", "ÉCOLE", "naïve", "x1y2z3a4b5c6d7", "\xff\xfe", "日本", "a\u00A0b"} {
		if got, want := ShapeHash(w), StringHash(Shape(w)); got != want {
			t.Errorf("ShapeHash(%q) = %x, want %x (shape %q)", w, got, want, Shape(w))
		}
	}
}
