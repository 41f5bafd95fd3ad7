package ui

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/quotewire/quotewire"
)

// speakerView is the data of the speaker page.
type speakerView struct {
	head
	S *quotewire.Speaker
	// Q is the topic the timeline and the quotes are filtered by.
	Q string
	// Period is the timeline's bucket: week, month or year.
	Period  string
	Periods []string
	// Acts is the "what" filter's value ("" for statements): the count,
	// the timeline and the quotes keep to those acts.
	Acts    string
	Choices []actChoice
	Chart   chart
	Cards   []card
	// More is the search page of all the speaker's quotes, when there
	// are more than the page shows.
	More  string
	Error string
	// Alongside are the entities named most in the articles that quote
	// the speaker.
	Alongside []quotewire.SpeakerCount
	// TalksAbout are the entities their quotes name most, and
	// TalkedAboutBy the speakers whose quotes name them most.
	TalksAbout, TalkedAboutBy []quotewire.SpeakerCount
	// WikidataDescription describes the speaker's Wikidata item, where
	// the store's index holds it.
	WikidataDescription string
	// Names are the speaker's names with the rule that joined each,
	// where the store keeps them (else the page lists S.Aliases).
	Names []quotewire.EntityName
}

// periods are the timeline's buckets, the default first.
var periods = []string{"month", "week", "year"}

// speaker serves a speaker's page: who they are, how often they were
// quoted over time (on a topic, with q) and their latest quotes.
func (u *UI) speaker(w http.ResponseWriter, r *http.Request) error {
	id, ok := pathID(r)
	if !ok {
		return notFound("There is no speaker %q: speaker pages are numbered.", r.PathValue("id"))
	}
	params := r.URL.Query()
	acts, problem := readActs(params.Get("acts"))
	sp, err := u.store.Speaker(r.Context(), id, actsOf(acts))
	if errors.Is(err, quotewire.ErrNotFound) {
		return notFound("There is no speaker with the id %d.", id)
	}
	if err != nil {
		return err
	}
	v := speakerView{S: sp, Q: params.Get("q"), Period: params.Get("period"), Periods: periods, Acts: acts, Choices: actChoices(acts)}
	v.Title = sp.Name
	status := http.StatusOK
	if problem != "" {
		v.Error = problem
		status = http.StatusBadRequest
	}
	switch v.Period {
	case "":
		v.Period = periods[0]
	case "week", "month", "year":
	default:
		v.Error = fmt.Sprintf("The period %q does not exist: choose week, month or year.", v.Period)
		v.Period = periods[0]
		status = http.StatusBadRequest
	}
	if len(v.Q) > maxParamLen {
		v.Error = fmt.Sprintf("The topic is too long (%d bytes): keep it under %d.", len(v.Q), maxParamLen)
		v.Q = ""
		status = http.StatusBadRequest
	}
	q := quotewire.Query{SpeakerID: id, Text: v.Q, Acts: actsOf(v.Acts)}
	buckets, err := u.store.Timeline(r.Context(), q, v.Period)
	if errors.Is(err, quotewire.ErrBadQuery) {
		v.Error = queryProblem(err)
		return u.render(w, http.StatusBadRequest, "speaker", v)
	}
	if err != nil {
		return err
	}
	v.Chart = newChart(buckets, v.Period)
	q.Limit = PageSize + 1
	hits, err := u.store.Search(r.Context(), q)
	if err != nil {
		return err
	}
	if len(hits) > PageSize {
		hits = hits[:PageSize]
		v.More = searchURL("q", v.Q, "speaker", sp.Name, "acts", v.Acts)
	}
	if v.Cards, err = u.cards(r, hits); err != nil {
		return err
	}
	p, err := u.speakerCounts(r.Context(), sp.ID)
	if err != nil {
		return err
	}
	v.Alongside, v.TalksAbout, v.TalkedAboutBy = p.alongside, p.talksAbout, p.talkedAboutBy
	if idx, ok := u.store.(quotewire.WikidataIndex); ok && sp.Wikidata != "" {
		e, found, err := idx.WikidataByID(r.Context(), sp.Wikidata)
		if err != nil {
			return err
		}
		if found {
			v.WikidataDescription = e.Description
		}
	}
	if ex, ok := u.store.(quotewire.EntityExplainer); ok {
		if v.Names, err = ex.EntityNames(r.Context(), sp.ID); err != nil {
			return err
		}
	}
	return u.render(w, status, "speaker", v)
}

// relatedCount is how many entities each of the speaker page's lists of
// related entities shows.
const relatedCount = 12

// speakerCounts are a speaker page's lists of related entities: who is
// named alongside the speaker, whom their quotes name and who names
// them. They do not depend on the page's topic, period or acts.
type speakerCounts struct {
	alongside, talksAbout, talkedAboutBy []quotewire.SpeakerCount
	// at is when they were counted.
	at time.Time
}

// maxCachedSpeakers bounds the speakers whose related entities are kept.
const maxCachedSpeakers = 1024

// speakerCounts returns a speaker's related entities, reusing them for
// the overview's time (Config.OverviewTTL), like the front page's counts:
// they count up to thousands of articles each (half the work of a most
// quoted speaker's page), and change only as fast as articles come in,
// while the rest of the page, the timeline and the quotes, is read anew
// on every visit. Once a speaker's counts are kept, stale ones are served
// while fresh ones are counted in the background, one speaker at a time,
// so that only the first visit waits for the counting.
func (u *UI) speakerCounts(ctx context.Context, id int64) (speakerCounts, error) {
	if u.related != nil {
		if c, ok := u.related.Get(id); ok {
			if age := u.now().Sub(c.at); age >= 0 && age < u.ttl {
				return c, nil
			}
			select {
			case u.recount <- struct{}{}:
				go u.recountSpeaker(context.WithoutCancel(ctx), id)
			default: // another speaker is being counted: the next visit asks again
			}
			return c, nil
		}
	}
	return u.countSpeaker(ctx, id)
}

// countSpeaker counts a speaker's related entities and keeps them.
func (u *UI) countSpeaker(ctx context.Context, id int64) (speakerCounts, error) {
	var c speakerCounts
	var err error
	if c.alongside, err = u.store.CoMentioned(ctx, id, relatedCount); err != nil {
		return c, err
	}
	if c.talksAbout, err = u.store.TalksAbout(ctx, id, relatedCount); err != nil {
		return c, err
	}
	if c.talkedAboutBy, err = u.store.TalkedAboutBy(ctx, id, relatedCount); err != nil {
		return c, err
	}
	if u.related != nil {
		c.at = u.now()
		u.related.Add(id, c)
	}
	return c, nil
}

// recountSpeaker counts a speaker's related entities again in the
// background, under the query time limit, and frees the turn taken from
// u.recount; a failure keeps the stale counts (logged), a panic in the
// store is logged, not fatal.
func (u *UI) recountSpeaker(ctx context.Context, id int64) {
	defer func() { <-u.recount }()
	defer func() {
		if p := recover(); p != nil {
			u.log.Error("recount a speaker's related entities: panic", "speaker", id, "panic", p)
		}
	}()
	if u.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, u.timeout)
		defer cancel()
	}
	if _, err := u.countSpeaker(ctx, id); err != nil {
		u.log.Warn("recount a speaker's related entities", "speaker", id, "err", err)
	}
}

// pathID returns the positive id in the path, and whether there is one.
func pathID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}
