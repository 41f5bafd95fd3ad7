package text

import "testing"

func TestCapitalLetters(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
	}{
		{"PRIME MINISTER", 13}, {"DR.", 2}, {"Dr.", -1}, {"WHO", 3}, {"", 0}, {"1,000", 0}, {"ÉCOLE", 5}, {"ÉCOLe", -1},
	} {
		if got := CapitalLetters(tt.in); got != tt.want {
			t.Errorf("CapitalLetters(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}
