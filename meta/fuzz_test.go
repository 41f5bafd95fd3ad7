package meta

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/quotewire/quotewire"
)

// boundaries returns the rune boundaries of text as a decoder walking
// from the start sees them (an invalid byte is a rune of its own).
func boundaries(text string) map[int]bool {
	b := make(map[int]bool, len(text)+1)
	for i := 0; i < len(text); {
		b[i] = true
		_, n := utf8.DecodeRuneInString(text[i:])
		i += n
	}
	b[len(text)] = true
	return b
}

// checkSpans fails t when a span d's stage wrote is out of bounds or not
// on a rune boundary, or the fields disagree with the spans.
func checkSpans(t *testing.T, d *quotewire.Document) {
	t.Helper()
	text := d.Text
	var b map[int]bool
	if len(text) < 1<<16 {
		b = boundaries(text)
	}
	for name, s := range map[string]quotewire.Span{"DatelineSpan": d.DatelineSpan, "Body": d.Body} {
		if s.Start < 0 || s.Start > s.End || s.End > len(text) {
			t.Fatalf("%s %v out of bounds of %d bytes", name, s, len(text))
		}
		if b != nil && (!b[s.Start] || !b[s.End]) {
			t.Fatalf("%s %v not on rune boundaries", name, s)
		}
		if b == nil && (!isRuneStart(text, s.Start) || !isRuneStart(text, s.End)) {
			t.Fatalf("%s %v not on rune starts", name, s)
		}
	}
	if !d.DatelineSpan.IsEmpty() {
		if d.DatelineSpan.End > d.Body.Start {
			t.Fatalf("DatelineSpan %v overlaps Body %v", d.DatelineSpan, d.Body)
		}
		if !strings.Contains(d.DatelineSpan.In(text), d.Dateline) {
			t.Fatalf("Dateline %q not in DatelineSpan %q", d.Dateline, d.DatelineSpan.In(text))
		}
		if d.DatelineSpan.Len() > maxDateline {
			t.Fatalf("DatelineSpan %v longer than %d bytes", d.DatelineSpan, maxDateline)
		}
	} else if d.Dateline != "" {
		t.Fatalf("Dateline %q with an empty span", d.Dateline)
	}
	if d.Date != "" {
		if _, ok := ParseDate(d.Date); !ok || len(d.Date) != len("2006-01-02") {
			t.Fatalf("Date %q is not YYYY-MM-DD", d.Date)
		}
	}
	if d.Agency != "" && Agency(d.Agency) != d.Agency {
		t.Fatalf("Agency %q is not canonical", d.Agency)
	}
}

func FuzzMeta(f *testing.F) {
	for _, s := range []string{
		"KRASNODAR, October 4. /TASS/. Moscow sees no serious efforts",
		"WASHINGTON (Reuters) - The",
		"MOSCOW, Oct 4 (Reuters) - x",
		"BEIJING, Jan. 5 (Xinhua) -- x",
		"SAN JUAN, Puerto Rico (AP) — x",
		"HEMPSTEAD, N.Y., Sept. 26 (UPI) — Green",
		"Headline.\n\nCleveland (AFP) – The",
		"Friday, January 4, 2019\u00a0\n\n\nAn apartment",
		"Aug 27 (Reuters) - Democrat",
		"(CNN)Donald Trump",
		"MADRID (EFE).- Spain",
		"LONDON, Feb. 29 (Reuters) - x",
		"Text.\n\n(Reporting by X; Editing by Y)",
		"Text.\nCopyright 2016 The Associated Press. All rights reserved.",
		"ST. LOUIS —\xe2\x80 x",
		"\xff\xfeLONDON — \xc3",
		"LONDON \xe2\x80\x94\xe2\x80",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		st := Stage{Now: clock(2017, 10, 20)}
		d := quotewire.NewDocument(quotewire.Article{Text: text})
		if err := st.Process(d); err != nil {
			t.Fatal(err)
		}
		checkSpans(t, d)
		again := *d
		st.Process(&again)
		if again.Dateline != d.Dateline || again.DatelineSpan != d.DatelineSpan || again.Body != d.Body || again.Agency != d.Agency || again.Date != d.Date {
			t.Fatalf("not idempotent: %+v then %+v", d, again)
		}
		if d.Date == "" && !d.DatelineSpan.IsEmpty() {
			// a dateline date that exists must have been used
			if dl, ok := findDateline(text); ok && dl.hasDate && dl.date.year != 0 {
				if _, valid := dl.date.time(); valid {
					t.Fatalf("dateline date %+v not used", dl.date)
				}
			}
		}
		ParseDate(text)
		Agency(text)
	})
}
