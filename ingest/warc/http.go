package warc

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zlib"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/internal/textenc"
)

// response parses the block of the current response record as an HTTP
// response and decodes its body. It reports ok = false for a record to
// skip silently: not HTTP, not status 200, not HTML. Its errors are the
// causes of a record error.
func (r *Reader) response() (resp response, ok bool, err error) {
	if mt := mediaType(r.h.ctype); len(mt) > 0 && !bytes.EqualFold(mt, []byte("application/http")) && !bytes.EqualFold(mt, []byte("message/http")) {
		return response{}, false, nil // such as text/dns
	}
	status, b, _ := nextLine(r.block)
	if !bytes.HasPrefix(status, []byte("HTTP/")) {
		return response{}, false, fmt.Errorf("%w: no status line, found %q", ErrHTTP, clip(status))
	}
	code, ok := statusCode(status)
	if !ok {
		return response{}, false, fmt.Errorf("%w: bad status line %q", ErrHTTP, clip(status))
	}
	if code != 200 {
		return response{}, false, nil
	}
	var ctype, te, ce, date []byte
	var last *[]byte
	for {
		line, rest, found := nextLine(b)
		if !found {
			if len(bytes.TrimSpace(line)) > 0 {
				return response{}, false, fmt.Errorf("%w: header does not end", ErrHTTP)
			}
			b = nil // the block ends with the header: no body
			break
		}
		b = rest
		if len(line) == 0 {
			break
		}
		if line[0] == ' ' || line[0] == '\t' {
			if last != nil {
				*last = slices.Concat(*last, []byte(" "), bytes.TrimSpace(line))
			}
			continue
		}
		last = nil
		name, value, found := bytes.Cut(line, []byte(":"))
		if !found {
			continue // a line that is no field: ignore it, as browsers do
		}
		name, value = bytes.TrimSpace(name), bytes.TrimSpace(value)
		switch {
		case bytes.EqualFold(name, []byte("Content-Type")):
			last = &ctype
		case bytes.EqualFold(name, []byte("Transfer-Encoding")):
			last = &te
		case bytes.EqualFold(name, []byte("Content-Encoding")):
			last = &ce
		case bytes.EqualFold(name, []byte("Date")):
			last = &date
		default:
			continue
		}
		*last = value
	}
	if len(ctype) > 0 && !isHTML(mediaType(ctype)) {
		return response{}, false, nil
	}
	body, err := r.decodeBody(b, te, ce)
	if err != nil {
		return response{}, false, err
	}
	if len(ctype) == 0 && !strings.HasPrefix(http.DetectContentType(body), "text/html") {
		return response{}, false, nil
	}
	return response{
		record:   r.rec,
		uri:      targetURI(r.h.uri),
		warcDate: string(r.h.date),
		httpDate: string(date),
		payload:  body,
		page:     textenc.ToUTF8(body, string(ctype)),
	}, true, nil
}

// decodeBody undoes the transfer encoding te and the content encoding ce
// of an HTTP body. The slice it returns is valid until the next record.
func (r *Reader) decodeBody(body, te, ce []byte) ([]byte, error) {
	free := 0 // the buffer of r.dec that body is not in
	if hasToken(te, "chunked") {
		// Malformed chunks leave the body as it is: perhaps it was
		// never chunked.
		d, ok := dechunk(r.dec[0][:0], body)
		r.dec[0] = d
		if ok {
			body, free = d, 1
		}
	}
	codings := bytes.Split(ce, []byte(","))
	for i := len(codings) - 1; i >= 0; i-- {
		c := strings.ToLower(string(bytes.TrimSpace(codings[i])))
		if c == "" || c == "identity" {
			continue
		}
		out, err := r.decode(r.dec[free][:0], body, c)
		r.dec[free] = out
		if err != nil {
			return nil, err
		}
		body, free = out, 1-free
	}
	for i, d := range r.dec {
		if cap(d) > keepBuf {
			r.dec[i] = nil // body may still use it; it is not reused
		}
	}
	return body, nil
}

