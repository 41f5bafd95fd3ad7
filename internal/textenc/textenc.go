// Package textenc turns web bodies into UTF-8 by the charset their HTTP
// Content-Type names, for the readers of fetched pages (package fetch)
// and of archived ones (package ingest/warc).
package textenc

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// ToUTF8 returns body as UTF-8 when it is not UTF-8 already, has no byte
// order mark, and contentType names a charset other than UTF-8 that is
// known (ISO-8859-1, windows-1251…); otherwise body as it is, for the
// page's own <meta> or XML declaration to be read by its parser. A body
// that is valid UTF-8 under another label is left alone: the label is
// the more likely to be wrong.
func ToUTF8(body []byte, contentType string) []byte {
	if utf8.Valid(body) || hasBOM(body) {
		return body
	}
	label := Charset(contentType)
	if label == "" {
		return body
	}
	enc, name := charset.Lookup(label)
	if enc == nil || name == "utf-8" {
		return body
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return body
	}
	return out
}

// hasBOM reports whether b starts with a UTF-8 or UTF-16 byte order mark.
func hasBOM(b []byte) bool {
	return bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) || bytes.HasPrefix(b, []byte("\xfe\xff")) || bytes.HasPrefix(b, []byte("\xff\xfe"))
}

// Charset returns the charset parameter of a Content-Type value, or ""
// (read leniently: servers write malformed ones).
func Charset(contentType string) string {
	_, params, _ := strings.Cut(contentType, ";")
	for len(params) > 0 {
		var p string
		p, params, _ = strings.Cut(params, ";")
		k, v, _ := strings.Cut(p, "=")
		if strings.EqualFold(strings.TrimSpace(k), "charset") {
			return strings.Trim(v, " \t\"'")
		}
	}
	return ""
}
