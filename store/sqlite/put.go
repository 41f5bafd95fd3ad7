package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/namecache"
	"github.com/quotewire/quotewire/store/internal/pack"
	"github.com/quotewire/quotewire/store/internal/rules"
	"github.com/quotewire/quotewire/store/internal/sqlread"
)

// Near-duplicate detection: a signature of Bands*Rows MinHash values is
// cut into Bands bands; articles sharing a band are candidates, and a
// candidate agreeing on at least NearDuplicate of the values joins the
// cluster (the rules every backend shares, package rules).
const (
	Bands         = rules.Bands
	Rows          = rules.Rows
	NearDuplicate = rules.NearDuplicate
)

// Put stores a batch of records in one transaction (see quotewire.Store).
func (s *Store) Put(ctx context.Context, recs []quotewire.Record) (quotewire.PutResult, error) {
	var res quotewire.PutResult
	if len(recs) == 0 {
		return res, nil
	}
	if err := s.Link(ctx, recs); err != nil {
		return res, err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return res, errf("begin write", err)
	}
	defer tx.Rollback()
	w := s.writer(ctx, tx)
	// the full-text index gets the batch's quotes in one statement
	var lastQuote int64
	if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM quotes").Scan(&lastQuote); err != nil {
		return res, errf("begin write", err)
	}
	for i := range recs {
		added, err := w.put(&recs[i])
		if err != nil {
			return quotewire.PutResult{}, fmt.Errorf("store %s: %w", recs[i].Origin, err)
		}
		if added {
			res.Added++
		} else {
			res.Skipped++
		}
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO quotes_fts (rowid, text, speaker_name, tags) SELECT id, text, speaker_name, tags FROM quotes WHERE id > ?", lastQuote); err != nil {
		return quotewire.PutResult{}, errf("index quotes", err)
	}
	if err := tx.Commit(); err != nil {
		return quotewire.PutResult{}, errf("commit", err)
	}
	w.memo.Commit()
	return res, nil
}

// writer holds one Put's or Replace's transaction and its statements:
// SQLite parsing a statement costs more than running it, so each is
// prepared once for the store (see Store.prepared) and taken into each
// transaction.
type writer struct {
	ctx   context.Context
	tx    *sql.Tx
	now   string
	stmts map[string]*sql.Stmt
	// db and prepared are the store's, for preparing a statement once.
	db       *sql.DB
	prepared map[string]*sql.Stmt
	// memo is the store's memory of resolved names and stored aliases
	// and roles, with this batch's additions (kept when it commits).
	memo *namecache.Tx
}

// writer returns the writer of transaction tx. The caller holds s.wmu.
func (s *Store) writer(ctx context.Context, tx *sql.Tx) *writer {
	if s.prepared == nil {
		s.prepared = map[string]*sql.Stmt{}
	}
	return &writer{ctx: ctx, tx: tx, now: s.Now().UTC().Format(time.RFC3339), memo: s.names.Begin(),
		stmts: map[string]*sql.Stmt{}, db: s.db, prepared: s.prepared}
}

// maxPrepared bounds the statements a store keeps prepared: the writers'
// SQL is a few dozen statements, and multi-row inserts one per row count.
const maxPrepared = 512

// stmt returns the statement for q in the writer's transaction.
func (w *writer) stmt(q string) (*sql.Stmt, error) {
	if st, ok := w.stmts[q]; ok {
		return st, nil
	}
	parent := w.prepared[q]
	if parent == nil && len(w.prepared) < maxPrepared {
		p, err := w.db.PrepareContext(w.ctx, q)
		if err != nil {
			return nil, err
		}
		parent, w.prepared[q] = p, p
	}
	var st *sql.Stmt
	if parent != nil {
		st = w.tx.StmtContext(w.ctx, parent)
	} else {
		var err error
		if st, err = w.tx.PrepareContext(w.ctx, q); err != nil {
			return nil, err
		}
	}
	w.stmts[q] = st
	return st, nil
}

