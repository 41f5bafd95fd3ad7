package quotewire

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// NameKey normalises a name for matching across articles: lower case,
// Latin diacritics folded ("Stamenković" and "Stamenkovic" match),
// punctuation dropped, a possessive "'s" removed, leading courtesy titles
// ("Mr", "Dr") dropped, single spaces.
func NameKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i, r := range s {
		switch {
		case r == '\'' || r == '’':
			// possessive 's at the end of a word: drop it; other apostrophes
			// vanish ("O'Brien" -> "obrien")
			if rest := s[i+utf8.RuneLen(r):]; strings.HasPrefix(rest, "s") && (len(rest) == 1 || !isLetterByte(rest[1])) {
				return finishKey(b.String() + keyTail(rest[1:]))
			}
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteString(fold(unicode.ToLower(r)))
		default:
			space = true
		}
	}
	return finishKey(b.String())
}

func isLetterByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80 }

// keyTail keys what follows a possessive, so "Lavrov's office" keys as
// "lavrov office".
func keyTail(s string) string {
	k := NameKey(s)
	if k == "" {
		return ""
	}
	return " " + k
}

// courtesyTitles are dropped from the front of a name key.
var courtesyTitles = map[string]bool{"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "sir": true, "dame": true, "prof": true}

func finishKey(k string) string {
	for {
		i := strings.IndexByte(k, ' ')
		if i < 0 || !courtesyTitles[k[:i]] {
			return k
		}
		k = k[i+1:]
	}
}

// latinFold maps accented Latin letters (lower case) to their base letter.
var latinFold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a", 'ă': "a", 'ą': "a",
	'æ': "ae", 'ç': "c", 'ć': "c", 'č': "c", 'ĉ': "c", 'ċ': "c", 'ď': "d", 'đ': "d", 'ð': "d",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ė': "e", 'ę': "e", 'ě': "e",
	'ğ': "g", 'ģ': "g", 'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ī': "i", 'į': "i", 'ı': "i",
	'ķ': "k", 'ĺ': "l", 'ļ': "l", 'ľ': "l", 'ł': "l", 'ñ': "n", 'ń': "n", 'ņ': "n", 'ň': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ō': "o", 'ő': "o", 'œ': "oe",
	'ŕ': "r", 'ř': "r", 'ś': "s", 'š': "s", 'ş': "s", 'ș': "s", 'ß': "ss", 'ť': "t", 'ţ': "t", 'ț': "t",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ū': "u", 'ů': "u", 'ű': "u", 'ų': "u",
	'ý': "y", 'ÿ': "y", 'ź': "z", 'ż': "z", 'ž': "z", 'þ': "th",
}

func fold(r rune) string {
	if r < utf8.RuneSelf {
		return string(rune(r))
	}
	if s, ok := latinFold[r]; ok {
		return s
	}
	return string(r)
}

// nameSuffixes are not surnames.
var nameSuffixes = map[string]bool{"jr": true, "sr": true, "ii": true, "iii": true, "iv": true}

// SplitName splits a name key into given names and surname: "sergey
// lavrov" gives ("sergey", "lavrov"); a single word is a surname alone.
func SplitName(key string) (given, surname string) {
	ws := strings.Fields(key)
	for len(ws) > 1 && nameSuffixes[ws[len(ws)-1]] {
		ws = ws[:len(ws)-1]
	}
	if len(ws) == 0 {
		return "", ""
	}
	return strings.Join(ws[:len(ws)-1], " "), ws[len(ws)-1]
}

// Surname returns the surname SplitName gives for a name key, without
// allocating: its last word, suffixes ("jr", "iii") left out.
func Surname(key string) string {
	for {
		i := strings.LastIndexByte(key, ' ')
		if i < 0 || !nameSuffixes[key[i+1:]] {
			return key[i+1:]
		}
		key = key[:i]
	}
}

// GivenNamesMatch reports whether two given names (from SplitName) can be
// the same person's: equal, an initial of the other ("s" and "sergey"),
// or transliteration variants — equal once spelled the same way ("y" and
// "i", "ks" and "x", "ph" and "f", double letters single: "sergey" and
// "sergei"), or, for names of eight letters and more, at most two letters
// apart after that ("aleksandr" and "alexander"). Empty given names never
// match: a surname alone is not evidence.
func GivenNamesMatch(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	if a == b {
		return true
	}
	fa, fb := firstField(a), firstField(b)
	if fa == fb {
		return true
	}
	if len(fa) == 1 || len(fb) == 1 {
		return fa[0] == fb[0]
	}
	ta, tb := translit(fa), translit(fb)
	if ta == tb {
		return true
	}
	if ta[0] != tb[0] || min(len(ta), len(tb)) < 8 {
		return false
	}
	return editDistance(ta, tb, 2) <= 2
}

// translitReplacer spells transliteration variants one way.
var translitReplacer = strings.NewReplacer("ks", "x", "ph", "f", "kh", "h", "y", "i", "j", "i", "w", "v", "c", "k", "ou", "u")

// translit spells a given name one way for GivenNamesMatch.
func translit(s string) string {
	s = translitReplacer.Replace(s)
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if i > 0 && s[i] == s[i-1] {
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

func firstField(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

// editDistance is the Levenshtein distance of a and b, or limit+1 when it
// is larger than limit.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// QuoteKey normalises a quote's text for recognising the same statement in
// several articles: lower case, diacritics folded, only letters and digits,
// single spaces, and typographic differences (curly quotes, dashes) gone.
// It returns the key and its number of words.
func QuoteKey(text string) (string, int) {
	var b strings.Builder
	b.Grow(len(text))
	words, space := 0, true
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space {
				if words > 0 {
					b.WriteByte(' ')
				}
				words++
			}
			space = false
			b.WriteString(fold(unicode.ToLower(r)))
			continue
		}
		if r == '\'' || r == '’' {
			continue // "don't" and "don’t" alike
		}
		space = true
	}
	return b.String(), words
}
