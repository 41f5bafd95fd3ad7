package meta

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/quotewire/quotewire"
)

// clock returns a Now function fixed at the given date.
func clock(y int, m time.Month, d int) func() time.Time {
	return func() time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }
}

func TestProcess(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		place  string // Dateline
		span   string // text of DatelineSpan
		agency string
		date   string
		body   string // prefix of the text at Body.Start ("" = whole text)
	}{
		// the forms of the brief
		{"tass", "KRASNODAR, October 4. /TASS/. Moscow sees no serious efforts", "KRASNODAR", "KRASNODAR, October 4. /TASS/.", "TASS", "2017-10-04", "Moscow sees"},
		{"reuters place", "WASHINGTON (Reuters) - The Chinese government likely hacked", "WASHINGTON", "WASHINGTON (Reuters) -", "Reuters", "", "The Chinese"},
		{"reuters date", "MOSCOW, Oct 4 (Reuters) - Russia said", "MOSCOW", "MOSCOW, Oct 4 (Reuters) -", "Reuters", "2017-10-04", "Russia said"},
		{"xinhua", "BEIJING, Jan. 5 (Xinhua) -- China will", "BEIJING", "BEIJING, Jan. 5 (Xinhua) --", "Xinhua", "2017-01-05", "China will"},
		{"afp", "PARIS (AFP) - France said", "PARIS", "PARIS (AFP) -", "AFP", "", "France said"},
		{"ap", "NEW YORK (AP) — Hillary Clinton wins", "NEW YORK", "NEW YORK (AP) —", "AP", "", "Hillary"},
		{"interfax", "KIEV, March 3 /Interfax/ - Ukraine's parliament", "KIEV", "KIEV, March 3 /Interfax/ -", "Interfax", "2017-03-03", "Ukraine's"},
		{"upi", "WASHINGTON, Dec. 1 (UPI) -- The Senate", "WASHINGTON", "WASHINGTON, Dec. 1 (UPI) --", "UPI", "2016-12-01", "The Senate"},
		{"bare dash", "LONDON — Britain's prime minister", "LONDON", "LONDON —", "", "", "Britain's"},
		{"qualifier", "SAN JUAN, Puerto Rico (AP) — The governor", "SAN JUAN, Puerto Rico", "SAN JUAN, Puerto Rico (AP) —", "AP", "", "The governor"},
		{"wikinews", "Friday, January 4, 2019\u00a0\n\n\nAn apartment building collapsed", "", "Friday, January 4, 2019", "", "2019-01-04", "An apartment"},
		{"wikinews leading space", "\n\n\nSaturday, January 5, 2019\u00a0 \n\n\nA road accident", "", "Saturday, January 5, 2019", "", "2019-01-05", "A road"},
		{"day month", "LONDON, 4 October (Reuters) - Britain", "LONDON", "LONDON, 4 October (Reuters) -", "Reuters", "2017-10-04", "Britain"},
		{"year in dateline", "NEW YORK, Oct. 4, 2011 /PRNewswire/ -- Acme Corp. announced", "NEW YORK", "NEW YORK, Oct. 4, 2011 /PRNewswire/ --", "PR Newswire", "2011-10-04", "Acme"},
		{"bloomberg", "(Bloomberg) -- Stocks fell", "", "(Bloomberg) --", "Bloomberg", "", "Stocks"},
		{"cnn", "(CNN)Donald Trump said", "", "(CNN)", "CNN", "", "Donald"},
		{"cnn place", "WASHINGTON (CNN) — The House voted", "WASHINGTON", "WASHINGTON (CNN) —", "CNN", "", "The House"},
		{"dpa", "BERLIN (dpa) - Germany", "BERLIN", "BERLIN (dpa) -", "dpa", "", "Germany"},
		{"ansa", "ROME, Oct 2 (ANSA) - Italy", "ROME", "ROME, Oct 2 (ANSA) -", "ANSA", "2017-10-02", "Italy"},
		{"efe", "MADRID (EFE).- Spain", "MADRID", "MADRID (EFE).-", "EFE", "", "Spain"},
		{"ria bare", "MOSCOW, October 3, RIA Novosti - Russia", "MOSCOW", "MOSCOW, October 3, RIA Novosti -", "RIA Novosti", "2017-10-03", "Russia"},
		{"afp bare", "PARIS, Oct 3 AFP - France", "PARIS", "PARIS, Oct 3 AFP -", "AFP", "2017-10-03", "France"},
		{"interfax period", "MOSCOW. Oct 4 (Interfax) - Russia", "MOSCOW", "MOSCOW. Oct 4 (Interfax) -", "Interfax", "2017-10-04", "Russia"},
		{"tass no agency", "MOSCOW, October 4. Russia's foreign ministry", "MOSCOW", "MOSCOW, October 4.", "", "2017-10-04", "Russia's"},
		{"itar-tass", "MOSCOW, October 4 /ITAR-TASS/. Russia", "MOSCOW", "MOSCOW, October 4 /ITAR-TASS/.", "TASS", "2017-10-04", "Russia"},
		{"colon", "NEW DELHI, Oct 4 (PTI): India", "NEW DELHI", "NEW DELHI, Oct 4 (PTI):", "PTI", "2017-10-04", "India"},
		{"story on next line", "KRASNODAR, October 4. /TASS/.\nMoscow sees", "KRASNODAR", "KRASNODAR, October 4. /TASS/.", "TASS", "2017-10-04", "Moscow"},

		// PolNeAR openings: a headline, a blank line and the dateline
		{"polnear upi", "Green Party candidate Jill Stein removed from N.Y. debate site by police.\n\nHEMPSTEAD, N.Y., Sept. 26 (UPI) — Green Party presidential candidate", "HEMPSTEAD, N.Y.", "HEMPSTEAD, N.Y., Sept. 26 (UPI) —", "UPI", "2017-09-26", "Green Party presidential"},
		{"polnear upi qualifier", "Bill Clinton calls Obamacare ‘crazy system’ during campaign stop.\n\nFLINT, Mich., Oct. 4 (UPI) — Former President", "FLINT, Mich.", "FLINT, Mich., Oct. 4 (UPI) —", "UPI", "2017-10-04", "Former"},
		{"polnear ap", "The Latest: Trump urges supporters to monitor polling places.\n\nWASHINGTON (AP) — The Latest on the U.S. presidential race", "WASHINGTON", "WASHINGTON (AP) —", "AP", "", "The Latest on"},
		{"polnear huffpost bar", "Black Lawmakers Rip Donald Trump As A ‘Disgusting Fraud.’\n\nWASHINGTON ― Donald Trump’s yearslong obsession", "WASHINGTON", "WASHINGTON ―", "", "", "Donald"},
		{"polnear afp title case", "Trump's acceptance speech.\n\nCleveland (AFP) – The Trump troops embraced", "Cleveland", "Cleveland (AFP) –", "AFP", "", "The Trump"},
		{"polnear afp two words", "Headline.\n\nMexico City (AFP) – It featured drama", "Mexico City", "Mexico City (AFP) –", "AFP", "", "It featured"},
		{"polnear reuters no place", "Headline.\n\nAug 27 (Reuters) - Democrat Hillary Clinton on Saturday", "", "Aug 27 (Reuters) -", "Reuters", "2017-08-27", "Democrat"},
		{"polnear reuters qualifier", "Headline.\n\nORLANDO, Fla. (Reuters) - President Barack Obama met", "ORLANDO, Fla.", "ORLANDO, Fla. (Reuters) -", "Reuters", "", "President"},
		{"polnear nyt double hyphen", "Obama Says African-American Museum Will Tell of 'Suffering and Delight.'\n\nWASHINGTON -- President Obama, dedicating", "WASHINGTON", "WASHINGTON --", "", "", "President"},
		{"polnear wapo region", "Headline.\n\nRANGOON, Burma - Aung San Suu Kyi's political allies", "RANGOON, Burma", "RANGOON, Burma -", "", "", "Aung"},
		{"polnear nbsp", "Headline.\n\nCHARLESTON, S.C.\u00a0— In the fall of 2007", "CHARLESTON, S.C.", "CHARLESTON, S.C.\u00a0—", "", "", "In the fall"},
		{"polnear unspaced after", "Headline.\n\nBOSTON —Standing in front of a cheering crowd", "BOSTON", "BOSTON —", "", "", "Standing"},
		{"polnear st", "Headline.\n\nST. LOUIS — Presumptive Republican", "ST. LOUIS", "ST. LOUIS —", "", "", "Presumptive"},
		{"polnear two-line headline", "Candidates vie for vets' support; \nTrump and Clinton point out own credentials.\n\nWASHINGTON — Donald Trump", "WASHINGTON", "WASHINGTON —", "", "", "Donald"},

		// not datelines
		{"polnear ordinary", "Stealth Over Health: Hillary Clinton Was Headed to ER But Diverted to Avoid Bad Optics.\n\nThe New York Post reports that Hillary Clinton’s team avoided", "", "", "", "", ""},
		{"person", "Hillary Clinton was headed to an emergency room", "", "", "", "", ""},
		{"news org", "The New York Post reports that Hillary Clinton’s team", "", "", "", "", ""},
		{"obituary", "Paid Notice: Deaths SIEGEL, JEROME.\n\nSIEGEL--Jerome Arthur, 98, of Mamaroneck, New York, passed away Friday, March 25, 2016", "", "", "", "", ""},
		{"kicker", "EXCLUSIVE – Roger Stone: Don’t Trust the Voting Machines.\n\nRoger Stone said", "", "", "", "", ""},
		{"breaking", "BREAKING — The Senate voted", "", "", "", "", ""},
		{"update colon", "Headline.\n\nUPDATE: 5/12 — The website that originally listed the weapon", "", "", "", "", ""},
		{"abstract", "Obama on Climate Change: The Trends Are 'Terrifying.'\n\nABSTRACT.\n\nMore than health care", "", "", "", "", ""},
		{"letters", "Laws don't apply equially to Clinton.\n\nLETTERS.\n\nI cannot fathom how", "", "", "", "", ""},
		{"acronym", "CNN President Jeff Zucker isn’t kowtowing", "", "", "", "", ""},
		{"short acronym dash", "CNN — the network said", "", "", "", "", ""},
		{"senator party", "Sen. Ted Cruz (R-Tex) is endorsing Donald Trump's presidential campaign", "", "", "", "", ""},
		{"name and dash", "Mehmet Oz — Ivy League-trained surgeon and daytime TV star — has been called", "", "", "", "", ""},
		{"date without agency", "April 24 marked 101 years since the start of the Armenian genocide", "", "", "", "", ""},
		{"weekday opener", "Thursday, United States military forces killed Qasem Soleimani", "", "", "", "", ""},
		{"wikinews 2020", "On Sunday, the state of emergency begun on November 15 over a measles outbreak ended in Samoa.", "", "", "", "", ""},
		{"title case dash", "Washington — the capital braced", "", "", "", "", ""},
		{"title case date", "Washington, Oct. 4 — The capital", "", "", "", "", ""},
		{"lower after agency", "PARIS (AFP) the", "", "", "", "", ""},
		{"unknown bracket", "WASHINGTON (Fox) - The", "", "", "", "", ""},
		{"date line without story", "Monday, March 15, 2021\u00a0\n\n\n", "", "", "", "", ""},
		{"dateline without story", "LONDON —", "", "", "", "", ""},
		{"hyphenated word", "ANTI-TRUST-lawyers said", "", "", "", "", ""},
		{"url", "KRASNODAR, October 4. /TASS/.com", "", "", "", "", ""},
		{"third paragraph too far", "One.\n\nTwo.\n\nThree.\n\nLONDON — x", "", "", "", "", ""},
		{"long headline", strings.Repeat("word ", 70) + "\n\nLONDON — x", "", "", "", "", ""},
		{"empty", "", "", "", "", "", ""},
		{"spaces", " \n\t ", "", "", "", "", ""},
	}
	st := Stage{Now: clock(2017, 10, 20)}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := quotewire.NewDocument(quotewire.Article{Text: tt.text})
			if err := st.Process(d); err != nil {
				t.Fatal(err)
			}
			if got := d.Dateline; got != tt.place {
				t.Errorf("Dateline = %q, want %q", got, tt.place)
			}
			if got := d.DatelineSpan.In(tt.text); got != tt.span {
				t.Errorf("DatelineSpan = %q, want %q", got, tt.span)
			}
			if got := d.Agency; got != tt.agency {
				t.Errorf("Agency = %q, want %q", got, tt.agency)
			}
			if got := d.Date; got != tt.date {
				t.Errorf("Date = %q, want %q", got, tt.date)
			}
			if d.Body.End != len(tt.text) {
				t.Errorf("Body.End = %d, want %d", d.Body.End, len(tt.text))
			}
			if tt.body == "" {
				if d.Body.Start != 0 {
					t.Errorf("Body.Start = %d, want 0", d.Body.Start)
				}
			} else if got := tt.text[d.Body.Start:]; !strings.HasPrefix(got, tt.body) {
				t.Errorf("Body starts %.30q, want %q", got, tt.body)
			}
		})
	}
}

