package quotewire

import "testing"

func TestMentionRule(t *testing.T) {
	roles := []string{"Russian Foreign Minister"}
	tests := []struct {
		name, mention, want string
	}{
		{"Sergey Lavrov", "Sergey Lavrov", "the name"},
		{"Sergey Lavrov", "SERGEY LAVROV", "same name"},
		{"Sergey Lavrov", "Russian Foreign Minister Sergey Lavrov", "the name with a title or role"},
		{"Sergey Lavrov", "Lavrov", "surname"},
		{"Sergey Lavrov", "he", "pronoun"},
		{"Sergey Lavrov", "the minister", "role or description"},
		{"Sergey Lavrov", "the Russian diplomat", "role or description"},
		{"Sergey Lavrov", "Moscow's top envoy", "coreference"},
		{"United States", "U.S.", "well-known form"},
		{"United States", "USA", "well-known form"},
		{"Federal Bureau of Investigation", "FBI", "acronym"},
		{"Federal Security Service", "FSB", "coreference"}, // a Russian acronym: the article defines it
		{"Federal Bureau of Investigation", "F.B.I.", "acronym"},
		{"Federal Security Service", "the service", "role or description"},
		{"Martin Luther King Jr.", "King", "surname"},
		{"Hillary Rodham Clinton", "Rodham", "part of the name"},
		{"Federal Security Service", "it", "pronoun"},
	}
	for _, tt := range tests {
		r := roles
		if tt.name != "Sergey Lavrov" {
			r = nil
		}
		if got := MentionRule(tt.name, r, tt.mention); got != tt.want {
			t.Errorf("MentionRule(%q, %q) = %q, want %q", tt.name, tt.mention, got, tt.want)
		}
	}
}
