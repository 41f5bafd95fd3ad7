package sqlite

import (
	"database/sql"
	"fmt"
	"slices"
)

// Limits of the lists a name is matched against: the most quoted entities
// with its alias, and people with its surname.
const (
	aliasLimit   = 10
	surnameLimit = 50
)

// storedEntity is an entity as resolution sees it.
type storedEntity struct {
	typ, given, surname string
	// wikidata is the item it is linked to now ("" when unlinked).
	wikidata string
	// quotes is its count when the batch began (0 for one the batch made);
	// the batch's own are in writer.spoke.
	quotes int64
}

// view is what resolution knows of the store during a batch. The maps
// named stored* hold the store's rows when the batch began, for the keys
// loaded so far (a key without an entry is not loaded; an empty list is a
// key with no rows); those named added* hold what the batch added since.
type view struct {
	ents map[int64]*storedEntity
	// entities by alias key, people (type person) by surname, entities
	// by the Wikidata item they are linked to
	storedAliases, addedAliases map[string][]int64
	storedPeople, addedPeople   map[string][]int64
	storedItems, addedItems     map[string][]int64
	// role head words by entity
	storedHeads, addedHeads map[int64][]string
}

// newView returns a view that knows nothing yet.
func newView() *view {
	return &view{ents: map[int64]*storedEntity{},
		storedAliases: map[string][]int64{}, addedAliases: map[string][]int64{},
		storedPeople: map[string][]int64{}, addedPeople: map[string][]int64{},
		storedItems: map[string][]int64{}, addedItems: map[string][]int64{},
		storedHeads: map[int64][]string{}, addedHeads: map[int64][]string{}}
}

// union returns the ids of a and b, each once.
func union(a, b []int64) []int64 {
	if len(b) == 0 {
		return a
	}
	out := slices.Clone(a)
	for _, id := range b {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// entityColumns are the columns of an entity (e) resolution reads, in
// the order scanEntity reads them.
const entityColumns = "e.id, e.type, e.given, e.surname, e.wikidata, e.quotes"

// scanEntity reads entityColumns from the rest of a row (after dest) and
// keeps the entity in the view unless it knows it already (it may have
// changed since the batch began); it returns the entity's id and the
// entity as read.
func (v *view) scanEntity(rows *sql.Rows, dest ...any) (int64, storedEntity, error) {
	var id int64
	var e storedEntity
	if err := rows.Scan(append(dest, &id, &e.typ, &e.given, &e.surname, &e.wikidata, &e.quotes)...); err != nil {
		return 0, e, err
	}
	if _, ok := v.ents[id]; !ok {
		c := e
		v.ents[id] = &c
	}
	return id, e, nil
}

// unloaded returns the keys of m's that are not loaded, each once, as
// query arguments, and marks them loaded (with no rows yet).
func unloaded[K comparable, V any](m map[K]V, keys []K) []any {
	var out []any
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			var none V
			m[k] = none
			out = append(out, k)
		}
	}
	return out
}

// loadAliases loads the entities with each alias key.
func (w *writer) loadAliases(keys []string) error {
	v := w.view
	return w.selectIn("match entity", "SELECT a.key, "+entityColumns+" FROM entity_aliases a JOIN entities e ON e.id = a.entity WHERE a.key IN (%)",
		unloaded(v.storedAliases, keys), func(rows *sql.Rows) error {
			var k string
			id, _, err := v.scanEntity(rows, &k)
			if err == nil {
				v.storedAliases[k] = append(v.storedAliases[k], id)
			}
			return err
		})
}

// loadPeople loads the people with each surname.
func (w *writer) loadPeople(surnames []string) error {
	v := w.view
	return w.selectIn("match surname", "SELECT "+entityColumns+" FROM entities e WHERE e.surname IN (%) AND e.type = 'person'",
		unloaded(v.storedPeople, surnames), func(rows *sql.Rows) error {
			id, e, err := v.scanEntity(rows)
			if err == nil {
				v.storedPeople[e.surname] = append(v.storedPeople[e.surname], id)
			}
			return err
		})
}

// loadItems loads the entities linked to each Wikidata item (the
// condition on wikidata lets SQLite use the partial index of linked
// entities).
func (w *writer) loadItems(qids []string) error {
	v := w.view
	return w.selectIn("match item", "SELECT "+entityColumns+" FROM entities e WHERE e.wikidata IN (%) AND e.wikidata != ''",
		unloaded(v.storedItems, qids), func(rows *sql.Rows) error {
			id, e, err := v.scanEntity(rows)
			if err == nil {
				v.storedItems[e.wikidata] = append(v.storedItems[e.wikidata], id)
			}
			return err
		})
}

// loadHeads loads the role head words of entities.
func (w *writer) loadHeads(ids []int64) error {
	v := w.view
	return w.selectIn("match roles", "SELECT entity, head FROM entity_roles WHERE entity IN (%)",
		unloaded(v.storedHeads, ids), func(rows *sql.Rows) error {
			var id int64
			var h string
			if err := rows.Scan(&id, &h); err != nil {
				return err
			}
			if !slices.Contains(v.storedHeads[id], h) {
				v.storedHeads[id] = append(v.storedHeads[id], h)
			}
			return nil
		})
}

// loadEntities loads the entities of ids the view does not know.
func (w *writer) loadEntities(ids []int64) error {
	v := w.view
	var missing []any
	asked := map[int64]bool{}
	for _, id := range ids {
		if _, ok := v.ents[id]; !ok && !asked[id] {
			asked[id] = true
			missing = append(missing, id)
		}
	}
	err := w.selectIn("read entities", "SELECT "+entityColumns+" FROM entities e WHERE e.id IN (%)", missing,
		func(rows *sql.Rows) error {
			_, _, err := v.scanEntity(rows)
			return err
		})
	for _, id := range missing {
		if _, ok := v.ents[id.(int64)]; !ok && err == nil {
			err = fmt.Errorf("read entities: entity %d is not stored", id)
		}
	}
	return err
}
