package engine

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/golden")

// seedGold is the expected analysis of the founding article
// (testdata/seed/*.gold.json), as written by the people who filed it.
type seedGold struct {
	Metadata struct {
		Date, Dateline, Agency string
	}
	Quotes []struct {
		Type          string  `json:"type"`
		Starts        string  `json:"starts"`
		Ends          string  `json:"ends"`
		Cue           *string `json:"cue"`
		SourceMention *string `json:"source_mention"`
		Speaker       string  `json:"speaker"`
	}
	NotSpeakers []string `json:"not_speakers"`
	People      []struct {
		Name     string   `json:"name"`
		Mentions []string `json:"mentions"`
		Roles    []string `json:"roles"`
	}
	Organizations     []string `json:"organizations"`
	Places            []string `json:"places"`
	RepeatedSentences []string `json:"repeated_sentences"`
}

const seedDir = "../testdata/seed"

func readSeed(t testing.TB) (quotewire.Article, seedGold) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(seedDir, "tass-2017-10-04-lavrov-krasnodar.txt"))
	if err != nil {
		t.Fatal(err)
	}
	art := articleFromFile(t, "tass-2017-10-04-lavrov-krasnodar.txt", raw)
	var g seedGold
	b, err := os.ReadFile(filepath.Join(seedDir, "tass-2017-10-04-lavrov-krasnodar.gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	return art, g
}

// trimMarks strips quotation marks and trailing commas a content span may
// include, as the gold file allows.
func trimMarks(s string) string {
	return strings.Trim(s, "\"“”‘’«»„ ,")
}

func TestSeedArticle(t *testing.T) {
	art, g := readSeed(t)
	a, err := Extract(art)
	if err != nil {
		t.Fatal(err)
	}
	if a.Date != g.Metadata.Date || a.Dateline != g.Metadata.Dateline || a.Agency != g.Metadata.Agency {
		t.Errorf("metadata = %q %q %q, want %q %q %q", a.Date, a.Dateline, a.Agency, g.Metadata.Date, g.Metadata.Dateline, g.Metadata.Agency)
	}
	if len(a.Quotes) != len(g.Quotes) {
		t.Errorf("got %d quotes, want %d", len(a.Quotes), len(g.Quotes))
	}
	for i, want := range g.Quotes {
		if i >= len(a.Quotes) {
			break
		}
		q := a.Quotes[i]
		content := trimMarks(q.Content.Text)
		if !strings.HasPrefix(content, want.Starts) || !strings.HasSuffix(content, want.Ends) {
			t.Errorf("quote %d content = %q, want %q … %q", i+1, content, want.Starts, want.Ends)
		}
		if string(q.Type) != want.Type {
			t.Errorf("quote %d type = %s, want %s", i+1, q.Type, want.Type)
		}
		checkOpt(t, i+1, "cue", q.Cue, want.Cue)
		checkOpt(t, i+1, "source", q.Source, want.SourceMention)
		if q.Speaker == nil || q.Speaker.Name != want.Speaker {
			t.Errorf("quote %d speaker = %+v, want %q", i+1, q.Speaker, want.Speaker)
		}
	}
	people := map[string]quotewire.EntityOut{}
	for _, e := range a.Entities {
		if e.Type == quotewire.Person {
			people[e.Name] = e
		}
	}
	for _, p := range g.People {
		e, ok := people[p.Name]
		if !ok {
			t.Errorf("person %q not found; people: %v", p.Name, keys(people))
			continue
		}
		for _, r := range p.Roles {
			if !containsStr(e.Roles, r) {
				t.Errorf("person %q roles = %q, want %q among them", p.Name, e.Roles, r)
			}
		}
		for _, m := range p.Mentions {
			found := false
			for _, em := range e.Mentions {
				found = found || em.Text == m
			}
			if !found {
				t.Errorf("person %q: mention %q missing", p.Name, m)
			}
		}
	}
	if len(people) != len(g.People) {
		t.Errorf("got %d people %v, want %d", len(people), keys(people), len(g.People))
	}
	for _, ns := range g.NotSpeakers {
		for i, q := range a.Quotes {
			if q.Speaker != nil && strings.Contains(q.Speaker.Name, ns) {
				t.Errorf("quote %d attributed to %q, who is only named in it", i+1, ns)
			}
		}
	}
	if len(a.RepeatedSentences) != len(g.RepeatedSentences) {
		t.Errorf("repeated sentences = %+v, want %q", a.RepeatedSentences, g.RepeatedSentences)
	} else {
		for i, r := range g.RepeatedSentences {
			if a.RepeatedSentences[i].Text != r || a.RepeatedSentences[i].Count != 2 {
				t.Errorf("repeated sentence %d = %+v, want %q twice", i, a.RepeatedSentences[i], r)
			}
		}
	}
	checkOffsets(t, a)
	golden(t, "seed.json", a)
}

func checkOpt(t *testing.T, i int, what string, got *quotewire.TextSpan, want *string) {
	t.Helper()
	switch {
	case want == nil && got != nil:
		t.Errorf("quote %d %s = %q, want none", i, what, got.Text)
	case want != nil && got == nil:
		t.Errorf("quote %d %s = none, want %q", i, what, *want)
	case want != nil && !strings.EqualFold(got.Text, *want):
		t.Errorf("quote %d %s = %q, want %q", i, what, got.Text, *want)
	}
}

func keys(m map[string]quotewire.EntityOut) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func containsStr(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// checkOffsets asserts the output contract: every span lies in the text,
// on rune boundaries, and its text is the slice it names.
func checkOffsets(t testing.TB, a *quotewire.Analysis) {
	t.Helper()
	chk := func(what string, s, e int, text string) {
		if s < 0 || e > len(a.Text) || s > e {
			t.Fatalf("%s [%d,%d) out of bounds (%d bytes)", what, s, e, len(a.Text))
		}
		if a.Text[s:e] != text {
			t.Fatalf("%s [%d,%d) = %q, text says %q", what, s, e, a.Text[s:e], text)
		}
		if s < len(a.Text) && !utf8RuneStart(a.Text[s]) || e < len(a.Text) && !utf8RuneStart(a.Text[e]) {
			t.Fatalf("%s [%d,%d) not on rune boundaries", what, s, e)
		}
	}
	for i, q := range a.Quotes {
		chk("content", q.Content.Start, q.Content.End, q.Content.Text)
		for _, p := range q.Content.Parts {
			chk("part", p.Start, p.End, a.Text[p.Start:p.End])
		}
		if q.Cue != nil {
			chk("cue", q.Cue.Start, q.Cue.End, q.Cue.Text)
		}
		if q.Source != nil {
			chk("source", q.Source.Start, q.Source.End, q.Source.Text)
		}
		if q.Confidence < 0 || q.Confidence > 1 {
			t.Fatalf("quote %d confidence %v", i, q.Confidence)
		}
	}
	for _, e := range a.Entities {
		for _, m := range e.Mentions {
			chk("mention", m.Start, m.End, m.Text)
		}
	}
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }

// golden compares v's JSON with testdata/golden/name, rewriting it with -update.
func golden(t *testing.T, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./engine -run %s -update to create it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s; inspect with -update and git diff", path)
	}
}

// articleFromFile reads a plain-text article the way `quotewire extract`
// does.
func articleFromFile(t testing.TB, name string, raw []byte) quotewire.Article {
	t.Helper()
	text := string(raw)
	a := quotewire.Article{ID: strings.TrimSuffix(name, filepath.Ext(name))}
	if rest, ok := strings.CutPrefix(strings.TrimLeft(text, " "), "date "); ok && len(rest) >= 10 {
		a.Date = rest[:10]
		text = strings.TrimLeft(rest[10:], " \n")
	}
	a.Text = text
	return a
}
