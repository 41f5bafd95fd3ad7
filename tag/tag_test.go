package tag

import (
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/text"
)

func mentions(s string) []string {
	d := quotewire.NewDocument(quotewire.Article{Text: s})
	text.Segmenter{}.Process(d)
	Tagger{}.Process(d)
	var out []string
	for _, m := range d.Mentions {
		desc := string(m.Type) + ":" + m.Head.In(s)
		if len(m.Roles) > 0 {
			desc += "(" + strings.Join(m.Roles, ";") + ")"
		}
		out = append(out, desc)
	}
	return out
}

func TestTagger(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"It was announced by Russian Foreign Minister Sergey Lavrov in Moscow.", []string{"person:Sergey Lavrov(Russian Foreign Minister)", "place:Moscow"}},
		{"The post went to Russian diplomat Vladimir Voronkov who is UN Under-Secretary-General.", []string{"person:Vladimir Voronkov(Russian diplomat;UN Under-Secretary-General)"}},
		{"The talks between Presidents Putin and Erdogan went well.", []string{"person:Putin(President)", "person:Erdogan(President)"}},
		{"It came at the request of Syrian President (Bashar Assad) last year.", []string{"person:Bashar Assad(Syrian President)"}},
		{"They fought the Jabhat al-Nusra terrorist group and the US-led coalition.", []string{"organization:Jabhat al-Nusra", "organization:US-led coalition"}},
		{"Similarly, FSB representatives visit New York.", []string{"organization:FSB", "place:New York"}},
		{"Until recently, we did not see it. Although it rained, they stayed.", nil},
		{"Officials of the Federal Security Service met the UN Security Council Counter-Terrorism Committee.", []string{"organization:Federal Security Service", "organization:UN Security Council Counter-Terrorism Committee"}},
		{"The meeting was attended by Hillary Clinton and Mr. Trump.", []string{"person:Hillary Clinton", "person:Trump(Mr.)"}},
		{"Pope Francis met King Charles III and Martin Luther King III.", []string{"person:Pope Francis(Pope)", "person:King Charles III(King)", "person:Martin Luther King III"}},
		{"Acme Corp. hired Robert L. Harris Jr. on Monday.", []string{"organization:Acme Corp.", "person:Robert L. Harris Jr."}},
		{"It was Lord Ahmad of Wimbledon who spoke.", []string{"person:Lord Ahmad of Wimbledon(Lord)"}},
		{"It was said by retired Navy Vice Adm. Conrad C. Lautenbacher on the ship.", []string{"person:Conrad C. Lautenbacher(Navy Vice Adm.)"}},
		{"He was welcomed by Army Brig. Gen. Patrick M. Hamilton and Pfc. Roberto Rivera.", []string{"person:Patrick M. Hamilton(Army Brig. Gen.)", "person:Roberto Rivera(Pfc.)"}},
		// an office of a body whose name runs on into its holder's
		{"Putin met President of the Russian Academy of Sciences Alexander Sergeyev today.", []string{"person:Putin", "person:Alexander Sergeyev(President of the Russian Academy of Sciences)"}},
		{"Secretary of Homeland Security Jeh Johnson said it.", []string{"person:Jeh Johnson(Secretary of Homeland Security)"}},
		{"Minister for the Middle East Alistair Burt has condemned the attack.", []string{"person:Alistair Burt(Minister for the Middle East)"}},
		{"The International Committee of the Red Cross (ICRC) said it.", []string{"organization:International Committee of the Red Cross", "organization:ICRC"}},
		// a body's name run on into a person's, no title between
		{"It was said by the ambassador to the United Nations Abdullah Hussain Haroon.", []string{"organization:United Nations", "person:Abdullah Hussain Haroon"}},
		{"He met the Bank of America Brian Moynihan.", []string{"organization:Bank of America", "person:Brian Moynihan"}},
		{"Lance Corporal Simon Howells said it was fine.", []string{"person:Simon Howells(Lance Corporal)"}},
		{"Smithsonian's Museum of Natural History opened.", []string{"organization:Smithsonian", "organization:Museum of Natural History"}},
		// an office alone is no person: its holder follows the comma
		{"Secretary of State for Justice, Chris Grayling said it.", []string{"person:Chris Grayling"}},
		{"It was Secretary of State Hillary Rodham Clinton who spoke.", []string{"person:Hillary Rodham Clinton(Secretary of State)"}},
		{"Sat Maharaj, the secretary general of the Sanatan Dharma Maha Sabha, spoke.", []string{"person:Sat Maharaj", "organization:Sanatan Dharma Maha Sabha"}},
	}
	for _, tt := range tests {
		got := mentions(tt.in)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("mentions(%q)\n got  %q\n want %q", tt.in, got, tt.want)
		}
	}
}

// TestNameTokenStarters guards nameToken, which tests these words without
// looking them up: each must stay a sentence starter.
func TestNameTokenStarters(t *testing.T) {
	for _, w := range []string{"the", "he", "she", "it", "i", "we", "they"} {
		if !sentenceStarters[w] {
			t.Errorf("sentenceStarters[%q] = false", w)
		}
	}
}
