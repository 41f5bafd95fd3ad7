package quotewire

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
)

// Record is one analysed article as a Store keeps it: the analysis, where
// it was read from, the outlet that published it and its near-duplicate
// signature.
type Record struct {
	// Key is the article's stable identity in a store, computed from its
	// URL and text by ArticleKey: re-reading the same article gives the
	// same Key, so storing it again adds nothing.
	Key string
	// Analysis is the extraction result; its ID is the reader's ID for the
	// article (a file name, a JSON Lines record's id).
	Analysis *Analysis
	// Origin says where the article was read from.
	Origin Origin
	// Outlet is the publisher: the host of the URL without "www.", else
	// the news agency of the dateline; "" when unknown.
	Outlet string
	// Signature is the article's MinHash signature for near-duplicate
	// clustering (package dedup); nil leaves the article unclustered.
	Signature []uint32
}

// PutResult says what a Store.Put did with a batch of records.
type PutResult struct {
	// Added counts the records stored; Skipped those whose Key was already
	// stored (their analysis is left as it was).
	Added, Skipped int
}

// Query asks a Store for quotes. Zero fields do not filter.
type Query struct {
	// Text is a full-text query over the quotes' words: words (all must
	// match), "exact phrases", OR between alternatives, a leading - or NOT
	// to exclude, a trailing * for a prefix, parentheses to group
	// (see ParseQuery).
	Text string
	// Speaker matches the speaker's name or any of their aliases
	// ("Lavrov" finds "Sergey Lavrov").
	Speaker string
	// SpeakerID keeps the quotes of one stored speaker (Speaker.ID).
	SpeakerID int64
	// Entity keeps quotes from articles that mention this entity.
	Entity string
	// About keeps quotes whose content names this entity (QuoteOut.About):
	// with Speaker, what one person said about another.
	About string
	// Outlet keeps quotes from this outlet ("tass.com").
	Outlet string
	// Unnamed keeps the quotes of speakers the articles do not name and
	// describe so ("senior official"; UnnamedSpeaker.Description),
	// compared without regard to case.
	Unnamed string
	// From and To bound the article date, inclusive, as YYYY-MM-DD.
	From, To string
	// MinConfidence keeps quotes at least this confident.
	MinConfidence float64
	// Acts keeps quotes whose act is one of these (ParseActs reads them
	// as users write them); empty keeps every act. A Store filters only
	// when asked: the archive's surfaces (search, the API, the web UI,
	// export) ask for DefaultActs unless the user chose otherwise.
	Acts []Act
	// Limit caps the hits (a Store applies a default when zero); Offset
	// skips the first hits, for paging.
	Limit, Offset int
}

// Hit is one quote a search found, with what a reader needs to judge it.
type Hit struct {
	// ID is the quote's id in the store.
	ID int64 `json:"id"`
	// Text is the quote's content.
	Text string `json:"text"`
	// Kind is direct, indirect or mixed.
	Kind QuoteKind `json:"kind"`
	// Speaker is the resolved speaker's name ("" when unresolved) and
	// SpeakerID their id in the store (0 when unresolved).
	Speaker   string `json:"speaker"`
	SpeakerID int64  `json:"speaker_id,omitempty"`
	// SpeakerWikidata is the Wikidata item the speaker is linked to, ""
	// when unlinked (see WikidataLinker).
	SpeakerWikidata string `json:"speaker_wikidata,omitempty"`
	// Act is what the quote does: statement, question, directive,
	// belief, evaluation or other.
	Act Act `json:"act"`
	// Anonymous is true when the article never names the speaker:
	// Speaker is then the descriptor that stands for them ("a senior
	// official") and SpeakerID is 0, as such speakers are not stored
	// across articles.
	Anonymous bool `json:"anonymous,omitempty"`
	// Continued is true for a later part of one quote (a paragraph with
	// no cue of its own that continues the speaker before it).
	Continued bool `json:"continued,omitempty"`
	// Via names who relayed the statement ("…, the newspaper reported")
	// when the speaker is someone else, and ViaID is its id in the store
	// when it is a stored entity (0 otherwise).
	Via   string `json:"via,omitempty"`
	ViaID int64  `json:"via_id,omitempty"`
	// Confidence is the extractor's confidence.
	Confidence float64 `json:"confidence"`
	// ArticleKey, Title, Date, Outlet and URL describe the article.
	ArticleKey string `json:"article"`
	Title      string `json:"title"`
	Date       string `json:"date"`
	Outlet     string `json:"outlet"`
	URL        string `json:"url"`
	// Start and End are the quote's byte offsets in the article text.
	Start int `json:"start"`
	End   int `json:"end"`
	// QuotationID groups the occurrences of one statement across articles.
	QuotationID int64 `json:"quotation_id"`
	// Score ranks the hit: higher is better.
	Score float64 `json:"score"`
}

