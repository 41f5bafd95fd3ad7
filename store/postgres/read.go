package postgres

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/rules"
	"github.com/quotewire/quotewire/store/internal/scan"
	"github.com/quotewire/quotewire/store/internal/sqlread"
)

// Search limits, the same as every backend's.
const (
	DefaultLimit = rules.DefaultLimit
	MaxLimit     = rules.MaxLimit
)

// Candidates is how many of the newest matches of a text query Search
// ranks by relevance: all of them for rarer words, and for words that
// match more, the newest Candidates. Paging past it widens it.
//
// The rank is ts_rank_cd (cover density) divided by 1 + the log of the
// quote's length in words (normalisation 1), which, like SQLite's BM25,
// prefers short quotes dense with the words: on the shipped Wikinews
// corpus the two backends agree on about 4 of the top 5 and 8 of the top
// 10 hits (without the normalisation, 2 of 5).
const Candidates = rules.Candidates

// TSQuery renders a parsed query as a PostgreSQL tsquery, for
// to_tsquery('quotewire', ...) to read: every word is a quoted lexeme in
// lower case (with quotes and backslashes escaped, though ParseQuery's
// words hold only letters and digits), a prefix is :*, a phrase joins its
// words with <->, and AND, OR and NOT are &, | and & !. The result is
// passed to the database as a parameter, never as SQL.
func TSQuery(n *quotewire.QueryNode) string {
	switch n.Op {
	case quotewire.QTerm, quotewire.QPhrase:
		parts := make([]string, len(n.Words))
		for i, w := range n.Words {
			parts[i] = lexeme(w)
		}
		if n.Prefix {
			parts[len(parts)-1] += ":*"
		}
		if len(parts) == 1 {
			return parts[0]
		}
		return "(" + strings.Join(parts, " <-> ") + ")"
	case quotewire.QNot:
		return "(" + TSQuery(n.Args[0]) + " & !" + TSQuery(n.Args[1]) + ")"
	}
	op := " & "
	if n.Op == quotewire.QOr {
		op = " | "
	}
	parts := make([]string, len(n.Args))
	for i, a := range n.Args {
		parts[i] = TSQuery(a)
	}
	return "(" + strings.Join(parts, op) + ")"
}

