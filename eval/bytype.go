package eval

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/quotewire/quotewire"
)

// Direct and Indirect name the two groups ByType splits figures into.
const (
	Direct   = "direct"
	Indirect = "indirect"
)

// GoldKind says whether a gold attribution is a direct quotation: every
// piece of its content opens with a quotation mark and closes with one
// (a trailing comma or period aside). Everything else, mixed quotes
// included, is indirect.
func GoldKind(text string, a Attribution) string {
	if len(a.Content) == 0 {
		return Indirect
	}
	for _, c := range a.Content {
		if c.Start < 0 || c.End > len(text) || c.Start >= c.End {
			return Indirect
		}
		s := strings.TrimRight(text[c.Start:c.End], " ,.;:")
		first, _ := utf8.DecodeRuneInString(s)
		last, _ := utf8.DecodeLastRuneInString(s)
		if !isQuoteRune(first) || !isQuoteRune(last) {
			return Indirect
		}
	}
	return Direct
}

func isQuoteRune(r rune) bool {
	switch r {
	case '"', '“', '”', '\'', '‘', '’', '«', '»', '„':
		return true
	}
	return false
}

// KindCounts are the figures of one group of attributions.
type KindCounts struct {
	Gold, Predicted, Partial, Attribution int
}

// ByType accumulates content-partial and attribution figures split by
// the kind of attribution: recall over gold attributions of each kind
// (GoldKind), precision over predictions of each kind (the kind the
// extractor gave them).
type ByType struct {
	Kinds map[string]*KindCounts
}

// Add scores one article's predictions, with their kinds, into b.
func (b *ByType) Add(g GoldArticle, preds []Prediction, meta []Meta) {
	if b.Kinds == nil {
		b.Kinds = map[string]*KindCounts{}
	}
	get := func(k string) *KindCounts {
		c := b.Kinds[k]
		if c == nil {
			c = &KindCounts{}
			b.Kinds[k] = c
		}
		return c
	}
	gk := make([]string, len(g.Attributions))
	for i, a := range g.Attributions {
		gk[i] = GoldKind(g.Text, a)
		get(gk[i]).Gold++
	}
	s := Compare(g, preds)
	for _, p := range s.Kept {
		get(meta[p].Kind).Predicted++
	}
	// recall side by gold kind, precision side by predicted kind; a pair
	// counts on each side
	for _, pr := range s.Pairs {
		get(gk[pr.Gold]).Partial++
		if pr.Attribution {
			get(gk[pr.Gold]).Attribution++
		}
	}
	for _, pr := range s.Pairs {
		c := get("pred:" + meta[pr.Pred].Kind)
		c.Partial++
		if pr.Attribution {
			c.Attribution++
		}
	}
}

// WriteText prints a table of recall by gold kind and precision by
// predicted kind.
func (b *ByType) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "kind\tgold\tpredicted\tcontent partial P/R\tattribution P/R\t")
	for _, k := range []string{Direct, Indirect} {
		g := b.Kinds[k]
		p := b.Kinds["pred:"+k]
		if g == nil {
			g = &KindCounts{}
		}
		if p == nil {
			p = &KindCounts{}
		}
		pred := 0
		if c := b.Kinds[k]; c != nil {
			pred = c.Predicted
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.3f / %.3f\t%.3f / %.3f\t\n", k, g.Gold, pred,
			ratio(p.Partial, pred), ratio(g.Partial, g.Gold), ratio(p.Attribution, pred), ratio(g.Attribution, g.Gold))
	}
	return tw.Flush()
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Meta is what the extractor said about one prediction beyond its spans.
type Meta struct {
	// Kind is Direct for direct quotes, Indirect for indirect and mixed.
	Kind string
	// Confidence is the quote's confidence.
	Confidence float64
}

// PredictionMeta returns the kind and confidence of each prediction made
// from a, by PolNeARPredictions when folded is set (a folded continuation
// takes the quote it continues), else by PredictionsFromAnalysis.
func PredictionMeta(a *quotewire.Analysis, folded bool) []Meta {
	var out []Meta
	for i := range a.Quotes {
		if folded && continues(a, i) && len(out) > 0 {
			continue
		}
		m := Meta{Kind: Indirect, Confidence: a.Quotes[i].Confidence}
		if a.Quotes[i].Type == quotewire.Direct {
			m.Kind = Direct
		}
		out = append(out, m)
	}
	return out
}
