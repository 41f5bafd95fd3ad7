package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/klauspost/compress/gzip"
	"github.com/spf13/cobra"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/internal/proc"
	"github.com/quotewire/quotewire/wikidata"
)

func (m *Main) wikidataCommand() *cobra.Command {
	c := &cobra.Command{
		Use:   "wikidata",
		Short: "Import Wikidata's dump into a store, offline, for linking speakers",
		Long: `wikidata keeps the Wikidata items quotewire links speakers and entities to:
people, organisations, places and the offices people hold, with their labels,
aliases and descriptions, what they are instances of, occupations, countries
and positions held with dates. Everything is read from the dump file you
download once (https://dumps.wikimedia.org/wikidatawiki/entities/,
latest-all.json.gz or .bz2); nothing is fetched.`,
	}
	c.AddCommand(m.wikidataImportCommand(), m.wikidataLookupCommand(), m.wikidataLinkCommand(), m.wikidataGenerateCommand())
	return c
}

func (m *Main) wikidataImportCommand() *cobra.Command {
	var (
		db       string
		langs    string
		maxLine  int
		progress string
	)
	c := &cobra.Command{
		Use:   "import --db DB DUMP",
		Short: "Read a Wikidata JSON dump into a store's Wikidata index",
		Long: `import streams a Wikidata JSON dump (gzip, bzip2 or plain; told by its
first bytes) into the store's Wikidata index, in bounded memory whatever the
dump's size. Only items that are instances of the classes quotewire keeps
(people, common kinds of organisation and place, offices) are stored; the
rest of each line is not even parsed. Labels, aliases and descriptions are
kept in the languages of --lang, in order of preference.

Lines that cannot be read (not JSON, an entity over --max-line bytes, a
statement of a value type quotewire does not know) are reported on standard
error with their line number and skipped. Importing a newer dump updates the
index in place; items the newer dump no longer holds are removed when the
import completes. An import that stops early (a truncated or corrupt dump,
an interrupt) leaves the previous index usable, with the items read so far
updated: run it again on a complete dump.

  quotewire wikidata import --db quotes.db latest-all.json.gz
  quotewire wikidata import --db postgres://localhost/quotes --lang en,de latest-all.json.bz2`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if db == "" {
				return usageError{"wikidata import needs --db (a SQLite file or a postgres:// URL)"}
			}
			show, err := m.showProgress(progress)
			if err != nil {
				return err
			}
			s, idx, err := openWikidataIndex(db, false)
			if err != nil {
				return err
			}
			defer s.Close()
			var ls []string
			for _, l := range strings.Split(langs, ",") {
				if l = strings.TrimSpace(l); l != "" {
					ls = append(ls, l)
				}
			}
			return m.importWikidata(c, idx, args[0], wikidata.Options{Languages: ls, MaxLine: maxLine}, show)
		},
	}
	c.Flags().StringVar(&db, "db", "", "store to import into: a SQLite file (created when missing) or a postgres:// URL")
	c.Flags().StringVar(&langs, "lang", "en", "languages of labels, aliases and descriptions, in order of preference (comma-separated)")
	c.Flags().IntVar(&maxLine, "max-line", wikidata.DefaultMaxLine, "longest entity line to parse, in bytes; longer ones are reported and skipped")
	progressFlag(c, &progress)
	return c
}

// openWikidataIndex opens the store --db names (see openStore) and its
// Wikidata index.
func openWikidataIndex(db string, mustExist bool) (quotewire.Store, quotewire.WikidataIndex, error) {
	s, err := openStore(db, mustExist)
	if err != nil {
		return nil, nil, err
	}
	idx, ok := s.(quotewire.WikidataIndex)
	if !ok {
		s.Close()
		return nil, nil, fmt.Errorf("the store at %s keeps no Wikidata index", db)
	}
	return s, idx, nil
}

