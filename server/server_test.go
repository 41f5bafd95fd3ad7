package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/server/ui"
	"github.com/quotewire/quotewire/store/sqlite"
	"github.com/quotewire/quotewire/store/storetest"
)

// quote is a quote of a test article: its content must occur in the text.
type quote struct {
	content, speaker string
}

// entity is an entity of a test article.
type entity struct {
	name  string
	typ   quotewire.EntityType
	roles []string
}

// article builds a hand-made record with storetest.Article.
func article(id, url, date, outlet, text string, ents []entity, quotes []quote) quotewire.Record {
	es := make([]storetest.Entity, len(ents))
	for i, e := range ents {
		es[i] = storetest.Entity{Name: e.name, Type: e.typ, Roles: e.roles}
	}
	qs := make([]storetest.Quote, len(quotes))
	for i, q := range quotes {
		qs[i] = storetest.Quote{Content: q.content, Speaker: q.speaker}
	}
	return storetest.Article(id, url, date, outlet, text, es, qs)
}

// corpus is a small archive: Lavrov in three spellings over three outlets,
// a quote reported twice, the Clintons.
func corpus() []quotewire.Record {
	recs := []quotewire.Record{
		article("a1", "https://tass.com/politics/1", "2017-10-04", "tass.com",
			"Russian Foreign Minister Sergey Lavrov said contacts with the UN on Syria are very important for the peace process.",
			[]entity{{"Sergey Lavrov", quotewire.Person, []string{"Russian Foreign Minister"}}, {"UN", quotewire.Organization, nil}},
			[]quote{{"contacts with the UN on Syria are very important for the peace process", "Sergey Lavrov"}}),
		article("a2", "https://example.org/news/2", "2017-10-05", "example.org",
			"Sergei Lavrov told reporters that contacts with the UN on Syria are very important for the peace process. He also said sanctions would fail.",
			[]entity{{"Sergei Lavrov", quotewire.Person, nil}},
			[]quote{{"contacts with the UN on Syria are very important for the peace process", "Sergei Lavrov"}, {"sanctions would fail", "Sergei Lavrov"}}),
		article("a3", "https://example.org/news/3", "2017-11-20", "example.org",
			"Lavrov, the foreign minister, said negotiations in Geneva were going nowhere.",
			[]entity{{"Lavrov", quotewire.Person, []string{"foreign minister"}}, {"Geneva", quotewire.Place, nil}},
			[]quote{{"negotiations in Geneva were going nowhere", "Lavrov"}}),
		article("a4", "https://news.example.com/4", "2016-09-01", "news.example.com",
			`Hillary Clinton said the debate was decisive. Bill Clinton said the campaign was strong. <script>alert("x")</script>`,
			[]entity{{"Hillary Clinton", quotewire.Person, []string{"candidate"}}, {"Bill Clinton", quotewire.Person, []string{"former president"}}},
			[]quote{{"the debate was decisive", "Hillary Clinton"}, {"the campaign was strong", "Bill Clinton"}}),
	}
	// a3's quote has a source and a cue, for the segments
	a := recs[2].Analysis
	a.Quotes[0].Source = &quotewire.TextSpan{Start: 0, End: 6, Text: "Lavrov"}
	a.Quotes[0].Cue = &quotewire.TextSpan{Start: 30, End: 34, Text: "said"}
	return recs
}

// newStore returns a store in a temporary folder holding recs.
func newStore(t testing.TB, recs ...quotewire.Record) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if len(recs) > 0 {
		if _, err := s.Put(context.Background(), recs); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// quietLogger discards what it is given.
func quietLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

// syncBuffer is a bytes.Buffer safe for concurrent writes, for logs.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// response is what a request got.
type response struct {
	status int
	header http.Header
	body   []byte
}

// json decodes the body into v.
func (r response) json(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("body is not JSON: %v\n%s", err, r.body)
	}
}

// errorMessage returns the body's "error".
func (r response) errorMessage(t *testing.T) string {
	t.Helper()
	var e struct{ Error string }
	r.json(t, &e)
	return e.Error
}

