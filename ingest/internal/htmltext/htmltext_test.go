package htmltext

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

func TestText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"paragraphs", "<p>One.</p><p>Two <b>bold</b>.</p>", "One.\n\nTwo bold."},
		{"blocks", "<h1>Head</h1><div>A<div>B</div>C</div><ul><li>x<li>y</ul>", "Head\n\nA\n\nB\n\nC\n\nx\n\ny"},
		{"br", "<p>one<br>two<br><br>three</p>", "one\ntwo\nthree"},
		{"not text", "<head><title>T</title></head><script>a()</script><style>p{}</style><svg><text>s</text></svg><p>kept</p>", "kept"},
		{"white space", "<p>  a \n\t b  </p><p> \u00a0 </p>", "a b"},
		{"entities and soft hyphens", "<p>Caf&eacute; in&shy;cred&shy;ible &amp; 10&nbsp;km</p>", "Café incredible & 10\u00a0km"},
		{"NUL and bad bytes", "<p>\x00nul caf\xe9</p>", "nul caf\uFFFD"},
		{"empty", "<p></p><img src=x>", ""},
	}
	for _, tt := range tests {
		doc, err := html.Parse(strings.NewReader(tt.in))
		if err != nil {
			t.Fatal(err)
		}
		if got := Text(doc); got != tt.want {
			t.Errorf("%s: Text(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestBuilder(t *testing.T) {
	doc, err := html.Parse(strings.NewReader("<body><nav>Home</nav><p>Story.</p><footer>(c)</footer></body>"))
	if err != nil {
		t.Fatal(err)
	}
	b := Builder{Skip: map[atom.Atom]bool{atom.Nav: true, atom.Footer: true}}
	b.Walk(doc)
	b.Write("  loose   words ")
	b.Flush()
	b.Write(" \t ")
	if got, want := b.String(), "Story.\n\nloose words"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
	if got := b.Paragraphs(); len(got) != 2 {
		t.Errorf("Paragraphs = %q, want 2", got)
	}
}
