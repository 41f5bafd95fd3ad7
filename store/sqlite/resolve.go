package sqlite

import (
	"cmp"
	"slices"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/namecache"
	"github.com/quotewire/quotewire/store/internal/rules"
)

// Cross-article name resolution reads the store as it stood when the
// batch began, once, and keeps what the batch adds beside it: a writer
// holds the write lock and writes the batch's entities, names, roles and
// counts only when the batch ends (writer.flush), so until then the
// tables hold exactly what they held at the start. A name is resolved
// from the union of the two, ordered as the store would order it at that
// moment (by quotes, counting the quotes of the batch's earlier articles,
// then by id), with the same limits: the decisions, and so the ids, are
// those of a writer that wrote and read each name in turn.

// top returns the first n of ids (at most), most quoted first, then by
// id: the order of the store's "ORDER BY quotes DESC, id LIMIT n" at this
// point of the batch. ids is reordered.
func (w *writer) top(ids []int64, n int) ([]int64, error) {
	if err := w.loadEntities(ids); err != nil {
		return nil, err
	}
	type ranked struct{ quotes, id int64 }
	rs := make([]ranked, len(ids))
	for i, id := range ids {
		rs[i] = ranked{w.view.ents[id].quotes + int64(w.spoke[id].quotes), id}
	}
	slices.SortFunc(rs, func(a, b ranked) int {
		if a.quotes != b.quotes {
			return cmp.Compare(b.quotes, a.quotes)
		}
		return cmp.Compare(a.id, b.id)
	})
	for i := range rs {
		ids[i] = rs[i].id
	}
	return ids[:min(n, len(ids))], nil
}

// nameOf is what resolution needs of an analysis entity's name.
type nameOf struct {
	key, typ, given, surname, qid string
	// roleHeads are the head words of its roles, one a role ("" for a
	// role without one); heads those that are not ""
	roleHeads, heads []string
	// cacheable: a name seen before resolves as it did then (a surname
	// alone is weighed afresh: its roles decide); ck is its key in the
	// writer's memory
	cacheable bool
	ck        string
}

// nameParts works out the name of e.
func nameParts(e *quotewire.EntityOut) nameOf {
	n := nameOf{key: rules.EntityKey(e), typ: string(e.Type), qid: e.Wikidata}
	if e.Type == quotewire.Person {
		n.given, n.surname = quotewire.SplitName(n.key)
	}
	n.roleHeads, n.heads = rules.RoleHeads(e.Roles)
	n.cacheable = n.typ != string(quotewire.Person) || n.given != ""
	n.ck = namecache.ItemKey(namecache.EntityKey(n.typ, n.key), n.qid)
	return n
}

// nameOf returns the name of e, worked out once a batch.
func (w *writer) nameOf(e *quotewire.EntityOut) nameOf {
	n, ok := w.names[e]
	if !ok {
		n = nameParts(e)
		w.names[e] = n
	}
	return n
}