func (w *writer) exec(q string, args ...any) (sql.Result, error) {
	st, err := w.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(w.ctx, args...)
}

func (w *writer) query(q string, args ...any) (*sql.Rows, error) {
	st, err := w.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(w.ctx, args...)
}

// queryRow runs a statement returning one row into dest.
func (w *writer) queryRow(q string, args []any, dest ...any) error {
	st, err := w.stmt(q)
	if err != nil {
		return err
	}
	return st.QueryRowContext(w.ctx, args...).Scan(dest...)
}

// put stores one record; it reports false when the key was stored before.
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
	sig := rules.PackSignature(r.Signature)
	var id int64
	err = w.queryRow(`INSERT INTO articles
		(key, source_id, url, title, date, outlet, dateline, agency, text, file, line, record, signature, analysis, added)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (key) DO NOTHING RETURNING id`,
		[]any{key, a.ID, a.URL, a.Title, a.Date, r.Outlet, a.Dateline, a.Agency, a.Text,
			r.Origin.File, r.Origin.Line, r.Origin.Record, sig, js, w.now}, &id)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, errf("insert article", err)
	}
	if err := w.cluster(id, r.Signature); err != nil {
		return false, err
	}
	local := map[string]int64{}
	for i := range a.Entities {
		e := &a.Entities[i]
		gid, err := w.entity(e, a.Date, key)
		if err != nil {
			return false, err
		}
		if gid == 0 {
			continue
		}
		local[e.ID] = gid
		if _, err := w.exec("INSERT OR IGNORE INTO article_entities (article, entity, local) VALUES (?, ?, ?)", id, gid, e.ID); err != nil {
			return false, errf("link entity", err)
		}
	}
	if err := w.quotes(id, a, local, r.Outlet); err != nil {
		return false, err
	}
	return true, nil
}

// cluster puts article id into the near-duplicate cluster of the first
// stored article that shares a band and agrees on NearDuplicate of the
// signature, or starts its own.
func (w *writer) cluster(id int64, sig []uint32) error {
	if len(sig) != Bands*Rows {
		return nil
	}
	cluster := id
	bands := rules.BandHashes(sig)
	pairs := make([]any, 0, 2*Bands)
	for b, h := range bands {
		pairs = append(pairs, b, h)
	}
	values := strings.TrimSuffix(strings.Repeat("(?, ?),", Bands), ",")
	rows, err := w.query(`SELECT DISTINCT a.id, COALESCE(a.cluster, a.id), a.signature FROM article_bands b
		JOIN articles a ON a.id = b.article WHERE (b.band, b.hash) IN (VALUES `+values+`) LIMIT 100`, pairs...)
	if err != nil {
		return errf("find near duplicates", err)
	}
	for rows.Next() {
		var other, oc int64
		var osig []byte
		if err := rows.Scan(&other, &oc, &osig); err != nil {
			rows.Close()
			return err
		}
		if rules.IsNearDuplicate(sig, osig) && oc < cluster {
			cluster = oc
		}
	}
	if err := rows.Close(); err != nil {
		return err
	}
	ins := make([]any, 0, 3*Bands)
	for b, h := range bands {
		ins = append(ins, b, h, id)
	}
	if _, err := w.exec("INSERT OR IGNORE INTO article_bands (band, hash, article) VALUES "+
		strings.TrimSuffix(strings.Repeat("(?, ?, ?),", Bands), ","), ins...); err != nil {
		return errf("index signature", err)
	}
	_, err = w.exec("UPDATE articles SET cluster = ? WHERE id = ?", cluster, id)
	return errf("set cluster", err)
}

