// Package csvfile reads CSV files with a header row: one article per row.
//
// Columns are found by their names in the header, in any case and with
// surrounding white space ignored:
//
//	id                            the article's ID (optional)
//	url, link                     its address (optional)
//	date, published, pubdate      its publication date (optional)
//	title, headline               its headline (optional)
//	text, body, content, article  its text (required)
//
// When a header has two names for one field, the name listed first wins
// ("text" over "body"), and of two columns with the same name the first.
// Other columns are ignored. A header without a text column is an error
// that names the file and lists these names.
//
// The text is the field as encoding/csv reads it, with no other change: a
// quoted field keeps its line breaks, "\r\n" inside it becoming "\n". The
// other fields are trimmed of surrounding white space. A date becomes
// YYYY-MM-DD when it starts with one ("2019-01-04", "2019-01-04T10:00Z")
// or is written in a common layout such as RFC 1123 ("Fri, 04 Jan 2019
// 10:00:00 GMT") or "January 4, 2019", and is left empty otherwise. The
// ID is the id column's value; when that is missing or blank, it is
// derived from the URL, the same for the same URL in any input; without
// a URL either, it is "<file>-<row>": the file's base name without its
// extension and the 1-based number of the row under the header.
//
// The input is streamed row by row and never read whole. A bad row (bad
// quoting, a field count other than the header's, invalid UTF-8 in a
// column the reader uses, no text, longer than Options.MaxRowBytes)
// gives a *quotewire.RecordError naming the file and the line the row
// starts on, and the next call to Next goes on with the following row.
// Blank lines are skipped, and a byte order mark at the start of the file
// is allowed.
package csvfile

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/ingest/internal/source"
)

// DefaultMaxRowBytes is the length limit of one row when
// Options.MaxRowBytes is zero: 64 MiB.
const DefaultMaxRowBytes = 64 << 20

// Errors of a whole file, returned wrapped with the file's name; test with
// errors.Is.
var (
	// ErrNoHeader is returned for a file with no header row: an empty
	// file, or one of blank lines.
	ErrNoHeader = errors.New("no header row")
	// ErrNoTextColumn is returned for a header without a text column.
	ErrNoTextColumn = errors.New("no text column")
)

// Options configures a Reader. The zero value is ready to use.
type Options struct {
	// MaxRowBytes bounds the length of one row, without its final line
	// ending. A longer row is skipped, without being held in memory, and
	// reported as a *quotewire.RecordError wrapping quotewire.ErrTooLarge.
	// A row up to the limit is held in memory a few times over while it
	// is parsed. Zero means DefaultMaxRowBytes.
	MaxRowBytes int
}

// The article fields a column can hold, as indexes into columnNames.
const (
	colID = iota
	colURL
	colDate
	colTitle
	colText
	numCols
)

// columnNames holds, for each field, the column names that hold it, in
// order of preference.
var columnNames = [numCols][]string{
	colID:    {"id"},
	colURL:   {"url", "link"},
	colDate:  {"date", "published", "pubdate"},
	colTitle: {"title", "headline"},
	colText:  {"text", "body", "content", "article"},
}

// Reader reads articles from CSV. It implements quotewire.ArticleReader.
type Reader struct {
	br     *bufio.Reader
	name   string
	id     string // file part of generated IDs
	max    int
	line   int    // number of line endings read
	row    int    // number of the last row read, the header not counted
	raw    []byte // the current row
	src    rowSource
	cr     *csv.Reader
	header []string // nil until the header is read
	cols   [numCols]int
	err    error // sticky error of the whole input
}

var _ quotewire.ArticleReader = (*Reader)(nil)

// NewReader returns a Reader of the CSV in r. The name is the input's file
// name: it names the file in Origins and errors, and its base name without
// extension starts the IDs of rows that have neither an id nor a URL.
func NewReader(r io.Reader, name string, opts Options) *Reader {
	max := opts.MaxRowBytes
	if max <= 0 {
		max = DefaultMaxRowBytes
	}
	cr := &Reader{
		br:   bufio.NewReaderSize(r, 64<<10),
		name: name,
		id:   source.ID(name),
		max:  max,
	}
	cr.cr = newCSV(&cr.src)
	return cr
}

