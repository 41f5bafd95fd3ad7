// Package warc reads WARC 1.0 and 1.1 files, the web archives Common
// Crawl's CC-NEWS is published in, as quotewire articles: one article per
// HTTP response record whose payload is an HTML page with status 200.
//
// The reader streams its input and holds at most one record in memory
// (its block, and the block decoded). It expects the decompressed byte
// stream: package ingest undoes the gzip compression of a .warc.gz file,
// member by member, before handing the bytes over. An input that starts
// with a gzip or zstd magic number gives an error saying so.
//
// # Records
//
// A record is a version line ("WARC/1.0", "WARC/1.1"; any "WARC/1.x" is
// read the same way), header fields up to a blank line, a block of
// Content-Length bytes and "\r\n\r\n". Field names are matched without
// regard to case and continuation lines (starting with a space or a tab)
// extend the field before them. Lines may end in "\r\n" or "\n". Records
// are numbered from 1 in the order they appear in the file; every record
// counts, and errors name the file and that number ("news.warc record 7:
// ...") and end with the record's byte offset in the decompressed input
// ("(record at byte 2437)").
//
// Records of types other than "response" (warcinfo, request, metadata,
// resource, revisit, conversion, continuation) are skipped silently, as
// are responses that are not HTTP (their WARC Content-Type names another
// type than application/http, such as text/dns), that have a status
// other than 200, or whose
// Content-Type is neither text/html nor application/xhtml+xml. A response
// without a Content-Type is read when its body looks like HTML.
//
// # Payloads
//
// The HTTP body of a response is decoded before the page is read: a
// chunked Transfer-Encoding is undone (when the chunks are malformed the
// body is used as it is), then a gzip, x-gzip or deflate Content-Encoding
// (a body that cannot be decoded, or another encoding such as br, makes
// the record bad). Common Crawl stores bodies already decoded and renames
// the original headers (X-Crawler-Content-Encoding and so on); those are
// ignored. A body that is not UTF-8, has no byte order mark and whose
// HTTP Content-Type names a charset is decoded from that charset; other
// bodies are left to package htmlfile, which reads the page.
//
// # Articles
//
// The article's Title and Text are the page's, as htmlfile.Parse finds
// them. Its URL is the record's WARC-Target-URI (with any surrounding
// angle brackets and spaces removed, as wget writes it). Its Date is the
// page's own publication date when htmlfile finds one, else the day of
// the WARC-Date (the capture, which for CC-NEWS is close to publication),
// else the day of the HTTP Date header. Its Origin is the file and the
// record number.
//
// The ID is "<host>-<hash>": the lower-cased host of the target URI and 16
// hex digits of the SHA-256 of the target URI and the decoded HTTP body.
// It is stable: the same capture gives the same ID in any file and with
// any version of the HTML extractor, and two captures of one URI get
// different IDs exactly when their bodies differ. The WARC-Record-ID is
// not used, because it differs between identical captures. A URI without
// a host gives the prefix "warc".
//
// # Damaged input
//
// A damaged record gives a *quotewire.RecordError and the next call to
// Next goes on with the following record. When the block is not followed
// by "\r\n\r\n" (a Content-Length that is too short or too long), the
// record is reported with ErrLength and the reader resynchronises: on the
// first line of the block starting with "WARC/1." when the block ran into
// the next record, otherwise on the next such line after it. A record
// missing its version line, Content-Length or the end of its header
// gives ErrMalformed and the same resynchronisation. A record cut off by
// the end of the input gives ErrTruncated, then Next returns io.EOF. A
// record whose block is longer than Options.MaxRecord is skipped without
// being held in memory, reported with quotewire.ErrTooLarge when it is a
// response (a Content-Length too long on such a record cannot be undone:
// the records it covers are lost). An error reading the input itself (such as a truncated gzip
// stream) ends the input: Next returns it, wrapped with the file's name,
// on this call and every later one.
package warc

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/klauspost/compress/gzip"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/ingest/htmlfile"
)

