package quotewire

import (
	"slices"
	"testing"
)

func TestCanonicalName(t *testing.T) {
	tests := []struct {
		in, want string
		typ      EntityType
	}{
		{"U.S.", "United States", Place},
		{"US", "United States", Place},
		{"USA", "United States", Place},
		{"the United States", "United States", Place},
		{"United States of America", "United States", Place},
		{"U.K.", "United Kingdom", Place},
		{"Britain", "United Kingdom", Place},
		{"U.N.", "United Nations", Organization},
		{"WHO", "World Health Organization", Organization},
		{"Nato", "NATO", Organization},
		{"who", "", ""},
		{"Us", "", ""},
		{"United States Senate", "", ""},
		{"Sergey Lavrov", "", ""},
	}
	for _, tt := range tests {
		w, ok := CanonicalName(tt.in)
		if ok != (tt.want != "") || w.Name != tt.want || w.Type != tt.typ {
			t.Errorf("CanonicalName(%q) = %+v, %v; want %q (%s)", tt.in, w, ok, tt.want, tt.typ)
		}
	}
}

func TestNameKeys(t *testing.T) {
	keys := NameKeys("U.S.")
	for _, want := range []string{"us", "u s", "usa", "united states", "united states of america"} {
		if !slices.Contains(keys, want) {
			t.Errorf("NameKeys(U.S.) = %q: no %q", keys, want)
		}
	}
	if NameKeys("Sergey Lavrov") != nil {
		t.Errorf("a name that is not well known has no other forms")
	}
}

func TestExpandPrefix(t *testing.T) {
	for in, want := range map[string]string{
		"U.S. Constitution": "United States Constitution", "US Constitution": "United States Constitution",
		"UN Security Council": "United Nations Security Council", "U.S.": "U.S.", "USA Today": "USA Today",
		"Usman Khan": "Usman Khan", "EU": "EU", "US coalition": "US coalition",
	} {
		if got := ExpandPrefix(in); got != want {
			t.Errorf("ExpandPrefix(%q) = %q, want %q", in, got, want)
		}
	}
}
