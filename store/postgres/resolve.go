package postgres

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/namecache"
	"github.com/quotewire/quotewire/store/internal/rules"
)

// Entity resolution follows the rules of store/sqlite exactly (package
// rules holds the decisions). What differs is how the store is read: a
// query per name would cost a round trip per name, so the stored entities
// a batch's names may refer to are read in one round trip (prefetch), and
// each name is then resolved from that view, which the writer keeps up
// to date with what the batch writes (new entities, aliases, roles): the
// writer holds the write lock, so nobody else changes them meanwhile.
// Only what the view cannot answer exactly (an alias added to an entity
// it has not seen) is read again, after the writes. New entities take
// their ids from the sequence beforehand, so creating one needs no round
// trip either, and the batch's new entities, aliases and roles travel as
// three statements with the next round trip.

// idBlock is how many entity ids the writer takes from the sequence at
// least when it needs some (an article's first round trip takes as many
// as it has names to resolve); those a transaction does not use are
// skipped.
const idBlock = 16

// storedEntity is a stored entity a name may refer to.
type storedEntity struct {
	id                  int64
	typ, given, surname string
	quotes              int
	// wikidata is the item it is linked to, "" when unlinked.
	wikidata string
}

// Limits of the lists match reads, as store/sqlite reads them.
const (
	aliasLimit   = 10
	surnameLimit = 50
)

// prefetched is what the store holds about a batch's names, as read when
// the batch's first round trip ran and updated with what the batch wrote
// since.
type prefetched struct {
	// aliases are the entities with each alias key asked for, most quoted
	// first (then by id), at most aliasLimit; surnames the people with
	// each surname asked for, in the same order, at most surnameLimit;
	// heads the role heads of entities, among those the batch's names
	// have.
	aliases, surnames map[string][]storedEntity
	heads             map[int64]map[string]bool
	// askedKeys and askedSurnames are those the lists hold exactly.
	askedKeys, askedSurnames map[string]bool
	// items are the entities linked to each Wikidata item asked for
	// (askedItems), most quoted first.
	items      map[string][]storedEntity
	askedItems map[string]bool
	// entities are the stored entities seen, with the item each is
	// linked to now (the lists keep the item as read).
	entities map[int64]storedEntity
}

// itemOf is the item entity e is linked to now.
func (p *prefetched) itemOf(e storedEntity) string {
	if s, ok := p.entities[e.id]; ok {
		return s.wikidata
	}
	return e.wikidata
}

// nameOf is how an analysis entity is looked up.
type nameOf struct {
	key, typ, given, surname string
	// roleHeads are the head words of the entity's roles, one per role
	// ("" for a role without one); heads those that are not ""
	roleHeads, heads []string
	cacheable        bool
	// qid is the Wikidata item the entity is linked to ("" when
	// unlinked), conf the link's confidence.
	qid  string
	conf float64
}

func nameParts(e *quotewire.EntityOut) nameOf {
	n := nameOf{key: rules.EntityKey(e), typ: string(e.Type), qid: e.Wikidata, conf: e.WikidataConfidence}
	if e.Type == quotewire.Person {
		n.given, n.surname = quotewire.SplitName(n.key)
	}
	n.roleHeads, n.heads = rules.RoleHeads(e.Roles)
	// a name seen before resolves as it did then (a surname alone is
	// weighed afresh: its roles decide)
	n.cacheable = n.typ != string(quotewire.Person) || n.given != ""
	return n
}

// byID reads the entity an alias (a) refers to, by its primary key.
// OFFSET 0 keeps it a lookup per alias: joined instead, a planner with
// stale statistics (a store being filled) may scan every entity for each
// name.
const byID = `SELECT id, type, given, surname, quotes, wikidata FROM entities WHERE id = a.entity OFFSET 0`