// DefaultMaxRecord is the limit on a record's block, and on its decoded
// HTTP body, when Options.MaxRecord is zero: 64 MiB.
const DefaultMaxRecord = 64 << 20

const (
	// bufSize is the size of the read buffer; it also bounds the length
	// of one header line.
	bufSize = 64 << 10
	// maxHeader bounds the size of a record's WARC header.
	maxHeader = 1 << 20
	// keepBuf is the largest buffer kept from one record to the next.
	keepBuf = 4 << 20
)

// Errors of single records, wrapped in a *quotewire.RecordError; test
// with errors.Is. A block or body over Options.MaxRecord wraps
// quotewire.ErrTooLarge.
var (
	// ErrMalformed is returned for a record whose WARC header cannot be
	// read: no version line, a line that is not a field, no or a bad
	// Content-Length, no blank line at its end.
	ErrMalformed = errors.New("malformed WARC record")
	// ErrLength is returned for a record whose block is not followed by
	// "\r\n\r\n": its Content-Length is wrong.
	ErrLength = errors.New("content length does not match the record")
	// ErrTruncated is returned for a record cut off by the end of the
	// input. It is also wrapped by the error that ends an input whose
	// decompression failed with io.ErrUnexpectedEOF.
	ErrTruncated = errors.New("truncated")
	// ErrHTTP is returned for a response record whose block is not an
	// HTTP response.
	ErrHTTP = errors.New("malformed HTTP response")
	// ErrEncoding is returned for an HTTP body whose Content-Encoding is
	// unknown or whose decoding fails.
	ErrEncoding = errors.New("cannot undo content encoding")
	// ErrCompressed is returned, ending the input, for an input that is
	// still gzip- or zstd-compressed.
	ErrCompressed = errors.New("input is compressed; decompress it first")
)

// Options configures a Reader. The zero value is ready to use.
type Options struct {
	// MaxRecord bounds the Content-Length of a record and the size of a
	// response's decoded HTTP body. A longer block is skipped without
	// being buffered; for a response the skip is reported as a
	// *quotewire.RecordError wrapping quotewire.ErrTooLarge. Zero means
	// DefaultMaxRecord.
	MaxRecord int64
	// HTML configures the reading of each page.
	HTML htmlfile.Options
}

func (o Options) withDefaults() Options {
	if o.MaxRecord <= 0 {
		o.MaxRecord = DefaultMaxRecord
	}
	return o
}

// Reader reads the articles of a WARC file. It implements
// quotewire.ArticleReader; it is not safe for concurrent use.
type Reader struct {
	in   *replay
	br   *bufio.Reader
	name string
	opts Options

	rec      int   // number of the last record started
	off      int64 // offset of that record in the input
	inRecord bool  // a record has been started and not finished
	next     bool  // the version line of the next record has been read
	nextOff  int64 // its offset
	err      error // sticky: io.EOF or the error that ended the input

	h     header
	block []byte    // the current record's block
	dec   [2][]byte // buffers for decoding the HTTP body
	gz    *gzip.Reader
}

var _ quotewire.ArticleReader = (*Reader)(nil)

// NewReader returns a Reader of the WARC records in r, the decompressed
// bytes of a WARC file. The name is the input's file name: it names the
// file in Origins and errors.
func NewReader(r io.Reader, name string, opts Options) *Reader {
	in := &replay{r: r}
	return &Reader{
		in:   in,
		br:   bufio.NewReaderSize(in, bufSize),
		name: name,
		opts: opts.withDefaults(),
	}
}

// Next returns the article of the next HTML response record, with
// Origin.Record set to the record's 1-based number. It returns io.EOF at
// the end of the input, a *quotewire.RecordError for a damaged record or
// a page with no text (call Next again to go on; its message gives the
// record's byte offset in the input), and any other error,
// wrapped with the file's name, when the input cannot be read further;
// after io.EOF or such an error Next returns it again.
func (r *Reader) Next() (quotewire.Article, error) {
	resp, err := r.nextResponse()
	if err != nil {
		return quotewire.Article{}, err
	}
	return r.article(resp)
}

