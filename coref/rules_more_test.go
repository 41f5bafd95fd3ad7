package coref_test

// The rest of the rule tables of rules_test.go: unnamed.go, issuer.go,
// turns.go and label.go, given.go, nouns.go, finish.go, joint.go,
// antecedent.go and the ranker.

import (
	"testing"

	"github.com/quotewire/quotewire"
)

// TestRulesUnnamed covers unnamed.go: an office-holder the article names
// later by that office (officesNamedLater), and a lede's describer named
// in the next paragraph (ledeNamed).
func TestRulesUnnamed(t *testing.T) {
	runRuleCases(t, []ruleCase{
		// officesNamedLater: "The Transport Secretary" is the one person
		// given that office; nobody is when no one holds it
		{name: "office named later by its holder",
			text: "The Transport Secretary has announced a review of rail fares.\n\nSecretary of State for Transport, Grant Shapps said:\n\n\"Passengers deserve a fair deal.\"",
			want: []speakerWant{
				{content: "a review of rail fares", speaker: "Grant Shapps"},
				{content: "Passengers deserve a fair deal", speaker: "Grant Shapps"},
			}},
		{name: "office nobody in the article holds",
			text: "The Transport Secretary has announced a review of rail fares.\n\nRail union leader Mick Lynch said passengers deserved a fair deal.",
			want: []speakerWant{
				{content: "a review of rail fares", speaker: "Transport Secretary", unnamed: true},
				{content: "passengers deserved a fair deal", speaker: "Mick Lynch"},
			}},

		// ledeNamed: the lede's office-holder is the person the next
		// paragraph quotes; a lede's group of residents is not
		{name: "lede's office-holder named in the next paragraph",
			text: "Aid convoys have been blocked at the border for a week, the head of the UN refugee agency said.\n\nFilippo Grandi told reporters in Geneva that the situation was desperate.",
			want: []speakerWant{
				{content: "Aid convoys have been blocked", speaker: "Filippo Grandi"},
				{content: "the situation was desperate", speaker: "Filippo Grandi"},
			}},
		{name: "lede's residents are not the person quoted next",
			text: "Aid convoys have been blocked at the border for a week, local residents said.\n\nFilippo Grandi told reporters in Geneva that the situation was desperate.",
			want: []speakerWant{
				{content: "Aid convoys have been blocked", speaker: "local residents", unnamed: true, typ: quotewire.Group},
				{content: "the situation was desperate", speaker: "Filippo Grandi"},
			}},
	})
}

