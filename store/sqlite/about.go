package sqlite

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/scan"
	"github.com/quotewire/quotewire/store/internal/sqlread"
)

// aboutWindow is how many of a speaker's newest quotes TalksAbout reads.
const aboutWindow = 2000

// TalksAbout returns the entities a speaker's quotes name most (of their
// newest aboutWindow quotes, act other left out), with how many quotes
// name each.
func (s *Store) TalksAbout(ctx context.Context, id int64, limit int) ([]quotewire.SpeakerCount, error) {
	if limit <= 0 {
		limit = DefaultLimit
	}
	rows, err := s.db.QueryContext(ctx, "SELECT tags FROM quotes WHERE speaker = ? AND act != 'other' ORDER BY date DESC LIMIT ?", id, aboutWindow)
	if err != nil {
		return nil, errf("talks about", err)
	}
	counts := map[int64]int{}
	for rows.Next() {
		var tags string
		if err := rows.Scan(&tags); err != nil {
			rows.Close()
			return nil, errf("talks about", err)
		}
		for _, t := range strings.Fields(tags) {
			if len(t) > 1 && t[0] == 'a' {
				if e, err := strconv.ParseInt(t[1:], 10, 64); err == nil && e != id {
					counts[e]++
				}
			}
		}
	}
	if err := rows.Close(); err != nil {
		return nil, errf("talks about", err)
	}
	ids := make([]int64, 0, len(counts))
	for e := range counts {
		ids = append(ids, e)
	}
	sort.Slice(ids, func(i, j int) bool {
		if counts[ids[i]] != counts[ids[j]] {
			return counts[ids[i]] > counts[ids[j]]
		}
		return ids[i] < ids[j]
	})
	if len(ids) > limit {
		ids = ids[:limit]
	}
	out := []quotewire.SpeakerCount{}
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, e := range ids {
		args[i] = e
	}
	names := make(map[int64]string, len(ids))
	nrows, err := s.db.QueryContext(ctx, "SELECT id, name FROM entities WHERE id IN ("+sqlread.Placeholders(len(ids))+")", args...)
	if err != nil {
		return nil, errf("talks about", err)
	}
	for nrows.Next() {
		var id int64
		var name string
		if err := nrows.Scan(&id, &name); err != nil {
			nrows.Close()
			return nil, errf("talks about", err)
		}
		names[id] = name
	}
	if err := nrows.Close(); err != nil {
		return nil, errf("talks about", err)
	}
	for _, e := range ids {
		out = append(out, quotewire.SpeakerCount{ID: e, Name: names[e], Quotes: counts[e]})
	}
	return out, nil
}

// TalkedAboutBy returns the speakers whose quotes name the entity most
// (act other left out), with how many of their quotes do.
func (s *Store) TalkedAboutBy(ctx context.Context, id int64, limit int) ([]quotewire.SpeakerCount, error) {
	if limit <= 0 {
		limit = DefaultLimit
	}
	rows, err := s.db.QueryContext(ctx, `SELECT e.id, e.name, COUNT(*) AS n FROM quotes q JOIN entities e ON e.id = q.speaker
		WHERE q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?) AND q.act != 'other' AND q.speaker != ?
		GROUP BY e.id ORDER BY n DESC, e.id LIMIT ?`, "tags : a"+strconv.FormatInt(id, 10), id, limit)
	if err != nil {
		return nil, errf("talked about by", err)
	}
	defer rows.Close()
	out := []quotewire.SpeakerCount{}
	out, err = scan.SpeakerCounts(rows, out)
	return out, errf("talked about by", err)
}