// response is an HTML response record, ready to be read as a page.
type response struct {
	record   int
	uri      string
	warcDate string
	httpDate string
	// payload is the HTTP body, its transfer and content encodings
	// undone, and page is the payload as UTF-8 when the HTTP charset
	// says how. Both are valid until the next call to nextResponse.
	payload, page []byte
}

// nextResponse returns the next response record whose body is an HTML
// page, skipping other records. Its errors are those of Next.
func (r *Reader) nextResponse() (response, error) {
	for {
		isResponse, err := r.record()
		if err != nil {
			return response{}, err
		}
		if !isResponse {
			continue
		}
		resp, ok, err := r.response()
		if err != nil {
			return response{}, r.recordError(err)
		}
		if ok {
			return resp, nil
		}
	}
}

// article reads the page of resp and fills in the fields the WARC record
// gives.
func (r *Reader) article(resp response) (quotewire.Article, error) {
	a, err := htmlfile.Parse(r.name, resp.page, r.opts.HTML)
	if err != nil {
		var rerr *quotewire.RecordError
		if errors.As(err, &rerr) {
			err = rerr.Err
		}
		return quotewire.Article{}, r.recordError(err)
	}
	a.ID = articleID(resp.uri, resp.payload)
	if resp.uri != "" {
		a.URL = resp.uri
	}
	if a.Date == "" {
		a.Date = day(resp.warcDate)
	}
	if a.Date == "" {
		a.Date = httpDay(resp.httpDate)
	}
	a.Origin = quotewire.Origin{File: r.name, Record: resp.record}
	return a, nil
}

// header holds the WARC header fields the reader uses, as the raw bytes
// of their values.
type header struct {
	typ, length, uri, date, ctype []byte
	// last is the field a continuation line extends, nil when that field
	// is not kept.
	last *[]byte
	size int
}

func (h *header) reset() {
	h.typ, h.length, h.uri = h.typ[:0], h.length[:0], h.uri[:0]
	h.date, h.ctype = h.date[:0], h.ctype[:0]
	h.last, h.size = nil, 0
}

// field returns where the value of the field name is kept, or nil.
func (h *header) field(name []byte) *[]byte {
	switch len(name) {
	case len("WARC-Type"): // and WARC-Date
		if bytes.EqualFold(name, []byte("WARC-Type")) {
			return &h.typ
		}
		if bytes.EqualFold(name, []byte("WARC-Date")) {
			return &h.date
		}
	case len("Content-Length"):
		if bytes.EqualFold(name, []byte("Content-Length")) {
			return &h.length
		}
	case len("WARC-Target-URI"):
		if bytes.EqualFold(name, []byte("WARC-Target-URI")) {
			return &h.uri
		}
	case len("Content-Type"):
		if bytes.EqualFold(name, []byte("Content-Type")) {
			return &h.ctype
		}
	}
	return nil
}

