// Package meta is quotewire's metadata stage: it reads the dateline that
// opens a wire story and fills Document.Dateline, DatelineSpan, Body,
// Agency and, when the reader left it empty, Date.
//
// A dateline is the prefix that names where (and often when, and by which
// agency) a story was filed:
//
//	KRASNODAR, October 4. /TASS/. Moscow sees ...
//	WASHINGTON (Reuters) - ...
//	HEMPSTEAD, N.Y., Sept. 26 (UPI) — ...
//	Cleveland (AFP) – ...
//	Aug 27 (Reuters) - ...
//	LONDON — ...
//	Friday, January 4, 2019            (a Wikinews date line)
//
// The stage is conservative, since a false dateline is worse than a
// missing one: a place in capitals needs a date, an agency or a dash
// after it, a place in title case needs an agency, and known kickers
// ("BREAKING —", "UPDATE —") and short acronyms ("CNN —") are not places.
// It looks for the dateline at the start of the text and, when the text
// opens with a headline (as PolNeAR records do), at the start of each of
// the next two lines (each at most 300 bytes), never more than 2 KB in;
// the headline is then left before Body. The dateline itself is at most 200
// bytes long. The stage's work does not grow with the length of the text.
//
// The package also exports the helpers readers may share: ParseDate and
// NormalizeDate for the date forms of news archives and feeds, and Agency
// for the names of news agencies.
package meta

import (
	"errors"
	"strings"
	"time"

	"github.com/quotewire/quotewire"
)

// Stage is the metadata stage. Its zero value is ready to use and reads
// the system clock; set Now to fix the clock, as tests do. A Stage is safe
// for concurrent use when Now is.
type Stage struct {
	// Now returns the current time. It decides the year of a dateline that
	// states only month and day when the text gives no year. Nil means
	// time.Now.
	Now func() time.Time
}

var _ quotewire.Stage = Stage{}

// Option configures a Stage made by New.
type Option func(*Stage)

// WithNow sets the clock the stage uses to complete dates without a year.
func WithNow(now func() time.Time) Option {
	return func(s *Stage) { s.Now = now }
}

// New returns a Stage configured by opts. Without options it reads the
// system clock.
func New(opts ...Option) *Stage {
	s := &Stage{}
	for _, o := range opts {
		o(s)
	}
	return s
}

var errNilDocument = errors.New("meta: nil document")

// Process reads the dateline at the start of d.Text and sets:
//
//   - Dateline to its place as written, qualifier included ("KRASNODAR",
//     "SAN JUAN, Puerto Rico", "FLINT, Mich."), or "" when the dateline
//     names no place ("Aug 27 (Reuters) -", "Friday, January 4, 2019");
//   - DatelineSpan to the whole prefix, agency and separator included
//     ("KRASNODAR, October 4. /TASS/."), white space after it excluded;
//   - Body to start at the story's first byte after the dateline and the
//     white space that follows it; Body.End is kept when it is a valid end
//     after that start, and is len(d.Text) otherwise;
//   - Agency, when empty, to the canonical name of the agency in the
//     dateline or, failing that, in a credit at the end of the text
//     ("(Reporting by ...)", "— The Associated Press");
//   - Date, when empty, to the dateline's date as YYYY-MM-DD. A date
//     without a year ("October 4") takes the year of a full date with the
//     same month and day in the story's first 2 KB; else the latest
//     four-digit year in the story's first paragraph that does not put the
//     date in the future; else the year of Now, or the year before when
//     the date would then be more than a day after Now (a day is allowed
//     for time zones).
//
// When there is no dateline, Dateline, DatelineSpan, Body and Date are left
// as they are. Weekdays mentioned in the story ("said on Wednesday") never
// change the date. Process looks only at the first and last few kilobytes
// of the text, accepts any bytes (invalid UTF-8 included) and writes only
// spans on rune boundaries. It returns an error only for a nil d.
func (s Stage) Process(d *quotewire.Document) error {
	if d == nil {
		return errNilDocument
	}
	text := d.Text
	dl, found := findDateline(text)
	if found {
		d.Dateline = dl.place
		d.DatelineSpan = quotewire.Span{Start: dl.start, End: dl.end}
		end := d.Body.End
		if end < dl.story || end > len(text) || end < len(text) && !isRuneStart(text, end) {
			end = len(text)
		}
		d.Body = quotewire.Span{Start: dl.story, End: end}
		if d.Agency == "" {
			d.Agency = dl.agency
		}
		if d.Date == "" && dl.hasDate {
			if date, ok := s.date(text, dl); ok {
				d.Date = date
			}
		}
	}
	if d.Agency == "" {
		d.Agency = tailAgency(suffix(text, tailLimit))
	}
	return nil
}

// date returns the dateline's date as YYYY-MM-DD, completing a date
// without a year with inferYear.
func (s Stage) date(text string, dl dateline) (string, bool) {
	dt := dl.date
	if dt.year == 0 {
		ctx := prefix(text[dl.story:], contextLimit)
		y, ok := inferYear(ctx, firstParagraph(ctx), dt.month, dt.day, s.now())
		if !ok {
			return "", false
		}
		dt.year = y
	}
	t, ok := dt.time()
	if !ok {
		return "", false
	}
	return t.Format(time.DateOnly), true
}

func (s Stage) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// firstParagraph returns the start of ctx up to its first blank line or,
// when it has none, its first line break.
func firstParagraph(ctx string) string {
	for i := 0; i < len(ctx); i++ {
		if ctx[i] != '\n' {
			continue
		}
		j := i + 1
		for j < len(ctx) && (ctx[j] == ' ' || ctx[j] == '\t' || ctx[j] == '\r') {
			j++
		}
		if j < len(ctx) && ctx[j] == '\n' {
			return ctx[:i]
		}
	}
	if k := strings.IndexByte(ctx, '\n'); k >= 0 {
		return ctx[:k]
	}
	return ctx
}

// suffix returns at most the last n bytes of text, starting on a rune
// start.
func suffix(text string, n int) string {
	if len(text) <= n {
		return text
	}
	i := len(text) - n
	for i < len(text) && !isRuneStart(text, i) {
		i++
	}
	return text[i:]
}

// isRuneStart reports whether i is 0, len(text), or the offset of a byte
// that can start a rune.
func isRuneStart(text string, i int) bool {
	return i <= 0 || i >= len(text) || text[i]&0xC0 != 0x80
}
