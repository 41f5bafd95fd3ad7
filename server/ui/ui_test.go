package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/quotewire/quotewire"
)

// checkPage checks what every HTML reply must be: its type, the
// security headers, a whole document.
func checkPage(t *testing.T, r response) {
	t.Helper()
	for name, want := range map[string]string{
		"Content-Type":            "text/html; charset=utf-8",
		"Content-Security-Policy": ContentSecurityPolicy,
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "same-origin",
	} {
		if got := r.header.Get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if !strings.HasPrefix(r.body, "<!doctype html>") || !strings.HasSuffix(strings.TrimSpace(r.body), "</html>") {
		t.Errorf("not a whole HTML document: %.200s", r.body)
	}
	for _, tag := range []string{"<main", "<nav", "<header", `class="skip" href="#main"`} {
		if !strings.Contains(r.body, tag) {
			t.Errorf("the page lacks %s", tag)
		}
	}
	// the policy allows no inline script or style
	for _, bad := range []string{"<style", " style=", "<script>", " onclick=", " onload="} {
		if strings.Contains(r.body, bad) {
			t.Errorf("the page has %q, which the policy blocks", bad)
		}
	}
}

// pageCheck checks a page's body.
type pageCheck func(t *testing.T, body string)

// has checks that a page holds every one of parts.
func has(parts ...string) pageCheck {
	return func(t *testing.T, body string) {
		for _, p := range parts {
			if !strings.Contains(body, p) {
				t.Errorf("the page lacks %s", p)
			}
		}
	}
}

// lacks checks that a page holds none of parts.
func lacks(parts ...string) pageCheck {
	return func(t *testing.T, body string) {
		for _, p := range parts {
			if strings.Contains(body, p) {
				t.Errorf("the page has %s", p)
			}
		}
	}
}

// both runs every one of checks.
func both(checks ...pageCheck) pageCheck {
	return func(t *testing.T, body string) {
		for _, c := range checks {
			c(t, body)
		}
	}
}

func TestPages(t *testing.T) {
	f := testFixture(t)
	h := New(Config{Store: f.store, Logger: quiet()}).Handler()
	tests := []struct {
		name, target string
		status       int
		check        func(t *testing.T, body string)
	}{
		{"overview", "/", 200, has("In the store", "<dd>48</dd>", "Most quoted", fmt.Sprintf(`href="/speakers/%d">Anna Budgetova</a>`, f.budgetova), `<label for="q">`)},
		{"search", "/?q=budget", 200, has("Statements 1–20", `class="cards" start="1"`, "Anna Budgetova</a>", `<span class="role">, Minister</span>`,
			`rel="next" href="/?page=2&amp;q=budget"`, "would grow by", `href="https://`)},
		{"search page 3", "/?q=budget&page=3", 200, both(has("Statements 41–45", `rel="prev" href="/?page=2&amp;q=budget"`), lacks(`rel="next"`))},
		{"search past the end", "/?q=budget&page=9", 200, has("No quotes found", "no more results")},
		{"search by speaker", "/?speaker=Lavrov", 200, has("Statements 1–", "peace process", "Sergey Lavrov")},
		{"search by outlet", "/?outlet=wire.example&q=budget", 200, both(has("Statements 1–15", "wire.example"), lacks("news.example</a>"))},
		{"search by entity", "/?entity=Budgetova&from=2018-03&to=2018-03", 200, has("Statements 1–", "2018-03-")},
		{"search nothing", "/?q=zebra", 200, has("No quotes found")},
		{"search phrase", "/?q=%22peace+process%22", 200, has("Statements 1–2", "for “&#34;peace process&#34;”")},
		{"search bad query", "/?q=%22unclosed", 400, has(`role="alert"`, "not closed", `value="&#34;unclosed"`)},
		{"search bad date", "/?q=budget&from=yesterday", 400, has(`role="alert"`, "yesterday", "YYYY-MM-DD")},
		{"search bad page", "/?q=budget&page=0", 400, has(`role="alert"`, "Page &#34;0&#34;")},
		{"search long field", "/?q=" + strings.Repeat("a", 1001), 400, has("too long")},
		{"search filters open", "/?speaker=Lavrov", 200, has(`<details class="filters" open>`, `value="Lavrov"`, "Clear filters")},

		{"article", "/articles/" + f.seed.Key, 200, has("KRASNODAR", "<article", `data-speaker="Sergey Lavrov"`, `class="q q-cue"`, `class="q q-source"`,
			"Legend", "Repeated sentences", "2 times", "People", "Places", "Jabhat al-Nusra", fmt.Sprintf(`href="/speakers/%d"`, f.lavrov),
			fmt.Sprintf(`href="/quotations/%d"`, f.seedQuot), "confidence 0.", `<time datetime="2017-10-04">`)},
		{"article of a card", "/articles/" + corpus()[0].Key, 200, has(`id="q-20"`, "tass.com", `href="https://tass.com/politics/1"`)},
		{"unknown article", "/articles/nope", 404, has("no article", "nope")},
		{"long article key", "/articles/" + strings.Repeat("k", 300), 404, nil},

		{"speaker", fmt.Sprintf("/speakers/%d", f.lavrov), 200, has("<h1 id=\"name\">Sergey Lavrov</h1>", "Sergei Lavrov", "Russian Foreign Minister",
			"<svg", `<rect class="bar"`, "2017-10: 12 statements", "Latest statements", "peace process", `<option value="month" selected>`,
			"Talks about", `href="/?about=Erdogan&amp;speaker=Sergey&#43;Lavrov">Erdogan</a>`)},
		{"search about", "/?about=Erdogan&speaker=Sergey+Lavrov", 200, both(has("Ankara", `id="about" name="about" value="Erdogan"`), lacks("peace process"))},
		{"speaker by week on a topic", fmt.Sprintf("/speakers/%d?q=peace&period=week", f.lavrov), 200, has("Statements per week about “peace”",
			`<option value="week" selected>`, "2 statements", "Statements about “peace”")},
		{"speaker topic without quotes", fmt.Sprintf("/speakers/%d?q=zebra", f.lavrov), 200, has("No dated statements about “zebra”", "No statements about")},
		{"speaker more", fmt.Sprintf("/speakers/%d", f.budgetova), 200, has("More of their quotes", "/?speaker=Anna&#43;Budgetova")},
		{"speaker bad period", fmt.Sprintf("/speakers/%d?period=day", f.lavrov), 400, has(`role="alert"`, "week, month or year")},
		{"speaker bad topic", fmt.Sprintf("/speakers/%d?q=%%22x", f.lavrov), 400, has(`role="alert"`, "not closed")},
		{"unknown speaker", "/speakers/999999", 404, has("999999")},
		{"speaker not a number", "/speakers/lavrov", 404, has("numbered")},

		{"quotation", fmt.Sprintf("/quotations/%d", f.statement), 200, has("Reported 2 times by 2 outlets", "First report", "tass.com", "example.org",
			"<del>&#34;</del>contacts with the UN", "<del>.</del><del>&#34;</del><ins>,</ins>", `href="https://example.org/news/2"`)},
		{"unknown quotation", "/quotations/999999", 404, has("999999")},
		{"quotation zero", "/quotations/0", 404, nil},

		{"no such page", "/nope", 404, has("Not Found", "no page at this address")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			r := get(t, h, tt.target)
			if d := time.Since(start); d > 500*time.Millisecond {
				t.Errorf("%s took %v", tt.target, d)
			}
			if r.status != tt.status {
				t.Errorf("GET %s: status %d, want %d", tt.target, r.status, tt.status)
			}
			checkPage(t, r)
			if tt.check != nil {
				tt.check(t, r.body)
			}
		})
	}
}