// TestRulesIssuer covers issuer.go: a document that says something is
// its issuer's — named in it, named where the article brought it in, or
// the sender of the sentence before; "the paper" is the newspaper last
// named.
func TestRulesIssuer(t *testing.T) {
	runRuleCases(t, []ruleCase{
		// byAgent: "a report by X" is X's
		{name: "report by a body",
			text:  "A report by the National Audit Office found that the rail project was 18 months behind schedule.",
			given: []givenQuote{{content: "found [that the rail project was 18 months behind schedule]", cue: "Office [found] that", source: "[A report by the National Audit Office] found"}},
			want:  []speakerWant{{content: "18 months behind", speaker: "National Audit Office", typ: quotewire.Organization}}},

		// a name modifying the document: "a new NOAA report"
		{name: "report of a named body",
			text:  "A new NOAA report says sea levels along the Gulf coast are rising faster than expected.",
			given: []givenQuote{{content: "says [sea levels along the Gulf coast are rising faster than expected]", cue: "report [says] sea", source: "[A new NOAA report] says"}},
			want:  []speakerWant{{content: "sea levels", speaker: "NOAA", typ: quotewire.Organization}}},

		// "a statement from the ministry": an unnamed body issued it
		{name: "statement from an unnamed body",
			text:  "A statement from the ministry said the border crossings would reopen on Monday.",
			given: []givenQuote{{content: "said [the border crossings would reopen on Monday]", cue: "ministry [said] the", source: "[A statement from the ministry] said"}},
			want:  []speakerWant{{content: "border crossings", speaker: "ministry", unnamed: true, typ: quotewire.Organization}}},

		// "the report" after "a report by X" is X's
		{name: "the report brought in with its author",
			text:  "A report by the Home Affairs Committee was published on Tuesday. The report says the border data cannot be trusted.",
			given: []givenQuote{{content: "says [the border data cannot be trusted]", cue: "report [says] the", source: "Tuesday. [The report] says"}},
			want:  []speakerWant{{content: "border data", speaker: "Home Affairs Committee", typ: quotewire.Organization}}},

		// sender: "X published a report. The report found …"
		{name: "report of the sender before",
			text:  "NOAA published a report on Atlantic hurricanes on Tuesday. The report found that storms were growing stronger.",
			given: []givenQuote{{content: "found [that storms were growing stronger]", cue: "report [found] that", source: "Tuesday. [The report] found"}},
			want:  []speakerWant{{content: "storms were growing stronger", speaker: "NOAA", typ: quotewire.Organization}}},
		{name: "message of the sender before",
			text: "President Vladimir Putin sent his greetings to the festival's participants.\n\nThe message reads: \"Your work brings our peoples closer.\"",
			want: []speakerWant{{content: "Your work brings", speaker: "Vladimir Putin", role: "President"}}},

		// a document nobody in the text issued
		{name: "letter with no author in the text",
			text:  "Police found a letter in the abandoned car on Sunday. The letter said the bridge was unsafe.",
			given: []givenQuote{{content: "said [the bridge was unsafe]", cue: "letter [said] the", source: "Sunday. [The letter] said"}},
			want:  []speakerWant{{content: "the bridge was unsafe", speaker: "letter", unnamed: true}}},
		{name: "report of someone who did not send it",
			text:  "Opposition leader Kemal Aydin visited the flooded villages on Tuesday. A leaked report said the dam had failed.",
			given: []givenQuote{{content: "said [the dam had failed]", cue: "report [said] the", source: "Tuesday. [A leaked report] said"}},
			want:  []speakerWant{{content: "the dam had failed", speaker: "leaked report", unnamed: true}}},

		// "the paper" is the newspaper named last
		{name: "the paper",
			text: "Opposition leader Kemal Aydin spoke to the Daily Sabah on Monday. The paper said he would stand for president.",
			want: []speakerWant{{content: "stand for president", speaker: "Daily Sabah", typ: quotewire.Organization}}},
	})
}