// ArticleRef names a stored article.
type ArticleRef struct {
	Key    string `json:"article"`
	Title  string `json:"title"`
	Date   string `json:"date"`
	Outlet string `json:"outlet"`
	URL    string `json:"url"`
}

// RoleSpan is a role and the dates of the first and last article that
// gave it ("" when undated).
type RoleSpan struct {
	Role  string `json:"role"`
	First string `json:"first"`
	Last  string `json:"last"`
}

// Speaker is a person or organisation a store resolved across articles.
type Speaker struct {
	ID   int64      `json:"id"`
	Name string     `json:"name"`
	Type EntityType `json:"type"`
	// Wikidata is the item the speaker is linked to ("Q7747"; see
	// WikidataLinker), "" when unlinked.
	Wikidata string   `json:"wikidata,omitempty"`
	Aliases  []string `json:"aliases"`
	Roles    []string `json:"roles"`
	// RoleSpans are the roles with when they were seen, oldest first,
	// where the store keeps that (Store.Speaker).
	RoleSpans []RoleSpan `json:"role_spans,omitempty"`
	// CanonicalRoles are the offices the roles name, each with its forms
	// and dates (CanonicalRoles of RoleSpans; Store.Speaker).
	CanonicalRoles []CanonicalRoleSpan `json:"canonical_roles,omitempty"`
	// Quotes counts the quotes attributed to the speaker: those whose
	// act is one of the acts asked for (every act when none are).
	Quotes int `json:"quotes"`
}

// UnnamedSpeaker is a speaker an outlet's articles do not name, known by
// the words that describe them ("senior official", "police in the
// city"): the quotes of one outlet with one description, grouped. A
// description is not an identity, so neither articles of different
// outlets nor different descriptions are ever merged; Articles says over
// how many articles the quotes are spread (one unnamed official per
// article, for all the archive knows).
type UnnamedSpeaker struct {
	Outlet      string `json:"outlet"`
	Description string `json:"description"`
	Articles    int    `json:"articles"`
	Quotes      int    `json:"quotes"`
}

// Bucket is one period of a timeline: how many quotes it holds.
type Bucket struct {
	// Period is "2019-05" for a month, "2019" for a year, or the Monday
	// that starts a week ("2019-05-06").
	Period string `json:"period"`
	Quotes int    `json:"quotes"`
}

// SpeakerCount is a speaker with a number of quotes.
type SpeakerCount struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Quotes int    `json:"quotes"`
}

// Occurrence is one article that carried a quotation.
type Occurrence struct {
	QuoteID    int64  `json:"quote_id"`
	ArticleKey string `json:"article"`
	Outlet     string `json:"outlet"`
	Date       string `json:"date"`
	URL        string `json:"url"`
	Title      string `json:"title"`
	Text       string `json:"text"`
	// Act is what the quote does in this article (statement, question,
	// ...).
	Act Act `json:"act"`
}

// Quotation is one statement, however many articles reported it: the
// unit of Quotebank-style exports.
type Quotation struct {
	ID      int64  `json:"id"`
	Text    string `json:"quotation"`
	Speaker string `json:"speaker"`
	// SpeakerID is 0 when the speaker is unresolved.
	SpeakerID int64 `json:"speaker_id,omitempty"`
	// SpeakerWikidata is the Wikidata item the speaker is linked to, ""
	// when unlinked: what joins the quotations to everything else known
	// about the speaker.
	SpeakerWikidata string `json:"speaker_wikidata,omitempty"`
	// FirstDate is the earliest date it was reported.
	FirstDate string `json:"first_date"`
	// Reports counts its occurrences and Outlets the outlets among them,
	// all of them even when Occurrences holds a page (Store.Quotation).
	Reports     int          `json:"reports"`
	Outlets     int          `json:"outlets"`
	Occurrences []Occurrence `json:"occurrences"`
}

// Stats summarises what a store holds.
type Stats struct {
	Articles   int    `json:"articles"`
	Quotes     int    `json:"quotes"`
	Quotations int    `json:"quotations"`
	Speakers   int    `json:"speakers"`
	Entities   int    `json:"entities"`
	Outlets    int    `json:"outlets"`
	FirstDate  string `json:"first_date"`
	LastDate   string `json:"last_date"`
	// Clusters counts groups of near-duplicate articles (two or more).
	Clusters int `json:"clusters"`
}

