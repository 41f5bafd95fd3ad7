package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/gzip"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/sqlite"
	"github.com/quotewire/quotewire/wikidata"
)

// dumpFile writes a gzipped dump of the items and raw lines to dir.
func dumpFile(t *testing.T, dir, name string, items []wikidata.Item, raw ...string) string {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	d := wikidata.NewDumpWriter(zw, true)
	for _, it := range items {
		if err := d.Write(it); err != nil {
			t.Fatal(err)
		}
	}
	for _, l := range raw {
		d.WriteRaw(l)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestWikidataImport imports a dump with a bad line into a new store,
// looks up namesakes and an acronym, then imports a truncated newer dump:
// it fails naming the line, and the index stays as it was.
func TestWikidataImport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "q.db")
	items := []wikidata.Item{
		{ID: "Q901", Labels: map[string]string{"en": "Sergey Lavrov"}, Aliases: map[string][]string{"en": {"Sergei Lavrov"}},
			Descriptions: map[string]string{"en": "Russian diplomat"}, Claims: map[string][]string{"P31": {"Q5"}},
			Held: []quotewire.WikidataHeld{{Position: "Q950", Start: "2004-03-09"}}},
		{ID: "Q902", Labels: map[string]string{"en": "Sergei Lavrov"}, Descriptions: map[string]string{"en": "Russian footballer"},
			Claims: map[string][]string{"P31": {"Q5"}}},
		{ID: "Q903", Labels: map[string]string{"en": "Lavrov"}, Claims: map[string][]string{"P31": {"Q55818"}}}, // a crater
		{ID: "Q904", Labels: map[string]string{"en": "Federal Security Service"}, Aliases: map[string][]string{"en": {"FSB"}},
			Claims: map[string][]string{"P31": {"Q327333"}}},
	}
	path := dumpFile(t, dir, "dump.json.gz", items, `{"id":"Q999","claims":{"P31":[{"id":"Q5"`)
	code, out, stderr := run(t, "", "wikidata", "import", "--db", db, "--progress", "off", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "items kept     3: 2 people, 1 organisations") || !strings.Contains(out, "lines skipped  1") {
		t.Errorf("report:\n%s", out)
	}
	if !strings.Contains(stderr, "dump.json.gz line 6: not JSON") {
		t.Errorf("the bad line is not reported with its number: %q", stderr)
	}
	code, out, stderr = run(t, "", "wikidata", "lookup", "--db", db, "sergei lavrov")
	if code != 0 || !strings.Contains(out, "Q901") || !strings.Contains(out, "Q902") || !strings.Contains(out, "Russian footballer") || !strings.Contains(out, "Q950 2004-03-09") {
		t.Errorf("lookup: exit %d\n%s%s", code, out, stderr)
	}
	if code, out, _ := run(t, "", "wikidata", "lookup", "--db", db, "FSB"); code != 0 || !strings.Contains(out, "Federal Security Service") {
		t.Errorf("lookup by acronym: exit %d\n%s", code, out)
	}
	if code, _, stderr := run(t, "", "wikidata", "lookup", "--db", db, "Lavrov"); code == 0 || !strings.Contains(stderr, "no Wikidata item") {
		t.Errorf("the crater is no kept class: exit %d, %s", code, stderr)
	}

	// files that are no dump leave the index as it was
	empty := filepath.Join(dir, "empty.json")
	os.WriteFile(empty, nil, 0o644)
	page := filepath.Join(dir, "page.html")
	os.WriteFile(page, []byte("<html><body><p>Sergei Lavrov said \"P31\": nothing.</p></body></html>\n"), 0o644)
	for _, bad := range []string{empty, page, dir} {
		code, _, stderr := run(t, "", "wikidata", "import", "--db", db, "--progress", "off", bad)
		if code == 0 || !strings.Contains(stderr, filepath.Base(bad)) {
			t.Errorf("%s: exit %d, %s", bad, code, stderr)
		}
		if code, out, _ := run(t, "", "wikidata", "lookup", "--db", db, "Sergei Lavrov"); code != 0 || !strings.Contains(out, "Q902") {
			t.Errorf("after importing %s the index is not as before: %s", bad, out)
		}
	}

	// a newer dump without the footballer, cut short
	full := dumpFile(t, dir, "newer.json.gz", append([]wikidata.Item{items[0], items[3]}, generatedItems(2000)...))
	b, _ := os.ReadFile(full)
	cut := filepath.Join(dir, "cut.json.gz")
	os.WriteFile(cut, b[:len(b)/2], 0o644)
	code, _, stderr = run(t, "", "wikidata", "import", "--db", db, "--progress", "off", cut)
	if code == 0 || !strings.Contains(stderr, "the import stopped at line") || !strings.Contains(stderr, "previous index is kept") {
		t.Errorf("truncated dump: exit %d, %s", code, stderr)
	}
	if code, out, _ := run(t, "", "wikidata", "lookup", "--db", db, "Sergei Lavrov"); code != 0 || !strings.Contains(out, "Q902") {
		t.Errorf("after the failed import the index is not as before: %s", out)
	}
	// the complete newer dump: the footballer goes
	if code, _, stderr := run(t, "", "wikidata", "import", "--db", db, "--progress", "off", full); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, out, _ := run(t, "", "wikidata", "lookup", "--db", db, "Sergei Lavrov"); strings.Contains(out, "Q902") || !strings.Contains(out, "Q901") {
		t.Errorf("after the newer dump: %s", out)
	}
}

