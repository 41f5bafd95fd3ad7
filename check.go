package quotewire

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Search limits: a search returns DefaultLimit hits unless its Limit says
// otherwise, and at most MaxLimit.
const (
	DefaultLimit = 20
	MaxLimit     = 10000
)

// ParamError is a parameter a query or a command refused, with what to
// write instead. Every front end judges parameters with the same checks
// (Query.Check, CheckDate, CheckRange) and words the error the same way,
// naming the parameter as its users write it ("--from" on the command
// line, "from" in the API). It wraps ErrBadQuery.
type ParamError struct {
	// Param is the parameter's name ("from", "limit", "min_confidence").
	Param string
	// Value is what was given.
	Value string
	// Want says what to write instead.
	Want string
}

func (e *ParamError) Error() string {
	return fmt.Sprintf("%s: %s %q: %s", ErrBadQuery, e.Param, e.Value, e.Want)
}

// Unwrap makes a ParamError an ErrBadQuery.
func (e *ParamError) Unwrap() error { return ErrBadQuery }

// Message words the error for a front end that names the parameter name
// (`--from "2020-13": write a date as YYYY-MM-DD …`).
func (e *ParamError) Message(name string) string {
	return fmt.Sprintf("%s %q: %s", name, e.Value, e.Want)
}

// AsParamError returns the ParamError err holds, if any.
func AsParamError(err error) (*ParamError, bool) {
	var pe *ParamError
	ok := errors.As(err, &pe)
	return pe, ok
}

// dateWant is what a date parameter must look like.
const dateWant = "write a date as YYYY-MM-DD (a year YYYY or a month YYYY-MM also works)"

// ValidDate reports whether d is a year (YYYY), a month (YYYY-MM) or a day
// (YYYY-MM-DD) of the calendar: "2020-13" and "2020-02-30" are not.
func ValidDate(d string) bool {
	if len(d) != 4 && len(d) != 7 && len(d) != 10 {
		return false
	}
	for i := 0; i < len(d); i++ {
		c := d[i]
		if i == 4 || i == 7 {
			if c != '-' {
				return false
			}
			continue
		}
		if c < '0' || c > '9' {
			return false
		}
	}
	if len(d) == 4 {
		return true
	}
	year, _ := strconv.Atoi(d[:4])
	month, _ := strconv.Atoi(d[5:7])
	if month < 1 || month > 12 {
		return false
	}
	if len(d) == 7 {
		return true
	}
	day, _ := strconv.Atoi(d[8:])
	days := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[month-1]
	if month == 2 && (year%4 == 0 && year%100 != 0 || year%400 == 0) {
		days = 29
	}
	return day >= 1 && day <= days
}

// CheckDate checks a date parameter ("" is no date).
func CheckDate(param, d string) error {
	if d != "" && !ValidDate(d) {
		if len(d) == 10 && ValidDate(d[:7]) {
			return &ParamError{param, d, "that day is not in the calendar; " + dateWant}
		}
		return &ParamError{param, d, dateWant}
	}
	return nil
}

// CheckRange checks a whole-number parameter against lo..hi.
func CheckRange(param string, n, lo, hi int) error {
	if n < lo || n > hi {
		return &ParamError{param, strconv.Itoa(n), fmt.Sprintf("use a whole number from %d to %d", lo, hi)}
	}
	return nil
}

// CheckConfidence checks a confidence parameter: a number from 0 to 1.
func CheckConfidence(param string, c float64) error {
	if !(c >= 0 && c <= 1) {
		return &ParamError{param, strconv.FormatFloat(c, 'g', -1, 64), "use a number from 0 to 1"}
	}
	return nil
}

// Check judges a query's parameters as every store, the command line and
// the API do: dates of the calendar with from no later than to, a
// confidence from 0 to 1, a limit from 0 (the default) to MaxLimit and an
// offset of 0 or more. The error is a *ParamError naming the parameter as
// the API does ("from", "min_confidence", "limit", "offset").
func (q Query) Check() error {
	if err := CheckDate("from", q.From); err != nil {
		return err
	}
	if err := CheckDate("to", q.To); err != nil {
		return err
	}
	if q.From != "" && q.To != "" && q.From > q.To && !strings.HasPrefix(q.From, q.To) {
		return &ParamError{"from", q.From, "it is after to (" + q.To + "): swap them"}
	}
	if err := CheckConfidence("min_confidence", q.MinConfidence); err != nil {
		return err
	}
	if err := CheckRange("limit", q.Limit, 0, MaxLimit); err != nil {
		return err
	}
	return CheckRange("offset", q.Offset, 0, 1<<30)
}
