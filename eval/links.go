package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/quotewire/quotewire"
)

// GoldLink is the Wikidata item a hand-checked speaker is: Speaker as the
// speaker set names them in the article of URL, and Wikidata their item
// ("" for a speaker with no item of their own).
type GoldLink struct {
	URL      string `json:"url"`
	Speaker  string `json:"speaker"`
	Wikidata string `json:"wikidata"`
}

// ReadGoldLinks reads gold links, one JSON object a line, calling fn for
// each; a bad line is an error naming it.
func ReadGoldLinks(r io.Reader, name string, fn func(GoldLink) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for line := 1; sc.Scan(); line++ {
		b := sc.Bytes()
		if len(b) == 0 {
			continue
		}
		var g GoldLink
		if err := json.Unmarshal(b, &g); err != nil {
			return fmt.Errorf(`%s line %d: not a JSON object {"url", "speaker", "wikidata"} of strings`, name, line)
		}
		if g.URL == "" || g.Speaker == "" {
			return fmt.Errorf("%s line %d: a gold link needs \"url\" and \"speaker\"", name, line)
		}
		if err := fn(g); err != nil {
			return err
		}
	}
	return sc.Err()
}

// LinkScore counts links against gold ones: a link to the gold item is
// right, a link to another item wrong, no link to a speaker who has an
// item missed, and no link to one who has none right by abstaining.
type LinkScore struct {
	Right, Wrong, Missed, Abstained, Speakers int
}

// PredictedLink returns the item an analysis links the gold speaker to:
// that of the entity whose name is the speaker's (the speaker sets' name
// comparison, or the same surname with variant given names), "" when
// none is linked.
func PredictedLink(a *quotewire.Analysis, speaker string) string {
	for _, e := range a.Entities {
		if !e.Anonymous && e.Wikidata != "" && (sameName(e.Name, speaker) || variantName(e.Name, speaker)) {
			return e.Wikidata
		}
	}
	return ""
}

// variantName reports whether two names are one person's spelled two
// ways: one surname, given names that are variants ("Sergey", "Sergei").
func variantName(a, b string) bool {
	ga, sa := quotewire.SplitName(quotewire.NameKey(a))
	gb, sb := quotewire.SplitName(quotewire.NameKey(b))
	return sa != "" && sa == sb && quotewire.GivenNamesMatch(ga, gb)
}

// Add scores the predicted item of one gold speaker.
func (s *LinkScore) Add(gold, pred string) {
	s.Speakers++
	switch {
	case pred != "" && pred == gold:
		s.Right++
	case pred != "":
		s.Wrong++
		if gold != "" {
			s.Missed++
		}
	case gold != "":
		s.Missed++
	default:
		s.Abstained++
	}
}

// Precision is the share of links made that are right.
func (s LinkScore) Precision() float64 { return ratio(s.Right, s.Right+s.Wrong) }

// Recall is the share of speakers with an item that are linked to it.
func (s LinkScore) Recall() float64 { return ratio(s.Right, s.Right+s.Missed) }
