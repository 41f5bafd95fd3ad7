package scan

import (
	"errors"
	"testing"

	"github.com/quotewire/quotewire"
)

type fakeRows struct {
	rows    [][3]any
	i       int
	scanErr error
	err     error
}

func (f *fakeRows) Next() bool { f.i++; return f.i <= len(f.rows) }
func (f *fakeRows) Err() error { return f.err }
func (f *fakeRows) Scan(dest ...any) error {
	if f.scanErr != nil {
		return f.scanErr
	}
	r := f.rows[f.i-1]
	*dest[0].(*int64), *dest[1].(*string), *dest[2].(*int) = r[0].(int64), r[1].(string), r[2].(int)
	return nil
}

func TestSpeakerCounts(t *testing.T) {
	got, err := SpeakerCounts(&fakeRows{rows: [][3]any{{int64(4), "Sergey Lavrov", 10}, {int64(9), "Zara Kay", 3}}}, []quotewire.SpeakerCount{})
	if err != nil || len(got) != 2 || got[0] != (quotewire.SpeakerCount{ID: 4, Name: "Sergey Lavrov", Quotes: 10}) || got[1].Name != "Zara Kay" {
		t.Fatalf("got %+v, %v", got, err)
	}
	bad := errors.New("bad row")
	if _, err := SpeakerCounts(&fakeRows{rows: [][3]any{{int64(1), "x", 1}}, scanErr: bad}, nil); !errors.Is(err, bad) {
		t.Errorf("scan error %v, want %v", err, bad)
	}
	if _, err := SpeakerCounts(&fakeRows{err: bad}, nil); !errors.Is(err, bad) {
		t.Errorf("rows error %v, want %v", err, bad)
	}
}
