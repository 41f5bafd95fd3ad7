package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/quotewire/quotewire"
)

// Near-duplicate detection: a signature of Bands*Rows MinHash values is
// cut into Bands bands; articles sharing a band are candidates, and a
// candidate agreeing on at least NearDuplicate of the values joins the
// cluster.
const (
	Bands         = 16
	Rows          = 4
	NearDuplicate = 0.7
)

// minQuotationWords is the length from which the same words make the same
// quotation whoever they are attributed to; shorter quotes ("We will
// see.") are grouped only with the same speaker.
const minQuotationWords = 6

// Put stores a batch of records in one transaction (see quotewire.Store).
func (s *Store) Put(ctx context.Context, recs []quotewire.Record) (quotewire.PutResult, error) {
	var res quotewire.PutResult
	if len(recs) == 0 {
		return res, nil
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return res, errf("begin write", err)
	}
	defer tx.Rollback()
	w := &writer{ctx: ctx, tx: tx, now: s.Now().UTC().Format(time.RFC3339)}
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
	if err := tx.Commit(); err != nil {
		return quotewire.PutResult{}, errf("commit", err)
	}
	return res, nil
}

// writer holds one Put's transaction.
type writer struct {
	ctx context.Context
	tx  *sql.Tx
	now string
}

func (w *writer) exec(q string, args ...any) (sql.Result, error) {
	return w.tx.ExecContext(w.ctx, q, args...)
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
	meta := *a
	meta.Text = "" // the text has its own column
	js, err := json.Marshal(&meta)
	if err != nil {
		return false, err
	}
	var sig []byte
	if len(r.Signature) == Bands*Rows {
		sig = make([]byte, 4*len(r.Signature))
		for i, v := range r.Signature {
			binary.LittleEndian.PutUint32(sig[4*i:], v)
		}
	}
	var id int64
	err = w.tx.QueryRowContext(w.ctx, `INSERT INTO articles
		(key, source_id, url, title, date, outlet, dateline, agency, text, file, line, record, signature, analysis, added)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (key) DO NOTHING RETURNING id`,
		key, a.ID, a.URL, a.Title, a.Date, r.Outlet, a.Dateline, a.Agency, a.Text,
		r.Origin.File, r.Origin.Line, r.Origin.Record, sig, string(js), w.now).Scan(&id)
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
		gid, err := w.entity(e)
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
	for i := range a.Quotes {
		if err := w.quote(id, i, a, &a.Quotes[i], local); err != nil {
			return false, err
		}
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
	bands := make([]int64, Bands)
	for b := range Bands {
		h := uint64(b)
		for _, v := range sig[b*Rows : (b+1)*Rows] {
			h = h*0x100000001B3 ^ uint64(v)
		}
		bands[b] = int64(h)
	}
	seen := map[int64]bool{}
	for b, h := range bands {
		rows, err := w.tx.QueryContext(w.ctx, `SELECT a.id, COALESCE(a.cluster, a.id), a.signature FROM article_bands b
			JOIN articles a ON a.id = b.article WHERE b.band = ? AND b.hash = ? LIMIT 20`, b, h)
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
			if seen[other] || len(osig) != 4*len(sig) {
				continue
			}
			seen[other] = true
			agree := 0
			for i, v := range sig {
				if binary.LittleEndian.Uint32(osig[4*i:]) == v {
					agree++
				}
			}
			if float64(agree) >= NearDuplicate*float64(len(sig)) && oc < cluster {
				cluster = oc
			}
		}
		if err := rows.Close(); err != nil {
			return err
		}
	}
	for b, h := range bands {
		if _, err := w.exec("INSERT OR IGNORE INTO article_bands (band, hash, article) VALUES (?, ?, ?)", b, h, id); err != nil {
			return errf("index signature", err)
		}
	}
	_, err := w.exec("UPDATE articles SET cluster = ? WHERE id = ?", cluster, id)
	return errf("set cluster", err)
}

