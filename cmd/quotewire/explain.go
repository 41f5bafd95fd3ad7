package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/quotewire/quotewire"
)

func (m *Main) explainEntityCommand() *cobra.Command {
	var (
		db       string
		articles int
		format   string
	)
	c := &cobra.Command{
		Use:   "explain-entity --db DB ID|NAME",
		Short: "Say how a stored person, organisation or place was made from the articles' names",
		Long: `explain-entity shows, for one entity of a store (by its id, as the speakers
API and pages give it, or by a name that only one entity has), every name
it has and the rule that joined each to it across articles — "new entity"
(the name made it), "same Wikidata item" (linked to its item), "surname and
given names" (Sergei ~ Sergey), "surname and role" (Lavrov, the foreign
minister), "surname alone", "same name" — with the article the name first
came from; then, in its newest articles, how each article named it and by
which rule each mention joined it there (the name, a well-known form such
as U.S., an acronym the article defines, the surname, a pronoun, a role or
description). Names stored by a build older than this command show no rule:
'quotewire reanalyze' does not re-resolve names, so only new articles add
them.

  quotewire explain-entity --db news.db 42
  quotewire explain-entity --db news.db "Sergey Lavrov" --articles 10
  quotewire explain-entity --db news.db 42 --format json`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if db == "" {
				return usageError{"explain-entity needs --db"}
			}
			if format != formatTable && format != formatJSON {
				return usageError{fmt.Sprintf("unknown --format %q: use table or json", format)}
			}
			if articles < 0 {
				return usageError{fmt.Sprintf("--articles %d: use 0 or more", articles)}
			}
			s, err := openStore(db, true)
			if err != nil {
				return err
			}
			defer s.Close()
			if strings.TrimSpace(args[0]) == "" {
				return usageError{"explain-entity needs an entity's id or name (see 'quotewire explain-entity --help')"}
			}
			ctx := c.Context()
			id, err := strconv.ParseInt(args[0], 10, 64)
			if err != nil {
				es, err := s.Entities(ctx, args[0], "", nil, 10)
				if err != nil {
					return err
				}
				var exact []quotewire.Speaker
				for _, e := range es {
					if quotewire.NameKey(e.Name) == quotewire.NameKey(args[0]) {
						exact = append(exact, e)
					}
				}
				if len(exact) == 1 {
					es = exact
				}
				switch len(es) {
				case 0:
					return fmt.Errorf("no entity named %q in %s: 'quotewire search --db %s --speaker NAME' lists speakers", args[0], db, db)
				case 1:
					id = es[0].ID
				default:
					var b strings.Builder
					for _, e := range es {
						fmt.Fprintf(&b, "\n  %d\t%s (%s, %d quotes)", e.ID, e.Name, e.Type, e.Quotes)
					}
					return usageError{fmt.Sprintf("%d entities match %q; name one by its id:%s", len(es), args[0], b.String())}
				}
			}
			ex, err := quotewire.ExplainEntity(ctx, s, id, articles)
			if errors.Is(err, quotewire.ErrNotFound) {
				return fmt.Errorf("no entity with id %d in %s: the speakers page, 'quotewire search' (speaker_id) and /api/entities give ids", id, db)
			}
			if err != nil {
				return err
			}
			if format == formatJSON {
				enc := json.NewEncoder(m.Stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(ex)
			}
			return m.printExplanation(ex)
		},
	}
	c.Flags().StringVar(&db, "db", "", "store holding the entity")
	c.Flags().IntVarP(&articles, "articles", "n", 5, "how many of its newest articles to show")
	c.Flags().StringVarP(&format, "format", "f", formatTable, "output format: table or json")
	return c
}

func (m *Main) printExplanation(ex *quotewire.EntityExplanation) error {
	e := ex.Entity
	fmt.Fprintf(m.Stdout, "%s — %s, id %d, %d quotes", e.Name, orDash(string(e.Type)), e.ID, e.Quotes)
	if e.Wikidata != "" {
		fmt.Fprintf(m.Stdout, ", Wikidata %s", e.Wikidata)
	}
	fmt.Fprintln(m.Stdout)
	fmt.Fprintln(m.Stdout, "\nNames, and the rule that joined each across articles:")
	w := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "  name\trule\tmatched\tfirst article")
	for _, n := range ex.Names {
		art := "-"
		if n.Article != "" {
			art = strings.TrimSpace(n.Date + " " + clip(orDash(n.Title), 50))
		}
		fmt.Fprintf(w, "  %s\t%s\t%s\t%s\n", n.Name, orDash(n.Rule), orDash(n.Detail), art)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if len(ex.Articles) > 0 {
		fmt.Fprintf(m.Stdout, "\nIn its %d newest articles, each mention and the rule that joined it there:\n", len(ex.Articles))
	}
	for _, a := range ex.Articles {
		fmt.Fprintf(m.Stdout, "  %s %s (%s)\n    as %q", orDash(a.Date), clip(orDash(a.Title), 60), a.Article, a.Name)
		if len(a.Roles) > 0 {
			fmt.Fprintf(m.Stdout, ", %s", strings.Join(a.Roles, "; "))
		}
		if a.Wikidata != "" {
			fmt.Fprintf(m.Stdout, ", linked to %s", a.Wikidata)
		}
		fmt.Fprintln(m.Stdout)
		var ms []string
		for _, mj := range a.Mentions {
			ms = append(ms, fmt.Sprintf("%q %s", mj.Text, mj.Rule))
		}
		if len(ms) > 0 {
			fmt.Fprintf(m.Stdout, "    %s\n", strings.Join(ms, "; "))
		}
	}
	return nil
}
