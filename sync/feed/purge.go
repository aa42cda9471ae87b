package feed

import (
	"context"
	"fmt"
	"time"

	"sotay/db"
)

// TombstoneRetention is how long a deletion stays in a feed for devices that
// were away. A device away longer gets a reset for that feed and pulls it
// again from the start (it gets only live entries, so the cost is one
// bootstrap, never a silent gap).
const TombstoneRetention = 90 * 24 * time.Hour

// PurgeTombstones deletes tombstones older than retention from every feed
// and raises each feed's horizon to the highest sequence number it purged.
// It returns how many tombstones went. Run it in a transaction; it locks
// each feed it changes, like a write.
func PurgeTombstones(ctx context.Context, q db.Querier, retention time.Duration) (int64, error) {
	// Lock the feeds first, in name order, as writers do: a purge and a
	// writer then wait for each other instead of deadlocking.
	if _, err := q.Exec(ctx, `
		SELECT name FROM feeds
		WHERE name IN (SELECT DISTINCT feed FROM feed_entries WHERE deleted AND written_at < now() - $1::interval)
		ORDER BY name FOR UPDATE`, retention); err != nil {
		return 0, fmt.Errorf("feed: purge tombstones: %w", err)
	}
	var n int64
	err := q.QueryRow(ctx, `
		WITH gone AS (
		    DELETE FROM feed_entries WHERE deleted AND written_at < now() - $1::interval
		    RETURNING feed, seq),
		top AS (SELECT feed, max(seq) AS seq, count(*) AS n FROM gone GROUP BY feed),
		raised AS (
		    UPDATE feeds f SET horizon = greatest(f.horizon, top.seq) FROM top WHERE f.name = top.feed RETURNING 1)
		SELECT coalesce(sum(n), 0) FROM top`, retention).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("feed: purge tombstones: %w", err)
	}
	return n, nil
}
