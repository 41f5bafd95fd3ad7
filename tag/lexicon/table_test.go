package lexicon

import (
	"fmt"
	"testing"
)

// TestTable holds Table to a Go map through growth, Set, Replace and
// Clone.
func TestTable(t *testing.T) {
	tests := []struct {
		name string
		ops  func(tb *Table, m map[string]Flags)
	}{
		{"empty", func(*Table, map[string]Flags) {}},
		{"set and or", func(tb *Table, m map[string]Flags) {
			for _, w := range []string{"a", "b", "a", "said", "Said"} {
				tb.Set(w, FlagCommon)
				m[w] |= FlagCommon
			}
			tb.Set("a", FlagPeer)
			m["a"] |= FlagPeer
		}},
		{"replace", func(tb *Table, m map[string]Flags) {
			tb.Set("x", FlagPerson|FlagCommon)
			tb.Replace("x", FlagLocation)
			tb.Replace("y", FlagMisc)
			m["x"], m["y"] = FlagLocation, FlagMisc
		}},
		{"empty word ignored", func(tb *Table, m map[string]Flags) {
			tb.Set("", FlagCommon)
			tb.Replace("", FlagCommon)
		}},
		{"growth", func(tb *Table, m map[string]Flags) {
			for i := range 5000 {
				w := fmt.Sprint("w", i%3000)
				f := Flags(1) << (i % 20)
				tb.Set(w, f)
				m[w] |= f
			}
		}},
	}
	for _, size := range []int{0, 1, 10000} {
		for _, tt := range tests {
			tb, m := NewTable(size), map[string]Flags{}
			if size == 0 {
				tb = &Table{} // the zero value works too
			}
			tt.ops(tb, m)
			c := tb.Clone()
			c.Set("clone only", FlagMisc)
			if tb.Len() != len(m) {
				t.Errorf("%s (size %d): Len = %d, want %d", tt.name, size, tb.Len(), len(m))
			}
			for w, f := range m {
				if got := tb.Lookup(w); got != f {
					t.Errorf("%s (size %d): Lookup(%q) = %b, want %b", tt.name, size, w, got, f)
				}
			}
			for _, w := range []string{"", "absent", "w3000", "clone only"} {
				if got := tb.Lookup(w); got != m[w] {
					t.Errorf("%s (size %d): Lookup(%q) = %b, want %b", tt.name, size, w, got, m[w])
				}
			}
			if c.Lookup("clone only") != FlagMisc || c.Len() != len(m)+1 {
				t.Errorf("%s (size %d): clone lost a word", tt.name, size)
			}
			n := 0
			tb.All(func(w string, f Flags) {
				n++
				if m[w] != f {
					t.Errorf("%s (size %d): All gives %q %b, want %b", tt.name, size, w, f, m[w])
				}
			})
			if n != len(m) {
				t.Errorf("%s (size %d): All gives %d words, want %d", tt.name, size, n, len(m))
			}
		}
	}
}

// TestLines checks the list reader on the shapes a list may take.
func TestLines(t *testing.T) {
	tests := []struct {
		in   string
		want []string // key|second of each entry
	}{
		{"", nil},
		{"a\nb\n", []string{"a|", "b|"}},
		{"a\nb", []string{"a|", "b|"}},
		{"# comment\n\na\tPERSON\t3\n", []string{"a|PERSON"}},
		{"a\tb\r\nc\r\n", []string{"a|b", "c|"}},
		{"New York\tLOCATION\t12\nx\ty", []string{"New York|LOCATION", "x|y"}},
		{"\n\n#\n", nil},
		{"a\t\tz\n", []string{"a|"}},
	}
	for _, tt := range tests {
		var got []string
		lines(tt.in, func(key, second string) { got = append(got, key+"|"+second) })
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("lines(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
