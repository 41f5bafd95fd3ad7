package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWalkSkipping: a folder's files of no input format, and its entries
// that are no regular file, are named with the reason; hidden ones are
// not; a file named on its own is never skipped.
func TestWalkSkipping(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "blob.bin", "NOTES", ".hidden", "b.jsonl.gz"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var got, skipped []string
	err := WalkSkipping([]string{dir, filepath.Join(dir, "NOTES")}, func(path, why string) {
		skipped = append(skipped, filepath.Base(path)+": "+why)
	}, func(path string, err error) error {
		got = append(got, filepath.Base(path))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := "[a.txt b.jsonl.gz NOTES]"; fmt.Sprint(got) != want {
		t.Errorf("read %v, want %s", got, want)
	}
	if len(skipped) != 2 || !strings.HasPrefix(skipped[0], "NOTES: it has no extension") || !strings.HasPrefix(skipped[1], "blob.bin: its extension .bin is no input format") {
		t.Errorf("skipped %q", skipped)
	}
}
