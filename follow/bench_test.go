package follow

import (
	"bytes"
	"fmt"
	"testing"
	"time"
)

// syntheticSitemap is a news sitemap of n URLs.
func syntheticSitemap(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">` + "\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "<url><loc>https://news.example.org/2026/12/07/story-%d.html</loc><news:news><news:publication><news:name>Example</news:name>"+
			"<news:language>en</news:language></news:publication><news:publication_date>2026-12-07T%02d:%02d:00Z</news:publication_date>"+
			"<news:title>Minister says bridge %d will reopen</news:title></news:news></url>\n", i, i%24, i%60, i)
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

// readOnce is the cost of reading data once: counting its words.
func readOnce(data []byte) float64 {
	start := time.Now()
	n := 0
	for i := 0; i < 5; i++ {
		n += len(bytes.Fields(data))
	}
	_ = n
	return float64(time.Since(start).Nanoseconds()) / 5
}

// BenchmarkSitemap reads a news sitemap of 1,000 URLs (Google's cap for
// one), with its cost as a multiple of a one-pass read ("x-read").
func BenchmarkSitemap(b *testing.B) {
	data := syntheticSitemap(1000)
	now := time.Date(2026, 12, 8, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	read := readOnce(data)
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		sm, err := parseSitemap(data, "news.xml", now)
		if err != nil || len(sm.entries) != 1000 {
			b.Fatalf("%d entries, %v", len(sm.entries), err)
		}
	}
	per := float64(time.Since(start).Nanoseconds()) / float64(b.N)
	b.ReportMetric(per/read, "x-read")
}