// entity resolves an analysis entity to the store's entity, creating it
// when no stored one is the same: the same name (any alias, diacritics and
// case aside); for a person, the same surname and a compatible given name
// ("Sergey"/"Sergei"); for a surname alone, a person with that surname and
// a role with the same head word ("Lavrov", "the foreign minister"). Two
// people who share only a surname are not merged. An entity linked to a
// Wikidata item is first the stored entity of that item, and is never
// merged with one linked to another (rules.SameItem); a stored entity
// that was not linked takes the item of the first linked mention it
// joins. Each name the entity gets is stored with the rule that joined
// it and the article it came from (rules.Join). It returns 0 for an
// entity with no usable name.
func (w *writer) entity(e *quotewire.EntityOut, date, article string) (int64, error) {
	key := rules.EntityKey(e)
	if key == "" {
		return 0, nil
	}
	typ := string(e.Type)
	var given, surname string
	if e.Type == quotewire.Person {
		given, surname = quotewire.SplitName(key)
	}
	heads := make([]string, 0, len(e.Roles))
	for _, r := range e.Roles {
		if h := rules.RoleHead(r); h != "" {
			heads = append(heads, h)
		}
	}
	// a name seen before resolves as it did then (a surname alone is
	// weighed afresh: its roles decide)
	cacheable := typ != string(quotewire.Person) || given != ""
	qid := e.Wikidata
	ck := namecache.ItemKey(namecache.EntityKey(typ, key), qid)
	id, cached := w.memo.Lookup(ck)
	join := rules.Join{Rule: rules.JoinName}
	if !cached || !cacheable {
		var err error
		var linked string
		if id, linked, join, err = w.match(key, typ, given, surname, heads, qid); err != nil {
			return 0, err
		}
		if id == 0 {
			join = rules.Join{Rule: rules.JoinNew}
			err := w.queryRow("INSERT INTO entities (name, key, given, surname, type, wikidata, wikidata_confidence) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
				[]any{e.Name, key, given, surname, typ, qid, e.WikidataConfidence}, &id)
			if err != nil {
				return 0, errf("insert entity", err)
			}
		} else if qid != "" && linked == "" {
			if _, err := w.exec("UPDATE entities SET wikidata = ?, wikidata_confidence = ? WHERE id = ? AND wikidata = ''", qid, e.WikidataConfidence, id); err != nil {
				return 0, errf("link entity", err)
			}
		}
		if cacheable {
			w.memo.Remember(ck, id)
		}
	}
	if k := namecache.AliasKey(id, e.Name); !w.memo.Known(k) {
		if _, err := w.exec("INSERT OR IGNORE INTO entity_aliases (entity, key, alias, rule, detail, article) VALUES (?, ?, ?, ?, ?, ?)",
			id, key, e.Name, join.Rule, join.Detail, article); err != nil {
			return 0, errf("insert alias", err)
		}
		w.memo.Remember(k, 1)
	}
	for _, acr := range rules.AcronymAliases(e) {
		if k := namecache.AliasKey(id, acr); !w.memo.Known(k) {
			if _, err := w.exec("INSERT OR IGNORE INTO entity_aliases (entity, key, alias, rule, detail, article) VALUES (?, ?, ?, ?, ?, ?)",
				id, quotewire.NameKey(acr), acr, rules.JoinAcronym, e.Name, article); err != nil {
				return 0, errf("insert alias", err)
			}
			w.memo.Remember(k, 1)
		}
	}
	// roles with the dates they were seen: the cache keeps each role's
	// known range, so only an article outside it writes
	day := rules.DayNumber(date)
	if day == 0 {
		date = ""
	}
	for _, r := range e.Roles {
		h := rules.RoleHead(r)
		if h == "" {
			continue
		}
		k := namecache.RoleKey(id, r)
		v, ok := w.memo.Lookup(k)
		write, seen := rules.RoleSeen(v, ok, day)
		if !write {
			continue
		}
		_, err := w.exec(`INSERT INTO entity_roles (entity, role, head, first_date, last_date) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (entity, role) DO UPDATE SET
			first_date = CASE WHEN excluded.first_date != '' AND (first_date = '' OR excluded.first_date < first_date) THEN excluded.first_date ELSE first_date END,
			last_date = CASE WHEN excluded.last_date > last_date THEN excluded.last_date ELSE last_date END`, id, r, h, date, date)
		if err != nil {
			return 0, errf("insert role", err)
		}
		w.memo.Remember(k, seen)
	}
	return id, nil
}

