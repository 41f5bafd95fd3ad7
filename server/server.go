// Package server is quotewire's HTTP server: a JSON API to search quotes,
// read quotations, speakers, entities, timelines and analysed articles
// from a store, and, with a token, post new articles for analysis; and,
// on the same mux, the web UI of package ui (HTML pages at /, /articles,
// /speakers, /quotations and /static).
//
// The server declares the small interfaces it consumes (Reader, Ingester)
// and is the only place where error kinds become HTTP status codes:
// quotewire.ErrBadQuery and bad parameters are 400, quotewire.ErrNotFound
// is 404, anything else is 500 with a generic message (the cause is
// logged, never sent). Every API response body (under /api, and
// /healthz, /readyz and /openapi.json) is JSON, /metrics is the Prometheus text
// format, and every other path is answered with HTML, errors included.
// The API is described by an OpenAPI 3.1 document served at
// /openapi.json.
package server

import (
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/server/ui"
)

// Reader is what the server reads from a store: the read methods of
// quotewire.Store the API and the UI use (the UI's, ui.Reader, and the
// lists of speakers and entities). Every method must be safe for
// concurrent use.
type Reader interface {
	ui.Reader
	Speakers(ctx context.Context, name string, acts []quotewire.Act, limit int) ([]quotewire.Speaker, error)
	Entities(ctx context.Context, name string, typ quotewire.EntityType, acts []quotewire.Act, limit int) ([]quotewire.Speaker, error)
}

// Ingester analyses posted articles and stores them. It must be safe for
// concurrent use. An article that cannot be analysed is reported in
// IngestResult.Problems and does not fail the batch; an error means the
// batch as a whole could not be stored.
type Ingester interface {
	Ingest(ctx context.Context, arts []quotewire.Article) (IngestResult, error)
}

// IngestResult says what an Ingester did with a batch of articles.
type IngestResult struct {
	// Added counts the articles analysed and stored; Skipped those already
	// stored (by key), which are not analysed again.
	Added   int `json:"added"`
	Skipped int `json:"skipped"`
	// Keys holds, for each posted article in order, its key in the store
	// (for GET /api/articles/{key}), or "" when it could not be analysed.
	Keys []string `json:"keys"`
	// Problems names the articles that could not be analysed and why, each
	// starting with its position in the batch ("record 3: ...").
	Problems []string `json:"problems"`
}

// DefaultMaxBody is the largest request body accepted when Config.MaxBody
// is zero: 32 MiB.
const DefaultMaxBody = 32 << 20

// Config configures a Server.
type Config struct {
	// Store answers every read. It is required.
	Store Reader
	// Ingester analyses and stores posted articles; nil disables writes.
	Ingester Ingester
	// Token is the bearer token POST /api/articles requires; "" disables
	// writes.
	Token string
	// Logger receives one line per request and the causes of internal
	// errors; nil means slog.Default().
	Logger *slog.Logger
	// Version is reported by the quotewire_build_info metric.
	Version string
	// MaxBody caps request bodies in bytes; zero means DefaultMaxBody.
	MaxBody int64
	// ReadUpload reads the files uploaded on the web UI's ingest page
	// (any format the command line reads); nil takes each as plain text.
	ReadUpload ui.ReadUpload
	// QueryTimeout bounds each request that reads the store (every GET
	// of the API and the web UI but health, readiness, metrics, the
	// OpenAPI document, static files and the ingest form), waiting for
	// its turn included: past it the store's queries are
	// cancelled, which frees their connection, and the reply is a 503
	// that says to narrow the query. Zero means DefaultQueryTimeout;
	// negative, no limit.
	QueryTimeout time.Duration
	// Feeds lists the feeds the store follows (quotewire follow), for
	// /api/feeds and the feeds page; nil takes Store's own Feeds when it
	// has one.
	Feeds ui.FeedLister
	// Readers is how many requests read the store at once; the others
	// wait their turn in order of arrival, and get a 503 when the wait
	// outlasts QueryTimeout. Zero means DefaultReaders(); negative, no
	// limit. Give the store a connection pool of at least twice as many,
	// and one for the writer.
	Readers int
}

// DefaultQueryTimeout is the time limit of a request that reads the store
// when Config.QueryTimeout is zero.
const DefaultQueryTimeout = 5 * time.Second

// DefaultReaders returns how many requests read the store at once when
// Config.Readers is zero: two per core the Go scheduler runs on, at least
// four. A query's work is CPU once its pages are in memory: letting more
// requests in at once does not answer more per second, it shares the
// cores among more of them, so that each takes longer; and past the
// store's pool, database/sql hands a freed connection to a random waiter,
// where the server's own queue is first come, first served.
func DefaultReaders() int { return max(4, 2*runtime.GOMAXPROCS(0)) }

