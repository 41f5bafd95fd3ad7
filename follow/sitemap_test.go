package follow

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var now = time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)

func TestSitemapDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2026-12-06", "2026-12-06"},
		{"2026-12-06T23:30:00Z", "2026-12-06"},
		{"2026-12-06T23:30:00+01:00", "2026-12-06"},
		{"2026-12-06T23:30+01:00", "2026-12-06"},
		{"2026-12-06T23:30:00", "2026-12-06"},
		{"2026-12-06T10:00:00.123Z", "2026-12-06"},
		{"1850-01-01", ""}, // before 1900
		{"2027-03-01", ""}, // the future
		{"yesterday", ""},  // not a date
		{"06/12/2026", ""}, // not W3C
		{"", ""},
	}
	for _, tt := range tests {
		if got := sitemapDate(tt.in, now); got != tt.want {
			t.Errorf("sitemapDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseSitemap(t *testing.T) {
	sm, err := parseSitemap([]byte(`<?xml version="1.0" encoding="ISO-8859-1"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
 <url><loc> https://ex.org/a </loc><lastmod>2026-12-01</lastmod>
  <news:news><news:publication_date>2026-12-05T08:00:00Z</news:publication_date><news:title>Caf`+"\xe9"+`</news:title></news:news></url>
 <url><lastmod>2026-12-01</lastmod></url>
 <url><loc>/b</loc><news:news><news:publication_date>soon</news:publication_date></news:news><lastmod>2026-12-02</lastmod></url>
</urlset>`), "s.xml", now)
	if err != nil {
		t.Fatal(err)
	}
	if sm.index || len(sm.entries) != 2 {
		t.Fatalf("%+v", sm)
	}
	if e := sm.entries[0]; e.Link != "https://ex.org/a" || e.Date != "2026-12-05" || e.Title != "Café" {
		t.Errorf("news entry %+v: the publication date wins over lastmod, the title is decoded", e)
	}
	if e := sm.entries[1]; e.Link != "/b" || e.Date != "2026-12-02" {
		t.Errorf("entry with a bad publication date %+v: lastmod stands", e)
	}
	if _, err := parseSitemap([]byte(`<rss><channel/></rss>`), "x.xml", now); err == nil || !strings.Contains(err.Error(), "x.xml") {
		t.Errorf("not a sitemap: %v", err)
	}
	if _, err := parseSitemap([]byte(`<urlset><url><loc>https://ex.org/a</loc>`), "cut.xml", now); err == nil {
		t.Error("a truncated sitemap parsed")
	}
}

func TestResolve(t *testing.T) {
	base := "https://ex.org/section/feed.xml"
	tests := []struct {
		link, want string
		ok         bool
	}{
		{"/news/1", "https://ex.org/news/1", true},
		{"../news/2#top", "https://ex.org/news/2", true},
		{"https://other.org/x?a=1", "https://other.org/x?a=1", true},
		{"//cdn.ex.org/y", "https://cdn.ex.org/y", true},
		{"javascript:alert(1)", "", false},
		{"mailto:desk@ex.org", "", false},
		{"  ", "", false},
		{"/n/3?utm_source=rss&utm_medium=feed&utm_campaign=Feed%3A+world", "https://ex.org/n/3", true},
		{"/n/4?id=7&UTM_Source=x&page=2&fbclid=abc#c", "https://ex.org/n/4?id=7&page=2", true},
		{"/n/5?at_medium=RSS&at_campaign=KARANGA", "https://ex.org/n/5", true},
		{"/n/6?a=1&&b=%20x&utm%5Fsource=rss", "https://ex.org/n/6?a=1&b=%20x", true},
		{"/n/7?", "https://ex.org/n/7", true},
		{"/n/8?q=utm_source", "https://ex.org/n/8?q=utm_source", true},
	}
	for _, tt := range tests {
		got, ok := resolve(base, tt.link)
		if got != tt.want || ok != tt.ok {
			t.Errorf("resolve(%q) = %q %v, want %q %v", tt.link, got, ok, tt.want, tt.ok)
		}
	}
}

// FuzzSitemap: any bytes give a sitemap or an error, never a panic, and
// every entry has a link and a date that is empty or YYYY-MM-DD.
func FuzzSitemap(f *testing.F) {
	f.Add([]byte(`<urlset><url><loc>/a</loc><lastmod>2026-12-01</lastmod></url></urlset>`))
	f.Add([]byte(`<sitemapindex><sitemap><loc>https://ex.org/s.xml</loc></sitemap></sitemapindex>`))
	f.Add([]byte(`<?xml version="1.0" encoding="windows-1252"?><urlset><url><loc>/` + "\x93" + `</loc></url></urlset>`))
	f.Add([]byte("<urlset><url><loc>\x00</loc><news:publication_date>2026-13-45</news:publication_date></url>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sm, err := parseSitemap(data, "fuzz.xml", now)
		if err != nil {
			return
		}
		for _, e := range sm.entries {
			if e.Link == "" || len(e.Date) != 0 && len(e.Date) != 10 {
				t.Fatalf("entry %+v", e)
			}
			if !utf8.ValidString(e.Date) {
				t.Fatalf("date %q", e.Date)
			}
		}
		isSitemap(data)
	})
}
