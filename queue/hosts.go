package queue

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// HostGate gives the workers of a queue, on every machine, one request at
// a time to a web host and a pause between two (fetch.Gate): a worker
// takes a host by creating its key in the queue's hosts bucket (NAME_HOSTS),
// writes it again every third of the bucket's TTL while it holds it (its
// request, then the pause), and frees it by deleting the key. A worker
// that dies holding a host frees it when the key expires, within the TTL.
// It is safe for concurrent use.
type HostGate struct {
	kv  jetstream.KeyValue
	ttl time.Duration
	// Poll is how often a waiting worker tries again (default 50ms).
	Poll time.Duration
}

// DefaultHostTTL is how long a dead worker can hold a host.
const DefaultHostTTL = 10 * time.Second

// NewHostGate returns the gate of the queue called queueName, creating
// its bucket (with ttl, DefaultHostTTL when zero) when missing.
func NewHostGate(ctx context.Context, js jetstream.JetStream, queueName string, ttl time.Duration) (*HostGate, error) {
	if ttl <= 0 {
		ttl = DefaultHostTTL
	}
	n := NamesFor(queueName)
	kv, err := js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket:      n.Hosts,
		Description: "web hosts a worker of queue " + n.Queue + " is asking now (quotewire follow --nats)",
		TTL:         ttl,
		History:     1,
		Storage:     jetstream.MemoryStorage,
	})
	if err != nil {
		return nil, fmt.Errorf("bucket %s: %w", n.Hosts, err)
	}
	return &HostGate{kv: kv, ttl: ttl, Poll: 50 * time.Millisecond}, nil
}

// Acquire waits until host is free, takes it, and returns the function
// that frees it pause after it is called. It fails when ctx ends first.
func (g *HostGate) Acquire(ctx context.Context, host string, pause time.Duration) (func(), error) {
	key := "h" + hex.EncodeToString([]byte(host)) // keys allow few characters; a host's ":" is not one
	for {
		rev, err := g.kv.Create(ctx, key, []byte(host))
		if err == nil {
			stop, last := make(chan struct{}), make(chan uint64, 1)
			go g.keep(key, host, rev, stop, last)
			return func() {
				time.AfterFunc(pause, func() {
					close(stop)
					rev := <-last // no write of ours can come after the delete
					ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
					defer cancel()
					// only our own key: once it expired, another may hold
					// the host; on failure it expires
					g.kv.Delete(ctx, key, jetstream.LastRevision(rev))
				})
			}, nil
		}
		if !errors.Is(err, jetstream.ErrKeyExists) {
			return nil, fmt.Errorf("take host %s: %w", host, err)
		}
		t := time.NewTimer(g.Poll)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
	}
}

// keep writes a held host's key again every third of the TTL until stop
// is closed, so that it outlives a long request and its pause, and then
// sends the key's last revision on last. It writes over its own revision
// only: a key that expired and was taken by another is left to it.
func (g *HostGate) keep(key, host string, rev uint64, stop chan struct{}, last chan<- uint64) {
	t := time.NewTicker(g.ttl / 3)
	defer t.Stop()
	for {
		select {
		case <-stop:
			last <- rev
			return
		case <-t.C:
			ctx, cancel := context.WithTimeout(context.Background(), g.ttl/3)
			if r, err := g.kv.Update(ctx, key, []byte(host), rev); err == nil { // a missed write only lets the key expire sooner
				rev = r
			}
			cancel()
		}
	}
}
