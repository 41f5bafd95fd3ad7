package model

import (
	"bufio"
	"bytes"
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/attrib"
	"github.com/quotewire/quotewire/tag"
	"github.com/quotewire/quotewire/text"
)

// doc segments and rule-attributes s.
func doc(s string) *quotewire.Document {
	d := quotewire.NewDocument(quotewire.Article{Text: s})
	text.Segmenter{}.Process(d)
	attrib.Rules{}.Process(d)
	return d
}

// span finds the byte span of sub in s (first occurrence).
func span(s, sub string) quotewire.Span {
	i := strings.Index(s, sub)
	return quotewire.Span{Start: i, End: i + len(sub)}
}

func TestGoldLabels(t *testing.T) {
	s := "Officials said the plan would fail."
	d := doc(s)
	labels := GoldLabels(d, []Attribution{{
		Content: []quotewire.Span{span(s, "the plan would fail")},
		Cue:     []quotewire.Span{span(s, "said")},
		Source:  []quotewire.Span{span(s, "Officials")},
	}})
	var got []string
	for _, l := range labels {
		got = append(got, l.String())
	}
	want := "B-S B-Q B-C I-C I-C I-C O"
	if strings.Join(got, " ") != want {
		t.Errorf("labels = %s, want %s", strings.Join(got, " "), want)
	}
}

func TestDecode(t *testing.T) {
	s := `"The talks were useful," he said, "and we will meet again."`
	d := doc(s)
	labels := GoldLabels(d, []Attribution{{
		Content: []quotewire.Span{span(s, `"The talks were useful,"`), span(s, `"and we will meet again."`)},
		Cue:     []quotewire.Span{span(s, "said")},
		Source:  []quotewire.Span{{Start: strings.Index(s, " he ") + 1, End: strings.Index(s, " he ") + 3}},
	}})
	qs := Decode(d, labels, 0.5, nil)
	if len(qs) != 1 {
		t.Fatalf("got %d quotes, want 1 in two parts", len(qs))
	}
	q := qs[0]
	if len(q.Content) != 2 || q.Cue == nil || q.Cue.In(s) != "said" || q.Source == nil || q.Source.In(s) != "he" || q.Kind != quotewire.Direct {
		t.Errorf("quote = %+v", q)
	}
}

// synthetic builds sentences of the form "NAME said that CLAUSE." with
// their gold attributions.
func synthetic(names, clauses []string) []Example {
	var exs []Example
	for i, n := range names {
		c := clauses[i%len(clauses)]
		s := n + " told reporters that " + c + ". The weather was fine. " + `"` + c + `," ` + n + " said."
		d := doc(s)
		second := strings.LastIndex(s, `"`+c)
		exs = append(exs, NewExample(d, []Attribution{
			{Content: []quotewire.Span{span(s, c)}, Cue: []quotewire.Span{span(s, "told")}, Source: []quotewire.Span{{Start: 0, End: len(n)}}},
			{Content: []quotewire.Span{{Start: second, End: second + len(c) + 3}}, Cue: []quotewire.Span{{Start: strings.LastIndex(s, "said"), End: strings.LastIndex(s, "said") + 4}},
				Source: []quotewire.Span{{Start: strings.LastIndex(s, n), End: strings.LastIndex(s, n) + len(n)}}},
		}))
	}
	return exs
}

func accuracy(t *Tagger, exs []Example) float64 {
	right, total := 0, 0
	for _, ex := range exs {
		t.prepare(ex.c)
		pred := t.tag(ex.c, nil)
		for i := range pred {
			if pred[i] == ex.gold[i] {
				right++
			}
			total++
		}
	}
	return float64(right) / float64(total)
}

func TestTrainLearnsAndSaves(t *testing.T) {
	train := synthetic([]string{"Smith", "Jones", "The ministry", "Officials", "Maria Lopez", "The company"},
		[]string{"prices will rise", "the talks failed", "nobody was hurt in the blast"})
	test := synthetic([]string{"Brown", "The agency"}, []string{"the bridge will reopen soon", "taxes will go up"})
	tg := Train(train, 10, 1, nil)
	acc := accuracy(tg, test)
	if acc < 0.9 {
		t.Errorf("held-out token accuracy %.3f, want >= 0.9", acc)
	}
	var buf bytes.Buffer
	if err := tg.Save(&buf); err != nil {
		t.Fatal(err)
	}
	saved := append([]byte(nil), buf.Bytes()...)
	loaded, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if a := accuracy(loaded, test); a != acc {
		t.Errorf("loaded model accuracy %.3f, trained %.3f", a, acc)
	}
	again := Train(train, 10, 1, nil)
	var buf2 bytes.Buffer
	again.Save(&buf2)
	if !bytes.Equal(saved, buf2.Bytes()) {
		t.Error("training twice with one seed gave different models")
	}
	if _, err := Load(strings.NewReader("not a model")); err == nil {
		t.Error("garbage loaded")
	}
}