// element matches one quote element of the article page.
var element = regexp.MustCompile(`<(mark|span) class="q q-(content|cue|source)[^"]*" data-quote-id="(\d+)" data-speaker="([^"]*)" data-role="([a-z]+)" title="([^"]*)"`)

func TestArticleQuotes(t *testing.T) {
	f := testFixture(t)
	h := New(Config{Store: f.store, Logger: quiet()}).Handler()
	r := get(t, h, "/articles/"+f.seed.Key)
	if r.status != 200 {
		t.Fatalf("status %d", r.status)
	}
	a := f.seed.Analysis
	if len(a.Quotes) < 5 {
		t.Fatalf("the founding article has %d quotes", len(a.Quotes))
	}
	content := map[int]string{} // quote index: the element of its content
	roles := map[string]bool{}
	for _, m := range element.FindAllStringSubmatch(r.body, -1) {
		var i int
		fmt.Sscan(m[3], &i)
		if i < 0 || i >= len(a.Quotes) {
			t.Fatalf("data-quote-id %d out of range", i)
		}
		q := a.Quotes[i]
		want := ""
		if q.Speaker != nil {
			want = q.Speaker.Name
		}
		if m[4] != want {
			t.Errorf("quote %d: data-speaker %q, want %q", i, m[4], want)
		}
		if m[2] != m[5] {
			t.Errorf("quote %d: class q-%s with data-role %s", i, m[2], m[5])
		}
		roles[m[5]] = true
		if m[5] == RoleContent && (!strings.Contains(m[6], string(q.Type)) || !strings.Contains(m[6], "confidence")) {
			t.Errorf("quote %d: title %q lacks its type and confidence", i, m[6])
		}
		if m[5] == RoleContent {
			content[i] = m[1]
		}
	}
	for i := range a.Quotes {
		if content[i] != "mark" {
			t.Errorf("quote %d has no <mark> content element", i)
		}
	}
	for _, role := range []string{RoleContent, RoleCue, RoleSource} {
		if !roles[role] {
			t.Errorf("no %s element", role)
		}
	}
	if !strings.Contains(r.body, `data-speaker="Sergey Lavrov"`) {
		t.Errorf("no quote is Sergey Lavrov's")
	}
	// the page's text, markup taken out, is the article's text
	text := regexp.MustCompile(`(?s)<div class="text">(.*?)</div>`).FindStringSubmatch(r.body)
	if text == nil {
		t.Fatal("no text")
	}
	plain := html2text(text[1])
	if got, want := strings.Join(strings.Fields(plain), " "), strings.Join(strings.Fields(a.Text), " "); got != want {
		t.Errorf("the page's text differs from the article's:\n got %.300s\nwant %.300s", got, want)
	}
}

