package ui

import (
	"strings"
	"testing"
)

// show writes a diff as text: [+inserted] [-deleted].
func show(ops []wordOp) string {
	var b strings.Builder
	for _, o := range ops {
		if o.Space {
			b.WriteByte(' ')
		}
		switch o.Op {
		case opInsert:
			b.WriteString("[+" + o.Text + "]")
		case opDelete:
			b.WriteString("[-" + o.Text + "]")
		default:
			b.WriteString(o.Text)
		}
	}
	return b.String()
}

func TestDiffWords(t *testing.T) {
	tests := []struct {
		name, old, new, want string
	}{
		{"same", "We will win.", "We will win.", "We will win."},
		{"empty", "", "", ""},
		{"all new", "", "We will win", "[+We] [+will] [+win]"},
		{"all gone", "We will win", "", "[-We] [-will] [-win]"},
		{"case and quote style do not count", `“We don’t know,”`, `"we don't know,"`, `"we don't know,"`},
		{"a quotation mark is its own token", `"Contacts are important."`, `contacts are important,`,
			`[-"]contacts are important[-.][-"][+,]`},
		{"a word changed", "the talks were useful", "the talks were very useful", "the talks were [+very] useful"},
		{"a word replaced", "the talks were useful", "the talks were helpful", "the talks were [-useful] [+helpful]"},
		{"words moved", "a b c d", "c d a b", "[-a] [-b] c d [+a] [+b]"},
		{"apostrophes inside words", "it's fine", "it is fine", "[-it's][+it] [+is] fine"},
		{"unicode", "Él dijo «sí»", "Él dijo «no»", "Él dijo «[-sí][+no]»"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ops := diffWords(tt.old, tt.new)
			if got := show(ops); got != tt.want {
				t.Errorf("diff\n got %s\nwant %s", got, tt.want)
			}
			// the kept and inserted tokens are new's; kept and deleted, old's
			var oldToks, newToks []string
			for _, o := range ops {
				if o.Op != opInsert {
					oldToks = append(oldToks, tokenKey(o.Text))
				}
				if o.Op != opDelete {
					newToks = append(newToks, o.Text)
				}
			}
			if got, want := strings.Join(newToks, "|"), tokenTexts(tt.new); got != want {
				t.Errorf("new's tokens %s, want %s", got, want)
			}
			if got, want := strings.Join(oldToks, "|"), tokenKeys(tt.old); got != want {
				t.Errorf("old's tokens %s, want %s", got, want)
			}
		})
	}
}

func tokenTexts(s string) string {
	var out []string
	for _, t := range tokenize(s) {
		out = append(out, t.text)
	}
	return strings.Join(out, "|")
}

func tokenKeys(s string) string {
	var out []string
	for _, t := range tokenize(s) {
		out = append(out, t.key)
	}
	return strings.Join(out, "|")
}

func TestDiffWordsLong(t *testing.T) {
	// past maxDiffCells the middle is replaced wholesale, quickly
	old := strings.Repeat("alpha beta ", 1500)
	new := "start " + strings.Repeat("beta alpha ", 1500) + "end"
	ops := diffWords(old, new)
	var ins, del int
	for _, o := range ops {
		switch o.Op {
		case opInsert:
			ins++
		case opDelete:
			del++
		}
	}
	if ins == 0 || del == 0 {
		t.Errorf("%d insertions, %d deletions", ins, del)
	}
}

func FuzzDiffWords(f *testing.F) {
	f.Add(`"We will win," he said.`, `We will win, he said`)
	f.Add("a b c", "c b a")
	f.Add("", "x")
	f.Fuzz(func(t *testing.T, old, new string) {
		ops := diffWords(old, new)
		var o, n []string
		for _, op := range ops {
			if op.Op != opInsert {
				o = append(o, tokenKey(op.Text))
			}
			if op.Op != opDelete {
				n = append(n, op.Text)
			}
		}
		if got, want := strings.Join(n, "\x00"), strings.Join(texts(tokenize(new)), "\x00"); got != want {
			t.Fatalf("new's tokens are not kept in order")
		}
		if got, want := strings.Join(o, "\x00"), strings.Join(keys(tokenize(old)), "\x00"); got != want {
			t.Fatalf("old's tokens are not kept in order")
		}
	})
}

func texts(ts []token) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.text
	}
	return out
}

func keys(ts []token) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.key
	}
	return out
}

func BenchmarkDiffWords(b *testing.B) {
	old := strings.Repeat(`"Until recently, already after the new (US) administration came to power, we don’t see any serious efforts." `, 4)
	new := strings.ReplaceAll(old, "serious", "real")
	b.ReportAllocs()
	for b.Loop() {
		diffWords(old, new)
	}
}
