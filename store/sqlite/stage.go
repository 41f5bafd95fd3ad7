package sqlite

import (
	"database/sql"
	"slices"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/rules"
)

// A batch's entities, names, roles, links to articles, quotations and
// quotes are staged as the batch is resolved and written when it ends
// (writer.flush), in the order they were staged, each table with a few
// multi-row statements. Row for row, the store ends up as if each had
// been written when it was staged: new entities take the ids SQLite
// would have given them, the upserts of quotations and roles meet the
// same rows in the same order, and quotes are numbered in turn.

// entityRow is a new entity.
type entityRow struct {
	id                                       int64
	name, key, given, surname, typ, wikidata string
	confidence                               float64
}

// linkRow links a stored entity, not linked yet, to a Wikidata item.
type linkRow struct {
	id         int64
	qid        string
	confidence float64
}

// aliasRow is a name of an entity, with why it joined (see rules.Join)
// and the article it came from.
type aliasRow struct {
	entity                            int64
	key, alias, rule, detail, article string
}

// roleRow is a role of an entity seen in an article of date ("" undated).
type roleRow struct {
	entity           int64
	role, head, date string
}

// mentionRow links an article to an entity it names under local.
type mentionRow struct {
	article, entity int64
	local           string
}

// quoteRow is a quote, in the quotation of key.
type quoteRow struct {
	article      int64
	seq          int
	q            *quotewire.QuoteOut
	key          string
	speaker, via sql.NullInt64
	name         string
	date, tags   string
	facts        rules.QuoteFacts
}

// staged is what a batch has to write.
type staged struct {
	entities []entityRow
	links    []linkRow
	aliases  []aliasRow
	roles    []roleRow
	mentions []mentionRow
	quotes   []quoteRow
}

// spoken counts an entity's quotes and statements.
type spoken struct{ quotes, statements int }

// quotes stages the quotes of analysis a, in article id, with their
// quotation keys, and counts them to their speakers (which the next
// article's names are ordered by).
func (w *writer) quotes(id int64, a *quotewire.Analysis, local map[string]int64, outlet string, qtexts []rules.QuotationText) {
	for i := range a.Quotes {
		q := &a.Quotes[i]
		r := quoteRow{article: id, seq: i, q: q, date: a.Date, facts: rules.FactsOf(q)}
		if q.Speaker != nil {
			r.name = q.Speaker.Name
			if g, ok := local[q.Speaker.ID]; ok {
				r.speaker = sql.NullInt64{Int64: g, Valid: true}
				n := w.spoke[g]
				n.quotes++
				if r.facts.Statement() {
					n.statements++
				}
				w.spoke[g] = n
			}
		}
		if r.facts.ViaLocal != "" {
			if g, ok := local[r.facts.ViaLocal]; ok {
				r.via = sql.NullInt64{Int64: g, Valid: true}
			}
		}
		var about []int64
		for _, ab := range q.About {
			if g, ok := local[ab.ID]; ok && !slices.Contains(about, g) {
				about = append(about, g)
			}
		}
		r.tags = quoteTags(r.speaker.Int64, outlet, a.Date, about...)
		r.key = qtexts[i].Key(r.speaker.Int64)
		w.staged.quotes = append(w.staged.quotes, r)
	}
}

// flush writes what the batch staged, entities first (the other rows
// refer to them), and starts the next with an empty view of the store.
func (w *writer) flush() error {
	// storage for the statements' arguments, reused
	args := make([]any, 0, 17*maxRows)
	if err := w.flushEntities(args); err != nil {
		return err
	}
	if err := w.flushBands(); err != nil {
		return err
	}
	args = args[:0]
	for _, m := range w.staged.mentions {
		args = append(args, m.article, m.entity, m.local)
	}
	if err := w.insertRows("link entity", "INSERT OR IGNORE INTO article_entities (article, entity, local)", "", 3, args); err != nil {
		return err
	}
	if err := w.flushQuotes(args[:0]); err != nil {
		return err
	}
	if err := w.flushCounts(args[:0]); err != nil {
		return err
	}
	w.staged = staged{}
	w.bands = newBands()
	w.spoke = map[int64]spoken{}
	w.made = map[int64]int{}
	w.view = newView()
	return nil
}

