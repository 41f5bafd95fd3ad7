package quotewire

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestParseActs(t *testing.T) {
	tests := []struct {
		in   string
		want []Act // nil: every act
	}{
		{"", []Act{Statement}},
		{"  ", []Act{Statement}},
		{"statement", []Act{Statement}},
		{"statement,belief", []Act{Statement, Belief}},
		{"belief,statement", []Act{Belief, Statement}},
		{" Statement , BELIEF ", []Act{Statement, Belief}},
		{"beliefs,questions", []Act{Belief, Question}},
		{"question,question", []Act{Question}},
		{"statement,question,directive,belief,evaluation,other", AllActs},
		{"others", []Act{OtherAct}},
		{"all", nil},
		{"ALL", nil},
		{"statement,all", nil},
	}
	for _, tt := range tests {
		got, err := ParseActs(tt.in)
		if err != nil {
			t.Errorf("ParseActs(%q): %v", tt.in, err)
			continue
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) || (got == nil) != (tt.want == nil) {
			t.Errorf("ParseActs(%q) = %#v, want %#v", tt.in, got, tt.want)
		}
	}
}

func TestParseActsErrors(t *testing.T) {
	tests := []struct{ in, say string }{
		{"bogus", `unknown act "bogus"`},
		{"statement,opinion", `unknown act "opinion"`},
		{"statement,", "empty"},
		{",", "empty"},
		{"statements,belief,,", "empty"},
		{"s", `unknown act "s"`},
		{"statementss", `unknown act "statementss"`},
		{"all,bogus", `unknown act "bogus"`},
	}
	for _, tt := range tests {
		got, err := ParseActs(tt.in)
		if !errors.Is(err, ErrBadQuery) {
			t.Errorf("ParseActs(%q) = %v, %v; want an error wrapping ErrBadQuery", tt.in, got, err)
			continue
		}
		msg := err.Error()
		for _, w := range []string{tt.say, "statement, question, directive, belief, evaluation, other", "or all"} {
			if !strings.Contains(msg, w) {
				t.Errorf("ParseActs(%q) error %q does not say %q", tt.in, msg, w)
			}
		}
	}
}

func TestFormatActs(t *testing.T) {
	for _, acts := range [][]Act{nil, {Statement}, {Belief, Question}, AllActs} {
		s := FormatActs(acts)
		back, err := ParseActs(s)
		if err != nil {
			t.Errorf("FormatActs(%v) = %q, which ParseActs refuses: %v", acts, s, err)
			continue
		}
		if len(acts) == len(AllActs) {
			continue // every act named: the same as all, but written out
		}
		if fmt.Sprint(back) != fmt.Sprint(acts) {
			t.Errorf("FormatActs(%v) = %q, read back as %v", acts, s, back)
		}
	}
	if s := FormatActs(nil); s != "all" {
		t.Errorf("FormatActs(nil) = %q, want all", s)
	}
}

func TestIsDefaultActs(t *testing.T) {
	tests := []struct {
		acts []Act
		want bool
	}{
		{nil, false},
		{[]Act{Statement}, true},
		{[]Act{Statement, Statement}, true},
		{[]Act{Statement, Belief}, false},
		{[]Act{Belief}, false},
	}
	for _, tt := range tests {
		if got := IsDefaultActs(tt.acts); got != tt.want {
			t.Errorf("IsDefaultActs(%v) = %v, want %v", tt.acts, got, tt.want)
		}
	}
}

func TestCheckActs(t *testing.T) {
	if err := CheckActs(AllActs); err != nil {
		t.Errorf("CheckActs(AllActs) = %v", err)
	}
	if err := CheckActs(nil); err != nil {
		t.Errorf("CheckActs(nil) = %v", err)
	}
	for _, acts := range [][]Act{{""}, {Statement, "Statement"}, {"all"}} {
		if err := CheckActs(acts); !errors.Is(err, ErrBadQuery) {
			t.Errorf("CheckActs(%q) = %v, want ErrBadQuery", acts, err)
		}
	}
}

func ExampleParseActs() {
	acts, _ := ParseActs("statement,belief")
	fmt.Println(acts)
	all, _ := ParseActs("all")
	fmt.Println(all == nil)
	_, err := ParseActs("opinion")
	fmt.Println(err)
	// Output:
	// [statement belief]
	// true
	// bad query: unknown act "opinion": use statement, question, directive, belief, evaluation, other, several separated by commas, or all
}
