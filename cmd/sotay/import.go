package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"sotay/content/memberimport"
	"sotay/db"
)

// maxShownRowErrors bounds the bad rows printed; the rest are counted.
const maxShownRowErrors = 200

func runImport(ctx context.Context, env Env, cfg Config, args []string) error {
	const usage = "import members [--skip-invalid] [--dry-run] FILE.csv"
	const help = "Import members from a CSV file (UTF-8, comma or semicolon; columns card_number, full_name,\n" +
		"birth_date, gender, phone, status, joined_on, official_on, cell_code — Vietnamese headers work too).\n" +
		"Every row is checked first; nothing is imported unless all rows are valid (or --skip-invalid).\n" +
		"Running it again with the same file changes nothing; a changed cell is a transfer that keeps history."
	if len(args) == 0 || args[0] != "members" {
		fmt.Fprintf(env.Stderr, "Usage: sotay %s\n\n%s\n", usage, help)
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return nil
		}
		return errors.New("import: the only kind is members")
	}
	fs := newFlagSet(env, "import members", usage, help)
	cfg.dbFlags(fs)
	skip := fs.Bool("skip-invalid", false, "import the valid rows even when some are bad")
	dry := fs.Bool("dry-run", false, "check everything, write nothing")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("import members: give exactly one CSV file")
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return fmt.Errorf("import members: %w", err)
	}
	defer f.Close()
	d, err := openDatabase(ctx, cfg, env.Stderr)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.prepare(ctx); err != nil {
		return err
	}
	res, err := memberimport.Import(ctx, d.Pool, f, memberimport.Options{SkipInvalid: *skip, DryRun: *dry, Progress: env.Stderr})
	for i, e := range res.Errors {
		if i == maxShownRowErrors {
			fmt.Fprintf(env.Stderr, "… và %d lỗi khác\n", len(res.Errors)-maxShownRowErrors)
			break
		}
		fmt.Fprintln(env.Stderr, e.String())
	}
	if err != nil {
		var e *db.Error
		if errors.As(err, &e) && e.Kind == db.KindInvalid {
			return errors.New(e.Message)
		}
		return err
	}
	fmt.Fprintf(env.Stdout, "%d dòng: thêm %d, cập nhật %d, chuyển sinh hoạt %d, không đổi %d, bỏ qua (không hợp lệ) %d\n",
		res.Rows, res.Inserted, res.Updated, res.Transferred, res.Unchanged, res.Rows-res.Valid)
	if *dry {
		fmt.Fprintln(env.Stdout, "(--dry-run: chưa ghi gì vào cơ sở dữ liệu)")
	}
	return nil
}
