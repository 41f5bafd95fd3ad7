package sqlite

import (
	"path/filepath"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) quotewire.Store {
		s, err := Open(filepath.Join(t.TempDir(), "test.db"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}
