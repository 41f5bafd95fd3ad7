// Package eval scores quote attributions against gold annotations. It
// computes exactly what the project's reference script,
// tools/score_attrib.py, computes, so that figures from Go code and from
// the script can be compared digit for digit.
//
// Gold articles come in PolNeAR-style JSON Lines (see ReadGold);
// predictions are lists of quotes, each with content, cue and source spans
// (see ReadPredictions and PredictionsFromAnalysis). All offsets are UTF-8
// byte offsets into the gold text.
//
// The metric works on the words of the text (the matches of Python's \w+,
// see Words). A span selects the words whose first byte lies inside it.
// Within one article, gold attributions and predictions are paired one to
// one, greedily, by decreasing Dice coefficient of their content words; a
// pair counts as a partial match when that coefficient is at least 0.5.
// Predictions that select no content word are dropped before anything is
// counted. On matched pairs the package counts exact content matches,
// correct attributions (source spans overlap, or neither side has a
// source) and correct cues (cue spans overlap); over the corpus it also
// counts content words. A Scorer accumulates those counts article by
// article and turns them into a Result, whose JSON and text forms are
// byte for byte the script's output.
//
// The package and the script differ only on input the script cannot
// score: where the script would crash on a malformed prediction it never
// looks at (one for an id absent from the gold, or replaced by a later
// line), ReadPredictions fails; offsets beyond the int64 range are
// rejected; see ReadGold for the JSON dialect. Words depend on the Unicode
// tables of Go and of the Python that runs the script, which may differ on
// recently assigned characters (see IsWordRune).
package eval

import (
	"cmp"
	"slices"
	"sort"

	"github.com/quotewire/quotewire"
)

// Attribution is one gold attribution: the spans of its content, its cue
// and its source. Any of them may be empty; content may be interrupted,
// hence several spans.
type Attribution struct {
	// Content is what was said, in one or more spans.
	Content []quotewire.Span
	// Cue is the speech verb or phrase ("said", "according to").
	Cue []quotewire.Span
	// Source names the speaker.
	Source []quotewire.Span
}

// Prediction is one predicted quote, with the same shape as a gold
// Attribution (the two types convert into each other).
type Prediction struct {
	// Content is what was said, in one or more spans.
	Content []quotewire.Span
	// Cue is the speech verb or phrase.
	Cue []quotewire.Span
	// Source names the speaker.
	Source []quotewire.Span
}

// GoldArticle is one gold article: its id, the text every offset refers
// to and its attributions.
type GoldArticle struct {
	// ID is the key predictions are looked up by.
	ID string
	// Text is the article text; offsets are UTF-8 byte offsets into it.
	Text string
	// Attributions are the gold attributions, in file order.
	Attributions []Attribution
}

// Counts are the raw counts behind a Result. Counts of several scorers,
// or of several subsets of the data scored separately (direct and indirect
// quotes, say), add up with Add.
type Counts struct {
	// Docs is the number of gold articles scored.
	Docs int `json:"docs"`
	// DocsWithoutPrediction is the number of gold articles that had no
	// entry at all among the predictions.
	DocsWithoutPrediction int `json:"docs_without_prediction"`
	// Gold is the number of gold attributions.
	Gold int `json:"gold"`
	// Predicted is the number of predictions that select at least one
	// content word; the others are ignored.
	Predicted int `json:"predicted"`
	// Partial is the number of matched pairs (content Dice >= 0.5).
	Partial int `json:"partial"`
	// Exact is the number of matched pairs with identical content words.
	Exact int `json:"exact"`
	// Attribution is the number of matched pairs whose source spans
	// overlap or that both have no source span.
	Attribution int `json:"attribution"`
	// Cue is the number of matched pairs whose cue spans overlap.
	Cue int `json:"cue"`
	// TokenTP, TokenPredicted and TokenGold count, summed over articles,
	// the words inside both some gold and some predicted content, inside
	// some predicted content, and inside some gold content.
	TokenTP        int `json:"token_tp"`
	TokenPredicted int `json:"token_predicted"`
	TokenGold      int `json:"token_gold"`
}

// Add adds o to c.
func (c *Counts) Add(o Counts) {
	c.Docs += o.Docs
	c.DocsWithoutPrediction += o.DocsWithoutPrediction
	c.Gold += o.Gold
	c.Predicted += o.Predicted
	c.Partial += o.Partial
	c.Exact += o.Exact
	c.Attribution += o.Attribution
	c.Cue += o.Cue
	c.TokenTP += o.TokenTP
	c.TokenPredicted += o.TokenPredicted
	c.TokenGold += o.TokenGold
}

// PRF is a precision, recall and F1 triple, each rounded to four decimal
// places the way Python's round(x, 4) rounds.
type PRF struct {
	// P is the precision: true positives over predictions.
	P float64 `json:"p"`
	// R is the recall: true positives over gold items.
	R float64 `json:"r"`
	// F1 is the harmonic mean of the unrounded P and R.
	F1 float64 `json:"f1"`
}

