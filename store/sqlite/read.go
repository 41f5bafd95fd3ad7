package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/rules"
	"github.com/quotewire/quotewire/store/internal/scan"
	"github.com/quotewire/quotewire/store/internal/sqlread"
)

// Search limits (the rules every backend shares, package rules).
const (
	DefaultLimit = rules.DefaultLimit
	MaxLimit     = rules.MaxLimit
)

// ftsExpr renders a parsed query in FTS5's syntax. Every word is written
// as a quoted string, so nothing the user typed is read as FTS5 syntax.
func ftsExpr(n *quotewire.QueryNode) string {
	quote := func(words []string, prefix bool) string {
		s := `"` + strings.ReplaceAll(strings.Join(words, " "), `"`, `""`) + `"`
		if prefix {
			s += "*"
		}
		return s
	}
	switch n.Op {
	case quotewire.QTerm, quotewire.QPhrase:
		return quote(n.Words, n.Prefix)
	case quotewire.QNot:
		return "(" + ftsExpr(n.Args[0]) + " NOT " + ftsExpr(n.Args[1]) + ")"
	}
	op := " AND "
	if n.Op == quotewire.QOr {
		op = " OR "
	}
	parts := make([]string, len(n.Args))
	for i, a := range n.Args {
		parts[i] = ftsExpr(a)
	}
	return "(" + strings.Join(parts, op) + ")"
}

// entityIDs returns the stored entities a name may mean
// (sqlread.EntityIDs), as query arguments.
func (s *Store) entityIDs(ctx context.Context, name string) ([]any, error) {
	ids, err := sqlread.EntityIDs(ctx, s.Reads.DB, name)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out, nil
}

// filter is a query turned into SQL. match is the FTS5 expression of the
// text query ("" for none) and tags the FTS5 conditions its filters give
// (see tags.go); where and args are the same filters as SQL conditions on
// quotes q and articles a, for queries without text; post are the checks
// FTS5 tokens cannot make exactly (dates to the day, confidence), on q.
// none is set when a filter names nothing stored: the answer is empty.
type filter struct {
	match    string
	tags     []string
	where    []string
	args     []any
	post     []string
	postArgs []any
	none     bool
}

// smallSet is the size under which a filter's rows are read by its own
// index and sorted, rather than checked along the date index.
const smallSet = 3000

// Candidates is how many of the newest matches of a text query Search
// ranks by relevance (BM25): all of them for rarer words, and for words
// that match more, the newest Candidates — so a query costs about the
// same on a store of any size. Paging past it widens it.
const Candidates = rules.Candidates

