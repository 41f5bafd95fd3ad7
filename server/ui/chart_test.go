package ui

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/quotewire/quotewire"
)

func buckets(pairs ...any) []quotewire.Bucket {
	var out []quotewire.Bucket
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, quotewire.Bucket{Period: pairs[i].(string), Quotes: pairs[i+1].(int)})
	}
	return out
}

func TestFillPeriods(t *testing.T) {
	tests := []struct {
		name   string
		in     []quotewire.Bucket
		period string
		want   []quotewire.Bucket
	}{
		{"none", nil, "month", nil},
		{"one", buckets("2019-05", 3), "month", buckets("2019-05", 3)},
		{"months across a year", buckets("2019-11", 1, "2020-02", 2), "month",
			buckets("2019-11", 1, "2019-12", 0, "2020-01", 0, "2020-02", 2)},
		{"years", buckets("2017", 4, "2019", 1), "year", buckets("2017", 4, "2018", 0, "2019", 1)},
		{"weeks", buckets("2019-12-23", 1, "2020-01-06", 5), "week", buckets("2019-12-23", 1, "2019-12-30", 0, "2020-01-06", 5)},
		{"off the grid stays", buckets("2019-12-23", 1, "2019-12-25", 5), "week", buckets("2019-12-23", 1, "2019-12-25", 5)},
		{"bad period stays", buckets("x", 1, "y", 2), "month", buckets("x", 1, "y", 2)},
		{"too long stays", buckets("1900-01", 1, "2020-01", 2), "month", buckets("1900-01", 1, "2020-01", 2)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fillPeriods(tt.in, tt.period)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("fillPeriods = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestNewChart(t *testing.T) {
	c := newChart(buckets("2019-01", 2, "2019-03", 4), "month")
	if c.Max != 4 || c.Total != 6 || len(c.Bars) != 2 || len(c.Ticks) != 3 {
		t.Fatalf("chart = %+v", c)
	}
	for _, b := range c.Bars {
		x, _ := strconv.ParseFloat(b.X, 64)
		y, _ := strconv.ParseFloat(b.Y, 64)
		w, _ := strconv.ParseFloat(b.W, 64)
		h, _ := strconv.ParseFloat(b.H, 64)
		if x < plotLeft || x+w > plotRight+0.1 || y < plotTop-0.1 || y+h > plotBottom+0.1 || w <= 0 || h <= 0 {
			t.Errorf("bar %+v is outside the plot", b)
		}
	}
	if c.Bars[1].H != strconv.Itoa(plotBottom-plotTop)+".0" {
		t.Errorf("the tallest bar is %s high, want the plot's height", c.Bars[1].H)
	}
	if empty := newChart(nil, "month"); len(empty.Bars) != 0 || empty.Max != 0 {
		t.Errorf("empty chart = %+v", empty)
	}
	many := newChart(fillPeriods(buckets("2000-01", 1, "2020-12", 1), "month"), "month")
	if len(many.Ticks) > maxTicks {
		t.Errorf("%d ticks, at most %d", len(many.Ticks), maxTicks)
	}
}
