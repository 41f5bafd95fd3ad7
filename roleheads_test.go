package quotewire

import "testing"

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
