package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"text/tabwriter"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/spf13/cobra"

	"github.com/quotewire/quotewire/queue"
)

func (m *Main) statusCommand() *cobra.Command {
	var (
		qf     queueFlags
		format string
		last   int
	)
	c := &cobra.Command{
		Use:   "status",
		Short: "Show a distributed ingest's progress: queued, running, done, failed units",
		Long: `status reports the units of a queue ('quotewire enqueue'):

  queued    waiting for a worker
  running   handed to a worker and not yet acknowledged: being processed,
            waiting for a retry after a failure, or held by a worker that
            died (it is handed out again once its ack wait expires)
  done      processed and stored
  failed    given up after the workers' --max-deliver deliveries, with
            their reasons: the last --last dead letters are listed

  quotewire status --nats nats://queue:4222
  quotewire status --queue ru-news --format json`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			if format != "table" && format != "json" {
				return usageError{fmt.Sprintf("unknown --format %q: use table or json", format)}
			}
			js, closeNATS, err := qf.connect()
			if err != nil {
				return err
			}
			defer closeNATS()
			r, err := queue.Status(c.Context(), js, qf.queue, last)
			if errors.Is(err, jetstream.ErrStreamNotFound) {
				return fmt.Errorf("no queue %s on %s: nothing was enqueued to it", queue.NamesFor(qf.queue).Queue, qf.url)
			}
			if err != nil {
				return err
			}
			if format == "json" {
				enc := json.NewEncoder(m.Stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(r)
			}
			tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintf(tw, "queue\t%s (stream %s)\n", r.Queue, r.Stream)
			fmt.Fprintf(tw, "enqueued\t%d\n", r.Enqueued)
			fmt.Fprintf(tw, "queued\t%d\n", r.Queued)
			fmt.Fprintf(tw, "running\t%d\t(%d redelivered)\n", r.Running, r.Redelivered)
			fmt.Fprintf(tw, "done\t%d\n", r.Done)
			fmt.Fprintf(tw, "failed\t%d\n", r.Failed)
			tw.Flush()
			if len(r.Dead) > 0 {
				fmt.Fprintf(m.Stdout, "\nlast %d dead letters:\n", len(r.Dead))
				for _, d := range r.Dead {
					name := d.Unit.String()
					if name == "" {
						name = fmt.Sprintf("%q", d.Raw)
					}
					fmt.Fprintf(m.Stdout, "  %s  %s  after %d deliveries: %s\n", d.Time.Format("2006-01-02 15:04:05Z"), name, d.Deliveries, d.Reason)
				}
			}
			return nil
		},
	}
	qf.register(c)
	c.Flags().StringVar(&format, "format", "table", "output: table or json")
	c.Flags().IntVar(&last, "last", 20, "how many of the last dead letters to show")
	return c
}
