package sqlite

import (
	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/pack"
)

// The analysis column holds zstd-compressed JSON without the article's
// text (about a fifth of the size); rows written as plain JSON are read
// too. The encoding is shared with the other backends (package pack).

// packAnalysis encodes an analysis for the articles table (pack.Analysis).
func packAnalysis(a *quotewire.Analysis) ([]byte, error) { return pack.Analysis(a) }

// unpackAnalysis decodes what packAnalysis wrote and puts the text back
// (pack.Unpack).
func unpackAnalysis(data []byte, text string) (*quotewire.Analysis, error) {
	return pack.Unpack(data, text)
}
