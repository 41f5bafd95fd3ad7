package namecache

import "testing"

// TestTx checks that a transaction sees the committed facts and its own,
// and that the cache holds its facts only once it commits.
func TestTx(t *testing.T) {
	var c Cache
	t1 := c.Begin()
	t1.Remember(EntityKey("person", "sergey lavrov"), 7)
	if v, ok := t1.Lookup(EntityKey("person", "sergey lavrov")); !ok || v != 7 {
		t.Errorf("own fact: %d, %v", v, ok)
	}
	if c.Begin().Known(EntityKey("person", "sergey lavrov")) {
		t.Error("another transaction sees an uncommitted fact")
	}
	t1.Commit()
	t2 := c.Begin()
	if v, ok := t2.Lookup(EntityKey("person", "sergey lavrov")); !ok || v != 7 {
		t.Errorf("committed fact: %d, %v", v, ok)
	}
	// a failed transaction (never committed) leaves nothing
	t2.Remember(AliasKey(7, "Lavrov"), 1)
	if c.Begin().Known(AliasKey(7, "Lavrov")) {
		t.Error("a transaction that did not commit left a fact")
	}
}

// TestKeys checks that the kinds of keys do not meet: a name, an alias and
// a role with the same text, or of entities whose ids share digits, are
// different keys.
func TestKeys(t *testing.T) {
	keys := map[string]bool{EntityKey("person", "x"): true, AliasKey(1, "x"): true, RoleKey(1, "x"): true,
		AliasKey(11, "x"): true, AliasKey(1, "1x"): true}
	if len(keys) != 5 {
		t.Errorf("keys collide: %v", keys)
	}
}

// TestLimit checks that a cache grown past its bound starts over.
func TestLimit(t *testing.T) {
	old := limit
	limit = 3
	defer func() { limit = old }()
	var c Cache
	tx := c.Begin()
	for i := range 3 {
		tx.Remember(RoleKey(int64(i), "r"), 1)
	}
	tx.Commit()
	if !c.Begin().Known(RoleKey(0, "r")) {
		t.Error("a cache at its bound forgot")
	}
	tx = c.Begin()
	tx.Remember(RoleKey(3, "r"), 1)
	tx.Commit()
	if c.Begin().Known(RoleKey(0, "r")) {
		t.Error("a cache past its bound did not start over")
	}
}
