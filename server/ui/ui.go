// Package ui is quotewire's web interface: server-rendered HTML pages to
// search quotes, read an article with its quotes highlighted, follow a
// speaker over time and compare how outlets reported one statement.
//
// Pages are rendered with html/template, so every piece of article text,
// title, name and URL is escaped; links to original articles are made only
// for http and https URLs. Templates, the style sheet and a small script
// for keyboard navigation are embedded in the binary; the pages work
// without the script and load nothing from the network. Every page is
// served with a strict Content-Security-Policy (ContentSecurityPolicy).
//
// The UI reads through Reader, the subset of quotewire.Store it needs.
// Package server mounts it next to the JSON API; Register adds its routes
// to any http.ServeMux, and Handler serves them alone.
//
// Writing goes through the ingest page (/ingest): it needs the server's
// write token, typed into the form, and refuses cross-site posts
// (http.CrossOriginProtection), so another site cannot make a reader's
// browser post for them.
package ui

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/quotewire/quotewire"
)

// Reader is what the UI reads from a store: the read methods of
// quotewire.Store it uses. Every method must be safe for concurrent use.
type Reader interface {
	Search(ctx context.Context, q quotewire.Query) ([]quotewire.Hit, error)
	Timeline(ctx context.Context, q quotewire.Query, period string) ([]quotewire.Bucket, error)
	TopSpeakers(ctx context.Context, q quotewire.Query) ([]quotewire.SpeakerCount, error)
	UnnamedSpeakers(ctx context.Context, q quotewire.Query) ([]quotewire.UnnamedSpeaker, error)
	Speaker(ctx context.Context, id int64, acts []quotewire.Act) (*quotewire.Speaker, error)
	Quotation(ctx context.Context, id int64, offset, limit int) (*quotewire.Quotation, error)
	Article(ctx context.Context, key string) (*quotewire.Record, error)
	Stats(ctx context.Context) (quotewire.Stats, error)
	// the article page: an article's other copies, and its stored quotes
	// in the analysis's order (for linking each to its speaker and
	// quotation in one indexed read)
	NearDuplicates(ctx context.Context, key string, limit int) ([]quotewire.ArticleRef, error)
	ArticleQuotes(ctx context.Context, key string) ([]quotewire.Hit, error)
	// the speaker page: who is named alongside a speaker, whom the
	// speaker's quotes are about and who speaks about them
	CoMentioned(ctx context.Context, id int64, limit int) ([]quotewire.SpeakerCount, error)
	TalksAbout(ctx context.Context, id int64, limit int) ([]quotewire.SpeakerCount, error)
	TalkedAboutBy(ctx context.Context, id int64, limit int) ([]quotewire.SpeakerCount, error)
}

// ContentSecurityPolicy is the policy every page is served with: nothing
// from other origins, no inline scripts or styles, no framing.
const ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
	"frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

// Config configures a UI.
type Config struct {
	// Store answers every read. It is required.
	Store Reader
	// Logger receives the causes of internal errors; nil means
	// slog.Default().
	Logger *slog.Logger
	// Now tells the time, for the cached overview of the front page; nil
	// means time.Now.
	Now func() time.Time
	// OverviewTTL is how long the front page's statistics and top
	// speakers, and a speaker page's related entities, are reused before
	// the store is asked again (counting a large store takes a while);
	// zero means one minute, negative never caches.
	OverviewTTL time.Duration
	// Writer stores what the ingest page receives, and Token is the write
	// token the form must carry; without both the page says writes are
	// disabled.
	Writer Writer
	Token  string
	// Upload reads uploaded files; nil reads each as plain text.
	Upload ReadUpload
	// WarmOverview computes the front page's statistics in the
	// background as soon as the UI is made (servers set it; tests that
	// count store calls do not).
	WarmOverview bool
	// Feeds lists the feeds the store follows, for the feeds page; nil
	// takes Store's own Feeds when it has one.
	Feeds FeedLister
	// QueryTimeout bounds the store's reads for one page: past it they
	// are cancelled and the reader gets a 503 page that says to narrow
	// the search. Zero or negative means no limit.
	QueryTimeout time.Duration
}

