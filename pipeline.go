package quotewire

import (
	"errors"
	"fmt"
	"sync"
	"unicode/utf8"
)

// Stage is one step of the analysis pipeline: it reads the annotations
// earlier stages left in d and adds its own. A stage must keep every span
// it writes inside d.Text and on rune boundaries. It returns an error only
// when the document cannot be analysed at all; a stage that merely finds
// nothing leaves d unchanged.
type Stage interface {
	Process(d *Document) error
}

// StageFunc adapts a function to the Stage interface.
type StageFunc func(d *Document) error

// Process calls f(d).
func (f StageFunc) Process(d *Document) error { return f(d) }

// NamedStage is a Stage with a name, for errors and benchmarks.
type NamedStage struct {
	Name  string
	Stage Stage
}

// Pipeline chains stages. Its zero value runs no stage. A Pipeline is safe
// for concurrent use when its stages are.
type Pipeline struct {
	// Stages run in order.
	Stages []NamedStage
	// MaxBytes, when positive, rejects articles whose text is longer.
	MaxBytes int
	// Budget, when not nil, bounds the text analysed at once by every
	// goroutine that runs this pipeline (and any other sharing the
	// Budget): an analysis holds about 17 bytes of memory for each byte
	// of its text at its peak, so workers that each took a giant article
	// at once would together hold many times what one does.
	Budget *Budget
}

// Budget bounds the bytes of text analysed at once. An analysis takes as
// many bytes as its text holds (at most the whole budget, so an article
// larger than the budget runs alone) and gives them back when done;
// analyses that would exceed it wait their turn, in arrival order. It is
// safe for concurrent use.
type Budget struct {
	size int64
	mu   sync.Mutex
	used int64
	// waiting are the analyses waiting for room, first come first: each
	// its share and the channel closed when it has it
	waiting []budgetWait
}

// budgetWait is an analysis waiting for its share of a Budget.
type budgetWait struct {
	n     int64
	ready chan struct{}
}

// NewBudget returns a Budget of n bytes of text at once (at least 1).
func NewBudget(n int64) *Budget {
	return &Budget{size: max(n, 1)}
}

// take waits until a text of n bytes fits in the budget and returns what
// gives its share back.
func (b *Budget) take(n int) func() {
	if b == nil {
		return func() {}
	}
	w := min(int64(n), b.size)
	b.mu.Lock()
	if len(b.waiting) == 0 && b.used+w <= b.size {
		b.used += w
		b.mu.Unlock()
	} else {
		ready := make(chan struct{})
		b.waiting = append(b.waiting, budgetWait{n: w, ready: ready})
		b.mu.Unlock()
		<-ready
	}
	return func() { b.give(w) }
}

// give returns n bytes to the budget and lets in the waiting analyses
// that now fit, in arrival order.
func (b *Budget) give(n int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.used -= n
	for len(b.waiting) > 0 && b.used+b.waiting[0].n <= b.size {
		w := b.waiting[0]
		b.waiting = b.waiting[1:]
		b.used += w.n
		close(w.ready)
	}
}

// Errors a Pipeline returns, to be tested with errors.Is.
var (
	// ErrEmpty is returned for an article with no text.
	ErrEmpty = errors.New("empty article")
	// ErrInvalidUTF8 is returned for text that is not valid UTF-8.
	ErrInvalidUTF8 = errors.New("text is not valid UTF-8")
	// ErrBinary is returned for text that looks like binary data.
	ErrBinary = errors.New("text looks like binary data")
	// ErrTooLarge is returned for an article over Pipeline.MaxBytes.
	ErrTooLarge = errors.New("article too large")
)

// Check returns an error when text cannot be analysed: empty, not UTF-8,
// or containing NUL bytes (a sign of binary data).
func Check(text string) error {
	if len(text) == 0 {
		return ErrEmpty
	}
	for i := 0; i < len(text); i++ {
		if text[i] == 0 {
			return fmt.Errorf("%w (NUL byte at offset %d)", ErrBinary, i)
		}
	}
	if !utf8.ValidString(text) {
		for i := 0; i < len(text); {
			r, n := utf8.DecodeRuneInString(text[i:])
			if r == utf8.RuneError && n <= 1 {
				return fmt.Errorf("%w (bad byte at offset %d)", ErrInvalidUTF8, i)
			}
			i += n
		}
	}
	return nil
}

// Run checks a's text and runs every stage on a new Document for it.
func (p *Pipeline) Run(a Article) (*Document, error) {
	defer p.Budget.take(len(a.Text))()
	return p.run(a, nil)
}

// run is Run with toks, when not nil, as the new Document's Tokens: an
// empty slice whose room the segmenter fills (see Extract).
func (p *Pipeline) run(a Article, toks []Token) (*Document, error) {
	if err := Check(a.Text); err != nil {
		return nil, err
	}
	if p.MaxBytes > 0 && len(a.Text) > p.MaxBytes {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(a.Text), p.MaxBytes)
	}
	d := NewDocument(a)
	d.Tokens = toks
	for _, s := range p.Stages {
		if err := s.Stage.Process(d); err != nil {
			return nil, fmt.Errorf("stage %s: %w", s.Name, err)
		}
	}
	return d, nil
}

// Extract runs the pipeline on a and returns the analysis in the output
// contract's form.
//
// The Document lives only inside Extract, so its token slice (64 bytes a
// token, about one token for every 5 bytes of text: the largest
// allocation of an analysis) goes back to a pool for the next article
// once the Analysis, which keeps no token, is made.
func (p *Pipeline) Extract(a Article) (*Analysis, error) {
	defer p.Budget.take(len(a.Text))()
	toks := getTokens(len(a.Text)/5 + 1)
	d, err := p.run(a, toks)
	if err != nil {
		putTokens(toks)
		return nil, err
	}
	an := NewAnalysis(d)
	putTokens(d.Tokens)
	d.Tokens = nil
	return an, nil
}

// maxPooledTokens bounds the capacity of a pooled token slice (2.1 MB), so
// that a giant article's slice is not kept.
const maxPooledTokens = 1 << 15

// tokenPool holds *[]Token of zero length, for Extract.
var tokenPool sync.Pool

// getTokens returns an empty pooled token slice with room for n tokens, or
// nil (the segmenter then allocates) when the pool has none that big. A
// pooled slice may hold stale tokens past its length: the segmenter
// writes every field of each token it appends.
func getTokens(n int) []Token {
	v, _ := tokenPool.Get().(*[]Token)
	if v == nil || cap(*v) < n {
		return nil // a slice too small is dropped: the pool refills with bigger ones
	}
	return (*v)[:0]
}

// putTokens returns toks to the pool when its capacity is within bounds.
func putTokens(toks []Token) {
	if toks == nil || cap(toks) > maxPooledTokens {
		return
	}
	toks = toks[:0]
	tokenPool.Put(&toks)
}
