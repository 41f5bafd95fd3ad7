package attrib

import (
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
)

func TestNPComplements(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"praise", `The Trade Unions commended the achievements of the workforce over recent months.`,
			[]string{`indirect|The Trade Unions|commended|the achievements of the workforce over recent months`}},
		{"call for, progressive", `The opposition leader is calling for fresh elections in the country.`,
			[]string{`indirect|The opposition leader|calling for|fresh elections in the country`}},
		{"coordinated with a clause report", `Vladimir Putin also underlined that it is important to talk and stressed the importance of condemning the violence.`,
			[]string{`indirect|Vladimir Putin|underlined|it is important to talk`, `indirect|Vladimir Putin|stressed|the importance of condemning the violence`}},
		{"described as", `Rights groups described the practice as child abuse.`,
			[]string{`indirect|Rights groups|described|the practice as child abuse`}},
		{"described how: no judgement", `Officials described how the system works in practice.`, nil},
		{"a noun in -s", `Attacks by opposing forces are real threats, the report says nothing more.`, nil},
		{"a phone call", `The president called the minister on Friday evening.`, nil},
		{"an infinitive is the model's", `The mayor urged residents to stay indoors tonight.`, []string{`indirect|The mayor|urged|residents to stay indoors tonight`}},
	}
	for _, tt := range tests {
		checkQuotes(t, tt.name, tt.in, tt.want, NPComplements)
	}
}

func TestHedged(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"reportedly", `The fire reportedly started at about 19:00 local time.`,
			[]string{`indirect|reportedly|reportedly|The fire reportedly started at about 19:00 local time`}},
		{"sentence-initial", `Reportedly, the buckets were secured only after Bloomberg called.`,
			[]string{`indirect|Reportedly|Reportedly|Reportedly, the buckets were secured only after Bloomberg called`}},
		{"a sentence with a report of its own", `Police said the fire reportedly started at 19:00.`,
			[]string{`indirect|Police|said|the fire reportedly started at 19:00`}},
		{"too short", `Reportedly so.`, nil},
	}
	for _, tt := range tests {
		checkQuotes(t, tt.name, tt.in, tt.want, Hedged)
	}
}

// TestSharedCues: of two reported quotes with one cue, the one whose
// content comes before the cue goes when the other's follows it.
func TestSharedCues(t *testing.T) {
	in := "In a statement to a conference, Chan warned the number of cases is rising."
	span := func(d *quotewire.Document, sub string) quotewire.Span {
		i := strings.Index(d.Text, sub)
		return quotewire.Span{Start: i, End: i + len(sub)}
	}
	checkQuotes(t, "adjunct before the cue", in, []string{"indirect|Chan|warned|the number of cases is rising"}, func(d *quotewire.Document) {
		cue, src := span(d, "warned"), span(d, "Chan")
		d.Quotes = []quotewire.Quote{
			{Kind: quotewire.Indirect, Content: []quotewire.Span{span(d, "In a statement to a conference")}, Cue: &cue, Source: &src},
			{Kind: quotewire.Indirect, Content: []quotewire.Span{span(d, "the number of cases is rising")}, Cue: &cue, Source: &src},
		}
		SharedCues(d)
	})
	checkQuotes(t, "one quote before its cue stays", "The number of cases is rising, Chan warned.", []string{"indirect|Chan|warned|The number of cases is rising"}, func(d *quotewire.Document) {
		SharedCues(d)
	})
}

// TestPassives: a passive report with no agent becomes a quote of the
// whole sentence, unless the sentence names an agent, holds a quote
// already (the rules' own, left as they are), or asks a question.
func TestPassives(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"expected", "Coastal flooding is expected from the storm packing strong winds.", []string{"indirect|-|is expected|Coastal flooding is expected from the storm packing strong winds"}},
		{"forecast to", "Small streams and rivers are forecast to reach flood stage within two days.", []string{"indirect|-|are forecast|Small streams and rivers are forecast to reach flood stage within two days"}},
		{"an agent named", "The vote is expected by analysts to be close this year.", nil},
		{"a report already", "Heavy flooding is expected in the north, the agency said.", []string{"indirect|the agency|said|Heavy flooding is expected in the north"}},
		{"a question", "Is it expected that the talks will end soon?", []string{"indirect|it|expected|the talks will end soon"}},
	}
	for _, tt := range tests {
		checkQuotes(t, tt.name, tt.in, tt.want, Passives)
	}
}
