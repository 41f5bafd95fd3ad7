package quotewire_test

import (
	"bufio"
	"encoding/json"
	"math/rand"
	"os"
	"sync"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/engine"
)

// TestExtractPooledTokens holds Extract, which reuses token slices across
// articles, to Run and NewAnalysis on a fresh Document, over articles of
// mixed sizes in shuffled orders and from several goroutines.
func TestExtractPooledTokens(t *testing.T) {
	f, err := os.Open("testdata/newsset/dev.jsonl")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	var arts []quotewire.Article
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() && len(arts) < 60 {
		var r struct{ ID, Text string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		arts = append(arts, quotewire.Article{ID: r.ID, Text: r.Text})
	}
	arts = append(arts, quotewire.Article{ID: "empty"}, quotewire.Article{ID: "tiny", Text: "“Yes,” he said."})
	p, err := engine.New(engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := make([][]byte, len(arts))
	for i, a := range arts {
		d, err := p.Run(a)
		if err != nil {
			continue
		}
		want[i], _ = json.Marshal(quotewire.NewAnalysis(d))
	}
	check := func(seed int64) {
		r := rand.New(rand.NewSource(seed))
		for _, i := range r.Perm(len(arts)) {
			an, err := p.Extract(arts[i])
			if err != nil {
				if want[i] != nil {
					t.Errorf("%s: %v", arts[i].ID, err)
				}
				continue
			}
			got, _ := json.Marshal(an)
			if string(got) != string(want[i]) {
				t.Errorf("%s: pooled Extract differs from Run", arts[i].ID)
			}
		}
	}
	check(1)
	var wg sync.WaitGroup
	for g := int64(0); g < 4; g++ {
		wg.Add(1)
		go func() { defer wg.Done(); check(g + 2) }()
	}
	wg.Wait()
}
