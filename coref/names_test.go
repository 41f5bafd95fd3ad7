package coref

import "testing"

func TestCleanName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Afterwards Trump", "Trump"},
		{"However Donald Trump", "Donald Trump"},
		{"Travis Hood, who witnessed the collision,", "Travis Hood"},
		{"So", "So"},
		{"Sergey Lavrov", "Sergey Lavrov"},
		{"Then", "Then"},
	}
	for _, tt := range tests {
		if got := cleanName(tt.in); got != tt.want {
			t.Errorf("cleanName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestGivenNameGender(t *testing.T) {
	for name, want := range map[string]Gender{"Tom": Male, "Anna Schmidt": Female, "Olaf Berg": Male, "Jordan Smith": Unknown, "Ivanov": Unknown} {
		if got := givenNameGender(name); got != want {
			t.Errorf("givenNameGender(%q) = %v, want %v", name, got, want)
		}
	}
}
