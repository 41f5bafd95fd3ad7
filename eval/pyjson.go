package eval

// This file reads JSON values the way the reference script uses them after
// json.loads: Python's truthiness, int() and str() on decoded values, and
// its spans() function. Objects are decoded into maps so that keys match
// exactly (encoding/json matches struct fields case-insensitively).

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/quotewire/quotewire"
)

// object is a decoded JSON object; its values are still encoded.
type object map[string]json.RawMessage

// kind returns the first byte of an encoded value: 'n', 't', 'f', '"',
// '[', '{', or '0' for a number. A missing value is null.
func kind(raw json.RawMessage) byte {
	raw = bytes.TrimLeft(raw, " \t\r\n")
	if len(raw) == 0 {
		return 'n'
	}
	switch c := raw[0]; c {
	case 'n', 't', 'f', '"', '[', '{':
		return c
	}
	return '0'
}

// decodeObject decodes a value that must be an object.
func decodeObject(raw json.RawMessage) (object, error) {
	if k := kind(raw); k != '{' {
		return nil, fmt.Errorf("%s is not an object", describe(k))
	}
	var o object
	if err := json.Unmarshal(raw, &o); err != nil {
		return nil, err
	}
	return o, nil
}

// decodeArray decodes a value that must be an array.
func decodeArray(raw json.RawMessage) ([]json.RawMessage, error) {
	var a []json.RawMessage
	if err := json.Unmarshal(raw, &a); err != nil {
		return nil, err
	}
	return a, nil
}

// describe names the JSON type of kind k, for messages.
func describe(k byte) string {
	switch k {
	case 'n':
		return "null"
	case 't', 'f':
		return "a boolean"
	case '"':
		return "a string"
	case '[':
		return "an array"
	case '{':
		return "an object"
	}
	return "a number"
}

// truthy is Python's bool() of a decoded value: false for null, false, 0,
// 0.0, "", [] and {}.
func truthy(raw json.RawMessage) (bool, error) {
	switch kind(raw) {
	case 'n', 'f':
		return false, nil
	case 't':
		return true, nil
	case '"':
		var s string
		err := json.Unmarshal(raw, &s)
		return s != "", err
	case '[':
		a, err := decodeArray(raw)
		return len(a) > 0, err
	case '{':
		o, err := decodeObject(raw)
		return len(o) > 0, err
	}
	f, err := strconv.ParseFloat(string(bytes.TrimSpace(raw)), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return false, err
	}
	// A float literal that underflows is 0.0 in Python too; an int
	// literal too large for a float64 gives ±Inf here, still nonzero.
	return f != 0, nil
}

// isIntLiteral reports whether a JSON number literal is an integer, which
// json.loads decodes to int rather than float.
func isIntLiteral(lit string) bool { return !strings.ContainsAny(lit, ".eE") }

// pyInt is Python's int() of a decoded value. Values outside the int64
// range are rejected (Python would accept them).
func pyInt(raw json.RawMessage) (int, error) {
	switch k := kind(raw); k {
	case 't':
		return 1, nil
	case 'f':
		return 0, nil
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return 0, err
		}
		return pyIntString(s)
	case '0':
		lit := string(bytes.TrimSpace(raw))
		if isIntLiteral(lit) {
			n, err := strconv.ParseInt(lit, 10, 64)
			if err != nil {
				return 0, fmt.Errorf("offset %s out of range", lit)
			}
			return int(n), nil
		}
		f, err := strconv.ParseFloat(lit, 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			return 0, err
		}
		if math.IsInf(f, 0) {
			return 0, fmt.Errorf("cannot convert float infinity (%s) to integer", lit)
		}
		f = math.Trunc(f)
		if f < -(1<<63) || f >= 1<<63 {
			return 0, fmt.Errorf("offset %s out of range", lit)
		}
		return int(f), nil
	default:
		return 0, fmt.Errorf("int() argument must be a string or a number, not %s", describe(k))
	}
}

// pyIsSpace is Python's str.isspace() for one character: Unicode white
// space plus the separators U+001C..U+001F.
func pyIsSpace(r rune) bool {
	return unicode.IsSpace(r) || 0x1c <= r && r <= 0x1f
}

// decimalValue returns the value of a decimal digit (general category Nd,
// which is Python's str.isdecimal()). Unicode encodes decimal digits in
// runs of ten consecutive code points from zero to nine.
func decimalValue(r rune) (int, bool) {
	if '0' <= r && r <= '9' {
		return int(r - '0'), true
	}
	if r < utf8.RuneSelf || !unicode.Is(unicode.Nd, r) {
		return 0, false
	}
	for _, rg := range unicode.Nd.R16 {
		if lo, hi := rune(rg.Lo), rune(rg.Hi); lo <= r && r <= hi {
			return int(r-lo) % 10, true
		}
	}
	for _, rg := range unicode.Nd.R32 {
		if lo, hi := rune(rg.Lo), rune(rg.Hi); lo <= r && r <= hi {
			return int(r-lo) % 10, true
		}
	}
	return 0, false
}

// intSpace is the white space Python's int() skips around a number: the
// ASCII white space of C's isspace, and str.isspace() beyond ASCII (so not
// U+001C..U+001F, which str.strip() does strip).
func intSpace(r rune) bool {
	if r < 127 {
		return r == ' ' || '\t' <= r && r <= '\r'
	}
	return pyIsSpace(r)
}

