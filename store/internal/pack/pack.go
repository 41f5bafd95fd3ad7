// Package pack encodes an analysis for a store's articles table, the same
// way for every backend: JSON without the article text (which has its own
// column) and without the text of each span (the offsets give it back),
// compressed with zstd to about a fifth of its size.
package pack

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/klauspost/compress/zstd"

	"github.com/quotewire/quotewire"
)

// The encoder and decoder are safe for concurrent use through EncodeAll
// and DecodeAll.
var (
	zenc, _ = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1))
	zdec, _ = zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(256<<20))
	zmagic  = []byte{0x28, 0xb5, 0x2f, 0xfd}
)

// Analysis encodes a for storage: without its text and the text of its
// spans, compressed. a is not modified.
func Analysis(a *quotewire.Analysis) ([]byte, error) {
	c := *a
	c.Text = ""
	c.Quotes = make([]quotewire.QuoteOut, len(a.Quotes))
	for i, q := range a.Quotes {
		q.Content.Text = ""
		if q.Cue != nil {
			cue := *q.Cue
			cue.Text = ""
			q.Cue = &cue
		}
		if q.Source != nil {
			src := *q.Source
			src.Text = ""
			q.Source = &src
		}
		c.Quotes[i] = q
	}
	c.Entities = make([]quotewire.EntityOut, len(a.Entities))
	for i, e := range a.Entities {
		ms := make([]quotewire.TextSpan, len(e.Mentions))
		for j, m := range e.Mentions {
			ms[j] = quotewire.TextSpan{Start: m.Start, End: m.End}
		}
		e.Mentions = ms
		c.Entities[i] = e
	}
	js, err := json.Marshal(&c)
	if err != nil {
		return nil, err
	}
	return zenc.EncodeAll(js, make([]byte, 0, len(js)/4)), nil
}

// Unpack decodes what Analysis wrote (or plain JSON, as early stores
// held) and puts the text back: the article's and, from their offsets,
// each span's. Spans that do not fit the text (a damaged row) are left
// without text.
func Unpack(data []byte, text string) (*quotewire.Analysis, error) {
	if bytes.HasPrefix(data, zmagic) {
		var err error
		if data, err = zdec.DecodeAll(data, nil); err != nil {
			return nil, fmt.Errorf("decompress: %w", err)
		}
	}
	var a quotewire.Analysis
	if err := json.Unmarshal(data, &a); err != nil {
		return nil, err
	}
	a.Text = text
	fill := func(start, end int) string {
		if start < 0 || end > len(text) || start > end {
			return ""
		}
		return text[start:end]
	}
	for i := range a.Quotes {
		q := &a.Quotes[i]
		q.Content.Text = fill(q.Content.Start, q.Content.End)
		if q.Cue != nil {
			q.Cue.Text = fill(q.Cue.Start, q.Cue.End)
		}
		if q.Source != nil {
			q.Source.Text = fill(q.Source.Start, q.Source.End)
		}
	}
	for i := range a.Entities {
		for j := range a.Entities[i].Mentions {
			m := &a.Entities[i].Mentions[j]
			m.Text = fill(m.Start, m.End)
		}
	}
	return &a, nil
}
