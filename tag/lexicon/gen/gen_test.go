package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// polnearDir is the shared PolNeAR folder, relative to this package.
const polnearDir = "../../../../shared/data/polnear"

// readShared returns the first 20 lines of the shared train file name
// (decompressed when it ends in .gz), skipping the test when ../shared is
// absent. The corpus is not copied into the repository.
func readShared(t *testing.T, name string) []byte {
	t.Helper()
	f, err := os.Open(filepath.Join(polnearDir, name))
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("skipping: %s not found (the shared PolNeAR data lives beside the project)", name)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(name, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	}
	br := bufio.NewReaderSize(r, 1<<20)
	var out bytes.Buffer
	for i := 0; i < 20; i++ {
		line, err := br.ReadBytes('\n')
		out.Write(line)
		if err != nil {
			break
		}
	}
	return out.Bytes()
}

// reverseLines returns b with its lines in reverse order.
func reverseLines(b []byte) []byte {
	lines := bytes.SplitAfter(bytes.TrimSuffix(b, []byte("\n")), []byte("\n"))
	slices.Reverse(lines)
	var out bytes.Buffer
	for _, l := range lines {
		out.Write(bytes.TrimSuffix(l, []byte("\n")))
		out.WriteByte('\n')
	}
	return out.Bytes()
}

func TestBuildDeterministic(t *testing.T) {
	texts := readShared(t, "train.jsonl")
	ann := readShared(t, "train.corenlp.jsonl.gz")

	first, st, err := build(bytes.NewReader(texts), bytes.NewReader(ann))
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 20 || st.MissingText != 0 || st.BadOffsets != 0 {
		t.Fatalf("stats = %+v, want 20 articles, all with text and good offsets", st)
	}
	runs := map[string][2][]byte{
		"same input":        {texts, ann},
		"articles reversed": {reverseLines(texts), reverseLines(ann)},
	}
	for name, in := range runs {
		t.Run(name, func(t *testing.T) {
			got, _, err := build(bytes.NewReader(in[0]), bytes.NewReader(in[1]))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(first) {
				t.Fatalf("got %d files, want %d", len(got), len(first))
			}
			for i := range got {
				if got[i].Name != first[i].Name || !bytes.Equal(got[i].Data, first[i].Data) {
					t.Errorf("%s differs between runs", first[i].Name)
				}
			}
		})
	}
	for _, f := range first {
		if f.Entries == 0 {
			t.Errorf("%s is empty", f.Name)
		}
		checkSorted(t, f)
	}
}

// checkSorted checks that the entries of f are sorted and unique by their
// first field.
func checkSorted(t *testing.T, f file) {
	t.Helper()
	var keys []string
	sc := bufio.NewScanner(bytes.NewReader(f.Data))
	for sc.Scan() {
		if line := sc.Text(); !strings.HasPrefix(line, "#") {
			k, _, _ := strings.Cut(line, "\t")
			keys = append(keys, k)
		}
	}
	if len(keys) != f.Entries {
		t.Errorf("%s: %d lines, Entries = %d", f.Name, len(keys), f.Entries)
	}
	for i := 1; i < len(keys); i++ {
		if keys[i-1] >= keys[i] {
			t.Errorf("%s: %q before %q", f.Name, keys[i-1], keys[i])
		}
	}
}

// small is a hand-made article: its text, and its sentences one a line,
// tokens separated by spaces, each "word" (tag O) or "word/TAG".
const (
	smallText = `BIG CAMPAIGN, CAMPAIGN, CAMPAIGN, CAMPAIGN!
"Although Hillary Clinton won the vote, she said that Hillary Clinton lost," said Sen. Jane Doe.
Jane Doe and Ann Lee visited New York although it was cold in New York.
Clinton said so, although she said it again.
The Clinton campaign and the Clinton campaign and the Clinton campaign.`
	smallSentences = `BIG CAMPAIGN , CAMPAIGN , CAMPAIGN , CAMPAIGN !
" Although Hillary/PERSON Clinton/PERSON won the vote , she said that Hillary/PERSON Clinton/PERSON lost , " said Sen./PERSON Jane/PERSON Doe/PERSON .
Jane/PERSON Doe/PERSON and Ann/PERSON Lee/PERSON visited New/LOCATION York/LOCATION although it was cold in New/LOCATION York/LOCATION .
Clinton/PERSON said so , although she said it again .
The Clinton campaign and the Clinton campaign and the Clinton campaign .`
)

