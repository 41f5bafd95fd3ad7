package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/eval"
)

const defaultSpeakerSet = "testdata/speakers/wikinews.jsonl"

func (m *Main) evalSpeakersCommand() *cobra.Command {
	var (
		mo                      modelOpts
		minConf                 float64
		wrong, missed, spurious bool
		everyAct                bool
		against                 string
	)
	c := &cobra.Command{
		Use:   "eval-speakers [SET.jsonl...]",
		Short: "Score quotes and resolved speakers against a hand-checked set",
		Long: `eval-speakers runs extraction on a hand-checked speaker set (default
` + defaultSpeakerSet + `: Wikinews articles with every attributed statement,
its speaker's full name and how the sentence names the speaker) and prints
quote recall and speaker accuracy split by the kind of mention (name,
pronoun, descriptor, none), and quote precision. PolNeAR scores spans;
this scores the names users read.

Quotes of act other (what quotewire reports only because PolNeAR counts
it: "visited HMP Edinburgh", "met with the President"; docs/ANNOTATION.md
does not count them as records, and the archive hides them) are left out
on both sides and counted on a line of their own; --every-act scores them
like the rest, and the last line gives who-said-what with every act
either way.

--against OTHER.jsonl scores a second, independent annotation of the
same articles instead of quotewire's output: how far two annotators
agree, the ceiling of what any system can score on the set. Only the
articles OTHER holds are scored. Several sets are scored as one.

  quotewire eval-speakers testdata/newsset/dev.jsonl
  quotewire eval-speakers testdata/newsset/dev.jsonl testdata/newsset/test.jsonl --against testdata/newsset/iaa/second.jsonl`,
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				args = []string{defaultSpeakerSet}
			}
			var (
				p      *quotewire.Pipeline
				second map[string]eval.SpeakerGold
				err    error
			)
			if against != "" {
				if second, err = readSpeakerSet(against); err != nil {
					return err
				}
			} else if p, err = mo.pipeline(); err != nil {
				return err
			}
			s := eval.SpeakerScore{EveryAct: everyAct}
			all := eval.SpeakerScore{EveryAct: true}
			score := func(path string) error {
				f, err := os.Open(path)
				if err != nil {
					return fmt.Errorf("open speaker set: %w", err)
				}
				defer f.Close()
				return eval.ReadSpeakerGold(f, path, func(g eval.SpeakerGold) error {
					var a *quotewire.Analysis
					if second != nil {
						o, ok := second[g.URL]
						if !ok {
							return nil
						}
						if o.Text != g.Text {
							return fmt.Errorf("the text of %s differs from the one in %s: both annotations must be of the same text", g.URL, against)
						}
						a = eval.AnalysisOfGold(o)
					} else if a, err = p.Extract(quotewire.Article{ID: g.URL, Title: g.Title, Date: g.Date, URL: g.URL, Text: g.Text}); err != nil {
						return err
					}
					if minConf > 0 {
						a.Quotes = quotewire.FilterQuotes(a.Quotes, minConf)
					}
					s.Add(g, a)
					if !everyAct {
						all.Add(g, a)
					}
					return nil
				})
			}
			for _, path := range args {
				if err := score(path); err != nil {
					return err
				}
			}
			if s.Figures().Gold == 0 {
				if second != nil {
					return fmt.Errorf("%s annotates none of the articles of %s: give a second annotation of the same articles", against, strings.Join(args, ", "))
				}
				return fmt.Errorf("%s holds no hand-checked statement: give a speaker set such as testdata/newsset/dev.jsonl or %s (a PolNeAR file is scored by quotewire eval)", strings.Join(args, ", "), defaultSpeakerSet)
			}
			if err := s.WriteText(m.Stdout); err != nil {
				return err
			}
			if !everyAct {
				f := all.Figures()
				fmt.Fprintf(m.Stdout, "\nwith every act: who said what precision %.3f, recall %.3f, F1 %.3f\n", f.WhoSaidWhatP, f.WhoSaidWhatR, f.WhoSaidWhat)
			}
			for _, l := range []struct {
				on    bool
				title string
				lines []string
			}{{wrong, "found with a wrong speaker", s.Wrong()}, {missed, "missed", s.Missed()}, {spurious, "reported but not hand-checked", s.Spurious()}} {
				if !l.on {
					continue
				}
				fmt.Fprintf(m.Stdout, "\nquotes %s (%d shown):\n", l.title, len(l.lines))
				for _, w := range l.lines {
					fmt.Fprintln(m.Stdout, w)
				}
			}
			return nil
		},
	}
	mo.register(c)
	c.Flags().Float64Var(&minConf, "min-confidence", 0, "score only quotes with at least this confidence")
	c.Flags().BoolVar(&wrong, "wrong", false, "list the quotes found with a wrong speaker")
	c.Flags().BoolVar(&missed, "missed", false, "list the hand-checked quotes quotewire did not find")
	c.Flags().BoolVar(&everyAct, "every-act", false, "score the quotes of act other too (left out by default, on both sides)")
	c.Flags().StringVar(&against, "against", "", "score this second annotation of the same articles instead of quotewire's output (agreement between annotators)")
	c.Flags().BoolVar(&spurious, "spurious", false, "list the quotes quotewire reports that no hand-checked quote matches")
	return c
}

// readSpeakerSet reads a whole speaker set, keyed by article URL.
func readSpeakerSet(path string) (map[string]eval.SpeakerGold, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open second annotation: %w", err)
	}
	defer f.Close()
	out := map[string]eval.SpeakerGold{}
	err = eval.ReadSpeakerGold(f, path, func(g eval.SpeakerGold) error {
		if _, dup := out[g.URL]; dup {
			return fmt.Errorf("article %s annotated twice", g.URL)
		}
		out[g.URL] = g
		return nil
	})
	return out, err
}
