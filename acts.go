package quotewire

import (
	"fmt"
	"slices"
	"strings"
)

// AllActs lists every act, in the order the documentation gives them.
// Callers must not modify it.
var AllActs = []Act{Statement, Question, Directive, Belief, Evaluation, OtherAct}

// DefaultActs are the acts an archive shows when not asked for others:
// statements. Extraction outputs every act; search, timelines, speaker
// counts, the API, the web UI and export keep to DefaultActs unless told
// otherwise. Callers must not modify it.
var DefaultActs = []Act{Statement}

// Valid reports whether a is one of AllActs.
func (a Act) Valid() bool { return slices.Contains(AllActs, a) }

// actNames is the list of acts as the error messages give it.
func actNames() string {
	names := make([]string, len(AllActs))
	for i, a := range AllActs {
		names[i] = string(a)
	}
	return strings.Join(names, ", ")
}

// CheckActs returns nil when every act is one of AllActs, else an error
// wrapping ErrBadQuery that names the first unknown one and the acts
// there are.
func CheckActs(acts []Act) error {
	for _, a := range acts {
		if !a.Valid() {
			return unknownAct(string(a))
		}
	}
	return nil
}

// unknownAct is the error for an act that is not one.
func unknownAct(name string) error {
	return fmt.Errorf("%w: unknown act %q: use %s, several separated by commas, or all", ErrBadQuery, name, actNames())
}

// ParseActs reads a list of acts as users write it on the command line
// (--acts) and in URLs (acts=): one act ("statement"), several separated
// by commas ("statement,belief"), or "all" for every act, which gives nil
// (a Query with no Acts does not filter by act). Case, spaces around the
// names and a plural s ("beliefs") do not matter; an act given twice
// counts once; "all" among others still means all. An empty s gives
// DefaultActs (a fresh copy). Anything else is an error wrapping
// ErrBadQuery that names the acts there are.
func ParseActs(s string) ([]Act, error) {
	if strings.TrimSpace(s) == "" {
		return append([]Act(nil), DefaultActs...), nil
	}
	var out []Act
	all := false
	for _, part := range strings.Split(s, ",") {
		name := strings.ToLower(strings.TrimSpace(part))
		if name == "all" {
			all = true
			continue
		}
		a := Act(name)
		if !a.Valid() {
			if t := Act(strings.TrimSuffix(name, "s")); t != a && t.Valid() {
				a = t
			}
		}
		if !a.Valid() {
			if name == "" {
				return nil, fmt.Errorf("%w: an act's name is empty in %q: use %s, several separated by commas, or all", ErrBadQuery, s, actNames())
			}
			return nil, unknownAct(strings.TrimSpace(part))
		}
		if !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	if all {
		return nil, nil
	}
	return out, nil
}

// FormatActs writes acts as ParseActs reads them: "all" for none (every
// act), else their names separated by commas.
func FormatActs(acts []Act) string {
	if len(acts) == 0 {
		return "all"
	}
	names := make([]string, len(acts))
	for i, a := range acts {
		names[i] = string(a)
	}
	return strings.Join(names, ",")
}

// IsDefaultActs reports whether acts is DefaultActs (in any order, an
// act given twice counting once).
func IsDefaultActs(acts []Act) bool {
	if len(acts) == 0 {
		return false
	}
	for _, a := range acts {
		if !slices.Contains(DefaultActs, a) {
			return false
		}
	}
	for _, a := range DefaultActs {
		if !slices.Contains(acts, a) {
			return false
		}
	}
	return true
}
