package coref_test

import (
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/attrib"
	"github.com/quotewire/quotewire/coref"
	"github.com/quotewire/quotewire/internal/benchrun"
	"github.com/quotewire/quotewire/tag"
	"github.com/quotewire/quotewire/text"
)

// before are the stages coreference reads the output of.
var before = []quotewire.Stage{text.Segmenter{}, tag.Tagger{}, attrib.Stage{}}

// prepared returns s through the stages before coreference.
func prepared(tb testing.TB, s string) *quotewire.Document {
	d := quotewire.NewDocument(quotewire.Article{Text: s})
	for _, st := range before {
		if err := st.Process(d); err != nil {
			tb.Fatal(err)
		}
	}
	return d
}

// checkResolved checks what coreference promises: every speaker, relay
// and mention names an entity of the document or none, and every entity's
// mentions name it back.
func checkResolved(t *testing.T, d *quotewire.Document) {
	n := len(d.Entities)
	for i, q := range d.Quotes {
		if q.Speaker < -1 || q.Speaker >= n {
			t.Fatalf("quote %d: speaker %d of %d entities", i, q.Speaker, n)
		}
		if q.Via != nil && (q.Via.Entity < -1 || q.Via.Entity >= n) {
			t.Fatalf("quote %d: relay %d of %d entities", i, q.Via.Entity, n)
		}
	}
	for i, m := range d.Mentions {
		if m.Entity < -1 || m.Entity >= n {
			t.Fatalf("mention %d: entity %d of %d", i, m.Entity, n)
		}
	}
	for e, en := range d.Entities {
		if en.ID == "" {
			t.Fatalf("entity %d without an id", e)
		}
		for _, mi := range en.Mentions {
			if mi < 0 || mi >= len(d.Mentions) || d.Mentions[mi].Entity != e {
				t.Fatalf("entity %d (%s): mention %d does not name it", e, en.Name, mi)
			}
		}
	}
}

// FuzzResolve runs coreference on any text: it never fails or panics, and
// what it resolves holds together.
func FuzzResolve(f *testing.F) {
	f.Add("Russian Foreign Minister Sergey Lavrov met Turkish President Recep Tayyip Erdogan.\n\n\"We agree,\" he said. The minister added that Moscow would respond.")
	f.Add("The Federal Security Service (FSB) said it had detained two suspects. Moscow said the threat was real.")
	f.Add("WN: What did you find?\n\nRS: Nothing.\n\nWN: Really?\n\nRS: Yes, nothing at all.")
	f.Add("\"Quote\" said. He said she said it said they said.")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || len(s) > 1<<14 {
			return
		}
		d := prepared(t, s)
		if err := (coref.Resolver{}).Process(d); err != nil {
			t.Fatal(err)
		}
		checkResolved(t, d)
	})
}

// BenchmarkResolve resolves the speakers of the founding article and of
// Wikinews text, reported as a multiple of reading the same bytes once;
// the stages before coreference are not timed.
func BenchmarkResolve(b *testing.B) {
	var texts []string
	seed, err := os.ReadFile("../testdata/seed/tass-2017-10-04-lavrov-krasnodar.txt")
	if err != nil {
		b.Fatal(err)
	}
	texts = append(texts, string(seed))
	wn, err := os.ReadFile("../testdata/wikinews/wikinews_2019.csv")
	if err != nil {
		b.Fatal(err)
	}
	for _, part := range strings.SplitAfter(string(wn), "\n\n\n") {
		if len(texts) == 40 {
			break
		}
		if len(part) > 500 {
			texts = append(texts, strings.ToValidUTF8(part, "?"))
		}
	}
	total := 0
	for _, s := range texts {
		total += len(s)
	}
	read := benchrun.ReadCost(texts...)
	b.SetBytes(int64(total))
	b.ReportAllocs()
	b.ResetTimer()
	var spent time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		docs := make([]*quotewire.Document, len(texts))
		for j, s := range texts {
			docs[j] = prepared(b, s)
		}
		b.StartTimer()
		t0 := time.Now()
		for _, d := range docs {
			if err := (coref.Resolver{}).Process(d); err != nil {
				b.Fatal(err)
			}
		}
		spent += time.Since(t0)
	}
	b.ReportMetric(float64(spent.Nanoseconds())/float64(b.N)/read, "x-read")
}
