// Package feed reads RSS and Atom feeds: one article per item.
//
// An item's article has the item's title, its link as URL, its
// publication date (or, when that is missing or unusable, the date it was
// updated) as YYYY-MM-DD, and as text its content, or its description
// when the content has no text. Content and description are HTML; they
// become plain text as package htmlfile makes it: one paragraph per block
// element, white space collapsed, entities decoded, scripts and styles
// dropped, and paragraphs separated by a blank line ("\n\n"). Text with
// no tags at all is taken as plain text, a paragraph per run of lines
// between blank lines. A date that cannot be parsed, or lies before 1900
// or more than a year after Options.Now, is left empty; the item is kept.
// The ID is the item's guid (an Atom entry's id), else one derived from
// its link, the same for the same URL in any input, else "<file>-<item>":
// the file's base name without its extension and the item's 1-based
// number.
//
// Feeds are parsed by github.com/mmcdole/gofeed (which also reads JSON
// Feed) in its lenient mode, which copes with unclosed tags and HTML
// entities, and converts a feed from the encoding its XML declaration
// names. In a feed declared as UTF-8 (or not declared), bytes that are not
// UTF-8 are replaced by U+FFFD rather than failing the whole feed, which
// the XML parser would do. The parser holds the whole feed in memory, so
// an input is read only up to Options.MaxBytes. A feed that cannot be
// parsed, or is too large, gives an error naming the file and no article.
// An item with no text gives a *quotewire.RecordError naming the file and
// the item's number (Origin.Record), and Next goes on with the next item.
package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/ingest/internal/source"
	"github.com/quotewire/quotewire/internal/textenc"
)

// DefaultMaxBytes is the size limit of a feed when Options.MaxBytes is
// zero: 256 MiB.
const DefaultMaxBytes = 256 << 20

// Errors, test with errors.Is.
var (
	// ErrNotFeed is returned, wrapped with the file's name, for an input
	// that is neither RSS, Atom nor JSON Feed, such as an empty one.
	ErrNotFeed = errors.New("not an RSS or Atom feed")
	// ErrNoText is returned, in a *quotewire.RecordError, for an item
	// whose content and description have no text.
	ErrNoText = errors.New("item has no text")
)

// Options configures a Reader. The zero value is ready to use.
type Options struct {
	// MaxBytes bounds the size of a feed. A larger feed gives an error
	// wrapping quotewire.ErrTooLarge after reading MaxBytes+1 bytes,
	// never the whole input. Zero means DefaultMaxBytes.
	MaxBytes int64
	// Now returns the current time, against which dates in the future
	// are judged. Nil means time.Now.
	Now func() time.Time
	// ContentType is the HTTP Content-Type the feed came with (List
	// only): its charset is the feed's when its XML declaration names
	// none.
	ContentType string
}

