package content

import (
	"context"
	"fmt"

	"sotay/db"
)

// purgeSQL deletes what no longer serves any check: sign-in attempts older
// than a day (the window is minutes), refresh tokens past their expiry (a
// used one is kept until then to recognise reuse), activation codes expired
// a month ago, and sessions signed out more than a year ago (their refresh
// tokens go with them; the audit log keeps what admins did).
const purgeSQL = `
WITH a AS (DELETE FROM sign_in_attempts WHERE at < now() - interval '1 day' RETURNING 1),
     r AS (DELETE FROM refresh_tokens WHERE expires_at < now() RETURNING 1),
     c AS (DELETE FROM activation_codes WHERE expires_at < now() - interval '30 days' RETURNING 1),
     s AS (DELETE FROM sessions WHERE revoked_at < now() - interval '1 year' RETURNING 1)
SELECT (SELECT count(*) FROM a) + (SELECT count(*) FROM r) + (SELECT count(*) FROM c) + (SELECT count(*) FROM s)`

// PurgeExpired deletes expired sign-in state and reports how many rows went.
// Every serve process runs it now and then; running it twice is harmless.
func PurgeExpired(ctx context.Context, q db.Querier) (int64, error) {
	var n int64
	if err := q.QueryRow(ctx, purgeSQL).Scan(&n); err != nil {
		return 0, fmt.Errorf("content: purge: %w", err)
	}
	return n, nil
}
