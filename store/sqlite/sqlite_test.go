package sqlite

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) quotewire.Store {
		s, err := Open(filepath.Join(t.TempDir(), "test.db"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

// TestPackAnalysis checks that the stored form of an analysis gives back
// the same analysis, and is smaller.
func TestPackAnalysis(t *testing.T) {
	recs := analysed(t, 20)
	for _, r := range recs {
		data, err := packAnalysis(r.Analysis)
		if err != nil {
			t.Fatal(err)
		}
		full, _ := json.Marshal(r.Analysis)
		back, err := unpackAnalysis(data, r.Analysis.Text)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := json.Marshal(back)
		if string(again) != string(full) {
			t.Fatalf("%s: unpacked analysis differs", r.Analysis.ID)
		}
		if len(data)+len(r.Analysis.Text) > len(full) {
			t.Errorf("%s: packed %d bytes + text %d, full %d", r.Analysis.ID, len(data), len(r.Analysis.Text), len(full))
		}
	}
}
