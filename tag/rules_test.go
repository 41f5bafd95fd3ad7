package tag

import (
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/text"
)

// This file tests the tagger rule by rule on wire-news sentences. Each
// table names the function of tag.go whose rule it covers and pairs
// sentences where the rule fires with look-alikes where it must not.
//
// A mention is described as "type:head(role;role)", followed by " @span"
// when the mention's span is wider than its head (a role written before
// the name, "Mr." or a bracketed name).

// ruleCase is one sentence and the mentions the tagger must find in it, in
// text order; nil means none.
type ruleCase struct {
	in   string
	want []string
}

// describe formats the mentions of d as the tables spell them.
func describe(d *quotewire.Document) []string {
	var out []string
	for _, m := range d.Mentions {
		desc := string(m.Type) + ":" + m.Head.In(d.Text)
		if len(m.Roles) > 0 {
			desc += "(" + strings.Join(m.Roles, ";") + ")"
		}
		if m.Span != m.Head {
			desc += " @" + m.Span.In(d.Text)
		}
		out = append(out, desc)
	}
	return out
}

// tagDoc segments and tags s, with the dateline span (if not empty) set
// the way the metadata stage sets it.
func tagDoc(t *testing.T, s string, dateline quotewire.Span) *quotewire.Document {
	t.Helper()
	d := quotewire.NewDocument(quotewire.Article{Text: s})
	d.DatelineSpan = dateline
	if err := (text.Segmenter{}).Process(d); err != nil {
		t.Fatalf("segment %q: %v", s, err)
	}
	if err := (Tagger{}).Process(d); err != nil {
		t.Fatalf("tag %q: %v", s, err)
	}
	return d
}

// runRules checks every case of a table.
func runRules(t *testing.T, tests []ruleCase) {
	t.Helper()
	for _, tt := range tests {
		got := describe(tagDoc(t, tt.in, quotewire.Span{}))
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%q\n got  %q\n want %q", tt.in, got, tt.want)
		}
	}
}

// TestRuleDateline checks Tagger.Process: the sentence that is the
// dateline ("Moscow (Reuters) -") is skipped, while the same words outside
// a dateline are tagged.
func TestRuleDateline(t *testing.T) {
	const dateline = "Moscow (Reuters) -"
	const in = dateline + " Russian Foreign Minister Sergei Lavrov said the talks were useful."
	tests := []struct {
		dateline quotewire.Span
		want     []string
	}{
		{quotewire.Span{Start: 0, End: len(dateline)},
			[]string{"person:Sergei Lavrov(Russian Foreign Minister) @Russian Foreign Minister Sergei Lavrov"}},
		{quotewire.Span{},
			[]string{"place:Moscow", "organization:Reuters", "person:Sergei Lavrov(Russian Foreign Minister) @Russian Foreign Minister Sergei Lavrov"}},
	}
	for _, tt := range tests {
		got := describe(tagDoc(t, in, tt.dateline))
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%q (dateline %v)\n got  %q\n want %q", in, tt.dateline, got, tt.want)
		}
	}
}