// Result holds the figures of the reference script. Its JSON encoding has
// the keys, nesting and number formatting of the script's --json output
// (see MarshalJSON and WriteJSON).
type Result struct {
	// Docs, DocsWithoutPrediction, Gold and Predicted are the counts of
	// the same names (see Counts).
	Docs                  int `json:"docs"`
	DocsWithoutPrediction int `json:"docs_without_prediction"`
	Gold                  int `json:"gold"`
	Predicted             int `json:"predicted"`
	// ContentPartial scores matched pairs (content Dice >= 0.5).
	ContentPartial PRF `json:"content_partial"`
	// ContentExact scores matched pairs with identical content words.
	ContentExact PRF `json:"content_exact"`
	// Attribution scores matched pairs whose sources agree.
	Attribution PRF `json:"attribution"`
	// CueAccuracyOnMatched is the share of matched pairs whose cues
	// overlap, 0 when nothing matched.
	CueAccuracyOnMatched float64 `json:"cue_accuracy_on_matched"`
	// ContentTokens scores content words over the whole corpus.
	ContentTokens PRF `json:"content_tokens"`
}

// Result computes the figures from the counts.
func (c Counts) Result() Result {
	cue := 0.0
	if c.Partial != 0 {
		cue = Round4(float64(c.Cue) / float64(c.Partial))
	}
	return Result{
		Docs:                  c.Docs,
		DocsWithoutPrediction: c.DocsWithoutPrediction,
		Gold:                  c.Gold,
		Predicted:             c.Predicted,
		ContentPartial:        prf(c.Partial, c.Predicted, c.Partial, c.Gold),
		ContentExact:          prf(c.Exact, c.Predicted, c.Exact, c.Gold),
		Attribution:           prf(c.Attribution, c.Predicted, c.Attribution, c.Gold),
		CueAccuracyOnMatched:  cue,
		ContentTokens:         prf(c.TokenTP, c.TokenPredicted, c.TokenTP, c.TokenGold),
	}
}

// prf is the script's prf: the operations, and their order, are the same,
// so the unrounded floats are bit for bit the script's.
func prf(tpP, nP, tpR, nG int) PRF {
	var p, r, f float64
	if nP != 0 {
		p = float64(tpP) / float64(nP)
	}
	if nG != 0 {
		r = float64(tpR) / float64(nG)
	}
	if p+r != 0 {
		// The conversions forbid fusing the operations.
		f = float64(float64(2*p)*r) / float64(p+r)
	}
	return PRF{P: Round4(p), R: Round4(r), F1: Round4(f)}
}

// Pair is one matched gold attribution and prediction of an article.
type Pair struct {
	// Gold and Pred index the article's attributions and the predictions
	// passed to Compare.
	Gold, Pred int
	// Dice is the Dice coefficient of their content words (>= 0.5).
	Dice float64
	// Exact, Attribution and Cue say whether the pair counts for the
	// corresponding figure (see Counts).
	Exact, Attribution, Cue bool
}

// ArticleScore is the outcome of scoring one article.
type ArticleScore struct {
	// Counts are the article's counts; Docs is 1 and
	// DocsWithoutPrediction 0.
	Counts Counts
	// Kept are the indices of the predictions that select at least one
	// content word, in order; the other predictions were ignored.
	Kept []int
	// Pairs are the matched pairs, in the order the greedy matching chose
	// them (decreasing Dice).
	Pairs []Pair
}

// Compare scores the predictions of one article against its gold
// attributions. It is what Scorer.Add adds up, with the detail a caller
// needs to split the figures (by quote type, say).
func Compare(g GoldArticle, preds []Prediction) ArticleScore {
	var m matcher
	return m.compare(g, preds, true)
}

// Scorer accumulates counts article by article. Its zero value is ready
// to use. A Scorer is not safe for concurrent use; score parts of a corpus
// with several Scorers and add their Counts.
type Scorer struct {
	counts Counts
	m      matcher
}

// Add scores the predictions of one gold article. An empty or nil preds
// means the article was predicted to have no quote; for an article the
// predictions do not mention at all, call AddMissing.
func (s *Scorer) Add(gold GoldArticle, preds []Prediction) {
	a := s.m.compare(gold, preds, false)
	s.counts.Add(a.Counts)
}

// AddMissing scores a gold article that has no entry among the
// predictions: it counts as predicted to have no quote and also adds to
// DocsWithoutPrediction.
func (s *Scorer) AddMissing(gold GoldArticle) {
	s.Add(gold, nil)
	s.counts.DocsWithoutPrediction++
}

// Counts returns the counts so far.
func (s *Scorer) Counts() Counts { return s.counts }

// Result returns the figures so far.
func (s *Scorer) Result() Result { return s.counts.Result() }

// matcher holds buffers reused from one article to the next.
type matcher struct {
	starts []int   // byte offset of the first byte of each word
	ids    []int32 // backing store of the word sets
	marks  []uint8 // per word: 1 in gold content, 2 in predicted content
	cands  []cand
	usedG  []bool
	usedP  []bool
}

