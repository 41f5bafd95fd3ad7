package server

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/quotewire/quotewire"
)

// errWritesDisabled is the reply to a write when the server has no token.
var errWritesDisabled = &apiError{http.StatusForbidden, "writes are disabled: start quotewire serve with --token or QUOTEWIRE_TOKEN"}

// authorize checks the request's bearer token against the configured one,
// in constant time (both are hashed first, so neither length leaks).
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) error {
	if !s.writes {
		return errWritesDisabled
	}
	if s.ingester == nil {
		return &apiError{http.StatusForbidden, "writes are disabled: this server has no ingester"}
	}
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		w.Header().Set("WWW-Authenticate", `Bearer realm="quotewire"`)
		return &apiError{http.StatusUnauthorized, "missing token: send the header 'Authorization: Bearer TOKEN' with the server's token"}
	}
	sum := sha256.Sum256([]byte(strings.TrimSpace(token)))
	if subtle.ConstantTimeCompare(sum[:], s.tokenSum[:]) != 1 {
		w.Header().Set("WWW-Authenticate", `Bearer realm="quotewire", error="invalid_token"`)
		return &apiError{http.StatusUnauthorized, "wrong token"}
	}
	return nil
}

// postArticles analyses and stores the posted articles.
func (s *Server) postArticles(w http.ResponseWriter, r *http.Request) error {
	if err := s.authorize(w, r); err != nil {
		return err
	}
	tooLarge := &apiError{http.StatusRequestEntityTooLarge,
		fmt.Sprintf("the body is over %s: send fewer articles per request", sizeString(s.maxBody))}
	if r.ContentLength > s.maxBody {
		return tooLarge
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.maxBody))
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return tooLarge
	}
	if err != nil {
		return badRequest("reading the body failed: %v", err)
	}
	arts, err := decodeArticles(body, r.Header.Get("Content-Type"))
	if err != nil {
		return err
	}
	res := IngestResult{Keys: []string{}, Problems: []string{}}
	if len(arts) > 0 {
		if res, err = s.ingester.Ingest(r.Context(), arts); err != nil {
			return err
		}
		res.Keys, res.Problems = nonNil(res.Keys), nonNil(res.Problems)
	}
	s.log.Info("ingested", "articles", len(arts), "added", res.Added, "skipped", res.Skipped, "problems", len(res.Problems))
	return writeJSON(w, http.StatusOK, res)
}

// sizeString formats a byte count for messages: "32 MiB", "1000 bytes".
func sizeString(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// articleIn is a posted article.
type articleIn struct {
	ID    string `json:"id"`
	URL   string `json:"url"`
	Title string `json:"title"`
	Date  string `json:"date"`
	Text  string `json:"text"`
}

// jsonLinesTypes are the content types that announce JSON Lines.
var jsonLinesTypes = map[string]bool{
	"application/x-ndjson": true, "application/ndjson": true, "application/jsonl": true,
	"application/x-jsonlines": true, "application/jsonlines": true, "application/json-lines": true,
}

// decodeArticles reads the articles of a body: a JSON array of objects,
// or a sequence of objects (one object, JSON Lines, or objects one after
// another). A JSON Lines content type requires the sequence form. Errors
// name the record and where it is: its index in an array, its position
// and line in a sequence.
func decodeArticles(body []byte, contentType string) ([]quotewire.Article, error) {
	mt, _, _ := mime.ParseMediaType(contentType)
	lines := jsonLinesTypes[mt]
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	if len(trimmed) == 0 {
		return nil, badRequest(`the body is empty: send an article as JSON {"id", "url", "title", "date", "text"}, an array of them, or JSON Lines`)
	}
	if trimmed[0] == '[' && !lines {
		return decodeArray(body)
	}
	return decodeSequence(body)
}

func decodeArray(body []byte) ([]quotewire.Article, error) {
	var raws []json.RawMessage
	if err := json.Unmarshal(body, &raws); err != nil {
		return nil, badRequest("the body is not a JSON array of articles: %s", syntaxWhere(body, err))
	}
	arts := make([]quotewire.Article, 0, len(raws))
	for i, raw := range raws {
		a, err := decodeArticle(raw)
		if err != nil {
			return nil, badRequest("article at index %d: %v", i, err)
		}
		arts = append(arts, a)
	}
	return arts, nil
}

func decodeSequence(body []byte) ([]quotewire.Article, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	var arts []quotewire.Article
	for n := 1; ; n++ {
		start := dec.InputOffset()
		var raw json.RawMessage
		err := dec.Decode(&raw)
		if err == io.EOF {
			return arts, nil
		}
		// the record starts after the whitespace that precedes it
		for start < int64(len(body)) && strings.IndexByte(" \t\r\n", body[start]) >= 0 {
			start++
		}
		line := 1 + bytes.Count(body[:start], []byte{'\n'})
		if err != nil {
			return nil, badRequest("record %d (line %d): invalid JSON: %s", n, line, syntaxWhere(body, err))
		}
		a, err := decodeArticle(raw)
		if err != nil {
			return nil, badRequest("record %d (line %d): %v", n, line, err)
		}
		arts = append(arts, a)
	}
}

// decodeArticle decodes one record, which must be a JSON object.
func decodeArticle(raw json.RawMessage) (quotewire.Article, error) {
	if len(raw) == 0 || raw[0] != '{' {
		return quotewire.Article{}, errors.New(`not a JSON object: each article is {"id", "url", "title", "date", "text"}`)
	}
	var in articleIn
	if err := json.Unmarshal(raw, &in); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return quotewire.Article{}, fmt.Errorf("field %q must be a string, not a JSON %s", te.Field, te.Value)
		}
		return quotewire.Article{}, err
	}
	if strings.TrimSpace(in.Text) == "" {
		return quotewire.Article{}, errors.New(`field "text" is empty: send the article's text (a record with no text has nothing to analyse)`)
	}
	return quotewire.Article{ID: in.ID, URL: in.URL, Title: in.Title, Date: in.Date, Text: in.Text}, nil
}

// syntaxWhere describes a decoding error, with the line and column of a
// syntax error.
func syntaxWhere(body []byte, err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off := min(int(se.Offset), len(body))
		line := 1 + bytes.Count(body[:off], []byte{'\n'})
		col := off - bytes.LastIndexByte(body[:off], '\n')
		return fmt.Sprintf("%v at line %d, column %d", se, line, col)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "the JSON ends too early"
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("found a JSON %s where an array of objects belongs", te.Value)
	}
	return err.Error()
}