// TestRuleNameToken checks nameToken and startLike: which capitalised
// words can be part of a name at the start of a sentence, of a quotation
// or after a colon (a common word only before another capitalised word),
// and that "The" and a possessive are no part of one.
func TestRuleNameToken(t *testing.T) {
	runRules(t, []ruleCase{
		// a name opening the sentence
		{"Merkel arrived in Brussels on Thursday.", []string{"person:Merkel", "place:Brussels"}},
		{"Sony cut its forecast.", []string{"organization:Sony"}},
		// sentence-initial common words, alone
		{"Although the ceasefire held, shelling resumed overnight.", nil},
		{"Police said the suspect fled on foot.", nil},
		{"Prosecutors say the suspect acted alone.", nil},
		{"Officials said the talks would resume on Monday.", nil},
		// a common word opening a name it starts
		{"Human Rights Watch said the report was credible.", []string{"organization:Human Rights Watch"}},
		{"Analysts expect the Federal Reserve to raise rates in June.", []string{"organization:Federal Reserve"}},
		// the start of a quotation is a start too
		{"\"Nobody wants a war,\" Putin told reporters.", []string{"person:Putin"}},
		{"\"Moscow will respond,\" Putin said.", []string{"place:Moscow", "person:Putin"}},
		// and so is the word after a colon
		{"Her message to voters was simple: Vote early.", nil},
		{"One country stood apart: Turkey.", []string{"place:Turkey"}},
		// a sentence-initial participle is no name; the name after it is
		{"Speaking in Geneva, Lavrov said the talks were useful.", []string{"place:Geneva", "person:Lavrov"}},
		// a possessive ends the name
		{"Putin's spokesman Dmitry Peskov said the talks were useful.", []string{"person:Putin", "person:Dmitry Peskov(spokesman) @spokesman Dmitry Peskov"}},
		{"Germany's Angela Merkel said the euro was safe.", []string{"place:Germany", "person:Angela Merkel"}},
		{"The Kremlin's spokesman said the claims were false.", []string{"organization:Kremlin"}},
		// "The" is no part of a name, at the start or inside a sentence
		{"The Kremlin said the talks were useful.", []string{"organization:Kremlin"}},
		{"He was interviewed by The New York Times on Friday.", []string{"organization:New York Times"}},
	})
}

// TestRuleCalendar checks run's calendar rule: a weekday or month alone is
// a date, not a name, while a calendar word inside a longer name and the
// name "May" are kept.
func TestRuleCalendar(t *testing.T) {
	runRules(t, []ruleCase{
		{"Putin said Monday that the talks would resume in Geneva.", []string{"person:Putin", "place:Geneva"}},
		{"The vote was moved to March.", nil},
		{"Tuesday's vote was postponed.", nil},
		{"Lavrov told the ambassador on Tuesday that Moscow would respond.", []string{"person:Lavrov", "place:Moscow"}},
		{"The Sunday Times reported the leak.", []string{"organization:Sunday Times"}},
		{"British Prime Minister Theresa May said the deal was dead.", []string{"person:Theresa May(British Prime Minister) @British Prime Minister Theresa May"}},
	})
}

// TestRuleLowerCaseTitle checks sentence's rule that a lower-case title
// right before a name opens the name's run as its role ("lawmaker Anna
// Kuznetsova"), while a lower-case title before a common word starts
// nothing.
func TestRuleLowerCaseTitle(t *testing.T) {
	runRules(t, []ruleCase{
		{"The bill was drafted by lawmaker Anna Kuznetsova.", []string{"person:Anna Kuznetsova(lawmaker) @lawmaker Anna Kuznetsova"}},
		{"The talks were led by researcher Anna Borshchevskaya.", []string{"person:Anna Borshchevskaya(researcher) @researcher Anna Borshchevskaya"}},
		{"A spokesman declined to comment.", nil},
		{"The minister met Lavrov in Moscow.", []string{"person:Lavrov", "place:Moscow"}},
	})
}

