package db_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"

	"sotay/db"
	"sotay/db/dbtest"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

func TestMigrationsAreNumberedAndExplained(t *testing.T) {
	ms, err := db.Migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 || db.SchemaVersion() != len(ms) {
		t.Fatalf("got %d migrations, SchemaVersion %d", len(ms), db.SchemaVersion())
	}
}

func TestMigrateIsIdempotentAndSchemaCurrent(t *testing.T) {
	pool := dbtest.New(t)
	ctx := context.Background()
	n, err := db.Migrate(ctx, pool)
	if err != nil || n != 0 {
		t.Fatalf("second migrate applied %d, err %v; want 0, nil", n, err)
	}
	if err := db.CheckSchema(ctx, pool); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `DELETE FROM schema_migrations WHERE version = $1`, db.SchemaVersion()); err != nil {
		t.Fatal(err)
	}
	var stale *db.ErrStaleSchema
	if err := db.CheckSchema(ctx, pool); !errors.As(err, &stale) || stale.Have != db.SchemaVersion()-1 {
		t.Fatalf("CheckSchema on a stale schema = %v, want ErrStaleSchema", err)
	}
}

func TestCheckSchemaSeesMissingRiverTables(t *testing.T) {
	pool := dbtest.New(t)
	ctx := context.Background()
	if _, err := pool.Exec(ctx, `DELETE FROM river_migration WHERE version = (SELECT max(version) FROM river_migration)`); err != nil {
		t.Fatal(err)
	}
	var stale *db.ErrStaleSchema
	if err := db.CheckSchema(ctx, pool); !errors.As(err, &stale) || stale.River == "" {
		t.Fatalf("CheckSchema without River's last migration = %v, want ErrStaleSchema naming River", err)
	}
}

func TestTransactRollsBackOnErrorAndPanic(t *testing.T) {
	pool := dbtest.New(t)
	ctx := context.Background()
	if _, err := pool.Exec(ctx, `CREATE TABLE t (v int)`); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := db.Transact(ctx, pool, func(tx pgx.Tx) error {
		tx.Exec(ctx, `INSERT INTO t VALUES (1)`)
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	func() {
		defer func() { recover() }()
		db.Transact(ctx, pool, func(tx pgx.Tx) error {
			tx.Exec(ctx, `INSERT INTO t VALUES (2)`)
			panic("kaboom")
		})
	}()
	var n int
	pool.QueryRow(ctx, `SELECT count(*) FROM t`).Scan(&n)
	if n != 0 {
		t.Fatalf("rows after rollbacks = %d, want 0", n)
	}
}

func TestTransactRetriesSerializationFailure(t *testing.T) {
	pool := dbtest.New(t)
	ctx := context.Background()
	var calls atomic.Int32
	err := db.Transact(ctx, pool, func(tx pgx.Tx) error {
		if calls.Add(1) < 3 {
			_, err := tx.Exec(ctx, `DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '40001'; END $$`)
			return err
		}
		return nil
	})
	if err != nil || calls.Load() != 3 {
		t.Fatalf("err %v after %d calls; want nil after 3", err, calls.Load())
	}
}

func TestTranslateKinds(t *testing.T) {
	pool := dbtest.New(t)
	ctx := context.Background()
	pool.Exec(ctx, `CREATE TABLE u (v int UNIQUE CHECK (v > 0))`)
	pool.Exec(ctx, `INSERT INTO u VALUES (1)`)
	_, err := pool.Exec(ctx, `INSERT INTO u VALUES (1)`)
	if !errors.Is(db.Translate(err, "giá trị"), db.ErrConflict) {
		t.Errorf("unique violation -> %v", db.Translate(err, "x"))
	}
	_, err = pool.Exec(ctx, `INSERT INTO u VALUES (-1)`)
	if !errors.Is(db.Translate(err, "giá trị"), db.ErrInvalid) {
		t.Errorf("check violation -> %v", db.Translate(err, "x"))
	}
	err = pool.QueryRow(ctx, `SELECT v FROM u WHERE v = 42`).Scan(new(int))
	if !errors.Is(db.Translate(err, "giá trị"), db.ErrNotFound) {
		t.Errorf("no rows -> %v", db.Translate(err, "x"))
	}
}

// BenchmarkNewDatabase measures what a test pays for its own database.
func BenchmarkNewDatabase(b *testing.B) {
	dbtest.New(b) // the first one starts the cluster and the template
	b.ResetTimer()
	for b.Loop() {
		dbtest.NewURL(b)
	}
}
