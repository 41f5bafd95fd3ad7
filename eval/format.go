package eval

import (
	"io"
	"math"
	"strconv"
	"strings"
)

// Round4 rounds x to four decimal places the way Python's round(x, 4)
// does: the exact binary value of x is rounded to the nearest multiple of
// 0.0001, ties to even (so 0.03125 gives 0.0312), and the result is the
// float64 nearest to that decimal. strconv's fixed-precision formatting
// rounds the exact value the same way.
func Round4(x float64) float64 {
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return x
	}
	// ParseFloat keeps the sign of "-0.0000", as Python keeps it:
	// round(-0.00001, 4) is -0.0.
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 4, 64), 64)
	return v
}

// pyFloat appends Python's repr of x: the shortest digits that read back
// as x, in positional notation when the scientific exponent is in [-4, 16)
// (with ".0" added to integers) and in scientific notation otherwise, with
// at least two exponent digits ("1e-05", "1e+16").
func pyFloat(dst []byte, x float64) []byte {
	switch {
	case math.IsNaN(x):
		return append(dst, "nan"...)
	case math.IsInf(x, 1):
		return append(dst, "inf"...)
	case math.IsInf(x, -1):
		return append(dst, "-inf"...)
	}
	e := strconv.FormatFloat(x, 'e', -1, 64) // [-]d[.ddd]e±XX
	if e[0] == '-' {
		dst = append(dst, '-')
		e = e[1:]
	}
	k := strings.IndexByte(e, 'e')
	digits := strings.Replace(e[:k], ".", "", 1)
	exp, _ := strconv.Atoi(e[k+1:])
	decpt := exp + 1 // x = 0.digits × 10^decpt
	switch {
	case decpt <= -4 || decpt > 16:
		dst = append(dst, digits[0])
		if len(digits) > 1 {
			dst = append(dst, '.')
			dst = append(dst, digits[1:]...)
		}
		dst = append(dst, 'e')
		if exp < 0 {
			dst = append(dst, '-')
			exp = -exp
		} else {
			dst = append(dst, '+')
		}
		if exp < 10 {
			dst = append(dst, '0')
		}
		return strconv.AppendInt(dst, int64(exp), 10)
	case decpt <= 0:
		dst = append(dst, "0."...)
		dst = append(dst, strings.Repeat("0", -decpt)...)
		return append(dst, digits...)
	case decpt >= len(digits):
		dst = append(dst, digits...)
		dst = append(dst, strings.Repeat("0", decpt-len(digits))...)
		return append(dst, ".0"...)
	default:
		dst = append(dst, digits[:decpt]...)
		dst = append(dst, '.')
		return append(dst, digits[decpt:]...)
	}
}

// appendPy appends p as the script prints its dict {"p": .., "r": ..,
// "f1": ..}: with quote '"' as json.dumps does, with a single quote as
// str() does.
func (p PRF) appendPy(dst []byte, quote byte) []byte {
	dst = append(dst, '{')
	for i, kv := range [...]struct {
		k string
		v float64
	}{{"p", p.P}, {"r", p.R}, {"f1", p.F1}} {
		if i > 0 {
			dst = append(dst, ", "...)
		}
		dst = append(dst, quote)
		dst = append(dst, kv.k...)
		dst = append(dst, quote, ':', ' ')
		dst = pyFloat(dst, kv.v)
	}
	return append(dst, '}')
}

// MarshalJSON encodes p like the script does, floats in Python's repr
// ({"p": 1.0, "r": 0.5, "f1": 0.6667}).
func (p PRF) MarshalJSON() ([]byte, error) { return p.appendPy(nil, '"'), nil }

// field is one figure as the script prints it: its key, and a function
// that appends its value with the given quote character for dict keys.
type field struct {
	key   string
	value func(dst []byte, quote byte) []byte
}

// fields lists the figures in the order of the script's output.
func (r *Result) fields() []field {
	i := func(n int) func([]byte, byte) []byte {
		return func(dst []byte, _ byte) []byte { return strconv.AppendInt(dst, int64(n), 10) }
	}
	p := func(v PRF) func([]byte, byte) []byte { return v.appendPy }
	return []field{
		{"docs", i(r.Docs)},
		{"docs_without_prediction", i(r.DocsWithoutPrediction)},
		{"gold", i(r.Gold)},
		{"predicted", i(r.Predicted)},
		{"content_partial", p(r.ContentPartial)},
		{"content_exact", p(r.ContentExact)},
		{"attribution", p(r.Attribution)},
		{"cue_accuracy_on_matched", func(dst []byte, _ byte) []byte { return pyFloat(dst, r.CueAccuracyOnMatched) }},
		{"content_tokens", p(r.ContentTokens)},
	}
}

// appendJSON appends the line the script prints with --json, without the
// newline.
func (r Result) appendJSON(dst []byte) []byte {
	dst = append(dst, '{')
	for i, f := range r.fields() {
		if i > 0 {
			dst = append(dst, ", "...)
		}
		dst = append(dst, '"')
		dst = append(dst, f.key...)
		dst = append(dst, '"', ':', ' ')
		dst = f.value(dst, '"')
	}
	return append(dst, '}')
}

// MarshalJSON encodes r with the keys, order and number formatting of the
// script's --json output (floats always with a decimal point: 1.0, 0.0).
// encoding/json removes the spaces after ':' and ','; WriteJSON keeps them.
func (r Result) MarshalJSON() ([]byte, error) { return r.appendJSON(nil), nil }

// WriteJSON writes r byte for byte as the script's --json output: one line
// as Python's json.dumps formats it.
func (r Result) WriteJSON(w io.Writer) error {
	_, err := w.Write(append(r.appendJSON(nil), '\n'))
	return err
}

// WriteText writes r byte for byte as the script's plain output: one line
// per figure, the key padded to 28 columns, a space and the value as
// Python prints it ({'p': 0.5, 'r': 0.25, 'f1': 0.3333} for a PRF).
func (r Result) WriteText(w io.Writer) error {
	var b []byte
	for _, f := range r.fields() {
		b = append(b, f.key...)
		for n := len(f.key); n < 28; n++ {
			b = append(b, ' ')
		}
		b = append(b, ' ')
		b = f.value(b, '\'')
		b = append(b, '\n')
	}
	_, err := w.Write(b)
	return err
}

// String returns r as WriteText writes it.
func (r Result) String() string {
	var sb strings.Builder
	r.WriteText(&sb)
	return sb.String()
}