func generatedItems(groups int) []wikidata.Item {
	var out []wikidata.Item
	for i := 0; i < groups; i++ {
		out = append(out, wikidata.Generate(i)...)
	}
	return out
}

// TestWikidataLink: on the founding article's store, Lavrov is proposed
// as the foreign minister, not his footballer namesake, and a speaker
// with no item stays unlinked.
func TestWikidataLink(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "q.db")
	if code, _, stderr := run(t, "", "ingest", "--db", db, "--progress", "off", seedFile); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}
	importNamesakes(t, dir, db)
	code, out, stderr := run(t, "", "wikidata", "link", "--db", db, "--format", "jsonl")
	if code != 0 {
		t.Fatalf("link: exit %d: %s", code, stderr)
	}
	var lavrov, other int
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		switch {
		case strings.Contains(line, `"speaker":"Sergey Lavrov"`):
			lavrov++
			if !strings.Contains(line, `"wikidata":"Q901"`) || !strings.Contains(line, `"candidates":2`) {
				t.Errorf("Lavrov: %s", line)
			}
		case strings.Contains(line, `"wikidata"`):
			other++
			t.Errorf("linked without an item of theirs: %s", line)
		}
	}
	if lavrov != 1 {
		t.Errorf("no proposal for Lavrov:\n%s", out)
	}
	// a dry run stores nothing; --save does
	linked := func() string {
		s, err := sqlite.Open(db)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		sps, err := s.Speakers(context.Background(), "Lavrov", nil, 1)
		if err != nil || len(sps) != 1 {
			t.Fatalf("speakers: %v %v", sps, err)
		}
		return sps[0].Wikidata
	}
	if got := linked(); got != "" {
		t.Errorf("a dry run linked Lavrov to %s", got)
	}
	if code, _, stderr := run(t, "", "wikidata", "link", "--db", db, "--save"); code != 0 {
		t.Fatalf("link --save: exit %d: %s", code, stderr)
	}
	if got := linked(); got != "Q901" {
		t.Errorf("after --save Lavrov is linked to %q, want Q901", got)
	}
	if code, out, _ := run(t, "", "export", "--db", db); code != 0 || !strings.Contains(out, `"speaker_wikidata":"Q901"`) {
		t.Errorf("export: exit %d, no speaker_wikidata in\n%.300s", code, out)
	}
	if code, out, _ := run(t, "", "search", "--db", db, "--speaker", "Lavrov", "--format", "jsonl", "-n", "1"); code != 0 || !strings.Contains(out, `"speaker_wikidata":"Q901"`) {
		t.Errorf("search: exit %d, no speaker_wikidata in\n%s", code, out)
	}
}

