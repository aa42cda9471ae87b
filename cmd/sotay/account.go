package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"sotay/content"
	"sotay/db"
)

func runAccount(ctx context.Context, env Env, cfg Config, args []string) error {
	const usage = "account create-admin --login NAME [--unit CODE] [--role admin|editor|viewer]"
	const help = "Create a staff account, or reset its password, with a role on a unit's subtree (default: admin of the root).\nThe password comes from $SOTAY_ADMIN_PASSWORD, or the first line of standard input."
	if len(args) == 0 || args[0] != "create-admin" {
		fmt.Fprintf(env.Stderr, "Usage: sotay %s\n\n%s\n", usage, help)
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return nil
		}
		return errors.New("account: the only subcommand is create-admin")
	}
	fs := newFlagSet(env, "account create-admin", usage, help)
	cfg.dbFlags(fs)
	login := fs.String("login", "", "login name (3–64 lower-case letters, digits, . _ -)")
	unitCode := fs.String("unit", "", "code of the unit whose subtree the account manages (default: the root)")
	role := fs.String("role", "admin", "admin, editor or viewer")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *login == "" {
		fs.Usage()
		return errors.New("account create-admin: --login is required")
	}
	password := env.Getenv("SOTAY_ADMIN_PASSWORD")
	if password == "" {
		fmt.Fprint(env.Stderr, "Mật khẩu (password): ")
		line, err := bufio.NewReader(env.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return errors.New("account create-admin: no password (set SOTAY_ADMIN_PASSWORD or type it)")
		}
		password = strings.TrimRight(line, "\r\n")
	}
	d, err := openDatabase(ctx, cfg, env.Stderr)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.prepare(ctx); err != nil {
		return err
	}
	var unit content.Unit
	var id int64
	err = db.Transact(ctx, d.Pool, func(tx pgx.Tx) error {
		if *unitCode == "" {
			unit, err = content.RootUnit(ctx, tx)
		} else {
			unit, err = content.GetUnitByCode(ctx, tx, *unitCode)
		}
		if err != nil {
			return err
		}
		id, err = content.CreateStaffAccount(ctx, tx, *login, password, unit.ID, content.Role(*role))
		return err
	})
	if err != nil {
		var e *db.Error
		if errors.As(err, &e) {
			return errors.New(e.Message)
		}
		return err
	}
	fmt.Fprintf(env.Stdout, "account %q (id %d) is %s of %s (%s)\n", strings.ToLower(*login), id, *role, unit.Name, unit.Code)
	return nil
}
