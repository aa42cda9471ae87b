package feed

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/jackc/pgx/v5"

	"sotay/db"
)

// Change is one write to a feed: the entity's new state (Body, JSON), or
// its deletion (Body nil).
type Change struct {
	Feed   string
	Entity string // "document:12", "unit:7", "member:42"...
	Body   json.RawMessage
	// Access says the change may change which feeds the feed's reader may
	// read (a member's own record: cell, positions, state). The feed's
	// notification says so, and hubs re-check their sockets' feeds; other
	// writes to a member's feed (an inbox entry, an answer) do not.
	Access bool
}

// ForAccess returns c marked as changing what its reader may read.
func (c Change) ForAccess() Change {
	c.Access = true
	return c
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
// announces "feed head" (e.g. "unit:7 1042"), or "feed head access" when a
// change marked Access is among them, for the hubs of all serve processes.
const NotifyChannel = "sotay_feeds"

// Write applies changes in the caller's transaction q and returns the new
// head of each feed written. Feeds are locked in name order (so concurrent
// writers of several feeds cannot deadlock) and hold their lock until q
// commits, which makes each feed's sequence numbers gapless in commit order.
// A put whose body equals the stored one, and a delete of an entity the feed
// does not hold, change nothing and take no sequence number; when a call
// carries several changes of one entity in one feed, the last wins. The
// heads are announced on NotifyChannel when q commits. The work is a handful
// of set-based statements whatever the number of changes and feeds (an
// import writes 200,000 entries into 105,000 feeds).
func Write(ctx context.Context, q db.Querier, changes []Change) (map[string]int64, error) {
	if len(changes) == 0 {
		return nil, nil
	}
	type key struct{ feed, entity string }
	access := map[string]bool{}
	last := map[key]int{}
	var order []key
	feedSet := map[string]bool{}
	for i, c := range changes {
		if _, _, err := Parse(c.Feed); err != nil {
			return nil, err
		}
		if c.Body != nil && !json.Valid(c.Body) {
			return nil, fmt.Errorf("feed: body of %s is not JSON", c.Entity)
		}
		k := key{c.Feed, c.Entity}
		if _, seen := last[k]; !seen {
			order = append(order, k)
		}
		last[k] = i
		feedSet[c.Feed] = true
	}
	names := make([]string, 0, len(feedSet))
	for n := range feedSet {
		names = append(names, n)
	}
	sort.Strings(names)

	// Lock every feed, in name order, creating those never written.
	type state struct {
		head, start, live int64
		sum               uint64
	}
	states := make(map[string]*state, len(names))
	rows, err := q.Query(ctx, `
		INSERT INTO feeds (name) SELECT n FROM unnest($1::text[]) AS n ORDER BY n
		ON CONFLICT (name) DO UPDATE SET name = excluded.name
		RETURNING name, head, checksum, live`, names)
	if err != nil {
		return nil, fmt.Errorf("feed: lock feeds: %w", err)
	}
	var name string
	var head, checksum, live int64
	if _, err := pgx.ForEachRow(rows, []any{&name, &head, &checksum, &live}, func() error {
		states[name] = &state{head: head, start: head, live: live, sum: uint64(checksum)}
		return nil
	}); err != nil {
		return nil, fmt.Errorf("feed: lock feeds: %w", err)
	}

	// What the feeds hold now for these entities.
	type stored struct {
		hash    int64
		deleted bool
		body    *string
	}
	feedsOf, entitiesOf := make([]string, len(order)), make([]string, len(order))
	for i, k := range order {
		feedsOf[i], entitiesOf[i] = k.feed, k.entity
	}
	old := make(map[key]stored, len(order))
	rows, err = q.Query(ctx, `
		SELECT e.feed, e.entity, e.hash, e.deleted, e.body
		FROM unnest($1::text[], $2::text[]) AS k(feed, entity)
		JOIN feed_entries e ON e.feed = k.feed AND e.entity = k.entity`, feedsOf, entitiesOf)
	if err != nil {
		return nil, fmt.Errorf("feed: read entries: %w", err)
	}
	var k key
	var st stored
	if _, err := pgx.ForEachRow(rows, []any{&k.feed, &k.entity, &st.hash, &st.deleted, &st.body}, func() error {
		old[k] = st
		return nil
	}); err != nil {
		return nil, fmt.Errorf("feed: read entries: %w", err)
	}

	// Sequence numbers in feed order, then change order within a feed.
	sort.SliceStable(order, func(i, j int) bool { return order[i].feed < order[j].feed })
	var (
		fs, ents []string
		seqs     []int64
		deleted  []bool
		bodies   []*string
		hashes   []int64
	)
	for _, k := range order {
		c := changes[last[k]]
		prev, exists := old[k]
		liveBefore := exists && !prev.deleted
		if c.Body == nil && !liveBefore {
			continue // nothing to delete
		}
		if c.Body != nil && liveBefore && prev.body != nil && bytes.Equal([]byte(*prev.body), c.Body) {
			continue // no change
		}
		s := states[k.feed]
		s.head++
		if c.Access {
			access[k.feed] = true
		}
		var hash uint64
		var body *string
		if c.Body != nil {
			hash = Hash(k.entity, c.Body)
			b := string(c.Body)
			body = &b
		}
		if liveBefore {
			s.sum -= uint64(prev.hash)
			s.live--
		}
		if c.Body != nil {
			s.sum += hash
			s.live++
		}
		fs, ents, seqs, deleted, bodies, hashes = append(fs, k.feed), append(ents, k.entity), append(seqs, s.head),
			append(deleted, c.Body == nil), append(bodies, body), append(hashes, int64(hash))
	}
	if len(ents) == 0 {
		return map[string]int64{}, nil
	}
	if _, err := q.Exec(ctx, `
		INSERT INTO feed_entries (feed, entity, seq, deleted, body, hash)
		SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::boolean[], $5::text[], $6::bigint[])
		ON CONFLICT (feed, entity) DO UPDATE SET seq = excluded.seq, txid = pg_current_xact_id(),
		    deleted = excluded.deleted, body = excluded.body, hash = excluded.hash, written_at = now()`,
		fs, ents, seqs, deleted, bodies, hashes); err != nil {
		return nil, fmt.Errorf("feed: write entries: %w", err)
	}
	heads := map[string]int64{}
	var hn []string
	var hh, hsum, hlive []int64
	var notes []string
	for _, n := range names {
		s := states[n]
		if s.head == s.start {
			continue
		}
		heads[n] = s.head
		hn, hh, hsum, hlive = append(hn, n), append(hh, s.head), append(hsum, int64(s.sum)), append(hlive, s.live)
		note := fmt.Sprintf("%s %d", n, s.head)
		if access[n] {
			note += " access"
		}
		notes = append(notes, note)
	}
	if _, err := q.Exec(ctx, `
		UPDATE feeds f SET head = u.head, checksum = u.checksum, live = u.live, updated_at = now()
		FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[]) AS u(name, head, checksum, live)
		WHERE f.name = u.name`, hn, hh, hsum, hlive); err != nil {
		return nil, fmt.Errorf("feed: advance heads: %w", err)
	}
	if _, err := q.Exec(ctx, `SELECT pg_notify($1, n) FROM unnest($2::text[]) AS n`, NotifyChannel, notes); err != nil {
		return nil, fmt.Errorf("feed: notify: %w", err)
	}
	return heads, nil
}
