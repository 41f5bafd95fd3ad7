package coref_test

// Table-driven tests of the speaker-resolution rules of package coref,
// grouped by the file whose rules they cover (speakers.go, source.go,
// unnamed.go, issuer.go, turns.go and label.go, given.go, nouns.go,
// finish.go, joint.go, antecedent.go), each group of rows headed by the
// functions it covers. A rule has a case where it must give the speaker a
// reader gives and, wherever the text allows one, a look-alike where it
// must not fire. The passages are short wire-news paragraphs; the
// expected speakers are a careful reader's. Coreference runs by its rules
// alone unless a case asks for the ranker.

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/attrib"
	"github.com/quotewire/quotewire/coref"
	"github.com/quotewire/quotewire/models"
	"github.com/quotewire/quotewire/tag"
	"github.com/quotewire/quotewire/text"
)

// ruleCase is one passage and what a reader says of its quotes.
type ruleCase struct {
	name string
	text string
	// url is the article's address, for the rules that read the outlet
	// from it (interview labels).
	url string
	// given, when set, replaces the attribution stage's quotes by these:
	// the reading the source finder gives in the shapes a rule was written
	// for, which the attribution rules alone do not produce.
	given []givenQuote
	// ranker resolves with the embedded antecedent ranker.
	ranker bool
	want   []speakerWant
}

// givenQuote is a quote set by hand. Each field is a piece of the text
// with the span meant in square brackets ("and [said] Peru"); the pieces
// are found in the passage with the brackets left out. source and cue may
// be empty.
type givenQuote struct {
	content, cue, source string
}

// speakerWant is the speaker a reader gives the quote whose content holds
// content.
type speakerWant struct {
	content string
	// speaker is the speaker's name, "" when the text names nobody who
	// says it. An unnamed speaker's description is compared case aside
	// ("Local residents" at a sentence's start).
	speaker string
	// unnamed is true for a speaker the article does not name (a
	// descriptor such as "spokesman for the ministry").
	unnamed bool
	// typ and role are checked when set: the speaker's type and one of
	// its roles.
	typ  quotewire.EntityType
	role string
	// via is the name of the relay who passed the words on, "" for none
	// (always checked).
	via string
}

var (
	rankerOnce sync.Once
	ranker     *coref.Ranker
	rankerErr  error
)

// embeddedRanker loads the shipped antecedent ranker once.
func embeddedRanker(t *testing.T) *coref.Ranker {
	t.Helper()
	rankerOnce.Do(func() { ranker, rankerErr = models.Coref() })
	if rankerErr != nil {
		t.Fatal(rankerErr)
	}
	return ranker
}

// resolve runs the segmenter, the tagger, the attribution rules (or the
// quotes given by hand) and coreference on the passage.
func (c ruleCase) resolve(t *testing.T) *quotewire.Document {
	t.Helper()
	d := quotewire.NewDocument(quotewire.Article{Text: c.text, URL: c.url})
	for _, st := range []quotewire.Stage{text.Segmenter{}, tag.Tagger{}, attrib.Stage{}} {
		if err := st.Process(d); err != nil {
			t.Fatal(err)
		}
	}
	if c.given != nil {
		d.Quotes = nil
		for _, g := range c.given {
			q := quotewire.Quote{Kind: quotewire.Indirect, Act: quotewire.Statement, Mention: -1, Speaker: -1,
				Content: []quotewire.Span{bracketed(t, c.text, g.content)}}
			if g.cue != "" {
				sp := bracketed(t, c.text, g.cue)
				q.Cue = &sp
			}
			if g.source != "" {
				sp := bracketed(t, c.text, g.source)
				q.Source = &sp
			}
			q.Kind = d.KindOf(q.Content)
			d.Quotes = append(d.Quotes, q)
		}
	}
	var rk *coref.Ranker
	if c.ranker {
		rk = embeddedRanker(t)
	}
	if err := (coref.Resolver{Ranker: rk}).Process(d); err != nil {
		t.Fatal(err)
	}
	return d
}

