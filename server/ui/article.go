package ui

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/quotewire/quotewire"
)

// maxKeyLen caps an article key in a path; stored keys are 21 bytes.
const maxKeyLen = 200

// piece is a run of article text inside one paragraph: plain, or a part
// (content, cue or source) of one quote.
type piece struct {
	Text string
	// Quote is the index of the quote in the analysis, or -1 for plain text.
	Quote int
	// Role is RoleContent, RoleCue, RoleSource or RolePlain.
	Role string
	// Anchor is the element id of the quote's first content piece
	// (quoteAnchor), "" on every other piece.
	Anchor string
	// Entity is the type of the entity mention the piece is in, if any.
	Entity quotewire.EntityType
}

// quoteView is one quote of an article, as the page describes it.
type quoteView struct {
	Index      int
	Kind       quotewire.QuoteKind
	Text       string
	Speaker    string
	Confidence float64
	Cue        string
	Source     string
	// Act is what the quote does (statement, question, ...).
	Act quotewire.Act
	// Anonymous is true when the article does not name the speaker:
	// Speaker is the descriptor that stands for them.
	Anonymous bool
	// Continued marks a later part of one quote.
	Continued bool
	// Via names who relayed the statement, if anyone did.
	Via string
	// Anchor is the id of the quote's highlight ("" when it has none).
	Anchor string
	// Tip says who said it, how and how surely, for the highlight's title.
	Tip string
	// SpeakerID and QuotationID link the quote to the store's speaker
	// and quotation pages, and ViaID the relay's page; 0 when they could
	// not be found.
	SpeakerID, QuotationID, ViaID int64
}

// entityView is one entity of an article.
type entityView struct {
	Name     string
	Roles    []string
	Mentions int
	// SpeakerID links a person quoted in the article to their page.
	SpeakerID int64
	// Anonymous marks a speaker the article does not name (Name is the
	// descriptor), who has no page.
	Anonymous bool
}

// entityGroup is the entities of one type.
type entityGroup struct {
	Type     string
	Entities []entityView
}

// articleView is the data of the article page.
type articleView struct {
	head
	Key      string
	Outlet   string
	A        *quotewire.Analysis
	URL      string
	Link     string
	Paras    [][]piece
	Quotes   []quoteView
	Groups   []entityGroup
	Repeated []quotewire.RepeatedSentence
	// Copies are the other articles of its near-duplicate cluster.
	Copies []quotewire.ArticleRef
}

// article serves an article's text with its quotes highlighted.
func (u *UI) article(w http.ResponseWriter, r *http.Request) error {
	key := r.PathValue("key")
	if len(key) > maxKeyLen {
		return notFound("There is no article with this key.")
	}
	rec, err := u.store.Article(r.Context(), key)
	if errors.Is(err, quotewire.ErrNotFound) {
		return notFound("There is no article with the key %q.", key)
	}
	if err != nil {
		return err
	}
	a := rec.Analysis
	if a == nil {
		return fmt.Errorf("article %q: the store returned no analysis", key)
	}
	v := articleView{Key: rec.Key, Outlet: rec.Outlet, A: a, URL: a.URL, Link: webURL(a.URL)}
	v.Title = articleTitle(a)
	v.Quotes = make([]quoteView, len(a.Quotes))
	for i, q := range a.Quotes {
		qv := quoteView{Index: i, Kind: q.Type, Text: q.Content.Text, Confidence: q.Confidence, Act: q.Act, Continued: q.Continued}
		if qv.Act == "" {
			qv.Act = quotewire.Statement
		}
		if q.Speaker != nil {
			qv.Speaker, qv.Anonymous = q.Speaker.Name, q.Speaker.Anonymous
		}
		if q.Via != nil {
			qv.Via = q.Via.Name
		}
		if q.Cue != nil {
			qv.Cue = q.Cue.Text
		}
		if q.Source != nil {
			qv.Source = q.Source.Text
		}
		qv.Tip = quoteTip(qv)
		v.Quotes[i] = qv
	}
	v.Paras = paragraphs(Segments(a), v.Quotes)
	u.linkQuotes(r, rec, v.Quotes)
	v.Groups = entityGroups(a, v.Quotes)
	v.Repeated = a.RepeatedSentences
	if v.Copies, err = u.store.NearDuplicates(r.Context(), rec.Key, 20); err != nil {
		return err
	}
	return u.render(w, http.StatusOK, "article", v)
}

