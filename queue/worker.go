package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Handler processes one unit. It returns nil only when all of the unit's
// work is durable: the unit is then acknowledged and never delivered
// again. An error makes the unit be delivered again later, to this worker
// or another, so a Handler must be idempotent. When ctx is cancelled the
// Handler should stop early and return ctx's error; the unit is then
// handed back at once.
type Handler func(ctx context.Context, u Unit) error

// The Worker's defaults and bounds.
const (
	// DefaultAckWait is how long the server waits for word from a unit's
	// worker (an acknowledgement or a heartbeat) before it hands the unit
	// to another worker: a killed worker's unit is resumed elsewhere within
	// this time (and, when every other worker is busy, once one is free).
	DefaultAckWait = 15 * time.Second
	// MinAckWait is the shortest AckWait a Worker accepts.
	MinAckWait = 2 * time.Second
	// HeartbeatsPerAckWait is how many heartbeats a worker sends per ack
	// wait while it holds a unit: a live worker loses its unit only when
	// its heartbeats do not reach the server for a whole ack wait
	// (HeartbeatsPerAckWait-1 or more in a row lost or late).
	HeartbeatsPerAckWait = 4
	DefaultMaxDeliver    = 5
	DefaultRetryDelay    = 10 * time.Second
	maxRetryDelay        = 10 * time.Minute
)

// HeartbeatInterval is how often a worker tells the server that a unit it
// holds is in progress, for a consumer whose ack wait is ackWait.
func HeartbeatInterval(ackWait time.Duration) time.Duration {
	return ackWait / HeartbeatsPerAckWait
}

// Worker pulls units from a queue and hands them to a Handler, Workers at
// a time.
//
// AckWait is the one setting of liveness: Run makes it the consumer's ack
// wait, and while a unit is held — from its receipt until it is
// acknowledged, handed back or dead-lettered, whatever the Handler is doing
// (storing a batch, analysing one huge article, finishing after a
// cancellation) — a goroutine of its own tells the server every
// HeartbeatInterval(AckWait) that it is in progress. So a unit may take
// any time on a live worker and is never handed to another meanwhile,
// while a unit whose worker died (killed, its machine or network gone: no
// acknowledgement, no heartbeat for AckWait) is delivered again to another
// worker within AckWait. The consumer is shared by every worker of the
// queue and the last one started sets its ack wait; a running worker reads
// it back as often as it sends heartbeats and paces its heartbeats on the
// shorter of its own AckWait and the consumer's.
//
// A unit whose Handler fails is handed back with a delay of RetryDelay,
// doubled at each further delivery (at most ten minutes). At its
// MaxDeliver-th failed delivery — or when it is delivered a time more
// after MaxDeliver deliveries whose workers all died — it is published to
// the dead-letter subject with the reason and removed from the queue.
type Worker struct {
	// JS is the JetStream context; Queue names the queue (DefaultQueue
	// when empty).
	JS    jetstream.JetStream
	Queue string
	// Handle processes a unit.
	Handle Handler
	// Workers is how many units are processed at once (1 when below 1).
	Workers int
	// AckWait, MaxDeliver and RetryDelay default to DefaultAckWait,
	// DefaultMaxDeliver and DefaultRetryDelay when zero; AckWait may not be
	// below MinAckWait.
	AckWait    time.Duration
	MaxDeliver int
	RetryDelay time.Duration
	// ExitWhenEmpty makes Run return once the queue holds no unit at all,
	// neither waiting nor being processed by any worker.
	ExitWhenEmpty bool
	// Logf, when not nil, is told of each unit's outcome, of each unit
	// delivered again, and of a change of the consumer's ack wait made by
	// another worker.
	Logf func(format string, args ...any)
	// Name names this worker in dead letters (default host:pid).
	Name string
	// Counters, when not nil, is kept up to date while Run runs, for
	// monitoring.
	Counters *Counters
}

// WorkerStats counts what Run did.
type WorkerStats struct {
	Done, Retried, Dead, Interrupted int
}