// bracketed returns the span of text that piece marks with square
// brackets: piece without its brackets must occur in text once.
func bracketed(t *testing.T, text, piece string) quotewire.Span {
	t.Helper()
	open, end := strings.IndexByte(piece, '['), strings.IndexByte(piece, ']')
	if open < 0 || end < open {
		t.Fatalf("%q: no span in brackets", piece)
	}
	plain := piece[:open] + piece[open+1:end] + piece[end+1:]
	at := strings.Index(text, plain)
	if at < 0 || strings.Contains(text[at+1:], plain) {
		t.Fatalf("%q does not occur once in the passage", plain)
	}
	return quotewire.Span{Start: at + open, End: at + end - 1}
}

// contentOf returns the text of a quote's content, its parts joined.
func contentOf(d *quotewire.Document, q *quotewire.Quote) string {
	var b strings.Builder
	for _, c := range q.Content {
		b.WriteString(c.In(d.Text))
		b.WriteByte(' ')
	}
	return b.String()
}

// describe tells what the document made of a quote, for failures.
func describe(d *quotewire.Document, q *quotewire.Quote) string {
	src := "none"
	if q.Source != nil {
		src = fmt.Sprintf("%q", q.Source.In(d.Text))
	}
	who := "no speaker"
	if q.Speaker >= 0 {
		e := d.Entities[q.Speaker]
		who = fmt.Sprintf("%q (%s, unnamed %v, roles %q)", e.Name, e.Type, e.Anonymous, e.Roles)
	}
	return fmt.Sprintf("source %s: %s", src, who)
}

// matches reports whether e is the speaker w describes.
func (w speakerWant) matches(e *quotewire.Entity) bool {
	name := e.Name == w.speaker || e.Anonymous && strings.EqualFold(e.Name, w.speaker)
	return name && e.Anonymous == w.unnamed && (w.typ == "" || e.Type == w.typ) && (w.role == "" || slices.Contains(e.Roles, w.role))
}

// runRuleCases checks each case's quotes against what a reader says.
func runRuleCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := c.resolve(t)
			for _, w := range c.want {
				var q *quotewire.Quote
				for i := range d.Quotes {
					if strings.Contains(contentOf(d, &d.Quotes[i]), w.content) {
						if q != nil {
							t.Fatalf("two quotes hold %q", w.content)
						}
						q = &d.Quotes[i]
					}
				}
				if q == nil {
					var all []string
					for i := range d.Quotes {
						all = append(all, contentOf(d, &d.Quotes[i]))
					}
					t.Fatalf("no quote holds %q; quotes: %q", w.content, all)
				}
				if w.speaker == "" {
					if q.Speaker >= 0 {
						t.Errorf("%q: %s, want no speaker", w.content, describe(d, q))
					}
					continue
				}
				if q.Speaker < 0 {
					t.Errorf("%q: %s, want %q", w.content, describe(d, q), w.speaker)
					continue
				}
				if !w.matches(&d.Entities[q.Speaker]) {
					t.Errorf("%q: %s, want %q (unnamed %v, type %q, role %q)", w.content, describe(d, q), w.speaker, w.unnamed, w.typ, w.role)
				}
				via := ""
				if q.Via != nil && q.Via.Entity >= 0 {
					via = d.Entities[q.Via.Entity].Name
				}
				if via != w.via {
					t.Errorf("%q: relayed by %q, want %q", w.content, via, w.via)
				}
			}
		})
	}
}

