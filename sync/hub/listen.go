package hub

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"sotay/sync/feed"
)

// Listen pokes from PostgreSQL: it LISTENs on feed.NotifyChannel over its
// own connection (connect makes one) and pokes for every notification, until
// ctx ends. When the connection drops it reconnects with backoff, then reads
// the heads of every followed feed and pokes those that moved meanwhile, so a
// notification lost in the gap costs a moment, never a missed change. ready,
// when not nil, is closed once the first LISTEN is in place.
func (h *Hub) Listen(ctx context.Context, connect func(context.Context) (*pgx.Conn, error), ready chan<- struct{}) {
	backoff := 100 * time.Millisecond
	first := true
	for ctx.Err() == nil {
		err := h.listenOnce(ctx, connect, !first, func() {
			if first && ready != nil {
				close(ready)
			}
			first = false
			backoff = 100 * time.Millisecond
		})
		if ctx.Err() != nil {
			return
		}
		h.cfg.Log.Warn("hub: listen connection lost; reconnecting", "err", err, "in", backoff)
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, 10*time.Second)
	}
}

func (h *Hub) listenOnce(ctx context.Context, connect func(context.Context) (*pgx.Conn, error), catchUp bool, listening func()) error {
	conn, err := connect(ctx)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "LISTEN "+feed.NotifyChannel); err != nil {
		return err
	}
	listening()
	if catchUp {
		if err := h.catchUp(ctx, conn); err != nil {
			return err
		}
	}
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		name, rest, ok := strings.Cut(n.Payload, " ")
		if !ok {
			continue
		}
		head, flag, _ := strings.Cut(rest, " ")
		if v, err := strconv.ParseInt(head, 10, 64); err == nil {
			h.Poke(name, v)
			if flag == "access" {
				h.Recheck(name)
			}
		}
	}
}

// catchUp pokes every followed feed whose head moved while no notification
// could arrive.
func (h *Hub) catchUp(ctx context.Context, conn *pgx.Conn) error {
	h.mu.RLock()
	names := make([]string, 0, len(h.feeds))
	for f := range h.feeds {
		names = append(names, f)
	}
	h.mu.RUnlock()
	if len(names) == 0 {
		return nil
	}
	rows, err := conn.Query(ctx, `SELECT name, head FROM feeds WHERE name = ANY($1)`, names)
	if err != nil {
		return err
	}
	var name string
	var head int64
	_, err = pgx.ForEachRow(rows, []any{&name, &head}, func() error {
		h.mu.RLock()
		moved := head > h.heads[name]
		h.mu.RUnlock()
		h.Poke(name, head)
		if moved && strings.HasPrefix(name, "member:") {
			h.Recheck(name) // whether its record changed is unknown: re-check
		}
		return nil
	})
	return err
}
