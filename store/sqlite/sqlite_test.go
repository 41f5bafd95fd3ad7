package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/dedup"
	"github.com/quotewire/quotewire/store/internal/pack"
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
		data, err := pack.Analysis(r.Analysis)
		if err != nil {
			t.Fatal(err)
		}
		full, _ := json.Marshal(r.Analysis)
		back, err := pack.Unpack(data, r.Analysis.Text)
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

func TestNearDuplicatesAndCoMentioned(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "n.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	base := "Russian Foreign Minister Sergey Lavrov said on Wednesday that contacts with the United Nations on Syria are very important for the peace process and for Geneva."
	mk := func(url, text string, ents []quotewire.EntityOut, speaker string) quotewire.Record {
		a := &quotewire.Analysis{ID: url, URL: url, Date: "2017-10-04", Text: text, Entities: ents}
		if speaker != "" {
			a.Quotes = []quotewire.QuoteOut{{Type: quotewire.Indirect, Confidence: 0.8,
				Content: quotewire.ContentSpan{Start: 0, End: 10, Text: text[:10]}, Speaker: &quotewire.SpeakerRef{ID: "e1", Name: speaker}}}
		}
		return quotewire.Record{Key: quotewire.ArticleKey(url, text), Analysis: a, Outlet: "x.org", Signature: dedup.Signature(text)}
	}
	ents := []quotewire.EntityOut{{ID: "e1", Name: "Sergey Lavrov", Type: quotewire.Person}, {ID: "e2", Name: "Geneva", Type: quotewire.Place}}
	recs := []quotewire.Record{
		mk("https://a.org/1", base, ents, "Sergey Lavrov"),
		mk("https://b.org/1", "By Staff. "+base, ents, "Sergey Lavrov"),
		mk("https://c.org/1", "The weather in Paris was mild on Tuesday and the markets were calm after a long week of trading.", nil, ""),
	}
	if _, err := s.Put(context.Background(), recs); err != nil {
		t.Fatal(err)
	}
	dups, err := s.NearDuplicates(context.Background(), recs[0].Key, 10)
	if err != nil || len(dups) != 1 || dups[0].Key != recs[1].Key {
		t.Errorf("near duplicates of the first = %+v, %v", dups, err)
	}
	if none, _ := s.NearDuplicates(context.Background(), recs[2].Key, 10); len(none) != 0 {
		t.Errorf("near duplicates of an unrelated article = %+v", none)
	}
	sps, _ := s.Speakers(context.Background(), "lavrov", nil, 1)
	co, err := s.CoMentioned(context.Background(), sps[0].ID, 5)
	if err != nil || len(co) != 1 || co[0].Name != "Geneva" || co[0].Quotes != 2 {
		t.Errorf("co-mentioned with Lavrov = %+v, %v", co, err)
	}
}

// TestRoleSpans checks that a speaker's roles carry the dates of the
// first and last article that gave them.
func TestRoleSpans(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	put := func(date, role, text string) {
		a := &quotewire.Analysis{ID: date, Date: date, Text: text,
			Entities: []quotewire.EntityOut{{ID: "e1", Name: "Joe Biden", Type: quotewire.Person, Roles: []string{role}}},
			Quotes: []quotewire.QuoteOut{{Type: quotewire.Indirect, Content: quotewire.ContentSpan{Start: 0, End: 5, Text: text[:5]},
				Speaker: &quotewire.SpeakerRef{ID: "e1", Name: "Joe Biden"}}}}
		if _, err := s.Put(context.Background(), []quotewire.Record{{Key: quotewire.ArticleKey("", text), Analysis: a}}); err != nil {
			t.Fatal(err)
		}
	}
	put("2019-04-25", "former Vice President", "Biden said one thing in April.")
	put("2019-10-01", "former Vice President", "Biden said another in October.")
	put("2020-11-07", "President-elect", "Biden said a third in November.")
	put("2020-01-01", "former Vice President", "Biden said a fourth in January.")
	sps, _ := s.Speakers(context.Background(), "biden", nil, 1)
	sp, err := s.Speaker(context.Background(), sps[0].ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := "[{former Vice President 2019-04-25 2020-01-01} {President-elect 2020-11-07 2020-11-07}]"
	if got := fmt.Sprint(sp.RoleSpans); got != want {
		t.Errorf("role spans = %s, want %s", got, want)
	}
}

// TestConcurrentOpen opens one new store from several goroutines at once
// (each with its own connections, as separate processes would): the
// migrations run once and every Open succeeds.
func TestConcurrentOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	errs := make(chan error, 6)
	for range 6 {
		go func() {
			s, err := Open(path)
			if err == nil {
				err = s.Close()
			}
			errs <- err
		}()
	}
	for range 6 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
