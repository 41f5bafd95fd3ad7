// Package ingest opens quotewire's inputs and reads them as articles,
// whatever their format: it picks the reader for a file by its extension
// or, failing that, by its first bytes, undoes gzip compression, reads
// standard input, and expands directories into the files to read.
//
// The formats themselves live in sub-packages, one each: textfile (a
// plain-text file is one article), htmlfile (an HTML page is one article)
// and jsonl (JSON Lines, an article per line). A typical caller is
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
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/klauspost/compress/gzip"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/ingest/htmlfile"
	"github.com/quotewire/quotewire/ingest/internal/source"
	"github.com/quotewire/quotewire/ingest/jsonl"
	"github.com/quotewire/quotewire/ingest/textfile"
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
)

var formatNames = [...]string{Auto: "auto", Text: "text", HTML: "html", JSONL: "jsonl"}

// String returns the format's name: "auto", "text", "html" or "jsonl".
func (f Format) String() string {
	if f < 0 || int(f) >= len(formatNames) {
		return fmt.Sprintf("Format(%d)", int(f))
	}
	return formatNames[f]
}

// ErrUnknownFormat is returned by ParseFormat for a name it does not know.
var ErrUnknownFormat = errors.New("unknown input format")

// ParseFormat returns the format named s, as String writes it or as a
// file extension without its dot ("txt", "htm", "ndjson"...); case does
// not matter.
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
	return Auto, fmt.Errorf("%w %q (want auto, text, html or jsonl)", ErrUnknownFormat, s)
}

// FormatOf returns the format a file name's extension stands for, looking
// through a ".gz" suffix: Text for .txt and .text, HTML for .html, .htm
// and .xhtml, JSONL for .jsonl, .ndjson, .json-lines and .jsonlines. It
// returns Auto for any other name.
func FormatOf(name string) Format {
	name = strings.ToLower(name)
	name = strings.TrimSuffix(name, ".gz")
	switch filepath.Ext(name) {
	case ".txt", ".text":
		return Text
	case ".html", ".htm", ".xhtml":
		return HTML
	case ".jsonl", ".ndjson", ".json-lines", ".jsonlines":
		return JSONL
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

// Sniff returns the format of an input that starts with head, looking at
// no more than its first SniffLen bytes. After a byte order mark and
// white space, an input is JSONL when it starts with "{", HTML when it
// starts with "<" and has an HTML tag such as <html>, <body>, <p> or
// <div> (case does not matter), and Text otherwise. Sniff never returns
// Auto.
func Sniff(head []byte) Format {
	if len(head) > SniffLen {
		head = head[:SniffLen]
	}
	b := bytes.TrimPrefix(head, []byte("\uFEFF"))
	b = bytes.TrimLeft(b, " \t\r\n\f")
	switch {
	case len(b) == 0:
		return Text
	case b[0] == '{':
		return JSONL
	case b[0] == '<':
		lower := bytes.ToLower(b)
		for _, t := range htmlTags {
			if bytes.Contains(lower, []byte(t)) {
				return HTML
			}
		}
	}
	return Text
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
	// Text, HTML and JSONL configure the readers of each format.
	Text  textfile.Options
	HTML  htmlfile.Options
	JSONL jsonl.Options
}

// Reader reads the articles of one input. It implements
// quotewire.ArticleReader and io.Closer; it is not safe for concurrent
// use.
type Reader struct {
	ar     quotewire.ArticleReader
	format Format
	name   string
	gz     *gzip.Reader
	file   *os.File
}

var (
	_ quotewire.ArticleReader = (*Reader)(nil)
	_ io.Closer               = (*Reader)(nil)
)

// Open opens the file at path, or standard input for "-", and returns a
// Reader of its articles. A gzip-compressed input (by its ".gz" suffix or
// its first bytes) is decompressed as it is read. Articles from standard
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
// format by extension). Like Open, it undoes gzip compression and sniffs
// the format when needed. Closing the Reader does not close in.
func NewReader(in io.Reader, name string, opts Options) (*Reader, error) {
	br := bufio.NewReaderSize(in, 64<<10)
	r := &Reader{name: name}
	var src io.Reader = br
	magic, _ := br.Peek(2)
	if bytes.Equal(magic, []byte{0x1f, 0x8b}) || strings.HasSuffix(strings.ToLower(name), ".gz") {
		gz, err := gzip.NewReader(br)
		switch {
		case errors.Is(err, io.EOF):
			return nil, fmt.Errorf("open %s: gzip: empty input", name)
		case errors.Is(err, io.ErrUnexpectedEOF):
			return nil, fmt.Errorf("open %s: gzip: truncated header: %w", name, err)
		case err != nil:
			return nil, fmt.Errorf("open %s: %w", name, err)
		}
		r.gz = gz
		br = bufio.NewReaderSize(gzipErrors{gz}, 64<<10)
		src = br
	}
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
	default:
		return nil, fmt.Errorf("open %s: %w %v", name, ErrUnknownFormat, r.format)
	}
	return r, nil
}

// errTruncatedGzip is the error for a gzip stream that ends too soon.
var errTruncatedGzip = fmt.Errorf("gzip stream truncated: %w", io.ErrUnexpectedEOF)

// gzipErrors makes the errors of a gzip reader say what went wrong: an
// io.ErrUnexpectedEOF means the stream was cut short.
type gzipErrors struct{ r io.Reader }

func (g gzipErrors) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if errors.Is(err, io.ErrUnexpectedEOF) {
		err = errTruncatedGzip
	}
	return n, err
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
	if r.gz != nil {
		errs = append(errs, r.gz.Close())
		r.gz = nil
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