// uiWriter lets the web UI's ingest page use the Ingester.
type uiWriter struct{ in Ingester }

func (w uiWriter) WriteArticles(ctx context.Context, arts []quotewire.Article) ([]string, []string, error) {
	res, err := w.in.Ingest(ctx, arts)
	if err != nil {
		return nil, nil, err
	}
	return res.Keys, res.Problems, nil
}

// Server is the HTTP API. It implements http.Handler and is safe for
// concurrent use.
type Server struct {
	store    Reader
	feedList ui.FeedLister
	ingester Ingester
	// tokenSum is the SHA-256 of the token, compared in constant time;
	// writes is false when there is no token.
	tokenSum [sha256.Size]byte
	writes   bool
	log      *slog.Logger
	version  string
	maxBody  int64
	mux      *http.ServeMux
	ui       *ui.UI
	metrics  *metrics
	inFlight atomic.Int64
	// timeout bounds the requests that read the store (0: no limit).
	timeout time.Duration
	// slots holds a token for each request reading the store (nil: no
	// limit); waiting counts the requests waiting for one.
	slots   chan struct{}
	waiting atomic.Int64
}

// route is one API endpoint: its ServeMux pattern, the query parameters it
// accepts (any other is a 400, so that a typo does not silently widen a
// search) and its handler.
type route struct {
	pattern string
	params  []string
	// lax routes ignore unknown query parameters (for monitoring tools).
	lax     bool
	handler func(s *Server, w http.ResponseWriter, r *http.Request) error
}

// routes lists every API endpoint; openapi.json documents each of them
// (a test checks it). The UI's pages are not API endpoints: ui.Register
// adds them.
var routes = []route{
	{pattern: "GET /healthz", lax: true, handler: (*Server).health},
	{pattern: "GET /readyz", lax: true, handler: (*Server).ready},
	{pattern: "GET /metrics", lax: true, handler: (*Server).serveMetrics},
	{pattern: "GET /openapi.json", lax: true, handler: (*Server).openAPI},
	{pattern: "GET /api/quotes", params: []string{"q", "speaker", "speaker_id", "entity", "about", "outlet", "unnamed", "from", "to", "min_confidence", "acts", "limit", "offset"}, handler: (*Server).quotes},
	{pattern: "GET /api/quotations/{id}", handler: (*Server).quotation, params: []string{"limit", "offset"}},
	{pattern: "GET /api/speakers", params: []string{"name", "acts", "limit"}, handler: (*Server).speakers},
	{pattern: "GET /api/speakers/{id}/timeline", params: []string{"period", "q", "from", "to", "acts"}, handler: (*Server).timeline},
	{pattern: "GET /api/entities", params: []string{"name", "type", "acts", "limit"}, handler: (*Server).entities},
	{pattern: "GET /api/entities/{id}/explain", params: []string{"articles"}, handler: (*Server).explainEntity},
	{pattern: "GET /api/top-speakers", params: []string{"q", "entity", "outlet", "from", "to", "acts", "limit"}, handler: (*Server).topSpeakers},
	{pattern: "GET /api/unnamed-speakers", params: []string{"q", "entity", "outlet", "from", "to", "acts", "limit"}, handler: (*Server).unnamedSpeakers},
	{pattern: "GET /api/articles/{key}", handler: (*Server).article},
	{pattern: "GET /api/stats", handler: (*Server).stats},
	{pattern: "GET /api/feeds", handler: (*Server).feeds},
	{pattern: "POST /api/articles", handler: (*Server).postArticles},
}