// TestRuleJoiner checks joiner: the lower-case words and marks that carry
// a name run on ("of", "of the", "for", "and", "&", particles, a title
// between names, the dot of "Corp." or of an initial), and look-alikes
// where the run must stop.
func TestRuleJoiner(t *testing.T) {
	runRules(t, []ruleCase{
		// "of the" after an organisation's word, not after a person's name
		{"Saudi Arabia is the biggest producer in the Organization of the Petroleum Exporting Countries.", []string{"place:Saudi Arabia", "organization:Organization of the Petroleum Exporting Countries"}},
		{"The question came from Julie Pace of the Associated Press.", []string{"person:Julie Pace", "organization:Associated Press"}},
		// the dot of a name abbreviation; a sentence's last dot
		{"Toyota Motor Corp. said sales rose.", []string{"organization:Toyota Motor Corp."}},
		{"Robert F. Kennedy Jr. said he would run.", []string{"person:Robert F. Kennedy Jr."}},
		{"The accord was signed in Paris.", []string{"place:Paris"}},
		// particles
		{"European Commission President Ursula von der Leyen said the bloc was united.", []string{"person:Ursula von der Leyen(European Commission President) @European Commission President Ursula von der Leyen"}},
		{"U.N. envoy Staffan de Mistura said talks would resume.", []string{"person:Staffan de Mistura(U.N. envoy) @U.N. envoy Staffan de Mistura"}},
		{"Dutch coach Louis van Gaal said the team was ready.", []string{"person:Louis van Gaal(Dutch coach) @Dutch coach Louis van Gaal"}},
		{"Egyptian President Abdel Fattah el-Sisi met Putin.", []string{"person:Abdel Fattah el-Sisi(Egyptian President) @Egyptian President Abdel Fattah el-Sisi", "person:Putin"}},
		// a peer's territory
		{"The bill was introduced by Lord Falconer of Thoroton.", []string{"person:Lord Falconer of Thoroton(Lord)"}},
		{"Lord Sugar said the show would go on.", []string{"person:Lord Sugar(Lord)"}},
		// "of" after an organisation's, a title's or a place's word, not after a name
		{"Governor Andrew Bailey of the Bank of England said rates would rise.", []string{"person:Andrew Bailey(Governor) @Governor Andrew Bailey", "organization:Bank of England"}},
		{"The Ministry of Foreign Affairs said the ambassador had been summoned.", []string{"organization:Ministry of Foreign Affairs"}},
		{"Russia seized three vessels in the Sea of Azov.", []string{"place:Russia", "place:Sea of Azov"}},
		{"Minister of Defence Ben Wallace said the troops would stay.", []string{"person:Ben Wallace(Minister of Defence) @Minister of Defence Ben Wallace"}},
		// "and" inside an office's body, not between names
		{"Secretary of Health and Human Services Alex Azar said the risk was low.", []string{"person:Alex Azar(Secretary of Health and Human Services) @Secretary of Health and Human Services Alex Azar"}},
		{"Putin and Erdogan met in Sochi.", []string{"person:Putin", "person:Erdogan", "place:Sochi"}},
		{"Washington and Moscow traded blame.", []string{"place:Washington", "place:Moscow"}},
		// "&" between capitalised words
		{"Procter & Gamble Co. raised its forecast.", []string{"organization:Procter & Gamble Co."}},
		// "for" after an organisation's word
		{"The Department for Education said schools would reopen.", []string{"organization:Department for Education"}},
		// a lower-case title between a name and a name, not before a verb
		{"Kremlin spokesman Dmitry Peskov told reporters the talks were useful.", []string{"person:Dmitry Peskov(Kremlin spokesman) @Kremlin spokesman Dmitry Peskov"}},
		{"Chinese Foreign Ministry spokesman Zhao Lijian said the claims were false.", []string{"person:Zhao Lijian(Chinese Foreign Ministry spokesman) @Chinese Foreign Ministry spokesman Zhao Lijian"}},
		{"A Kremlin spokesman said the claims were false.", []string{"organization:Kremlin"}},
		// the dot of an abbreviated title or an initial
		{"Sen. Elizabeth Warren of Massachusetts said the bill would fail.", []string{"person:Elizabeth Warren(Sen.) @Sen. Elizabeth Warren", "place:Massachusetts"}},
		{"Dr. Anthony Fauci said the vaccine was safe.", []string{"person:Anthony Fauci(Dr.) @Dr. Anthony Fauci"}},
		{"Former President George W. Bush said he would not vote.", []string{"person:George W. Bush(Former President) @Former President George W. Bush"}},
	})
}

