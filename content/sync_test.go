package content_test

import (
	"context"
	"sync"
	"testing"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"sotay/content"
	"sotay/content/demo"
	"sotay/db"
	"sotay/db/dbtest"
	"sotay/sync/feed"
	"sotay/sync/wire"
)

// syncWorld is a seeded demo province with a Syncer over it.
type syncWorld struct {
	pool   *pgxpool.Pool
	syncer *content.Syncer
	admin  *content.Actor
	root   content.Unit
	actors []*content.Actor // members, each with an account
}

func newSyncWorld(tb testing.TB, cells, members int) *syncWorld {
	tb.Helper()
	ctx := context.Background()
	pool := dbtest.New(tb)
	if _, err := demo.Seed(ctx, pool, demo.Options{Communes: 3, Grassroots: max(1, cells/10), Cells: cells, MembersPerCell: 10}); err != nil {
		tb.Fatal(err)
	}
	w := &syncWorld{pool: pool, syncer: &content.Syncer{Pool: pool, Pages: feed.NewPageCache(64 << 20)}}
	var err error
	if w.root, err = content.RootUnit(ctx, pool); err != nil {
		tb.Fatal(err)
	}
	var adminID int64
	pool.QueryRow(ctx, `SELECT id FROM accounts WHERE login = 'admin'`).Scan(&adminID)
	if w.admin, err = content.LoadActor(ctx, pool, adminID, uuid.Nil, "test"); err != nil {
		tb.Fatal(err)
	}
	rows, _ := pool.Query(ctx, `SELECT id FROM members WHERE state = 'active' ORDER BY id LIMIT $1`, members)
	ids, _ := pgx.CollectRows(rows, pgx.RowTo[int64])
	for _, id := range ids {
		var acc int64
		if err := pool.QueryRow(ctx, `INSERT INTO accounts (member_id) VALUES ($1) ON CONFLICT (member_id) DO UPDATE SET member_id = excluded.member_id RETURNING id`, id).Scan(&acc); err != nil {
			tb.Fatal(err)
		}
		a, err := content.LoadActor(ctx, pool, acc, uuid.Nil, "test")
		if err != nil {
			tb.Fatal(err)
		}
		w.actors = append(w.actors, a)
	}
	return w
}

// pullAll pulls until caught up and returns the cursors.
func (w *syncWorld) pullAll(tb testing.TB, a *content.Actor, client string, cursors map[string]string) map[string]string {
	tb.Helper()
	if cursors == nil {
		cursors = map[string]string{}
	}
	for {
		resp, err := w.syncer.Pull(context.Background(), a, wire.PullRequest{Version: 1, ClientID: client, Feeds: cursors})
		if err != nil {
			tb.Fatal(err)
		}
		for _, f := range resp.Removed {
			delete(cursors, f)
		}
		for f, p := range resp.Feeds {
			cursors[f] = p.Cursor
		}
		if !resp.More {
			return cursors
		}
	}
}

func (w *syncWorld) publishToRoot(tb testing.TB, title string) {
	tb.Helper()
	ctx := context.Background()
	err := db.Transact(ctx, w.pool, func(tx pgx.Tx) error {
		d, err := content.CreateDocument(ctx, tx, w.admin, content.DocumentInput{Type: content.DocBulletin, Title: title, Body: "Nội dung", AudienceUnitID: w.root.ID})
		if err != nil {
			return err
		}
		_, err = content.PublishDocument(ctx, tx, w.admin, d.ID, nil)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// TestHerdCostsOneFeedRead: after a province-wide publish, many members
// pulling the province feed from the same cursor cost one read of it.
func TestHerdCostsOneFeedRead(t *testing.T) {
	w := newSyncWorld(t, 20, 60)
	ctx := context.Background()
	province := feed.Unit(w.root.ID)
	cursors := make([]map[string]string, len(w.actors))
	clients := make([]string, len(w.actors))
	for i, a := range w.actors {
		clients[i] = uuid.NewString()
		cursors[i] = w.pullAll(t, a, clients[i], nil)
	}
	w.publishToRoot(t, "Bản tin khẩn toàn tỉnh")
	before := w.syncer.Pages.Reads()
	var wg sync.WaitGroup
	for i, a := range w.actors {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := w.syncer.Pull(ctx, a, wire.PullRequest{Version: 1, ClientID: clients[i], Feeds: cursors[i]})
			if err != nil {
				t.Error(err)
				return
			}
			if n := len(resp.Feeds[province].Changes); n != 1 {
				t.Errorf("member %d got %d changes of the province feed", a.MemberID, n)
			}
		}()
	}
	wg.Wait()
	if reads := w.syncer.Pages.Reads() - before; reads != 1 {
		t.Fatalf("%d pulls cost %d reads of feed pages; want 1", len(w.actors), reads)
	}
}