// openFilledWikidataIndex opens the store at db and its Wikidata index,
// which must hold items: linking against an empty one links nothing.
func openFilledWikidataIndex(ctx context.Context, db string) (quotewire.Store, quotewire.WikidataIndex, error) {
	s, idx, err := openWikidataIndex(db, true)
	if err != nil {
		return nil, nil, err
	}
	if ok, err := idx.HasWikidata(ctx); err != nil || !ok {
		s.Close()
		if err == nil {
			err = fmt.Errorf("the store at %s holds no Wikidata items: fill it with 'quotewire wikidata import --db %s latest-all.json.gz' (or an extract)", db, db)
		}
		return nil, nil, err
	}
	return s, idx, nil
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

func (m *Main) importWikidata(c *cobra.Command, idx quotewire.WikidataIndex, path string, o wikidata.Options, show bool) error {
	ctx := c.Context()
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open dump: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("open dump: %w", err)
	}
	if info.IsDir() {
		return fmt.Errorf("open dump %s: is a directory: give the dump file (latest-all.json.gz)", path)
	}
	cr := &countingReader{r: f}
	rc, err := wikidata.Decompress(cr)
	if err != nil {
		return fmt.Errorf("%s: not a readable dump: %w", path, err)
	}
	defer rc.Close()
	r := wikidata.NewReader(rc, o)
	imp, err := idx.BeginWikidataImport(ctx, path)
	if err != nil {
		return err
	}
	start := time.Now()
	var kept atomic.Int64
	var prog *mpb.Progress
	var bar *mpb.Bar
	if show {
		prog = newProgress(m.Stderr)
		bar = prog.AddBar(info.Size(), mpb.BarWidth(progressBarWidth),
			mpb.PrependDecorators(
				decor.Any(func(decor.Statistics) string { return fmt.Sprintf("%d items kept", kept.Load()) }, decor.WCSyncSpaceR),
				decor.CountersKibiByte("% .1f / % .1f", decor.WCSyncSpace),
			),
			mpb.AppendDecorators(decor.AverageETA(decor.ET_STYLE_GO, decor.WCSyncSpace)),
		)
	}
	batch := make([]quotewire.WikidataEntity, 0, 2000)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := imp.Add(ctx, batch)
		batch = batch[:0]
		return err
	}
	bad := 0
	var readErr error
	for {
		e, err := r.Next()
		var le *wikidata.LineError
		if errors.As(err, &le) {
			bad++
			fmt.Fprintf(m.Stderr, "%s %v\n", path, le)
			continue
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			readErr = err
			break
		}
		batch = append(batch, e)
		kept.Add(1)
		if len(batch) == cap(batch) {
			if err := flush(); err != nil {
				readErr = err
				break
			}
			if bar != nil {
				bar.SetCurrent(cr.n.Load())
			}
		}
	}
	if readErr == nil {
		readErr = flush()
	}
	if bar != nil {
		if readErr == nil {
			bar.SetCurrent(info.Size())
		} else {
			bar.Abort(false)
		}
		prog.Wait()
	}
	if readErr != nil {
		imp.Abort(ctx)
		return fmt.Errorf("%s: the import stopped at line %d: %w (the previous index is kept, with the %d items read so far updated: run the import again on a complete dump)", path, r.Line(), readErr, kept.Load())
	}
	if kept.Load() == 0 {
		// an empty file, or one that is no dump, would empty the index
		imp.Abort(ctx)
		return fmt.Errorf("%s: no Wikidata item of a kind quotewire keeps in %d lines: is it Wikidata's JSON dump (latest-all.json.gz)? The index was left as it was", path, r.Stats().Lines)
	}
	n, err := imp.Commit(ctx)
	if err != nil {
		return err
	}
	el := time.Since(start)
	st := r.Stats()
	w := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "dump\t%s\n", path)
	fmt.Fprintf(w, "lines read\t%d (%.0f MB)\n", st.Lines, float64(st.Bytes)/1e6)
	fmt.Fprintf(w, "items kept\t%d: %d people, %d organisations, %d places, %d positions\n", kept.Load(),
		st.Kept[quotewire.WikidataPerson], st.Kept[quotewire.WikidataOrganization], st.Kept[quotewire.WikidataPlace], st.Kept[quotewire.WikidataPosition])
	fmt.Fprintf(w, "lines skipped\t%d\n", bad)
	fmt.Fprintf(w, "index holds\t%d items\n", n)
	fmt.Fprintf(w, "time\t%s (%.0f lines/s, %.0f MB/s of dump text)\n", el.Round(time.Millisecond), float64(st.Lines)/el.Seconds(), float64(st.Bytes)/1e6/el.Seconds())
	if pm := proc.PeakMemory(); pm > 0 {
		fmt.Fprintf(w, "peak memory\t%.0f MB\n", float64(pm)/1e6)
	}
	return w.Flush()
}

