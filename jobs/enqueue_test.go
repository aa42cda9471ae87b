package jobs_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5"

	"sotay/db"
	"sotay/db/dbtest"
	"sotay/jobs"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

type hello struct {
	Name string `json:"name"`
}

func (hello) Kind() string { return "hello" }

func count(t *testing.T, q db.Querier) (n int) {
	t.Helper()
	if err := q.QueryRow(context.Background(), `SELECT count(*) FROM river_job WHERE kind = 'hello'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A job exists exactly when the transaction that enqueued it commits.
func TestEnqueueFollowsTheTransaction(t *testing.T) {
	pool := dbtest.New(t)
	ctx := context.Background()
	boom := errors.New("boom")
	err := db.Transact(ctx, pool, func(tx pgx.Tx) error {
		if err := jobs.Enqueue(ctx, tx, hello{"a"}, nil); err != nil {
			return err
		}
		if count(t, tx) != 1 {
			t.Fatal("the job is not visible in its own transaction")
		}
		return boom
	})
	if !errors.Is(err, boom) || count(t, pool) != 0 {
		t.Fatalf("after a rollback: %v, %d jobs", err, count(t, pool))
	}
	if err := db.Transact(ctx, pool, func(tx pgx.Tx) error { return jobs.Enqueue(ctx, tx, hello{"b"}, nil) }); err != nil {
		t.Fatal(err)
	}
	// A pool is a transaction of its own.
	if err := jobs.Enqueue(ctx, pool, hello{"c"}, nil); err != nil {
		t.Fatal(err)
	}
	if count(t, pool) != 2 {
		t.Fatalf("%d jobs, want 2", count(t, pool))
	}
}
