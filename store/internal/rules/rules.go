// Package rules holds what every store backend decides the same way, so
// that an archive answers alike on SQLite and PostgreSQL: when two
// articles are near duplicates, which stored entity a name refers to,
// which quotes are one quotation, and the limits and dates a search
// accepts. Each backend writes its own SQL around these decisions.
package rules

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/quotewire/quotewire"
)

// Near-duplicate detection: a signature of Bands*Rows MinHash values is
// cut into Bands bands; articles sharing a band are candidates, and a
// candidate agreeing on at least NearDuplicate of the values joins the
// cluster.
const (
	Bands         = 16
	Rows          = 4
	NearDuplicate = 0.7
)

// PackSignature encodes a signature as little-endian uint32s for a binary
// column; it returns nil for a signature that is not Bands*Rows long,
// which leaves the article unclustered.
func PackSignature(sig []uint32) []byte {
	if len(sig) != Bands*Rows {
		return nil
	}
	b := make([]byte, 4*len(sig))
	for i, v := range sig {
		binary.LittleEndian.PutUint32(b[4*i:], v)
	}
	return b
}

// BandHashes returns the hash of each band of a Bands*Rows signature.
func BandHashes(sig []uint32) []int64 {
	bands := make([]int64, Bands)
	for b := range Bands {
		h := uint64(b)
		for _, v := range sig[b*Rows : (b+1)*Rows] {
			h = h*0x100000001B3 ^ uint64(v)
		}
		bands[b] = int64(h)
	}
	return bands
}

// IsNearDuplicate reports whether sig and a stored signature (as
// PackSignature wrote it) agree on at least NearDuplicate of their values.
func IsNearDuplicate(sig []uint32, stored []byte) bool {
	if len(sig) == 0 || len(stored) != 4*len(sig) {
		return false
	}
	agree := 0
	for i, v := range sig {
		if binary.LittleEndian.Uint32(stored[4*i:]) == v {
			agree++
		}
	}
	return float64(agree) >= NearDuplicate*float64(len(sig))
}

// MinQuotationWords is the length from which the same words make the
// same quotation whoever they are attributed to; shorter quotes ("We will
// see.") are grouped only with the same speaker.
const MinQuotationWords = 6

// QuotationKey returns the key that groups a quote into its quotation:
// its QuoteKey, and for a quote shorter than MinQuotationWords also its
// speaker's id (0 when unresolved), hashed.
func QuotationKey(text string, speaker int64) string {
	return QuotationTextOf(text).Key(speaker)
}

// QuotationText is the part of a quotation key that depends on the quote's
// text alone, so that a writer can compute it before it knows the speaker.
type QuotationText struct {
	norm  string
	words int
}

// QuotationTextOf returns the text's part of its quotation key.
func QuotationTextOf(text string) QuotationText {
	norm, words := quotewire.QuoteKey(text)
	if words == 0 {
		norm = text
	}
	return QuotationText{norm: norm, words: words}
}

// Key returns the quotation key of the text said by speaker (see
// QuotationKey).
func (t QuotationText) Key(speaker int64) string {
	qkey := "t:" + t.norm
	if t.words < MinQuotationWords {
		qkey = fmt.Sprintf("s%d:%s", speaker, t.norm)
	}
	sum := sha256.Sum256([]byte(qkey))
	return hex.EncodeToString(sum[:16])
}

// EntityKey is the key an analysis entity is stored under (NameKey of
// its name), or "" for one that is not stored as an entity: a name with
// no letters, or an anonymous speaker ("spokesman for the ministry"),
// which is never merged with another article's by its description
// alone — its quotes keep the description as their speaker's name.
func EntityKey(e *quotewire.EntityOut) string {
	if e.Anonymous {
		return ""
	}
	return quotewire.NameKey(e.Name)
}

// RoleHead is the head word of a role, lower case and singular:
// "minister" for "Russian Foreign Minister".
func RoleHead(role string) string {
	k := quotewire.NameKey(role)
	if i := strings.LastIndexByte(k, ' '); i >= 0 {
		k = k[i+1:]
	}
	if len(k) > 3 {
		k = strings.TrimSuffix(k, "s")
	}
	return k
}

