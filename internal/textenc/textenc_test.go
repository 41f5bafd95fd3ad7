package textenc

import "testing"

func TestToUTF8(t *testing.T) {
	tests := []struct {
		name, body, ctype, want string
	}{
		{"latin-1", "caf\xe9", "text/html; charset=ISO-8859-1", "café"},
		{"quoted label", "caf\xe9", `text/html; charset="iso-8859-1"`, "café"},
		{"windows-1251", "\xcc\xe8\xf0", "text/html;charset=windows-1251", "Мир"},
		{"valid UTF-8 under another label", "café", "text/html; charset=ISO-8859-1", "café"},
		{"no charset", "caf\xe9", "text/html", "caf\xe9"},
		{"unknown charset", "caf\xe9", "text/html; charset=x-nonsense", "caf\xe9"},
		{"labelled UTF-8 but not", "caf\xe9", "text/html; charset=utf-8", "caf\xe9"},
		{"byte order mark", "\xff\xfec\x00", "text/html; charset=ISO-8859-1", "\xff\xfec\x00"},
		{"malformed header", "caf\xe9", "text/html; charset", "caf\xe9"},
		{"empty", "", "text/html; charset=ISO-8859-1", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(ToUTF8([]byte(tt.body), tt.ctype)); got != tt.want {
				t.Errorf("ToUTF8(%q, %q) = %q, want %q", tt.body, tt.ctype, got, tt.want)
			}
		})
	}
}
