package feed_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"sotay/db"
	"sotay/db/dbtest"
	"sotay/sync/feed"
	"sotay/sync/wire"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

func write(t *testing.T, pool *pgxpool.Pool, changes ...feed.Change) map[string]int64 {
	t.Helper()
	var heads map[string]int64
	err := db.Transact(context.Background(), pool, func(tx pgx.Tx) (err error) {
		heads, err = feed.Write(context.Background(), tx, changes)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return heads
}

func put(f, entity string, body any) feed.Change {
	c, err := feed.Put(f, entity, body)
	if err != nil {
		panic(err)
	}
	return c
}

// pull reads everything after cursor, page by page, in repeatable-read
// snapshots as the pull handler does, and returns the entries and the new cursor.
func pull(t testing.TB, pool *pgxpool.Pool, name string, cursor int64, limit int) ([]feed.Entry, int64, feed.State) {
	t.Helper()
	ctx := context.Background()
	var all []feed.Entry
	var st feed.State
	for {
		tx, err := pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
		if err != nil {
			t.Fatal(err)
		}
		states, err := feed.States(ctx, tx, []string{name})
		if err != nil {
			t.Fatal(err)
		}
		st = states[name]
		p, err := feed.ReadPage(ctx, tx, name, cursor, st.Head, limit)
		tx.Rollback(ctx)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, p.Entries...)
		cursor = p.To
		if !p.More {
			return all, cursor, st
		}
	}
}

// TestConcurrentWritersNoReaderSkips: writers commit in an order other than
// the one they started in, while readers pull. Every reader sees every entry,
// each once, in sequence order, with no gap — what a bigserial cursor cannot
// promise.
func TestConcurrentWritersNoReaderSkips(t *testing.T) {
	pool := dbtest.New(t)
	const writers, perWriter, readers = 8, 25, 4
	name := feed.Unit(1)
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 7))
			for i := 0; i < perWriter; i++ {
				err := db.Transact(context.Background(), pool, func(tx pgx.Tx) error {
					// Take the head, then dawdle before committing.
					if _, err := feed.Write(context.Background(), tx, []feed.Change{put(name, fmt.Sprintf("doc:%d-%d", w, i), map[string]int{"w": w, "i": i})}); err != nil {
						return err
					}
					time.Sleep(time.Duration(rng.IntN(2000)) * time.Microsecond)
					return nil
				})
				if err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	done := make(chan struct{})
	seen := make([][]int64, readers)
	var rwg sync.WaitGroup
	for r := 0; r < readers; r++ {
		rwg.Add(1)
		go func() {
			defer rwg.Done()
			var cursor int64
			for {
				select {
				case <-done:
					entries, _, _ := pull(t, pool, name, cursor, 7)
					for _, e := range entries {
						seen[r] = append(seen[r], e.Seq)
					}
					return
				default:
				}
				entries, next, _ := pull(t, pool, name, cursor, 7)
				for _, e := range entries {
					seen[r] = append(seen[r], e.Seq)
				}
				cursor = next
			}
		}()
	}
	wg.Wait()
	close(done)
	rwg.Wait()
	for r, s := range seen {
		if len(s) != writers*perWriter {
			t.Fatalf("reader %d saw %d entries, want %d", r, len(s), writers*perWriter)
		}
		for i, seq := range s {
			if seq != int64(i+1) {
				t.Fatalf("reader %d: entry %d has seq %d: a gap or a repeat", r, i, seq)
			}
		}
	}
}

func TestCompactionTombstonesAndBootstrap(t *testing.T) {
	pool := dbtest.New(t)
	name := feed.Unit(7)
	write(t, pool, put(name, "doc:1", map[string]string{"title": "v1"}), put(name, "doc:2", map[string]string{"title": "x"}))
	write(t, pool, put(name, "doc:1", map[string]string{"title": "v2"}))
	if h := write(t, pool, put(name, "doc:1", map[string]string{"title": "v2"})); len(h) != 0 {
		t.Fatalf("an unchanged put took a sequence number: %v", h)
	}
	if h := write(t, pool, feed.Delete(name, "doc:404")); len(h) != 0 {
		t.Fatalf("deleting nothing took a sequence number: %v", h)
	}
	write(t, pool, feed.Delete(name, "doc:2"))

	var rows int
	pool.QueryRow(context.Background(), `SELECT count(*) FROM feed_entries WHERE feed = $1`, name).Scan(&rows)
	if rows != 2 {
		t.Fatalf("%d rows for 2 entities", rows)
	}
	// A new device gets only live state.
	entries, cursor, st := pull(t, pool, name, 0, 100)
	if len(entries) != 1 || entries[0].Entity != "doc:1" || string(entries[0].Body) != `{"title":"v2"}` || cursor != 4 || st.Head != 4 {
		t.Fatalf("bootstrap %+v cursor %d", entries, cursor)
	}
	// A device at cursor 2 (after the first write) learns of the edit and the deletion.
	entries, _, _ = pull(t, pool, name, 2, 100)
	if len(entries) != 2 || entries[0].Entity != "doc:1" || !entries[1].Deleted || entries[1].Entity != "doc:2" {
		t.Fatalf("incremental %+v", entries)
	}
}