// pyIntString is Python's int(s) in base 10: surrounding white space, an
// optional sign, and decimal digits of any script with single underscores
// between them ("1_000", " +٤٢ ").
func pyIntString(s string) (int, error) {
	bad := func() (int, error) {
		return 0, fmt.Errorf("invalid literal for int() with base 10: %q", s)
	}
	t := strings.TrimFunc(s, intSpace)
	neg := false
	if t != "" && (t[0] == '+' || t[0] == '-') {
		neg = t[0] == '-'
		t = t[1:]
	}
	if t == "" {
		return bad()
	}
	var n uint64
	prevDigit := false
	for _, r := range t {
		if r == '_' {
			if !prevDigit {
				return bad()
			}
			prevDigit = false
			continue
		}
		d, ok := decimalValue(r)
		if !ok {
			return bad()
		}
		if n > (math.MaxUint64-9)/10 {
			return 0, fmt.Errorf("offset %q out of range", s)
		}
		n = n*10 + uint64(d)
		prevDigit = true
	}
	if !prevDigit {
		return bad()
	}
	switch {
	case !neg && n <= math.MaxInt64:
		return int(n), nil
	case neg && n <= 1<<63:
		return int(-int64(n-1) - 1), nil
	}
	return 0, fmt.Errorf("offset %q out of range", s)
}

// pyStr is Python's str() of a decoded scalar: a string as is, "None",
// "True", "False", an int in decimal, a float in repr. It reports false
// for arrays and objects.
func pyStr(raw json.RawMessage) (string, bool, error) {
	switch kind(raw) {
	case 'n':
		return "None", true, nil
	case 't':
		return "True", true, nil
	case 'f':
		return "False", true, nil
	case '"':
		var s string
		err := json.Unmarshal(raw, &s)
		return s, true, err
	case '[', '{':
		return "", false, nil
	}
	lit := string(bytes.TrimSpace(raw))
	if isIntLiteral(lit) {
		if strings.TrimLeft(lit, "-0") == "" {
			return "0", true, nil // -0 is the int 0
		}
		return lit, true, nil // JSON forbids leading zeros
	}
	f, err := strconv.ParseFloat(lit, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return "", false, err
	}
	return string(pyFloat(nil, f)), true, nil
}

// spans is the script's spans(): null gives no span; an object is a list
// of one; each element of a list is an object {"start", "end"} or, when
// its "parts" is truthy, the list of objects in parts; anything else is
// indexed, and its first two elements are the start and the end (so
// [s, e, ...] and even the string "12" are spans). Offsets go through
// Python's int().
func spans(raw json.RawMessage) ([]quotewire.Span, error) {
	var elems []json.RawMessage
	switch k := kind(raw); k {
	case 'n':
		return nil, nil
	case '{':
		elems = []json.RawMessage{raw}
	case '[':
		var err error
		if elems, err = decodeArray(raw); err != nil {
			return nil, err
		}
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, err
		}
		if s != "" {
			return nil, fmt.Errorf("span list is a non-empty string %q", s)
		}
		return nil, nil
	default:
		return nil, fmt.Errorf("span list is %s", describe(k))
	}
	var out []quotewire.Span
	for _, e := range elems {
		var err error
		switch kind(e) {
		case '{':
			out, err = appendObjectSpans(out, e)
		case '[':
			var a []json.RawMessage
			if a, err = decodeArray(e); err == nil {
				if len(a) < 2 {
					err = fmt.Errorf("span %s has fewer than two elements", e)
				} else {
					out, err = appendSpan(out, a[0], a[1])
				}
			}
		case '"':
			var s string
			if err = json.Unmarshal(e, &s); err == nil {
				r := []rune(s)
				if len(r) < 2 {
					err = fmt.Errorf("span %s has fewer than two characters", e)
				} else {
					var sp quotewire.Span
					if sp.Start, err = pyIntString(string(r[0])); err == nil {
						if sp.End, err = pyIntString(string(r[1])); err == nil {
							out = append(out, sp)
						}
					}
				}
			}
		default:
			err = fmt.Errorf("span %s is not an array or object", e)
		}
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// appendObjectSpans appends the spans of an object element of a span list.
func appendObjectSpans(out []quotewire.Span, raw json.RawMessage) ([]quotewire.Span, error) {
	o, err := decodeObject(raw)
	if err != nil {
		return nil, err
	}
	if ok, err := truthy(o["parts"]); err != nil {
		return nil, err
	} else if !ok {
		return appendSpanKeys(out, o)
	}
	if kind(o["parts"]) != '[' {
		return nil, fmt.Errorf("parts is %s, not an array", describe(kind(o["parts"])))
	}
	parts, err := decodeArray(o["parts"])
	if err != nil {
		return nil, err
	}
	for _, p := range parts {
		po, err := decodeObject(p)
		if err != nil {
			return nil, fmt.Errorf("part: %w", err)
		}
		if out, err = appendSpanKeys(out, po); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// appendSpanKeys appends the span {"start": s, "end": e} of o.
func appendSpanKeys(out []quotewire.Span, o object) ([]quotewire.Span, error) {
	s, ok1 := o["start"]
	e, ok2 := o["end"]
	if !ok1 || !ok2 {
		return nil, errors.New(`span object lacks "start" or "end"`)
	}
	return appendSpan(out, s, e)
}

// appendSpan appends the span from two encoded offsets.
func appendSpan(out []quotewire.Span, s, e json.RawMessage) ([]quotewire.Span, error) {
	start, err := pyInt(s)
	if err != nil {
		return nil, err
	}
	end, err := pyInt(e)
	if err != nil {
		return nil, err
	}
	return append(out, quotewire.Span{Start: start, End: end}), nil
}
