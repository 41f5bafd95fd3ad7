// Package ingest opens quotewire's inputs and reads them as articles,
// whatever their format: it picks the reader for a file by its extension
// or, failing that, by its first bytes, undoes gzip and zstd compression,
// reads standard input, and expands directories into the files to read.
//
// The formats themselves live in sub-packages, one each: textfile (a
// plain-text file is one article), htmlfile (an HTML page is one
// article), jsonl (JSON Lines, an article per line), csvfile (CSV with a
// header row, an article per row), feed (RSS and Atom, an article per
// item) and warc (WARC web archives, an article per HTML response). A
// typical caller is
//
//	err := ingest.Walk(paths, func(path string, err error) error {
//		if err != nil {
//			log.Print(err) // an unreadable path; go on
//			return nil
//		}
//		r, err := ingest.Open(path, ingest.Options{})
//		if err != nil {
//			log.Print(err)
//			return nil
//		}
//		defer r.Close()
//		for {
//			a, err := r.Next()
//			if err == io.EOF {
//				return nil
//			}
//			var rerr *quotewire.RecordError
//			if errors.As(err, &rerr) {
//				log.Print(err) // one bad record; go on
//				continue
//			}
//			if err != nil {
//				return err
//			}
//			use(a)
//		}
//	})
package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/ingest/csvfile"
	"github.com/quotewire/quotewire/ingest/feed"
	"github.com/quotewire/quotewire/ingest/htmlfile"
	"github.com/quotewire/quotewire/ingest/internal/source"
	"github.com/quotewire/quotewire/ingest/jsonl"
	"github.com/quotewire/quotewire/ingest/textfile"
	"github.com/quotewire/quotewire/ingest/warc"
	"github.com/quotewire/quotewire/internal/decompress"
)

// Format is an input format.
type Format int

// The input formats. The zero value, Auto, asks for detection.
const (
	// Auto picks the format by extension, else by content.
	Auto Format = iota
	// Text is a plain-text file holding one article.
	Text
	// HTML is an HTML page holding one article.
	HTML
	// JSONL is JSON Lines, one article per line.
	JSONL
	// CSV is CSV with a header row, one article per row.
	CSV
	// Feed is an RSS or Atom feed, one article per item.
	Feed
	// WARC is a web archive, one article per HTML response record.
	WARC
)

var formatNames = [...]string{Auto: "auto", Text: "text", HTML: "html", JSONL: "jsonl", CSV: "csv", Feed: "feed", WARC: "warc"}

// String returns the format's name: "auto", "text", "html", "jsonl",
// "csv", "feed" or "warc".
func (f Format) String() string {
	if f < 0 || int(f) >= len(formatNames) {
		return fmt.Sprintf("Format(%d)", int(f))
	}
	return formatNames[f]
}

// ErrUnknownFormat is returned by ParseFormat for a name it does not know.
var ErrUnknownFormat = errors.New("unknown input format")

// ParseFormat returns the format named s, as String writes it or as a
// file extension without its dot ("txt", "htm", "ndjson", "rss",
// "atom"...); case does not matter.
func ParseFormat(s string) (Format, error) {
	name := strings.ToLower(strings.TrimSpace(s))
	for f, n := range formatNames {
		if name == n {
			return Format(f), nil
		}
	}
	if f := FormatOf("x." + name); f != Auto {
		return f, nil
	}
	return Auto, fmt.Errorf("%w %q (want auto, text, html, jsonl, csv, feed or warc)", ErrUnknownFormat, s)
}

// extensions lists the file extensions FormatOf knows and their formats.
var extensions = []struct {
	ext    string
	format Format
}{
	{".txt", Text}, {".text", Text},
	{".html", HTML}, {".htm", HTML}, {".xhtml", HTML},
	{".jsonl", JSONL}, {".ndjson", JSONL}, {".json-lines", JSONL}, {".jsonlines", JSONL},
	{".csv", CSV},
	{".rss", Feed}, {".atom", Feed},
	{".warc", WARC},
}

// compressionSuffixes are the suffixes of compressed files FormatOf looks
// through.
var compressionSuffixes = []string{".gz", ".zst", ".zstd"}

// Extensions returns the file extensions FormatOf knows, with their dots,
// in the order of the formats: the extensions of the files Walk reads
// from directories, each also with one of CompressionSuffixes after it.
// The caller may change the slice.
func Extensions() []string {
	exts := make([]string, len(extensions))
	for i, e := range extensions {
		exts[i] = e.ext
	}
	return exts
}

