package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/quotewire/quotewire"
)

func (m *Main) statsCommand() *cobra.Command {
	var db, format string
	c := &cobra.Command{
		Use:   "stats",
		Short: "Count what a store holds",
		Long: `stats prints what the store holds: articles, quotes, quotations (the same
statement reported by several articles counts once), speakers, entities,
outlets, the date range, and clusters of near-duplicate articles.

  quotewire stats --db news.db
  quotewire stats --db news.db --format json`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if format != formatTable && format != formatJSON {
				return usageError{fmt.Sprintf("unknown --format %q: use table or json", format)}
			}
			s, err := openStore(db, true)
			if err != nil {
				return err
			}
			defer s.Close()
			st, err := s.Stats(c.Context())
			if err != nil {
				return err
			}
			if format == formatJSON {
				enc := json.NewEncoder(m.Stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(st)
			}
			tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
			for _, row := range [][2]string{
				{"articles", strconv.Itoa(st.Articles)}, {"quotes", strconv.Itoa(st.Quotes)},
				{"quotations", strconv.Itoa(st.Quotations)}, {"speakers", strconv.Itoa(st.Speakers)},
				{"entities", strconv.Itoa(st.Entities)}, {"outlets", strconv.Itoa(st.Outlets)},
				{"first date", st.FirstDate}, {"last date", st.LastDate},
				{"near-duplicate clusters", strconv.Itoa(st.Clusters)},
			} {
				fmt.Fprintf(tw, "%s\t%s\n", row[0], row[1])
			}
			return tw.Flush()
		},
	}
	dbFlag(c, &db)
	c.Flags().StringVarP(&format, "format", "f", formatTable, "output format: table or json")
	return c
}

const formatCSV = "csv"

func (m *Main) searchCommand() *cobra.Command {
	var (
		db, format, acts string
		q                quotewire.Query
	)
	c := &cobra.Command{
		Use:   "search [QUERY]",
		Short: "Find quotes in a store by words, speaker, entity, outlet and date",
		Long: `search finds quotes in a store (see ingest) and prints them best first, with
speaker, date, outlet and the article's address.

QUERY is matched against the quotes' words:
  sanctions syria          both words (AND is the default)
  "peace process"          an exact phrase
  sanctions OR embargo     either
  syria -russia            exclude a word (also: syria NOT russia)
  negotiat*                a prefix
  (iran OR syria) talks    grouping
Operators are upper-case; lower-case "or" and "not" are ordinary words.

Filters narrow the quotes: --speaker (a name or surname; spelling variants
such as Sergei/Sergey match), --unnamed (a speaker the articles describe
but do not name, by those words: "senior official"), --entity (articles
mentioning it), --about (quotes whose words name it: with --speaker, what
one said about the other), --outlet (the site's host, e.g. tass.com), --from and --to
(YYYY, YYYY-MM or YYYY-MM-DD, inclusive). A query may be only filters
(--acts too).

Quotes are statements unless --acts asks for other acts: question,
directive, belief, evaluation, other, several separated by commas, or all.

  quotewire search --db news.db sanctions --speaker Lavrov
  quotewire search --db news.db --speaker Lavrov --about Erdogan
  quotewire search --db news.db sanctions --acts statement,belief
  quotewire search --db news.db --unnamed "senior official" --outlet tass.com
  quotewire search --db news.db --from 2019-01 --to 2019-03 --format csv > q1.csv
  quotewire search --db news.db '"climate change"' --outlet bbc.co.uk --format jsonl`,
		Args: cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			switch format {
			case formatTable, formatJSON, formatJSONL, formatCSV:
			default:
				return usageError{fmt.Sprintf("unknown --format %q: use table, json, jsonl or csv", format)}
			}
			q.Text = strings.Join(args, " ")
			var err error
			if q.Acts, err = actsFlag(acts); err != nil {
				return err
			}
			if q.Text == "" && q.Speaker == "" && q.Unnamed == "" && q.Entity == "" && q.About == "" && q.Outlet == "" && q.From == "" && q.To == "" && quotewire.IsDefaultActs(q.Acts) {
				return usageError{"search needs words to look for or a filter such as --speaker or --acts (see 'quotewire search --help')"}
			}
			if q.Limit < 1 {
				// the API's judgement: a page holds 1 or more
				return flagError(quotewire.CheckRange("limit", q.Limit, 1, quotewire.MaxLimit))
			}
			if err := q.Check(); err != nil {
				return flagError(err)
			}
			s, err := openStore(db, true)
			if err != nil {
				return err
			}
			defer s.Close()
			hits, err := s.Search(c.Context(), q)
			if errors.Is(err, quotewire.ErrBadQuery) {
				return flagError(err)
			}
			if err != nil {
				return err
			}
			return writeHits(m.Stdout, format, hits)
		},
	}
	dbFlag(c, &db)
	c.Flags().StringVarP(&format, "format", "f", formatTable, "output format: table, json, jsonl or csv")
	c.Flags().StringVar(&q.Speaker, "speaker", "", "only quotes by this speaker (name or surname)")
	c.Flags().StringVar(&q.Unnamed, "unnamed", "", "only quotes of an unnamed speaker the articles describe with these words (\"senior official\")")
	c.Flags().StringVar(&q.Entity, "entity", "", "only quotes from articles that mention this person, organisation or place")
	c.Flags().StringVar(&q.About, "about", "", "only quotes whose words name this person, organisation or place (with --speaker: what X said about Y)")
	c.Flags().StringVar(&q.Outlet, "outlet", "", "only quotes from this outlet (host name, e.g. tass.com)")
	c.Flags().StringVar(&q.From, "from", "", "only articles dated on or after this (YYYY, YYYY-MM or YYYY-MM-DD)")
	c.Flags().StringVar(&q.To, "to", "", "only articles dated on or before this (YYYY, YYYY-MM or YYYY-MM-DD)")
	c.Flags().Float64Var(&q.MinConfidence, "min-confidence", 0, "only quotes with at least this confidence (0..1)")
	actsFlagVar(c, &acts, "quotes")
	c.Flags().IntVarP(&q.Limit, "limit", "n", 20, "at most this many results")
	c.Flags().IntVar(&q.Offset, "offset", 0, "skip this many results first (for paging)")
	return c
}