// prefetch loads what the store holds about the names of recs' entities
// that the writer's memory does not resolve, in a few queries: their
// aliases, items and surnames, and the roles of the people with those
// surnames when a name has roles to weigh. Names it leaves out are loaded
// when they are met.
func (w *writer) prefetch(recs []quotewire.Record) error {
	var keys, surnames, qids []string
	roles := false
	for i := range recs {
		if recs[i].Analysis == nil {
			continue
		}
		for j := range recs[i].Analysis.Entities {
			n := w.nameOf(&recs[i].Analysis.Entities[j])
			if n.key == "" || n.cacheable && w.memo.Known(n.ck) {
				continue
			}
			if n.qid != "" {
				qids = append(qids, n.qid)
			}
			person := n.typ == string(quotewire.Person)
			if !person || n.given != "" {
				keys = append(keys, n.key)
			}
			if person && n.surname != "" {
				surnames = append(surnames, n.surname)
				roles = roles || len(n.heads) > 0
			}
		}
	}
	// (the loads skip what they loaded already)
	if err := w.loadItems(qids); err != nil {
		return err
	}
	if err := w.loadAliases(keys); err != nil {
		return err
	}
	if err := w.loadPeople(surnames); err != nil {
		return err
	}
	if !roles {
		return nil
	}
	// the roles of the people a surname's mentions are weighed against
	// first (others, as counts change, when they are met)
	slices.Sort(surnames)
	var people []int64
	for _, s := range slices.Compact(surnames) {
		top, err := w.top(slices.Clone(w.view.storedPeople[s]), surnameLimit)
		if err != nil {
			return err
		}
		people = append(people, top...)
	}
	return w.loadHeads(people)
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
// entity with no usable name. What it stores waits for writer.flush.
func (w *writer) entity(e *quotewire.EntityOut, date, article string) (int64, error) {
	n := w.nameOf(e)
	if n.key == "" {
		return 0, nil
	}
	id, cached := w.memo.Lookup(n.ck)
	join := rules.Join{Rule: rules.JoinName}
	if !cached || !n.cacheable {
		var err error
		var linked string
		if id, linked, join, err = w.match(n); err != nil {
			return 0, err
		}
		if id == 0 {
			join = rules.Join{Rule: rules.JoinNew}
			id = w.create(e, n)
		} else if n.qid != "" && linked == "" {
			w.link(id, n.qid, e.WikidataConfidence)
		}
		if n.cacheable {
			w.memo.Remember(n.ck, id)
		}
	}
	if k := namecache.AliasKey(id, e.Name); !w.memo.Known(k) {
		w.addAlias(aliasRow{entity: id, key: n.key, alias: e.Name, rule: join.Rule, detail: join.Detail, article: article})
		w.memo.Remember(k, 1)
	}
	for _, acr := range rules.AcronymAliases(e) {
		if k := namecache.AliasKey(id, acr); !w.memo.Known(k) {
			w.addAlias(aliasRow{entity: id, key: quotewire.NameKey(acr), alias: acr, rule: rules.JoinAcronym, detail: e.Name, article: article})
			w.memo.Remember(k, 1)
		}
	}
	// roles with the dates they were seen: the cache keeps each role's
	// known range, so only an article outside it writes
	day := rules.DayNumber(date)
	if day == 0 {
		date = ""
	}
	for i, r := range e.Roles {
		h := n.roleHeads[i]
		if h == "" {
			continue
		}
		k := namecache.RoleKey(id, r)
		v, ok := w.memo.Lookup(k)
		write, seen := rules.RoleSeen(v, ok, day)
		if !write {
			continue
		}
		w.addRole(roleRow{entity: id, role: r, head: h, date: date})
		w.memo.Remember(k, seen)
	}
	return id, nil
}

// create makes a new entity for name n of e, numbered after every other
// (as SQLite numbers a row inserted without an id), and returns its id.
func (w *writer) create(e *quotewire.EntityOut, n nameOf) int64 {
	id := w.nextEntity
	w.nextEntity++
	v := w.view
	v.ents[id] = &storedEntity{typ: n.typ, given: n.given, surname: n.surname, wikidata: n.qid}
	v.storedHeads[id] = nil
	if n.typ == string(quotewire.Person) {
		v.addedPeople[n.surname] = append(v.addedPeople[n.surname], id)
	}
	if n.qid != "" {
		v.addedItems[n.qid] = append(v.addedItems[n.qid], id)
	}
	w.staged.entities = append(w.staged.entities, entityRow{id: id, name: e.Name, key: n.key, given: n.given, surname: n.surname,
		typ: n.typ, wikidata: n.qid, confidence: e.WikidataConfidence})
	w.made[id] = len(w.staged.entities) - 1
	return id
}

// link links entity id, not linked yet, to item qid.
func (w *writer) link(id int64, qid string, confidence float64) {
	v := w.view
	if v.ents[id].wikidata != "" {
		return
	}
	v.ents[id].wikidata = qid
	v.addedItems[qid] = append(v.addedItems[qid], id)
	if i, ok := w.made[id]; ok {
		w.staged.entities[i].wikidata, w.staged.entities[i].confidence = qid, confidence
		return
	}
	w.staged.links = append(w.staged.links, linkRow{id: id, qid: qid, confidence: confidence})
}

// addAlias stages an alias and lets later names find its entity by it.
func (w *writer) addAlias(a aliasRow) {
	w.staged.aliases = append(w.staged.aliases, a)
	w.view.addedAliases[a.key] = append(w.view.addedAliases[a.key], a.entity)
}

// addRole stages a role and lets later names weigh its head word.
func (w *writer) addRole(r roleRow) {
	w.staged.roles = append(w.staged.roles, r)
	w.view.addedHeads[r.entity] = append(w.view.addedHeads[r.entity], r.head)
}

// match finds the stored entity for a name, or 0, and the item it is
// linked to: for a name linked to an item, the entity of that item (the
// most quoted, if of a compatible type); else one of a compatible type and
// item with the name as an alias (among the aliasLimit most quoted), and
// for a person without one, the person rules.PickPerson picks among the
// surnameLimit most quoted with the surname.
func (w *writer) match(n nameOf) (int64, string, rules.Join, error) {
	v := w.view
	if n.qid != "" {
		if _, ok := v.storedItems[n.qid]; !ok {
			if err := w.loadItems([]string{n.qid}); err != nil {
				return 0, "", rules.Join{}, err
			}
		}
		best, err := w.top(union(v.storedItems[n.qid], v.addedItems[n.qid]), 1)
		if err != nil {
			return 0, "", rules.Join{}, err
		}
		if len(best) == 1 && rules.CompatibleType(v.ents[best[0]].typ, n.typ) {
			return best[0], n.qid, rules.Join{Rule: rules.JoinItem, Detail: n.qid}, nil
		}
	}
	person := n.typ == string(quotewire.Person)
	if !person || n.given != "" {
		// the same name, or one of its aliases
		if _, ok := v.storedAliases[n.key]; !ok {
			if err := w.loadAliases([]string{n.key}); err != nil {
				return 0, "", rules.Join{}, err
			}
		}
		ids, err := w.top(union(v.storedAliases[n.key], v.addedAliases[n.key]), aliasLimit)
		if err != nil {
			return 0, "", rules.Join{}, err
		}
		for _, id := range ids {
			if e := v.ents[id]; rules.CompatibleType(e.typ, n.typ) && rules.SameItem(e.wikidata, n.qid) {
				return id, e.wikidata, rules.Join{Rule: rules.JoinName}, nil
			}
		}
		if !person {
			return 0, "", rules.Join{Rule: rules.JoinName}, nil
		}
	}
	// people by surname
	cands, err := w.bySurname(n.surname, n.heads)
	if err != nil {
		return 0, "", rules.Join{}, err
	}
	cands = rules.OfItem(cands, n.qid)
	id, join := rules.PickPerson(n.given, cands)
	for _, c := range cands {
		if c.ID == id {
			return id, c.Wikidata, join, nil
		}
	}
	return 0, "", rules.Join{}, nil
}

// bySurname lists the surnameLimit most quoted people with this surname,
// with how many of heads their roles share.
func (w *writer) bySurname(surname string, heads []string) ([]rules.Candidate, error) {
	if surname == "" {
		return nil, nil
	}
	v := w.view
	if _, ok := v.storedPeople[surname]; !ok {
		if err := w.loadPeople([]string{surname}); err != nil {
			return nil, err
		}
	}
	ids, err := w.top(union(v.storedPeople[surname], v.addedPeople[surname]), surnameLimit)
	if err != nil {
		return nil, err
	}
	if len(heads) > 0 {
		var missing []int64
		for _, id := range ids {
			if _, ok := v.storedHeads[id]; !ok {
				missing = append(missing, id)
			}
		}
		if err := w.loadHeads(missing); err != nil {
			return nil, err
		}
	}
	cands := make([]rules.Candidate, len(ids))
	for i, id := range ids {
		e := v.ents[id]
		cands[i] = rules.Candidate{ID: id, Given: e.given, SurnameAlone: e.given == "", Wikidata: e.wikidata}
		for j, h := range heads {
			// heads counted once each, as COUNT(DISTINCT head) would
			if !slices.Contains(heads[:j], h) && (slices.Contains(v.storedHeads[id], h) || slices.Contains(v.addedHeads[id], h)) {
				cands[i].SharedRoles++
			}
		}
	}
	return cands, nil
}