// Store keeps analysed articles and answers questions about them. Every
// method is safe for concurrent use; Put is atomic per call: after it
// returns nil, every record of the batch is durable, and after an error
// none is half-stored.
type Store interface {
	// Put stores a batch of records in one transaction, resolving
	// speakers and entities across articles and grouping quotes into
	// quotations. Records whose Key is already stored are skipped.
	Put(ctx context.Context, recs []Record) (PutResult, error)
	// Replace replaces the analyses of stored articles (by Key) with new
	// ones, in one transaction — for re-analysing with better models
	// without reading the sources again. Records whose Key is not stored
	// are skipped; it returns how many were replaced.
	Replace(ctx context.Context, recs []Record) (int, error)
	// Records calls fn for every stored article, in the order they were
	// stored, streaming. An error from fn stops the walk and is returned.
	Records(ctx context.Context, fn func(*Record) error) error
	// Has reports which of the keys are stored.
	Has(ctx context.Context, keys []string) (map[string]bool, error)
	// Search returns the quotes that match q, best first.
	Search(ctx context.Context, q Query) ([]Hit, error)
	// Timeline counts the quotes matching q per period ("week", "month"
	// or "year") of their article's date, in order.
	Timeline(ctx context.Context, q Query, period string) ([]Bucket, error)
	// TopSpeakers returns the speakers with the most quotes matching q,
	// at most q.Limit of them, most first.
	TopSpeakers(ctx context.Context, q Query) ([]SpeakerCount, error)
	// UnnamedSpeakers returns the unnamed speakers of the quotes matching
	// q (its Speaker and SpeakerID ignored), grouped by outlet and
	// description, most quoted first, at most q.Limit of them.
	UnnamedSpeakers(ctx context.Context, q Query) ([]UnnamedSpeaker, error)
	// Speakers lists speakers whose name or alias contains name (all when
	// empty) and who have quotes of the acts (any act when acts is
	// empty), most quoted first (counting those acts), at most limit of
	// them.
	Speakers(ctx context.Context, name string, acts []Act, limit int) ([]Speaker, error)
	// Speaker returns one stored person or organisation by id (with its
	// aliases, roles and its count of quotes of the acts, every act when
	// acts is empty), or an error wrapping ErrNotFound.
	Speaker(ctx context.Context, id int64, acts []Act) (*Speaker, error)
	// Entities lists the people, organisations and places whose name or
	// alias contains name (all when empty), of type typ when it is not
	// empty, most quoted first (counting quotes of the acts, every act
	// when acts is empty), at most limit of them.
	Entities(ctx context.Context, name string, typ EntityType, acts []Act, limit int) ([]Speaker, error)
	// Quotation returns one quotation with its occurrences oldest first
	// (undated last), from the offset-th (from 0), at most limit of them
	// (every one from offset when limit is 0), or an error wrapping
	// ErrNotFound: a statement syndicated to thousands of articles is read
	// a page at a time.
	Quotation(ctx context.Context, id int64, offset, limit int) (*Quotation, error)
	// Article returns the stored analysis of the article with this key,
	// or an error wrapping ErrNotFound.
	Article(ctx context.Context, key string) (*Record, error)
	// Quotations calls fn for every quotation with an occurrence whose
	// act is one of acts (every quotation when acts is empty), with
	// those occurrences only and its first date among them, in id order,
	// streaming: the store never holds them all in memory. An error from
	// fn stops the walk and is returned.
	Quotations(ctx context.Context, acts []Act, fn func(*Quotation) error) error
	// Stats counts what the store holds.
	Stats(ctx context.Context) (Stats, error)
	// NearDuplicates returns the other articles of the near-duplicate
	// cluster of the article with this key (syndicated copies of one
	// story), oldest first, at most limit of them.
	NearDuplicates(ctx context.Context, key string, limit int) ([]ArticleRef, error)
	// ArticleQuotes returns the stored quotes of the article with this
	// key in the order of its analysis (Hit.ID, SpeakerID and
	// QuotationID set).
	ArticleQuotes(ctx context.Context, key string) ([]Hit, error)
	// CoMentioned returns the entities the articles of entity id name
	// most, itself left out, at most limit of them.
	CoMentioned(ctx context.Context, id int64, limit int) ([]SpeakerCount, error)
	// TalksAbout returns the entities the quotes of speaker id are about
	// most, and TalkedAboutBy the speakers whose quotes are about entity
	// id most, at most limit of them.
	TalksAbout(ctx context.Context, id int64, limit int) ([]SpeakerCount, error)
	TalkedAboutBy(ctx context.Context, id int64, limit int) ([]SpeakerCount, error)
	// Close releases the store.
	Close() error
}

// Store errors, to be tested with errors.Is.
var (
	// ErrNotFound is returned for a key, id or name the store does not hold.
	ErrNotFound = errors.New("not found")
	// ErrBadQuery is returned for a malformed search query; the message
	// says what is wrong and where.
	ErrBadQuery = errors.New("bad query")
)

// ArticleKey returns the stable key of an article: a hash of its URL and
// text, so that the same article read twice, from the same file or from
// another copy, has the same key, while two articles differing in one
// byte of text do not.
func ArticleKey(url, text string) string {
	h := sha256.New()
	h.Write([]byte(url))
	h.Write([]byte{0})
	h.Write([]byte(text))
	return "a" + hex.EncodeToString(h.Sum(nil)[:10])
}