// Counters count what a Worker does while it runs, for monitoring: every
// field may be read at any time, from any goroutine. The zero value is
// ready to use, and several Workers may share one Counters. A Counters
// must not be copied.
type Counters struct {
	// Done, Retried, Dead and Interrupted count the units by outcome, as
	// WorkerStats does.
	Done, Retried, Dead, Interrupted atomic.Int64
	// Running is the number of units being processed now: received and
	// not yet acknowledged, handed back or dead-lettered.
	Running atomic.Int64
	// Errors counts the failures met: a unit whose Handler failed (not
	// counting interruptions) or that could not be processed at all (not a
	// unit, or delivered too often), and a request the server refused or
	// did not answer (pull, heartbeat, acknowledgement, hand-back, dead
	// letter, reading the consumer's ack wait).
	Errors atomic.Int64
}

// countError adds one to the Errors counter, if any.
func (w *Worker) countError() {
	if w.Counters != nil {
		w.Counters.Errors.Add(1)
	}
}

func (w *Worker) logf(format string, args ...any) {
	if w.Logf != nil {
		w.Logf(format, args...)
	}
}

// Consumer creates or updates the queue's stream and its durable pull
// consumer with w's settings, and returns the consumer. The consumer's
// own MaxDeliver is one more than w's, so that a unit whose every worker
// died still comes back once, to be dead-lettered.
//
// An existing consumer takes w's AckWait, and the server applies it at
// once to the units already handed out: a unit held by a worker that died
// under a longer ack wait (such as the 2 minutes of earlier versions)
// comes back within the new AckWait of its last heartbeat. A live worker
// of an earlier version, whose heartbeats are paced on its longer ack
// wait, can lose its unit to another worker this way (which redoes it:
// Handlers are idempotent); stop such workers before, or give the new ones
// their ack wait.
func (w *Worker) Consumer(ctx context.Context) (jetstream.Consumer, error) {
	w.defaults()
	if w.AckWait < MinAckWait {
		return nil, fmt.Errorf("ack wait %s: must be at least %s", w.AckWait, MinAckWait)
	}
	n := NamesFor(w.Queue)
	s, err := EnsureStream(ctx, w.JS, n)
	if err != nil {
		return nil, err
	}
	c, err := s.CreateOrUpdateConsumer(ctx, jetstream.ConsumerConfig{
		Durable:       n.Consumer,
		Description:   "quotewire workers",
		FilterSubject: n.Work,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       w.AckWait,
		MaxDeliver:    w.MaxDeliver + 1,
		DeliverPolicy: jetstream.DeliverAllPolicy,
	})
	if err != nil {
		return nil, fmt.Errorf("consumer %s on %s: %w", n.Consumer, n.Stream, err)
	}
	return c, nil
}

func (w *Worker) defaults() {
	if w.AckWait <= 0 {
		w.AckWait = DefaultAckWait
	}
	if w.MaxDeliver <= 0 {
		w.MaxDeliver = DefaultMaxDeliver
	}
	if w.RetryDelay <= 0 {
		w.RetryDelay = DefaultRetryDelay
	}
	if w.Workers < 1 {
		w.Workers = 1
	}
	if w.Name == "" {
		h, _ := os.Hostname()
		w.Name = fmt.Sprintf("%s:%d", h, os.Getpid())
	}
}