// RoleHeads returns the head word of each role (RoleHead, "" for a role
// without one), and those heads that are not "", in order.
func RoleHeads(roles []string) (each, heads []string) {
	each = make([]string, len(roles))
	heads = make([]string, 0, len(roles))
	for i, r := range roles {
		each[i] = RoleHead(r)
		if each[i] != "" {
			heads = append(heads, each[i])
		}
	}
	return each, heads
}

// CompatibleType reports whether an entity of type a can be one of type b.
func CompatibleType(a, b string) bool { return a == b || a == "" || b == "" }

// Candidate is a stored person a name with a surname might refer to.
type Candidate struct {
	ID int64
	// Given is the person's given names ("" for a surname alone).
	Given string
	// SharedRoles counts the role head words the name's roles share with
	// the person's.
	SharedRoles int
	// SurnameAlone marks an entity stored from a surname alone.
	SurnameAlone bool
	// Wikidata is the item the person is linked to ("" when unlinked).
	Wikidata string
}

// SameItem reports whether a stored entity linked to item stored may be
// what a mention linked to item mention names: unless both are linked,
// to different items. Two people of one name whom linking told apart
// ("Sergei Lavrov" the minister, "Sergei Lavrov" the footballer) are
// never merged by their name.
func SameItem(stored, mention string) bool {
	return stored == "" || mention == "" || stored == mention
}

// OfItem keeps the candidates that may be the person a mention linked to
// item qid names (SameItem), in order, reusing cands' storage.
func OfItem(cands []Candidate, qid string) []Candidate {
	if qid == "" {
		return cands
	}
	out := cands[:0]
	for _, c := range cands {
		if SameItem(c.Wikidata, qid) {
			out = append(out, c)
		}
	}
	return out
}

// PickPerson chooses among the stored people with a name's surname
// (most quoted first): for a name with given names, the one with the same
// given names, else the first with compatible ones (GivenNamesMatch); for
// a surname alone, the person with the most roles in common when no
// other person with incompatible given names has as many, else the
// entity stored from the surname alone. Two people who share only a
// surname are not merged. It returns 0 when none fits.
func PickPerson(given string, cands []Candidate) (int64, Join) {
	if given != "" {
		for _, c := range cands {
			if c.Given == given {
				return c.ID, Join{Rule: JoinName}
			}
		}
		for _, c := range cands {
			if quotewire.GivenNamesMatch(given, c.Given) {
				d := given + " ~ " + c.Given
				if c.Given == "" {
					d = "stored by the surname alone"
				}
				return c.ID, Join{Rule: JoinGiven, Detail: d}
			}
		}
		return 0, Join{}
	}
	// a surname alone: a person with a role in common, if exactly one
	// kind of evidence points at one; else the surname-alone entity
	var best *Candidate
	ambiguous := false
	for i := range cands {
		c := &cands[i]
		if c.SharedRoles == 0 || c.SurnameAlone {
			continue
		}
		switch {
		case best == nil || c.SharedRoles > best.SharedRoles:
			best, ambiguous = c, false
		case c.SharedRoles == best.SharedRoles && !quotewire.GivenNamesMatch(c.Given, best.Given):
			ambiguous = true
		}
	}
	if best != nil && !ambiguous {
		return best.ID, Join{Rule: JoinRole, Detail: fmt.Sprintf("%d role word(s) in common", best.SharedRoles)}
	}
	for _, c := range cands {
		if c.SurnameAlone {
			return c.ID, Join{Rule: JoinSurname}
		}
	}
	return 0, Join{}
}

// Join says why a name was resolved to a stored entity: the rule, and
// what it matched. A store keeps it with each name (alias) an entity
// gets, for 'quotewire explain-entity'.
type Join struct {
	Rule, Detail string
}

