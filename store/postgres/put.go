package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/jackc/pgx/v5"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/ahead"
	"github.com/quotewire/quotewire/store/internal/pack"
	"github.com/quotewire/quotewire/store/internal/rules"
)

// Put stores a batch of records (see quotewire.Store) in three
// transactions, so that many processes can write at once:
//
//  1. resolve, holding the store's write lock (a transaction-level
//     advisory lock; Puts and Replaces from every process take turns):
//     which articles are new, and the entities their names refer to
//     (created when new, with their aliases and roles). It reads and
//     writes little, so the turns are short.
//  2. store, without the lock, in parallel with other writers: the
//     articles (one statement), the quotations their quotes belong to
//     (created when new, in key order, with what the batch counts in
//     them), their quotes (with the full-text index), links to entities
//     and signature bands, and last the counts the rows stored before
//     take (a quotation's occurrences, first date and speaker; a
//     speaker's quotes), their rows locked in one global order
//     (quotations, then entities, by id): writers wait for each other
//     but never deadlock.
//  3. cluster, holding the cluster lock (another advisory lock, so that
//     one writer clusters while another resolves): the near-duplicate
//     cluster of every article of the batch that has none yet.
//
// The records' analyses are packed for storing on other goroutines while
// step 1 runs. A process killed between the steps leaves nothing wrong:
// entities made in step 1 are found again by name when the batch is
// redelivered, and step 3 picks up the stored articles of the batch still
// without a cluster. A step that PostgreSQL aborts as a deadlock or a
// serialization failure is retried.
func (s *Store) Put(ctx context.Context, recs []quotewire.Record) (quotewire.PutResult, error) {
	var res quotewire.PutResult
	if len(recs) == 0 {
		return res, nil
	}
	if err := s.Link(ctx, recs); err != nil {
		return res, err
	}
	items := make([]*item, len(recs))
	for i := range recs {
		it, err := baseItem(&recs[i])
		if err != nil {
			return res, fmt.Errorf("store %s: %w", recs[i].Origin, err)
		}
		items[i] = it
	}
	// the analyses are packed while the names are resolved (prepared
	// before the resolving commits: a record that cannot be stored
	// leaves no entities)
	prep := ahead.Start(len(items), func(k int) error {
		if err := items[k].prepare(); err != nil {
			return fmt.Errorf("store %s: %w", items[k].rec.Origin, err)
		}
		return nil
	})
	prepared := prep.WaitAll
	defer prepared()
	err := retry(ctx, func() error {
		return s.write(ctx, func(w *writer) error {
			if err := w.resolveItems(items); err != nil {
				return err
			}
			return prepared()
		})
	})
	if err != nil {
		return res, err
	}
	start := time.Now()
	var added int
	err = retry(ctx, func() error {
		var err error
		added, err = s.storeItems(ctx, items)
		return err
	})
	s.timing.store.Add(int64(time.Since(start)))
	if err != nil {
		return res, err
	}
	if err := retry(ctx, func() error { return s.clustering(ctx, func(w *writer) error { return w.cluster(items) }) }); err != nil {
		return res, err
	}
	res.Added, res.Skipped = added, len(recs)-added
	s.timing.batches.Add(1)
	s.timing.articles.Add(int64(added))
	return res, nil
}

// errQuotationGone is what storing a batch meets when a quotation its
// quotes belong to was deleted while it was being stored (by a Replace
// that left it without occurrences): storing is tried again.
var errQuotationGone = errors.New("a quotation of the batch was deleted while it was being stored: try again")