func TestProcessTailAgency(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"reuters credit", "Headline.\n\nThe St. Paul City Council on Wednesday approved a resolution.\n\n(Reporting by David Bailey; Editing by Cynthia Osterman.)", "Reuters"},
		{"reuters inline credit", "Text of the story. (Reporting by Amanda Becker in Washington; Editing by Eric Beech.)", "Reuters"},
		{"dash reuters", "Text of the story.\n\n- Reuters.", "Reuters"},
		{"dash ap", "Text of the story.\n\n— The Associated Press", "AP"},
		{"copyright", "Text of the story.\nCopyright 2016 The Associated Press. All rights reserved.", "AP"},
		{"bare long name", "Text.\n\nAgence France-Presse\n", "AFP"},
		{"sentence about ap", "Text.\n\nThe Associated Press contributed to this report.", ""},
		{"bare short name", "Text.\n\nAFP", ""},
		{"no credit", "Text of the story.\n\nThe end.", ""},
		{"dateline wins", "PARIS (AFP) - Text.\n\n(Reporting by X; Editing by Y)", "AFP"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := quotewire.NewDocument(quotewire.Article{Text: tt.text})
			Stage{Now: clock(2017, 10, 20)}.Process(d)
			if d.Agency != tt.want {
				t.Errorf("Agency = %q, want %q", d.Agency, tt.want)
			}
		})
	}
}

