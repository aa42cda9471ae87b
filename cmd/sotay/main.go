package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sotay/content"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := Run(ctx, Env{Args: os.Args[1:], Getenv: os.Getenv, Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr})
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "sotay:", err)
		os.Exit(1)
	}
}

// Env is the outside world of one run: tests pass their own.
type Env struct {
	Args   []string
	Getenv func(string) string
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Ready, when set, receives serve's listening address once it accepts connections.
	Ready func(addr string)
}

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

type command struct {
	name, usage, help string
	run               func(ctx context.Context, env Env, cfg Config, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "serve [flags]", "Run the HTTP API and the background workers.", runServe},
		{"work", "work [flags]", "Work the background jobs only (audio renders, weekly briefings).", runWork},
		{"migrate", "migrate [flags]", "Bring the database schema up to date.", runMigrate},
		{"seed", "seed [flags]", "Load the deterministic demo province into an empty database.", runSeed},
		{"import", "import members [flags] FILE.csv", "Import members from a CSV file (validated first; all or nothing).", runImport},
		{"account", "account create-admin --login NAME [--unit CODE] [--role admin|editor|viewer]", "Create a staff account (password from $SOTAY_ADMIN_PASSWORD or stdin).", runAccount},
		{"version", "version", "Print the version.", runVersion},
	}
}

// Run runs one sotay command.
func Run(ctx context.Context, env Env) error {
	if len(env.Args) == 0 || env.Args[0] == "-h" || env.Args[0] == "--help" || env.Args[0] == "help" {
		usage(env.Stdout)
		if len(env.Args) == 0 {
			return errors.New("no command given")
		}
		return nil
	}
	cfg, err := loadConfig(env.Getenv)
	if err != nil {
		return err
	}
	// Deployment configuration content reads as a constant (see
	// content.MeetingReminders): set before any command runs.
	content.MeetingReminders = cfg.Reminders
	for _, c := range commands() {
		if c.name == env.Args[0] {
			return c.run(ctx, env, cfg, env.Args[1:])
		}
	}
	usage(env.Stderr)
	return fmt.Errorf("unknown command %q", env.Args[0])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "sotay — the electronic party-member handbook backend.\n\nUsage:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  sotay %s\n      %s\n", c.usage, c.help)
	}
	fmt.Fprintln(w, "\nEach command takes --help. Configuration comes from SOTAY_* environment variables:")
	for _, v := range configVars {
		fmt.Fprintf(w, "  %-20s %s\n", v.Name, v.Meaning)
	}
}

func newFlagSet(env Env, name, usage, help string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: sotay %s\n\n%s\n\nFlags:\n", usage, help)
		fs.PrintDefaults()
	}
	return fs
}

func newLogger(cfg Config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}

func runVersion(ctx context.Context, env Env, cfg Config, args []string) error {
	fs := newFlagSet(env, "version", "version", "Print the version.")
	if err := fs.Parse(args); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, "sotay", version)
	return nil
}
