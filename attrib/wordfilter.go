package attrib

// wordFilter is a cheap pre-check for membership in a lexicon of
// lower-case words: a bit per (first byte, length and last byte) pair,
// set for each word of the lexicon. A word whose bit is clear is not in
// the lexicon; a word whose bit is set may be, and the lexicon's map
// decides. Most words of an article fail the check, which costs a few
// instructions where a map look-up hashes the word and compares keys.
type wordFilter [256]uint64

// filterOf returns the filter of the keys of m, whatever their values
// (a key mapped to false or cueNone passes the filter and the map answers).
// m must not change after.
func filterOf[V any](m map[string]V) *wordFilter {
	var f wordFilter
	for w := range m {
		if w != "" {
			f[w[0]] |= 1 << filterBit(w)
		}
	}
	return &f
}

// filterBit is the bit of w in the word of its first byte: a hash of its
// length and last byte.
func filterBit(w string) uint {
	return (uint(len(w)) + 7*uint(w[len(w)-1])) & 63
}

// may reports whether w may be in the filter's lexicon: false means it is
// not. The empty word always may be.
func (f *wordFilter) may(w string) bool {
	if w == "" {
		return true
	}
	return f[w[0]]>>filterBit(w)&1 != 0
}

var (
	cueVerbsFilter     = filterOf(cueVerbs)
	hedgesFilter       = filterOf(hedges)
	passiveCuesFilter  = filterOf(passiveCues)
	particleCuesFilter = filterOf(particleCues)
	verbsFilter        = filterOf(verbs)
)

// cueKindOf returns cueVerbs[w]: the kind of reporting verb the lower-case
// word w is, or cueNone.
func cueKindOf(w string) cueKind {
	if !cueVerbsFilter.may(w) {
		return cueNone
	}
	return cueVerbs[w]
}

// isHedge returns hedges[w].
func isHedge(w string) bool { return hedgesFilter.may(w) && hedges[w] }

// isPassiveCue returns passiveCues[w].
func isPassiveCue(w string) bool { return passiveCuesFilter.may(w) && passiveCues[w] }

// particleOf returns particleCues[w] and whether w is a particle cue.
func particleOf(w string) (string, bool) {
	if !particleCuesFilter.may(w) {
		return "", false
	}
	p, ok := particleCues[w]
	return p, ok
}

// verbOf returns verbs[stem] and whether stem is in the table.
func verbOf(stem string) (verbKind, bool) {
	if !verbsFilter.may(stem) {
		return 0, false
	}
	k, ok := verbs[stem]
	return k, ok
}
