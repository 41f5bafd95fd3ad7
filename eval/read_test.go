package eval

import (
	"bufio"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
)

// spanInputs are span lists in every form the script's spans() takes, and
// some it rejects.
var spanInputs = []string{
	`null`, `[]`, `""`, `{"start": 1, "end": 2}`, `[[1, 2], [3, 4]]`,
	`[[1, 2, 99]]`, `[{"start": 1, "end": 2}, [3, 4]]`,
	`{"start": 0, "end": 9, "parts": [{"start": 1, "end": 2}, {"start": 4, "end": 5}]}`,
	`{"start": 0, "end": 9, "parts": []}`, `{"start": 0, "end": 9, "parts": null}`,
	`{"start": 0, "end": 9, "parts": 0}`, `{"start": 0, "end": 9, "parts": ""}`,
	`{"start": 0, "end": 9, "parts": {}}`, `{"start": 0, "end": 9, "parts": false}`,
	`{"start": 0, "end": 9, "parts": [{"start": 1, "end": 2, "parts": [[7, 8]]}]}`,
	`[{"start": 0, "end": 9, "parts": [{"start": 1, "end": 2}]}, {"start": 3, "end": 4}]`,
	`{"start": 0, "end": 9, "text": "x"}`, `{"end": 9, "start": 0}`,
	`[[1.9, -2.7]]`, `[[true, false]]`, `[["12", " 13 "]]`, `[["+1_000", "-0"]]`,
	`[["١٢", "४२"]]`, `[["𝟏𝟐", "0"]]`, `[["\u00a05\u2003", "\u001c6"]]`, `["12"]`, `["٣٤5"]`,
	`[[1e2, 2E1]]`, `[[-0.0, 1e-400]]`, `[[0.99999999999999999, 5]]`,
	`{"start": 1, "end": 2, "start": 5}`, `[[1, 2]] `,
	// Rejected by both.
	`"ab"`, `5`, `true`, `{}`, `[[1]]`, `[null]`, `[5]`, `["1"]`, `[["1.5", 2]]`,
	`[["1__0", 2]]`, `[["_1", 2]]`, `[["1_", 2]]`, `[["", 2]]`, `[["- 1", 2]]`,
	`[["0x10", 2]]`, `[[null, 2]]`, `[[[1], 2]]`, `[[1e400, 2]]`, `["ab"]`, `["1 "]`,
	`{"start": 1}`, `{"start": 0, "end": 9, "parts": [[1, 2]]}`,
	`{"start": 0, "end": 9, "parts": "ab"}`, `{"start": 0, "end": 9, "parts": {"a": 1}}`,
	`{"start": 0, "end": 9, "parts": 1}`, `{"start": 0, "end": 9, "parts": true}`,
	`{"start": 0, "end": 9, "parts": [{"start": 1}]}`, `[{"start": "x", "end": 1}]`,
}

// TestSpansPython checks spans against the script's spans() on every
// input of spanInputs: same spans, or an error on both sides.
func TestSpansPython(t *testing.T) {
	in, _ := json.Marshal(spanInputs)
	out := runPython(t, in, "-c", scriptModule(t)+`
for s in json.load(sys.stdin):
    try:
        print(json.dumps(sa.spans(json.loads(s))))
    except Exception as e:
        print("error")
`)
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != len(spanInputs) {
		t.Fatalf("python3 printed %d lines for %d inputs", len(lines), len(spanInputs))
	}
	for i, input := range spanInputs {
		got, err := spans(json.RawMessage(input))
		if lines[i] == "error" {
			if err == nil {
				t.Errorf("spans(%s) = %v, Python fails", input, got)
			}
			continue
		}
		var want [][2]int
		if e := json.Unmarshal([]byte(lines[i]), &want); e != nil {
			t.Fatal(e)
		}
		if err != nil {
			t.Errorf("spans(%s): %v; Python gives %v", input, err, want)
			continue
		}
		var g [][2]int
		for _, s := range got {
			g = append(g, [2]int{s.Start, s.End})
		}
		if !slices.Equal(g, want) {
			t.Errorf("spans(%s) = %v, Python %v", input, g, want)
		}
	}
}