// newCSV returns an encoding/csv reader of src that leaves the field
// count to the caller.
func newCSV(src io.Reader) *csv.Reader {
	cr := csv.NewReader(src)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return cr
}

// Next returns the article of the next row, with Origin.Line set to the
// line the row starts on. It returns io.EOF at the end of the input and
// a *quotewire.RecordError for a bad row (call Next again to go on). Any
// other error is about the whole input: it names the file and wraps
// ErrNoHeader, ErrNoTextColumn, an error in the header row or an error
// reading the input, and Next returns it again on every later call.
func (r *Reader) Next() (quotewire.Article, error) {
	if r.err != nil {
		return quotewire.Article{}, r.err
	}
	if r.header == nil {
		if err := r.readHeader(); err != nil {
			r.err = err
			return quotewire.Article{}, err
		}
	}
	for {
		start, err := r.readRow()
		switch err {
		case nil:
		case errBlank:
			continue
		case errTooLong:
			r.row++
			return quotewire.Article{}, r.recordError(start, r.tooLong())
		default:
			return quotewire.Article{}, err
		}
		rec, err := r.parse(start)
		if err == io.EOF {
			continue // encoding/csv saw a blank line
		}
		r.row++
		if err != nil {
			return quotewire.Article{}, r.recordError(start, err)
		}
		return r.article(rec, start)
	}
}

// readHeader reads the header row and finds the columns.
func (r *Reader) readHeader() error {
	if bom, _ := r.br.Peek(len("\uFEFF")); string(bom) == "\uFEFF" {
		r.br.Discard(len(bom))
	}
	var start int
	var err error
	for {
		start, err = r.readRow()
		if err != errBlank {
			break
		}
	}
	switch {
	case err == io.EOF:
		return fmt.Errorf("read %s: %w: the input is empty or blank", r.name, ErrNoHeader)
	case err == errTooLong:
		return fmt.Errorf("read %s: header: %w", r.name, r.tooLong())
	case err != nil:
		return err
	}
	rec, err := r.parse(start)
	if err == io.EOF {
		return fmt.Errorf("read %s: %w: the input is empty or blank", r.name, ErrNoHeader)
	}
	if err != nil {
		return fmt.Errorf("read %s: header: %w", r.name, err)
	}
	r.header = slices.Clone(rec)
	for f, names := range columnNames {
		r.cols[f] = -1
		best := len(names)
		for i, h := range r.header {
			h = strings.ToLower(strings.TrimSpace(h))
			for rank, n := range names[:best] {
				if h == n {
					r.cols[f], best = i, rank
					break
				}
			}
		}
	}
	if r.cols[colText] < 0 {
		return fmt.Errorf("read %s: %w: the header has %s; want a text column named %s, and optionally %s (in any case)",
			r.name, ErrNoTextColumn, listHeader(r.header), orList(columnNames[colText]), otherNames())
	}
	return nil
}

// listHeader formats a header's names for a message, the first 20 of
// them.
func listHeader(h []string) string {
	const most = 20
	var b strings.Builder
	for i, name := range h {
		if i == most {
			fmt.Fprintf(&b, " and %d more", len(h)-most)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(name))
	}
	return b.String()
}

