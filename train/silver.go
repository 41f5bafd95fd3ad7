package train

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/klauspost/compress/gzip"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/eval"
	"github.com/quotewire/quotewire/tag/pos"
	"github.com/quotewire/quotewire/text"
)

// ReadSilver reads CoreNLP silver annotations (PolNeAR's
// *.corenlp.jsonl.gz: {"id", "sentences": [[[start, end, word, lemma,
// POS, NER], ...], ...]}) into part-of-speech tokens by article id.
func ReadSilver(path string) (map[string][]pos.Silver, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open silver tags: %w", err)
	}
	defer f.Close()
	var r *bufio.Reader
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		defer zr.Close()
		r = bufio.NewReaderSize(zr, 1<<20)
	} else {
		r = bufio.NewReaderSize(f, 1<<20)
	}
	out := map[string][]pos.Silver{}
	for line := 1; ; line++ {
		b, err := r.ReadBytes('\n')
		if len(b) > 0 {
			var rec struct {
				ID        string                `json:"id"`
				Sentences [][][]json.RawMessage `json:"sentences"`
			}
			if err := json.Unmarshal(b, &rec); err != nil {
				return nil, fmt.Errorf("%s line %d: %w", path, line, err)
			}
			var toks []pos.Silver
			for _, s := range rec.Sentences {
				for _, t := range s {
					if len(t) < 5 {
						continue
					}
					var st pos.Silver
					if json.Unmarshal(t[0], &st.Start) != nil || json.Unmarshal(t[1], &st.End) != nil || json.Unmarshal(t[4], &st.POS) != nil {
						return nil, fmt.Errorf("%s line %d: bad token", path, line)
					}
					if len(t) > 5 && json.Unmarshal(t[5], &st.NER) != nil {
						return nil, fmt.Errorf("%s line %d: bad NER tag", path, line)
					}
					toks = append(toks, st)
				}
			}
			sort.Slice(toks, func(i, j int) bool { return toks[i].Start < toks[j].Start })
			out[rec.ID] = toks
		}
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
	}
}

// POSExamples segments the articles of a PolNeAR text file and aligns
// them with silver part-of-speech tags.
func POSExamples(textPath, silverPath string, limit int) ([]pos.Example, error) {
	return silverExamples(textPath, silverPath, limit, func(s pos.Silver) string { return s.POS })
}

// NERExamples segments the articles of a PolNeAR text file and aligns
// them with silver named-entity classes, folded to PERSON, ORGANIZATION,
// LOCATION (CoreNLP's LOCATION, CITY, COUNTRY, STATE_OR_PROVINCE) and O.
func NERExamples(textPath, silverPath string, limit int) ([]pos.Example, error) {
	return silverExamples(textPath, silverPath, limit, func(s pos.Silver) string { return NERClass(s.NER) })
}

// NERClass folds a CoreNLP named-entity class to the three quotewire
// entity types and O.
func NERClass(c string) string {
	switch c {
	case "PERSON", "ORGANIZATION":
		return c
	case "LOCATION", "CITY", "COUNTRY", "STATE_OR_PROVINCE":
		return "LOCATION"
	case "":
		return ""
	}
	return "O"
}

func silverExamples(textPath, silverPath string, limit int, field func(pos.Silver) string) ([]pos.Example, error) {
	silver, err := ReadSilver(silverPath)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(textPath)
	if err != nil {
		return nil, fmt.Errorf("open articles: %w", err)
	}
	defer f.Close()
	var exs []pos.Example
	stop := errors.New("limit reached")
	err = eval.ReadGold(f, textPath, func(g eval.GoldArticle) error {
		if limit > 0 && len(exs) >= limit {
			return stop
		}
		sv, ok := silver[g.ID]
		if !ok || quotewire.Check(g.Text) != nil {
			return nil
		}
		d := quotewire.NewDocument(quotewire.Article{ID: g.ID, Text: g.Text})
		if err := (text.Segmenter{}).Process(d); err != nil {
			return err
		}
		exs = append(exs, pos.Example{Tokens: d.Tokens, Tags: pos.AlignBy(d, sv, field)})
		return nil
	})
	if err != nil && !errors.Is(err, stop) {
		return nil, err
	}
	return exs, nil
}
