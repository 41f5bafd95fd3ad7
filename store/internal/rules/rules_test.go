package rules

import (
	"errors"
	"slices"
	"testing"

	"github.com/quotewire/quotewire"
)

func TestEntityKey(t *testing.T) {
	if got := EntityKey(&quotewire.EntityOut{Name: "Sergey Lavrov"}); got != "sergey lavrov" {
		t.Errorf("named: %q", got)
	}
	if got := EntityKey(&quotewire.EntityOut{Name: "spokesman for the ministry", Anonymous: true}); got != "" {
		t.Errorf("anonymous: %q, want no key", got)
	}
}

func TestRoleHead(t *testing.T) {
	tests := []struct{ role, want string }{
		{"Russian Foreign Minister", "minister"},
		{"foreign ministers", "minister"},
		{"boss", "bos"}, // singular by a trailing s, as stored
		{"MPs", "mps"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := RoleHead(tt.role); got != tt.want {
			t.Errorf("RoleHead(%q) = %q, want %q", tt.role, got, tt.want)
		}
	}
}

// TestRoleHeads: one head a role, in order, and the non-empty ones.
func TestRoleHeads(t *testing.T) {
	each, heads := RoleHeads([]string{"Russian Foreign Minister", "", "spokesmen"})
	if !slices.Equal(each, []string{"minister", "", "spokesmen"}) || !slices.Equal(heads, []string{"minister", "spokesmen"}) {
		t.Errorf("RoleHeads = %q, %q", each, heads)
	}
	if each, heads := RoleHeads(nil); len(each) != 0 || heads == nil || len(heads) != 0 {
		t.Errorf("RoleHeads(nil) = %q, %q; want empty, and heads not nil", each, heads)
	}
}

func TestPickPerson(t *testing.T) {
	sergey := Candidate{ID: 1, Given: "sergey"}
	bill := Candidate{ID: 2, Given: "bill"}
	hillary := Candidate{ID: 3, Given: "hillary"}
	alone := Candidate{ID: 4, SurnameAlone: true}
	with := func(c Candidate, roles int) Candidate { c.SharedRoles = roles; return c }
	tests := []struct {
		name  string
		given string
		cands []Candidate
		want  int64
		rule  string
	}{
		{"same given name", "sergey", []Candidate{bill, sergey}, 1, JoinName},
		{"variant spelling", "sergei", []Candidate{sergey}, 1, JoinGiven},
		{"initial", "s", []Candidate{sergey}, 1, JoinGiven},
		{"another person", "maria", []Candidate{sergey}, 0, ""},
		{"surname alone, one role in common", "", []Candidate{hillary, with(bill, 1)}, 2, JoinRole},
		{"surname alone, no role", "", []Candidate{hillary, bill, alone}, 4, JoinSurname},
		{"surname alone, nothing stored", "", []Candidate{hillary, bill}, 0, ""},
		{"surname alone, two people equally likely", "", []Candidate{with(hillary, 1), with(bill, 1), alone}, 4, JoinSurname},
		{"surname alone, more roles win", "", []Candidate{with(hillary, 1), with(bill, 2)}, 2, JoinRole},
	}
	for _, tt := range tests {
		got, why := PickPerson(tt.given, tt.cands)
		if got != tt.want || why.Rule != tt.rule {
			t.Errorf("%s: PickPerson = %d (%+v), want %d (%s)", tt.name, got, why, tt.want, tt.rule)
		}
	}
}

func TestQuotationKey(t *testing.T) {
	long := "contacts with the UN on Syria are very important"
	if QuotationKey(long, 1) != QuotationKey("Contacts with the UN on Syria are very important.", 2) {
		t.Error("a long quote by two speakers, punctuation aside, is not one quotation")
	}
	if QuotationKey("We will see.", 1) == QuotationKey("We will see.", 2) {
		t.Error("a short quote by two speakers is one quotation")
	}
	if QuotationKey("We will see.", 1) != QuotationKey("we will see", 1) {
		t.Error("a short quote by one speaker, case aside, is two quotations")
	}
}

func TestNearDuplicate(t *testing.T) {
	a := make([]uint32, Bands*Rows)
	b := make([]uint32, Bands*Rows)
	for i := range a {
		a[i], b[i] = uint32(i), uint32(i)
	}
	for i := range 19 {
		b[i] = 1000 + uint32(i)
	}
	if !IsNearDuplicate(a, PackSignature(b)) {
		t.Error("45 of 64 values in common: not a near duplicate")
	}
	b[19] = 2000
	if IsNearDuplicate(a, PackSignature(b)) {
		t.Error("44 of 64 values in common: a near duplicate")
	}
	if PackSignature(a[:10]) != nil || IsNearDuplicate(a, nil) {
		t.Error("a short signature is packed or compared")
	}
	if ha, hb := BandHashes(a), BandHashes(b); ha[15] != hb[15] || ha[0] == hb[0] {
		t.Errorf("band hashes: %v %v", ha, hb)
	}
}

func TestLimitsAndBounds(t *testing.T) {
	if n, err := Limit(0); n != DefaultLimit || err != nil {
		t.Errorf("Limit(0) = %d, %v", n, err)
	}
	if _, err := Limit(MaxLimit + 1); !errors.Is(err, quotewire.ErrBadQuery) {
		t.Errorf("Limit over the maximum: %v", err)
	}
	if ToBound("2019-05") <= "2019-05-31" || ToBound("2019-05") >= "2019-06" {
		t.Error("ToBound does not cover the month")
	}
}

func TestLikeEscape(t *testing.T) {
	if got := LikeEscape(`50%_a\b`); got != `50\%\_a\\b` {
		t.Errorf("LikeEscape = %q", got)
	}
}
