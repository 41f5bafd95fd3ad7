package engine

import (
	"os"
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
)

// TestSpeakerNames runs the default pipeline on testdata/speakers-issue13.txt,
// sentences with the speaker mistakes issue 13 lists (taken from real
// articles), and checks the name a reader gets for each quote, its act and
// whether it is anonymous; the non-statements must not come out at all.
func TestSpeakerNames(t *testing.T) {
	a := extractFile(t, "testdata/speakers-issue13.txt", "issue13")
	tests := []struct {
		content, speaker string
		anonymous        bool
		act              quotewire.Act
	}{
		{"the fire was under control", "spokesman for the ministry", true, quotewire.Statement},
		{"We are doing everything we can", "police commander", true, quotewire.Statement},
		{"more rescuers would arrive", "spokesman for the ministry", true, quotewire.Statement},
		{"three days of mourning", "Piotr Jedlinski", false, quotewire.Statement},
		{"five girls had died", "PAP", false, quotewire.Statement},
		{"had been inspected", "Znak.com", false, quotewire.Statement},
		{"the search would go on", "Chelyabinsk’s governor", true, quotewire.Statement},
		{"Berlin was ready to help", "German envoy", true, quotewire.Statement},
		{"the talks had failed", "spokeswoman", true, quotewire.Statement},
		{"the cabinet would meet", "prime minister's spokesman", true, quotewire.Statement},
		{"the outbreak was slowing", "WHO official", true, quotewire.Statement},
		{"climate arsonist", "Biden", false, quotewire.Evaluation},
		{"the investigation would be thorough", "Brudziński", false, quotewire.Statement},
		{"the owner had been detained", "Brudziński", false, quotewire.Statement},
		{"May God give strength", "Andrzej Duda", false, quotewire.Statement},
		{"the meeting had been productive", "Boris Johnson’s spokesman", true, quotewire.Statement},
		{"the inquiry would clear him", "Boris Johnson’s lawyer", true, quotewire.Statement},
	}
	for _, tt := range tests {
		t.Run(tt.content, func(t *testing.T) {
			q := quoteWith(t, a, tt.content, strings.Contains)
			if q.Speaker == nil {
				t.Fatalf("no speaker, want %q", tt.speaker)
			}
			if q.Speaker.Name != tt.speaker || q.Speaker.Anonymous != tt.anonymous {
				t.Errorf("speaker %q (anonymous %v), want %q (anonymous %v)", q.Speaker.Name, q.Speaker.Anonymous, tt.speaker, tt.anonymous)
			}
			if q.Act != tt.act {
				t.Errorf("act %q, want %q", q.Act, tt.act)
			}
		})
	}
	for _, q := range a.Quotes {
		for _, not := range []string{"A WHO official", "competition from China", "to comment"} {
			if strings.HasPrefix(strings.Trim(q.Content.Text, `"`), not) {
				t.Errorf("%q (cue %v) is no statement, yet came out as a quote", q.Content.Text, q.Cue)
			}
		}
		if q.Speaker != nil {
			for _, bad := range []string{"Some", "Friday", "German", "com", "of Koszalin Piotr Jedlinski", "State press", "Chelyabinsk", "May God"} {
				if q.Speaker.Name == bad {
					t.Errorf("speaker %q for %q", bad, q.Content.Text)
				}
			}
		}
	}
}

