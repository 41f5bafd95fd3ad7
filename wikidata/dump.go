package wikidata

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"

	"github.com/quotewire/quotewire"
)

// Item is an entity to write in the dump's own format, for fixtures and
// generated test dumps: labels, descriptions and aliases by language, and
// item-valued statements by property.
type Item struct {
	ID           string
	Labels       map[string]string
	Descriptions map[string]string
	Aliases      map[string][]string
	// Claims are item-valued statements: property → item ids.
	Claims map[string][]string
	// Held are positions held (P39) with their dates.
	Held []quotewire.WikidataHeld
	// Extra statements written as they are: property → raw JSON array of
	// statements (for values of other types).
	Extra map[string]string
	// Sitelinks are the wikis with a page on it (enwiki, dewiki…).
	Sitelinks []string
}

// DumpWriter writes a dump as Wikidata publishes it: "[", one entity per
// line followed by a comma (but the last), "]".
type DumpWriter struct {
	w     *bufio.Writer
	n     int
	err   error
	empty bool
}

// NewDumpWriter starts a dump on w. EmptyAsArray writes empty label,
// description, alias and claim maps as [] the way the real dump sometimes
// does.
func NewDumpWriter(w io.Writer, emptyAsArray bool) *DumpWriter {
	d := &DumpWriter{w: bufio.NewWriterSize(w, 1<<20), empty: emptyAsArray}
	_, d.err = d.w.WriteString("[\n")
	return d
}

// Write adds an item.
func (d *DumpWriter) Write(it Item) error {
	if d.err != nil {
		return d.err
	}
	if d.n > 0 {
		if _, d.err = d.w.WriteString(",\n"); d.err != nil {
			return d.err
		}
	}
	d.n++
	_, d.err = d.w.Write(d.encode(it))
	return d.err
}

// WriteRaw adds a line as it is (for damaged lines in tests).
func (d *DumpWriter) WriteRaw(line string) error {
	if d.err != nil {
		return d.err
	}
	if d.n > 0 {
		if _, d.err = d.w.WriteString(",\n"); d.err != nil {
			return d.err
		}
	}
	d.n++
	_, d.err = d.w.WriteString(line)
	return d.err
}

// Close ends the array and flushes.
func (d *DumpWriter) Close() error {
	if d.err != nil {
		return d.err
	}
	if _, err := d.w.WriteString("\n]\n"); err != nil {
		return err
	}
	return d.w.Flush()
}

func (d *DumpWriter) encode(it Item) []byte {
	type text struct {
		Language string `json:"language"`
		Value    string `json:"value"`
	}
	m := map[string]any{"type": "item", "id": it.ID}
	texts := func(src map[string]string) any {
		if len(src) == 0 && d.empty {
			return []any{}
		}
		out := map[string]text{}
		for l, v := range src {
			out[l] = text{l, v}
		}
		return out
	}
	m["labels"] = texts(it.Labels)
	m["descriptions"] = texts(it.Descriptions)
	if len(it.Aliases) == 0 && d.empty {
		m["aliases"] = []any{}
	} else {
		al := map[string][]text{}
		for l, vs := range it.Aliases {
			for _, v := range vs {
				al[l] = append(al[l], text{l, v})
			}
		}
		m["aliases"] = al
	}
	claims := map[string]any{}
	props := make([]string, 0, len(it.Claims))
	for p := range it.Claims {
		props = append(props, p)
	}
	sort.Strings(props)
	for _, p := range props {
		var sts []any
		for _, id := range it.Claims[p] {
			sts = append(sts, statement(p, id, nil))
		}
		claims[p] = sts
	}
	if len(it.Held) > 0 {
		var sts []any
		for _, h := range it.Held {
			q := map[string]any{}
			if h.Start != "" {
				q["P580"] = []any{timeSnak("P580", h.Start)}
			}
			if h.End != "" {
				q["P582"] = []any{timeSnak("P582", h.End)}
			}
			sts = append(sts, statement("P39", h.Position, q))
		}
		claims["P39"] = sts
	}
	for p, raw := range it.Extra {
		claims[p] = json.RawMessage(raw)
	}
	if len(claims) == 0 && d.empty {
		m["claims"] = []any{}
	} else {
		m["claims"] = claims
	}
	sl := map[string]any{}
	for _, w := range it.Sitelinks {
		sl[w] = map[string]any{"site": w, "title": it.Labels["en"], "badges": []any{}}
	}
	if len(sl) == 0 && d.empty {
		m["sitelinks"] = []any{}
	} else {
		m["sitelinks"] = sl
	}
	b, err := json.Marshal(m)
	if err != nil {
		panic(err) // only maps of strings: cannot fail
	}
	return b
}

// statement is an item-valued statement as the dump writes it.
func statement(p, id string, qualifiers map[string]any) map[string]any {
	var num int
	fmt.Sscanf(id, "Q%d", &num)
	st := map[string]any{
		"mainsnak": map[string]any{
			"snaktype": "value", "property": p, "datatype": "wikibase-item",
			"datavalue": map[string]any{
				"value": map[string]any{"entity-type": "item", "numeric-id": num, "id": id},
				"type":  "wikibase-entityid",
			},
		},
		"type": "statement", "id": id + "$" + p, "rank": "normal",
	}
	if len(qualifiers) > 0 {
		st["qualifiers"] = qualifiers
	}
	return st
}

// timeSnak is a time qualifier for a date "YYYY", "YYYY-MM" or
// "YYYY-MM-DD".
func timeSnak(p, date string) map[string]any {
	t, prec := "+"+date, 11
	switch len(date) {
	case 4:
		t, prec = "+"+date+"-00-00", 9
	case 7:
		t, prec = "+"+date+"-00", 10
	}
	return map[string]any{
		"snaktype": "value", "property": p, "datatype": "time",
		"datavalue": map[string]any{
			"value": map[string]any{"time": t + "T00:00:00Z", "timezone": 0, "before": 0, "after": 0,
				"precision": prec, "calendarmodel": "http://www.wikidata.org/entity/Q1985727"},
			"type": "time",
		},
	}
}
