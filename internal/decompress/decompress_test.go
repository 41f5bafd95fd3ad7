package decompress

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

func gz(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func zs(b []byte) []byte {
	var buf bytes.Buffer
	w, _ := zstd.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// TestOpen: each format read back whole, by its magic or its name; a
// stream cut short names its truncation; bzip2 only when asked for.
func TestOpen(t *testing.T) {
	text := bytes.Repeat([]byte("the quick brown fox said hello\n"), 2000)
	bz, err := os.ReadFile("../../wikidata/testdata/fixture.json.bz2")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		data    []byte
		o       Options
		want    string // prefix of the decompressed text, "" to skip
		readErr error  // the error reading all gives (nil: none)
		openErr string
	}{
		{"plain.txt", text, Options{}, "the quick", nil, ""},
		{"a.gz", gz(text), Options{}, "the quick", nil, ""},
		{"no-suffix", gz(text), Options{}, "the quick", nil, ""},
		{"a.zst", zs(text), Options{}, "the quick", nil, ""},
		{"cut.gz", gz(text)[:200], Options{}, "", ErrTruncatedGzip, ""},
		{"cut.zst", zs(text)[:40], Options{}, "", ErrTruncatedZstd, ""},
		{"empty.gz", nil, Options{}, "", nil, "gzip: empty input"},
		{"dump.bz2", bz, Options{Bzip2: true}, "[", nil, ""},
		{"cut.bz2", bz[:len(bz)/2], Options{Bzip2: true}, "", ErrTruncatedBzip2, ""},
		{"dump.bz2 as it is", bz, Options{}, "BZh", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, closeZ, err := Open(bytes.NewReader(tt.data), tt.name, tt.o)
			if tt.openErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.openErr) {
					t.Fatalf("Open: %v, want %q", err, tt.openErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer closeZ()
			got, err := io.ReadAll(r)
			if tt.readErr != nil {
				if !errors.Is(err, tt.readErr) || !errors.Is(err, io.ErrUnexpectedEOF) {
					t.Fatalf("read: %v, want %v", err, tt.readErr)
				}
				return
			}
			if err != nil || !bytes.HasPrefix(got, []byte(tt.want)) {
				t.Errorf("read %.20q, %v; want it to start %q", got, err, tt.want)
			}
		})
	}
}

func TestCompressed(t *testing.T) {
	if !Compressed(gz([]byte("x")), Options{}) || !Compressed(zs([]byte("x")), Options{}) || Compressed([]byte("BZh9"), Options{}) ||
		!Compressed([]byte("BZh9"), Options{Bzip2: true}) || Compressed([]byte("plain"), Options{}) {
		t.Errorf("Compressed tells formats apart wrongly")
	}
}