// articleTitle is the article's title, or its first words when it has
// none.
func articleTitle(a *quotewire.Analysis) string {
	if t := strings.TrimSpace(a.Title); t != "" {
		return t
	}
	words := strings.Fields(a.Text)
	if len(words) > 12 {
		return strings.Join(words[:12], " ") + " …"
	}
	if len(words) == 0 {
		return a.ID
	}
	return strings.Join(words, " ")
}

// quoteTip describes a quote in one line: speaker (unnamed, relayed),
// kind, act, confidence, cue.
func quoteTip(q quoteView) string {
	who := q.Speaker
	switch {
	case who == "":
		who = "unattributed"
	case q.Anonymous:
		who += " (unnamed)"
	}
	if q.Via != "" {
		who += " via " + q.Via
	}
	kind := string(q.Kind) + " quote"
	if q.Act != quotewire.Statement && q.Act != "" {
		kind += " · " + string(q.Act)
	}
	tip := fmt.Sprintf("%s · %s · confidence %.2f", who, kind, q.Confidence)
	if q.Cue != "" {
		tip += " · cue “" + q.Cue + "”"
	}
	return tip
}

// paraBreak is a blank line: where one paragraph ends and the next starts.
var paraBreak = regexp.MustCompile(`\n[ \t\r\f\v]*\n\s*`)

// paragraphs cuts the segments at blank lines into paragraphs of pieces,
// and gives each quote's first content piece its anchor.
func paragraphs(segs []Segment, quotes []quoteView) [][]piece {
	var paras [][]piece
	var cur []piece
	anchored := map[string]bool{}
	for _, s := range segs {
		text := s.Text
		for {
			loc := paraBreak.FindStringIndex(text)
			end := len(text)
			if loc != nil {
				end = loc[0]
			}
			if end > 0 {
				p := piece{Text: text[:end], Quote: s.Quote, Role: s.Role, Entity: s.Entity}
				if s.Role == RoleContent && quotes[s.Quote].Anchor == "" {
					a := quoteAnchor(s.Start)
					if !anchored[a] {
						anchored[a] = true
						p.Anchor = a
						quotes[s.Quote].Anchor = a
					}
				}
				cur = append(cur, p)
			}
			if loc == nil {
				break
			}
			if len(cur) > 0 {
				paras = append(paras, cur)
				cur = nil
			}
			text = text[loc[1]:]
		}
	}
	if len(cur) > 0 {
		paras = append(paras, cur)
	}
	// spaces around a paragraph would show: pre-wrap keeps them
	for _, p := range paras {
		p[0].Text = strings.TrimLeftFunc(p[0].Text, unicode.IsSpace)
		p[len(p)-1].Text = strings.TrimRightFunc(p[len(p)-1].Text, unicode.IsSpace)
	}
	return paras
}

// Limits on linking an article's quotes to the store's speakers and
// quotations: the quotes considered, the speakers looked up by name, the
// quotes looked up by their words.
const (
	maxLinked   = 500
	maxSpeakers = 30
	maxPhrases  = 30
)

