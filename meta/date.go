package meta

import (
	"strings"
	"time"
)

// dateLayouts are the machine-readable forms ParseDate tries with
// time.Parse before the written forms ("October 4, 2017").
var dateLayouts = []string{
	time.RFC3339Nano, // also accepts RFC 3339 without fractional seconds
	"2006-01-02",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006/01/02",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 MST",
}

// ParseDate parses a whole string holding one date in a form common in
// news archives and feeds:
//
//	2017-10-04, 2017/10/04, 2017-10-04T10:30:00Z (RFC 3339),
//	2017-10-04 10:30:00, Wed, 04 Oct 2017 10:30:00 +0300 (RFC 1123),
//	October 4, 2017, Oct. 4, 2017, Oct 4 2017, Sept. 4, 2017,
//	4 October 2017, 4 Oct. 2017, Wednesday, October 4, 2017, Oct. 4th, 2017
//
// Leading and trailing white space is ignored, month and weekday names
// are matched without regard to case, and a trailing period is allowed
// after a written date. A date without a time is midnight UTC; a date with
// a time keeps the time and zone it states (so the calendar date is the one
// written). A weekday name that disagrees with the date is ignored. ParseDate
// reports false for anything else, including dates that do not exist
// ("February 30, 2017") and dates without a four-digit year.
func ParseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil && t.Year() >= 1000 {
			return t, true
		}
	}
	dt, ok := scanDate(s, 0)
	if !ok || dt.year == 0 {
		return time.Time{}, false
	}
	end := dt.end
	if end < len(s) && s[end] == '.' {
		end++
	}
	if end != len(s) {
		return time.Time{}, false
	}
	return dt.time()
}

// NormalizeDate parses s with ParseDate and formats the calendar date it
// states as YYYY-MM-DD, the form of quotewire.Article.Date. It reports
// false when ParseDate does.
func NormalizeDate(s string) (string, bool) {
	t, ok := ParseDate(s)
	if !ok {
		return "", false
	}
	return t.Format(time.DateOnly), true
}

// dateRef is a written date found in text: month and day, the year when
// one is written (0 otherwise), and the byte offset just after it.
type dateRef struct {
	month time.Month
	day   int
	year  int
	end   int
}

// time returns the date as midnight UTC, reporting false when there is no
// year or the date does not exist.
func (d dateRef) time() (time.Time, bool) {
	return validDate(d.year, d.month, d.day)
}

// validDate returns y-m-d as midnight UTC when that date exists.
func validDate(y int, m time.Month, d int) (time.Time, bool) {
	if y < 1000 || y > 9999 || m < time.January || m > time.December || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || t.Month() != m {
		return time.Time{}, false // normalised: February 30 became March 2
	}
	return t, true
}

var months = map[string]time.Month{
	"january": time.January, "february": time.February, "march": time.March,
	"april": time.April, "may": time.May, "june": time.June, "july": time.July,
	"august": time.August, "september": time.September, "october": time.October,
	"november": time.November, "december": time.December,
	"jan": time.January, "feb": time.February, "mar": time.March, "apr": time.April,
	"jun": time.June, "jul": time.July, "aug": time.August, "sep": time.September,
	"sept": time.September, "oct": time.October, "nov": time.November, "dec": time.December,
}

var weekdays = map[string]time.Weekday{
	"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
	"sunday": time.Sunday,
	"mon":    time.Monday, "tue": time.Tuesday, "tues": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday, "fri": time.Friday,
	"sat": time.Saturday, "sun": time.Sunday,
}

// lookupMonth returns the month a word names: a full name or an
// abbreviation, in any case. abbrev reports an abbreviation ("Oct"), which
// may be followed by a period.
func lookupMonth(w string) (m time.Month, abbrev bool, ok bool) {
	if len(w) < 3 || len(w) > 9 {
		return 0, false, false
	}
	m, ok = months[strings.ToLower(w)]
	return m, ok && len(w) <= 4 && !strings.EqualFold(w, "june") && !strings.EqualFold(w, "july"), ok
}

// lookupWeekday returns the weekday a word names, in full or abbreviated.
func lookupWeekday(w string) (time.Weekday, bool) {
	if len(w) < 3 || len(w) > 9 {
		return 0, false
	}
	d, ok := weekdays[strings.ToLower(w)]
	return d, ok
}

// isFullWeekday reports whether w is a weekday's full name ("Friday").
func isFullWeekday(w string) bool {
	_, ok := lookupWeekday(w)
	return ok && len(w) >= 6
}