// New returns a server for cfg. It panics if cfg.Store is nil, a
// programming error.
func New(cfg Config) *Server {
	if cfg.Store == nil {
		panic("server: Config.Store is nil")
	}
	s := &Server{
		store:    cfg.Store,
		ingester: cfg.Ingester,
		writes:   cfg.Token != "",
		log:      cfg.Logger,
		version:  cfg.Version,
		maxBody:  cfg.MaxBody,
		mux:      http.NewServeMux(),
	}
	if s.writes {
		s.tokenSum = sha256.Sum256([]byte(cfg.Token))
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.maxBody <= 0 {
		s.maxBody = DefaultMaxBody
	}
	switch {
	case cfg.QueryTimeout == 0:
		s.timeout = DefaultQueryTimeout
	case cfg.QueryTimeout > 0:
		s.timeout = cfg.QueryTimeout
	}
	switch {
	case cfg.Readers == 0:
		s.slots = make(chan struct{}, DefaultReaders())
	case cfg.Readers > 0:
		s.slots = make(chan struct{}, cfg.Readers)
	}
	s.feedList = cfg.Feeds
	if fl, ok := cfg.Store.(ui.FeedLister); ok && s.feedList == nil {
		s.feedList = fl
	}
	s.metrics = newMetrics(s)
	for _, rt := range routes {
		s.mux.Handle(rt.pattern, s.endpoint(rt))
	}
	uc := ui.Config{Store: cfg.Store, Feeds: s.feedList, Logger: s.log, Upload: cfg.ReadUpload, WarmOverview: true, QueryTimeout: s.timeout}
	if s.writes && cfg.Ingester != nil {
		uc.Writer, uc.Token = uiWriter{cfg.Ingester}, cfg.Token
	}
	s.ui = ui.New(uc)
	s.ui.Register(s.mux)
	return s
}

// Handler returns the server as an http.Handler.
func (s *Server) Handler() http.Handler { return s }

// ServeHTTP serves one request: it routes it, recovers from a panic in a
// handler (500), sets the security headers, turns ServeMux's own 404 and
// 405 replies into JSON for the API and HTML pages elsewhere, records
// metrics and logs the request. A request that reads the store gets the
// time limit and waits for its turn (Config.QueryTimeout and Readers).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	s.inFlight.Add(1)
	reads := readsStore(r)
	if reads && s.timeout > 0 {
		ctx, cancel := context.WithTimeout(r.Context(), s.timeout)
		defer cancel()
		r = r.WithContext(ctx)
	}
	rw := &responseWriter{ResponseWriter: w, req: r, ui: s.ui}
	defer func() {
		p := recover()
		if p != nil && p != http.ErrAbortHandler {
			s.log.Error("panic serving request", "method", r.Method, "route", r.Pattern, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			if !rw.wroteHeader {
				if isAPI(r.URL.Path) {
					writeError(rw, http.StatusInternalServerError, "internal error")
				} else {
					s.ui.Error(rw, r, http.StatusInternalServerError, "")
				}
			}
		}
		s.inFlight.Add(-1)
		d := time.Since(start)
		route := r.Pattern
		if route == "" {
			route = unmatchedRoute
		}
		status := rw.status
		if status == 0 {
			status = http.StatusOK
		}
		s.metrics.observe(route, r.Method, status, d)
		// never log headers: Authorization holds the token
		s.log.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", r.Method), slog.String("route", route), slog.String("path", r.URL.Path),
			slog.Int("status", status), slog.Duration("duration", d), slog.Int64("bytes", rw.bytes),
			slog.String("remote", r.RemoteAddr))
		if p == http.ErrAbortHandler {
			panic(p)
		}
	}()
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	if reads {
		if err := s.acquire(r.Context()); err != nil {
			_, r.Pattern = s.mux.Handler(r) // the route, for the metrics and the log
			s.busy(rw, r, err)
			return
		}
		defer s.release()
	}
	s.mux.ServeHTTP(rw, r)
}

// readsStore reports whether a request may read the store: every GET and
// HEAD but health, readiness (which has a limit of its own), metrics, the
// OpenAPI document, static files and the ingest form.
func readsStore(r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	switch r.URL.Path {
	case "/healthz", "/readyz", "/metrics", "/openapi.json", "/ingest":
		return false
	}
	return !strings.HasPrefix(r.URL.Path, "/static/")
}

