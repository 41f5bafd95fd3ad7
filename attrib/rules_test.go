package attrib

import (
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
)

// This file tests the rules' first pass (Rules) rule by rule, and the
// passes the Stage runs after it (finish) one by one, on wire-news
// sentences and passages. Each table group names the function whose rule
// it covers and pairs passages where the rule fires with look-alikes
// where it must not. The cases here are those attrib_test.go,
// complements_test.go and paragraphs_test.go leave out.
//
// A quote is described as describe does ("kind|source|cue|content parts
// joined by +"), then "|cont" when it continues the speaker before it,
// "|via RELAY" when someone relayed it, and "|ACT" once the Stage has set
// its act.

// ruleCase is a passage and the quotes a reader finds in it, in text
// order, described by describeRule; nil means none.
type ruleCase struct {
	name string
	in   string
	want []string
	// by, when set, is the rule behind each wanted quote, in order, read
	// from its confidence (rules of equal confidence are not told apart)
	by []rule
}

// describeRule renders a quote as describe does, with its continuation,
// relay and act when it has them.
func describeRule(d *quotewire.Document, q quotewire.Quote) string {
	s := describe(d, q)
	if q.Continued {
		s += "|cont"
	}
	if q.Via != nil {
		s += "|via " + q.Via.Source.In(d.Text)
	}
	if q.Act != "" {
		s += "|" + string(q.Act)
	}
	return s
}

// checkRules runs the rules on each case's passage, then pass when not
// nil, and compares the quotes with the case's.
func checkRules(t *testing.T, tests []ruleCase, pass func(*quotewire.Document)) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := run(tt.in)
			if pass != nil {
				pass(d)
			}
			var got []string
			for _, q := range d.Quotes {
				got = append(got, describeRule(d, q))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Fatalf("quotes of %q:\n got  %q\n want %q", tt.in, got, tt.want)
			}
			for i, r := range tt.by {
				if c := d.Quotes[i].Confidence; c != confidence[r] {
					t.Errorf("quote %d has confidence %v, want rule %d's %v", i, c, r, confidence[r])
				}
			}
		})
	}
}

// modelQuotes returns a pass that replaces the rules' quotes of a passage
// with the given ones, as the learned model would hand them over: each
// is {content, cue, source} by their text ("" for none), made an
// indirect quote by learned (merge_test.go).
func modelQuotes(qs ...[3]string) func(*quotewire.Document) {
	return func(d *quotewire.Document) {
		d.Quotes = d.Quotes[:0]
		for _, q := range qs {
			d.Quotes = append(d.Quotes, learned(d.Text, q[0], q[1], q[2], 0.78))
		}
	}
}

// plusModel returns a pass that adds the given quotes to the rules', as
// modelQuotes reads them (indirect, as learned makes them).
func plusModel(qs ...[3]string) func(*quotewire.Document) {
	return func(d *quotewire.Document) {
		for _, q := range qs {
			d.Quotes = append(d.Quotes, learned(d.Text, q[0], q[1], q[2], 0.78))
		}
		sortQuotes(d)
	}
}

// then returns a pass that runs the passes in order.
func then(passes ...func(*quotewire.Document)) func(*quotewire.Document) {
	return func(d *quotewire.Document) {
		for _, p := range passes {
			p(d)
		}
	}
}

// TestRuleSaidThat checks indirect.go's "SOURCE CUE (that) CONTENT" in
// tryCue: a reporting verb with its subject before it and a clause after
// it (ruleSaidThat), and a verb of belief or finding that needs "that" or
// a clause subject after it (ruleSaidThatWeak).
func TestRuleSaidThat(t *testing.T) {
	checkRules(t, []ruleCase{
		// tryCue, contentAfter: adjuncts up to "that"
		{name: "an adjunct, then that",
			in:   "Finance Minister Olaf Scholz said on Tuesday that the budget would be balanced by next year.",
			want: []string{"indirect|Finance Minister Olaf Scholz|said|the budget would be balanced by next year"},
			by:   []rule{ruleSaidThat}},
		{name: "in a statement, then that",
			in:   "The ministry said in a statement that the border crossing would reopen on Friday.",
			want: []string{"indirect|The ministry|said|the border crossing would reopen on Friday"},
			by:   []rule{ruleSaidThat}},
		// tryCue, afterC: a contrasting clause after a comma is the writer's
		{name: "the clause after but is the writer's",
			in:   "The mayor said the bridge would reopen next week, but engineers remain skeptical.",
			want: []string{"indirect|The mayor|said|the bridge would reopen next week"},
			by:   []rule{ruleSaidThat}},
		// contentAfter: an object pronoun is no clause
		{name: "told him about: no clause",
			in:   "The coach told him about the decision before the match.",
			want: nil},
		// tryCue: the subject of a passive is what was reported
		{name: "a passive's subject is no source",
			in:   "Twelve people were confirmed dead after the ferry capsized off the coast.",
			want: nil},

		// tryCue, weak cues: "that" or a clause subject must follow
		{name: "weak cue, that",
			in:   "Investigators found that the pilot had ignored repeated warnings from air traffic control.",
			want: []string{"indirect|Investigators|found|the pilot had ignored repeated warnings from air traffic control"},
			by:   []rule{ruleSaidThatWeak}},
		{name: "weak cue, a clause subject",
			in:   "Economists expected the central bank would hold interest rates steady.",
			want: []string{"indirect|Economists|expected|the central bank would hold interest rates steady"},
			by:   []rule{ruleSaidThatWeak}},
		{name: "weak cue, a bare object",
			in:   "Rescuers found survivors under the rubble of the collapsed building.",
			want: nil},
	}, nil)
}