func TestProcessKeeps(t *testing.T) {
	text := "PARIS, Oct 3 (AFP) - France said on Tuesday.\n\nMore text."
	t.Run("preset fields", func(t *testing.T) {
		d := quotewire.NewDocument(quotewire.Article{Text: text, Date: "2011-01-01"})
		d.Agency = "Reuters"
		d.Body.End = strings.Index(text, "\n")
		if err := (Stage{Now: clock(2017, 10, 20)}).Process(d); err != nil {
			t.Fatal(err)
		}
		if d.Date != "2011-01-01" || d.Agency != "Reuters" {
			t.Errorf("Date, Agency = %q, %q; want the preset 2011-01-01, Reuters", d.Date, d.Agency)
		}
		if got, want := d.Body.In(text), "France said on Tuesday."; got != want {
			t.Errorf("Body = %q, want %q", got, want)
		}
		if d.Dateline != "PARIS" {
			t.Errorf("Dateline = %q, want PARIS", d.Dateline)
		}
	})
	t.Run("no dateline", func(t *testing.T) {
		d := quotewire.NewDocument(quotewire.Article{Text: "Just a story."})
		d.Body = quotewire.Span{Start: 5, End: 12}
		Stage{}.Process(d)
		if d.Body != (quotewire.Span{Start: 5, End: 12}) || d.Dateline != "" || !d.DatelineSpan.IsEmpty() || d.Date != "" {
			t.Errorf("document changed: %+v", d)
		}
	})
	t.Run("zero body", func(t *testing.T) {
		d := &quotewire.Document{Article: quotewire.Article{Text: text}}
		Stage{Now: clock(2017, 10, 20)}.Process(d)
		if d.Body.End != len(text) || !strings.HasPrefix(d.Body.In(text), "France") {
			t.Errorf("Body = %v", d.Body)
		}
	})
	t.Run("idempotent", func(t *testing.T) {
		d := quotewire.NewDocument(quotewire.Article{Text: text})
		st := New(WithNow(clock(2017, 10, 20)))
		st.Process(d)
		first := *d
		st.Process(d)
		if d.Dateline != first.Dateline || d.DatelineSpan != first.DatelineSpan || d.Body != first.Body || d.Agency != first.Agency || d.Date != first.Date {
			t.Errorf("second run changed the document: %+v, then %+v", first, *d)
		}
	})
	t.Run("nil", func(t *testing.T) {
		if err := (Stage{}).Process(nil); err == nil {
			t.Error("Process(nil) = nil, want an error")
		}
	})
}

