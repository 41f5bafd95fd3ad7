package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/jackc/pgx/v5"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/pack"
	"github.com/quotewire/quotewire/store/internal/rules"
)

// maxCache bounds the name cache; it starts over when full.
const maxCache = 1 << 20

// Put stores a batch of records in one transaction (see quotewire.Store).
// It first takes the store's write lock, a transaction-level advisory
// lock: Puts and Replaces from every process take turns, so the
// resolution of names across articles sees what earlier batches wrote,
// and two processes never both create an entity for one new name.
func (s *Store) Put(ctx context.Context, recs []quotewire.Record) (quotewire.PutResult, error) {
	var res quotewire.PutResult
	if len(recs) == 0 {
		return res, nil
	}
	err := s.write(ctx, func(w *writer) error {
		for i := range recs {
			added, err := w.put(&recs[i])
			if err != nil {
				return fmt.Errorf("store %s: %w", recs[i].Origin, err)
			}
			if added {
				res.Added++
			} else {
				res.Skipped++
			}
		}
		w.queueQuotes()
		return w.run()
	})
	if err != nil {
		return quotewire.PutResult{}, err
	}
	return res, nil
}

// write runs fn in a transaction holding the write lock, and commits.
func (s *Store) write(ctx context.Context, fn func(*writer) error) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return errf("begin write", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1, $2)", writeLockClass, s.lockKey); err != nil {
		return errf("wait for other writers", err)
	}
	if s.cache == nil || len(s.cache) > maxCache {
		s.cache = map[string]int64{}
	}
	w := &writer{ctx: ctx, tx: tx, now: s.Now().UTC(), cache: s.cache}
	if err := fn(w); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return errf("commit", err)
	}
	for k, v := range w.fresh {
		s.cache[k] = v
	}
	return nil
}

// writer holds one write transaction. It sends its statements in as few
// round trips as it can: writes whose results it does not need wait
// (later) and travel, pipelined and in order, with the next query (run).
type writer struct {
	ctx context.Context
	tx  pgx.Tx
	now time.Time
	// cache is the store's memory of resolved names and stored aliases
	// and roles; fresh holds this batch's additions, merged into it only
	// when the transaction commits.
	cache, fresh map[string]int64
	// pending are the writes waiting for run.
	pending []step
	// quotes are the rows waiting for queueQuotes.
	quotes quoteRows
	// ids are entity ids taken from the sequence and not used yet.
	ids []int64
}

// step is one statement of a round trip; row is called for each row it
// returns (nil for a write, whose rows are ignored). what names it in
// errors.
type step struct {
	what string
	sql  string
	args []any
	row  func(pgx.Rows) error
}

// later queues a write whose result is not needed now.
func (w *writer) later(what, sql string, args ...any) {
	w.pending = append(w.pending, step{what: what, sql: sql, args: args})
}

// run sends the queued writes and then steps in one round trip, and
// reads their results in order: each step sees what the steps before it
// wrote.
func (w *writer) run(steps ...step) error {
	all := append(w.pending, steps...)
	w.pending = nil
	if len(all) == 0 {
		return nil
	}
	b := &pgx.Batch{}
	for _, s := range all {
		b.Queue(s.sql, s.args...)
	}
	br := w.tx.SendBatch(w.ctx, b)
	for _, s := range all {
		if err := s.read(br); err != nil {
			br.Close()
			return err
		}
	}
	return errf("write", br.Close())
}

// read reads the step's result from br.
func (s step) read(br pgx.BatchResults) error {
	if s.row == nil {
		_, err := br.Exec()
		return errf(s.what, err)
	}
	rows, err := br.Query()
	if err != nil {
		return errf(s.what, err)
	}
	for rows.Next() {
		if err := s.row(rows); err != nil {
			rows.Close()
			return errf(s.what, err)
		}
	}
	rows.Close()
	return errf(s.what, rows.Err())
}

func (w *writer) lookup(k string) (int64, bool) {
	if v, ok := w.fresh[k]; ok {
		return v, true
	}
	v, ok := w.cache[k]
	return v, ok
}

func (w *writer) known(k string) bool {
	_, ok := w.lookup(k)
	return ok
}

func (w *writer) remember(k string, v int64) {
	if w.fresh == nil {
		w.fresh = map[string]int64{}
	}
	w.fresh[k] = v
}

