// Package scan reads query results whose shape both store backends share,
// from database/sql (SQLite) and pgx (PostgreSQL) alike.
package scan

import "github.com/quotewire/quotewire"

// Rows is what a query result of either backend offers.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// SpeakerCounts appends to out the (id, name, count) rows of rows, in
// their order, and returns the first error met.
func SpeakerCounts(rows Rows, out []quotewire.SpeakerCount) ([]quotewire.SpeakerCount, error) {
	for rows.Next() {
		var c quotewire.SpeakerCount
		if err := rows.Scan(&c.ID, &c.Name, &c.Quotes); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// UnnamedSpeakers appends the rows (outlet, description, articles,
// quotes) to out.
func UnnamedSpeakers(rows Rows, out []quotewire.UnnamedSpeaker) ([]quotewire.UnnamedSpeaker, error) {
	for rows.Next() {
		var u quotewire.UnnamedSpeaker
		if err := rows.Scan(&u.Outlet, &u.Description, &u.Articles, &u.Quotes); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// EntityNames appends the rows (alias, rule, detail, article, title,
// date, url) to out.
func EntityNames(rows Rows, out []quotewire.EntityName) ([]quotewire.EntityName, error) {
	for rows.Next() {
		var n quotewire.EntityName
		if err := rows.Scan(&n.Name, &n.Rule, &n.Detail, &n.Article, &n.Title, &n.Date, &n.URL); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// EntityArticles appends the rows (article key, local id) to out.
func EntityArticles(rows Rows, out []quotewire.EntityArticle) ([]quotewire.EntityArticle, error) {
	for rows.Next() {
		var a quotewire.EntityArticle
		if err := rows.Scan(&a.Article, &a.Local); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// RoleSpans appends the rows (role, first date, last date) to out.
func RoleSpans(rows Rows, out []quotewire.RoleSpan) ([]quotewire.RoleSpan, error) {
	for rows.Next() {
		var r quotewire.RoleSpan
		if err := rows.Scan(&r.Role, &r.First, &r.Last); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ArticleHits appends the quotes of the article key, rows (id, text,
// kind, speaker, speaker id, speaker's item, confidence, start, end,
// quotation, act, anonymous, continued, via, via id), to out.
func ArticleHits(rows Rows, key string, out []quotewire.Hit) ([]quotewire.Hit, error) {
	for rows.Next() {
		h := quotewire.Hit{ArticleKey: key}
		var kind, act string
		if err := rows.Scan(&h.ID, &h.Text, &kind, &h.Speaker, &h.SpeakerID, &h.SpeakerWikidata, &h.Confidence, &h.Start, &h.End, &h.QuotationID,
			&act, &h.Anonymous, &h.Continued, &h.Via, &h.ViaID); err != nil {
			return nil, err
		}
		h.Kind, h.Act = quotewire.QuoteKind(kind), quotewire.Act(act)
		out = append(out, h)
	}
	return out, rows.Err()
}

// ArticleLinks sets on a the items its entities are linked to now, from
// the rows (local id, item, confidence) of the archive's entities.
func ArticleLinks(rows Rows, a *quotewire.Analysis) error {
	for rows.Next() {
		var local, qid string
		var conf float64
		if err := rows.Scan(&local, &qid, &conf); err != nil {
			return err
		}
		a.SetWikidata(local, qid, conf)
	}
	return rows.Err()
}

// Hits appends the search hits of rows to out: (id, text, kind, speaker,
// speaker id, speaker's item, confidence, article key, title, date,
// outlet, url, start, end, quotation, act, anonymous, continued, via,
// via id, score).
func Hits(rows Rows, out []quotewire.Hit) ([]quotewire.Hit, error) {
	for rows.Next() {
		var h quotewire.Hit
		var kind, act string
		if err := rows.Scan(&h.ID, &h.Text, &kind, &h.Speaker, &h.SpeakerID, &h.SpeakerWikidata, &h.Confidence, &h.ArticleKey, &h.Title, &h.Date,
			&h.Outlet, &h.URL, &h.Start, &h.End, &h.QuotationID, &act, &h.Anonymous, &h.Continued, &h.Via, &h.ViaID, &h.Score); err != nil {
			return nil, err
		}
		h.Kind, h.Act = quotewire.QuoteKind(kind), quotewire.Act(act)
		out = append(out, h)
	}
	return out, rows.Err()
}
