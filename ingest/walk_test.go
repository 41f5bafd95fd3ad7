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

// TestBytesRead: a Reader says how far through its input it is, in the
// input's own (compressed) bytes, ending at the file's size.
func TestBytesRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.jsonl")
	var b strings.Builder
	for i := 0; i < 2000; i++ {
		fmt.Fprintf(&b, "{\"id\":\"%d\",\"text\":\"The minister said the talks would resume, number %d.\"}\n", i, i)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := r.Next(); err != nil {
		t.Fatal(err)
	}
	first := r.BytesRead()
	if first <= 0 || first >= int64(b.Len()) {
		t.Errorf("after one record %d of %d bytes read", first, b.Len())
	}
	for {
		if _, err := r.Next(); err != nil {
			break
		}
	}
	if got := r.BytesRead(); got != int64(b.Len()) {
		t.Errorf("at the end %d bytes read, want %d", got, b.Len())
	}
}
