package attrib

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/text"
)

// run segments and attributes s and returns the document.
func run(s string) *quotewire.Document {
	d := quotewire.NewDocument(quotewire.Article{Text: s})
	text.Segmenter{}.Process(d)
	Rules{}.Process(d)
	return d
}

// describe renders a quote as "kind|source|cue|content parts joined by +".
func describe(d *quotewire.Document, q quotewire.Quote) string {
	src, cue := "-", "-"
	if q.Source != nil {
		src = q.Source.In(d.Text)
	}
	if q.Cue != nil {
		cue = q.Cue.In(d.Text)
	}
	var parts []string
	for _, c := range q.Content {
		parts = append(parts, c.In(d.Text))
	}
	return string(q.Kind) + "|" + src + "|" + cue + "|" + strings.Join(parts, "+")
}

// checkQuotes runs the attributor on in, then pass when not nil, as the
// subtest name, and compares the quotes, described, with want.
func checkQuotes(t *testing.T, name, in string, want []string, pass func(*quotewire.Document)) {
	t.Run(name, func(t *testing.T) {
		d := run(in)
		if pass != nil {
			pass(d)
		}
		var got []string
		for _, q := range d.Quotes {
			got = append(got, describe(d, q))
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("quotes of %q:\n got  %q\n want %q", in, got, want)
		}
	})
}

