package main

import (
	"fmt"
	"os"

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
	)
	c := &cobra.Command{
		Use:   "eval-speakers [SET.jsonl]",
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
either way.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			path := defaultSpeakerSet
			if len(args) == 1 {
				path = args[0]
			}
			p, err := mo.pipeline()
			if err != nil {
				return err
			}
			f, err := os.Open(path)
			if err != nil {
				return fmt.Errorf("open speaker set: %w", err)
			}
			defer f.Close()
			s := eval.SpeakerScore{EveryAct: everyAct}
			all := eval.SpeakerScore{EveryAct: true}
			err = eval.ReadSpeakerGold(f, path, func(g eval.SpeakerGold) error {
				a, err := p.Extract(quotewire.Article{ID: g.URL, Title: g.Title, Date: g.Date, URL: g.URL, Text: g.Text})
				if err != nil {
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
			if err != nil {
				return err
			}
			if s.Figures().Gold == 0 {
				return fmt.Errorf("%s holds no hand-checked statement: give a speaker set such as testdata/newsset/dev.jsonl or %s (a PolNeAR file is scored by quotewire eval)", path, defaultSpeakerSet)
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
	c.Flags().BoolVar(&spurious, "spurious", false, "list the quotes quotewire reports that no hand-checked quote matches")
	return c
}