// TestRuleInverted checks tryCue's "CONTENT, CUE SOURCE." (ruleInverted)
// with a source that is no name: "…, said a senior diplomat."
func TestRuleInverted(t *testing.T) {
	checkRules(t, []ruleCase{
		// tryCue, "CONTENT, CUE SOURCE.": npFwd reads the source
		{name: "said a descriptor",
			in:   "The talks will resume next month, said a senior diplomat.",
			want: []string{"indirect|a senior diplomat|said|The talks will resume next month"},
			by:   []rule{ruleInverted}},
		{name: "said to be: no source after the cue",
			in:   "The building, said to be the oldest in the city, collapsed on Monday.",
			want: nil},
	}, nil)
}

// TestRuleGerund checks tryCue's gerund cues (ruleGerund): "…, adding
// that CONTENT" takes the source of the quote before it in the sentence,
// "…, with X saying CONTENT" the noun phrase after "with".
func TestRuleGerund(t *testing.T) {
	checkRules(t, []ruleCase{
		// tryCue, a gerund after a comma: lastSourceIn gives the source
		{name: "adding after a direct quote",
			in: "“We have done nothing wrong,” the company's chief executive said on Tuesday, adding that it would cooperate fully with investigators.",
			want: []string{"direct|the company's chief executive|said|“We have done nothing wrong,”",
				"indirect|the company's chief executive|adding|it would cooperate fully with investigators"},
			by: []rule{ruleDirectOther, ruleGerund}},
		// tryCue, a gerund after "with": withBefore gives the source
		{name: "with officials saying",
			in:   "The death toll is expected to rise, with local officials saying dozens of people remain missing.",
			want: []string{"indirect|local officials|saying|dozens of people remain missing"},
			by:   []rule{ruleGerund}},
		// tryCue, contentAfter: an adjunct with no clause after it
		{name: "adding to: no content",
			in:   "The ferry operator cancelled all crossings on Monday, adding to the travel chaos.",
			want: nil},
	}, nil)
}

// TestRuleApposition checks tryCue's "NAME, APPOSITION, CUE CONTENT"
// (ruleApposition).
func TestRuleApposition(t *testing.T) {
	checkRules(t, []ruleCase{
		// tryCue, "NAME, APPOSITION, CUE": appositionEnd finds the comma
		// before the cue
		{name: "a spokeswoman for",
			in:   "Maria Zakharova, a spokeswoman for the Russian foreign ministry, said Moscow would respond to the new sanctions.",
			want: []string{"indirect|Maria Zakharova|said|Moscow would respond to the new sanctions"},
			by:   []rule{ruleApposition}},
		{name: "told reporters in a city: no content",
			in:   "Jens Stoltenberg, NATO's secretary general, told reporters in Brussels.",
			want: nil},
		{name: "believes after the apposition",
			in:   "Jan Egeland, head of the Norwegian Refugee Council, believes aid convoys will reach the city this week.",
			want: []string{"indirect|Jan Egeland|believes|aid convoys will reach the city this week"},
			by:   []rule{ruleApposition}},
	}, nil)
}