// TestRulesSpeakers covers the loop of speakers.go that gives each quote
// its speaker in text order: a second verb sharing the first one's
// subject, passives with no agent, reports nobody is named for,
// continued paragraphs, gerunds, an unnamed speaker named by the next
// quote, relays and a document's author before a gerund.
func TestRulesSpeakers(t *testing.T) {
	runRuleCases(t, []ruleCase{
		// sharedSubject: "X said A, and said B" — the source finder took a
		// name out of A for the second "said"
		{name: "second said shares the first one's subject",
			text: "In Lima, a Foreign Ministry spokesman said President Pedro Castillo had sent his condolences to the people of Chile, and said Peru was ready to send rescue teams.",
			given: []givenQuote{
				{content: "said [President Pedro Castillo had sent his condolences to the people of Chile], and", cue: "spokesman [said] President", source: "Lima, [a Foreign Ministry spokesman] said"},
				{content: "said [Peru was ready to send rescue teams]", cue: "and [said] Peru", source: "said [President Pedro Castillo] had"},
			},
			want: []speakerWant{
				{content: "sent his condolences", speaker: "Foreign Ministry spokesman", unnamed: true},
				{content: "ready to send rescue teams", speaker: "Foreign Ministry spokesman", unnamed: true},
			}},
		{name: "a second said with a subject of its own",
			text: "A Foreign Office spokeswoman said the ambassador had been summoned, and Minister Alan Duncan said London expected a full explanation.",
			given: []givenQuote{
				{content: "said [the ambassador had been summoned],", cue: "spokeswoman [said] the", source: "[A Foreign Office spokeswoman] said"},
				{content: "said [London expected a full explanation]", cue: "Duncan [said] London", source: "and [Minister Alan Duncan] said"},
			},
			want: []speakerWant{
				{content: "the ambassador had been summoned", speaker: "Foreign Office spokeswoman", unnamed: true},
				{content: "London expected a full explanation", speaker: "Alan Duncan"},
			}},

		// cuePassive: a passive with no agent is said by
		// unnamed sources (or reports); an active verb keeps its subject
		{name: "passive of expectation",
			text: "Further strikes are expected across the rail network next week.",
			want: []speakerWant{{content: "Further strikes", speaker: "unnamed sources", unnamed: true, typ: quotewire.Group}}},
		{name: "passive of reporting",
			text: "Two bodies were reported to have been found near the dam on Sunday.",
			want: []speakerWant{{content: "Two bodies", speaker: "unnamed reports", unnamed: true}}},
		{name: "it is believed",
			text: "It is believed that the gunmen crossed the border at night.",
			want: []speakerWant{{content: "the gunmen crossed", speaker: "unnamed sources", unnamed: true}}},
		{name: "it said is the body before",
			text: "The Ministry of Health said 40 new cases had been confirmed. It said hospitals were coping.",
			want: []speakerWant{{content: "hospitals were coping", speaker: "Ministry of Health", typ: quotewire.Organization}}},
		{name: "those urged are not the speaker",
			text: "Residents of low-lying streets in Carlisle are being urged to leave their homes before the river peaks tonight.",
			want: []speakerWant{{content: "their homes", speaker: "unnamed sources", unnamed: true}}},
		{name: "active urging keeps its subject",
			text: "Mayor Tom Jackson urged residents to leave their homes before the river peaks tonight.",
			want: []speakerWant{{content: "their homes", speaker: "Tom Jackson", role: "Mayor"}}},

		// reportNouns: "is aware of reports that …" with nobody named
		{name: "reports nobody is named for",
			text: "The United Nations is aware of reports that aid workers were detained at the border.",
			want: []speakerWant{{content: "aid workers were detained", speaker: "unnamed reports", unnamed: true}}},
		{name: "reports a speaker is aware of",
			text: "The ministry said it is aware of reports that two aid workers were detained at the border.",
			want: []speakerWant{{content: "aid workers were detained", speaker: "ministry", unnamed: true, typ: quotewire.Organization}}},

		// q.Continued: a quoted paragraph with no cue goes on with the last
		// speaker, which unnamed reports never become
		{name: "continued paragraph",
			text: "\"We will not rest until the people responsible are found,\" Police Chief Maria Lopez said at a news conference.\n\n\"Anyone with information should call us.\"",
			want: []speakerWant{
				{content: "We will not rest", speaker: "Maria Lopez", role: "Police Chief"},
				{content: "Anyone with information", speaker: "Maria Lopez"},
			}},
		{name: "continued paragraph past unnamed reports",
			text: "Police Chief Maria Lopez said the bridge would reopen on Monday. The blaze reportedly began in a storage room.\n\n\"We ask drivers to be patient.\"",
			want: []speakerWant{
				{content: "the bridge would reopen", speaker: "Maria Lopez"},
				{content: "The blaze reportedly began", speaker: "unnamed reports", unnamed: true},
				{content: "We ask drivers", speaker: "Maria Lopez"},
			}},

		// nested: a report inside a speaker's turn does not take the turn
		// over
		{name: "report inside a turn",
			text: "Vladimir Putin met IOC President Thomas Bach at the Kremlin.\n\n" +
				"IOC President Thomas Bach: Thank you very much, Mr President.\n\n" +
				"The welcome you give us is a great honour. The ministry said the athletes' village would be ready on time.\n\n" +
				"We continue to support the sports movement in every country.",
			want: []speakerWant{
				{content: "Thank you very much", speaker: "Thomas Bach", role: "IOC President"},
				{content: "The welcome you give us", speaker: "Thomas Bach"},
				{content: "We continue to support", speaker: "Thomas Bach"},
			}},

		// speechGerunds, sentenceSubject: "…, saying …" goes on with the
		// report before it in the sentence, else the sentence's subject
		{name: "gerund after a report in its sentence",
			text: "Prime Minister Jacinda Ardern thanked the rescue teams on Tuesday, saying they had worked in terrible conditions.",
			want: []speakerWant{{content: "they had worked in terrible conditions", speaker: "Jacinda Ardern"}}},
		{name: "gerund after a report in an earlier sentence",
			text: "Ardern said the teams had worked through the night. Police Commissioner Andrew Coster visited the site on Wednesday, saying the search would go on.",
			given: []givenQuote{
				{content: "said [the teams had worked through the night]", cue: "Ardern [said] the", source: "[Ardern] said"},
				{content: "saying [the search would go on]", cue: "Wednesday, [saying] the"},
			},
			want: []speakerWant{
				{content: "the teams had worked", speaker: "Ardern"},
				{content: "the search would go on", speaker: "Andrew Coster"},
			}},

		// nameAnonymous (addsTo): "A spokesman said … X added" names the
		// spokesman; "X, an analyst, said" does not
		{name: "unnamed spokesman named by the next quote's added",
			text: "A government spokesman said the ceasefire talks had stalled. Foreign Minister Wang Tao added that a new round would begin in May.",
			want: []speakerWant{
				{content: "the ceasefire talks had stalled", speaker: "Wang Tao"},
				{content: "a new round would begin", speaker: "Wang Tao", role: "Foreign Minister"},
			}},
		{name: "another speaker after an unnamed spokesman",
			text: "A government spokesman said the ceasefire talks had stalled. Wang Tao, a political analyst in Beijing, said markets would shrug off the news.",
			want: []speakerWant{
				{content: "the ceasefire talks had stalled", speaker: "government spokesman", unnamed: true},
				{content: "markets would shrug off", speaker: "Wang Tao"},
			}},

		// q.Via: a relayed report is the speaker's, the relay kept apart
		{name: "relayed report",
			text: "Reuters reports that the central bank has said interest rates will stay on hold until June.",
			want: []speakerWant{{content: "interest rates will stay on hold", speaker: "central bank", unnamed: true, typ: quotewire.Organization, via: "Reuters"}}},
		{name: "report with no relay",
			text: "The central bank said interest rates will stay on hold until June.",
			want: []speakerWant{{content: "interest rates will stay on hold", speaker: "central bank", unnamed: true, typ: quotewire.Organization}}},

		// documentBefore: a gerund after "reports on a letter sent by X"
		// is X's, the outlet its relay
		{name: "gerund of a letter's author",
			text:  "The Scotsman reports on a letter sent by Councillor Jane Muir, demanding that the council reopen the library.",
			given: []givenQuote{{content: "demanding [that the council reopen the library]", cue: "Muir, [demanding] that", source: "[The Scotsman] reports"}},
			want:  []speakerWant{{content: "reopen the library", speaker: "Jane Muir", via: "Scotsman"}}},
		{name: "gerund of the outlet itself",
			text:  "The Scotsman criticised Councillor Jane Muir on Monday, demanding that she resign.",
			given: []givenQuote{{content: "demanding [that she resign]", cue: "Monday, [demanding] that", source: "[The Scotsman] criticised"}},
			want:  []speakerWant{{content: "she resign", speaker: "Scotsman"}}},
	})
}

