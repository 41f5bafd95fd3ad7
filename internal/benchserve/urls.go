package benchserve

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Target is one URL the clients request: its path and query on the
// server, and the kind of page or endpoint it is (for the latency by
// kind).
type Target struct {
	Kind string `json:"kind"`
	Path string `json:"path"`
}

// The kinds of Target, in the order the tables list them.
const (
	KindAPISearch   = "api-search"   // /api/quotes with words, a speaker, dates, an outlet
	KindUISearch    = "ui-search"    // the search page, the same queries
	KindAPIArticle  = "api-article"  // /api/articles/{key}
	KindUIArticle   = "ui-article"   // /articles/{key}
	KindUISpeaker   = "ui-speaker"   // /speakers/{id}: timeline, quotes, co-mentions
	KindTimeline    = "api-timeline" // /api/speakers/{id}/timeline
	KindAPIQuote    = "api-quotation"
	KindUIQuote     = "ui-quotation"
	KindFrontPage   = "ui-front" // the front page's overview
	defaultURLCount = 780
)

// kinds are the mix of a URL set: each kind's share of the URLs.
var kinds = []struct {
	kind   string
	weight int
}{
	{KindAPISearch, 26}, {KindUISearch, 22}, {KindAPIArticle, 7}, {KindUIArticle, 12},
	{KindUISpeaker, 8}, {KindTimeline, 9}, {KindAPIQuote, 7}, {KindUIQuote, 9},
}

// Kinds returns the kinds of Target in the order the tables list them.
func Kinds() []string {
	out := make([]string, 0, len(kinds)+1)
	for _, k := range kinds {
		out = append(out, k.kind)
	}
	return append(out, KindFrontPage)
}

// material is what the URLs are made of, read from the server's own API.
type material struct {
	speakers []speaker
	words    []string
	keys     []string
	quotes   []int64
	outlets  []string
	years    []string
	months   []string
	unnamed  []string
	surnames []string
}

type speaker struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Quotes int    `json:"quotes"`
}

// hit is the part of a search hit the URLs use.
type hit struct {
	Text        string `json:"text"`
	Speaker     string `json:"speaker"`
	Anonymous   bool   `json:"anonymous"`
	Article     string `json:"article"`
	Date        string `json:"date"`
	Outlet      string `json:"outlet"`
	QuotationID int64  `json:"quotation_id"`
}