// do sends a request to h; header holds "Name: value" lines.
func do(t testing.TB, h http.Handler, method, target, body string, header ...string) response {
	t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	for _, kv := range header {
		k, v, _ := strings.Cut(kv, ":")
		req.Header.Set(k, strings.TrimSpace(v))
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return response{rec.Code, rec.Header(), rec.Body.Bytes()}
}

// checkCommon checks what every reply must be: JSON with nosniff, an
// "error" on failure, never a 500.
func checkCommon(t *testing.T, r response) {
	t.Helper()
	if r.status >= 500 {
		t.Errorf("status %d: %s", r.status, r.body)
	}
	if got := r.header.Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("X-Content-Type-Options = %q", got)
	}
	if got := r.header.Get("Content-Type"); got != "application/json; charset=utf-8" {
		t.Errorf("Content-Type = %q", got)
	}
	if !json.Valid(r.body) {
		t.Errorf("body is not JSON: %s", r.body)
	}
	if r.status >= 400 && r.errorMessage(t) == "" {
		t.Errorf("status %d without an error message: %s", r.status, r.body)
	}
}

// ids finds the ids the route tests use.
type ids struct {
	lavrov, quotation int64
	article, a3       string
}

func findIDs(t *testing.T, s *sqlite.Store) ids {
	t.Helper()
	ctx := context.Background()
	sp, err := s.Speakers(ctx, "lavrov", nil, 1)
	if err != nil || len(sp) != 1 {
		t.Fatalf("Speakers(lavrov) = %v, %v", sp, err)
	}
	hits, err := s.Search(ctx, quotewire.Query{Text: `"peace process"`})
	if err != nil || len(hits) == 0 {
		t.Fatalf("Search = %v, %v", hits, err)
	}
	recs := corpus()
	return ids{lavrov: sp[0].ID, quotation: hits[0].QuotationID, article: recs[3].Key, a3: recs[2].Key}
}

