package content

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"sotay/db"
)

// Revocations is each serve process's in-memory list of sessions revoked
// recently enough that their access tokens may still be unexpired. Checking
// a token against it costs no database round trip; Run keeps it current by
// asking the database every few seconds for sessions revoked since the last
// look, so a revocation made by any process reaches every process within
// that interval.
type Revocations struct {
	mu      sync.RWMutex
	revoked map[uuid.UUID]revocation
	since   time.Time // database clock of the last successful look
}

type revocation struct {
	at   time.Time
	wipe bool
}

// NewRevocations returns an empty list; call Load (or Run) before serving.
func NewRevocations() *Revocations {
	return &Revocations{revoked: map[uuid.UUID]revocation{}}
}

// revocationOverlap re-reads a little of the past on every look: a session
// revoked by a transaction that began before the last look but committed
// after it carries an earlier revoked_at.
const revocationOverlap = time.Minute

// Load reads the sessions revoked since the last look (at first, within the
// access-token life) and forgets the ones whose tokens have all expired.
func (r *Revocations) Load(ctx context.Context, q db.Querier) error {
	r.mu.RLock()
	since := r.since
	r.mu.RUnlock()
	var dbNow time.Time
	if err := q.QueryRow(ctx, `SELECT now()`).Scan(&dbNow); err != nil {
		return fmt.Errorf("content: revocations: %w", err)
	}
	from := since.Add(-revocationOverlap)
	if since.IsZero() {
		from = dbNow.Add(-AccessTTL - revocationOverlap)
	}
	rows, err := q.Query(ctx, `
		SELECT id, greatest(revoked_at, wipe_requested_at), wipe_requested_at IS NOT NULL FROM sessions
		WHERE revoked_at > $1 OR wipe_requested_at > $1`, from)
	if err != nil {
		return fmt.Errorf("content: revocations: %w", err)
	}
	var id uuid.UUID
	var rv revocation
	fresh := map[uuid.UUID]revocation{}
	if _, err := pgx.ForEachRow(rows, []any{&id, &rv.at, &rv.wipe}, func() error {
		fresh[id] = rv
		return nil
	}); err != nil {
		return fmt.Errorf("content: revocations: %w", err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for id, rv := range fresh {
		r.revoked[id] = rv
	}
	for id, rv := range r.revoked {
		if rv.at.Before(dbNow.Add(-AccessTTL - revocationOverlap)) {
			delete(r.revoked, id)
		}
	}
	r.since = dbNow
	return nil
}

// Run calls Load every interval until ctx ends, logging failures.
func (r *Revocations) Run(ctx context.Context, q db.Querier, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := r.Load(ctx, q); err != nil && ctx.Err() == nil {
				log.Warn("reload revoked sessions", "err", err)
			}
		}
	}
}

// Check returns nil for a session that is not revoked, ErrDeviceWiped for a
// device an admin ordered wiped, and ErrSessionRevoked otherwise.
func (r *Revocations) Check(session uuid.UUID) error {
	r.mu.RLock()
	rv, ok := r.revoked[session]
	r.mu.RUnlock()
	switch {
	case !ok:
		return nil
	case rv.wipe:
		return ErrDeviceWiped
	default:
		return ErrSessionRevoked
	}
}
