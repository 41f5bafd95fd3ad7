package server

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/server/ui"
)

// List limits: a list endpoint returns DefaultLimit items unless its limit
// parameter says otherwise, and at most MaxLimit.
const (
	DefaultLimit = 20
	MaxLimit     = 1000
	// DefaultReports is how many reports of a quotation
	// /api/quotations/{id} returns unless its limit says otherwise (its
	// "reports" counts them all; offset pages on).
	DefaultReports = 100
)

// maxKeyLen caps an article key in a path; stored keys are 21 bytes.
const maxKeyLen = 200

// parseQuery parses the request's query string, rejecting a malformed one
// (a bad %-escape, a semicolon) rather than dropping parts of it.
func parseQuery(r *http.Request) (url.Values, error) {
	v, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, badRequest("the query string is malformed (%v): %%-encode special characters", err)
	}
	return v, nil
}

// intParam returns the integer parameter name, def when it is absent, or
// a 400 error when it is not a whole number in [lo, hi].
func intParam(v url.Values, name string, def, lo, hi int) (int, error) {
	s := v.Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, &quotewire.ParamError{Param: name, Value: s, Want: fmt.Sprintf("use a whole number from %d to %d", lo, hi)}
	}
	if err := quotewire.CheckRange(name, n, lo, hi); err != nil {
		return 0, err
	}
	return n, nil
}

// idParam returns the positive id in the path parameter name.
func idParam(r *http.Request, what string) (int64, error) {
	s := r.PathValue("id")
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, badRequest("%s id %q: use a positive whole number", what, s)
	}
	return id, nil
}

// dateParam returns the date parameter name: YYYY, YYYY-MM or YYYY-MM-DD
// of the calendar (quotewire.CheckDate, as the command line judges it).
func dateParam(v url.Values, name string) (string, error) {
	d := v.Get(name)
	if err := quotewire.CheckDate(name, d); err != nil {
		return "", err
	}
	return d, nil
}

// actsParam returns the acts the parameter acts asks for:
// quotewire.DefaultActs (statements) when it is absent or empty, nil (every
// act) for "all", else the acts it lists separated by commas; a 400
// error names the acts there are.
func actsParam(v url.Values) ([]quotewire.Act, error) {
	acts, err := quotewire.ParseActs(v.Get("acts"))
	if err != nil {
		return nil, badRequest("acts: %s", strings.TrimPrefix(err.Error(), quotewire.ErrBadQuery.Error()+": "))
	}
	return acts, nil
}

// quotesPage is the reply of GET /api/quotes.
type quotesPage struct {
	Quotes []quotewire.Hit `json:"quotes"`
	Limit  int             `json:"limit"`
	Offset int             `json:"offset"`
}

func (s *Server) quotes(w http.ResponseWriter, r *http.Request) error {
	v := r.URL.Query()
	q := quotewire.Query{Text: v.Get("q"), Speaker: v.Get("speaker"), Entity: v.Get("entity"), About: v.Get("about"), Outlet: v.Get("outlet"), Unnamed: v.Get("unnamed")}
	var err error
	if sid := v.Get("speaker_id"); sid != "" {
		if q.SpeakerID, err = strconv.ParseInt(sid, 10, 64); err != nil || q.SpeakerID <= 0 {
			return badRequest("speaker_id %q: use a positive whole number (the id from /api/speakers)", sid)
		}
	}
	if q.From, err = dateParam(v, "from"); err != nil {
		return err
	}
	if q.To, err = dateParam(v, "to"); err != nil {
		return err
	}
	if mc := v.Get("min_confidence"); mc != "" {
		f, err := strconv.ParseFloat(mc, 64)
		if err != nil {
			return &quotewire.ParamError{Param: "min_confidence", Value: mc, Want: "use a number from 0 to 1"}
		}
		if err := quotewire.CheckConfidence("min_confidence", f); err != nil {
			return err
		}
		q.MinConfidence = f
	}
	if q.Acts, err = actsParam(v); err != nil {
		return err
	}
	if q.Limit, err = intParam(v, "limit", DefaultLimit, 1, MaxLimit); err != nil {
		return err
	}
	if q.Offset, err = intParam(v, "offset", 0, 0, math.MaxInt32); err != nil {
		return err
	}
	hits, err := s.store.Search(r.Context(), q)
	if err != nil {
		return err
	}
	if hits == nil {
		hits = []quotewire.Hit{}
	}
	return writeJSON(w, http.StatusOK, quotesPage{Quotes: hits, Limit: q.Limit, Offset: q.Offset})
}

func (s *Server) quotation(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r, "quotation")
	if err != nil {
		return err
	}
	v := r.URL.Query()
	limit, err := intParam(v, "limit", DefaultReports, 1, MaxLimit)
	if err != nil {
		return err
	}
	offset, err := intParam(v, "offset", 0, 0, math.MaxInt32)
	if err != nil {
		return err
	}
	qn, err := s.store.Quotation(r.Context(), id, offset, limit)
	if errors.Is(err, quotewire.ErrNotFound) {
		return &apiError{http.StatusNotFound, fmt.Sprintf("no quotation with id %d", id)}
	}
	if err != nil {
		return err
	}
	if qn.Occurrences == nil {
		qn.Occurrences = []quotewire.Occurrence{}
	}
	return writeJSON(w, http.StatusOK, qn)
}

