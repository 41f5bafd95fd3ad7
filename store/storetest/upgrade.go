package storetest

import (
	"context"
	"testing"

	"github.com/quotewire/quotewire"
)

// UpgradedActs checks a store a build before acts made (holding rec's
// three quotes by Maria Zakharova as they were stored then), once the
// current build has opened it: every old quote reads as a plain statement,
// text search and speaker counts see them, and re-analysing rec (one
// statement and other acts) replaces them. check, when not nil, runs
// after the upgrade and after the re-analysis (a backend's own
// consistency check).
func UpgradedActs(t *testing.T, s quotewire.Store, rec quotewire.Record, check func()) {
	t.Helper()
	ctx := context.Background()
	st := []quotewire.Act{quotewire.Statement}
	hits, err := s.Search(ctx, quotewire.Query{Acts: st})
	if err != nil || len(hits) != 3 {
		t.Fatalf("statements after the upgrade = %d, %v; want all 3 quotes", len(hits), err)
	}
	for _, h := range hits {
		if h.Act != quotewire.Statement || h.Anonymous || h.Continued || h.Via != "" {
			t.Errorf("upgraded quote %+v, want a plain statement", h)
		}
	}
	if hits, err := s.Search(ctx, quotewire.Query{Text: "sanctions", Acts: st}); err != nil || len(hits) != 2 {
		t.Errorf("text search of statements after the upgrade = %d, %v; want 2", len(hits), err)
	}
	sps, err := s.Speakers(ctx, "", st, 10)
	if err != nil || len(sps) != 1 || sps[0].Quotes != 3 {
		t.Fatalf("speakers' statements after the upgrade = %+v, %v; want Maria Zakharova with 3", sps, err)
	}
	if check != nil {
		check()
	}

	if n, err := s.Replace(ctx, []quotewire.Record{rec}); err != nil || n != 1 {
		t.Fatalf("Replace = %d, %v", n, err)
	}
	if check != nil {
		check()
	}
	if hits, err := s.Search(ctx, quotewire.Query{Acts: st}); err != nil || len(hits) != 1 || hits[0].Text != "the talks had ended" {
		t.Errorf("statements after re-analysis = %+v, %v; want the one statement", hits, err)
	}
	for _, tt := range []struct {
		acts []quotewire.Act
		want int
	}{{st, 1}, {nil, 3}, {[]quotewire.Act{quotewire.Belief}, 1}} {
		if sp, err := s.Speaker(ctx, sps[0].ID, tt.acts); err != nil || sp.Quotes != tt.want {
			t.Errorf("Speaker(acts %v) after re-analysis = %+v, %v; want %d", tt.acts, sp, err, tt.want)
		}
	}
}
