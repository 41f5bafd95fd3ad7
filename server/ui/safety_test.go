package ui

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/internal/testpipe"
)

// hostile is article text that would run script if it were rendered as
// markup.
const hostile = `<script>alert(1)</script> The mayor <img src=x onerror=alert(1)> said "we <b>will</b> rebuild the <img src=x onerror=alert(1)> bridge". ` +
	`Read more at javascript:alert(1) or <a href="javascript:alert(1)">here</a>.`

// hostileRecords are two articles holding script: one analysed by the
// real pipeline, one made by hand so that quotes, names, outlet, title
// and URL all carry markup.
func hostileRecords(t *testing.T) []quotewire.Record {
	t.Helper()
	art := quotewire.Article{ID: "hostile-1", Title: `<script>alert(1)</script>Bridge`, Date: "2024-05-01",
		URL: "javascript:alert(1)", Text: "LONDON, May 1. /TASS/. " + hostile}
	an, err := testpipe.Default(t).Extract(art)
	if err != nil {
		t.Fatal(err)
	}
	real := quotewire.Record{Key: quotewire.ArticleKey(art.URL, art.Text), Analysis: an, Outlet: "tass"}

	text := `The <img src=x onerror=alert(1)> minister said "<script>alert(1)</script> is <img src=x onerror=alert(1)> fine" on Monday.`
	rec := article("hostile-2", "javascript:alert(1)", "2024-05-02", `evil"><script>alert(1)</script>`, text,
		[]entity{{`Evil <img src=x onerror=alert(1)> Person`, quotewire.Person, []string{`<script>alert(1)</script>`}}},
		[]quote{{`<script>alert(1)</script> is <img src=x onerror=alert(1)> fine`, `Evil <img src=x onerror=alert(1)> Person`, quotewire.Direct}})
	rec.Analysis.Title = `<img src=x onerror=alert(1)>Minister`
	rec.Analysis.RepeatedSentences = []quotewire.RepeatedSentence{{Text: `<script>alert(1)</script>`, Count: 2}}
	q := &rec.Analysis.Quotes[0]
	q.Cue = &quotewire.TextSpan{Start: strings.Index(text, "said"), End: strings.Index(text, "said") + 4, Text: "said"}
	src := "<img src=x onerror=alert(1)> minister"
	q.Source = &quotewire.TextSpan{Start: strings.Index(text, src), End: strings.Index(text, src) + len(src), Text: src}
	// the same statement again, from a web page, to have a quotation
	// page with two reports
	again := article("hostile-3", "https://example.org/<script>", "2024-05-03", "example.org",
		`He said "<script>alert(1)</script> is <img src=x onerror=alert(1)> fine!" again.`,
		[]entity{{`Evil <img src=x onerror=alert(1)> Person`, quotewire.Person, nil}},
		[]quote{{`<script>alert(1)</script> is <img src=x onerror=alert(1)> fine!`, `Evil <img src=x onerror=alert(1)> Person`, quotewire.Direct}})
	return []quotewire.Record{real, rec, again}
}