// TestRuleTail checks tryCue's "CONTENT, SOURCE CUE, CONTENT."
// (ruleParenthetical) and "CONTENT, SOURCE CUE." with its variants
// (ruleTail): a contrasting clause after the cue, an apposition between
// the name and the cue, a descriptor before the name; and a comma that
// closes an opening adjunct, which makes no tail.
func TestRuleTail(t *testing.T) {
	checkRules(t, []ruleCase{
		// tryCue, "CONTENT, SOURCE CUE, CONTENT.": content on both sides,
		// or the tail alone when a contrasting clause follows the cue
		{name: "parenthetical",
			in:   "The country's economy, the finance minister said, would grow by about 2 percent this year.",
			want: []string{"indirect|the finance minister|said|The country's economy+would grow by about 2 percent this year"},
			by:   []rule{ruleParenthetical}},
		{name: "but after the cue: the tail alone",
			in:   "The ceasefire is holding, the army said, but sporadic shelling continued overnight near the border.",
			want: []string{"indirect|the army|said|The ceasefire is holding"},
			by:   []rule{ruleTail}},
		// the comma before the source closes an adjunct: no tail
		{name: "an adjunct, a comma, then the source: no tail",
			in:   "After the vote, the senator said the bill would pass the House easily.",
			want: []string{"indirect|the senator|said|the bill would pass the House easily"},
			by:   []rule{ruleSaidThat}},
		// the name, its apposition, then the cue and a hearer
		{name: "name, apposition, told reporters",
			in:   "The border will stay closed until further notice, Olena Kovalenko, a regional governor, told reporters on Friday.",
			want: []string{"indirect|Olena Kovalenko|told|The border will stay closed until further notice"},
			by:   []rule{ruleTail}},
		{name: "descriptor, name, told the BBC",
			in:   "Trains will run every ten minutes from Monday, the city's transport commissioner, Daniel Ortiz, told the BBC.",
			want: []string{"indirect|the city's transport commissioner, Daniel Ortiz|told|Trains will run every ten minutes from Monday"},
			by:   []rule{ruleTail}},
	}, nil)
}

// TestRuleAccording checks tryCue's "according to" (ruleAccording):
// content on both sides of it, "according to reports", and "according to
// plan", which names no source.
func TestRuleAccording(t *testing.T) {
	checkRules(t, []ruleCase{
		// tryCue, isAccording: content before and after, or after
		// "According to reports," (npFwd's own case)
		{name: "content on both sides",
			in:   "The fishing vessel, according to the coast guard, was carrying more than 200 migrants.",
			want: []string{"indirect|the coast guard|according to|The fishing vessel+was carrying more than 200 migrants"},
			by:   []rule{ruleAccording}},
		{name: "according to reports",
			in:   "According to reports, the president has left the country.",
			want: []string{"indirect|reports|According to|the president has left the country"},
			by:   []rule{ruleAccording}},
		// tryCue, isAccording: no comma before "according to" and not
		// opening the sentence: no source
		{name: "according to plan, then a tail",
			in:   "Everything went according to plan, the organisers said.",
			want: []string{"indirect|the organisers|said|Everything went according to plan"},
			by:   []rule{ruleTail}},
		{name: "according to schedule",
			in:   "The launch went ahead according to schedule on Tuesday.",
			want: nil},
	}, nil)
}

// TestRuleNounPhrases checks the source noun phrases of np.go: npBack
// (titles abbreviated, initials, a party in brackets, a place of origin
// set off by commas, "attorneys for the family", a link's footnote
// marker skipped by before) and npFwd (a title after an inverted cue),
// and a place that is no part of the source.
func TestRuleNounPhrases(t *testing.T) {
	checkRules(t, []ruleCase{
		// npBack
		{name: "abbreviated title",
			in:   "Sen. Lindsey Graham said the vote would be held next week.",
			want: []string{"indirect|Sen. Lindsey Graham|said|the vote would be held next week"}},
		{name: "party in brackets",
			in:   "Rep. Jamie Raskin (D-Md.) said the committee would issue subpoenas this week.",
			want: []string{"indirect|Rep. Jamie Raskin (D-Md.)|said|the committee would issue subpoenas this week"}},
		{name: "middle initial",
			in:   "Attorney Ronald R. Fieldstone said his client would plead not guilty.",
			want: []string{"indirect|Attorney Ronald R. Fieldstone|said|his client would plead not guilty"}},
		{name: "place of origin",
			in:   "A Boise, Idaho, resident said the smoke made it hard to breathe.",
			want: []string{"indirect|A Boise, Idaho, resident|said|the smoke made it hard to breathe"}},
		{name: "attorneys for the family",
			in:   "Attorneys for the family said they would file a wrongful death lawsuit.",
			want: []string{"indirect|Attorneys for the family|said|they would file a wrongful death lawsuit"}},
		// npBack, placeOfOrigin: a place with no determiner before it
		{name: "a place opening the sentence is no part of the source",
			in:   "In Dayton, Ohio, police said the gunman was killed within a minute.",
			want: []string{"indirect|police|said|the gunman was killed within a minute"}},
		// before, skipFootnote
		{name: "a footnote marker before the cue",
			in:   "Journalist Annie Paul [3] tweeted: “The queues outside the pharmacy stretch around the block this morning.”",
			want: []string{"direct|Journalist Annie Paul|tweeted|“The queues outside the pharmacy stretch around the block this morning.”"}},
		// npFwd
		{name: "abbreviated title after the cue",
			in:   "“We are ready for anything,” said Gen. Mark Milley.",
			want: []string{"direct|Gen. Mark Milley|said|“We are ready for anything,”"}},
	}, nil)
}

