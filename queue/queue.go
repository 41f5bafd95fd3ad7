package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// keyEnqueued is the bucket key counting the units ever enqueued.
const keyEnqueued = "enqueued"

// EnsureStream creates the queue's stream and counter bucket, or updates
// the stream's settings when it exists, and returns the stream.
//
// The stream has work-queue retention (a unit is removed once a worker
// acknowledges it, or terminates it after dead-lettering it) and drops a
// unit published twice with the same path and range within two minutes
// (a retried enqueue adds nothing).
func EnsureStream(ctx context.Context, js jetstream.JetStream, n Names) (jetstream.Stream, error) {
	s, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        n.Stream,
		Description: "quotewire units of work (" + n.Work + ") and dead letters (" + n.Dead + ")",
		Subjects:    []string{n.Work, n.Dead},
		Retention:   jetstream.WorkQueuePolicy,
		Storage:     jetstream.FileStorage,
		Duplicates:  2 * time.Minute,
	})
	if err != nil {
		return nil, fmt.Errorf("stream %s: %w", n.Stream, err)
	}
	if _, err := js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket:      n.Bucket,
		Description: "quotewire queue " + n.Queue + " counters",
		Storage:     jetstream.FileStorage,
	}); err != nil {
		return nil, fmt.Errorf("bucket %s: %w", n.Bucket, err)
	}
	return s, nil
}

// EnqueueResult says what Enqueue published.
type EnqueueResult struct {
	// Published counts the units added; Duplicates those the stream
	// dropped as published already within its duplicate window.
	Published, Duplicates int
}

// Enqueue publishes units to the queue called queueName, creating its
// stream when missing, and adds them to the queue's count of enqueued
// units. Each unit is acknowledged by the server before the next is sent;
// after an error, the units before it are queued.
func Enqueue(ctx context.Context, js jetstream.JetStream, queueName string, units []Unit) (EnqueueResult, error) {
	n := NamesFor(queueName)
	var res EnqueueResult
	if _, err := EnsureStream(ctx, js, n); err != nil {
		return res, err
	}
	counted := 0
	count := func() error {
		if d := res.Published - counted; d > 0 {
			if err := addCounter(ctx, js, n, keyEnqueued, d); err != nil {
				return err
			}
			counted = res.Published
		}
		return nil
	}
	for i, u := range units {
		ack, err := js.Publish(ctx, n.Work, u.Encode(), jetstream.WithMsgID(u.String()), jetstream.WithExpectStream(n.Stream))
		if err != nil {
			if cerr := count(); cerr != nil {
				err = errors.Join(err, cerr)
			}
			return res, fmt.Errorf("enqueue %s: %w", u, err)
		}
		if ack.Duplicate {
			res.Duplicates++
		} else {
			res.Published++
		}
		if i%100 == 99 {
			if err := count(); err != nil {
				return res, err
			}
		}
	}
	return res, count()
}

// addCounter adds d to the counter key of the queue's bucket, retrying
// when another client changed it meanwhile.
func addCounter(ctx context.Context, js jetstream.JetStream, n Names, key string, d int) error {
	kv, err := js.KeyValue(ctx, n.Bucket)
	if err != nil {
		return fmt.Errorf("bucket %s: %w", n.Bucket, err)
	}
	for {
		e, err := kv.Get(ctx, key)
		switch {
		case errors.Is(err, jetstream.ErrKeyNotFound):
			_, err = kv.Create(ctx, key, []byte(strconv.Itoa(d)))
		case err == nil:
			var v int
			v, err = strconv.Atoi(string(e.Value()))
			if err != nil {
				return fmt.Errorf("counter %s in %s: %w", key, n.Bucket, err)
			}
			_, err = kv.Update(ctx, key, []byte(strconv.Itoa(v+d)), e.Revision())
		}
		if err == nil {
			return nil
		}
		if !errors.Is(err, jetstream.ErrKeyExists) && !errors.Is(err, jetstream.ErrKeyRevisionMismatch) {
			return fmt.Errorf("counter %s in %s: %w", key, n.Bucket, err)
		}
	}
}

