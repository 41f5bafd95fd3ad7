package warc

import (
	"errors"
	"io"
	"runtime"
	"testing"

	"github.com/quotewire/quotewire"
)

// repeatReader yields data over and over until n bytes have been read.
type repeatReader struct {
	data []byte
	off  int
	left int64
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.left <= 0 {
		return 0, io.EOF
	}
	if r.off == len(r.data) {
		r.off = 0
	}
	n := copy(p, r.data[r.off:])
	if int64(n) > r.left {
		n = int(r.left)
	}
	r.off += n
	r.left -= int64(n)
	return n, nil
}

// peakHeap streams size bytes of CC-NEWS-like WARC through a Reader and
// returns the articles read and the peak heap in use.
func peakHeap(t *testing.T, size int64) (int, uint64) {
	one := benchWARC(40)
	r := NewReader(&repeatReader{data: one, left: size}, "big.warc", Options{})
	var peak uint64
	var ms runtime.MemStats
	n := 0
	for {
		_, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var re *quotewire.RecordError
		if errors.As(err, &re) {
			continue // the cut at the end of a repetition
		}
		if err != nil {
			t.Fatal(err)
		}
		n++
		if n%50 == 0 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
	}
	return n, peak
}

// TestMemoryBounded streams 12 MB and then 36 MB of generated WARC
// through the reader: the heap must not grow with the input (the reader
// holds one record at a time), so a multi-GB crawl fits in the same
// memory.
func TestMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: reads 48 MB of generated WARC")
	}
	n1, small := peakHeap(t, 12<<20)
	n2, large := peakHeap(t, 36<<20)
	t.Logf("12 MB: %d articles, peak heap %.1f MB; 36 MB: %d articles, peak heap %.1f MB", n1, float64(small)/(1<<20), n2, float64(large)/(1<<20))
	if n2 < 2*n1 {
		t.Errorf("articles read: %d then %d", n1, n2)
	}
	if large > small+small/2+8<<20 {
		t.Errorf("heap grew with the input: %.1f MB for 12 MB, %.1f MB for 36 MB", float64(small)/(1<<20), float64(large)/(1<<20))
	}
}