// TestRulesTurns covers turns.go and label.go: the labels of a
// transcript in capitals ("RISHI SUNAK, CHANCELLOR:", "CHANCELLOR:",
// "QUESTION:") and of an interview ("WN:", "RS:", "Q:").
func TestRulesTurns(t *testing.T) {
	runRuleCases(t, []ruleCase{
		// capsLabelSource: a name and office in capitals; the office alone
		// later is that person; "QUESTION" is a reporter; an office nobody
		// holds is unnamed
		{name: "transcript labels in capitals",
			text: "ANDREW MARR, PRESENTER: Chancellor, thank you for joining us this morning.\n\n" +
				"RISHI SUNAK, CHANCELLOR: Good morning, it is a pleasure to be here.\n\n" +
				"QUESTION: Will taxes go up this year?\n\n" +
				"CHANCELLOR: We have no plans to raise them.",
			want: []speakerWant{
				{content: "thank you for joining us", speaker: "Andrew Marr", role: "Presenter"},
				{content: "it is a pleasure", speaker: "Rishi Sunak", role: "Chancellor"},
				{content: "Will taxes go up", speaker: "reporter", unnamed: true},
				{content: "no plans to raise them", speaker: "Rishi Sunak"},
			}},
		{name: "office label nobody in the transcript holds",
			text: "PRIME MINISTER: We are meeting on the lands of the Gadigal people today.\n\nI thank the elders for their welcome.",
			want: []speakerWant{
				{content: "We are meeting", speaker: "Prime Minister", unnamed: true, typ: quotewire.Person},
				{content: "I thank the elders", speaker: "Prime Minister", unnamed: true},
			}},

		// label: initials are the person they belong to, "WN" and "Q" the
		// outlet that interviews — a reporter in a government's transcript
		{name: "interview labels",
			url: "https://en.wikinews.org/wiki/Interview_with_Richard_Stallman",
			text: "Richard Stallman, founder of the Free Software Foundation, spoke to Wikinews.\n\n" +
				"WN: What do you think of the new copyright law?\n\n" +
				"RS: It is a disaster for users.",
			want: []speakerWant{
				{content: "What do you think", speaker: "Wikinews", typ: quotewire.Organization},
				{content: "It is a disaster", speaker: "Richard Stallman"},
			}},
		{name: "question label in a government transcript",
			url:  "https://www.whitehouse.gov/briefing-room/press-briefings/monday",
			text: "Press Secretary Jen Psaki briefed reporters on Monday.\n\nQ: Will the president veto the bill?\n\nMS. PSAKI: He has been clear about his concerns.",
			want: []speakerWant{
				{content: "veto the bill", speaker: "reporter", unnamed: true},
				{content: "He has been clear", speaker: "Jen Psaki", role: "Press Secretary"},
			}},
		{name: "question label in an outlet's interview",
			url:  "https://en.wikinews.org/wiki/Interview_with_Richard_Stallman",
			text: "Richard Stallman spoke to Wikinews about copyright.\n\nQ: What do you think of the new copyright law?\n\nRS: It is a disaster for users.",
			want: []speakerWant{
				{content: "What do you think", speaker: "Wikinews", typ: quotewire.Organization},
				{content: "It is a disaster", speaker: "Richard Stallman"},
			}},
	})
}

// TestRulesGivenNames covers given.go: the gender of common given names
// decides which person "she" or "he" refers to.
func TestRulesGivenNames(t *testing.T) {
	runRuleCases(t, []ruleCase{
		// givenNameGender: "she" is the woman, "he" the man, whichever
		// spoke last
		{name: "she is the woman named before",
			text: "Finance Minister Maria Silva said the budget would be balanced. Her deputy, Paulo Costa, disagreed with the timing.\n\n\"We will not raise taxes,\" she said.",
			want: []speakerWant{{content: "We will not raise taxes", speaker: "Maria Silva"}}},
		{name: "he skips the woman who spoke last",
			text: "Finance Minister Maria Silva said the budget would be balanced. Her deputy, Peter Costa, disagreed with the timing.\n\n\"We cannot wait that long,\" he said.",
			want: []speakerWant{{content: "We cannot wait", speaker: "Peter Costa"}}},
		{name: "he when only a woman spoke",
			text: "\"Talks went well,\" said Anna Berg.\n\n\"The post went to Swedish diplomat Lars Nilsson,\" he said.",
			want: []speakerWant{{content: "The post went to", speaker: ""}}},
	})
}