// linkQuotes finds the store's speaker and quotation of each quote of
// the article, for links: the store's quotes of the article, one indexed
// read. When those do not line up with the analysis (a store written by
// an older build), it asks for the quotes of each of the article's
// speakers on its date, and then for the opening words of the quotes
// still unmatched; it keeps the hits from this article at the same
// offsets. A quote not found keeps its zero ids: the page shows it
// without links.
func (u *UI) linkQuotes(r *http.Request, rec *quotewire.Record, quotes []quoteView) {
	hits, err := u.store.ArticleQuotes(r.Context(), rec.Key)
	if err == nil && len(hits) == len(quotes) {
		for i, h := range hits {
			quotes[i].SpeakerID, quotes[i].QuotationID, quotes[i].ViaID = h.SpeakerID, h.QuotationID, h.ViaID
		}
		return
	}
	if err != nil {
		u.log.Debug("link quotes", "article", rec.Key, "err", err)
	}
	type at struct{ start, end int }
	a := rec.Analysis
	want := map[at][]int{}
	left := 0
	var names []string
	seen := map[string]bool{}
	for i, q := range a.Quotes {
		if i == maxLinked {
			break
		}
		k := at{q.Content.Start, q.Content.End}
		want[k] = append(want[k], i)
		left++
		if q.Speaker != nil && q.Speaker.Name != "" && !seen[q.Speaker.Name] {
			seen[q.Speaker.Name] = true
			names = append(names, q.Speaker.Name)
		}
	}
	take := func(q quotewire.Query) {
		hits, err := u.store.Search(r.Context(), q)
		if err != nil {
			u.log.Debug("link quotes", "article", rec.Key, "err", err)
			return
		}
		for _, h := range hits {
			k := at{h.Start, h.End}
			if h.ArticleKey != rec.Key || len(want[k]) == 0 {
				continue
			}
			i := want[k][0]
			want[k] = want[k][1:]
			left--
			quotes[i].SpeakerID, quotes[i].QuotationID, quotes[i].ViaID = h.SpeakerID, h.QuotationID, h.ViaID
		}
	}
	var from, to string
	if len(a.Date) == 10 {
		from, to = a.Date, a.Date
		// by speaker: an index lookup each, however long the article
		for _, name := range names[:min(len(names), maxSpeakers)] {
			take(quotewire.Query{Speaker: name, From: from, To: to, Limit: 1000})
		}
	}
	if left == 0 {
		return
	}
	// by words: a full-text search, so only a few
	var phrases []string
	for i, q := range a.Quotes[:min(len(a.Quotes), maxLinked)] {
		if quotes[i].QuotationID != 0 {
			continue
		}
		if p := rareWords(q.Content.Text); p != "" {
			phrases = append(phrases, p)
		}
		if len(phrases) == maxPhrases {
			break
		}
	}
	if len(phrases) == 0 {
		return
	}
	sort.Strings(phrases)
	phrases = compactStrings(phrases)
	take(quotewire.Query{Text: strings.Join(phrases, " OR "), From: from, To: to, Limit: min(1000, 3*len(phrases)+20)})
}

// rareWords returns a query that matches text by its three longest
// words, "(promised reconstruction yesterday)", or "" when it has none:
// long words are rare, so their index lists are short and the search
// quick, where the opening words ("and if the") would be common.
func rareWords(text string) string {
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	sort.SliceStable(words, func(i, j int) bool { return len(words[i]) > len(words[j]) })
	var keep []string
	for _, w := range words {
		if len(keep) == 3 {
			break
		}
		if w == "OR" || w == "AND" || w == "NOT" {
			w = strings.ToLower(w) // a word, not an operator
		}
		if !slices.Contains(keep, w) {
			keep = append(keep, w)
		}
	}
	if len(keep) == 0 {
		return ""
	}
	return "(" + strings.Join(keep, " ") + ")"
}

// compactStrings drops repeats from a sorted slice.
func compactStrings(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// entityTypes orders the entity groups.
var entityTypes = []quotewire.EntityType{quotewire.Person, quotewire.Organization, quotewire.Place}

// entityGroups lists the article's entities by type, most mentioned
// first, linking the speakers of quotes to their pages.
func entityGroups(a *quotewire.Analysis, quotes []quoteView) []entityGroup {
	speakerOf := map[string]int64{}
	for i, q := range a.Quotes {
		if q.Speaker != nil && quotes[i].SpeakerID != 0 {
			speakerOf[q.Speaker.ID] = quotes[i].SpeakerID
		}
	}
	byType := map[quotewire.EntityType][]entityView{}
	for _, e := range a.Entities {
		byType[e.Type] = append(byType[e.Type], entityView{Name: e.Name, Roles: e.Roles, Mentions: len(e.Mentions), SpeakerID: speakerOf[e.ID],
			Anonymous: e.Anonymous})
	}
	types := append([]quotewire.EntityType(nil), entityTypes...)
	for t := range byType {
		if t != quotewire.Person && t != quotewire.Organization && t != quotewire.Place {
			types = append(types, t)
		}
	}
	sort.SliceStable(types[len(entityTypes):], func(i, j int) bool { return types[len(entityTypes)+i] < types[len(entityTypes)+j] })
	var out []entityGroup
	for _, t := range types {
		es := byType[t]
		if len(es) == 0 {
			continue
		}
		sort.SliceStable(es, func(i, j int) bool { return es[i].Mentions > es[j].Mentions })
		name := string(t)
		switch t {
		case quotewire.Person:
			name = "People"
		case quotewire.Organization:
			name = "Organisations"
		case quotewire.Place:
			name = "Places"
		case "":
			name = "Other"
		}
		out = append(out, entityGroup{Type: name, Entities: es})
	}
	return out
}
