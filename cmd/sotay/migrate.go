package main

import (
	"context"
	"fmt"

	"sotay/db"
)

func runMigrate(ctx context.Context, env Env, cfg Config, args []string) error {
	fs := newFlagSet(env, "migrate", "migrate [flags]", "Apply every schema migration the database lacks (safe to run twice, or from two machines at once).")
	cfg.dbFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	d, err := openDatabase(ctx, cfg, env.Stderr)
	if err != nil {
		return err
	}
	defer d.Close()
	n, err := db.Migrate(ctx, d.Pool)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "applied %d migration(s); schema at version %d\n", n, db.SchemaVersion())
	return nil
}
