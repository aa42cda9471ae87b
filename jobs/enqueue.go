package jobs

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"sotay/db"
)

// inserter is River's insert-only client: it holds no pool and no state
// beyond its configuration, and inserts through the transaction it is
// given. One serves every caller, as a codec would.
var inserter = func() *river.Client[pgx.Tx] {
	c, err := river.NewClient(riverpgxv5.New(nil), &river.Config{})
	if err != nil {
		panic(fmt.Sprintf("jobs: insert-only River client: %v", err)) // configuration is fixed at build time
	}
	return c
}()

// Enqueue inserts the job args (with opts, which may be nil) in q's
// transaction. A q that is not a transaction but can begin one (a pool, as
// some tests pass) gets the job in a transaction of its own, as each of that
// caller's statements is.
func Enqueue(ctx context.Context, q db.Querier, args river.JobArgs, opts *river.InsertOpts) error {
	tx, ok := q.(pgx.Tx)
	if !ok {
		b, ok := q.(db.Beginner)
		if !ok {
			return fmt.Errorf("jobs: enqueue %s: %T is neither a transaction nor can begin one", args.Kind(), q)
		}
		return db.Transact(ctx, b, func(tx pgx.Tx) error { return Enqueue(ctx, tx, args, opts) })
	}
	if _, err := inserter.InsertTx(ctx, tx, args, opts); err != nil {
		return fmt.Errorf("jobs: enqueue %s: %w", args.Kind(), err)
	}
	return nil
}
