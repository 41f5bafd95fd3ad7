package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
)

// TestExplainEntity: the founding article's minister is explained by
// name — the name that made him, and how the article names him (surname,
// pronoun, role) — as a table and as JSON; a name nobody has is an error
// that says what to do.
func TestExplainEntity(t *testing.T) {
	db := filepath.Join(t.TempDir(), "q.db")
	if code, _, stderr := run(t, "", "ingest", "--db", db, "--progress", "off", seedFile); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}
	code, out, stderr := run(t, "", "explain-entity", "--db", db, "Sergey Lavrov")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"Sergey Lavrov — person", "new entity", `"Lavrov" surname`, `"he" pronoun`, `"the minister" role or description`, "Russian Foreign Minister"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	code, out, _ = run(t, "", "explain-entity", "--db", db, "lavrov", "--format", "json")
	var ex quotewire.EntityExplanation
	if code != 0 || json.Unmarshal([]byte(out), &ex) != nil || ex.Entity.Name != "Sergey Lavrov" || len(ex.Articles) != 1 || len(ex.Articles[0].Mentions) < 5 {
		t.Errorf("json: exit %d\n%s", code, out)
	}
	if code, _, stderr := run(t, "", "explain-entity", "--db", db, "Nobody Atall"); code != 1 || !strings.Contains(stderr, "no entity named") {
		t.Errorf("unknown name: exit %d, %s", code, stderr)
	}
	if code, _, stderr := run(t, "", "explain-entity", "--db", db, "999999"); code != 1 || !strings.Contains(stderr, "no entity with id 999999") {
		t.Errorf("unknown id: exit %d, %s", code, stderr)
	}
	if code, _, stderr := run(t, "", "explain-entity", "--db", db, " "); code != 2 || !strings.Contains(stderr, "needs an entity's id or name") {
		t.Errorf("a blank name: exit %d, %s", code, stderr)
	}
	if code, _, _ := run(t, "", "explain-entity", "--db", db, "%' OR 1=1 --"); code != 1 {
		t.Errorf("a name that is SQL: exit %d, want 1 (no such entity)", code)
	}
	if code, _, _ := run(t, "", "explain-entity", "--db", db, "1", "--articles", "-1"); code != 2 {
		t.Errorf("--articles -1: exit %d, want 2", code)
	}
}