// UI serves the HTML pages. It is safe for concurrent use.
type UI struct {
	store    Reader
	feedList FeedLister
	writer   Writer
	token    string
	upload   ReadUpload
	csrf     *http.CrossOriginProtection
	log      *slog.Logger
	now      func() time.Time
	ttl      time.Duration
	timeout  time.Duration
	pages    map[string]*template.Template
	assets   map[string]asset
	overview struct {
		sync.Mutex
		refreshing bool
		at         time.Time
		overview
	}
	// related keeps speaker pages' related entities for ttl (nil: not
	// kept); recount holds the turn of the one speaker whose stale counts
	// are being counted again in the background.
	related *lru.Cache[int64, speakerCounts]
	recount chan struct{}
}

// asset is one embedded static file.
type asset struct {
	data        []byte
	contentType string
	// version is a hash of data: asset URLs carry it, so a new build's
	// files are fetched again while a build's own are cached for good.
	version string
}

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pageNames are the templates, each rendered inside templates/base.html.
var pageNames = []string{"search", "article", "speaker", "quotation", "ingest", "feeds", "error"}

// New returns a UI for cfg. It panics if cfg.Store is nil or an embedded
// template does not parse, both programming errors (a test parses them).
func New(cfg Config) *UI {
	if cfg.Store == nil {
		panic("ui: Config.Store is nil")
	}
	u := &UI{store: cfg.Store, log: cfg.Logger, now: cfg.Now, ttl: cfg.OverviewTTL, timeout: max(cfg.QueryTimeout, 0),
		writer: cfg.Writer, token: cfg.Token, upload: cfg.Upload, csrf: http.NewCrossOriginProtection(),
		pages: map[string]*template.Template{}, assets: map[string]asset{}, recount: make(chan struct{}, 1)}
	if u.log == nil {
		u.log = slog.Default()
	}
	u.feedList = cfg.Feeds
	if fl, ok := cfg.Store.(FeedLister); ok && u.feedList == nil {
		u.feedList = fl
	}
	if u.now == nil {
		u.now = time.Now
	}
	if u.ttl == 0 {
		u.ttl = time.Minute
	}
	if u.ttl > 0 {
		u.related, _ = lru.New[int64, speakerCounts](maxCachedSpeakers) // errs only on a size < 1
	}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		ct := mime.TypeByExtension(path.Ext(p))
		if ct == "" {
			ct = "application/octet-stream"
		}
		u.assets[path.Base(p)] = asset{data: data, contentType: ct, version: hex.EncodeToString(sum[:6])}
		return nil
	})
	if err != nil {
		panic(fmt.Sprintf("ui: embedded static files: %v", err))
	}
	base := template.Must(template.New("base.html").Funcs(u.funcs()).ParseFS(templateFS, "templates/base.html"))
	for _, name := range pageNames {
		t := template.Must(template.Must(base.Clone()).ParseFS(templateFS, "templates/"+name+".html"))
		u.pages[name] = t
	}
	if u.ttl > 0 && cfg.WarmOverview {
		// count the store now, not on the first visitor's time
		u.overview.refreshing = true
		go u.refreshOverview(context.Background())
	}
	return u
}

// route is one page: its ServeMux pattern and handler.
type route struct {
	pattern string
	handler func(u *UI, w http.ResponseWriter, r *http.Request) error
}

// routes lists every page the UI serves.
var routes = []route{
	{"GET /{$}", (*UI).search},
	{"GET /articles/{key}", (*UI).article},
	{"GET /speakers/{id}", (*UI).speaker},
	{"GET /quotations/{id}", (*UI).quotation},
	{"GET /static/{name}", (*UI).static},
	{"GET /ingest", (*UI).ingestForm},
	{"GET /feeds", (*UI).feeds},
	{"POST /ingest", (*UI).ingest},
}