// TestPredictionIDsPython checks that prediction ids become the strings
// Python's str() makes of them.
func TestPredictionIDsPython(t *testing.T) {
	ids := []string{`"x"`, `"é \u00e9"`, `1`, `-0`, `0`, `-12`, `123456789012345678901234567890`,
		`1.0`, `-0.0`, `1e16`, `1e15`, `1.5e-5`, `0.0001`, `1E2`, `2.5`, `0.1`, `1e400`, `-1e400`,
		`1e-400`, `true`, `false`, `null`}
	in, _ := json.Marshal(ids)
	out := runPython(t, in, "-c", `import json, sys
for s in json.load(sys.stdin):
    print(json.dumps(str(json.loads(s))))
`)
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	for i, id := range ids {
		var want string
		if err := json.Unmarshal([]byte(lines[i]), &want); err != nil {
			t.Fatal(err)
		}
		got, ok, err := pyStr(json.RawMessage(id))
		if err != nil || !ok || got != want {
			t.Errorf("pyStr(%s) = %q, %v, %v; Python %q", id, got, ok, err, want)
		}
	}
	if _, ok, _ := pyStr(json.RawMessage(`[1]`)); ok {
		t.Errorf("pyStr of an array is ok")
	}
}

func TestReadPredictions(t *testing.T) {
	in := "{\"id\": \"a\", \"quotes\": [{\"content\": [[0, 5]], \"cue\": {\"start\": 6, \"end\": 10}, \"source\": null}]}\r\n" +
		"\r\n   \t\n\u00a0\u2003\n" + // blank lines, Python-style white space included
		`{"id": "b", "quotes": null}` + "\r" + // a lone \r ends a line too
		`{"id": 7, "quotes": []}` + "\n" +
		`{"quotes": [{"content": {"start": 1, "end": 2, "parts": [{"start": 3, "end": 4}]}}]}` + "\n" +
		`{"id": ["x"], "quotes": [{"content": [[1, 2]]}]}` + "\n" +
		`{"id": "c", "ID": "d", "Quotes": [{"content": [[1, 2]]}]}` + "\n" +
		`{"id": "a", "quotes": [{"content": [[1, 3]]}, {"Content": [[4, 5]]}]}`
	got, err := ReadPredictions(strings.NewReader(in), "pred.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]Prediction{
		"a":    {{Content: sp(1, 3)}, {}}, // the later line wins; keys are case-sensitive
		"b":    {},
		"7":    {},
		"c":    {},
		"None": {{Content: sp(3, 4)}},
	}
	if len(got) != len(want) {
		t.Errorf("ids %v, want %v", keys(got), keys(want))
	}
	for id, w := range want {
		g, ok := got[id]
		if !ok || g == nil {
			t.Errorf("id %q missing or nil", id)
			continue
		}
		if !equalPreds(g, w) {
			t.Errorf("id %q: %+v, want %+v", id, g, w)
		}
	}
}

func keys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func equalPreds(a, b []Prediction) bool {
	return slices.EqualFunc(a, b, func(x, y Prediction) bool {
		return slices.Equal(x.Content, y.Content) && slices.Equal(x.Cue, y.Cue) && slices.Equal(x.Source, y.Source)
	})
}

