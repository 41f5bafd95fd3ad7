package models

import (
	"testing"

	"github.com/quotewire/quotewire/attrib/model"
)

func TestAttribLoads(t *testing.T) {
	tg, err := Attrib()
	if err != nil {
		t.Fatal(err)
	}
	if tg.M.Len() == 0 || tg.M.Classes != int(model.NumLabels) {
		t.Fatalf("embedded model: %d features, %d classes", tg.M.Len(), tg.M.Classes)
	}
	again, _ := Attrib()
	if again != tg {
		t.Error("the embedded model was loaded twice")
	}
	if len(AttribBytes()) > 50<<20 {
		t.Errorf("embedded models take %d bytes, budget 50 MB", len(AttribBytes()))
	}
}
