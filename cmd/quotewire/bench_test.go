package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDefaultSources: the bench commands take the corpora that are there,
// and the shipped corpus, saying so, when none is (a fresh clone without
// ../shared beside it).
func TestDefaultSources(t *testing.T) {
	var stderr bytes.Buffer
	m := &Main{Stderr: &stderr}
	missing := filepath.Join(t.TempDir(), "train.jsonl")
	got := m.defaultSources(seedFile, missing)
	if len(got) != 1 || got[0] != seedFile || stderr.Len() != 0 {
		t.Errorf("one of two there: %q, said %q", got, stderr.String())
	}
	got = m.defaultSources(missing)
	if len(got) != 1 || got[0] != shippedCorpus || !strings.Contains(stderr.String(), "not found") || !strings.Contains(stderr.String(), shippedCorpus) {
		t.Errorf("none there: %q, said %q", got, stderr.String())
	}
	if _, err := os.Stat(filepath.Join("..", "..", shippedCorpus)); err != nil {
		t.Errorf("the shipped corpus %s is not in the repository: %v", shippedCorpus, err)
	}
}

// TestStartCPUProfile: --cpuprofile writes a profile when set, does
// nothing when not, and says which flag when the file cannot be made.
func TestStartCPUProfile(t *testing.T) {
	stop, err := startCPUProfile("")
	if err != nil {
		t.Fatal(err)
	}
	stop()
	path := filepath.Join(t.TempDir(), "cpu.prof")
	stop, err = startCPUProfile(path)
	if err != nil {
		t.Fatal(err)
	}
	stop()
	if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
		t.Errorf("profile %s: %v", path, err)
	}
	if _, err := startCPUProfile(filepath.Join(t.TempDir(), "no", "such", "dir", "cpu.prof")); err == nil || !strings.Contains(err.Error(), "--cpuprofile") {
		t.Errorf("a file that cannot be made: %v", err)
	}
}

// TestExtractCPUProfile: extract --cpuprofile writes the profile and the
// analysis as without it.
func TestExtractCPUProfile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cpu.prof")
	code, out, stderr := run(t, "", "extract", "--format", "jsonl", "--cpuprofile", path, seedFile)
	if code != 0 || !strings.Contains(out, `"quotes"`) {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
		t.Errorf("profile %s: %v", path, err)
	}
}