// put stores one record; it reports false when the key was stored before.
// It takes two round trips: the article with what the store knows of
// its signature's bands and its names, then its quotations.
func (w *writer) put(r *quotewire.Record) (bool, error) {
	a := r.Analysis
	if a == nil {
		return false, errors.New("record without analysis")
	}
	key := r.Key
	if key == "" {
		key = quotewire.ArticleKey(a.URL, a.Text)
	}
	js, err := pack.Analysis(a)
	if err != nil {
		return false, err
	}
	// the article, and in the same statement (whose snapshot does not
	// hold the article yet) the stored articles that share a band of its
	// signature
	ins := `WITH ins AS (INSERT INTO articles
		(key, source_id, url, title, date, outlet, dateline, agency, text, file, line, record, signature, analysis, added)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
		ON CONFLICT (key) DO NOTHING RETURNING id)`
	args := []any{clean(key), clean(a.ID), clean(a.URL), clean(a.Title), clean(a.Date), clean(r.Outlet), clean(a.Dateline), clean(a.Agency), a.Text,
		clean(r.Origin.File), r.Origin.Line, r.Origin.Record, rules.PackSignature(r.Signature), js, w.now}
	sig := r.Signature
	var bands []int16
	var hashes []int64
	if len(sig) == rules.Bands*rules.Rows {
		hashes = rules.BandHashes(sig)
		bands = make([]int16, len(hashes))
		for b := range bands {
			bands[b] = int16(b)
		}
		ins += ` SELECT ins.id, c.id, c.cluster, c.signature FROM ins LEFT JOIN LATERAL (
			SELECT a.id, COALESCE(a.cluster, a.id) AS cluster, a.signature FROM articles a
			WHERE a.id IN (SELECT b.article FROM article_bands b
				JOIN unnest($16::smallint[], $17::bigint[]) AS u(band, hash) ON b.band = u.band AND b.hash = u.hash)
			ORDER BY a.id LIMIT 100) c ON true`
		args = append(args, bands, hashes)
	} else {
		sig = nil
		ins += ` SELECT id, NULL::bigint, NULL::bigint, NULL::bytea FROM ins`
	}
	var id, cluster int64
	stored := false
	insert := step{what: "insert article", sql: ins, args: args, row: func(rows pgx.Rows) error {
		var other, oc *int64
		var osig []byte
		if err := rows.Scan(&id, &other, &oc, &osig); err != nil {
			return err
		}
		if !stored {
			stored, cluster = true, id
		}
		// near-duplicate clustering: the lowest cluster of the stored
		// articles that agree on NearDuplicate of the signature
		if other != nil && rules.IsNearDuplicate(sig, osig) && *oc < cluster {
			cluster = *oc
		}
		return nil
	}}
	names, lookups := w.prefetch(a)
	if err := w.run(append([]step{insert}, lookups...)...); err != nil {
		return false, err
	}
	if !stored {
		return false, nil
	}
	if sig != nil {
		w.later("set cluster", `WITH b AS (INSERT INTO article_bands (band, hash, article)
				SELECT band, hash, $3::bigint FROM unnest($1::smallint[], $2::bigint[]) AS u(band, hash) ON CONFLICT DO NOTHING)
			UPDATE articles SET cluster = $4::bigint WHERE id = $3::bigint`, bands, hashes, id, cluster)
	}
	local, err := w.entities(id, a, names)
	if err != nil {
		return false, err
	}
	if err := w.addQuotes(id, a, local); err != nil {
		return false, err
	}
	return true, nil
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
}

func (q *quoteRows) len() int { return len(q.article) }

// maxQuoteRows is how many quotes one INSERT writes at most.
const maxQuoteRows = 5000

