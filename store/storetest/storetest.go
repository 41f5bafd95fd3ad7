// Package storetest is the conformance suite every quotewire.Store backend
// runs: the embedded SQLite store always, PostgreSQL when its address is
// set. A backend's test calls
//
//	storetest.Run(t, func(t *testing.T) quotewire.Store { return openFresh(t) })
package storetest

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/quotewire/quotewire"
)

// Open returns a new, empty store; Run closes it.
type Open func(t *testing.T) quotewire.Store

// Run runs the suite, each test on a fresh store.
func Run(t *testing.T, open Open) {
	tests := []struct {
		name string
		fn   func(*testing.T, quotewire.Store)
	}{
		{"PutIsIdempotent", testIdempotent},
		{"BadRecordStoresNothing", testBadRecord},
		{"Stats", testStats},
		{"SearchText", testSearchText},
		{"SearchFilters", testSearchFilters},
		{"BadQueries", testBadQueries},
		{"QueryTextIsData", testQueryTextIsData},
		{"SpeakersAcrossArticles", testSpeakersAcross},
		{"SameSurnameNotMerged", testSameSurname},
		{"AnonymousNotMerged", testAnonymous},
		{"UnnamedGrouped", testUnnamedGrouped},
		{"Quotations", testQuotations},
		{"QuotationPages", testQuotationPages},
		{"SearchPagesThroughTies", testSearchPagesThroughTies},
		{"NearDuplicates", testNearDuplicates},
		{"ArticleQuotes", testArticleQuotes},
		{"CoMentioned", testCoMentioned},
		{"Article", testArticle},
		{"ConcurrentPuts", testConcurrentPuts},
		{"TimelineAndTopSpeakers", testTimeline},
		{"EntitiesAndQuotation", testEntitiesAndQuotation},
		{"Replace", testReplace},
		{"Acts", testActs},
		{"Wikidata", testWikidata},
		{"TalksAbout", testTalksAbout},
		{"WikidataLinks", testWikidataLinks},
		{"LinkedNamesakes", testLinkedNamesakes},
		{"ExplainEntity", testExplainEntity},
		{"CanonicalRoles", testCanonicalRoles},
		{"AcronymsAcross", testAcronymsAcross},
		{"Feeds", testFeeds},
		{"Robots", testRobots},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			defer func() {
				if err := s.Close(); err != nil {
					t.Errorf("close: %v", err)
				}
			}()
			tt.fn(t, s)
		})
	}
}

// Quote is a quote of a test article: its content must occur in the text;
// its speaker names one of the article's entities ("" for none).
type Quote struct {
	Content, Speaker string
}

// Entity is an entity of a test article.
type Entity struct {
	Name  string
	Type  quotewire.EntityType
	Roles []string
}

// Article builds a record whose analysis holds the given entities and
// quotes, as an ingest would store it (key, outlet, a signature distinct
// for each text); other packages' tests use it for hand-made stores.
func Article(id, url, date, outlet, text string, ents []Entity, quotes []Quote) quotewire.Record {
	a := &quotewire.Analysis{ID: id, URL: url, Date: date, Title: "Title of " + id, Text: text,
		Quotes: []quotewire.QuoteOut{}, Entities: []quotewire.EntityOut{}, RepeatedSentences: []quotewire.RepeatedSentence{}}
	local := map[string]string{}
	for i, e := range ents {
		eid := fmt.Sprintf("e%d", i+1)
		local[e.Name] = eid
		roles := e.Roles
		if roles == nil {
			roles = []string{}
		}
		a.Entities = append(a.Entities, quotewire.EntityOut{ID: eid, Name: e.Name, Type: e.Type, Roles: roles, Mentions: []quotewire.TextSpan{}})
	}
	for _, q := range quotes {
		start := strings.Index(text, q.Content)
		if start < 0 {
			panic("storetest: quote not in text: " + q.Content)
		}
		o := quotewire.QuoteOut{Type: quotewire.Indirect, Confidence: 0.8,
			Content: quotewire.ContentSpan{Start: start, End: start + len(q.Content), Text: q.Content}}
		if q.Speaker != "" {
			o.Speaker = &quotewire.SpeakerRef{ID: local[q.Speaker], Name: q.Speaker}
		}
		for _, e := range ents {
			// what the quote is about: the other entities its words name
			if e.Name != q.Speaker && strings.Contains(q.Content, e.Name) {
				o.About = append(o.About, quotewire.EntityRef{ID: local[e.Name], Name: e.Name})
			}
		}
		a.Quotes = append(a.Quotes, o)
	}
	return quotewire.Record{Key: quotewire.ArticleKey(url, text), Analysis: a, Outlet: outlet,
		Origin: quotewire.Origin{File: "test.jsonl", Line: 1}, Signature: signature(text)}
}