// Register adds the UI's routes to mux: the search page at "/", articles,
// speakers, quotations and static files. Requests no route matches are
// mux's to answer (package server answers them with u.Error).
func (u *UI) Register(mux *http.ServeMux) {
	for _, rt := range routes {
		h := u.page(rt.handler)
		if strings.HasPrefix(rt.pattern, "POST ") {
			h = u.sameOrigin(h)
		}
		mux.Handle(rt.pattern, h)
	}
}

// sameOrigin refuses requests a browser sends on behalf of another site
// (by Sec-Fetch-Site, else Origin against Host) with an HTML 403 page.
func (u *UI) sameOrigin(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := u.csrf.Check(r); err != nil {
			u.Error(w, r, http.StatusForbidden, "This form can only be sent from this site's own pages.")
			return
		}
		h.ServeHTTP(w, r)
	})
}

// Handler returns the UI alone as an http.Handler, answering requests no
// page matches with an HTML 404 or 405 page.
func (u *UI) Handler() http.Handler {
	mux := http.NewServeMux()
	u.Register(mux)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := mux.Handler(r); pattern != "" {
			mux.ServeHTTP(w, r)
			return
		}
		// every page is GET (and so HEAD): is there one at this path?
		probe := r.Clone(r.Context())
		probe.Method = http.MethodGet
		if _, pattern := mux.Handler(probe); pattern != "" && r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			u.Error(w, r, http.StatusMethodNotAllowed, fmt.Sprintf("%s is not allowed here: use GET.", r.Method))
			return
		}
		u.Error(w, r, http.StatusNotFound, "")
	})
}

// SetHeaders sets the headers of an HTML page: its type, the content
// security policy, no type sniffing, referrers only to this site.
func SetHeaders(h http.Header) {
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", ContentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Del("Content-Length")
}

// httpError is an error whose status and message are meant for the reader.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func notFound(format string, args ...any) error {
	return &httpError{http.StatusNotFound, fmt.Sprintf(format, args...)}
}

func badRequest(format string, args ...any) error {
	return &httpError{http.StatusBadRequest, fmt.Sprintf(format, args...)}
}

// page wraps a page handler: a page that reads (GET) gets the time
// limit, and its error becomes an HTML error page.
func (u *UI) page(h func(u *UI, w http.ResponseWriter, r *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u.timeout > 0 && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
			ctx, cancel := context.WithTimeout(r.Context(), u.timeout)
			defer cancel()
			r = r.WithContext(ctx)
		}
		if err := h(u, w, r); err != nil {
			u.fail(w, r, err)
		}
	})
}

// fail writes err as an HTML error page. The text of unexpected errors
// (which may hold SQL) is logged, never shown.
func (u *UI) fail(w http.ResponseWriter, r *http.Request, err error) {
	var he *httpError
	switch {
	case errors.As(err, &he):
		u.Error(w, r, he.status, he.msg)
	case errors.Is(err, quotewire.ErrNotFound):
		u.Error(w, r, http.StatusNotFound, "")
	case errors.Is(err, quotewire.ErrBadQuery):
		u.Error(w, r, http.StatusBadRequest, err.Error())
	case u.timeout > 0 && (errors.Is(err, context.DeadlineExceeded) || errors.Is(r.Context().Err(), context.DeadlineExceeded)):
		// the store's query was cancelled at the limit, whatever error
		// it gave for it
		u.log.Warn("page timed out", "method", r.Method, "route", r.Pattern, "path", r.URL.Path, "timeout", u.timeout)
		u.Error(w, r, http.StatusServiceUnavailable, fmt.Sprintf("This page took longer than %s to read from the archive. Narrow the search with a date range or a speaker, then try again.", u.timeout))
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		u.log.Warn("request cancelled", "method", r.Method, "route", r.Pattern, "err", err)
		u.Error(w, r, http.StatusServiceUnavailable, "The request was cancelled or took too long: try again.")
	default:
		u.log.Error("page failed", "method", r.Method, "route", r.Pattern, "path", r.URL.Path, "err", err)
		u.Error(w, r, http.StatusInternalServerError, "")
	}
}

// errorView is the data of the error page.
type errorView struct {
	head
	Status  int
	Message string
}

