package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestSearchAbout: on the founding article, what Lavrov said about
// Erdogan is the one quote that names him, where --entity (every quote of
// an article that mentions him) gives all ten.
func TestSearchAbout(t *testing.T) {
	db := filepath.Join(t.TempDir(), "q.db")
	if code, _, stderr := run(t, "", "ingest", "--db", db, "--progress", "off", seedFile); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}
	code, out, stderr := run(t, "", "search", "--db", db, "--speaker", "Lavrov", "--about", "Erdogan", "--format", "jsonl")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], "Ankara") {
		t.Errorf("Lavrov about Erdogan: %d quotes\n%s", len(lines), out)
	}
	_, out, _ = run(t, "", "search", "--db", db, "--speaker", "Lavrov", "--entity", "Erdogan", "--format", "jsonl", "--acts", "all")
	if n := len(strings.Split(strings.TrimSpace(out), "\n")); n < 5 {
		t.Errorf("--entity gives the quotes of every article naming him: %d", n)
	}
	code, out, _ = run(t, "", "search", "--db", db, "--about", "U.N.", "--format", "jsonl")
	if code != 0 || !strings.Contains(out, "contacts with the UN are very important") {
		t.Errorf("about the UN, written U.N.: exit %d\n%s", code, out)
	}
	if code, out, _ := run(t, "", "search", "--db", db, "--about", "Nobody Atall", "--format", "jsonl"); code != 0 || strings.TrimSpace(out) != "" {
		t.Errorf("about someone never named: exit %d, %q", code, out)
	}
}
