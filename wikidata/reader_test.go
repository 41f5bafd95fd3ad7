package wikidata

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/gzip"

	"github.com/quotewire/quotewire"
)

// fixture is the test dump: namesakes on purpose (two Sergei Lavrovs, a
// crater named like a politician), an organisation known by its acronym,
// a place, an office, items of classes not kept, and the dump's quirks
// (empty maps written as []).
func fixture() []Item {
	return []Item{
		{ID: "Q901", Labels: map[string]string{"en": "Sergey Lavrov", "ru": "Сергей Лавров"},
			Descriptions: map[string]string{"en": "Russian diplomat, foreign minister since 2004"},
			Aliases:      map[string][]string{"en": {"Sergei Lavrov", "Sergei Viktorovich Lavrov"}},
			Claims:       map[string][]string{"P31": {"Q5"}, "P106": {"Q193391"}, "P27": {"Q159"}},
			Held:         []quotewire.WikidataHeld{{Position: "Q950", Start: "2004-03-09"}, {Position: "Q951", Start: "1994", End: "2004-03"}},
			Sitelinks:    []string{"enwiki", "ruwiki", "dewiki"}},
		{ID: "Q902", Labels: map[string]string{"en": "Sergei Lavrov"},
			Descriptions: map[string]string{"en": "Russian footballer"},
			Claims:       map[string][]string{"P31": {"Q5"}, "P106": {"Q937857"}, "P27": {"Q159"}}},
		{ID: "Q903", Labels: map[string]string{"en": "Lavrov"}, Descriptions: map[string]string{"en": "crater on the Moon"},
			Claims: map[string][]string{"P31": {"Q55818"}}},
		{ID: "Q904", Labels: map[string]string{"en": "Federal Security Service"},
			Aliases: map[string][]string{"en": {"FSB"}}, Claims: map[string][]string{"P31": {"Q327333"}, "P17": {"Q159"}}},
		{ID: "Q159", Labels: map[string]string{"en": "Russia"}, Aliases: map[string][]string{"en": {"Russian Federation"}},
			Claims: map[string][]string{"P31": {"Q3624078", "Q6256"}}},
		{ID: "Q950", Labels: map[string]string{"en": "Minister of Foreign Affairs of Russia"}, Claims: map[string][]string{"P31": {"Q4164871"}}},
		{ID: "Q905", Labels: map[string]string{"de": "Nur Deutsch"}, Claims: map[string][]string{"P31": {"Q5"}}},
		{ID: "Q906", Claims: map[string][]string{"P31": {"Q5"}}},
		{ID: "Q907", Labels: map[string]string{"en": "A scholarly article"}, Claims: map[string][]string{"P31": {"Q13442814"}}},
	}
}

