package htmlfile

import (
	"errors"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/quotewire/quotewire"
)

const newsPath = "testdata/news.html"

func TestNewsPage(t *testing.T) {
	f, err := os.Open(newsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := NewReader(f, newsPath, Options{})
	a, err := r.Next()
	if err != nil {
		t.Fatalf("Next: %v", err)
	}
	checks := []struct{ field, got, want string }{
		{"ID", a.ID, "news"},
		{"Title", a.Title, "Lavrov says US-led coalition not fighting Nusra"},
		{"Date", a.Date, "2017-10-04"},
		{"Origin", a.Origin.String(), newsPath},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	if !strings.HasPrefix(a.URL, "https://worldwire.example.com/world/2017/10/04/lavrov-nusra") {
		t.Errorf("URL = %q, want the page's canonical or og:url", a.URL)
	}
	wantParas := []string{
		"Lavrov says US-led coalition not fighting Nusra",
		"KRASNODAR, October 4. Moscow sees no serious efforts by the US-led coalition to fight against the Jabhat al-Nusra terrorist group, Russian Foreign Minister Sergey Lavrov said on Wednesday.",
		`"Until recently, already after the new administration came to power, we don't see any serious efforts by the coalition to fight Nusra," Lavrov told a news conference after talks with his Qatari counterpart.`,
		`According to the minister, there are grounds to believe that the militants of the group are being spared. "This is a question that we have repeatedly raised with our American partners," he said.`,
		"Lavrov added that Moscow hoped the agreements on the de-escalation zones would be carried out in full, and that the Astana format had proven its worth.",
		`The minister also said that Russia would continue to support the Syrian government in its fight against terrorism "until the final victory."`,
	}
	if got, want := a.Text, strings.Join(wantParas, "\n\n"); got != want {
		t.Errorf("Text:\ngot  %q\nwant %q", got, want)
	}
	for _, leak := range []string{"LEAK", "dataLayer", "gtag", "font-family", "Subscribe", "Privacy", "pixel"} {
		if strings.Contains(a.Text, leak) {
			t.Errorf("Text contains %q from outside the article", leak)
		}
	}
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("second Next: %v, want io.EOF", err)
	}
}

// failingTransport fails the test on any HTTP request.
type failingTransport struct{ t *testing.T }

func (f failingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	f.t.Errorf("network request to %s", req.URL)
	return nil, errors.New("no network in tests")
}

// TestNoNetwork checks that reading a page with links, images and URLs
// in its metadata fetches nothing through the default HTTP client.
func TestNoNetwork(t *testing.T) {
	old := http.DefaultTransport
	http.DefaultTransport = failingTransport{t}
	defer func() { http.DefaultTransport = old }()
	data, err := os.ReadFile(newsPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse(newsPath, data, Options{}); err != nil {
		t.Fatal(err)
	}
	short := `<html><head><link rel="canonical" href="http://example.com/x"></head><body><img src="http://example.com/a.png"><p>Short.</p></body></html>`
	if _, err := Parse("short.html", []byte(short), Options{}); err != nil {
		t.Fatal(err)
	}
}

func TestPages(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		text  string
		title string
	}{
		{
			name: "unclosed tags",
			in:   "<p>unclosed <b>bold <i>italic <p>next para <div>div <span>span",
			text: "unclosed bold italic\n\nnext para\n\ndiv span",
		},
		{
			name: "short article",
			in:   "<html><body><article><p>First paragraph is short.</p><p>Second one too.</p></article></body></html>",
			text: "First paragraph is short.\n\nSecond one too.",
		},
		{
			name: "text in divs only",
			in:   "<html><body><div>Text in a div only.</div><div>Another div.</div></body></html>",
			text: "Text in a div only.\n\nAnother div.",
		},
		{
			name: "loose text and br, no boilerplate",
			in:   "<html><body><nav>Home | World</nav><span>Text in a span.</span> Loose   text.<br>After br.<footer>(c) me</footer></body></html>",
			text: "Text in a span. Loose text.\nAfter br.",
		},
		{
			name: "JSON-LD article body",
			in: `<html><head><title>JS page</title><script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","articleBody":"The body from JSON-LD is here.\nIt is long enough to be chosen over the empty page, at more than a hundred characters."}]}</script></head>` +
				`<body><div id="app"></div><script>render()</script></body></html>`,
			text:  "The body from JSON-LD is here.\n\nIt is long enough to be chosen over the empty page, at more than a hundred characters.",
			title: "JS page",
		},
		{
			name: "plain text",
			in:   "plain text, no tags at all",
			text: "plain text, no tags at all",
		},
		{
			name: "entities and soft hyphens",
			in:   "<p>Caf&eacute; &amp; &lt;bar&gt; in&shy;cred&shy;ible 10&nbsp;km &#x1F600;</p>",
			text: "Café & <bar> incredible 10 km 😀", // trafilatura turns NBSP into a space
		},
		{
			name: "NUL and bad bytes",
			in:   "<html><body><p>\x00nul\x00 caf\xe9</p></body></html>",
			text: "nul café",
		},
		{
			name: "declared windows-1251",
			in:   "<html><head><meta charset=\"windows-1251\"></head><body><p>\xcb\xe0\xe2\xf0\xee\xe2 \xf1\xea\xe0\xe7\xe0\xeb.</p></body></html>",
			text: "Лавров сказал.",
		},
		{
			name: "UTF-16 with byte order mark",
			in:   "\xff\xfe<\x00p\x00>\x00H\x00i\x00!\x00<\x00/\x00p\x00>\x00",
			text: "Hi!",
		},
		{
			name: "just under the depth limit",
			in:   strings.Repeat("<div>", 450) + "deep text" + strings.Repeat("</div>", 450),
			text: "deep text",
		},
		{
			name: "many unclosed paragraphs",
			in:   strings.Repeat("<p>para", 2000),
			text: strings.TrimSuffix(strings.Repeat("para\n\n", 2000), "\n\n"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			a, err := Parse("dir/page.htm", []byte(tt.in), Options{})
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("Parse took %v", d)
			}
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if a.Text != tt.text {
				t.Errorf("Text = %q, want %q", a.Text, tt.text)
			}
			if a.Title != tt.title {
				t.Errorf("Title = %q, want %q", a.Title, tt.title)
			}
			if a.ID != "page" {
				t.Errorf("ID = %q, want page", a.ID)
			}
		})
	}
}