// decode undoes one content coding of src, appending the result to dst.
func (r *Reader) decode(dst, src []byte, coding string) ([]byte, error) {
	var zr io.Reader
	switch coding {
	case "gzip", "x-gzip":
		var err error
		if r.gz == nil {
			r.gz, err = gzip.NewReader(bytes.NewReader(src))
		} else {
			err = r.gz.Reset(bytes.NewReader(src))
		}
		if err != nil {
			r.gz = nil
			return dst, fmt.Errorf("%w %s: %w", ErrEncoding, coding, err)
		}
		// Like browsers, read one gzip member and ignore what follows.
		r.gz.Multistream(false)
		zr = r.gz
	case "deflate":
		// The deflate coding is zlib data, but many servers send raw
		// deflate data instead.
		if z, err := zlib.NewReader(bytes.NewReader(src)); err == nil {
			zr = z
		} else {
			zr = flate.NewReader(bytes.NewReader(src))
		}
	default:
		return dst, fmt.Errorf("%w: unsupported coding %q", ErrEncoding, coding)
	}
	out, err := readAllMax(dst, zr, r.opts.MaxRecord)
	if err != nil {
		return out, fmt.Errorf("%w %s: %w", ErrEncoding, coding, err)
	}
	return out, nil
}

// readAllMax appends what rd gives, up to its end, to dst; more than max
// bytes is an error wrapping quotewire.ErrTooLarge.
func readAllMax(dst []byte, rd io.Reader, max int64) ([]byte, error) {
	for {
		if len(dst) == cap(dst) {
			dst = append(dst, 0)[:len(dst)]
		}
		n, err := rd.Read(dst[len(dst):cap(dst)])
		dst = dst[:len(dst)+n]
		if int64(len(dst)) > max {
			return dst, fmt.Errorf("%w: decoded body over %d bytes", quotewire.ErrTooLarge, max)
		}
		if err == io.EOF {
			return dst, nil
		}
		if err != nil {
			return dst, err
		}
	}
}

// dechunk appends the data of the chunked body src to dst. It reports
// false for malformed chunks. A body cut off after a whole chunk, without
// the last, empty chunk, is accepted.
func dechunk(dst, src []byte) ([]byte, bool) {
	for {
		line, rest, found := nextLine(src)
		if !found {
			return dst, len(bytes.TrimSpace(line)) == 0 && len(dst) > 0
		}
		if i := bytes.IndexByte(line, ';'); i >= 0 {
			line = line[:i] // chunk extensions
		}
		size, ok := parseHex(bytes.TrimSpace(line))
		if !ok {
			return dst, false
		}
		if size == 0 {
			return dst, true // trailer fields may follow; they are ignored
		}
		if size > uint64(len(rest)) {
			return dst, false
		}
		dst = append(dst, rest[:size]...)
		src = rest[size:]
		switch {
		case bytes.HasPrefix(src, []byte("\r\n")):
			src = src[2:]
		case bytes.HasPrefix(src, []byte("\n")):
			src = src[1:]
		case len(src) == 0:
			return dst, true
		default:
			return dst, false
		}
	}
}

// parseHex parses a chunk size: 1 to 15 hex digits.
func parseHex(b []byte) (uint64, bool) {
	if len(b) == 0 || len(b) > 15 {
		return 0, false
	}
	var n uint64
	for _, c := range b {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		n = n<<4 | uint64(c)
	}
	return n, true
}

// statusCode returns the status code of an HTTP status line such as
// "HTTP/1.1 200 OK".
func statusCode(line []byte) (int, bool) {
	_, rest, found := bytes.Cut(line, []byte(" "))
	if !found {
		return 0, false
	}
	rest = bytes.TrimLeft(rest, " ")
	if len(rest) < 3 || len(rest) > 3 && rest[3] != ' ' && rest[3] != '\r' {
		return 0, false
	}
	code := 0
	for _, c := range rest[:3] {
		if c < '0' || c > '9' {
			return 0, false
		}
		code = code*10 + int(c-'0')
	}
	return code, true
}

