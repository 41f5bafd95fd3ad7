package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer safe for concurrent use: the server
// writes its log while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// startServe runs quotewire serve in-process on a free port and returns
// its base URL, its standard error and a function that stops it and
// returns its exit code.
func startServe(t *testing.T, args ...string) (string, *lockedBuffer, func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stderr := &lockedBuffer{}
	m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: stderr}
	done := make(chan int, 1)
	go func() { done <- m.Run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)) }()
	re := regexp.MustCompile(`serving .* on (http://[0-9.:]+) `)
	deadline := time.Now().Add(30 * time.Second)
	for {
		if m := re.FindStringSubmatch(stderr.String()); m != nil {
			stop := func() int {
				cancel()
				select {
				case code := <-done:
					return code
				case <-time.After(15 * time.Second):
					t.Fatalf("serve did not stop; stderr:\n%s", stderr)
					return -1
				}
			}
			return m[1], stderr, stop
		}
		select {
		case code := <-done:
			cancel()
			t.Fatalf("serve exited with %d before serving:\n%s", code, stderr)
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("serve did not start:\n%s", stderr)
		}
	}
}

func TestServe(t *testing.T) {
	const token = "test-token-0123456789"
	db := filepath.Join(t.TempDir(), "news.db")
	base, stderr, stop := startServe(t, "--db", db, "--token", token, "--rules-only")

	get := func(path string) (int, string) {
		t.Helper()
		res, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	if code, body := get("/healthz"); code != 200 || !strings.Contains(body, `"ok"`) {
		t.Errorf("healthz: %d %s", code, body)
	}

	post := func(auth, body string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest("POST", base+"/api/articles", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-ndjson")
		if auth != "" {
			req.Header.Set("Authorization", "Bearer "+auth)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	articles := `{"id":"s1","url":"https://www.example.org/s1","date":"2024-05-01","text":"\"We will appeal the ruling,\" Jane Smith said on Monday."}
{"id":"s2","url":"https://example.org/s2","text":"\u0000\u0001\u0002binary"}
`
	if code, body := post("wrong", articles); code != 401 {
		t.Errorf("wrong token: %d %s", code, body)
	}
	code, body := post(token, articles)
	if code != 200 {
		t.Fatalf("post: %d %s", code, body)
	}
	var res struct {
		Added, Skipped int
		Keys, Problems []string
	}
	if err := json.Unmarshal([]byte(body), &res); err != nil {
		t.Fatal(err)
	}
	if res.Added != 1 || len(res.Keys) != 2 || res.Keys[0] == "" || res.Keys[1] != "" || len(res.Problems) != 1 || !strings.HasPrefix(res.Problems[0], `record 2 (id "s2")`) {
		t.Errorf("post result = %+v", res)
	}
	if code, body := post(token, articles); code != 200 || !strings.Contains(body, `"skipped":1`) {
		t.Errorf("second post: %d %s", code, body)
	}
	if code, body := get("/api/quotes?q=appeal"); code != 200 || !strings.Contains(body, "Jane Smith") || !strings.Contains(body, `"outlet":"example.org"`) {
		t.Errorf("search after post: %d %s", code, body)
	}
	if code, body := get("/api/articles/" + res.Keys[0]); code != 200 || !strings.Contains(body, `"role":"content"`) {
		t.Errorf("article: %d %s", code, body)
	}

	if code := stop(); code != 0 {
		t.Errorf("exit code %d after shutdown, want 0:\n%s", code, stderr)
	}
	log := stderr.String()
	for _, want := range []string{"(the web UI at /, the API at /api, OpenAPI at /openapi.json)", "route=\"POST /api/articles\"", "shutting down", "stopped"} {
		if !strings.Contains(log, want) {
			t.Errorf("stderr lacks %q:\n%s", want, log)
		}
	}
	if strings.Contains(log, token) {
		t.Errorf("the token is in the log:\n%s", log)
	}
	if _, err := http.Get(base + "/healthz"); err == nil {
		t.Errorf("the server still answers after shutdown")
	}
}

func TestServeReadOnly(t *testing.T) {
	t.Setenv("QUOTEWIRE_TOKEN", "")
	base, _, stop := startServe(t, "--db", filepath.Join(t.TempDir(), "ro.db"))
	defer stop()
	res, err := http.Post(base+"/api/articles", "application/json", strings.NewReader(`{"text":"x"}`))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 403 || !strings.Contains(string(b), "writes are disabled") {
		t.Errorf("post without a token: %d %s", res.StatusCode, b)
	}
}

func TestServeHelpHidesToken(t *testing.T) {
	t.Setenv("QUOTEWIRE_TOKEN", "env-secret-value")
	code, out, stderr := run(t, "", "serve", "--help")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if strings.Contains(out+stderr, "env-secret-value") {
		t.Errorf("--help shows the token from the environment")
	}
	for _, want := range []string{"curl", "QUOTEWIRE_TOKEN", "--addr", "/openapi.json"} {
		if !strings.Contains(out, want) {
			t.Errorf("--help lacks %q", want)
		}
	}
}

func TestServeUsage(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--log-format", "xml"}, "--log-format"},
		{[]string{"serve", "--max-body", "0"}, "--max-body"},
		{[]string{"serve", "extra"}, "unknown command"},
	}
	for _, tt := range tests {
		code, _, stderr := run(t, "", tt.args...)
		if code == 0 || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want a failure mentioning %q", tt.args, code, stderr, tt.want)
		}
	}
}