// CompressionSuffixes returns the suffixes of compressed files, which
// FormatOf looks through and NewReader decompresses: ".gz", ".zst" and
// ".zstd". The caller may change the slice.
func CompressionSuffixes() []string {
	return append([]string(nil), compressionSuffixes...)
}

// FormatOf returns the format a file name's extension stands for, in any
// case and looking through a ".gz", ".zst" or ".zstd" suffix: Text for
// .txt and .text, HTML for .html, .htm and .xhtml, JSONL for .jsonl,
// .ndjson, .json-lines and .jsonlines, CSV for .csv, Feed for .rss
// and .atom, and WARC for .warc. It returns Auto for any other name, .xml among them: an XML
// file may or may not be a feed, and Sniff tells.
func FormatOf(name string) Format {
	name = strings.ToLower(name)
	for _, s := range compressionSuffixes {
		if strings.HasSuffix(name, s) {
			name = strings.TrimSuffix(name, s)
			break
		}
	}
	ext := filepath.Ext(name)
	for _, e := range extensions {
		if e.ext == ext {
			return e.format
		}
	}
	return Auto
}

// SniffLen is how many bytes of an input Sniff looks at.
const SniffLen = 1024

// htmlTags are the openings of tags Sniff takes as a sign of HTML.
var htmlTags = []string{
	"<!doctype html", "<html", "<head", "<body", "<title", "<meta", "<link",
	"<script", "<style", "<div", "<p>", "<p ", "<article", "<main", "<section",
	"<span", "<h1", "<h2", "<br", "<table", "<a ", "<ul", "<img",
}

// feedStarts are the openings of a feed Sniff looks for, and feedRoots
// the root elements one of which it must hold.
var (
	feedStarts = []string{"<?xml", "<rss", "<feed", "<rdf:rdf"}
	feedRoots  = []string{"<rss", "<feed", "<rdf:rdf"}
)

// Sniff returns the format of an input that starts with head, looking at
// no more than its first SniffLen bytes. After a byte order mark and
// white space, an input is WARC when it starts with "WARC/1."; JSONL
// when it starts with "{"; Feed when it
// starts with "<?xml", "<rss", "<feed" or "<rdf:RDF" and has an <rss>,
// <feed> or <rdf:RDF> tag; HTML when it starts with "<" and has an HTML
// tag such as <html>, <body>, <p> or <div>; and Text otherwise. Case
// does not matter. CSV is never sniffed: it looks like text. Sniff never
// returns Auto.
func Sniff(head []byte) Format {
	if len(head) > SniffLen {
		head = head[:SniffLen]
	}
	b := bytes.TrimPrefix(head, []byte("\uFEFF"))
	b = bytes.TrimLeft(b, " \t\r\n\f")
	switch {
	case len(b) == 0:
		return Text
	case bytes.HasPrefix(b, []byte("WARC/1.")):
		return WARC
	case b[0] == '{':
		return JSONL
	case b[0] == '<':
		lower := bytes.ToLower(b)
		if isFeed(lower) {
			return Feed
		}
		for _, t := range htmlTags {
			if bytes.Contains(lower, []byte(t)) {
				return HTML
			}
		}
	}
	return Text
}

// isFeed reports whether the lower-case input head starts as a feed does
// and holds a feed's root element.
func isFeed(head []byte) bool {
	start := false
	for _, s := range feedStarts {
		if bytes.HasPrefix(head, []byte(s)) {
			start = true
			break
		}
	}
	if !start {
		return false
	}
	for _, root := range feedRoots {
		for rest := head; ; {
			i := bytes.Index(rest, []byte(root))
			if i < 0 {
				break
			}
			rest = rest[i+len(root):]
			if len(rest) > 0 && bytes.IndexByte([]byte(" \t\r\n>/"), rest[0]) >= 0 {
				return true
			}
		}
	}
	return false
}

// Options configures Open and NewReader. The zero value detects the
// format and uses each reader's defaults.
type Options struct {
	// Format, when not Auto, is the input's format; otherwise it is
	// picked by FormatOf and, for unknown extensions and standard input,
	// by Sniff.
	Format Format
	// Stdin is read for the path "-"; nil means os.Stdin.
	Stdin io.Reader
	// Text, HTML, JSONL, CSV, Feed and WARC configure the readers of each
	// format.
	Text  textfile.Options
	HTML  htmlfile.Options
	JSONL jsonl.Options
	CSV   csvfile.Options
	Feed  feed.Options
	WARC  warc.Options
}