func TestRoutes(t *testing.T) {
	st := newStore(t, corpus()...)
	id := findIDs(t, st)
	h := New(Config{Store: st, Logger: quietLogger(), Version: "test"})
	type check func(t *testing.T, r response)
	quotes := func(n int) check {
		return func(t *testing.T, r response) {
			var p struct {
				Quotes        []quotewire.Hit
				Limit, Offset *int
			}
			r.json(t, &p)
			if len(p.Quotes) != n || p.Limit == nil || p.Offset == nil {
				t.Errorf("got %d quotes (limit %v, offset %v), want %d: %s", len(p.Quotes), p.Limit, p.Offset, n, r.body)
			}
		}
	}
	says := func(words ...string) check {
		return func(t *testing.T, r response) {
			msg := r.errorMessage(t)
			for _, w := range words {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not mention %q", msg, w)
				}
			}
		}
	}
	has := func(words ...string) check {
		return func(t *testing.T, r response) {
			for _, w := range words {
				if !bytes.Contains(r.body, []byte(w)) {
					t.Errorf("body lacks %s: %s", w, r.body)
				}
			}
		}
	}
	tests := []struct {
		name, method, target string
		status               int
		check                check
	}{
		{"health", "GET", "/healthz", 200, has(`{"status":"ok"}`)},
		{"ready", "GET", "/readyz", 200, has(`{"status":"ok"}`)},
		{"ready lax", "GET", "/readyz?probe=1", 200, has(`{"status":"ok"}`)},
		{"stats", "GET", "/api/stats", 200, has(`"articles":4`, `"quotes":6`)},
		{"stats unknown param", "GET", "/api/stats?x=1", 400, says("unknown parameter", "x")},

		{"quotes all", "GET", "/api/quotes", 200, quotes(6)},
		{"quotes text", "GET", "/api/quotes?q=sanctions", 200, quotes(1)},
		{"quotes phrase", "GET", "/api/quotes?q=%22peace+process%22", 200, quotes(2)},
		{"quotes speaker", "GET", "/api/quotes?speaker=Lavrov", 200, quotes(4)},
		{"quotes speaker id", "GET", fmt.Sprintf("/api/quotes?speaker_id=%d", id.lavrov), 200, quotes(4)},
		{"quotes entity", "GET", "/api/quotes?entity=Geneva", 200, quotes(1)},
		{"quotes outlet", "GET", "/api/quotes?outlet=example.org", 200, quotes(3)},
		{"quotes dates", "GET", "/api/quotes?from=2017-10&to=2017-10-04", 200, quotes(1)},
		{"quotes confidence", "GET", "/api/quotes?min_confidence=0.9", 200, quotes(0)},
		{"quotes paging", "GET", "/api/quotes?limit=2&offset=5", 200, func(t *testing.T, r response) {
			quotes(1)(t, r)
			has(`"limit":2`, `"offset":5`)(t, r)
		}},
		{"quotes default limit", "GET", "/api/quotes?q=sanctions", 200, has(`"limit":20`, `"offset":0`)},
		{"bad limit", "GET", "/api/quotes?limit=ten", 400, says("limit", "whole number")},
		{"zero limit", "GET", "/api/quotes?limit=0", 400, says("limit")},
		{"huge limit", "GET", "/api/quotes?limit=1000000", 400, says("limit", "1000")},
		{"negative offset", "GET", "/api/quotes?offset=-1", 400, says("offset")},
		{"bad query", "GET", "/api/quotes?q=%22unclosed", 400, says("not closed")},
		{"only excluded", "GET", "/api/quotes?q=-syria", 400, says("exclude")},
		{"bad date", "GET", "/api/quotes?from=yesterday", 400, says("from", "YYYY-MM-DD")},
		{"a day not in the calendar", "GET", "/api/quotes?speaker=Lavrov&from=2020-02-30", 400, says(`from "2020-02-30": that day is not in the calendar`)},
		{"from after to", "GET", "/api/quotes?speaker=Lavrov&from=2021&to=2020", 400, says(`from "2021": it is after to (2020)`)},
		{"bad min_confidence", "GET", "/api/quotes?speaker=Lavrov&min_confidence=5", 400, says(`min_confidence "5": use a number from 0 to 1`)},
		{"bad limit", "GET", "/api/quotes?speaker=Lavrov&limit=-5", 400, says(`limit "-5": use a whole number from 1 to 1000`)},
		{"bad month", "GET", "/api/quotes?to=2019-13", 400, says("to", "2019-13")},
		{"bad confidence", "GET", "/api/quotes?min_confidence=NaN", 400, says("min_confidence")},
		{"confidence over 1", "GET", "/api/quotes?min_confidence=2", 400, says("min_confidence")},
		{"bad speaker id", "GET", "/api/quotes?speaker_id=lavrov", 400, says("speaker_id")},
		{"typo in parameter", "GET", "/api/quotes?speker=Lavrov", 400, says(`"speker"`, "speaker")},
		{"parameter twice", "GET", "/api/quotes?q=a&q=b", 400, says("q", "once")},
		{"parameter too long", "GET", "/api/quotes?q=" + strings.Repeat("a", 1001), 400, says("too long")},
		{"malformed query string", "GET", "/api/quotes?q=%zz", 400, says("malformed")},
		{"not utf-8", "GET", "/api/quotes?q=%ff%fe", 400, says("UTF-8")},

		{"hostile q", "GET", "/api/quotes?q=" + url.QueryEscape(`'; DROP TABLE quotes; --`), 400, nil},
		{"hostile q words", "GET", "/api/quotes?q=" + url.QueryEscape(`'; DROP TABLE quotes; -- x`), 200, quotes(0)},
		{"hostile fts syntax", "GET", "/api/quotes?q=" + url.QueryEscape(`text:sanctions NEAR(a b) ^x {col}`), 200, nil},
		{"hostile speaker", "GET", "/api/quotes?speaker=" + url.QueryEscape(`O'Brien "the" \ %_ ; --`), 200, quotes(0)},
		{"hostile entity", "GET", "/api/quotes?entity=" + url.QueryEscape(`%' OR 1=1 --`), 200, quotes(0)},
		{"hostile outlet", "GET", "/api/quotes?outlet=" + url.QueryEscape(`x' OR '1'='1`), 200, quotes(0)},
		{"nested parentheses", "GET", "/api/quotes?q=" + strings.Repeat("(", 400) + "a" + strings.Repeat(")", 400), 200, nil},

		{"quotation", "GET", fmt.Sprintf("/api/quotations/%d", id.quotation), 200, func(t *testing.T, r response) {
			var q quotewire.Quotation
			r.json(t, &q)
			if len(q.Occurrences) != 2 || q.Occurrences[0].Date != "2017-10-04" || q.Occurrences[0].Outlet != "tass.com" || q.FirstDate != "2017-10-04" {
				t.Errorf("quotation = %+v, want two occurrences, tass.com first", q)
			}
		}},
		{"quotation, second page of one", "GET", fmt.Sprintf("/api/quotations/%d?limit=1&offset=1", id.quotation), 200, func(t *testing.T, r response) {
			var q quotewire.Quotation
			r.json(t, &q)
			if len(q.Occurrences) != 1 || q.Occurrences[0].Outlet == "tass.com" || q.Reports != 2 || q.Outlets != 2 || q.FirstDate != "2017-10-04" {
				t.Errorf("quotation = %+v, want the second of two reports, both counted", q)
			}
		}},
		{"quotation past its reports", "GET", fmt.Sprintf("/api/quotations/%d?offset=5", id.quotation), 200, func(t *testing.T, r response) {
			var q quotewire.Quotation
			r.json(t, &q)
			if q.Occurrences == nil || len(q.Occurrences) != 0 || q.Reports != 2 {
				t.Errorf("quotation = %+v, want no occurrence ([]) and 2 reports", q)
			}
		}},
		{"quotation, limit 0", "GET", fmt.Sprintf("/api/quotations/%d?limit=0", id.quotation), 400, says("limit")},
		{"quotation, negative offset", "GET", fmt.Sprintf("/api/quotations/%d?offset=-1", id.quotation), 400, says("offset")},
		{"unknown quotation", "GET", "/api/quotations/999999", 404, says("999999")},
		{"bad quotation id", "GET", "/api/quotations/abc", 400, says("abc")},
		{"zero quotation id", "GET", "/api/quotations/0", 400, nil},

		{"speakers", "GET", "/api/speakers", 200, func(t *testing.T, r response) {
			var l struct{ Speakers []quotewire.Speaker }
			r.json(t, &l)
			if len(l.Speakers) != 3 {
				t.Errorf("got %d speakers, want 3: %s", len(l.Speakers), r.body)
			}
		}},
		{"speakers by name", "GET", "/api/speakers?name=lavrov&limit=5", 200, func(t *testing.T, r response) {
			var l struct{ Speakers []quotewire.Speaker }
			r.json(t, &l)
			if len(l.Speakers) != 1 || l.Speakers[0].Quotes != 4 || len(l.Speakers[0].Aliases) == 0 {
				t.Errorf("speakers = %+v", l.Speakers)
			}
		}},
		{"speakers none", "GET", "/api/speakers?name=nobody", 200, has(`{"speakers":[]}`)},
		{"speakers bad limit", "GET", "/api/speakers?limit=-3", 400, says("limit")},
		{"entities of a type", "GET", "/api/entities?type=place", 200, has(`"entities":[{`, `"name":"Geneva"`)},
		{"entities by name", "GET", "/api/entities?name=un&type=organization", 200, has(`"name":"UN"`)},
		{"entities bad type", "GET", "/api/entities?type=planet", 400, says("planet", "person, organization, place or work")},
		{"explain an entity", "GET", fmt.Sprintf("/api/entities/%d/explain?articles=2", id.lavrov), 200, func(t *testing.T, r response) {
			var ex quotewire.EntityExplanation
			r.json(t, &ex)
			var names []string
			for _, n := range ex.Names {
				names = append(names, n.Name+": "+n.Rule)
			}
			want := "[Sergey Lavrov: new entity Sergei Lavrov: surname and given names Lavrov: surname and role]"
			if fmt.Sprint(names) != want || ex.Entity.ID != id.lavrov || len(ex.Articles) != 2 || ex.Articles[0].Date != "2017-11-20" {
				t.Errorf("explanation: names %v, want %s; %+v", names, want, ex)
			}
		}},
		{"explain no entity", "GET", "/api/entities/999999/explain", 404, says("no entity with id 999999")},
		{"explain too many articles", "GET", fmt.Sprintf("/api/entities/%d/explain?articles=500", id.lavrov), 400, says("articles")},

		{"timeline", "GET", fmt.Sprintf("/api/speakers/%d/timeline", id.lavrov), 200, func(t *testing.T, r response) {
			var tl timelineReply
			r.json(t, &tl)
			want := []quotewire.Bucket{{Period: "2017-10", Quotes: 3}, {Period: "2017-11", Quotes: 1}}
			if tl.SpeakerID != id.lavrov || tl.Period != "month" || fmt.Sprint(tl.Buckets) != fmt.Sprint(want) {
				t.Errorf("timeline = %+v, want month buckets %v", tl, want)
			}
		}},
		{"timeline by year with q", "GET", fmt.Sprintf("/api/speakers/%d/timeline?period=year&q=sanctions", id.lavrov), 200, has(`"period":"year"`, `"buckets":[{"period":"2017","quotes":1}]`)},
		{"timeline unknown speaker", "GET", "/api/speakers/999999/timeline", 200, has(`"buckets":[]`)},
		{"timeline bad period", "GET", fmt.Sprintf("/api/speakers/%d/timeline?period=day", id.lavrov), 400, says("day", "week, month or year")},
		{"timeline bad id", "GET", "/api/speakers/lavrov/timeline", 400, says("lavrov")},

		{"top speakers", "GET", "/api/top-speakers?q=peace", 200, has(`"speakers":[{`, `"name":"Sergey Lavrov","quotes":2}`)},
		{"top speakers filtered", "GET", "/api/top-speakers?from=2016&to=2016&limit=1", 200, func(t *testing.T, r response) {
			var l struct{ Speakers []quotewire.SpeakerCount }
			r.json(t, &l)
			if len(l.Speakers) != 1 || !strings.Contains(l.Speakers[0].Name, "Clinton") {
				t.Errorf("top speakers = %+v", l.Speakers)
			}
		}},
		{"top speakers bad date", "GET", "/api/top-speakers?from=2016-1", 400, says("from")},

		{"article", "GET", "/api/articles/" + id.article, 200, func(t *testing.T, r response) {
			var a articleReply
			r.json(t, &a)
			if a.Key != id.article || a.Outlet != "news.example.com" || a.Article == nil || len(a.Article.Quotes) != 2 || len(a.Segments) == 0 {
				t.Fatalf("article = %s", r.body)
			}
			// article text is data: HTML in it is escaped in the JSON
			if bytes.Contains(r.body, []byte("<script>")) {
				t.Errorf("raw <script> in the JSON body")
			}
		}},
		{"unknown article", "GET", "/api/articles/nope", 404, says("nope")},
		{"long article key", "GET", "/api/articles/" + strings.Repeat("k", 300), 404, nil},

		{"unknown route", "GET", "/api/nope", 404, says("/api/nope", "openapi.json")},
		{"wrong method", "POST", "/api/quotes", 405, says("POST", "GET")},
		{"delete article", "DELETE", "/api/articles/" + id.article, 405, nil},
		{"writes disabled", "POST", "/api/articles", 403, says("writes are disabled", "--token", "QUOTEWIRE_TOKEN")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, h, tt.method, tt.target, "")
			if r.status != tt.status {
				t.Errorf("%s %s: status %d, want %d: %s", tt.method, tt.target, r.status, tt.status, r.body)
			}
			checkCommon(t, r)
			if tt.check != nil {
				tt.check(t, r)
			}
		})
	}
	// after the hostile queries, everything is still there
	if r := do(t, h, "GET", "/api/stats", ""); !bytes.Contains(r.body, []byte(`"quotes":6`)) {
		t.Errorf("stats after hostile queries: %s", r.body)
	}
}