func TestChecksumIsSumOfLiveHashes(t *testing.T) {
	pool := dbtest.New(t)
	name := feed.Member(3)
	rng := rand.New(rand.NewPCG(1, 2))
	model := map[string]json.RawMessage{}
	for i := 0; i < 200; i++ {
		e := fmt.Sprintf("note:%d", rng.IntN(30))
		if rng.IntN(4) == 0 {
			write(t, pool, feed.Delete(name, e))
			delete(model, e)
		} else {
			c := put(name, e, map[string]int{"v": rng.IntN(5)})
			write(t, pool, c)
			model[e] = c.Body
		}
	}
	var want uint64
	for e, b := range model {
		want += feed.Hash(e, b)
	}
	entries, _, st := pull(t, pool, name, 0, 13)
	if st.Checksum != want || st.Live != int64(len(model)) {
		t.Fatalf("checksum %d live %d, want %d and %d", st.Checksum, st.Live, want, len(model))
	}
	// A client applies the entries (a tombstone deletes) and sums what it holds.
	copy := map[string]json.RawMessage{}
	for _, e := range entries {
		if e.Deleted {
			delete(copy, e.Entity)
		} else {
			copy[e.Entity] = e.Body
		}
	}
	var got uint64
	for e, b := range copy {
		got += feed.Hash(e, b)
	}
	if got != want || len(copy) != len(model) {
		t.Fatalf("a client's recomputed checksum %d over %d entries, want %d over %d", got, len(copy), want, len(model))
	}
}

func TestPageNeverSplitsATransaction(t *testing.T) {
	pool := dbtest.New(t)
	name := feed.Unit(9)
	write(t, pool, put(name, "doc:a", 1))
	var tx []feed.Change
	for i := 0; i < 10; i++ {
		tx = append(tx, put(name, fmt.Sprintf("item:%d", i), i))
	}
	write(t, pool, tx...)
	write(t, pool, put(name, "doc:z", 2))
	ctx := context.Background()
	p, err := feed.ReadPage(ctx, pool, name, 0, 12, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Entries) != 11 || p.To != 11 || !p.More {
		t.Fatalf("page of %d entries to %d, more %v", len(p.Entries), p.To, p.More)
	}
	p, _ = feed.ReadPage(ctx, pool, name, 11, 12, 3)
	if len(p.Entries) != 1 || p.To != 12 || p.More {
		t.Fatalf("last page %+v", p)
	}
}

func TestTombstonePurgeRaisesHorizonAndResets(t *testing.T) {
	pool := dbtest.New(t)
	ctx := context.Background()
	name := feed.Unit(5)
	write(t, pool, put(name, "doc:1", 1), put(name, "doc:2", 2))
	write(t, pool, feed.Delete(name, "doc:1"))
	write(t, pool, put(name, "doc:3", 3))
	pool.Exec(ctx, `UPDATE feed_entries SET written_at = now() - interval '100 days' WHERE deleted`)
	var n int64
	if err := db.Transact(ctx, pool, func(tx pgx.Tx) (err error) {
		n, err = feed.PurgeTombstones(ctx, tx, feed.TombstoneRetention)
		return err
	}); err != nil || n != 1 {
		t.Fatalf("purged %d, %v", n, err)
	}
	states, _ := feed.States(ctx, pool, []string{name})
	st := states[name]
	if st.Horizon != 3 {
		t.Fatalf("horizon %d", st.Horizon)
	}
	for cursor, want := range map[int64]bool{0: false, 1: true, 2: true, 3: false, 4: false} {
		reset, err := st.Resume(wire.Cursor{Seq: cursor})
		if err != nil || reset != want {
			t.Errorf("cursor %d: reset %v %v, want %v", cursor, reset, err, want)
		}
	}
	if _, err := st.Resume(wire.Cursor{Seq: 5}); err != feed.ErrCursorAhead {
		t.Errorf("cursor ahead: %v", err)
	}
	// A bootstrap that began under this horizon goes on below it; one that
	// began under an older horizon starts over.
	if reset, _ := st.Resume(wire.Cursor{Seq: 1, Bootstrap: true, Horizon: 3}); reset {
		t.Error("a bootstrap under the current horizon was reset")
	}
	if reset, _ := st.Resume(wire.Cursor{Seq: 1, Bootstrap: true, Horizon: 0}); !reset {
		t.Error("a bootstrap begun before a purge was not reset")
	}
}

func TestFeedNames(t *testing.T) {
	for _, bad := range []string{"", "unit", "unit:", "unit:0", "unit:-1", "unit:01", "group:1", "unit:1:2", "unit:99999999999999999999"} {
		if _, _, err := feed.Parse(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if k, id, err := feed.Parse("officers:42"); err != nil || k != feed.KindOfficers || id != 42 {
		t.Errorf("officers:42 → %v %v %v", k, id, err)
	}
}

// A write's notification says "access" when a change marked so is among
// its changes to the feed, and only then.
func TestNotificationSaysAccess(t *testing.T) {
	pool := dbtest.New(t)
	ctx := context.Background()
	conn, err := pool.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "LISTEN "+feed.NotifyChannel); err != nil {
		t.Fatal(err)
	}
	write := func(cs ...feed.Change) {
		if err := db.Transact(ctx, pool, func(tx pgx.Tx) error { _, err := feed.Write(ctx, tx, cs); return err }); err != nil {
			t.Fatal(err)
		}
	}
	inbox, _ := feed.Put("member:7", "notification:1", map[string]string{"title": "Họp"})
	profile, _ := feed.Put("member:7", "profile:7", map[string]int{"cell": 3})
	write(inbox)
	write(profile.ForAccess(), mustPut(t, "unit:3", "member:7"))
	want := []string{"member:7 1", "member:7 2 access", "unit:3 1"}
	for _, w := range want {
		wctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		n, err := conn.Conn().WaitForNotification(wctx)
		cancel()
		if err != nil || n.Payload != w {
			t.Fatalf("notification %v (%v), want %q", n, err, w)
		}
	}
}

func mustPut(t *testing.T, f, e string) feed.Change {
	c, err := feed.Put(f, e, map[string]string{"x": "y"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}
