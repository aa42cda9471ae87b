package main

import (
	"flag"

	"fmt"
	"net/netip"
	"path/filepath"
	"sotay/content"
	"strconv"
	"strings"
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
	// TrustedProxies (SOTAY_TRUSTED_PROXIES) are the load balancers whose
	// X-Forwarded-For names the real client, for rate limits and the audit log.
	TrustedProxies []netip.Prefix
	// Background work (package worker): whether serve runs it too
	// (SOTAY_WORKERS), and the text-to-speech settings.
	Workers bool
	TTS     TTSConfig
	Push    PushConfig
	// Reminders (SOTAY_MEETING_REMINDERS) of every announced meeting.
	Reminders []content.Reminder
}

// PushConfig reaches Firebase Cloud Messaging (SOTAY_FCM_*). Without a
// credentials file (and no endpoint) push is off: notifications still go
// to the members' inboxes.
type PushConfig struct {
	Credentials string  // service account JSON key file
	Project     string  // Firebase project id (default: the key's)
	Endpoint    string  // another FCM v1 endpoint (a staging proxy, a local fake)
	Rate        float64 // messages a second, per process
}

// TTSConfig chooses and tunes the speech engine (SOTAY_TTS_*).
type TTSConfig struct {
	Engine       string // espeak (default) or cloud
	Voice        string // espeak voice (vi, vi-vn-x-south) or the cloud voice name
	Rate         int    // espeak -s (default 132: ~177 syllables a minute)
	Dialect      string // north (default) or south: how numbers are read
	CloudURL     string
	CloudKey     string
	CacheDir     string // default $SOTAY_DATA_DIR/tts-cache
	AudioWorkers int    // renders at once per process
	Briefing     string // weekly briefing: "sat 06:00" (Asia/Ho_Chi_Minh), or "off"
}

