// Package natstest gives tests a NATS server with JetStream: the one
// QUOTEWIRE_TEST_NATS names (CI sets it to the machine's server), else
// one started in the test process, so that the queue's tests run
// everywhere.
package natstest

import (
	"os"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// EnvVar names the environment variable with an external server's
// address.
const EnvVar = "QUOTEWIRE_TEST_NATS"

// URL returns the address of a NATS server with JetStream for tb: the
// external one when EnvVar is set, else a new server of the test's own on
// a free local port, with its storage in a temporary folder, shut down
// when the test ends.
func URL(tb testing.TB) string {
	tb.Helper()
	if url := os.Getenv(EnvVar); url != "" {
		return url
	}
	s, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: server.RANDOM_PORT, JetStream: true,
		StoreDir: tb.TempDir(), NoLog: true, NoSigs: true})
	if err != nil {
		tb.Fatalf("start an in-process NATS server: %v", err)
	}
	go s.Start()
	if !s.ReadyForConnections(10 * time.Second) {
		s.Shutdown()
		tb.Fatal("the in-process NATS server did not start within 10s")
	}
	tb.Cleanup(func() {
		s.Shutdown()
		s.WaitForShutdown()
	})
	return s.ClientURL()
}

// Connect returns JetStream on the NATS server at url (see URL),
// connected for the test's time.
func Connect(tb testing.TB, url string) jetstream.JetStream {
	tb.Helper()
	nc, err := nats.Connect(url)
	if err != nil {
		tb.Fatalf("connect to %s: %v", url, err)
	}
	tb.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		tb.Fatalf("JetStream on %s: %v", url, err)
	}
	return js
}
