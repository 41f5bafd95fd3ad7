package quotewire

import (
	"errors"
	"testing"
)

func TestValidDate(t *testing.T) {
	for d, want := range map[string]bool{"2020": true, "2020-02": true, "2020-02-29": true, "2019-02-29": false, "2000-02-29": true,
		"1900-02-29": false, "2020-02-30": false, "2020-13": false, "2020-00": false, "2020-04-31": false, "2020-12-31": true,
		"20-1-1": false, "2020/01/01": false, "": false, "2020-01-00": false} {
		if got := ValidDate(d); got != want {
			t.Errorf("ValidDate(%q) = %v, want %v", d, got, want)
		}
	}
}

func TestQueryCheck(t *testing.T) {
	tests := []struct {
		q     Query
		param string
	}{
		{Query{}, ""},
		{Query{From: "2020-01", To: "2020-01-31", Limit: 50, MinConfidence: 0.5}, ""},
		{Query{From: "2020-01", To: "2020"}, ""}, // a month within the year
		{Query{From: "2020-13"}, "from"},
		{Query{To: "2020-02-30"}, "to"},
		{Query{From: "2021", To: "2020"}, "from"},
		{Query{Limit: -5}, "limit"},
		{Query{Limit: MaxLimit + 1}, "limit"},
		{Query{MinConfidence: 5}, "min_confidence"},
		{Query{MinConfidence: -0.1}, "min_confidence"},
		{Query{Offset: -1}, "offset"},
	}
	for _, tt := range tests {
		err := tt.q.Check()
		pe, ok := AsParamError(err)
		switch {
		case tt.param == "" && err != nil:
			t.Errorf("%+v: %v", tt.q, err)
		case tt.param != "" && (!ok || pe.Param != tt.param || !errors.Is(err, ErrBadQuery)):
			t.Errorf("%+v: %v, want a bad %s", tt.q, err, tt.param)
		}
	}
	err := Query{To: "2020-02-30"}.Check()
	pe, _ := AsParamError(err)
	if got := pe.Message("--to"); got != "--to \"2020-02-30\": that day is not in the calendar; write a date as YYYY-MM-DD (a year YYYY or a month YYYY-MM also works)" {
		t.Errorf("message %q", got)
	}
}