// annotate returns the CoreNLP JSON line for text and sentences, finding
// each token's offsets in text.
func annotate(t *testing.T, id, text, sentences string) string {
	t.Helper()
	var sents [][]token
	at := 0
	for _, line := range strings.Split(sentences, "\n") {
		var sent []token
		for _, f := range strings.Fields(line) {
			word, tag, ok := strings.Cut(f, "/")
			if !ok {
				tag = "O"
			}
			i := strings.Index(text[at:], word)
			if i < 0 {
				t.Fatalf("token %q not found after offset %d", word, at)
			}
			start := at + i
			at = start + len(word)
			sent = append(sent, token{Start: start, End: at, Word: word, Lemma: word, POS: "X", NER: tag})
		}
		sents = append(sents, sent)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `{"id": %q, "sentences": [`, id)
	for i, sent := range sents {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("[")
		for j, tk := range sent {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "[%d, %d, %q, %q, %q, %q]", tk.Start, tk.End, tk.Word, tk.Lemma, tk.POS, tk.NER)
		}
		b.WriteString("]")
	}
	b.WriteString("]}\n")
	return b.String()
}

func TestBuildRules(t *testing.T) {
	texts := fmt.Sprintf(`{"id": "a", "text": %q}`+"\n", smallText)
	ann := annotate(t, "a", smallText, smallSentences) +
		annotate(t, "no-text", "Elsewhere.", "Elsewhere .")
	files, st, err := build(strings.NewReader(texts), strings.NewReader(ann))
	if err != nil {
		t.Fatal(err)
	}
	if want := (stats{Articles: 2, MissingText: 1, Sentences: 5, Headlines: 1, Tokens: 68}); st != want {
		t.Errorf("stats = %+v, want %+v", st, want)
	}
	got := make(map[string][]string)
	for _, f := range files {
		for _, line := range strings.Split(strings.TrimSuffix(string(f.Data), "\n"), "\n") {
			if !strings.HasPrefix(line, "#") {
				got[f.Name] = append(got[f.Name], line)
			}
		}
	}
	want := map[string][]string{
		// The all-caps headline does not count. "Although" opens a
		// quotation, so only the two lower-case "although" count. "campaign"
		// is 3 lower-case to 0; "the" 3 to 0 ("The" opens a sentence); "won",
		// "so", "cold" ... are seen once.
		"common.txt": {"although", "and", "campaign", "it", "said", "she", "the"},
		// "Clinton" is PERSON 3 times and O 3 times: a tie goes to O.
		// "Sen.", "Ann" and "Lee" are seen once.
		"ner.txt": {"Doe\tPERSON\t2", "Hillary\tPERSON\t2", "Jane\tPERSON\t2", "New\tLOCATION\t2", "York\tLOCATION\t2"},
		// "Sen." is a title, so "Jane" opens "Sen. Jane Doe"; "Ann" is
		// seen once.
		"firstnames.txt": {"Hillary\t2", "Jane\t2"},
		// "Sen. Jane Doe" and "Jane Doe" are different spans, once each.
		"multi.txt": {"Hillary Clinton\tPERSON\t2", "New York\tLOCATION\t2"},
	}
	for name, w := range want {
		if !slices.Equal(got[name], w) {
			t.Errorf("%s:\n got %q\nwant %q", name, got[name], w)
		}
	}
}

func TestRunUsage(t *testing.T) {
	var log bytes.Buffer
	if err := run(nil, &log); !errors.Is(err, errUsage) {
		t.Errorf("run with no flags: err = %v, want errUsage", err)
	}
	if !strings.Contains(log.String(), "usage: gen") {
		t.Errorf("run with no flags printed %q, want the usage", log.String())
	}
}
