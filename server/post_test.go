package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
)

// fakeIngester stands in for the extraction pipeline: the words between
// the first pair of double quotes of an article are its one direct quote.
// Articles with no text are problems.
type fakeIngester struct {
	store quotewire.Store
	err   error
	calls int
}

func (f *fakeIngester) Ingest(ctx context.Context, arts []quotewire.Article) (IngestResult, error) {
	f.calls++
	if f.err != nil {
		return IngestResult{}, f.err
	}
	res := IngestResult{Keys: make([]string, len(arts)), Problems: []string{}}
	var recs []quotewire.Record
	for i, a := range arts {
		if a.Text == "" {
			res.Problems = append(res.Problems, fmt.Sprintf("record %d: %v", i+1, quotewire.ErrEmpty))
			continue
		}
		var quotes []quote
		if _, rest, ok := strings.Cut(a.Text, `"`); ok {
			if content, _, ok := strings.Cut(rest, `"`); ok {
				quotes = append(quotes, quote{content: content})
			}
		}
		rec := article(a.ID, a.URL, a.Date, "example.org", a.Text, nil, quotes)
		res.Keys[i] = rec.Key
		recs = append(recs, rec)
	}
	pr, err := f.store.Put(ctx, recs)
	if err != nil {
		return res, err
	}
	res.Added, res.Skipped = pr.Added, pr.Skipped
	return res, nil
}

const testToken = "s3cret-token-for-tests"

