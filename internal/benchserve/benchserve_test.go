package benchserve

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// fakeAPI answers the API calls BuildTargets makes, from two speakers'
// quotes, and counts every other request.
func fakeAPI(t *testing.T, other func(w http.ResponseWriter, r *http.Request)) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/top-speakers", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"speakers": [{"id": 7, "name": "Sergey Lavrov", "quotes": 40}, {"id": 9, "name": "Hillary Clinton", "quotes": 12}]}`)
	})
	mux.HandleFunc("GET /api/quotes", func(w http.ResponseWriter, r *http.Request) {
		var hits []string
		for i := range 20 {
			hits = append(hits, fmt.Sprintf(`{"text": "contacts with the organisation on Syria are important number%d", "speaker": "Sergey Lavrov",
				"article": "key%s%d", "date": "201%d-0%d-04", "outlet": "outlet%d.example", "quotation_id": %d}`,
				i, r.URL.Query().Get("speaker_id"), i, i%10, 1+i%9, i%4, 100+i))
		}
		fmt.Fprintf(w, `{"quotes": [%s]}`, strings.Join(hits, ","))
	})
	mux.HandleFunc("/", other)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestBuildTargets(t *testing.T) {
	srv := fakeAPI(t, func(w http.ResponseWriter, r *http.Request) {})
	c := NewClient(1, 10*time.Second)
	targets, err := BuildTargets(context.Background(), c, srv.URL, 300, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(targets) != 300 {
		t.Errorf("%d URLs, want 300", len(targets))
	}
	seen := map[string]bool{}
	kinds := map[string]int{}
	for _, tg := range targets {
		if seen[tg.Path] {
			t.Errorf("%s twice", tg.Path)
		}
		seen[tg.Path] = true
		kinds[tg.Kind]++
	}
	for _, k := range Kinds() {
		if kinds[k] == 0 {
			t.Errorf("no URL of kind %s: %v", k, kinds)
		}
	}
	again, err := BuildTargets(context.Background(), c, srv.URL, 300, 1)
	if err != nil {
		t.Fatal(err)
	}
	for i := range again {
		if again[i] != targets[i] {
			t.Fatalf("the same seed made other URLs: %v, then %v", targets[i], again[i])
		}
	}

	empty := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"speakers": []}`)
	}))
	defer empty.Close()
	if _, err := BuildTargets(context.Background(), c, empty.URL, 10, 1); err == nil || !strings.Contains(err.Error(), "ingest") {
		t.Errorf("an empty store: %v, want an error that says to ingest", err)
	}
}

// TestRun runs clients against a server that fails one URL in ten, and
// checks what the result counts.
func TestRun(t *testing.T) {
	var served atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		if strings.HasSuffix(r.URL.Path, "/bad") {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, "ok")
	}))
	defer srv.Close()
	var targets []Target
	for i := range 9 {
		targets = append(targets, Target{KindAPISearch, fmt.Sprintf("/api/quotes?q=w%d", i)})
	}
	targets = append(targets, Target{KindUIArticle, "/articles/bad"})
	var progress []int
	res, err := Run(context.Background(), Config{Base: srv.URL, Targets: targets, Clients: []int{1, 3}, Duration: 200 * time.Millisecond, Seed: 1,
		Memory: ProcessMemory, ResetPeak: ResetPeakRSS, Progress: func(r RunResult) { progress = append(progress, r.Clients) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Runs) != 2 || fmt.Sprint(progress) != "[1 3]" {
		t.Fatalf("runs %d, progress %v", len(res.Runs), progress)
	}
	total := 0
	for _, r := range res.Runs {
		total += r.Requests
		if r.Requests < 10 || r.PerSec <= 0 || r.P50 <= 0 || r.Max < r.P99 {
			t.Errorf("%d clients: %+v", r.Clients, r)
		}
		// each client walks the whole set before it repeats a URL
		if bad := r.Errors["503"]; bad == 0 || bad > r.Requests/10+r.Clients || len(r.Errors) != 1 {
			t.Errorf("%d clients: errors %v of %d requests, want about one in ten, all 503", r.Clients, r.Errors, r.Requests)
		}
		if r.ByKind[KindUIArticle].N != r.Errors["503"] || r.ByKind[KindAPISearch].N == 0 {
			t.Errorf("%d clients: by kind %v", r.Clients, r.ByKind)
		}
		if _, ok := ProcessMemory(); ok && (r.PeakRSSBytes <= 0 || r.PeakAnonBytes <= 0) {
			t.Errorf("%d clients: peak memory %d, anon %d", r.Clients, r.PeakRSSBytes, r.PeakAnonBytes)
		}
	}
	if int64(total) != served.Load() {
		t.Errorf("%d requests counted, %d served", total, served.Load())
	}
	var b strings.Builder
	if err := res.Write(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"10 distinct URLs", "req/s", "503: ", "by kind of URL at 3 clients", "ui-article"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the table lacks %q:\n%s", want, b.String())
		}
	}
	if _, err := json.Marshal(res); err != nil {
		t.Error(err)
	}

	if _, err := Run(context.Background(), Config{Base: srv.URL, Targets: targets, Clients: []int{0}, Duration: time.Second}); err == nil {
		t.Error("0 clients: no error")
	}
}