// roleHead is the head word of a role, lower case and singular:
// "minister" for "Russian Foreign Minister".
func roleHead(role string) string {
	k := quotewire.NameKey(role)
	if i := strings.LastIndexByte(k, ' '); i >= 0 {
		k = k[i+1:]
	}
	if len(k) > 3 {
		k = strings.TrimSuffix(k, "s")
	}
	return k
}

// candidate is an entity a name might refer to.
type candidate struct {
	id           int64
	key, given   string
	typ          string
	quotes       int
	sharedRoles  int
	surnameAlone bool
}

// compatibleType reports whether an entity of type a can be one of type b.
func compatibleType(a, b string) bool { return a == b || a == "" || b == "" }

// entity resolves an analysis entity to the store's entity, creating it
// when no stored one is the same: the same name (any alias, diacritics and
// case aside); for a person, the same surname and a compatible given name
// ("Sergey"/"Sergei"); for a surname alone, a person with that surname and
// a role with the same head word ("Lavrov", "the foreign minister"). Two
// people who share only a surname are not merged. It returns 0 for an
// entity with no usable name.
func (w *writer) entity(e *quotewire.EntityOut) (int64, error) {
	key := quotewire.NameKey(e.Name)
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
		if h := roleHead(r); h != "" {
			heads = append(heads, h)
		}
	}
	id, err := w.match(key, typ, given, surname, heads)
	if err != nil {
		return 0, err
	}
	if id == 0 {
		err := w.tx.QueryRowContext(w.ctx, "INSERT INTO entities (name, key, given, surname, type) VALUES (?, ?, ?, ?, ?) RETURNING id",
			e.Name, key, given, surname, typ).Scan(&id)
		if err != nil {
			return 0, errf("insert entity", err)
		}
	} else if given != "" {
		// a fuller name than the stored one becomes the name
		if _, err := w.exec(`UPDATE entities SET name = ?, key = ?, given = ? WHERE id = ? AND given = ''`, e.Name, key, given, id); err != nil {
			return 0, errf("update entity", err)
		}
	}
	if _, err := w.exec("INSERT OR IGNORE INTO entity_aliases (entity, key, alias) VALUES (?, ?, ?)", id, key, e.Name); err != nil {
		return 0, errf("insert alias", err)
	}
	for _, r := range e.Roles {
		if h := roleHead(r); h != "" {
			if _, err := w.exec("INSERT OR IGNORE INTO entity_roles (entity, role, head) VALUES (?, ?, ?)", id, r, h); err != nil {
				return 0, errf("insert role", err)
			}
		}
	}
	return id, nil
}

// match finds the stored entity for a name, or 0.
func (w *writer) match(key, typ, given, surname string, heads []string) (int64, error) {
	if typ != string(quotewire.Person) || given != "" {
		// the same name, or one of its aliases
		rows, err := w.tx.QueryContext(w.ctx, `SELECT e.id, e.type FROM entity_aliases a JOIN entities e ON e.id = a.entity
			WHERE a.key = ? ORDER BY e.quotes DESC, e.id LIMIT 10`, key)
		if err != nil {
			return 0, errf("match entity", err)
		}
		var found int64
		for rows.Next() {
			var id int64
			var t string
			if err := rows.Scan(&id, &t); err != nil {
				rows.Close()
				return 0, err
			}
			if found == 0 && compatibleType(t, typ) {
				found = id
			}
		}
		if err := rows.Close(); err != nil || found != 0 || typ != string(quotewire.Person) {
			return found, err
		}
	}
	// people by surname
	cands, err := w.bySurname(surname, heads)
	if err != nil {
		return 0, err
	}
	if given != "" {
		for _, c := range cands {
			if c.given == given {
				return c.id, nil
			}
		}
		for _, c := range cands {
			if quotewire.GivenNamesMatch(given, c.given) {
				return c.id, nil
			}
		}
		return 0, nil
	}
	// a surname alone: a person with a role in common, if exactly one
	// kind of evidence points at one; else the surname-alone entity
	var best *candidate
	ambiguous := false
	for i := range cands {
		c := &cands[i]
		if c.sharedRoles == 0 || c.surnameAlone {
			continue
		}
		switch {
		case best == nil || c.sharedRoles > best.sharedRoles:
			best, ambiguous = c, false
		case c.sharedRoles == best.sharedRoles && !quotewire.GivenNamesMatch(c.given, best.given):
			ambiguous = true
		}
	}
	if best != nil && !ambiguous {
		return best.id, nil
	}
	for _, c := range cands {
		if c.surnameAlone {
			return c.id, nil
		}
	}
	return 0, nil
}

