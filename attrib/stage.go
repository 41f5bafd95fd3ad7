package attrib

import (
	"github.com/quotewire/quotewire"
)

// Stage is quotewire's attribution stage: everything that decides what was
// said and by which words of the article, in one place. It runs
//
//  1. the rules' first pass (Rules): quotation marks paired, each quote's
//     cue and source found, indirect speech around reporting verbs;
//  2. the learned model, when there is one (Model): the quotes the rules
//     miss, with the sources it chooses, merged with the rules' (the rules'
//     direct quotes stay unless a learned quote holds them and says more;
//     the rules' other quotes fill what the model leaves);
//  3. source resolution: each learned quote's source checked against the
//     rules' source for the same cue (resolveSources), and a weak learned
//     quote with no more than a word or two dropped;
//  4. the passes that need every quote found: colon lead-ins, transcripts
//     and labelled turns, quotes cut by paragraph and cue, continuations,
//     reports inside reports, noun-phrase complements and hedged reports;
//     then each quote's act (statement, question, directive, belief,
//     evaluation) is set and what reports no proposition is removed
//     (docs/ANNOTATION.md has the rules).
//
// It writes Document.QuoteSpans, Quotes and the source Mentions it adds.
// Naming the speaker behind each source (pronouns, descriptors, names
// across the article) is coreference's job, the stage after it. The zero
// value runs the rules alone.
type Stage struct {
	// Model is the learned attribution model; nil runs the rules alone.
	Model Model
}

var _ quotewire.Stage = Stage{}

// Model is what the attribution stage needs of a learned model.
type Model interface {
	// Quotes returns the quotes the model finds in d, which holds the
	// rules' quotes (the model reads them; it must not change d.Quotes).
	// rules maps each rule cue to its source. Each quote's Confidence is
	// that of its class given a source; the stage lowers it to
	// UnsourcedConfidence when the quote ends up with none.
	Quotes(d *quotewire.Document, rules Sources) []quotewire.Quote
}

// Sources maps the cue of each quote to its source span.
type Sources map[quotewire.Span]quotewire.Span

// SourcesOf maps the cue of each quote of d that has both to its source.
func SourcesOf(d *quotewire.Document) Sources {
	m := Sources{}
	for _, q := range d.Quotes {
		if q.Cue != nil && q.Source != nil {
			m[*q.Cue] = *q.Source
		}
	}
	return m
}

// Process finds the quotes of d, as the type's comment says.
func (s Stage) Process(d *quotewire.Document) error {
	if err := (Rules{}).Process(d); err != nil {
		return err
	}
	if s.Model != nil {
		rules := SourcesOf(d)
		found := s.Model.Quotes(d, rules)
		found = resolveSources(d, found, rules)
		merge(d, found)
	}
	finish(d)
	return nil
}