// prefetch returns the steps that read what the store holds about the
// names of the analyses' entities that the cache does not resolve, and
// the view their rows fill.
func (w *writer) prefetch(items ...*item) (*prefetched, []step) {
	p := &prefetched{aliases: map[string][]storedEntity{}, surnames: map[string][]storedEntity{}, heads: map[int64]map[string]bool{},
		askedKeys: map[string]bool{}, askedSurnames: map[string]bool{}, entities: map[int64]storedEntity{},
		items: map[string][]storedEntity{}, askedItems: map[string]bool{}}
	var keys, surnames, heads, qids []string
	seenHead := map[string]bool{}
	unresolved := 0
	for _, it := range items {
		for _, n := range it.names {
			if n.key == "" {
				continue
			}
			if n.cacheable && w.memo.Known(namecache.ItemKey(namecache.EntityKey(n.typ, n.key), n.qid)) {
				continue
			}
			unresolved++
			if n.qid != "" && !p.askedItems[n.qid] {
				p.askedItems[n.qid] = true
				qids = append(qids, n.qid)
			}
			person := n.typ == string(quotewire.Person)
			if (!person || n.given != "") && !p.askedKeys[n.key] {
				p.askedKeys[n.key] = true
				keys = append(keys, n.key)
			}
			if person && n.surname != "" {
				if !p.askedSurnames[n.surname] {
					p.askedSurnames[n.surname] = true
					surnames = append(surnames, n.surname)
				}
				for _, h := range n.heads {
					if !seenHead[h] {
						seenHead[h] = true
						heads = append(heads, h)
					}
				}
			}
		}
	}
	var steps []step
	if need := unresolved - len(w.ids); need > 0 {
		// ids for the entities the batch may create
		steps = append(steps, w.numberEntities(max(need, idBlock)))
	}
	if len(qids) > 0 {
		steps = append(steps, step{what: "look up items", sql: `SELECT id, type, given, surname, quotes, wikidata FROM entities
			WHERE wikidata = ANY($1::text[]) ORDER BY quotes DESC, id`, args: []any{qids}, row: func(rows pgx.Rows) error {
			var e storedEntity
			if err := rows.Scan(&e.id, &e.typ, &e.given, &e.surname, &e.quotes, &e.wikidata); err != nil {
				return err
			}
			p.items[e.wikidata] = append(p.items[e.wikidata], e)
			p.entities[e.id] = e
			return nil
		}})
	}
	if len(keys) > 0 {
		steps = append(steps, step{what: "look up names", sql: `SELECT k.key, e.id, e.type, e.given, e.surname, e.quotes, e.wikidata
			FROM unnest($1::text[]) AS k(key) CROSS JOIN LATERAL (
				SELECT e.id, e.type, e.given, e.surname, e.quotes, e.wikidata FROM entity_aliases a CROSS JOIN LATERAL (` + byID + `) e
				WHERE a.key = k.key ORDER BY e.quotes DESC, e.id LIMIT $2) e
			ORDER BY k.key, e.quotes DESC, e.id`, args: []any{keys, aliasLimit}, row: func(rows pgx.Rows) error {
			var k string
			var e storedEntity
			if err := rows.Scan(&k, &e.id, &e.typ, &e.given, &e.surname, &e.quotes, &e.wikidata); err != nil {
				return err
			}
			p.aliases[k] = append(p.aliases[k], e)
			p.entities[e.id] = e
			return nil
		}})
	}
	if len(surnames) > 0 {
		people := `unnest($1::text[]) AS s(surname) CROSS JOIN LATERAL (
				SELECT id, given, quotes, wikidata FROM entities WHERE surname = s.surname AND type = 'person'
				ORDER BY quotes DESC, id LIMIT $2) e`
		steps = append(steps, step{what: "look up surnames", sql: `SELECT s.surname, e.id, e.given, e.quotes, e.wikidata FROM ` + people + `
			ORDER BY s.surname, e.quotes DESC, e.id`, args: []any{surnames, surnameLimit}, row: func(rows pgx.Rows) error {
			var s string
			e := storedEntity{typ: string(quotewire.Person)}
			if err := rows.Scan(&s, &e.id, &e.given, &e.quotes, &e.wikidata); err != nil {
				return err
			}
			e.surname = s
			p.surnames[s] = append(p.surnames[s], e)
			p.entities[e.id] = e
			return nil
		}})
		if len(heads) > 0 {
			// each person's roles by the primary key (entity, role): a
			// common head ("president") may have millions of rows
			steps = append(steps, step{what: "look up roles", sql: `SELECT DISTINCT e.id, r.head FROM ` + people + `
				CROSS JOIN LATERAL (SELECT head FROM entity_roles WHERE entity = e.id OFFSET 0) r WHERE r.head = ANY($3::text[])`,
				args: []any{surnames, surnameLimit, heads},
				row: func(rows pgx.Rows) error {
					var id int64
					var h string
					if err := rows.Scan(&id, &h); err != nil {
						return err
					}
					p.addHead(id, h)
					return nil
				}})
		}
	}
	return p, steps
}

