package phrase

import (
	"testing"

	"github.com/quotewire/quotewire"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in                      string
		kind                    Kind
		name, role, desc, owner string
		owned                   string
		head                    string
		definite                bool
	}{
		{in: "Mayor of Koszalin Piotr Jedlinski", kind: Name, name: "Piotr Jedlinski", role: "Mayor of Koszalin"},
		{in: "U.N. Assistant Secretary-General for Human Rights Ivan Simonovic", kind: Name, name: "Ivan Simonovic", role: "U.N. Assistant Secretary-General for Human Rights"},
		{in: "Electronics Technician (Nuclear) 3rd Class Sean Hill", kind: Name, name: "Sean Hill", role: "Electronics Technician (Nuclear) 3rd Class"},
		{in: "Annie Paul [6]", kind: Name, name: "Annie Paul"},
		{in: "The U.S. Department of Labor", kind: Name, name: "U.S. Department of Labor", definite: true},
		{in: "the Ministry of Defence", kind: Name, name: "Ministry of Defence", definite: true},
		{in: "Minister of Civil Defence, Emergencies and Natural Disasters Relief Vladimir Puchkov", kind: Name, name: "Vladimir Puchkov"},
		{in: "Conservative MP Iain Duncan Smith", kind: Name, name: "Iain Duncan Smith", role: "Conservative MP"},
		{in: "Mayor Raymond Tim Kee", kind: Name, name: "Raymond Tim Kee", role: "Mayor"},
		{in: "Port of Spain Mayor Raymond Tim Kee", kind: Name, name: "Raymond Tim Kee", role: "Port of Spain Mayor"},
		{in: "Minister for the Middle East Alistair Burt", kind: Name, name: "Alistair Burt", role: "Minister for the Middle East"},
		{in: "So many I", kind: Pronoun, head: "i"},
		{in: "U.S. Attorney Damian Williams for the Southern District of New York", kind: Name, name: "Damian Williams", role: "U.S. Attorney"},
		{in: "Assistant Attorney General Kristen Clarke of the Justice Department's Civil Rights Division", kind: Name, name: "Kristen Clarke", role: "Assistant Attorney General"},
		{in: "Maj. Gen. William Brown, commander of the 10th Mountain Division,", kind: Name, name: "William Brown", role: "Maj. Gen"},
		{in: "Commission President Ursula von der Leyen", kind: Name, name: "Ursula von der Leyen", role: "Commission President"},
		{in: "Ludovic de la Fontaine", kind: Name, name: "Ludovic de la Fontaine"},
		{in: "Pope Francis", kind: Name, name: "Pope Francis"},
		{in: "British Prince William", kind: Name, name: "Prince William", role: "British"},
		{in: "Martin Luther King III", kind: Name, name: "Martin Luther King III"},
		{in: "Lord Ahmad of Wimbledon", kind: Name, name: "Lord Ahmad of Wimbledon"},
		{in: "Robert L. Harris Jr.", kind: Name, name: "Robert L. Harris Jr."},
		{in: "Two people familiar with the matter", kind: Descriptor, head: "people"},
		{in: "Part of the judge's statement", kind: Descriptor, desc: "judge's statement", head: "statement", owner: "the judge", owned: "statement", definite: true},
		{in: "One MP", kind: Descriptor, desc: "MP", head: "mp"},
		{in: "As the hurricane season nears its peak, NOAA’s hurricane forecasters today", kind: Descriptor, desc: "NOAA’s hurricane forecasters", owner: "NOAA", owned: "hurricane forecasters", head: "forecasters", definite: true},
		{in: "3 officials", kind: Descriptor, desc: "3 officials", head: "officials"},
		{in: "Five percent", kind: Invalid},
		{in: "Amongst", kind: Invalid},
		{in: "The RAS President", kind: Descriptor, desc: "RAS President", head: "president", definite: true},
		{in: "USGS Surface Water Specialist, Robert Meyer", kind: Name, name: "Robert Meyer", role: "USGS Surface Water Specialist", desc: "USGS Surface Water Specialist"},
		{in: "State press agency PAP", kind: Name, name: "PAP", role: "State press agency"},
		{in: "Russian Foreign Minister Sergey Lavrov", kind: Name, name: "Sergey Lavrov", role: "Russian Foreign Minister"},
		{in: "Secretary of State Mike Pompeo", kind: Name, name: "Mike Pompeo", role: "Secretary of State"},
		{in: "Kama Melly QC", kind: Name, name: "Kama Melly"},
		{in: "Travis Hood, who witnessed the collision,", kind: Name, name: "Travis Hood"},
		{in: "Co-author Jing-Shan Zhao", kind: Name, name: "Jing-Shan Zhao", role: "Co-author"},
		{in: "Chip Taylor of the University of Kansas", kind: Name, name: "Chip Taylor"},
		{in: "the Federal Security Service", kind: Name, name: "Federal Security Service", definite: true},
		{in: "General Motors", kind: Name, name: "General Motors"},
		{in: "The Kremlin", kind: Name, name: "Kremlin", definite: true},
		{in: "Mendez's wife Jonna Mendez", kind: Name, name: "Jonna Mendez", owner: "Mendez", definite: true},
		{in: "Afterwards Trump", kind: Name, name: "Trump"},
		{in: "The German envoy", kind: Descriptor, desc: "German envoy", head: "envoy", definite: true},
		{in: "A spokeswoman on Friday", kind: Descriptor, desc: "spokeswoman", head: "spokeswoman"},
		{in: "a spokesman for the ministry", kind: Descriptor, desc: "spokesman for the ministry", head: "spokesman"},
		{in: "a police commander", kind: Descriptor, desc: "police commander", head: "commander"},
		{in: "the prime minister's spokesman", kind: Descriptor, desc: "prime minister's spokesman", head: "spokesman", owner: "the prime minister", owned: "spokesman", definite: true},
		{in: "Chelyabinsk's governor", kind: Descriptor, desc: "Chelyabinsk's governor", head: "governor", owner: "Chelyabinsk", definite: true},
		{in: "A WHO official, who", kind: Descriptor, desc: "WHO official", head: "official"},
		{in: "scientists from the University of Bristol", kind: Descriptor, desc: "scientists from the University of Bristol", head: "scientists"},
		{in: "The Unions updated the Task Force on their position", kind: Name, name: "Unions", definite: true},
		{in: "The Unions strongly praised", kind: Name, name: "Unions", definite: true},
		{in: "the regional governor told", kind: Descriptor, desc: "regional governor", head: "governor", definite: true},
		{in: "the elected mayor", kind: Descriptor, desc: "elected mayor", head: "mayor", definite: true},
		{in: "TOMAS MALAKAUSKAS AGREES", kind: Name, name: "TOMAS MALAKAUSKAS"},
		{in: "The Aam Aadmi Party in Goa", kind: Name, name: "Aam Aadmi Party", definite: true},
		{in: "Friday Ford Motor Company", kind: Name, name: "Ford Motor Company", role: "Friday"},
		{in: "Royal Society University Research Fellow Martin How", kind: Name, name: "Martin How", role: "Royal Society University Research Fellow"},
		{in: "Pfc Edward Murphy", kind: Name, name: "Edward Murphy", role: "Pfc"},
		{in: "Some of the protesters Wikinews interviewed", kind: Descriptor, desc: "Some of the protesters", head: "protesters"},
		{in: "the family", kind: Descriptor, desc: "family", head: "family", definite: true},
		{in: "UNESCO reportedly", kind: Name, name: "UNESCO"},
		{in: "Police", kind: Descriptor, desc: "Police", head: "police"},
		{in: "police in the city", kind: Descriptor, desc: "police in the city", head: "police"},
		{in: "Some reports", kind: Descriptor, desc: "reports", head: "reports"},
		{in: "his lawyer", kind: Descriptor, desc: "lawyer", head: "lawyer", owner: "his", owned: "lawyer", definite: true},
		{in: "the 61-year-old lawyer", kind: Descriptor, desc: "61-year-old lawyer", head: "lawyer", definite: true},
		{in: "he", kind: Pronoun, head: "he"},
		{in: "They", kind: Pronoun, head: "they"},
		{in: "You", kind: Invalid},
		{in: "Your campaign", kind: Invalid},
		{in: "Unless you", kind: Invalid},
		{in: "So", kind: Invalid},
		{in: "Well", kind: Invalid},
		{in: "Who", kind: Invalid}, // "Who can apply?": a question
		{in: "Some", kind: Invalid},
		{in: "WN", kind: Invalid},
		{in: "NG", kind: Invalid},
		{in: "Friday", kind: Invalid},
		{in: "A total of 39", kind: Invalid},
		{in: "39", kind: Invalid},
		{in: "UN", kind: Name, name: "UN"},
		{in: "I would", kind: Pronoun, head: "i"}, // a span that ran past its pronoun
		{in: "We", kind: Pronoun, head: "we"},
		{in: "", kind: Invalid},
		{in: "One of the children", kind: Descriptor, desc: "One of the children", head: "children"},
		{in: "some of the protesters Wikinews interviewed", kind: Descriptor, head: "protesters"},
		// a role, a comma, then who holds it
		{in: "National Weather Service Director, retired Air Force Brig. Gen. Jack Kelly", kind: Name, name: "Jack Kelly", role: "National Weather Service Director"},
		{in: "National Weather Service (NOAA National Weather Service) Director, retired Air Force Brig. Gen. Jack Kelly", kind: Name, name: "Jack Kelly"},
		{in: "BRITISH INFANTRY OFFICER, LIEUTENANT COLONEL ANDREW RIDLAND,", kind: Name, name: "ANDREW RIDLAND", role: "BRITISH INFANTRY OFFICER"},
		{in: "COMMANDER OF THE SECOND CAVALRY REGIMENT, COLONEL PATRICK ELLIS,", kind: Name, name: "PATRICK ELLIS"},
		{in: "Peter Cook, who spoke", kind: Name, name: "Peter Cook"},
		// titles inside a committee's name, a possessive inside a prepositional phrase
		{in: "Infrastructure Committee Ranking Member Sam Graves", kind: Name, name: "Sam Graves", role: "Infrastructure Committee Ranking Member"},
		{in: "Committee Chairman Tony Wright MP", kind: Name, name: "Tony Wright"},
		{in: "Assistant Administrator David M. Uhlmann for EPA’s Office", kind: Name, name: "David M. Uhlmann"},
		{in: "Rep. Trey Gowdy (R-S.C.)", kind: Name, name: "Trey Gowdy"},
		{in: "al-Eryani", kind: Name, name: "al-Eryani"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			p := Parse(tt.in, quotewire.Span{Start: 0, End: len(tt.in)})
			if p.Kind != tt.kind {
				t.Fatalf("kind = %v, want %v (%+v)", p.Kind, tt.kind, p)
			}
			if got := p.Name.In(tt.in); got != tt.name {
				t.Errorf("name = %q, want %q", got, tt.name)
			}
			if tt.role != "" {
				if got := p.Role.In(tt.in); got != tt.role {
					t.Errorf("role = %q, want %q", got, tt.role)
				}
			}
			if tt.desc != "" {
				if got := p.Desc.In(tt.in); got != tt.desc {
					t.Errorf("desc = %q, want %q", got, tt.desc)
				}
			}
			if got := p.Possessor.In(tt.in); got != tt.owner {
				t.Errorf("possessor = %q, want %q", got, tt.owner)
			}
			if tt.owned != "" {
				if got := p.Possessed.In(tt.in); got != tt.owned {
					t.Errorf("possessed = %q, want %q", got, tt.owned)
				}
			}
			if p.Head != tt.head {
				t.Errorf("head = %q, want %q", p.Head, tt.head)
			}
			if p.Definite != tt.definite {
				t.Errorf("definite = %v, want %v", p.Definite, tt.definite)
			}
		})
	}
}