// TestSpeakerNamesNewsShapes runs the default pipeline on
// testdata/speakers-session.txt: the shapes of sentence behind the
// news set's commonest speaker mistakes (ranks and initials with periods,
// a role then a comma then the name, a lead-in that ends in a colon before
// a quote of several paragraphs, reports inside reports, documents that
// speak for their issuer, titles inside a committee's name), each written
// afresh, and checks speaker, relay and continuation.
func TestSpeakerNamesNewsShapes(t *testing.T) {
	a := extractFile(t, "testdata/speakers-session.txt", "shapes")
	tests := []struct {
		content, speaker, via string
		continued             bool
		act                   quotewire.Act
	}{
		{"This is what we train for", "Patrick M. Hamilton", "", false, quotewire.Statement},
		{"A lot of people need our help", "Roberto Rivera", "", false, quotewire.Statement},
		{"Our objective is hurricane awareness", "Jack Kelly", "", false, quotewire.Statement},
		{"the storm was still very dangerous", "Joseph L. Lengyel", "", false, quotewire.Statement},
		{"today’s agreement is a welcome step", "Nicola Sturgeon", "", false, quotewire.Statement},
		{"The next phase will be significantly tougher", "Nicola Sturgeon", "", true, quotewire.Statement},
		{"one of the biggest cases of trafficking", "Gary Griffith", "Guardian Media", false, quotewire.Evaluation},
		{"the two nations will always enjoy", "Ash Carter", "Peter Cook", false, quotewire.Statement},
		{"the Home Office ignored expert advice", "APPG group", "", false, quotewire.Statement},
		{"Putting these sites back into use", "Sam Graves", "", false, quotewire.Statement},
		{"We will hold companies accountable", "David M. Uhlmann", "", false, quotewire.Statement},
		{"We welcome the fact", "Tony Wright", "", false, quotewire.Statement},
		{"This review will help strengthen", "Priti Patel", "", false, quotewire.Statement},
		{"The threat is growing", "Priti Patel", "", true, quotewire.Statement},
		{"With heavy rain and high tides", "Clare Dinnis", "", false, quotewire.Statement},
		{"We will issue flood warnings", "Clare Dinnis", "", true, quotewire.Statement},
		{"We will rebuild the school", "Amina Yusuf", "", false, quotewire.Statement},
		{"It will take a year", "Amina Yusuf", "", true, quotewire.Statement},
		{"the new talks had failed", "Li Wei", "", false, quotewire.Statement},
		{"another round would start later", "Li Wei", "", false, quotewire.Statement},
		{"the exercise gave his soldiers", "Patrick Ellis", "", false, quotewire.Statement},
		{"I came here with some professional acquaintances", "Patrick Ellis", "", true, quotewire.Statement},
		{"to keep his nose out of the issue", "Sat Maharaj", "", false, quotewire.Statement},
		{"The duty of every generation", "Jean-Claude Juncker", "", false, quotewire.Statement},
		{"the talks in Minsk should go on", "Vladimir Putin and Angela Merkel", "", false, quotewire.Statement},
		{"they would speak again next week", "Vladimir Putin and Angela Merkel", "", false, quotewire.Statement},
		{"the mayor is under fire", "Telegraph and Express", "", false, quotewire.Statement},
		{"there is a lack of trust in official immigration data", "Home Affairs Select Committee", "", false, quotewire.Statement},
		{"mind your own damn business", "Sat Maharaj", "", false, quotewire.Statement},
		{"a young girl's agency over her own body", "Mark Lyndersay", "", false, quotewire.Statement},
		{"the bill would become enforceable", "Terri Collins", "", false, quotewire.Statement},
		{"Launching progress and securing a final cleanup decision", "Steve Daines", "", false, quotewire.Statement},
		{"the Government makes changes to the law", "Sarah Champion", "Independent", false, quotewire.Directive},
		{"the Home Secretary to use the Domestic Abuse Bill", "Sarah Champion", "Independent", false, quotewire.Directive},
		{"The fire reportedly started at about 19:00", "unnamed reports", "", false, quotewire.Statement},
		{"The owner allegedly ignored three warnings", "unnamed sources", "", false, quotewire.Statement},
		{"it would nominate a candidate of its own", "Constitution Party", "", false, quotewire.Statement},
		{"a lot of things that we can get done together", "Donald Trump", "", false, quotewire.Statement},
		{"the inquiry process is failing", "Public Administration Select Committee", "", false, quotewire.Statement},
		{"there should be more scrutiny of ministers", "Public Administration Select Committee", "", false, quotewire.Statement},
		{"the ship had seized three tonnes", "Daily Mail, Daily Record, Glasgow Herald, Independent and Sun", "", false, quotewire.Statement},
	}
	for _, tt := range tests {
		t.Run(tt.content, func(t *testing.T) {
			q := quoteWith(t, a, tt.content, strings.Contains)
			if q.Speaker == nil || q.Speaker.Name != tt.speaker {
				t.Errorf("speaker %+v, want %q", q.Speaker, tt.speaker)
			}
			via := ""
			if q.Via != nil {
				via = q.Via.Name
			}
			if via != tt.via {
				t.Errorf("via %q, want %q", via, tt.via)
			}
			if q.Continued != tt.continued || q.Act != tt.act {
				t.Errorf("continued %v act %q, want %v %q", q.Continued, q.Act, tt.continued, tt.act)
			}
		})
	}
	for _, q := range a.Quotes {
		if strings.Contains(q.Content.Text, "situation in Ukraine") {
			t.Errorf("%q: discussing a topic states nothing, yet came out as a quote", q.Content.Text)
		}
		if strings.Contains(q.Content.Text, "Small boat crossings") {
			t.Errorf("a heading came out as a quote: %q", q.Content.Text)
		}
		if strings.Contains(q.Content.Text, "While we wish") && strings.Contains(q.Content.Text, "next phase") {
			t.Errorf("a quote of two paragraphs came out whole: %q", q.Content.Text)
		}
	}
}

