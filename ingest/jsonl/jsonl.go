// Package jsonl reads JSON Lines: one article per line, as a JSON object
// with the fields
//
//	id     string or number (optional; "<file>-<line>" when missing)
//	text   string (required, non-empty)
//	title  string (optional)
//	date   string (optional; YYYY-MM-DD, or a timestamp starting with one)
//	url    string (optional)
//
// Other fields are ignored, so corpora that carry annotations next to the
// text (PolNeAR's "attributions", "publisher" and so on) read as they are.
// The text is the record's text exactly, with no normalisation: offsets
// users hold against their own copy stay valid.
//
// The input is streamed line by line and never read whole. A bad line (broken
// JSON, invalid UTF-8, no text, longer than Options.MaxLineBytes) gives a
// *quotewire.RecordError naming the file and the 1-based line, and the
// next call to Next goes on with the following line. Blank lines are
// skipped; a byte order mark on the first line and a "\r" before each
// "\n" are allowed.
package jsonl

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/ingest/internal/source"
)

// DefaultMaxLineBytes is the length limit of one line when
// Options.MaxLineBytes is zero: 64 MiB.
const DefaultMaxLineBytes = 64 << 20

// Errors of single records, wrapped in a *quotewire.RecordError; test
// with errors.Is.
var (
	// ErrBadID is returned for an "id" that is neither a string nor a
	// number.
	ErrBadID = errors.New(`"id" is neither a string nor a number`)
)

// Options configures a Reader. The zero value is ready to use.
type Options struct {
	// MaxLineBytes bounds the length of one line, without its line
	// ending. A longer line is skipped, without being held in memory,
	// and reported as a *quotewire.RecordError wrapping
	// quotewire.ErrTooLarge. Zero means DefaultMaxLineBytes.
	MaxLineBytes int
}

// Reader reads articles from JSON Lines. It implements
// quotewire.ArticleReader.
type Reader struct {
	br   *bufio.Reader
	name string
	id   string // file part of generated IDs
	max  int
	line int    // number of the last line read
	buf  []byte // the current line when it spans bufio chunks
	err  error  // sticky read error
}

var _ quotewire.ArticleReader = (*Reader)(nil)

// NewReader returns a Reader of the JSON Lines in r. The name is the
// input's file name: it names the file in Origins and errors, and its base
// name without extension starts the IDs of records that have none.
func NewReader(r io.Reader, name string, opts Options) *Reader {
	max := opts.MaxLineBytes
	if max <= 0 {
		max = DefaultMaxLineBytes
	}
	return &Reader{
		br:   bufio.NewReaderSize(r, 64<<10),
		name: name,
		id:   source.ID(name),
		max:  max,
	}
}

