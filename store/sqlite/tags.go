package sqlite

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// Every quote carries filter tokens in the full-text index's tags column,
// so that a search's filters are posting lists FTS5 intersects with the
// words, at the same cost on a store of any size:
//
//	s<id>      its speaker
//	o<hash>    its outlet (FNV-32 of the outlet name, in hex)
//	y<yyyy>    its article's year, and m<yyyymm> its month
//	a<id>      an entity its content names (QuoteOut.About)
//
// Dates are matched by year and month tokens and checked to the day
// afterwards. Entities are not tokens (an article names a dozen; their
// tokens doubled the index): the entity filter is checked on candidates.

// quoteTags returns the tags of a quote.
func quoteTags(speaker int64, outlet, date string, about ...int64) string {
	var b strings.Builder
	for _, id := range about {
		b.WriteString("a" + strconv.FormatInt(id, 10) + " ")
	}
	if speaker != 0 {
		b.WriteString("s" + strconv.FormatInt(speaker, 10) + " ")
	}
	if outlet != "" {
		b.WriteString(outletTag(outlet) + " ")
	}
	if len(date) >= 7 {
		b.WriteString("y" + date[:4] + " m" + date[:4] + date[5:7])
	}
	return strings.TrimSpace(b.String())
}

func outletTag(outlet string) string {
	h := fnv.New32a()
	h.Write([]byte(outlet))
	return fmt.Sprintf("o%08x", h.Sum32())
}

// orTags renders tokens as an FTS5 alternative: (a OR b OR c).
func orTags(prefix string, ids []any) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = prefix + fmt.Sprint(id)
	}
	return "(" + strings.Join(parts, " OR ") + ")"
}

// monthTags returns the year and month tokens that cover from..to
// (YYYY, YYYY-MM or YYYY-MM-DD): whole years as y<yyyy>, the months of
// partial years as m<yyyymm>. It returns "" when the range is open or
// needs more than maxTokens tokens (a day check alone is then used).
func monthTags(from, to string) string {
	const maxTokens = 60
	if from == "" || to == "" {
		return ""
	}
	fy, fm := ym(from, 1)
	ty, tm := ym(to, 12)
	if (ty-fy)*12+tm-fm < 0 {
		return ""
	}
	var parts []string
	for y := fy; y <= ty; y++ {
		lo, hi := 1, 12
		if y == fy {
			lo = fm
		}
		if y == ty {
			hi = tm
		}
		if lo == 1 && hi == 12 {
			parts = append(parts, fmt.Sprintf("y%04d", y))
			continue
		}
		for m := lo; m <= hi; m++ {
			parts = append(parts, fmt.Sprintf("m%04d%02d", y, m))
		}
		if len(parts) > maxTokens {
			return ""
		}
	}
	if len(parts) > maxTokens {
		return ""
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return "(" + strings.Join(parts, " OR ") + ")"
}

// ym reads the year and month of a date; a bare year gives month def.
func ym(d string, def int) (int, int) {
	y, _ := strconv.Atoi(d[:4])
	m := def
	if len(d) >= 7 {
		m, _ = strconv.Atoi(d[5:7])
	}
	return y, m
}