// signature is a stand-in MinHash for tests that need no near-duplicate
// detection: distinct texts get distinct signatures.
func signature(text string) []uint32 {
	sig := make([]uint32, 64)
	h := uint32(2166136261)
	for i := 0; i < len(text); i++ {
		h = (h ^ uint32(text[i])) * 16777619
	}
	for i := range sig {
		h = h*1664525 + 1013904223
		sig[i] = h
	}
	return sig
}

func put(t *testing.T, s quotewire.Store, recs ...quotewire.Record) quotewire.PutResult {
	t.Helper()
	res, err := s.Put(context.Background(), recs)
	if err != nil {
		t.Fatalf("Put: %v", err)
	}
	return res
}

func search(t *testing.T, s quotewire.Store, q quotewire.Query) []quotewire.Hit {
	t.Helper()
	hits, err := s.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("Search(%+v): %v", q, err)
	}
	return hits
}

func stats(t *testing.T, s quotewire.Store) quotewire.Stats {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return st
}

// corpus is a small archive: Lavrov in three spellings over three outlets,
// a quote reported twice, the Clintons.
func corpus() []quotewire.Record {
	return []quotewire.Record{
		Article("a1", "https://tass.com/politics/1", "2017-10-04", "tass.com",
			"Russian Foreign Minister Sergey Lavrov said contacts with the UN on Syria are very important for the peace process.",
			[]Entity{{"Sergey Lavrov", quotewire.Person, []string{"Russian Foreign Minister"}}, {"UN", quotewire.Organization, nil}},
			[]Quote{{"contacts with the UN on Syria are very important for the peace process", "Sergey Lavrov"}}),
		Article("a2", "https://example.org/news/2", "2017-10-05", "example.org",
			"Sergei Lavrov told reporters that contacts with the UN on Syria are very important for the peace process. He also said sanctions would fail.",
			[]Entity{{"Sergei Lavrov", quotewire.Person, nil}},
			[]Quote{{"contacts with the UN on Syria are very important for the peace process", "Sergei Lavrov"}, {"sanctions would fail", "Sergei Lavrov"}}),
		Article("a3", "https://example.org/news/3", "2017-11-20", "example.org",
			"Lavrov, the foreign minister, said negotiations in Geneva were going nowhere.",
			[]Entity{{"Lavrov", quotewire.Person, []string{"foreign minister"}}, {"Geneva", quotewire.Place, nil}},
			[]Quote{{"negotiations in Geneva were going nowhere", "Lavrov"}}),
		Article("a4", "https://news.example.com/4", "2016-09-01", "news.example.com",
			"Hillary Clinton said the debate was decisive. Bill Clinton said the campaign was strong.",
			[]Entity{{"Hillary Clinton", quotewire.Person, []string{"candidate"}}, {"Bill Clinton", quotewire.Person, []string{"former president"}}},
			[]Quote{{"the debate was decisive", "Hillary Clinton"}, {"the campaign was strong", "Bill Clinton"}}),
	}
}

func testIdempotent(t *testing.T, s quotewire.Store) {
	recs := corpus()
	if res := put(t, s, recs...); res.Added != 4 || res.Skipped != 0 {
		t.Fatalf("first Put = %+v, want 4 added", res)
	}
	before := stats(t, s)
	if res := put(t, s, recs...); res.Added != 0 || res.Skipped != 4 {
		t.Fatalf("second Put = %+v, want 4 skipped", res)
	}
	// the same article twice in one batch is stored once
	dup := Article("x", "https://x.org/1", "2020-01-01", "x.org", "A new text that nobody has stored before today.", nil, nil)
	if res := put(t, s, dup, dup); res.Added != 1 || res.Skipped != 1 {
		t.Fatalf("batch with a duplicate = %+v, want 1 added 1 skipped", res)
	}
	after := stats(t, s)
	if after.Quotes != before.Quotes || after.Articles != before.Articles+1 || after.Speakers != before.Speakers {
		t.Errorf("re-put changed the store: before %+v after %+v", before, after)
	}
	has, err := s.Has(context.Background(), []string{recs[0].Key, "nope"})
	if err != nil || !has[recs[0].Key] || has["nope"] {
		t.Errorf("Has = %v, %v", has, err)
	}
}