// nextLine splits b after its first "\n". It returns the line without
// its line ending and reports whether there was a "\n"; when there was
// none, line is all of b.
func nextLine(b []byte) (line, rest []byte, found bool) {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return b, nil, false
	}
	return bytes.TrimSuffix(b[:i], []byte("\r")), b[i+1:], true
}

// mediaType returns the media type of a Content-Type value, without its
// parameters.
func mediaType(ctype []byte) []byte {
	if i := bytes.IndexAny(ctype, ";, "); i >= 0 {
		ctype = ctype[:i]
	}
	return bytes.TrimSpace(ctype)
}

// isHTML reports whether the media type mt is an HTML page's.
func isHTML(mt []byte) bool {
	return bytes.EqualFold(mt, []byte("text/html")) || bytes.EqualFold(mt, []byte("application/xhtml+xml"))
}

// hasToken reports whether the comma-separated list holds tok, in any
// case.
func hasToken(list []byte, tok string) bool {
	for len(list) > 0 {
		var t []byte
		t, list, _ = bytes.Cut(list, []byte(","))
		if bytes.EqualFold(bytes.TrimSpace(t), []byte(tok)) {
			return true
		}
	}
	return false
}

// targetURI returns a WARC-Target-URI value without the angle brackets
// and spaces around it (WARC 1.0 shows it in brackets, and wget writes
// them), made safe to output: valid UTF-8 without NUL bytes.
func targetURI(v []byte) string {
	v = bytes.TrimSpace(v)
	if len(v) >= 2 && v[0] == '<' && v[len(v)-1] == '>' {
		v = bytes.TrimSpace(v[1 : len(v)-1])
	}
	s := strings.ToValidUTF8(string(v), "\uFFFD")
	return strings.ReplaceAll(s, "\x00", "")
}

// articleID returns the ID of the page at uri with the HTTP body payload:
// the URI's host and 16 hex digits of the SHA-256 of the URI and the
// body.
func articleID(uri string, payload []byte) string {
	h := sha256.New()
	io.WriteString(h, uri)
	h.Write([]byte{0})
	h.Write(payload)
	var sum [sha256.Size]byte
	return host(uri) + "-" + hex.EncodeToString(h.Sum(sum[:0])[:8])
}

// host returns the host of uri, lower-cased and kept to letters, digits,
// dots and hyphens, or "warc" when it has none.
func host(uri string) string {
	_, rest, found := strings.Cut(uri, "://")
	if !found {
		return "warc"
	}
	if i := strings.IndexAny(rest, "/?#\\"); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.LastIndexByte(rest, '@'); i >= 0 {
		rest = rest[i+1:]
	}
	if i := strings.LastIndexByte(rest, ':'); i >= 0 && !strings.HasSuffix(rest, "]") {
		rest = rest[:i] // the port
	}
	var b strings.Builder
	for i := 0; i < len(rest) && b.Len() < 100; i++ {
		switch c := rest[i]; {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '.', c == '-':
			b.WriteByte(c)
		case 'A' <= c && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		case c == ':':
			b.WriteByte('-') // in an IPv6 address
		}
	}
	h := strings.Trim(b.String(), ".-")
	if h == "" {
		return "warc"
	}
	return h
}

// day returns the date of a WARC-Date ("2017-03-06T04:02:06Z") as
// YYYY-MM-DD, or "".
func day(s string) string {
	const layout = "2006-01-02"
	s = strings.TrimSpace(s)
	if len(s) < len(layout) || len(s) > len(layout) && s[len(layout)] != 'T' {
		return ""
	}
	if _, err := time.Parse(layout, s[:len(layout)]); err != nil {
		return ""
	}
	return s[:len(layout)]
}

// httpDay returns the date of an HTTP Date header as YYYY-MM-DD, or "".
func httpDay(s string) string {
	t, err := http.ParseTime(strings.TrimSpace(s))
	if err != nil {
		return ""
	}
	return t.UTC().Format("2006-01-02")
}
