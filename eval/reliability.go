package eval

import (
	"fmt"
	"io"
	"math"
	"sort"
	"text/tabwriter"
)

// Reliability checks whether confidences are calibrated: quotes given
// confidence p should be right about p of the time. A prediction is right
// when it matches a gold attribution with the right source (what the
// attribution figure counts).
type Reliability struct {
	bins map[int]*relBin // by confidence in hundredths
}

type relBin struct {
	n, right int
	sum      float64
}

// Add records one article's predictions and their confidences.
func (r *Reliability) Add(g GoldArticle, preds []Prediction, meta []Meta) {
	if r.bins == nil {
		r.bins = map[int]*relBin{}
	}
	s := Compare(g, preds)
	right := make(map[int]bool, len(s.Pairs))
	for _, p := range s.Pairs {
		if p.Attribution {
			right[p.Pred] = true
		}
	}
	for _, p := range s.Kept {
		c := meta[p].Confidence
		k := int(math.Round(c * 100))
		b := r.bins[k]
		if b == nil {
			b = &relBin{}
			r.bins[k] = b
		}
		b.n++
		b.sum += c
		if right[p] {
			b.right++
		}
	}
}

// ECE returns the expected calibration error: the mean gap between
// confidence and accuracy, weighted by the number of quotes.
func (r *Reliability) ECE() float64 {
	n, gap := 0, 0.0
	for _, b := range r.bins {
		n += b.n
		gap += math.Abs(b.sum/float64(b.n)-float64(b.right)/float64(b.n)) * float64(b.n)
	}
	if n == 0 {
		return 0
	}
	return gap / float64(n)
}

// WriteText prints one row per confidence value (in hundredths): how many
// quotes had it and how many of them were right.
func (r *Reliability) WriteText(w io.Writer) error {
	keys := make([]int, 0, len(r.bins))
	for k := range r.bins {
		keys = append(keys, k)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(keys)))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "confidence	quotes	right	share right	")
	for _, k := range keys {
		b := r.bins[k]
		fmt.Fprintf(tw, "%.2f\t%d\t%d\t%.3f\t\n", b.sum/float64(b.n), b.n, b.right, float64(b.right)/float64(b.n))
	}
	fmt.Fprintf(tw, "expected calibration error\t\t\t%.3f\t\n", r.ECE())
	return tw.Flush()
}
