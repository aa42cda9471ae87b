package db

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"io"
	"log/slog"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migration is one numbered, forward-only schema step. Its file starts with a
// comment saying why it exists.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations returns the embedded migrations in order. File names are
// NNNN_name.sql; the numbers must run 1, 2, 3... without gaps.
func Migrations() ([]Migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []Migration
	for _, e := range entries {
		num, name, ok := strings.Cut(strings.TrimSuffix(e.Name(), ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("db: migration file %q is not named NNNN_name.sql", e.Name())
		}
		b, err := migrationFiles.ReadFile(path.Join("migrations", e.Name()))
		if err != nil {
			return nil, err
		}
		if !strings.HasPrefix(strings.TrimSpace(string(b)), "--") {
			return nil, fmt.Errorf("db: migration %s must start with a comment saying why", e.Name())
		}
		ms = append(ms, Migration{Version: v, Name: name, SQL: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	for i, m := range ms {
		if m.Version != i+1 {
			return nil, fmt.Errorf("db: migration numbers must run 1, 2, 3...: found %04d at position %d", m.Version, i+1)
		}
	}
	return ms, nil
}

// SchemaVersion is the version the code expects: the number of migrations.
func SchemaVersion() int {
	ms, err := Migrations()
	if err != nil {
		panic(err) // the embedded files are fixed at build time; a test checks them
	}
	return len(ms)
}

// migrateLock is the advisory lock that serialises concurrent `sotay migrate` runs.
const migrateLock = 0x50747179 // "Ptty"

// Migrate applies every migration not yet applied, each in its own
// transaction, then River's (migrateRiver), and reports how many of its own
// it applied. Concurrent callers wait for
// each other; running it twice applies nothing the second time.
func Migrate(ctx context.Context, pool *pgxpool.Pool) (int, error) {
	ms, err := Migrations()
	if err != nil {
		return 0, err
	}
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return 0, fmt.Errorf("db: migrate: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, migrateLock); err != nil {
		return 0, fmt.Errorf("db: migrate lock: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, migrateLock)
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version int PRIMARY KEY,
		name text NOT NULL,
		applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return 0, fmt.Errorf("db: migrate: %w", err)
	}
	current, err := currentVersion(ctx, conn)
	if err != nil {
		return 0, err
	}
	if current > len(ms) {
		return 0, &ErrStaleSchema{Have: current, Want: len(ms)}
	}
	applied := 0
	for _, m := range ms[current:] {
		err := Transact(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, m.SQL); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`, m.Version, m.Name)
			return err
		})
		if err != nil {
			return applied, fmt.Errorf("db: migration %04d_%s: %w", m.Version, m.Name, err)
		}
		applied++
	}
	if err := migrateRiver(ctx, pool); err != nil {
		return applied, err
	}
	return applied, nil
}

// riverMigrator migrates the tables of River, the job queue (river_job and
// its company), which River versions itself in river_migration. They are
// part of the schema: `sotay migrate` applies them after ours, under the
// same lock, and CheckSchema refuses a database without them.
func riverMigrator(pool *pgxpool.Pool) (*rivermigrate.Migrator[pgx.Tx], error) {
	return rivermigrate.New(riverpgxv5.New(pool), &rivermigrate.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
}

func migrateRiver(ctx context.Context, pool *pgxpool.Pool) error {
	m, err := riverMigrator(pool)
	if err != nil {
		return fmt.Errorf("db: river migrations: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("db: river migrations: %w", err)
	}
	return nil
}

func currentVersion(ctx context.Context, q Querier) (int, error) {
	var v int
	err := q.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("db: read schema version: %w", err)
	}
	return v, nil
}

// ErrStaleSchema says the database is behind (or ahead of) the code.
type ErrStaleSchema struct {
	Have, Want int
	River      string // what River's migrator found missing, when only that is behind
}

func (e *ErrStaleSchema) Error() string {
	if e.River != "" {
		return "the job queue's tables are not current (" + e.River + "): run `sotay migrate`"
	}
	if e.Have > e.Want {
		return fmt.Sprintf("database schema is at version %d, newer than this binary (%d): deploy the newer sotay", e.Have, e.Want)
	}
	return fmt.Sprintf("database schema is at version %d, this binary needs %d: run `sotay migrate`", e.Have, e.Want)
}

// CheckSchema returns *ErrStaleSchema unless the database is exactly at
// SchemaVersion and River's tables are current.
func CheckSchema(ctx context.Context, pool *pgxpool.Pool) error {
	if err := checkSchema(ctx, pool); err != nil {
		return err
	}
	m, err := riverMigrator(pool)
	if err != nil {
		return fmt.Errorf("db: river migrations: %w", err)
	}
	res, err := m.Validate(ctx, nil)
	if err != nil {
		return fmt.Errorf("db: check river schema: %w", err)
	}
	if !res.OK {
		return &ErrStaleSchema{Have: SchemaVersion(), Want: SchemaVersion(), River: strings.Join(res.Messages, "; ")}
	}
	return nil
}

func checkSchema(ctx context.Context, q Querier) error {
	var exists bool
	if err := q.QueryRow(ctx, `SELECT to_regclass('schema_migrations') IS NOT NULL`).Scan(&exists); err != nil {
		return fmt.Errorf("db: check schema: %w", err)
	}
	have := 0
	if exists {
		var err error
		if have, err = currentVersion(ctx, q); err != nil {
			return err
		}
	}
	if want := SchemaVersion(); have != want {
		return &ErrStaleSchema{Have: have, Want: want}
	}
	return nil
}