func TestHostileArticleIsData(t *testing.T) {
	recs := hostileRecords(t)
	st := newStore(t, recs...)
	h := New(Config{Store: st, Logger: quiet()}).Handler()
	hits, err := st.Search(context.Background(), quotewire.Query{Text: "fine"})
	if err != nil || len(hits) == 0 {
		t.Fatalf("search: %v %v", hits, err)
	}
	var quotation, speaker int64
	for _, h := range hits {
		if h.ArticleKey == recs[1].Key {
			quotation, speaker = h.QuotationID, h.SpeakerID
		}
	}
	if quotation == 0 || speaker == 0 {
		t.Fatalf("the hand-made quote has no quotation or speaker: %+v", hits)
	}
	if len(recs[0].Analysis.Quotes) == 0 {
		t.Errorf("the pipeline found no quote in the hostile article")
	}
	pages := []string{
		"/articles/" + recs[0].Key,
		"/articles/" + recs[1].Key,
		"/articles/" + recs[2].Key,
		"/?q=alert",
		"/?q=fine",
		"/?q=" + url.QueryEscape(`<script>alert(1)</script>`) + "&speaker=" + url.QueryEscape(`<img src=x onerror=alert(1)>`),
		"/?outlet=" + url.QueryEscape(`evil"><script>alert(1)</script>`),
		"/",
		fmt.Sprintf("/quotations/%d", quotation),
		fmt.Sprintf("/speakers/%d", speaker),
		fmt.Sprintf("/speakers/%d?q=%s", speaker, url.QueryEscape(`"<script>alert(1)</script>"`)),
		"/articles/" + url.PathEscape(`<script>alert(1)</script>`),
	}
	for _, target := range pages {
		t.Run(target, func(t *testing.T) {
			r := get(t, h, target)
			if r.status >= 500 {
				t.Fatalf("status %d", r.status)
			}
			checkPage(t, r)
			checkInert(t, r.body)
		})
	}
	// the hostile text is shown, escaped
	r := get(t, h, "/articles/"+recs[1].Key)
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;", "javascript:alert(1)"} {
		if !strings.Contains(r.body, want) {
			t.Errorf("the article page does not show %s as text", want)
		}
	}
	// a web address with markup in it is a link, escaped
	r = get(t, h, fmt.Sprintf("/quotations/%d", quotation))
	if !strings.Contains(r.body, `href="https://example.org/%3Cscript%3E"`) {
		t.Errorf("the quotation page does not link the web address, escaped")
	}
}

// checkInert fails the test for every problem inertProblems finds.
func checkInert(t *testing.T, body string) {
	t.Helper()
	for _, p := range inertProblems(body) {
		t.Error(p)
	}
}

// inertProblems parses a page as a browser would and reports anything
// that could run or render as markup: a script element other than the
// page's own, an img and the like, an event-handler attribute, a link or
// source that is not a web or local address.
func inertProblems(body string) []string {
	var out []string
	z := html.NewTokenizer(strings.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		switch tok.Data {
		case "img", "iframe", "object", "embed", "b", "audio", "video", "base":
			out = append(out, fmt.Sprintf("the page has a <%s> element: %s", tok.Data, tok.String()))
		case "script":
			src := ""
			for _, a := range tok.Attr {
				if a.Key == "src" {
					src = a.Val
				}
			}
			if !strings.HasPrefix(src, "/static/keys.js?v=") {
				out = append(out, fmt.Sprintf("the page has a script that is not its own: %s", tok.String()))
			}
		}
		for _, a := range tok.Attr {
			if strings.HasPrefix(a.Key, "on") {
				out = append(out, fmt.Sprintf("<%s> has an event handler %s=%q", tok.Data, a.Key, a.Val))
			}
			if a.Key == "href" || a.Key == "src" || a.Key == "action" {
				v := strings.ToLower(strings.TrimSpace(a.Val))
				if !strings.HasPrefix(v, "/") && !strings.HasPrefix(v, "#") && !strings.HasPrefix(v, "https://") && !strings.HasPrefix(v, "http://") {
					out = append(out, fmt.Sprintf("<%s %s=%q>: not a web or local address", tok.Data, a.Key, a.Val))
				}
			}
		}
	}
}

// TestInertProblems checks the checker: it must see what the pages must
// not have.
func TestInertProblems(t *testing.T) {
	page := `<p>ok</p><script src="/static/keys.js?v=1"></script><a href="/x">x</a>`
	if p := inertProblems(page); len(p) != 0 {
		t.Errorf("a harmless page: %v", p)
	}
	for _, bad := range []string{
		`<script>alert(1)</script>`,
		`<img src=x onerror=alert(1)>`,
		`<a href="javascript:alert(1)">here</a>`,
		`<a href=" JavaScript:alert(1)">here</a>`,
		`<span onmouseover="alert(1)">x</span>`,
		`<b>bold</b>`,
	} {
		if p := inertProblems(page + bad); len(p) == 0 {
			t.Errorf("%s passes", bad)
		}
	}
}