func TestWrongMethodAllowHeader(t *testing.T) {
	h := New(Config{Store: newStore(t), Logger: quietLogger()})
	r := do(t, h, "PUT", "/api/stats", "")
	if r.status != 405 || !strings.Contains(r.header.Get("Allow"), "GET") {
		t.Errorf("PUT /api/stats: %d, Allow %q", r.status, r.header.Get("Allow"))
	}
	checkCommon(t, r)
}

func TestArticleSegments(t *testing.T) {
	recs := corpus()
	h := New(Config{Store: newStore(t, recs...), Logger: quietLogger()})
	for _, rec := range recs {
		r := do(t, h, "GET", "/api/articles/"+rec.Key, "")
		if r.status != 200 {
			t.Fatalf("status %d: %s", r.status, r.body)
		}
		var a articleReply
		r.json(t, &a)
		var sb strings.Builder
		marked := map[int]string{}
		for _, s := range a.Segments {
			sb.WriteString(s.Text)
			if s.Role == ui.RoleContent {
				marked[s.Quote] += s.Text
			}
		}
		if sb.String() != rec.Analysis.Text {
			t.Errorf("%s: segments give %q, want the text %q", rec.Analysis.ID, sb.String(), rec.Analysis.Text)
		}
		for i, q := range rec.Analysis.Quotes {
			if marked[i] != q.Content.Text {
				t.Errorf("%s quote %d: content segments %q, want %q", rec.Analysis.ID, i, marked[i], q.Content.Text)
			}
		}
	}
	// a3 has a source and a cue
	r := do(t, h, "GET", "/api/articles/"+recs[2].Key, "")
	var a articleReply
	r.json(t, &a)
	var roles []string
	for _, s := range a.Segments {
		roles = append(roles, fmt.Sprintf("%s:%d:%q", s.Role, s.Quote, s.Text))
	}
	want := []string{`source:0:"Lavrov"`, `plain:-1:", the foreign minister, "`, `cue:0:"said"`, `plain:-1:" "`,
		`content:0:"negotiations in Geneva were going nowhere"`, `plain:-1:"."`}
	if strings.Join(roles, "|") != strings.Join(want, "|") {
		t.Errorf("segments\n got %v\nwant %v", roles, want)
	}
}

