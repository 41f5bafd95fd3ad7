package ui

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/quotewire/quotewire"
)

// PageSize is how many quote cards a search page shows.
const PageSize = 20

// maxPage caps the page number: paging far into a search costs the store
// more than reading it does anyone good; narrow the search instead.
const maxPage = 500

// maxParamLen caps a form field's length in bytes.
const maxParamLen = 1000

// searchForm is the search page's query: the text and its filters, as the
// URL holds them. Acts is the "what" filter's value ("" for statements,
// see actsValue).
type searchForm struct {
	Q, Speaker, Unnamed, Outlet, Entity, About, From, To, Acts string
}

// formFields are the form's parameter names, in URL order.
var formFields = []string{"q", "speaker", "unnamed", "outlet", "entity", "about", "from", "to", "acts"}

// field returns the form's field for a parameter name.
func (f *searchForm) field(name string) *string {
	switch name {
	case "q":
		return &f.Q
	case "speaker":
		return &f.Speaker
	case "unnamed":
		return &f.Unnamed
	case "outlet":
		return &f.Outlet
	case "entity":
		return &f.Entity
	case "about":
		return &f.About
	case "from":
		return &f.From
	case "to":
		return &f.To
	case "acts":
		return &f.Acts
	}
	return nil
}

func (f *searchForm) set(name, value string) {
	if p := f.field(name); p != nil {
		*p = strings.TrimSpace(value)
	}
}

// Filtered reports whether any filter besides the text is set (showing
// other acts than statements is one).
func (f searchForm) Filtered() bool {
	return f.Speaker != "" || f.Unnamed != "" || f.Outlet != "" || f.Entity != "" || f.About != "" || f.From != "" || f.To != "" || f.Acts != ""
}

// Choices are the options of the form's "what" filter.
func (f searchForm) Choices() []actChoice { return actChoices(f.Acts) }

// empty reports whether the form asks for nothing.
func (f searchForm) empty() bool { return f.Q == "" && !f.Filtered() }

// url returns the search page for the form at page (1-based): the whole
// query is in the URL, so it can be shared.
func (f searchForm) url(page int) string {
	v := url.Values{}
	for _, name := range formFields {
		if s := *f.field(name); s != "" {
			v.Set(name, s)
		}
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	if len(v) == 0 {
		return "/"
	}
	return "/?" + v.Encode()
}

// query returns the store query for the form's page, asking for one hit
// more than a page holds to learn whether there is a next page.
func (f searchForm) query(page int) quotewire.Query {
	return quotewire.Query{Text: f.Q, Speaker: f.Speaker, Unnamed: f.Unnamed, Outlet: f.Outlet, Entity: f.Entity, About: f.About, From: f.From, To: f.To,
		Acts: actsOf(f.Acts), Limit: PageSize + 1, Offset: (page - 1) * PageSize}
}

// card is one quote on a page.
type card struct {
	quotewire.Hit
	// Role is a title of the speaker ("Russian Foreign Minister"), or "".
	Role string
	// Link is the article's address when it is an http(s) URL, else "".
	Link string
}

// searchView is the data of the search page.
type searchView struct {
	head
	Form searchForm
	Page int
	// First and Last number the cards shown (1-based).
	First, Last int
	Cards       []card
	Prev, Next  string
	// Error says what is wrong with the query, for the reader to fix.
	Error string
	// Overview is set for an empty query: what the store holds.
	Overview bool
	overview
}

// overview is what the front page shows of the store when there is no
// query: its counts, the most quoted speakers and the most quoted unnamed
// ones (per outlet).
type overview struct {
	Stats   quotewire.Stats
	Top     []quotewire.SpeakerCount
	Unnamed []quotewire.UnnamedSpeaker
}

// search serves the search page: quote cards for the query in the URL, or
// an overview of the store when there is none.
func (u *UI) search(w http.ResponseWriter, r *http.Request) error {
	params := r.URL.Query()
	v := searchView{Page: 1}
	v.HideSearch = true
	for _, name := range formFields {
		if s := params.Get(name); len(s) > maxParamLen {
			v.Error = fmt.Sprintf("The %s field is too long (%d bytes): keep it under %d.", fieldLabel(name), len(s), maxParamLen)
		} else {
			v.Form.set(name, s)
		}
	}
	if v.Error == "" {
		var problem string
		if v.Form.Acts, problem = readActs(v.Form.Acts); problem != "" {
			v.Error = problem
		}
	}
	if p := params.Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > maxPage {
			v.Error = fmt.Sprintf("Page %q does not exist: pages go from 1 to %d (narrow the search to see older quotes).", p, maxPage)
		} else {
			v.Page = n
		}
	}
	v.Title = "Search quotes"
	if v.Form.Q != "" {
		v.Title = v.Form.Q + " · search"
	}
	if v.Error != "" {
		return u.render(w, http.StatusBadRequest, "search", v)
	}
	if v.Form.empty() {
		var err error
		v.Overview = true
		if v.overview, err = u.cachedOverview(r); err != nil {
			return err
		}
		return u.render(w, http.StatusOK, "search", v)
	}
	hits, err := u.store.Search(r.Context(), v.Form.query(v.Page))
	if errors.Is(err, quotewire.ErrBadQuery) {
		v.Error = queryProblem(err)
		return u.render(w, http.StatusBadRequest, "search", v)
	}
	if err != nil {
		return err
	}
	if len(hits) > PageSize {
		hits = hits[:PageSize]
		v.Next = v.Form.url(v.Page + 1)
	}
	if v.Page > 1 {
		v.Prev = v.Form.url(v.Page - 1)
	}
	if v.Cards, err = u.cards(r, hits); err != nil {
		return err
	}
	if len(hits) > 0 {
		v.First = (v.Page-1)*PageSize + 1
		v.Last = v.First + len(hits) - 1
	}
	return u.render(w, http.StatusOK, "search", v)
}

