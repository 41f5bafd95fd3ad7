// Command gen learns the word lists of package lexicon from PolNeAR's
// CoreNLP silver annotations and writes them as small sorted text files.
//
// Run it from the module root:
//
//	go run ./tag/lexicon/gen -polnear ../shared/data/polnear -out tag/lexicon/data
//
// or, equivalently, `go generate ./tag/lexicon`. It reads only the train
// split: <polnear>/train.jsonl (one article a line, {"id", "text", ...})
// and <polnear>/train.corenlp.jsonl.gz (one article a line, {"id",
// "sentences"}, each token [start, end, word, lemma, POS, NER] with start
// and end UTF-8 byte offsets into that article's text). Surface forms are
// taken from the text, never from CoreNLP's normalised word field.
//
// It writes common.txt, ner.txt, firstnames.txt and multi.txt into the
// output folder (see package lexicon for what each holds), replacing any
// previous versions. The output is deterministic: the same articles, in
// any order, give byte-identical files.
package main

import (
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// errUsage marks a command-line mistake; run has already printed the usage.
var errUsage = errors.New("usage error")

// run parses args, learns the lists and writes them, reporting a summary
// on logw.
func run(args []string, logw io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(logw)
	polnear := fs.String("polnear", "", "PolNeAR folder holding train.jsonl and train.corenlp.jsonl.gz (required)")
	out := fs.String("out", "", "folder to write the word lists into (required)")
	fs.Usage = func() {
		fmt.Fprintln(logw, "usage: gen -polnear DIR -out DIR")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if *polnear == "" || *out == "" || fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("%w: -polnear and -out are required (try -polnear ../shared/data/polnear -out tag/lexicon/data)", errUsage)
	}

	texts, err := os.Open(filepath.Join(*polnear, "train.jsonl"))
	if err != nil {
		return err
	}
	defer texts.Close()
	annf, err := os.Open(filepath.Join(*polnear, "train.corenlp.jsonl.gz"))
	if err != nil {
		return err
	}
	defer annf.Close()
	ann, err := gzip.NewReader(annf)
	if err != nil {
		return fmt.Errorf("read %s: %w", annf.Name(), err)
	}
	defer ann.Close()

	files, st, err := build(texts, ann)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(*out, f.Name), f.Data, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(logw, "%-15s %6d entries %8d bytes\n", f.Name, f.Entries, len(f.Data))
	}
	fmt.Fprintf(logw, "%d articles (%d without text), %d sentences (%d headline-like), %d tokens (%d with bad offsets)\n",
		st.Articles, st.MissingText, st.Sentences, st.Headlines, st.Tokens, st.BadOffsets)
	return nil
}
