package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
)

// text10 has ten two-byte words, w0 at byte 0, w1 at 3, ..., w9 at 27.
const text10 = "w0 w1 w2 w3 w4 w5 w6 w7 w8 w9"

// ws returns the spans of words a..b-1 of text10, one span per word
// (ws(2, 2) is no span).
func ws(a, b int) []quotewire.Span {
	var out []quotewire.Span
	for k := a; k < b; k++ {
		out = append(out, quotewire.Span{Start: 3 * k, End: 3*k + 2})
	}
	return out
}

// sp is the single span from byte s to byte e.
func sp(s, e int) []quotewire.Span { return []quotewire.Span{{Start: s, End: e}} }

func TestCompare(t *testing.T) {
	tests := []struct {
		name  string
		gold  []Attribution
		preds []Prediction
		want  Counts
		pairs []Pair // nil: not checked
		kept  []int  // nil: not checked
	}{
		{
			name:  "perfect",
			gold:  []Attribution{{Content: ws(0, 4), Cue: ws(4, 5), Source: ws(5, 6)}},
			preds: []Prediction{{Content: ws(0, 4), Cue: ws(4, 5), Source: ws(5, 6)}},
			want:  Counts{Docs: 1, Gold: 1, Predicted: 1, Partial: 1, Exact: 1, Attribution: 1, Cue: 1, TokenTP: 4, TokenPredicted: 4, TokenGold: 4},
			pairs: []Pair{{Gold: 0, Pred: 0, Dice: 1, Exact: true, Attribution: true, Cue: true}},
		},
		{
			name:  "nothing predicted",
			gold:  []Attribution{{Content: ws(0, 4)}, {Content: ws(6, 8)}},
			want:  Counts{Docs: 1, Gold: 2, TokenGold: 6},
			pairs: []Pair{},
		},
		{
			// (2/3, 1, 0) sorts before (2/3, 0, 0): the larger gold index
			// wins a tie, as with Python's sort(reverse=True).
			name: "dice tie goes to the larger gold index",
			gold: []Attribution{
				{Content: ws(0, 2), Source: ws(8, 9)},
				{Content: ws(1, 3), Source: ws(9, 10)},
			},
			preds: []Prediction{{Content: ws(1, 2), Source: ws(9, 10)}},
			want:  Counts{Docs: 1, Gold: 2, Predicted: 1, Partial: 1, Attribution: 1, TokenTP: 1, TokenPredicted: 1, TokenGold: 3},
			pairs: []Pair{{Gold: 1, Pred: 0, Dice: 2.0 / 3, Attribution: true}},
		},
		{
			name: "dice tie goes to the larger prediction index",
			gold: []Attribution{{Content: ws(1, 2), Cue: ws(8, 9)}},
			preds: []Prediction{
				{Content: ws(0, 2), Cue: ws(9, 10)},
				{Content: ws(1, 3), Cue: ws(8, 9)},
			},
			want:  Counts{Docs: 1, Gold: 1, Predicted: 2, Partial: 1, Attribution: 1, Cue: 1, TokenTP: 1, TokenPredicted: 3, TokenGold: 1},
			pairs: []Pair{{Gold: 0, Pred: 1, Dice: 2.0 / 3, Attribution: true, Cue: true}},
		},
		{
			// Greedy takes g0-p0 (Dice 1) first; then g1-p1 is below 0.5,
			// though g1-p0 (2/3) and g0-p1 (0.5) would make two pairs.
			name:  "greedy is not optimal",
			gold:  []Attribution{{Content: ws(0, 2)}, {Content: ws(0, 1)}},
			preds: []Prediction{{Content: ws(0, 2)}, {Content: ws(0, 6)}},
			want:  Counts{Docs: 1, Gold: 2, Predicted: 2, Partial: 1, Exact: 1, Attribution: 1, TokenTP: 2, TokenPredicted: 6, TokenGold: 2},
			pairs: []Pair{{Gold: 0, Pred: 0, Dice: 1, Exact: true, Attribution: true}},
		},
		{
			name:  "dice exactly 0.5 matches",
			gold:  []Attribution{{Content: ws(0, 3)}},
			preds: []Prediction{{Content: ws(0, 1)}},
			want:  Counts{Docs: 1, Gold: 1, Predicted: 1, Partial: 1, Attribution: 1, TokenTP: 1, TokenPredicted: 1, TokenGold: 3},
		},
		{
			name:  "dice 0.4 does not",
			gold:  []Attribution{{Content: ws(0, 4)}},
			preds: []Prediction{{Content: ws(0, 1)}},
			want:  Counts{Docs: 1, Gold: 1, Predicted: 1, TokenTP: 1, TokenPredicted: 1, TokenGold: 4},
			pairs: []Pair{},
		},
		{
			name: "predictions without content words are dropped",
			gold: []Attribution{{Content: ws(0, 2)}},
			preds: []Prediction{
				{Content: sp(1, 2), Source: ws(5, 6)}, // inside w0: no word start
				{Content: nil},
				{Content: sp(3, 3)}, // empty
				{Content: ws(0, 2)},
				{Content: sp(40, 50)}, // past the text
			},
			want:  Counts{Docs: 1, Gold: 1, Predicted: 1, Partial: 1, Exact: 1, Attribution: 1, TokenTP: 2, TokenPredicted: 2, TokenGold: 2},
			pairs: []Pair{{Gold: 0, Pred: 3, Dice: 1, Exact: true, Attribution: true}},
			kept:  []int{3},
		},
		{
			name:  "gold without content words still counts",
			gold:  []Attribution{{Content: sp(1, 2)}, {}},
			preds: []Prediction{{Content: ws(0, 1)}},
			want:  Counts{Docs: 1, Gold: 2, Predicted: 1, TokenPredicted: 1},
		},
		{
			name:  "a source on one side only is wrong",
			gold:  []Attribution{{Content: ws(0, 2), Source: sp(20, 20)}},
			preds: []Prediction{{Content: ws(0, 2)}},
			want:  Counts{Docs: 1, Gold: 1, Predicted: 1, Partial: 1, Exact: 1, TokenTP: 2, TokenPredicted: 2, TokenGold: 2},
		},
		{
			// overlaps() is s1 < e2 and s2 < e1: an empty span strictly
			// inside another one overlaps it; touching spans do not.
			name: "empty span inside another overlaps, touching spans do not",
			gold: []Attribution{
				{Content: ws(0, 2), Source: sp(10, 10), Cue: sp(6, 8)},
			},
			preds: []Prediction{{Content: ws(0, 2), Source: sp(9, 14), Cue: sp(8, 9)}},
			want:  Counts{Docs: 1, Gold: 1, Predicted: 1, Partial: 1, Exact: 1, Attribution: 1, TokenTP: 2, TokenPredicted: 2, TokenGold: 2},
		},
		{
			name: "source overlap in any part",
			gold: []Attribution{{Content: ws(0, 2), Source: append(ws(5, 6), ws(8, 9)...), Cue: ws(6, 7)}},
			preds: []Prediction{
				{Content: ws(0, 2), Source: append(ws(7, 8), ws(8, 9)...), Cue: append(ws(2, 3), ws(6, 7)...)},
			},
			want: Counts{Docs: 1, Gold: 1, Predicted: 1, Partial: 1, Exact: 1, Attribution: 1, Cue: 1, TokenTP: 2, TokenPredicted: 2, TokenGold: 2},
		},
		{
			name:  "discontinuous content",
			gold:  []Attribution{{Content: append(ws(0, 1), ws(2, 3)...)}},
			preds: []Prediction{{Content: sp(0, 8)}},
			want:  Counts{Docs: 1, Gold: 1, Predicted: 1, Partial: 1, Attribution: 1, TokenTP: 2, TokenPredicted: 3, TokenGold: 2},
			pairs: []Pair{{Gold: 0, Pred: 0, Dice: 0.8, Attribution: true}},
		},
		{
			name:  "exact despite different spans",
			gold:  []Attribution{{Content: sp(0, 5)}},
			preds: []Prediction{{Content: append(sp(-3, 1), sp(2, 4)...)}},
			want:  Counts{Docs: 1, Gold: 1, Predicted: 1, Partial: 1, Exact: 1, Attribution: 1, TokenTP: 2, TokenPredicted: 2, TokenGold: 2},
		},
		{
			name:  "content words are counted once over overlapping quotes",
			gold:  []Attribution{{Content: ws(0, 4)}, {Content: ws(2, 6)}},
			preds: []Prediction{{Content: ws(3, 8)}, {Content: ws(7, 9)}},
			want:  Counts{Docs: 1, Gold: 2, Predicted: 2, Partial: 1, Attribution: 1, TokenTP: 3, TokenPredicted: 6, TokenGold: 6},
			pairs: []Pair{{Gold: 1, Pred: 0, Dice: 2 * 3 / 9.0, Attribution: true}},
		},
		{
			// Each prediction is used once: p0 fits both golds best.
			name:  "one to one",
			gold:  []Attribution{{Content: ws(0, 3)}, {Content: ws(0, 3)}},
			preds: []Prediction{{Content: ws(0, 3)}},
			want:  Counts{Docs: 1, Gold: 2, Predicted: 1, Partial: 1, Exact: 1, Attribution: 1, TokenTP: 3, TokenPredicted: 3, TokenGold: 3},
			pairs: []Pair{{Gold: 1, Pred: 0, Dice: 1, Exact: true, Attribution: true}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := GoldArticle{ID: "a", Text: text10, Attributions: tt.gold}
			got := Compare(g, tt.preds)
			if got.Counts != tt.want {
				t.Errorf("counts\n got %+v\nwant %+v", got.Counts, tt.want)
			}
			if tt.pairs != nil && !slices.Equal(got.Pairs, tt.pairs) && !(len(got.Pairs) == 0 && len(tt.pairs) == 0) {
				t.Errorf("pairs\n got %+v\nwant %+v", got.Pairs, tt.pairs)
			}
			if tt.kept != nil && !slices.Equal(got.Kept, tt.kept) {
				t.Errorf("kept = %v, want %v", got.Kept, tt.kept)
			}
			var s Scorer
			s.Add(g, tt.preds)
			if s.Counts() != tt.want {
				t.Errorf("Scorer counts %+v, want %+v", s.Counts(), tt.want)
			}
		})
	}
}