func TestReadErrors(t *testing.T) {
	gold := func(s string) error {
		return ReadGold(strings.NewReader(s), "gold.jsonl", func(GoldArticle) error { return nil })
	}
	pred := func(s string) error {
		_, err := ReadPredictions(strings.NewReader(s), "pred.jsonl")
		return err
	}
	ok := `{"id": "a", "text": "x", "attributions": []}` + "\n"
	tests := []struct {
		name string
		read func(string) error
		in   string
		want string // substring of the error
	}{
		{"gold empty line", gold, ok + "\n" + ok, "gold.jsonl line 2: empty line"},
		{"gold bad json", gold, ok + ok + `{"id": `, "gold.jsonl line 3: "},
		{"gold not an object", gold, `[1]`, "gold.jsonl line 1: an array is not an object"},
		{"gold null", gold, `null`, "gold.jsonl line 1: null is not an object"},
		{"gold no text", gold, `{"id": "a", "attributions": []}`, `line 1: no "text"`},
		{"gold numeric id", gold, `{"id": 1, "text": "", "attributions": []}`, "id is a number, not a string"},
		{"gold text not a string", gold, `{"id": "1", "text": 5, "attributions": []}`, "text is a number"},
		{"gold attributions null", gold, `{"id": "1", "text": "", "attributions": null}`, "attributions is null"},
		{"gold attributions string", gold, `{"id": "1", "text": "", "attributions": "ab"}`, "attributions is a string"},
		{"gold bad span", gold, `{"id": "1", "text": "", "attributions": [{"content": [[1]]}]}`, "line 1: attribution 0: content: "},
		{"gold attribution not an object", gold, `{"id": "1", "text": "", "attributions": [[1, 2]]}`, "attribution 0: an array is not an object"},
		{"gold invalid utf-8", gold, ok + "{\"id\": \"a\xff\"}", "gold.jsonl line 2: invalid UTF-8"},
		{"gold line too long", gold, ok + `{"id": "` + strings.Repeat("x", MaxLineBytes) + `"}`, "gold.jsonl line 2: longer than"},
		{"pred bad json", pred, "\n\n{", "pred.jsonl line 3: "},
		{"pred not an object", pred, `"a"`, "pred.jsonl line 1: a string is not an object"},
		{"pred quotes an object", pred, `{"id": "a", "quotes": {"content": [[1, 2]]}}`, "quotes is an object"},
		{"pred quotes a string", pred, `{"id": "a", "quotes": "x"}`, "quotes is a string"},
		{"pred quote not an object", pred, `{"id": "a", "quotes": [[1, 2]]}`, "quote 0: an array is not an object"},
		{"pred bad cue", pred, `{"id": "a", "quotes": [{"content": [[1, 2]], "cue": 5}]}`, "quote 0: cue: span list is a number"},
		{"pred invalid utf-8 on a blank line", pred, "\xff\n", "pred.jsonl line 1: invalid UTF-8"},
		{"pred NaN", pred, `{"id": "a", "quotes": [], "confidence": NaN}`, "pred.jsonl line 1: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.read(tt.in)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
	if err := gold(strings.Repeat("x", MaxLineBytes+1)); !errors.Is(err, bufio.ErrTooLong) {
		t.Errorf("long line: %v, want bufio.ErrTooLong", err)
	}
	stop := errors.New("stop")
	err := ReadGold(strings.NewReader(ok+ok), "g", func(GoldArticle) error { return stop })
	if !errors.Is(err, stop) || !strings.HasPrefix(err.Error(), "g line 1: ") {
		t.Errorf("callback error: %v", err)
	}
}

func TestReadGold(t *testing.T) {
	in := `{"id": "a", "text": "Hé said x", "attributions": [{"content": [[8, 9]], "cue": {"start": 4, "end": 8}, "source": [[0, 3]], "id": "E1"}, {}]}` + "\r\n" +
		`{"id": "b", "text": "", "attributions": {}, "extra": 1}` + "\n" +
		`{"id": "c", "text": "", "attributions": ""}`
	var got []GoldArticle
	if err := ReadGold(strings.NewReader(in), "g", func(g GoldArticle) error {
		got = append(got, g)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].ID != "a" || got[0].Text != "Hé said x" || got[1].ID != "b" || got[2].ID != "c" {
		t.Fatalf("got %+v", got)
	}
	want := []Attribution{{Content: sp(8, 9), Cue: sp(4, 8), Source: sp(0, 3)}, {}}
	if !equalPreds(toPreds(got[0].Attributions), toPreds(want)) {
		t.Errorf("attributions %+v, want %+v", got[0].Attributions, want)
	}
	if len(got[1].Attributions)+len(got[2].Attributions) != 0 {
		t.Errorf("attributions of b, c: %+v, %+v", got[1].Attributions, got[2].Attributions)
	}
}

func toPreds(as []Attribution) []Prediction {
	out := make([]Prediction, len(as))
	for i, a := range as {
		out[i] = Prediction(a)
	}
	return out
}

func TestPredictionsFromAnalysis(t *testing.T) {
	a := &quotewire.Analysis{ID: "x", Quotes: []quotewire.QuoteOut{
		{Content: quotewire.ContentSpan{Start: 0, End: 20, Parts: []quotewire.Span{{Start: 0, End: 5}, {Start: 12, End: 20}}},
			Cue: &quotewire.TextSpan{Start: 6, End: 10}, Source: &quotewire.TextSpan{Start: 21, End: 25}},
		{Content: quotewire.ContentSpan{Start: 30, End: 40}},
	}}
	want := []Prediction{
		{Content: []quotewire.Span{{Start: 0, End: 5}, {Start: 12, End: 20}}, Cue: sp(6, 10), Source: sp(21, 25)},
		{Content: sp(30, 40)},
	}
	got := PredictionsFromAnalysis(a)
	if !equalPreds(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	// The JSON encoding of a reads back the same.
	line, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	m, err := ReadPredictions(strings.NewReader(string(line)), "a.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if !equalPreds(m["x"], want) {
		t.Errorf("read back %+v, want %+v", m["x"], want)
	}
}

// TestPolNeARPredictions checks PolNeAR's conventions: a later paragraph
// of one quote folds into the quote it continues, and a relayed report is
// the relay's attribution of the whole clause, the speaker's own source
// and cue inside it.
func TestPolNeARPredictions(t *testing.T) {
	speaker := &quotewire.SpeakerRef{ID: "e1", Name: "Nicola Sturgeon"}
	a := &quotewire.Analysis{ID: "x", Quotes: []quotewire.QuoteOut{
		{Type: quotewire.Direct, Content: quotewire.ContentSpan{Start: 10, End: 20}, Cue: &quotewire.TextSpan{Start: 0, End: 4}, Source: &quotewire.TextSpan{Start: 5, End: 9}, Speaker: speaker},
		{Type: quotewire.Direct, Content: quotewire.ContentSpan{Start: 22, End: 30}, Continued: true},
		// "Guardian Media reports that Griffith called it X": relay 40-54,
		// speaker 65-73, cue 74-80, content 81-95
		{Type: quotewire.Indirect, Content: quotewire.ContentSpan{Start: 81, End: 95}, Cue: &quotewire.TextSpan{Start: 74, End: 80},
			Source: &quotewire.TextSpan{Start: 65, End: 73}, Via: &quotewire.SpeakerRef{Name: "Guardian Media"}, ViaSource: &quotewire.TextSpan{Start: 40, End: 54}},
	}}
	want := []Prediction{
		{Content: []quotewire.Span{{Start: 10, End: 20}, {Start: 22, End: 30}}, Cue: sp(0, 4), Source: sp(5, 9)},
		{Content: sp(65, 95), Source: sp(40, 54)},
	}
	if got := PolNeARPredictions(a); !equalPreds(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

// TestIntPython checks pyIntString against Python's int() on every string
// of up to four characters from a pool of digits, signs, underscores and
// white space of several kinds.
func TestIntPython(t *testing.T) {
	pool := []string{" ", "\t", "\x1c", "\x85", "\u3000", "+", "-", "_", "0", "5", "٣", "𝟏", "x", "²", "\x7f", "."}
	inputs := []string{""}
	for n, prev := 0, []string{""}; n < 4; n++ {
		var next []string
		for _, p := range prev {
			for _, c := range pool {
				next = append(next, p+c)
			}
		}
		inputs = append(inputs, next...)
		prev = next
	}
	inputs = append(inputs, "9223372036854775807", "-9223372036854775808", "1_000_000", " 0_0 ")
	in, _ := json.Marshal(inputs)
	out := runPython(t, in, "-c", `import json, sys
w = sys.stdout.write
for s in json.load(sys.stdin):
    try:
        w(str(int(s)) + "\n")
    except ValueError:
        w("error\n")
`)
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != len(inputs) {
		t.Fatalf("python3 printed %d lines for %d inputs", len(lines), len(inputs))
	}
	bad := 0
	for i, s := range inputs {
		n, err := pyIntString(s)
		got := "error"
		if err == nil {
			got = strconv.Itoa(n)
		}
		if got != lines[i] {
			if bad++; bad <= 10 {
				t.Errorf("pyIntString(%q) = %s, Python %s", s, got, lines[i])
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d mismatches over %d inputs", bad, len(inputs))
	}
}