// TestDecodeJoins checks when a second content run joins the quote of the
// cue it is nearest to: across the cue and its source only.
func TestDecodeJoins(t *testing.T) {
	tests := []struct {
		name, text, second string
		quotes             int
	}{
		{"split by cue and source", `"Prices will rise," the minister said, "and soon."`, `"and soon."`, 1},
		{"separate clause", `Prices will rise, the minister said on Monday after talks in the capital with unions, and wages stay flat.`, "wages stay flat", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.text
			first := s[:strings.Index(s, ",")+1]
			if strings.HasPrefix(s, `"`) {
				first = s[:strings.Index(s, `,"`)+2]
			}
			d := doc(s)
			labels := GoldLabels(d, []Attribution{
				{Content: []quotewire.Span{span(s, first)}, Cue: []quotewire.Span{span(s, "said")}, Source: []quotewire.Span{span(s, "the minister")}},
				{Content: []quotewire.Span{span(s, tc.second)}},
			})
			qs := Decode(d, labels, 0.5, nil)
			if len(qs) != tc.quotes {
				for _, q := range qs {
					t.Logf("quote %v", q.Content)
				}
				t.Fatalf("got %d quotes, want %d", len(qs), tc.quotes)
			}
			for _, q := range qs {
				if q.Cue == nil || q.Cue.In(s) != "said" || q.Source == nil || q.Source.In(s) != "the minister" {
					t.Errorf("quote %v lost its cue or source", q.Content)
				}
			}
		})
	}
}

func TestPriorsRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		p    float64
		want uint8
	}{{0, 0}, {0.01, 1}, {0.05, 2}, {0.2, 3}, {0.3, 4}, {0.6, 5}, {0.9, 6}} {
		if got := priorBucket(tc.p); got != tc.want {
			t.Errorf("priorBucket(%v) = %d, want %d", tc.p, got, tc.want)
		}
	}
	pc := newPriorCounts()
	for _, ex := range synthetic([]string{"Smith", "Jones", "Lee"}, []string{"prices will rise"}) {
		pc.add(ex, 1)
	}
	p := pc.priors()
	if p["told"] < 5 || p["said"] < 5 {
		t.Errorf("cue words told=%d said=%d, want >= 5", p["told"], p["said"])
	}
	if p["weather"] != 0 || p["prices"] != 0 {
		t.Errorf("non-cue words got priors: weather=%d prices=%d", p["weather"], p["prices"])
	}
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	p.writeTo(w)
	w.Flush()
	back, err := readPriors(bufio.NewReader(&buf))
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != len(p) || back["told"] != p["told"] {
		t.Errorf("round trip: got %v, want %v", back, p)
	}
}

func TestCueClassifier(t *testing.T) {
	train := synthetic([]string{"Smith", "Jones", "The ministry", "Officials", "Maria Lopez", "The company"},
		[]string{"prices will rise", "the talks failed", "nobody was hurt in the blast"})
	tg := Train(train, 5, 1, nil)
	for _, ex := range synthetic([]string{"Brown"}, []string{"the bridge will reopen soon"}) {
		tg.prepare(ex.c)
		m := tg.Cue.margins(ex.c)
		for i, tok := range ex.c.d.Tokens {
			isCue := ex.gold[i] == BQ
			if isCue != (m[i] > 0) {
				t.Errorf("token %q: cue margin %.2f, gold cue %v", tok.Text, m[i], isCue)
			}
		}
	}
}

func TestFinalClauses(t *testing.T) {
	tests := []struct {
		name, text         string
		cue                string // the word the cue classifier is sure of
		content, src       string // want; "" content: no quote added
		insideQuoteRemoved bool
	}{
		{"source then cue", "Secret Service protocol called for the nominee to be taken to a trauma center, sources said.", "said",
			"Secret Service protocol called for the nominee to be taken to a trauma center", "sources", true},
		{"cue then source", "The talks will resume in Geneva next week, said Maria Lopez.", "said",
			"The talks will resume in Geneva next week", "Maria Lopez", false},
		{"long final clause", "The talks will resume, the minister who led the delegation to the capital last spring said.", "said", "", "", false},
		{"no comma", "The talks will resume in Geneva next week as the minister said.", "said", "", "", false},
		{"a participle whose content follows", "The opposition is calling for fresh elections, saying the vote was rigged.", "saying", "", "", false},
		{"according to", "The talks will resume in Geneva next week, according to officials.", "according",
			"The talks will resume in Geneva next week", "to officials", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.text
			d := doc(s)
			cue := make([]uint8, len(d.Tokens))
			for i, tok := range d.Tokens {
				if tok.Text == tc.cue {
					cue[i] = 5
				}
			}
			// a partial quote the tagger found inside the content
			inner := quotewire.Quote{Content: []quotewire.Span{span(s, "the nominee")}, Mention: -1, Speaker: -1}
			in := []quotewire.Quote{}
			if tc.insideQuoteRemoved {
				in = append(in, inner)
			}
			out := finalClauses(d, in, cue)
			if tc.content == "" {
				if len(out) != len(in) {
					t.Fatalf("got %d quotes, want none added", len(out)-len(in))
				}
				return
			}
			if len(out) != 1 {
				t.Fatalf("got %d quotes, want 1", len(out))
			}
			q := out[0]
			if got := q.Content[0].In(s); got != tc.content {
				t.Errorf("content %q, want %q", got, tc.content)
			}
			if q.Source == nil || q.Source.In(s) != tc.src || q.Cue == nil || q.Cue.In(s) != tc.cue {
				t.Errorf("source %v cue %v, want %q %q", q.Source, q.Cue, tc.src, tc.cue)
			}
		})
	}
}