func (p *prefetched) addHead(id int64, h string) {
	if p.heads[id] == nil {
		p.heads[id] = map[string]bool{}
	}
	p.heads[id][h] = true
}

// match resolves a name from what was prefetched, as writer.match would
// from the store, and says which item the entity is linked to; ok is
// false when that is not known or no longer true.
func (p *prefetched) match(n nameOf) (id int64, linked string, join rules.Join, ok bool) {
	person := n.typ == string(quotewire.Person)
	byAlias := !person || n.given != ""
	if n.qid != "" && !p.askedItems[n.qid] {
		return 0, "", rules.Join{}, false
	}
	if byAlias && !p.askedKeys[n.key] {
		return 0, "", rules.Join{}, false
	}
	if person && n.surname != "" && !p.askedSurnames[n.surname] {
		return 0, "", rules.Join{}, false
	}
	if n.qid != "" {
		for _, e := range p.items[n.qid] {
			if rules.CompatibleType(e.typ, n.typ) && p.itemOf(e) == n.qid {
				return e.id, n.qid, rules.Join{Rule: rules.JoinItem, Detail: n.qid}, true
			}
		}
	}
	if byAlias {
		for _, e := range p.aliases[n.key] {
			if wd := p.itemOf(e); rules.CompatibleType(e.typ, n.typ) && rules.SameItem(wd, n.qid) {
				return e.id, wd, rules.Join{Rule: rules.JoinName}, true
			}
		}
		if !person {
			return 0, "", rules.Join{}, true
		}
	}
	id, join = rules.PickPerson(n.given, rules.OfItem(p.candidates(n.surname, n.heads), n.qid))
	return id, p.entities[id].wikidata, join, true
}

// candidates lists the prefetched people with a surname and how many of
// heads their roles share.
func (p *prefetched) candidates(surname string, heads []string) []rules.Candidate {
	if surname == "" {
		return nil
	}
	distinct := map[string]bool{}
	for _, h := range heads {
		distinct[h] = true
	}
	var cands []rules.Candidate
	for _, e := range p.surnames[surname] {
		c := rules.Candidate{ID: e.id, Given: e.given, SurnameAlone: e.given == "", Wikidata: p.itemOf(e)}
		for h := range distinct {
			if p.heads[e.id][h] {
				c.SharedRoles++
			}
		}
		cands = append(cands, c)
	}
	return cands
}

// wrote brings the view up to date with what resolving a name wrote: an
// alias with key on entity id, a new entity, role heads on id. What it
// cannot place exactly (an alias on an entity it has not seen) makes it
// forget that key's list, to be read again.
func (p *prefetched) wrote(key string, alias bool, id int64, created *storedEntity, heads []string) {
	if created != nil {
		p.entities[id] = *created
		if q := created.wikidata; q != "" && p.askedItems[q] {
			p.items[q] = append(p.items[q], *created)
		}
		if s := created.surname; created.typ == string(quotewire.Person) && p.askedSurnames[s] && len(p.surnames[s]) < surnameLimit {
			// quoted by nobody yet, and numbered after every stored
			// entity: last in its list
			p.surnames[s] = append(p.surnames[s], *created)
		}
	}
	if alias && p.askedKeys[key] {
		e, seen := p.entities[id]
		list := p.aliases[key]
		switch {
		case !seen:
			delete(p.askedKeys, key)
			delete(p.aliases, key)
		case !slices.ContainsFunc(list, func(o storedEntity) bool { return o.id == id }):
			i, _ := slices.BinarySearchFunc(list, e, func(a, b storedEntity) int {
				if a.quotes != b.quotes {
					return b.quotes - a.quotes
				}
				return cmp.Compare(a.id, b.id)
			})
			list = slices.Insert(list, i, e)
			if len(list) > aliasLimit {
				list = list[:aliasLimit]
			}
			p.aliases[key] = list
		}
	}
	for _, h := range heads {
		p.addHead(id, h)
	}
}

