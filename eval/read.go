package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/quotewire/quotewire"
)

// MaxLineBytes is the longest line ReadGold and ReadPredictions accept.
const MaxLineBytes = 64 << 20

// scanLines splits like Python's text files in universal-newline mode,
// which is how the script reads: a line ends at "\n", "\r\n" or a lone
// "\r". The line terminator is dropped.
func scanLines(data []byte, atEOF bool) (int, []byte, error) {
	if atEOF && len(data) == 0 {
		return 0, nil, nil
	}
	end := bytes.IndexByte(data, '\n')
	search := data
	if end >= 0 {
		search = data[:end]
	}
	if cr := bytes.IndexByte(search, '\r'); cr >= 0 {
		switch {
		case cr+1 < len(data) && data[cr+1] == '\n':
			return cr + 2, data[:cr], nil
		case cr+1 < len(data) || atEOF:
			return cr + 1, data[:cr], nil
		}
		return 0, nil, nil // a "\n" may follow
	}
	if end >= 0 {
		return end + 1, data[:end], nil
	}
	if atEOF {
		return len(data), data, nil
	}
	return 0, nil, nil
}

// eachLine calls fn with each line of r and its 1-based number, and wraps
// every error with name and the line number.
func eachLine(r io.Reader, name string, fn func(line []byte) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxLineBytes)
	sc.Split(scanLines)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Bytes()
		if !utf8.Valid(line) {
			return fmt.Errorf("%s line %d: invalid UTF-8", name, n)
		}
		if err := fn(line); err != nil {
			return fmt.Errorf("%s line %d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return fmt.Errorf("%s line %d: longer than %d bytes: %w", name, n+1, MaxLineBytes, err)
		}
		return fmt.Errorf("%s after line %d: %w", name, n, err)
	}
	return nil
}

// ReadGold reads gold articles in PolNeAR-style JSON Lines from r and
// calls fn with each, in order, without holding more than one in memory.
// name (usually the file name) prefixes every error, with the line number.
//
// Each line is an object with a string "id", a string "text" and a list
// "attributions" of objects whose "content", "cue" and "source" are span
// lists in any form ReadPredictions accepts; other keys are ignored. Like
// the script, ReadGold rejects empty lines and invalid UTF-8, and splits
// lines at "\n", "\r\n" and "\r". Unlike the script, it rejects an id that
// is not a string (the script would count such an article as having no
// prediction). Reading stops at the first error, fn's included.
//
// The JSON is decoded by encoding/json, which differs from Python's json
// only on input the script mishandles or that no JSON encoder writes: it
// rejects NaN and Infinity, and decodes an unpaired surrogate escape
// ("\ud800") to U+FFFD, where Python keeps a surrogate the script then
// fails to encode.
func ReadGold(r io.Reader, name string, fn func(GoldArticle) error) error {
	return eachLine(r, name, func(line []byte) error {
		if len(bytes.TrimSpace(line)) == 0 {
			return errors.New("empty line")
		}
		g, err := parseGold(line)
		if err != nil {
			return err
		}
		return fn(g)
	})
}

func parseGold(line []byte) (GoldArticle, error) {
	var g GoldArticle
	o, err := decodeObject(line)
	if err != nil {
		return g, err
	}
	for _, key := range [...]string{"id", "text", "attributions"} {
		if _, ok := o[key]; !ok {
			return g, fmt.Errorf("no %q", key)
		}
	}
	if k := kind(o["id"]); k != '"' {
		return g, fmt.Errorf("id is %s, not a string", describe(k))
	}
	if k := kind(o["text"]); k != '"' {
		return g, fmt.Errorf("text is %s, not a string", describe(k))
	}
	if err := json.Unmarshal(o["id"], &g.ID); err != nil {
		return g, fmt.Errorf("id: %w", err)
	}
	if err := json.Unmarshal(o["text"], &g.Text); err != nil {
		return g, fmt.Errorf("text: %w", err)
	}
	// The script iterates over attributions: an empty string or object
	// gives nothing, a list gives its elements.
	var attrs []json.RawMessage
	switch raw := o["attributions"]; kind(raw) {
	case '[':
		if attrs, err = decodeArray(raw); err != nil {
			return g, fmt.Errorf("attributions: %w", err)
		}
	case '"', '{':
		if ok, err := truthy(raw); err != nil || ok {
			return g, fmt.Errorf("attributions is %s, not a list", describe(kind(raw)))
		}
	default:
		return g, fmt.Errorf("attributions is %s, not a list", describe(kind(raw)))
	}
	g.Attributions = make([]Attribution, len(attrs))
	for i, raw := range attrs {
		c, cue, src, err := parseTriple(raw)
		if err != nil {
			return g, fmt.Errorf("attribution %d: %w", i, err)
		}
		g.Attributions[i] = Attribution{Content: c, Cue: cue, Source: src}
	}
	return g, nil
}

