// Package models holds quotewire's trained models, embedded in the binary
// so that nothing is downloaded at run time: attrib.model, the attribution
// model (package attrib/model), as written by
//
//	quotewire train --out models
//
// from PolNeAR train, deterministically: the test in package train checks
// that training reproduces this file byte for byte.
package models

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"

	"github.com/quotewire/quotewire/attrib/model"
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