// TestWikidataLinkAtIngest: once a store's index is filled, ingest links
// each article's entities by their context on its own — the minister of
// the founding article and his footballer namesake of another article
// become two speakers, each with his item — and extract --wikidata links
// without a store of articles.
func TestWikidataLinkAtIngest(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "q.db")
	importNamesakes(t, dir, db)
	foot := filepath.Join(dir, "foot.txt")
	os.WriteFile(foot, []byte("Sergey Lavrov, the Russian footballer, said on Sunday that his team would beat Spartak.\n\n\"We are ready,\" Lavrov said.\n"), 0o644)
	if code, _, stderr := run(t, "", "ingest", "--db", db, "--progress", "off", seedFile, foot); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}
	s, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	sps, err := s.Speakers(context.Background(), "Lavrov", nil, 10)
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, sp := range sps {
		got[sp.Wikidata] = sp.Quotes
	}
	if len(sps) != 2 || got["Q901"] < 9 || got["Q902"] != 2 {
		t.Errorf("Lavrovs by item = %v, want the minister (Q901, his quotes of the founding article) and the footballer (Q902, 2)", got)
	}
	if code, out, _ := run(t, "", "search", "--db", db, "team", "--format", "jsonl"); code != 0 || !strings.Contains(out, `"speaker_wikidata":"Q902"`) {
		t.Errorf("search: exit %d, the footballer's quote without his item:\n%s", code, out)
	}
	code, out, stderr := run(t, "", "extract", "--wikidata", db, seedFile)
	if code != 0 {
		t.Fatalf("extract --wikidata: exit %d: %s", code, stderr)
	}
	var a quotewire.Analysis
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatal(err)
	}
	linked := 0
	for _, e := range a.Entities {
		if e.Wikidata != "" {
			linked++
			if e.Name != "Sergey Lavrov" || e.Wikidata != "Q901" || e.WikidataConfidence <= 0 {
				t.Errorf("linked entity %+v", e)
			}
		}
	}
	for _, q := range a.Quotes {
		if q.Speaker != nil && q.Speaker.Name == "Sergey Lavrov" && q.Speaker.Wikidata != "Q901" {
			t.Errorf("a quote of Lavrov's without his item: %+v", q.Speaker)
		}
	}
	if linked != 1 {
		t.Errorf("%d entities linked, want Lavrov alone", linked)
	}
	if code, _, stderr := run(t, "", "extract", "--wikidata", filepath.Join(dir, "none.db"), seedFile); code == 0 || !strings.Contains(stderr, "none.db") {
		t.Errorf("extract --wikidata with no store: exit %d, %s", code, stderr)
	}
}

// TestEvalLinks scores linking against gold items: the founding article's
// minister is linked to his item (right), and Erdogan, who has no item in
// the extract, is rightly left unlinked.
func TestEvalLinks(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "wd.db")
	importNamesakes(t, dir, db)
	text, err := os.ReadFile(seedFile)
	if err != nil {
		t.Fatal(err)
	}
	const url = "https://tass.com/politics/1"
	set, _ := json.Marshal(map[string]any{"id": "seed", "url": url, "date": "2017-10-04", "text": string(text), "quotes": []any{}})
	setPath := filepath.Join(dir, "set.jsonl")
	os.WriteFile(setPath, append(set, '\n'), 0o644)
	linksPath := filepath.Join(dir, "links.jsonl")
	os.WriteFile(linksPath, []byte(`{"url":"`+url+`","speaker":"Sergey Lavrov","wikidata":"Q901"}`+"\n"+
		`{"url":"`+url+`","speaker":"Recep Tayyip Erdogan","wikidata":""}`+"\n"+
		`{"url":"https://elsewhere.org/1","speaker":"Nobody","wikidata":"Q1"}`+"\n"), 0o644)
	code, out, stderr := run(t, "", "eval-links", "--db", db, "--links", linksPath, "--format", "json", setPath)
	if code != 0 {
		t.Fatalf("eval-links: exit %d: %s", code, stderr)
	}
	var r map[string]float64
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if r["speakers"] != 2 || r["right"] != 1 || r["abstained"] != 1 || r["precision"] != 1 || r["recall"] != 1 {
		t.Errorf("scores %v", r)
	}
	if !strings.Contains(stderr, "left out 1 gold link of articles none of the sets holds") {
		t.Errorf("the unread gold link is not reported: %s", stderr)
	}
}

// importNamesakes imports into db a dump of two namesakes, the minister
// Sergey Lavrov (Q901, in office since 2004) and a footballer (Q902), with
// the office and the country their statements name.
func importNamesakes(t *testing.T, dir, db string) {
	t.Helper()
	items := []wikidata.Item{
		{ID: "Q901", Labels: map[string]string{"en": "Sergey Lavrov"}, Aliases: map[string][]string{"en": {"Sergei Lavrov"}},
			Descriptions: map[string]string{"en": "Russian diplomat"}, Claims: map[string][]string{"P31": {"Q5"}, "P27": {"Q159"}},
			Held: []quotewire.WikidataHeld{{Position: "Q950", Start: "2004-03-09"}}},
		{ID: "Q902", Labels: map[string]string{"en": "Sergey Lavrov"}, Descriptions: map[string]string{"en": "Russian footballer"},
			Claims: map[string][]string{"P31": {"Q5"}, "P27": {"Q159"}}},
		{ID: "Q950", Labels: map[string]string{"en": "Minister of Foreign Affairs of Russia"}, Claims: map[string][]string{"P31": {"Q4164871"}}},
		{ID: "Q159", Labels: map[string]string{"en": "Russia"}, Claims: map[string][]string{"P31": {"Q3624078"}}},
	}
	if code, _, stderr := run(t, "", "wikidata", "import", "--db", db, "--progress", "off", dumpFile(t, dir, "namesakes.json.gz", items)); code != 0 {
		t.Fatalf("import: exit %d: %s", code, stderr)
	}
}
