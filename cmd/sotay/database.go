package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/jackc/pgx/v5/pgxpool"

	"sotay/db"
	"sotay/db/pgcluster"
)

// database is an open pool and, for the embedded default, the private
// cluster behind it. Close closes both.
type database struct {
	Pool     *pgxpool.Pool
	cluster  *pgcluster.Cluster
	Embedded bool
}

// openDatabase connects to cfg.DatabaseURL or, when it is empty, starts (or
// attaches to) the private cluster under DataDir/pg and makes sure the sotay
// database exists.
func openDatabase(ctx context.Context, cfg Config, log io.Writer) (*database, error) {
	if cfg.DatabaseURL != "" {
		pool, err := db.Open(ctx, cfg.DatabaseURL, int32(cfg.MaxDBConns))
		if err != nil {
			return nil, err
		}
		return &database{Pool: pool}, nil
	}
	dir := filepath.Join(cfg.DataDir, "pg")
	fmt.Fprintf(log, "sotay: no SOTAY_DATABASE_URL; using the private PostgreSQL cluster in %s\n", dir)
	c, err := pgcluster.Start(ctx, pgcluster.Options{Dir: dir})
	if err != nil {
		return nil, err
	}
	admin, err := db.Open(ctx, c.URL("postgres"), 2)
	if err != nil {
		c.Stop()
		return nil, err
	}
	_, err = admin.Exec(ctx, `CREATE DATABASE sotay`)
	admin.Close()
	if err != nil && !containsCode(err, "42P04") { // duplicate_database: made on an earlier start
		c.Stop()
		return nil, fmt.Errorf("create database sotay: %w", err)
	}
	pool, err := db.Open(ctx, c.URL("sotay"), int32(cfg.MaxDBConns))
	if err != nil {
		c.Stop()
		return nil, err
	}
	return &database{Pool: pool, cluster: c, Embedded: true}, nil
}

func (d *database) Close() {
	d.Pool.Close()
	if d.cluster != nil {
		d.cluster.Stop()
	}
}

// prepare brings the private cluster's schema up to date (a database given
// by URL must be migrated on purpose, with `sotay migrate`) and checks that
// the schema is the one this binary needs.
func (d *database) prepare(ctx context.Context) error {
	if d.Embedded {
		if _, err := db.Migrate(ctx, d.Pool); err != nil {
			return err
		}
	}
	return db.CheckSchema(ctx, d.Pool)
}