// html2text drops tags (a paragraph's end is a space) and undoes the
// escapes html/template writes.
func html2text(s string) string {
	s = strings.ReplaceAll(s, "</p>", " ")
	return html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(s, ""))
}

func TestPaginationKeepsFilters(t *testing.T) {
	f := testFixture(t)
	h := New(Config{Store: f.store, Logger: quiet()}).Handler()
	filters := url.Values{"q": {"budget"}, "speaker": {"Budgetova"}, "outlet": {"news.example"}, "entity": {"Anna Budgetova"},
		"from": {"2018"}, "to": {"2018-12-31"}}
	// 15 quotes in news.example: one page; over all outlets, three
	target := "/?" + filters.Encode()
	r := get(t, h, target)
	if r.status != 200 || !strings.Contains(r.body, "Statements 1–15") {
		t.Fatalf("GET %s: %d\n%s", target, r.status, r.body)
	}
	filters.Del("outlet")
	link := regexp.MustCompile(`rel="(prev|next)" href="([^"]*)"`)
	page, seen := "/?"+filters.Encode(), 0
	for range 3 {
		r := get(t, h, page)
		if r.status != 200 {
			t.Fatalf("GET %s: %d", page, r.status)
		}
		seen += strings.Count(r.body, `<li class="card">`)
		page = ""
		for _, m := range link.FindAllStringSubmatch(r.body, -1) {
			u, err := url.Parse(html.UnescapeString(m[2]))
			if err != nil {
				t.Fatal(err)
			}
			got := u.Query()
			for name := range filters {
				if got.Get(name) != filters.Get(name) {
					t.Errorf("%s link %s: %s = %q, want %q", m[1], m[2], name, got.Get(name), filters.Get(name))
				}
			}
			if m[1] == "next" {
				page = u.String()
			}
		}
		if page == "" {
			break
		}
	}
	if seen != 45 {
		t.Errorf("paging showed %d quotes, want 45", seen)
	}
}