func (o Options) withDefaults() Options {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// Reader reads the items of one feed as articles. It implements
// quotewire.ArticleReader.
type Reader struct {
	r      io.Reader
	name   string
	id     string // file part of generated IDs
	opts   Options
	parsed bool
	items  []*gofeed.Item
	n      int   // number of items returned
	err    error // sticky error of the whole input
}

var _ quotewire.ArticleReader = (*Reader)(nil)

// NewReader returns a Reader of the feed in r. The name is the input's
// file name: it names the file in Origins and errors, and its base name
// without extension starts the IDs of items that have neither a guid nor
// a link.
func NewReader(r io.Reader, name string, opts Options) *Reader {
	return &Reader{r: r, name: name, id: source.ID(name), opts: opts.withDefaults()}
}

// Next returns the article of the next item, with Origin.Record set to
// the item's 1-based number. The first call reads and parses the whole
// feed. Next returns io.EOF after the last item and a
// *quotewire.RecordError for an item with no text (call Next again to go
// on). Any other error is about the whole input: it names the file and
// wraps ErrNotFeed, quotewire.ErrTooLarge, the parser's error or an error
// reading the input, and Next returns it again on every later call.
func (r *Reader) Next() (quotewire.Article, error) {
	if r.err != nil {
		return quotewire.Article{}, r.err
	}
	if !r.parsed {
		r.parsed = true
		if err := r.parse(); err != nil {
			r.err = err
			return quotewire.Article{}, err
		}
	}
	if r.n >= len(r.items) {
		r.items = nil
		return quotewire.Article{}, io.EOF
	}
	it := r.items[r.n]
	r.items[r.n] = nil // let the collector have it
	r.n++
	return r.article(it, r.n)
}

// parse reads and parses the feed.
func (r *Reader) parse() error {
	data, err := source.ReadAll(r.r, r.opts.MaxBytes)
	if errors.Is(err, quotewire.ErrTooLarge) {
		return fmt.Errorf("read %s: feed larger than the limit: %w", r.name, err)
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", r.name, err)
	}
	f, err := decode(data, r.name)
	if err != nil {
		return err
	}
	r.items = f.Items
	return nil
}

// decode parses the feed data read from name; the error names it.
func decode(data []byte, name string) (*gofeed.Feed, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("parse feed %s: %w: the input is empty", name, ErrNotFeed)
	}
	if !utf8.Valid(data) && declaresUTF8(data) {
		// The XML parser gives up on the first bad byte, and so would
		// lose every item: replace the bad bytes instead.
		data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	f, err := parseFeed(data)
	var serr *xml.SyntaxError
	switch {
	case errors.As(err, &serr) && serr.Msg == "unexpected EOF":
		return nil, fmt.Errorf("parse feed %s: feed truncated at line %d: %w", name, serr.Line, io.ErrUnexpectedEOF)
	case errors.Is(err, gofeed.ErrFeedTypeNotDetected):
		return nil, fmt.Errorf("parse feed %s: %w: no <rss>, <feed> or <rdf:RDF> root element", name, ErrNotFeed)
	case err != nil:
		return nil, fmt.Errorf("parse feed %s: %w", name, err)
	}
	return f, nil
}

// Entry is an item of a feed as a follower of the feed sees it: the page
// it links to, with the item's guid, title and date.
type Entry struct {
	// GUID is the item's guid (an Atom entry's id, a JSON Feed item's
	// id), "" when it has none.
	GUID string
	// Link is the item's link as the feed gives it (it may be relative);
	// for an item without one, its GUID when that is an http(s) URL (an
	// RSS guid is the page's permalink unless it says otherwise, and
	// feeds that say so still give one that leads to the page).
	Link string
	// Title is the item's title as plain text.
	Title string
	// Date is the item's publication date (else its update date) as
	// YYYY-MM-DD, "" when it has none that is usable (see Reader).
	Date string
}

// Listing is what a feed lists: its type (rss, atom or json), its own
// title and link, and its items in the feed's order.
type Listing struct {
	Kind, Title, Link string
	Entries           []Entry
}

// List reads the feed data, read from name, as a listing of links: for
// following a feed, where the items' pages are fetched for their text.
// It fails as Reader does on a whole input (ErrNotFeed, a truncated or
// malformed feed), naming name; items are never an error.
func List(data []byte, name string, opts Options) (*Listing, error) {
	opts = opts.withDefaults()
	if int64(len(data)) > opts.MaxBytes {
		return nil, fmt.Errorf("read %s: feed larger than the limit: %w", name, quotewire.ErrTooLarge)
	}
	if opts.ContentType != "" && xmlEncoding(data) == "" {
		data = textenc.ToUTF8(data, opts.ContentType)
	}
	f, err := decode(data, name)
	if err != nil {
		return nil, err
	}
	r := &Reader{name: name, opts: opts}
	l := &Listing{Kind: f.FeedType, Title: inline(f.Title), Link: clean(f.Link)}
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		e := Entry{GUID: clean(it.GUID), Link: clean(it.Link), Title: inline(it.Title)}
		if e.Link == "" && len(it.Links) > 0 {
			e.Link = clean(it.Links[0])
		}
		if e.Link == "" && (strings.HasPrefix(e.GUID, "https://") || strings.HasPrefix(e.GUID, "http://")) {
			e.Link = e.GUID
		}
		e.Date = r.date(it.Published, it.PublishedParsed)
		if e.Date == "" {
			e.Date = r.date(it.Updated, it.UpdatedParsed)
		}
		l.Entries = append(l.Entries, e)
	}
	return l, nil
}

