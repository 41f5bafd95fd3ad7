package rules

import (
	"slices"

	"github.com/quotewire/quotewire"
)

// Acts checks the acts a query asks for and returns them as the stores
// keep them: each once, in the order of quotewire.AllActs. It returns nil
// when the query does not filter by act (no acts, or every one). An
// unknown act is an error wrapping quotewire.ErrBadQuery.
func Acts(acts []quotewire.Act) ([]string, error) {
	if len(acts) == 0 {
		return nil, nil
	}
	if err := quotewire.CheckActs(acts); err != nil {
		return nil, err
	}
	var out []string
	for _, a := range quotewire.AllActs {
		if slices.Contains(acts, a) {
			out = append(out, string(a))
		}
	}
	if len(out) == len(quotewire.AllActs) {
		return nil, nil
	}
	return out, nil
}

// Speaker counts kept on each entity, so that the default lists need not
// count quotes: CountAll counts every quote attributed to it,
// CountStatements its statements.
const (
	CountAll        = "quotes"
	CountStatements = "statements"
)

// CountColumn names the entity column that counts a speaker's quotes of
// acts (as Acts returns them): CountAll for every act, CountStatements
// for statements alone, and "" for any other set, whose quotes a store
// counts.
func CountColumn(acts []string) string {
	switch {
	case len(acts) == 0:
		return CountAll
	case len(acts) == 1 && acts[0] == string(quotewire.Statement):
		return CountStatements
	}
	return ""
}

// CountedColumn returns the entity column that answers TopSpeakers for
// q, when one does: q filters by nothing but acts, and CountColumn has a
// column for them. The speakers most quoted are then the entities with the
// highest count, which their index lists without counting quotes.
func CountedColumn(q quotewire.Query) (string, error) {
	acts, err := Acts(q.Acts)
	if err != nil {
		return "", err
	}
	if q.Text != "" || q.Speaker != "" || q.SpeakerID != 0 || q.Entity != "" || q.Outlet != "" || q.From != "" || q.To != "" || q.MinConfidence > 0 {
		return "", nil
	}
	return CountColumn(acts), nil
}

// QuoteFacts is what a store keeps of a quote besides its words, offsets
// and speaker.
type QuoteFacts struct {
	// Act is the quote's act, statement when the analysis left it empty.
	Act string
	// Anonymous is true when the speaker is unnamed (the quote keeps the
	// descriptor as its speaker's name, and no stored speaker).
	Anonymous bool
	// Continued marks a later part of one quote.
	Continued bool
	// Via is the name of who relayed the statement ("" for none), and
	// ViaLocal its entity's id in the analysis ("" when it is not one),
	// for the store to resolve to its own entity.
	Via, ViaLocal string
}

// Statement reports whether the quote is a statement (counted in
// CountStatements).
func (f QuoteFacts) Statement() bool { return f.Act == string(quotewire.Statement) }

// FactsOf returns what a store keeps of q besides its words, offsets and
// speaker.
func FactsOf(q *quotewire.QuoteOut) QuoteFacts {
	f := QuoteFacts{Act: string(q.Act), Continued: q.Continued}
	if f.Act == "" {
		f.Act = string(quotewire.Statement)
	}
	if q.Speaker != nil {
		f.Anonymous = q.Speaker.Anonymous
	}
	if q.Via != nil {
		f.Via, f.ViaLocal = q.Via.Name, q.Via.ID
	}
	return f
}

// FirstDate returns the earliest date among occurrences ("" when none is
// dated): a quotation's first date once its occurrences are filtered.
func FirstDate(occ []quotewire.Occurrence) string {
	first := ""
	for _, o := range occ {
		if o.Date != "" && (first == "" || o.Date < first) {
			first = o.Date
		}
	}
	return first
}