// TestRuleAsClauses checks asClauses (ruleAs): "As X CUE (adjunct),
// CONTENT", and the "as" clauses that report nothing.
func TestRuleAsClauses(t *testing.T) {
	checkRules(t, []ruleCase{
		// asClauses: the source between "As" and the cue
		{name: "as the ministry noted",
			in:   "As the ministry noted in its annual report, exports to China fell by a fifth last year.",
			want: []string{"indirect|the ministry|noted|exports to China fell by a fifth last year"},
			by:   []rule{ruleAs}},
		// indirect runs before asClauses: a cue with the content right
		// after its comma is the said-that rule's
		{name: "as X have pointed out: the said-that rule reads it first",
			in:   "As several economists have pointed out, the central bank has little room to cut rates.",
			want: []string{"indirect|several economists|pointed out|the central bank has little room to cut rates"},
			by:   []rule{ruleSaidThat}},
		{name: "as the mayor told reporters",
			in:   "As the mayor told reporters on Monday, the city cannot afford another lockdown.",
			want: []string{"indirect|the mayor|told|the city cannot afford another lockdown"},
			by:   []rule{ruleAs}},
		// asClauses: no cue in the clause, or the cue with no comma after it
		{name: "as expected",
			in:   "As expected, the central bank left interest rates unchanged on Thursday.",
			want: nil},
		{name: "the cue belongs to the main clause",
			in:   "As the prime minister arrived in Belfast, protesters said the visit was an insult to victims.",
			want: []string{"indirect|protesters|said|the visit was an insult to victims"}},
	}, nil)
}

// TestRuleCredits checks credits (ruleCredit): a quotation, a dash and a
// name ending the paragraph, the office after the name left out, and a
// quoted title with its artist, which is no statement.
func TestRuleCredits(t *testing.T) {
	checkRules(t, []ruleCase{
		// credits: a new quote, or the cue and source of a continuation
		// the direct pass made
		{name: "name, then office",
			in:   "“Teachers have been asked to do more with less every single year.” – Jane Hill, Education Minister",
			want: []string{"direct|Jane Hill|–|“Teachers have been asked to do more with less every single year.”"},
			by:   []rule{ruleCredit}},
		{name: "hyphen",
			in:   "“I never thought I would see the river this high.” - Tom Evans",
			want: []string{"direct|Tom Evans|-|“I never thought I would see the river this high.”"},
			by:   []rule{ruleCredit}},
		{name: "a continuation given its credit",
			in: "“We will rebuild every home,” the mayor said on Sunday.\n\nResidents were less sure.\n\n“Nobody from the council has even come to look at the damage.” — Ahmed Khan",
			want: []string{"direct|the mayor|said|“We will rebuild every home,”",
				"direct|Ahmed Khan|—|“Nobody from the council has even come to look at the damage.”"},
			by: []rule{ruleDirectOther, ruleCredit}},
		// credits: a quotation that is no statement (isStatement)
		{name: "a song title and its band",
			in:   "“Bohemian Rhapsody” — Queen",
			want: nil},
	}, nil)
}

// TestDropCredits checks dropCredits, which LabelTurns runs first: a
// caption's credit line the model read as a speaker's label ("… Image:
// …") goes, a speaker's label stays.
func TestDropCredits(t *testing.T) {
	for _, tt := range []struct {
		ruleCase
		model [3]string
	}{
		// dropCredits, isCredit
		{ruleCase{name: "a picture credit",
			in:   "Howie Hawkins Image: Green Party of the United States.\n\nHawkins said the party would be on the ballot in 30 states.",
			want: []string{"indirect|Hawkins|said|the party would be on the ballot in 30 states"}},
			[3]string{"Green Party of the United States", ":", "Howie Hawkins Image"}},
		{ruleCase{name: "a speaker's label",
			in: "Howie Hawkins: We will be on the ballot in 30 states.\n\nHawkins said the party had raised more money than ever.",
			want: []string{"indirect|Howie Hawkins|:|We will be on the ballot in 30 states",
				"indirect|Hawkins|said|the party had raised more money than ever"}},
			[3]string{"We will be on the ballot in 30 states", ":", "Howie Hawkins"}},
	} {
		checkRules(t, []ruleCase{tt.ruleCase}, then(plusModel(tt.model), LabelTurns))
	}
}