func TestQuotes(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"direct after", `"We will win," Smith said.`, []string{`direct|Smith|said|"We will win,"`}},
		{"direct inverted", `“We will win,” said the minister.`, []string{`direct|the minister|said|“We will win,”`}},
		{"direct before colon", `The senator told reporters: "The bill is dead and we all know it."`, []string{`direct|The senator|told|"The bill is dead and we all know it."`}},
		{"guillemets", `«Мы победим», — сказал он. Lavrov said: «We will never give up on this issue.»`, []string{`direct|Lavrov|said|«We will never give up on this issue.»`}},
		{"colon lead-in, cue after", `Juncker said: “The duty of every generation is to change the destinies of Europeans.” The summit was called for by Juncker.`, []string{`direct|Juncker|said|“The duty of every generation is to change the destinies of Europeans.”`}},
		{"comma lead-in, glued next cue", `Secretary Clinton said, "Food security is a foreign policy priority for us."USAID Administrator Rajiv Shah said the day is important.`, []string{`direct|Secretary Clinton|said|"Food security is a foreign policy priority for us."`, `indirect|USAID Administrator Rajiv Shah|said|the day is important`}},
		{"colon after a subject and verb", `Governor John Bel Edwards addressed the public: "No one should take this storm lightly." He said he had arranged for help.`, []string{`direct|Governor John Bel Edwards|addressed|"No one should take this storm lightly."`, `indirect|He|said|he had arranged for help`}},
		{"german marks", `Merkel said: „Wir schaffen das, und zwar gemeinsam.“`, []string{`direct|Merkel|said|„Wir schaffen das, und zwar gemeinsam.“`}},
		{"interrupted", `"The talks were useful," he said, "and we will meet again soon."`, []string{`direct|he|said|"The talks were useful,"+"and we will meet again soon."`}},
		{"continued paragraph", "\"It is good,\" Jones said.\n\n\"We proceed from the assumption that the office will work.\"", []string{`direct|Jones|said|"It is good,"`, `direct|-|-|"We proceed from the assumption that the office will work."`}},
		{"multi paragraph", "Jones said: \"The first part of a long quote goes on.\n\n\"And the second part ends here.\"", []string{`direct|Jones|said|"The first part of a long quote goes on.+"And the second part ends here."`}},
		{"indirect said that", `The minister said that the talks in Ankara had produced results.`, []string{`indirect|The minister|said|the talks in Ankara had produced results`}},
		{"indirect tail", `Moscow sees no serious efforts by the coalition, Russian Foreign Minister Sergey Lavrov said on Wednesday.`, []string{`indirect|Russian Foreign Minister Sergey Lavrov|said|Moscow sees no serious efforts by the coalition`}},
		{"according to", `According to the minister, contacts with the UN are very important.`, []string{`indirect|the minister|According to|contacts with the UN are very important`}},
		{"according to tail", `The plan will cost billions, according to officials.`, []string{`indirect|officials|according to|The plan will cost billions`}},
		{"told reporters", `Smith told reporters on Monday that the company would appeal.`, []string{`indirect|Smith|told|the company would appeal`}},
		{"mixed", `Clinton said the plan was "a disaster for working families" and would fail.`, []string{`mixed|Clinton|said|the plan was "a disaster for working families" and would fail`}},
		{"apposition", `"We are done," Patrick McGinley, a law professor at the university, said.`, []string{`direct|Patrick McGinley|said|"We are done,"`}},
		{"scare quotes only", `The so-called "reset" failed.`, nil},
		{"no attribution", `The weather was fine and the crowd was large.`, nil},
		{"adjunct only", `Lavrov said on the sidelines of a meeting in Krasnodar.`, nil},
		{"adjunct then clause", `Trump said after the convention he would not accept the endorsement.`, []string{`indirect|Trump|said|he would not accept the endorsement`}},
		{"hearer, time, clause", `The president told voters this weekend he would consider it an insult.`, []string{`indirect|The president|told|he would consider it an insult`}},
		{"particle cue", `Schiff called on the administration to call out Russia on this.`, []string{`indirect|Schiff|called on|the administration to call out Russia on this`}},
		{"pointed out", `Critics pointed out that the plan had no budget at all.`, []string{`indirect|Critics|pointed out|the plan had no budget at all`}},
		{"one quotation over paragraphs with one opening and one closing mark", "Keith Vaz MP, Chairman of the Committee, said:\n\n\"The Report shows that most were accepted.\n\nWe will continue to press for action in this Parliament.\n\nMaintaining this grid allows a methodical approach.\"",
			[]string{`direct|Keith Vaz MP|said|"The Report shows that most were accepted.+We will continue to press for action in this Parliament.+Maintaining this grid allows a methodical approach."`}},
		{"a possessive time word opens the content", "The opposition is calling for fresh elections, saying Sunday’s vote was rigged.", []string{"indirect|-|saying|Sunday’s vote was rigged"}},
		{"stage direction is no speaker", "MUSIC: \"Our World\" theme plays here for a while.\n\nCHIMES: Welcome to our science and technology magazine.", []string{`direct|CHIMES|:|Welcome to our science and technology magazine`}},
		{"transcript label", "WALLACE: If I may, sir, because we have got limited time.\n\nPENCE: Gennifer Flowers will not be attending the debate.", []string{`direct|WALLACE|:|If I may, sir, because we have got limited time`, `direct|PENCE|:|Gennifer Flowers will not be attending the debate`}},
		{"transcript in quotation marks", "\"This is about the debate,\" the host said.\n\n\"WALLACE: Do you really see those two as equivalent?\n\n\"PENCE: Well, look, you know, he has been saying some tough stuff.\"", []string{`direct|the host|said|"This is about the debate,"`, `direct|WALLACE|:|Do you really see those two as equivalent?`, `direct|PENCE|:|Well, look, you know, he has been saying some tough stuff."`}},
		{"credit line", "“He represents our greatest shame. He is ignorant of our lives.” ― Sonya Herridge\n\n“I cannot believe a man with no credentials is the nominee.”\u00a0— Jacklyn Ashley", []string{`direct|Sonya Herridge|―|“He represents our greatest shame. He is ignorant of our lives.”`, `direct|Jacklyn Ashley|—|“I cannot believe a man with no credentials is the nominee.”`}},
		{"dash, not a credit", "“We will win,” she said - and the crowd cheered loudly for a long time.", []string{`direct|she|said|“We will win,”`}},
		{"as clause", "As Ms. Simonyan put it in a statement in July, RT is providing a perspective you will not get elsewhere.", []string{`indirect|Ms. Simonyan|put it|RT is providing a perspective you will not get elsewhere`}},
		{"as clause, no cue", "As the storm approached the coast, the roads were closed for the night.", nil},
		{"not a label", "UPDATE: The story was changed on Monday to add details.", nil},
		{"inverted with a title after the name", `Soldiers are selected for their ability to perform at the highest level of their sports, said Willie Wilson, WCAP program director.`, []string{`indirect|Willie Wilson|said|Soldiers are selected for their ability to perform at the highest level of their sports`}},
		{"told, hearer, bare time word, clause", `Lt. Gen. H Steven Blum, chief of the National Guard Bureau, told Pentagon reporters today the additional troops will be divided between the states.`, []string{`indirect|Lt. Gen. H Steven Blum|told|the additional troops will be divided between the states`}},
		{"warned, a subject not a hearer", `At the ceremony, speakers warned the agreement may be hard to implement.`, []string{`indirect|speakers|warned|the agreement may be hard to implement`}},
		{"according to a body whose name holds a verb", `According to the United States Geological Survey, the earthquake occurred at 16:53 local time.`, []string{`indirect|the United States Geological Survey|According to|the earthquake occurred at 16:53 local time`}},
		{"according to a report by", `Seven people have died in the onslaught, according to a report by the national disaster council.`, []string{`indirect|a report by the national disaster council|according to|Seven people have died in the onslaught`}},
		{"inverted, a body joined by and", `The season produced only four hurricanes, said National Oceanic and Atmospheric Administration specialists.`, []string{`indirect|National Oceanic and Atmospheric Administration specialists|said|The season produced only four hurricanes`}},
		{"ruled", `U.S. District Judge Gray Miller ruled the male-only draft violated the Constitution.`, []string{`indirect|U.S. District Judge Gray Miller|ruled|the male-only draft violated the Constitution`}},
		{"apostrophes", `Russia’s forces and the voters’ choice don’t matter, he said.`, []string{`indirect|he|said|Russia’s forces and the voters’ choice don’t matter`}},
	}
	for _, tt := range tests {
		checkQuotes(t, tt.name, tt.in, tt.want, nil)
	}
}

