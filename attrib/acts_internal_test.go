package attrib

import "testing"

func TestKindOf(t *testing.T) {
	tests := []struct {
		w    string
		want verbKind
		ok   bool
	}{
		{"urged", directing, true}, {"urges", directing, true}, {"urging", directing, true},
		{"criticised", evaluating, true}, {"criticizes", evaluating, true}, {"slammed", evaluating, true},
		{"dubbed", evaluating, true}, {"denied", denying, true}, {"denies", denying, true},
		{"denying", denying, true}, {"worries", believing, true}, {"thought", believing, true},
		{"hopes", believing, true}, {"asked", asking, true}, {"called", calling, true},
		{"declined", declining, true}, {"said", saying, false}, {"warned", saying, false},
		{"read", saying, false}, {"", saying, false},
	}
	for _, tt := range tests {
		if got, ok := kindOf(tt.w); got != tt.want || ok != tt.ok {
			t.Errorf("kindOf(%q) = %v, %v; want %v, %v", tt.w, got, ok, tt.want, tt.ok)
		}
	}
}