// explainEntity says how a stored entity was made from the articles'
// names (quotewire.ExplainEntity).
func (s *Server) explainEntity(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r, "entity")
	if err != nil {
		return err
	}
	n, err := intParam(r.URL.Query(), "articles", 5, 0, 100)
	if err != nil {
		return err
	}
	ex, err := quotewire.ExplainEntity(r.Context(), s.store, id, n)
	if errors.Is(err, quotewire.ErrNotFound) {
		return &apiError{http.StatusNotFound, fmt.Sprintf("no entity with id %d", id)}
	}
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, ex)
}

func (s *Server) speakers(w http.ResponseWriter, r *http.Request) error {
	v := r.URL.Query()
	limit, err := intParam(v, "limit", DefaultLimit, 1, MaxLimit)
	if err != nil {
		return err
	}
	acts, err := actsParam(v)
	if err != nil {
		return err
	}
	sp, err := s.store.Speakers(r.Context(), v.Get("name"), acts, limit)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string][]quotewire.Speaker{"speakers": nonNil(sp)})
}

func (s *Server) entities(w http.ResponseWriter, r *http.Request) error {
	v := r.URL.Query()
	limit, err := intParam(v, "limit", DefaultLimit, 1, MaxLimit)
	if err != nil {
		return err
	}
	acts, err := actsParam(v)
	if err != nil {
		return err
	}
	typ := quotewire.EntityType(v.Get("type"))
	switch typ {
	case "", quotewire.Person, quotewire.Organization, quotewire.Place, quotewire.Work:
	default:
		return badRequest("type %q: use person, organization, place or work", typ)
	}
	es, err := s.store.Entities(r.Context(), v.Get("name"), typ, acts, limit)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string][]quotewire.Speaker{"entities": nonNil(es)})
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// timelineReply is the reply of GET /api/speakers/{id}/timeline.
type timelineReply struct {
	SpeakerID int64              `json:"speaker_id"`
	Period    string             `json:"period"`
	Buckets   []quotewire.Bucket `json:"buckets"`
}

func (s *Server) timeline(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r, "speaker")
	if err != nil {
		return err
	}
	v := r.URL.Query()
	period := v.Get("period")
	switch period {
	case "":
		period = "month"
	case "week", "month", "year":
	default:
		return badRequest("period %q: use week, month or year", period)
	}
	q := quotewire.Query{SpeakerID: id, Text: v.Get("q")}
	if q.From, err = dateParam(v, "from"); err != nil {
		return err
	}
	if q.To, err = dateParam(v, "to"); err != nil {
		return err
	}
	if q.Acts, err = actsParam(v); err != nil {
		return err
	}
	bs, err := s.store.Timeline(r.Context(), q, period)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, timelineReply{SpeakerID: id, Period: period, Buckets: nonNil(bs)})
}

// countQuery reads the parameters of the speaker counts (top-speakers,
// unnamed-speakers): q, entity, outlet, from, to, acts and limit.
func countQuery(v url.Values) (quotewire.Query, error) {
	q := quotewire.Query{Text: v.Get("q"), Entity: v.Get("entity"), Outlet: v.Get("outlet")}
	var err error
	if q.From, err = dateParam(v, "from"); err != nil {
		return q, err
	}
	if q.To, err = dateParam(v, "to"); err != nil {
		return q, err
	}
	if q.Acts, err = actsParam(v); err != nil {
		return q, err
	}
	q.Limit, err = intParam(v, "limit", DefaultLimit, 1, MaxLimit)
	return q, err
}

func (s *Server) unnamedSpeakers(w http.ResponseWriter, r *http.Request) error {
	q, err := countQuery(r.URL.Query())
	if err != nil {
		return err
	}
	us, err := s.store.UnnamedSpeakers(r.Context(), q)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string][]quotewire.UnnamedSpeaker{"speakers": nonNil(us)})
}

func (s *Server) topSpeakers(w http.ResponseWriter, r *http.Request) error {
	q, err := countQuery(r.URL.Query())
	if err != nil {
		return err
	}
	sc, err := s.store.TopSpeakers(r.Context(), q)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string][]quotewire.SpeakerCount{"speakers": nonNil(sc)})
}

// articleReply is the reply of GET /api/articles/{key}.
type articleReply struct {
	Key      string              `json:"key"`
	Outlet   string              `json:"outlet"`
	Article  *quotewire.Analysis `json:"article"`
	Segments []ui.Segment        `json:"segments"`
}

func (s *Server) article(w http.ResponseWriter, r *http.Request) error {
	key := r.PathValue("key")
	notFound := &apiError{http.StatusNotFound, fmt.Sprintf("no article with key %q", key)}
	if len(key) > maxKeyLen {
		return notFound
	}
	rec, err := s.store.Article(r.Context(), key)
	if errors.Is(err, quotewire.ErrNotFound) {
		return notFound
	}
	if err != nil {
		return err
	}
	if rec.Analysis == nil {
		return fmt.Errorf("article %q: the store returned no analysis", key)
	}
	return writeJSON(w, http.StatusOK, articleReply{Key: rec.Key, Outlet: rec.Outlet, Article: rec.Analysis, Segments: ui.Segments(rec.Analysis)})
}

// feeds lists the feeds the store follows with their health, in the
// order they were added (none for a store that keeps no feeds).
func (s *Server) feeds(w http.ResponseWriter, r *http.Request) error {
	out := []quotewire.FeedHealth{}
	if s.feedList != nil {
		fs, err := s.feedList.Feeds(r.Context())
		if err != nil {
			return err
		}
		now := time.Now()
		for _, f := range fs {
			out = append(out, f.WithHealth(now))
		}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"feeds": out})
}

func (s *Server) stats(w http.ResponseWriter, r *http.Request) error {
	st, err := s.store.Stats(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, st)
}