// seedText returns the founding example's text as the reader gives it:
// the " date 2017-10-04 " header dropped.
func seedText(t testing.TB) string {
	b, err := os.ReadFile("../testdata/seed/tass-2017-10-04-lavrov-krasnodar.txt")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, "KRASNODAR")
	if i < 0 {
		t.Fatal("seed text has no KRASNODAR")
	}
	return s[i:]
}

func TestSeed(t *testing.T) {
	text := seedText(t)
	tests := []struct {
		name   string
		preset string
		now    func() time.Time
	}{
		{"date preset", "2017-10-04", clock(2026, 1, 1)},
		{"date empty, now same day", "", clock(2017, 10, 4)},
		{"date empty, now later in October", "", clock(2017, 10, 31)},
		{"date empty, now a day early (time zones)", "", clock(2017, 10, 3)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := quotewire.NewDocument(quotewire.Article{ID: "tass-2017-10-04-lavrov-krasnodar", Date: tt.preset, Text: text})
			if err := New(WithNow(tt.now)).Process(d); err != nil {
				t.Fatal(err)
			}
			if d.Dateline != "KRASNODAR" {
				t.Errorf("Dateline = %q, want KRASNODAR", d.Dateline)
			}
			if got, want := d.DatelineSpan, (quotewire.Span{Start: 0, End: len("KRASNODAR, October 4. /TASS/.")}); got != want {
				t.Errorf("DatelineSpan = %v, want %v", got, want)
			}
			if d.Agency != "TASS" {
				t.Errorf("Agency = %q, want TASS", d.Agency)
			}
			if d.Date != "2017-10-04" {
				t.Errorf("Date = %q, want 2017-10-04", d.Date)
			}
			if got, want := d.Body, (quotewire.Span{Start: len("KRASNODAR, October 4. /TASS/. "), End: len(text)}); got != want {
				t.Errorf("Body = %v, want %v", got, want)
			}
			if !strings.HasPrefix(d.Body.In(text), "Moscow sees no serious efforts") {
				t.Errorf("Body starts %.30q", d.Body.In(text))
			}
			// The story's "said on Wednesday" agrees with the date; the
			// stage never uses it to change the date.
			date, _ := ParseDate(d.Date)
			if wd, ok := firstWeekday(d.Body.In(text)); !ok || wd != date.Weekday() {
				t.Errorf("first weekday mentioned = %v, %v; date %s is a %v", wd, ok, d.Date, date.Weekday())
			}
		})
	}
	t.Run("now in next year", func(t *testing.T) {
		// the clock's year would put October 4 in the future: the year before
		d := quotewire.NewDocument(quotewire.Article{Text: text})
		Stage{Now: clock(2018, 1, 15)}.Process(d)
		if d.Date != "2017-10-04" {
			t.Errorf("Date = %q, want 2017-10-04", d.Date)
		}
	})
}

