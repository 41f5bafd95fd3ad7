package coref

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
)

// foldWords are words of every kind the fold helpers meet: lower case,
// capitals, non-ASCII letters (some lowering to ASCII: the Kelvin sign
// to "k"), long words, punctuation.
var foldWords = []string{"", "is", "Is", "IS", "iS", "was", "WaS", "widely", "Widely", "being", "minister",
	"Minister", "Brudziński", "ÉTÉ", "\u212Aing", "king", "İs", "ıs", "iſ", "a-very-long-word-longer-than-thirty-two-bytes",
	"A-VERY-LONG-WORD-LONGER-THAN-THIRTY-TWO-BYTES", "report", "Reports", "reports.", "1st", "\xff"}

func TestLowerIs(t *testing.T) {
	for _, w := range foldWords {
		for _, lower := range []string{"is", "was", "widely", "king", "minister", "reports", "a-very-long-word-longer-than-thirty-two-bytes", ""} {
			if got, want := lowerIs(w, lower), strings.ToLower(w) == lower; got != want {
				t.Errorf("lowerIs(%q, %q) = %v, want %v", w, lower, got, want)
			}
		}
	}
}

func TestPassiveStep(t *testing.T) {
	set := []string{"is", "are", "was", "were", "be", "been", "being", "has", "have", "widely", "also"}
	for _, w := range append(foldWords, "ALSO", "Been", "widelyx", "hav", "\u212Aas", "İS") {
		if got, want := passiveStep(w), slices.Contains(set, strings.ToLower(w)); got != want {
			t.Errorf("passiveStep(%q) = %v, want %v", w, got, want)
		}
	}
}

func TestInLower(t *testing.T) {
	m := map[string]bool{"is": true, "king": true, "reports": true, "minister": true, "a-very-long-word-longer-than-thirty-two-bytes": true, "été": true}
	for _, w := range foldWords {
		if got, want := inLower(m, w), m[strings.ToLower(w)]; got != want {
			t.Errorf("inLower(%q) = %v, want %v", w, got, want)
		}
	}
}

func TestLastBreak(t *testing.T) {
	for _, s := range []string{"", "no break here", "one. two", "a “quoted” b", "said: Secretary of State",
		"x\ny", "“", "”", "\x80\x9c", "ab\xe2\x80", "a; b “c d", "é ü", "tail”"} {
		if got, want := lastBreak(s), strings.LastIndexAny(s, "\n.;:\"“”"); got != want {
			t.Errorf("lastBreak(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestPassiveParticiple(t *testing.T) {
	for _, tt := range []struct{ cue, want string }{
		{"is expected", "expected"},
		{"Are being Urged", "Urged"},
		{"has been told", "told"},
		{"expected", ""},
		{"said", ""},
		{"is widely expected to be", ""},
		{"were  advised", "advised"},
		{"they were asked", ""},
	} {
		if got := passiveParticiple(tt.cue); got != tt.want {
			t.Errorf("passiveParticiple(%q) = %q, want %q", tt.cue, got, tt.want)
		}
	}
}

func TestRoleHas(t *testing.T) {
	roles := []string{"secretary of state for justice,", "minister"}
	for _, tt := range []struct {
		head string
		mods []string
		want bool
	}{
		{"secretary", []string{"justice"}, true},
		{"secretary", []string{"justice", "state"}, true},
		{"secretary", []string{"health"}, false},
		{"minister", nil, true},
		{"minister", []string{"justice"}, false},
		{"justice", nil, true}, // "justice," without its comma
		{"chief", nil, false},
	} {
		if got := roleHas(roles, tt.head, tt.mods); got != tt.want {
			t.Errorf("roleHas(%q, %q) = %v, want %v", tt.head, tt.mods, got, tt.want)
		}
	}
}

func TestSurnameIndex(t *testing.T) {
	s := newSurnameIndex(4)
	for _, x := range []struct {
		sur string
		e   int
	}{{"smith", 0}, {"jones", 1}, {"smith", 2}, {"smith", 0}, {"smith", 3}} {
		s.add(x.sur, x.e)
	}
	list := func(sur string) []int {
		var es []int
		for i := s.first(sur); i >= 0; i = s.nodes[i].prev {
			es = append(es, s.nodes[i].e)
		}
		return es
	}
	if got, want := list("smith"), []int{3, 2, 0}; !slices.Equal(got, want) {
		t.Errorf("smith: %v, want %v (newest first, once each)", got, want)
	}
	if got := list("brown"); got != nil {
		t.Errorf("brown: %v, want none", got)
	}
}

func TestEntityIDs(t *testing.T) {
	ids := entityIDs(12)
	for i, id := range ids {
		if want := "e" + strconv.Itoa(i+1); id != want {
			t.Errorf("ids[%d] = %q, want %q", i, id, want)
		}
	}
	if len(entityIDs(0)) != 0 {
		t.Error("entityIDs(0) not empty")
	}
}

// TestReadingKeptPerText checks that the reading of a head text kept per
// article is the one read afresh, with the type it comes with.
func TestReadingKeptPerText(t *testing.T) {
	r := newResolver(&quotewire.Document{}, nil)
	for _, tt := range []struct {
		text string
		typ  quotewire.EntityType
	}{{"U.S.", quotewire.Place}, {"U.S.", quotewire.Organization}, {"Russian", quotewire.Organization}, {"Russian", quotewire.Person},
		{"United States Senator", quotewire.Person}, {"United States Senator", ""}, {"U.S. Constitution", quotewire.Organization},
		{"Afterwards Trump", quotewire.Person}, {"Travis Hood, who", quotewire.Person}, {"UN", quotewire.Organization}, {"UN", quotewire.Organization}} {
		if got, want := *r.readingOf(tt.text, tt.typ), r.readName(tt.text, tt.typ); got != want {
			t.Errorf("readingOf(%q, %q) = %+v, want %+v", tt.text, tt.typ, got, want)
		}
	}
	for _, s := range []string{"Trump", "Friday Ford Motor Company", "Prosecutor Kama Melly QC", "Sam Graves"} {
		if got, want := r.headShapeOf(s), shapeOf(s); got != want {
			t.Errorf("headShapeOf(%q) = %+v, want %+v", s, got, want)
		}
	}
}

func TestEndsWithWords(t *testing.T) {
	for _, tt := range []struct {
		s, k string
		want bool
	}{{"raymond tim kee", "tim kee", true}, {"raymond tim kee", "kee", true}, {"raymond timkee", "kee", false},
		{"kee", "kee", false}, {"tim kee", "raymond tim kee", false}} {
		if got, want := endsWithWords(tt.s, tt.k), strings.HasSuffix(tt.s, " "+tt.k); got != want || got != tt.want {
			t.Errorf("endsWithWords(%q, %q) = %v, want %v", tt.s, tt.k, got, tt.want)
		}
	}
}
