package quotewire

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestRoleHeadHolder checks who "the minister" in a quote names: the one
// person of the article with a role of that head, the quote's speaker and
// relay left out; nobody when two or more remain.
func TestRoleHeadHolder(t *testing.T) {
	person := func(name string, roles ...string) Entity {
		return Entity{Name: name, Type: Person, Roles: roles}
	}
	d := &Document{Entities: []Entity{
		person("Sergey Lavrov", "Russian Foreign Minister", "minister"), // 0: two roles, one head
		person("Mevlut Cavusoglu", "Turkish Foreign Minister"),          // 1
		person("Recep Tayyip Erdogan", "Turkish President"),             // 2
		{Name: "a senior minister", Type: Person, Roles: []string{"minister"}, Anonymous: true},
		{Name: "the ministry", Type: Organization, Roles: []string{"ministry"}},
	}}
	heads := roleHeadsOf(d)
	tests := []struct {
		head         string
		speaker, via int
		want         int
		wantOK       bool
	}{
		{"minister", 0, -1, 1, true},   // the speaker left out: the other minister
		{"minister", 1, -1, 0, true},   // the other way round
		{"minister", 2, -1, -1, false}, // two ministers remain
		{"minister", 2, 0, 1, true},    // the relay left out too
		{"president", 0, -1, 2, true},
		{"president", 2, -1, -1, false}, // only the speaker has it
		{"ministry", 0, -1, -1, false},  // an organisation's role names no one
		{"secretary", 0, -1, -1, false},
	}
	for _, tt := range tests {
		q := &Quote{Speaker: tt.speaker}
		if tt.via >= 0 {
			q.Via = &Relay{Entity: tt.via}
		}
		got, ok := heads.holder(tt.head, q)
		if ok != tt.wantOK || ok && got != tt.want {
			t.Errorf("%q, speaker %d, via %d: %d %v, want %d %v", tt.head, tt.speaker, tt.via, got, ok, tt.want, tt.wantOK)
		}
	}
	// more holders than kept stay ambiguous whoever is left out
	many := &Document{}
	for i := 0; i < maxHolders+2; i++ {
		many.Entities = append(many.Entities, person("P", "minister"))
	}
	if _, ok := roleHeadsOf(many).holder("minister", &Quote{Speaker: 0, Via: &Relay{Entity: 1}}); ok {
		t.Error("six ministers, two left out: one named")
	}
}

// TestDescribedIn checks which people a quote's content names by "the"
// and a role head within three words, in any case, with trailing
// punctuation and possessives, and that people already seen (or the
// speaker) are not named again.
func TestDescribedIn(t *testing.T) {
	person := func(id, name string, roles ...string) Entity {
		return Entity{ID: id, Name: name, Type: Person, Roles: roles}
	}
	d := &Document{Entities: []Entity{
		person("e0", "Sergey Lavrov", "Russian Foreign Minister"),
		person("e1", "Recep Tayyip Erdogan", "Turkish President"),
		person("e2", "Mevlut Cavusoglu", "Turkish Foreign Minister"),
	}}
	heads := roleHeadsOf(d)
	tests := []struct {
		content string
		seen    []int
		want    string
	}{
		{"We met the president yesterday.", nil, "e1"},
		{"THE PRESIDENT'S plan", nil, "e1"},
		{"The Turkish president, he said", nil, "e1"},
		{"the  very  new\tpresident’s visit", nil, "e1"}, // three words on, odd spaces, a curly possessive
		{"the one who is president", nil, ""},            // four words on
		{"then president", nil, ""},                      // not "the"
		{"the president", []int{1}, ""},                  // already seen
		{"the minister and the president.", nil, "e2 e1"},
		{"Théo the president", nil, "e1"},
		{"", nil, ""},
	}
	for _, tt := range tests {
		d.Text = tt.content
		q := &Quote{Speaker: 0, Content: []Span{{Start: 0, End: len(tt.content)}}}
		var got []string
		for _, r := range describedIn(d, q, tt.seen, heads) {
			got = append(got, r.ID)
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("%q: %q, want %q", tt.content, g, tt.want)
		}
	}
}

// TestDescribedInAgreesWithReference checks describedIn against the plain
// form it replaced (lower-case and split each content, then look three
// words past each "the") on random contents dense in "the"s and heads, so
// that the windows of successive "the"s overlap and compete for the same
// people.
func TestDescribedInAgreesWithReference(t *testing.T) {
	reference := func(d *Document, q *Quote, seen []int, heads roleHeads) []EntityRef {
		var out []EntityRef
		for _, c := range q.Content {
			words := strings.Fields(strings.ToLower(d.Text[c.Start:c.End]))
			for i, w := range words {
				if w != "the" {
					continue
				}
				for j := i + 1; j < len(words) && j <= i+3; j++ {
					h := strings.TrimRight(words[j], ".,;:!?\"”")
					h = strings.TrimSuffix(strings.TrimSuffix(h, "'s"), "’s")
					if e, ok := heads.holder(h, q); ok && !slices.Contains(seen, e) {
						seen = append(seen, e)
						out = append(out, EntityRef{ID: d.Entities[e].ID, Name: d.Entities[e].Name})
						break
					}
				}
			}
		}
		return out
	}
	d := &Document{Entities: []Entity{
		{ID: "e0", Name: "A", Type: Person, Roles: []string{"Foreign Minister"}},
		{ID: "e1", Name: "B", Type: Person, Roles: []string{"President"}},
		{ID: "e2", Name: "C", Type: Person, Roles: []string{"Governor"}},
		{ID: "e3", Name: "D", Type: Person, Roles: []string{"Mayor"}},
	}}
	heads := roleHeadsOf(d)
	vocab := []string{"the", "The", "THE", "minister", "President's", "governor,", "mayor’s", "of", "new", "said", "the.", "  ", "\n"}
	rng := rand.New(rand.NewPCG(3, 5))
	for round := range 3000 {
		var b strings.Builder
		for range rng.IntN(14) {
			b.WriteString(vocab[rng.IntN(len(vocab))])
			b.WriteByte(' ')
		}
		d.Text = b.String()
		cut := rng.IntN(len(d.Text) + 1)
		q := &Quote{Speaker: rng.IntN(4), Content: []Span{{Start: 0, End: cut}, {Start: cut, End: len(d.Text)}}}
		seen := []int{rng.IntN(6)}
		got := describedIn(d, q, slices.Clone(seen), heads)
		want := reference(d, q, slices.Clone(seen), heads)
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: %q (cut %d, speaker %d, seen %v): %v, want %v", round, d.Text, cut, q.Speaker, seen, got, want)
		}
	}
}