// TestRuleLabels checks labels (ruleLabel) on transcripts' label shapes
// attrib_test.go leaves out: a name and office in capitals, a label alone
// in its paragraph, the interviewer's "QUESTION:", a two-word turn, and a
// page of questions and answers, which is no one's words.
func TestRuleLabels(t *testing.T) {
	checkRules(t, []ruleCase{
		// labels: the comma of a name in capitals (shoutedRun)
		{name: "name and office in capitals",
			in:   "CHRIS BOWEN, ENERGY MINISTER: Power prices will come down as more renewables come online.",
			want: []string{"direct|CHRIS BOWEN|:|Power prices will come down as more renewables come online"},
			by:   []rule{ruleLabel}},
		// labels: the label alone in its paragraph
		{name: "the label alone, the words in the next paragraph",
			in:   "DAVID SPEERS:\n\nTreasurer, thanks for joining us this morning.",
			want: []string{"direct|DAVID SPEERS|:|Treasurer, thanks for joining us this morning"},
			by:   []rule{ruleLabel}},
		// labels: interviewerLabels, kept beside a label that names
		// someone, dropped alone; upperLabel's titles' dots and two-word
		// turns
		{name: "the interviewer beside a named speaker",
			in: "QUESTION: Will the budget be back in surplus next year?\n\nJIM CHALMERS: We are not making that promise today.",
			want: []string{"direct|QUESTION|:|Will the budget be back in surplus next year",
				"direct|JIM CHALMERS|:|We are not making that promise today"}},
		{name: "a two-word turn",
			in:   "DR. FAUCI: Good morning.",
			want: []string{"direct|DR. FAUCI|:|Good morning"}},
		{name: "questions and answers alone",
			in:   "Q: When does the new timetable start?\n\nA: The new timetable starts on 10 December.",
			want: nil},
	}, nil)
}

// TestColonBlocks checks ColonBlocks: statements set without quotation
// marks as paragraphs after a lead-in that ends in a colon, read by
// before, appositionLead and cueLead, up to a heading or a paragraph
// that reports someone of its own.
func TestColonBlocks(t *testing.T) {
	checkRules(t, []ruleCase{
		// ColonBlocks, before; blockParagraph stops at a heading
		{name: "before: up to a heading",
			in: "Environment Secretary Thérèse Coffey said:\n\nThe new rules will protect our rivers and the wildlife that depends on them.\n\nWater companies must now meet the highest standards ever set.\n\nNext steps\n\nThe consultation closes on 12 May.",
			want: []string{"direct|Environment Secretary Thérèse Coffey|said|The new rules will protect our rivers and the wildlife that depends on them.",
				"direct|-|-|Water companies must now meet the highest standards ever set.|cont"},
			by: []rule{ruleColonBlock, ruleContinued}},
		// ColonBlocks, appositionLead and cueLead; blockParagraph
		{name: "appositionLead: up to a paragraph that reports",
			in: "Mark Garnier, chief executive of the Marine Management Organisation, said:\n\nOur officers will be out on the coast every day this summer.\n\nThe organisation said patrols would begin in June.",
			want: []string{"direct|Mark Garnier|said|Our officers will be out on the coast every day this summer.",
				"indirect|The organisation|said|patrols would begin in June"}},
		{name: "cueLead: an adjunct before the colon",
			in:   "The foreign minister told the ambassador, in a meeting on Tuesday:\n\nWe will not accept any interference in our internal affairs.",
			want: []string{"direct|The foreign minister|told|We will not accept any interference in our internal affairs."}},
		// ColonBlocks: no cue, or a quotation the direct pass took
		{name: "a list after a colon, no cue",
			in:   "The closures affect the following routes:\n\nThe A14 between junctions 10 and 11 will shut overnight.\n\nThe M6 southbound will close from 9pm on Friday.",
			want: nil},
		{name: "a quotation after the lead-in is the rules' already",
			in:   "Scotland's health secretary said:\n\n“Vaccination remains the best protection against serious illness this winter.”",
			want: []string{"direct|Scotland's health secretary|said|“Vaccination remains the best protection against serious illness this winter.”"}},
	}, ColonBlocks)
}