// acquire waits for the request's turn to read the store: a free slot,
// given in order of arrival (a channel's waiting senders are served
// first come first served), or ctx's end.
func (s *Server) acquire(ctx context.Context) error {
	if s.slots == nil {
		return nil
	}
	select {
	case s.slots <- struct{}{}:
		return nil
	default:
	}
	s.waiting.Add(1)
	defer s.waiting.Add(-1)
	select {
	case s.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// release frees the slot acquire took.
func (s *Server) release() {
	if s.slots != nil {
		<-s.slots
	}
}

// busy answers a request whose turn to read did not come before its time
// limit: a 503 that says to try again (JSON for the API, an HTML page
// elsewhere).
func (s *Server) busy(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Warn("request not served: the store was busy", "method", r.Method, "route", r.Pattern, "waiting", s.waiting.Load(), "err", err)
	if s.timeout <= 0 {
		// no limit: the client went away while it waited
		if isAPI(r.URL.Path) {
			writeError(w, http.StatusServiceUnavailable, "the request was cancelled while it waited for its turn")
		} else {
			s.ui.Error(w, r, http.StatusServiceUnavailable, "The request was cancelled while it waited for its turn.")
		}
		return
	}
	w.Header().Set("Retry-After", "1")
	if isAPI(r.URL.Path) {
		writeError(w, http.StatusServiceUnavailable, fmt.Sprintf("the server is busy: other requests held the store for %s; try again in a moment", s.timeout))
		return
	}
	s.ui.Error(w, r, http.StatusServiceUnavailable, fmt.Sprintf("The server is busy: other readers held the archive for %s. Try again in a moment.", s.timeout))
}

// unmatchedRoute is the route label of requests no pattern matched.
const unmatchedRoute = "unmatched"

// isAPI reports whether path belongs to the API, whose every reply is
// JSON (or, for /metrics, text), rather than to the UI, whose replies are
// HTML.
func isAPI(path string) bool {
	switch path {
	case "/api", "/healthz", "/readyz", "/metrics", "/openapi.json":
		return true
	}
	return strings.HasPrefix(path, "/api/")
}

// endpoint wraps a route's handler: it checks the query parameters and
// turns the handler's error into a JSON error reply.
func (s *Server) endpoint(rt route) http.Handler {
	allowed := make(map[string]bool, len(rt.params))
	for _, p := range rt.params {
		allowed[p] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !rt.lax {
			if err := checkParams(r, allowed, rt.params); err != nil {
				s.fail(w, r, err)
				return
			}
		}
		if err := rt.handler(s, w, r); err != nil {
			s.fail(w, r, err)
		}
	})
}

// apiError is an error whose status and message are meant for the client.
type apiError struct {
	status int
	msg    string
}

func (e *apiError) Error() string { return e.msg }

// badRequest returns a 400 error with a message that says what to fix.
func badRequest(format string, args ...any) error {
	return &apiError{http.StatusBadRequest, fmt.Sprintf(format, args...)}
}

// fail writes err as a JSON error reply. Only here do error kinds become
// status codes; the text of unexpected errors (which may hold SQL) is
// logged and replaced by "internal error".
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var ae *apiError
	var pe *quotewire.ParamError
	switch {
	case errors.As(err, &ae):
		writeError(w, ae.status, ae.msg)
	case errors.As(err, &pe):
		writeError(w, http.StatusBadRequest, pe.Message(pe.Param))
	case errors.Is(err, quotewire.ErrBadQuery):
		writeError(w, http.StatusBadRequest, err.Error())
	case errors.Is(err, quotewire.ErrNotFound):
		writeError(w, http.StatusNotFound, "not found")
	case s.timedOut(r, err):
		s.log.Warn("query timed out", "method", r.Method, "route", r.Pattern, "path", r.URL.Path, "timeout", s.timeout)
		writeError(w, http.StatusServiceUnavailable, fmt.Sprintf("the query took longer than %s: narrow it with a date range (from, to) or a speaker, and try again", s.timeout))
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		s.log.Warn("request cancelled", "method", r.Method, "route", r.Pattern, "err", err)
		writeError(w, http.StatusServiceUnavailable, "the request was cancelled or took too long: try again")
	default:
		s.log.Error("request failed", "method", r.Method, "route", r.Pattern, "path", r.URL.Path, "err", err)
		writeError(w, http.StatusInternalServerError, "internal error")
	}
}

// timedOut reports whether err ended a request because its time limit
// passed: the deadline itself, or whatever error the store's cancelled
// query gave once it had passed.
func (s *Server) timedOut(r *http.Request, err error) bool {
	if s.timeout <= 0 {
		return false
	}
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(r.Context().Err(), context.DeadlineExceeded)
}

// errorBody is the body of every error reply.
type errorBody struct {
	Error string `json:"error"`
}

// writeError writes {"error": msg} with the status.
func writeError(w http.ResponseWriter, status int, msg string) {
	b, _ := json.Marshal(errorBody{msg}) // a struct of one string always encodes
	writeJSONBytes(w, status, b)
}

// writeJSON encodes v and writes it with the status. The value is encoded
// before anything is written, so an encoding error (a NaN, say) is
// returned and can still become a 500.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode response: %w", err)
	}
	writeJSONBytes(w, status, b)
	return nil
}

func writeJSONBytes(w http.ResponseWriter, status int, b []byte) {
	setJSONHeaders(w.Header())
	w.WriteHeader(status)
	w.Write(b)
	w.Write([]byte{'\n'})
}

// setJSONHeaders marks a reply as JSON that a browser must not render or
// frame.
func setJSONHeaders(h http.Header) {
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
	h.Del("Content-Length")
}

