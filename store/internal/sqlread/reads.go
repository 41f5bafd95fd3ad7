package sqlread

import (
	"context"
	"errors"
	"fmt"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/pack"
	"github.com/quotewire/quotewire/store/internal/rules"
	"github.com/quotewire/quotewire/store/internal/scan"
)

// int64s returns ids as arguments.
func int64s(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// strs returns vs as arguments.
func strs(vs []string) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}

// EntityIDs returns the stored entities a name may mean: those with it
// (or one of its other forms: "U.S." is the United States) as an alias,
// and the people with its surname whose given names fit (every one of
// them for a name of one word).
func EntityIDs(ctx context.Context, db DB, name string) ([]int64, error) {
	key := quotewire.NameKey(name)
	if key == "" {
		return nil, nil
	}
	given, surname := quotewire.SplitName(key)
	seen := map[int64]bool{}
	var ids []int64
	add := func(id int64) {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	cond, args := db.In("key", strs(append([]string{key}, quotewire.NameKeys(name)...)))
	rows, err := db.Query(ctx, "SELECT entity FROM entity_aliases WHERE "+cond, args...)
	if err != nil {
		return nil, Errf("look up name", err)
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, Errf("look up name", err)
		}
		add(id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, Errf("look up name", err)
	}
	rows, err = db.Query(ctx, "SELECT id, given FROM entities WHERE surname = ?", surname)
	if err != nil {
		return nil, Errf("look up surname", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var g string
		if err := rows.Scan(&id, &g); err != nil {
			return nil, Errf("look up surname", err)
		}
		if given == "" || quotewire.GivenNamesMatch(given, g) {
			add(id)
		}
	}
	return ids, Errf("look up surname", rows.Err())
}

// Article returns the stored record of the article with this key, its
// entities showing the Wikidata items they are linked to now ('wikidata
// link --save' may have linked them after the article was stored).
func Article(ctx context.Context, db DB, key string) (*quotewire.Record, error) {
	var r quotewire.Record
	var js []byte
	var text string
	err := db.QueryRow(ctx, "SELECT key, outlet, file, line, record, analysis, text FROM articles WHERE key = ?", key).
		Scan(&r.Key, &r.Outlet, &r.Origin.File, &r.Origin.Line, &r.Origin.Record, &js, &text)
	if errors.Is(err, ErrNoRows) {
		return nil, fmt.Errorf("article %q: %w", key, quotewire.ErrNotFound)
	}
	if err != nil {
		return nil, Errf("read article", err)
	}
	a, err := pack.Unpack(js, text)
	if err != nil {
		return nil, fmt.Errorf("article %q: stored analysis: %w", key, err)
	}
	rows, err := db.Query(ctx, `SELECT ae.local, e.wikidata, e.wikidata_confidence FROM articles ar
		JOIN article_entities ae ON ae.article = ar.id JOIN entities e ON e.id = ae.entity WHERE ar.key = ?`, key)
	if err != nil {
		return nil, Errf("read article links", err)
	}
	defer rows.Close()
	if err := scan.ArticleLinks(rows, a); err != nil {
		return nil, Errf("read article links", err)
	}
	r.Analysis = a
	return &r, nil
}

// Records calls fn for every stored article in the order they were
// stored, reading a page of them at a time; fn runs between pages, so it
// may write to the store.
func Records(ctx context.Context, db DB, fn func(*quotewire.Record) error) error {
	const page = 200
	var last int64
	for {
		rows, err := db.Query(ctx, `SELECT id, key, outlet, file, line, record, analysis, text FROM articles
			WHERE id > ? ORDER BY id LIMIT ?`, last, page)
		if err != nil {
			return Errf("read articles", err)
		}
		var batch []*quotewire.Record
		for rows.Next() {
			var r quotewire.Record
			var js []byte
			var text string
			if err := rows.Scan(&last, &r.Key, &r.Outlet, &r.Origin.File, &r.Origin.Line, &r.Origin.Record, &js, &text); err != nil {
				rows.Close()
				return Errf("read articles", err)
			}
			a, err := pack.Unpack(js, text)
			if err != nil {
				rows.Close()
				return fmt.Errorf("article %s: stored analysis: %w", r.Key, err)
			}
			r.Analysis = a
			batch = append(batch, &r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return Errf("read articles", err)
		}
		if len(batch) == 0 {
			return nil
		}
		for _, r := range batch {
			if err := fn(r); err != nil {
				return err
			}
		}
	}
}

// ArticleQuotes returns the stored quotes of the article with this key in
// the order of its analysis (Hit.ID, SpeakerID and QuotationID set), for
// linking an article's quotes to their speakers and quotations.
func ArticleQuotes(ctx context.Context, db DB, key string) ([]quotewire.Hit, error) {
	rows, err := db.Query(ctx, `SELECT q.id, q.text, q.kind, COALESCE(e.name, q.speaker_name), COALESCE(q.speaker, 0), COALESCE(e.wikidata, ''), q.confidence,
		q.start, q."end", q.quotation, q.act, q.anonymous, q.continued, q.via, COALESCE(q.via_speaker, 0)
		FROM articles a JOIN quotes q ON q.article = a.id LEFT JOIN entities e ON e.id = q.speaker
		WHERE a.key = ? ORDER BY q.seq`, key)
	if err != nil {
		return nil, Errf("article quotes", err)
	}
	defer rows.Close()
	out, err := scan.ArticleHits(rows, key, []quotewire.Hit{})
	return out, Errf("article quotes", err)
}

// NearDuplicates returns the other articles of the near-duplicate cluster
// of the article with this key (syndicated copies of one story), oldest
// first (undated last), at most limit of them (DefaultLimit when limit is
// not positive).
func NearDuplicates(ctx context.Context, db DB, key string, limit int) ([]quotewire.ArticleRef, error) {
	if limit <= 0 {
		limit = rules.DefaultLimit
	}
	rows, err := db.Query(ctx, `SELECT b.key, b.title, b.date, b.outlet, b.url FROM articles a
		JOIN articles b ON b.cluster = a.cluster AND b.id <> a.id
		WHERE a.key = ? AND a.cluster IS NOT NULL ORDER BY b.date = '', b.date, b.id LIMIT ?`, key, limit)
	if err != nil {
		return nil, Errf("near duplicates", err)
	}
	defer rows.Close()
	out := []quotewire.ArticleRef{}
	for rows.Next() {
		var r quotewire.ArticleRef
		if err := rows.Scan(&r.Key, &r.Title, &r.Date, &r.Outlet, &r.URL); err != nil {
			return nil, Errf("near duplicates", err)
		}
		out = append(out, r)
	}
	return out, Errf("near duplicates", rows.Err())
}

// coMentionWindow is how many of a speaker's newest articles CoMentioned
// reads.
const coMentionWindow = 2000

// CoMentioned returns the entities named most often in the articles where
// entity id is quoted (its newest coMentionWindow), with how many of
// those articles name them, most first: who a speaker talks about or
// alongside.
func CoMentioned(ctx context.Context, db DB, id int64, limit int) ([]quotewire.SpeakerCount, error) {
	if limit <= 0 {
		limit = rules.DefaultLimit
	}
	articles, err := newestArticles(ctx, db, id, coMentionWindow)
	if err != nil || len(articles) == 0 {
		return []quotewire.SpeakerCount{}, Errf("co-mentioned", err)
	}
	in, args := db.In("ae.article", int64s(articles))
	rows, err := db.Query(ctx, `SELECT e.id, e.name, COUNT(*) AS n FROM article_entities ae
		JOIN entities e ON e.id = ae.entity
		WHERE `+in+` AND ae.entity <> ?
		GROUP BY e.id, e.name ORDER BY n DESC, e.id LIMIT ?`, append(args, id, limit)...)
	if err != nil {
		return nil, Errf("co-mentioned", err)
	}
	defer rows.Close()
	out, err := scan.SpeakerCounts(rows, []quotewire.SpeakerCount{})
	return out, Errf("co-mentioned", err)
}

// newestArticles returns the n articles where speaker id was quoted last,
// newest first: it reads the speaker's quotes newest first along their
// (speaker, date) index and stops at the n-th distinct article, instead of
// grouping every quote of a much quoted speaker by article first. It reads
// at most 64 quotes an article.
func newestArticles(ctx context.Context, db DB, id int64, n int) ([]int64, error) {
	rows, err := db.Query(ctx, "SELECT article FROM quotes WHERE speaker = ? ORDER BY date DESC LIMIT ?", id, 64*n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	seen := make(map[int64]bool, n)
	var out []int64
	for rows.Next() {
		var a int64
		if err := rows.Scan(&a); err != nil {
			return nil, err
		}
		if !seen[a] {
			seen[a] = true
			out = append(out, a)
			if len(out) == n {
				return out, nil
			}
		}
	}
	return out, rows.Err()
}

// namesOrder puts the name that made an entity first, then the others by
// the date of the article they first came from.
const namesOrder = `ORDER BY CASE a.rule WHEN 'new entity' THEN 0 ELSE 1 END, COALESCE(ar.date, ''), `

// EntityNames returns the names entity id has and why each joined it.
func EntityNames(ctx context.Context, db DB, id int64) ([]quotewire.EntityName, error) {
	rows, err := db.Query(ctx, `SELECT a.alias, a.rule, a.detail, a.article, COALESCE(ar.title, ''), COALESCE(ar.date, ''), COALESCE(ar.url, '')
		FROM entity_aliases a LEFT JOIN articles ar ON ar.key = a.article AND a.article <> ''
		WHERE a.entity = ? `+namesOrder+db.Bytewise("a.alias"), id)
	if err != nil {
		return nil, Errf("read entity names", err)
	}
	defer rows.Close()
	out, err := scan.EntityNames(rows, []quotewire.EntityName{})
	return out, Errf("read entity names", err)
}

// EntityArticles returns the newest articles that have entity id.
func EntityArticles(ctx context.Context, db DB, id int64, limit int) ([]quotewire.EntityArticle, error) {
	rows, err := db.Query(ctx, `SELECT ar.key, ae.local FROM article_entities ae JOIN articles ar ON ar.id = ae.article
		WHERE ae.entity = ? ORDER BY ar.date DESC, ar.id DESC LIMIT ?`, id, max(limit, 0))
	if err != nil {
		return nil, Errf("read entity articles", err)
	}
	defer rows.Close()
	out, err := scan.EntityArticles(rows, []quotewire.EntityArticle{})
	return out, Errf("read entity articles", err)
}

// Stats counts what the store holds.
func Stats(ctx context.Context, db DB) (quotewire.Stats, error) {
	var st quotewire.Stats
	err := db.QueryRow(ctx, `SELECT
		(SELECT COUNT(*) FROM articles),
		(SELECT COUNT(*) FROM quotes),
		(SELECT COUNT(*) FROM quotations WHERE occurrences > 0),
		(SELECT COUNT(*) FROM entities WHERE quotes > 0),
		(SELECT COUNT(*) FROM entities),
		(SELECT COUNT(DISTINCT outlet) FROM articles WHERE outlet <> ''),
		(SELECT COALESCE(MIN(date), '') FROM articles WHERE date <> ''),
		(SELECT COALESCE(MAX(date), '') FROM articles WHERE date <> ''),
		(SELECT COUNT(*) FROM (SELECT cluster FROM articles WHERE cluster IS NOT NULL GROUP BY cluster HAVING COUNT(*) > 1) c)`).
		Scan(&st.Articles, &st.Quotes, &st.Quotations, &st.Speakers, &st.Entities, &st.Outlets, &st.FirstDate, &st.LastDate, &st.Clusters)
	return st, Errf("count store", err)
}