// match finds the stored entity for a name, or 0, and the item it is
// linked to: for a name linked to item qid, the entity of that item; else
// one of a compatible type and item with the name as an alias (most
// quoted first), and for a person without one, the person
// rules.PickPerson picks among those with the surname.
func (w *writer) match(key, typ, given, surname string, heads []string, qid string) (int64, string, rules.Join, error) {
	if qid != "" {
		var id int64
		var t string
		err := w.queryRow("SELECT id, type FROM entities WHERE wikidata = ? ORDER BY quotes DESC, id LIMIT 1", []any{qid}, &id, &t)
		switch {
		case err == nil && rules.CompatibleType(t, typ):
			return id, qid, rules.Join{Rule: rules.JoinItem, Detail: qid}, nil
		case err != nil && !errors.Is(err, sql.ErrNoRows):
			return 0, "", rules.Join{}, errf("match item", err)
		}
	}
	if typ != string(quotewire.Person) || given != "" {
		// the same name, or one of its aliases
		rows, err := w.query(`SELECT e.id, e.type, e.wikidata FROM entity_aliases a JOIN entities e ON e.id = a.entity
			WHERE a.key = ? ORDER BY e.quotes DESC, e.id LIMIT 10`, key)
		if err != nil {
			return 0, "", rules.Join{}, errf("match entity", err)
		}
		var found int64
		var linked string
		for rows.Next() {
			var id int64
			var t, wd string
			if err := rows.Scan(&id, &t, &wd); err != nil {
				rows.Close()
				return 0, "", rules.Join{}, err
			}
			if found == 0 && rules.CompatibleType(t, typ) && rules.SameItem(wd, qid) {
				found, linked = id, wd
			}
		}
		if err := rows.Close(); err != nil || found != 0 || typ != string(quotewire.Person) {
			return found, linked, rules.Join{Rule: rules.JoinName}, err
		}
	}
	// people by surname
	cands, err := w.bySurname(surname, heads)
	if err != nil {
		return 0, "", rules.Join{}, err
	}
	cands = rules.OfItem(cands, qid)
	id, join := rules.PickPerson(given, cands)
	for _, c := range cands {
		if c.ID == id {
			return id, c.Wikidata, join, nil
		}
	}
	return 0, "", rules.Join{}, nil
}