// TestColonBlocksBackwards checks leadInQuote: the model's quote that
// reads a colon lead-in backwards, taking the paragraph above for what
// was said, gives way to the statement after the colon.
func TestColonBlocksBackwards(t *testing.T) {
	checkRules(t, []ruleCase{
		// ColonBlocks, leadInQuote, leadTaken
		{name: "the paragraph above the lead-in",
			in:   "Ministers will publish the review on Monday.\n\nHome Office minister Chris Philp said:\n\nThis review will help us strengthen our response to these crimes.",
			want: []string{"direct|Home Office minister Chris Philp|said|This review will help us strengthen our response to these crimes."}},
	}, then(plusModel([3]string{"Ministers will publish the review on Monday", "said", "Home Office minister Chris Philp"}), ColonBlocks))
}

// TestTranscripts checks Transcripts: turns labelled in double brackets,
// a paragraph between two turns continuing the first, the turn's own
// first-person report dropped, and one bracketed label, which is no
// interview.
func TestTranscripts(t *testing.T) {
	checkRules(t, []ruleCase{
		// Transcripts: turns, the paragraphs between them, turnVoiceSource
		{name: "an interview",
			in: "((Wikinews)) What made you decide to run for the council?\n\n((Jane Ortega)) I have lived in this town for thirty years and I think it deserves better.\n\nPeople here want safer roads and a library that stays open.\n\n((Wikinews)) What will you do first if you are elected?",
			want: []string{"direct|Wikinews|-|What made you decide to run for the council?",
				"direct|Jane Ortega|-|I have lived in this town for thirty years and I think it deserves better.",
				"direct|-|-|People here want safer roads and a library that stays open.|cont",
				"direct|Wikinews|-|What will you do first if you are elected?"}},
		// Transcripts: "((WN)) :", and colonLabel ending a continuation
		{name: "a colon after the label; the other side labelled with a colon",
			in: "((Wikinews)) How long did the study take?\n\nNG: This study started in 2015 and took six years.\n\n((Wikinews)) : What surprised you most?",
			want: []string{"direct|Wikinews|-|How long did the study take?",
				"direct|NG|:|This study started in 2015 and took six years",
				"direct|Wikinews|-|What surprised you most?"}},
		// Transcripts: fewer than two turns
		{name: "one bracketed label",
			in:   "((Video)) Flood water poured through the town centre on Sunday night.",
			want: nil},
	}, Transcripts)
}

// TestLabelTurns checks LabelTurns: the paragraphs after a labelled turn
// continue it (a stage direction skipped, the turn's own first-person
// report dropped), and after the last turn a paragraph reporting someone
// in the third person ends it; a lone label in the article's body with
// narration after it is no transcript.
func TestLabelTurns(t *testing.T) {
	checkRules(t, []ruleCase{
		// LabelTurns: stageDirection, reportsSomeone after the last turn
		{name: "two turns",
			in: "PRESIDENT PUTIN: Mr Infantino, it is a pleasure to see you again.\n\nWe believe the stadiums will serve young footballers for decades.\n\n(Applause.)\n\nINFANTINO: Thank you very much, Mr President, for the invitation.\n\nPutin later said the meeting had been useful.",
			want: []string{"direct|PRESIDENT PUTIN|:|Mr Infantino, it is a pleasure to see you again",
				"direct|-|-|We believe the stadiums will serve young footballers for decades.|cont",
				"direct|INFANTINO|:|Thank you very much, Mr President, for the invitation",
				"indirect|Putin|said|the meeting had been useful"}},
		// LabelTurns, speechFollows: a lone label opens a speech when the
		// first person follows, not when narration does
		{name: "a lone label in the body, then the first person",
			in: "The president opened the meeting at the Kremlin.\n\nVLADIMIR PUTIN: Good afternoon, colleagues.\n\nToday we will be talking about the harvest and the prices of grain.",
			want: []string{"direct|VLADIMIR PUTIN|:|Good afternoon, colleagues",
				"direct|-|-|Today we will be talking about the harvest and the prices of grain.|cont"}},
		{name: "a lone label, then narration",
			in:   "Senators questioned the nominee for five hours.\n\nCRUZ: The nominee has dodged every question about the case.\n\nThe committee will vote on the nomination next week.",
			want: []string{"direct|CRUZ|:|The nominee has dodged every question about the case"}},
	}, LabelTurns)
}