// TestSpeakerLabelTurns checks a transcript whose turns open with a
// label and a colon: the paragraphs up to the next label continue the
// turn, and a statement set after "Mr Cameron said:" keeps the
// paragraphs whose own sentences report someone ("He knows that …").
func TestSpeakerLabelTurns(t *testing.T) {
	text := "Vladimir Putin met with FIFA President Gianni Infantino at the Kremlin.\n\n" +
		"President of Russia Vladimir Putin: Mr Infantino, it is a pleasure to see you.\n\n" +
		"We are currently engaged in active work on the World Cup legacy. I would like to thank you once again.\n\n" +
		"I am very happy to have this chance to discuss all of this with you.\n\n" +
		"FIFA President Gianni Infantino: Thank you very much, Mr President.\n\n" +
		"The honour that you award me is an incredible honour for me and for the whole football movement. The United States is aware of reports that the stadium staff were abused.\n\n" +
		"We continue to support the efforts of the football movement in every country.\n\n" +
		"Prime Minister David Cameron has sent his condolences to the people of New Zealand.\n\n" +
		"The PM said the United Kingdom would send a search and rescue team.\n\n" +
		"Mr Cameron said:\n\n" +
		"The people of New Zealand have been hit by a devastating earthquake, and I want to pay tribute to them.\n\n" +
		"I have been in touch with my good friend, Prime Minister John Key. He knows that Britain stands ready to help.\n"
	a := extractText(t, "turns", text)
	tests := []struct {
		content, speaker string
		continued        bool
	}{
		{"Mr Infantino, it is a pleasure", "Vladimir Putin", false},
		{"We are currently engaged", "Vladimir Putin", true},
		{"I am very happy", "Vladimir Putin", true},
		{"Thank you very much, Mr President", "Gianni Infantino", false},
		{"The honour that you award me", "Gianni Infantino", true},
		{"We continue to support the efforts", "Gianni Infantino", true},
		{"the United Kingdom would send", "David Cameron", false},
		{"The people of New Zealand have been hit", "David Cameron", false},
		{"I have been in touch", "David Cameron", true},
	}
	for _, tt := range tests {
		q := quoteWith(t, a, tt.content, strings.HasPrefix)
		if q.Speaker == nil || q.Speaker.Name != tt.speaker || q.Continued != tt.continued {
			t.Errorf("%q: speaker %+v, continued %v; want %q, %v", tt.content, q.Speaker, q.Continued, tt.speaker, tt.continued)
		}
	}
	for _, q := range a.Quotes {
		if strings.HasPrefix(q.Content.Text, "Britain stands ready") || strings.HasPrefix(q.Content.Text, "that Britain") {
			t.Errorf("a report inside the Prime Minister's statement came out on its own: %q by %+v", q.Content.Text, q.Speaker)
		}
	}
}