// firstWeekday returns the first capitalised weekday name in text.
func firstWeekday(text string) (time.Weekday, bool) {
	for i := 0; i < len(text); i++ {
		if !wordStart(text, i) || !isUpperASCII(text[i]) {
			continue
		}
		if e := scanWord(text, i); isFullWeekday(text[i:e]) {
			return lookupWeekday(text[i:e])
		}
	}
	return 0, false
}

func TestYear(t *testing.T) {
	tests := []struct {
		name string
		text string
		now  func() time.Time
		want string
	}{
		{"clock year", "LONDON, Oct. 4 (Reuters) - Britain said.", clock(2017, 10, 20), "2017-10-04"},
		{"clock year before", "LONDON, Dec. 30 (Reuters) - Britain said.", clock(2018, 1, 2), "2017-12-30"},
		{"full date in text", "LONDON, Oct. 4 (Reuters) - Britain said on Oct. 4, 2011 that it would.", clock(2026, 1, 1), "2011-10-04"},
		{"weekday full date in text", "LONDON, Jan. 4 (Reuters) - On Friday, January 4, 2019 the queen said.", clock(2026, 1, 1), "2019-01-04"},
		{"year in first paragraph", "WASHINGTON, Sept. 26 (UPI) — The 2016 presidential race, like the 1992 one, tightened.\n\nIn 2024 it will not.", clock(2026, 1, 1), "2016-09-26"},
		{"future year ignored", "WASHINGTON, Sept. 26 (UPI) — By 2030 and since 2012, nothing.", clock(2017, 10, 1), "2012-09-26"},
		{"number not a year", "WASHINGTON, Sept. 26 (UPI) — About 1,500 people and 2016abc.", clock(2017, 10, 1), "2017-09-26"},
		{"leap day", "LONDON, Feb. 29 (Reuters) - x", clock(2019, 6, 1), "2016-02-29"},
		{"february 30", "LONDON, Feb. 30 (Reuters) - x", clock(2019, 6, 1), ""},
		{"explicit year", "LONDON, Oct. 4, 2011 (Reuters) - x", clock(2026, 1, 1), "2011-10-04"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := quotewire.NewDocument(quotewire.Article{Text: tt.text})
			Stage{Now: tt.now}.Process(d)
			if d.Date != tt.want {
				t.Errorf("Date = %q, want %q", d.Date, tt.want)
			}
		})
	}
}