// Next returns the article of the next non-blank line, with
// Origin.Line set to its 1-based line number. It returns io.EOF at the
// end of the input, a *quotewire.RecordError for a bad line (call Next
// again to go on), and any other error, wrapped with the file's name, when
// the input cannot be read; after such an error Next returns it again.
func (r *Reader) Next() (quotewire.Article, error) {
	for {
		line, err := r.readLine()
		if err != nil {
			return quotewire.Article{}, err
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		return r.decode(line)
	}
}

// readLine returns the next line without its line ending. The slice is
// valid until the next call. A line over the limit is consumed and
// reported as a *quotewire.RecordError.
func (r *Reader) readLine() ([]byte, error) {
	if r.err != nil {
		return nil, r.err
	}
	if cap(r.buf) > 1<<20 {
		r.buf = nil // do not hold on to the memory of one long line
	}
	r.buf = r.buf[:0]
	tooLong := false
	for {
		chunk, err := r.br.ReadSlice('\n')
		if len(chunk) > 0 && r.line == 0 && len(r.buf) == 0 && !tooLong {
			chunk = bytes.TrimPrefix(chunk, []byte("\uFEFF"))
		}
		switch {
		case err == nil:
			r.line++
			if tooLong {
				return nil, r.tooLong()
			}
			line := chunk
			if len(r.buf) > 0 {
				r.buf = append(r.buf, chunk...)
				line = r.buf
			}
			line = dropEOL(line)
			if len(line) > r.max {
				return nil, r.tooLong()
			}
			return line, nil
		case errors.Is(err, bufio.ErrBufferFull):
			if !tooLong && len(r.buf)+len(chunk) > r.max+len("\r") {
				tooLong, r.buf = true, r.buf[:0]
			}
			if !tooLong {
				r.buf = append(r.buf, chunk...)
			}
		case errors.Is(err, io.EOF):
			if len(r.buf) == 0 && len(chunk) == 0 && !tooLong {
				r.err = io.EOF
				return nil, io.EOF
			}
			r.line++
			r.err = io.EOF // the next call ends the input
			if tooLong {
				return nil, r.tooLong()
			}
			line := append(r.buf, chunk...)
			r.buf = line
			line = dropEOL(line)
			if len(line) > r.max {
				return nil, r.tooLong()
			}
			return line, nil
		default:
			r.err = fmt.Errorf("read %s: %w", r.name, err)
			return nil, r.err
		}
	}
}

// tooLong returns the error for the current line, which is too long.
func (r *Reader) tooLong() error {
	return r.recordError(fmt.Errorf("%w: line longer than %d bytes", quotewire.ErrTooLarge, r.max))
}

// recordError wraps err in a *quotewire.RecordError for the current line.
func (r *Reader) recordError(err error) error {
	return &quotewire.RecordError{Origin: quotewire.Origin{File: r.name, Line: r.line}, Err: err}
}

// dropEOL drops a trailing "\n" or "\r\n".
func dropEOL(line []byte) []byte {
	line = bytes.TrimSuffix(line, []byte("\n"))
	return bytes.TrimSuffix(line, []byte("\r"))
}

// record holds the fields of a line that the reader uses; the decoder
// skips the others.
type record struct {
	ID    json.RawMessage `json:"id"`
	Text  *string         `json:"text"`
	Title string          `json:"title"`
	Date  string          `json:"date"`
	URL   string          `json:"url"`
}

// decode turns one non-blank line into an article.
func (r *Reader) decode(line []byte) (quotewire.Article, error) {
	// encoding/json would quietly replace invalid UTF-8 with U+FFFD and
	// so change the text: reject it first.
	if !utf8.Valid(line) {
		return quotewire.Article{}, r.recordError(fmt.Errorf("%w (bad byte at offset %d)", quotewire.ErrInvalidUTF8, badByte(line)))
	}
	var rec record
	if err := json.Unmarshal(line, &rec); err != nil {
		return quotewire.Article{}, r.recordError(jsonProblem(err))
	}
	if rec.Text == nil {
		return quotewire.Article{}, r.recordError(fmt.Errorf("%w: no \"text\" field", quotewire.ErrEmpty))
	}
	text := *rec.Text
	// The line is valid UTF-8, and so is every string decoded from it:
	// only emptiness and NUL bytes (from "\u0000") are left to check.
	if text == "" || strings.IndexByte(text, 0) >= 0 {
		if err := quotewire.Check(text); err != nil {
			return quotewire.Article{}, r.recordError(fmt.Errorf("text: %w", err))
		}
	}
	if strings.TrimSpace(text) == "" {
		return quotewire.Article{}, r.recordError(fmt.Errorf("%w: text is only white space", quotewire.ErrEmpty))
	}
	id, err := parseID(rec.ID)
	if err != nil {
		return quotewire.Article{}, r.recordError(err)
	}
	if id == "" {
		id = r.id + "-" + strconv.Itoa(r.line)
	}
	return quotewire.Article{
		ID:     id,
		Title:  rec.Title,
		Date:   source.Date(rec.Date),
		URL:    rec.URL,
		Text:   text,
		Origin: quotewire.Origin{File: r.name, Line: r.line},
	}, nil
}

// parseID returns the record's id as a string: a JSON string's value or a
// number's literal. A missing, null or empty id gives "".
func parseID(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	switch c := raw[0]; {
	case c == '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", fmt.Errorf("decode id: %w", err)
		}
		return s, nil
	case c == '-' || '0' <= c && c <= '9':
		return string(raw), nil
	}
	return "", fmt.Errorf("%w: %.40s", ErrBadID, raw)
}

// badByte returns the offset of the first byte of b that is not part of
// valid UTF-8.
func badByte(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// jsonProblem words a decoding error for the user: a field of the wrong
// type by its name and the type found ("field \"text\" must be a string,
// not a JSON number"), a syntax error by its column; never Go's names.
func jsonProblem(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if te.Field == "" {
			return fmt.Errorf(`a record must be a JSON object {"id", "title", "date", "url", "text"}, not a JSON %s`, te.Value)
		}
		return fmt.Errorf("field %q must be a string, not a JSON %s", te.Field, te.Value)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("not valid JSON at column %d: %s", se.Offset, strings.TrimPrefix(se.Error(), "json: "))
	}
	return fmt.Errorf("not a JSON object of an article: %s", strings.TrimPrefix(err.Error(), "json: "))
}