// counter reads a counter of the queue's bucket; 0 when it was never set.
func counter(ctx context.Context, js jetstream.JetStream, n Names, key string) (int, error) {
	kv, err := js.KeyValue(ctx, n.Bucket)
	if errors.Is(err, jetstream.ErrBucketNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	e, err := kv.Get(ctx, key)
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(string(e.Value()))
}

// Delete removes the queue's stream (its units and dead letters) and its
// counter bucket; what is missing already is no error.
func Delete(ctx context.Context, js jetstream.JetStream, queueName string) error {
	n := NamesFor(queueName)
	err1 := js.DeleteStream(ctx, n.Stream)
	if errors.Is(err1, jetstream.ErrStreamNotFound) {
		err1 = nil
	}
	var errs []error
	for _, b := range []string{n.Bucket, n.Hosts} {
		err := js.DeleteKeyValue(ctx, b)
		if errors.Is(err, jetstream.ErrBucketNotFound) || errors.Is(err, jetstream.ErrStreamNotFound) {
			err = nil
		}
		errs = append(errs, err)
	}
	return errors.Join(append(errs, err1)...)
}

// DeadLetter is a unit that failed for good, as published on the dead
// letter subject.
type DeadLetter struct {
	Unit Unit `json:"unit"`
	// Raw is the message as received when it was not a unit.
	Raw string `json:"raw,omitempty"`
	// Reason is the last delivery's error.
	Reason string `json:"reason"`
	// Deliveries counts the times the unit was handed to a worker.
	Deliveries int `json:"deliveries"`
	// Worker names the worker that gave up (host and process id).
	Worker string    `json:"worker,omitempty"`
	Time   time.Time `json:"time"`
}

// Report is a queue's state, as Status reads it.
type Report struct {
	Queue  string `json:"queue"`
	Stream string `json:"stream"`
	// Enqueued counts the units ever enqueued.
	Enqueued int `json:"enqueued"`
	// Queued counts the units waiting for a worker; Running those handed
	// to a worker and not yet acknowledged (being processed, or waiting
	// for a retry after a failure, or held by a worker that died until its
	// ack wait expires).
	Queued  int `json:"queued"`
	Running int `json:"running"`
	// Done counts the units processed; Failed the dead letters.
	Done   int `json:"done"`
	Failed int `json:"failed"`
	// Redelivered counts the running units handed out more than once.
	Redelivered int `json:"redelivered"`
	// Dead are the last dead letters, oldest first.
	Dead []DeadLetter `json:"dead_letters"`
}

// Finished reports whether no unit is queued or running.
func (r *Report) Finished() bool { return r.Queued == 0 && r.Running == 0 }

// Status reports the state of the queue called queueName with its last
// lastDead dead letters. It returns an error wrapping
// jetstream.ErrStreamNotFound when nothing was ever enqueued to it.
//
// Queued and running come from the stream and its consumer; failed is the
// number of dead letters; done is what remains of the enqueued units.
func Status(ctx context.Context, js jetstream.JetStream, queueName string, lastDead int) (*Report, error) {
	n := NamesFor(queueName)
	r := &Report{Queue: n.Queue, Stream: n.Stream, Dead: []DeadLetter{}}
	s, err := js.Stream(ctx, n.Stream)
	if err != nil {
		return nil, fmt.Errorf("queue %s (stream %s): %w", n.Queue, n.Stream, err)
	}
	si, err := s.Info(ctx, jetstream.WithSubjectFilter(n.Queue+".*"))
	if err != nil {
		return nil, fmt.Errorf("stream %s: %w", n.Stream, err)
	}
	work := int(si.State.Subjects[n.Work])
	r.Failed = int(si.State.Subjects[n.Dead])
	if ci, err := s.Consumer(ctx, n.Consumer); err == nil {
		info := ci.CachedInfo()
		r.Running = info.NumAckPending
		r.Redelivered = info.NumRedelivered
	} else if !errors.Is(err, jetstream.ErrConsumerNotFound) {
		return nil, fmt.Errorf("consumer %s: %w", n.Consumer, err)
	}
	r.Queued = max(work-r.Running, 0)
	if r.Enqueued, err = counter(ctx, js, n, keyEnqueued); err != nil {
		return nil, fmt.Errorf("bucket %s: %w", n.Bucket, err)
	}
	r.Done = max(r.Enqueued-work-r.Failed, 0)
	if lastDead > 0 && r.Failed > 0 {
		if r.Dead, err = deadLetters(ctx, s, n, si.State.FirstSeq, lastDead); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// deadLetters reads the last n dead letters of the stream, walking them
// from sequence first on.
func deadLetters(ctx context.Context, s jetstream.Stream, names Names, first uint64, n int) ([]DeadLetter, error) {
	var ring []DeadLetter
	for seq := max(first, 1); ; {
		m, err := s.GetMsg(ctx, seq, jetstream.WithGetMsgSubject(names.Dead))
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("dead letters of %s: %w", names.Stream, err)
		}
		var d DeadLetter
		if err := json.Unmarshal(m.Data, &d); err != nil {
			d = DeadLetter{Raw: string(m.Data), Reason: "unreadable dead letter: " + err.Error(), Time: m.Time}
		}
		ring = append(ring, d)
		if len(ring) > n {
			ring = ring[1:]
		}
		seq = m.Sequence + 1
	}
	return ring, nil
}
