package pack

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
)

func sample() *quotewire.Analysis {
	text := strings.Repeat("Sergey Lavrov said talks would resume. ", 20)
	return &quotewire.Analysis{ID: "a1", Title: "Talks", Date: "2017-10-04", URL: "https://tass.com/1", Text: text,
		Quotes: []quotewire.QuoteOut{{Type: quotewire.Indirect, Confidence: 0.8,
			Content: quotewire.ContentSpan{Start: 19, End: 37, Text: text[19:37]},
			Cue:     &quotewire.TextSpan{Start: 14, End: 18, Text: text[14:18]},
			Source:  &quotewire.TextSpan{Start: 0, End: 13, Text: text[0:13]},
			Speaker: &quotewire.SpeakerRef{ID: "e1", Name: "Sergey Lavrov"}}},
		Entities: []quotewire.EntityOut{{ID: "e1", Name: "Sergey Lavrov", Type: quotewire.Person, Roles: []string{},
			Mentions: []quotewire.TextSpan{{Start: 0, End: 13, Text: text[0:13]}}}},
		RepeatedSentences: []quotewire.RepeatedSentence{}}
}

// TestRoundTrip checks that Unpack gives back what Analysis packed, that
// packing leaves its argument alone, and that the packed form is smaller.
func TestRoundTrip(t *testing.T) {
	a := sample()
	want, _ := json.Marshal(a)
	data, err := Analysis(a)
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := json.Marshal(a); string(again) != string(want) {
		t.Fatal("Analysis modified its argument")
	}
	back, err := Unpack(data, a.Text)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := json.Marshal(back); string(got) != string(want) {
		t.Errorf("unpacked analysis differs:\n got %s\nwant %s", got, want)
	}
	if len(data) >= len(want)-len(a.Text) {
		t.Errorf("packed %d bytes, plain JSON without text %d", len(data), len(want)-len(a.Text))
	}
}

// TestPlainJSON checks that rows stored as plain JSON are read, and that
// spans outside the text are left empty rather than panicking.
func TestPlainJSON(t *testing.T) {
	a := sample()
	js, _ := json.Marshal(a)
	back, err := Unpack(js, "short")
	if err != nil {
		t.Fatal(err)
	}
	if back.Text != "short" || back.Quotes[0].Content.Text != "" {
		t.Errorf("damaged spans: %+v", back.Quotes[0])
	}
	if _, err := Unpack([]byte{0x28, 0xb5, 0x2f, 0xfd, 1, 2}, ""); err == nil {
		t.Error("a damaged compressed row gave no error")
	}
}
