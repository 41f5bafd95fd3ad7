package sqlread

import (
	"context"
	"errors"
	"fmt"

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
func countOf(db DB, acts []quotewire.Act) (quoteCount, error) {
	codes, err := rules.Acts(acts)
	if err != nil {
		return quoteCount{}, err
	}
	if col := rules.CountColumn(codes); col != "" {
		return quoteCount{expr: col, column: true}, nil
	}
	cond, args := db.In("q.act", strs(codes))
	return quoteCount{expr: "(SELECT COUNT(*) FROM quotes q WHERE q.speaker = entities.id AND " + cond + ")", args: args}, nil
}

// Speaker returns one entity by id, with its count of quotes of the acts,
// its names and roles (bytewise order) and its roles' dates.
func Speaker(ctx context.Context, db DB, id int64, acts []quotewire.Act) (*quotewire.Speaker, error) {
	count, err := countOf(db, acts)
	if err != nil {
		return nil, err
	}
	var sp quotewire.Speaker
	var t string
	err = db.QueryRow(ctx, "SELECT id, name, type, wikidata, "+count.expr+" FROM entities WHERE id = ?", append(count.args, id)...).
		Scan(&sp.ID, &sp.Name, &t, &sp.Wikidata, &sp.Quotes)
	if errors.Is(err, ErrNoRows) {
		return nil, fmt.Errorf("speaker %d: %w", id, quotewire.ErrNotFound)
	}
	if err != nil {
		return nil, Errf("read speaker", err)
	}
	sp.Type = quotewire.EntityType(t)
	list := []quotewire.Speaker{sp}
	if err := aliasesAndRoles(ctx, db, list); err != nil {
		return nil, err
	}
	rows, err := db.Query(ctx, `SELECT role, first_date, last_date FROM entity_roles WHERE entity = ?
		ORDER BY first_date = '', first_date, last_date, `+db.Bytewise("role"), id)
	if err != nil {
		return nil, Errf("read roles", err)
	}
	defer rows.Close()
	if list[0].RoleSpans, err = scan.RoleSpans(rows, list[0].RoleSpans); err != nil {
		return nil, Errf("read roles", err)
	}
	list[0].CanonicalRoles = quotewire.CanonicalRoles(list[0].RoleSpans)
	return &list[0], nil
}

// Entities lists the entities whose name or alias contains name (every
// one when name is empty), of type typ when set, only those with quotes
// of the acts when speakers is set, most quoted first (counting quotes of
// the acts; of any act when acts is empty), at most limit of them.
func Entities(ctx context.Context, db DB, name string, typ quotewire.EntityType, speakers bool, acts []quotewire.Act, limit int) ([]quotewire.Speaker, error) {
	limit, err := rules.Limit(limit)
	if err != nil {
		return nil, err
	}
	count, err := countOf(db, acts)
	if err != nil {
		return nil, err
	}
	// the count is selected first: its arguments come first
	args := append([]any{}, count.args...)
	where := ""
	and := func(cond string, a ...any) {
		if where == "" {
			where = " WHERE " + cond
		} else {
			where += " AND " + cond
		}
		args = append(args, a...)
	}
	if speakers {
		and(count.expr+" > 0", count.args...)
	}
	if typ != "" {
		and("type = ?", string(typ))
	}
	if key := quotewire.NameKey(name); key != "" {
		and(`id IN (SELECT entity FROM entity_aliases WHERE key LIKE ? ESCAPE '\')`, "%"+rules.LikeEscape(key)+"%")
	}
	order := "n"
	if count.column {
		order = count.expr // its index gives the order
	}
	rows, err := db.Query(ctx, "SELECT id, name, type, wikidata, "+count.expr+" AS n FROM entities"+where+
		" ORDER BY "+order+" DESC, id LIMIT ?", append(args, limit)...)
	if err != nil {
		return nil, Errf("list entities", err)
	}
	out := []quotewire.Speaker{}
	for rows.Next() {
		var sp quotewire.Speaker
		var t string
		if err := rows.Scan(&sp.ID, &sp.Name, &t, &sp.Wikidata, &sp.Quotes); err != nil {
			rows.Close()
			return nil, Errf("list entities", err)
		}
		sp.Type = quotewire.EntityType(t)
		out = append(out, sp)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, Errf("list entities", err)
	}
	return out, aliasesAndRoles(ctx, db, out)
}

// aliasesAndRoles fills in the aliases and roles of the entities, each
// list in bytewise order.
func aliasesAndRoles(ctx context.Context, db DB, sps []quotewire.Speaker) error {
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
	cond, args := db.In("entity", int64s(ids))
	for _, q := range []struct {
		col, table string
		add        func(*quotewire.Speaker, string)
	}{
		{"alias", "entity_aliases", func(sp *quotewire.Speaker, v string) { sp.Aliases = append(sp.Aliases, v) }},
		{"role", "entity_roles", func(sp *quotewire.Speaker, v string) { sp.Roles = append(sp.Roles, v) }},
	} {
		rows, err := db.Query(ctx, "SELECT entity, "+q.col+" FROM "+q.table+" WHERE "+cond+" ORDER BY entity, "+db.Bytewise(q.col), args...)
		if err != nil {
			return Errf("read aliases", err)
		}
		for rows.Next() {
			var id int64
			var v string
			if err := rows.Scan(&id, &v); err != nil {
				rows.Close()
				return Errf("read aliases", err)
			}
			q.add(at[id], v)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return Errf("read aliases", err)
		}
	}
	return nil
}

// TopByCount returns the entities with the most quotes by col, one of the
// count columns rules names (never user text), most first.
func TopByCount(ctx context.Context, db DB, col string, limit int) ([]quotewire.SpeakerCount, error) {
	rows, err := db.Query(ctx, "SELECT id, name, "+col+" FROM entities WHERE "+col+" > 0 ORDER BY "+col+" DESC, id LIMIT ?", limit)
	if err != nil {
		return nil, Errf("top speakers", err)
	}
	defer rows.Close()
	out, err := scan.SpeakerCounts(rows, []quotewire.SpeakerCount{})
	return out, Errf("top speakers", err)
}
