package wikidata

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/valyala/fastjson"

	"github.com/quotewire/quotewire"
)

var p31Key = []byte(`"P31":`)

// wanted reports whether a line may be an item of a kept class: one of its
// "instance of" statements names a class of classes. It reads only the P31
// statements' text, so the lines of the tens of millions of other items
// (articles, genes, stars) cost a search for the key and no parse.
func wanted(line []byte) bool {
	rest := line
	for {
		i := bytes.Index(rest, p31Key)
		if i < 0 {
			return false
		}
		rest = rest[i+len(p31Key):]
		end := valueEnd(rest)
		if anyClassID(rest[:end]) {
			return true
		}
		rest = rest[end:]
	}
}

// valueEnd returns the length of the JSON value that starts s (after
// spaces), or len(s) when it does not end: brackets counted, strings
// skipped.
func valueEnd(s []byte) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' {
					i++
				}
			}
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth <= 0 {
				return i + 1
			}
		}
	}
	return len(s)
}

var idKey = []byte(`"id":"Q`)

// anyClassID reports whether s holds an item id ("id":"Q…") of a kept
// class.
func anyClassID(s []byte) bool {
	for {
		i := bytes.Index(s, idKey)
		if i < 0 {
			return false
		}
		s = s[i+len(idKey)-1:]
		j := 1
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if _, ok := classes[string(s[:j])]; ok {
			return true
		}
		s = s[j:]
	}
}

// parse reads one entity line. It returns the entity (Kind "" when it is
// not of a kept kind), a warning for statements it left out, and an error
// when the line is not an entity.
func (r *Reader) parse(line []byte) (e quotewire.WikidataEntity, warn, err error) {
	v, err := r.parser.ParseBytes(line)
	if err != nil {
		return e, nil, fmt.Errorf("not JSON: %w", err)
	}
	if v.Type() != fastjson.TypeObject {
		return e, nil, errors.New("not an entity (a JSON object)")
	}
	e.ID = string(v.GetStringBytes("id"))
	if e.ID == "" || e.ID[0] != 'Q' {
		if e.ID == "" {
			return e, nil, errors.New("entity without an id")
		}
		return quotewire.WikidataEntity{}, nil, nil // a property or lexeme
	}
	claims := v.Get("claims")
	e.InstanceOf, warn = itemValues(claims, "P31", warn)
	kind, ok := KindOf(e.InstanceOf)
	if !ok {
		return quotewire.WikidataEntity{ID: e.ID}, nil, nil
	}
	e.Kind = kind
	e.Label, e.Aliases = r.names(v)
	e.Description = r.text(v.Get("descriptions"))
	if sl := v.Get("sitelinks"); sl != nil && sl.Type() == fastjson.TypeObject {
		o, _ := sl.Object()
		e.Sitelinks = o.Len()
	}
	if kind == quotewire.WikidataPerson {
		e.Occupations, warn = itemValues(claims, "P106", warn)
		e.Countries, warn = itemValues(claims, "P27", warn)
		e.Positions, warn = positions(claims, warn)
	} else if kind != quotewire.WikidataPosition {
		e.Countries, warn = itemValues(claims, "P17", warn)
	}
	return e, warn, nil
}

// text returns the value in the first preferred language of a labels or
// descriptions map ({"en": {"language": "en", "value": "…"}}; the dump
// writes an empty map as []).
func (r *Reader) text(m *fastjson.Value) string {
	if m == nil || m.Type() != fastjson.TypeObject {
		return ""
	}
	for _, l := range r.langs {
		if s := m.GetStringBytes(l, "value"); len(s) > 0 {
			return string(s)
		}
	}
	return ""
}

// names returns the label in the first preferred language that has one,
// and the other names in the preferred languages: the other languages'
// labels and the aliases, without repeats.
func (r *Reader) names(v *fastjson.Value) (string, []string) {
	labels, aliases := v.Get("labels"), v.Get("aliases")
	label := r.text(labels)
	var out []string
	seen := map[string]bool{label: true}
	add := func(s []byte) {
		if len(s) == 0 || seen[string(s)] {
			return
		}
		seen[string(s)] = true
		out = append(out, string(s))
	}
	for _, l := range r.langs {
		if labels != nil && labels.Type() == fastjson.TypeObject {
			add(labels.GetStringBytes(l, "value"))
		}
		if aliases == nil || aliases.Type() != fastjson.TypeObject {
			continue
		}
		for _, a := range aliases.GetArray(l) {
			add(a.GetStringBytes("value"))
		}
	}
	return label, out
}

