package ui

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/quotewire/quotewire"
)

// Writer analyses and stores articles for the ingest page: it returns,
// for each article in order, its key in the store ("" when it could not be
// analysed) and the problems met, one line each.
type Writer interface {
	WriteArticles(ctx context.Context, arts []quotewire.Article) (keys, problems []string, err error)
}

// ReadUpload turns an uploaded file into articles, choosing its format by
// its name or content (cmd wires package ingest in); nil accepts plain
// text only.
type ReadUpload func(name string, r io.Reader) ([]quotewire.Article, error)

// Ingest page limits.
const (
	// MaxUpload is the largest ingest form accepted (text and files).
	MaxUpload = 32 << 20
	// MaxUploadArticles is the most articles one form may add.
	MaxUploadArticles = 1000
)

// ingestView is the data of the ingest page.
type ingestView struct {
	head
	Enabled  bool
	Title    string
	URL      string
	Date     string
	Text     string
	Message  string
	Problems []string
	Stored   []ingestedLink
}

type ingestedLink struct{ Key, Title string }

// ingestForm shows the form, or says how to enable writes.
func (u *UI) ingestForm(w http.ResponseWriter, r *http.Request) error {
	return u.render(w, http.StatusOK, "ingest", ingestView{head: head{Title: "Add articles"}, Enabled: u.writer != nil && u.token != ""})
}

// tokenOK compares a submitted token with the write token in constant
// time (hashing both first, so their lengths do not show either).
func (u *UI) tokenOK(got string) bool {
	a, b := sha256.Sum256([]byte(got)), sha256.Sum256([]byte(u.token))
	return u.token != "" && subtle.ConstantTimeCompare(a[:], b[:]) == 1
}

// ingest handles the form: the token, pasted text and uploaded files.
// Cross-site posts are refused before this runs (see Register).
func (u *UI) ingest(w http.ResponseWriter, r *http.Request) error {
	v := ingestView{head: head{Title: "Add articles"}, Enabled: u.writer != nil && u.token != ""}
	if !v.Enabled {
		return &httpError{http.StatusForbidden, "Adding articles is disabled: start quotewire serve with a token (--token or QUOTEWIRE_TOKEN)."}
	}
	r.Body = http.MaxBytesReader(w, r.Body, MaxUpload)
	if err := r.ParseMultipartForm(8 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return &httpError{http.StatusRequestEntityTooLarge, fmt.Sprintf("The form is larger than %d MB: upload fewer or smaller files.", MaxUpload>>20)}
		}
		return &httpError{http.StatusBadRequest, "The form could not be read: " + err.Error()}
	} else if errors.Is(err, http.ErrNotMultipart) {
		if err := r.ParseForm(); err != nil {
			return &httpError{http.StatusBadRequest, "The form could not be read: " + err.Error()}
		}
	}
	v.Title, v.URL, v.Date, v.Text = r.FormValue("title"), r.FormValue("url"), r.FormValue("date"), r.FormValue("text")
	if !u.tokenOK(r.FormValue("token")) {
		v.Message = "The token is wrong: ask whoever runs this server for the write token."
		return u.render(w, http.StatusUnauthorized, "ingest", v)
	}
	var arts []quotewire.Article
	if strings.TrimSpace(v.Text) != "" {
		arts = append(arts, quotewire.Article{ID: "pasted", Title: strings.TrimSpace(v.Title), URL: strings.TrimSpace(v.URL),
			Date: strings.TrimSpace(v.Date), Text: v.Text, Origin: quotewire.Origin{File: "form"}})
	}
	if r.MultipartForm != nil {
		for _, fh := range r.MultipartForm.File["files"] {
			f, err := fh.Open()
			if err != nil {
				v.Problems = append(v.Problems, fmt.Sprintf("%s: %v", fh.Filename, err))
				continue
			}
			got, err := u.readUpload(fh.Filename, f)
			f.Close()
			if err != nil {
				v.Problems = append(v.Problems, fmt.Sprintf("%s: %v", fh.Filename, err))
			}
			arts = append(arts, got...)
			if len(arts) > MaxUploadArticles {
				return &httpError{http.StatusRequestEntityTooLarge, fmt.Sprintf("More than %d articles in one form: use quotewire ingest for a corpus.", MaxUploadArticles)}
			}
		}
	}
	if len(arts) == 0 {
		v.Message = "Nothing to add: paste an article's text or choose files."
		return u.render(w, http.StatusBadRequest, "ingest", v)
	}
	keys, problems, err := u.writer.WriteArticles(r.Context(), arts)
	if err != nil {
		return err
	}
	v.Problems = append(v.Problems, problems...)
	for i, k := range keys {
		if k != "" && i < len(arts) {
			title := arts[i].Title
			if title == "" {
				title = arts[i].ID
			}
			v.Stored = append(v.Stored, ingestedLink{Key: k, Title: title})
		}
	}
	if len(v.Stored) == 1 && len(v.Problems) == 0 {
		// one article: see its analysis at once
		http.Redirect(w, r, "/articles/"+v.Stored[0].Key, http.StatusSeeOther)
		return nil
	}
	v.Text, v.Title, v.URL, v.Date = "", "", "", ""
	v.Message = fmt.Sprintf("%d of %d articles analysed and stored.", len(v.Stored), len(arts))
	status := http.StatusOK
	if len(v.Stored) == 0 {
		status = http.StatusUnprocessableEntity
	}
	return u.render(w, status, "ingest", v)
}

// readUpload reads an uploaded file with the configured reader, or as
// one plain-text article.
func (u *UI) readUpload(name string, r io.Reader) ([]quotewire.Article, error) {
	if u.upload != nil {
		return u.upload(name, r)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return []quotewire.Article{{ID: name, Text: string(data), Origin: quotewire.Origin{File: name}}}, nil
}
