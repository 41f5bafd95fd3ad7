package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/quotewire/quotewire"
)

// SpeakerGold is one article of a hand-checked speaker set
// (testdata/speakers): every attributed statement with its speaker's name
// and how the sentence mentions the speaker.
type SpeakerGold struct {
	// ID, Publisher and Licence are set in the news set (testdata/newsset).
	ID        string         `json:"id"`
	Publisher string         `json:"publisher"`
	Licence   string         `json:"licence"`
	URL       string         `json:"url"`
	Title     string         `json:"title"`
	Date      string         `json:"date"`
	Text      string         `json:"text"`
	Quotes    []SpeakerQuote `json:"quotes"`
}

// SpeakerQuote is one hand-checked statement.
type SpeakerQuote struct {
	Content quotewire.Span `json:"content"`
	// Kind is direct, indirect or mixed.
	Kind string `json:"kind"`
	// Speaker is the speaker's fullest name in the article.
	Speaker string `json:"speaker"`
	// SpeakerType is person, organization or group.
	SpeakerType string `json:"speaker_type"`
	// Mention says how the sentence names the speaker: name, pronoun,
	// descriptor or none.
	Mention    string          `json:"mention"`
	Source     *quotewire.Span `json:"source"`
	SourceText *string         `json:"source_text"`
	Cue        *quotewire.Span `json:"cue"`
	// Act, Anonymous, Via and Continues are set in the news set
	// (docs/ANNOTATION.md); Act "" reads as statement.
	Act       string  `json:"act"`
	Anonymous bool    `json:"anonymous"`
	Via       *string `json:"via"`
	Continues bool    `json:"continues"`
}

