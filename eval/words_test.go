package eval

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/quotewire/quotewire"
)

func TestWords(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"empty", "", nil},
		{"ascii", "Hello, world_1! x", []string{"Hello", "world_1", "x"}},
		{"apostrophe and dots", "don't U.S. 3.5", []string{"don", "t", "U", "S", "3", "5"}},
		{"underscore alone", "_ __ -", []string{"_", "__"}},
		{"latin1", "naïve café ª º µ", []string{"naïve", "café", "ª", "º", "µ"}},
		{"combining mark splits", "cafe\u0301s x", []string{"cafe", "s", "x"}},
		{"superscript and fractions", "x² ½ Ⅻ", []string{"x²", "½", "Ⅻ"}},
		{"decimal digits of other scripts", "٣٤ ४२", []string{"٣٤", "४२"}},
		{"cjk", "日本語、三十。", []string{"日本語", "三十"}},
		{"punctuation and symbols", "“quote” — € 😀 ·", []string{"quote"}},
		{"invalid utf-8", "ab\xffcd\xe2\x80", []string{"ab", "cd"}},
		{"replacement char", "a\uFFFDb", []string{"a", "b"}},
		{"trailing word", "end", []string{"end"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			ws := Words(tt.text)
			for _, w := range ws {
				got = append(got, tt.text[w.Start:w.End])
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Words(%q) = %q, want %q", tt.text, got, tt.want)
			}
			var starts []int
			for _, w := range ws {
				starts = append(starts, w.Start)
			}
			if st := appendWordStarts(nil, tt.text); !slices.Equal(st, starts) {
				t.Errorf("appendWordStarts(%q) = %v, want %v", tt.text, st, starts)
			}
		})
	}
}

// TestWordsPython checks Words against the script's word_bytes on texts
// mixing scripts, marks and invalid-looking sequences.
func TestWordsPython(t *testing.T) {
	texts := []string{
		"Hillary Clinton’s team said “no”.",
		"Ελληνικά κείμενα, русский текст; עִבְרִית ١٢٣ हिन्दी",
		"e\u0301te\u0301 ǅemal Ⅻ ⅓ x²₃ ㈠ ① 〇 零",
		"a_b__c 1,000.50 — ok\u200bzero\u00a0nbsp",
		"𝒜𝓁𝓅𝒽𝒶 𝟙𝟚𝟛 😀x",
	}
	in, _ := json.Marshal(texts)
	out := runPython(t, in, "-c", scriptModule(t)+`
for text in json.load(sys.stdin):
    print(json.dumps(sa.word_bytes(text)))
`)
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	for i, text := range texts {
		var want [][2]int
		if err := json.Unmarshal([]byte(lines[i]), &want); err != nil {
			t.Fatal(err)
		}
		var got [][2]int
		for _, w := range Words(text) {
			got = append(got, [2]int{w.Start, w.End})
		}
		if !slices.Equal(got, want) {
			t.Errorf("Words(%q) = %v, Python %v", text, got, want)
		}
	}
}

// pyRanges decodes a list of inclusive [lo, hi] code point ranges.
func pyRanges(t *testing.T, line string) func(rune) bool {
	t.Helper()
	var rs [][2]rune
	if err := json.Unmarshal([]byte(line), &rs); err != nil {
		t.Fatal(err)
	}
	return func(r rune) bool {
		i, found := slices.BinarySearchFunc(rs, r, func(x [2]rune, r rune) int {
			switch {
			case x[1] < r:
				return -1
			case x[0] > r:
				return 1
			}
			return 0
		})
		_ = i
		return found
	}
}