// record reads the next record: its header into r.h and, unless it is
// too large, its block into r.block. It reports whether the record is a
// response. A skipped or damaged record has been consumed, with the
// reader resynchronised on the next record, when record returns.
func (r *Reader) record() (bool, error) {
	if r.err != nil {
		return false, r.err
	}
	if r.next {
		// The version line was read as part of the header before.
		r.next = false
		r.rec, r.off = r.rec+1, r.nextOff
	} else if err := r.versionLine(); err != nil {
		return false, err
	}
	r.inRecord = true
	if err := r.readHeader(); err != nil {
		return false, err
	}
	n, ok := parseLength(r.h.length)
	if !ok {
		if len(r.h.length) == 0 {
			return false, r.damaged(fmt.Errorf("%w: no Content-Length", ErrMalformed), true)
		}
		return false, r.damaged(fmt.Errorf("%w: bad Content-Length %q", ErrMalformed, clip(r.h.length)), true)
	}
	isResponse := bytes.EqualFold(bytes.TrimSpace(r.h.typ), []byte("response"))
	if n > r.opts.MaxRecord {
		return false, r.skipLarge(n, isResponse)
	}
	r.block = grow(r.block, int(n))
	got, err := readFull(r.br, r.block)
	if err == io.EOF {
		if k := recordStart(r.block[:got]); k >= 0 {
			r.rewind(r.block[k:got])
			return false, r.recordError(fmt.Errorf("%w: Content-Length %d runs into the next record", ErrLength, n))
		}
		r.err = io.EOF
		return false, r.recordError(fmt.Errorf("%w: Content-Length %d, input ends after %d bytes of the block", ErrTruncated, n, got))
	}
	if err != nil {
		return false, r.fail(err)
	}
	if !r.trailer() {
		cause := fmt.Errorf("%w: Content-Length %d is not followed by an empty line", ErrLength, n)
		if k := recordStart(r.block); k >= 0 {
			r.rewind(r.block[k:])
			return false, r.recordError(cause)
		}
		return false, r.damaged(cause, n == 0 || r.block[n-1] == '\n')
	}
	r.inRecord = false
	return isResponse, nil
}

// versionLine reads up to and including the version line of the next
// record, skipping blank lines, and numbers the record.
func (r *Reader) versionLine() error {
	for {
		line, err := r.br.ReadSlice('\n')
		switch {
		case err == io.EOF && len(line) == 0:
			r.err = io.EOF
			return io.EOF
		case err != nil && err != io.EOF && err != bufio.ErrBufferFull:
			return r.fail(err)
		}
		if err != bufio.ErrBufferFull && len(bytes.TrimSpace(line)) == 0 {
			if err == io.EOF {
				r.err = io.EOF
				return io.EOF
			}
			continue
		}
		r.rec++
		r.off = r.pos() - int64(len(line))
		r.inRecord = true
		if r.rec == 1 && compressed(line) {
			r.err = fmt.Errorf("read %s: %w", r.name, ErrCompressed)
			return r.err
		}
		if !isVersion(line) {
			return r.damaged(fmt.Errorf("%w: no WARC/1.x version line, found %q", ErrMalformed, clip(line)), err == nil)
		}
		if err == io.EOF {
			r.err = io.EOF
			return r.recordError(fmt.Errorf("%w: input ends after the version line", ErrTruncated))
		}
		return nil
	}
}

// readHeader reads the header fields of the current record, up to and
// including the blank line that ends them.
func (r *Reader) readHeader() error {
	r.h.reset()
	for {
		line, err := r.br.ReadSlice('\n')
		r.h.size += len(line)
		switch {
		case err == bufio.ErrBufferFull:
			return r.damaged(fmt.Errorf("%w: header line longer than %d bytes", ErrMalformed, bufSize), false)
		case err == io.EOF:
			r.err = io.EOF
			return r.recordError(fmt.Errorf("%w: input ends inside the header", ErrTruncated))
		case err != nil:
			return r.fail(err)
		}
		if r.h.size > maxHeader {
			return r.damaged(fmt.Errorf("%w: header longer than %d bytes", ErrMalformed, maxHeader), true)
		}
		if len(dropEOL(line)) == 0 {
			return nil
		}
		if isVersion(line) {
			// The header has no end: the next record starts here.
			r.next, r.nextOff = true, r.pos()-int64(len(line))
			return r.recordError(fmt.Errorf("%w: header does not end before the next record", ErrMalformed))
		}
		if line[0] == ' ' || line[0] == '\t' {
			if r.h.last != nil {
				*r.h.last = append(append(*r.h.last, ' '), bytes.TrimSpace(line)...)
			}
			continue
		}
		colon := bytes.IndexByte(line, ':')
		if colon <= 0 {
			return r.damaged(fmt.Errorf("%w: header line is not a field: %q", ErrMalformed, clip(line)), true)
		}
		r.h.last = r.h.field(bytes.TrimSpace(line[:colon]))
		if r.h.last != nil {
			*r.h.last = append((*r.h.last)[:0], bytes.TrimSpace(line[colon+1:])...)
		}
	}
}