func writeFixture(t *testing.T, emptyAsArray bool, extra ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	d := NewDumpWriter(&buf, emptyAsArray)
	for _, it := range fixture() {
		if err := d.Write(it); err != nil {
			t.Fatal(err)
		}
	}
	for _, l := range extra {
		if err := d.WriteRaw(l); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// readAll reads every entity, collecting line errors.
func readAll(t *testing.T, r *Reader) ([]quotewire.WikidataEntity, []*LineError, error) {
	t.Helper()
	var out []quotewire.WikidataEntity
	var bad []*LineError
	for {
		e, err := r.Next()
		var le *LineError
		switch {
		case err == io.EOF:
			return out, bad, nil
		case errors.As(err, &le):
			bad = append(bad, le)
		case err != nil:
			return out, bad, err
		default:
			out = append(out, e)
		}
	}
}

func TestReaderFixture(t *testing.T) {
	for _, empty := range []bool{false, true} {
		r := NewReader(bytes.NewReader(writeFixture(t, empty)), Options{})
		got, bad, err := readAll(t, r)
		if err != nil || len(bad) > 0 {
			t.Fatalf("empty maps as []=%v: err %v, bad lines %v", empty, err, bad)
		}
		var ids []string
		for _, e := range got {
			ids = append(ids, e.ID+":"+string(e.Kind))
		}
		want := []string{"Q901:person", "Q902:person", "Q904:organization", "Q159:place", "Q950:position", "Q905:person", "Q906:person"}
		if !reflect.DeepEqual(ids, want) {
			t.Errorf("kept %v, want %v (the crater and the article are no kept class)", ids, want)
		}
		lav := got[0]
		if lav.Label != "Sergey Lavrov" || lav.Description != "Russian diplomat, foreign minister since 2004" {
			t.Errorf("label %q description %q", lav.Label, lav.Description)
		}
		if !reflect.DeepEqual(lav.Aliases, []string{"Sergei Lavrov", "Sergei Viktorovich Lavrov"}) {
			t.Errorf("aliases %q", lav.Aliases)
		}
		if !reflect.DeepEqual(lav.Occupations, []string{"Q193391"}) || !reflect.DeepEqual(lav.Countries, []string{"Q159"}) {
			t.Errorf("occupations %v countries %v", lav.Occupations, lav.Countries)
		}
		wantHeld := []quotewire.WikidataHeld{{Position: "Q950", Start: "2004-03-09"}, {Position: "Q951", Start: "1994", End: "2004-03"}}
		if !reflect.DeepEqual(lav.Positions, wantHeld) {
			t.Errorf("positions %+v, want %+v", lav.Positions, wantHeld)
		}
		if lav.Sitelinks != 3 || got[1].Sitelinks != 0 {
			t.Errorf("sitelinks %d and %d, want 3 and none (written as %v)", lav.Sitelinks, got[1].Sitelinks, map[bool]string{true: "[]", false: "{}"}[empty])
		}
		if got[5].Label != "" || got[6].Label != "" {
			t.Errorf("an item with no English label: label %q, %q, want none", got[5].Label, got[6].Label)
		}
		st := r.Stats()
		if st.Kept[quotewire.WikidataPerson] != 4 || st.Parsed != 7 {
			t.Errorf("stats %+v: want 4 people kept, 7 lines parsed (the crater's and the article's P31 skip the parse)", st)
		}
	}
}

func TestReaderLanguages(t *testing.T) {
	r := NewReader(bytes.NewReader(writeFixture(t, false)), Options{Languages: []string{"de", "en"}})
	got, _, err := readAll(t, r)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range got {
		if e.ID == "Q905" && e.Label != "Nur Deutsch" {
			t.Errorf("German label %q", e.Label)
		}
		if e.ID == "Q901" && (e.Label != "Sergey Lavrov" || len(e.Aliases) != 2) {
			t.Errorf("an item with no German label falls back to English: %q %q", e.Label, e.Aliases)
		}
	}
}

// TestReaderBadLines: a line that is not JSON, a JSON line that is no
// object, a statement of an unknown value type, an entity over the size
// limit: each is reported with its line number and the read goes on.
func TestReaderBadLines(t *testing.T) {
	huge := `{"type":"item","id":"Q990","claims":{"P31":[` + strings.Repeat(`{"mainsnak":{"snaktype":"value","datavalue":{"value":{"id":"Q5"},"type":"wikibase-entityid"}}},`, 20000) + `{}]}}`
	badValue := `{"type":"item","id":"Q991","labels":{"en":{"language":"en","value":"Ann Odd"}},"claims":{"P31":[{"mainsnak":{"snaktype":"value","datavalue":{"value":{"id":"Q5"},"type":"wikibase-entityid"}}}],"P106":[{"mainsnak":{"snaktype":"value","datavalue":{"value":"a string","type":"string"}}}]}}`
	dump := writeFixture(t, true,
		`{"type":"item","id":"Q992","claims":{"P31":[{"id":"Q5"`, // truncated JSON, with a kept class
		`["not", "an", "entity", {"P31":[{"id":"Q5"}]}]`,
		badValue,
		huge,
	)
	r := NewReader(bytes.NewReader(dump), Options{MaxLine: 1 << 20})
	got, bad, err := readAll(t, r)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 8 || got[7].ID != "Q991" || got[7].Label != "Ann Odd" || len(got[7].Occupations) != 0 {
		t.Fatalf("kept %d entities, last %+v: want the 7 good ones and Q991 without its odd statement", len(got), got[len(got)-1])
	}
	var lines []int64
	var msgs []string
	for _, b := range bad {
		lines = append(lines, b.Line)
		msgs = append(msgs, b.Error())
	}
	if want := []int64{11, 12, 13, 14}; !reflect.DeepEqual(lines, want) {
		t.Errorf("bad lines %v (%q), want %v", lines, msgs, want)
	}
	if !errors.Is(bad[2], ErrUnknownValue) || !strings.Contains(msgs[3], "longer than") {
		t.Errorf("messages %q", msgs)
	}
}

// TestReaderTruncatedGzip: a dump cut short ends the read with an error
// naming the line it reached, after the entities before it.
func TestReaderTruncatedGzip(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(writeFixture(t, false))
	zw.Close()
	path := filepath.Join(t.TempDir(), "dump.json.gz")
	if err := os.WriteFile(path, gz.Bytes()[:gz.Len()*2/3], 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := NewReader(f, Options{})
	got, _, err := readAll(t, r)
	if err == nil || !strings.Contains(err.Error(), "after line") {
		t.Fatalf("err %v, want the truncation reported with the line reached", err)
	}
	if len(got) == 0 {
		t.Errorf("no entity read before the truncation")
	}
}

func TestOpenCompressed(t *testing.T) {
	raw := writeFixture(t, false)
	dir := t.TempDir()
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(raw)
	zw.Close()
	files := map[string][]byte{"plain.json": raw, "dump.json.gz": gz.Bytes()}
	if bz, err := os.ReadFile("testdata/fixture.json.bz2"); err == nil {
		files["dump.json.bz2"] = bz
	} else {
		t.Fatal(err)
	}
	for name, b := range files {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		got, bad, err := readAll(t, NewReader(f, Options{}))
		f.Close()
		if err != nil || len(bad) > 0 || len(got) != 7 {
			t.Errorf("%s: %d entities, bad %v, err %v", name, len(got), bad, err)
		}
	}
}

func TestDate(t *testing.T) {
	tests := []struct {
		in   string
		prec int
		want string
	}{
		{"+2004-03-09T00:00:00Z", 11, "2004-03-09"},
		{"+2004-03-00T00:00:00Z", 11, "2004-03"},
		{"+2004-03-09T00:00:00Z", 10, "2004-03"},
		{"+2004-00-00T00:00:00Z", 9, "2004"},
		{"-0044-03-15T00:00:00Z", 11, "-0044-03-15"},
		{"+00000002004-01-01T00:00:00Z", 9, "2004"},
		{"+2004-01-01T00:00:00Z", 7, ""},
		{"garbage", 11, ""},
	}
	for _, tt := range tests {
		if got := Date(tt.in, tt.prec); got != tt.want {
			t.Errorf("Date(%q, %d) = %q, want %q", tt.in, tt.prec, got, tt.want)
		}
	}
}

// FuzzReader: any bytes read as a dump give entities or line errors,
// never a panic.
func FuzzReader(f *testing.F) {
	var buf bytes.Buffer
	d := NewDumpWriter(&buf, true)
	for _, it := range fixture()[:3] {
		d.Write(it)
	}
	d.Close()
	f.Add(buf.Bytes())
	f.Add([]byte(`[` + "\n" + `{"id":"Q1","claims":{"P31":[{"mainsnak":{"snaktype":"value","datavalue":{"type":"wikibase-entityid","value":{"id":"Q5"}}}}],"P39":[{"mainsnak":{"snaktype":"value","datavalue":{"type":"wikibase-entityid","value":{"id":"Q2"}}},"qualifiers":{"P580":[{"datavalue":{"type":"time","value":{"time":"+1-1-1T","precision":11}}}]}}]}}` + "\n]"))
	f.Add([]byte(`"P31":[{"id":"Q5"` + "\n" + `{"P31":}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r := NewReader(bytes.NewReader(b), Options{MaxLine: 4096})
		for i := 0; i < 10000; i++ {
			_, err := r.Next()
			var le *LineError
			if err != nil && !errors.As(err, &le) {
				return
			}
		}
	})
}

// BenchmarkReader reads a generated dump of people, organisations and
// other items (most items of the real dump are of classes not kept), and
// reports its cost as a multiple of reading the same bytes once.
func BenchmarkReader(b *testing.B) {
	var buf bytes.Buffer
	d := NewDumpWriter(&buf, false)
	for i := 0; i < 2000; i++ {
		for _, it := range generated(i) {
			d.Write(it)
		}
	}
	d.Close()
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var read float64
	{
		start := testingNow()
		n := 0
		for i := 0; i < 5; i++ {
			n += bytes.Count(data, []byte{'\n'})
		}
		read = testingSince(start) / 5
		_ = n
	}
	b.ResetTimer()
	start := testingNow()
	for i := 0; i < b.N; i++ {
		r := NewReader(bytes.NewReader(data), Options{})
		for {
			if _, err := r.Next(); err == io.EOF {
				break
			}
		}
	}
	per := testingSince(start) / float64(b.N)
	b.ReportMetric(per/read, "x-read")
	b.ReportMetric(float64(3*2000)/(per/1e9), "entities/s")
}

func generated(i int) []Item { return Generate(i) }

func testingNow() time.Time { return time.Now() }

func testingSince(t time.Time) float64 { return float64(time.Since(t).Nanoseconds()) }