func TestScorerAccumulates(t *testing.T) {
	g := GoldArticle{ID: "a", Text: text10, Attributions: []Attribution{
		{Content: ws(0, 3), Source: ws(4, 5)},
		{Content: ws(5, 9), Cue: ws(9, 10)},
	}}
	var s Scorer
	s.Add(g, []Prediction{{Content: ws(0, 3), Source: ws(4, 5)}, {Content: ws(6, 8), Cue: ws(9, 10)}})
	s.AddMissing(g)
	s.Add(g, []Prediction{})
	want := Counts{Docs: 3, DocsWithoutPrediction: 1, Gold: 6, Predicted: 2, Partial: 2, Exact: 1,
		Attribution: 2, Cue: 1, TokenTP: 5, TokenPredicted: 5, TokenGold: 21}
	if got := s.Counts(); got != want {
		t.Fatalf("counts\n got %+v\nwant %+v", got, want)
	}
	var sum Counts
	sum.Add(want)
	sum.Add(want)
	if sum.Docs != 6 || sum.TokenGold != 42 || sum.Cue != 2 {
		t.Errorf("Counts.Add: %+v", sum)
	}
	r := s.Result()
	wantR := Result{Docs: 3, DocsWithoutPrediction: 1, Gold: 6, Predicted: 2,
		ContentPartial:       PRF{P: 1, R: 0.3333, F1: 0.5},
		ContentExact:         PRF{P: 0.5, R: 0.1667, F1: 0.25},
		Attribution:          PRF{P: 1, R: 0.3333, F1: 0.5},
		CueAccuracyOnMatched: 0.5,
		ContentTokens:        PRF{P: 1, R: 0.2381, F1: 0.3846},
	}
	if r != wantR {
		t.Errorf("result\n got %+v\nwant %+v", r, wantR)
	}
	wantText := `docs                         3
docs_without_prediction      1
gold                         6
predicted                    2
content_partial              {'p': 1.0, 'r': 0.3333, 'f1': 0.5}
content_exact                {'p': 0.5, 'r': 0.1667, 'f1': 0.25}
attribution                  {'p': 1.0, 'r': 0.3333, 'f1': 0.5}
cue_accuracy_on_matched      0.5
content_tokens               {'p': 1.0, 'r': 0.2381, 'f1': 0.3846}
`
	if got := r.String(); got != wantText {
		t.Errorf("WriteText:\n%s\nwant:\n%s", got, wantText)
	}
	wantJSON := `{"docs": 3, "docs_without_prediction": 1, "gold": 6, "predicted": 2, ` +
		`"content_partial": {"p": 1.0, "r": 0.3333, "f1": 0.5}, "content_exact": {"p": 0.5, "r": 0.1667, "f1": 0.25}, ` +
		`"attribution": {"p": 1.0, "r": 0.3333, "f1": 0.5}, "cue_accuracy_on_matched": 0.5, ` +
		`"content_tokens": {"p": 1.0, "r": 0.2381, "f1": 0.3846}}` + "\n"
	var buf bytes.Buffer
	if err := r.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	if buf.String() != wantJSON {
		t.Errorf("WriteJSON:\n%s\nwant:\n%s", buf.String(), wantJSON)
	}
	enc, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.NewReplacer(": ", ":", ", ", ",").Replace(strings.TrimSpace(wantJSON)); string(enc) != want {
		t.Errorf("json.Marshal:\n%s\nwant:\n%s", enc, want)
	}
	var back Result
	if err := json.Unmarshal(enc, &back); err != nil || back != r {
		t.Errorf("round trip: %+v, %v", back, err)
	}
}