func (m *Main) wikidataLookupCommand() *cobra.Command {
	var (
		db    string
		limit int
	)
	c := &cobra.Command{
		Use:   "lookup --db DB NAME|QID",
		Short: "Show the Wikidata items a name (label or alias) or id finds in a store's index",
		Long: `lookup shows what the store's Wikidata index holds for a name, compared as
quotewire compares names (case, accents and punctuation aside), or for an
item id: every namesake, with its kind and description.

  quotewire wikidata lookup --db quotes.db "Sergei Lavrov"
  quotewire wikidata lookup --db quotes.db Q7747`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if db == "" {
				return usageError{"wikidata lookup needs --db"}
			}
			s, idx, err := openWikidataIndex(db, true)
			if err != nil {
				return err
			}
			defer s.Close()
			var items []quotewire.WikidataEntity
			if q := args[0]; len(q) > 1 && q[0] == 'Q' && strings.Trim(q[1:], "0123456789") == "" {
				e, found, err := idx.WikidataByID(c.Context(), q)
				if err != nil {
					return err
				}
				if found {
					items = append(items, e)
				}
			} else {
				items, err = idx.WikidataByName(c.Context(), q, limit)
				if err != nil {
					return err
				}
			}
			if len(items) == 0 {
				return fmt.Errorf("no Wikidata item for %q in %s (import a dump with 'quotewire wikidata import --db %s DUMP')", args[0], db, db)
			}
			w := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(w, "id\tkind\tlabel\tdescription\tpositions")
			for _, e := range items {
				var pos []string
				for _, p := range e.Positions {
					pos = append(pos, fmt.Sprintf("%s %s–%s", p.Position, p.Start, p.End))
				}
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", e.ID, e.Kind, e.Label, e.Description, strings.Join(pos, "; "))
			}
			return w.Flush()
		},
	}
	c.Flags().StringVar(&db, "db", "", "store to look in")
	c.Flags().IntVar(&limit, "limit", 20, "most items to show")
	return c
}

func (m *Main) wikidataGenerateCommand() *cobra.Command {
	var groups int
	c := &cobra.Command{
		Use:   "generate --groups N OUT.json.gz",
		Short: "Write a synthetic dump in Wikidata's format, for measuring import speed and memory",
		Long: `generate writes N groups of three items (a person with positions held, an
organisation, and a scholarly article of a class import skips, as most of
the real dump is) in the real dump's format, gzipped when OUT ends in .gz.
The same N gives the same file.

  quotewire wikidata generate --groups 1700000 /tmp/synthetic.json.gz   # 5.1 million items
  quotewire wikidata import --db /tmp/wd.db /tmp/synthetic.json.gz`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if groups <= 0 {
				return usageError{"generate needs --groups N (N > 0)"}
			}
			f, err := os.Create(args[0])
			if err != nil {
				return err
			}
			var out io.Writer = f
			var zw *gzip.Writer
			if strings.HasSuffix(args[0], ".gz") {
				zw, _ = gzip.NewWriterLevel(f, gzip.BestSpeed)
				out = zw
			}
			d := wikidata.NewDumpWriter(out, true)
			for i := 0; i < groups; i++ {
				for _, it := range wikidata.Generate(i) {
					if err := d.Write(it); err != nil {
						f.Close()
						return err
					}
				}
			}
			if err := d.Close(); err != nil {
				f.Close()
				return err
			}
			if zw != nil {
				if err := zw.Close(); err != nil {
					f.Close()
					return err
				}
			}
			return f.Close()
		},
	}
	c.Flags().IntVar(&groups, "groups", 0, "groups of three items to write")
	return c
}

