package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/rules"
	"github.com/quotewire/quotewire/store/internal/scan"
)

// quoteCount is how a statement counts an entity's quotes of some acts:
// a column of entities (kept by Put and Replace for every act and for
// statements alone), or, for other acts, a subquery counting them, with
// its arguments.
type quoteCount struct {
	expr string
	args []any
	// column is true when expr is a column (indexed for ordering).
	column bool
}

// countOf returns how to count an entity's quotes of acts.
func countOf(acts []quotewire.Act) (quoteCount, error) {
	codes, err := rules.Acts(acts)
	if err != nil {
		return quoteCount{}, err
	}
	if col := rules.CountColumn(codes); col != "" {
		return quoteCount{expr: col, column: true}, nil
	}
	c := quoteCount{expr: "(SELECT COUNT(*) FROM quotes q WHERE q.speaker = entities.id AND q.act IN (" + placeholders(len(codes)) + "))"}
	for _, a := range codes {
		c.args = append(c.args, a)
	}
	return c, nil
}

// Speakers lists the speakers whose name or alias contains name (every
// speaker when name is empty) with quotes of the acts (of any act when
// acts is empty), most quoted first.
func (s *Store) Speakers(ctx context.Context, name string, acts []quotewire.Act, limit int) ([]quotewire.Speaker, error) {
	return s.entities(ctx, name, "", true, acts, limit)
}

// Speaker returns one entity by id, with its count of quotes of the acts.
func (s *Store) Speaker(ctx context.Context, id int64, acts []quotewire.Act) (*quotewire.Speaker, error) {
	count, err := countOf(acts)
	if err != nil {
		return nil, err
	}
	var sp quotewire.Speaker
	var t string
	err = s.db.QueryRowContext(ctx, "SELECT id, name, type, wikidata, "+count.expr+" FROM entities WHERE id = ?", append(count.args, id)...).
		Scan(&sp.ID, &sp.Name, &t, &sp.Wikidata, &sp.Quotes)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("speaker %d: %w", id, quotewire.ErrNotFound)
	}
	if err != nil {
		return nil, errf("read speaker", err)
	}
	sp.Type = quotewire.EntityType(t)
	if sp.Aliases, err = s.strings(ctx, "SELECT alias FROM entity_aliases WHERE entity = ? ORDER BY alias", id); err != nil {
		return nil, err
	}
	if sp.Roles, err = s.strings(ctx, "SELECT role FROM entity_roles WHERE entity = ? ORDER BY role", id); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT role, first_date, last_date FROM entity_roles WHERE entity = ?
		ORDER BY first_date = '', first_date, last_date, role`, id)
	if err != nil {
		return nil, errf("read roles", err)
	}
	defer rows.Close()
	if sp.RoleSpans, err = scan.RoleSpans(rows, sp.RoleSpans); err != nil {
		return nil, errf("read roles", err)
	}
	sp.CanonicalRoles = quotewire.CanonicalRoles(sp.RoleSpans)
	return &sp, nil
}

// Entities lists the entities whose name or alias contains name, of type
// typ when set, most quoted first (counting quotes of the acts).
func (s *Store) Entities(ctx context.Context, name string, typ quotewire.EntityType, acts []quotewire.Act, limit int) ([]quotewire.Speaker, error) {
	return s.entities(ctx, name, typ, false, acts, limit)
}

func (s *Store) entities(ctx context.Context, name string, typ quotewire.EntityType, speakers bool, acts []quotewire.Act, limit int) ([]quotewire.Speaker, error) {
	limit, err := rules.Limit(limit)
	if err != nil {
		return nil, err
	}
	count, err := countOf(acts)
	if err != nil {
		return nil, err
	}
	// the count is selected first: its arguments come first
	args := append([]any{}, count.args...)
	where := []string{"1 = 1"}
	if speakers {
		where = append(where, count.expr+" > 0")
		args = append(args, count.args...)
	}
	if typ != "" {
		where = append(where, "type = ?")
		args = append(args, string(typ))
	}
	if key := quotewire.NameKey(name); key != "" {
		where = append(where, `id IN (SELECT entity FROM entity_aliases WHERE key LIKE ? ESCAPE '\')`)
		args = append(args, "%"+rules.LikeEscape(key)+"%")
	}
	order := "n"
	if count.column {
		order = count.expr // its index gives the order
	}
	rows, err := s.db.QueryContext(ctx, "SELECT id, name, type, wikidata, "+count.expr+" AS n FROM entities WHERE "+strings.Join(where, " AND ")+
		" ORDER BY "+order+" DESC, id LIMIT ?", append(args, limit)...)
	if err != nil {
		return nil, errf("list entities", err)
	}
	out := []quotewire.Speaker{}
	for rows.Next() {
		var sp quotewire.Speaker
		var t string
		if err := rows.Scan(&sp.ID, &sp.Name, &t, &sp.Wikidata, &sp.Quotes); err != nil {
			rows.Close()
			return nil, err
		}
		sp.Type = quotewire.EntityType(t)
		out = append(out, sp)
	}
	if err := rows.Close(); err != nil {
		return nil, errf("list entities", err)
	}
	for i := range out {
		sp := &out[i]
		sp.Aliases, err = s.strings(ctx, "SELECT alias FROM entity_aliases WHERE entity = ? ORDER BY alias", sp.ID)
		if err != nil {
			return nil, err
		}
		sp.Roles, err = s.strings(ctx, "SELECT role FROM entity_roles WHERE entity = ? ORDER BY role", sp.ID)
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// strings runs a one-column query.
func (s *Store) strings(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, errf("query", err)
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// topByCount answers TopSpeakers for a query that filters by nothing but
// acts counted in an entity column (rules.CountedColumn): the entities
// with the highest count, by its index.
func (s *Store) topByCount(ctx context.Context, col string, limit int) ([]quotewire.SpeakerCount, error) {
	// col is one of the rules' column names, never user text
	rows, err := s.db.QueryContext(ctx, "SELECT id, name, "+col+" FROM entities WHERE "+col+" > 0 ORDER BY "+col+" DESC, id LIMIT ?", limit)
	if err != nil {
		return nil, errf("top speakers", err)
	}
	defer rows.Close()
	out := []quotewire.SpeakerCount{}
	out, err = scan.SpeakerCounts(rows, out)
	return out, errf("top speakers", err)
}