func TestEmptyResult(t *testing.T) {
	var s Scorer
	want := `{"docs": 0, "docs_without_prediction": 0, "gold": 0, "predicted": 0, "content_partial": {"p": 0.0, "r": 0.0, "f1": 0.0}, "content_exact": {"p": 0.0, "r": 0.0, "f1": 0.0}, "attribution": {"p": 0.0, "r": 0.0, "f1": 0.0}, "cue_accuracy_on_matched": 0.0, "content_tokens": {"p": 0.0, "r": 0.0, "f1": 0.0}}` + "\n"
	var buf bytes.Buffer
	s.Result().WriteJSON(&buf)
	if buf.String() != want {
		t.Errorf("got  %s\nwant %s", buf.String(), want)
	}
}

func TestRound4(t *testing.T) {
	// Python's round(x, 4) on these values.
	tests := []struct {
		x, want float64
	}{
		{2.0 / 3, 0.6667},
		{1.0 / 3, 0.3333},
		{0.03125, 0.0312}, // exact tie: to even
		{0.09375, 0.0938}, // exact tie: to even
		{0.12345, 0.1235}, // just above the tie in binary
		{0.45675, 0.4567}, // just below the tie in binary
		{0.00015, 0.0001}, // just below the tie in binary
		{0.16665, 0.1666},
		{0.6665, 0.6665},
		{5e-05, 0.0001},
		{0.99995, 1},
		{0.999949999, 0.9999},
		{1.0 / 7, 0.1429},
		{0.5, 0.5},
		{0, 0},
		{1, 1},
	}
	for _, tt := range tests {
		if got := Round4(tt.x); got != tt.want {
			t.Errorf("Round4(%v) = %v, want %v", tt.x, got, tt.want)
		}
	}
	if got := Round4(-1e-05); got != 0 || !math.Signbit(got) {
		t.Errorf("Round4(-1e-05) = %v, want -0.0", got)
	}
}

