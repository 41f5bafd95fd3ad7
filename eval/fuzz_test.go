package eval

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzWords checks that Words returns ordered, disjoint runs of word
// characters separated by non-word characters, and that appendWordStarts
// agrees with it.
func FuzzWords(f *testing.F) {
	for _, s := range []string{"", "Hello, world_1!", "cafe\u0301 x² ٣٤", "a\xffb", "日本語、三十。", "\xe2\x80"} {
		f.Add(s)
	}
	isWord := func(s string, i int) (bool, int) {
		r, n := utf8.DecodeRuneInString(s[i:])
		return (r != utf8.RuneError || n > 1) && IsWordRune(r), n
	}
	f.Fuzz(func(t *testing.T, s string) {
		ws := Words(s)
		starts := appendWordStarts(nil, s)
		if len(starts) != len(ws) {
			t.Fatalf("%d starts, %d words", len(starts), len(ws))
		}
		prev := 0
		for k, w := range ws {
			if w.Start != starts[k] || w.Start >= w.End || w.Start < prev {
				t.Fatalf("word %d %v after %d (start %d)", k, w, prev, starts[k])
			}
			for i := prev; i < w.Start; {
				ok, n := isWord(s, i)
				if ok {
					t.Fatalf("word character at %d outside words %v", i, ws)
				}
				i += n
			}
			for i := w.Start; i < w.End; {
				ok, n := isWord(s, i)
				if !ok {
					t.Fatalf("non-word character at %d inside %v", i, w)
				}
				i += n
			}
			prev = w.End
		}
		for i := prev; i < len(s); {
			ok, n := isWord(s, i)
			if ok {
				t.Fatalf("word character at %d after the last word", i)
			}
			i += n
		}
	})
}

// FuzzReadPredictionLine checks that no PRED line makes the reader panic
// and that whatever it accepts scores without panicking.
func FuzzReadPredictionLine(f *testing.F) {
	for _, s := range spanInputs {
		f.Add(`{"id": "a", "quotes": [{"content": ` + s + `, "cue": ` + s + `, "source": ` + s + `}]}`)
	}
	f.Add(`{"id": 1.5e300, "quotes": null}`)
	g := GoldArticle{ID: "a", Text: text10, Attributions: []Attribution{{Content: ws(0, 4), Source: ws(5, 6)}}}
	f.Fuzz(func(t *testing.T, line string) {
		if !json.Valid([]byte(line)) {
			return
		}
		preds, err := ReadPredictions(strings.NewReader(line), "fuzz")
		if err != nil {
			return
		}
		for _, p := range preds {
			Compare(g, p)
		}
	})
}