// TestRuleTitleSplit checks run's split of a run at its last title word
// into role and name, the regnal and peer titles that stay with the name,
// a title word inside a name, and a role with no name after it.
func TestRuleTitleSplit(t *testing.T) {
	runRules(t, []ruleCase{
		{"Turkish Foreign Minister Mevlut Cavusoglu said Ankara would respond.", []string{"person:Mevlut Cavusoglu(Turkish Foreign Minister) @Turkish Foreign Minister Mevlut Cavusoglu", "place:Ankara"}},
		{"Deputy Foreign Minister Sergei Ryabkov said the treaty was dead.", []string{"person:Sergei Ryabkov(Deputy Foreign Minister) @Deputy Foreign Minister Sergei Ryabkov"}},
		{"NATO Secretary General Jens Stoltenberg said the alliance was united.", []string{"person:Jens Stoltenberg(NATO Secretary General) @NATO Secretary General Jens Stoltenberg"}},
		{"U.S. Secretary of State Antony Blinken met Lavrov in Geneva.", []string{"person:Antony Blinken(U.S. Secretary of State) @U.S. Secretary of State Antony Blinken", "person:Lavrov", "place:Geneva"}},
		{"The talks, hosted by Swiss Foreign Minister Ignazio Cassis, ended on Friday.", []string{"person:Ignazio Cassis(Swiss Foreign Minister) @Swiss Foreign Minister Ignazio Cassis"}},
		{"Bank of America Chief Executive Brian Moynihan said the economy was strong.", []string{"person:Brian Moynihan(Bank of America Chief Executive) @Bank of America Chief Executive Brian Moynihan"}},
		{"Labour leader Keir Starmer said the government had failed.", []string{"person:Keir Starmer(Labour leader) @Labour leader Keir Starmer"}},
		{"Prime Minister Boris Johnson's spokesman said the talks were useful.", []string{"person:Boris Johnson(Prime Minister) @Prime Minister Boris Johnson"}},
		// abbreviated titles, with or without the dot
		{"Mr. Johnson declined to comment.", []string{"person:Johnson(Mr.) @Mr. Johnson"}},
		{"Mr Johnson declined to comment.", []string{"person:Johnson(Mr) @Mr Johnson"}},
		// a role with no name after it is no mention
		{"The Foreign Minister declined to comment.", nil},
		{"The company's CEO resigned on Friday.", nil},
		// regnal titles stay with the name
		{"Queen Elizabeth II opened Parliament.", []string{"person:Queen Elizabeth II(Queen)", "organization:Parliament"}},
		{"Prince William visited Kyiv on Tuesday.", []string{"person:Prince William(Prince)", "place:Kyiv"}},
		{"Jordanian King Abdullah II met Putin in Sochi.", []string{"person:King Abdullah II(Jordanian King) @Jordanian King Abdullah II", "person:Putin", "place:Sochi"}},
		// a regnal title with more name after it is an ordinary title
		{"Saudi Crown Prince Mohammed bin Salman met Putin in Sochi.", []string{"person:Mohammed bin Salman(Saudi Crown Prince) @Saudi Crown Prince Mohammed bin Salman", "person:Putin", "place:Sochi"}},
		// a title word before a regnal number inside a name
		{"Martin Luther King III spoke at the rally.", []string{"person:Martin Luther King III"}},
	})
}

// TestRuleHolderName checks run's rule for the body of an office
// ("President of (the) X", "Minister for (the) X") that runs on into its
// holder's name: the office and its body become the holder's role, also
// when the lexicon does not know the holder's name, with a nationality
// before the office; an office alone is no mention.
func TestRuleHolderName(t *testing.T) {
	runRules(t, []ruleCase{
		{"The case was handed to Director of the Federal Bureau of Investigation Christopher Wray.", []string{"person:Christopher Wray(Director of the Federal Bureau of Investigation) @Director of the Federal Bureau of Investigation Christopher Wray"}},
		{"Minister for the Far East Alexei Chekunkov arrived in Vladivostok.", []string{"person:Alexei Chekunkov(Minister for the Far East) @Minister for the Far East Alexei Chekunkov", "place:Vladivostok"}},
		{"British Minister for the Middle East Alistair Burt condemned the attack.", []string{"person:Alistair Burt(British Minister for the Middle East) @British Minister for the Middle East Alistair Burt"}},
		{"Former Secretary of State Hillary Clinton said the deal was flawed.", []string{"person:Hillary Clinton(Former Secretary of State) @Former Secretary of State Hillary Clinton"}},
		{"He was appointed Minister of Finance in 2019.", nil},
		{"He was named Secretary of State for Justice last year.", nil},
	})
}

