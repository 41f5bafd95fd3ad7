package engine

import (
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
)

// TestEntityPatterns checks how an article's mentions become entities: an
// organisation's acronym in brackets is that organisation, whatever its
// language; a place that speaks is the government it stands for, while
// its other mentions stay a place; two places of one country that speak
// are one government; a place named like a person of the article is that
// person.
func TestEntityPatterns(t *testing.T) {
	tests := []struct {
		name, text string
		// speakers maps a quote's content to its speaker's name
		speakers map[string]string
		// entities are "name|type|mention, mention" of entities the
		// analysis must hold
		entities []string
	}{
		{"an acronym in brackets", "The Federal Security Service (FSB) said on Tuesday it had detained two suspects.\n\n\"The suspects have confessed,\" the FSB said.",
			map[string]string{"it had detained two suspects": "Federal Security Service", "The suspects have confessed": "Federal Security Service"},
			[]string{"Federal Security Service|organization|Federal Security Service, FSB, FSB"}},
		{"a capital that speaks", "Police detained two suspects in Moscow on Tuesday.\n\nMoscow said the arrests showed the threat was real.",
			map[string]string{"the arrests showed the threat was real": "Government of Russia"},
			[]string{"Moscow|place|Moscow", "Government of Russia|organization|Moscow"}},
		{"a country and its capital", "Russia said the sanctions were illegal.\n\nMoscow said it would respond.",
			map[string]string{"the sanctions were illegal": "Government of Russia", "it would respond": "Government of Russia"},
			[]string{"Government of Russia|organization|Russia, Moscow"}},
		{"works and an abbreviation written out", "The senator said the U.S. Constitution protects speech. He added that the US Constitution and the Paris Agreement were clear.",
			map[string]string{"the U.S. Constitution protects speech": "senator"},
			[]string{"United States Constitution|work|U.S. Constitution, US Constitution", "Paris Agreement|work|Paris Agreement"}},
		{"a well-known form that speaks", "The U.S. said it was monitoring the case in Geneva.",
			map[string]string{"it was monitoring the case": "Government of the United States"},
			[]string{"Government of the United States|organization|The U.S."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := extractText(t, "entities", "The news came on Monday.\n\n"+tt.text)
			for content, want := range tt.speakers {
				found := false
				for _, q := range a.Quotes {
					if strings.Contains(q.Content.Text, content) {
						found = true
						if q.Speaker == nil || q.Speaker.Name != want {
							t.Errorf("%q: speaker %+v, want %s", content, q.Speaker, want)
						}
					}
				}
				if !found {
					t.Errorf("no quote %q", content)
				}
			}
			var have []string
			for _, e := range a.Entities {
				have = append(have, entityLine(e))
			}
			for _, want := range tt.entities {
				if !contains(have, want) {
					t.Errorf("no entity %s among\n%s", want, strings.Join(have, "\n"))
				}
			}
		})
	}
}

func entityLine(e quotewire.EntityOut) string {
	var ms []string
	for _, m := range e.Mentions {
		ms = append(ms, m.Text)
	}
	return e.Name + "|" + string(e.Type) + "|" + strings.Join(ms, ", ")
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// TestAboutPatterns checks whom quotes are about: the named people,
// organisations and places their words mention, and the people they name
// by the head of a role the article gives them ("the president", "the
// minister") when one person has it — never the speaker, never a role two
// people share.
func TestAboutPatterns(t *testing.T) {
	lead := "Turkish President Recep Tayyip Erdogan met Russian Foreign Minister Sergey Lavrov in Ankara.\n\n"
	tests := []struct {
		text, content string
		want          []string
	}{
		{`Lavrov said: "We discussed Syria with the president and we agree on the main points."`, "We discussed Syria", []string{"Syria", "Recep Tayyip Erdogan"}},
		{"Erdogan said the minister had been very constructive.", "the minister had been very constructive", []string{"Sergey Lavrov"}},
		{"Erdogan said the Russian minister's visit was useful.", "the Russian minister's visit was useful", []string{"Sergey Lavrov"}},
		{"Lavrov said the minister of a third country would join.", "the minister of a third country would join", nil},
		{"Erdogan said Turkey would buy the system.", "Turkey would buy", []string{"Turkey"}},
		{"Lavrov said the talks went well.", "the talks went well", nil},
	}
	for _, tt := range tests {
		a := extractText(t, "about", lead+tt.text)
		found := false
		for _, q := range a.Quotes {
			if !strings.Contains(q.Content.Text, tt.content) {
				continue
			}
			found = true
			var got []string
			for _, r := range q.About {
				got = append(got, r.Name)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("%q: about %q, want %q", tt.text, got, tt.want)
			}
		}
		if !found {
			t.Errorf("%q: no quote %q", tt.text, tt.content)
		}
	}
}

// TestCaptionCredits: a caption's credit line ("Gary Johnson Image:
// Carolmooredc.") names a picture's author, and is no quote.
func TestCaptionCredits(t *testing.T) {
	a := extractText(t, "credits", "Six candidates ran.\n\n\nGary Johnson Image: Carolmooredc.\n\n\nJo JorgensenImage: Jo Jorgensen for President.\n\n\nRoss Perot Image: Allan Warren.\n\nJohnson said the race was open.")
	for _, q := range a.Quotes {
		if q.Speaker != nil && strings.Contains(q.Speaker.Name, "Image") || strings.Contains(q.Content.Text, "Carolmooredc") {
			t.Errorf("a credit line read as a quote: %+v", q)
		}
	}
	if len(a.Quotes) != 1 || !strings.Contains(a.Quotes[0].Content.Text, "the race was open") {
		t.Errorf("quotes %+v, want Johnson's one", a.Quotes)
	}
}