// entity resolves an analysis entity to the store's entity, creating it
// when no stored one is the same, by the rules of store/sqlite: the same
// name (any alias, diacritics and case aside); for a person, the same
// surname and a compatible given name ("Sergey"/"Sergei"); for a surname
// alone, a person with that surname and a role with the same head word
// ("Lavrov", "the foreign minister"). Two people who share only a surname
// are not merged. It returns 0 for an entity with no usable name.
func (w *writer) entity(e *quotewire.EntityOut, n nameOf, p *prefetched, article, date string) (int64, error) {
	if n.key == "" {
		return 0, nil
	}
	ck := namecache.ItemKey(namecache.EntityKey(n.typ, n.key), n.qid)
	id, cached := w.memo.Lookup(ck)
	created := false
	join := rules.Join{Rule: rules.JoinName}
	if !cached || !n.cacheable {
		var ok bool
		var linked string
		if id, linked, join, ok = p.match(n); !ok {
			var err error
			if id, linked, join, err = w.match(n, p); err != nil {
				return 0, err
			}
		}
		if id != 0 && n.qid != "" && linked == "" {
			// a stored entity not linked yet takes the mention's item
			nr := &w.names
			nr.lid, nr.lqid, nr.lconf = append(nr.lid, id), append(nr.lqid, n.qid), append(nr.lconf, n.conf)
			e := p.entities[id]
			e.id, e.wikidata = id, n.qid
			p.entities[id] = e
			if p.askedItems[n.qid] {
				p.items[n.qid] = append(p.items[n.qid], e)
			}
		}
		if id == 0 {
			var err error
			if id, err = w.newID(); err != nil {
				return 0, err
			}
			created = true
			join = rules.Join{Rule: rules.JoinNew}
		}
	}
	// the alias and roles the entity lacks (all of them, when new)
	alias := created || !w.memo.Known(namecache.AliasKey(id, e.Name))
	// roles with the dates they were seen: the cache keeps each role's
	// known range, so only an article outside it writes
	day := rules.DayNumber(date)
	if day == 0 {
		date = ""
	}
	var roles, rheads []string
	var rseen []int64
	for i, r := range e.Roles {
		h := n.roleHeads[i]
		if h == "" {
			continue
		}
		v, known := w.memo.Lookup(namecache.RoleKey(id, r))
		if write, seen := rules.RoleSeen(v, known && !created, day); write {
			roles, rheads, rseen = append(roles, r), append(rheads, h), append(rseen, seen)
		}
	}
	var made *storedEntity
	nr := &w.names
	if created {
		made = &storedEntity{id: id, typ: n.typ, given: n.given, surname: n.surname, wikidata: n.qid}
		nr.eid, nr.ename, nr.ekey = append(nr.eid, id), append(nr.ename, e.Name), append(nr.ekey, n.key)
		nr.ewikidata, nr.econf = append(nr.ewikidata, n.qid), append(nr.econf, n.conf)
		nr.egiven, nr.esurname, nr.etype = append(nr.egiven, n.given), append(nr.esurname, n.surname), append(nr.etype, n.typ)
	}
	if alias {
		nr.aid, nr.akey, nr.aalias = append(nr.aid, id), append(nr.akey, n.key), append(nr.aalias, e.Name)
		nr.arule, nr.adetail, nr.aarticle = append(nr.arule, join.Rule), append(nr.adetail, join.Detail), append(nr.aarticle, article)
	}
	for i, r := range roles {
		nr.rid, nr.rrole, nr.rhead = append(nr.rid, id), append(nr.rrole, r), append(nr.rhead, rheads[i])
		nr.rdate = append(nr.rdate, date)
	}
	p.wrote(n.key, alias, id, made, rheads)
	for _, acr := range rules.AcronymAliases(e) {
		if k := namecache.AliasKey(id, acr); !w.memo.Known(k) {
			ak := quotewire.NameKey(acr)
			nr.aid, nr.akey, nr.aalias = append(nr.aid, id), append(nr.akey, ak), append(nr.aalias, acr)
			nr.arule, nr.adetail, nr.aarticle = append(nr.arule, rules.JoinAcronym), append(nr.adetail, e.Name), append(nr.aarticle, article)
			p.wrote(ak, true, id, nil, nil)
			w.memo.Remember(k, 1)
		}
	}
	if n.cacheable && !cached {
		w.memo.Remember(ck, id)
	}
	w.memo.Remember(namecache.AliasKey(id, e.Name), 1)
	for i, r := range roles {
		w.memo.Remember(namecache.RoleKey(id, r), rseen[i])
	}
	return id, nil
}

