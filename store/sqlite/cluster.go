package sqlite

import (
	"cmp"
	"database/sql"
	"slices"
	"strconv"
	"strings"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/internal/rules"
)

// Near-duplicate clustering of a batch. An article joins the lowest
// cluster among the (at most clusterLimit) articles sharing a band of its
// signature that agree on NearDuplicate of it, or starts its own. The
// stored articles sharing a band with any of the batch's are read once,
// as the batch begins (prefetchBands), and the batch's bands are written
// when it ends (writer.flush): an article's candidates are the stored ones
// and the batch's earlier articles. When they are more than clusterLimit,
// which of them the store's query would have returned depends on its
// plan: then the batch's bands so far are written and the store is asked,
// as it was asked for every article before.

// clusterLimit is how many articles sharing a band an article is compared
// with at most.
const clusterLimit = 100

// band is one band of a signature and its hash.
type band struct {
	band int
	hash int64
}

// bandMate is an article sharing a band with one being clustered: its
// cluster and packed signature.
type bandMate struct {
	cluster int64
	sig     []byte
}

// bands is what the batch knows of the articles sharing its bands.
type bands struct {
	// stored are the stored articles with each band of the batch's, as
	// read when the batch began; batch the batch's articles with each
	// band; articles both kinds by id.
	stored, batch map[band][]int64
	articles      map[int64]bandMate
	// rows are the batch's bands to write, flushed how many of them are
	// written already.
	rows    []bandRow
	flushed int
}

// bandRow is a band of an article's signature.
type bandRow struct {
	k       band
	article int64
}

func newBands() bands {
	return bands{stored: map[band][]int64{}, batch: map[band][]int64{}, articles: map[int64]bandMate{}}
}

// prefetchBands reads the stored articles sharing a band with a record
// of recs, and the clusters and signatures of those that may be compared
// with one (a record with more than clusterLimit asks the store itself).
func (w *writer) prefetchBands(recs []quotewire.Record) error {
	b := &w.bands
	var pairs []any
	var sigs [][]int64
	for i := range recs {
		if len(recs[i].Signature) != Bands*Rows {
			continue
		}
		hashes := rules.BandHashes(recs[i].Signature)
		sigs = append(sigs, hashes)
		for n, h := range hashes {
			if k := (band{n, h}); b.stored[k] == nil {
				b.stored[k] = []int64{}
				pairs = append(pairs, n, h)
			}
		}
	}
	for _, n := range chunks(len(pairs)/2, maxRows) {
		rows, err := w.query("SELECT band, hash, article FROM article_bands WHERE (band, hash) IN (VALUES "+valueRows(n, 2)+")", pairs[:2*n]...)
		if err != nil {
			return errf("find near duplicates", err)
		}
		err = scanAll(rows, func(rows *sql.Rows) error {
			var k band
			var id int64
			err := rows.Scan(&k.band, &k.hash, &id)
			b.stored[k] = append(b.stored[k], id)
			return err
		})
		if err != nil {
			return errf("find near duplicates", err)
		}
		pairs = pairs[2*n:]
	}
	var want []any
	asked := map[int64]bool{}
	for _, hashes := range sigs {
		ids := b.sharing(hashes, false)
		if len(ids) > clusterLimit {
			continue
		}
		for _, id := range ids {
			if !asked[id] {
				asked[id] = true
				want = append(want, id)
			}
		}
	}
	return w.selectIn("find near duplicates", "SELECT id, COALESCE(cluster, id), signature FROM articles WHERE id IN (%)", want,
		func(rows *sql.Rows) error {
			var id int64
			var c bandMate
			err := rows.Scan(&id, &c.cluster, &c.sig)
			b.articles[id] = c
			return err
		})
}