// bySurname lists the people with this surname, with how many of heads
// their roles share.
func (w *writer) bySurname(surname string, heads []string) ([]rules.Candidate, error) {
	if surname == "" {
		return nil, nil
	}
	rows, err := w.query(`SELECT id, key, given, type, quotes, wikidata FROM entities
		WHERE surname = ? AND type = 'person' ORDER BY quotes DESC, id LIMIT 50`, surname)
	if err != nil {
		return nil, errf("match surname", err)
	}
	var cands []rules.Candidate
	for rows.Next() {
		var c rules.Candidate
		var key, typ string
		var quotes int
		if err := rows.Scan(&c.ID, &key, &c.Given, &typ, &quotes, &c.Wikidata); err != nil {
			rows.Close()
			return nil, err
		}
		c.SurnameAlone = c.Given == ""
		cands = append(cands, c)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	if len(heads) == 0 {
		return cands, nil
	}
	for i := range cands {
		args := []any{cands[i].ID}
		for _, h := range heads {
			args = append(args, h)
		}
		err := w.queryRow("SELECT COUNT(DISTINCT head) FROM entity_roles WHERE entity = ? AND head IN ("+sqlread.Placeholders(len(heads))+")", args, &cands[i].SharedRoles)
		if err != nil {
			return nil, errf("match roles", err)
		}
	}
	return cands, nil
}

// quoteRows is how many quotes one multi-row statement writes.
const quoteRows = 200

// quotes stores the quotes of analysis a, in article id, grouped into
// their quotations, with a few multi-row statements: one call per row
// costs more than the row.
func (w *writer) quotes(id int64, a *quotewire.Analysis, local map[string]int64, outlet string) error {
	type row struct {
		key     string
		speaker sql.NullInt64
		name    string
		q       *quotewire.QuoteOut
		seq     int
		facts   rules.QuoteFacts
		via     sql.NullInt64
		about   []int64
	}
	// each speaker's quotes and statements
	type spoken struct{ quotes, statements int }
	spoke := map[int64]spoken{}
	for start := 0; start < len(a.Quotes); start += quoteRows {
		end := min(start+quoteRows, len(a.Quotes))
		rows := make([]row, 0, end-start)
		for i := start; i < end; i++ {
			q := &a.Quotes[i]
			r := row{q: q, seq: i, facts: rules.FactsOf(q)}
			if q.Speaker != nil {
				r.name = q.Speaker.Name
				if g, ok := local[q.Speaker.ID]; ok {
					r.speaker = sql.NullInt64{Int64: g, Valid: true}
					n := spoke[g]
					n.quotes++
					if r.facts.Statement() {
						n.statements++
					}
					spoke[g] = n
				}
			}
			if r.facts.ViaLocal != "" {
				if g, ok := local[r.facts.ViaLocal]; ok {
					r.via = sql.NullInt64{Int64: g, Valid: true}
				}
			}
			for _, ab := range q.About {
				if g, ok := local[ab.ID]; ok && !slices.Contains(r.about, g) {
					r.about = append(r.about, g)
				}
			}
			r.key = rules.QuotationKey(q.Content.Text, r.speaker.Int64)
			rows = append(rows, r)
		}
		// the quotations, counted; then their ids
		args := make([]any, 0, 4*len(rows))
		for _, r := range rows {
			args = append(args, r.key, r.q.Content.Text, r.speaker, a.Date)
		}
		_, err := w.exec(`INSERT INTO quotations (key, text, speaker, first_date, occurrences) VALUES `+
			strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, 1),", len(rows)), ",")+`
			ON CONFLICT (key) DO UPDATE SET occurrences = occurrences + 1,
			first_date = CASE WHEN excluded.first_date != '' AND (first_date = '' OR excluded.first_date < first_date) THEN excluded.first_date ELSE first_date END,
			speaker = COALESCE(speaker, excluded.speaker)`, args...)
		if err != nil {
			return errf("insert quotations", err)
		}
		keys := make([]any, len(rows))
		for i, r := range rows {
			keys[i] = r.key
		}
		ids := make(map[string]int64, len(rows))
		res, err := w.query("SELECT key, id FROM quotations WHERE key IN ("+sqlread.Placeholders(len(keys))+")", keys...)
		if err != nil {
			return errf("find quotations", err)
		}
		for res.Next() {
			var k string
			var qid int64
			if err := res.Scan(&k, &qid); err != nil {
				res.Close()
				return errf("find quotations", err)
			}
			ids[k] = qid
		}
		if err := res.Close(); err != nil {
			return errf("find quotations", err)
		}
		args = args[:0]
		for _, r := range rows {
			args = append(args, id, r.seq, string(r.q.Type), r.q.Content.Text, r.q.Content.Start, r.q.Content.End,
				r.speaker, r.name, r.q.Confidence, ids[r.key], a.Date, quoteTags(r.speaker.Int64, outlet, a.Date, r.about...),
				r.facts.Act, r.facts.Anonymous, r.facts.Continued, r.facts.Via, r.via)
		}
		_, err = w.exec(`INSERT INTO quotes (article, seq, kind, text, start, end, speaker, speaker_name, confidence, quotation, date, tags,
			act, anonymous, continued, via, via_speaker) VALUES `+
			strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?),", len(rows)), ","), args...)
		if err != nil {
			return errf("insert quotes", err)
		}
	}
	for sp, n := range spoke {
		if _, err := w.exec("UPDATE entities SET quotes = quotes + ?, statements = statements + ? WHERE id = ?", n.quotes, n.statements, sp); err != nil {
			return errf("count quotes", err)
		}
	}
	return nil
}
