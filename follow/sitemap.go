package follow

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/quotewire/quotewire/ingest/feed"
)

// sitemap is a sitemap (<urlset>) or a sitemap index (<sitemapindex>):
// its pages, or the sitemaps it lists, with their dates.
type sitemap struct {
	index bool
	// entries are the pages of a urlset, and the sitemaps of an index
	// (Link, Date from <lastmod>).
	entries []feed.Entry
}

// isSitemap reports whether data looks like a sitemap or sitemap index:
// its first element is <urlset> or <sitemapindex>.
func isSitemap(data []byte) bool {
	name, _ := rootElement(data)
	return name == "urlset" || name == "sitemapindex"
}

// rootElement returns the local name of the first element of the XML or
// HTML data, lower case ("" when there is none in its first 64 KiB).
func rootElement(data []byte) (string, error) {
	if len(data) > 64<<10 {
		data = data[:64<<10]
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	d.CharsetReader = func(string, io.Reader) (io.Reader, error) { return nil, errors.New("no charset") }
	for {
		t, err := d.RawToken()
		if err != nil {
			return "", err
		}
		if se, ok := t.(xml.StartElement); ok {
			return strings.ToLower(se.Name.Local), nil
		}
	}
}

// parseSitemap reads a sitemap or sitemap index, leniently: a <url>
// without <loc> is skipped; a page's date is its news:publication_date,
// else its lastmod. Dates before 1900 or more than a day after now are
// dropped.
func parseSitemap(data []byte, name string, now time.Time) (*sitemap, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	d.CharsetReader = charsetReader
	sm := &sitemap{}
	var cur *feed.Entry
	var path []string
	var text strings.Builder
	root := ""
	for {
		t, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("parse sitemap %s: %w", name, err)
		}
		switch t := t.(type) {
		case xml.StartElement:
			local := strings.ToLower(t.Name.Local)
			if root == "" {
				root = local
				if root != "urlset" && root != "sitemapindex" {
					return nil, fmt.Errorf("parse sitemap %s: root element <%s>, not <urlset> or <sitemapindex>", name, t.Name.Local)
				}
				sm.index = root == "sitemapindex"
			}
			path = append(path, local)
			text.Reset()
			if len(path) == 2 && (local == "url" || local == "sitemap") {
				cur = &feed.Entry{}
			}
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			local := strings.ToLower(t.Name.Local)
			v := strings.TrimSpace(text.String())
			if cur != nil {
				switch local {
				case "loc":
					if len(path) == 3 {
						cur.Link = v
					}
				case "lastmod":
					if cur.Date == "" {
						cur.Date = sitemapDate(v, now)
					}
				case "publication_date":
					if dt := sitemapDate(v, now); dt != "" {
						cur.Date = dt
					}
				case "title":
					cur.Title = v
				case "url", "sitemap":
					if len(path) == 2 {
						if cur.Link != "" {
							sm.entries = append(sm.entries, *cur)
						}
						cur = nil
					}
				}
			}
			text.Reset()
			if len(path) > 0 {
				path = path[:len(path)-1]
			}
		}
	}
	if root == "" {
		return nil, fmt.Errorf("parse sitemap %s: no root element", name)
	}
	return sm, nil
}

// sitemapDate reads a W3C datetime (2024-05-01, 2024-05-01T10:00:00Z,
// with or without seconds and zone) as YYYY-MM-DD, "" when it is not one
// or is before 1900 or more than a day after now.
func sitemapDate(v string, now time.Time) string {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05", "2006-01-02"} {
		t, err := time.Parse(layout, v)
		if err != nil {
			continue
		}
		if t.Year() < 1900 || t.After(now.Add(24*time.Hour)) {
			return ""
		}
		return t.Format("2006-01-02")
	}
	return ""
}