// parseFeed runs gofeed on data. A panic inside the library becomes an
// error: one hostile feed must not end a batch.
func parseFeed(data []byte) (f *gofeed.Feed, err error) {
	defer func() {
		if p := recover(); p != nil {
			f, err = nil, fmt.Errorf("panic: %v", p)
		}
	}()
	return gofeed.NewParser().Parse(bytes.NewReader(data))
}

// declaresUTF8 reports whether the XML document data is in UTF-8 by its
// declaration: it has none, or one with no encoding or encoding="UTF-8".
func declaresUTF8(data []byte) bool {
	switch strings.ToLower(xmlEncoding(data)) {
	case "utf-8", "utf8", "":
		return true
	}
	return false
}

// xmlEncoding returns the encoding data's XML declaration names, "" when
// it has no declaration or the declaration names none.
func xmlEncoding(data []byte) string {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	data = bytes.TrimLeft(data, " \t\r\n")
	if !bytes.HasPrefix(data, []byte("<?xml")) {
		return ""
	}
	end := bytes.Index(data, []byte("?>"))
	if end < 0 {
		return ""
	}
	decl := string(data[:end])
	i := strings.Index(decl, "encoding")
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(decl[i+len("encoding"):], " \t\r\n=")
	rest = strings.Trim(rest, `"' `)
	if j := strings.IndexAny(rest, `"' `); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// article turns item number n into an article.
func (r *Reader) article(it *gofeed.Item, n int) (quotewire.Article, error) {
	origin := quotewire.Origin{File: r.name, Record: n}
	fail := func(err error) (quotewire.Article, error) {
		return quotewire.Article{}, &quotewire.RecordError{Origin: origin, Err: err}
	}
	if it == nil {
		return fail(ErrNoText)
	}
	var text string
	var firstErr error
	for _, src := range []struct{ what, html string }{{"content", it.Content}, {"description", it.Description}} {
		t, err := itemText(src.html)
		if err != nil && firstErr == nil {
			firstErr = fmt.Errorf("%s: %w", src.what, err)
		}
		if t != "" {
			text = t
			break
		}
	}
	if text == "" && firstErr != nil {
		return fail(firstErr)
	}
	if text == "" {
		return fail(ErrNoText)
	}
	url := clean(it.Link)
	id := clean(it.GUID)
	if id == "" {
		id = source.URLID(url)
	}
	if id == "" {
		id = r.id + "-" + strconv.Itoa(n)
	}
	date := r.date(it.Published, it.PublishedParsed)
	if date == "" {
		date = r.date(it.Updated, it.UpdatedParsed)
	}
	return quotewire.Article{
		ID:     id,
		Title:  inline(it.Title),
		Date:   date,
		URL:    url,
		Text:   text,
		Origin: origin,
	}, nil
}

// date returns the date of an item as YYYY-MM-DD: the date raw states
// (see source.ParseDate), in the time zone it gives, or else the date of
// parsed, the parser's reading of raw in UTC. It returns "" when neither
// gives a time, or the time is before 1900 or more than a year after now.
func (r *Reader) date(raw string, parsed *time.Time) string {
	t, ok := source.ParseDate(raw)
	if !ok && parsed != nil {
		t, ok = *parsed, true
	}
	if !ok || t.Year() < 1900 || t.After(r.opts.Now().AddDate(1, 0, 0)) {
		return ""
	}
	return t.Format(source.DateLayout)
}

// clean makes a metadata string safe to output: valid UTF-8, no NUL
// bytes, no surrounding white space.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\x00", "")
	return strings.TrimSpace(s)
}
