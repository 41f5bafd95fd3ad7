// Command quotewire turns news into a record of who said what, when,
// where and about whom. Run `quotewire --help` for the subcommands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/quotewire/quotewire"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// exit codes
const (
	exitOK      = 0
	exitFailed  = 1 // some input failed; the rest was processed
	exitUsage   = 2
	exitAborted = 3
)

// errPartial reports that some inputs failed while the rest went through.
var errPartial = errors.New("some inputs failed")

// usageError is an error in the command line; the message says what to do.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// flagError turns a parameter a check refused (quotewire.ParamError) into
// a usage error naming the flag as it is written ("--min-confidence"),
// with the words the API uses; other errors of a bad query are usage
// errors as they are.
func flagError(err error) error {
	if pe, ok := quotewire.AsParamError(err); ok {
		return usageError{pe.Message("--" + strings.ReplaceAll(pe.Param, "_", "-"))}
	}
	return usageError{strings.TrimPrefix(err.Error(), quotewire.ErrBadQuery.Error()+": ")}
}

// Main holds the command's I/O so tests can run it in-process.
type Main struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// StdinIsTerminal tells whether standard input is a terminal (then
	// extract without arguments prints usage instead of waiting).
	StdinIsTerminal bool
	// StderrIsTerminal tells whether standard error is a terminal (then
	// long runs show a progress bar).
	StderrIsTerminal bool
}

// NewMain returns a Main wired to the process's standard streams.
func NewMain() *Main {
	return &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, StdinIsTerminal: isTerminal(os.Stdin), StderrIsTerminal: isTerminal(os.Stderr)}
}

// Run executes the command line args (without the program name) and
// returns the process exit code.
func (m *Main) Run(ctx context.Context, args []string) int {
	root := m.rootCommand()
	root.SetArgs(args)
	root.SetIn(m.Stdin)
	root.SetOut(m.Stdout)
	root.SetErr(m.Stderr)
	err := root.ExecuteContext(ctx)
	if err != nil && cobraUsage(err) {
		err = usageError{fmt.Sprintf("%v (see 'quotewire --help')", err)}
	}
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errPartial):
		fmt.Fprintf(m.Stderr, "quotewire: %v\n", err)
		return exitFailed
	case errors.As(err, &ue):
		fmt.Fprintf(m.Stderr, "quotewire: %v\n", err)
		return exitUsage
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(m.Stderr, "quotewire: interrupted")
		return exitAborted
	default:
		fmt.Fprintf(m.Stderr, "quotewire: %v\n", err)
		return exitFailed
	}
}

// countFlags are the flags that count something a command does at once
// or together, which must be 1 or more.
var countFlags = []string{"workers", "batch", "rounds", "editions", "urls"}

// checkCounts refuses a count flag below 1 ("--workers 0"), with the words
// every other parameter check uses.
func checkCounts(c *cobra.Command) error {
	for _, name := range countFlags {
		f := c.Flags().Lookup(name)
		if f == nil || f.Value.Type() != "int" {
			continue
		}
		n, err := c.Flags().GetInt(name)
		if err != nil {
			return usageError{err.Error()}
		}
		if err := quotewire.CheckRange(name, n, 1, 1<<20); err != nil {
			return flagError(err)
		}
	}
	return nil
}

