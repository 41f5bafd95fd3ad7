package main

import (
	"encoding/json"
	"fmt"
	"os"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/eval"
	"github.com/quotewire/quotewire/wikidata"
)

func (m *Main) evalLinksCommand() *cobra.Command {
	var (
		db, links string
		asJSON    bool
		wrong     bool
		mo        modelOpts
	)
	c := &cobra.Command{
		Use:   "eval-links --db DB --links LINKS.jsonl SET.jsonl...",
		Short: "Score Wikidata linking against the gold items of hand-checked speakers",
		Long: `eval-links measures how well ingest's linking names speakers' Wikidata
items. It extracts the articles of the speaker sets (the eval-speakers
format) that LINKS.jsonl has gold for — lines {"url", "speaker", "wikidata"},
the item a hand-checked speaker is, "" for one with no item of their own —,
links their entities against the Wikidata index of the store DB (fill it
with 'quotewire wikidata import' from a dump or an extract holding the
speakers and their namesakes), and counts each gold speaker's link: right
(the gold item), wrong (another item), missed (no link for a speaker who
has an item) or abstained (no link for one who has none). Precision is
the share of links made that are right, recall the share of speakers with
an item linked to it.

  quotewire eval-links --db wd.db --links testdata/wikidata/links.jsonl testdata/newsset/dev.jsonl`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if db == "" || links == "" {
				return usageError{"eval-links needs --db (a store with a Wikidata index) and --links (the gold items)"}
			}
			s, idx, err := openFilledWikidataIndex(c.Context(), db)
			if err != nil {
				return err
			}
			defer s.Close()
			gold := map[string][]eval.GoldLink{}
			f, err := os.Open(links)
			if err != nil {
				return fmt.Errorf("gold links: %w", err)
			}
			err = eval.ReadGoldLinks(f, links, func(g eval.GoldLink) error {
				gold[g.URL] = append(gold[g.URL], g)
				return nil
			})
			f.Close()
			if err != nil {
				return err
			}
			p, err := mo.pipeline()
			if err != nil {
				return err
			}
			linker := wikidata.NewLinker(idx)
			var score eval.LinkScore
			seen := map[string]bool{}
			for _, path := range args {
				f, err := os.Open(path)
				if err != nil {
					return fmt.Errorf("speaker set: %w", err)
				}
				err = eval.ReadSpeakerGold(f, path, func(g eval.SpeakerGold) error {
					gl := gold[g.URL]
					if len(gl) == 0 || seen[g.URL] {
						return nil
					}
					seen[g.URL] = true
					a, err := p.Extract(quotewire.Article{ID: g.ID, Title: g.Title, Date: g.Date, URL: g.URL, Text: g.Text})
					if err != nil {
						return fmt.Errorf("%s: %w", g.URL, err)
					}
					if err := linker.Link(c.Context(), a); err != nil {
						return err
					}
					for _, l := range gl {
						pred := eval.PredictedLink(a, l.Speaker)
						score.Add(l.Wikidata, pred)
						if wrong && pred != l.Wikidata {
							fmt.Fprintf(m.Stdout, "%s\t%s\tgold %q\tlinked %q\n", l.URL, l.Speaker, l.Wikidata, pred)
						}
					}
					return nil
				})
				f.Close()
				if err != nil {
					return err
				}
			}
			unread := 0
			for url, gl := range gold {
				if !seen[url] {
					unread += len(gl)
				}
			}
			if unread > 0 {
				fmt.Fprintf(m.Stderr, "quotewire: left out %s of articles none of the sets holds\n", plural(unread, "gold link"))
			}
			if asJSON {
				return json.NewEncoder(m.Stdout).Encode(map[string]any{"speakers": score.Speakers, "right": score.Right, "wrong": score.Wrong,
					"missed": score.Missed, "abstained": score.Abstained, "precision": score.Precision(), "recall": score.Recall()})
			}
			w := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(w, "speakers\tright\twrong\tmissed\tabstained\tprecision\trecall")
			fmt.Fprintf(w, "%d\t%d\t%d\t%d\t%d\t%.3f\t%.3f\n", score.Speakers, score.Right, score.Wrong, score.Missed, score.Abstained, score.Precision(), score.Recall())
			return w.Flush()
		},
	}
	c.Flags().StringVar(&db, "db", "", "store whose Wikidata index to link against")
	c.Flags().StringVar(&links, "links", "", "gold items, JSON Lines {\"url\", \"speaker\", \"wikidata\"}")
	c.Flags().BoolVar(&wrong, "wrong", false, "also print every speaker linked otherwise than the gold")
	formatFlag(c, &asJSON, "json: the figures as one object")
	mo.register(c)
	return c
}