// cand is a candidate pair, like the script's (dice, i, j) tuples.
type cand struct {
	dice float64
	i, j int
}

// wordSet returns the sorted, distinct indices of the words whose first
// byte lies inside any of spans, appended to m.ids. (The script's
// tokens(): bisect_left on the word starts, then every start < end.)
func (m *matcher) wordSet(spans []quotewire.Span) []int32 {
	from := len(m.ids)
	sorted := true
	for _, sp := range spans {
		i := sort.SearchInts(m.starts, sp.Start)
		for ; i < len(m.starts) && m.starts[i] < sp.End; i++ {
			if n := len(m.ids); n > from && int32(i) <= m.ids[n-1] {
				sorted = false
			}
			m.ids = append(m.ids, int32(i))
		}
	}
	set := m.ids[from:len(m.ids):len(m.ids)]
	if !sorted {
		slices.Sort(set)
		set = slices.Compact(set)
		m.ids = m.ids[:from+len(set)]
	}
	return set
}

// intersect returns the number of elements two sorted sets share.
func intersect(a, b []int32) int {
	n := 0
	for len(a) > 0 && len(b) > 0 {
		switch {
		case a[0] < b[0]:
			a = a[1:]
		case a[0] > b[0]:
			b = b[1:]
		default:
			n++
			a, b = a[1:], b[1:]
		}
	}
	return n
}

// overlaps is the script's overlaps(): some span of a and some span of b
// satisfy s1 < e2 and s2 < e1. An empty span strictly inside another one
// does overlap it.
func overlaps(a, b []quotewire.Span) bool {
	for _, x := range a {
		for _, y := range b {
			if x.Start < y.End && y.Start < x.End {
				return true
			}
		}
	}
	return false
}

func (m *matcher) compare(g GoldArticle, preds []Prediction, detail bool) ArticleScore {
	m.starts = appendWordStarts(m.starts[:0], g.Text)
	m.ids = m.ids[:0]
	var out ArticleScore
	c := &out.Counts
	c.Docs = 1

	golds := make([][]int32, len(g.Attributions))
	for i, a := range g.Attributions {
		golds[i] = m.wordSet(a.Content)
	}
	kept := make([]int, 0, len(preds))
	ps := make([][]int32, 0, len(preds))
	for j, p := range preds {
		if set := m.wordSet(p.Content); len(set) > 0 {
			kept = append(kept, j)
			ps = append(ps, set)
		}
	}
	c.Gold, c.Predicted = len(golds), len(ps)
	if detail {
		out.Kept = kept
	}

	// Content words over the article.
	m.marks = slices.Grow(m.marks[:0], len(m.starts))[:len(m.starts)]
	clear(m.marks)
	for _, set := range golds {
		for _, id := range set {
			m.marks[id] |= 1
		}
	}
	for _, set := range ps {
		for _, id := range set {
			m.marks[id] |= 2
		}
	}
	for _, v := range m.marks {
		if v&1 != 0 {
			c.TokenGold++
		}
		if v&2 != 0 {
			c.TokenPredicted++
		}
		if v == 3 {
			c.TokenTP++
		}
	}

	// Candidates, sorted like Python's list.sort(reverse=True) on
	// (dice, i, j) tuples: by dice, then i, then j, all descending.
	m.cands = m.cands[:0]
	for i, gs := range golds {
		for j, pset := range ps {
			if inter := intersect(gs, pset); inter > 0 {
				dice := float64(2*inter) / float64(len(gs)+len(pset))
				m.cands = append(m.cands, cand{dice, i, j})
			}
		}
	}
	slices.SortFunc(m.cands, func(a, b cand) int {
		if a.dice != b.dice {
			return cmp.Compare(b.dice, a.dice)
		}
		if a.i != b.i {
			return cmp.Compare(b.i, a.i)
		}
		return cmp.Compare(b.j, a.j)
	})

	m.usedG = slices.Grow(m.usedG[:0], len(golds))[:len(golds)]
	m.usedP = slices.Grow(m.usedP[:0], len(ps))[:len(ps)]
	clear(m.usedG)
	clear(m.usedP)
	for _, cd := range m.cands {
		if cd.dice < 0.5 || m.usedG[cd.i] || m.usedP[cd.j] {
			continue
		}
		m.usedG[cd.i], m.usedP[cd.j] = true, true
		ga, pa := &g.Attributions[cd.i], &preds[kept[cd.j]]
		pr := Pair{Gold: cd.i, Pred: kept[cd.j], Dice: cd.dice,
			Exact:       slices.Equal(golds[cd.i], ps[cd.j]),
			Attribution: overlaps(ga.Source, pa.Source) || len(ga.Source) == 0 && len(pa.Source) == 0,
			Cue:         overlaps(ga.Cue, pa.Cue),
		}
		c.Partial++
		if pr.Exact {
			c.Exact++
		}
		if pr.Attribution {
			c.Attribution++
		}
		if pr.Cue {
			c.Cue++
		}
		if detail {
			out.Pairs = append(out.Pairs, pr)
		}
	}
	return out
}
