package eval

import (
	"bytes"
	"encoding/json"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
)

// Gold data, relative to the package directory.
const (
	devPath   = "../../shared/data/polnear/dev.jsonl"
	trainPath = "../../shared/data/polnear/train.jsonl"
)

var trainFlag = flag.Bool("polnear-train", false, "also compare with the reference script on PolNeAR train (slow)")

// loadGold reads a gold file, skipping the test when it is absent.
func loadGold(t testing.TB, path string) (string, []GoldArticle) {
	t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(abs)
	if err != nil {
		t.Skipf("gold data not available (%v): skipping", err)
	}
	defer f.Close()
	var golds []GoldArticle
	if err := ReadGold(f, abs, func(g GoldArticle) error {
		golds = append(golds, g)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return abs, golds
}

// jsonl accumulates JSON Lines.
type jsonl struct{ bytes.Buffer }

// line appends v as one line.
func (w *jsonl) line(v any) {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	w.Write(b)
	w.WriteByte('\n')
}

// pred is a PRED line; quotes are written as given (nil is null).
type pred struct {
	ID     any   `json:"id"`
	Quotes []any `json:"quotes"`
}

// lists is the [[s, e], ..] form of spans.
func lists(spans []quotewire.Span) [][2]int {
	out := make([][2]int, 0, len(spans))
	for _, s := range spans {
		out = append(out, [2]int{s.Start, s.End})
	}
	return out
}

// objs is the [{"start", "end"}, ..] form of spans.
func objs(spans []quotewire.Span) []quotewire.Span {
	return append([]quotewire.Span{}, spans...)
}

// withParts is the {"start", "end", "parts"} form of spans.
func withParts(spans []quotewire.Span) map[string]any {
	m := map[string]any{"start": 0, "end": 0, "parts": objs(spans)}
	if len(spans) > 0 {
		m["start"], m["end"] = spans[0].Start, spans[len(spans)-1].End
	}
	return m
}

// shift moves every span by ds at the start and de at the end.
func shift(spans []quotewire.Span, ds, de int) []quotewire.Span {
	out := make([]quotewire.Span, len(spans))
	for i, s := range spans {
		out[i] = quotewire.Span{Start: s.Start + ds, End: s.End + de}
	}
	return out
}

// randomForm writes spans in one of the forms spans() accepts.
func randomForm(rng *rand.Rand, spans []quotewire.Span) any {
	switch k := rng.IntN(7); {
	case len(spans) == 0 && k < 2:
		return nil
	case len(spans) == 0 && k < 4:
		return []any{}
	case k == 0:
		return lists(spans)
	case k == 1 && len(spans) == 1:
		return spans[0]
	case k == 2:
		return objs(spans)
	case k == 3:
		return withParts(spans)
	case k == 4: // mixed list
		var out []any
		for i, s := range spans {
			if i%2 == 0 {
				out = append(out, [2]int{s.Start, s.End})
			} else {
				out = append(out, s)
			}
		}
		return out
	case k == 5 && len(spans) == 1: // empty parts: start and end count
		return map[string]any{"start": spans[0].Start, "end": spans[0].End, "parts": []any{}}
	default:
		return []any{withParts(spans)}
	}
}

// jitter moves each end of each span by up to d bytes either way.
func jitter(rng *rand.Rand, spans []quotewire.Span, d int) []quotewire.Span {
	out := make([]quotewire.Span, len(spans))
	for i, s := range spans {
		out[i] = quotewire.Span{Start: s.Start + rng.IntN(2*d+1) - d, End: s.End + rng.IntN(2*d+1) - d}
	}
	return out
}

// sentences cuts text after ". ", "! ", "? " and at newlines.
func sentences(text string) []quotewire.Span {
	var out []quotewire.Span
	start := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		end := -1
		switch {
		case c == '\n':
			end = i
		case (c == '.' || c == '!' || c == '?') && i+1 < len(text) && text[i+1] == ' ':
			end = i + 1
		}
		if end >= 0 {
			if end > start {
				out = append(out, quotewire.Span{Start: start, End: end})
			}
			start = i + 1
		}
	}
	if start < len(text) {
		out = append(out, quotewire.Span{Start: start, End: len(text)})
	}
	return out
}

// predSets builds the prediction files of the agreement test. Each is
// deterministic.
var predSets = []struct {
	name  string
	build func(golds []GoldArticle) []byte
}{
	{"gold", func(golds []GoldArticle) []byte {
		var w jsonl
		for _, g := range golds {
			p := pred{ID: g.ID, Quotes: []any{}}
			for _, a := range g.Attributions {
				p.Quotes = append(p.Quotes, map[string]any{"content": lists(a.Content), "cue": lists(a.Cue), "source": lists(a.Source)})
			}
			w.line(p)
		}
		return w.Bytes()
	}},
	{"shifted and truncated", func(golds []GoldArticle) []byte {
		var w jsonl
		for i, g := range golds {
			p := pred{ID: g.ID, Quotes: []any{}}
			for j, a := range g.Attributions {
				content := shift(a.Content, 5, -10)
				if (i+j)%3 == 0 {
					content = shift(a.Content, 0, -(a.Content[0].End-a.Content[0].Start)/2)
				}
				var source any = objs(a.Source)
				if len(a.Source) == 1 {
					source = a.Source[0]
				}
				p.Quotes = append(p.Quotes, map[string]any{"content": lists(content), "cue": lists(shift(a.Cue, 1, 1)), "source": source})
			}
			w.line(p)
		}
		return w.Bytes()
	}},
	{"sentences with said", func(golds []GoldArticle) []byte {
		var w jsonl
		for _, g := range golds {
			p := pred{ID: g.ID, Quotes: []any{}}
			for _, s := range sentences(g.Text) {
				k := strings.Index(g.Text[s.Start:s.End], " said")
				if k < 0 {
					continue
				}
				k += s.Start
				q := map[string]any{"content": s, "cue": quotewire.Span{Start: k + 1, End: k + 5}}
				if words := Words(g.Text[s.Start:k]); len(words) > 0 {
					last := words[len(words)-1]
					q["source"] = [][2]int{{s.Start + last.Start, s.Start + last.End}}
				}
				p.Quotes = append(p.Quotes, q)
			}
			w.line(p)
		}
		return w.Bytes()
	}},
	{"no sources, half the articles", func(golds []GoldArticle) []byte {
		var w jsonl
		for i, g := range golds {
			if i%2 == 1 {
				continue
			}
			p := pred{ID: g.ID}
			for _, a := range g.Attributions {
				p.Quotes = append(p.Quotes, map[string]any{"content": withParts(a.Content), "cue": nil})
			}
			w.line(p)
		}
		return w.Bytes()
	}},
	{"duplicated quotes", func(golds []GoldArticle) []byte {
		// Ties on Dice between copies of a quote, decided by the
		// prediction index: only the winner's cue and source are right.
		var w jsonl
		for _, g := range golds {
			p := pred{ID: g.ID, Quotes: []any{}}
			for j, a := range g.Attributions {
				right := map[string]any{"content": lists(a.Content), "cue": lists(a.Cue), "source": lists(a.Source)}
				wrong := map[string]any{"content": lists(a.Content), "source": [][2]int{{0, 1}}}
				if j%2 == 0 {
					p.Quotes = append(p.Quotes, right, wrong)
				} else {
					p.Quotes = append(p.Quotes, wrong, right)
				}
			}
			w.line(p)
		}
		return w.Bytes()
	}},
	{"random", func(golds []GoldArticle) []byte { return randomPreds(golds, 1) }},
	{"random 2", func(golds []GoldArticle) []byte { return randomPreds(golds, 2) }},
	{"empty", func([]GoldArticle) []byte { return nil }},
	{"CRLF and blank lines", func(golds []GoldArticle) []byte {
		var w jsonl
		for i, g := range golds {
			p := pred{ID: g.ID, Quotes: []any{}}
			for _, a := range g.Attributions {
				p.Quotes = append(p.Quotes, map[string]any{"content": objs(a.Content), "source": objs(a.Source)})
			}
			w.line(p)
			if i%3 == 0 {
				w.WriteString(" \t\n\u00a0\n")
			}
		}
		return bytes.ReplaceAll(w.Bytes(), []byte("\n"), []byte("\r\n"))
	}},
}

// randomPreds perturbs the gold at random, with a fixed seed: articles
// left out or with null quotes, quotes dropped, boundaries moved, cues and
// sources dropped, emptied or moved, spurious quotes, every span form,
// shuffled order, lines later overridden by a line with the same id, and
// ids no gold article has.
func randomPreds(golds []GoldArticle, seed uint64) []byte {
	rng := rand.New(rand.NewPCG(seed, 7))
	var w jsonl
	for _, g := range golds {
		switch x := rng.Float64(); {
		case x < 0.08:
			continue
		case x < 0.12:
			w.line(pred{ID: g.ID})
			continue
		case x < 0.17: // overridden below
			w.line(pred{ID: g.ID, Quotes: []any{map[string]any{"content": [][2]int{{0, len(g.Text)}}}}})
		}
		var quotes []any
		for _, a := range g.Attributions {
			if rng.Float64() < 0.15 {
				continue
			}
			content := jitter(rng, a.Content, 15)
			if len(content) > 1 && rng.Float64() < 0.2 {
				content = content[1:]
			}
			q := map[string]any{"content": randomForm(rng, content)}
			if rng.Float64() < 0.7 {
				q["cue"] = randomForm(rng, jitter(rng, a.Cue, 5))
			}
			switch x := rng.Float64(); {
			case x < 0.25:
			case x < 0.3 && len(a.Source) > 0:
				q["source"] = [][2]int{{a.Source[0].Start + 1, a.Source[0].Start + 1}}
			case x < 0.35:
				q["source"] = []any{}
			default:
				q["source"] = randomForm(rng, jitter(rng, a.Source, 8))
			}
			quotes = append(quotes, q)
		}
		for range rng.IntN(4) {
			s := rng.IntN(len(g.Text) + 1)
			e := s + rng.IntN(200)
			quotes = append(quotes, map[string]any{
				"content": randomForm(rng, []quotewire.Span{{Start: s, End: e}}),
				"cue":     randomForm(rng, []quotewire.Span{{Start: e + 1, End: e + 6}}),
				"source":  randomForm(rng, []quotewire.Span{{Start: e + 7, End: e + 7 + rng.IntN(20)}}),
			})
		}
		if rng.Float64() < 0.1 {
			quotes = append(quotes, map[string]any{"content": []any{}}, map[string]any{"content": [][2]int{{1, 1}}})
		}
		rng.Shuffle(len(quotes), func(i, j int) { quotes[i], quotes[j] = quotes[j], quotes[i] })
		w.line(pred{ID: g.ID, Quotes: quotes})
		if rng.Float64() < 0.05 {
			w.line(pred{ID: g.ID + "-unknown", Quotes: quotes})
		}
	}
	w.line(pred{ID: 12345, Quotes: []any{map[string]any{"content": [][2]int{{0, 10}}}}})
	return w.Bytes()
}

// analyses turns the gold into quotewire.Analysis values, perturbed at
// random with a fixed seed, as quotewire extract would write them.
func analyses(golds []GoldArticle) []*quotewire.Analysis {
	rng := rand.New(rand.NewPCG(3, 3))
	var out []*quotewire.Analysis
	clamp := func(x, n int) int { return max(0, min(x, n)) }
	span := func(text string, s quotewire.Span) *quotewire.TextSpan {
		s.Start, s.End = clamp(s.Start, len(text)), clamp(s.End, len(text))
		s.End = max(s.Start, s.End)
		return &quotewire.TextSpan{Start: s.Start, End: s.End, Text: text[s.Start:s.End]}
	}
	for _, g := range golds {
		if rng.Float64() < 0.05 {
			continue
		}
		a := &quotewire.Analysis{ID: g.ID, Text: g.Text, Quotes: []quotewire.QuoteOut{}}
		for _, at := range g.Attributions {
			if rng.Float64() < 0.1 || len(at.Content) == 0 {
				continue
			}
			parts := jitter(rng, at.Content, 3)
			var c quotewire.ContentSpan
			for i, p := range parts {
				ts := span(g.Text, p)
				parts[i] = quotewire.Span{Start: ts.Start, End: ts.End}
			}
			ext := span(g.Text, quotewire.Span{Start: parts[0].Start, End: parts[len(parts)-1].End})
			c.Start, c.End, c.Text = ext.Start, ext.End, ext.Text
			if len(parts) > 1 {
				c.Parts = parts
			}
			q := quotewire.QuoteOut{Type: quotewire.Indirect, Content: c, Confidence: 0.5}
			if len(at.Cue) > 0 && rng.Float64() < 0.8 {
				q.Cue = span(g.Text, at.Cue[0])
			}
			if len(at.Source) > 0 && rng.Float64() < 0.8 {
				q.Source = span(g.Text, jitter(rng, at.Source[:1], 4)[0])
			}
			a.Quotes = append(a.Quotes, q)
		}
		out = append(out, a)
	}
	return out
}

// compareWithScript scores goldPath against predPath with the reference
// script and with ScoreFiles, and fails unless the two agree exactly: the
// same decoded JSON and the same --json line and, when text is true, the
// same plain output.
func compareWithScript(t *testing.T, goldPath, predPath string, text bool) Result {
	t.Helper()
	sc := script(t)
	pyJSON := runPython(t, nil, sc, goldPath, predPath, "--json")

	counts, err := ScoreFiles(goldPath, predPath)
	if err != nil {
		t.Fatal(err)
	}
	r := counts.Result()
	var want, got map[string]any
	if err := json.Unmarshal(pyJSON, &want); err != nil {
		t.Fatalf("script output %q: %v", pyJSON, err)
	}
	enc, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(enc, &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Go and the script disagree\n   go: %s\nscript: %s", enc, pyJSON)
	}
	var buf bytes.Buffer
	r.WriteJSON(&buf)
	if !bytes.Equal(buf.Bytes(), pyJSON) {
		t.Errorf("WriteJSON\n   go: %s\nscript: %s", buf.Bytes(), pyJSON)
	}
	if text {
		if pyText := runPython(t, nil, sc, goldPath, predPath); r.String() != string(pyText) {
			t.Errorf("WriteText\n   go:\n%s\nscript:\n%s", r.String(), pyText)
		}
	}
	t.Logf("%s", bytes.TrimSpace(pyJSON))
	return r
}

// TestAgreesWithScript scores PolNeAR dev against several prediction sets
// with the reference script and with this package.
func TestAgreesWithScript(t *testing.T) {
	python(t)
	script(t)
	goldPath, golds := loadGold(t, devPath)
	dir := t.TempDir()
	for _, ps := range predSets {
		t.Run(ps.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(dir, strings.ReplaceAll(ps.name, " ", "_")+".jsonl")
			if err := os.WriteFile(path, ps.build(golds), 0o644); err != nil {
				t.Fatal(err)
			}
			// The plain output is checked on a few sets only: the
			// script takes half a second per run.
			text := ps.name == "gold" || ps.name == "random" || ps.name == "empty"
			r := compareWithScript(t, goldPath, path, text)
			switch ps.name {
			case "gold", "CRLF and blank lines":
				if r.ContentPartial.P != 1 || r.ContentExact.P != 1 || r.Attribution.P != 1 || r.DocsWithoutPrediction != 0 {
					t.Errorf("gold against itself: %+v", r)
				}
			case "empty":
				if r.DocsWithoutPrediction != len(golds) || r.Predicted != 0 {
					t.Errorf("empty predictions: %+v", r)
				}
			default:
				if r.Predicted == 0 || r.ContentPartial.F1 == 0 || r.ContentPartial.F1 == 1 {
					t.Errorf("a degenerate prediction set: %+v", r)
				}
			}
		})
	}

	t.Run("analysis JSON", func(t *testing.T) {
		t.Parallel()
		as := analyses(golds)
		var w jsonl
		var s Scorer
		byID := make(map[string]*quotewire.Analysis)
		for _, a := range as {
			w.line(a)
			byID[a.ID] = a
		}
		for _, g := range golds {
			if a, ok := byID[g.ID]; ok {
				s.Add(g, PredictionsFromAnalysis(a))
			} else {
				s.AddMissing(g)
			}
		}
		path := filepath.Join(dir, "analysis.jsonl")
		if err := os.WriteFile(path, w.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		r := compareWithScript(t, goldPath, path, false)
		if s.Result() != r {
			t.Errorf("PredictionsFromAnalysis gives\n%v\nReadPredictions gives\n%v", s.Result(), r)
		}
	})

	t.Run("Compare adds up", func(t *testing.T) {
		t.Parallel()
		preds, err := ReadPredictions(bytes.NewReader(randomPreds(golds, 1)), "random")
		if err != nil {
			t.Fatal(err)
		}
		var sum Counts
		var s Scorer
		for _, g := range golds {
			p, ok := preds[g.ID]
			if !ok {
				s.AddMissing(g)
				sum.DocsWithoutPrediction++
			} else {
				s.Add(g, p)
			}
			a := Compare(g, p)
			sum.Add(a.Counts)
			if len(a.Pairs) != a.Counts.Partial || len(a.Kept) != a.Counts.Predicted {
				t.Fatalf("%s: %d pairs, %d kept for %+v", g.ID, len(a.Pairs), len(a.Kept), a.Counts)
			}
			seen := map[int]bool{}
			for _, pr := range a.Pairs {
				if seen[pr.Pred] || !slices.Contains(a.Kept, pr.Pred) || pr.Dice < 0.5 {
					t.Fatalf("%s: bad pair %+v", g.ID, pr)
				}
				seen[pr.Pred] = true
			}
		}
		if sum != s.Counts() {
			t.Errorf("sum of Compare %+v, Scorer %+v", sum, s.Counts())
		}
	})
}

// TestAgreesWithScriptTrain compares on PolNeAR train, which takes the
// script several seconds per run; enable it with -polnear-train.
func TestAgreesWithScriptTrain(t *testing.T) {
	if !*trainFlag {
		t.Skip("slow: run with -polnear-train")
	}
	python(t)
	script(t)
	goldPath, golds := loadGold(t, trainPath)
	dir := t.TempDir()
	for _, name := range []string{"gold", "random", "sentences with said"} {
		for _, ps := range predSets {
			if ps.name != name {
				continue
			}
			t.Run(name, func(t *testing.T) {
				path := filepath.Join(dir, "pred.jsonl")
				if err := os.WriteFile(path, ps.build(golds), 0o644); err != nil {
					t.Fatal(err)
				}
				compareWithScript(t, goldPath, path, true)
			})
		}
	}
}

// BenchmarkScoreDev scores PolNeAR dev against randomly perturbed gold.
func BenchmarkScoreDev(b *testing.B) {
	_, golds := loadGold(b, devPath)
	preds, err := ReadPredictions(bytes.NewReader(randomPreds(golds, 1)), "random")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		var s Scorer
		for _, g := range golds {
			if p, ok := preds[g.ID]; ok {
				s.Add(g, p)
			} else {
				s.AddMissing(g)
			}
		}
		_ = s.Result()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(golds)), "ns/article")
}

// BenchmarkScoreFilesDev reads and scores PolNeAR dev and a prediction
// file, as the script does.
func BenchmarkScoreFilesDev(b *testing.B) {
	goldPath, golds := loadGold(b, devPath)
	path := filepath.Join(b.TempDir(), "pred.jsonl")
	if err := os.WriteFile(path, randomPreds(golds, 1), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ScoreFiles(goldPath, path); err != nil {
			b.Fatal(err)
		}
	}
}
