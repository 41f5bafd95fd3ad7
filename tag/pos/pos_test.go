package pos

import (
	"bytes"
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/text"
)

func example(s string, tags ...string) Example {
	d := quotewire.NewDocument(quotewire.Article{Text: s})
	text.Segmenter{}.Process(d)
	return Example{Tokens: d.Tokens, Tags: tags}
}

func TestTrainTagsAndSaves(t *testing.T) {
	var exs []Example
	for _, n := range []string{"Smith", "Jones", "Brown", "Lopez"} {
		exs = append(exs,
			example(n+" said the plan failed .", "NNP", "VBD", "DT", "NN", "VBD", "."),
			example("The "+strings.ToLower(n)+" plan failed .", "DT", "NN", "NN", "VBD", "."))
	}
	tg := Train(exs, 8, 1, 1, nil)
	test := []Example{example("Green said the talks failed .", "NNP", "VBD", "DT", "NNS", "VBD", ".")}
	if acc := tg.Accuracy(test); acc < 0.8 {
		t.Errorf("held-out accuracy %.2f, want >= 0.8", acc)
	}
	var buf bytes.Buffer
	if err := tg.Save(&buf); err != nil {
		t.Fatal(err)
	}
	loaded, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if loaded.Accuracy(test) != tg.Accuracy(test) || strings.Join(loaded.Tags, " ") != strings.Join(tg.Tags, " ") {
		t.Error("loaded tagger differs")
	}
	d := quotewire.NewDocument(quotewire.Article{Text: "Green said it ."})
	text.Segmenter{}.Process(d)
	loaded.Process(d)
	if len(d.POS) != len(d.Tokens) || d.POS[0] != "NNP" || d.POS[1] != "VBD" {
		t.Errorf("Process tagged %q", d.POS)
	}
	if _, err := Load(strings.NewReader("QWPOS1 A B\ngarbage")); err == nil {
		t.Error("garbage loaded")
	}
}

func TestAlign(t *testing.T) {
	s := "Lavrov’s don’t."
	d := quotewire.NewDocument(quotewire.Article{Text: s})
	text.Segmenter{}.Process(d)
	got := Align(d, []Silver{{0, 6, "NNP", "PERSON"}, {6, 10, "POS", "O"}, {11, 13, "VB", "O"}, {13, 18, "RB", "O"}, {18, 19, ".", "O"}})
	// tokens: Lavrov ’s don’t .  — "don’t" starts with the silver "do"
	want := []string{"NNP", "POS", "VB", "."}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Align = %q, want %q", got, want)
	}
}
