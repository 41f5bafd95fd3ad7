package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/dedup"
	"github.com/quotewire/quotewire/ingest"
	"github.com/quotewire/quotewire/internal/testpipe"
	"github.com/quotewire/quotewire/store/sqlite"
)

// seedFile is the founding article.
const seedFile = "../../testdata/seed/tass-2017-10-04-lavrov-krasnodar.txt"

// quote is a quote of a hand-made article: its content must occur in the
// text.
type quote struct {
	content, speaker string
	kind             quotewire.QuoteKind
}

// entity is an entity of a hand-made article.
type entity struct {
	name  string
	typ   quotewire.EntityType
	roles []string
}

// article builds a record whose analysis holds the given entities and
// quotes; speakers name entities.
func article(id, url, date, outlet, text string, ents []entity, quotes []quote) quotewire.Record {
	a := &quotewire.Analysis{ID: id, URL: url, Date: date, Title: "Title of " + id, Text: text,
		Quotes: []quotewire.QuoteOut{}, Entities: []quotewire.EntityOut{}, RepeatedSentences: []quotewire.RepeatedSentence{}}
	local := map[string]string{}
	for i, e := range ents {
		eid := fmt.Sprintf("e%d", i+1)
		local[e.name] = eid
		roles := e.roles
		if roles == nil {
			roles = []string{}
		}
		out := quotewire.EntityOut{ID: eid, Name: e.name, Type: e.typ, Roles: roles, Mentions: []quotewire.TextSpan{}}
		if k := strings.Index(text, e.name); k >= 0 {
			out.Mentions = append(out.Mentions, quotewire.TextSpan{Start: k, End: k + len(e.name), Text: e.name})
		}
		a.Entities = append(a.Entities, out)
	}
	for _, q := range quotes {
		start := strings.Index(text, q.content)
		if start < 0 {
			panic("ui test: quote not in text: " + q.content)
		}
		kind := q.kind
		if kind == "" {
			kind = quotewire.Indirect
		}
		o := quotewire.QuoteOut{Type: kind, Confidence: 0.8,
			Content: quotewire.ContentSpan{Start: start, End: start + len(q.content), Text: q.content}}
		if q.speaker != "" {
			o.Speaker = &quotewire.SpeakerRef{ID: local[q.speaker], Name: q.speaker}
		}
		a.Quotes = append(a.Quotes, o)
	}
	return quotewire.Record{Key: quotewire.ArticleKey(url, text), Analysis: a, Outlet: outlet,
		Origin: quotewire.Origin{File: "test.jsonl", Line: 1}}
}

// corpus is a small archive: one statement of Lavrov's reported by two
// outlets in different punctuation, and 45 quotes of a budget minister
// over three outlets, for paging.
func corpus() []quotewire.Record {
	recs := []quotewire.Record{
		article("l1", "https://tass.com/politics/1", "2017-10-05", "tass.com",
			`Sergey Lavrov said: "Contacts with the UN on Syria are very important for the peace process."`,
			[]entity{{"Sergey Lavrov", quotewire.Person, []string{"Russian Foreign Minister"}}},
			[]quote{{`"Contacts with the UN on Syria are very important for the peace process."`, "Sergey Lavrov", quotewire.Direct}}),
		article("l2", "https://example.org/news/2", "2017-10-06", "example.org",
			"Sergei Lavrov told reporters that contacts with the UN on Syria are very important for the peace process, and left.",
			[]entity{{"Sergei Lavrov", quotewire.Person, nil}},
			[]quote{{"contacts with the UN on Syria are very important for the peace process,", "Sergei Lavrov", quotewire.Indirect}}),
	}
	outlets := []string{"budget.example", "news.example", "wire.example"}
	for i := range 45 {
		text := fmt.Sprintf("Minister Anna Budgetova said the budget for year %d would grow by %d percent.", 2000+i, i+1)
		recs = append(recs, article(fmt.Sprintf("b%d", i), fmt.Sprintf("https://%s/b/%d", outlets[i%3], i),
			fmt.Sprintf("2018-%02d-%02d", 1+i%12, 1+i%28), outlets[i%3], text,
			[]entity{{"Anna Budgetova", quotewire.Person, []string{"Minister"}}},
			[]quote{{fmt.Sprintf("the budget for year %d would grow by %d percent", 2000+i, i+1), "Anna Budgetova", ""}}))
	}
	return recs
}

