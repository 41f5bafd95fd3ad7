// Package queue distributes ingest work over a NATS JetStream work-queue
// stream: Enqueue publishes units of work (a file, or a byte range of a
// large JSON Lines file), a Worker pulls them, hands each to a Handler and
// acknowledges it only when the Handler is done, retrying a unit that fails
// with back-off and moving it to a dead-letter subject after a number of
// deliveries; Status reports how far the work has come.
//
// A queue name ("quotewire" by default) names everything on the server, so
// that several pipelines can share one NATS server (see NamesFor):
//
//	stream    QUOTEWIRE         work-queue retention, file storage
//	subjects  quotewire.work    units waiting or being processed
//	          quotewire.dead    dead letters: a unit, its reason, its deliveries
//	consumer  workers           durable pull consumer on quotewire.work
//	bucket    QUOTEWIRE_STATUS  key-value counters (units ever enqueued)
//	bucket    QUOTEWIRE_HOSTS   web hosts workers are asking now (HostGate)
//
// The package knows nothing of articles: files are opaque paths that every
// worker must be able to read at the same path (a shared file system or an
// object store mounted at the same place on every machine).
package queue

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// UnitVersion is the newest version of the Unit encoding, which Decode
// accepts with every older one. Encode writes a file unit as version 1,
// which workers of every release read, and a page unit as version 2
// (a worker that reads only version 1 refuses it, naming the version,
// and the unit is dead-lettered rather than misread).
const UnitVersion = 2

// FileVersion is the version a file unit is written with: the first,
// which workers of every release read.
const FileVersion = 1

// Unit is one unit of work: a whole file, or the byte range [Start, End)
// of a JSON Lines file, which starts at the beginning of a line and ends
// just after a newline (or at the end of the file); or a web page to
// fetch, which a feed listed (quotewire follow --nats).
type Unit struct {
	// V is the encoding's version (see UnitVersion).
	V int `json:"v"`
	// Path is the file, as every worker must be able to open it; empty
	// for a page.
	Path string `json:"path,omitempty"`
	// URL is the page to fetch (http or https), with Feed the feed that
	// listed it and Title and Date (YYYY-MM-DD) the feed's for it; empty
	// for a file.
	URL   string `json:"url,omitempty"`
	Feed  string `json:"feed,omitempty"`
	Title string `json:"title,omitempty"`
	Date  string `json:"date,omitempty"`
	// Start and End bound a byte range of the file; both zero mean the
	// whole file.
	Start int64 `json:"start,omitempty"`
	End   int64 `json:"end,omitempty"`
	// Line is the number of the range's first line in the file (1 for the
	// first line), so that positions in problems name the file's lines;
	// zero for a whole file.
	Line int `json:"line,omitempty"`
}

// ErrBadUnit is returned by Decode for a message that is not a unit this
// version understands.
var ErrBadUnit = errors.New("bad unit")

// Ranged reports whether u is a byte range rather than a whole file.
func (u Unit) Ranged() bool { return u.End > u.Start }

// Page reports whether u is a web page rather than a file.
func (u Unit) Page() bool { return u.URL != "" }

// String names the unit for messages: the page's URL, or the path, with
// the byte range when there is one ("big.jsonl[0:67108864]").
func (u Unit) String() string {
	if u.Page() {
		return u.URL
	}
	if u.Ranged() {
		return fmt.Sprintf("%s[%d:%d]", u.Path, u.Start, u.End)
	}
	return u.Path
}

// Encode returns u as JSON, with V set to 1 for a file and 2 for a page.
func (u Unit) Encode() []byte {
	u.V = FileVersion
	if u.Page() {
		u.V = UnitVersion
	}
	b, _ := json.Marshal(u) // a struct of strings and numbers always encodes
	return b
}