var lexemeEscaper = strings.NewReplacer(`\`, `\\`, `'`, `''`)

// lexeme quotes a query word as Words writes the quotes' words.
func lexeme(w string) string {
	if k := Words(w); k != "" {
		w = k
	}
	return "'" + lexemeEscaper.Replace(w) + "'"
}

// entityIDs returns the stored entities a name may mean
// (sqlread.EntityIDs).
func (s *Store) entityIDs(ctx context.Context, name string) ([]int64, error) {
	return sqlread.EntityIDs(ctx, s.Reads.DB, name)
}

// filter is a query turned into SQL conditions on quotes q, with their
// arguments ($1, $2... in order). tsquery is the text query for
// to_tsquery ("" for none); it is always argument $1 when set. none is
// set when a filter names nothing stored: the answer is empty.
type filter struct {
	tsquery string
	conds   []string
	args    []any
	none    bool
}

// arg adds an argument and returns its placeholder.
func (f *filter) arg(v any) string {
	f.args = append(f.args, v)
	return "$" + strconv.Itoa(len(f.args))
}

// queryArgs returns the arguments for pgx, planned for their values: a
// statement prepared once and planned once for any words and filters
// (PostgreSQL's generic plan) walked the whole quotes table backwards
// for a word and an outlet, where the plan for the values reads the
// outlet's articles (0.3 s against 0.02 s at 30,000 articles).
func (f *filter) queryArgs() []any {
	return append([]any{pgx.QueryExecModeCacheDescribe}, f.args...)
}

// where returns the conditions as a WHERE clause ("" for none), with
// extra conditions added.
func (f *filter) where(extra ...string) string {
	conds := append(append([]string{}, f.conds...), extra...)
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

// filterOf turns the query's text and filters into SQL, parameterised.
func (s *Store) filterOf(ctx context.Context, q quotewire.Query) (*filter, error) {
	f := &filter{}
	if err := q.Check(); err != nil {
		return f, err
	}
	if strings.TrimSpace(q.Text) != "" {
		n, err := quotewire.ParseQuery(q.Text)
		if err != nil {
			return f, err
		}
		f.tsquery = TSQuery(n)
		f.conds = append(f.conds, "q.tsv @@ to_tsquery('quotewire', "+f.arg(f.tsquery)+")")
	}
	var speakers []int64
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
				keep = keep || id == q.SpeakerID
			}
			f.none = f.none || !keep
		}
		speakers = []int64{q.SpeakerID}
	}
	switch {
	case len(speakers) == 1:
		// "=" rather than "= ANY" for one speaker: the planner then reads
		// the (speaker, date, id) index in order for the newest quotes
		// instead of sorting all of them (440 ms against 2 ms for a speaker
		// with 80,000 quotes)
		f.conds = append(f.conds, "q.speaker = "+f.arg(speakers[0]))
	case len(speakers) > 1:
		f.conds = append(f.conds, "q.speaker = ANY("+f.arg(speakers)+")")
	}
	if q.Entity != "" {
		ids, err := s.entityIDs(ctx, q.Entity)
		if err != nil {
			return f, err
		}
		f.none = f.none || len(ids) == 0
		if len(ids) > 0 {
			f.conds = append(f.conds, "q.article IN (SELECT ae.article FROM article_entities ae WHERE ae.entity = ANY("+f.arg(ids)+"))")
		}
	}
	if q.About != "" {
		ids, err := s.entityIDs(ctx, q.About)
		if err != nil {
			return f, err
		}
		f.none = f.none || len(ids) == 0
		if len(ids) > 0 {
			f.conds = append(f.conds, "q.about && "+f.arg(ids)+"::bigint[]")
		}
	}
	if q.Outlet != "" {
		outlet := clean(strings.ToLower(strings.TrimPrefix(q.Outlet, "www.")))
		if f.tsquery != "" {
			// the outlet's articles as an array, so that the planner can
			// intersect their quotes (by the (article, seq) index) with
			// the words' before reading the table: a common word from
			// one outlet of 40 read 26,000 pages of quotes to keep 950
			// (0.3-0.8 s), and reads 700 this way (20 ms)
			f.conds = append(f.conds, "q.article = ANY(ARRAY(SELECT id FROM articles WHERE outlet = "+f.arg(outlet)+"))")
		} else {
			f.conds = append(f.conds, "q.article IN (SELECT id FROM articles WHERE outlet = "+f.arg(outlet)+")")
		}
	}
	if u := strings.TrimSpace(q.Unnamed); u != "" {
		f.conds = append(f.conds, "q.anonymous AND lower(q.speaker_name) = lower("+f.arg(clean(u))+")")
	}
	if q.From != "" {
		f.conds = append(f.conds, "q.date >= "+f.arg(q.From))
	}
	if q.To != "" {
		f.conds = append(f.conds, "q.date <> '' AND q.date <= "+f.arg(rules.ToBound(q.To)))
	}
	if q.MinConfidence > 0 {
		f.conds = append(f.conds, "q.confidence >= "+f.arg(q.MinConfidence))
	}
	acts, err := rules.Acts(q.Acts)
	if err != nil {
		return f, err
	}
	f.actCond("q.act", acts)
	return f, nil
}

// actCond adds the condition that col is one of acts (as rules.Acts
// returns them: nil adds none). Without statements among them, it adds
// the condition of the index of the rarer acts too (a constant), for the
// planner to see that the index applies.
func (f *filter) actCond(col string, acts []string) {
	switch len(acts) {
	case 0:
		return
	case 1:
		f.conds = append(f.conds, col+" = "+f.arg(acts[0]))
	default:
		f.conds = append(f.conds, col+" = ANY("+f.arg(acts)+")")
	}
	if !slices.Contains(acts, string(quotewire.Statement)) {
		f.conds = append(f.conds, col+" <> 'statement'")
	}
}