// filterOf turns the query's text and filters into SQL, parameterised.
func (s *Store) filterOf(ctx context.Context, q quotewire.Query) (filter, error) {
	var f filter
	if err := q.Check(); err != nil {
		return f, err
	}
	if strings.TrimSpace(q.Text) != "" {
		n, err := quotewire.ParseQuery(q.Text)
		if err != nil {
			return f, err
		}
		f.match = "text : " + ftsExpr(n)
	}
	var speakers []any
	if q.Speaker != "" {
		ids, err := s.entityIDs(ctx, q.Speaker)
		if err != nil {
			return f, err
		}
		f.none = f.none || len(ids) == 0
		speakers = ids
	}
	if q.SpeakerID != 0 {
		if speakers != nil {
			keep := false
			for _, id := range speakers {
				keep = keep || id == any(q.SpeakerID)
			}
			f.none = f.none || !keep
		}
		speakers = []any{q.SpeakerID}
	}
	if len(speakers) > 0 {
		f.tags = append(f.tags, "tags : "+orTags("s", speakers))
		var n int
		if err := s.db.QueryRowContext(ctx, "SELECT COALESCE(SUM(quotes), 0) FROM entities WHERE id IN ("+sqlread.Placeholders(len(speakers))+")", speakers...).Scan(&n); err != nil {
			return f, errf("count speaker", err)
		}
		// few quotes: read them by the speaker index and sort; many: walk
		// the date index and keep the speaker's ("+" keeps SQLite off the
		// speaker index)
		cond := "q.speaker IN (" + sqlread.Placeholders(len(speakers)) + ")"
		if n >= smallSet {
			cond = "+" + cond
		}
		f.where = append(f.where, cond)
		f.args = append(f.args, speakers...)
	}
	if q.Entity != "" {
		ids, err := s.entityIDs(ctx, q.Entity)
		if err != nil {
			return f, err
		}
		f.none = f.none || len(ids) == 0
		if len(ids) > 0 {
			var links int
			if err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM article_entities WHERE entity IN ("+sqlread.Placeholders(len(ids))+")", ids...).Scan(&links); err != nil {
				return f, errf("count entity", err)
			}
			// a rare entity's articles are a small set to look quotes up
			// in; a common one is checked quote by quote
			cond := "EXISTS (SELECT 1 FROM article_entities ae WHERE ae.article = q.article AND ae.entity IN (" + sqlread.Placeholders(len(ids)) + "))"
			if links < smallSet {
				cond = "q.article IN (SELECT ae.article FROM article_entities ae WHERE ae.entity IN (" + sqlread.Placeholders(len(ids)) + "))"
			}
			f.post = append(f.post, cond)
			f.postArgs = append(f.postArgs, ids...)
		}
	}
	if q.About != "" {
		ids, err := s.entityIDs(ctx, q.About)
		if err != nil {
			return f, err
		}
		f.none = f.none || len(ids) == 0
		if len(ids) > 0 {
			// the quotes naming the entity are a posting list of the
			// full-text index's tags
			t := "tags : " + orTags("a", ids)
			if f.match != "" {
				f.tags = append(f.tags, t)
			} else {
				f.where = append(f.where, "q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
				f.args = append(f.args, t)
			}
		}
	}
	if q.Outlet != "" {
		outlet := strings.ToLower(strings.TrimPrefix(q.Outlet, "www."))
		f.tags = append(f.tags, "tags : "+outletTag(outlet))
		var n int
		if err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM articles WHERE outlet = ?", outlet).Scan(&n); err != nil {
			return f, errf("count outlet", err)
		}
		cond := "q.article IN (SELECT id FROM articles WHERE outlet = ?)"
		if n*10 >= smallSet {
			cond = "+" + cond
		}
		f.where = append(f.where, cond)
		f.args = append(f.args, outlet)
	}
	if u := strings.TrimSpace(q.Unnamed); u != "" {
		// by the index of unnamed speakers, unless the text match leads
		cond := "q.anonymous = 1 AND q.speaker_name = ? COLLATE NOCASE"
		if f.match != "" {
			f.post = append(f.post, cond)
			f.postArgs = append(f.postArgs, u)
		} else {
			f.where = append(f.where, cond)
			f.args = append(f.args, u)
		}
	}
	if q.From != "" || q.To != "" {
		if months := monthTags(q.From, q.To); months != "" {
			f.tags = append(f.tags, "tags : "+months)
		}
	}
	if q.From != "" {
		f.post = append(f.post, "q.date >= ?")
		f.postArgs = append(f.postArgs, q.From)
	}
	if q.To != "" {
		f.post = append(f.post, "q.date != '' AND q.date <= ?")
		f.postArgs = append(f.postArgs, rules.ToBound(q.To)) // "2019" and "2019-05" include their whole span
	}
	if q.MinConfidence > 0 {
		f.post = append(f.post, "q.confidence >= ?")
		f.postArgs = append(f.postArgs, q.MinConfidence)
	}
	acts, err := rules.Acts(q.Acts)
	if err != nil {
		return f, err
	}
	if len(acts) > 0 {
		args := make([]any, len(acts))
		for i, a := range acts {
			args[i] = a
		}
		switch {
		case f.match != "":
			// checked on the full-text matches
			f.post = append(f.post, "+q.act IN ("+sqlread.Placeholders(len(acts))+")")
			f.postArgs = append(f.postArgs, args...)
		case len(acts) == 1 && acts[0] != string(quotewire.Statement) && len(f.where) == 0 && q.Entity == "":
			// one of the rarer acts and no filter with an index of its
			// own: its quotes newest first by the index of the rarer acts
			// (the constant condition is that index's, for SQLite to see
			// that it applies)
			f.where = append(f.where, "q.act = ? AND q.act != 'statement'")
			f.args = append(f.args, args...)
		default:
			// along the index the other filters chose, or the date index:
			// statements are most quotes, and any act soon turns up
			f.where = append(f.where, "+q.act IN ("+sqlread.Placeholders(len(acts))+")")
			f.args = append(f.args, args...)
		}
	}
	return f, nil
}

// byIndex lets SQLite use the speaker and article indexes again in
// conditions Search wrote to walk the date index instead ("+q.speaker"):
// counting every match, as Timeline and TopSpeakers do, is fastest by
// the filter's own index.
func byIndex(where string) string {
	where = strings.ReplaceAll(where, "+q.speaker IN", "q.speaker IN")
	return strings.ReplaceAll(where, "+q.article IN", "q.article IN")
}