// TestUnicodeTablesPython compares, over every code point, IsWordRune with
// Python's \w, pyIsSpace with str.isspace and decimalValue with int() on
// decimal characters. When Python's Unicode version differs from Go's,
// code points whose general category differs between the two versions
// (new characters, mostly) are left out; with the same version, any
// difference fails.
func TestUnicodeTablesPython(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: walks all code points in Python")
	}
	out := runPython(t, nil, "-c", `import json, re, unicodedata
W = re.compile(r"\w")
def ranges(pred):
    out, start = [], None
    for cp in range(0x110001):
        ok = cp < 0x110000 and pred(chr(cp))
        if ok and start is None:
            start = cp
        elif not ok and start is not None:
            out.append((start, cp - 1))
            start = None
    return out
cats, last = [], None
for cp in range(0x110000):
    c = unicodedata.category(chr(cp))
    if c != last:
        cats.append((cp, c))
        last = c
print(unicodedata.unidata_version)
print(json.dumps(ranges(lambda c: W.match(c) is not None)))
print(json.dumps(ranges(str.isspace)))
print(json.dumps([(ord(c), int(c)) for c in map(chr, range(0x110000)) if c.isdecimal()]))
print(json.dumps(cats))
`)
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 5 {
		t.Fatalf("python3 printed %d lines, want 5", len(lines))
	}
	version := lines[0]
	pyWord, pySpace := pyRanges(t, lines[1]), pyRanges(t, lines[2])
	var decimals [][2]int
	if err := json.Unmarshal([]byte(lines[3]), &decimals); err != nil {
		t.Fatal(err)
	}
	pyDec := make(map[rune]int, len(decimals))
	for _, d := range decimals {
		pyDec[rune(d[0])] = d[1]
	}
	var runs [][2]any // [first code point, category] of each run
	if err := json.Unmarshal([]byte(lines[4]), &runs); err != nil {
		t.Fatal(err)
	}
	sameVersion := version == unicode.Version
	bad, skipped, run := 0, 0, 0
	for r := rune(0); r <= unicode.MaxRune; r++ {
		for run+1 < len(runs) && rune(runs[run+1][0].(float64)) <= r {
			run++
		}
		cat := runs[run][1].(string)
		table, ok := unicode.Categories[cat]
		if !ok || !unicode.Is(table, r) {
			if sameVersion {
				if bad++; bad <= 20 {
					t.Errorf("%U is %s in Python but not in Go, with the same Unicode version", r, cat)
				}
			}
			skipped++
			continue
		}
		if got, want := IsWordRune(r), pyWord(r); got != want {
			if bad++; bad <= 20 {
				t.Errorf("IsWordRune(%U) = %v, Python \\w %v (category %s)", r, got, want, cat)
			}
		}
		if got, want := pyIsSpace(r), pySpace(r); got != want {
			if bad++; bad <= 20 {
				t.Errorf("pyIsSpace(%U) = %v, Python isspace %v", r, got, want)
			}
		}
		want, isDec := pyDec[r]
		if got, ok := decimalValue(r); ok != isDec || got != want {
			if bad++; bad <= 20 {
				t.Errorf("decimalValue(%U) = %d, %v; Python %d, %v", r, got, ok, want, isDec)
			}
		}
	}
	if bad > 20 {
		t.Errorf("... %d mismatches in all", bad)
	}
	if !sameVersion {
		t.Logf("Python has Unicode %s, Go %s: left out %d code points whose category differs", version, unicode.Version, skipped)
	}
}

func TestWordSet(t *testing.T) {
	// Words start at 0, 3, 6, 9 (two bytes each, then a space); "é" is two
	// bytes, so the last word starts at 12 and ends at 16.
	text := "w0 w1 w2 w3 éé"
	tests := []struct {
		name  string
		spans []quotewire.Span
		want  []int32
	}{
		{"none", nil, nil},
		{"whole word", []quotewire.Span{{Start: 3, End: 5}}, []int32{1}},
		{"start inside a word leaves it out", []quotewire.Span{{Start: 1, End: 4}}, []int32{1}},
		{"end inside a word keeps it", []quotewire.Span{{Start: 0, End: 1}}, []int32{0}},
		{"end at a word start leaves it out", []quotewire.Span{{Start: 0, End: 3}}, []int32{0}},
		{"empty span", []quotewire.Span{{Start: 3, End: 3}}, nil},
		{"reversed span", []quotewire.Span{{Start: 9, End: 3}}, nil},
		{"negative start", []quotewire.Span{{Start: -5, End: 1}}, []int32{0}},
		{"past the end", []quotewire.Span{{Start: 10, End: 100}}, []int32{4}},
		{"multibyte", []quotewire.Span{{Start: 12, End: 13}}, []int32{4}},
		{"parts out of order and overlapping", []quotewire.Span{{Start: 6, End: 10}, {Start: 0, End: 7}}, []int32{0, 1, 2, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := matcher{starts: appendWordStarts(nil, text)}
			if got := m.wordSet(tt.spans); !slices.Equal(got, tt.want) {
				t.Errorf("wordSet(%v) = %v, want %v", tt.spans, got, tt.want)
			}
		})
	}
}
