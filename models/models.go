// Package models holds quotewire's trained models, embedded in the binary
// so that nothing is downloaded at run time: attrib.model, the attribution
// model (package attrib/model), and coref.model, the antecedent ranker
// (package coref), as written by
//
//	quotewire train --out models
//
// from PolNeAR train, deterministically: the test in package train checks
// that training reproduces these files byte for byte.
package models

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"

	"github.com/quotewire/quotewire/attrib/model"
	"github.com/quotewire/quotewire/coref"
)

//go:embed attrib.model
var attribModel []byte

var (
	attribOnce   sync.Once
	attribTagger *model.Tagger
	attribErr    error
)

// Attrib returns the embedded attribution model, loaded on first use and
// shared: a Tagger is safe for concurrent use.
func Attrib() (*model.Tagger, error) {
	attribOnce.Do(func() {
		attribTagger, attribErr = model.Load(bytes.NewReader(attribModel))
		if attribErr != nil {
			attribErr = fmt.Errorf("embedded attribution model: %w", attribErr)
		}
	})
	return attribTagger, attribErr
}

// AttribBytes returns the embedded attribution model file, for comparing
// with a freshly trained one.
func AttribBytes() []byte { return attribModel }

//go:embed coref.model
var corefModel []byte

// Coref returns the embedded antecedent ranker, loaded on first use and
// shared: a Ranker is safe for concurrent use.
var Coref = sync.OnceValues(func() (*coref.Ranker, error) {
	rk, err := coref.LoadRanker(bytes.NewReader(corefModel))
	if err != nil {
		return nil, fmt.Errorf("embedded coreference ranker: %w", err)
	}
	return rk, nil
})

// CorefBytes returns the embedded ranker file, for comparing with a
// freshly trained one.
func CorefBytes() []byte { return corefModel }