// ftsMatch is the whole FTS5 expression: the text and the tag filters.
func (f filter) ftsMatch() string {
	parts := f.tags
	if f.match != "" {
		parts = append([]string{f.match}, parts...)
	}
	return strings.Join(parts, " AND ")
}

// sqlWhere returns the filters as SQL conditions on q (and, through
// subqueries, a) for queries that read every matching quote: the text
// as an FTS5 subquery, the other filters as they are.
func (f filter) sqlWhere() (string, []any) {
	var conds []string
	var args []any
	if f.match != "" {
		conds = append(conds, "q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
		args = append(args, f.ftsMatch())
	} else {
		conds = append(conds, f.where...)
		args = append(args, f.args...)
	}
	conds = append(conds, f.post...)
	args = append(args, f.postArgs...)
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// hitFacts are the columns of a quote that Hit carries beside its words,
// speaker and article: act, anonymous, continued, via and via's id.
const hitFacts = "q.act, q.anonymous, q.continued, q.via, COALESCE(q.via_speaker, 0)"

// Search returns the quotes matching q, best first: by full-text rank
// among the newest Candidates matches when q.Text is set, newest first
// otherwise.
func (s *Store) Search(ctx context.Context, q quotewire.Query) ([]quotewire.Hit, error) {
	limit, err := rules.Limit(q.Limit)
	if err != nil {
		return nil, err
	}
	if q.Offset < 0 {
		return nil, fmt.Errorf("%w: negative offset", quotewire.ErrBadQuery)
	}
	f, err := s.filterOf(ctx, q)
	if err != nil {
		return nil, err
	}
	hits := []quotewire.Hit{}
	if f.none {
		return hits, nil
	}
	cols := "q.id, q.text, q.kind, COALESCE(e.name, q.speaker_name), COALESCE(q.speaker, 0), COALESCE(e.wikidata, ''), q.confidence, a.key, a.title, a.date, a.outlet, a.url, q.start, q.end, q.quotation, " + hitFacts
	var stmt string
	var args []any
	if f.match == "" {
		// newest first: by the quotes' date index, or by a rare filter's
		// own index (see smallSet)
		where, wargs := f.sqlWhere()
		stmt = "SELECT " + cols + ", 0.0 FROM quotes q JOIN articles a ON a.id = q.article LEFT JOIN entities e ON e.id = q.speaker" +
			where + " ORDER BY q.date DESC, q.id DESC LIMIT ? OFFSET ?"
		args = append(wargs, limit, q.Offset)
	} else {
		// the newest matches that pass the filters, then the best of them
		inner := "SELECT m.rowid AS id, m.rank AS r FROM quotes_fts m"
		conds := []string{"quotes_fts MATCH ?"}
		if len(f.post) > 0 {
			inner += " JOIN quotes q ON q.id = m.rowid"
			conds = append(conds, f.post...)
		}
		inner += " WHERE " + strings.Join(conds, " AND ") + " ORDER BY m.rowid DESC LIMIT ?"
		// the page is chosen among the candidates on narrow rows (rank,
		// date, id); only its quotes are joined with their articles and
		// speakers: joining all the candidates first made the sort carry
		// every candidate's text, title and URL. Only the candidates
		// ranked as well as the page's last or better are looked up for
		// their dates (the ties at the edge of the page, which the date
		// orders, included): looking up all 2,000 was a quarter of a
		// search's time. When fewer candidates come than the page
		// reaches, every one is.
		page := "WITH c AS MATERIALIZED (" + inner + ")" +
			" SELECT c.id AS id, c.r AS r FROM c JOIN quotes p ON p.id = c.id" +
			" WHERE c.r <= COALESCE((SELECT r FROM c ORDER BY r LIMIT 1 OFFSET ?), 1e308)" +
			" ORDER BY c.r, p.date DESC, p.id DESC LIMIT ? OFFSET ?"
		stmt = "SELECT " + cols + ", -w.r FROM (" + page + ") w JOIN quotes q ON q.id = w.id JOIN articles a ON a.id = q.article" +
			" LEFT JOIN entities e ON e.id = q.speaker ORDER BY w.r, q.date DESC, q.id DESC"
		args = append(append([]any{f.ftsMatch()}, f.postArgs...), max(Candidates, q.Offset+limit), q.Offset+limit-1, limit, q.Offset)
	}
	rows, err := s.db.QueryContext(ctx, stmt, args...)
	if err != nil {
		return nil, errf("search", err)
	}
	defer rows.Close()
	hits, err = scan.Hits(rows, hits)
	return hits, errf("search", err)
}

// Timeline counts the quotes matching q (its Limit and Offset aside) per
// period of their article's date: "month" (YYYY-MM), "week" (the
// Monday that starts it, YYYY-MM-DD) or "year". Undated articles are left
// out. Periods come in order; periods with no quote are not listed.
func (s *Store) Timeline(ctx context.Context, q quotewire.Query, period string) ([]quotewire.Bucket, error) {
	var expr string
	switch period {
	case "month":
		expr = "substr(q.date, 1, 7)"
	case "year":
		expr = "substr(q.date, 1, 4)"
	case "week":
		expr = "date(q.date, '-' || ((CAST(strftime('%w', q.date) AS INTEGER) + 6) % 7) || ' days')"
	default:
		return nil, fmt.Errorf("%w: period %q: use week, month or year", quotewire.ErrBadQuery, period)
	}
	f, err := s.filterOf(ctx, q)
	if err != nil {
		return nil, err
	}
	out := []quotewire.Bucket{}
	if f.none {
		return out, nil
	}
	where, args := f.sqlWhere()
	where = byIndex(where)
	if where == "" {
		where = " WHERE length(q.date) = 10"
	} else {
		where += " AND length(q.date) = 10"
	}
	rows, err := s.db.QueryContext(ctx, "SELECT "+expr+" AS period, COUNT(*) FROM quotes q"+where+" GROUP BY period ORDER BY period", args...)
	if err != nil {
		return nil, errf("timeline", err)
	}
	defer rows.Close()
	for rows.Next() {
		var b quotewire.Bucket
		if err := rows.Scan(&b.Period, &b.Quotes); err != nil {
			return nil, errf("timeline", err)
		}
		out = append(out, b)
	}
	return out, errf("timeline", rows.Err())
}

// TopSpeakers returns the speakers with the most quotes matching q (its
// Limit caps the list, default DefaultLimit), most first.
func (s *Store) TopSpeakers(ctx context.Context, q quotewire.Query) ([]quotewire.SpeakerCount, error) {
	limit, err := rules.Limit(q.Limit)
	if err != nil {
		return nil, err
	}
	// with no filter but acts, the entities' own counts answer
	col, err := rules.CountedColumn(q)
	if err != nil {
		return nil, err
	}
	if col != "" {
		return sqlread.TopByCount(ctx, s.Reads.DB, col, limit)
	}
	f, err := s.filterOf(ctx, q)
	if err != nil {
		return nil, err
	}
	out := []quotewire.SpeakerCount{}
	if f.none {
		return out, nil
	}
	where, args := f.sqlWhere()
	where = byIndex(where)
	if where == "" {
		where = " WHERE q.speaker IS NOT NULL"
	} else {
		where += " AND q.speaker IS NOT NULL"
	}
	rows, err := s.db.QueryContext(ctx, "SELECT q.speaker, e.name, COUNT(*) AS n FROM quotes q JOIN entities e ON e.id = q.speaker"+where+
		" GROUP BY q.speaker ORDER BY n DESC, q.speaker LIMIT ?", append(args, limit)...)
	if err != nil {
		return nil, errf("top speakers", err)
	}
	defer rows.Close()
	out, err = scan.SpeakerCounts(rows, out)
	return out, errf("top speakers", err)
}

// UnnamedSpeakers returns the unnamed speakers of the quotes matching q,
// grouped by outlet and description (case aside), most quoted first.
func (s *Store) UnnamedSpeakers(ctx context.Context, q quotewire.Query) ([]quotewire.UnnamedSpeaker, error) {
	limit, err := rules.Limit(q.Limit)
	if err != nil {
		return nil, err
	}
	q.Speaker, q.SpeakerID = "", 0
	f, err := s.filterOf(ctx, q)
	if err != nil {
		return nil, err
	}
	out := []quotewire.UnnamedSpeaker{}
	if f.none {
		return out, nil
	}
	where, args := f.sqlWhere()
	if where == "" {
		where = " WHERE q.anonymous = 1"
	} else {
		where += " AND q.anonymous = 1"
	}
	rows, err := s.db.QueryContext(ctx, "SELECT a.outlet, MIN(q.speaker_name), COUNT(DISTINCT q.article), COUNT(*) AS n FROM quotes q JOIN articles a ON a.id = q.article"+
		where+" GROUP BY a.outlet, q.speaker_name COLLATE NOCASE ORDER BY n DESC, 1, 2 LIMIT ?", append(args, limit)...)
	if err != nil {
		return nil, errf("unnamed speakers", err)
	}
	defer rows.Close()
	out, err = scan.UnnamedSpeakers(rows, out)
	return out, errf("unnamed speakers", err)
}