// Run processes units until ctx is cancelled (or, with ExitWhenEmpty,
// until the queue is empty). On cancellation the units being processed
// are handed back to the queue once their Handlers return. Run returns
// nil after a cancellation; it returns an error only when it cannot set
// up the consumer (or AckWait is below MinAckWait).
func (w *Worker) Run(ctx context.Context) (WorkerStats, error) {
	var st WorkerStats
	c, err := w.Consumer(ctx)
	if err != nil {
		return st, err
	}
	n := NamesFor(w.Queue)
	p := &pace{own: w.AckWait}
	if ci := c.CachedInfo(); ci != nil {
		p.set(ci.Config.AckWait)
	}
	wctx, stopWatch := context.WithCancel(ctx)
	var watch sync.WaitGroup
	watch.Go(func() { w.watchAckWait(wctx, c, p) })
	defer func() {
		stopWatch()
		watch.Wait()
	}()
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range w.Workers {
		wg.Go(func() {
			for ctx.Err() == nil {
				msg, err := c.Next(jetstream.FetchMaxWait(time.Second))
				if err != nil {
					if !errors.Is(err, nats.ErrTimeout) && !errors.Is(err, jetstream.ErrNoMessages) && !errors.Is(err, context.DeadlineExceeded) {
						w.countError()
						w.logf("pull from %s: %v", n.Stream, err)
						sleep(ctx, time.Second)
					}
					if w.ExitWhenEmpty && w.empty(ctx, n) {
						return
					}
					continue
				}
				if w.Counters != nil {
					w.Counters.Running.Add(1)
				}
				out := w.handle(ctx, n, msg, p)
				if c := w.Counters; c != nil {
					switch out {
					case outDone:
						c.Done.Add(1)
					case outRetry:
						c.Retried.Add(1)
					case outDead:
						c.Dead.Add(1)
					case outInterrupted:
						c.Interrupted.Add(1)
					}
					c.Running.Add(-1)
				}
				mu.Lock()
				switch out {
				case outDone:
					st.Done++
				case outRetry:
					st.Retried++
				case outDead:
					st.Dead++
				case outInterrupted:
					st.Interrupted++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return st, nil
}

// empty reports whether the queue holds no unit, waiting or running.
func (w *Worker) empty(ctx context.Context, n Names) bool {
	s, err := w.JS.Stream(ctx, n.Stream)
	if err != nil {
		return false
	}
	si, err := s.Info(ctx, jetstream.WithSubjectFilter(n.Work))
	return err == nil && si.State.Subjects[n.Work] == 0
}

type outcome int

const (
	outDone outcome = iota
	outRetry
	outDead
	outInterrupted
)

// handle processes one message and settles it: ack, nak with delay, or
// dead letter and term. Heartbeats keep the message the worker's from its
// receipt until it is settled.
func (w *Worker) handle(ctx context.Context, n Names, msg jetstream.Msg, p *pace) outcome {
	deliveries := 1
	if md, err := msg.Metadata(); err == nil {
		deliveries = int(md.NumDelivered)
	}
	u, err := Decode(msg.Data())
	what := u.String()
	if err != nil {
		what = "message " + msgSeq(msg)
	}
	// heartbeats, from a goroutine of their own: the unit may take longer
	// than the ack wait, the Handler may be blocked (a batch being stored,
	// one huge article analysed, a slow finish after a cancellation) and
	// settling may take a while
	defer w.heartbeats(msg, what, p)()
	if err != nil {
		w.countError()
		sctx, cancel := settling(ctx)
		defer cancel()
		return w.dead(sctx, n, msg, DeadLetter{Unit: u, Raw: string(msg.Data()), Reason: err.Error(), Deliveries: deliveries})
	}
	if deliveries > w.MaxDeliver {
		w.countError()
		sctx, cancel := settling(ctx)
		defer cancel()
		return w.dead(sctx, n, msg, DeadLetter{Unit: u, Deliveries: deliveries,
			Reason: fmt.Sprintf("delivered %d times without an answer: the workers died or hung (ack wait %s)", deliveries-1, p.ackWait())})
	}
	if ctx.Err() != nil {
		msg.Nak()
		return outInterrupted
	}
	if deliveries > 1 {
		w.logf("%s: resuming (delivery %d of %d)", u, deliveries, w.MaxDeliver)
	}

	start := time.Now()
	err = w.Handle(ctx, u)
	if err != nil && (ctx.Err() == nil || !errors.Is(err, ctx.Err())) {
		w.countError()
	}
	// the time to settle starts now, however long the unit took
	sctx, cancel := settling(ctx)
	defer cancel()

	switch {
	case err == nil:
		if aerr := msg.DoubleAck(sctx); aerr != nil {
			w.countError()
			// the unit comes back after the ack wait; its work is stored
			// and the Handler skips it
			w.logf("%s: done in %s, but the acknowledgement failed: %v", u, time.Since(start).Round(time.Millisecond), aerr)
			return outRetry
		}
		w.logf("%s: done in %s", u, time.Since(start).Round(time.Millisecond))
		return outDone
	case ctx.Err() != nil && errors.Is(err, ctx.Err()):
		if nerr := msg.Nak(); nerr != nil {
			w.countError()
			w.logf("%s: interrupted; handing it back failed (it comes back after the ack wait): %v", u, nerr)
		} else {
			w.logf("%s: interrupted, handed back to the queue", u)
		}
		return outInterrupted
	case deliveries >= w.MaxDeliver:
		return w.dead(sctx, n, msg, DeadLetter{Unit: u, Reason: err.Error(), Deliveries: deliveries})
	default:
		d := w.retryDelay(deliveries)
		w.logf("%s: delivery %d of %d failed, retry in %s: %v", u, deliveries, w.MaxDeliver, d, err)
		if nerr := msg.NakWithDelay(d); nerr != nil {
			w.countError()
			w.logf("%s: nak: %v", u, nerr)
		}
		return outRetry
	}
}

// heartbeats tells the server that msg is in progress every heartbeat
// interval (p), from a goroutine of its own, until the returned function
// is called or msg is settled.
func (w *Worker) heartbeats(msg jetstream.Msg, what string, p *pace) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTimer(p.every())
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			if err := msg.InProgress(); errors.Is(err, jetstream.ErrMsgAlreadyAckd) {
				return // settled meanwhile
			} else if err != nil {
				w.countError()
				w.logf("%s: in-progress heartbeat: %v", what, err)
			}
			t.Reset(p.every())
		}
	})
	return func() {
		close(done)
		wg.Wait()
	}
}

// pace is a running Worker's heartbeat interval: HeartbeatInterval of the
// shorter of its own ack wait and the consumer's as last read (another
// worker may have set it).
type pace struct {
	own      time.Duration
	consumer atomic.Int64 // nanoseconds; 0 until read
}

// ackWait is the ack wait the heartbeats keep up with.
func (p *pace) ackWait() time.Duration {
	if c := time.Duration(p.consumer.Load()); c > 0 && c < p.own {
		return c
	}
	return p.own
}

// every is the heartbeat interval.
func (p *pace) every() time.Duration { return HeartbeatInterval(p.ackWait()) }

// set records the consumer's ack wait, reporting whether it changed.
func (p *pace) set(consumer time.Duration) (changed bool) {
	return time.Duration(p.consumer.Swap(int64(consumer))) != consumer
}

// watchAckWait reads the consumer's ack wait at every heartbeat interval
// until ctx is done, so that the heartbeats keep up when a worker started
// later sets a shorter one.
func (w *Worker) watchAckWait(ctx context.Context, c jetstream.Consumer, p *pace) {
	for {
		sleep(ctx, p.every())
		if ctx.Err() != nil {
			return
		}
		ci, err := c.Info(ctx)
		if err != nil {
			if ctx.Err() == nil {
				w.countError()
				w.logf("consumer info: %v", err)
			}
			continue
		}
		if a := ci.Config.AckWait; a > 0 && p.set(a) {
			w.logf("the consumer's ack wait is now %s, set by another worker (this one's is %s): heartbeats every %s",
				a, w.AckWait, p.every())
		}
	}
}

// msgSeq is the message's stream sequence, for messages.
func msgSeq(msg jetstream.Msg) string {
	if md, err := msg.Metadata(); err == nil {
		return fmt.Sprint(md.Sequence.Stream)
	}
	return "?"
}

// settling returns the context for settling a message (acknowledgement,
// hand-back, dead letter): it must reach the server even while shutting
// down, within a bound of its own, counted from when settling starts.
func settling(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), settleTimeout)
}