// flushEntities writes the staged entities, links to Wikidata items,
// aliases and roles; args is storage to reuse.
func (w *writer) flushEntities(args []any) error {
	st := &w.staged
	for _, e := range st.entities {
		// a new entity's counts are the batch's
		n := w.spoke[e.id]
		args = append(args, e.id, e.name, e.key, e.given, e.surname, e.typ, e.wikidata, e.confidence, n.quotes, n.statements)
	}
	err := w.insertRows("insert entities", "INSERT INTO entities (id, name, key, given, surname, type, wikidata, wikidata_confidence, quotes, statements)", "", 10, args)
	if err != nil {
		return err
	}
	for _, l := range st.links {
		if _, err := w.exec("UPDATE entities SET wikidata = ?, wikidata_confidence = ? WHERE id = ? AND wikidata = ''", l.qid, l.confidence, l.id); err != nil {
			return errf("link entity", err)
		}
	}
	args = args[:0]
	for _, a := range st.aliases {
		args = append(args, a.entity, a.key, a.alias, a.rule, a.detail, a.article)
	}
	if err := w.insertRows("insert alias", "INSERT OR IGNORE INTO entity_aliases (entity, key, alias, rule, detail, article)", "", 6, args); err != nil {
		return err
	}
	args = args[:0]
	for _, r := range st.roles {
		args = append(args, r.entity, r.role, r.head, r.date, r.date)
	}
	return w.insertRows("insert role", "INSERT INTO entity_roles (entity, role, head, first_date, last_date)", `
		ON CONFLICT (entity, role) DO UPDATE SET
		first_date = CASE WHEN excluded.first_date != '' AND (first_date = '' OR excluded.first_date < first_date) THEN excluded.first_date ELSE first_date END,
		last_date = CASE WHEN excluded.last_date > last_date THEN excluded.last_date ELSE last_date END`, 5, args)
}

// flushQuotes writes the staged quotations, counted, and then the quotes,
// each finding its quotation's id by key; args is storage to reuse.
func (w *writer) flushQuotes(args []any) error {
	st := &w.staged
	for _, r := range st.quotes {
		args = append(args, r.key, r.q.Content.Text, r.speaker, r.date, 1)
	}
	err := w.insertRows("insert quotations", "INSERT INTO quotations (key, text, speaker, first_date, occurrences)", `
		ON CONFLICT (key) DO UPDATE SET occurrences = occurrences + 1,
		first_date = CASE WHEN excluded.first_date != '' AND (first_date = '' OR excluded.first_date < first_date) THEN excluded.first_date ELSE first_date END,
		speaker = COALESCE(speaker, excluded.speaker)`, 5, args)
	if err != nil {
		return err
	}
	args = args[:0]
	for _, r := range st.quotes {
		q := r.q
		args = append(args, r.article, r.seq, string(q.Type), q.Content.Text, q.Content.Start, q.Content.End,
			r.speaker, r.name, q.Confidence, r.key, r.date, r.tags,
			r.facts.Act, r.facts.Anonymous, r.facts.Continued, r.facts.Via, r.via)
	}
	return w.insertRowsOf("insert quotes", `INSERT INTO quotes (article, seq, kind, text, start, end, speaker, speaker_name, confidence, quotation, date, tags,
		act, anonymous, continued, via, via_speaker)`, "(?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT id FROM quotations WHERE key = ?), ?, ?, ?, ?, ?, ?, ?)", "", args)
}

// flushCounts adds the batch's quotes and statements to the counts of
// the stored entities that said them (new ones were inserted with
// theirs); args is storage to reuse.
func (w *writer) flushCounts(args []any) error {
	ids := make([]int64, 0, len(w.spoke))
	for id := range w.spoke {
		if _, made := w.made[id]; !made {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	for _, id := range ids {
		n := w.spoke[id]
		args = append(args, id, n.quotes, n.statements)
	}
	return w.insertRows("count quotes", "UPDATE entities SET quotes = quotes + c.column2, statements = statements + c.column3 FROM (",
		") AS c WHERE entities.id = c.column1", 3, args)
}
