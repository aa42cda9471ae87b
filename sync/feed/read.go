package feed

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"

	"sotay/db"
	"sotay/sync/wire"
)

// State is where a feed stands: its head, its horizon, and the checksum
// and count of its live entries at the head.
type State struct {
	Name     string
	Head     int64
	Horizon  int64
	Checksum uint64
	Live     int64
}

// States returns the state of each named feed; a feed never written is at
// head 0 with nothing in it.
func States(ctx context.Context, q db.Querier, names []string) (map[string]State, error) {
	out := make(map[string]State, len(names))
	for _, n := range names {
		out[n] = State{Name: n}
	}
	rows, err := q.Query(ctx, `SELECT name, head, horizon, checksum, live FROM feeds WHERE name = ANY($1)`, names)
	if err != nil {
		return nil, fmt.Errorf("feed: states: %w", err)
	}
	var s State
	var sum int64
	if _, err := pgx.ForEachRow(rows, []any{&s.Name, &s.Head, &s.Horizon, &sum, &s.Live}, func() error {
		s.Checksum = uint64(sum)
		out[s.Name] = s
		return nil
	}); err != nil {
		return nil, fmt.Errorf("feed: states: %w", err)
	}
	return out, nil
}

// Entry is one entity's state in a page: its body, or its deletion.
type Entry struct {
	Seq     int64           `json:"seq"`
	Entity  string          `json:"entity"`
	Deleted bool            `json:"deleted,omitempty"`
	Body    json.RawMessage `json:"body,omitempty"`
}

// Page is a run of a feed's entries after a cursor.
type Page struct {
	Feed    string
	From    int64   // the cursor the page follows
	To      int64   // the cursor after the page
	Entries []Entry // in sequence order
	More    bool    // entries remain between To and the head the page was read at
}

const readSQL = `
SELECT seq, entity, deleted, body, txid::text
FROM feed_entries
WHERE feed = $1 AND seq > $2 AND seq <= $3 AND NOT ($4 AND deleted)
ORDER BY seq
LIMIT $5`

// ReadPage reads feed entries in (from, head]: at most limit of them,
// except that a page never ends inside a transaction (the rest of the last
// transaction's entries are added). From 0 (a new device) tombstones are
// left out: there is nothing to delete. Read it in the same snapshot as the
// head (a repeatable-read transaction) so the page and the head agree.
func ReadPage(ctx context.Context, q db.Querier, feed string, from, head int64, limit int) (Page, error) {
	if limit <= 0 {
		limit = 1
	}
	p := Page{Feed: feed, From: from, To: head}
	if from >= head {
		return p, nil
	}
	type row struct {
		e    Entry
		txid string
	}
	scan := func(rows pgx.Rows) ([]row, error) {
		var out []row
		for rows.Next() {
			var r row
			var body *string
			if err := rows.Scan(&r.e.Seq, &r.e.Entity, &r.e.Deleted, &body, &r.txid); err != nil {
				rows.Close()
				return nil, err
			}
			if body != nil {
				r.e.Body = json.RawMessage(*body)
			}
			out = append(out, r)
		}
		return out, rows.Err()
	}
	rows, err := q.Query(ctx, readSQL, feed, from, head, from == 0, limit+1)
	if err != nil {
		return Page{}, fmt.Errorf("feed: read %s: %w", feed, err)
	}
	got, err := scan(rows)
	if err != nil {
		return Page{}, fmt.Errorf("feed: read %s: %w", feed, err)
	}
	if len(got) > limit {
		next := got[limit]
		got = got[:limit]
		last := got[limit-1]
		if next.txid == last.txid {
			// Finish the last transaction: its entries are contiguous, save
			// for any rewritten since (those now sit further on).
			rows, err := q.Query(ctx, `SELECT seq, entity, deleted, body, txid::text FROM feed_entries
				WHERE feed = $1 AND seq > $2 AND seq <= $3 AND txid = $4::xid8 AND NOT ($5 AND deleted) ORDER BY seq`,
				feed, last.e.Seq, head, last.txid, from == 0)
			if err != nil {
				return Page{}, fmt.Errorf("feed: read %s: %w", feed, err)
			}
			rest, err := scan(rows)
			if err != nil {
				return Page{}, fmt.Errorf("feed: read %s: %w", feed, err)
			}
			got = append(got, rest...)
		}
		p.To = got[len(got)-1].e.Seq
		var more bool
		if err := q.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM feed_entries WHERE feed = $1 AND seq > $2 AND seq <= $3 AND NOT ($4 AND deleted))`,
			feed, p.To, head, from == 0).Scan(&more); err != nil {
			return Page{}, fmt.Errorf("feed: read %s: %w", feed, err)
		}
		p.More = more
		if !more {
			p.To = head
		}
	}
	p.Entries = make([]Entry, len(got))
	for i, r := range got {
		p.Entries[i] = r.e
	}
	return p, nil
}

// ErrCursorAhead is a cursor beyond the feed's head: forged, or from another
// server's database. The client must reset the feed.
var ErrCursorAhead = fmt.Errorf("feed: cursor ahead of the head")

// Resume says how a client at cursor continues: reset (the feed's old
// tombstones are gone: drop the local copy and pull from 0) or go on. A
// bootstrap cursor goes on below the horizon as long as the horizon has not
// moved since the bootstrap began (see wire.Cursor).
func (s State) Resume(c wire.Cursor) (reset bool, err error) {
	switch {
	case c.Seq < 0 || c.Seq > s.Head:
		return false, ErrCursorAhead
	case c.Bootstrap:
		return c.Horizon != s.Horizon, nil
	case c.Seq > 0 && c.Seq < s.Horizon:
		return true, nil
	}
	return false, nil
}