// item is one record on its way into the store, with what resolving it
// found.
type item struct {
	rec *quotewire.Record
	// a is the analysis stored (Replace keeps the stored date and text)
	a   *quotewire.Analysis
	key string
	// packed is the analysis as stored (package pack); words are the
	// words of each quote (Words)
	packed []byte
	words  []string
	// fresh: not stored when the batch was resolved (and not an earlier
	// record of the batch again)
	fresh bool
	// id is the article's id once stored (0: stored by someone else)
	id int64
	// gids and lids link the store's entities to the analysis's ids
	gids []int64
	lids []string
	// What depends on the record alone is worked out before the write
	// lock is taken: names are its entities' names as they are looked up;
	// qtexts each quote's text part of its quotation key; bands the
	// hashes of its signature's bands (nil without a signature).
	names  []nameOf
	qtexts []rules.QuotationText
	bands  []int64
	// speakers and qkeys are each quote's speaker (0: none) and quotation
	// key, once resolved; vias the entity that relayed it (0: none)
	speakers []int64
	qkeys    []string
	vias     []int64
	// abouts are the store ids of the entities each quote's content
	// names, space-separated (see QuoteOut.About)
	abouts []string
	// facts are what the store keeps of each quote besides its words,
	// offsets and speaker
	facts []rules.QuoteFacts
}

// newItem prepares a record for Put, all of it at once.
func newItem(r *quotewire.Record) (*item, error) {
	it, err := baseItem(r)
	if err != nil {
		return nil, err
	}
	return it, it.prepare()
}

// baseItem returns the item of a record with what resolving it needs
// (prepare adds what storing it needs).
func baseItem(r *quotewire.Record) (*item, error) {
	a := r.Analysis
	if a == nil {
		return nil, errors.New("record without analysis")
	}
	key := r.Key
	if key == "" {
		key = quotewire.ArticleKey(a.URL, a.Text)
	}
	return itemOf(r, a, clean(key)), nil
}

// prepare works out what storing the item needs and resolving it does
// not: its analysis as stored, and the words of its quotes.
func (it *item) prepare() error {
	js, err := pack.Analysis(it.a)
	if err != nil {
		return err
	}
	it.packed = js
	it.words = make([]string, len(it.a.Quotes))
	for i := range it.a.Quotes {
		it.words[i] = Words(it.a.Quotes[i].Content.Text)
	}
	return nil
}

// itemOf returns the item of record r with analysis a under key, with
// what depends on them alone worked out.
func itemOf(r *quotewire.Record, a *quotewire.Analysis, key string) *item {
	it := &item{rec: r, a: a, key: key, names: make([]nameOf, len(a.Entities)), qtexts: make([]rules.QuotationText, len(a.Quotes)),
		facts: make([]rules.QuoteFacts, len(a.Quotes))}
	for i := range a.Entities {
		it.names[i] = nameParts(&a.Entities[i])
	}
	for i := range a.Quotes {
		it.qtexts[i] = rules.QuotationTextOf(a.Quotes[i].Content.Text)
		it.facts[i] = rules.FactsOf(&a.Quotes[i])
	}
	if len(r.Signature) == rules.Bands*rules.Rows {
		it.bands = rules.BandHashes(r.Signature)
	}
	return it
}

// resolveItems finds which items are new and resolves their names (step 1
// of Put): the entities, and so each quote's speaker and quotation key.
func (w *writer) resolveItems(items []*item) error {
	keys := make([]string, len(items))
	for i, it := range items {
		keys[i] = it.key
	}
	stored := map[string]bool{}
	err := w.run(step{what: "find stored articles", sql: "SELECT key FROM articles WHERE key = ANY($1)", args: []any{keys},
		row: func(rows pgx.Rows) error {
			var k string
			err := rows.Scan(&k)
			stored[k] = true
			return err
		}})
	if err != nil {
		return err
	}
	var fresh []*item
	for _, it := range items {
		it.fresh = !stored[it.key]
		if it.fresh {
			stored[it.key] = true
			fresh = append(fresh, it)
		}
	}
	// what the store holds about their names, in one round trip
	names, lookups := w.prefetch(fresh...)
	if err := w.run(lookups...); err != nil {
		return err
	}
	for _, it := range fresh {
		if err := w.resolve(it, names); err != nil {
			return fmt.Errorf("store %s: %w", it.rec.Origin, err)
		}
	}
	return w.run()
}

