package quotewire

import (
	"slices"
	"strings"
)

// WellKnown is a name many articles write in several ways, and the one
// name and type quotewire gives it everywhere.
type WellKnown struct {
	Name string
	Type EntityType
}

// wellKnownForms maps the written forms of well-known names to their
// canonical entry. Forms are compared as written, apart from dots and
// spaces ("U.S." and "US" are one form): short acronyms are names only in
// capitals ("WHO", not "who").
var wellKnownForms, wellKnownKeys = func() (map[string]WellKnown, map[string][]string) {
	m, keys := map[string]WellKnown{}, map[string][]string{}
	add := func(canon string, typ EntityType, forms ...string) {
		for _, f := range append(forms, canon) {
			m[compactForm(f)] = WellKnown{Name: canon, Type: typ}
			if k := NameKey(f); k != "" && !slices.Contains(keys[canon], k) {
				keys[canon] = append(keys[canon], k)
			}
		}
	}
	add("United States", Place, "US", "U.S.", "USA", "U.S.A.", "United States of America", "the United States")
	add("United Kingdom", Place, "UK", "U.K.", "Britain", "Great Britain", "the United Kingdom")
	add("United Nations", Organization, "UN", "U.N.", "the United Nations")
	add("European Union", Organization, "EU", "E.U.", "the European Union")
	add("NATO", Organization, "Nato", "North Atlantic Treaty Organization", "North Atlantic Treaty Organisation")
	add("World Health Organization", Organization, "WHO", "World Health Organisation")
	add("Russia", Place, "Russian Federation", "the Russian Federation")
	return m, keys
}()

// NameKeys returns the name keys (NameKey) of every way a well-known name
// is written ("us", "u s", "usa", "united states" … for "U.S."), and nil
// for any other name: what a store looks a name up by, so that entities
// stored under any of the forms are found.
func NameKeys(name string) []string {
	w, ok := CanonicalName(name)
	if !ok {
		return nil
	}
	return wellKnownKeys[w.Name]
}

// compactForm drops the dots, spaces and a leading "the " of a written
// name, keeping case.
func compactForm(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 4 && strings.EqualFold(s[:4], "the ") {
		s = s[4:]
	}
	var b strings.Builder
	for _, r := range s {
		if r != '.' && r != ' ' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// CanonicalName returns the canonical name and type of a well-known name
// as written ("U.S.", "US", "USA" → "United States", a place), and false
// for any other name. It does not allocate: it runs on every name of
// every article.
func CanonicalName(name string) (WellKnown, bool) {
	name = strings.TrimSpace(name)
	if len(name) > 4 && strings.EqualFold(name[:4], "the ") {
		name = name[4:]
	}
	var buf [48]byte
	n := 0
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c == '.' || c == ' ' {
			continue
		}
		if n == len(buf) {
			return WellKnown{}, false // longer than any form
		}
		buf[n] = c
		n++
	}
	w, ok := wellKnownForms[string(buf[:n])]
	return w, ok
}

// abbreviatedPrefixes are the abbreviations of well-known names that
// start other names ("U.S. Constitution", "UN Security Council"), with
// the names they stand for.
var abbreviatedPrefixes = map[string]string{"US": "United States", "U.S.": "United States", "UK": "United Kingdom",
	"U.K.": "United Kingdom", "UN": "United Nations", "U.N.": "United Nations", "EU": "European Union", "E.U.": "European Union"}

// ExpandPrefix writes out the well-known abbreviation that starts a name
// of several words ("U.S. Constitution" and "US Constitution" → "United
// States Constitution"; "UN Security Council" → "United Nations Security
// Council"), so that the forms of one name are one; other names, and
// descriptions that go on in lower case ("US coalition"), are returned as
// they are.
func ExpandPrefix(name string) string {
	first, rest, ok := strings.Cut(name, " ")
	if !ok || rest == "" || rest[0] < 'A' || rest[0] > 'Z' {
		return name // "US coalition": a description, no name
	}
	if full, ok := abbreviatedPrefixes[first]; ok {
		return full + " " + rest
	}
	return name
}