// responseWriter records the status and size of a reply, and replaces the
// plain-text 404 and 405 replies ServeMux writes for requests no pattern
// matched with JSON ones for the API and HTML pages elsewhere.
type responseWriter struct {
	http.ResponseWriter
	req         *http.Request
	ui          *ui.UI
	status      int
	bytes       int64
	wroteHeader bool
	// discard drops the body ServeMux writes after a replaced header.
	discard bool
}

func (w *responseWriter) WriteHeader(code int) {
	if w.wroteHeader {
		return
	}
	w.wroteHeader = true
	w.status = code
	// ServeMux sets req.Pattern before calling a handler: an empty pattern
	// means the mux itself is replying.
	if w.req.Pattern == "" && (code == http.StatusNotFound || code == http.StatusMethodNotAllowed) {
		w.discard = true
		if !isAPI(w.req.URL.Path) && w.ui != nil {
			var msg string
			if code == http.StatusMethodNotAllowed {
				msg = fmt.Sprintf("%s is not allowed here: use %s.", w.req.Method, w.Header().Get("Allow"))
			}
			w.ui.Error(rawWriter{w}, w.req, code, msg)
			return
		}
		var msg string
		if code == http.StatusNotFound {
			msg = fmt.Sprintf("no such endpoint: %s %s (the API is described at /openapi.json)", w.req.Method, w.req.URL.Path)
		} else {
			msg = fmt.Sprintf("method %s is not allowed on %s: use %s", w.req.Method, w.req.URL.Path, w.Header().Get("Allow"))
		}
		b, _ := json.Marshal(errorBody{msg})
		setJSONHeaders(w.Header())
		w.ResponseWriter.WriteHeader(code)
		n, _ := w.ResponseWriter.Write(append(b, '\n'))
		w.bytes += int64(n)
		return
	}
	w.ResponseWriter.WriteHeader(code)
}

// rawWriter writes a replacement reply past a responseWriter's
// interception, counting its bytes.
type rawWriter struct{ w *responseWriter }

func (r rawWriter) Header() http.Header  { return r.w.ResponseWriter.Header() }
func (r rawWriter) WriteHeader(code int) { r.w.ResponseWriter.WriteHeader(code) }
func (r rawWriter) Write(p []byte) (int, error) {
	n, err := r.w.ResponseWriter.Write(p)
	r.w.bytes += int64(n)
	return n, err
}

func (w *responseWriter) Write(p []byte) (int, error) {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	if w.discard {
		return len(p), nil
	}
	n, err := w.ResponseWriter.Write(p)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *responseWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

//go:embed openapi.json
var openAPIDoc []byte

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) error {
	h := w.Header()
	setJSONHeaders(h)
	h.Set("Cache-Control", "public, max-age=3600")
	w.Write(openAPIDoc)
	return nil
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// readyTimeout bounds the store query of a readiness check.
const readyTimeout = 2 * time.Second

// ready answers 200 when the store counts its contents (Stats) within
// readyTimeout, else 503; the store's error is logged, not sent. A store
// that does not heed its context is not waited for.
func (s *Server) ready(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
	defer cancel()
	errc := make(chan error, 1) // a Stats call that outlives the request does not block
	go func() {
		_, err := s.store.Stats(ctx)
		errc <- err
	}()
	var err error
	select {
	case err = <-errc:
	case <-ctx.Done():
		err = ctx.Err()
	}
	switch {
	case err == nil:
		return writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	case errors.Is(err, context.DeadlineExceeded):
		s.log.Warn("not ready: the store did not answer", "timeout", readyTimeout, "err", err)
		writeError(w, http.StatusServiceUnavailable, fmt.Sprintf("not ready: the store did not answer within %s", readyTimeout))
	default:
		s.log.Warn("not ready: the store failed", "err", err)
		writeError(w, http.StatusServiceUnavailable, "not ready: the store failed")
	}
	return nil
}

// checkParams rejects query parameters the route does not know, given
// twice, or too long.
func checkParams(r *http.Request, allowed map[string]bool, names []string) error {
	v, err := parseQuery(r)
	if err != nil {
		return err
	}
	for name, vals := range v {
		if !allowed[name] {
			if len(names) == 0 {
				return badRequest("unknown parameter %q: %s takes no query parameters", name, r.URL.Path)
			}
			return badRequest("unknown parameter %q: use %s", name, strings.Join(names, ", "))
		}
		if len(vals) > 1 {
			return badRequest("parameter %q is given %d times: give it once", name, len(vals))
		}
		if len(vals[0]) > maxParamLen {
			return badRequest("parameter %q is too long (%d bytes, at most %d)", name, len(vals[0]), maxParamLen)
		}
	}
	return nil
}

// maxParamLen caps a query parameter's length in bytes: a long full-text
// query costs the store more than any reader needs.
const maxParamLen = 1000