// ReadSpeakerGold calls fn for every article of a speaker set in JSON
// Lines, checking that every span lies in its text.
func ReadSpeakerGold(r io.Reader, name string, fn func(SpeakerGold) error) error {
	br := bufio.NewReaderSize(r, 1<<20)
	for line := 1; ; line++ {
		b, err := br.ReadBytes('\n')
		if len(strings.TrimSpace(string(b))) > 0 {
			var g SpeakerGold
			if err := json.Unmarshal(b, &g); err != nil {
				return fmt.Errorf("%s line %d: not an article of a speaker set (one JSON object a line: url, text, quotes): %w", name, line, err)
			}
			for i, q := range g.Quotes {
				for _, sp := range []*quotewire.Span{&q.Content, q.Source, q.Cue} {
					if sp != nil && (sp.Start < 0 || sp.End > len(g.Text) || sp.Start > sp.End) {
						return fmt.Errorf("%s line %d: quote %d: span %v outside the text", name, line, i+1, *sp)
					}
				}
			}
			if err := fn(g); err != nil {
				return fmt.Errorf("%s line %d: %w", name, line, err)
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
	}
}

// speakerCounts are the figures of one kind of mention.
type speakerCounts struct {
	gold, found, speakerRight int
}

// AnalysisOfGold returns a hand-checked article as if quotewire had
// analysed it, so that a second annotation of the same articles can be
// scored against the first (agreement between annotators: the ceiling of
// what any system can score on the set).
func AnalysisOfGold(g SpeakerGold) *quotewire.Analysis {
	a := &quotewire.Analysis{ID: g.URL, Text: g.Text, Quotes: make([]quotewire.QuoteOut, 0, len(g.Quotes))}
	span := func(sp *quotewire.Span) *quotewire.TextSpan {
		if sp == nil {
			return nil
		}
		return &quotewire.TextSpan{Start: sp.Start, End: sp.End, Text: g.Text[sp.Start:sp.End]}
	}
	for _, q := range g.Quotes {
		out := quotewire.QuoteOut{
			Type:      quotewire.QuoteKind(q.Kind),
			Act:       quotewire.Act(actOf(q)),
			Content:   quotewire.ContentSpan{Start: q.Content.Start, End: q.Content.End, Text: g.Text[q.Content.Start:q.Content.End]},
			Cue:       span(q.Cue),
			Source:    span(q.Source),
			Speaker:   &quotewire.SpeakerRef{Name: q.Speaker, Anonymous: q.Anonymous},
			Continued: q.Continues,
		}
		if q.Via != nil {
			out.Via = &quotewire.SpeakerRef{Name: *q.Via}
		}
		a.Quotes = append(a.Quotes, out)
	}
	return a
}

// SpeakerScore accumulates quote recall and precision and the share of
// found quotes whose speaker is right, split by mention kind.
//
// It scores the records the archive keeps by default's kin: quotes of act
// other — what quotewire reports only because PolNeAR counts it ("visited
// HMP Edinburgh", "met with President Barack Obama"), which
// docs/ANNOTATION.md does not count as records — are left out on both
// sides (hand-checked records of act other too: poll results, placards),
// and counted apart (OtherLeftOut). With EveryAct they are scored like the
// rest.
type SpeakerScore struct {
	// EveryAct scores the quotes of act other too.
	EveryAct bool
	// otherGold and otherPred count the quotes of act other left out.
	otherGold, otherPred int
	byMention            map[string]*speakerCounts
	byAct                map[string]*speakerCounts
	predicted, matched   int
	// actRight counts matched quotes whose act agrees with the gold act,
	// among those whose gold has an act.
	actRight, actScored int
	wrong               []string // examples of wrong speakers, for people
	missed, spurious    []string // examples of quotes missed and quotes not in the gold
}

// mentionRow is the row a gold quote is counted in: its mention kind, or
// "anonymous" for a speaker the article never names.
func mentionRow(q SpeakerQuote) string {
	if q.Anonymous {
		return "anonymous"
	}
	return q.Mention
}

func actOf(q SpeakerQuote) string {
	if q.Act == "" {
		return string(quotewire.Statement)
	}
	return q.Act
}

// splitByCue returns a with each quote whose content is interrupted by its
// cue (`"A," he said, "B."`, one quote with two parts) made one quote per
// part, as the news set's guideline records them (docs/ANNOTATION.md,
// "Split by the cue"); a itself when no quote has parts.
func splitByCue(a *quotewire.Analysis) *quotewire.Analysis {
	interrupted := func(q quotewire.QuoteOut) bool {
		ps := q.Content.Parts
		return len(ps) == 2 && q.Type == quotewire.Direct && q.Cue != nil && q.Cue.Start >= ps[0].End && q.Cue.End <= ps[1].Start
	}
	n := 0
	for _, q := range a.Quotes {
		if interrupted(q) {
			n++
		}
	}
	if n == 0 {
		return a
	}
	out := *a
	out.Quotes = make([]quotewire.QuoteOut, 0, len(a.Quotes)+n)
	for _, q := range a.Quotes {
		if !interrupted(q) {
			out.Quotes = append(out.Quotes, q)
			continue
		}
		for _, p := range q.Content.Parts {
			part := q
			part.Content = quotewire.ContentSpan{Start: p.Start, End: p.End, Text: a.Text[p.Start:p.End]}
			out.Quotes = append(out.Quotes, part)
		}
	}
	return &out
}

// Add scores the analysis of one article of the set. A predicted quote
// matches a hand-checked one as in the PolNeAR metric (content token Dice
// >= 0.5, one to one). Its speaker is right when the names agree (same
// name, or same surname and compatible first names), or, for speakers
// the article names only by a descriptor ("police"), when quotewire's
// source mention is that descriptor.
func (s *SpeakerScore) Add(g SpeakerGold, a *quotewire.Analysis) {
	a = splitByCue(a)
	if !s.EveryAct {
		g, a = s.withoutOther(g, a)
	}
	if s.byMention == nil {
		s.byMention = map[string]*speakerCounts{}
		s.byAct = map[string]*speakerCounts{}
	}
	ga := GoldArticle{ID: a.ID, Text: g.Text}
	for _, q := range g.Quotes {
		att := Attribution{Content: []quotewire.Span{q.Content}}
		if q.Source != nil {
			att.Source = []quotewire.Span{*q.Source}
		}
		ga.Attributions = append(ga.Attributions, att)
		s.get(mentionRow(q)).gold++
		s.getAct(actOf(q)).gold++
	}
	preds := PredictionsFromAnalysis(a)
	sc := Compare(ga, preds)
	s.predicted += len(sc.Kept)
	s.matched += len(sc.Pairs)
	for _, p := range sc.Pairs {
		gq := g.Quotes[p.Gold]
		pq := a.Quotes[p.Pred]
		c, ca := s.get(mentionRow(gq)), s.getAct(actOf(gq))
		c.found++
		ca.found++
		if gq.Act != "" {
			s.actScored++
			if string(pq.Act) == gq.Act || pq.Act == "" && gq.Act == string(quotewire.Statement) {
				s.actRight++
			}
		}
		if speakerRight(gq, pq) {
			c.speakerRight++
			ca.speakerRight++
		} else if len(s.wrong) < 200 {
			got := "none"
			if pq.Speaker != nil {
				got = pq.Speaker.Name
			}
			s.wrong = append(s.wrong, fmt.Sprintf("%s: %q by %s (%s), quotewire says %s", g.URL, clip(g.Text[gq.Content.Start:gq.Content.End], 60), gq.Speaker, mentionRow(gq), got))
		}
	}
	paired := make(map[int]bool, len(sc.Pairs))
	predPaired := make(map[int]bool, len(sc.Pairs))
	for _, p := range sc.Pairs {
		paired[p.Gold], predPaired[p.Pred] = true, true
	}
	for gi, gq := range g.Quotes {
		if !paired[gi] && len(s.missed) < 300 {
			s.missed = append(s.missed, fmt.Sprintf("%s: %q by %s (%s)", g.URL, clip(g.Text[gq.Content.Start:gq.Content.End], 80), gq.Speaker, mentionRow(gq)))
		}
	}
	for _, pi := range sc.Kept {
		if !predPaired[pi] && len(s.spurious) < 300 {
			pq := a.Quotes[pi]
			who := "none"
			if pq.Speaker != nil {
				who = pq.Speaker.Name
			}
			cue := ""
			if pq.Cue != nil {
				cue = ", cue " + strconv.Quote(pq.Cue.Text)
			}
			s.spurious = append(s.spurious, fmt.Sprintf("%s: %q by %s (%s%s)", g.URL, clip(pq.Content.Text, 80), who, pq.Act, cue))
		}
	}
}

// withoutOther returns the gold article and the analysis without their
// quotes of act other, counting them.
func (s *SpeakerScore) withoutOther(g SpeakerGold, a *quotewire.Analysis) (SpeakerGold, *quotewire.Analysis) {
	other := string(quotewire.OtherAct)
	gq := make([]SpeakerQuote, 0, len(g.Quotes))
	for _, q := range g.Quotes {
		if q.Act == other {
			s.otherGold++
			continue
		}
		gq = append(gq, q)
	}
	g.Quotes = gq
	out := *a
	out.Quotes = make([]quotewire.QuoteOut, 0, len(a.Quotes))
	for _, q := range a.Quotes {
		if q.Act == quotewire.OtherAct {
			s.otherPred++
			continue
		}
		out.Quotes = append(out.Quotes, q)
	}
	return g, &out
}

// OtherLeftOut returns how many hand-checked records and reported quotes
// of act other were left out of the score (0, 0 with EveryAct).
func (s *SpeakerScore) OtherLeftOut() (gold, reported int) { return s.otherGold, s.otherPred }

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}

func (s *SpeakerScore) getAct(k string) *speakerCounts {
	c := s.byAct[k]
	if c == nil {
		c = &speakerCounts{}
		s.byAct[k] = c
	}
	return c
}

func (s *SpeakerScore) get(k string) *speakerCounts {
	if k == "" {
		k = "none"
	}
	c := s.byMention[k]
	if c == nil {
		c = &speakerCounts{}
		s.byMention[k] = c
	}
	return c
}

// nameWords lower-cases a name and drops titles and punctuation.
func nameWords(n string) []string { return wordsOf(n, nameSkip) }

// nameSkip are the words a name is compared without: titles, "the".
var nameSkip = map[string]bool{"": true, "mr": true, "mrs": true, "ms": true, "dr": true, "the": true,
	"president": true, "prime": true, "minister": true, "sen": true, "rep": true, "gov": true}

// wordsOf lower-cases n and returns its words without punctuation at
// their ends and without a possessive 's, leaving out those in skip.
func wordsOf(n string, skip map[string]bool) []string {
	var out []string
	for _, w := range strings.Fields(strings.ToLower(n)) {
		w = strings.Trim(w, ".,'’\"()")
		if skip[w] {
			continue
		}
		out = append(out, strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s"))
	}
	return out
}

// sameSpeaker reports whether two names name the same person: the same
// last word, and first words that agree when both have one. Joint
// speakers ("Vladimir Putin and Angela Merkel") agree member by member,
// in any order.
func sameSpeaker(a, b string) bool {
	ma, mb := members(a), members(b)
	if len(ma) > 1 || len(mb) > 1 {
		if len(ma) != len(mb) {
			return false
		}
		used := make([]bool, len(mb))
	next:
		for _, x := range ma {
			for j, y := range mb {
				if !used[j] && sameName(x, y) {
					used[j] = true
					continue next
				}
			}
			return false
		}
		return true
	}
	return sameName(a, b)
}

// members splits a joint speaker's name into its members' names.
func members(n string) []string {
	n = strings.ReplaceAll(strings.ReplaceAll(n, " & ", ", "), " and ", ", ")
	var out []string
	for _, m := range strings.Split(n, ",") {
		if m = strings.TrimSpace(m); m != "" {
			out = append(out, m)
		}
	}
	return out
}

// dropBracket removes a bracketed part that ends a name.
func dropBracket(n string) string {
	n = strings.TrimSpace(n)
	if strings.HasSuffix(n, ")") {
		if i := strings.LastIndexByte(n, '('); i > 0 {
			return strings.TrimSpace(n[:i])
		}
	}
	return n
}

// sameName compares the names of two single speakers (see sameSpeaker); a
// bracketed acronym after a name ("… Religious Freedom (USCIRF)") is no
// part of it.
func sameName(a, b string) bool {
	if w, ok := quotewire.CanonicalName(a); ok {
		a = w.Name // "UN" and "United Nations" are one name
	}
	if w, ok := quotewire.CanonicalName(b); ok {
		b = w.Name
	}
	// "U.S. Department of Labor" is the United States Department of Labor
	a, b = quotewire.ExpandPrefix(a), quotewire.ExpandPrefix(b)
	wa, wb := nameWords(dropBracket(a)), nameWords(dropBracket(b))
	if len(wa) == 0 || len(wb) == 0 {
		// a title alone ("Prime Minister", "the President"): the same
		// words
		return slices.Equal(descWords(a), descWords(b)) && len(descWords(a)) > 0
	}
	if wa[len(wa)-1] != wb[len(wb)-1] {
		return false
	}
	if len(wa) > 1 && len(wb) > 1 && wa[0] != wb[0] {
		return false
	}
	return true
}

func speakerRight(g SpeakerQuote, p quotewire.QuoteOut) bool {
	if p.Speaker != nil && sameSpeaker(g.Speaker, p.Speaker.Name) {
		return true
	}
	if (g.Anonymous || lowerStart(g.Speaker)) && p.Speaker != nil && p.Speaker.Anonymous && sameDescription(g.Speaker, p.Speaker.Name) {
		// a speaker the gold names in lower case is a description ("a
		// government official"), in the sets made before the anonymous flag
		return true
	}
	if g.SpeakerType != "person" && p.Source != nil {
		return strings.EqualFold(strings.TrimPrefix(strings.ToLower(p.Source.Text), "the "), strings.TrimPrefix(strings.ToLower(g.Speaker), "the ")) ||
			(g.SourceText != nil && strings.EqualFold(p.Source.Text, *g.SourceText))
	}
	return false
}

// lowerStart reports whether s starts with a lower-case letter.
func lowerStart(s string) bool { return s != "" && s[0] >= 'a' && s[0] <= 'z' }

// sameDescription reports whether two descriptions of an unnamed speaker
// agree: the same head noun ("spokesman for the ministry", "ministry
// spokesman"), or each one's head a word of the other.
func sameDescription(a, b string) bool {
	wa, wb := descWords(a), descWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return false
	}
	has := func(ws []string, w string) bool {
		w = strings.TrimSuffix(w, "s")
		for _, x := range ws {
			if strings.TrimSuffix(x, "s") == w {
				return true
			}
		}
		return false
	}
	ha, hb := descHead(wa), descHead(wb)
	if strings.TrimSuffix(ha, "s") == strings.TrimSuffix(hb, "s") {
		return true
	}
	// heads read differently ("Ministry of Foreign Affairs spokesman",
	// "spokesman for the ministry"): each head a word of the other; never
	// a role and its holder's spokesman ("Prime Minister's spokesman")
	return has(wb, ha) && has(wa, hb)
}

// descWords lower-cases a description and drops its articles and
// punctuation, keeping titles ("Prime Minister's spokesman" → prime,
// minister, spokesman).
func descWords(n string) []string { return wordsOf(n, descSkip) }

// descSkip are the articles a description is compared without.
var descSkip = map[string]bool{"": true, "the": true, "a": true, "an": true}

// descHead is the head noun of a description: the last word before a
// preposition ("spokesman" of "spokesman for the ministry").
func descHead(ws []string) string {
	for i, w := range ws {
		switch w {
		case "of", "for", "from", "at", "in", "on", "with":
			if i > 0 {
				return ws[i-1]
			}
		}
	}
	return ws[len(ws)-1]
}

// Figures are the headline figures of a speaker score.
type Figures struct {
	Gold, Predicted, Found, SpeakerRight int
	// Recall is found / gold; SpeakerAccuracy speaker right / found;
	// WhoSaidWhat is the F1 of quotes found with the right speaker
	// (precision over the quotes quotewire reports, recall over gold).
	Recall, Precision, SpeakerAccuracy, WhoSaidWhatP, WhoSaidWhatR, WhoSaidWhat float64
	// ActAccuracy is the share of matched quotes whose act is right, over
	// those whose gold has an act (NaN-free: 0 when none has).
	ActAccuracy float64
}

// Figures returns the headline figures.
func (s *SpeakerScore) Figures() Figures {
	var f Figures
	for _, c := range s.byMention {
		f.Gold += c.gold
		f.Found += c.found
		f.SpeakerRight += c.speakerRight
	}
	f.Predicted = s.predicted
	f.Recall = ratio(f.Found, f.Gold)
	f.Precision = ratio(s.matched, s.predicted)
	f.SpeakerAccuracy = ratio(f.SpeakerRight, f.Found)
	f.WhoSaidWhatP = ratio(f.SpeakerRight, s.predicted)
	f.WhoSaidWhatR = ratio(f.SpeakerRight, f.Gold)
	if f.WhoSaidWhatP+f.WhoSaidWhatR > 0 {
		f.WhoSaidWhat = 2 * f.WhoSaidWhatP * f.WhoSaidWhatR / (f.WhoSaidWhatP + f.WhoSaidWhatR)
	}
	f.ActAccuracy = ratio(s.actRight, s.actScored)
	return f
}

// WriteText prints quote recall by mention kind, speaker accuracy on the
// quotes found, and overall precision.
func (s *SpeakerScore) WriteText(w io.Writer) error {
	order := map[string]int{"name": 0, "pronoun": 1, "descriptor": 2, "none": 3, "anonymous": 4}
	keys := slices.SortedFunc(maps.Keys(s.byMention), func(a, b string) int { return order[a] - order[b] })
	if err := writeCounts(w, "mention", keys, s.byMention, true); err != nil {
		return err
	}
	f := s.Figures()
	if _, err := fmt.Fprintf(w, "\nquote precision %.3f (%d of %d quotes quotewire reports match a hand-checked one)\n", ratio(s.matched, s.predicted), s.matched, s.predicted); err != nil {
		return err
	}
	if _, err := fmt.Fprintf(w, "who said what: precision %.3f, recall %.3f, F1 %.3f (quotes found with the right speaker)\n", f.WhoSaidWhatP, f.WhoSaidWhatR, f.WhoSaidWhat); err != nil {
		return err
	}
	if !s.EveryAct {
		if _, err := fmt.Fprintf(w, "left out: act other, %d reported and %d hand-checked (extract keeps them for PolNeAR, the archive hides them; --every-act scores them)\n", s.otherPred, s.otherGold); err != nil {
			return err
		}
	}
	if s.actScored == 0 {
		return nil
	}
	fmt.Fprintf(w, "act accuracy on found quotes %.3f (%d of %d)\n\n", f.ActAccuracy, s.actRight, s.actScored)
	return writeCounts(w, "act", slices.Sorted(maps.Keys(s.byAct)), s.byAct, false)
}

// writeCounts prints one table of counts, a row per key in the given
// order and, with total, a last row for all of them.
func writeCounts(w io.Writer, what string, keys []string, counts map[string]*speakerCounts, total bool) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\tquotes\tfound\trecall\tspeaker right\tspeaker accuracy\t\n", what)
	var tot speakerCounts
	row := func(k string, c *speakerCounts) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.3f\t%d\t%.3f\t\n", k, c.gold, c.found, ratio(c.found, c.gold), c.speakerRight, ratio(c.speakerRight, c.found))
	}
	for _, k := range keys {
		c := counts[k]
		tot.gold += c.gold
		tot.found += c.found
		tot.speakerRight += c.speakerRight
		row(k, c)
	}
	if total {
		row("all", &tot)
	}
	return tw.Flush()
}

// Missed returns examples of hand-checked quotes quotewire did not find.
func (s *SpeakerScore) Missed() []string { return s.missed }

// Spurious returns examples of quotes quotewire reports that match no
// hand-checked one.
func (s *SpeakerScore) Spurious() []string { return s.spurious }

// Wrong returns examples of quotes found with the wrong speaker.
func (s *SpeakerScore) Wrong() []string { return s.wrong }