// bySurname lists the people with this surname, with how many of heads
// their roles share.
func (w *writer) bySurname(surname string, heads []string) ([]candidate, error) {
	if surname == "" {
		return nil, nil
	}
	rows, err := w.tx.QueryContext(w.ctx, `SELECT id, key, given, type, quotes FROM entities
		WHERE surname = ? AND type = 'person' ORDER BY quotes DESC, id LIMIT 50`, surname)
	if err != nil {
		return nil, errf("match surname", err)
	}
	var cands []candidate
	for rows.Next() {
		var c candidate
		if err := rows.Scan(&c.id, &c.key, &c.given, &c.typ, &c.quotes); err != nil {
			rows.Close()
			return nil, err
		}
		c.surnameAlone = c.given == ""
		cands = append(cands, c)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	if len(heads) == 0 {
		return cands, nil
	}
	for i := range cands {
		args := []any{cands[i].id}
		for _, h := range heads {
			args = append(args, h)
		}
		err := w.tx.QueryRowContext(w.ctx, "SELECT COUNT(DISTINCT head) FROM entity_roles WHERE entity = ? AND head IN ("+placeholders(len(heads))+")", args...).
			Scan(&cands[i].sharedRoles)
		if err != nil {
			return nil, errf("match roles", err)
		}
	}
	return cands, nil
}

// quote stores quote i of analysis a, in article id, grouped into its
// quotation.
func (w *writer) quote(id int64, i int, a *quotewire.Analysis, q *quotewire.QuoteOut, local map[string]int64) error {
	var speaker sql.NullInt64
	name := ""
	if q.Speaker != nil {
		name = q.Speaker.Name
		if g, ok := local[q.Speaker.ID]; ok {
			speaker = sql.NullInt64{Int64: g, Valid: true}
		}
	}
	text := q.Content.Text
	norm, words := quotewire.QuoteKey(text)
	if words == 0 {
		norm = text
	}
	qkey := "t:" + norm
	if words < minQuotationWords {
		qkey = fmt.Sprintf("s%d:%s", speaker.Int64, norm)
	}
	sum := sha256.Sum256([]byte(qkey))
	var quotation int64
	err := w.tx.QueryRowContext(w.ctx, `INSERT INTO quotations (key, text, speaker, first_date, occurrences) VALUES (?, ?, ?, ?, 1)
		ON CONFLICT (key) DO UPDATE SET occurrences = occurrences + 1,
			first_date = CASE WHEN excluded.first_date != '' AND (first_date = '' OR excluded.first_date < first_date) THEN excluded.first_date ELSE first_date END,
			speaker = COALESCE(speaker, excluded.speaker)
		RETURNING id`, hex.EncodeToString(sum[:16]), text, speaker, a.Date).Scan(&quotation)
	if err != nil {
		return errf("insert quotation", err)
	}
	_, err = w.exec(`INSERT INTO quotes (article, seq, kind, text, start, end, speaker, speaker_name, confidence, quotation)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, i, string(q.Type), text, q.Content.Start, q.Content.End, speaker, name, q.Confidence, quotation)
	if err != nil {
		return errf("insert quote", err)
	}
	if speaker.Valid {
		if _, err := w.exec("UPDATE entities SET quotes = quotes + 1 WHERE id = ?", speaker.Int64); err != nil {
			return errf("count quote", err)
		}
	}
	return nil
}
