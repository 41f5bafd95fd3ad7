// Package namecache is a store writer's memory of what it learnt about
// names in earlier transactions: how a name resolved to an entity, and
// which aliases and roles an entity has stored. Those facts stay true once
// committed (entities, aliases and roles are never deleted), so a writer
// that remembers them skips reading or writing them again.
//
// What a transaction learns stays in its Tx until it commits: a
// transaction that fails leaves the Cache as it was.
package namecache

import "strconv"

// Max bounds a Cache: it starts over when it holds more.
const Max = 1 << 20

// limit is Max (tests lower it).
var limit = Max

// Cache is the memory of committed facts. It is not safe for concurrent
// use: a store's writers take turns with it (they hold the store's write
// mutex).
type Cache struct {
	m map[string]int64
}

// Begin returns a transaction's view of the cache; the cache starts over
// when it has grown past Max.
func (c *Cache) Begin() *Tx {
	if c.m == nil || len(c.m) > limit {
		c.m = map[string]int64{}
	}
	return &Tx{c: c}
}

// Tx is one transaction's view: the committed facts, and what it learnt.
type Tx struct {
	c     *Cache
	fresh map[string]int64
}

// Lookup returns what is known under k.
func (t *Tx) Lookup(k string) (int64, bool) {
	if v, ok := t.fresh[k]; ok {
		return v, true
	}
	v, ok := t.c.m[k]
	return v, ok
}

// Known reports whether anything is known under k.
func (t *Tx) Known(k string) bool {
	_, ok := t.Lookup(k)
	return ok
}

// Remember records v under k, for this transaction until it commits.
func (t *Tx) Remember(k string, v int64) {
	if t.fresh == nil {
		t.fresh = map[string]int64{}
	}
	t.fresh[k] = v
}

// Commit adds what the transaction learnt to the cache; call it once the
// transaction has committed.
func (t *Tx) Commit() {
	for k, v := range t.fresh {
		t.c.m[k] = v
	}
	t.fresh = nil
}

// EntityKey is the key of the entity a name (its quotewire.NameKey) of an
// entity type resolved to.
func EntityKey(typ, key string) string { return typ + "\x00" + key }

// AliasKey is the key of an alias stored for entity id.
func AliasKey(id int64, alias string) string {
	return "a\x00" + strconv.FormatInt(id, 10) + "\x00" + alias
}

// RoleKey is the key of a role stored for entity id.
func RoleKey(id int64, role string) string {
	return "r\x00" + strconv.FormatInt(id, 10) + "\x00" + role
}

// ItemKey is the key of the entity a name linked to Wikidata item qid
// resolved to: key (an EntityKey) itself when qid is "", since an
// unlinked name and a linked one may resolve apart.
func ItemKey(key, qid string) string {
	if qid == "" {
		return key
	}
	return key + "\x00" + qid
}
