package ui

import (
	"strconv"
	"time"

	"github.com/quotewire/quotewire"
)

// The chart's geometry, in SVG user units: the picture scales to its box.
const (
	chartWidth  = 480
	chartHeight = 170
	plotLeft    = 34  // room for the count labels
	plotRight   = 474 // chartWidth less a margin
	plotTop     = 8
	plotBottom  = 146 // the baseline; period labels go below it
	maxTicks    = 6
	// maxBars caps the periods a chart fills in: a longer range shows
	// only the periods with quotes.
	maxBars = 600
)

// chart is a timeline drawn as bars, computed here so the template only
// places numbers.
type chart struct {
	Period  string
	Buckets []quotewire.Bucket
	Bars    []bar
	Ticks   []tick
	Max     int
	Total   int
	// Width and Height are the viewBox's; Left, Right, Top and Bottom the
	// plot's edges.
	Width, Height, Left, Right, Top, Bottom int
	MaxY                                    string
}

// bar is one period's bar.
type bar struct {
	Period     string
	Quotes     int
	X, Y, W, H string
}

// tick labels a period under the baseline.
type tick struct {
	X, Label string
}

// newChart draws buckets (in order, as Store.Timeline gives them),
// filling in the empty periods between them.
func newChart(buckets []quotewire.Bucket, period string) chart {
	c := chart{Period: period, Width: chartWidth, Height: chartHeight, Left: plotLeft, Right: plotRight,
		Top: plotTop, Bottom: plotBottom}
	all := fillPeriods(buckets, period)
	c.Buckets = buckets
	if len(all) == 0 {
		return c
	}
	for _, b := range all {
		c.Max = max(c.Max, b.Quotes)
		c.Total += b.Quotes
	}
	step := float64(plotRight-plotLeft) / float64(len(all))
	gap := step * 0.15
	if step < 3 {
		gap = 0
	}
	for i, b := range all {
		x := plotLeft + float64(i)*step
		if b.Quotes > 0 {
			h := float64(plotBottom-plotTop) * float64(b.Quotes) / float64(c.Max)
			c.Bars = append(c.Bars, bar{Period: b.Period, Quotes: b.Quotes,
				X: num(x + gap/2), Y: num(plotBottom - h), W: num(step - gap), H: num(h)})
		}
	}
	every := (len(all) + maxTicks - 1) / maxTicks
	for i := 0; i < len(all); i += every {
		c.Ticks = append(c.Ticks, tick{X: num(plotLeft + (float64(i)+0.5)*step), Label: all[i].Period})
	}
	c.MaxY = strconv.Itoa(c.Max)
	return c
}

// num formats a coordinate with one decimal.
func num(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

// fillPeriods returns buckets with the periods between them that have no
// quotes added as zeros, or buckets as they are when the periods do not
// parse or would be more than maxBars.
func fillPeriods(buckets []quotewire.Bucket, period string) []quotewire.Bucket {
	if len(buckets) < 2 {
		return buckets
	}
	var layout string
	next := func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }
	switch period {
	case "month":
		layout = "2006-01"
	case "year":
		layout = "2006"
		next = func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }
	case "week":
		layout = "2006-01-02"
		next = func(t time.Time) time.Time { return t.AddDate(0, 0, 7) }
	default:
		return buckets
	}
	first, err1 := time.Parse(layout, buckets[0].Period)
	last, err2 := time.Parse(layout, buckets[len(buckets)-1].Period)
	if err1 != nil || err2 != nil || last.Before(first) {
		return buckets
	}
	have := make(map[string]int, len(buckets))
	for _, b := range buckets {
		have[b.Period] = b.Quotes
	}
	var out []quotewire.Bucket
	for t := first; !t.After(last); t = next(t) {
		if len(out) == maxBars {
			return buckets
		}
		p := t.Format(layout)
		out = append(out, quotewire.Bucket{Period: p, Quotes: have[p]})
		delete(have, p)
	}
	if len(have) > 0 {
		return buckets // a period off the grid: show what the store said
	}
	return out
}