func TestHandlerErrors(t *testing.T) {
	u := New(Config{Store: newStore(t), Logger: quiet()})
	h := u.Handler()
	tests := []struct {
		method, target string
		status         int
		allow          string
	}{
		{"GET", "/no/such/page", 404, ""},
		{"POST", "/", 405, "GET, HEAD"},
		{"DELETE", "/speakers/1", 405, "GET, HEAD"},
		{"GET", "/static/nope.css", 404, ""},
		{"GET", "/static/../ui.go", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.target, func(t *testing.T) {
			r := do(t, h, tt.method, tt.target)
			if r.status != tt.status {
				t.Errorf("status %d, want %d", r.status, tt.status)
			}
			if got := r.header.Get("Allow"); got != tt.allow {
				t.Errorf("Allow = %q, want %q", got, tt.allow)
			}
			checkPage(t, r)
		})
	}
}

func TestEmptyStore(t *testing.T) {
	h := New(Config{Store: newStore(t), Logger: quiet()}).Handler()
	r := get(t, h, "/")
	if r.status != 200 || !strings.Contains(r.body, "The store is empty") {
		t.Errorf("empty store: %d %s", r.status, r.body)
	}
}

func TestStatic(t *testing.T) {
	u := New(Config{Store: newStore(t), Logger: quiet()})
	h := u.Handler()
	for _, name := range []string{"style.css", "keys.js"} {
		t.Run(name, func(t *testing.T) {
			versioned, err := u.assetURL(name)
			if err != nil {
				t.Fatal(err)
			}
			r := get(t, h, versioned)
			if r.status != 200 || len(r.body) < 100 {
				t.Fatalf("GET %s: %d, %d bytes", versioned, r.status, len(r.body))
			}
			wantType := map[string]string{"style.css": "text/css; charset=utf-8", "keys.js": "text/javascript; charset=utf-8"}[name]
			if got := r.header.Get("Content-Type"); got != wantType {
				t.Errorf("Content-Type = %q, want %q", got, wantType)
			}
			if got := r.header.Get("Cache-Control"); !strings.Contains(got, "immutable") {
				t.Errorf("a versioned asset has Cache-Control %q", got)
			}
			if r.header.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("no nosniff")
			}
			if r := get(t, h, "/static/"+name); r.header.Get("Cache-Control") != "no-cache" {
				t.Errorf("an unversioned asset has Cache-Control %q", r.header.Get("Cache-Control"))
			}
			// the page links the current version
			page := get(t, h, "/")
			if !strings.Contains(page.body, strings.ReplaceAll(versioned, "&", "&amp;")) {
				t.Errorf("the page does not link %s", versioned)
			}
			// conditional requests
			req := httptest.NewRequest("GET", versioned, nil)
			req.Header.Set("If-None-Match", r.header.Get("ETag"))
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusNotModified {
				t.Errorf("If-None-Match: status %d, want 304", rec.Code)
			}
		})
	}
}

// failing is a Reader whose Search, Article and Stats fail with err.
type failing struct {
	Reader
	err error
}

func (f failing) Search(ctx context.Context, q quotewire.Query) ([]quotewire.Hit, error) {
	return nil, f.err
}
func (f failing) Article(ctx context.Context, key string) (*quotewire.Record, error) {
	return nil, f.err
}
func (f failing) Stats(ctx context.Context) (quotewire.Stats, error) { return quotewire.Stats{}, f.err }

