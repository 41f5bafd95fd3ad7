package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"
	"github.com/vbauerster/mpb/v8"
	"golang.org/x/term"
)

// isTerminal reports whether f is a terminal.
func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// progressBarWidth is the width of a progress bar's bar (every AddBar
// passes mpb.BarWidth(progressBarWidth)), and progressDefaultWidth the
// line width assumed where the terminal reports none.
const (
	progressBarWidth     = 30
	progressDefaultWidth = 100
)

// plainWriter hides that it writes to a terminal, so that mpb draws at the
// width it is given instead of asking the terminal.
type plainWriter struct{ io.Writer }

// newProgress starts the progress display on w, which the user asked for
// (--progress on, or auto on a terminal): it refreshes whatever w is, and
// on a terminal that reports no size (a serial console, some CI runners)
// draws at a default width instead of nothing.
func newProgress(w io.Writer) *mpb.Progress {
	out := w
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if width, _, err := term.GetSize(int(f.Fd())); err != nil || width <= 0 {
			out = plainWriter{w}
		}
	}
	return mpb.New(mpb.WithOutput(out), mpb.WithWidth(progressDefaultWidth), mpb.WithRefreshRate(200*time.Millisecond), mpb.WithAutoRefresh())
}

// progressFlag registers --progress on c, into *mode.
func progressFlag(c *cobra.Command, mode *string) {
	c.Flags().StringVar(mode, "progress", "auto", "progress bar on standard error: auto (when it is a terminal), on or off")
}

// showProgress says whether a --progress mode draws a bar here, or why
// the mode is not one.
func (m *Main) showProgress(mode string) (bool, error) {
	switch mode {
	case "on":
		return true, nil
	case "off":
		return false, nil
	case "auto":
		return m.StderrIsTerminal, nil
	}
	return false, usageError{fmt.Sprintf("unknown --progress %q: use auto, on or off", mode)}
}
