package feed

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sort"

	"sotay/db"
)

// Change is one write to a feed: the entity's new state (Body, JSON), or
// its deletion (Body nil).
type Change struct {
	Feed   string
	Entity string // "document:12", "unit:7", "member:42"...
	Body   json.RawMessage
}

// Put is the change that sets entity to body (marshalled to JSON).
func Put(feed, entity string, body any) (Change, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return Change{}, fmt.Errorf("feed: marshal %s: %w", entity, err)
	}
	return Change{Feed: feed, Entity: entity, Body: b}, nil
}

// Delete is the change that removes entity from feed.
func Delete(feed, entity string) Change { return Change{Feed: feed, Entity: entity} }

// NotifyChannel is the LISTEN/NOTIFY channel on which every committed write
// announces "feed head" (e.g. "unit:7 1042"), for the hubs of all serve
// processes.
const NotifyChannel = "sotay_feeds"

// Write applies changes in the caller's transaction q and returns the new
// head of each feed written. Feeds are locked in name order (so concurrent
// writers of several feeds cannot deadlock) and hold their lock until q
// commits, which makes each feed's sequence numbers gapless in commit order.
// A put whose body equals the stored one, and a delete of an entity the feed
// does not hold, change nothing and take no sequence number. The heads are
// announced on NotifyChannel when q commits.
func Write(ctx context.Context, q db.Querier, changes []Change) (map[string]int64, error) {
	if len(changes) == 0 {
		return nil, nil
	}
	byFeed := map[string][]Change{}
	for _, c := range changes {
		if _, _, err := Parse(c.Feed); err != nil {
			return nil, err
		}
		if c.Body != nil && !json.Valid(c.Body) {
			return nil, fmt.Errorf("feed: body of %s is not JSON", c.Entity)
		}
		byFeed[c.Feed] = append(byFeed[c.Feed], c)
	}
	names := make([]string, 0, len(byFeed))
	for n := range byFeed {
		names = append(names, n)
	}
	sort.Strings(names)
	heads := map[string]int64{}
	for _, name := range names {
		head, err := writeFeed(ctx, q, name, byFeed[name])
		if err != nil {
			return nil, err
		}
		if head >= 0 {
			heads[name] = head
		}
	}
	return heads, nil
}

const lockFeedSQL = `
INSERT INTO feeds (name) VALUES ($1)
ON CONFLICT (name) DO UPDATE SET name = excluded.name
RETURNING head, checksum, live`

// writeFeed applies one feed's changes; it returns the new head, or -1 when
// nothing changed.
func writeFeed(ctx context.Context, q db.Querier, name string, changes []Change) (int64, error) {
	var head, checksum, live int64
	// The upsert takes the row lock that serialises this feed's writers.
	if err := q.QueryRow(ctx, lockFeedSQL, name).Scan(&head, &checksum, &live); err != nil {
		return 0, fmt.Errorf("feed: lock %s: %w", name, err)
	}
	sum := uint64(checksum)
	start := head
	for _, c := range changes {
		var oldHash int64
		var oldDeleted bool
		var oldBody *string
		err := q.QueryRow(ctx, `SELECT hash, deleted, body FROM feed_entries WHERE feed = $1 AND entity = $2`, name, c.Entity).
			Scan(&oldHash, &oldDeleted, &oldBody)
		exists := err == nil
		if err != nil && !isNoRows(err) {
			return 0, fmt.Errorf("feed: read %s %s: %w", name, c.Entity, err)
		}
		liveBefore := exists && !oldDeleted
		if c.Body == nil && !liveBefore {
			continue // nothing to delete
		}
		if c.Body != nil && liveBefore && oldBody != nil && bytes.Equal([]byte(*oldBody), c.Body) {
			continue // no change
		}
		head++
		var hash uint64
		var body *string
		if c.Body != nil {
			hash = Hash(c.Entity, c.Body)
			s := string(c.Body)
			body = &s
		}
		if liveBefore {
			sum -= uint64(oldHash)
			live--
		}
		if c.Body != nil {
			sum += hash
			live++
		}
		if _, err := q.Exec(ctx, `
			INSERT INTO feed_entries (feed, entity, seq, deleted, body, hash) VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (feed, entity) DO UPDATE SET seq = excluded.seq, txid = pg_current_xact_id(),
			    deleted = excluded.deleted, body = excluded.body, hash = excluded.hash, written_at = now()`,
			name, c.Entity, head, c.Body == nil, body, int64(hash)); err != nil {
			return 0, fmt.Errorf("feed: write %s %s: %w", name, c.Entity, err)
		}
	}
	if head == start {
		return -1, nil
	}
	if _, err := q.Exec(ctx, `UPDATE feeds SET head = $2, checksum = $3, live = $4, updated_at = now() WHERE name = $1`,
		name, head, int64(sum), live); err != nil {
		return 0, fmt.Errorf("feed: advance %s: %w", name, err)
	}
	if _, err := q.Exec(ctx, `SELECT pg_notify($1, $2)`, NotifyChannel, fmt.Sprintf("%s %d", name, head)); err != nil {
		return 0, fmt.Errorf("feed: notify %s: %w", name, err)
	}
	return head, nil
}