// TestRulesNouns covers nouns.go: which offices a descriptor may refer to
// (holds), which head nouns can speak (speaks) and what an unnamed
// speaker's head noun makes it (isOrgNoun, animate).
func TestRulesNouns(t *testing.T) {
	runRuleCases(t, []ruleCase{
		// holds (read where the ranker proposes someone): "leader" fits
		// any office; "the senator" is never the Prime Minister
		{name: "a leader may hold any office",
			text:   "Prime Minister Keir Starmer visited the flooded towns on Sunday. The Labour leader said government aid was on its way.",
			ranker: true,
			want:   []speakerWant{{content: "government aid", speaker: "Keir Starmer", role: "Prime Minister"}}},
		{name: "a senator is not the Prime Minister",
			text:   "Prime Minister Keir Starmer visited the flooded towns on Sunday. The senator said government aid was on its way.",
			ranker: true,
			want:   []speakerWant{{content: "government aid", speaker: "senator", unnamed: true, typ: quotewire.Person}}},

		// speaks: a body speaks; a thing does not
		{name: "a body's noun speaks",
			text: "The agency said the dam had been inspected in March.",
			want: []speakerWant{{content: "inspected in March", speaker: "agency", unnamed: true, typ: quotewire.Organization}}},
		{name: "a thing does not speak",
			text:  "The heavy rain meant that the dam had overflowed by Monday.",
			given: []givenQuote{{content: "meant [that the dam had overflowed by Monday]", cue: "rain [meant] that", source: "[The heavy rain] meant"}},
			want:  []speakerWant{{content: "the dam had overflowed", speaker: ""}}},

		// isOrgNoun, animate: the type of an unnamed speaker
		{name: "unnamed firm is an organisation",
			text: "A security firm said the attack had come from abroad.",
			want: []speakerWant{{content: "come from abroad", speaker: "security firm", unnamed: true, typ: quotewire.Organization}}},
		{name: "unnamed analyst is a person",
			text: "A security analyst said the attack had come from abroad.",
			want: []speakerWant{{content: "come from abroad", speaker: "security analyst", unnamed: true, typ: quotewire.Person}}},
		{name: "unnamed residents are a group",
			text: "Local residents said the water had risen within minutes.",
			want: []speakerWant{{content: "risen within minutes", speaker: "local residents", unnamed: true, typ: quotewire.Group}}},
	})
}

// TestRulesFinish covers finish.go: places that speak (their government,
// an organisation of their name, or a person of that surname), an
// unnamed office-holder the article names elsewhere, names in capitals.
func TestRulesFinish(t *testing.T) {
	runRuleCases(t, []ruleCase{
		// placesThatSpeak, governmentSpeaks: a country that speaks is its
		// government; a city that is no capital is a body of its name; a
		// place only mentioned stays a place
		{name: "country speaks for its government",
			text: "Ukraine said on Monday it had shot down 20 drones overnight.",
			want: []speakerWant{{content: "shot down 20 drones", speaker: "Government of Ukraine", typ: quotewire.Organization}}},
		{name: "capital speaks for its country's government",
			text: "Moscow said on Friday it would respond to the new sanctions.",
			want: []speakerWant{{content: "respond to the new sanctions", speaker: "Government of Russia", typ: quotewire.Organization}}},
		{name: "city that is no capital",
			text: "Detroit said the budget would be balanced by 2025.",
			want: []speakerWant{{content: "the budget would be balanced", speaker: "Detroit", typ: quotewire.Organization}}},
		{name: "place mentioned is no speaker",
			text: "Two suspects were detained in Moscow on Friday, police said.",
			want: []speakerWant{{content: "Two suspects were detained", speaker: "police", unnamed: true, typ: quotewire.Group}}},
		{name: "place that is a person's surname",
			text: "Police in Pierce County are investigating the fire. Local businessman John Pierce owns the building.\n\nPierce said the fire had started in the basement.",
			want: []speakerWant{{content: "started in the basement", speaker: "John Pierce", typ: quotewire.Person}}},

		// officeHolders: "a federal judge" is the one judge the article
		// names; with two judges named, nobody
		{name: "unnamed judge named later",
			text: "A federal judge in Ohio said on Friday that the law was unconstitutional.\n\nDistrict Judge Karen Holt wrote that the state had failed to show any harm.",
			want: []speakerWant{
				{content: "the law was unconstitutional", speaker: "Karen Holt"},
				{content: "failed to show any harm", speaker: "Karen Holt", role: "District Judge"},
			}},
		{name: "unnamed judge with two judges named",
			text: "A federal judge in Ohio said on Friday that the law was unconstitutional. Lawyers for the state said they would appeal.\n\nDistrict Judge Karen Holt and Chief Judge Robert Ames sit on the same court.",
			want: []speakerWant{
				{content: "the law was unconstitutional", speaker: "federal judge in Ohio", unnamed: true},
				{content: "they would appeal", speaker: "lawyers for the state", unnamed: true},
			}},

		// shouting: a person's name in capitals is written as a name
		{name: "name in capitals",
			text: "TOKYO — \"WE WILL REBUILD EVERY HOUSE,\" SAID MAYOR KENJI SATO.",
			want: []speakerWant{{content: "WE WILL REBUILD", speaker: "Kenji Sato", typ: quotewire.Person}}},
		{name: "acronym in capitals stays",
			text: "NATO said the alliance would send more air defence systems.",
			want: []speakerWant{{content: "more air defence systems", speaker: "NATO", typ: quotewire.Organization}}},
	})
}

