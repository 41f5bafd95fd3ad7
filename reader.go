package quotewire

import "fmt"

// ArticleReader yields the articles of one input, one per call. Next
// returns io.EOF after the last article. When one record is bad (a broken
// JSON line, invalid UTF-8) Next returns a *RecordError and the caller may
// call Next again to go on with the rest; any other error ends the input.
type ArticleReader interface {
	Next() (Article, error)
}

// RecordError is a problem with one record of an input. It names the file
// and record so the user can find it; the input can go on after it.
type RecordError struct {
	Origin Origin
	Err    error
}

// Error formats the error as "file record N: cause".
func (e *RecordError) Error() string { return fmt.Sprintf("%s: %v", e.Origin, e.Err) }

// Unwrap returns the cause.
func (e *RecordError) Unwrap() error { return e.Err }