// Reader reads the articles of one input. It implements
// quotewire.ArticleReader and io.Closer; it is not safe for concurrent
// use.
type Reader struct {
	ar     quotewire.ArticleReader
	format Format
	name   string
	// closeZ releases the decompressor (see package internal/decompress).
	closeZ func() error
	file   *os.File
	// read counts the bytes read from the input (compressed, as they
	// are stored), for progress.
	read *countingReader
}

// countingReader counts the bytes read through it; Load is safe to call
// from another goroutine.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// BytesRead returns how many bytes of the input have been read so far, as
// stored (compressed bytes for a compressed file): with the file's size,
// how far through it the reading is. Safe to call while another goroutine
// reads.
func (r *Reader) BytesRead() int64 { return r.read.n.Load() }

var (
	_ quotewire.ArticleReader = (*Reader)(nil)
	_ io.Closer               = (*Reader)(nil)
)

// Open opens the file at path, or standard input for "-", and returns a
// Reader of its articles. A gzip- or zstd-compressed input (by its ".gz",
// ".zst" or ".zstd" suffix or its first bytes) is decompressed as it is
// read. Articles from standard
// input have Origin.File "stdin", and a text read from it has the ID
// "stdin". The caller must Close the Reader.
func Open(path string, opts Options) (*Reader, error) {
	if path == "-" {
		in := opts.Stdin
		if in == nil {
			in = os.Stdin
		}
		return NewReader(in, source.Stdin, opts)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("input: %w", err)
	}
	if info, err := f.Stat(); err != nil {
		f.Close()
		return nil, fmt.Errorf("input: %w", err)
	} else if info.IsDir() {
		f.Close()
		return nil, fmt.Errorf("open input %s: is a directory (expand it with Walk)", path)
	}
	r, err := NewReader(f, path, opts)
	if err != nil {
		f.Close()
		return nil, err
	}
	r.file = f
	return r, nil
}

// NewReader returns a Reader of the articles in in, an input named name
// (a file name, used for IDs, Origins and errors and for picking the
// format by extension). Like Open, it undoes gzip and zstd compression
// and sniffs the format when needed; a compressed stream that ends too
// soon gives an error that says it was truncated. Closing the Reader does
// not close in.
func NewReader(in io.Reader, name string, opts Options) (*Reader, error) {
	counted := &countingReader{r: in}
	br, closeZ, err := decompress.Open(counted, name, decompress.Options{})
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	r := &Reader{name: name, closeZ: closeZ, read: counted}
	var src io.Reader = br
	r.format = opts.Format
	if r.format == Auto {
		r.format = FormatOf(name)
	}
	if r.format == Auto {
		head, _ := br.Peek(SniffLen) // a read error comes back from Next
		r.format = Sniff(head)
	}
	switch r.format {
	case Text:
		r.ar = textfile.NewReader(src, name, opts.Text)
	case HTML:
		r.ar = htmlfile.NewReader(src, name, opts.HTML)
	case JSONL:
		r.ar = jsonl.NewReader(src, name, opts.JSONL)
	case CSV:
		r.ar = csvfile.NewReader(src, name, opts.CSV)
	case Feed:
		r.ar = feed.NewReader(src, name, opts.Feed)
	case WARC:
		r.ar = warc.NewReader(src, name, opts.WARC)
	default:
		return nil, fmt.Errorf("open %s: %w %v", name, ErrUnknownFormat, r.format)
	}
	return r, nil
}

// Next returns the next article, as quotewire.ArticleReader describes:
// io.EOF at the end, a *quotewire.RecordError for a bad record (call Next
// again to go on), any other error when the input cannot be read.
func (r *Reader) Next() (quotewire.Article, error) { return r.ar.Next() }

// Format returns the format the Reader reads.
func (r *Reader) Format() Format { return r.format }

// Name returns the input's name: its path, or "stdin".
func (r *Reader) Name() string { return r.name }

// Close releases the decompressor and the file Open opened. It does not
// close standard input.
func (r *Reader) Close() error {
	var errs []error
	if r.closeZ != nil {
		errs = append(errs, r.closeZ())
		r.closeZ = nil
	}
	if r.file != nil {
		errs = append(errs, r.file.Close())
		r.file = nil
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("close %s: %w", r.name, err)
	}
	return nil
}