// TestRuleHolderNameSplit checks run's split, by holderName and orgIn, of
// a body's name run on into a person's with no title between ("to the
// European Union Vladimir Chizhov"), and that a body's name alone stays
// whole. It compares types and heads only: the holder should also get the
// role before the body ("envoy to the European Union"), which the tagger
// does not attach (a known gap, not asserted here).
func TestRuleHolderNameSplit(t *testing.T) {
	tests := []ruleCase{
		{"Russia's envoy to the European Union Vladimir Chizhov said the sanctions would fail.", []string{"place:Russia", "organization:European Union", "person:Vladimir Chizhov"}},
		{"Ambassador to the United Nations Linda Thomas-Greenfield said the vote was a test.", []string{"organization:United Nations", "person:Linda Thomas-Greenfield"}},
		{"The United Nations Security Council met on Friday.", []string{"organization:United Nations Security Council"}},
	}
	for _, tt := range tests {
		d := tagDoc(t, tt.in, quotewire.Span{})
		var got []string
		for _, m := range d.Mentions {
			got = append(got, string(m.Type)+":"+m.Head.In(d.Text))
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%q\n got  %q\n want %q", tt.in, got, tt.want)
		}
	}
}

// TestRuleBracketedName checks run's rule for a title followed by its
// holder's name in brackets ("Turkish President (Recep Tayyip Erdogan)")
// and brackets that hold no name or an organisation's acronym.
func TestRuleBracketedName(t *testing.T) {
	runRules(t, []ruleCase{
		{"The message was passed to Turkish President (Recep Tayyip Erdogan) by phone.", []string{"person:Recep Tayyip Erdogan(Turkish President) @Turkish President (Recep Tayyip Erdogan)"}},
		{"The Syrian President (right) met Putin in Sochi.", []string{"person:Putin", "place:Sochi"}},
		{"The International Atomic Energy Agency (IAEA) said the plant was safe.", []string{"organization:International Atomic Energy Agency", "organization:IAEA"}},
	})
}

// TestRulePluralTitle checks run's pendingRole: a plural title gives its
// singular to each of two names joined by "and", a singular title only to
// its own name, and the role stops at the end of the coordination.
func TestRulePluralTitle(t *testing.T) {
	runRules(t, []ruleCase{
		{"Presidents Vladimir Putin and Recep Tayyip Erdogan spoke by phone.", []string{"person:Vladimir Putin(President) @Presidents Vladimir Putin", "person:Recep Tayyip Erdogan(President)"}},
		{"Senators Lindsey Graham and Chris Murphy backed the bill.", []string{"person:Lindsey Graham(Senator) @Senators Lindsey Graham", "person:Chris Murphy(Senator)"}},
		{"President Vladimir Putin and Recep Tayyip Erdogan spoke by phone.", []string{"person:Vladimir Putin(President) @President Vladimir Putin", "person:Recep Tayyip Erdogan"}},
		{"Presidents Putin and Erdogan met, and Lavrov attended.", []string{"person:Putin(President) @Presidents Putin", "person:Erdogan(President)", "person:Lavrov"}},
	})
}

