// Package source holds what the single-file readers of package ingest
// share: how an input's name becomes an article ID, and how a whole input
// is read within a size bound.
package source

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/quotewire/quotewire"
)

// Stdin is the name the readers give standard input, both as the file of
// an Origin and as the ID of a single-article input.
const Stdin = "stdin"

// ID returns the article ID for an input named name: its base name without
// a compression suffix (".gz") and without its extension. Standard input
// ("-" or Stdin) is "stdin". A name with nothing left, such as ".txt",
// keeps its base name.
func ID(name string) string {
	if name == "-" || name == "" {
		return Stdin
	}
	base := filepath.Base(name)
	id := strings.TrimSuffix(base, ".gz")
	id = strings.TrimSuffix(id, filepath.Ext(id))
	if id == "" {
		return base
	}
	return id
}

// ReadAll reads r to the end, but at most max bytes: a longer input gives
// an error wrapping quotewire.ErrTooLarge without reading the rest. max
// must be positive.
func ReadAll(r io.Reader, max int64) ([]byte, error) {
	var buf bytes.Buffer
	n, err := buf.ReadFrom(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if n > max {
		return nil, fmt.Errorf("%w: more than %d bytes", quotewire.ErrTooLarge, max)
	}
	return buf.Bytes(), nil
}