// orList formats names as "a, b or c".
func orList(names []string) string {
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// otherNames lists the names of the optional columns.
func otherNames() string {
	var parts []string
	for f, names := range columnNames {
		if f != colText {
			parts = append(parts, orList(names))
		}
	}
	return strings.Join(parts, "; ")
}

// Signals of readRow.
var (
	errBlank   = errors.New("blank line")
	errTooLong = errors.New("row too long")
)

// tooLong returns the error for a row over the limit.
func (r *Reader) tooLong() error {
	return fmt.Errorf("%w: row longer than %d bytes", quotewire.ErrTooLarge, r.max)
}

// readRow reads the next row into r.raw and returns the line it starts
// on. It returns errBlank for a blank line, io.EOF at the end of the
// input, errTooLong for a row over the limit, which it skips without
// holding it, and any other error, wrapped with the file's name, when the
// input cannot be read.
//
// A row ends where encoding/csv ends it (see scan), so that r.parse finds
// exactly one record in it.
func (r *Reader) readRow() (start int, err error) {
	if cap(r.raw) > 1<<20 {
		r.raw = nil // do not hold on to the memory of one long row
	}
	r.raw = r.raw[:0]
	start = r.line + 1
	st := fieldStart
	size := 0
	tooLong := false
	for {
		if r.br.Buffered() == 0 {
			if _, err := r.br.Peek(1); err == io.EOF {
				if size == 0 {
					return 0, io.EOF
				}
				break
			} else if err != nil {
				r.err = fmt.Errorf("read %s: %w", r.name, err)
				return 0, r.err
			}
		}
		chunk, _ := r.br.Peek(r.br.Buffered())
		n, end := scan(&st, chunk)
		r.line += bytes.Count(chunk[:n], []byte("\n"))
		size += n
		if !tooLong && size > r.max+len("\r\n") {
			tooLong, r.raw = true, r.raw[:0]
		}
		if !tooLong {
			r.raw = append(r.raw, chunk[:n]...)
		}
		r.br.Discard(n)
		if end {
			break
		}
	}
	if tooLong || len(dropEOL(r.raw)) > r.max {
		return start, errTooLong
	}
	if len(dropEOL(r.raw)) == 0 {
		return start, errBlank
	}
	return start, nil
}

// dropEOL drops a trailing "\n" or "\r\n".
func dropEOL(b []byte) []byte {
	b = bytes.TrimSuffix(b, []byte("\n"))
	return bytes.TrimSuffix(b, []byte("\r"))
}

// The states of scan, at the byte it looks at next.
const (
	fieldStart = iota // at the start of a field
	unquoted          // in a field that does not start with a quote
	quoted            // in a quoted field
	quote             // after a quote in a quoted field: an escaped quote or the field's end
	quoteCR           // after a quoted field's closing quote and a "\r"
	badLine           // in the rest of a line encoding/csv drops after a quoting error
)

// scan follows the row in b from state *st, as encoding/csv parses it
// (neither lazy quotes nor leading-space trimming), and returns how many
// bytes of b belong to the row and whether it ends with them. A row ends
// at a "\n" outside a quoted field; a quoting error ends it at the end of
// its line, the rest of which encoding/csv drops.
func scan(st *int, b []byte) (n int, end bool) {
	i := 0
	for i < len(b) {
		switch *st {
		case quoted:
			j := bytes.IndexByte(b[i:], '"')
			if j < 0 {
				return len(b), false
			}
			i += j + 1
			*st = quote
			continue
		case badLine:
			j := bytes.IndexByte(b[i:], '\n')
			if j < 0 {
				return len(b), false
			}
			*st = fieldStart
			return i + j + 1, true
		case unquoted:
			j := bytes.IndexAny(b[i:], ",\"\n")
			if j < 0 {
				return len(b), false
			}
			i += j
		}
		c := b[i]
		i++
		switch *st {
		case fieldStart:
			switch c {
			case '"':
				*st = quoted
			case ',':
			case '\n':
				return i, true
			default:
				*st = unquoted
			}
		case unquoted:
			switch c {
			case ',':
				*st = fieldStart
			case '\n':
				*st = fieldStart
				return i, true
			case '"':
				*st = badLine // a bare quote
			}
		case quote:
			switch c {
			case '"':
				*st = quoted
			case ',':
				*st = fieldStart
			case '\n':
				*st = fieldStart
				return i, true
			case '\r':
				*st = quoteCR
			default:
				*st = badLine // a quote inside a quoted field
			}
		case quoteCR:
			if c == '\n' {
				*st = fieldStart
				return i, true
			}
			*st = badLine
		}
	}
	return len(b), false
}

// rowSource hands encoding/csv one row at a time: once the row is read it
// reads as the end of the input, until the next row is put in.
type rowSource struct{ b []byte }

func (s *rowSource) Read(p []byte) (int, error) {
	if len(s.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p, s.b)
	s.b = s.b[n:]
	return n, nil
}

// errFraming is the error for a row in which encoding/csv did not find
// exactly one record: a bug in scan.
var errFraming = errors.New("csv row framing mismatch (a csvfile bug)")

// parse parses the row in r.raw, which starts on line start, with
// encoding/csv. The slice it returns is valid until the next call. It
// returns io.EOF when encoding/csv finds no record, and a
// *csv.ParseError, with lines counted in the file, for a malformed row.
func (r *Reader) parse(start int) ([]string, error) {
	r.src.b = r.raw
	before := r.cr.InputOffset()
	rec, err := r.cr.Read()
	if r.cr.InputOffset()-before != int64(len(r.raw)) {
		// encoding/csv ended the record elsewhere than scan: drop what
		// it holds of the row and start afresh.
		r.src.b = nil
		r.cr = newCSV(&r.src)
		return nil, errFraming
	}
	var perr *csv.ParseError
	if errors.As(err, &perr) {
		return nil, &csv.ParseError{
			StartLine: start,
			Line:      start + perr.Line - perr.StartLine,
			Column:    perr.Column,
			Err:       perr.Err,
		}
	}
	return rec, err
}

// recordError wraps err in a *quotewire.RecordError for the row starting
// on line start.
func (r *Reader) recordError(start int, err error) error {
	return &quotewire.RecordError{Origin: quotewire.Origin{File: r.name, Line: start}, Err: err}
}

// article turns the fields of one row into an article.
func (r *Reader) article(rec []string, start int) (quotewire.Article, error) {
	if len(rec) != len(r.header) {
		return quotewire.Article{}, r.recordError(start, fmt.Errorf("%w: %d fields, the header has %d", csv.ErrFieldCount, len(rec), len(r.header)))
	}
	var v [numCols]string
	for f, i := range r.cols {
		if i < 0 {
			continue
		}
		v[f] = rec[i]
		if f == colText {
			continue
		}
		if err := checkUTF8(v[f]); err != nil {
			return quotewire.Article{}, r.recordError(start, fmt.Errorf("column %q: %w", r.header[i], err))
		}
		v[f] = strings.TrimSpace(v[f])
	}
	text := v[colText]
	textCol := r.header[r.cols[colText]]
	if text == "" || strings.IndexByte(text, 0) >= 0 || !utf8.ValidString(text) {
		if err := quotewire.Check(text); err != nil {
			return quotewire.Article{}, r.recordError(start, fmt.Errorf("column %q: %w", textCol, err))
		}
	}
	if strings.TrimSpace(text) == "" {
		return quotewire.Article{}, r.recordError(start, fmt.Errorf("column %q: %w: text is only white space", textCol, quotewire.ErrEmpty))
	}
	id := v[colID]
	if id == "" {
		id = source.URLID(v[colURL])
	}
	if id == "" {
		id = r.id + "-" + strconv.Itoa(r.row)
	}
	return quotewire.Article{
		ID:     id,
		Title:  v[colTitle],
		Date:   parseDate(v[colDate]),
		URL:    v[colURL],
		Text:   text,
		Origin: quotewire.Origin{File: r.name, Line: start},
	}, nil
}

// checkUTF8 returns an error wrapping quotewire.ErrInvalidUTF8, with the
// offset of the first bad byte, when s is not valid UTF-8.
func checkUTF8(s string) error {
	if utf8.ValidString(s) {
		return nil
	}
	for i := 0; i < len(s); {
		c, n := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && n <= 1 {
			return fmt.Errorf("%w (bad byte at offset %d)", quotewire.ErrInvalidUTF8, i)
		}
		i += n
	}
	return quotewire.ErrInvalidUTF8
}

// parseDate returns the date s states as YYYY-MM-DD (see
// source.ParseDate), or "".
func parseDate(s string) string {
	if t, ok := source.ParseDate(s); ok {
		return t.Format(source.DateLayout)
	}
	return ""
}
