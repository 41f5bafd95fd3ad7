package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/rules"
	"github.com/quotewire/quotewire/store/internal/scan"
)

// countOf returns how a statement counts an entity's quotes of acts: a
// column of entities (kept by Put and Replace for every act and for
// statements alone), or, for other acts, a subquery counting them, whose
// argument it adds to f; and whether it is a column (indexed for
// ordering).
func countOf(f *filter, acts []quotewire.Act) (string, bool, error) {
	codes, err := rules.Acts(acts)
	if err != nil {
		return "", false, err
	}
	if col := rules.CountColumn(codes); col != "" {
		return col, true, nil
	}
	return "(SELECT COUNT(*) FROM quotes q WHERE q.speaker = entities.id AND q.act = ANY(" + f.arg(codes) + "))", false, nil
}

// Speakers lists the speakers whose name or alias contains name (every
// speaker when name is empty) with quotes of the acts (of any act when
// acts is empty), most quoted first.
func (s *Store) Speakers(ctx context.Context, name string, acts []quotewire.Act, limit int) ([]quotewire.Speaker, error) {
	return s.entities(ctx, name, "", true, acts, limit)
}

// Speaker returns one entity by id, with its count of quotes of the acts.
func (s *Store) Speaker(ctx context.Context, id int64, acts []quotewire.Act) (*quotewire.Speaker, error) {
	f := &filter{}
	count, _, err := countOf(f, acts)
	if err != nil {
		return nil, err
	}
	var sp quotewire.Speaker
	var t string
	err = s.pool.QueryRow(ctx, "SELECT id, name, type, wikidata, "+count+" FROM entities WHERE id = "+f.arg(id), f.args...).Scan(&sp.ID, &sp.Name, &t, &sp.Wikidata, &sp.Quotes)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("speaker %d: %w", id, quotewire.ErrNotFound)
	}
	if err != nil {
		return nil, errf("read speaker", err)
	}
	sp.Type = quotewire.EntityType(t)
	list := []quotewire.Speaker{sp}
	if err := s.aliasesAndRoles(ctx, list); err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, `SELECT role, first_date, last_date FROM entity_roles WHERE entity = $1
		ORDER BY first_date = '', first_date, last_date, role COLLATE "C"`, id)
	if err != nil {
		return nil, errf("read roles", err)
	}
	defer rows.Close()
	if list[0].RoleSpans, err = scan.RoleSpans(rows, list[0].RoleSpans); err != nil {
		return nil, errf("read roles", err)
	}
	list[0].CanonicalRoles = quotewire.CanonicalRoles(list[0].RoleSpans)
	return &list[0], nil
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
	f := &filter{}
	count, column, err := countOf(f, acts)
	if err != nil {
		return nil, err
	}
	if speakers {
		f.conds = append(f.conds, count+" > 0")
	}
	if typ != "" {
		f.conds = append(f.conds, "type = "+f.arg(string(typ)))
	}
	if key := quotewire.NameKey(name); key != "" {
		f.conds = append(f.conds, `id IN (SELECT entity FROM entity_aliases WHERE key LIKE `+f.arg("%"+rules.LikeEscape(key)+"%")+` ESCAPE E'\\')`)
	}
	order := "n"
	if column {
		order = count // its index gives the order
	}
	rows, err := s.pool.Query(ctx, "SELECT id, name, type, wikidata, "+count+" AS n FROM entities"+f.where()+" ORDER BY "+order+" DESC, id LIMIT "+f.arg(limit), f.args...)
	if err != nil {
		return nil, errf("list entities", err)
	}
	out := []quotewire.Speaker{}
	for rows.Next() {
		var sp quotewire.Speaker
		var t string
		if err := rows.Scan(&sp.ID, &sp.Name, &t, &sp.Wikidata, &sp.Quotes); err != nil {
			rows.Close()
			return nil, errf("list entities", err)
		}
		sp.Type = quotewire.EntityType(t)
		out = append(out, sp)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, errf("list entities", err)
	}
	return out, s.aliasesAndRoles(ctx, out)
}

// aliasesAndRoles fills in the aliases and roles of the entities, each
// list sorted bytewise (as SQLite sorts them).
func (s *Store) aliasesAndRoles(ctx context.Context, sps []quotewire.Speaker) error {
	if len(sps) == 0 {
		return nil
	}
	ids := make([]int64, len(sps))
	at := make(map[int64]*quotewire.Speaker, len(sps))
	for i := range sps {
		ids[i] = sps[i].ID
		sps[i].Aliases, sps[i].Roles = []string{}, []string{}
		at[sps[i].ID] = &sps[i]
	}
	for _, q := range []struct {
		stmt string
		add  func(*quotewire.Speaker, string)
	}{
		{`SELECT entity, alias FROM entity_aliases WHERE entity = ANY($1) ORDER BY entity, alias COLLATE "C"`,
			func(sp *quotewire.Speaker, v string) { sp.Aliases = append(sp.Aliases, v) }},
		{`SELECT entity, role FROM entity_roles WHERE entity = ANY($1) ORDER BY entity, role COLLATE "C"`,
			func(sp *quotewire.Speaker, v string) { sp.Roles = append(sp.Roles, v) }},
	} {
		rows, err := s.pool.Query(ctx, q.stmt, ids)
		if err != nil {
			return errf("read aliases", err)
		}
		for rows.Next() {
			var id int64
			var v string
			if err := rows.Scan(&id, &v); err != nil {
				rows.Close()
				return errf("read aliases", err)
			}
			q.add(at[id], v)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return errf("read aliases", err)
		}
	}
	return nil
}

// topByCount answers TopSpeakers for a query that filters by nothing but
// acts counted in an entity column (rules.CountedColumn): the entities
// with the highest count, by its index.
func (s *Store) topByCount(ctx context.Context, col string, limit int) ([]quotewire.SpeakerCount, error) {
	// col is one of the rules' column names, never user text
	rows, err := s.pool.Query(ctx, "SELECT id, name, "+col+" FROM entities WHERE "+col+" > 0 ORDER BY "+col+" DESC, id LIMIT $1", limit)
	if err != nil {
		return nil, errf("top speakers", err)
	}
	defer rows.Close()
	out := []quotewire.SpeakerCount{}
	out, err = scan.SpeakerCounts(rows, out)
	return out, errf("top speakers", err)
}
