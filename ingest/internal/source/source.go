// Package source holds what the readers of package ingest share: how an
// input's name or an article's URL becomes an article ID, how a date
// string is normalised, and how a whole input is read within a size bound.
package source

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/quotewire/quotewire"
)

// Stdin is the name the readers give standard input, both as the file of
// an Origin and as the ID of a single-article input.
const Stdin = "stdin"

// compressionSuffixes are the suffixes ID drops before the extension.
var compressionSuffixes = []string{".gz", ".zst", ".zstd"}

// ID returns the article ID for an input named name: its base name without
// a compression suffix (".gz", ".zst" or ".zstd") and without its
// extension. Standard input ("-" or Stdin) is "stdin". A name with nothing
// left, such as ".txt", keeps its base name.
func ID(name string) string {
	if name == "-" || name == "" {
		return Stdin
	}
	base := filepath.Base(name)
	id := base
	for _, s := range compressionSuffixes {
		if strings.HasSuffix(id, s) {
			id = strings.TrimSuffix(id, s)
			break
		}
	}
	id = strings.TrimSuffix(id, filepath.Ext(id))
	if id == "" {
		return base
	}
	return id
}

// URLID returns the article ID for an article that has a URL but no ID of
// its own: "url-" and the first 16 hex digits of the SHA-256 of the URL
// without surrounding white space. The same URL gives the same ID in any
// file and any format. It returns "" for a blank URL.
func URLID(url string) string {
	url = strings.TrimSpace(url)
	if url == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(url))
	return "url-" + hex.EncodeToString(sum[:8])
}

// DateLayout is the layout of Article.Date.
const DateLayout = "2006-01-02"

// Date returns s when it is a YYYY-MM-DD date, its first ten bytes when
// it is a timestamp that starts with one ("2016-09-12T10:00:00Z",
// "2016-09-12 10:00"), and "" otherwise.
func Date(s string) string {
	if len(s) < len(DateLayout) {
		return ""
	}
	if len(s) > len(DateLayout) && s[len(DateLayout)] != 'T' && s[len(DateLayout)] != ' ' {
		return ""
	}
	d := s[:len(DateLayout)]
	if _, err := time.Parse(DateLayout, d); err != nil {
		return ""
	}
	return d
}

// DateLayouts are the layouts ParseDate tries after YYYY-MM-DD: those of
// RFC 1123, RFC 822 and RFC 850 (as in RSS feeds), with one- or two-digit
// days, and a few written forms.
var DateLayouts = []string{
	time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822, time.RFC850,
	"Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04:05 -0700", "2 Jan 2006 15:04:05 MST",
	"2006/01/02", "January 2, 2006", "Jan 2, 2006", "2 January 2006", "2 Jan 2006",
}

// ParseDate returns the time s states and true, or false when s, without
// surrounding white space, is neither a date Date accepts nor a time in
// one of DateLayouts. A date Date accepts gives midnight UTC of that
// date; a time in a layout keeps the time zone s gives, so that its
// Format(DateLayout) is the date as written.
func ParseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if d := Date(s); d != "" {
		t, err := time.Parse(DateLayout, d)
		return t, err == nil
	}
	for _, layout := range DateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
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
