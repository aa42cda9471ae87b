package push

import (
	"context"
	"fmt"
	"time"

	"sotay/db"
)

// How long delivery records are kept: sends (which device got what) a
// month, for questions about a push; notifications done with half a year —
// the inbox itself lives in the members' feeds, which keep their entries.
const (
	keepSends         = 30 * 24 * time.Hour
	keepNotifications = 180 * 24 * time.Hour
)

// Purge deletes delivery records past keeping; it returns how many rows.
func Purge(ctx context.Context, q db.Querier, now time.Time) (int64, error) {
	a, err := q.Exec(ctx, `DELETE FROM push_sends WHERE at < $1`, now.Add(-keepSends))
	if err != nil {
		return 0, fmt.Errorf("push: purge sends: %w", err)
	}
	b, err := q.Exec(ctx, `DELETE FROM notifications WHERE created_at < $1 AND (pushed_at IS NOT NULL OR cancelled_at IS NOT NULL)`,
		now.Add(-keepNotifications))
	if err != nil {
		return 0, fmt.Errorf("push: purge notifications: %w", err)
	}
	return a.RowsAffected() + b.RowsAffected(), nil
}
