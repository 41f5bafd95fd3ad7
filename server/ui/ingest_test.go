package ui

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/dedup"
)

var dedupSignature = dedup.Signature

// fakeWriter records the articles it is given and returns a key for each
// article with text, a problem for each without.
type fakeWriter struct{ got []quotewire.Article }

func (f *fakeWriter) WriteArticles(ctx context.Context, arts []quotewire.Article) ([]string, []string, error) {
	f.got = append(f.got, arts...)
	keys := make([]string, len(arts))
	var problems []string
	for i, a := range arts {
		if strings.TrimSpace(a.Text) == "" {
			problems = append(problems, "record: empty article")
			continue
		}
		keys[i] = quotewire.ArticleKey(a.URL, a.Text)
	}
	return keys, problems, nil
}

func postForm(h http.Handler, form url.Values, header map[string]string) *httptest.ResponseRecorder {
	r := httptest.NewRequest("POST", "/ingest", strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range header {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestIngestPage(t *testing.T) {
	store := newStore(t)
	readOnly := New(Config{Store: store, Logger: quiet()}).Handler()
	if r := get(t, readOnly, "/ingest"); r.status != 200 || !strings.Contains(r.body, "disabled") {
		t.Errorf("read-only ingest page: %d %q", r.status, r.body)
	}
	if w := postForm(readOnly, url.Values{"token": {"x"}, "text": {"The minister said so."}}, nil); w.Code != http.StatusForbidden {
		t.Errorf("post to a read-only server: %d", w.Code)
	}

	fw := &fakeWriter{}
	h := New(Config{Store: store, Logger: quiet(), Writer: fw, Token: "s3cret"}).Handler()
	if r := get(t, h, "/ingest"); r.status != 200 || !strings.Contains(r.body, `name="token"`) || !strings.Contains(r.body, `type="file"`) {
		t.Errorf("ingest form: %d", r.status)
	}
	text := "The mayor said on Monday that the bridge would reopen in May."
	tests := []struct {
		name   string
		form   url.Values
		header map[string]string
		status int
		stored int
	}{
		{"wrong token", url.Values{"token": {"nope"}, "text": {text}}, nil, http.StatusUnauthorized, 0},
		{"no token", url.Values{"text": {text}}, nil, http.StatusUnauthorized, 0},
		{"nothing to add", url.Values{"token": {"s3cret"}}, nil, http.StatusBadRequest, 0},
		{"cross-site post", url.Values{"token": {"s3cret"}, "text": {text}}, map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusForbidden, 0},
		{"other origin", url.Values{"token": {"s3cret"}, "text": {text}}, map[string]string{"Origin": "https://evil.example"}, http.StatusForbidden, 0},
		{"pasted article", url.Values{"token": {"s3cret"}, "text": {text}, "title": {"Bridge"}, "date": {"2024-05-01"}}, map[string]string{"Sec-Fetch-Site": "same-origin"}, http.StatusSeeOther, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(fw.got)
			w := postForm(h, tt.form, tt.header)
			if w.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tt.status, w.Body.String())
			}
			if got := len(fw.got) - before; got != tt.stored {
				t.Errorf("%d articles written, want %d", got, tt.stored)
			}
			if w.Code == http.StatusSeeOther && w.Header().Get("Location") != "/articles/"+quotewire.ArticleKey("", text) {
				t.Errorf("redirect to %q", w.Header().Get("Location"))
			}
			if strings.Contains(w.Body.String(), "s3cret") {
				t.Errorf("the page shows the token")
			}
		})
	}
	if a := fw.got[len(fw.got)-1]; a.Title != "Bridge" || a.Date != "2024-05-01" || a.Text != text {
		t.Errorf("article written = %+v", a)
	}

	// files: two uploads, one empty; the page lists what was stored and
	// the problem, escaped
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("token", "s3cret")
	for name, content := range map[string]string{"a.txt": "The governor said the storm had passed.", "<b>empty</b>.txt": ""} {
		fw, _ := mw.CreateFormFile("files", name)
		fw.Write([]byte(content))
	}
	mw.Close()
	r := httptest.NewRequest("POST", "/ingest", &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "1 of 2 articles") || !strings.Contains(w.Body.String(), "empty article") {
		t.Errorf("upload: %d %s", w.Code, w.Body.String())
	}
	if strings.Contains(w.Body.String(), "<b>empty</b>") {
		t.Errorf("an uploaded file's name was not escaped")
	}
}

// TestCopiesAndAlongside checks the article page's near-duplicates and
// the speaker page's entities named alongside.
func TestCopiesAndAlongside(t *testing.T) {
	text := "Russian Foreign Minister Sergey Lavrov said on Wednesday that contacts with the United Nations on Syria are very important for the peace process in Geneva."
	ents := []entity{{"Sergey Lavrov", quotewire.Person, nil}, {"Geneva", quotewire.Place, nil}}
	qs := []quote{{"contacts with the United Nations on Syria are very important", "Sergey Lavrov", quotewire.Indirect}}
	a := article("a", "https://a.org/1", "2017-10-04", "a.org", text, ents, qs)
	b := article("b", "https://b.org/1", "2017-10-05", "b.org", "By Staff Writer. "+text, ents, qs)
	a.Signature, b.Signature = dedupSignature(a.Analysis.Text), dedupSignature(b.Analysis.Text)
	store := newStore(t, a, b)
	h := New(Config{Store: store, Logger: quiet()}).Handler()
	r := get(t, h, "/articles/"+a.Key)
	if r.status != 200 || !strings.Contains(r.body, "Other copies of this story") || !strings.Contains(r.body, "/articles/"+b.Key) {
		t.Errorf("article page does not list its copy: %d", r.status)
	}
	sps, err := store.Speakers(context.Background(), "lavrov", nil, 1)
	if err != nil || len(sps) != 1 {
		t.Fatal(sps, err)
	}
	r = get(t, h, "/speakers/"+strconv.FormatInt(sps[0].ID, 10))
	if r.status != 200 || !strings.Contains(r.body, "Named alongside") || !strings.Contains(r.body, "Geneva") {
		t.Errorf("speaker page does not list Geneva alongside: %d", r.status)
	}
}