// numberEntities returns a step that takes n more ids for new entities
// from the entities' sequence, as one range: only writers holding the
// write lock take entity ids, so nobody takes one between the nextval
// and the setval (that costs one sequence update, where n nextvals cost
// n).
func (w *writer) numberEntities(n int) step {
	return step{what: "number entities", sql: `SELECT setval(pg_get_serial_sequence('entities', 'id'),
			nextval(pg_get_serial_sequence('entities', 'id')) + $1::bigint - 1)`,
		args: []any{n}, row: func(rows pgx.Rows) error {
			var last int64
			if err := rows.Scan(&last); err != nil {
				return err
			}
			for id := last - int64(n) + 1; id <= last; id++ {
				w.ids = append(w.ids, id)
			}
			return nil
		}}
}

// newID takes an id for a new entity, in the order the sequence gave
// them (w.ids is ascending: ranges are appended as they are taken):
// entities are numbered in the order they are created.
func (w *writer) newID() (int64, error) {
	if len(w.ids) == 0 {
		if err := w.run(w.numberEntities(idBlock)); err != nil {
			return 0, err
		}
	}
	id := w.ids[0]
	w.ids = w.ids[1:]
	return id, nil
}

// match reads the stored entity for a name from the store, after the
// writes queued so far, or 0, and the item it is linked to: for a name
// linked to an item, the entity of that item; else an entity of a
// compatible type and item with the name as an alias (most quoted
// first), and for a person without one, the person rules.PickPerson
// picks among those with the surname (the 50 most quoted). What it reads
// is remembered in p.
func (w *writer) match(n nameOf, p *prefetched) (int64, string, rules.Join, error) {
	person := n.typ == string(quotewire.Person)
	byAlias := !person || n.given != ""
	bySurname := person && n.surname != ""
	var parts []string
	var args []any
	if n.qid != "" {
		args = append(args, n.qid)
		parts = append(parts, `(SELECT 'i' AS src, e.id, e.type, e.given, e.surname, e.quotes, e.wikidata, 0::bigint AS shared
			FROM entities e WHERE e.wikidata = $1 ORDER BY e.quotes DESC, e.id LIMIT 10)`)
	}
	if byAlias {
		args = append(args, n.key)
		parts = append(parts, `(SELECT 'a' AS src, e.id, e.type, e.given, e.surname, e.quotes, e.wikidata, 0::bigint AS shared
			FROM entity_aliases a CROSS JOIN LATERAL (`+byID+`) e
			WHERE a.key = $`+strconv.Itoa(len(args))+` ORDER BY e.quotes DESC, e.id LIMIT 10)`)
	}
	if bySurname {
		args = append(args, n.surname, n.heads)
		s, h := "$"+strconv.Itoa(len(args)-1), "$"+strconv.Itoa(len(args))
		parts = append(parts, `(SELECT 's' AS src, e.id, e.type, e.given, e.surname, e.quotes, e.wikidata,
				(SELECT COUNT(DISTINCT r.head) FROM entity_roles r WHERE r.entity = e.id AND r.head = ANY(`+h+`::text[])) AS shared
			FROM entities e WHERE e.surname = `+s+` AND e.type = 'person' ORDER BY e.quotes DESC, e.id LIMIT 50)`)
	}
	if len(parts) == 0 {
		return 0, "", rules.Join{}, nil
	}
	var byItem, byName int64
	var byItemQ, byNameQ string
	var cands []rules.Candidate
	sql := "SELECT src, id, type, given, surname, quotes, wikidata, shared FROM (" + strings.Join(parts, " UNION ALL ") + ") m ORDER BY src, quotes DESC, id"
	err := w.run(step{what: "match entity", sql: sql, args: args, row: func(rows pgx.Rows) error {
		var src string
		var e storedEntity
		var shared int
		if err := rows.Scan(&src, &e.id, &e.typ, &e.given, &e.surname, &e.quotes, &e.wikidata, &shared); err != nil {
			return err
		}
		p.entities[e.id] = e
		switch src {
		case "i":
			if byItem == 0 && rules.CompatibleType(e.typ, n.typ) {
				byItem, byItemQ = e.id, e.wikidata
			}
		case "a":
			if byName == 0 && rules.CompatibleType(e.typ, n.typ) && rules.SameItem(e.wikidata, n.qid) {
				byName, byNameQ = e.id, e.wikidata
			}
		default:
			cands = append(cands, rules.Candidate{ID: e.id, Given: e.given, SharedRoles: shared, SurnameAlone: e.given == "", Wikidata: e.wikidata})
		}
		return nil
	}})
	switch {
	case err != nil:
		return 0, "", rules.Join{}, err
	case byItem != 0:
		return byItem, byItemQ, rules.Join{Rule: rules.JoinItem, Detail: byItemQ}, nil
	case byName != 0 || !person:
		return byName, byNameQ, rules.Join{Rule: rules.JoinName}, nil
	}
	id, join := rules.PickPerson(n.given, rules.OfItem(cands, n.qid))
	return id, p.entities[id].wikidata, join, nil
}

