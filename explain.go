package quotewire

import (
	"context"
	"fmt"
	"strings"
	"unicode"
)

// EntityName is one name a stored entity has, and why it joined the
// entity: the rule that resolved it when it was first stored, and the
// article it first came from.
type EntityName struct {
	Name string `json:"name"`
	// Rule is the rule that joined the name to the entity: "new entity"
	// (the name made it), "same name", "same Wikidata item", "surname and
	// given names", "surname and role", "surname alone"; "" for a name
	// stored before stores kept the rule.
	Rule string `json:"rule"`
	// Detail is what the rule matched ("Sergei ~ Sergey", "Q7747").
	Detail string `json:"detail,omitempty"`
	// Article is the key of the article the name first came from, with
	// its title, date and URL ("" for names stored before).
	Article string `json:"article,omitempty"`
	Title   string `json:"title,omitempty"`
	Date    string `json:"date,omitempty"`
	URL     string `json:"url,omitempty"`
}

// EntityArticle is an article a stored entity is one of the entities of,
// and its id there ("e2").
type EntityArticle struct {
	Article string `json:"article"`
	Local   string `json:"local"`
}

// EntityExplainer is a store that says how its entities were made from
// the articles' names (both backends implement it).
type EntityExplainer interface {
	// EntityNames returns the names entity id has, in the order they
	// joined it, or an error wrapping ErrNotFound.
	EntityNames(ctx context.Context, id int64) ([]EntityName, error)
	// EntityArticles returns the newest articles (at most limit) that
	// have entity id among their entities.
	EntityArticles(ctx context.Context, id int64, limit int) ([]EntityArticle, error)
}

// MentionJoin is one mention of an entity in an article and the rule
// that made it a mention of that entity within the article.
type MentionJoin struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Rule: "the name", "same name" (spelled otherwise), "the name with
	// a title or role", "well-known form" (U.S. for the United States),
	// "acronym", "surname", "part of the name", "pronoun", "role or
	// description", "coreference".
	Rule string `json:"rule"`
}

// ArticleExplanation is how one article names an entity.
type ArticleExplanation struct {
	Article string `json:"article"`
	Title   string `json:"title,omitempty"`
	Date    string `json:"date,omitempty"`
	URL     string `json:"url,omitempty"`
	// Name and Roles are the entity's name and roles in that article,
	// Wikidata the item the article's context linked it to ("" when
	// unlinked).
	Name     string        `json:"name"`
	Roles    []string      `json:"roles"`
	Wikidata string        `json:"wikidata,omitempty"`
	Mentions []MentionJoin `json:"mentions"`
}

// EntityExplanation says how a stored entity came to be: which names
// joined it across articles and by which rule, and, in its newest
// articles, which mentions the article joined to it and by which rule.
type EntityExplanation struct {
	Entity   *Speaker             `json:"entity"`
	Names    []EntityName         `json:"names"`
	Articles []ArticleExplanation `json:"articles"`
}

// explainSource is what ExplainEntity reads of a store besides
// EntityExplainer.
type explainSource interface {
	Speaker(ctx context.Context, id int64, acts []Act) (*Speaker, error)
	Article(ctx context.Context, key string) (*Record, error)
}

// ExplainEntity explains entity id of store s (a Store, or the part of
// one a server reads), with at most articles of its newest articles. The
// store must be an EntityExplainer.
func ExplainEntity(ctx context.Context, s explainSource, id int64, articles int) (*EntityExplanation, error) {
	ex, ok := s.(EntityExplainer)
	if !ok {
		return nil, fmt.Errorf("this store does not keep how its entities were joined")
	}
	sp, err := s.Speaker(ctx, id, nil)
	if err != nil {
		return nil, err
	}
	names, err := ex.EntityNames(ctx, id)
	if err != nil {
		return nil, err
	}
	out := &EntityExplanation{Entity: sp, Names: names, Articles: []ArticleExplanation{}}
	refs, err := ex.EntityArticles(ctx, id, articles)
	if err != nil {
		return nil, err
	}
	for _, r := range refs {
		rec, err := s.Article(ctx, r.Article)
		if err != nil {
			return nil, fmt.Errorf("article %s: %w", r.Article, err)
		}
		a := rec.Analysis
		for _, e := range a.Entities {
			if e.ID != r.Local {
				continue
			}
			ae := ArticleExplanation{Article: r.Article, Title: a.Title, Date: a.Date, URL: a.URL,
				Name: e.Name, Roles: e.Roles, Wikidata: e.Wikidata, Mentions: make([]MentionJoin, 0, len(e.Mentions))}
			for _, m := range e.Mentions {
				ae.Mentions = append(ae.Mentions, MentionJoin{Start: m.Start, End: m.End, Text: m.Text, Rule: MentionRule(e.Name, e.Roles, m.Text)})
			}
			out.Articles = append(out.Articles, ae)
		}
	}
	return out, nil
}

// pronouns are the words that refer to an entity by pronoun.
var pronouns = map[string]bool{"he": true, "she": true, "him": true, "her": true, "his": true, "hers": true,
	"they": true, "them": true, "their": true, "it": true, "its": true, "we": true, "us": true, "our": true,
	"i": true, "me": true, "my": true, "himself": true, "herself": true, "itself": true, "themselves": true}

// MentionRule says by which rule a mention written as mention is one of
// an entity of that name and roles within an article (the rules the
// analysis follows when it joins mentions): the name itself, the same
// name spelled otherwise, a well-known form, the acronym of the name,
// its surname, a part of it, a pronoun, a role or description, and any
// other coreference.
func MentionRule(name string, roles []string, mention string) string {
	nk, mk := NameKey(name), NameKey(mention)
	switch {
	case mention == name:
		return "the name"
	case mk != "" && mk == nk:
		return "same name"
	}
	if nk != "" && strings.Contains(" "+mk+" ", " "+nk+" ") {
		return "the name with a title or role"
	}
	if a, ok := CanonicalName(name); ok {
		if b, ok := CanonicalName(mention); ok && a.Name == b.Name {
			return "well-known form"
		}
	}
	if isAcronymOf(mention, name) {
		return "acronym"
	}
	if pronouns[strings.ToLower(strings.TrimSpace(mention))] {
		return "pronoun"
	}
	if mk != "" && mk == Surname(nk) {
		return "surname"
	}
	if mk != "" && strings.Contains(" "+nk+" ", " "+mk+" ") {
		return "part of the name"
	}
	for _, r := range roles {
		rk := NameKey(r)
		if rk == "" {
			continue
		}
		head := rk[strings.LastIndexByte(rk, ' ')+1:]
		if strings.Contains(" "+mk+" ", " "+head+" ") {
			return "role or description"
		}
	}
	if strings.HasPrefix(mk, "the ") || strings.HasPrefix(mk, "a ") {
		return "role or description"
	}
	return "coreference"
}

// isAcronymOf reports whether acr ("FSB", "F.S.B.") is the initials of
// the capitalised words of name ("Federal Security Service").
func isAcronymOf(acr, name string) bool {
	var letters []rune
	for _, r := range acr {
		switch {
		case unicode.IsUpper(r):
			letters = append(letters, r)
		case r == '.' || r == '&':
		default:
			return false
		}
	}
	if len(letters) < 2 {
		return false
	}
	var initials []rune
	for _, w := range strings.Fields(name) {
		r := []rune(w)[0]
		if unicode.IsUpper(r) {
			initials = append(initials, r)
		}
	}
	return string(initials) == string(letters)
}