// TestRulesJoint covers joint.go: speakers joined with "and" are one
// group, and "the two leaders" after two people named is that group.
func TestRulesJoint(t *testing.T) {
	runRuleCases(t, []ruleCase{
		// jointSource: two named people, two bodies' descriptors; not two
		// clauses
		{name: "two people speak together",
			text: "German Chancellor Angela Merkel and French President Emmanuel Macron said the talks in Minsk should continue.\n\nThey said they would speak again on Friday.",
			want: []speakerWant{
				{content: "talks in Minsk", speaker: "Angela Merkel and Emmanuel Macron", typ: quotewire.Group},
				{content: "speak again on Friday", speaker: "Angela Merkel and Emmanuel Macron"},
			}},
		{name: "two bodies by their common nouns",
			text: "The army and the police said the curfew would be lifted on Sunday.",
			want: []speakerWant{{content: "curfew would be lifted", speaker: "army and police", unnamed: true, typ: quotewire.Group}}},
		{name: "two clauses are no joint source",
			text: "Macron met Merkel and Putin said the summit was useful.",
			want: []speakerWant{{content: "the summit was useful", speaker: "Putin"}}},
		{name: "object of a preposition is no joint source",
			text: "After talks between Macron and Merkel, Putin said the summit was useful.",
			want: []speakerWant{{content: "the summit was useful", speaker: "Putin"}}},

		// pluralReference: "both leaders", "the leaders" after two people;
		// an indefinite plural is a group of its own
		{name: "both leaders",
			text: "German Chancellor Angela Merkel met French President Emmanuel Macron in Berlin on Monday.\n\nBoth leaders said Europe must stand together.",
			want: []speakerWant{{content: "Europe must stand together", speaker: "Emmanuel Macron and Angela Merkel", typ: quotewire.Group}}},
		{name: "the leaders",
			text: "German Chancellor Angela Merkel met French President Emmanuel Macron in Berlin on Monday. After the meeting the leaders said Europe must stand together.",
			want: []speakerWant{{content: "Europe must stand together", speaker: "Emmanuel Macron and Angela Merkel", typ: quotewire.Group}}},
		{name: "other leaders",
			text: "German Chancellor Angela Merkel met French President Emmanuel Macron in Berlin on Monday.\n\nUnion leaders said the strike would go ahead.",
			want: []speakerWant{{content: "the strike would go ahead", speaker: "union leaders", unnamed: true, typ: quotewire.Group}}},
	})
}