// The rules that join a name to an entity.
const (
	// JoinNew: no stored entity fitted; the name made a new one.
	JoinNew = "new entity"
	// JoinName: the same name (an alias with its name key).
	JoinName = "same name"
	// JoinItem: linked to the entity's Wikidata item (Detail: the item).
	JoinItem = "same Wikidata item"
	// JoinGiven: the same surname, and given names that are variants of
	// one another (Detail: "Sergei ~ Sergey").
	JoinGiven = "surname and given names"
	// JoinRole: a surname alone, with a role head word in common.
	JoinRole = "surname and role"
	// JoinSurname: a surname alone, to the entity stored by that surname
	// alone.
	JoinSurname = "surname alone"
)

// Search limits (quotewire's, the same on every front end).
const (
	DefaultLimit = quotewire.DefaultLimit
	MaxLimit     = quotewire.MaxLimit
)

// Candidates is how many of the newest matches of a text query a search
// ranks by relevance: all of them for rarer words, and for words that
// match more, the newest Candidates — so a query costs about the same on
// a store of any size. Paging past it widens it.
const Candidates = 2000

// Limit applies DefaultLimit to a zero or negative limit (a list's limit
// argument; a Query's is judged by Query.Check) and refuses one over
// MaxLimit with a *quotewire.ParamError.
func Limit(limit int) (int, error) {
	if limit <= 0 {
		limit = DefaultLimit
	}
	if err := quotewire.CheckRange("limit", limit, 1, MaxLimit); err != nil {
		return 0, err
	}
	return limit, nil
}

// likeReplacer escapes LIKE's wildcards and its escape character.
var likeReplacer = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// LikeEscape escapes s for a LIKE pattern written with ESCAPE '\', so a
// user's "%" or "_" matches itself.
func LikeEscape(s string) string { return likeReplacer.Replace(s) }

// ToBound returns the upper bound of a query's To date for comparing
// with stored dates as strings (bytewise): "2019" and "2019-05" include
// their whole span.
func ToBound(to string) string { return to + "\uffff" }

// DayNumber turns a YYYY-MM-DD date into the number YYYYMMDD, which orders
// as the dates do; 0 for anything else.
func DayNumber(d string) int32 {
	if len(d) != 10 || d[4] != '-' || d[7] != '-' {
		return 0
	}
	n := int32(0)
	for i := 0; i < 10; i++ {
		if i == 4 || i == 7 {
			continue
		}
		c := d[i]
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int32(c-'0')
	}
	return n
}

// RoleSeen decides whether a role seen in an article of day (DayNumber;
// 0 when undated) must be written, given the range of days a writer's
// cache holds for it (v, as RoleSeen returned it; known false when the
// cache holds nothing): only an article outside the known range writes.
// It returns the range to remember.
func RoleSeen(v int64, known bool, day int32) (write bool, seen int64) {
	first, last := int32(v>>32), int32(v)
	if known && (day == 0 || first != 0 && day >= first && day <= last) {
		return false, v
	}
	if day != 0 {
		if first == 0 || day < first {
			first = day
		}
		last = max(last, day)
	}
	return true, int64(first)<<32 | int64(uint32(last))
}

// JoinAcronym: the acronym an article gives an organisation ("Federal
// Security Service (FSB)"), stored as one of its names so that later
// articles' "FSB" finds it.
const JoinAcronym = "acronym in an article"

// AcronymAliases returns the acronyms an analysis entity is mentioned by
// besides its name — for an organisation, the mentions written in
// capitals, two to eight letters ("FSB", "F.B.I.") — without repeats.
func AcronymAliases(e *quotewire.EntityOut) []string {
	if e.Type != quotewire.Organization || e.Anonymous {
		return nil
	}
	var out []string
	nk := quotewire.NameKey(e.Name)
	for _, m := range e.Mentions {
		t := strings.TrimSpace(m.Text)
		letters := 0
		ok := true
		for i := 0; i < len(t) && ok; i++ {
			switch c := t[i]; {
			case c >= 'A' && c <= 'Z':
				letters++
			case c == '.':
			default:
				ok = false
			}
		}
		if !ok || letters < 2 || letters > 8 || quotewire.NameKey(t) == nk || slices.Contains(out, t) {
			continue
		}
		out = append(out, t)
	}
	return out
}