// TestPassNested checks Nested: a report inside a report goes to the
// person whose words they are, the relay kept as Via, whether the relay
// comes before the content or (relayBefore) after it; a passive or
// "adds" with an object inside the content is no report.
func TestPassNested(t *testing.T) {
	checkRules(t, []ruleCase{
		// Nested: the content opens with a subject and a reporting verb
		{name: "has said that, inside reported",
			in:   "Reuters reported that the European Commission has said that member states must cut gas use by 15 percent.",
			want: []string{"indirect|the European Commission|said|member states must cut gas use by 15 percent|via Reuters"}},
		{name: "told a hearer that, inside said",
			in:   "The ministry said Foreign Minister Wang Yi told his Russian counterpart that China opposes unilateral sanctions.",
			want: []string{"indirect|Foreign Minister Wang Yi|told|China opposes unilateral sanctions|via The ministry"}},
		{name: "calls for, inside reported",
			in:   "The newspaper reported that the letter calls for the Home Secretary to resign.",
			want: []string{"indirect|the letter|calls for|the Home Secretary to resign|via The newspaper"}},
		// Nested: no report inside
		{name: "a passive inside",
			in:   "Officials said 25 people were confirmed dead after the landslide.",
			want: []string{"indirect|Officials|said|25 people were confirmed dead after the landslide"}},
		{name: "adds with an object",
			in:   "The spokesman said the court's decision adds urgency to the talks.",
			want: []string{"indirect|The spokesman|said|the court's decision adds urgency to the talks"}},
	}, Nested)
	// relayBefore: the relay after the content, as the model reads it
	checkRules(t, []ruleCase{
		{name: "the relay after the content, as the model reads it",
			in:   "Foreign Minister Wang Yi told his Russian counterpart that China opposes unilateral sanctions, the ministry said in a statement.",
			want: []string{"indirect|Foreign Minister Wang Yi|told|China opposes unilateral sanctions|via the ministry"}},
	}, then(modelQuotes([3]string{"China opposes unilateral sanctions", "said", "the ministry"}), Nested))
}

// TestPassQuotedAs checks QuotedAs on the model's readings of "X quoted
// Y as saying" and "Y was quoted by X as saying", and a gerund of its
// own, which is no relay.
func TestPassQuotedAs(t *testing.T) {
	for _, tt := range []struct {
		ruleCase
		model [3]string
	}{
		// QuotedAs: the model's cue "quoted", or its cue "saying"
		{ruleCase{name: "X quoted Y as saying",
			in:   "The Financial Times quoted a senior EU official as saying the talks would resume in September.",
			want: []string{"indirect|a senior EU official|saying|the talks would resume in September|via The Financial Times"}},
			[3]string{"a senior EU official as saying the talks would resume in September", "quoted", "The Financial Times"}},
		{ruleCase{name: "Y was quoted by X as saying",
			in:   "Transport Minister Ann Lee was quoted by the Times as saying the roads would reopen within days.",
			want: []string{"indirect|Transport Minister Ann Lee|saying|the roads would reopen within days|via the Times"}},
			[3]string{"the roads would reopen within days", "saying", "the Times"}},
		{ruleCase{name: "a statement, saying",
			in:   "The union issued a statement, saying the strike would go ahead.",
			want: []string{"indirect|The union|saying|the strike would go ahead"}},
			[3]string{"the strike would go ahead", "saying", "The union"}},
	} {
		checkRules(t, []ruleCase{tt.ruleCase}, then(modelQuotes(tt.model), QuotedAs))
	}
}

// TestPassSplitAtCue checks SplitAtCue on the rules' parenthetical
// quotes: "…, police said, and CLAUSE" makes two quotes, a cue inside one
// clause leaves one.
func TestPassSplitAtCue(t *testing.T) {
	checkRules(t, []ruleCase{
		// SplitAtCue on tryCue's parenthetical
		{name: "and a clause of its own",
			in: "Two more suspects were arrested overnight, police said, and a third is being sought.",
			want: []string{"indirect|police|said|Two more suspects were arrested overnight",
				"indirect|police|said|a third is being sought"}},
		{name: "one clause",
			in:   "The country's economy, the finance minister said, would grow by about 2 percent this year.",
			want: []string{"indirect|the finance minister|said|The country's economy+would grow by about 2 percent this year"}},
	}, SplitAtCue)
}

// TestPassContinuations checks Continuations and orphanParagraphs: quoted
// paragraphs right after a reported quote go on with its speaker; a
// quotation a paragraph of narration away does not.
func TestPassContinuations(t *testing.T) {
	checkRules(t, []ruleCase{
		// Continuations, orphanParagraphs
		{name: "quoted paragraphs after an indirect quote",
			in: "Coach Sarah Mills says the new training programme has already paid off.\n\n“The players are fitter and they recover faster after matches.”\n\n“We have not lost a game since February.”",
			want: []string{"indirect|Coach Sarah Mills|says|the new training programme has already paid off",
				"direct|-|-|“The players are fitter and they recover faster after matches.”|cont",
				"direct|-|-|“We have not lost a game since February.”|cont"}},
		{name: "a paragraph of narration between",
			in:   "The minister said the report would be published on Monday.\n\nThe opposition has demanded an inquiry into the delays.\n\n“Nobody has explained why this took three years.”",
			want: []string{"indirect|The minister|said|the report would be published on Monday"}},
	}, Continuations)
}