// failingStore is a Reader whose methods fail or panic.
type failingStore struct {
	Reader
	err   error
	panic bool
}

func (f failingStore) Search(ctx context.Context, q quotewire.Query) ([]quotewire.Hit, error) {
	if f.panic {
		panic("boom")
	}
	return nil, f.err
}

func (f failingStore) Stats(ctx context.Context) (quotewire.Stats, error) {
	return quotewire.Stats{}, f.err
}

func TestInternalErrorsAreHidden(t *testing.T) {
	tests := []struct {
		name   string
		store  failingStore
		status int
		msg    string
	}{
		{"sql error", failingStore{err: errors.New("search: SQL logic error: no such table: quotes_fts")}, 500, "internal error"},
		{"bad query passes", failingStore{err: fmt.Errorf("%w: the query is empty", quotewire.ErrBadQuery)}, 400, "bad query: the query is empty"},
		{"cancelled", failingStore{err: context.Canceled}, 503, "cancelled"},
		{"panic", failingStore{panic: true}, 500, "internal error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs syncBuffer
			h := New(Config{Store: tt.store, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
			r := do(t, h, "GET", "/api/quotes?q=x", "")
			if r.status != tt.status {
				t.Errorf("status %d, want %d", r.status, tt.status)
			}
			if got := r.errorMessage(t); !strings.Contains(got, tt.msg) {
				t.Errorf("error %q, want %q", got, tt.msg)
			}
			if bytes.Contains(r.body, []byte("SQL")) {
				t.Errorf("the reply exposes the store's error: %s", r.body)
			}
			if r.header.Get("Content-Type") != "application/json; charset=utf-8" {
				t.Errorf("Content-Type = %q", r.header.Get("Content-Type"))
			}
			if tt.status == 500 && !strings.Contains(logs.String(), "level=ERROR") {
				t.Errorf("the cause was not logged: %s", logs.String())
			}
			// the server goes on serving
			if r := do(t, h, "GET", "/healthz", ""); r.status != 200 {
				t.Errorf("healthz after failure: %d", r.status)
			}
		})
	}
}

// blockingStore is a Reader whose Stats blocks, heeding its context or
// not, until released.
type blockingStore struct {
	Reader
	release chan struct{}
	heedCtx bool
}

func (b blockingStore) Stats(ctx context.Context) (quotewire.Stats, error) {
	if b.heedCtx {
		select {
		case <-ctx.Done():
			return quotewire.Stats{}, ctx.Err()
		case <-b.release:
		}
	}
	<-b.release
	return quotewire.Stats{}, nil
}

func TestReady(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	tests := []struct {
		name   string
		store  Reader
		status int
		want   string
	}{
		{"store answers", newStore(t, corpus()...), 200, `{"status":"ok"}`},
		{"empty store", newStore(t), 200, `{"status":"ok"}`},
		{"store fails", failingStore{err: errors.New("count store: SQL logic error: database is locked")}, 503, "not ready: the store failed"},
		{"store blocks", blockingStore{release: release, heedCtx: true}, 503, "did not answer within 2s"},
		{"store hangs", blockingStore{release: release}, 503, "did not answer within 2s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var logs syncBuffer
			h := New(Config{Store: tt.store, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
			start := time.Now()
			r := do(t, h, "GET", "/readyz", "")
			if d := time.Since(start); d > readyTimeout+time.Second {
				t.Errorf("readyz took %s", d)
			}
			if r.status != tt.status {
				t.Errorf("status %d, want %d: %s", r.status, tt.status, r.body)
			}
			if r.header.Get("Content-Type") != "application/json; charset=utf-8" {
				t.Errorf("Content-Type = %q", r.header.Get("Content-Type"))
			}
			if tt.status == 200 {
				if !bytes.Contains(r.body, []byte(tt.want)) {
					t.Errorf("body %s, want %s", r.body, tt.want)
				}
				return
			}
			if msg := r.errorMessage(t); !strings.Contains(msg, tt.want) {
				t.Errorf("error %q, want %q", msg, tt.want)
			}
			if bytes.Contains(r.body, []byte("SQL")) {
				t.Errorf("the reply exposes the store's error: %s", r.body)
			}
			if !strings.Contains(logs.String(), "not ready") {
				t.Errorf("the cause was not logged: %s", logs.String())
			}
		})
	}
}

func TestRequestLog(t *testing.T) {
	var logs syncBuffer
	h := New(Config{Store: newStore(t, corpus()...), Logger: slog.New(slog.NewJSONHandler(&logs, nil))})
	do(t, h, "GET", "/api/quotations/12345", "")
	var line struct {
		Msg, Method, Route, Path string
		Status                   int
		Bytes                    int64
		Duration                 int64
	}
	if err := json.Unmarshal([]byte(strings.TrimSpace(logs.String())), &line); err != nil {
		t.Fatalf("log is not one JSON line: %v\n%s", err, logs.String())
	}
	if line.Msg != "request" || line.Method != "GET" || line.Route != "GET /api/quotations/{id}" || line.Path != "/api/quotations/12345" ||
		line.Status != 404 || line.Bytes == 0 {
		t.Errorf("log line = %+v", line)
	}
}

func TestNoJSONForHEAD(t *testing.T) {
	// HEAD is served by GET routes; the body is dropped by net/http
	h := New(Config{Store: newStore(t), Logger: quietLogger()})
	srv := httptest.NewServer(h)
	defer srv.Close()
	res, err := http.Head(srv.URL + "/api/stats")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || len(body) != 0 {
		t.Errorf("HEAD: %d %q", res.StatusCode, body)
	}
}