// Error writes an HTML error page with the status; msg says what went
// wrong in words for the reader ("" gives the status's own words). It
// never fails: should the page not render, a plain one is written.
func (u *UI) Error(w http.ResponseWriter, r *http.Request, status int, msg string) {
	title := http.StatusText(status)
	if msg == "" {
		switch status {
		case http.StatusNotFound:
			msg = "There is no page at this address. Search for quotes instead."
		case http.StatusInternalServerError:
			msg = "Something went wrong on our side; it has been logged. Try again in a moment."
		default:
			msg = title + "."
		}
	}
	v := errorView{head: head{Title: title}, Status: status, Message: msg}
	var b bytes.Buffer
	if err := u.pages["error"].ExecuteTemplate(&b, "base", v); err != nil {
		u.log.Error("render error page", "err", err)
		b.Reset()
		b.WriteString("<!doctype html><title>Error</title><p>" + template.HTMLEscapeString(msg))
	}
	SetHeaders(w.Header())
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

// head is what every page's frame shows.
type head struct {
	// Title is the page's title, before " · quotewire".
	Title string
	// Query fills the search box in the header.
	Query string
	// HideSearch leaves the search box out of the header (the search page
	// has its own).
	HideSearch bool
}

// render executes the named page into a buffer and writes it with the
// status, so a template error can still become a 500 page.
func (u *UI) render(w http.ResponseWriter, status int, name string, v any) error {
	var b bytes.Buffer
	if err := u.pages[name].ExecuteTemplate(&b, "base", v); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	SetHeaders(w.Header())
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	w.Write(b.Bytes())
	return nil
}

// static serves an embedded file. A URL with the file's current version
// is cached for a year; any other for no time.
func (u *UI) static(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("name")
	a, ok := u.assets[name]
	if !ok {
		return notFound("There is no file %q.", name)
	}
	h := w.Header()
	h.Set("Content-Type", a.contentType)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", ContentSecurityPolicy)
	h.Set("ETag", `"`+a.version+`"`)
	if r.URL.Query().Get("v") == a.version {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(a.data))
	return nil
}

// assetURL returns the address of an embedded file with its version.
func (u *UI) assetURL(name string) (string, error) {
	a, ok := u.assets[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	return "/static/" + name + "?v=" + a.version, nil
}

// funcs are the functions templates call.
func (u *UI) funcs() template.FuncMap {
	return template.FuncMap{
		"asset":        u.assetURL,
		"num":          formatInt,
		"conf":         func(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) },
		"plural":       plural,
		"speakerURL":   func(id int64) string { return "/speakers/" + strconv.FormatInt(id, 10) },
		"quotationURL": func(id int64) string { return "/quotations/" + strconv.FormatInt(id, 10) },
		"articleURL":   articleURL,
		"searchURL":    searchURL,
		"webURL":       webURL,
		"actTitle":     actTitle,
		"countActs":    countActs,
		"join":         strings.Join,
	}
}

// formatInt writes n with thousands separators: 12,345.
func formatInt(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// plural returns "1 quote" or "3 quotes".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return formatInt(n) + " " + many
}

// articleURL returns the page of an article, at the quote that starts at
// byte start when start >= 0.
func articleURL(key string, start int) string {
	u := "/articles/" + url.PathEscape(key)
	if start >= 0 {
		u += "#" + quoteAnchor(start)
	}
	return u
}

// quoteAnchor is the id of the element of the quote that starts at byte
// start of its article.
func quoteAnchor(start int) string { return "q-" + strconv.Itoa(start) }

// searchURL returns the search page for name=value pairs, leaving out
// empty values: searchURL "speaker" "Lavrov" is /?speaker=Lavrov.
func searchURL(pairs ...string) string {
	var f searchForm
	for i := 0; i+1 < len(pairs); i += 2 {
		f.set(pairs[i], pairs[i+1])
	}
	return f.url(1)
}

// webURL returns s when it is an absolute http or https URL, the only
// kind of article address the pages link to, and "" otherwise (a
// javascript: or data: address is shown as text, never as a link).
func webURL(s string) string {
	p, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return p.String()
}