// sharing returns the articles sharing a band of hashes, each once:
// the stored ones, and with batch those of the batch too.
func (b *bands) sharing(hashes []int64, batch bool) []int64 {
	var ids []int64
	for n, h := range hashes {
		k := band{n, h}
		ids = append(ids, b.stored[k]...)
		if batch {
			ids = append(ids, b.batch[k]...)
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// cluster returns the near-duplicate cluster of new article id, with
// signature sig and its band hashes: the lowest of the articles sharing a
// band that agree on NearDuplicate of the signature, or its own. Once
// the article is stored, stageBands stages its bands.
func (w *writer) cluster(id int64, sig []uint32, hashes []int64) (int64, error) {
	b := &w.bands
	for n, h := range hashes {
		if b.stored[band{n, h}] == nil {
			// not prefetched (a record the batch did not list): ask the
			// store
			return w.clusterStored(id, sig, hashes)
		}
	}
	ids := b.sharing(hashes, true)
	if len(ids) > clusterLimit {
		return w.clusterStored(id, sig, hashes)
	}
	for _, o := range ids {
		if _, ok := b.articles[o]; !ok {
			return w.clusterStored(id, sig, hashes)
		}
	}
	cluster := id
	for _, o := range ids {
		if c := b.articles[o]; rules.IsNearDuplicate(sig, c.sig) {
			cluster = min(cluster, c.cluster)
		}
	}
	return cluster, nil
}

// stageBands stages the bands of article id, in cluster, with its packed
// signature, and lets the batch's later articles find it by them.
func (w *writer) stageBands(id int64, hashes []int64, cluster int64, packed []byte) {
	b := &w.bands
	for n, h := range hashes {
		k := band{n, h}
		b.batch[k] = append(b.batch[k], id)
		b.rows = append(b.rows, bandRow{k, id})
	}
	b.articles[id] = bandMate{cluster: cluster, sig: packed}
}

// flushBands writes the staged bands not written yet, in the order of
// the table's key.
func (w *writer) flushBands() error {
	b := &w.bands
	rows := slices.Clone(b.rows[b.flushed:])
	slices.SortFunc(rows, func(x, y bandRow) int {
		if c := cmp.Compare(x.k.band, y.k.band); c != 0 {
			return c
		}
		if c := cmp.Compare(x.k.hash, y.k.hash); c != 0 {
			return c
		}
		return cmp.Compare(x.article, y.article)
	})
	args := make([]any, 0, 3*len(rows))
	for _, r := range rows {
		args = append(args, r.k.band, r.k.hash, r.article)
	}
	b.flushed = len(b.rows)
	return w.insertRows("index signature", "INSERT OR IGNORE INTO article_bands (band, hash, article)", "", 3, args)
}

// clusterStored clusters article id by asking the store, once the
// batch's bands so far are written, as clustering one article at a time
// would: the first clusterLimit articles its query returns are compared.
func (w *writer) clusterStored(id int64, sig []uint32, hashes []int64) (int64, error) {
	if err := w.flushBands(); err != nil {
		return 0, err
	}
	cluster := id
	pairs := make([]any, 0, 2*Bands)
	for n, h := range hashes {
		pairs = append(pairs, n, h)
	}
	values := strings.TrimSuffix(strings.Repeat("(?, ?),", Bands), ",")
	rows, err := w.query(`SELECT DISTINCT a.id, COALESCE(a.cluster, a.id), a.signature FROM article_bands b
		JOIN articles a ON a.id = b.article WHERE (b.band, b.hash) IN (VALUES `+values+`) LIMIT `+strconv.Itoa(clusterLimit), pairs...)
	if err != nil {
		return 0, errf("find near duplicates", err)
	}
	err = scanAll(rows, func(rows *sql.Rows) error {
		var other, oc int64
		var osig []byte
		if err := rows.Scan(&other, &oc, &osig); err != nil {
			return err
		}
		if rules.IsNearDuplicate(sig, osig) && oc < cluster {
			cluster = oc
		}
		return nil
	})
	return cluster, errf("find near duplicates", err)
}
