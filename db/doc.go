// Package db owns sotay's connection to PostgreSQL: the pgx pool (Open), the
// transaction helper (Transact), the error kinds every layer above maps to a
// status (ErrNotFound, ErrConflict, ErrInvalid, ErrForbidden), and the
// embedded, numbered, forward-only schema migrations (Migrate, CheckSchema).
//
// SQL for domain tables lives in the package that owns each table, not here.
// db imports pgx and the standard library only; nothing of sotay.
package db
