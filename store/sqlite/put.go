package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/ahead"
	"github.com/quotewire/quotewire/store/internal/namecache"
	"github.com/quotewire/quotewire/store/internal/pack"
	"github.com/quotewire/quotewire/store/internal/rules"
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
	// what each record needs and the store does not decide, worked out
	// on other goroutines while this one writes (the writer is what an
	// ingest waits for)
	preps := make([]prep, len(recs))
	pre := ahead.Start(len(recs), func(k int) error { return preps[k].of(&recs[k]) })
	defer pre.WaitAll()
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return res, errf("begin write", err)
	}
	defer tx.Rollback()
	w, err := s.writer(ctx, tx)
	if err != nil {
		return res, err
	}
	// what the store holds about the batch's names and signatures, read
	// at once
	if err := w.prefetch(recs); err != nil {
		return res, err
	}
	if err := w.prefetchBands(recs); err != nil {
		return res, err
	}
	for i := range recs {
		if err := pre.Wait(i); err != nil {
			return quotewire.PutResult{}, fmt.Errorf("store %s: %w", recs[i].Origin, err)
		}
		added, err := w.put(&recs[i], &preps[i])
		if err != nil {
			return quotewire.PutResult{}, fmt.Errorf("store %s: %w", recs[i].Origin, err)
		}
		if added {
			res.Added++
		} else {
			res.Skipped++
		}
	}
	if err := w.flush(); err != nil {
		return quotewire.PutResult{}, err
	}
	if err := w.indexQuotes(); err != nil {
		return quotewire.PutResult{}, err
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
// transaction. What a batch stores besides its articles is staged as it
// is resolved and written when it ends, a table at a time (stage.go),
// and names are resolved from what the writer read of the store and
// staged since (resolve.go).
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
	// view is what resolution knows of the stored entities (resolve.go);
	// staged what the batch has to write (stage.go), spoke the quotes its
	// articles gave each entity, made where each new entity is in
	// staged.entities, nextEntity the id the next new entity takes.
	view       *view
	staged     staged
	spoke      map[int64]spoken
	made       map[int64]int
	nextEntity int64
	// nextArticle is the id the next new article takes; lastQuote is the
	// highest quote id when the transaction began.
	nextArticle, lastQuote int64
	// names are the batch's entities' names as resolution reads them.
	names map[*quotewire.EntityOut]nameOf
	// bands are the batch's near-duplicate candidates (cluster.go).
	bands bands
}

// writer returns the writer of transaction tx. The caller holds s.wmu.
func (s *Store) writer(ctx context.Context, tx *sql.Tx) (*writer, error) {
	if s.prepared == nil {
		s.prepared = map[string]*sql.Stmt{}
	}
	w := &writer{ctx: ctx, tx: tx, now: s.Now().UTC().Format(time.RFC3339), memo: s.names.Begin(),
		stmts: map[string]*sql.Stmt{}, db: s.db, prepared: s.prepared,
		view: newView(), spoke: map[int64]spoken{}, made: map[int64]int{}, names: map[*quotewire.EntityOut]nameOf{}, bands: newBands()}
	// new entities and articles are numbered as SQLite numbers rows
	// inserted without an id: after the highest
	err := tx.QueryRowContext(ctx, `SELECT (SELECT COALESCE(MAX(id), 0) + 1 FROM entities), (SELECT COALESCE(MAX(id), 0) + 1 FROM articles),
		(SELECT COALESCE(MAX(id), 0) FROM quotes)`).Scan(&w.nextEntity, &w.nextArticle, &w.lastQuote)
	if err != nil {
		return nil, errf("begin write", err)
	}
	return w, nil
}

// indexQuotes adds the quotes the transaction stored to the full-text
// index, in one statement (FTS5 writes its index once a statement).
func (w *writer) indexQuotes() error {
	_, err := w.tx.ExecContext(w.ctx, "INSERT INTO quotes_fts (rowid, text, speaker_name, tags) SELECT id, text, speaker_name, tags FROM quotes WHERE id > ?", w.lastQuote)
	return errf("index quotes", err)
}

// maxPrepared bounds the statements a store keeps prepared: the writers'
// SQL is a few dozen statements, and multi-row ones one per row count (a
// power of two, see chunks).
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

// prep is what storing a record needs that depends on the record alone.
type prep struct {
	key    string
	packed []byte // the analysis as stored (pack.Analysis)
	sig    []byte // the signature as stored, nil without one
	hashes []int64
	qtexts []rules.QuotationText // each quote's text part of its quotation key
}

// of works out p for r; a record without analysis is left for put to
// report.
func (p *prep) of(r *quotewire.Record) error {
	a := r.Analysis
	if a == nil {
		return nil
	}
	p.key = r.Key
	if p.key == "" {
		p.key = quotewire.ArticleKey(a.URL, a.Text)
	}
	js, err := pack.Analysis(a)
	if err != nil {
		return err
	}
	p.packed = js
	if p.sig = rules.PackSignature(r.Signature); p.sig != nil {
		p.hashes = rules.BandHashes(r.Signature)
	}
	p.qtexts = make([]rules.QuotationText, len(a.Quotes))
	for i := range a.Quotes {
		p.qtexts[i] = rules.QuotationTextOf(a.Quotes[i].Content.Text)
	}
	return nil
}

// put stores one record, with p worked out for it; it reports false when
// the key was stored before.
func (w *writer) put(r *quotewire.Record, p *prep) (bool, error) {
	a := r.Analysis
	if a == nil {
		return false, errors.New("record without analysis")
	}
	key, js, sig, hashes := p.key, p.packed, p.sig, p.hashes
	// the article takes the id SQLite would give it, so that its cluster
	// is written with it
	id := w.nextArticle
	var cluster any // NULL: no signature
	var err error
	if sig != nil {
		if cluster, err = w.cluster(id, r.Signature, hashes); err != nil {
			return false, err
		}
	}
	res, err := w.exec(`INSERT INTO articles
		(id, key, source_id, url, title, date, outlet, dateline, agency, text, file, line, record, cluster, signature, analysis, added)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (key) DO NOTHING`,
		id, key, a.ID, a.URL, a.Title, a.Date, r.Outlet, a.Dateline, a.Agency, a.Text,
		r.Origin.File, r.Origin.Line, r.Origin.Record, cluster, sig, js, w.now)
	if err != nil {
		return false, errf("insert article", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		// stored before
		return false, errf("insert article", err)
	}
	w.nextArticle++
	if sig != nil {
		w.stageBands(id, hashes, cluster.(int64), sig)
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
		w.staged.mentions = append(w.staged.mentions, mentionRow{article: id, entity: gid, local: e.ID})
	}
	w.quotes(id, a, local, r.Outlet, p.qtexts)
	return true, nil
}
