package sqlread

import (
	"context"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/rules"
)

// Reads is the part of the quotewire.Store contract both backends answer
// with the same SQL: a backend's Store embeds it, with its DB, and
// answers the rest (writes, search and what is built on the full-text
// index) itself.
type Reads struct {
	// DB is the backend's database for reading.
	DB DB
}

// Article returns the stored record of the article with this key.
func (r Reads) Article(ctx context.Context, key string) (*quotewire.Record, error) {
	return Article(ctx, r.DB, key)
}

// ArticleQuotes returns the stored quotes of the article with this key in
// the order of its analysis.
func (r Reads) ArticleQuotes(ctx context.Context, key string) ([]quotewire.Hit, error) {
	return ArticleQuotes(ctx, r.DB, key)
}

// Records calls fn for every stored article in the order they were
// stored, reading a page at a time; fn runs between pages, so it may
// write to the store (as reanalyze does).
func (r Reads) Records(ctx context.Context, fn func(*quotewire.Record) error) error {
	return Records(ctx, r.DB, fn)
}

// NearDuplicates returns the other articles of the near-duplicate cluster
// of the article with this key, oldest first.
func (r Reads) NearDuplicates(ctx context.Context, key string, limit int) ([]quotewire.ArticleRef, error) {
	return NearDuplicates(ctx, r.DB, key, limit)
}

// CoMentioned returns the entities named most often in the articles where
// entity id is quoted, most first.
func (r Reads) CoMentioned(ctx context.Context, id int64, limit int) ([]quotewire.SpeakerCount, error) {
	return CoMentioned(ctx, r.DB, id, limit)
}

// Speakers lists the speakers whose name or alias contains name (every
// speaker when name is empty) with quotes of the acts (of any act when
// acts is empty), most quoted first.
func (r Reads) Speakers(ctx context.Context, name string, acts []quotewire.Act, limit int) ([]quotewire.Speaker, error) {
	return Entities(ctx, r.DB, name, "", true, acts, limit)
}

// Speaker returns one entity by id, with its count of quotes of the acts,
// its names, roles and the dates of its roles.
func (r Reads) Speaker(ctx context.Context, id int64, acts []quotewire.Act) (*quotewire.Speaker, error) {
	return Speaker(ctx, r.DB, id, acts)
}

// Entities lists the entities whose name or alias contains name, of type
// typ when set, most quoted first (counting quotes of the acts).
func (r Reads) Entities(ctx context.Context, name string, typ quotewire.EntityType, acts []quotewire.Act, limit int) ([]quotewire.Speaker, error) {
	return Entities(ctx, r.DB, name, typ, false, acts, limit)
}

// EntityNames returns the names entity id has and why each joined it.
func (r Reads) EntityNames(ctx context.Context, id int64) ([]quotewire.EntityName, error) {
	return EntityNames(ctx, r.DB, id)
}

// EntityArticles returns the newest articles that have entity id.
func (r Reads) EntityArticles(ctx context.Context, id int64, limit int) ([]quotewire.EntityArticle, error) {
	return EntityArticles(ctx, r.DB, id, limit)
}

// Quotation returns one quotation with a page of its occurrences (of
// every act), oldest first (QuotationPage).
func (r Reads) Quotation(ctx context.Context, id int64, offset, limit int) (*quotewire.Quotation, error) {
	return QuotationPage(ctx, r.DB, id, offset, limit)
}

// Quotations calls fn for every quotation with an occurrence of the acts
// (every quotation when acts is empty), in id order, with those
// occurrences oldest first, a page at a time (see rules.Quotations); fn
// runs between pages, so it may use the store.
func (r Reads) Quotations(ctx context.Context, acts []quotewire.Act, fn func(*quotewire.Quotation) error) error {
	return rules.Quotations(ctx, acts, r.quotations, fn)
}

// quotations is the rules.QuotationReader of the store.
func (r Reads) quotations(ctx context.Context, after, upto int64, page int, acts []string, fn func(*quotewire.Quotation) error) error {
	return Quotations(ctx, r.DB, after, upto, page, acts, fn)
}

// Stats counts what the store holds.
func (r Reads) Stats(ctx context.Context) (quotewire.Stats, error) {
	return Stats(ctx, r.DB)
}