// TestSpeakerNamesInterview checks an interview set as bracketed turns, as
// Wikinews prints them: the interviewer's label ("WN", or a reporter's
// initials nobody in the article has) is the outlet the URL names, the
// interviewee's label their name, initials the person they stand for, and
// a paragraph between two turns continues the turn before it.
func TestSpeakerNamesInterview(t *testing.T) {
	text := "Richard Stallman, founder of the Free Software Foundation, spoke to Wikinews.\n\n" +
		"((WN))  So what do you mean when you say you own a copy of a software?\n\n" +
		"((Richard Stallman))  Well, with free software, when you get a copy, you own it the same way you could own a chair. I think that is fair.\n\n" +
		"Of course, if it's a non-free program then even if you run it yourself you don't really have control.\n\n" +
		"((WSS)) : What changes to the current system do you propose?\n\n" +
		"((RS))  The changes I propose are rather complicated, and they start with the law.\n"
	a, err := Extract(quotewire.Article{ID: "interview", URL: "https://en.wikinews.org/wiki/Wikinews_discusses_DRM", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		content, speaker string
		continued        bool
		act              quotewire.Act
	}{
		{"So what do you mean", "Wikinews", false, quotewire.Question},
		{"Well, with free software", "Richard Stallman", false, quotewire.Statement},
		{"Of course, if it's a non-free program", "Richard Stallman", true, quotewire.Statement},
		{"What changes to the current system", "Wikinews", false, quotewire.Question},
		{"The changes I propose", "Richard Stallman", false, quotewire.Statement},
	}
	for _, tt := range tests {
		t.Run(tt.content, func(t *testing.T) {
			q := quoteWith(t, a, tt.content, strings.HasPrefix)
			if q.Speaker == nil || q.Speaker.Name != tt.speaker {
				t.Errorf("speaker %+v, want %q", q.Speaker, tt.speaker)
			}
			if q.Continued != tt.continued || q.Act != tt.act {
				t.Errorf("continued %v act %q, want %v %q", q.Continued, q.Act, tt.continued, tt.act)
			}
		})
	}
	for _, q := range a.Quotes {
		if q.Content.Text == "that is fair" || strings.HasPrefix(q.Content.Text, "I think") {
			t.Errorf("the turn's own words came out as a quote of their own: %q", q.Content.Text)
		}
	}
	for _, e := range a.Entities {
		if e.Name == "WN" || e.Name == "WSS" {
			t.Errorf("an interview label became an entity: %+v", e)
		}
	}
}

// TestSpeakerNamesNotWords checks names a tagger run can swallow: a
// greeting before a name, an occupation before it, a place between a
// title and the name.
func TestSpeakerNamesNotWords(t *testing.T) {
	text := "On Wednesday, United States Senator from Vermont Bernie Sanders ended his bid. He said the fight goes on.\n\n" +
		"\"The talks were good,\" said Podcaster Spike Cohen.\n\n" +
		"\"Hi Agastya, how are you?\" she asked. Agastya said she was fine.\n"
	a := extractText(t, "names", text)
	want := map[string]string{"the fight goes on": "Bernie Sanders", "The talks were good": "Spike Cohen", "she was fine": "Agastya"}
	for _, q := range a.Quotes {
		for c, who := range want {
			if strings.Contains(q.Content.Text, c) {
				if q.Speaker == nil || q.Speaker.Name != who {
					t.Errorf("%q: speaker %+v, want %q", c, q.Speaker, who)
				}
				delete(want, c)
			}
		}
	}
	for c := range want {
		t.Errorf("no quote holds %q", c)
	}
	for _, e := range a.Entities {
		switch e.Name {
		case "Vermont Bernie Sanders", "Podcaster Spike Cohen", "Hi Agastya", "United":
			t.Errorf("entity %q", e.Name)
		}
	}
}

// quoteWith returns the first quote of a whose content matches content
// (strings.Contains, strings.HasPrefix), and fails the test when none does.
func quoteWith(t *testing.T, a *quotewire.Analysis, content string, match func(s, sub string) bool) *quotewire.QuoteOut {
	t.Helper()
	for i := range a.Quotes {
		if match(a.Quotes[i].Content.Text, content) {
			return &a.Quotes[i]
		}
	}
	t.Fatalf("no quote matches %q", content)
	return nil
}

// speakerIs checks that the quote whose content holds each key has the
// speaker named by its value.
func speakerIs(t *testing.T, a *quotewire.Analysis, want map[string]string) {
	t.Helper()
	for content, name := range want {
		q := quoteWith(t, a, content, strings.Contains)
		if q.Speaker == nil || q.Speaker.Name != name {
			t.Errorf("%q: speaker %+v, want %q", content, q.Speaker, name)
		}
	}
}

// TestSpeakerNamesLede checks a lede that describes its speaker and the
// next paragraph that names them, with a name inside the lede's own words
// that is not the speaker.
func TestSpeakerNamesLede(t *testing.T) {
	text := "National Guardsmen all along the East Coast are on duty, ready to do what needs to be done, the chief of the National Guard Bureau said.\n\n" +
		"Air Force Gen. Joseph L. Lengyel told Pentagon reporters that the storm was still very dangerous.\n\n" +
		"Visiting camps in Jordan, the U.N. chief Ban Ki-moon said aid was short. The U.N. chief also expressed frustration over the lack of aid for the region."
	speakerIs(t, extractText(t, "lede", text), map[string]string{
		"National Guardsmen all along the East Coast": "Joseph L. Lengyel",
		"the storm was still very dangerous":          "Joseph L. Lengyel",
		"aid was short":                               "Ban Ki-moon",
	})
}

// TestSpeakerHeadOfBody checks a lede's "head of" a body named in the
// next paragraph, and "The RAS President" for the president of the
// Academy named with his office before.
func TestSpeakerHeadOfBody(t *testing.T) {
	text := "The head of the World Health Organization (WHO) says Ebola poses a threat to the governments of West Africa.\n\n" +
		"Dr. Margaret Chan, director-general of the WHO, said Monday that she has never seen such a disease.\n\n" +
		"Vladimir Putin held a meeting with President of the Russian Academy of Sciences Alexander Sergeyev.\n\n" +
		"The RAS President explained how the Academy saw the implementation of its tasks."
	speakerIs(t, extractText(t, "head", text), map[string]string{
		"Ebola poses a threat":      "Margaret Chan",
		"she has never seen":        "Margaret Chan",
		"how the Academy saw the i": "Alexander Sergeyev",
	})
	lede := "The leader of Guinea’s main opposition Union of Democratic Forces party is calling for fresh elections, saying Sunday’s presidential balloting was fraudulent.\n\n" +
		"Cellou Dalein Diallo said the opposition will not accept the results.\n\n" +
		"Another opposition leader, Sydia Toure, told VOA that ballot papers were missing."
	speakerIs(t, extractText(t, "lede", lede), map[string]string{
		"fresh elections":                "Cellou Dalein Diallo",
		"the opposition will not accept": "Cellou Dalein Diallo",
	})
	icc := "The prosecutor at the International Criminal Court (ICC) has praised the United States’ efforts in helping the court.\n\n" +
		"Fatou Bensouda says the arrest warrants issued against the rebels still hold."
	speakerIs(t, extractText(t, "icc", icc), map[string]string{"the United States’ efforts": "Fatou Bensouda"})
}

// TestSpeakerUnnamedShapes checks unnamed speakers in shapes of sentence
// the source finder cuts short: a "with" phrase before a gerund, a
// subordinate clause before the subject, a noun of reporting, a pronoun
// whose only antecedent is a described subject, and an acronym defined for
// a descriptor ("The Prime Minister’s Spokesman (PMS)" … "The PMS said").
func TestSpeakerUnnamedShapes(t *testing.T) {
	text := "The death toll from the earthquake looks certain to rise, with authorities saying there is no longer any hope of finding survivors.\n\n" +
		"As the hurricane season nears its peak period, NOAA’s hurricane forecasters today said they expect seven to 10 tropical storms.\n\n" +
		"The United States is aware of reports that soldiers have abused members of the plant's staff.\n\n" +
		"A German farmer has fitted his cows with diapers because, he says, cowpats are a fertiliser high in nitrates.\n\n" +
		"The Prime Minister’s Spokesman (PMS) spoke to the assembled press this morning.\n\n" +
		"The PMS said that the resolution authorised a range of options.\n\n" +
		"Coastal flooding is expected from the storm packing 110 mph winds."
	a := extractText(t, "unnamed", text)
	for _, tt := range []struct{ content, speaker string }{
		{"the resolution authorised a range", "Prime Minister’s Spokesman"},
		{"Coastal flooding is expected", "unnamed sources"},
		{"there is no longer any hope", "authorities"},
		{"they expect seven to 10", "NOAA’s hurricane forecasters"},
		{"soldiers have abused members", "unnamed reports"},
		{"cowpats are a fertiliser", "German farmer"},
	} {
		q := quoteWith(t, a, tt.content, strings.Contains)
		if q.Speaker == nil || q.Speaker.Name != tt.speaker || !q.Speaker.Anonymous {
			t.Errorf("%q: speaker %+v, want %q, unnamed", tt.content, q.Speaker, tt.speaker)
		}
	}
}

// TestSpeakerNameEnds checks a person named later by the end of their
// full name ("Tim Kee" after "Raymond Tim Kee"), a role word before a
// name ("Interviewer Jessie-May Ventour"), a person's own document
// ("Miller's statement said"), bodies joined by "along with", and a
// surname the word lists take for a place ("Fields' lawyers").
func TestSpeakerNameEnds(t *testing.T) {
	text := "Four days after the mayor of Port of Spain, Raymond Tim Kee, made the remarks, he resigned.\n\n" +
		"Tim Kee said the media had misread him.\n\n" +
		"Interviewer Jessie-May Ventour said the mayor had been asked twice.\n\n" +
		"District Judge Gray Miller ruled on Friday. Miller's statement said the draft no longer served its purpose.\n\n" +
		"The bill has sparked controversy. Planned Parenthood, along with the American Civil Liberties Union, have announced plans to oppose the bill by lawsuit.\n\n" +
		"Ohio man James Alex Fields was sentenced to life in prison. The judge heard requests for leniency from Fields' lawyers, who argued his history of mental illness should count."
	speakerIs(t, extractText(t, "ends", text), map[string]string{
		"the media had misread him":              "Raymond Tim Kee",
		"the mayor had been asked twice":         "Jessie-May Ventour",
		"the draft no longer served its purpose": "Gray Miller",
		"to oppose the bill":                     "Planned Parenthood and American Civil Liberties Union", // (the content boundary, "plans" or not, is the model's)
		"his history of mental illness":          "James Alex Fields’s lawyers",
	})
}

// TestSpeakerNamesOfficeHolder checks an unnamed speaker described by an
// office that the article names later.
func TestSpeakerNamesOfficeHolder(t *testing.T) {
	text := "A federal judge said on Friday that the draft was unconstitutional.\n\n" +
		"District Judge Gray Miller wrote that the rationale for the difference no longer held."
	a := extractText(t, "judge", text)
	for _, content := range []string{"the draft was unconstitutional", "the rationale for the difference"} {
		q := quoteWith(t, a, content, strings.Contains)
		if q.Speaker == nil || q.Speaker.Name != "Gray Miller" {
			t.Errorf("%q: speaker %+v, want Gray Miller", content, q.Speaker)
		}
	}
}

// TestSpeakerNamesPronounAfterSubject checks "he" after a sentence whose
// main clause names a new person, past an earlier speaker and a person in
// the subordinate clause.
func TestSpeakerNamesPronounAfterSubject(t *testing.T) {
	text := "Secretary of State John Kerry said the region was more important than ever. " +
		"As John Kerry prepares to travel to Africa, Assistant Secretary Johnnie Carson previewed the trade forum in Lusaka. " +
		"He said the trade act was an important part of the engagement of the United States with Africa."
	a := extractText(t, "he", text)
	q := quoteWith(t, a, "the trade act was an important part", strings.Contains)
	if q.Speaker == nil || q.Speaker.Name != "Johnnie Carson" {
		t.Errorf("speaker %+v, want Johnnie Carson", q.Speaker)
	}
}

// TestSpeakerNamesWho checks a relative "who" after a possessive role: the
// lawyers, unnamed, not their client.
func TestSpeakerNamesWho(t *testing.T) {
	a := extractFile(t, "testdata/speakers-session.txt", "shapes")
	q := quoteWith(t, a, "his history of mental illness should count", strings.Contains)
	if q.Speaker == nil || !q.Speaker.Anonymous || !strings.HasSuffix(q.Speaker.Name, "lawyers") {
		t.Errorf("speaker %+v, want the unnamed lawyers", q.Speaker)
	}
}

// extractText analyses text as the article id with the default pipeline.
func extractText(t *testing.T, id, text string) *quotewire.Analysis {
	t.Helper()
	a, err := Extract(quotewire.Article{ID: id, Text: text})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// extractFile analyses the file at path as the article id.
func extractFile(t *testing.T, path, id string) *quotewire.Analysis {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return extractText(t, id, string(b))
}

// TestSpeakerCapsTranscripts checks transcripts whose labels are set in
// capitals, as the Australian Prime Minister's office prints them: a name
// with its office ("ANTHONY ALBANESE, PRIME MINISTER:"), the office alone
// after it naming the same person, a surname alone naming the person of
// an earlier label, a label alone in its paragraph with the words in the
// next, "[Laughter]" between the paragraphs of one turn, and "QUESTION:"
// an unnamed reporter. A page of questions and answers ("Q: … A: …")
// gives nobody's words.
func TestSpeakerCapsTranscripts(t *testing.T) {
	text := "ANDREW CLENNELL, HOST: Prime Minister, thanks so much for joining us.\n\n" +
		"ANTHONY ALBANESE, PRIME MINISTER: Good to be with you, once again in January.\n\n" +
		"CLENNELL: Indeed. Well, it's an election year. Are you the underdog?\n\n" +
		"PRIME MINISTER: Well, the polls will come and people will analyse them.\n\n" +
		"[Laughter]\n\n" +
		"My job is to put forward our alternative vision for the country.\n\n" +
		"QUESTION: Is it fair to say you have learnt the lessons of your predecessor?\n\n" +
		"DR. GERBERDING: Good afternoon.\n\n" +
		"RACHEL CORBETT:\n\n" +
		"Getting serious for a minute. You have had plenty of time.\n\n" +
		"PRIME MINISTER:\n\n" +
		"That's pretty serious, actually, and we will deal with it.\n"
	a := extractText(t, "caps-turns", text)
	tests := []struct {
		content, speaker string
		anonymous        bool
		continued        bool
	}{
		{"Prime Minister, thanks so much", "Andrew Clennell", false, false},
		{"Good to be with you", "Anthony Albanese", false, false},
		{"Indeed. Well, it's an election year", "Andrew Clennell", false, false},
		{"Well, the polls will come", "Anthony Albanese", false, false},
		{"My job is to put forward", "Anthony Albanese", false, true},
		{"Is it fair to say", "reporter", true, false},
		{"Good afternoon", "Gerberding", false, false}, // a title with its dot, two words of turn
		{"Getting serious for a minute", "Rachel Corbett", false, false},
		{"That's pretty serious, actually", "Anthony Albanese", false, false},
	}
	for _, tt := range tests {
		q := quoteWith(t, a, tt.content, strings.HasPrefix)
		if q.Speaker == nil || q.Speaker.Name != tt.speaker || q.Speaker.Anonymous != tt.anonymous || q.Continued != tt.continued {
			t.Errorf("%q: speaker %+v, continued %v; want %q (anonymous %v), continued %v", tt.content, q.Speaker, q.Continued, tt.speaker, tt.anonymous, tt.continued)
		}
	}
	for _, q := range a.Quotes {
		if strings.Contains(q.Content.Text, "Laughter") || q.Speaker != nil && strings.EqualFold(q.Speaker.Name, "question") {
			t.Errorf("quote %q by %+v", q.Content.Text, q.Speaker)
		}
	}

	// the office alone, no name anywhere: the office, unnamed
	a = extractText(t, "pm-alone", "PRIME MINISTER: We are meeting on Ngunnawal land and we acknowledge their elders.\n\n"+
		"I am delighted to be here, thrilled to be here to celebrate women's football in Australia.\n")
	for _, c := range []string{"We are meeting", "I am delighted"} {
		if q := quoteWith(t, a, c, strings.HasPrefix); q.Speaker == nil || q.Speaker.Name != "Prime Minister" || !q.Speaker.Anonymous {
			t.Errorf("%q: speaker %+v, want the unnamed Prime Minister", c, q.Speaker)
		}
	}

	// questions and answers with nobody named: no one's words (the
	// learned model's act-other reading of "apply for", which only
	// PolNeAR counts, aside)
	a = extractText(t, "faq", "Q: Who can apply for the grant this year?\n\nA: Any school in the county with fewer than 200 pupils can apply.\n\n"+
		"Q: When does the scheme close to new applications?\n\nA: The scheme closes on 1 March, and late forms are not read.\n")
	for _, q := range a.Quotes {
		if q.Speaker != nil || q.Act != quotewire.OtherAct {
			t.Errorf("a page of questions and answers gave %q (%s) by %+v", q.Content.Text, q.Act, q.Speaker)
		}
	}
}

// TestSpeakerOfficeRunsOn checks offices that run on to their holder's
// name over commas, "and" and a field after "for", in a sentence or in a
// transcript's label: the holder speaks, never the office nor a word of
// it.
func TestSpeakerOfficeRunsOn(t *testing.T) {
	text := "\"Physically, the wind warning did not affect me,\" said U.S. Army Staff Sgt. and Team Army Captain Dorian Rhoten.\n\n" +
		"“Ambassadors play an important role in motivating people to be active,” said Commissioner for Education, Culture, Youth and Sport, Tibor Navracsics.\n\n" +
		"According to USGS Surface Water Specialist, Robert Meyer, in Sacramento, \"We have concerns for our people in the field.\"\n\n" +
		"U.N. Assistant Secretary-General for Human Rights Ivan Simonovic says the fighting has killed thousands of people.\n\n" +
		"Acting Assistant Attorney General for Civil Rights Vanita Gupta and U.S. Attorney Andrew M. Luger met the city council.\n\n" +
		"\"We are pleased that the city worked with us,\" said Gupta.\n\n" +
		"The U.S. Department of Labor today announced that the Wage and Hour Division recovered a record $322 million in wages.\n\n" +
		"President of Russia Vladimir Putin: Mr Puchkov, let us begin by discussing the situation overall.\n\n" +
		"Minister of Civil Defence, Emergencies and Natural Disasters Relief Vladimir Puchkov: Mr President, please be advised that the situation is stable.\n\n" +
		"We are particularly monitoring the situation in Yakutia and Karelia.\n"
	speakerIs(t, extractText(t, "offices", text), map[string]string{
		"We are pleased that the city":   "Vanita Gupta",
		"the Wage and Hour Division":     "United States Department of Labor",
		"Mr Puchkov, let us begin":       "Vladimir Putin",
		"Mr President, please be":        "Vladimir Puchkov",
		"We are particularly monitoring": "Vladimir Puchkov",
		"the wind warning":               "Dorian Rhoten",
		"Ambassadors play an important":  "Tibor Navracsics",
		"We have concerns":               "Robert Meyer",
		"the fighting has killed":        "Ivan Simonovic",
	})
}

// TestSpeakerUnnamedWitness checks a pronoun whose antecedent is a person
// the article brings in without a name ("one woman in the town of
// Chincha. She said …": the woman, never a man named before her), and a
// second "said" joined by "and" that shares the first one's subject
// rather than a word of its content.
func TestSpeakerUnnamedWitness(t *testing.T) {
	text := "VOA correspondent Brian Wagner reports the quake toppled buildings south of the capital. President Alan Garcia declared a state of emergency.\n\n" +
		"Some residents in the affected areas complained that relief aid was slow to come, including one woman in the town of Chincha.\n\n" +
		"She said all the houses fell down, and people have nowhere to sleep. She said no one came to help or even ask if residents were okay.\n\n" +
		"In Washington, a White House spokesman said President Bush sent his condolences to the people of Peru, and said the United States was prepared to send relief assistance if needed.\n"
	a := extractText(t, "witness", text)
	for content, want := range map[string]string{
		"all the houses fell down":          "woman in the town of Chincha",
		"no one came to help":               "woman in the town of Chincha",
		"the United States was prepared to": "White House spokesman",
	} {
		q := quoteWith(t, a, content, strings.Contains)
		if q.Speaker == nil || q.Speaker.Name != want || !q.Speaker.Anonymous {
			t.Errorf("%q: speaker %+v, want the unnamed %q", content, q.Speaker, want)
		}
	}
}

// TestSpeakerSingleMarkParagraphs checks a statement after "X said:" set
// in single marks over several paragraphs, as GOV.UK prints them (an
// opening ‘ on each paragraph, the closing ’ on the last): every
// paragraph is X's, the later ones continuing the first.
func TestSpeakerSingleMarkParagraphs(t *testing.T) {
	text := "The Justice Secretary has announced that a new prison will be built in north Wales.\n\n" +
		"Secretary of State for Justice, Chris Grayling said:\n\n" +
		"‘My priority is to provide enough prison places for those sent there by the courts.\n\n" +
		"‘This will be the first prison in north Wales and a massive boost to the Welsh economy.’\n\n" +
		"Secretary of State for Wales, David Jones said:\n\n" +
		"‘Right from the start, I have put forward my support for north Wales to be considered.’\n"
	a := extractText(t, "single-marks", text)
	for _, tt := range []struct {
		content, speaker string
		continued        bool
	}{
		{"My priority is to provide", "Chris Grayling", false},
		{"This will be the first prison", "Chris Grayling", true},
		{"Right from the start", "David Jones", false},
	} {
		q := quoteWith(t, a, tt.content, strings.Contains)
		if q.Speaker == nil || q.Speaker.Name != tt.speaker || q.Continued != tt.continued {
			t.Errorf("%q: speaker %+v, continued %v; want %q, %v", tt.content, q.Speaker, q.Continued, tt.speaker, tt.continued)
		}
	}
	for _, q := range a.Quotes {
		if strings.HasPrefix(q.Content.Text, "Secretary of State") {
			t.Errorf("the lead-in came out as a quote: %q", q.Content.Text)
		}
	}
}

// TestSpeakerKinDescriptors checks "the mother" and "the father" after a
// couple named together: each the one of that gender, the first one's
// role telling the second apart.
func TestSpeakerKinDescriptors(t *testing.T) {
	text := "David Turpin and Louise Turpin were sentenced on Friday to life in prison.\n\n" +
		"\"I really look forward to the day I can see them,\" the mother said in court.\n\n" +
		"\"I love my children and I believe my children love me,\" the father said.\n"
	speakerIs(t, extractText(t, "kin", text), map[string]string{
		"I really look forward": "Louise Turpin",
		"I love my children":    "David Turpin",
	})
}

// TestSpeakerMixedInterviewLabels checks a Wikinews interview whose
// questions carry the bracketed "((WN))" and whose answers the
// interviewee's initials and a colon ("NG:"): each turn is its own quote,
// the questions Wikinews's, the answers the person's whose initials they
// are, and no turn swallows the other side's.
func TestSpeakerMixedInterviewLabels(t *testing.T) {
	text := "Wikinews interviewed biologist Natasha Gownaris about penguins.\n\n" +
		"((WN))  How did you approach putting together such a large-scale study?\n\n" +
		"NG: This study started in 1982, long before my joining the lab in March of 2016.\n\n" +
		"((WN))  What did you find?\n\n" +
		"NG: Males pine for pairings, as it turns out, for years on end.\n"
	a, err := mustNew(t).Extract(quotewire.Article{ID: "wn", URL: "https://en.wikinews.org/wiki/Penguins", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"How did you approach":    "Wikinews",
		"This study started":      "Natasha Gownaris",
		"What did you find?":      "Wikinews",
		"Males pine for pairings": "Natasha Gownaris",
	}
	speakerIs(t, a, want)
	if len(a.Quotes) != len(want) {
		for _, q := range a.Quotes {
			t.Logf("quote %q by %+v", q.Content.Text, q.Speaker)
		}
		t.Errorf("%d quotes, want one per turn (%d)", len(a.Quotes), len(want))
	}
}

// TestSpeakerHandlesAndFootnotes checks Global Voices' shapes: a Twitter
// account is the speaker ("@anniepaul"), and a link's footnote number
// between the speaker and the cue ("@anniepaul [6] tweeted:") does not
// hide the lead-in of the statement set after it.
func TestSpeakerHandlesAndFootnotes(t *testing.T) {
	text := "Bloggers sought out the amusing aspects of the situation.\n\n" +
		"It started when @anniepaul [6] tweeted:\n\n" +
		"The coverage has been nothing short of absurd, and everyone here is laughing at it.\n"
	speakerIs(t, extractText(t, "handles", text), map[string]string{"The coverage has been nothing short": "@anniepaul"})
}

// TestSpeakerBriefing checks a government's press availability, as the
// Department of Defense prints it: the opening label holds an office and a
// name with an initial, "SEC. SHANAHAN:" later is the same man, and "Q:"
// on a government's site is an unnamed reporter, not the site. A lone
// label after the article's opening ("President of Russia Vladimir Putin:
// Good afternoon, colleagues.") opens a speech when the paragraphs after
// it speak in the first person.
func TestSpeakerBriefing(t *testing.T) {
	a, err := Extract(quotewire.Article{ID: "briefing", URL: "https://www.defense.gov/News/Transcripts/Transcript/Article/1/",
		Text: "ACTING SECRETARY OF DEFENSE PATRICK M. SHANAHAN:  Good morning, everybody.  It's great to see everybody on this beautiful day.\n\n" +
			"Q:  Mr. Secretary, why do you think that the pardons are a good idea?\n\n" +
			"SEC. SHANAHAN:  You know what I thought I'd do today is talk to you about visiting the folks on Capitol Hill.\n"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		content, speaker string
		anonymous        bool
	}{
		{"Good morning, everybody", "Patrick M. Shanahan", false},
		{"Mr. Secretary, why do you think", "reporter", true},
		{"You know what I thought", "Patrick M. Shanahan", false},
	} {
		q := quoteWith(t, a, tt.content, strings.HasPrefix)
		if q.Speaker == nil || q.Speaker.Name != tt.speaker || q.Speaker.Anonymous != tt.anonymous {
			t.Errorf("%q: speaker %+v, want %q (anonymous %v)", tt.content, q.Speaker, tt.speaker, tt.anonymous)
		}
	}

	// an outlet's own interview: its label is the outlet, by the name readers
	// give it; a surname label is the person named before
	a, err = Extract(quotewire.Article{ID: "voa-interview", URL: "https://www.voanews.com/a/voa-s-interview-with-mike-pompeo/1.html",
		Text: "VOA spoke with Secretary of State Mike Pompeo.\n\nVOA: What is your message to Iran?\n\nPompeo: Our message is simple. Stop.\n"})
	if err != nil {
		t.Fatal(err)
	}
	for c, want := range map[string]string{"What is your message": "Voice of America", "Our message is simple": "Mike Pompeo"} {
		if q := quoteWith(t, a, c, strings.HasPrefix); q.Speaker == nil || q.Speaker.Name != want {
			t.Errorf("%q: speaker %+v, want %s", c, q.Speaker, want)
		}
	}

	a = extractText(t, "kremlin-one-label", "Vladimir Putin held a meeting on the situation in the border regions.\n\n"+
		"President of Russia Vladimir Putin: Good afternoon, colleagues.\n\n"+
		"The agenda of this meeting focuses on the situation along the Russian border.\n\n"+
		"We must assess the developments unfolding there, and we will offer our evaluation.\n")
	for _, c := range []string{"Good afternoon, colleagues", "The agenda of this meeting", "We must assess"} {
		if q := quoteWith(t, a, c, strings.HasPrefix); q.Speaker == nil || q.Speaker.Name != "Vladimir Putin" {
			t.Errorf("%q: speaker %+v, want Vladimir Putin", c, q.Speaker)
		}
	}
}

// TestSpeakerQuotedParagraphsAfterJudgement checks a quotation of several
// paragraphs (each opening with a mark, the last closing) after a lead-in
// that reports a judgement with a noun phrase: every paragraph is the
// minister's, a statement, the later ones continuing the first.
func TestSpeakerQuotedParagraphsAfterJudgement(t *testing.T) {
	a := extractText(t, "burt", "Minister for the Middle East Alistair Burt has condemned the \"despicable\" attack on the British Council Building in Kabul.\n\n"+
		"“I condemn this despicable attack on the British Council building in Kabul earlier today. My thoughts are with those killed.\n\n"+
		"“I can confirm that all British nationals affected are now safe.\n\n"+
		"“This attack will not lessen the UK’s resolve to support the Afghan people.”\n\n"+
		"Prime Minister David Cameron has also condemned the attack.\n")
	for _, c := range []string{"“I condemn", "“I can confirm", "“This attack"} {
		q := quoteWith(t, a, c, strings.HasPrefix)
		if q.Speaker == nil || q.Speaker.Name != "Alistair Burt" || q.Act != quotewire.Statement || !q.Continued {
			t.Errorf("%q: speaker %+v, act %s, continued %v; want Alistair Burt, a statement, continued", c, q.Speaker, q.Act, q.Continued)
		}
	}
}
