// Package htmlfile reads an HTML page as one quotewire article, keeping
// its main text and dropping navigation, scripts, styles, footers and the
// like.
//
// The main content and the metadata are found by go-trafilatura, run on
// a document this package has already parsed, so nothing is ever fetched:
// no URL is given to the extractor and its fallback extractors, which
// could be handed one, are off. The article's text is built from
// trafilatura's content tree: one paragraph per block element (p, h1–h6,
// li, blockquote, tr and so on), white space collapsed inside a paragraph
// as a browser would, <br> kept as "\n", soft hyphens dropped, and
// paragraphs separated by a blank line ("\n\n"). Title, date (YYYY-MM-DD)
// and URL (the page's canonical link or og:url) come from the metadata;
// the ID is the file's base name without its extension.
//
// Input that is not valid UTF-8 is decoded with the encoding its byte
// order mark or <meta charset> declares, windows-1252 when it declares
// none. Pages nested deeper than Options.MaxDepth are refused before
// parsing, because the HTML parser and the extractor slow down
// quadratically on them; the parser itself refuses a page that opens more
// than 512 elements at once, and Parse reports that as ErrTooDeep too.
package htmlfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/ingest/internal/htmltext"
	"github.com/quotewire/quotewire/ingest/internal/source"
)

// Defaults for the zero Options.
const (
	// DefaultMaxBytes is the size limit of an HTML file: 64 MiB.
	DefaultMaxBytes = 64 << 20
	// DefaultMaxDepth is the limit on element nesting: 500, under the
	// 512 open elements golang.org/x/net/html accepts.
	DefaultMaxDepth = 500
)

// Errors of single pages, wrapped in a *quotewire.RecordError; test with
// errors.Is.
var (
	// ErrNoText is returned for a page with no main text, such as one
	// that holds only scripts.
	ErrNoText = errors.New("no article text found")
	// ErrTooDeep is returned for a page whose elements are nested deeper
	// than Options.MaxDepth.
	ErrTooDeep = errors.New("html nested too deeply")
)

// Options configures a Reader. The zero value is ready to use.
type Options struct {
	// MaxBytes bounds the size of a page. A larger page gives a
	// *quotewire.RecordError wrapping quotewire.ErrTooLarge after reading
	// MaxBytes+1 bytes. Zero means DefaultMaxBytes.
	MaxBytes int64
	// MaxDepth bounds the nesting of elements that are still open, as
	// counted on the page's tags before parsing. Zero means
	// DefaultMaxDepth.
	MaxDepth int
}

func (o Options) withDefaults() Options {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxDepth <= 0 {
		o.MaxDepth = DefaultMaxDepth
	}
	return o
}

// Reader reads one HTML input as one article. It implements
// quotewire.ArticleReader.
type Reader struct {
	r    io.Reader
	name string
	opts Options
	done bool
}

var _ quotewire.ArticleReader = (*Reader)(nil)

// NewReader returns a Reader of the HTML page in r. The name is the
// input's file name: it gives the article's ID and Origin and names the
// file in errors.
func NewReader(r io.Reader, name string, opts Options) *Reader {
	return &Reader{r: r, name: name, opts: opts.withDefaults()}
}

// Next returns the article on its first call and io.EOF after that. A
// page that is too large, too deeply nested or has no main text gives a
// *quotewire.RecordError naming the file; an error reading the input is
// returned wrapped with the file's name.
func (r *Reader) Next() (quotewire.Article, error) {
	if r.done {
		return quotewire.Article{}, io.EOF
	}
	r.done = true
	data, err := source.ReadAll(r.r, r.opts.MaxBytes)
	if errors.Is(err, quotewire.ErrTooLarge) {
		return quotewire.Article{}, &quotewire.RecordError{Origin: quotewire.Origin{File: r.name}, Err: err}
	}
	if err != nil {
		return quotewire.Article{}, fmt.Errorf("read %s: %w", r.name, err)
	}
	return Parse(r.name, data, r.opts)
}