func TestBadPages(t *testing.T) {
	tests := []struct {
		name string
		in   string
		opts Options
		want error
	}{
		{"empty", "", Options{}, quotewire.ErrEmpty},
		{"white space", " \n\t ", Options{}, quotewire.ErrEmpty},
		{"script only", "<script>var s = 'he said the sky is falling, at length';</script>", Options{}, ErrNoText},
		{"scripts and styles", "<html><head><style>p{}</style><script>a()</script></head><body><script>b()</script></body></html>", Options{}, ErrNoText},
		{"boilerplate only", "<html><body><nav><a href=/>Home</a></nav><footer>(c) 2017</footer></body></html>", Options{}, ErrNoText},
		{"comment only", "<!-- nothing here -->", Options{}, ErrNoText},
		{"deep divs", strings.Repeat("<div>x", 100000), Options{}, ErrTooDeep},
		{"deep spans", strings.Repeat("<span><b>", 3000), Options{}, ErrTooDeep},
		{"deeper than the parser allows", strings.Repeat("<ul><li>", 300) + "x", Options{}, ErrTooDeep},
		{"depth option", strings.Repeat("<div>", 11) + "x", Options{MaxDepth: 10}, ErrTooDeep},
		{"too large", "<p>" + strings.Repeat("x", 100) + "</p>", Options{MaxBytes: 50}, quotewire.ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const name = "in/hostile.html"
			start := time.Now()
			r := NewReader(strings.NewReader(tt.in), name, tt.opts)
			_, err := r.Next()
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("Next took %v", d)
			}
			var rerr *quotewire.RecordError
			if !errors.As(err, &rerr) {
				t.Fatalf("Next: %v, want a *quotewire.RecordError", err)
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("Next: %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), name) {
				t.Errorf("error %q does not name the file", err)
			}
			if _, err := r.Next(); err != io.EOF {
				t.Errorf("Next after the error: %v, want io.EOF", err)
			}
		})
	}
}

func TestNoTextMessage(t *testing.T) {
	_, err := Parse("page.html", []byte("<script>x()</script>"), Options{})
	if got, want := err.Error(), "page.html: no article text found"; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
}

func TestNesting(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want bool
	}{
		{strings.Repeat("<div>", 5), 5, true},
		{strings.Repeat("<div>", 6), 5, false},
		{strings.Repeat("<div></div>", 100), 1, true},
		{strings.Repeat("<p>x", 100), 1, true},
		{strings.Repeat("<li>x", 100) + strings.Repeat("<br><img>", 100), 1, true},
		{"<div><span><b>" + strings.Repeat("</div><div><span><b>", 100), 3, true},
		{"<div>" + strings.Repeat("</span>", 10) + "<div>", 1, false},
		{"<script>" + strings.Repeat("<div>", 100) + "</script>", 1, true},
	}
	for _, tt := range tests {
		if got := nesting([]byte(tt.in), tt.max); got != tt.want {
			t.Errorf("nesting(%.40q, %d) = %v, want %v", tt.in, tt.max, got, tt.want)
		}
	}
}

func TestReadError(t *testing.T) {
	cause := errors.New("disk on fire")
	r := NewReader(io.MultiReader(strings.NewReader("<p>start"), errReader{cause}), "in/page.html", Options{})
	_, err := r.Next()
	var rerr *quotewire.RecordError
	if !errors.Is(err, cause) || errors.As(err, &rerr) || !strings.Contains(err.Error(), "in/page.html") {
		t.Errorf("Next: %v, want an input error naming the file", err)
	}
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

func FuzzHTML(f *testing.F) {
	news, err := os.ReadFile(newsPath)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(news)
	for _, s := range []string{
		"<p>unclosed <b>bold <i>italic <p>next para <div>div <span>span",
		"<script>alert(1)</script>",
		`<script type="application/ld+json">{"articleBody":"<p>x</p>"}</script>`,
		"<table><tr><td>a<td>b<tr><td>c</table>",
		"<p>\x00\xff\xfe</p>",
		"\xff\xfe<\x00p\x00>\x00",
		"<meta charset=shift_jis><p>\x82\xa0</p>",
		"<svg><p>x</svg><math><mi>y</math>",
		"<pre>  a\n  b</pre><br><br>",
		"plain",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Parse("fuzz.html", data, Options{MaxDepth: 200})
		if err != nil {
			var rerr *quotewire.RecordError
			if !errors.As(err, &rerr) {
				t.Fatalf("Parse: %v is not a RecordError", err)
			}
			if strings.Contains(err.Error(), "panic") {
				t.Fatalf("extractor panicked: %v", err)
			}
			return
		}
		for _, s := range []string{a.Text, a.Title, a.URL, a.Date} {
			if !utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0 {
				t.Fatalf("field %q is not valid UTF-8 text", s)
			}
		}
		if strings.TrimSpace(a.Text) == "" {
			t.Fatal("empty Text")
		}
	})
}

func BenchmarkHTML(b *testing.B) {
	data, err := os.ReadFile(newsPath)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(newsPath, data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