func TestInternalErrorsAreHidden(t *testing.T) {
	var logs bytes.Buffer
	var mu sync.Mutex
	logger := slog.New(slog.NewTextHandler(writerFunc(func(p []byte) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		return logs.Write(p)
	}), nil))
	h := New(Config{Store: failing{err: errors.New("SQL logic error: no such table: quotes_fts")}, Logger: logger}).Handler()
	for _, target := range []string{"/", "/?q=x", "/articles/abc"} {
		r := get(t, h, target)
		if r.status != 500 {
			t.Errorf("GET %s: status %d, want 500", target, r.status)
		}
		checkPage(t, r)
		if strings.Contains(r.body, "SQL") {
			t.Errorf("GET %s shows the store's error", target)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if !strings.Contains(logs.String(), "no such table") {
		t.Errorf("the cause was not logged: %s", logs.String())
	}
	h = New(Config{Store: failing{err: context.DeadlineExceeded}, Logger: quiet()}).Handler()
	if r := get(t, h, "/?q=x"); r.status != 503 {
		t.Errorf("timeout: status %d, want 503", r.status)
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// counting counts the store's Stats calls.
type counting struct {
	Reader
	mu    sync.Mutex
	stats int
}

func (c *counting) Stats(ctx context.Context) (quotewire.Stats, error) {
	c.mu.Lock()
	c.stats++
	c.mu.Unlock()
	return c.Reader.Stats(ctx)
}

func TestOverviewIsCached(t *testing.T) {
	c := &counting{Reader: newStore(t, corpus()...)}
	var mu sync.Mutex
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	calls := func() int { c.mu.Lock(); defer c.mu.Unlock(); return c.stats }
	h := New(Config{Store: c, Logger: quiet(), Now: clock}).Handler()
	get(t, h, "/")
	get(t, h, "/")
	advance(59 * time.Second)
	get(t, h, "/")
	if n := calls(); n != 1 {
		t.Errorf("%d Stats calls within a minute, want 1", n)
	}
	// after a minute the page is served at once from the old counts while
	// new ones are made in the background
	advance(2 * time.Second)
	if r := get(t, h, "/"); r.status != 200 {
		t.Fatalf("stale overview: %d", r.status)
	}
	for deadline := time.Now().Add(5 * time.Second); calls() != 2; {
		if time.Now().After(deadline) {
			t.Fatalf("%d Stats calls after a minute, want 2", calls())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestWebURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://tass.com/politics/1", "https://tass.com/politics/1"},
		{"http://example.org/a?b=c#d", "http://example.org/a?b=c#d"},
		{"HTTPS://Example.org/", "https://Example.org/"},
		{" https://example.org/ ", "https://example.org/"},
		{"javascript:alert(1)", ""},
		{"JavaScript://example.org/%0Aalert(1)", ""},
		{"data:text/html,<script>alert(1)</script>", ""},
		{"//example.org/a", ""},
		{"/articles/x", ""},
		{"ftp://example.org/", ""},
		{"https://", ""},
		{"https://exa mple.org/", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := webURL(tt.in); got != tt.want {
			t.Errorf("webURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMainRole(t *testing.T) {
	tests := []struct {
		roles []string
		want  string
	}{
		{nil, ""},
		{[]string{"President", "US President", "United States President"}, "United States President"},
		{[]string{"the man who said the budget would grow every year"}, ""},
		{[]string{"b chair", "a chair"}, "a chair"},
	}
	for _, tt := range tests {
		if got := mainRole(tt.roles); got != tt.want {
			t.Errorf("mainRole(%q) = %q, want %q", tt.roles, got, tt.want)
		}
	}
}

func TestFormatInt(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -4200: "-4,200"} {
		if got := formatInt(n); got != want {
			t.Errorf("formatInt(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestSpeakerWikidata: a linked speaker's page links to the item and
// shows its description from the store's index.
func TestSpeakerWikidata(t *testing.T) {
	s := newStore(t, seedRecord(t))
	ctx := context.Background()
	imp, err := s.BeginWikidataImport(ctx, "test")
	if err != nil {
		t.Fatal(err)
	}
	if err := imp.Add(ctx, []quotewire.WikidataEntity{{ID: "Q901", Kind: quotewire.WikidataPerson, Label: "Sergey Lavrov", Description: "Russian diplomat"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := imp.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	sps, err := s.Speakers(ctx, "Lavrov", nil, 1)
	if err != nil || len(sps) != 1 {
		t.Fatalf("speakers: %v %v", sps, err)
	}
	if err := s.SetWikidata(ctx, sps[0].ID, "Q901", 0.9); err != nil {
		t.Fatal(err)
	}
	h := New(Config{Store: s, Logger: quiet()}).Handler()
	r := get(t, h, fmt.Sprintf("/speakers/%d", sps[0].ID))
	if r.status != 200 || !strings.Contains(r.body, `href="https://www.wikidata.org/wiki/Q901"`) || !strings.Contains(r.body, "Russian diplomat") {
		t.Errorf("status %d; the page lacks the Wikidata link or description", r.status)
	}
}

// TestSpeakerNames: the speaker page lists each name with the rule that
// joined it on hover, and links to the full explanation; roles show
// under their canonical name, with the forms written on hover.
func TestSpeakerNames(t *testing.T) {
	s := newStore(t, corpus()...)
	ctx := context.Background()
	sps, err := s.Speakers(ctx, "Lavrov", nil, 1)
	if err != nil || len(sps) != 1 {
		t.Fatalf("speakers: %v %v", sps, err)
	}
	h := New(Config{Store: s, Logger: quiet()}).Handler()
	r := get(t, h, fmt.Sprintf("/speakers/%d", sps[0].ID))
	for _, want := range []string{`title="new entity; first 2017-10-05">Sergey Lavrov</li>`, `title="surname and given names: sergei ~ sergey; first 2017-10-06">Sergei Lavrov</li>`,
		fmt.Sprintf(`href="/api/entities/%d/explain"`, sps[0].ID),
		`<li title="Written: Russian Foreign Minister">Foreign Minister of Russia <span class="when">2017-10-05</span></li>`} {
		if !strings.Contains(r.body, want) {
			t.Errorf("the speaker page lacks %s", want)
		}
	}
}

// countingRelated counts the store's reads of a speaker's related
// entities.
type countingRelated struct {
	Reader
	mu    sync.Mutex
	reads int
}

func (c *countingRelated) CoMentioned(ctx context.Context, id int64, limit int) ([]quotewire.SpeakerCount, error) {
	c.mu.Lock()
	c.reads++
	c.mu.Unlock()
	return c.Reader.CoMentioned(ctx, id, limit)
}

// TestSpeakerCountsAreCached checks that a speaker page's related
// entities are counted once per OverviewTTL and speaker, whatever the
// page's topic or period, and every time when caching is off.
func TestSpeakerCountsAreCached(t *testing.T) {
	st := newStore(t, corpus()...)
	hits, err := st.Search(context.Background(), quotewire.Query{Speaker: "Lavrov", Limit: 1})
	if err != nil || len(hits) == 0 {
		t.Fatalf("no quote of Lavrov: %v", err)
	}
	page := fmt.Sprintf("/speakers/%d", hits[0].SpeakerID)
	var mu sync.Mutex
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	c := &countingRelated{Reader: st}
	u := New(Config{Store: c, Logger: quiet(), Now: clock})
	h := u.Handler()
	for _, p := range []string{page, page + "?period=year", page + "?q=syria"} {
		if r := get(t, h, p); r.status != 200 {
			t.Fatalf("GET %s: %d", p, r.status)
		}
	}
	if c.reads != 1 {
		t.Errorf("%d reads of the related entities for three views within a minute, want 1", c.reads)
	}
	mu.Lock()
	now = now.Add(61 * time.Second)
	mu.Unlock()
	// after a minute the kept counts are served while fresh ones are
	// counted in the background
	if r := get(t, h, page); r.status != 200 {
		t.Errorf("after a minute: status %d", r.status)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		c.mu.Lock()
		n := c.reads
		c.mu.Unlock()
		if n == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after a minute: %d reads, want 2 (a recount in the background)", n)
		}
		time.Sleep(10 * time.Millisecond)
	}
	for len(u.recount) > 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond) // the recount keeps its counts, then frees its turn
	}
	get(t, h, page)
	if c.reads != 2 {
		t.Errorf("counted again in the background: %d reads after one more view, want 2", c.reads)
	}

	off := &countingRelated{Reader: st}
	h = New(Config{Store: off, Logger: quiet(), OverviewTTL: -1}).Handler()
	get(t, h, page)
	get(t, h, page)
	if off.reads != 2 {
		t.Errorf("caching off: %d reads for two views, want 2", off.reads)
	}
}