// Search returns the quotes matching q, best first: by full-text rank
// (see Candidates) among the newest Candidates matches when q.Text is
// set, newest first otherwise.
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
	cols := `q.id, q.text, q.kind, COALESCE(e.name, q.speaker_name), COALESCE(q.speaker, 0), COALESCE(e.wikidata, ''), q.confidence, a.key, a.title, a.date,
		a.outlet, a.url, q.start, q."end", q.quotation, q.act, q.anonymous, q.continued, q.via, COALESCE(q.via_speaker, 0)`
	var stmt string
	if f.tsquery == "" {
		// newest first, by the quotes' (date, id) index or a filter's own
		stmt = "SELECT " + cols + ", 0.0::float8 FROM quotes q JOIN articles a ON a.id = q.article LEFT JOIN entities e ON e.id = q.speaker" +
			f.where() + " ORDER BY q.date DESC, q.id DESC LIMIT " + f.arg(limit) + " OFFSET " + f.arg(q.Offset)
	} else {
		// the newest matches that pass the filters, then the best of
		// them: ranked from the words read with them (no second read of
		// each candidate's row), and only the page's quotes joined with
		// their articles and speakers, as on SQLite (joining all 2,000
		// candidates first cost 15-30% of a search)
		inner := "SELECT q.id, q.date, q.tsv FROM quotes q" + f.where() + " ORDER BY q.id DESC LIMIT " + f.arg(max(Candidates, q.Offset+limit))
		page := "SELECT c.id, ts_rank_cd(c.tsv, to_tsquery('quotewire', $1), 1)::float8 AS score FROM (" + inner + ") c" +
			" ORDER BY score DESC, c.date DESC, c.id DESC LIMIT " + f.arg(limit) + " OFFSET " + f.arg(q.Offset)
		stmt = "SELECT " + cols + ", w.score FROM (" + page + ") w" +
			" JOIN quotes q ON q.id = w.id JOIN articles a ON a.id = q.article LEFT JOIN entities e ON e.id = q.speaker" +
			" ORDER BY w.score DESC, q.date DESC, q.id DESC"
	}
	rows, err := s.pool.Query(ctx, stmt, f.queryArgs()...)
	if err != nil {
		return nil, errf("search", err)
	}
	defer rows.Close()
	hits, err = scan.Hits(rows, hits)
	return hits, errf("search", err)
}

// Timeline counts the quotes matching q (its Limit and Offset aside) per
// period of their article's date: "month" (YYYY-MM), "week" (the Monday
// that starts it, YYYY-MM-DD) or "year". Undated articles are left out.
// Periods come in order; periods with no quote are not listed.
func (s *Store) Timeline(ctx context.Context, q quotewire.Query, period string) ([]quotewire.Bucket, error) {
	var periodOf func(date string) (string, bool)
	switch period {
	case "month":
		periodOf = func(d string) (string, bool) { return d[:7], true }
	case "year":
		periodOf = func(d string) (string, bool) { return d[:4], true }
	case "week":
		periodOf = weekOf
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
	// counted per day by the database, then per period here: the days of
	// an archive are a few thousand at most
	rows, err := s.pool.Query(ctx, "SELECT q.date, COUNT(*) FROM quotes q"+f.where("length(q.date) = 10")+" GROUP BY q.date ORDER BY q.date", f.queryArgs()...)
	if err != nil {
		return nil, errf("timeline", err)
	}
	defer rows.Close()
	counts := map[string]int{}
	for rows.Next() {
		var d string
		var n int
		if err := rows.Scan(&d, &n); err != nil {
			return nil, errf("timeline", err)
		}
		if p, ok := periodOf(d); ok {
			counts[p] += n
		}
	}
	if err := rows.Err(); err != nil {
		return nil, errf("timeline", err)
	}
	for p, n := range counts {
		out = append(out, quotewire.Bucket{Period: p, Quotes: n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Period < out[j].Period })
	return out, nil
}

// weekOf returns the Monday that starts the week of a YYYY-MM-DD date;
// a day past the end of its month counts into the next (as SQLite's date
// functions read it), a date that is not one is left out.
func weekOf(d string) (string, bool) {
	y, err1 := strconv.Atoi(d[:4])
	m, err2 := strconv.Atoi(d[5:7])
	day, err3 := strconv.Atoi(d[8:10])
	if err1 != nil || err2 != nil || err3 != nil || m < 1 || m > 12 || day < 1 || day > 31 {
		return "", false
	}
	t := time.Date(y, time.Month(m), day, 12, 0, 0, 0, time.UTC)
	t = t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
	return t.Format("2006-01-02"), true
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
	where := f.where("q.speaker IS NOT NULL")
	rows, err := s.pool.Query(ctx, "SELECT q.speaker, e.name, COUNT(*) AS n FROM quotes q JOIN entities e ON e.id = q.speaker"+where+
		" GROUP BY q.speaker, e.name ORDER BY n DESC, q.speaker LIMIT "+f.arg(limit), f.queryArgs()...)
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
	where := f.where("q.anonymous")
	rows, err := s.pool.Query(ctx, "SELECT a.outlet, MIN(q.speaker_name), COUNT(DISTINCT q.article), COUNT(*) AS n FROM quotes q JOIN articles a ON a.id = q.article"+
		where+" GROUP BY a.outlet, lower(q.speaker_name) ORDER BY n DESC, 1, 2 LIMIT "+f.arg(limit), f.queryArgs()...)
	if err != nil {
		return nil, errf("unnamed speakers", err)
	}
	defer rows.Close()
	out, err = scan.UnnamedSpeakers(rows, out)
	return out, errf("unnamed speakers", err)
}