// getJSON reads the JSON reply of GET base+path into v.
func getJSON(ctx context.Context, c *http.Client, base, path string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+path, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return fmt.Errorf("GET %s: %s: %s", path, resp.Status, strings.TrimSpace(string(b)))
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// readMaterial asks the server's API for the store's most quoted
// speakers and, for each of the first of them, their quotes: the words,
// articles, quotations, outlets and dates the URLs are made of.
func readMaterial(ctx context.Context, c *http.Client, base string) (*material, error) {
	var top struct {
		Speakers []speaker `json:"speakers"`
	}
	if err := getJSON(ctx, c, base, "/api/top-speakers?acts=all&limit=80", &top); err != nil {
		return nil, fmt.Errorf("read the store's speakers: %w", err)
	}
	if len(top.Speakers) == 0 {
		return nil, fmt.Errorf("the store at %s has no speakers to make URLs of: ingest articles first", base)
	}
	m := &material{speakers: top.Speakers}
	words, keys, outlets, years, months, unnamed := set{}, set{}, set{}, set{}, set{}, set{}
	quotes := map[int64]bool{}
	read := func(path string) error {
		var page struct {
			Quotes []hit `json:"quotes"`
		}
		if err := getJSON(ctx, c, base, path, &page); err != nil {
			return fmt.Errorf("read quotes: %w", err)
		}
		for _, h := range page.Quotes {
			for _, w := range wordsOf(h.Text) {
				words.add(w)
			}
			keys.add(h.Article)
			outlets.add(h.Outlet)
			if len(h.Date) >= 7 {
				years.add(h.Date[:4])
				months.add(h.Date[:7])
			}
			if h.Anonymous {
				unnamed.add(strings.ToLower(h.Speaker))
			}
			if h.QuotationID > 0 && !quotes[h.QuotationID] {
				quotes[h.QuotationID] = true
				m.quotes = append(m.quotes, h.QuotationID)
			}
		}
		return nil
	}
	for i, sp := range top.Speakers {
		if i >= 40 {
			break
		}
		// two pages apart: the replicas of one article are a week apart,
		// so the second page reaches other articles and dates
		for _, off := range []int{0, 200} {
			if err := read(fmt.Sprintf("/api/quotes?speaker_id=%d&acts=all&limit=25&offset=%d", sp.ID, off)); err != nil {
				return nil, err
			}
		}
		m.surnames = append(m.surnames, surname(sp.Name))
	}
	if err := read("/api/quotes?acts=all&limit=100"); err != nil {
		return nil, err
	}
	m.words, m.keys, m.outlets, m.years, m.months, m.unnamed = words.sorted(), keys.sorted(), outlets.sorted(), years.sorted(), months.sorted(), unnamed.sorted()
	if len(m.words) == 0 || len(m.keys) == 0 {
		return nil, fmt.Errorf("the store at %s has no quotes to make URLs of", base)
	}
	return m, nil
}

// set is a set of strings, "" left out.
type set map[string]bool

func (s set) add(v string) {
	if v != "" {
		s[v] = true
	}
}

func (s set) sorted() []string {
	out := make([]string, 0, len(s))
	for v := range s {
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}

// stopWords are common words left out of the queries: a query of "their"
// measures nothing a reader asks.
var stopWords = map[string]bool{
	"about": true, "after": true, "again": true, "also": true, "because": true, "been": true, "before": true,
	"being": true, "could": true, "does": true, "from": true, "have": true, "into": true, "more": true,
	"must": true, "only": true, "other": true, "over": true, "said": true, "should": true, "some": true,
	"that": true, "their": true, "them": true, "then": true, "there": true, "these": true, "they": true,
	"this": true, "those": true, "very": true, "were": true, "what": true, "when": true, "where": true,
	"which": true, "while": true, "will": true, "with": true, "would": true, "your": true, "just": true,
	"than": true, "like": true, "such": true, "here": true, "make": true, "well": true, "many": true,
}

// wordsOf returns the words of a quote worth searching for: five letters
// or more, lower case, no stop word.
func wordsOf(text string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len([]rune(w)) >= 5 && !stopWords[w] {
			out = append(out, w)
		}
	}
	return out
}

// surname is the last word of a name, as a reader types it.
func surname(name string) string {
	f := strings.Fields(name)
	if len(f) == 0 {
		return name
	}
	return f[len(f)-1]
}

// pick returns a random element of list.
func pick[T any](r *rand.Rand, list []T) T {
	return list[r.IntN(len(list))]
}

// searchQuery returns the parameters of a search as a reader makes one:
// words (one, two, a phrase or a prefix), often with a filter (a
// speaker, a year or month range, an outlet), sometimes a filter alone.
func (m *material) searchQuery(r *rand.Rand) url.Values {
	v := url.Values{}
	switch r.IntN(6) {
	case 0, 1:
		v.Set("q", pick(r, m.words))
	case 2:
		v.Set("q", pick(r, m.words)+" "+pick(r, m.words))
	case 3:
		v.Set("q", pick(r, m.words)+" OR "+pick(r, m.words))
	case 4:
		w := pick(r, m.words)
		v.Set("q", w[:4]+"*")
	case 5:
		// a filter alone: newest quotes of a speaker, an outlet, a period
	}
	switch r.IntN(7) {
	case 0:
		v.Set("speaker", pick(r, m.surnames))
	case 1:
		y := pick(r, m.years)
		v.Set("from", y)
		v.Set("to", y)
	case 2:
		if len(m.months) > 0 {
			mo := pick(r, m.months)
			v.Set("from", mo)
			v.Set("to", mo)
		}
	case 3:
		v.Set("outlet", pick(r, m.outlets))
	case 4:
		if len(m.unnamed) > 0 && v.Get("q") == "" {
			v.Set("unnamed", pick(r, m.unnamed))
		}
	}
	if len(v) == 0 {
		v.Set("speaker", pick(r, m.surnames))
	}
	return v
}

// target makes one URL of kind.
func (m *material) target(r *rand.Rand, kind string) string {
	switch kind {
	case KindAPISearch:
		v := m.searchQuery(r)
		if r.IntN(4) == 0 {
			v.Set("limit", "50")
		}
		return "/api/quotes?" + v.Encode()
	case KindUISearch:
		v := m.searchQuery(r)
		if r.IntN(5) == 0 {
			v.Set("page", "2")
		}
		return "/?" + v.Encode()
	case KindAPIArticle:
		return "/api/articles/" + url.PathEscape(pick(r, m.keys))
	case KindUIArticle:
		return "/articles/" + url.PathEscape(pick(r, m.keys))
	case KindUISpeaker:
		sp := pick(r, m.speakers)
		v := url.Values{}
		switch r.IntN(4) {
		case 1:
			v.Set("period", pick(r, []string{"week", "year"}))
		case 2:
			v.Set("q", pick(r, m.words))
		case 3:
			v.Set("acts", "all")
		}
		return withQuery("/speakers/"+strconv.FormatInt(sp.ID, 10), v)
	case KindTimeline:
		sp := pick(r, m.speakers)
		v := url.Values{}
		v.Set("period", pick(r, []string{"week", "month", "year"}))
		switch r.IntN(3) {
		case 1:
			v.Set("q", pick(r, m.words))
		case 2:
			y := pick(r, m.years)
			v.Set("from", y)
			v.Set("to", y)
		}
		return withQuery("/api/speakers/"+strconv.FormatInt(sp.ID, 10)+"/timeline", v)
	case KindAPIQuote:
		return "/api/quotations/" + strconv.FormatInt(pick(r, m.quotes), 10)
	case KindUIQuote:
		return "/quotations/" + strconv.FormatInt(pick(r, m.quotes), 10)
	}
	panic("benchserve: unknown kind " + kind)
}

func withQuery(path string, v url.Values) string {
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}

// BuildTargets makes n distinct URLs (default 780) from the content of
// the store the server at base serves, read through its own API: the
// most quoted speakers and their quotes give the words, speakers,
// articles, quotations, outlets and dates. The mix is the one issue 16
// names: searches of the API and the web UI with and without filters
// (about half), article pages (a fifth), speaker pages and timelines (a
// sixth) and quotations (a sixth), plus the front page. The same seed
// gives the same URLs on the same store.
func BuildTargets(ctx context.Context, c *http.Client, base string, n int, seed uint64) ([]Target, error) {
	if n <= 0 {
		n = defaultURLCount
	}
	m, err := readMaterial(ctx, c, base)
	if err != nil {
		return nil, err
	}
	r := rand.New(rand.NewPCG(seed, 0x71756f7465))
	out := []Target{{KindFrontPage, "/"}}
	seen := map[string]bool{"/": true}
	total := 0
	for _, k := range kinds {
		total += k.weight
	}
	for tries := 0; len(out) < n && tries < 100*n; tries++ {
		x := r.IntN(total)
		kind := kinds[len(kinds)-1].kind
		for _, k := range kinds {
			if x < k.weight {
				kind = k.kind
				break
			}
			x -= k.weight
		}
		p := m.target(r, kind)
		if !seen[p] {
			seen[p] = true
			out = append(out, Target{kind, p})
		}
	}
	return out, nil
}