// seedRecord analyses the founding article with the real pipeline and
// makes the record ingest would store.
func seedRecord(t testing.TB) quotewire.Record {
	t.Helper()
	recs := readCorpus(t, testpipe.Default(t), seedFile)
	if len(recs) != 1 {
		t.Fatalf("seed: %d records", len(recs))
	}
	return recs[0]
}

// readCorpus reads and analyses every article of the files, in
// parallel, and makes the records ingest would store, in order. Articles
// the pipeline rejects are left out.
func readCorpus(t testing.TB, p *quotewire.Pipeline, paths ...string) []quotewire.Record {
	t.Helper()
	var arts []quotewire.Article
	for _, path := range paths {
		r, err := ingest.Open(path, ingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for {
			art, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			arts = append(arts, art)
		}
		r.Close()
	}
	recs := make([]*quotewire.Record, len(arts))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				art := arts[i]
				an, err := p.Extract(art)
				if err != nil {
					continue
				}
				outlet := an.Agency
				if u, err := url.Parse(an.URL); err == nil && u.Host != "" {
					outlet = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
				}
				recs[i] = &quotewire.Record{Key: quotewire.ArticleKey(art.URL, art.Text), Analysis: an,
					Origin: art.Origin, Outlet: outlet, Signature: dedup.Signature(an.Text)}
			}
		})
	}
	for i := range arts {
		next <- i
	}
	close(next)
	wg.Wait()
	var out []quotewire.Record
	for _, r := range recs {
		if r != nil {
			out = append(out, *r)
		}
	}
	return out
}

// newStore returns a store in a temporary folder holding recs.
func newStore(t testing.TB, recs ...quotewire.Record) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(filepath.Join(t.TempDir(), "ui.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if len(recs) > 0 {
		if _, err := s.Put(context.Background(), recs); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// fixture is the store the page tests share, and the ids they visit.
type fixture struct {
	store               *sqlite.Store
	seed                quotewire.Record
	lavrov, budgetova   int64
	statement, seedQuot int64
}

var (
	fixtureOnce sync.Once
	shared      fixture
	fixtureErr  error
	// fixtureDir holds the shared store; TestMain makes and removes it.
	fixtureDir string
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "quotewire-ui-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fixtureDir = dir
	code := m.Run()
	if shared.store != nil {
		shared.store.Close()
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// testFixture builds the shared store once: the founding article through
// the real pipeline, and the hand-made corpus.
func testFixture(t *testing.T) fixture {
	t.Helper()
	fixtureOnce.Do(func() {
		// the store outlives the first test, so it is not in a t.TempDir
		s, err := sqlite.Open(filepath.Join(fixtureDir, "ui.db"))
		if err != nil {
			fixtureErr = err
			return
		}
		seed := seedRecord(t)
		ctx := context.Background()
		if _, err := s.Put(ctx, append([]quotewire.Record{seed}, corpus()...)); err != nil {
			fixtureErr = err
			return
		}
		f := fixture{store: s, seed: seed}
		find := func(q quotewire.Query) quotewire.Hit {
			hits, err := s.Search(ctx, q)
			if err != nil || len(hits) == 0 {
				fixtureErr = fmt.Errorf("search %+v: %v %v", q, hits, err)
				return quotewire.Hit{}
			}
			return hits[0]
		}
		h := find(quotewire.Query{Text: `"peace process"`})
		f.lavrov, f.statement = h.SpeakerID, h.QuotationID
		f.budgetova = find(quotewire.Query{Text: "budget"}).SpeakerID
		f.seedQuot = find(quotewire.Query{Text: `"legitimate universal agency"`}).QuotationID
		shared = f
	})
	if fixtureErr != nil {
		t.Fatal(fixtureErr)
	}
	if shared.store == nil {
		t.Fatal("the shared store could not be built (see the first test's failure)")
	}
	return shared
}

// response is what a request got.
type response struct {
	status int
	header http.Header
	body   string
}

// get sends a GET request to h.
func get(t testing.TB, h http.Handler, target string) response {
	t.Helper()
	return do(t, h, "GET", target)
}

func do(t testing.TB, h http.Handler, method, target string) response {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, target, nil))
	return response{rec.Code, rec.Header(), rec.Body.String()}
}

// quiet is a logger that drops everything.
func quiet() *slog.Logger { return slog.New(slog.DiscardHandler) }
