package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"github.com/spf13/cobra"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/ingest"
	"github.com/quotewire/quotewire/wikidata"
)

func (m *Main) extractCommand() *cobra.Command {
	var (
		format  string
		workers int
		mo      modelOpts
		minConf float64
		wdb     string
		cpuProf string
	)
	c := &cobra.Command{
		Use:   "extract FILE... | -",
		Short: "Find who said what in articles and print one analysis per article",
		Long: `extract reads articles and prints, for each, its metadata, its text and
every quote with its content, cue, source mention and resolved speaker, the
entities it mentions and the sentences it repeats.

Inputs: plain text (optionally starting with a " date YYYY-MM-DD" header),
HTML (main content extracted, with title and date), JSON Lines with one
article per line ({"id", "text", "title", "date", "url"}), CSV with a header
(url, date, title, text...), RSS and Atom feeds, WARC web archives (HTML
responses), and gzip or zstd versions of each. Folders are read recursively;
a file of another format there is named on standard error and skipped. "-" reads standard input. The format
comes from the file extension, else from the first bytes.

Output: --format json (pretty; the default for a single text or HTML file),
jsonl (one line per article; the default otherwise) or table (for people).
Offsets are UTF-8 byte offsets into the output's "text"; for JSON Lines input
"text" and "id" are the record's own, so offsets line up with the record.

With --wikidata DB, each entity is linked to the Wikidata item that its
name and the article's context fit, from the index of the store DB (filled
by 'quotewire wikidata import'): entities, speakers and what quotes are
about then carry "wikidata": "Q…" (and entities a "wikidata_confidence").
An entity no item fits stays unlinked. Without it nothing is linked (ingest
links on its own once a store's index is filled).

A bad file or record is reported on standard error with its name and line,
and the rest goes on; the exit status is 1 if anything failed, 2 for a usage
error.

  quotewire extract testdata/seed/tass-2017-10-04-lavrov-krasnodar.txt
  quotewire extract --format table story.html
  quotewire extract --wikidata news.db story.html
  quotewire extract testdata/wikinews/wikinews_2020.csv > wikinews.analysis.jsonl`,
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				if m.StdinIsTerminal {
					return usageError{"extract needs files to read, or - for standard input (see 'quotewire extract --help')"}
				}
				args = []string{"-"}
			}
			switch format {
			case formatAuto, formatJSON, formatJSONL, formatTable:
			default:
				return usageError{fmt.Sprintf("unknown --format %q: use json, jsonl or table", format)}
			}
			stop, err := startCPUProfile(cpuProf)
			if err != nil {
				return err
			}
			defer stop()
			p, err := mo.pipeline()
			if err != nil {
				return err
			}
			var link quotewire.Linker
			if wdb != "" {
				s, idx, err := openFilledWikidataIndex(c.Context(), wdb)
				if err != nil {
					return err
				}
				defer s.Close()
				link = wikidata.NewLinker(idx)
			}
			return m.runExtract(p, args, format, workers, minConf, link)
		},
	}
	c.Flags().StringVarP(&format, "format", "f", formatAuto, "output format: json, jsonl or table (default: json for one text/HTML file, else jsonl)")
	c.Flags().IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "articles analysed in parallel")
	c.Flags().Float64Var(&minConf, "min-confidence", 0, "print only quotes with at least this confidence (0..1; see README for what the values mean)")
	c.Flags().StringVar(&wdb, "wikidata", "", "link entities to Wikidata items from the index of this store")
	c.Flags().StringVar(&cpuProf, "cpuprofile", "", "write a CPU profile to this file (inspect with go tool pprof)")
	mo.register(c)
	return c
}

type extracted struct {
	a   *quotewire.Analysis
	err error
	art quotewire.Article
}