// storeItems writes the fresh items' articles, quotations, quotes and
// counts (step 2 of Put) in a transaction of its own, without the write
// lock, and returns how many articles it stored.
func (s *Store) storeItems(ctx context.Context, items []*item) (int, error) {
	var fresh []*item
	for _, it := range items {
		if it.fresh {
			fresh = append(fresh, it)
		}
	}
	if len(fresh) == 0 {
		return 0, nil
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return 0, errf("begin write", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	w := &writer{ctx: ctx, tx: tx, now: s.Now().UTC()}
	w.later("turn off compilation", "SELECT "+noJIT)
	if err := w.run(insertArticles(fresh, w.now)); err != nil {
		return 0, err
	}
	var done []*item
	var links links
	var barts, hashes []int64
	var bands []int16
	for _, it := range fresh {
		if it.id == 0 {
			// stored by another writer since the batch was resolved
			continue
		}
		done = append(done, it)
		if it.bands != nil {
			for b, h := range it.bands {
				barts, bands, hashes = append(barts, it.id), append(bands, int16(b)), append(hashes, h)
			}
		}
		links.add(it)
	}
	q, err := w.quotations(done)
	if err != nil {
		return 0, err
	}
	for _, it := range done {
		w.addQuotes(it, q.ids)
	}
	if len(barts) > 0 {
		// (new articles: none of their bands is stored)
		w.later("insert bands", `INSERT INTO article_bands (band, hash, article)
			SELECT band, hash, article FROM unnest($1::smallint[], $2::bigint[], $3::bigint[]) AS u(band, hash, article)`,
			bands, hashes, barts)
	}
	w.link(&links)
	w.queueQuotes()
	w.count(done, q)
	if err := w.run(); err != nil {
		return 0, err
	}
	if w.counted != w.toCount {
		return 0, errQuotationGone
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, errf("commit", err)
	}
	return len(done), nil
}

// cluster sets the near-duplicate cluster of the items' stored articles
// that have a signature and no cluster yet (step 3 of Put): the lowest
// cluster of the clustered articles that share a band of its signature
// and agree on rules.IsNearDuplicate, or, when there are none, its own
// id. It runs under the cluster lock, so that of two near-duplicates
// stored at once the second to be clustered sees the first.
func (w *writer) cluster(items []*item) error {
	var keys []string
	var ubands []int16
	var uhashes []int64
	sigs := map[string][]uint32{}
	for _, it := range items {
		if it.bands == nil || sigs[it.key] != nil {
			continue
		}
		keys = append(keys, it.key)
		sigs[it.key] = it.rec.Signature
		for b, h := range it.bands {
			ubands, uhashes = append(ubands, int16(b)), append(uhashes, h)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	type candidate struct {
		id, cluster int64
		sig         []byte
	}
	type pending struct {
		id    int64
		sig   []uint32
		cands []candidate
	}
	var todo []*pending
	byID := map[int64]*pending{}
	// the articles sharing a band with each (the first 100 by id), found
	// by the bands' primary key: each key's bands are its slice of the
	// arrays
	err := w.run(step{what: "find near-duplicates", sql: `SELECT p.id, p.key, c.id, c.cluster, c.signature
		FROM unnest($1::text[]) WITH ORDINALITY AS k(key, i) JOIN articles p ON p.key = k.key
		LEFT JOIN LATERAL (SELECT a.id, a.cluster, a.signature FROM articles a
			WHERE a.id IN (SELECT b.article FROM article_bands b
				JOIN unnest(($2::smallint[])[(k.i - 1) * $4 + 1 : k.i * $4], ($3::bigint[])[(k.i - 1) * $4 + 1 : k.i * $4]) AS u(band, hash)
				ON b.band = u.band AND b.hash = u.hash WHERE b.article <> p.id)
			ORDER BY a.id LIMIT 100) c ON true
		WHERE p.cluster IS NULL AND p.signature IS NOT NULL
		ORDER BY p.id, c.id`, args: []any{keys, ubands, uhashes, rules.Bands}, row: func(rows pgx.Rows) error {
		var id int64
		var key string
		var osig []byte
		var other, oc *int64
		if err := rows.Scan(&id, &key, &other, &oc, &osig); err != nil {
			return err
		}
		p := byID[id]
		if p == nil {
			p = &pending{id: id, sig: sigs[key]}
			byID[id] = p
			todo = append(todo, p)
		}
		if other != nil {
			c := candidate{id: *other, sig: osig}
			if oc != nil {
				c.cluster = *oc
			}
			p.cands = append(p.cands, c)
		}
		return nil
	}})
	if err != nil || len(todo) == 0 {
		return err
	}
	assigned := map[int64]int64{}
	ids, clusters := make([]int64, len(todo)), make([]int64, len(todo))
	for i, p := range todo {
		// the lowest cluster among its clustered near-duplicates, even
		// one numbered after it (clustered first, as a writer that stored
		// it later may be quicker to cluster): a cluster is never split
		var cl int64
		for _, c := range p.cands {
			oc := c.cluster
			if oc == 0 {
				// clustered in this pass, or not yet (then it will see
				// this one when its turn comes)
				oc = assigned[c.id]
			}
			if oc != 0 && (cl == 0 || oc < cl) && rules.IsNearDuplicate(p.sig, c.sig) {
				cl = oc
			}
		}
		if cl == 0 {
			cl = p.id
		}
		assigned[p.id] = cl
		ids[i], clusters[i] = p.id, cl
	}
	w.later("set clusters", `UPDATE articles a SET cluster = u.cluster FROM unnest($1::bigint[], $2::bigint[]) AS u(id, cluster)
		WHERE a.id = u.id`, ids, clusters)
	return w.run()
}

// quoteRows are quotes waiting to be inserted, column by column.
type quoteRows struct {
	article    []int64
	seq        []int
	kind       []string
	text       []string
	date       []string
	start, end []int
	speaker    []int64 // 0: unresolved
	name       []string
	confidence []float64
	quotation  []int64
	words      []string
	act        []string
	anonymous  []bool
	continued  []bool
	via        []string
	viaSpeaker []int64  // 0: none
	about      []string // the ids of the entities the content names, space-separated
}

func (q *quoteRows) len() int { return len(q.article) }

// maxQuoteRows is how many quotes one INSERT writes at most.
const maxQuoteRows = 5000

// resolve resolves an item's entities to the store's (p is what was
// prefetched about their names) and its quotes to their speakers and
// quotation keys.
func (w *writer) resolve(it *item, p *prefetched) error {
	a := it.a
	local := map[string]int64{}
	it.gids, it.lids = nil, nil
	for i := range a.Entities {
		e := &a.Entities[i]
		gid, err := w.entity(e, it.names[i], p, it.key, a.Date)
		if err != nil {
			return err
		}
		if gid == 0 {
			continue
		}
		local[e.ID] = gid
		it.gids = append(it.gids, gid)
		it.lids = append(it.lids, e.ID)
	}
	it.speakers = make([]int64, len(a.Quotes))
	it.qkeys = make([]string, len(a.Quotes))
	it.vias = make([]int64, len(a.Quotes))
	it.abouts = make([]string, len(a.Quotes))
	for i := range a.Quotes {
		q := &a.Quotes[i]
		if q.Speaker != nil {
			it.speakers[i] = local[q.Speaker.ID]
		}
		it.qkeys[i] = it.qtexts[i].Key(it.speakers[i])
		if v := it.facts[i].ViaLocal; v != "" {
			it.vias[i] = local[v]
		}
		var ab []string
		for _, e := range q.About {
			if g, ok := local[e.ID]; ok {
				if s := strconv.FormatInt(g, 10); !slices.Contains(ab, s) {
					ab = append(ab, s)
				}
			}
		}
		it.abouts[i] = strings.Join(ab, " ")
	}
	return nil
}

// links are links of articles to entities waiting for link, column by
// column.
type links struct {
	article []int64
	entity  []int64
	local   []string
}

// add adds the links of an item's article to its entities: a local id
// twice keeps its first entity, as a row each would (the article has no
// links yet, so they are inserted without a conflict clause).
func (l *links) add(it *item) {
	seen := make(map[string]bool, len(it.lids))
	for i, gid := range it.gids {
		if lid := it.lids[i]; !seen[lid] {
			seen[lid] = true
			l.article, l.entity, l.local = append(l.article, it.id), append(l.entity, gid), append(l.local, lid)
		}
	}
}

// link queues the insert of links.
func (w *writer) link(l *links) {
	if len(l.article) == 0 {
		return
	}
	w.later("link entities", `INSERT INTO article_entities (article, entity, local)
		SELECT article, entity, local FROM unnest($1::bigint[], $2::bigint[], $3::text[]) AS u(article, entity, local)`,
		l.article, l.entity, l.local)
}

// addQuotes keeps an item's quotes for queueQuotes.
func (w *writer) addQuotes(it *item, qids map[string]int64) {
	a := it.a
	for i := range a.Quotes {
		q := &a.Quotes[i]
		name := ""
		if q.Speaker != nil {
			name = q.Speaker.Name
		}
		r := &w.quotes
		r.article = append(r.article, it.id)
		r.seq = append(r.seq, i)
		r.kind = append(r.kind, string(q.Type))
		r.text = append(r.text, q.Content.Text)
		r.date = append(r.date, a.Date)
		r.start = append(r.start, q.Content.Start)
		r.end = append(r.end, q.Content.End)
		r.speaker = append(r.speaker, it.speakers[i])
		r.name = append(r.name, name)
		r.confidence = append(r.confidence, q.Confidence)
		r.quotation = append(r.quotation, qids[it.qkeys[i]])
		if it.words != nil {
			r.words = append(r.words, it.words[i])
		} else {
			r.words = append(r.words, Words(q.Content.Text))
		}
		f := &it.facts[i]
		r.act = append(r.act, clean(f.Act))
		r.anonymous = append(r.anonymous, f.Anonymous)
		r.continued = append(r.continued, f.Continued)
		r.via = append(r.via, clean(f.Via))
		r.viaSpeaker = append(r.viaSpeaker, it.vias[i])
		r.about = append(r.about, it.abouts[i])
	}
	if w.quotes.len() >= maxQuoteRows {
		w.queueQuotes()
	}
}

// queueQuotes queues the insert of the waiting quotes, in order, with
// their words' tsvector (see later).
func (w *writer) queueQuotes() {
	r := &w.quotes
	if r.len() == 0 {
		return
	}
	w.later("insert quotes", `INSERT INTO quotes
		(article, seq, kind, text, date, start, "end", speaker, speaker_name, confidence, quotation, tsv,
			act, anonymous, continued, via, via_speaker, about)
		SELECT article, seq, kind, text, date, start, stop, NULLIF(speaker, 0), name, confidence, quotation, to_tsvector('quotewire', words),
			act, anonymous, continued, via, NULLIF(via_speaker, 0), COALESCE(string_to_array(NULLIF(about, ''), ' ')::bigint[], '{}')
		FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[], $8::bigint[],
			$9::text[], $10::float8[], $11::bigint[], $12::text[], $13::text[], $14::bool[], $15::bool[], $16::text[], $17::bigint[], $18::text[])
			WITH ORDINALITY AS u(article, seq, kind, text, date, start, stop, speaker, name, confidence, quotation, words,
				act, anonymous, continued, via, via_speaker, about, i)
		ORDER BY i`,
		r.article, r.seq, r.kind, r.text, r.date, r.start, r.end, r.speaker, r.name, r.confidence, r.quotation, r.words,
		r.act, r.anonymous, r.continued, r.via, r.viaSpeaker, r.about)
	*r = quoteRows{}
}

// Words returns the words of a text as the store indexes them: runs of
// letters and digits (as quotewire.ParseQuery splits a query), in lower
// case, separated by single spaces. PostgreSQL's text parser then sees
// only plain words, so "U.S." is the words "u" and "s", "tass.com" the
// words "tass" and "com", and "3.5" the words "3" and "5", as a query
// typed the same way gives them.
func Words(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	space := false
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		space = true
	}
	return b.String()
}