// fieldLabel names a form field as the page labels it.
func fieldLabel(name string) string {
	switch name {
	case "q":
		return "search"
	case "from":
		return "from date"
	case "to":
		return "to date"
	case "acts":
		return "what"
	case "unnamed":
		return "unnamed speaker"
	}
	return name
}

// queryProblem turns a bad-query error into a sentence for the reader.
func queryProblem(err error) string {
	msg := strings.TrimPrefix(err.Error(), quotewire.ErrBadQuery.Error()+": ")
	if msg == "" {
		return "The query is malformed."
	}
	return strings.ToUpper(msg[:1]) + msg[1:] + "."
}

// cachedOverview returns the store's statistics and top speakers,
// reusing them for the configured time. Once there is an overview, a
// stale one is served while a fresh one is computed in the background,
// so only the very first front page waits for the counting (New starts
// that in the background too).
func (u *UI) cachedOverview(r *http.Request) (overview, error) {
	o := &u.overview
	o.Lock()
	now := u.now()
	fresh := u.ttl > 0 && !o.at.IsZero() && now.Sub(o.at) < u.ttl && !now.Before(o.at)
	if fresh || (u.ttl > 0 && !o.at.IsZero()) {
		ov := o.overview
		if !fresh && !o.refreshing {
			o.refreshing = true
			go u.refreshOverview(context.WithoutCancel(r.Context()))
		}
		o.Unlock()
		return ov, nil
	}
	o.Unlock()
	return u.computeOverview(r.Context())
}

// computeOverview counts the store and keeps the result.
func (u *UI) computeOverview(ctx context.Context) (overview, error) {
	var ov overview
	var err error
	if ov.Stats, err = u.store.Stats(ctx); err != nil {
		return ov, err
	}
	if ov.Top, err = u.store.TopSpeakers(ctx, quotewire.Query{Acts: quotewire.DefaultActs, Limit: 12}); err != nil {
		return ov, err
	}
	if ov.Unnamed, err = u.store.UnnamedSpeakers(ctx, quotewire.Query{Acts: quotewire.DefaultActs, Limit: 8}); err != nil {
		return ov, err
	}
	o := &u.overview
	o.Lock()
	o.at, o.overview = u.now(), ov
	o.Unlock()
	return ov, nil
}

// refreshOverview computes the overview in the background; a panic in
// the store is logged, not fatal.
func (u *UI) refreshOverview(ctx context.Context) {
	defer func() {
		if p := recover(); p != nil {
			u.log.Error("refresh the front page's overview: panic", "panic", p)
			u.overview.Lock()
			u.overview.refreshing = false
			u.overview.Unlock()
		}
	}()
	if _, err := u.computeOverview(ctx); err != nil {
		u.log.Warn("refresh the front page's overview", "err", err)
	}
	u.overview.Lock()
	u.overview.refreshing = false
	u.overview.Unlock()
}

// cards turns hits into cards, with a role for each resolved speaker.
func (u *UI) cards(r *http.Request, hits []quotewire.Hit) ([]card, error) {
	roles := map[int64]string{}
	out := make([]card, len(hits))
	for i, h := range hits {
		if h.SpeakerID != 0 {
			role, ok := roles[h.SpeakerID]
			if !ok {
				sp, err := u.store.Speaker(r.Context(), h.SpeakerID, nil)
				switch {
				case errors.Is(err, quotewire.ErrNotFound):
				case err != nil:
					return nil, err
				default:
					role = mainRole(sp.Roles)
				}
				roles[h.SpeakerID] = role
			}
			out[i].Role = role
		}
		out[i].Hit = h
		out[i].Link = webURL(h.URL)
	}
	return out, nil
}

// maxRoleLen keeps long appositions ("the man who ...") off the cards.
const maxRoleLen = 32

// mainRole picks the role to show beside a speaker's name: the most
// specific (longest) title that is short enough to read at a glance.
func mainRole(roles []string) string {
	best := ""
	for _, r := range roles {
		if len(r) <= maxRoleLen && (len(r) > len(best) || len(r) == len(best) && r < best) {
			best = r
		}
	}
	return best
}
