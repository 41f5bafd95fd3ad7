package main

import "github.com/spf13/cobra"

// backgroundFlag registers --background on a command that writes a store.
func backgroundFlag(c *cobra.Command, on *bool) {
	c.Flags().BoolVar(on, "background", false, "run at the lowest CPU priority (nice 19), so that a server reading the same store on this machine keeps answering quickly while this runs (docs/PERFORMANCE.md, \"An ingest beside the readers\")")
}

// startBackground lowers the process's priority when on is set.
func startBackground(on bool) error {
	if !on {
		return nil
	}
	return lowerPriority()
}