// Decode reads a unit Encode wrote. It returns an error wrapping
// ErrBadUnit for malformed JSON, an unknown version, neither a path nor a
// URL (or both), a URL that is not http(s), or a bad range.
func Decode(data []byte) (Unit, error) {
	var u Unit
	if err := json.Unmarshal(data, &u); err != nil {
		return Unit{}, fmt.Errorf("%w: %v", ErrBadUnit, err)
	}
	switch {
	case u.V < 1 || u.V > UnitVersion:
		return u, fmt.Errorf("%w: version %d, this worker reads versions 1 to %d", ErrBadUnit, u.V, UnitVersion)
	case u.Path == "" && u.URL == "":
		return u, fmt.Errorf("%w: no path", ErrBadUnit)
	case u.Path != "" && u.URL != "":
		return u, fmt.Errorf("%w: both a path and a URL", ErrBadUnit)
	case u.URL != "" && !strings.HasPrefix(u.URL, "http://") && !strings.HasPrefix(u.URL, "https://"):
		return u, fmt.Errorf("%w: URL %q is not http or https", ErrBadUnit, u.URL)
	case u.Start < 0 || u.End < u.Start || u.Start > 0 && u.End == u.Start:
		return u, fmt.Errorf("%w: bad range [%d:%d)", ErrBadUnit, u.Start, u.End)
	}
	return u, nil
}

// Range is a byte range [Start, End) of lines, and Line the number of its
// first line (from 1).
type Range struct {
	Start, End int64
	Line       int
}

// SplitLines cuts the input r into ranges of whole lines, each at least
// chunk bytes long but for the last one: a range ends just after the first
// newline at or beyond chunk bytes from its start, or at the end of the
// input. Every line is in exactly one range; a line longer than chunk makes
// a range of its own (with what precedes it in the range); a last line
// without a newline ends the last range. An empty input has no ranges; a
// chunk below 1 gives one range for the whole input. SplitLines reads r
// once, sequentially, counting lines.
func SplitLines(r io.Reader, chunk int64) ([]Range, error) {
	br := bufio.NewReaderSize(r, 1<<20)
	var (
		rs    []Range
		cur   = Range{Line: 1}
		pos   int64
		lines int // newlines read so far
	)
	for {
		b, err := br.ReadSlice('\n')
		pos += int64(len(b))
		if n := len(b); n > 0 && b[n-1] == '\n' {
			lines++
			if chunk > 0 && pos-cur.Start >= chunk {
				cur.End = pos
				rs = append(rs, cur)
				cur = Range{Start: pos, Line: lines + 1}
			}
		}
		switch {
		case err == nil, errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			if pos > cur.Start {
				cur.End = pos
				rs = append(rs, cur)
			}
			return rs, nil
		default:
			return rs, err
		}
	}
}

// SplitFile returns the units of the file at path: the whole file when it
// is no larger than chunk bytes (or chunk is below 1), else its ranges of
// lines (SplitLines). The file must be JSON Lines, or any format read line
// by line, uncompressed.
func SplitFile(path string, chunk int64) ([]Unit, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if chunk < 1 || fi.Size() <= chunk {
		return []Unit{{V: FileVersion, Path: path}}, nil
	}
	rs, err := SplitLines(f, chunk)
	if err != nil {
		return nil, fmt.Errorf("split %s: %w", path, err)
	}
	us := make([]Unit, len(rs))
	for i, r := range rs {
		us[i] = Unit{V: FileVersion, Path: path, Start: r.Start, End: r.End, Line: r.Line}
	}
	if len(us) == 1 { // the whole file after all
		us[0] = Unit{V: FileVersion, Path: path}
	}
	return us, nil
}

// Names are the server-side names of one queue.
type Names struct {
	// Queue is the sanitised queue name: lower case letters, digits, "_"
	// and "-".
	Queue string
	// Stream is the work-queue stream: Queue in upper case.
	Stream string
	// Work and Dead are the subjects of units and of dead letters.
	Work, Dead string
	// Consumer is the durable pull consumer the workers share.
	Consumer string
	// Bucket is the key-value bucket of the queue's counters; Hosts the
	// one of the web hosts its workers are asking (HostGate).
	Bucket, Hosts string
}

// DefaultQueue is the queue name used when none is given.
const DefaultQueue = "quotewire"

// NamesFor returns the names of the queue called name: lower-cased, with
// every character other than a letter, digit, "_" or "-" replaced by "_"
// ("News Feed" becomes "news_feed", stream NEWS_FEED). An empty name is
// DefaultQueue.
func NamesFor(name string) Names {
	if name == "" {
		name = DefaultQueue
	}
	q := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '_', r == '-':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return '_'
	}, name)
	s := strings.ToUpper(q)
	return Names{Queue: q, Stream: s, Work: q + ".work", Dead: q + ".dead", Consumer: "workers", Bucket: s + "_STATUS", Hosts: s + "_HOSTS"}
}
