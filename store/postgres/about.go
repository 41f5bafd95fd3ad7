package postgres

import (
	"context"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/scan"
)

// TalksAbout returns the entities a speaker's quotes name most (of their
// newest 2,000 quotes, act other left out), with how many quotes name
// each.
func (s *Store) TalksAbout(ctx context.Context, id int64, limit int) ([]quotewire.SpeakerCount, error) {
	if limit <= 0 {
		limit = DefaultLimit
	}
	rows, err := s.pool.Query(ctx, `SELECT e.id, e.name, COUNT(*) AS n
		FROM (SELECT about FROM quotes WHERE speaker = $1 AND act <> 'other' ORDER BY date DESC LIMIT 2000) q
		CROSS JOIN LATERAL unnest(q.about) AS a(id) JOIN entities e ON e.id = a.id
		WHERE e.id <> $1 GROUP BY e.id, e.name ORDER BY n DESC, e.id LIMIT $2`, id, limit)
	if err != nil {
		return nil, errf("talks about", err)
	}
	defer rows.Close()
	out := []quotewire.SpeakerCount{}
	out, err = scan.SpeakerCounts(rows, out)
	return out, errf("talks about", err)
}

// TalkedAboutBy returns the speakers whose quotes name the entity most
// (act other left out), with how many of their quotes do.
func (s *Store) TalkedAboutBy(ctx context.Context, id int64, limit int) ([]quotewire.SpeakerCount, error) {
	if limit <= 0 {
		limit = DefaultLimit
	}
	rows, err := s.pool.Query(ctx, `SELECT e.id, e.name, COUNT(*) AS n FROM quotes q JOIN entities e ON e.id = q.speaker
		WHERE q.about @> ARRAY[$1::bigint] AND q.act <> 'other' AND q.speaker <> $1
		GROUP BY e.id, e.name ORDER BY n DESC, e.id LIMIT $2`, id, limit)
	if err != nil {
		return nil, errf("talked about by", err)
	}
	defer rows.Close()
	out := []quotewire.SpeakerCount{}
	out, err = scan.SpeakerCounts(rows, out)
	return out, errf("talked about by", err)
}
