package quotewire

import "testing"

func TestNameKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Sergey Lavrov", "sergey lavrov"},
		{"  Sergey   Lavrov ", "sergey lavrov"},
		{"Lavrov's", "lavrov"},
		{"Lavrov’s office", "lavrov office"},
		{"Vlada Stamenković", "vlada stamenkovic"},
		{"Mr. John Smith", "john smith"},
		{"Dr Jane Doe", "jane doe"},
		{"O'Brien", "obrien"},
		{"Jean-Luc Picard", "jean luc picard"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := NameKey(tt.in); got != tt.want {
			t.Errorf("NameKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSplitName(t *testing.T) {
	tests := []struct{ in, given, sur string }{
		{"sergey lavrov", "sergey", "lavrov"},
		{"lavrov", "", "lavrov"},
		{"martin luther king jr", "martin luther", "king"},
		{"", "", ""},
	}
	for _, tt := range tests {
		g, s := SplitName(tt.in)
		if g != tt.given || s != tt.sur {
			t.Errorf("SplitName(%q) = %q, %q; want %q, %q", tt.in, g, s, tt.given, tt.sur)
		}
	}
}

func TestGivenNamesMatch(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"sergey", "sergei", true},
		{"aleksandr", "alexander", true},
		{"s", "sergey", true},
		{"hillary", "bill", false},
		{"sergey", "", false},
		{"", "", false},
		{"john", "joan", false}, // short names must be equal
		{"vladimir", "vladimir", true},
		{"maria", "mario", false},
		{"mohammed", "mohamed", true},
	}
	for _, tt := range tests {
		if got := GivenNamesMatch(tt.a, tt.b); got != tt.want {
			t.Errorf("GivenNamesMatch(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestQuoteKey(t *testing.T) {
	a, n := QuoteKey("“We don’t see any progress,” he said")
	b, _ := QuoteKey("\"We don't see ANY progress\" — he said.")
	if a != b || n != 7 {
		t.Errorf("QuoteKey: %q (%d words) vs %q", a, n, b)
	}
}

func TestArticleKey(t *testing.T) {
	k1, k2 := ArticleKey("u", "text"), ArticleKey("u", "text.")
	if k1 == k2 || k1 != ArticleKey("u", "text") || len(k1) != 21 {
		t.Errorf("ArticleKey: %q %q", k1, k2)
	}
}

func TestSurname(t *testing.T) {
	for _, k := range []string{"sergey lavrov", "robert l harris jr", "martin luther king iii", "jr", "lavrov", ""} {
		_, want := SplitName(k)
		if got := Surname(k); got != want {
			t.Errorf("Surname(%q) = %q, SplitName says %q", k, got, want)
		}
	}
}