// testBadRecord: a batch holding a record without an analysis (a
// caller's bug) fails naming the record, and stores nothing of the
// batch, not even the records before it; the good record alone is stored
// after.
func testBadRecord(t *testing.T, s quotewire.Store) {
	ctx := context.Background()
	good := Article("g", "https://good.org/1", "2021-02-03", "good.org", `"We will build it," Ann Lee said on Monday.`,
		[]Entity{{Name: "Ann Lee", Type: quotewire.Person}}, []Quote{{Content: "We will build it,", Speaker: "Ann Lee"}})
	bad := quotewire.Record{Key: "bad-key", Origin: quotewire.Origin{File: "feed.jsonl", Line: 7}}
	before := stats(t, s)
	_, err := s.Put(ctx, []quotewire.Record{good, bad})
	if err == nil || !strings.Contains(err.Error(), "without analysis") || !strings.Contains(err.Error(), "feed.jsonl") {
		t.Fatalf("Put with a record without analysis: %v, want an error naming feed.jsonl", err)
	}
	if after := stats(t, s); after != before {
		t.Errorf("a failed batch changed the store: before %+v, after %+v", before, after)
	}
	if has, err := s.Has(ctx, []string{good.Key}); err != nil || has[good.Key] {
		t.Errorf("the good record of the failed batch is stored: %v, %v", has, err)
	}
	if res := put(t, s, good); res.Added != 1 {
		t.Errorf("the good record alone: %+v, want it added", res)
	}
}

func testStats(t *testing.T, s quotewire.Store) {
	if st := stats(t, s); st != (quotewire.Stats{}) {
		t.Errorf("empty store stats = %+v", st)
	}
	put(t, s, corpus()...)
	st := stats(t, s)
	want := quotewire.Stats{Articles: 4, Quotes: 6, Quotations: 5, Speakers: 3, Entities: 5, Outlets: 3,
		FirstDate: "2016-09-01", LastDate: "2017-11-20"}
	if st != want {
		t.Errorf("stats = %+v\nwant    %+v", st, want)
	}
}

