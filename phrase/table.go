package phrase

// This file keeps the class table (phraseClasses) a second time as an
// open-addressing hash table of its own: split, NoName, MayHoldTitle and
// the Fold look-ups ask it about every word, and a Go map costs several
// times a short word's hashing there.

// classSlot is one slot of the class table: a lower-case word ("" for an
// empty slot) and its classes.
type classSlot struct {
	s string
	c uint32
}

// classTable is the class table: a power of two of slots, at most a
// quarter of them taken, each word at its hash's slot or in the first
// free slot after it.
type classTable struct {
	slots []classSlot
	mask  uint64
	shift uint // 64 less the bits of a slot's index
}

// classes is the class table of phraseClasses.
var classes = newClassTable(phraseClasses)

// newClassTable fills a class table with the words of m.
func newClassTable(m map[string]wordEntry) *classTable {
	n, bits := 16, uint(4)
	for n < 4*len(m) {
		n, bits = 2*n, bits+1
	}
	t := &classTable{slots: make([]classSlot, n), mask: uint64(n - 1), shift: 64 - bits}
	for w, e := range m {
		if w == "" {
			continue // "" marks a free slot; no set holds it
		}
		i := hashWord(w) >> t.shift
		for t.slots[i].s != "" {
			i = (i + 1) & t.mask
		}
		t.slots[i] = classSlot(e)
	}
	return t
}

// hashWord hashes w by its length and five of its bytes, the first two,
// the middle one and the last two, in constant time: the words of the
// table are few and short, and words that share all six are rare. Its
// high bits index the table.
func hashWord[W string | []byte](w W) uint64 {
	n := len(w)
	if n == 0 {
		return 0
	}
	k := uint64(n) | uint64(w[0])<<8 | uint64(w[n/2])<<16 | uint64(w[n-1])<<24
	if n > 1 {
		k |= uint64(w[1])<<32 | uint64(w[n-2])<<40
	}
	return k * 0x9E3779B97F4A7C15
}

// find returns the table's slot of w, nil when w is in no class.
func (t *classTable) find(w string) *classSlot {
	for i := hashWord(w) >> t.shift; ; i = (i + 1) & t.mask {
		e := &t.slots[i]
		if len(e.s) == len(w) && e.s == w {
			if w == "" {
				return nil
			}
			return e
		}
		if e.s == "" {
			return nil
		}
	}
}

// findBytes is find for a word in a buffer, without allocating.
func (t *classTable) findBytes(w []byte) *classSlot {
	for i := hashWord(w) >> t.shift; ; i = (i + 1) & t.mask {
		e := &t.slots[i]
		if len(e.s) == len(w) && e.s == string(w) {
			if len(w) == 0 {
				return nil
			}
			return e
		}
		if e.s == "" {
			return nil
		}
	}
}

// of returns the classes of w, 0 when it is in none.
func (t *classTable) of(w string) uint32 {
	if e := t.find(w); e != nil {
		return e.c
	}
	return 0
}

// ofBytes is of for a word in a buffer.
func (t *classTable) ofBytes(w []byte) uint32 {
	if e := t.findBytes(w); e != nil {
		return e.c
	}
	return 0
}
