package postgres

import (
	"slices"

	"github.com/jackc/pgx/v5"
)

// quotationTally is what a batch's quotes add to one quotation: their
// number, the earliest of their articles' dates ("" when none has one),
// and the first resolved speaker among them (0: none).
type quotationTally struct {
	n       int
	date    string
	speaker int64
}

// quoted is what quotations found and made: the id of each quotation key
// of the batch, what the batch's quotes add to each, and the keys of the
// quotations it created (with those counts already in their rows).
type quoted struct {
	ids   map[string]int64
	tally map[string]*quotationTally
	made  map[string]bool
}

// tallyQuotations returns the quotation keys of the items' quotes in the
// order they are first quoted, the text of each key's first quote, and
// what the quotes add to each quotation (as count added them one by one).
func tallyQuotations(items []*item) (keys, texts []string, tally map[string]*quotationTally) {
	tally = map[string]*quotationTally{}
	for _, it := range items {
		for i, k := range it.qkeys {
			t := tally[k]
			if t == nil {
				t = &quotationTally{}
				tally[k] = t
				keys, texts = append(keys, k), append(texts, it.a.Quotes[i].Content.Text)
			}
			t.n++
			if d := it.a.Date; d != "" && (t.date == "" || d < t.date) {
				t.date = d
			}
			if t.speaker == 0 {
				t.speaker = it.speakers[i]
			}
		}
	}
	return keys, texts, tally
}

// insertQuotations creates the quotations of a batch that the store does
// not hold, with the text of their first quote and their counts, and
// returns the ids of every key asked for, with whether it made it. New
// quotations are numbered in the order they are first quoted (as on
// SQLite), and inserted in key order (OFFSET 0 keeps each subquery a step
// of its own: the ids are taken in the first order, before the rows are
// sorted by key). A key that another writer inserted after this statement
// began is in neither list (it waited for that writer to commit, and then
// skipped the key). The sequence is looked up once (an InitPlan), not for
// each row.
const insertQuotations = `WITH u AS (
		SELECT key, text, n, date, speaker, i
		FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::bigint[]) WITH ORDINALITY AS u(key, text, n, date, speaker, i)),
	old AS (SELECT u.key, q.id FROM u JOIN quotations q ON q.key = u.key),
	made AS (INSERT INTO quotations (id, key, text, speaker, first_date, occurrences) OVERRIDING SYSTEM VALUE
		SELECT id, key, text, speaker, date, n FROM (
			SELECT nextval((SELECT pg_get_serial_sequence('quotations', 'id')::regclass)) AS id, key, text, speaker, date, n FROM (
				SELECT key, text, NULLIF(speaker, 0) AS speaker, date, n FROM u
				WHERE NOT EXISTS (SELECT 1 FROM old WHERE old.key = u.key) ORDER BY i OFFSET 0) o
			OFFSET 0) n
		ORDER BY key COLLATE "C"
		ON CONFLICT (key) DO NOTHING RETURNING key, id)
	SELECT key, id, true FROM made UNION ALL SELECT key, id, false FROM old`