// Parse turns the HTML page data, read from the file name, into an
// article. Every error it returns is a *quotewire.RecordError naming the
// file; the Text of the article it returns is valid UTF-8 with no NUL
// bytes.
func Parse(name string, data []byte, opts Options) (quotewire.Article, error) {
	opts = opts.withDefaults()
	origin := quotewire.Origin{File: name}
	fail := func(err error) (quotewire.Article, error) {
		return quotewire.Article{}, &quotewire.RecordError{Origin: origin, Err: err}
	}
	if int64(len(data)) > opts.MaxBytes {
		return fail(fmt.Errorf("%w: more than %d bytes", quotewire.ErrTooLarge, opts.MaxBytes))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return fail(quotewire.ErrEmpty)
	}
	data = toUTF8(data)
	if !nesting(data, opts.MaxDepth) {
		return fail(fmt.Errorf("%w: more than %d open elements", ErrTooDeep, opts.MaxDepth))
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil && strings.Contains(err.Error(), "open stack of elements exceeds") {
		return fail(fmt.Errorf("%w: %v", ErrTooDeep, err))
	}
	if err != nil {
		return fail(fmt.Errorf("parse html: %w", err))
	}
	res, err := extract(doc)
	if err != nil {
		return fail(err)
	}
	text := htmltext.Text(res.ContentNode)
	if utf8.RuneCountInString(text) < minMainText {
		if r := rescue(doc); utf8.RuneCountInString(r) > utf8.RuneCountInString(text) {
			text = r
		}
	}
	if text == "" {
		return fail(ErrNoText)
	}
	md := res.Metadata
	a := quotewire.Article{
		ID:     source.ID(name),
		Title:  clean(md.Title),
		URL:    clean(md.URL),
		Text:   text,
		Origin: origin,
	}
	if !md.Date.IsZero() {
		a.Date = md.Date.Format("2006-01-02")
	}
	return a, nil
}

// extractOptions returns the trafilatura options: no fallback extractors
// (they could be handed a URL), no comments and the fast date search. The
// library's own rescue of short extractions is off (MinExtractedSize 0),
// because it appends the whole page's text to the paragraphs it found,
// duplicating them; Parse runs its own rescue instead. There is no
// minimum output size either, so that a page without text reaches our
// ErrNoText rather than a message of the library's.
func extractOptions() trafilatura.Options {
	cfg := trafilatura.DefaultConfig()
	cfg.MinExtractedSize = 0
	cfg.MinOutputSize = 0
	cfg.MinOutputCommentSize = 0
	return trafilatura.Options{
		Config:          cfg,
		EnableFallback:  false,
		ExcludeComments: true,
		HtmlDateMode:    trafilatura.Fast,
	}
}

// extract runs trafilatura on doc. A panic inside the library becomes an
// error: one hostile page must not end a batch.
func extract(doc *html.Node) (res *trafilatura.ExtractResult, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, fmt.Errorf("extract main text: panic: %v", p)
		}
	}()
	res, err = trafilatura.ExtractDocument(doc, extractOptions())
	if err != nil {
		return nil, fmt.Errorf("extract main text: %w", err)
	}
	if res == nil || res.ContentNode == nil {
		return nil, ErrNoText
	}
	return res, nil
}

// toUTF8 returns data as UTF-8: unchanged when it is valid UTF-8,
// otherwise decoded with the encoding its byte order mark or <meta>
// declares (windows-1252 by default), invalid sequences becoming U+FFFD.
// A leading byte order mark is dropped.
func toUTF8(data []byte) []byte {
	bom := []byte("\uFEFF")
	if utf8.Valid(data) {
		return bytes.TrimPrefix(data, bom)
	}
	enc, _, _ := charset.DetermineEncoding(data, "text/html")
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil || !utf8.Valid(out) {
		out = bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	return bytes.TrimPrefix(out, bom)
}

// clean makes a metadata string safe to output: valid UTF-8, no NUL
// bytes, no surrounding white space.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\x00", "")
	return strings.TrimSpace(s)
}
