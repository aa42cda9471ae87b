package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"sotay/content/demo"
)

func runSeed(ctx context.Context, env Env, cfg Config, args []string) error {
	fs := newFlagSet(env, "seed", "seed [flags]", "Load the deterministic demo province (default: 100,000 members in 5,000 cells, a year of documents) into an empty database.")
	cfg.dbFlags(fs)
	var opt demo.Options
	fs.Int64Var(&opt.Seed, "seed", 1, "random seed: the same seed gives the same province")
	fs.IntVar(&opt.Communes, "communes", 60, "communes and wards directly under the province")
	fs.IntVar(&opt.Grassroots, "grassroots", 250, "grassroots organisations")
	fs.IntVar(&opt.Cells, "cells", 5000, "cells")
	fs.IntVar(&opt.MembersPerCell, "members-per-cell", 20, "members per cell, on average")
	if err := fs.Parse(args); err != nil {
		return err
	}
	d, err := openDatabase(ctx, cfg, env.Stderr)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.prepare(ctx); err != nil {
		return err
	}
	opt.Progress = env.Stderr
	start := time.Now()
	sum, err := demo.Seed(ctx, d.Pool, opt)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "seeded %d units, %d members, %d documents in %.1fs\n", sum.Units, sum.Members, sum.Documents, time.Since(start).Seconds())
	for _, l := range loginLines(sum) {
		fmt.Fprintln(env.Stdout, l)
	}
	return nil
}

// seedIfEmpty loads the demo province into the private cluster on its first
// start and remembers the demo logins in DataDir, so that every later start
// prints them again. It returns the lines to print.
func seedIfEmpty(ctx context.Context, d *database, env Env, cfg Config, opt demo.Options) ([]string, error) {
	file := filepath.Join(cfg.DataDir, "demo-logins.txt")
	seeded, err := demo.IsSeeded(ctx, d.Pool)
	if err != nil {
		return nil, err
	}
	if seeded {
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, nil // seeded by someone else: no logins to show
		}
		return strings.Split(strings.TrimRight(string(b), "\n"), "\n"), nil
	}
	fmt.Fprintf(env.Stderr, "sotay: first start: loading a demo province of %d cells (about %d s)...\n", opt.Cells, opt.Cells/150+1)
	opt.Progress = env.Stderr
	sum, err := demo.Seed(ctx, d.Pool, opt)
	if err != nil {
		return nil, err
	}
	lines := loginLines(sum)
	if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		return nil, err
	}
	return lines, nil
}

func loginLines(sum demo.Summary) []string {
	lines := []string{"  Demo logins (đăng nhập thử):"}
	for _, l := range sum.DemoLogins {
		lines = append(lines, "    "+l.Who, fmt.Sprintf("        login %-12s mật khẩu %s", l.Login, l.Password))
	}
	if a := sum.ActivationCode; a.Login != "" {
		lines = append(lines, "    "+a.Who, fmt.Sprintf("        login %-12s mã kích hoạt %s (POST /api/v1/auth/activate; 7 ngày)", a.Login, a.Password))
	}
	return lines
}

// demoSize scales the default demo province (5,000 cells under 250
// grassroots organisations under 60 communes) to a number of cells.
func demoSize(cells int) demo.Options {
	if cells < 1 {
		cells = 1
	}
	grassroots := max(1, cells/20)
	return demo.Options{Cells: cells, Grassroots: grassroots, Communes: max(1, min(60, grassroots/4))}
}