// cobraUsage reports whether err is cobra's own word on a command line
// it could not run: an unknown command, or too many or too few
// arguments.
func cobraUsage(err error) bool {
	var ue usageError
	if errors.As(err, &ue) {
		return false
	}
	msg := err.Error()
	for _, p := range []string{"unknown command ", "accepts ", "requires at least ", "requires at most ", "unknown flag", "invalid argument"} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

func (m *Main) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "quotewire",
		Short: "Who said what, when, where and about whom — from news text",
		Long: `quotewire reads news articles (plain text, HTML, JSON Lines, CSV, RSS/Atom,
WARC) and finds every quote in them: direct and indirect, with its cue
("said", "according to"), the mention that names its source ("he", "the
minister") and the speaker it resolves to, plus the article's date,
dateline, agency, entities and repeated sentences. Offsets are UTF-8 byte
offsets into the output text. ingest keeps the results in a searchable
store, with speakers resolved across articles.

Examples:
  quotewire extract article.txt                 # one article, pretty JSON
  quotewire extract --format table page.html    # a human-readable summary
  quotewire extract corpus.jsonl > out.jsonl    # one JSON line per article
  cat story.txt | quotewire extract -           # from standard input
  quotewire eval gold.jsonl                     # score against PolNeAR-style gold
  quotewire bench corpus.jsonl                  # measure speed on your corpus
  quotewire ingest --db news.db archive/        # analyse a corpus into a store
  quotewire search --db news.db --speaker Lavrov sanctions
  quotewire export --db news.db > quotations.jsonl

Settings: every flag can also come from the environment, QUOTEWIRE_<FLAG>
(QUOTEWIRE_DB, QUOTEWIRE_NATS, QUOTEWIRE_MAX_BODY...), or from a JSON
settings file (--config, $QUOTEWIRE_CONFIG, else ./quotewire.json) holding
settings for every command and sections per command:

  {"db": "postgres://qw@db:5432/news", "nats": "nats://queue:4222",
   "serve": {"addr": ":8080"}, "worker": {"workers": 2}}

A flag on the command line wins over the environment, which wins over the
file.`,
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	var configPath string
	root.PersistentFlags().StringVar(&configPath, "config", "", "settings file (JSON; default $QUOTEWIRE_CONFIG, else ./quotewire.json if present)")
	root.PersistentPreRunE = func(c *cobra.Command, args []string) error {
		if err := applySettings(c, configPath); err != nil {
			return err
		}
		return checkCounts(c)
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{fmt.Sprintf("%s (see 'quotewire %s --help')", flagErrorWords(err), c.Name())}
	})
	root.AddCommand(m.extractCommand(), m.evalCommand(), m.evalSpeakersCommand(), m.benchCommand(), m.trainCommand(),
		m.ingestCommand(), m.statsCommand(), m.searchCommand(), m.exportCommand(), m.reanalyzeCommand(), m.benchStoreCommand(), m.benchWorkersCommand(), m.benchServeCommand(), m.serveCommand(), m.demoCommand(), m.enqueueCommand(), m.workerCommand(), m.statusCommand(), m.wikidataCommand(), m.explainEntityCommand(), m.evalLinksCommand(), m.followCommand(), m.feedsCommand())
	return root
}

// defaultMemoryLimit is the Go heap's soft limit unless GOMEMLIMIT says
// otherwise: a 20 MB article (about 350 MB of live analysis at its peak)
// stays under 1 GB resident (800 MB measured), where the limit of 2 GiB used before let it
// reach 1.6 GB for no gain in time (docs/PERFORMANCE.md, "A 20 MB
// article"). Many workers on giant articles at once may need more:
// GOMEMLIMIT=4GiB raises it.
const defaultMemoryLimit = 800 << 20

// tuneGC trades memory for speed: quotewire allocates many short-lived
// tokens, and collecting less often makes extraction about 15% faster. A
// soft memory limit keeps large inputs in check. GOGC and GOMEMLIMIT, when
// set, win.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
}

func main() {
	tuneGC()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := NewMain().Run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

// flagErrorWords says what is wrong with a flag in the user's words: a
// value the flag's type cannot read names the flag, the value and what to
// write instead (pflag's own message names Go's parser).
func flagErrorWords(err error) string {
	var bad *pflag.InvalidValueError
	if !errors.As(err, &bad) {
		return err.Error()
	}
	var want string
	switch bad.GetFlag().Value.Type() {
	case "int", "int64", "int32", "uint", "uint64", "uint32":
		want = "a whole number"
	case "intSlice", "int64Slice", "uintSlice":
		want = "whole numbers separated by commas, e.g. 1,4,20"
	case "float64", "float32":
		want = "a number"
	case "duration":
		want = "a duration such as 500ms, 5s or 2m"
	case "bool":
		want = "true or false"
	default:
		// a flag type of quotewire's own: its Set says what to write
		return fmt.Sprintf("--%s %q: %v", bad.GetFlag().Name, bad.GetValue(), bad.Unwrap())
	}
	return fmt.Sprintf("--%s %q: write %s", bad.GetFlag().Name, bad.GetValue(), want)
}