// configVars documents the variables; README.md's table mirrors it (a test checks).
var configVars = []struct{ Name, Default, Meaning string }{
	{"SOTAY_DATABASE_URL", "", "PostgreSQL URL. Empty: start (or reuse) a private cluster under $SOTAY_DATA_DIR/pg, migrate it and seed demo data on first start."},
	{"SOTAY_DATA_DIR", "./var", "Directory for the private cluster and the default blob store."},
	{"SOTAY_BLOB_DIR", "$SOTAY_DATA_DIR/blobs", "Content-addressed store of attachments and audio."},
	{"SOTAY_ADDR", ":8080", "Address serve listens on."},
	{"SOTAY_PUBLIC_URL", "", "How people reach the server, printed at start (empty: http://localhost and the port)."},
	{"SOTAY_DB_MAX_CONNS", "20", "Database connections per process."},
	{"SOTAY_LOG_LEVEL", "info", "debug, info, warn or error."},
	{"SOTAY_LOG_FORMAT", "json", "json (for machines) or text (for people)."},
	{"SOTAY_TRUSTED_PROXIES", "", "Comma-separated addresses or networks (10.0.0.0/8) of load balancers whose X-Forwarded-For is believed."},
	{"SOTAY_WORKERS", "on", "on: serve also works the background jobs (audio renders, briefings); off: only `sotay work` processes do."},
	{"SOTAY_TTS_ENGINE", "espeak", "Speech engine: espeak (espeak-ng, installed by make) or cloud (a Google-style text:synthesize API)."},
	{"SOTAY_TTS_VOICE", "vi", "espeak-ng voice (vi: northern; vi-vn-x-south) or the cloud voice name."},
	{"SOTAY_TTS_RATE", "132", "espeak-ng speed (-s); 132 is about 177 syllables a minute, pauses included."},
	{"SOTAY_TTS_DIALECT", "north", "How numbers are read: north (nghìn, linh) or south (ngàn, lẻ)."},
	{"SOTAY_TTS_CLOUD_URL", "", "Base URL of the cloud engine (e.g. https://texttospeech.googleapis.com)."},
	{"SOTAY_TTS_CLOUD_KEY", "", "API key of the cloud engine."},
	{"SOTAY_TTS_CACHE_DIR", "$SOTAY_DATA_DIR/tts-cache", "Synthesised chunks, reused when a document is edited."},
	{"SOTAY_AUDIO_WORKERS", "1", "Audio renders one process runs at once (each uses about a core)."},
	{"SOTAY_BRIEFING", "sat 06:00", "When the weekly audio briefing of every cell is made (Asia/Ho_Chi_Minh), or off."},
	{"SOTAY_FCM_CREDENTIALS", "", "Firebase service account key (JSON file). Empty: push is off (notifications still reach the inbox)."},
	{"SOTAY_FCM_PROJECT", "", "Firebase project id (default: the key's)."},
	{"SOTAY_FCM_ENDPOINT", "", "Another FCM v1 endpoint, unauthenticated (a local fake for trials)."},
	{"SOTAY_PUSH_RATE", "3000", "Push messages a second per process (FCM allows 600,000 a minute per project)."},
	{"SOTAY_MEETING_REMINDERS", "1d@19:00,2h", "Reminders of every announced meeting: N days before at a time (1d@19:00), or a lead (2h, 90m); none inside 21:30–06:30."},
	{"SOTAY_ADMIN_PASSWORD", "", "Password for `account create-admin` (otherwise read from stdin)."},
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
	var err error // of the numbers below
	c.TTS = TTSConfig{
		Engine:   env("SOTAY_TTS_ENGINE", "espeak"),
		Voice:    getenv("SOTAY_TTS_VOICE"),
		Dialect:  env("SOTAY_TTS_DIALECT", "north"),
		CloudURL: getenv("SOTAY_TTS_CLOUD_URL"),
		CloudKey: getenv("SOTAY_TTS_CLOUD_KEY"),
		CacheDir: getenv("SOTAY_TTS_CACHE_DIR"),
		Briefing: env("SOTAY_BRIEFING", "sat 06:00"),
	}
	switch w := env("SOTAY_WORKERS", "on"); w {
	case "on", "off":
		c.Workers = w == "on"
	default:
		return c, fmt.Errorf("SOTAY_WORKERS must be on or off, got %q", w)
	}
	if c.TTS.Engine != "espeak" && c.TTS.Engine != "cloud" {
		return c, fmt.Errorf("SOTAY_TTS_ENGINE must be espeak or cloud, got %q", c.TTS.Engine)
	}
	if c.TTS.Dialect != "north" && c.TTS.Dialect != "south" {
		return c, fmt.Errorf("SOTAY_TTS_DIALECT must be north or south, got %q", c.TTS.Dialect)
	}
	if c.TTS.Rate, err = strconv.Atoi(env("SOTAY_TTS_RATE", "132")); err != nil || c.TTS.Rate < 80 || c.TTS.Rate > 450 {
		return c, fmt.Errorf("SOTAY_TTS_RATE must be a number from 80 to 450, got %q", getenv("SOTAY_TTS_RATE"))
	}
	if c.TTS.AudioWorkers, err = strconv.Atoi(env("SOTAY_AUDIO_WORKERS", "1")); err != nil || c.TTS.AudioWorkers < 1 {
		return c, fmt.Errorf("SOTAY_AUDIO_WORKERS must be a number ≥ 1, got %q", getenv("SOTAY_AUDIO_WORKERS"))
	}
	if _, _, _, err := parseBriefing(c.TTS.Briefing); err != nil {
		return c, err
	}
	c.Push = PushConfig{Credentials: getenv("SOTAY_FCM_CREDENTIALS"), Project: getenv("SOTAY_FCM_PROJECT"), Endpoint: getenv("SOTAY_FCM_ENDPOINT")}
	if c.Push.Rate, err = strconv.ParseFloat(env("SOTAY_PUSH_RATE", "3000"), 64); err != nil || c.Push.Rate < 1 || c.Push.Rate > 10000 {
		return c, fmt.Errorf("SOTAY_PUSH_RATE must be a number from 1 to 10000, got %q", getenv("SOTAY_PUSH_RATE"))
	}
	reminders, err := content.ParseReminders(env("SOTAY_MEETING_REMINDERS", "1d@19:00,2h"))
	if err != nil {
		return c, err
	}
	c.Reminders = reminders
	c.BlobDir = getenv("SOTAY_BLOB_DIR") // empty: under DataDir, which a flag may still change (blobDir)
	n, err := strconv.Atoi(env("SOTAY_DB_MAX_CONNS", "20"))
	if err != nil || n < 2 {
		return c, fmt.Errorf("SOTAY_DB_MAX_CONNS must be a number ≥ 2, got %q", getenv("SOTAY_DB_MAX_CONNS"))
	}
	c.MaxDBConns = n
	for _, f := range strings.Split(getenv("SOTAY_TRUSTED_PROXIES"), ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		p, err := netip.ParsePrefix(f)
		if err != nil {
			a, aerr := netip.ParseAddr(f)
			if aerr != nil {
				return c, fmt.Errorf("SOTAY_TRUSTED_PROXIES: %q is neither an address nor a network", f)
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		c.TrustedProxies = append(c.TrustedProxies, p.Masked())
	}
	return c, nil
}

// blobDir is the blob store: SOTAY_BLOB_DIR, or blobs under the data directory.
func (c Config) blobDir() string {
	if c.BlobDir != "" {
		return c.BlobDir
	}
	return filepath.Join(c.DataDir, "blobs")
}

// dbFlags lets a subcommand override the database settings.
func (c *Config) dbFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.DatabaseURL, "database-url", c.DatabaseURL, "PostgreSQL URL (default $SOTAY_DATABASE_URL; empty: private cluster under --data-dir)")
	fs.StringVar(&c.DataDir, "data-dir", c.DataDir, "directory of the private cluster and blobs ($SOTAY_DATA_DIR)")
}