func (m *Main) runExtract(p *quotewire.Pipeline, paths []string, format string, workers int, minConf float64, link quotewire.Linker) error {
	if minConf < 0 || minConf > 1 {
		return usageError{fmt.Sprintf("--min-confidence %v: use a value from 0 to 1", minConf)}
	}
	out := bufio.NewWriterSize(m.Stdout, 256<<10)
	defer out.Flush()
	var w writer
	failed := 0
	err := ordered(workers, func(emit func(func() extracted)) error {
		return m.readArticlesOpen(paths, func(r *ingest.Reader) {
			if w != nil {
				return
			}
			f := format
			if f == formatAuto {
				f = formatJSONL
				if len(paths) == 1 && (r.Format() == ingest.Text || r.Format() == ingest.HTML) && !isDir(paths[0]) {
					f = formatJSON
				}
			}
			w, _ = newWriter(out, f)
		}, func(art quotewire.Article) error {
			emit(func() extracted {
				a, err := p.Extract(art)
				if err == nil && link != nil {
					err = link.Link(context.Background(), a)
				}
				if err == nil && minConf > 0 {
					a.Quotes = quotewire.FilterQuotes(a.Quotes, minConf)
				}
				return extracted{a: a, err: err, art: art}
			})
			return nil
		}, &failed)
	}, func(x extracted) error {
		if x.err != nil {
			failed++
			m.report(x.art.Origin, x.art.ID, x.err)
			return nil
		}
		if err := w.Write(x.a); err != nil {
			return fmt.Errorf("write output: %w", err)
		}
		if format == formatTable {
			return out.Flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	if failed > 0 {
		return fmt.Errorf("%w: %s (see above)", errPartial, problems(failed))
	}
	return nil
}

// noArticles is the error for inputs that held no article at all.
func noArticles(paths []string) error {
	return fmt.Errorf("no articles found in %s: folders are searched for %s files (and %s of them); name a file to have its format sniffed",
		strings.Join(paths, ", "), strings.Join(ingest.Extensions(), " "), strings.Join(ingest.CompressionSuffixes(), " "))
}

// report prints a problem with one article on standard error.
func (m *Main) report(o quotewire.Origin, id string, err error) {
	where := o.String()
	if where == "" {
		where = id
	}
	fmt.Fprintf(m.Stderr, "quotewire: %s: %v\n", where, err)
}

// noteSkip names on standard error a file of a folder that is not read,
// and why: skipping is no failure, but nothing should vanish unsaid.
func (m *Main) noteSkip(path, why string) {
	fmt.Fprintf(m.Stderr, "quotewire: skipped %s: %s\n", path, why)
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// readArticles calls fn for every article in paths (files, folders, "-"),
// reporting unreadable files and bad records on standard error and going
// on. It returns errPartial when anything failed, or fn's first error.
func (m *Main) readArticles(paths []string, fn func(quotewire.Article) error) error {
	failed := 0
	if err := m.readArticlesOpen(paths, nil, fn, &failed); err != nil {
		return err
	}
	if failed > 0 {
		return fmt.Errorf("%w: %s (see above)", errPartial, problems(failed))
	}
	return nil
}

// readArticlesOpen is readArticles with a hook called as each input is
// opened, counting problems in *failed; inputs that hold no article at
// all, with nothing failed, are an error (noArticles).
func (m *Main) readArticlesOpen(paths []string, onOpen func(*ingest.Reader), fn func(quotewire.Article) error, failed *int) error {
	return m.walkArticles(paths, onOpen, fn, func(p problem) {
		*failed++
		fmt.Fprintf(m.Stderr, "quotewire: %s\n", p.Message)
	})
}

// problem is one input that could not be read: a file, or one record of it.
type problem struct {
	File   string `json:"file"`
	Line   int    `json:"line,omitempty"`
	Record int    `json:"record,omitempty"`
	// Message is the whole error, naming file and record.
	Message string `json:"error"`
}

// walkArticles calls fn for every article in paths and onProblem for each
// unreadable file or bad record, going on after both; inputs that hold no
// article at all, with no problem, are an error (noArticles).
func (m *Main) walkArticles(paths []string, onOpen func(*ingest.Reader), fn func(quotewire.Article) error, onProblem func(problem)) error {
	opts := ingest.Options{Stdin: m.Stdin}
	seen, problems := 0, 0
	report := func(p problem) {
		problems++
		onProblem(p)
	}
	err := ingest.WalkSkipping(paths, m.noteSkip, func(path string, err error) error {
		if err != nil {
			report(problem{File: path, Message: err.Error()})
			return nil
		}
		r, err := ingest.Open(path, opts)
		if err != nil {
			report(problem{File: path, Message: err.Error()})
			return nil
		}
		defer r.Close()
		if onOpen != nil {
			onOpen(r)
		}
		for {
			a, err := r.Next()
			if errors.Is(err, io.EOF) {
				return nil
			}
			var re *quotewire.RecordError
			if errors.As(err, &re) {
				report(problem{File: re.Origin.File, Line: re.Origin.Line, Record: re.Origin.Record, Message: err.Error()})
				continue
			}
			if err != nil {
				report(problem{File: path, Message: fmt.Sprintf("%s: %v", path, err)})
				return nil
			}
			seen++
			if err := fn(a); err != nil {
				return err
			}
		}
	})
	if err == nil && seen == 0 && problems == 0 {
		return noArticles(paths)
	}
	return err
}

// problems counts failed inputs in words: "1 problem", "3 problems".
func problems(n int) string { return plural(int64(n), "problem") }

// plural counts things in words: "1 article", "2 articles".
func plural[N int | int64](n N, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}
