package postgres

import (
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/quotewire/quotewire/store/internal/rules"
)

// articleRows are articles waiting to be inserted, column by column.
type articleRows struct {
	key, sourceID, url, title, date, outlet, dateline, agency, text, file []string
	line, record                                                          []int
	signature, analysis                                                   [][]byte
}

// add adds an item's article.
func (r *articleRows) add(it *item) {
	a, rec := it.a, it.rec
	r.key, r.sourceID, r.url, r.title = append(r.key, it.key), append(r.sourceID, clean(a.ID)), append(r.url, clean(a.URL)), append(r.title, clean(a.Title))
	r.date, r.outlet, r.dateline = append(r.date, clean(a.Date)), append(r.outlet, clean(rec.Outlet)), append(r.dateline, clean(a.Dateline))
	r.agency, r.text, r.file = append(r.agency, clean(a.Agency)), append(r.text, a.Text), append(r.file, clean(rec.Origin.File))
	r.line, r.record = append(r.line, rec.Origin.Line), append(r.record, rec.Origin.Record)
	r.signature, r.analysis = append(r.signature, rules.PackSignature(rec.Signature)), append(r.analysis, it.packed)
}

// insertArticles returns the step that inserts the items' articles, added
// at now, in one statement: numbered in the items' order, as one insert
// each would number them, and each item's id set (left 0 for an article
// another writer stored since the batch was resolved).
func insertArticles(items []*item, now time.Time) step {
	var r articleRows
	byKey := make(map[string]*item, len(items))
	for _, it := range items {
		it.id = 0
		byKey[it.key] = it
		r.add(it)
	}
	return step{what: "insert articles", sql: `INSERT INTO articles
			(key, source_id, url, title, date, outlet, dateline, agency, text, file, line, record, signature, analysis, added)
		SELECT key, source_id, url, title, date, outlet, dateline, agency, text, file, line, record, signature, analysis, $15
		FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
			$10::text[], $11::bigint[], $12::bigint[], $13::bytea[], $14::bytea[])
			WITH ORDINALITY AS u(key, source_id, url, title, date, outlet, dateline, agency, text, file, line, record, signature, analysis, i)
		ORDER BY i
		ON CONFLICT (key) DO NOTHING RETURNING key, id`,
		args: []any{r.key, r.sourceID, r.url, r.title, r.date, r.outlet, r.dateline, r.agency, r.text, r.file, r.line, r.record,
			r.signature, r.analysis, now},
		row: func(rows pgx.Rows) error {
			var k string
			var id int64
			if err := rows.Scan(&k, &id); err != nil {
				return err
			}
			if it := byKey[k]; it != nil {
				it.id = id
			}
			return nil
		}}
}