func TestLargeText(t *testing.T) {
	tests := []struct {
		name string
		text string
	}{
		{"story", "KRASNODAR, October 4. /TASS/. " + strings.Repeat("Moscow sees no serious efforts. ", 20<<20/32)},
		{"spaces", strings.Repeat(" ", 20<<20)},
		{"dateline then spaces", "LONDON —" + strings.Repeat(" ", 20<<20) + "x"},
		{"one line", strings.Repeat("A", 20<<20)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := quotewire.NewDocument(quotewire.Article{Text: tt.text})
			start := time.Now()
			Stage{Now: clock(2017, 10, 20)}.Process(d)
			if el := time.Since(start); el > time.Second {
				t.Errorf("Process took %v on %d bytes", el, len(tt.text))
			}
			checkSpans(t, d)
		})
	}
}

func BenchmarkMeta(b *testing.B) {
	seed := seedText(b)
	for _, bb := range []struct {
		name string
		text string
	}{
		{"seed", seed},
		{"no dateline", "Stealth Over Health: Hillary Clinton Was Headed to ER.\n\nThe New York Post reports that Hillary Clinton’s team avoided taking her to the emergency room."},
		{"20MB", seed + strings.Repeat(" Moscow sees no serious efforts.", 20<<20/32)},
	} {
		b.Run(bb.name, func(b *testing.B) {
			st := New(WithNow(clock(2017, 10, 20)))
			a := quotewire.Article{Text: bb.text}
			b.SetBytes(int64(len(bb.text)))
			b.ReportAllocs()
			for b.Loop() {
				d := quotewire.NewDocument(a)
				if err := st.Process(d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
