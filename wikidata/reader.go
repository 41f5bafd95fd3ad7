// Package wikidata reads the Wikidata JSON dump as published
// (latest-all.json.gz or .bz2: one JSON array, one entity per line) and
// keeps the items quotewire links speakers and mentions to: people,
// organisations, places and the offices people hold (see KindOf), each
// with its labels, aliases and description in the chosen languages, what
// it is an instance of, occupations, countries and positions held with
// their dates.
//
// The Reader streams: it holds one line at a time, so memory stays
// bounded whatever the dump's size, and lines whose "instance of" names no
// kept class are skipped after a scan of that statement alone, without
// parsing the rest of the line. Bad lines (not JSON, longer than the
// limit, an entity with a claim of an unknown value type) come back as a
// *LineError naming the line, and reading goes on; a damaged compressed
// stream ends the read with an error naming the line it reached.
//
// Choose links an entity of the archive to one of its namesakes by
// context (roles against positions held and descriptions, dates, the
// names mentioned alongside), and to none when the context does not tell
// them apart: a wrong link is worse than no link.
package wikidata

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/valyala/fastjson"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/internal/decompress"
)

// DefaultMaxLine is the longest line (one entity) a Reader parses, in
// bytes; longer ones are skipped with a LineError. The largest items of
// the real dump are a few megabytes.
const DefaultMaxLine = 16 << 20

// Options configure a Reader.
type Options struct {
	// Languages are the languages labels, aliases and descriptions are
	// kept in, in order of preference (default: English).
	Languages []string
	// MaxLine is the longest line parsed, in bytes (default
	// DefaultMaxLine).
	MaxLine int
}

// LineError is a line of the dump that could not be read; the Reader goes
// on with the next line.
type LineError struct {
	// Line is the 1-based line number in the (decompressed) dump.
	Line int64
	// ID is the entity's id when it could be read, else "".
	ID string
	// Err says what was wrong.
	Err error
}

func (e *LineError) Error() string {
	if e.ID != "" {
		return fmt.Sprintf("line %d (%s): %v", e.Line, e.ID, e.Err)
	}
	return fmt.Sprintf("line %d: %v", e.Line, e.Err)
}

func (e *LineError) Unwrap() error { return e.Err }

// ErrUnknownValue is the Err of a LineError for an entity kept without a
// statement whose value type quotewire does not know.
var ErrUnknownValue = errors.New("statement with a value of an unknown type left out")

// Stats count what a Reader has read so far.
type Stats struct {
	// Lines is the number of lines read; Bytes their length.
	Lines, Bytes int64
	// Parsed is the number of lines parsed in full (their "instance of"
	// named a kept class); Kept the entities returned, by kind.
	Parsed int64
	Kept   map[quotewire.WikidataKind]int64
	// Bad is the number of lines skipped as unreadable.
	Bad int64
}

// Reader reads entities from a dump. It is not safe for concurrent use.
type Reader struct {
	br     *bufio.Reader
	langs  []string
	max    int
	line   int64
	buf    []byte
	parser fastjson.Parser
	stats  Stats
	// held is an entity whose warning Next returned: the next call
	// returns it.
	held    quotewire.WikidataEntity
	hasHeld bool
}

// NewReader returns a Reader of the dump's decompressed bytes.
func NewReader(r io.Reader, o Options) *Reader {
	langs := o.Languages
	if len(langs) == 0 {
		langs = []string{"en"}
	}
	max := o.MaxLine
	if max <= 0 {
		max = DefaultMaxLine
	}
	return &Reader{br: bufio.NewReaderSize(r, 1<<20), langs: langs, max: max,
		stats: Stats{Kept: map[quotewire.WikidataKind]int64{}}}
}

// Stats returns the counts so far.
func (r *Reader) Stats() Stats { return r.stats }

// Line returns the number of the last line read.
func (r *Reader) Line() int64 { return r.line }

// Next returns the next entity of a kept kind. At the end of the dump it
// returns io.EOF. A *LineError reports a line it skipped (or a statement
// it left out of the entity it returns next): call Next again to go on.
// Any other error ends the read (a truncated or corrupt compressed
// stream): it names the line reached.
func (r *Reader) Next() (quotewire.WikidataEntity, error) {
	if r.hasHeld {
		// the warning went first; now the entity it concerns
		r.hasHeld = false
		return r.held, nil
	}
	for {
		line, err := r.readLine()
		if err != nil {
			return quotewire.WikidataEntity{}, err
		}
		line = bytes.TrimSpace(line)
		line = bytes.TrimSuffix(line, []byte(","))
		if len(line) == 0 || len(line) == 1 && (line[0] == '[' || line[0] == ']') {
			continue
		}
		if !wanted(line) {
			continue
		}
		r.stats.Parsed++
		e, warn, err := r.parse(line)
		if err != nil {
			r.stats.Bad++
			return quotewire.WikidataEntity{}, &LineError{Line: r.line, ID: e.ID, Err: err}
		}
		if e.Kind == "" {
			continue
		}
		r.stats.Kept[e.Kind]++
		if warn != nil {
			r.held, r.hasHeld = e, true
			return quotewire.WikidataEntity{}, &LineError{Line: r.line, ID: e.ID, Err: warn}
		}
		return e, nil
	}
}

// readLine returns the next line without its newline. A line longer than
// the limit is read through and reported as a LineError.
func (r *Reader) readLine() ([]byte, error) {
	r.buf = r.buf[:0]
	long := false
	for {
		chunk, err := r.br.ReadSlice('\n')
		if !long {
			if len(r.buf)+len(chunk) > r.max {
				long = true
				r.buf = r.buf[:0]
			} else if err == bufio.ErrBufferFull || len(r.buf) > 0 {
				r.buf = append(r.buf, chunk...)
			}
		}
		r.stats.Bytes += int64(len(chunk))
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF:
			if len(chunk) == 0 && len(r.buf) == 0 && !long {
				return nil, io.EOF
			}
		case err != nil:
			return nil, fmt.Errorf("after line %d: %w", r.line, err)
		}
		r.line++
		r.stats.Lines++
		if long {
			r.stats.Bad++
			return nil, &LineError{Line: r.line, Err: fmt.Errorf("entity longer than %d bytes skipped", r.max)}
		}
		if len(r.buf) > 0 {
			return r.buf, nil
		}
		return chunk, nil
	}
}

// Open opens a dump file, decompressing it when it is gzip or bzip2 (told
// by its first bytes, not its name).
func Open(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	rc, err := Decompress(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &readCloser{Reader: rc, close: func() error { rc.Close(); return f.Close() }}, nil
}

// Decompress returns the dump's bytes from r: gunzipped, bunzipped or
// un-zstd'ed when its first bytes say so, else as they are (package
// internal/decompress, which ingest's readers use too). Closing it does
// not close r.
func Decompress(r io.Reader) (io.ReadCloser, error) {
	br, closeZ, err := decompress.Open(r, "", decompress.Options{Bzip2: true})
	if err != nil {
		return nil, err
	}
	return &readCloser{Reader: br, close: closeZ}, nil
}

type readCloser struct {
	io.Reader
	close func() error
}

func (r *readCloser) Close() error { return r.close() }