// addQuotes groups the quotes of analysis a, in article id, into their
// quotations (counting the occurrences, setting first dates and
// speakers), counts them to their speakers, and keeps them for
// queueQuotes.
func (w *writer) addQuotes(id int64, a *quotewire.Analysis, local map[string]int64) error {
	if len(a.Quotes) == 0 {
		return nil
	}
	// one row per quotation: PostgreSQL cannot update a row twice in one
	// statement, so repeats within the article are counted here; the
	// quotation keeps its first quote's text and first resolved speaker,
	// as row by row would
	type quotation struct {
		key, text string
		speaker   int64
		n         int
	}
	var qns []*quotation
	byKey := map[string]*quotation{}
	keys := make([]string, len(a.Quotes))
	speakers := make([]int64, len(a.Quotes))
	spoke := map[int64]int{}
	for i := range a.Quotes {
		q := &a.Quotes[i]
		if q.Speaker != nil {
			if g, ok := local[q.Speaker.ID]; ok {
				speakers[i] = g
				spoke[g]++
			}
		}
		keys[i] = rules.QuotationKey(q.Content.Text, speakers[i])
		qn := byKey[keys[i]]
		if qn == nil {
			qn = &quotation{key: keys[i], text: q.Content.Text}
			byKey[keys[i]] = qn
			qns = append(qns, qn)
		}
		qn.n++
		if qn.speaker == 0 {
			qn.speaker = speakers[i]
		}
	}
	qkeys, qtexts, qspeakers, qdates, qcounts := make([]string, len(qns)), make([]string, len(qns)), make([]int64, len(qns)), make([]string, len(qns)), make([]int, len(qns))
	for i, qn := range qns {
		qkeys[i], qtexts[i], qspeakers[i], qdates[i], qcounts[i] = qn.key, qn.text, qn.speaker, a.Date, qn.n
	}
	ids := make(map[string]int64, len(qns))
	err := w.run(step{what: "insert quotations", sql: `INSERT INTO quotations AS qn (key, text, speaker, first_date, occurrences)
		SELECT key, text, NULLIF(speaker, 0), date, n
		FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::int[]) WITH ORDINALITY AS u(key, text, speaker, date, n, i)
		ORDER BY i
		ON CONFLICT (key) DO UPDATE SET occurrences = qn.occurrences + excluded.occurrences,
			first_date = CASE WHEN excluded.first_date <> '' AND (qn.first_date = '' OR excluded.first_date < qn.first_date)
				THEN excluded.first_date ELSE qn.first_date END,
			speaker = COALESCE(qn.speaker, excluded.speaker)
		RETURNING key, id`, args: []any{qkeys, qtexts, qspeakers, qdates, qcounts}, row: func(rows pgx.Rows) error {
		var k string
		var qid int64
		if err := rows.Scan(&k, &qid); err != nil {
			return err
		}
		ids[k] = qid
		return nil
	}})
	if err != nil {
		return err
	}
	for i := range a.Quotes {
		q := &a.Quotes[i]
		name := ""
		if q.Speaker != nil {
			name = q.Speaker.Name
		}
		r := &w.quotes
		r.article = append(r.article, id)
		r.seq = append(r.seq, i)
		r.kind = append(r.kind, string(q.Type))
		r.text = append(r.text, q.Content.Text)
		r.date = append(r.date, a.Date)
		r.start = append(r.start, q.Content.Start)
		r.end = append(r.end, q.Content.End)
		r.speaker = append(r.speaker, speakers[i])
		r.name = append(r.name, name)
		r.confidence = append(r.confidence, q.Confidence)
		r.quotation = append(r.quotation, ids[keys[i]])
		r.words = append(r.words, Words(q.Content.Text))
	}
	if len(spoke) > 0 {
		sids, counts := make([]int64, 0, len(spoke)), make([]int, 0, len(spoke))
		for sp, n := range spoke {
			sids, counts = append(sids, sp), append(counts, n)
		}
		w.later("count quotes", `UPDATE entities e SET quotes = e.quotes + u.n
			FROM unnest($1::bigint[], $2::int[]) AS u(id, n) WHERE e.id = u.id`, sids, counts)
	}
	if w.quotes.len() >= maxQuoteRows {
		w.queueQuotes()
	}
	return nil
}

// queueQuotes queues the insert of the waiting quotes, in order, with
// their words' tsvector (see later).
func (w *writer) queueQuotes() {
	r := &w.quotes
	if r.len() == 0 {
		return
	}
	w.later("insert quotes", `INSERT INTO quotes
		(article, seq, kind, text, date, start, "end", speaker, speaker_name, confidence, quotation, tsv)
		SELECT article, seq, kind, text, date, start, stop, NULLIF(speaker, 0), name, confidence, quotation, to_tsvector('quotewire', words)
		FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[], $8::bigint[],
			$9::text[], $10::float8[], $11::bigint[], $12::text[])
			WITH ORDINALITY AS u(article, seq, kind, text, date, start, stop, speaker, name, confidence, quotation, words, i)
		ORDER BY i`,
		r.article, r.seq, r.kind, r.text, r.date, r.start, r.end, r.speaker, r.name, r.confidence, r.quotation, r.words)
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