// TestRulesResolveSource covers resolveSource and resolveName of
// speakers.go: how one source phrase becomes a speaker — an account's
// handle, a clitic, "reportedly", "which", an office cut off from its
// holder, an acronym of an unnamed speaker, a name, a body's short name,
// an apposition, a thing that cannot speak, a possessive, a body's
// common noun, a role, a kinship noun, the last speaker, an indefinite
// descriptor.
func TestRulesResolveSource(t *testing.T) {
	runRuleCases(t, []ruleCase{
		// the "@" handle: the account is the speaker, when it speaks
		{name: "account handle",
			text: "@annepaul tweeted that the stadium had been evacuated.",
			want: []speakerWant{{content: "the stadium had been evacuated", speaker: "@annepaul"}}},
		{name: "account handle only replied to",
			text: "Replying to @annepaul, the club said the stadium was safe.",
			want: []speakerWant{{content: "the stadium was safe", speaker: "club", unnamed: true, typ: quotewire.Organization}}},

		// a clitic source ("She'd say"): the pronoun before it, which needs
		// someone to refer to
		{name: "clitic source refers back",
			text: "Maria Lopez remembers the night the river burst its banks. She'd say, \"We never had a chance.\"",
			want: []speakerWant{{content: "We never had a chance", speaker: "Maria Lopez"}}},
		{name: "clitic source with nobody before it",
			text: "She'd say, \"We never had a chance.\"",
			want: []speakerWant{{content: "We never had a chance", speaker: ""}}},

		// "reportedly", "allegedly": unnamed reports and sources, unless a
		// speaker says it
		{name: "reportedly",
			text: "The blaze at the warehouse reportedly began in a storage room.",
			want: []speakerWant{{content: "The blaze", speaker: "unnamed reports", unnamed: true}}},
		{name: "allegedly",
			text: "The driver allegedly ignored three warnings from the crew.",
			want: []speakerWant{{content: "The driver", speaker: "unnamed sources", unnamed: true}}},
		{name: "reportedly inside a named speaker's words",
			text: "Police said the driver had reportedly fled the scene on foot.",
			want: []speakerWant{{content: "fled the scene", speaker: "police", unnamed: true, typ: quotewire.Group}}},

		// "which": the noun phrase before ", which"
		{name: "which after a party's name",
			text:  "Voters backed the Green Party, which said it would push for a carbon tax.",
			given: []givenQuote{{content: "said [it would push for a carbon tax]", cue: "which [said] it", source: "Party, [which] said"}},
			want:  []speakerWant{{content: "carbon tax", speaker: "Green Party", typ: quotewire.Organization}}},

		// holderBefore: the body the source finder kept is governed by an
		// office before it
		{name: "office before the body",
			text:  "The head of the World Food Programme said aid convoys had been stopped at the border.",
			given: []givenQuote{{content: "said [aid convoys had been stopped at the border]", cue: "Programme [said] aid", source: "of [the World Food Programme] said"}},
			want:  []speakerWant{{content: "aid convoys", speaker: "head of the World Food Programme", unnamed: true, typ: quotewire.Person}}},
		{name: "body with no office before it",
			text: "The World Food Programme said aid convoys had been stopped at the border.",
			want: []speakerWant{{content: "aid convoys", speaker: "World Food Programme", typ: quotewire.Organization}}},
		{name: "officials at a place",
			text: "Two officials at the airport said flights would resume on Friday.",
			want: []speakerWant{{content: "flights would resume", speaker: "officials at the airport", unnamed: true, typ: quotewire.Group}}},

		// acronyms: an unnamed speaker's acronym in brackets stands for it
		// later; another acronym does not
		{name: "acronym of an unnamed speaker",
			text: "The Prime Minister’s Spokesman (PMS) told reporters the cabinet would meet on Monday.\n\nThe PMS said the resolution authorised a range of options.",
			want: []speakerWant{
				{content: "the cabinet would meet", speaker: "Prime Minister’s Spokesman", unnamed: true},
				{content: "the resolution authorised", speaker: "Prime Minister’s Spokesman", unnamed: true},
			}},
		{name: "another acronym after an unnamed speaker's",
			text: "The Prime Minister’s Spokesman (PMS) told reporters the cabinet would meet on Monday.\n\nThe BBC said the resolution authorised a range of options.",
			want: []speakerWant{
				{content: "the cabinet would meet", speaker: "Prime Minister’s Spokesman", unnamed: true},
				{content: "the resolution authorised", speaker: "BBC", typ: quotewire.Organization},
			}},

		// a long source is a clause taken whole: its person speaks
		{name: "clause taken as the source",
			text:  "Prime Minister Mark Rutte characterised the flooding as a national disaster.",
			given: []givenQuote{{content: "as [a national disaster]", cue: "flooding [as] a", source: "[Prime Minister Mark Rutte characterised the flooding] as"}},
			want:  []speakerWant{{content: "a national disaster", speaker: "Mark Rutte", role: "Prime Minister"}}},

		// resolveName: a surname is the person named in full before; a
		// one-word name the tagger gave no type is a person
		// (untypedSpeaker); a name with a body's word is an organisation
		{name: "surname of a person named before",
			text: "Opposition leader Kemal Aydin spoke in Ankara on Monday.\n\n\"We will win this election,\" Aydin said.",
			want: []speakerWant{{content: "We will win", speaker: "Kemal Aydin", typ: quotewire.Person}}},
		{name: "one word the tagger gave no type is a person",
			text: "\"We are ready for the final,\" Jorgensen told reporters.",
			want: []speakerWant{{content: "We are ready", speaker: "Jorgensen", typ: quotewire.Person}}},
		{name: "organisation by its name",
			text: "Amnesty International said the trial had been unfair from the start.",
			want: []speakerWant{{content: "the trial had been unfair", speaker: "Amnesty International", typ: quotewire.Organization}}},

		// shortName: "the Committee" is the committee named in full before
		{name: "short name of a committee",
			text: "The Public Accounts Committee heard evidence on Tuesday.\n\nThe Committee said the department had wasted millions.",
			want: []speakerWant{{content: "wasted millions", speaker: "Public Accounts Committee", typ: quotewire.Organization}}},
		{name: "short name of a committee named by another body",
			text: "The Treasury published its figures on Tuesday.\n\nThe Committee said the department had wasted millions.",
			want: []speakerWant{{content: "wasted millions", speaker: "Committee", typ: quotewire.Organization}}},

		// appositionAfter: "his brother, Daniel Okafor" is Daniel Okafor
		{name: "descriptor with a name in apposition",
			text: "\"It is a sad day for the whole village,\" said his brother, Daniel Okafor.",
			want: []speakerWant{{content: "It is a sad day", speaker: "Daniel Okafor"}}},
		{name: "descriptor with no name after it",
			text: "\"It is a sad day for the whole village,\" said his brother.",
			want: []speakerWant{{content: "It is a sad day", speaker: "brother", unnamed: true, typ: quotewire.Person}}},

		// speaks: what cannot say anything gives no speaker
		{name: "observations say nothing",
			text:  "The latest observations from the probe suggest that the moon has a salty ocean.",
			given: []givenQuote{{content: "suggest [that the moon has a salty ocean]", cue: "probe [suggest] that", source: "[The latest observations from the probe] suggest"}},
			want:  []speakerWant{{content: "salty ocean", speaker: ""}}},

		// the possessor: "Kowalski's lawyer" is the lawyer, not Kowalski;
		// "Holt's ruling" is Holt's
		{name: "possessor's spokesman is not the possessor",
			text: "Police arrested Martin Kowalski on Tuesday. Kowalski's lawyer said he would plead not guilty.",
			want: []speakerWant{{content: "plead not guilty", speaker: "Martin Kowalski’s lawyer", unnamed: true}}},
		{name: "possessor's own document speaks for them",
			text: "District Judge Karen Holt ruled on Friday. Holt's ruling said the law no longer served its purpose.",
			want: []speakerWant{{content: "no longer served its purpose", speaker: "Karen Holt", role: "District Judge"}}},

		// orgByHead: "the ministry" is the ministry named before, else an
		// unnamed one
		{name: "body's common noun after its name",
			text: "The Ministry of Health said 40 new cases had been confirmed. The ministry said hospitals were coping.",
			want: []speakerWant{{content: "hospitals were coping", speaker: "Ministry of Health", typ: quotewire.Organization}}},
		{name: "body's common noun with no body named",
			text: "Officials in Nairobi said schools would reopen. The ministry said hospitals were coping.",
			want: []speakerWant{{content: "hospitals were coping", speaker: "ministry", unnamed: true, typ: quotewire.Organization}}},

		// isOrgNoun, recent: "the company" is the organisation named last
		{name: "the company after a company's name",
			text: "Toyota Motor Corp. reported a fall in sales on Monday. The company said it would close two plants.",
			want: []speakerWant{{content: "close two plants", speaker: "Toyota Motor Corp.", typ: quotewire.Organization}}},
		{name: "the company with no company named",
			text: "On Monday, workers at the plant in Derby walked out. The company said it would close two plants.",
			want: []speakerWant{{content: "close two plants", speaker: "company", unnamed: true, typ: quotewire.Organization}}},

		// byRole: "the mayor" is the one named with that role; "the envoy"
		// is not the mayor
		{name: "descriptor through the role",
			text: "Mayor of Gdansk Piotr Nowak met reporters on Monday. The mayor said the city was ready to help.",
			want: []speakerWant{{content: "the city was ready", speaker: "Piotr Nowak", role: "Mayor"}}},
		{name: "descriptor whose role fits nobody",
			text: "Mayor of Gdansk Piotr Nowak met the German envoy on Monday. The envoy said Berlin was ready to help.",
			want: []speakerWant{{content: "Berlin was ready", speaker: "envoy", unnamed: true}}},

		// genderedNouns: "the mother" is the woman named before
		{name: "the mother",
			text: "Mark Ellison and Susan Ellison were arrested on Sunday. The mother said the children had been taught at home.",
			want: []speakerWant{{content: "taught at home", speaker: "Susan Ellison", role: "mother"}}},
		{name: "the father",
			text: "Mark Ellison and Susan Ellison were arrested on Sunday. The father said the children had been taught at home.",
			want: []speakerWant{{content: "taught at home", speaker: "Mark Ellison", role: "father"}}},

		// the last speaker: a person's noun with no role named goes on
		// with the person who spoke last, never with an unnamed group
		{name: "the official is the last speaker",
			text: "\"We are ready to help,\" said Piotr Nowak.\n\nThe official added that more funds would follow.",
			want: []speakerWant{{content: "more funds would follow", speaker: "Piotr Nowak"}}},
		{name: "the official after an unnamed group",
			text: "Police said the road would stay closed overnight. The official said the investigation could take weeks.",
			want: []speakerWant{{content: "could take weeks", speaker: "official", unnamed: true, typ: quotewire.Person}}},

		// an indefinite descriptor is an unnamed speaker of its own
		{name: "indefinite descriptor",
			text: "A spokeswoman for the airline said the plane had landed safely.",
			want: []speakerWant{{content: "landed safely", speaker: "spokeswoman for the airline", unnamed: true, typ: quotewire.Person}}},
	})
}

