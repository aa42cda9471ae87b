package content

import (
	"context"
	"fmt"
	"slices"
	"sort"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"sotay/db"
	"sotay/sync/feed"
	"sotay/sync/wire"
)

// pageLimit is how many entries one feed page holds (a page never splits a
// transaction, so it may hold more). A fixed size makes the page for
// (feed, cursor, head) the same for everyone, so it is computed once.
const pageLimit = 500

// Syncer answers pulls. Its page cache is what makes a province-wide
// publish cost one feed query, not one per phone (DESIGN.md §4 property 7).
type Syncer struct {
	Pool  *pgxpool.Pool
	Pages *feed.PageCache
}

// Pull answers a pull by the member behind actor (DESIGN.md §4): the feeds
// they may read now, each from its cursor up to its head in one consistent
// snapshot (never half of a transaction), the feeds they lost, the feeds
// they gained, and the client's last applied mutation.
func (s *Syncer) Pull(ctx context.Context, a *Actor, req wire.PullRequest) (wire.PullResponse, error) {
	resp := wire.PullResponse{Version: wire.Version, Feeds: map[string]wire.FeedPage{}, Added: []string{}, Removed: []string{}}
	client, err := uuid.Parse(req.ClientID)
	if err != nil {
		return resp, db.Invalid("client_id", "bad_client_id", "Mã thiết bị (client_id) không hợp lệ.")
	}
	if resp.LastMutationID, err = syncClient(ctx, s.Pool, client, a.AccountID); err != nil {
		return resp, err
	}
	// One snapshot for everything: the member's feed set, the heads and the
	// pages agree, and a transaction that wrote several feeds is seen whole
	// or not at all.
	tx, err := s.Pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return resp, fmt.Errorf("content: pull: %w", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	var allowed []string
	if a.MemberID != 0 {
		if allowed, err = MemberFeeds(ctx, tx, a.MemberID); err != nil {
			return resp, err
		}
	}
	cursors := map[string]wire.Cursor{}
	for _, name := range allowed {
		c, asked := req.Feeds[name]
		if !asked {
			resp.Added = append(resp.Added, name)
		}
		n, err := wire.ParsePullCursor(c)
		if err != nil {
			return resp, db.Invalid("feeds", "bad_cursor", "Con trỏ đồng bộ không hợp lệ: "+name+".")
		}
		cursors[name] = n
	}
	for name := range req.Feeds {
		if _, ok := cursors[name]; !ok {
			resp.Removed = append(resp.Removed, name)
		}
	}
	sort.Strings(resp.Removed)
	if len(allowed) == 0 {
		return resp, nil
	}

	states, err := feed.States(ctx, tx, allowed)
	if err != nil {
		return resp, err
	}
	budget := wire.MaxChanges
	for _, name := range allowed {
		st := states[name]
		cur := cursors[name]
		reset, err := st.Resume(cur)
		if err != nil || reset {
			// Ahead of the head (forged, or another database) or below the
			// horizon: start the feed over.
			cur, reset = wire.Cursor{}, true
		}
		page := wire.FeedPage{Reset: reset, Cursor: cur.String(), Checksum: wire.FormatChecksum(st.Checksum), Changes: []wire.Change{}}
		if budget <= 0 && cur.Seq < st.Head {
			page.More, resp.More = true, true
			resp.Feeds[name] = page
			continue
		}
		p, err := s.Pages.Get(ctx, tx, name, cur.Seq, st.Head, pageLimit)
		if err != nil {
			return resp, err
		}
		next := wire.Cursor{Seq: p.To}
		if p.More && (cur.Seq == 0 || cur.Bootstrap) {
			// A first download goes on below a horizon that does not move.
			next = wire.Cursor{Seq: p.To, Bootstrap: true, Horizon: st.Horizon}
		}
		page.Changes, page.Cursor, page.More = p.Changes, next.String(), p.More
		resp.More = resp.More || p.More
		budget -= len(p.Changes)
		resp.Feeds[name] = page
	}
	return resp, nil
}

// Chunk returns the entries of feed in (from, to] for a member who may read
// it, from the shared page cache. to must not be beyond the feed's head; a
// cursor below the horizon gets a reset error (pull to start over). Every
// version of a chunk is correct to apply in order, so it may be kept for
// good (its bytes change only when an entity in it is rewritten later).
func (s *Syncer) Chunk(ctx context.Context, a *Actor, name string, from, to int64) (*feed.CachedPage, error) {
	notFound := db.NotFound("feed_not_found", "Không có nguồn đồng bộ này.")
	if a.MemberID == 0 {
		return nil, notFound
	}
	tx, err := s.Pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, fmt.Errorf("content: chunk: %w", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	allowed, err := MemberFeeds(ctx, tx, a.MemberID)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(allowed, name) {
		return nil, notFound
	}
	states, err := feed.States(ctx, tx, []string{name})
	if err != nil {
		return nil, err
	}
	st := states[name]
	if to > st.Head || from > to {
		return nil, db.Invalid("to", "cursor_ahead", "Con trỏ vượt quá nguồn đồng bộ; hãy đồng bộ lại từ đầu.")
	}
	if reset, _ := st.Resume(wire.Cursor{Seq: from}); reset {
		return nil, db.Conflict("reset", "Dữ liệu cũ đã được dọn; hãy đồng bộ nguồn này lại từ đầu.")
	}
	return s.Pages.Get(ctx, tx, name, from, to, pageLimit)
}
