package meta

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"os"
	"testing"

	"github.com/quotewire/quotewire"
)

// The corpora live beside the module in the project's shared data; the
// tests skip when they are absent.
const (
	polnearDev   = "../../shared/data/polnear/dev.jsonl"
	wikinews2019 = "../../shared/data/wikinews/wikinews_2019.csv"
)

// polnearDatelines are the dateline prefixes of the PolNeAR development
// set, checked by hand: every other record has none.
var polnearDatelines = map[string]string{
	"breitbart_2016-09-26_green-party-candidate-jill-stein": "HEMPSTEAD, N.Y., Sept. 26 (UPI) —",
	"breitbart_2016-09-28_mary-j-blige-sings-to-hillary-cl": "LOS ANGELES, Sept. 28 (UPI) —",
	"breitbart_2016-09-30_the-latest-trump-urges-supporter": "WASHINGTON (AP) —",
	"breitbart_2016-10-03_the-latest-trump-s-leaked-taxes-": "WASHINGTON (AP) —",
	"breitbart_2016-10-04_bill-clinton-calls-obamacare-cra": "FLINT, Mich., Oct. 4 (UPI) —",
	"huff-post_2016-09-16_black-lawmakers-rip-donald-trump": "WASHINGTON ―",
	"huff-post_2016-09-27_hillary-clinton-goes-after-donal": "HEMPSTEAD, N.Y. ―",
	"nyt_2016-09-25_obama-says-african-american-muse":       "WASHINGTON --",
	"wash-post_2016-09-08_virginian-could-make-history-aga": "NEWPORT NEWS, Va. -",
	"wash-post_2016-09-18_e-u-leaders-weigh-plans-for-grea": "BRUSSELS -",
	"wash-post_2016-09-26_charlotte-struggles-to-return-to": "CHARLOTTE -",
}

// TestPolNeAR runs the stage on the PolNeAR development set, whose texts
// open with a headline line: it must find exactly the hand-checked
// datelines, and every agency it finds must agree with the record's wire
// field.
func TestPolNeAR(t *testing.T) {
	f, err := os.Open(polnearDev)
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	wires := map[string]string{"AP": "AP", "UPI": "UPI", "AFP": "AFP", "Reuters": "Reuters", "reuters": "Reuters"}
	st := Stage{Now: clock(2016, 12, 31)}
	var records, wire, wireFound int
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r struct{ ID, Title, Wire, Text string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		records++
		d := quotewire.NewDocument(quotewire.Article{ID: r.ID, Title: r.Title, Text: r.Text})
		st.Process(d)
		checkSpans(t, d)
		if got, want := d.DatelineSpan.In(r.Text), polnearDatelines[r.ID]; got != want {
			t.Errorf("%s: dateline %q, want %q", r.ID, got, want)
		}
		want, isWire := wires[r.Wire]
		if isWire {
			wire++
		}
		if d.Agency == "" {
			continue
		}
		if !isWire || d.Agency != want {
			t.Errorf("%s: agency %q, wire %q", r.ID, d.Agency, r.Wire)
		}
		wireFound++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d records, agency found for %d of %d wire stories", records, wireFound, wire)
	if wireFound*10 < wire*8 {
		t.Errorf("agency found for %d of %d wire stories, want 80%%", wireFound, wire)
	}
}

// TestWikinews checks that the "Friday, January 4, 2019" line opening
// Wikinews articles gives each its publication date.
func TestWikinews(t *testing.T) {
	f, err := os.Open(wikinews2019)
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	st := Stage{Now: clock(2020, 1, 1)}
	var n, right int
	for _, row := range rows[1:] {
		if len(row) < 4 {
			continue
		}
		n++
		d := quotewire.NewDocument(quotewire.Article{Text: row[3]})
		st.Process(d)
		checkSpans(t, d)
		if d.Dateline != "" {
			t.Errorf("%s: dateline place %q", row[0], d.Dateline)
		}
		if d.Date == row[1] {
			right++
		} else {
			t.Logf("%s: date %q, want %q", row[0], d.Date, row[1])
		}
	}
	t.Logf("%d of %d dates right", right, n)
	if right*100 < n*98 {
		t.Errorf("%d of %d dates right, want 98%%", right, n)
	}
}