// settleTimeout bounds settling a message (tests shorten it).
var settleTimeout = 10 * time.Second

// retryDelay is the back-off after the given number of failed deliveries.
func (w *Worker) retryDelay(deliveries int) time.Duration {
	d := w.RetryDelay
	for i := 1; i < deliveries && d < maxRetryDelay; i++ {
		d *= 2
	}
	return min(d, maxRetryDelay)
}

// dead publishes a dead letter and then removes the unit from the queue;
// when the dead letter cannot be published the unit is handed back.
func (w *Worker) dead(ctx context.Context, n Names, msg jetstream.Msg, d DeadLetter) outcome {
	d.Worker, d.Time = w.Name, time.Now().UTC()
	data, _ := json.Marshal(d)
	opts := []jetstream.PublishOpt{jetstream.WithExpectStream(n.Stream)}
	if md, err := msg.Metadata(); err == nil {
		// a unit dead-lettered twice (its Term lost) is one dead letter
		opts = append(opts, jetstream.WithMsgID(fmt.Sprintf("dead-%d", md.Sequence.Stream)))
	}
	if _, err := w.JS.Publish(ctx, n.Dead, data, opts...); err != nil {
		w.countError()
		w.logf("%s: publish dead letter: %v (the unit stays queued)", d.Unit, err)
		msg.NakWithDelay(w.RetryDelay)
		return outRetry
	}
	if err := msg.Term(); err != nil {
		w.countError()
		w.logf("%s: term: %v", d.Unit, err)
	}
	w.logf("%s: dead letter after %d deliveries: %s", d.Unit, d.Deliveries, d.Reason)
	return outDead
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}
