package coref

// surnameIndex lists entities by surname (the last word of their name's
// key, quotewire.Surname), newest first: a list per surname threaded
// through one slice, so that indexing an entity allocates nothing of its
// own.
type surnameIndex struct {
	// newest is the node of the entity indexed last under each surname.
	newest map[string]int
	nodes  []surnameNode
}

// surnameNode is one entity under a surname, and the node of the one
// indexed before it under that surname (-1 for none).
type surnameNode struct{ e, prev int }

func newSurnameIndex(n int) surnameIndex {
	return surnameIndex{newest: make(map[string]int, n), nodes: make([]surnameNode, 0, n)}
}

// first returns the node of the entity indexed last under sur, or -1; the
// node's prev is the one before it.
func (s *surnameIndex) first(sur string) int {
	if i, ok := s.newest[sur]; ok {
		return i
	}
	return -1
}

// add indexes e under sur, unless it is there already.
func (s *surnameIndex) add(sur string, e int) {
	head := s.first(sur)
	for i := head; i >= 0; i = s.nodes[i].prev {
		if s.nodes[i].e == e {
			return
		}
	}
	s.nodes = append(s.nodes, surnameNode{e: e, prev: head})
	s.newest[sur] = len(s.nodes) - 1
}