func testSpeakersAcross(t *testing.T, s quotewire.Store) {
	put(t, s, corpus()...)
	sps, err := s.Speakers(context.Background(), "lavrov", nil, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(sps) != 1 {
		t.Fatalf("speakers named lavrov = %+v, want one person", sps)
	}
	sp := sps[0]
	if sp.Name != "Sergey Lavrov" || sp.Quotes != 4 || sp.Type != quotewire.Person {
		t.Errorf("speaker = %+v, want Sergey Lavrov with 4 quotes", sp)
	}
	if strings.Join(sp.Aliases, "|") != "Lavrov|Sergei Lavrov|Sergey Lavrov" {
		t.Errorf("aliases = %q", sp.Aliases)
	}
	if len(sp.Roles) != 2 {
		t.Errorf("roles = %q, want both roles", sp.Roles)
	}
	all, err := s.Speakers(context.Background(), "", nil, 10)
	if err != nil || len(all) != 3 || all[0].Name != "Sergey Lavrov" {
		t.Errorf("all speakers = %+v, %v: want 3, most quoted first", all, err)
	}
}

// testAnonymous: two articles quoting an unnamed "spokesman for the
// ministry" do not make one stored speaker (they may be two people); each
// quote keeps the description as its speaker's name.
func testAnonymous(t *testing.T, s quotewire.Store) {
	anon := []Entity{{Name: "spokesman for the ministry", Type: quotewire.Person}}
	put(t, s,
		markUnnamed(Article("a1", "https://example.com/a1", "2020-01-02", "example.com", "A spokesman for the ministry said the dam held.", anon,
			[]Quote{{Content: "the dam held", Speaker: "spokesman for the ministry"}}), "spokesman for the ministry"),
		markUnnamed(Article("a2", "https://example.org/a2", "2020-02-03", "example.org", "A spokesman for the ministry said the road reopened.", anon,
			[]Quote{{Content: "the road reopened", Speaker: "spokesman for the ministry"}}), "spokesman for the ministry"),
	)
	sps, err := s.Speakers(context.Background(), "spokesman", nil, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(sps) != 0 {
		t.Errorf("speakers named spokesman = %+v, want none: an unnamed speaker is not an entity", sps)
	}
	hits := search(t, s, quotewire.Query{Text: "dam OR road", Limit: 10})
	if len(hits) != 2 {
		t.Fatalf("hits = %+v, want both quotes", hits)
	}
	for _, h := range hits {
		if h.Speaker != "spokesman for the ministry" || h.SpeakerID != 0 {
			t.Errorf("hit %q: speaker %q (id %d), want the description and no id", h.Text, h.Speaker, h.SpeakerID)
		}
	}
}

func testSameSurname(t *testing.T, s quotewire.Store) {
	put(t, s, corpus()...)
	// "Clinton" alone, with no role in common with either: a new entity
	put(t, s, Article("a5", "https://x.org/5", "2016-09-02", "x.org", "Clinton said the polls were wrong about everything.",
		[]Entity{{"Clinton", quotewire.Person, nil}}, []Quote{{"the polls were wrong about everything", "Clinton"}}))
	// "Clinton, the former president": Bill
	put(t, s, Article("a6", "https://x.org/6", "2016-09-03", "x.org", "Clinton, the former president, said the economy was better.",
		[]Entity{{"Clinton", quotewire.Person, []string{"former president"}}}, []Quote{{"the economy was better", "Clinton"}}))
	sps, err := s.Speakers(context.Background(), "clinton", nil, 10)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, sp := range sps {
		got[sp.Name] = sp.Quotes
	}
	want := map[string]int{"Hillary Clinton": 1, "Bill Clinton": 2, "Clinton": 1}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("clinton speakers = %v, want %v", got, want)
	}
}

func testNearDuplicates(t *testing.T, s quotewire.Store) {
	a := Article("n1", "https://a.org/1", "2020-01-01", "a.org", "one", nil, nil)
	b := Article("n2", "https://b.org/1", "2020-01-01", "b.org", "two", nil, nil)
	c := Article("n3", "https://c.org/1", "2020-01-01", "c.org", "three", nil, nil)
	// b shares 60 of 64 signature values with a; c shares none
	copy(b.Signature[:60], a.Signature[:60])
	put(t, s, a, b, c)
	if st := stats(t, s); st.Clusters != 1 {
		t.Errorf("clusters = %d, want 1 (n1 and n2)", st.Clusters)
	}
	ctx := context.Background()
	if got, err := s.NearDuplicates(ctx, a.Key, 10); err != nil || len(got) != 1 || got[0].Key != b.Key {
		t.Errorf("near duplicates of n1: %+v, %v; want n2", got, err)
	}
	if got, err := s.NearDuplicates(ctx, c.Key, 10); err != nil || len(got) != 0 {
		t.Errorf("near duplicates of n3: %+v, %v; want none", got, err)
	}
}

// testArticleQuotes: an article's stored quotes come in the order of its
// analysis, each with its speaker and quotation; an unknown article has
// none.
func testArticleQuotes(t *testing.T, s quotewire.Store) {
	recs := corpus()
	put(t, s, recs...)
	ctx := context.Background()
	hits, err := s.ArticleQuotes(ctx, recs[1].Key)
	if err != nil || len(hits) != 2 {
		t.Fatalf("quotes of a2: %+v, %v", hits, err)
	}
	if !strings.HasPrefix(hits[0].Text, "contacts with the UN") || hits[1].Text != "sanctions would fail" || hits[0].SpeakerID == 0 ||
		hits[0].SpeakerID != hits[1].SpeakerID || hits[0].QuotationID == 0 || hits[0].Speaker != "Sergey Lavrov" {
		t.Errorf("quotes of a2: %+v", hits)
	}
	if hits, err := s.ArticleQuotes(ctx, "no-such-key"); err != nil || len(hits) != 0 {
		t.Errorf("quotes of an unknown article: %+v, %v", hits, err)
	}
}

// testCoMentioned: the entities a speaker's articles name alongside them.
func testCoMentioned(t *testing.T, s quotewire.Store) {
	put(t, s, corpus()...)
	ctx := context.Background()
	sps, err := s.Speakers(ctx, "lavrov", nil, 1)
	if err != nil || len(sps) != 1 {
		t.Fatalf("speakers: %+v %v", sps, err)
	}
	cm, err := s.CoMentioned(ctx, sps[0].ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range cm {
		names = append(names, c.Name)
	}
	sort.Strings(names)
	if fmt.Sprint(names) != "[Geneva UN]" {
		t.Errorf("named alongside Lavrov: %v, want Geneva and the UN", names)
	}
}

func testArticle(t *testing.T, s quotewire.Store) {
	recs := corpus()
	put(t, s, recs...)
	r, err := s.Article(context.Background(), recs[1].Key)
	if err != nil {
		t.Fatal(err)
	}
	a := r.Analysis
	if a.Text != recs[1].Analysis.Text || len(a.Quotes) != 2 || a.Quotes[1].Content.Text != "sanctions would fail" || r.Outlet != "example.org" {
		t.Errorf("article = %+v", r)
	}
	if q := a.Quotes[0]; a.Text[q.Content.Start:q.Content.End] != q.Content.Text {
		t.Errorf("stored offsets do not index the stored text")
	}
	if _, err := s.Article(context.Background(), "nope"); !errors.Is(err, quotewire.ErrNotFound) {
		t.Errorf("unknown article error = %v, want ErrNotFound", err)
	}
}

func testConcurrentPuts(t *testing.T, s quotewire.Store) {
	recs := corpus()
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := s.Put(context.Background(), recs); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if st := stats(t, s); st.Articles != 4 || st.Quotes != 6 {
		t.Errorf("after concurrent puts: %+v, want 4 articles 6 quotes", st)
	}
}

func testTimeline(t *testing.T, s quotewire.Store) {
	put(t, s, corpus()...)
	ctx := context.Background()
	tl, err := s.Timeline(ctx, quotewire.Query{Speaker: "Lavrov"}, "month")
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(tl) != "[{2017-10 3} {2017-11 1}]" {
		t.Errorf("monthly timeline = %v", tl)
	}
	tl, err = s.Timeline(ctx, quotewire.Query{Speaker: "Lavrov"}, "week")
	if err != nil {
		t.Fatal(err)
	}
	// 2017-10-04 and -05 are in the week of Monday 2017-10-02
	if fmt.Sprint(tl) != "[{2017-10-02 3} {2017-11-20 1}]" {
		t.Errorf("weekly timeline = %v", tl)
	}
	if _, err := s.Timeline(ctx, quotewire.Query{}, "decade"); !errors.Is(err, quotewire.ErrBadQuery) {
		t.Errorf("unknown period: %v", err)
	}
	top, err := s.TopSpeakers(ctx, quotewire.Query{Text: "peace OR debate OR campaign"})
	if err != nil {
		t.Fatal(err)
	}
	if len(top) != 3 || top[0].Name != "Sergey Lavrov" || top[0].Quotes != 2 {
		t.Errorf("top speakers = %+v", top)
	}
	none, err := s.TopSpeakers(ctx, quotewire.Query{Speaker: "Nobody Atall"})
	if err != nil || len(none) != 0 {
		t.Errorf("top speakers of nobody = %v, %v", none, err)
	}
}

func testReplace(t *testing.T, s quotewire.Store) {
	recs := corpus()
	put(t, s, recs...)
	ctx := context.Background()
	// re-analysed: a2 now has one quote, by someone else
	a2 := recs[1]
	b := Article("a2", a2.Analysis.URL, a2.Analysis.Date, a2.Outlet, a2.Analysis.Text,
		[]Entity{{"Maria Zakharova", quotewire.Person, []string{"spokeswoman"}}},
		[]Quote{{"sanctions would fail", "Maria Zakharova"}})
	missing := Article("zz", "https://x.org/none", "2020-01-01", "x.org", "An article that was never stored in this store.", nil, nil)
	n, err := s.Replace(ctx, []quotewire.Record{b, missing})
	if err != nil || n != 1 {
		t.Fatalf("Replace = %d, %v; want 1", n, err)
	}
	st := stats(t, s)
	if st.Articles != 4 || st.Quotes != 5 || st.Quotations != 5 || st.Speakers != 4 {
		t.Errorf("after replace: %+v, want 4 articles, 5 quotes, 5 quotations (one left, one new), 4 speakers", st)
	}
	lav, _ := s.Speakers(ctx, "lavrov", nil, 1)
	if len(lav) != 1 || lav[0].Quotes != 2 {
		t.Errorf("Lavrov after replace = %+v, want 2 quotes", lav)
	}
	hits := search(t, s, quotewire.Query{Text: "sanctions"})
	if len(hits) != 1 || hits[0].Speaker != "Maria Zakharova" {
		t.Errorf("search after replace = %+v", hits)
	}
	var keys []string
	err = s.Records(ctx, func(r *quotewire.Record) error {
		if r.Analysis == nil || r.Analysis.Text == "" {
			t.Errorf("record %s without analysis or text", r.Key)
		}
		keys = append(keys, r.Key)
		return nil
	})
	if err != nil || len(keys) != 4 || keys[0] != recs[0].Key {
		t.Errorf("Records = %d keys, %v", len(keys), err)
	}
}
