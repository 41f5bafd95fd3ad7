package follow

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// MaxFeedList is the most bytes ReadFeedList reads: a list of a hundred
// thousand feeds is a few megabytes.
const MaxFeedList = 16 << 20

// ReadFeedList reads the feeds to follow from r, named name in errors:
// either an OPML document, as feed readers export their subscriptions
// (every outline's xmlUrl, categories nested or not), or plain text, one
// URL a line, where "#" at the start of a line or after a space begins a
// comment. Every URL must be http or https; the first that is not is an
// error naming its line. URLs come in the order written, each once.
func ReadFeedList(r io.Reader, name string) ([]string, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFeedList+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(data) > MaxFeedList {
		return nil, fmt.Errorf("%s: over %d MB: not a list of feeds", name, MaxFeedList>>20)
	}
	var urls []string
	if t := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n"); bytes.HasPrefix(t, []byte("<")) {
		urls, err = readOPML(data, name)
	} else {
		urls, err = readLines(data, name)
	}
	if err != nil {
		return nil, err
	}
	return Unique(urls), nil
}

// Unique returns urls without repeats, in their order (reusing urls).
func Unique(urls []string) []string {
	seen := map[string]bool{}
	out := urls[:0]
	for _, u := range urls {
		if !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	return out
}

// IsFeedURL reports whether u can be followed: an http or https URL.
func IsFeedURL(u string) bool {
	return strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://")
}

// readLines reads a plain list, one URL a line.
func readLines(data []byte, name string) ([]string, error) {
	var urls []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, MaxFeedList)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		if i := strings.Index(line, "#"); i >= 0 && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
			line = strings.TrimSpace(line[:i])
		}
		if line == "" {
			continue
		}
		if !IsFeedURL(line) {
			return nil, fmt.Errorf("%s line %d: %q is not an http or https URL", name, n, shorten(line))
		}
		urls = append(urls, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return urls, nil
}

// readOPML reads the xmlUrl of every outline of an OPML document.
func readOPML(data []byte, name string) ([]string, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	d.CharsetReader = charsetReader
	var urls []string
	root := ""
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line, _ := d.InputPos()
			return nil, fmt.Errorf("%s line %d: not an OPML list of feeds: %w", name, line, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if root == "" {
			root = strings.ToLower(se.Name.Local)
			if root != "opml" {
				return nil, fmt.Errorf("%s: an XML document of <%s>, not OPML: give an OPML export of a feed reader, or one URL a line", name, se.Name.Local)
			}
		}
		if !strings.EqualFold(se.Name.Local, "outline") {
			continue
		}
		for _, a := range se.Attr {
			if !strings.EqualFold(a.Name.Local, "xmlUrl") {
				continue
			}
			u := strings.TrimSpace(a.Value)
			if u == "" {
				continue
			}
			if !IsFeedURL(u) {
				line, _ := d.InputPos()
				return nil, fmt.Errorf("%s line %d: xmlUrl %q is not an http or https URL", name, line, shorten(u))
			}
			urls = append(urls, u)
		}
	}
	if root == "" {
		return nil, fmt.Errorf("%s: no OPML element: give an OPML export of a feed reader, or one URL a line", name)
	}
	return urls, nil
}

// shorten cuts s for an error message.
func shorten(s string) string {
	if len(s) <= 80 {
		return s
	}
	return strings.ToValidUTF8(s[:77], "") + "..."
}