// TestSourceResolver trains on the synthetic set and checks that the
// resolver picks the speaker among the mentions of the cue's sentence, not
// the other name in it.
func TestSourceResolver(t *testing.T) {
	train := synthetic([]string{"Smith", "Jones", "Officials", "Maria Lopez", "Peter Brown", "The company"},
		[]string{"prices will rise", "the talks failed", "nobody was hurt in the blast"})
	tg := Train(train, 5, 1, nil)
	if tg.Source == nil || tg.Source.M.Len() == 0 {
		t.Fatal("no source resolver trained")
	}
	s := "Anna Weber told Peter Brown that John Miller would leave."
	d := quotewire.NewDocument(quotewire.Article{Text: s})
	text.Segmenter{}.Process(d)
	tag.Tagger{}.Process(d)
	attrib.Rules{}.Process(d)
	c := newContext(d)
	tg.prepare(c)
	q := quotewire.Quote{Content: []quotewire.Span{span(s, "John Miller would leave")}, Cue: ptr(span(s, "told")), Mention: -1, Speaker: -1}
	qs := []quotewire.Quote{q}
	cands := c.sourceCandidates(&qs[0], nil, nil)
	if len(cands) < 2 {
		t.Fatalf("%d candidates, want the speaker and the hearer", len(cands))
	}
	tg.Source.resolve(c, qs, nil)
	if qs[0].Source == nil || qs[0].Source.In(s) != "Anna Weber" {
		t.Errorf("source %v, want Anna Weber (not the hearer Peter Brown)", qs[0].Source)
	}
}

func ptr(s quotewire.Span) *quotewire.Span { return &s }

func TestComplementClauses(t *testing.T) {
	tests := []struct {
		name, text, cue string
		content, src    string // "" content: nothing added
	}{
		{"that clause", "The city of Phoenix is demanding that the campaign stop using the image.", "demanding",
			"that the campaign stop using the image", "The city of Phoenix"},
		{"colon and quotation", "She tweeted: “When something gets under his skin, he lashes out.”", "tweeted",
			"“When something gets under his skin, he lashes out.”", "She"},
		{"no that or colon", "The city is demanding a new vote on the plan.", "demanding", "", ""},
		{"too short", "He noted that so.", "noted", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.text
			d := doc(s)
			cue := make([]uint8, len(d.Tokens))
			for i, tok := range d.Tokens {
				if tok.Text == tc.cue {
					cue[i] = 5
				}
			}
			out := complementClauses(d, nil, cue)
			if tc.content == "" {
				if len(out) != 0 {
					t.Fatalf("added %d quotes, want none", len(out))
				}
				return
			}
			if len(out) != 1 {
				t.Fatalf("got %d quotes, want 1", len(out))
			}
			q := out[0]
			if got := q.Content[0].In(s); got != tc.content {
				t.Errorf("content %q, want %q", got, tc.content)
			}
			if q.Cue == nil || q.Cue.In(s) != tc.cue || q.Source == nil || q.Source.In(s) != tc.src {
				t.Errorf("cue %v source %v, want %q %q", q.Cue, q.Source, tc.cue, tc.src)
			}
		})
	}
}

func TestConfidenceOf(t *testing.T) {
	s := "Officials said the plan would fail."
	d := doc(s)
	said := span(s, "said")
	src := span(s, "Officials")
	cue := make([]uint8, len(d.Tokens))
	for _, tc := range []struct {
		bucket uint8
		source bool
		want   float64
	}{{5, true, 0.78}, {4, true, 0.45}, {2, true, 0.45}, {5, false, 0.78}, {2, false, 0.45}} {
		cue[d.TokenAt(said.Start)] = tc.bucket
		q := quotewire.Quote{Content: []quotewire.Span{span(s, "the plan would fail")}, Cue: &said}
		if tc.source {
			q.Source = &src
		}
		if got := confidenceOf(d, &q, cue); got != tc.want {
			t.Errorf("bucket %d, source %v: confidence %v, want %v", tc.bucket, tc.source, got, tc.want)
		}
	}
}
