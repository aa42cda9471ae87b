package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"sotay/content"
	"sotay/content/blob"
	"sotay/push"
	"sotay/tts"
	"sotay/tts/vi"
	"sotay/worker"
)

func runWork(ctx context.Context, env Env, cfg Config, args []string) error {
	fs := newFlagSet(env, "work", "work [flags]", "Work the background jobs (audio renders, weekly briefings) without serving the API, until SIGINT or SIGTERM.")
	cfg.dbFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	log := newLogger(cfg, env.Stderr)
	d, err := openDatabase(ctx, cfg, env.Stderr)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.prepare(ctx); err != nil {
		return err
	}
	blobs, err := blob.Open(cfg.blobDir())
	if err != nil {
		return err
	}
	stop, err := startWorkers(ctx, d, cfg, blobs, log, true)
	if err != nil {
		return err
	}
	log.Info("working background jobs")
	<-ctx.Done()
	log.Info("stopping workers")
	stop()
	return nil
}

// startWorkers starts the River client with every worker; stop lets the
// jobs in hand finish (up to a bound, then cancels them: River gives a
// cancelled job to a worker again) and returns.
//
// alone says the process does nothing else: a render may then synthesise on
// every core; beside the API (serve) it takes one.
func startWorkers(ctx context.Context, d *database, cfg Config, blobs *blob.Store, log *slog.Logger, alone bool) (stop func(), err error) {
	engine, err := cfg.TTS.engine()
	if err != nil {
		return nil, err
	}
	if _, err := engine.Version(ctx); err != nil {
		// Documents still publish; their audio waits, failed with this
		// reason, and retries.
		log.Warn("text to speech unavailable: audio renders will fail until it is", "err", err)
	}
	dialect := vi.North
	if cfg.TTS.Dialect == "south" {
		dialect = vi.South
	}
	var seen sync.Map
	unknown := func(tok string) {
		if _, dup := seen.LoadOrStore(tok, true); !dup {
			log.Info("tts: unknown abbreviation, spelled letter by letter: add it to tts/vi/abbreviations.tsv", "token", tok)
		}
	}
	renderer := &tts.Renderer{Engine: engine, Normaliser: vi.New(vi.Options{Dialect: dialect, Unknown: unknown}),
		Cache: tts.DirCache{Dir: cfg.TTS.cacheDir(cfg)}}
	if !alone {
		renderer.Workers = 1
	}
	wcfg := worker.Config{Pool: d.Pool, Log: log, AudioWorkers: cfg.TTS.AudioWorkers,
		Audio: &content.Audio{Pool: d.Pool, Renderer: renderer, Blobs: blobs, Log: log}}
	if cfg.TTS.Briefing != "off" {
		wd, h, m, _ := parseBriefing(cfg.TTS.Briefing)
		wcfg.Briefings = &worker.Briefings{Pool: d.Pool, Log: log, Weekday: wd, Hour: h, Minute: m}
	}
	deliverer := &push.Deliverer{Pool: d.Pool, Limiter: push.NewLimiter(cfg.Push.Rate), Log: log}
	switch {
	case cfg.Push.Credentials != "" || cfg.Push.Endpoint != "":
		project := cfg.Push.Project
		if project == "" && cfg.Push.Credentials != "" {
			project = projectOfKey(cfg.Push.Credentials)
		}
		fcm, err := push.NewFCM(ctx, push.FCMConfig{ProjectID: project, CredentialsFile: cfg.Push.Credentials,
			Endpoint: cfg.Push.Endpoint, NoAuth: cfg.Push.Credentials == ""})
		if err != nil {
			return nil, err
		}
		deliverer.Sender = fcm
		log.Info("push notifications on", "project", project)
	default:
		log.Info("push notifications off (no SOTAY_FCM_CREDENTIALS): notifications reach the members' inboxes only")
	}
	wcfg.Push = deliverer
	client, err := worker.New(wcfg)
	if err != nil {
		return nil, err
	}
	if err := client.Start(context.WithoutCancel(ctx)); err != nil {
		return nil, fmt.Errorf("start workers: %w", err)
	}
	return func() {
		soft, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := client.Stop(soft); err != nil {
			hard, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			client.StopAndCancel(hard)
		}
	}, nil
}

func (t TTSConfig) engine() (tts.Engine, error) {
	switch t.Engine {
	case "cloud":
		if t.CloudURL == "" || t.Voice == "" {
			return nil, fmt.Errorf("SOTAY_TTS_ENGINE=cloud needs SOTAY_TTS_CLOUD_URL and SOTAY_TTS_VOICE")
		}
		return &tts.Cloud{BaseURL: t.CloudURL, Key: t.CloudKey, Voice: t.Voice}, nil
	default:
		return &tts.Espeak{Voice: t.Voice, Rate: t.Rate}, nil
	}
}

func (t TTSConfig) cacheDir(c Config) string {
	if t.CacheDir != "" {
		return t.CacheDir
	}
	return filepath.Join(c.DataDir, "tts-cache")
}

var weekdays = map[string]time.Weekday{"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday}

// parseBriefing reads SOTAY_BRIEFING: "sat 06:00" (or "off").
func parseBriefing(s string) (time.Weekday, int, int, error) {
	if s == "off" {
		return 0, 0, 0, nil
	}
	bad := fmt.Errorf("SOTAY_BRIEFING must be a weekday and a time such as \"sat 06:00\", or off; got %q", s)
	day, hm, ok := strings.Cut(strings.ToLower(strings.TrimSpace(s)), " ")
	wd, known := weekdays[day]
	hs, ms, ok2 := strings.Cut(strings.TrimSpace(hm), ":")
	h, err1 := strconv.Atoi(hs)
	m, err2 := strconv.Atoi(ms)
	if !ok || !known || !ok2 || err1 != nil || err2 != nil || h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, 0, 0, bad
	}
	return wd, h, m, nil
}

// projectOfKey reads the project id of a service account key ("" when it
// cannot: the SDK then says what is wrong).
func projectOfKey(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	var key struct {
		ProjectID string `json:"project_id"`
	}
	json.Unmarshal(b, &key)
	return key.ProjectID
}