// skipLarge discards the block of n bytes of a record over the size
// limit, without holding it.
func (r *Reader) skipLarge(n int64, isResponse bool) error {
	for left := n; left > 0; {
		d, err := r.br.Discard(int(min(left, 1<<30)))
		left -= int64(d)
		if err == io.EOF {
			r.err = io.EOF
			return r.recordError(fmt.Errorf("%w: Content-Length %d, input ends after %d bytes of the block", ErrTruncated, n, n-left))
		}
		if err != nil {
			return r.fail(err)
		}
	}
	if !r.trailer() {
		return r.damaged(fmt.Errorf("%w: Content-Length %d is not followed by an empty line", ErrLength, n), false)
	}
	r.inRecord = false
	if isResponse {
		return r.recordError(fmt.Errorf("%w: block of %d bytes, limit %d", quotewire.ErrTooLarge, n, r.opts.MaxRecord))
	}
	return nil
}

// trailer consumes the "\r\n\r\n" (or "\n\n") after a block and reports
// whether it was there. At the end of the input, any line endings left
// will do.
func (r *Reader) trailer() bool {
	p, err := r.br.Peek(4)
	if err == nil {
		switch {
		case string(p) == "\r\n\r\n":
			r.br.Discard(4)
			return true
		case string(p[:2]) == "\n\n":
			r.br.Discard(2)
			return true
		}
		return false
	}
	if len(bytes.Trim(p, "\r\n")) > 0 {
		return false
	}
	r.br.Discard(len(p))
	return true
}

// damaged returns a *quotewire.RecordError for the current record and
// resynchronises the reader on the next line that starts with "WARC/1.".
// atLineStart says whether the reader is at the start of a line.
func (r *Reader) damaged(cause error, atLineStart bool) error {
	rerr := r.recordError(cause)
	if err := r.resync(atLineStart); err != nil && r.err == nil {
		if err == io.EOF {
			r.err = io.EOF
		} else {
			r.fail(err)
		}
	}
	return rerr
}

// resync consumes the input up to the next line starting with "WARC/1.",
// without holding it. It returns io.EOF when there is none.
func (r *Reader) resync(atLineStart bool) error {
	const prefix = "WARC/1."
	for {
		if atLineStart {
			p, err := r.br.Peek(len(prefix))
			if string(p) == prefix {
				return nil
			}
			if err != nil && bytes.IndexByte(p, '\n') < 0 {
				r.br.Discard(len(p))
				return err
			}
		}
		_, err := r.br.ReadSlice('\n')
		switch {
		case err == nil:
			atLineStart = true
		case err == bufio.ErrBufferFull:
			atLineStart = false
		default:
			return err
		}
	}
}

// rewind makes data, the start of the next record found inside the
// current record's block, the next bytes to read.
func (r *Reader) rewind(data []byte) {
	buffered, _ := r.br.Peek(r.br.Buffered())
	pend := make([]byte, 0, len(data)+len(buffered)+len(r.in.pend))
	pend = append(pend, data...)
	pend = append(pend, buffered...)
	pend = append(pend, r.in.pend...)
	r.in.pend = pend
	r.br.Reset(r.in)
	r.inRecord = false
}

// recordError wraps err in a *quotewire.RecordError for the current
// record, adding the record's offset to the message.
func (r *Reader) recordError(err error) error {
	return &quotewire.RecordError{
		Origin: quotewire.Origin{File: r.name, Record: r.rec},
		Err:    &offsetError{off: r.off, err: err},
	}
}

