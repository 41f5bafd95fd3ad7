package lexicon

import (
	"encoding/binary"
	"unsafe"
)

// Table maps word forms to [Flags]. It is an open-addressing hash table
// with linear probing, built for the lists' short words: cheaper to fill
// and to query than a Go map of the same words. The zero value is an
// empty table; a Table is safe for concurrent reads, not for writes.
type Table struct {
	slots []slot
	shift uint32 // 32 - log2(len(slots))
	n     int    // words held
}

// slot is one place of a Table; an empty key marks a free one.
type slot struct {
	key  string
	hash uint32
	f    Flags
}

// hashWord hashes w eight bytes at a time (with overlapping loads for
// the tail, so short words cost one or two loads) and mixes the result as
// SplitMix64 does.
func hashWord(w string) uint32 {
	b := w2b(w)
	h := uint64(len(w)) * 0x9E3779B97F4A7C15
	switch n := len(b); {
	case n >= 8:
		for len(b) > 8 {
			h = (h ^ binary.LittleEndian.Uint64(b)) * 0xBF58476D1CE4E5B9
			b = b[8:]
		}
		h ^= binary.LittleEndian.Uint64(w2b(w)[len(w)-8:])
	case n >= 4:
		h ^= uint64(binary.LittleEndian.Uint32(b)) | uint64(binary.LittleEndian.Uint32(b[n-4:]))<<32
	case n > 0:
		h ^= uint64(b[0]) | uint64(b[n/2])<<8 | uint64(b[n-1])<<16
	}
	h = (h ^ h>>30) * 0xBF58476D1CE4E5B9
	h = (h ^ h>>27) * 0x94D049BB133111EB
	return uint32(h ^ h>>31)
}

// w2b views the bytes of w, which must not be written.
func w2b(w string) []byte { return unsafe.Slice(unsafe.StringData(w), len(w)) }

// home returns the first slot to probe for hash h.
func (t *Table) home(h uint32) uint32 { return (h * 0x9E3779B1) >> t.shift }

// NewTable returns an empty table sized for about n words.
func NewTable(n int) *Table {
	t := &Table{}
	t.resize(n)
	return t
}

// resize makes room for at least n words at a load of at most a quarter
// (which keeps probes short), keeping those held.
func (t *Table) resize(n int) {
	bits := uint32(4)
	for 1<<bits < 4*n {
		bits++
	}
	old := t.slots
	t.slots, t.shift, t.n = make([]slot, 1<<bits), 32-bits, 0
	for _, s := range old {
		if s.key != "" {
			t.or(s.key, s.hash, s.f)
		}
	}
}

// Lookup returns the flags of word, 0 when the table does not hold it.
func (t *Table) Lookup(word string) Flags {
	if len(t.slots) == 0 {
		return 0
	}
	h := hashWord(word)
	mask := uint32(len(t.slots) - 1)
	for i := t.home(h); ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.key == "" {
			return 0
		}
		if s.hash == h && s.key == word {
			return s.f
		}
	}
}

// Set adds the flags f to those of word, adding the word when new, and
// returns the word's flags before. The empty word is never held: Set
// ignores it.
func (t *Table) Set(word string, f Flags) (old Flags) {
	if word == "" {
		return 0
	}
	if 4*(t.n+1) > len(t.slots) {
		t.resize(2 * (t.n + 1))
	}
	return t.or(word, hashWord(word), f)
}

// Replace sets the flags of word to f, adding the word when new.
func (t *Table) Replace(word string, f Flags) {
	if word == "" {
		return
	}
	if 4*(t.n+1) > len(t.slots) {
		t.resize(2 * (t.n + 1))
	}
	h := hashWord(word)
	*t.slot(word, h) = slot{word, h, f}
}

// or adds f to the flags of word with hash h and returns those before;
// the table has room.
func (t *Table) or(word string, h uint32, f Flags) (old Flags) {
	s := t.slot(word, h)
	if s.key == "" {
		*s = slot{key: word, hash: h}
	}
	old = s.f
	s.f |= f
	return old
}

// slot returns the slot holding word, or the free slot where it goes,
// counting it as held.
func (t *Table) slot(word string, h uint32) *slot {
	mask := uint32(len(t.slots) - 1)
	for i := t.home(h); ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.key == "" {
			t.n++
			return s
		}
		if s.hash == h && s.key == word {
			return s
		}
	}
}

// Len returns the number of words held.
func (t *Table) Len() int { return t.n }

// All calls fn with each word held and its flags, in no set order.
func (t *Table) All(fn func(word string, f Flags)) {
	for _, s := range t.slots {
		if s.key != "" {
			fn(s.key, s.f)
		}
	}
}

// Clone returns a copy of t that changes apart from it.
func (t *Table) Clone() *Table {
	c := *t
	c.slots = append([]slot(nil), t.slots...)
	return &c
}