// itemValues returns the item ids the statements of property p hold
// (deprecated ones left out); a statement whose value is not an item sets
// the warning.
func itemValues(claims *fastjson.Value, p string, warn error) ([]string, error) {
	var out []string
	for _, st := range statements(claims, p) {
		var id string
		if id, warn = itemOf(st, p, warn); id != "" {
			out = append(out, id)
		}
	}
	return out, warn
}

// positions returns the positions held (P39) with their start (P580) and
// end (P582) dates.
func positions(claims *fastjson.Value, warn error) ([]quotewire.WikidataHeld, error) {
	var out []quotewire.WikidataHeld
	for _, st := range statements(claims, "P39") {
		var id string
		if id, warn = itemOf(st, "P39", warn); id != "" {
			out = append(out, quotewire.WikidataHeld{Position: id, Start: qualifierDate(st, "P580"), End: qualifierDate(st, "P582")})
		}
	}
	return out, warn
}

// statements returns the statements of property p that are not
// deprecated.
func statements(claims *fastjson.Value, p string) []*fastjson.Value {
	if claims == nil || claims.Type() != fastjson.TypeObject {
		return nil
	}
	sts := claims.GetArray(p)
	out := make([]*fastjson.Value, 0, len(sts)) // not in place: sts is the parsed value's own
	for _, st := range sts {
		if string(st.GetStringBytes("rank")) != "deprecated" {
			out = append(out, st)
		}
	}
	return out
}

// itemOf returns the item id a statement's value names ("" for
// "somevalue", "novalue" or an empty value); a value that is not an item
// sets the warning.
func itemOf(st *fastjson.Value, p string, warn error) (string, error) {
	snak := st.Get("mainsnak")
	if snak == nil || string(snak.GetStringBytes("snaktype")) != "value" {
		return "", warn
	}
	if t := string(snak.GetStringBytes("datavalue", "type")); t != "wikibase-entityid" {
		return "", fmt.Errorf("%s: %w (%q)", p, ErrUnknownValue, t)
	}
	if id := snak.GetStringBytes("datavalue", "value", "id"); len(id) > 0 {
		return string(id), warn
	}
	if n := snak.GetInt("datavalue", "value", "numeric-id"); n > 0 {
		return fmt.Sprintf("Q%d", n), warn
	}
	return "", warn
}

// qualifierDate returns the date of a statement's time qualifier p, as
// long as its precision allows: "2012-05-07", "2012-05" or "2012".
func qualifierDate(st *fastjson.Value, p string) string {
	for _, q := range st.GetArray("qualifiers", p) {
		if string(q.GetStringBytes("datavalue", "type")) != "time" {
			continue
		}
		return Date(string(q.GetStringBytes("datavalue", "value", "time")), q.GetInt("datavalue", "value", "precision"))
	}
	return ""
}

// Date turns a Wikidata time ("+2012-05-07T00:00:00Z") of a precision
// (9 year, 10 month, 11 day) into "2012", "2012-05" or "2012-05-07"; a
// year before the common era keeps its minus sign ("-0044"). It returns
// "" for a time it cannot read or a precision coarser than a year.
func Date(t string, precision int) string {
	neg := strings.HasPrefix(t, "-")
	t = strings.TrimLeft(t, "+-")
	i := strings.IndexByte(t, 'T')
	if i < 0 {
		return ""
	}
	parts := strings.Split(t[:i], "-")
	if len(parts) != 3 || len(parts[0]) < 4 {
		return ""
	}
	year := parts[0]
	if len(year) > 4 {
		year = strings.TrimLeft(year[:len(year)-4], "0") + year[len(year)-4:]
	}
	if neg {
		year = "-" + year
	}
	switch {
	case precision >= 11 && parts[2] != "00":
		return year + "-" + parts[1] + "-" + parts[2]
	case precision >= 10 && parts[1] != "00":
		return year + "-" + parts[1]
	case precision >= 9:
		return year
	}
	return ""
}