// offsetError adds the offset of a record to an error about it.
type offsetError struct {
	off int64
	err error
}

func (e *offsetError) Error() string { return fmt.Sprintf("%v (record at byte %d)", e.err, e.off) }

func (e *offsetError) Unwrap() error { return e.err }

// pos returns the offset in the input of the next byte to read.
func (r *Reader) pos() int64 {
	return r.in.n - int64(len(r.in.pend)) - int64(r.br.Buffered())
}

// fail ends the input with the read error err and returns it, wrapped
// with the file's name and, when inside a record, its number. A stream
// that ends too soon (io.ErrUnexpectedEOF, as from a truncated gzip
// stream) is also marked ErrTruncated.
func (r *Reader) fail(err error) error {
	where := r.name
	if r.inRecord {
		where = fmt.Sprintf("%s record %d", r.name, r.rec)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		r.err = fmt.Errorf("read %s: %w: %w", where, ErrTruncated, err)
	} else {
		r.err = fmt.Errorf("read %s: %w", where, err)
	}
	return r.err
}

// replay is the reader under the bufio.Reader: it returns pend, bytes
// put back by rewind, before reading on from r.
type replay struct {
	pend []byte
	r    io.Reader
	n    int64 // bytes read from r
}

func (p *replay) Read(b []byte) (int, error) {
	if len(p.pend) > 0 {
		n := copy(b, p.pend)
		p.pend = p.pend[n:]
		if len(p.pend) == 0 {
			p.pend = nil
		}
		return n, nil
	}
	n, err := p.r.Read(b)
	p.n += int64(n)
	return n, err
}

// readFull reads len(b) bytes into b. Unlike io.ReadFull it tells the
// end of the input (io.EOF, whatever was read) from a failing reader
// (io.ErrUnexpectedEOF from a truncated gzip stream, say).
func readFull(r io.Reader, b []byte) (int, error) {
	n := 0
	for n < len(b) {
		m, err := r.Read(b[n:])
		n += m
		if err != nil {
			if n == len(b) && err == io.EOF {
				return n, nil
			}
			return n, err
		}
	}
	return n, nil
}

// recordStart returns the offset of the first line of b that starts with
// "WARC/1.", or -1.
func recordStart(b []byte) int {
	const prefix = "WARC/1."
	if bytes.HasPrefix(b, []byte(prefix)) {
		return 0
	}
	if i := bytes.Index(b, []byte("\n"+prefix)); i >= 0 {
		return i + 1
	}
	return -1
}

// isVersion reports whether line is a version line, "WARC/1." and a
// minor version number.
func isVersion(line []byte) bool {
	rest, ok := bytes.CutPrefix(bytes.TrimSpace(line), []byte("WARC/1."))
	if !ok || len(rest) == 0 {
		return false
	}
	for _, c := range rest {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// compressed reports whether b starts with the magic number of gzip or
// zstd.
func compressed(b []byte) bool {
	return bytes.HasPrefix(b, []byte{0x1f, 0x8b}) || bytes.HasPrefix(b, []byte{0x28, 0xb5, 0x2f, 0xfd})
}

// parseLength parses a Content-Length: decimal digits, at most 18.
func parseLength(b []byte) (int64, bool) {
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	var n int64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, true
}

// grow returns a buffer of length n, reusing b when it is large enough
// and not much larger than needed past keepBuf.
func grow(b []byte, n int) []byte {
	if cap(b) < n || cap(b) > keepBuf && n < cap(b)/4 {
		return make([]byte, n)
	}
	return b[:n]
}

// dropEOL drops a trailing "\n" or "\r\n".
func dropEOL(line []byte) []byte {
	line = bytes.TrimSuffix(line, []byte("\n"))
	return bytes.TrimSuffix(line, []byte("\r"))
}

// clip returns the start of b, without its line ending, for messages.
func clip(b []byte) []byte {
	b = dropEOL(b)
	if len(b) > 40 {
		return b[:40]
	}
	return b
}