func TestQuoteSpans(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{`He said "yes" and 'no'.`, []string{`"yes"`, `'no'`}},
		{`It’s Russia’s ‘best’ plan.`, []string{`‘best’`}},
		{`He said ''hello there,'' she said.`, []string{`''hello there,''`}},
		{`An "unclosed quote runs to the end`, []string{`"unclosed quote runs to the end`}},
		{`“Nested ‘inner’ quote.”`, []string{`“Nested ‘inner’ quote.”`}},
		{`The 5' 11" man.`, nil},
	}
	for _, tt := range tests {
		d := run(tt.in)
		var got []string
		for _, s := range d.QuoteSpans {
			got = append(got, s.In(d.Text))
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("QuoteSpans(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzAttribute(f *testing.F) {
	for _, s := range []string{
		`"We will win," Smith said. According to him, it's "fine".`,
		"“A,” he said, “B.”\n\n“C\n\n“D,” said Jones.",
		`«x» „y“ ‘z’ '' `,
		"According to",
		`", said`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		d := run(s)
		ok := func(sp quotewire.Span) bool {
			return 0 <= sp.Start && sp.Start <= sp.End && sp.End <= len(s) &&
				(sp.Start == len(s) || utf8.RuneStart(s[sp.Start])) && (sp.End == len(s) || utf8.RuneStart(s[sp.End]))
		}
		for _, q := range d.Quotes {
			if len(q.Content) == 0 {
				t.Fatal("quote without content")
			}
			for _, c := range q.Content {
				if !ok(c) || c.IsEmpty() {
					t.Fatalf("bad content span %v", c)
				}
			}
			if q.Cue != nil && !ok(*q.Cue) || q.Source != nil && !ok(*q.Source) {
				t.Fatal("bad cue or source span")
			}
		}
	})
}
