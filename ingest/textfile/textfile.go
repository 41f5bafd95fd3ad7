// Package textfile reads a plain-text file as one quotewire article.
//
// The article's ID is the file's base name without its extension, and its
// text is the file's bytes, unchanged, except for an optional date header:
// when the file starts with "date YYYY-MM-DD" (after optional spaces or
// tabs, and either inline, as in " date 2017-10-04 KRASNODAR, October 4.
// ...", or on a line of its own) the date becomes Article.Date and the
// header, with the white space after it, is dropped from the text. Line
// endings and every other byte of the body are kept, so offsets into
// Article.Text are offsets into the file after the header.
package textfile

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/ingest/internal/source"
)

// DefaultMaxBytes is the size limit of a text file when Options.MaxBytes
// is zero: 256 MiB.
const DefaultMaxBytes = 256 << 20

// Options configures a Reader. The zero value is ready to use.
type Options struct {
	// MaxBytes bounds the size of a file. A larger file gives a
	// *quotewire.RecordError wrapping quotewire.ErrTooLarge after reading
	// MaxBytes+1 bytes, never the whole file. Zero means DefaultMaxBytes.
	MaxBytes int64
}

// Reader reads one text input as one article. It implements
// quotewire.ArticleReader.
type Reader struct {
	r    io.Reader
	name string
	max  int64
	done bool
}

var _ quotewire.ArticleReader = (*Reader)(nil)

// NewReader returns a Reader of the text in r. The name is the input's
// file name: it gives the article's ID and Origin and names the file in
// errors.
func NewReader(r io.Reader, name string, opts Options) *Reader {
	max := opts.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	return &Reader{r: r, name: name, max: max}
}

// Next returns the article on its first call and io.EOF after that. A
// file that is too large, empty, binary or not UTF-8 gives a
// *quotewire.RecordError naming the file; an error reading the input (a
// truncated gzip stream, say) is returned wrapped with the file's name.
func (r *Reader) Next() (quotewire.Article, error) {
	if r.done {
		return quotewire.Article{}, io.EOF
	}
	r.done = true
	data, err := source.ReadAll(r.r, r.max)
	if errors.Is(err, quotewire.ErrTooLarge) {
		return quotewire.Article{}, &quotewire.RecordError{Origin: quotewire.Origin{File: r.name}, Err: err}
	}
	if err != nil {
		return quotewire.Article{}, fmt.Errorf("read %s: %w", r.name, err)
	}
	return Parse(r.name, data)
}

// Parse turns the contents of the text file name into an article. It
// returns a *quotewire.RecordError when the text is empty (or white space
// only, or nothing but a date header), contains NUL bytes or is not valid
// UTF-8.
func Parse(name string, data []byte) (quotewire.Article, error) {
	origin := quotewire.Origin{File: name}
	fail := func(err error) (quotewire.Article, error) {
		return quotewire.Article{}, &quotewire.RecordError{Origin: origin, Err: err}
	}
	text := string(data)
	if err := quotewire.Check(text); err != nil {
		return fail(err)
	}
	date, start := splitHeader(text)
	body := text[start:]
	if strings.TrimSpace(body) == "" {
		if start > 0 {
			return fail(fmt.Errorf("%w: nothing after the date header", quotewire.ErrEmpty))
		}
		return fail(fmt.Errorf("%w: only white space", quotewire.ErrEmpty))
	}
	return quotewire.Article{
		ID:     source.ID(name),
		Date:   date,
		Text:   body,
		Origin: origin,
	}, nil
}

// splitHeader finds a date header at the start of text: an optional UTF-8
// byte order mark, optional spaces or tabs, "date", spaces or tabs, a
// valid YYYY-MM-DD date and then white space or the end of the text. It
// returns the date and the offset where the body starts, after the white
// space that follows the header, or "" and 0 when there is no header.
func splitHeader(text string) (date string, body int) {
	i := 0
	if strings.HasPrefix(text, "\uFEFF") {
		i = len("\uFEFF")
	}
	for i < len(text) && isBlank(text[i]) {
		i++
	}
	if !strings.HasPrefix(text[i:], "date") {
		return "", 0
	}
	i += len("date")
	j := i
	for j < len(text) && isBlank(text[j]) {
		j++
	}
	const layout = "2006-01-02"
	if j == i || len(text)-j < len(layout) {
		return "", 0
	}
	d := text[j : j+len(layout)]
	if _, err := time.Parse(layout, d); err != nil {
		return "", 0
	}
	k := j + len(layout)
	if k < len(text) && !isSpace(text[k]) {
		return "", 0
	}
	for k < len(text) && isSpace(text[k]) {
		k++
	}
	return d, k
}

// isBlank reports whether c is a space or a tab.
func isBlank(c byte) bool { return c == ' ' || c == '\t' }

// isSpace reports whether c is ASCII white space.
func isSpace(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '\v', '\f':
		return true
	}
	return false
}
