package db

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Beginner starts transactions: a *pgxpool.Pool, or a pgx.Tx for a savepoint.
type Beginner interface {
	Begin(ctx context.Context) (pgx.Tx, error)
}

// maxAttempts bounds the retries of a transaction that lost a serialization
// or deadlock race; the loser of such a race has done nothing and may run again.
const maxAttempts = 5

// Transact runs fn in a transaction: committed when fn returns nil, rolled
// back otherwise (also when fn panics, the panic then continues). A
// serialization failure or deadlock re-runs fn from the start, so fn must do
// nothing outside the transaction that cannot be repeated.
func Transact(ctx context.Context, b Beginner, fn func(tx pgx.Tx) error) error {
	var err error
	for attempt := 1; attempt <= maxAttempts; attempt++ {
		err = transactOnce(ctx, b, fn)
		if err == nil || !retryable(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(time.Duration(attempt*attempt) * 5 * time.Millisecond):
		}
	}
	return fmt.Errorf("db: transaction still conflicting after %d attempts: %w", maxAttempts, err)
}

func transactOnce(ctx context.Context, b Beginner, fn func(tx pgx.Tx) error) (err error) {
	tx, err := b.Begin(ctx)
	if err != nil {
		return fmt.Errorf("db: begin: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback(context.WithoutCancel(ctx))
			panic(p)
		}
		if err != nil {
			_ = tx.Rollback(context.WithoutCancel(ctx))
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	if err = tx.Commit(ctx); err != nil {
		return fmt.Errorf("db: commit: %w", err)
	}
	return nil
}

func retryable(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "40001" || pe.Code == "40P01"
	}
	return false
}