func TestParseWidens(t *testing.T) {
	text := "Znak.com reported that the building had been inspected."
	p := Parse(text, quotewire.Span{Start: 5, End: 8}) // "com"
	if p.Kind != Name || p.Name.In(text) != "Znak.com" {
		t.Fatalf("got %v %q, want name Znak.com", p.Kind, p.Name.In(text))
	}
}

func TestParseGluedSentence(t *testing.T) {
	// a page that lost the space after a full stop
	text := "the agenda for 2019-2024.European Commission President Jean-Claude Juncker said"
	start := len("the agenda for 2019-2024.")
	p := Parse(text, quotewire.Span{Start: start, End: start + len("European Commission President Jean-Claude Juncker")})
	if p.Kind != Name || p.Name.In(text) != "Jean-Claude Juncker" {
		t.Fatalf("got %v %q, want name Jean-Claude Juncker", p.Kind, p.Name.In(text))
	}
}

func TestParseWidensToLettersOnly(t *testing.T) {
	// a curly quotation mark before the span is no part of a word
	text := "“The secretary reaffirmed that those bonds endure"
	start := len("“")
	p := Parse(text, quotewire.Span{Start: start, End: start + len("The secretary")})
	if got := p.Span.In(text); got != "The secretary" {
		t.Fatalf("span %q, want %q", got, "The secretary")
	}
	text = "Justo Hernández explained."
	p = Parse(text, quotewire.Span{Start: 0, End: len("Justo Hern")})
	if got := p.Name.In(text); got != "Justo Hernández" {
		t.Fatalf("name %q, want Justo Hernández", got)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"Mayor of Koszalin Piotr Jedlinski", "the prime minister's spokesman", "A, who", "’s", "Znak.com", " . ",
		"Communities in Cumbria, Devon and Cornwall", "Part of the", "So many I", "A Department for Transport spokesperson", "St. Mary's Hospital",
		"Special Agent in Charge Ann Moss", "a diplomat familiar with"} {
		f.Add(s, 0, len(s))
	}
	f.Fuzz(func(t *testing.T, s string, a, b int) {
		if a < 0 || b > len(s) || a > b {
			return
		}
		for _, p := range []Phrase{Parse(s, quotewire.Span{Start: a, End: b}), ParseCommon(s, quotewire.Span{Start: a, End: b})} {
			for _, sp := range []quotewire.Span{p.Span, p.Name, p.Role, p.Possessor, p.Desc} {
				if sp.Start < 0 || sp.End > len(s) || sp.Start > sp.End {
					t.Fatalf("span %v outside %q", sp, s)
				}
			}
		}
	})
}