// parseTriple decodes the content, cue and source span lists of an object.
func parseTriple(raw json.RawMessage) (content, cue, source []quotewire.Span, err error) {
	o, err := decodeObject(raw)
	if err != nil {
		return nil, nil, nil, err
	}
	if content, err = spans(o["content"]); err != nil {
		return nil, nil, nil, fmt.Errorf("content: %w", err)
	}
	if cue, err = spans(o["cue"]); err != nil {
		return nil, nil, nil, fmt.Errorf("cue: %w", err)
	}
	if source, err = spans(o["source"]); err != nil {
		return nil, nil, nil, fmt.Errorf("source: %w", err)
	}
	return content, cue, source, nil
}

// ReadPredictions reads the script's PRED format from r: JSON Lines, each
// an object {"id": .., "quotes": [{"content": X, "cue": X, "source": X}]}
// where X is a span list: [[s,e],..], {"start":s,"end":e} (with optional
// "parts", a list of such objects, taking the place of start and end when
// non-empty), a list mixing both, or null. The JSON lines of
// quotewire.Analysis are in this format. name prefixes every error, with
// the line number.
//
// The result maps each id to its predictions; an id with "quotes" null or
// empty maps to an empty, non-nil slice, which differs from an absent id
// (see Scorer.AddMissing). As in the script, blank lines are skipped, a
// later line with the same id replaces an earlier one, and ids are
// converted with Python's str(), so 7 matches the gold id "7" and a
// missing id is "None". Lines whose id is an array or an object are
// skipped (they cannot match any gold id the script would read).
//
// The script checks the quotes of an id only when a gold article asks for
// it; ReadPredictions checks them all and fails on any malformed one. See
// ReadGold on the JSON dialect.
func ReadPredictions(r io.Reader, name string) (map[string][]Prediction, error) {
	out := make(map[string][]Prediction)
	err := eachLine(r, name, func(line []byte) error {
		if strings.TrimFunc(string(line), pyIsSpace) == "" {
			return nil
		}
		o, err := decodeObject(line)
		if err != nil {
			return err
		}
		id, ok, err := pyStr(o["id"])
		if err != nil {
			return fmt.Errorf("id: %w", err)
		}
		preds, err := parseQuotes(o["quotes"])
		if err != nil {
			return err
		}
		if ok {
			out[id] = preds
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// parseQuotes decodes the "quotes" of a PRED line (r.get("quotes") or []).
func parseQuotes(raw json.RawMessage) ([]Prediction, error) {
	ok, err := truthy(raw)
	if err != nil {
		return nil, fmt.Errorf("quotes: %w", err)
	}
	if !ok {
		return []Prediction{}, nil
	}
	if k := kind(raw); k != '[' {
		return nil, fmt.Errorf("quotes is %s, not a list", describe(k))
	}
	qs, err := decodeArray(raw)
	if err != nil {
		return nil, fmt.Errorf("quotes: %w", err)
	}
	preds := make([]Prediction, len(qs))
	for i, q := range qs {
		c, cue, src, err := parseTriple(q)
		if err != nil {
			return nil, fmt.Errorf("quote %d: %w", i, err)
		}
		preds[i] = Prediction{Content: c, Cue: cue, Source: src}
	}
	return preds, nil
}

// PredictionsFromAnalysis returns the quotes of a as predictions: the
// content is its parts when it has any and its start and end otherwise;
// the cue and the source are one span each, or none when absent. It gives
// what the script reads from a's JSON encoding.
func PredictionsFromAnalysis(a *quotewire.Analysis) []Prediction {
	out := make([]Prediction, len(a.Quotes))
	for i := range a.Quotes {
		q := &a.Quotes[i]
		p := &out[i]
		if len(q.Content.Parts) > 0 {
			p.Content = append([]quotewire.Span(nil), q.Content.Parts...)
		} else {
			p.Content = []quotewire.Span{{Start: q.Content.Start, End: q.Content.End}}
		}
		if q.Cue != nil {
			p.Cue = []quotewire.Span{{Start: q.Cue.Start, End: q.Cue.End}}
		}
		if q.Source != nil {
			p.Source = []quotewire.Span{{Start: q.Source.Start, End: q.Source.End}}
		}
	}
	return out
}

// Score scores every gold article read from gold (see ReadGold) against
// preds, as read by ReadPredictions: a gold id absent from preds counts
// as an article without prediction. On error it returns the counts of the
// articles before the bad line, and the error.
func Score(gold io.Reader, goldName string, preds map[string][]Prediction) (Counts, error) {
	var s Scorer
	err := ReadGold(gold, goldName, func(g GoldArticle) error {
		if p, ok := preds[g.ID]; ok {
			s.Add(g, p)
		} else {
			s.AddMissing(g)
		}
		return nil
	})
	return s.Counts(), err
}

// ScoreFiles does what the script does with its two file arguments: it
// reads the predictions at predPath, then scores the gold articles at
// goldPath against them. Call Result on the counts for the figures.
func ScoreFiles(goldPath, predPath string) (Counts, error) {
	pf, err := os.Open(predPath)
	if err != nil {
		return Counts{}, err
	}
	preds, err := ReadPredictions(pf, predPath)
	pf.Close()
	if err != nil {
		return Counts{}, err
	}
	gf, err := os.Open(goldPath)
	if err != nil {
		return Counts{}, err
	}
	defer gf.Close()
	return Score(gf, goldPath, preds)
}

// PolNeARPredictions converts a to predictions in PolNeAR's convention,
// where a quotation that goes on after its attribution ("A," he said. "B.")
// or in the next paragraphs is one attribution with several content
// pieces. quotewire reports such a continuation as a quote of its own with
// no cue and no source, attributed to the same speaker; here it is folded
// into the quote it continues. Every other quote converts as in
// PredictionsFromAnalysis.
func PolNeARPredictions(a *quotewire.Analysis) []Prediction {
	all := PredictionsFromAnalysis(a)
	out := make([]Prediction, 0, len(all))
	for i := range a.Quotes {
		if q := &a.Quotes[i]; q.ViaSource != nil {
			// a relayed report is, in PolNeAR, the relay's attribution of
			// the whole clause ("Guardian Media reports that [Griffith
			// called the situation …]")
			p := &all[i]
			start := q.Content.Start
			if q.Source != nil && q.Source.Start < start {
				start = q.Source.Start
			}
			p.Content = []quotewire.Span{{Start: start, End: q.Content.End}}
			p.Source = []quotewire.Span{{Start: q.ViaSource.Start, End: q.ViaSource.End}}
			p.Cue = nil
		}
		if continues(a, i) && len(out) > 0 {
			last := &out[len(out)-1]
			last.Content = append(last.Content, all[i].Content...)
			continue
		}
		out = append(out, all[i])
	}
	return out
}

// continues reports whether quote i of a continues quote i-1 in PolNeAR's
// convention: a direct quote with no cue or source of its own, attributed
// to the same speaker.
func continues(a *quotewire.Analysis, i int) bool {
	if i == 0 {
		return false
	}
	q, prev := &a.Quotes[i], &a.Quotes[i-1]
	if q.Continued && q.Cue == nil && q.Source == nil {
		return true // a later paragraph of one quote (attrib.SplitParagraphs)
	}
	return q.Cue == nil && q.Source == nil && q.Speaker != nil && q.Type == quotewire.Direct &&
		prev.Speaker != nil && prev.Speaker.ID == q.Speaker.ID
}
