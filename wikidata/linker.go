package wikidata

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/quotewire/quotewire"
)

// Index is what linking reads of a store's Wikidata index (both store
// backends implement it).
type Index interface {
	// WikidataByName returns the items one of whose names has the name
	// key of name, at most limit of them.
	WikidataByName(ctx context.Context, name string, limit int) ([]quotewire.WikidataEntity, error)
	// WikidataByID returns the item of that id.
	WikidataByID(ctx context.Context, id string) (quotewire.WikidataEntity, bool, error)
	// HasWikidata reports whether the index holds any item.
	HasWikidata(ctx context.Context) (bool, error)
}

// Linker sizes: the names and item labels it remembers (a name's
// candidates are read from the index once while they are remembered),
// how many candidates it weighs per name, and how often it asks whether
// the index is still empty.
const (
	linkerNames     = 50_000
	linkerLabels    = 20_000
	maxCandidates   = 20
	recheckEmptyAge = time.Minute
)

// Linker links the entities of articles to Wikidata items with Choose,
// each by its name and its article's context: the roles the article gives
// it, the article's date, and the other names the article mentions. It
// implements quotewire.Linker; it is safe for concurrent use. While the
// index is empty it links nothing and costs one query a minute.
type Linker struct {
	idx    Index
	names  *lru.Cache[string, []quotewire.WikidataEntity]
	labels *lru.Cache[string, string]

	mu      sync.Mutex
	has     bool
	checked time.Time
}

// NewLinker returns a Linker reading idx.
func NewLinker(idx Index) *Linker {
	names, _ := lru.New[string, []quotewire.WikidataEntity](linkerNames)
	labels, _ := lru.New[string, string](linkerLabels)
	return &Linker{idx: idx, names: names, labels: labels}
}

var _ quotewire.Linker = (*Linker)(nil)

// ready reports whether the index holds items, asking it at most once a
// minute.
func (l *Linker) ready(ctx context.Context) (bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.checked.IsZero() && time.Since(l.checked) < recheckEmptyAge {
		return l.has, nil
	}
	has, err := l.idx.HasWikidata(ctx)
	if err != nil {
		return false, fmt.Errorf("read the Wikidata index: %w", err)
	}
	if has != l.has {
		l.names.Purge() // a new import: what was read is stale
	}
	l.has, l.checked = has, time.Now()
	return has, nil
}

// Link links the named people, organisations and places of a (anonymous
// speakers are not linked: they have no name to look up). Each entity's
// context is what its article says of it; an entity whose candidates the
// context does not tell apart, or that has none, is left unlinked.
func (l *Linker) Link(ctx context.Context, a *quotewire.Analysis) error {
	if len(a.Entities) == 0 {
		return nil
	}
	if ok, err := l.ready(ctx); !ok || err != nil {
		return err
	}
	var along []string
	for _, e := range a.Entities {
		if !e.Anonymous && e.Type != quotewire.Person {
			along = append(along, e.Name)
		}
	}
	for i := range a.Entities {
		e := &a.Entities[i]
		if e.Anonymous || e.Type == "" {
			continue
		}
		roles := e.Roles
		for _, r := range e.Roles {
			// "US President" is also "President of the United States",
			// an office's label
			if c, ok := quotewire.CanonicalRole(r); ok && c != r && !slices.Contains(roles, c) {
				roles = append(slices.Clip(roles), c)
			}
		}
		others := along
		if i := slices.Index(along, e.Name); i >= 0 {
			others = slices.Delete(slices.Clone(along), i, i+1) // not itself
		}
		c := Context{Name: e.Name, Type: e.Type, Roles: roles, Alongside: others, Near: nearWords(a.Text, e.Mentions)}
		if a.Date != "" {
			c.Dates = []string{a.Date}
		}
		link, _, err := l.Choose(ctx, c)
		if err != nil {
			return err
		}
		if link.ID != "" {
			a.SetWikidata(e.ID, link.ID, link.Confidence)
		}
	}
	return nil
}

// Choose links one entity of the archive by its context (Choose among
// the items named c.Name or one of the aliases), and returns the
// candidates it weighed.
func (l *Linker) Choose(ctx context.Context, c Context, aliases ...string) (Link, []quotewire.WikidataEntity, error) {
	var cands []quotewire.WikidataEntity
	for i, n := range append([]string{c.Name}, aliases...) {
		cs, err := l.candidates(ctx, n)
		if err != nil {
			return Link{}, nil, err
		}
		if i == 0 {
			cands = cs
			continue
		}
		for _, e := range cs {
			if !slices.ContainsFunc(cands, func(o quotewire.WikidataEntity) bool { return o.ID == e.ID }) {
				cands = append(slices.Clip(cands), e)
			}
		}
	}
	if len(cands) == 0 {
		return Link{}, nil, nil
	}
	labels, err := l.labelsOf(ctx, cands)
	if err != nil {
		return Link{}, nil, err
	}
	return Choose(c, cands, labels), cands, nil
}

// candidates returns the items named name, from the cache or the index.
func (l *Linker) candidates(ctx context.Context, name string) ([]quotewire.WikidataEntity, error) {
	k := quotewire.NameKey(name)
	if k == "" {
		return nil, nil
	}
	if c, ok := l.names.Get(k); ok {
		return c, nil
	}
	c, err := l.idx.WikidataByName(ctx, name, maxCandidates)
	if err != nil {
		return nil, fmt.Errorf("look up %q in the Wikidata index: %w", name, err)
	}
	l.names.Add(k, c)
	return c, nil
}

// labelsOf returns the labels of the positions, countries and
// occupations the candidates' statements name, by id.
func (l *Linker) labelsOf(ctx context.Context, cands []quotewire.WikidataEntity) (map[string]string, error) {
	out := map[string]string{}
	add := func(id string) error {
		if _, ok := out[id]; ok || id == "" {
			return nil
		}
		if lb, ok := l.labels.Get(id); ok {
			out[id] = lb
			return nil
		}
		e, _, err := l.idx.WikidataByID(ctx, id)
		if err != nil {
			return fmt.Errorf("read Wikidata item %s: %w", id, err)
		}
		l.labels.Add(id, e.Label)
		out[id] = e.Label
		return nil
	}
	for _, e := range cands {
		for _, p := range e.Positions {
			if err := add(p.Position); err != nil {
				return nil, err
			}
		}
		for _, c := range e.Countries {
			if err := add(c); err != nil {
				return nil, err
			}
		}
		for _, o := range e.Occupations {
			if err := add(o); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// Context around mentions: the bytes either side of each mention read,
// for at most nearMentions mentions.
const (
	nearBytes    = 60
	nearMentions = 5
)

// nearWords returns the text around the first mentions, cut at spaces.
func nearWords(text string, ms []quotewire.TextSpan) []string {
	var out []string
	for i, m := range ms {
		if i == nearMentions || m.Start < 0 || m.End > len(text) || m.Start > m.End {
			break
		}
		from, to := max(0, m.Start-nearBytes), min(len(text), m.End+nearBytes)
		if j := strings.IndexByte(text[from:m.Start], ' '); from > 0 && j >= 0 {
			from += j + 1
		}
		if j := strings.LastIndexByte(text[m.End:to], ' '); to < len(text) && j >= 0 {
			to = m.End + j
		}
		out = append(out, text[from:m.Start], text[m.End:to])
	}
	return out
}
