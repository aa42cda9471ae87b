package main

import (
	"flag"
	"fmt"
	"path/filepath"
	"strconv"
)

// Config is everything sotay can be told, from SOTAY_* variables, then flags.
type Config struct {
	DatabaseURL string // SOTAY_DATABASE_URL; empty: a private cluster under DataDir/pg
	DataDir     string // SOTAY_DATA_DIR: the private cluster and default blob store
	BlobDir     string // SOTAY_BLOB_DIR: attachments and audio, content-addressed
	Addr        string // SOTAY_ADDR: where serve listens
	PublicURL   string // SOTAY_PUBLIC_URL: how people reach this server (printed, used in links)
	MaxDBConns  int    // SOTAY_DB_MAX_CONNS
	LogLevel    string // SOTAY_LOG_LEVEL: debug, info, warn, error
	LogFormat   string // SOTAY_LOG_FORMAT: json or text
}

// configVars documents the variables; README.md's table mirrors it (a test checks).
var configVars = []struct{ Name, Default, Meaning string }{
	{"SOTAY_DATABASE_URL", "", "PostgreSQL URL. Empty: start (or reuse) a private cluster under $SOTAY_DATA_DIR/pg, migrate it and seed demo data on first start."},
	{"SOTAY_DATA_DIR", "./var", "Directory for the private cluster and the default blob store."},
	{"SOTAY_BLOB_DIR", "$SOTAY_DATA_DIR/blobs", "Content-addressed store of attachments and audio."},
	{"SOTAY_ADDR", ":8080", "Address serve listens on."},
	{"SOTAY_PUBLIC_URL", "http://localhost:8080", "How people reach the server; printed at start."},
	{"SOTAY_DB_MAX_CONNS", "20", "Database connections per process."},
	{"SOTAY_LOG_LEVEL", "info", "debug, info, warn or error."},
	{"SOTAY_LOG_FORMAT", "json", "json (for machines) or text (for people)."},
}

func loadConfig(getenv func(string) string) (Config, error) {
	env := func(k, def string) string {
		if v := getenv(k); v != "" {
			return v
		}
		return def
	}
	c := Config{
		DatabaseURL: getenv("SOTAY_DATABASE_URL"),
		DataDir:     env("SOTAY_DATA_DIR", "./var"),
		Addr:        env("SOTAY_ADDR", ":8080"),
		PublicURL:   env("SOTAY_PUBLIC_URL", ""),
		LogLevel:    env("SOTAY_LOG_LEVEL", "info"),
		LogFormat:   env("SOTAY_LOG_FORMAT", "json"),
	}
	c.BlobDir = env("SOTAY_BLOB_DIR", filepath.Join(c.DataDir, "blobs"))
	n, err := strconv.Atoi(env("SOTAY_DB_MAX_CONNS", "20"))
	if err != nil || n < 2 {
		return c, fmt.Errorf("SOTAY_DB_MAX_CONNS must be a number ≥ 2, got %q", getenv("SOTAY_DB_MAX_CONNS"))
	}
	c.MaxDBConns = n
	return c, nil
}

// dbFlags lets a subcommand override the database settings.
func (c *Config) dbFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.DatabaseURL, "database-url", c.DatabaseURL, "PostgreSQL URL (default $SOTAY_DATABASE_URL; empty: private cluster under --data-dir)")
	fs.StringVar(&c.DataDir, "data-dir", c.DataDir, "directory of the private cluster and blobs ($SOTAY_DATA_DIR)")
}