// TestRuleOrgNoun checks run's rule that a name not a person's takes a
// lower-case organisation noun after it ("Ukrainian army"), and that any
// other noun stays out.
func TestRuleOrgNoun(t *testing.T) {
	runRules(t, []ruleCase{
		{"The Ukrainian army said it repelled an attack.", []string{"organization:Ukrainian army"}},
		{"The Ukrainian army and the Russian army clashed.", []string{"organization:Ukrainian army", "organization:Russian army"}},
		{"The Kiev government rejected the plan.", []string{"organization:Kiev government"}},
		{"The Islamic State group claimed the attack.", []string{"organization:Islamic State group"}},
		{"The Trump administration said it would appeal.", []string{"organization:Trump administration"}},
		{"The Ukrainian Army said it repelled an attack.", []string{"organization:Ukrainian Army"}},
		{"Moscow residents said they heard explosions.", []string{"place:Moscow"}},
	})
}

// TestRuleRelativeRole checks relativeRole: a role from "who is/was X"
// right after a person's name, or from an apposition ", the X," / ", X,",
// and look-alikes after a name that give no role (a list of names, a
// relative clause with no title).
func TestRuleRelativeRole(t *testing.T) {
	runRules(t, []ruleCase{
		{"The plan was drafted by Igor Ivanov who was Russian Foreign Minister at the time.", []string{"person:Igor Ivanov(Russian Foreign Minister)"}},
		{"The plan was drafted by Igor Ivanov who was the Russian Foreign Minister at the time.", []string{"person:Igor Ivanov(Russian Foreign Minister)"}},
		{"The plan was drafted by Igor Ivanov who was in Moscow at the time.", []string{"person:Igor Ivanov", "place:Moscow"}},
		{"Sergei Lavrov, the foreign minister, said the talks were useful.", []string{"person:Sergei Lavrov(foreign minister)"}},
		{"Lavrov, the foreign minister, told reporters the talks were useful.", []string{"person:Lavrov(foreign minister)"}},
		{"The claim was denied by Dmitry Peskov, Kremlin spokesman, on Monday.", []string{"person:Dmitry Peskov(Kremlin spokesman)", "organization:Kremlin"}},
		{"Putin, Erdogan and Merkel met in Sochi.", []string{"person:Putin", "person:Erdogan", "person:Merkel", "place:Sochi"}},
		{"Lavrov, who was speaking in Geneva, said the talks were useful.", []string{"person:Lavrov", "place:Geneva"}},
	})
}

// TestRuleTypeOf checks typeOf: the type a name gets from organisation
// and place words, known places, the lexicon (single words and phrases),
// a preceding "the", a given name, an acronym, a preposition of place,
// or its length.
func TestRuleTypeOf(t *testing.T) {
	runRules(t, []ruleCase{
		// organisation and place words
		{"Officials at the Pentagon declined to comment.", []string{"organization:Pentagon"}},
		{"The Bank of England raised rates.", []string{"organization:Bank of England"}},
		{"Boats were seen on Lake Chad.", []string{"place:Lake Chad"}},
		// known places and the lexicon
		{"Moscow and Kyiv traded blame.", []string{"place:Moscow", "place:Kyiv"}},
		{"Saudi Arabia raised output.", []string{"place:Saudi Arabia"}},
		{"Reuters could not verify the report.", []string{"organization:Reuters"}},
		// "the" before a place's name and before a body's
		{"Protests spread across the Netherlands.", []string{"place:Netherlands"}},
		{"The Federal Reserve raised rates.", []string{"organization:Federal Reserve"}},
		// a given name, a lone surname the lexicon knows
		{"Hillary Clinton won the primary.", []string{"person:Hillary Clinton"}},
		{"Lavrov spoke to Kerry by phone.", []string{"person:Lavrov", "person:Kerry"}},
		// an acronym
		{"SBU officers detained two suspects.", []string{"organization:SBU"}},
		// a preposition of place before an unknown word
		{"Fighting continued near Bakhmut on Sunday.", []string{"place:Bakhmut"}},
		// two unknown words
		{"Nirmala Sitharaman presented the budget.", []string{"person:Nirmala Sitharaman"}},
	})
}