// roundValues returns floats to check rounding and repr on: every ratio
// a/b and the F1 of every pair of such ratios with small b, the exact
// ties of four-place rounding, and seeded random values.
func roundValues() []float64 {
	var xs []float64
	var ratios []float64
	for b := 1; b <= 120; b++ {
		for a := 0; a <= b; a++ {
			ratios = append(ratios, float64(a)/float64(b))
		}
	}
	xs = append(xs, ratios...)
	rng := rand.New(rand.NewPCG(4, 2))
	for range 20000 {
		p, r := ratios[rng.IntN(len(ratios))], ratios[rng.IntN(len(ratios))]
		if p+r != 0 {
			xs = append(xs, float64(float64(2*p)*r)/float64(p+r))
		}
	}
	for k := 0; k < 1<<15; k++ { // k/2^15: all ties at 5 places and more
		xs = append(xs, float64(k)/(1<<15))
	}
	for range 5000 {
		xs = append(xs, rng.Float64(), rng.Float64()*1e-3, math.Float64frombits(rng.Uint64()))
	}
	xs = append(xs, 1e16, 1e15, 9999999999999998, 1e-5, 1e-4, 0.0001, 123456789.125,
		5e-324, math.MaxFloat64, math.Copysign(0, -1), -1.5, 1e22, 1.5e-7)
	var out []float64
	for _, x := range xs {
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			out = append(out, x)
		}
	}
	return out
}