// TestPassPassives checks Passives on the shapes complements_test.go
// leaves out: "is believed to", "was said to", an adverb between "be"
// and the participle, and a participle that is an adjective.
func TestPassPassives(t *testing.T) {
	checkRules(t, []ruleCase{
		// Passives
		{name: "is believed to",
			in:   "The painting is believed to have been stolen during the war.",
			want: []string{"indirect|-|is believed|The painting is believed to have been stolen during the war"}},
		{name: "was said to",
			in:   "The vessel was said to be carrying 40,000 tonnes of grain bound for Egypt.",
			want: []string{"indirect|-|was said|The vessel was said to be carrying 40,000 tonnes of grain bound for Egypt"}},
		{name: "is widely expected",
			in:   "The central bank is widely expected to raise interest rates on Thursday.",
			want: []string{"indirect|-|is widely expected|The central bank is widely expected to raise interest rates on Thursday"}},
		{name: "an adjective",
			in:   "The expected storm surge never reached the harbour.",
			want: nil},
	}, Passives)
}

// TestPassSharedCues checks SharedCues on the model's readings: an
// opening adjunct read as content before the cue goes when the cue's
// content follows it; content before one cue stays beside content after
// another.
func TestPassSharedCues(t *testing.T) {
	checkRules(t, []ruleCase{
		// SharedCues
		{name: "citing, then the cue's content",
			in:   "Citing the latest hospital figures, the health minister said admissions had doubled in a month.",
			want: []string{"indirect|the health minister|said|admissions had doubled in a month"}},
	}, then(modelQuotes(
		[3]string{"Citing the latest hospital figures", "said", "the health minister"},
		[3]string{"admissions had doubled in a month", "said", "the health minister"}), SharedCues))
	checkRules(t, []ruleCase{
		{name: "two cues",
			in: "Exports fell for a third month in March, the ministry said, and analysts warned that the slump would deepen.",
			want: []string{"indirect|the ministry|said|Exports fell for a third month in March",
				"indirect|analysts|warned|the slump would deepen"}},
	}, then(modelQuotes(
		[3]string{"Exports fell for a third month in March", "said", "the ministry"},
		[3]string{"the slump would deepen", "warned", "analysts"}), SharedCues))
}

// TestPassWithGerunds checks WithGerunds on the model's readings: the
// noun phrase between "with" and the gerund is the source; a gerund with
// no "with" keeps the model's source.
func TestPassWithGerunds(t *testing.T) {
	checkRules(t, []ruleCase{
		// WithGerunds, withBefore
		{name: "with rescue workers saying",
			in:   "The toll looks certain to rise, with rescue workers saying there is little hope of finding more survivors.",
			want: []string{"indirect|rescue workers|saying|there is little hope of finding more survivors"}},
	}, then(modelQuotes([3]string{"there is little hope of finding more survivors", "saying", "The toll"}), WithGerunds))
	checkRules(t, []ruleCase{
		{name: "no with",
			in:   "The ferry sailed in calm seas, its owners saying the weather posed no risk.",
			want: []string{"indirect|its owners|saying|the weather posed no risk"}},
	}, then(modelQuotes([3]string{"the weather posed no risk", "saying", "its owners"}), WithGerunds))
}

// TestStageFinish checks finish, the Stage's passes after the rules with
// no learned model, on passages where passes meet: a noun-phrase
// complement the second Continuations run gives a quoted paragraph to,
// and a press release's statement after a colon.
func TestStageFinish(t *testing.T) {
	checkRules(t, []ruleCase{
		// finish: NPComplements, then Continuations again; ColonBlocks;
		// the acts
		{name: "a demand, then a quoted paragraph",
			in: "The minister said the report would be published on Monday.\n\nThe opposition has demanded an inquiry into the delays.\n\n“Nobody has explained why this took three years.”",
			want: []string{"indirect|The minister|said|the report would be published on Monday|statement",
				"indirect|The opposition|demanded|an inquiry into the delays|directive",
				"direct|-|-|“Nobody has explained why this took three years.”|cont|statement"}},
		{name: "a press release",
			in: "Health Minister Mark Butler said:\n\nThe new clinics will open in 50 towns by the end of the year.\n\nPatients will not pay a cent to see a doctor there.",
			want: []string{"direct|Health Minister Mark Butler|said|The new clinics will open in 50 towns by the end of the year.|statement",
				"direct|-|-|Patients will not pay a cent to see a doctor there.|cont|statement"}},
	}, finish)
}