// nameRows are the new entities, aliases and roles waiting for the next
// round trip, column by column.
type nameRows struct {
	eid                                  []int64
	ename, ekey, egiven, esurname, etype []string
	ewikidata                            []string
	econf                                []float64
	// lid are stored entities that take item lqid (confidence lconf)
	lid          []int64
	lqid         []string
	lconf        []float64
	aid          []int64
	akey, aalias []string
	// arule, adetail and aarticle say why each alias joined its entity
	arule, adetail, aarticle []string
	rid                      []int64
	rrole, rhead             []string
	// rdate is the date of the article that gave each role ("" undated)
	rdate []string
}

// flushNames queues the inserts of the waiting entities, aliases and
// roles, in that order (an alias and a role refer to their entity).
func (w *writer) flushNames() {
	nr := &w.names
	if len(nr.eid) > 0 {
		w.later("insert entities", `INSERT INTO entities (id, name, key, given, surname, type, wikidata, wikidata_confidence) OVERRIDING SYSTEM VALUE
			SELECT id, name, key, given, surname, type, wikidata, conf FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::float8[])
				WITH ORDINALITY AS u(id, name, key, given, surname, type, wikidata, conf, n) ORDER BY n`,
			nr.eid, nr.ename, nr.ekey, nr.egiven, nr.esurname, nr.etype, nr.ewikidata, nr.econf)
	}
	if len(nr.lid) > 0 {
		w.later("link entities", `UPDATE entities e SET wikidata = u.qid, wikidata_confidence = u.conf
			FROM unnest($1::bigint[], $2::text[], $3::float8[]) AS u(id, qid, conf) WHERE e.id = u.id AND e.wikidata = ''`,
			nr.lid, nr.lqid, nr.lconf)
	}
	if len(nr.aid) > 0 {
		w.later("insert aliases", `INSERT INTO entity_aliases (entity, key, alias, rule, detail, article)
			SELECT entity, key, alias, rule, detail, article FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
				WITH ORDINALITY AS u(entity, key, alias, rule, detail, article, n)
			ORDER BY n ON CONFLICT DO NOTHING`, nr.aid, nr.akey, nr.aalias, nr.arule, nr.adetail, nr.aarticle)
	}
	if len(nr.rid) > 0 {
		// one row per role, with the batch's first and last date of it
		// (an upsert may not touch a row twice); a role twice keeps its
		// first head, as row by row would
		type roleKey struct {
			id   int64
			role string
		}
		at := map[roleKey]int{}
		var id []int64
		var role, head, first, last []string
		for i, r := range nr.rrole {
			k := roleKey{nr.rid[i], r}
			d := nr.rdate[i]
			j, ok := at[k]
			if !ok {
				at[k] = len(id)
				id, role, head = append(id, k.id), append(role, r), append(head, nr.rhead[i])
				first, last = append(first, d), append(last, d)
				continue
			}
			if d != "" && (first[j] == "" || d < first[j]) {
				first[j] = d
			}
			last[j] = max(last[j], d)
		}
		w.later("insert roles", `INSERT INTO entity_roles (entity, role, head, first_date, last_date)
			SELECT entity, role, head, first_date, last_date FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[])
				WITH ORDINALITY AS u(entity, role, head, first_date, last_date, n)
			ORDER BY n ON CONFLICT (entity, role) DO UPDATE SET
			first_date = CASE WHEN EXCLUDED.first_date <> '' AND (entity_roles.first_date = '' OR EXCLUDED.first_date < entity_roles.first_date)
				THEN EXCLUDED.first_date ELSE entity_roles.first_date END,
			last_date = GREATEST(entity_roles.last_date, EXCLUDED.last_date)`, id, role, head, first, last)
	}
	*nr = nameRows{}
}