// TestRulesReadSource covers source.go, which reads the phrase a source
// belongs to where the source finder cut it short or took a piece of it:
// adverbs before the verb, a place after a preposition, a time, an
// office set off by a comma, a run of capitals, a name that modifies a
// person's noun or owns it.
func TestRulesReadSource(t *testing.T) {
	runRuleCases(t, []ruleCase{
		// subjectBefore: a source of adverbs is the name before them
		{name: "adverbs between the subject and the verb",
			text: "Chancellor Olaf Scholz also effectively said the party should back down.",
			want: []speakerWant{{content: "the party should back down", speaker: "Olaf Scholz", role: "Chancellor"}}},
		{name: "adverb after a descriptor",
			text: "Asked about Chancellor Olaf Scholz, a government spokeswoman effectively said the party should back down.",
			want: []speakerWant{{content: "the party should back down", speaker: "government spokeswoman", unnamed: true}}},

		// objectOf: the place after "in" belongs to the speakers before it
		{name: "officials in a country",
			text: "Officials in Mali say floods have killed at least 30 people.",
			want: []speakerWant{{content: "floods have killed", speaker: "officials in Mali", unnamed: true, typ: quotewire.Group}}},
		{name: "mediators working in a country",
			text: "Mediators who have been working on the negotiations in Togo say the talks will resume on Monday.",
			want: []speakerWant{{content: "the talks will resume", speaker: "mediators", unnamed: true, typ: quotewire.Group}}},
		{name: "protesters in a list of cities",
			text: "Protesters in Berlin, Hamburg and Munich said they would march again next week.",
			want: []speakerWant{{content: "march again", speaker: "protesters in Berlin, Hamburg and Munich", unnamed: true}}},
		{name: "a country that speaks after a clause about a place",
			text: "After two days of talks in Geneva, Iran said it would allow inspectors back.",
			want: []speakerWant{{content: "allow inspectors back", speaker: "Government of Iran", typ: quotewire.Organization}}},

		// beforeTime: a source that is only a time is read back to its
		// clause's subject (a name after "in" is no time: see objectOf)
		{name: "time cut from its subject",
			text:  "A spokeswoman for the airline on Friday said the plane had landed safely.",
			given: []givenQuote{{content: "said [the plane had landed safely]", cue: "Friday [said] the", source: "on [Friday] said"}},
			want:  []speakerWant{{content: "landed safely", speaker: "spokeswoman for the airline", unnamed: true}}},

		// appositiveAfter: an office cut before ", retired … Name"
		{name: "office then its holder after a comma",
			text: "\"The storm has passed,\" said National Weather Service Director, retired Navy Rear Adm. Paul Harris.",
			want: []speakerWant{{content: "The storm has passed", speaker: "Paul Harris"}}},
		{name: "name then an apposition",
			text: "\"The storm has passed,\" said Paul Harris, director of the National Weather Service.",
			want: []speakerWant{{content: "The storm has passed", speaker: "Paul Harris"}}},

		// nameGoesOn: a source cut inside a run of capitals runs on to the
		// name at its end, or is the name the run makes
		{name: "run of capitals ending in a name",
			text:  "United States Senator from Vermont Bernie Sanders said the fight would go on.",
			given: []givenQuote{{content: "said [the fight would go on]", cue: "Sanders [said] the", source: "[United] States"}},
			want:  []speakerWant{{content: "the fight would go on", speaker: "Bernie Sanders", typ: quotewire.Person}}},
		{name: "run of capitals that is one name",
			text:  "United Airlines said the flight had landed safely.",
			given: []givenQuote{{content: "said [the flight had landed safely]", cue: "Airlines [said] the", source: "[United] Airlines"}},
			want:  []speakerWant{{content: "landed safely", speaker: "United Airlines", typ: quotewire.Organization}}},

		// personRunsOn, officeListHolder: an office whose fields are
		// listed with commas, then its holder
		{name: "office with listed fields before the holder",
			text: "\"The grant will fund 40 new posts,\" said Commissioner for Employment, Social Affairs and Inclusion, Maria Berg.",
			want: []speakerWant{{content: "40 new posts", speaker: "Maria Berg"}}},
		{name: "office with no holder after it",
			text: "\"The grant will fund 40 new posts,\" said the Commissioner for Employment.",
			want: []speakerWant{{content: "40 new posts", speaker: "commissioner for Employment", unnamed: true, typ: quotewire.Person}}},

		// nounAfter: "A NATO official" is an official, not NATO
		{name: "name modifying a person's noun",
			text:  "A NATO official, who asked not to be named, said the exercise would go ahead.",
			given: []givenQuote{{content: "said [the exercise would go ahead]", cue: "named, [said] the", source: "A [NATO] official"}},
			want:  []speakerWant{{content: "the exercise would go ahead", speaker: "NATO official", unnamed: true, typ: quotewire.Person}}},
		{name: "name before a verb",
			text: "NATO said the exercise would go ahead.",
			want: []speakerWant{{content: "the exercise would go ahead", speaker: "NATO", typ: quotewire.Organization}}},

		// possessedAfter: "NASA's flight controllers" are the controllers;
		// "NASA's budget request" speaks for NASA
		{name: "name owning a person's noun",
			text:  "As the mission nears its end, NASA’s flight controllers today said they expect the capsule to land on Sunday.",
			given: []givenQuote{{content: "said [they expect the capsule to land on Sunday]", cue: "today [said] they", source: "end, [NASA]’s flight"}},
			want:  []speakerWant{{content: "land on Sunday", speaker: "NASA’s flight controllers", unnamed: true}}},
		{name: "name owning a document",
			text:  "NASA’s budget request says the agency will return to the Moon by 2028.",
			given: []givenQuote{{content: "says [the agency will return to the Moon by 2028]", cue: "request [says] the", source: "[NASA]’s budget"}},
			want:  []speakerWant{{content: "return to the Moon", speaker: "NASA", typ: quotewire.Organization}}},
	})
}
