package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/sqlite"
	"github.com/quotewire/quotewire/store/storetest"
)

// actsStore writes a store holding quotes of several acts and returns
// its path.
func actsStore(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "acts.db")
	s, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Put(context.Background(), storetest.ActsCorpus()); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestSearchActs checks search --acts: statements unless asked, the acts
// named, all, a usage error naming the acts for an unknown one, and what
// the formats say of unnamed speakers, relays and acts.
func TestSearchActs(t *testing.T) {
	db := actsStore(t)
	jsonl := func(out string) []quotewire.Hit {
		t.Helper()
		var hits []quotewire.Hit
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			if line == "" {
				continue
			}
			var h quotewire.Hit
			if err := json.Unmarshal([]byte(line), &h); err != nil {
				t.Fatalf("%v: %s", err, line)
			}
			hits = append(hits, h)
		}
		return hits
	}
	tests := []struct {
		name string
		args []string
		want []string // acts of the hits, in order (any order for words, ranked)
	}{
		{"statements by default", []string{"sanctions OR talks"}, []string{"statement", "statement", "statement"}},
		{"statement named", []string{"sanctions OR talks", "--acts", "statement"}, []string{"statement", "statement", "statement"}},
		{"belief", []string{"sanctions", "--acts", "belief"}, []string{"belief"}},
		{"belief and question", []string{"--speaker", "Zakharova", "--acts", "belief,question"}, []string{"belief", "question"}},
		{"all", []string{"--speaker", "Zakharova", "--acts", "all"}, []string{"directive", "belief", "question", "statement"}},
		{"acts alone", []string{"--acts", "directive"}, []string{"directive"}},
		{"an unnamed speaker alone", []string{"--unnamed", "Senior Official"}, []string{"statement", "statement"}},
		{"an unnamed speaker, another outlet", []string{"--unnamed", "senior official", "--outlet", "example.com"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := run(t, "", append([]string{"search", "--db", db, "--format", "jsonl"}, tt.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			var got []string
			for _, h := range jsonl(out) {
				got = append(got, string(h.Act))
			}
			ranked := !strings.HasPrefix(tt.args[0], "--")
			if ranked && !sameSet(got, tt.want) || !ranked && !slices.Equal(got, tt.want) {
				t.Errorf("acts of the hits = %q, want %q", got, tt.want)
			}
		})
	}

	// what a hit carries, in each format
	code, out, stderr := run(t, "", "search", "--db", db, "--outlet", "example.org", "--format", "jsonl")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	hits := jsonl(out)
	if len(hits) != 2 || !hits[1].Anonymous || hits[1].Via != "Izvestia" || !hits[0].Continued {
		t.Errorf("example.org's statements = %+v, want the unnamed official's two, the first relayed by Izvestia, the second continued", hits)
	}
	code, out, _ = run(t, "", "search", "--db", db, "--outlet", "example.org", "--format", "csv")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil || len(rows) != 3 {
		t.Fatalf("csv: exit %d, %v: %s", code, err, out)
	}
	if h := strings.Join(rows[0], ","); !strings.HasSuffix(h, ",act,anonymous,continued,via") {
		t.Errorf("csv header %s", h)
	}
	if r := strings.Join(rows[2], ","); !strings.HasSuffix(r, ",statement,true,false,Izvestia") {
		t.Errorf("csv row of the relayed quote: %s", r)
	}
	code, out, _ = run(t, "", "search", "--db", db, "--outlet", "example.org")
	if code != 0 || !strings.Contains(out, "senior official (unnamed) via Izvestia") || strings.Contains(out, "ACT") {
		t.Errorf("table of statements (no act column): %s", out)
	}
	code, out, _ = run(t, "", "search", "--db", db, "--outlet", "example.org", "--acts", "all")
	if code != 0 || !strings.Contains(out, "ACT") || !strings.Contains(out, "directive") {
		t.Errorf("table of every act (an act column): %s", out)
	}

	for _, acts := range []string{"bogus", "statement,,belief"} {
		code, _, stderr = run(t, "", "search", "--db", db, "sanctions", "--acts", acts)
		if code != exitUsage || !strings.Contains(stderr, "--acts") || !strings.Contains(stderr, "statement, question, directive, belief, evaluation, other") {
			t.Errorf("--acts %s: exit %d, stderr %q", acts, code, stderr)
		}
	}
	if code, _, stderr := run(t, "", "search", "--db", db); code != exitUsage || !strings.Contains(stderr, "--acts") {
		t.Errorf("search with nothing to look for: exit %d, stderr %q", code, stderr)
	}
}

// TestExportActs checks export --acts: statements unless asked, each
// quotation with the occurrences of the acts only.
func TestExportActs(t *testing.T) {
	db := actsStore(t)
	tests := []struct {
		acts []string
		want int
	}{
		{nil, 3},
		{[]string{"--acts", "statement"}, 3},
		{[]string{"--acts", "belief,question"}, 2},
		{[]string{"--acts", "all"}, 6},
	}
	for _, tt := range tests {
		code, out, stderr := run(t, "", append([]string{"export", "--db", db}, tt.acts...)...)
		if code != 0 {
			t.Fatalf("export %v: exit %d: %s", tt.acts, code, stderr)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) != tt.want {
			t.Errorf("export %v: %d quotations, want %d", tt.acts, len(lines), tt.want)
		}
		for _, line := range lines {
			var q quotewire.Quotation
			if err := json.Unmarshal([]byte(line), &q); err != nil {
				t.Fatal(err)
			}
			for _, o := range q.Occurrences {
				if tt.acts == nil && o.Act != quotewire.Statement {
					t.Errorf("default export holds a %s: %s", o.Act, line)
				}
			}
		}
	}
	code, out, _ := run(t, "", "export", "--db", db, "--format", "csv", "--acts", "belief")
	if code != 0 || !strings.HasPrefix(out, "quotation_id,quotation,speaker,first_date,occurrences,outlets,dates,urls,acts\n") || !strings.Contains(out, ",belief\n") {
		t.Errorf("csv export of beliefs: %s", out)
	}
	if code, _, stderr := run(t, "", "export", "--db", db, "--acts", "opinions"); code != exitUsage || !strings.Contains(stderr, "opinions") {
		t.Errorf("export --acts opinions: exit %d, stderr %q", code, stderr)
	}
}

// sameSet reports whether a and b hold the same strings, in any order.
func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
