package coref_test

import (
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/attrib"
	"github.com/quotewire/quotewire/coref"
	"github.com/quotewire/quotewire/tag"
	"github.com/quotewire/quotewire/text"
)

// speakers runs the stages up to coref and returns each quote's speaker.
func speakers(t *testing.T, s string) []string {
	t.Helper()
	d := quotewire.NewDocument(quotewire.Article{Text: s})
	for _, st := range []quotewire.Stage{text.Segmenter{}, tag.Tagger{}, attrib.Stage{}, coref.Resolver{}} {
		if err := st.Process(d); err != nil {
			t.Fatal(err)
		}
	}
	var out []string
	for _, q := range d.Quotes {
		if q.Speaker < 0 {
			out = append(out, "")
			continue
		}
		out = append(out, d.Entities[q.Speaker].Name)
	}
	return out
}

func TestSpeakers(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"surname joins full name",
			"Russian Foreign Minister Sergey Lavrov spoke in Moscow.\n\n\"We see no progress,\" Lavrov said.",
			[]string{"Sergey Lavrov"}},
		{"pronoun skips a person named inside the quote",
			"\"Talks went well,\" Lavrov said.\n\n\"The post went to Russian diplomat Vladimir Voronkov,\" he said.",
			[]string{"Lavrov", "Lavrov"}},
		{"descriptor through role",
			"Russian Foreign Minister Sergey Lavrov arrived on Monday. According to the minister, contacts with the UN are very important.",
			[]string{"Sergey Lavrov"}},
		{"continued paragraph",
			"\"Talks went well,\" Jane Smith said.\n\n\"There is information that the groups have started working more actively.\"",
			[]string{"Jane Smith", "Jane Smith"}},
		{"organisation speaker",
			"The plan will not work, the Kremlin said on Friday.",
			[]string{"Kremlin"}},
		{"two people, two speakers",
			"\"We will appeal,\" said Mary Jones. \"The ruling is fair,\" John Brown said.",
			[]string{"Mary Jones", "John Brown"}},
		{"office alone is no person",
			"Secretary of State for Justice, Chris Grayling said:\n\n\"This will be the first prison in north Wales.\"",
			[]string{"Chris Grayling"}},
		{"object of a preposition is not the speaker",
			"Officials in Nigeria say gunmen have killed at least 44 people.",
			[]string{"officials in Nigeria"}},
		{"plural noun opening a sentence is no name",
			"Communities in Cumbria, Devon and Cornwall said the water had risen.",
			[]string{"Communities in Cumbria, Devon and Cornwall"}},
		{"same surname needs evidence",
			"\"Yes,\" said Hillary Clinton. \"No way, not at all,\" said Bill Clinton.",
			[]string{"Hillary Clinton", "Bill Clinton"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := speakers(t, tt.in)
			if len(got) != len(tt.want) {
				t.Fatalf("speakers = %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("quote %d speaker = %q, want %q", i+1, got[i], tt.want[i])
				}
			}
		})
	}
}