func (m *Main) wikidataLinkCommand() *cobra.Command {
	var (
		db     string
		limit  int
		format string
		save   bool
		all    bool
	)
	c := &cobra.Command{
		Use:   "link --db DB",
		Short: "Link a store's most quoted speakers to Wikidata ids (--save stores the links)",
		Long: `link proposes, for the most quoted speakers of a store whose Wikidata index
is filled (see 'wikidata import'), the item each one is, by name and context:
the roles the articles give them against the positions an item held (at
the articles' dates) and its description, and the names mentioned
alongside them against its countries and description. A name alone never
links: a speaker whose namesakes the context does not tell apart, or who
has none, stays unlinked. Each proposal comes with a confidence and the
evidence that decided it. Without --save nothing changes: read the
proposals first. With --save the links are stored (and a speaker the
context no longer fits is unlinked): the speakers API and pages then show
each speaker's item. --entities links the most quoted entities of every
kind, places and organisations nobody quotes too.

Articles stored after the import are linked at ingest, each entity by its
own article's context, and two namesakes linked to different items stay
two entities; this command is for stores filled before the import, and
weighs what every article says of an entity at once.

  quotewire wikidata link --db news.db --limit 50
  quotewire wikidata link --db news.db --format jsonl > links.jsonl
  quotewire wikidata link --db news.db --limit 1000 --save`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if db == "" {
				return usageError{"wikidata link needs --db"}
			}
			if format != formatTable && format != "jsonl" {
				return usageError{fmt.Sprintf("unknown --format %q: use table or jsonl", format)}
			}
			s, idx, err := openWikidataIndex(db, true)
			if err != nil {
				return err
			}
			defer s.Close()
			var linker quotewire.WikidataLinker
			if save {
				var ok bool
				if linker, ok = s.(quotewire.WikidataLinker); !ok {
					return fmt.Errorf("the store at %s keeps no Wikidata links", db)
				}
			}
			return m.proposeLinks(c, s, idx, linker, limit, all, format)
		},
	}
	c.Flags().StringVar(&db, "db", "", "store whose speakers to link")
	c.Flags().IntVarP(&limit, "limit", "n", 100, "the most quoted speakers to link")
	c.Flags().StringVarP(&format, "format", "f", formatTable, "output format: table or jsonl")
	c.Flags().BoolVar(&save, "save", false, "store the links (and unlink speakers the context no longer fits)")
	c.Flags().BoolVar(&all, "entities", false, "link the most quoted entities of every kind (places and works that nobody quotes too), not only speakers")
	return c
}

// proposedLink is one line of 'wikidata link'.
type proposedLink struct {
	SpeakerID   int64   `json:"speaker_id"`
	Speaker     string  `json:"speaker"`
	Wikidata    string  `json:"wikidata,omitempty"`
	Label       string  `json:"label,omitempty"`
	Description string  `json:"description,omitempty"`
	Confidence  float64 `json:"confidence,omitempty"`
	Why         string  `json:"why,omitempty"`
	Candidates  int     `json:"candidates"`
}

func (m *Main) proposeLinks(c *cobra.Command, s quotewire.Store, idx quotewire.WikidataIndex, linker quotewire.WikidataLinker, limit int, all bool, format string) error {
	ctx := c.Context()
	var sps []quotewire.Speaker
	var err error
	if all {
		sps, err = s.Entities(ctx, "", "", nil, limit)
	} else {
		sps, err = s.Speakers(ctx, "", nil, limit)
	}
	if err != nil {
		return err
	}
	wl := wikidata.NewLinker(idx)
	var out []proposedLink
	for _, sp := range sps {
		full, err := s.Speaker(ctx, sp.ID, nil)
		if err != nil {
			return err
		}
		lc := wikidata.Context{Name: full.Name, Type: full.Type, Roles: full.Roles}
		for _, r := range full.RoleSpans {
			lc.Dates = append(lc.Dates, r.First, r.Last)
		}
		along, err := s.CoMentioned(ctx, sp.ID, 10)
		if err != nil {
			return err
		}
		for _, a := range along {
			lc.Alongside = append(lc.Alongside, a.Name)
		}
		l, cands, err := wl.Choose(ctx, lc, full.Aliases...)
		if err != nil {
			return err
		}
		p := proposedLink{SpeakerID: sp.ID, Speaker: full.Name, Wikidata: l.ID, Confidence: l.Confidence, Why: l.Why, Candidates: len(cands)}
		for _, e := range cands {
			if e.ID == l.ID {
				p.Label, p.Description = e.Label, e.Description
			}
		}
		out = append(out, p)
		if linker != nil && (l.ID != "" || full.Wikidata != "") {
			if err := linker.SetWikidata(ctx, sp.ID, l.ID, l.Confidence); err != nil {
				return err
			}
		}
	}
	if format == "jsonl" {
		enc := json.NewEncoder(m.Stdout)
		for _, p := range out {
			if err := enc.Encode(p); err != nil {
				return err
			}
		}
		return nil
	}
	w := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "speaker\tcandidates\twikidata\tdescription\tconfidence\twhy")
	for _, p := range out {
		conf := ""
		if p.Wikidata != "" {
			conf = fmt.Sprintf("%.2f", p.Confidence)
		}
		fmt.Fprintf(w, "%s\t%d\t%s\t%s\t%s\t%s\n", p.Speaker, p.Candidates, p.Wikidata, p.Description, conf, p.Why)
	}
	return w.Flush()
}