// scanDate reads a written date starting at s[i]:
//
//	[Weekday[,] ] Month[.] D[th][[,] YYYY]
//	[Weekday[,] ] D[th] Month[.][[,] YYYY]
//
// Month is a name or an abbreviation ("October", "Oct", "Oct.", "Sept.").
// The words are separated by horizontal white space. It reports false when
// no such date starts at i; it never reads past len(s).
func scanDate(s string, i int) (dateRef, bool) {
	var dt dateRef
	j := i
	we := scanWord(s, j)
	if we == j && !isDigit(at(s, j)) {
		return dt, false
	}
	if we > j {
		if _, ok := lookupWeekday(s[j:we]); ok {
			k := we
			if at(s, k) == '.' {
				k++
			}
			if at(s, k) == ',' {
				k++
			}
			k2 := skipH(s, k)
			if k2 == k {
				return dt, false
			}
			j = k2
			we = scanWord(s, j)
		}
	}
	if we > j {
		// Month D
		m, abbrev, ok := lookupMonth(s[j:we])
		if !ok {
			return dt, false
		}
		k := we
		if abbrev && at(s, k) == '.' {
			k++
		}
		k2 := skipH(s, k)
		if k2 == k {
			return dt, false
		}
		d, e, ok := scanDay(s, k2)
		if !ok {
			return dt, false
		}
		dt.month, dt.day, dt.end = m, d, e
	} else {
		// D Month
		d, e, ok := scanDay(s, j)
		if !ok {
			return dt, false
		}
		k := skipH(s, e)
		if k == e {
			return dt, false
		}
		me := scanWord(s, k)
		m, abbrev, ok := lookupMonth(s[k:me])
		if !ok {
			return dt, false
		}
		dt.month, dt.day, dt.end = m, d, me
		if abbrev && at(s, me) == '.' {
			dt.end = me + 1
		}
	}
	if dt.day > maxDay(dt.month) {
		return dt, false
	}
	// optional year: "[,] YYYY"
	k := dt.end
	comma := at(s, k) == ','
	if comma {
		k++
	}
	if k2 := skipH(s, k); k2 > k || comma {
		if y, e, ok := scanYear(s, k2); ok {
			dt.year, dt.end = y, e
		}
	}
	if dt.year != 0 {
		if _, ok := dt.time(); !ok {
			return dt, false
		}
	}
	return dt, true
}

// maxDay returns the most days month m can have.
func maxDay(m time.Month) int {
	switch m {
	case time.February:
		return 29
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// scanDay reads a day of the month, 1 to 31, of one or two digits with an
// optional ordinal suffix ("4", "04", "4th"), not followed by a letter or
// digit.
func scanDay(s string, i int) (day, end int, ok bool) {
	j := i
	for j < len(s) && j-i < 3 && isDigit(s[j]) {
		day = day*10 + int(s[j]-'0')
		j++
	}
	if j == i || j-i > 2 || day < 1 || day > 31 {
		return 0, i, false
	}
	if j+2 <= len(s) {
		switch strings.ToLower(s[j : j+2]) {
		case "st", "nd", "rd", "th":
			if !isLetterAt(s, j+2) {
				j += 2
			}
		}
	}
	if isLetterAt(s, j) || isDigit(at(s, j)) {
		return 0, i, false
	}
	return day, j, true
}

// scanYear reads a four-digit year not followed by a letter or digit.
func scanYear(s string, i int) (year, end int, ok bool) {
	if i+4 > len(s) {
		return 0, i, false
	}
	for j := i; j < i+4; j++ {
		if !isDigit(s[j]) {
			return 0, i, false
		}
		year = year*10 + int(s[j]-'0')
	}
	if isDigit(at(s, i+4)) || isLetterAt(s, i+4) || year < 1000 {
		return 0, i, false
	}
	return year, i + 4, true
}

// inferYear chooses the year of a dateline date that states only month
// and day. In order it takes:
//
//  1. the year of a full date with the same month and day in ctx;
//  2. the latest four-digit year (1900 or later) in first, the story's
//     first paragraph, that does not put the date in the future;
//  3. the year of now, or the year before when that would put the date in
//     the future.
//
// "In the future" allows one day for time zones: a dateline in Tokyo may
// be a day ahead of the clock in New York. It reports false only for a date
// that exists in no year considered (February 30).
func inferYear(ctx, first string, m time.Month, d int, now time.Time) (int, bool) {
	ny, nm, nd := now.Date()
	limit := time.Date(ny, nm, nd, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 1)
	fits := func(y int) bool {
		t, ok := validDate(y, m, d)
		return ok && !t.After(limit)
	}
	// 1. a full date with this month and day
	for i := 0; i < len(ctx); i++ {
		if !wordStart(ctx, i) || !(isDigit(ctx[i]) || isUpperASCII(ctx[i])) {
			continue
		}
		if dt, ok := scanDate(ctx, i); ok && dt.year != 0 && dt.month == m && dt.day == d {
			return dt.year, true
		}
	}
	// 2. the latest plausible year in the first paragraph
	best := 0
	for i := 0; i+4 <= len(first); i++ {
		if !isDigit(first[i]) || i > 0 && (isDigit(first[i-1]) || isLetterByte(first[i-1])) {
			continue
		}
		if y, _, ok := scanYear(first, i); ok && y >= 1900 && y > best && fits(y) {
			best = y
		}
	}
	if best != 0 {
		return best, true
	}
	// 3. the clock, stepping back over years where the date is in the future
	// or does not exist (February 29)
	for y := ny; y > ny-8; y-- {
		if fits(y) {
			return y, true
		}
	}
	return 0, false
}

// wordStart reports whether a word or number may start at s[i]: i is 0 or
// the byte before is not a letter or digit.
func wordStart(s string, i int) bool {
	return i == 0 || !isDigit(s[i-1]) && !isLetterByte(s[i-1])
}

func isDigit(c byte) bool      { return c >= '0' && c <= '9' }
func isUpperASCII(c byte) bool { return c >= 'A' && c <= 'Z' }
func isLetterByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80 }
func at(s string, i int) byte {
	if i < 0 || i >= len(s) {
		return 0
	}
	return s[i]
}
