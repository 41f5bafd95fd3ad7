package server

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/server/ui"
)

// checkHTML checks what every HTML reply of the server must be: HTML,
// the content security policy, nosniff, referrers only to this site.
func checkHTML(t *testing.T, r response) {
	t.Helper()
	for name, want := range map[string]string{
		"Content-Type":            "text/html; charset=utf-8",
		"Content-Security-Policy": ui.ContentSecurityPolicy,
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "same-origin",
	} {
		if got := r.header.Get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if !bytes.HasPrefix(r.body, []byte("<!doctype html>")) {
		t.Errorf("not an HTML page: %.200s", r.body)
	}
}

func TestUIMounted(t *testing.T) {
	st := newStore(t, corpus()...)
	id := findIDs(t, st)
	h := New(Config{Store: st, Logger: quietLogger()})
	tests := []struct {
		name, method, target string
		status               int
		want                 string
	}{
		{"search page at /", "GET", "/", 200, "In the store"},
		{"search", "GET", "/?q=sanctions", 200, "sanctions would fail"},
		{"article", "GET", "/articles/" + id.a3, 200, `data-speaker="Lavrov"`},
		{"speaker", "GET", fmt.Sprintf("/speakers/%d", id.lavrov), 200, "Sergey Lavrov"},
		{"quotation", "GET", fmt.Sprintf("/quotations/%d", id.quotation), 200, "First report"},
		{"unknown article", "GET", "/articles/nope", 404, "nope"},
		{"unknown speaker", "GET", "/speakers/999999", 404, "999999"},
		{"unknown page", "GET", "/no/such/page", 404, "no page at this address"},
		{"wrong method on a page", "POST", "/", 405, "POST is not allowed"},
		{"wrong method on an article", "DELETE", "/articles/" + id.a3, 405, "DELETE is not allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, h, tt.method, tt.target, "")
			if r.status != tt.status {
				t.Errorf("%s %s: status %d, want %d", tt.method, tt.target, r.status, tt.status)
			}
			checkHTML(t, r)
			if !bytes.Contains(r.body, []byte(tt.want)) {
				t.Errorf("the page lacks %q", tt.want)
			}
			if tt.status == 405 && r.header.Get("Allow") == "" {
				t.Errorf("405 without Allow")
			}
		})
	}
	// the API keeps its JSON, its headers and its errors
	for _, target := range []string{"/api/nope", "/api", "/api/quotes?q=%22x"} {
		r := do(t, h, "GET", target, "")
		checkCommon(t, r)
		if r.status < 400 {
			t.Errorf("GET %s: status %d", target, r.status)
		}
		if got := r.header.Get("Referrer-Policy"); got != "no-referrer" {
			t.Errorf("GET %s: Referrer-Policy %q", target, got)
		}
	}
	r := do(t, h, "POST", "/api/stats", "")
	checkCommon(t, r)
	if r.status != 405 {
		t.Errorf("POST /api/stats: %d", r.status)
	}
}

// TestArticlePageMatchesAPI checks that the article page and the API's
// segments highlight the same text, the page through ui.Segments too.
func TestArticlePageMatchesAPI(t *testing.T) {
	recs := corpus()
	h := New(Config{Store: newStore(t, recs...), Logger: quietLogger()})
	rec := recs[2]
	var a articleReply
	do(t, h, "GET", "/api/articles/"+rec.Key, "").json(t, &a)
	page := do(t, h, "GET", "/articles/"+rec.Key, "")
	for _, s := range a.Segments {
		if s.Role == ui.RolePlain {
			continue
		}
		want := fmt.Sprintf(`data-quote-id="%d" data-speaker="Lavrov" data-role="%s"`, s.Quote, s.Role)
		if !bytes.Contains(page.body, []byte(want)) || !bytes.Contains(page.body, []byte(">"+s.Text+"</")) {
			t.Errorf("the page lacks the %s segment %q", s.Role, s.Text)
		}
	}
}

// panicStore panics on every search.
type panicStore struct{ Reader }

func (panicStore) Search(ctx context.Context, q quotewire.Query) ([]quotewire.Hit, error) {
	panic("boom")
}

func TestUIPanicIsAnHTMLPage(t *testing.T) {
	var logs syncBuffer
	h := New(Config{Store: panicStore{}, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	r := do(t, h, "GET", "/?q=x", "")
	if r.status != 500 {
		t.Errorf("status %d, want 500", r.status)
	}
	checkHTML(t, r)
	if bytes.Contains(r.body, []byte("boom")) {
		t.Errorf("the page shows the panic")
	}
	if !strings.Contains(logs.String(), "boom") {
		t.Errorf("the panic was not logged")
	}
	// the API's panics stay JSON
	r = do(t, h, "GET", "/api/quotes?q=x", "")
	if r.status != 500 || r.header.Get("Content-Type") != "application/json; charset=utf-8" || r.errorMessage(t) != "internal error" {
		t.Errorf("API: %d %q %s", r.status, r.header.Get("Content-Type"), r.body)
	}
}