// quotations returns the ids of the items' quotations by key, creating
// those the store does not hold with what the items' quotes add to them
// (the occurrences, the earliest date, the first speaker): count adds it
// to the others. They are inserted in key order, the order every writer
// inserts them in: a writer that meets a key another has just inserted
// waits for it to commit and then uses its row, and two writers never
// wait for each other.
func (w *writer) quotations(items []*item) (*quoted, error) {
	keys, texts, tally := tallyQuotations(items)
	q := &quoted{ids: make(map[string]int64, len(keys)), tally: tally, made: map[string]bool{}}
	if len(keys) == 0 {
		return q, nil
	}
	ns, dates, speakers := make([]int, len(keys)), make([]string, len(keys)), make([]int64, len(keys))
	for i, k := range keys {
		t := tally[k]
		ns[i], dates[i], speakers[i] = t.n, t.date, t.speaker
	}
	err := w.run(step{what: "insert quotations", sql: insertQuotations, args: []any{keys, texts, ns, dates, speakers},
		row: func(rows pgx.Rows) error {
			var k string
			var id int64
			var made bool
			err := rows.Scan(&k, &id, &made)
			q.ids[k] = id
			if made {
				q.made[k] = true
			}
			return err
		}})
	if err != nil {
		return nil, err
	}
	if len(q.ids) == len(keys) {
		return q, nil
	}
	// those another writer inserted meanwhile, committed now
	var late []string
	for _, k := range keys {
		if _, ok := q.ids[k]; !ok {
			late = append(late, k)
		}
	}
	err = w.run(step{what: "find quotations", sql: "SELECT key, id FROM quotations WHERE key = ANY($1)", args: []any{late},
		row: func(rows pgx.Rows) error {
			var k string
			var id int64
			err := rows.Scan(&k, &id)
			q.ids[k] = id
			return err
		}})
	if err != nil {
		return nil, err
	}
	if len(q.ids) != len(keys) {
		return nil, errQuotationGone
	}
	return q, nil
}

// count queues what the items' quotes add to the quotations that
// quotations found (q: those it made have their counts) and to their
// speakers' counts (quotes and statements). The rows are locked first,
// quotations then entities, each by id, the order every writer takes them
// in: writers counting at once wait for each other instead of
// deadlocking.
func (w *writer) count(items []*item, q *quoted) {
	w.countQuotations(q)
	type spoken struct{ quotes, statements int }
	spoke := map[int64]spoken{}
	for _, it := range items {
		for i, sp := range it.speakers {
			if sp == 0 {
				continue
			}
			n := spoke[sp]
			n.quotes++
			if it.facts[i].Statement() {
				n.statements++
			}
			spoke[sp] = n
		}
	}
	if len(spoke) == 0 {
		return
	}
	ids := make([]int64, 0, len(spoke))
	for id := range spoke {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	ns, stmts := make([]int, len(ids)), make([]int, len(ids))
	for i, id := range ids {
		ns[i], stmts[i] = spoke[id].quotes, spoke[id].statements
	}
	w.later("lock speakers", "SELECT 1 FROM entities WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE", ids)
	w.later("count quotes", `UPDATE entities e SET quotes = e.quotes + u.n, statements = e.statements + u.s
		FROM unnest($1::bigint[], $2::int[], $3::int[]) AS u(id, n, s) WHERE e.id = u.id`, ids, ns, stmts)
}

// countQuotations queues what the batch adds to the quotations it found
// stored (occurrences; the earliest date; a speaker, for a quotation
// without one), locked in the order of their ids. w.counted counts those
// still there.
func (w *writer) countQuotations(q *quoted) {
	var ids []int64
	byID := map[int64]*quotationTally{}
	for k, t := range q.tally {
		if !q.made[k] {
			id := q.ids[k]
			ids = append(ids, id)
			byID[id] = t
		}
	}
	if len(ids) == 0 {
		return
	}
	slices.Sort(ids)
	ns, dates, speakers := make([]int, len(ids)), make([]string, len(ids)), make([]int64, len(ids))
	for i, id := range ids {
		t := byID[id]
		ns[i], dates[i], speakers[i] = t.n, t.date, t.speaker
	}
	w.later("lock quotations", "SELECT 1 FROM quotations WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE", ids)
	w.pending = append(w.pending, step{what: "count quotations", sql: `UPDATE quotations qn SET occurrences = qn.occurrences + u.n,
			first_date = CASE WHEN u.date <> '' AND (qn.first_date = '' OR u.date COLLATE "C" < qn.first_date)
				THEN u.date ELSE qn.first_date END,
			speaker = COALESCE(qn.speaker, NULLIF(u.speaker, 0))
		FROM unnest($1::bigint[], $2::int[], $3::text[], $4::bigint[]) AS u(id, n, date, speaker) WHERE qn.id = u.id
		RETURNING qn.id`, args: []any{ids, ns, dates, speakers}, row: func(pgx.Rows) error {
		w.counted++
		return nil
	}})
	w.toCount += len(ids)
}
