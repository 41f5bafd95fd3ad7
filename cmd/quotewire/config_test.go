package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSettings checks where flags come from: the command line over the
// environment over the settings file, its command section over its top
// level.
func TestSettings(t *testing.T) {
	dir := t.TempDir()
	fromFile := filepath.Join(dir, "file.db")
	fromEnv := filepath.Join(dir, "env.db")
	for _, db := range []string{fromFile, fromEnv} {
		if code, _, stderr := run(t, "", "ingest", "--db", db, seedFile); code != 0 {
			t.Fatalf("ingest: %s", stderr)
		}
	}
	cfg := filepath.Join(dir, "quotewire.json")
	write := func(v any) {
		data, _ := json.Marshal(v)
		if err := os.WriteFile(cfg, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(map[string]any{"db": fromFile, "search": map[string]any{"limit": 2, "format": "jsonl"}})

	// the file's top level and its search section
	code, out, stderr := run(t, "", "--config", cfg, "search", "--speaker", "Lavrov")
	if code != 0 || strings.Count(out, "\n") != 2 || !strings.Contains(out, `"speaker":"Sergey Lavrov"`) {
		t.Fatalf("settings from the file: exit %d, %q, %s", code, out, stderr)
	}
	// the command line wins
	if code, out, _ := run(t, "", "--config", cfg, "search", "--speaker", "Lavrov", "--limit", "3"); code != 0 || strings.Count(out, "\n") != 3 {
		t.Errorf("--limit 3 over the file's 2: %q", out)
	}
	// the environment wins over the file
	t.Setenv("QUOTEWIRE_LIMIT", "1")
	if code, out, _ := run(t, "", "--config", cfg, "search", "--speaker", "Lavrov"); code != 0 || strings.Count(out, "\n") != 1 {
		t.Errorf("QUOTEWIRE_LIMIT=1 over the file's 2: %q", out)
	}
	os.Unsetenv("QUOTEWIRE_LIMIT")
	// a bad file or value is a usage error naming it
	write(map[string]any{"search": map[string]any{"limit": "many"}})
	if code, _, stderr := run(t, "", "--config", cfg, "search", "x", "--db", fromFile); code != exitUsage || !strings.Contains(stderr, "limit") {
		t.Errorf("bad value: exit %d, %s", code, stderr)
	}
	os.WriteFile(cfg, []byte("{not json"), 0o644)
	if code, _, stderr := run(t, "", "--config", cfg, "stats"); code != exitUsage || !strings.Contains(stderr, "not a JSON object") {
		t.Errorf("bad file: exit %d, %s", code, stderr)
	}
	if code, _, stderr := run(t, "", "--config", filepath.Join(dir, "missing.json"), "stats"); code == 0 || !strings.Contains(stderr, "missing.json") {
		t.Errorf("missing file named with --config: exit %d, %s", code, stderr)
	}
}

// TestConfigValue: numbers of a settings file reach the flag as written,
// however small or large (printf's %f once made 1e-7 "0").
func TestConfigValue(t *testing.T) {
	for in, want := range map[string]string{`1e-7`: "1e-7", `0.5`: "0.5", `9007199254740993`: "9007199254740993", `256`: "256",
		`"a"`: "a", `true`: "true", `["x", 2, 0.25]`: "x,2,0.25"} {
		dec := json.NewDecoder(strings.NewReader(in))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		got, err := configValue(v)
		if err != nil || got != want {
			t.Errorf("configValue(%s) = %q, %v; want %q", in, got, err, want)
		}
	}
	if got, _ := configValue(1e-7); got != "0.0000001" {
		t.Errorf("a float64 1e-7 = %q", got)
	}
}