// TestRulesAntecedent covers antecedent.go: pronouns ("he", "she",
// "they", "who") and possessors resolved to someone named before.
func TestRulesAntecedent(t *testing.T) {
	runRuleCases(t, []ruleCase{
		// antecedent: "he" is the last speaker who fits
		{name: "he is the person named before",
			text: "Russian Foreign Minister Sergey Lavrov met his Turkish counterpart in Ankara on Tuesday.\n\n\"We discussed Syria in detail,\" he said.",
			want: []speakerWant{{content: "We discussed Syria", speaker: "Sergey Lavrov", role: "Russian Foreign Minister"}}},
		{name: "he with only a group before",
			text: "The talks in Ankara lasted four hours, Turkish officials said.\n\n\"We discussed Syria in detail,\" he said.",
			want: []speakerWant{
				{content: "lasted four hours", speaker: "Turkish officials", unnamed: true, typ: quotewire.Group},
				{content: "We discussed Syria", speaker: ""},
			}},

		// prevSubject: "He said" opening a sentence is the subject of the
		// sentence before, over an earlier speaker
		{name: "he is the subject of the sentence before",
			text: "Secretary of State John Kerry said the region was more important than ever. As Kerry prepares to travel to Asia, Assistant Secretary Daniel Russel previewed the summit in Manila. He said the trade pact was central to the engagement of the United States.",
			want: []speakerWant{
				{content: "more important than ever", speaker: "John Kerry"},
				{content: "the trade pact was central", speaker: "Daniel Russel"},
			}},
		{name: "he is not a name inside a prepositional phrase",
			text: "Coach Tom Walsh said the team was ready. Faced with the loss of Ben Hart, the club signed two players on Friday. He said the new players would start on Saturday.",
			want: []speakerWant{{content: "the new players would start", speaker: "Tom Walsh"}}},

		// genderedDescriptor: "She" after "one woman in …" is that woman;
		// a woman named right after the description is the usual search's
		{name: "she is the woman described before",
			text: "Some residents said aid was slow to arrive, including one woman in the village of Pisco.\n\nShe said the houses had all collapsed.",
			want: []speakerWant{{content: "the houses had all collapsed", speaker: "woman in the village of Pisco", unnamed: true, typ: quotewire.Person}}},
		{name: "she is the woman named after the description",
			text: "Some residents said aid was slow to arrive, including one woman, Rosa Quispe.\n\nShe said the houses had all collapsed.",
			want: []speakerWant{{content: "the houses had all collapsed", speaker: "Rosa Quispe"}}},

		// openingDescriptor: nobody named, the described subject speaks
		{name: "he is the described subject",
			text: "A Dutch baker has started selling bread made with insect flour because, he says, it is the food of the future.",
			want: []speakerWant{{content: "the food of the future", speaker: "Dutch baker", unnamed: true, typ: quotewire.Person}}},
		{name: "they are the protesters",
			text: "Protesters gathered outside parliament on Monday. They said the new law would silence the press.",
			want: []speakerWant{{content: "silence the press", speaker: "protesters", unnamed: true, typ: quotewire.Group}}},

		// "who": the nearest name before it
		{name: "who is the person before it",
			text: "Chancellor Olaf Scholz met French President Emmanuel Macron, who said Europe must stand together.",
			want: []speakerWant{{content: "Europe must stand together", speaker: "Emmanuel Macron"}}},

		// possessor, personNamed: "his lawyer" is the lawyer of the man
		// named; a surname the word lists take for a place is the person
		{name: "his lawyer",
			text: "Police arrested Martin Kowalski on Tuesday. His lawyer said he would plead not guilty.",
			want: []speakerWant{{content: "plead not guilty", speaker: "Martin Kowalski’s lawyer", unnamed: true}}},
		{name: "lawyers of a surname that is also a place",
			text: "Former soldier Mark Chester was jailed for six years on Friday. The court heard pleas for leniency from Chester's lawyers, who argued his war service should count.",
			want: []speakerWant{{content: "his war service should count", speaker: "Mark Chester’s lawyers", unnamed: true, typ: quotewire.Group}}},
	})
}

// TestRulesRanker covers what the antecedent ranker adds to the rules: a
// one-word name the tagger gave no type, which spoke first, is the
// company "the company" refers to.
func TestRulesRanker(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{name: "the company is the untyped name that spoke",
			text:   "Siemens said on Monday it would cut 2,000 jobs. The company said the cuts would fall mainly in Germany.",
			ranker: true,
			want: []speakerWant{
				{content: "cut 2,000 jobs", speaker: "Siemens", typ: quotewire.Organization},
				{content: "fall mainly in Germany", speaker: "Siemens", typ: quotewire.Organization},
			}},
		{name: "the company is not a person who spoke",
			text:   "Union official Mary Jones said on Monday the plant would close. The company said 300 jobs would go.",
			ranker: true,
			want: []speakerWant{
				{content: "the plant would close", speaker: "Mary Jones", typ: quotewire.Person},
				{content: "300 jobs would go", speaker: "company", unnamed: true, typ: quotewire.Organization},
			}},
	})
}
