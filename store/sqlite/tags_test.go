package sqlite

import "testing"

func TestMonthTags(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"2019", "2019", "y2019"},
		{"2019-01-01", "2019-12-31", "y2019"},
		{"2019-11", "2020-02", "(m201911 OR m201912 OR m202001 OR m202002)"},
		{"2018-06-15", "2020", "(m201806 OR m201807 OR m201808 OR m201809 OR m201810 OR m201811 OR m201812 OR y2019 OR y2020)"},
		{"2019-05", "2019-05", "m201905"},
		{"2019", "", ""},
		{"", "2019", ""},
		{"2020", "2019", ""},
		{"1900", "2100", ""}, // too many tokens: the day check alone
	}
	for _, tt := range tests {
		if got := monthTags(tt.from, tt.to); got != tt.want {
			t.Errorf("monthTags(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestQuoteTags(t *testing.T) {
	if got := quoteTags(12, "tass.com", "2017-10-04"); got != "s12 "+outletTag("tass.com")+" y2017 m201710" {
		t.Errorf("quoteTags = %q", got)
	}
	if got := quoteTags(0, "", ""); got != "" {
		t.Errorf("quoteTags of nothing = %q", got)
	}
}
