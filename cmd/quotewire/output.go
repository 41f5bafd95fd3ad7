package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/quotewire/quotewire"
)

// Output formats.
const (
	formatAuto  = ""
	formatJSON  = "json"
	formatJSONL = "jsonl"
	formatTable = "table"
)

// writer writes analyses in one format.
type writer interface {
	Write(a *quotewire.Analysis) error
}

func newWriter(w io.Writer, format string) (writer, error) {
	switch format {
	case formatJSON:
		return &jsonWriter{w: w, indent: true}, nil
	case formatJSONL:
		return &jsonWriter{w: w}, nil
	case formatTable:
		return &tableWriter{w: w}, nil
	}
	return nil, usageError{fmt.Sprintf("unknown --format %q: use json, jsonl or table", format)}
}

type jsonWriter struct {
	w      io.Writer
	indent bool
}

func (j *jsonWriter) Write(a *quotewire.Analysis) error {
	enc := json.NewEncoder(j.w)
	enc.SetEscapeHTML(false)
	if j.indent {
		enc.SetIndent("", "  ")
	}
	return enc.Encode(a)
}

type tableWriter struct {
	w io.Writer
	n int
}

// Write prints a header for the article and one row per quote.
func (t *tableWriter) Write(a *quotewire.Analysis) error {
	if t.n > 0 {
		fmt.Fprintln(t.w)
	}
	t.n++
	meta := []string{}
	for _, s := range []string{a.Date, a.Dateline, a.Agency} {
		if s != "" {
			meta = append(meta, s)
		}
	}
	title := a.Title
	if title == "" {
		title = a.ID
	}
	fmt.Fprintf(t.w, "%s  (%s)\n", oneLine(title, 100), strings.Join(meta, " · "))
	tw := tabwriter.NewWriter(t.w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tTYPE\tSPEAKER\tSOURCE\tCUE\tCONF\tQUOTE")
	for i, q := range a.Quotes {
		speaker, source, cue := "-", "-", "-"
		if q.Speaker != nil {
			speaker = q.Speaker.Name
		}
		if q.Source != nil {
			source = q.Source.Text
		}
		if q.Cue != nil {
			cue = q.Cue.Text
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%.2f\t%s\n", i+1, q.Type, oneLine(speaker, 30), oneLine(source, 30), oneLine(cue, 16), q.Confidence, oneLine(q.Content.Text, 70))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(a.Entities) > 0 {
		var people []string
		for _, e := range a.Entities {
			if e.Type == quotewire.Person {
				s := e.Name
				if len(e.Roles) > 0 {
					s += " (" + strings.Join(e.Roles, "; ") + ")"
				}
				people = append(people, s)
			}
		}
		if len(people) > 0 {
			fmt.Fprintf(t.w, "people: %s\n", strings.Join(people, ", "))
		}
	}
	for _, r := range a.RepeatedSentences {
		fmt.Fprintf(t.w, "repeated %d×: %s\n", r.Count, oneLine(r.Text, 100))
	}
	_, err := fmt.Fprintf(t.w, "%d quotes, %d entities\n", len(a.Quotes), len(a.Entities))
	return err
}

// oneLine folds white space and cuts s to at most n runes with an ellipsis.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// formatFlag registers --format table|json on a command that prints a
// table or one JSON object, as every command names its output format;
// --json stays, hidden, as an alias of --format json (a deprecation
// notice would land in the JSON on standard output).
func formatFlag(c *cobra.Command, asJSON *bool, help string) {
	c.Flags().Var(&tableOrJSON{asJSON}, "format", "output format: table or json ("+help+")")
	c.Flags().BoolVar(asJSON, "json", false, "same as --format json")
	c.Flags().MarkHidden("json")
}

// tableOrJSON is the value of --format for commands that print a table or
// JSON.
type tableOrJSON struct{ json *bool }

func (f *tableOrJSON) String() string {
	if f.json != nil && *f.json {
		return formatJSON
	}
	return formatTable
}

func (f *tableOrJSON) Set(s string) error {
	switch s {
	case formatTable:
		*f.json = false
	case formatJSON:
		*f.json = true
	default:
		return fmt.Errorf("use table or json")
	}
	return nil
}

func (f *tableOrJSON) Type() string { return "string" }