func BenchmarkParse(b *testing.B) {
	ins := []string{"Mayor of Koszalin Piotr Jedlinski", "the prime minister's spokesman", "a spokesman for the ministry", "he"}
	for i := 0; i < b.N; i++ {
		s := ins[i%len(ins)]
		Parse(s, quotewire.Span{Start: 0, End: len(s)})
	}
}

func TestNoName(t *testing.T) {
	for run, want := range map[string]bool{
		"Visiting Syrian": true, "Former Russian": true, "United States Senator": true, "Ban Ki-moon": false,
		"Russian Foreign Minister": true, "Monday": false, "Bill Nelson": false, "": false,
		"President Joe Biden": false, "Senator": false,
	} {
		if got := NoName(run); got != want {
			t.Errorf("NoName(%q) = %v, want %v", run, got, want)
		}
	}
}

func TestNoNameAllocs(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { NoName("Visiting Syrian Foreign Minister") }); n != 0 {
		t.Errorf("NoName allocates %v times", n)
	}
}

func TestParseCommon(t *testing.T) {
	tests := []struct {
		in         string
		kind       Kind
		name, head string
	}{
		{"Communities in Cumbria", Descriptor, "", "communities"},
		{"Insurgents", Descriptor, "", "insurgents"},
		{"Officials in Nigeria", Descriptor, "", "officials"},
		{"Shell", Name, "Shell", ""},   // singular: a name
		{"Labour", Name, "Labour", ""}, // the lexicon names it
		{"The Unions", Name, "Unions", ""},
	}
	for _, tt := range tests {
		p := ParseCommon(tt.in, quotewire.Span{Start: 0, End: len(tt.in)})
		if p.Kind != tt.kind || p.Name.In(tt.in) != tt.name || p.Head != tt.head {
			t.Errorf("ParseCommon(%q) = %v name %q head %q, want %v name %q head %q", tt.in, p.Kind, p.Name.In(tt.in), p.Head, tt.kind, tt.name, tt.head)
		}
	}
	if p := Parse("Communities in Cumbria", quotewire.Span{Start: 0, End: 22}); p.Kind != Name {
		t.Errorf("Parse reads %q as %v: only ParseCommon, which knows the article, makes it common", "Communities in Cumbria", p.Kind)
	}
}