// TestRoundAndReprPython checks Round4 against Python's round(x, 4) and
// pyFloat against Python's repr, on the values of roundValues.
func TestRoundAndReprPython(t *testing.T) {
	xs := roundValues()
	var in bytes.Buffer
	for _, x := range xs {
		in.WriteString(strconv.FormatFloat(x, 'g', -1, 64))
		in.WriteByte('\n')
	}
	out := runPython(t, in.Bytes(), "-c", `import sys
w = sys.stdout.write
for line in sys.stdin:
    x = float(line)
    w(repr(x) + " " + (repr(round(x, 4)) if abs(x) < 1e300 else "-") + "\n")
`)
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != len(xs) {
		t.Fatalf("python3 printed %d lines for %d values", len(lines), len(xs))
	}
	bad := 0
	for i, x := range xs {
		reprWant, roundWant, _ := strings.Cut(lines[i], " ")
		if got := string(pyFloat(nil, x)); got != reprWant {
			if bad++; bad <= 10 {
				t.Errorf("pyFloat(%v) = %s, Python repr %s", x, got, reprWant)
			}
		}
		if roundWant == "-" {
			continue
		}
		if got := string(pyFloat(nil, Round4(x))); got != roundWant {
			if bad++; bad <= 10 {
				t.Errorf("Round4(%s) = %s, Python round %s", reprWant, got, roundWant)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d mismatches over %d values", bad, len(xs))
	}
}

func ExampleScorer() {
	gold := GoldArticle{
		ID:   "a1",
		Text: `"We will win," the minister said.`,
		Attributions: []Attribution{{
			Content: []quotewire.Span{{Start: 0, End: 14}},
			Cue:     []quotewire.Span{{Start: 28, End: 32}},
			Source:  []quotewire.Span{{Start: 15, End: 27}},
		}},
	}
	var s Scorer
	s.Add(gold, []Prediction{{
		Content: []quotewire.Span{{Start: 1, End: 12}}, // We will win
		Cue:     []quotewire.Span{{Start: 28, End: 32}},
		Source:  []quotewire.Span{{Start: 19, End: 27}}, // minister
	}})
	s.Result().WriteText(os.Stdout)
	fmt.Println(s.Counts().Exact)
	// Output:
	// docs                         1
	// docs_without_prediction      0
	// gold                         1
	// predicted                    1
	// content_partial              {'p': 1.0, 'r': 1.0, 'f1': 1.0}
	// content_exact                {'p': 1.0, 'r': 1.0, 'f1': 1.0}
	// attribution                  {'p': 1.0, 'r': 1.0, 'f1': 1.0}
	// cue_accuracy_on_matched      1.0
	// content_tokens               {'p': 1.0, 'r': 1.0, 'f1': 1.0}
	// 1
}