func TestPostArticles(t *testing.T) {
	auth := "Authorization: Bearer " + testToken
	ndjson := "Content-Type: application/x-ndjson"
	type want struct {
		status          int
		added, skipped  int
		problems        int
		msg             string // in the error, for failures
		searchQ         string // then searchable
		searchHits      int
		authenticateHdr bool
	}
	tests := []struct {
		name    string
		token   string // the server's
		maxBody int64
		body    string
		header  []string
		want    want
	}{
		{"no token configured", "", 0, `{"text":"x"}`, []string{auth}, want{status: 403, msg: "writes are disabled: start quotewire serve with --token or QUOTEWIRE_TOKEN"}},
		{"missing token", testToken, 0, `{"text":"x"}`, nil, want{status: 401, msg: "Authorization: Bearer", authenticateHdr: true}},
		{"wrong token", testToken, 0, `{"text":"x"}`, []string{"Authorization: Bearer wrong"}, want{status: 401, msg: "wrong token", authenticateHdr: true}},
		{"token prefix", testToken, 0, `{"text":"x"}`, []string{"Authorization: Bearer " + testToken[:5]}, want{status: 401, msg: "wrong token", authenticateHdr: true}},
		{"basic auth", testToken, 0, `{"text":"x"}`, []string{"Authorization: Basic " + testToken}, want{status: 401, msg: "missing token", authenticateHdr: true}},
		{"one article", testToken, 0,
			`{"id":"p1","url":"https://example.org/p1","date":"2024-05-01","title":"T","text":"The minister said \"talks will resume in Vienna\" on Monday."}`,
			[]string{auth, "Content-Type: application/json"}, want{status: 200, added: 1, searchQ: "vienna", searchHits: 1}},
		{"scheme in lower case", testToken, 0, `{"url":"https://example.org/p9","text":"He said \"lowercase bearer works\"."}`,
			[]string{"Authorization: bearer " + testToken}, want{status: 200, added: 1}},
		{"an array", testToken, 0,
			`[{"url":"https://example.org/p2","text":"She said \"the harvest was good\"."}, {"url":"https://example.org/p3","text":"They said \"the harvest failed\".","extra":[1,2]}]`,
			[]string{auth}, want{status: 200, added: 2, searchQ: "harvest", searchHits: 2}},
		{"json lines", testToken, 0,
			"{\"url\":\"https://example.org/p4\",\"text\":\"A said \\\"rivers are rising\\\".\"}\n\n{\"url\":\"https://example.org/p5\",\"text\":\"B said \\\"rivers are falling\\\".\"}\n",
			[]string{auth, ndjson}, want{status: 200, added: 2, searchQ: "rivers", searchHits: 2}},
		{"json lines without the content type", testToken, 0,
			"{\"url\":\"https://example.org/p6\",\"text\":\"C said \\\"glaciers melt\\\".\"}\n{\"url\":\"https://example.org/p7\",\"text\":\"D said \\\"glaciers grow\\\".\"}",
			[]string{auth}, want{status: 200, added: 2, searchQ: "glaciers", searchHits: 2}},
		{"empty text", testToken, 0, `[{"url":"https://example.org/p8","text":"E said \"bridges matter\"."},{"url":"https://example.org/e","text":""}]`,
			[]string{auth}, want{status: 400, msg: `article at index 1: field "text" is empty`}},
		{"whitespace text", testToken, 0, "{\"url\":\"https://example.org/w\",\"text\":\" \\n\\t \"}", []string{auth}, want{status: 400, msg: `record 1 (line 1): field "text" is empty`}},
		{"no text field", testToken, 0, `{"url":"https://example.org/n"}`, []string{auth}, want{status: 400, msg: `field "text" is empty`}},
		{"empty array", testToken, 0, `[]`, []string{auth}, want{status: 200}},
		{"empty body", testToken, 0, " \n", []string{auth}, want{status: 400, msg: "the body is empty"}},
		{"bad json line", testToken, 0, "{\"text\":\"ok\"}\n{\"text\": oops}\n", []string{auth, ndjson}, want{status: 400, msg: "record 2 (line 2)"}},
		{"array in json lines", testToken, 0, "[{\"text\":\"ok\"}]\n", []string{auth, ndjson}, want{status: 400, msg: "record 1 (line 1): not a JSON object"}},
		{"not an object in an array", testToken, 0, `[{"text":"ok"}, "just a string"]`, []string{auth}, want{status: 400, msg: "index 1"}},
		{"wrong field type", testToken, 0, `[{"text":"ok"}, {"text": 42}]`, []string{auth}, want{status: 400, msg: `index 1: field "text" must be a string`}},
		{"broken array", testToken, 0, "[{\"text\":\"ok\"},\n {\"text\" \"x\"}]", []string{auth}, want{status: 400, msg: "line 2"}},
		{"truncated", testToken, 0, `{"text":"ok"`, []string{auth}, want{status: 400, msg: "record 1"}},
		{"not json", testToken, 0, `text=hello`, []string{auth, "Content-Type: application/x-www-form-urlencoded"}, want{status: 400, msg: "invalid JSON"}},
		{"body too large", testToken, 64, `{"text":"` + strings.Repeat("x", 100) + `"}`, []string{auth}, want{status: 413, msg: "over 64 bytes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := newStore(t)
			ing := &fakeIngester{store: st}
			var logs syncBuffer
			h := New(Config{Store: st, Ingester: ing, Token: tt.token, MaxBody: tt.maxBody, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
			r := do(t, h, "POST", "/api/articles", tt.body, tt.header...)
			checkCommon(t, r)
			if r.status != tt.want.status {
				t.Fatalf("status %d, want %d: %s", r.status, tt.want.status, r.body)
			}
			if tt.want.status != 200 {
				if msg := r.errorMessage(t); !strings.Contains(msg, tt.want.msg) {
					t.Errorf("error %q, want it to say %q", msg, tt.want.msg)
				}
				if ing.calls != 0 {
					t.Errorf("the ingester was called for a rejected request")
				}
			} else {
				var res IngestResult
				r.json(t, &res)
				if res.Added != tt.want.added || res.Skipped != tt.want.skipped || len(res.Problems) != tt.want.problems || res.Keys == nil {
					t.Errorf("result = %+v, want %+v", res, tt.want)
				}
			}
			if got := r.header.Get("WWW-Authenticate") != ""; got != tt.want.authenticateHdr {
				t.Errorf("WWW-Authenticate = %q", r.header.Get("WWW-Authenticate"))
			}
			if tt.want.searchQ != "" {
				r := do(t, h, "GET", "/api/quotes?q="+tt.want.searchQ, "")
				var p quotesPage
				r.json(t, &p)
				if len(p.Quotes) != tt.want.searchHits {
					t.Errorf("search %q after the post: %d hits, want %d", tt.want.searchQ, len(p.Quotes), tt.want.searchHits)
				}
			}
			if strings.Contains(logs.String(), testToken) {
				t.Errorf("the token is in the log:\n%s", logs.String())
			}
		})
	}
}

func TestPostTwiceSkips(t *testing.T) {
	st := newStore(t)
	h := New(Config{Store: st, Ingester: &fakeIngester{store: st}, Token: testToken, Logger: quietLogger()})
	body := `{"url":"https://example.org/x","text":"He said \"once is enough\"."}`
	var first, second IngestResult
	do(t, h, "POST", "/api/articles", body, "Authorization: Bearer "+testToken).json(t, &first)
	do(t, h, "POST", "/api/articles", body, "Authorization: Bearer "+testToken).json(t, &second)
	if first.Added != 1 || second.Added != 0 || second.Skipped != 1 || first.Keys[0] == "" || first.Keys[0] != second.Keys[0] {
		t.Errorf("first %+v, second %+v", first, second)
	}
	r := do(t, h, "GET", "/api/articles/"+first.Keys[0], "")
	if r.status != 200 {
		t.Errorf("GET the posted article: %d %s", r.status, r.body)
	}
}

func TestPostIngesterFailure(t *testing.T) {
	st := newStore(t)
	ing := &fakeIngester{store: st, err: errors.New("put: database is locked (SQLITE_BUSY)")}
	h := New(Config{Store: st, Ingester: ing, Token: testToken, Logger: quietLogger()})
	r := do(t, h, "POST", "/api/articles", `{"text":"x"}`, "Authorization: Bearer "+testToken)
	if r.status != 500 || r.errorMessage(t) != "internal error" {
		t.Errorf("got %d %s, want 500 internal error", r.status, r.body)
	}
}

func TestPostWithoutIngester(t *testing.T) {
	h := New(Config{Store: newStore(t), Token: testToken, Logger: quietLogger()})
	r := do(t, h, "POST", "/api/articles", `{"text":"x"}`, "Authorization: Bearer "+testToken)
	if r.status != 403 {
		t.Errorf("got %d %s, want 403", r.status, r.body)
	}
}