// actsFlagVar adds the --acts flag, which chooses the acts of the things
// (quotes, quotations) a command writes; statements by default.
func actsFlagVar(c *cobra.Command, acts *string, things string) {
	c.Flags().StringVar(acts, "acts", string(quotewire.Statement),
		"only "+things+" of these acts: statement, question, directive, belief, evaluation, other, several separated by commas, or all")
}

// actsFlag reads the --acts flag (see quotewire.ParseActs).
func actsFlag(s string) ([]quotewire.Act, error) {
	acts, err := quotewire.ParseActs(s)
	if err != nil {
		return nil, usageError{"--acts: " + strings.TrimPrefix(err.Error(), quotewire.ErrBadQuery.Error()+": ")}
	}
	return acts, nil
}

// speakerCell describes a hit's speaker for a table or CSV cell: the
// name, "(unnamed)" after a descriptor the article gives instead of a
// name, and who relayed it.
func speakerCell(h *quotewire.Hit) string {
	s := h.Speaker
	if h.Anonymous {
		s += " (unnamed)"
	}
	if h.Via != "" {
		s += " via " + h.Via
	}
	return s
}

// writeHits prints search results in a format.
func writeHits(w io.Writer, format string, hits []quotewire.Hit) error {
	bw := bufio.NewWriter(w)
	defer bw.Flush()
	switch format {
	case formatJSON:
		enc := json.NewEncoder(bw)
		enc.SetIndent("", "  ")
		return enc.Encode(hits)
	case formatJSONL:
		enc := json.NewEncoder(bw)
		for i := range hits {
			if err := enc.Encode(&hits[i]); err != nil {
				return err
			}
		}
		return nil
	case formatCSV:
		cw := csv.NewWriter(bw)
		cw.Write([]string{"id", "quote", "speaker", "date", "outlet", "title", "url", "article", "kind", "confidence", "quotation_id", "start", "end",
			"act", "anonymous", "continued", "via"})
		for _, h := range hits {
			cw.Write([]string{strconv.FormatInt(h.ID, 10), h.Text, h.Speaker, h.Date, h.Outlet, h.Title, h.URL, h.ArticleKey,
				string(h.Kind), strconv.FormatFloat(h.Confidence, 'f', 2, 64), strconv.FormatInt(h.QuotationID, 10),
				strconv.Itoa(h.Start), strconv.Itoa(h.End), string(h.Act), strconv.FormatBool(h.Anonymous), strconv.FormatBool(h.Continued), h.Via})
		}
		cw.Flush()
		return cw.Error()
	}
	if len(hits) == 0 {
		fmt.Fprintln(bw, "no quotes found")
		return nil
	}
	// an ACT column when the hits are not all statements
	acts := false
	for _, h := range hits {
		acts = acts || h.Act != quotewire.Statement && h.Act != ""
	}
	tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
	if acts {
		fmt.Fprintln(tw, "DATE\tSPEAKER\tACT\tQUOTE\tOUTLET\tURL")
	} else {
		fmt.Fprintln(tw, "DATE\tSPEAKER\tQUOTE\tOUTLET\tURL")
	}
	for i := range hits {
		h := &hits[i]
		speaker := orDash(speakerCell(h))
		if acts {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", orDash(h.Date), clip(speaker, 40), orDash(string(h.Act)), clip(h.Text, 90), orDash(h.Outlet), orDash(h.URL))
		} else {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", orDash(h.Date), clip(speaker, 40), clip(h.Text, 90), orDash(h.Outlet), orDash(h.URL))
		}
	}
	return tw.Flush()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// clip shortens s to n runes for a table cell, on one line.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func (m *Main) exportCommand() *cobra.Command {
	var db, format, out, acts string
	c := &cobra.Command{
		Use:   "export",
		Short: "Write every quotation with its speaker and occurrences",
		Long: `export writes the store's quotations, one per line, as Quotebank's dumps do:
the statement, its speaker, the date it was first reported, and every
occurrence with its outlet, date, address and the article's wording.
It streams: exporting millions of quotations runs in bounded memory.
It writes statements unless --acts asks for other acts (a quotation with
occurrences of the acts, with those occurrences only; "all" for every one).

  --format jsonl   one JSON object per quotation (default)
  --format csv     one row per quotation; outlets and URLs joined with " | "

  quotewire export --db news.db > quotations.jsonl
  quotewire export --db news.db --format csv --out quotations.csv
  quotewire export --db news.db --acts all > everything.jsonl`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if format != formatJSONL && format != formatCSV {
				return usageError{fmt.Sprintf("unknown --format %q: use jsonl or csv", format)}
			}
			which, err := actsFlag(acts)
			if err != nil {
				return err
			}
			s, err := openStore(db, true)
			if err != nil {
				return err
			}
			defer s.Close()
			var w io.Writer = m.Stdout
			var f *os.File
			if out != "" && out != "-" {
				if f, err = os.Create(out); err != nil {
					return fmt.Errorf("export: %w", err)
				}
				defer f.Close()
				w = f
			}
			bw := bufio.NewWriterSize(w, 256<<10)
			var write func(*quotewire.Quotation) error
			var cw *csv.Writer
			if format == formatCSV {
				cw = csv.NewWriter(bw)
				cw.Write([]string{"quotation_id", "quotation", "speaker", "first_date", "occurrences", "outlets", "dates", "urls", "acts"})
				write = func(q *quotewire.Quotation) error {
					var outlets, dates, urls, acts []string
					for _, o := range q.Occurrences {
						outlets, dates, urls, acts = append(outlets, o.Outlet), append(dates, o.Date), append(urls, o.URL), append(acts, string(o.Act))
					}
					return cw.Write([]string{strconv.FormatInt(q.ID, 10), q.Text, q.Speaker, q.FirstDate, strconv.Itoa(len(q.Occurrences)),
						strings.Join(outlets, " | "), strings.Join(dates, " | "), strings.Join(urls, " | "), strings.Join(acts, " | ")})
				}
			} else {
				enc := json.NewEncoder(bw)
				write = func(q *quotewire.Quotation) error { return enc.Encode(q) }
			}
			if err := s.Quotations(c.Context(), which, write); err != nil {
				return err
			}
			if cw != nil {
				cw.Flush()
				if err := cw.Error(); err != nil {
					return err
				}
			}
			if err := bw.Flush(); err != nil {
				return fmt.Errorf("export: %w", err)
			}
			if f != nil {
				return f.Close()
			}
			return nil
		},
	}
	dbFlag(c, &db)
	c.Flags().StringVarP(&format, "format", "f", formatJSONL, "output format: jsonl or csv")
	c.Flags().StringVarP(&out, "out", "o", "", "write to this file instead of standard output")
	actsFlagVar(c, &acts, "quotations with occurrences")
	return c
}
