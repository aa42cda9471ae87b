package worker

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"sotay/content"
	"sotay/push"
)

// Config tunes the client. Zero fields take the defaults.
type Config struct {
	Pool  *pgxpool.Pool
	Audio *content.Audio
	Log   *slog.Logger
	// AudioWorkers is how many renders one process runs at once (default
	// 1: a render uses a core, and the API needs the other).
	AudioWorkers int
	// RenderTimeout bounds one render (default 30 min: a 20,000-word
	// document takes a few minutes). A job still running RescueAfter after
	// it started — its worker crashed or was killed — is given to another
	// worker (default RenderTimeout + 15 min).
	RenderTimeout, RescueAfter time.Duration
	// PollInterval is how often a worker looks for jobs besides being told
	// of new ones (default 1 s).
	PollInterval time.Duration
	// JobTimeout bounds jobs other than renders (default 1 min; it must be
	// under RescueAfter).
	JobTimeout time.Duration
	// Briefings, when set, schedules the weekly audio briefing.
	Briefings *Briefings
	// Push delivers notifications (its Sender nil: inboxes only).
	Push *push.Deliverer
}

// New makes the River client with every worker registered. Start it to
// work; Stop it to finish the jobs in hand and stop.
func New(cfg Config) (*river.Client[pgx.Tx], error) {
	if cfg.AudioWorkers <= 0 {
		cfg.AudioWorkers = 1
	}
	if cfg.RenderTimeout <= 0 {
		cfg.RenderTimeout = 30 * time.Minute
	}
	if cfg.RescueAfter <= 0 {
		cfg.RescueAfter = cfg.RenderTimeout + 15*time.Minute
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.JobTimeout <= 0 {
		cfg.JobTimeout = min(time.Minute, cfg.RescueAfter/2)
	}
	workers := river.NewWorkers()
	river.AddWorker(workers, &renderAudio{audio: cfg.Audio, timeout: cfg.RenderTimeout})
	if cfg.Push != nil {
		river.AddWorker(workers, &deliver{d: cfg.Push})
	}
	river.AddWorker(workers, &documentNotices{pool: cfg.Pool, log: cfg.Log})
	river.AddWorker(workers, &ruleMeetings{pool: cfg.Pool, log: cfg.Log})
	// Every day (and at start), the next months' meetings of every cell
	// with a rule exist as drafts.
	river.AddWorker(workers, &purgePush{pool: cfg.Pool, log: cfg.Log})
	periodic := []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(24*time.Hour),
			func() (river.JobArgs, *river.InsertOpts) { return RuleMeetingsArgs{}, nil }, &river.PeriodicJobOpts{RunOnStart: true}),
		river.NewPeriodicJob(river.PeriodicInterval(24*time.Hour),
			func() (river.JobArgs, *river.InsertOpts) { return PurgePushArgs{}, nil }, nil),
	}
	if cfg.Briefings != nil {
		river.AddWorker(workers, &weeklyBriefing{b: cfg.Briefings})
		periodic = append(periodic, cfg.Briefings.periodicJob())
	}
	c, err := river.NewClient(riverpgxv5.New(cfg.Pool), &river.Config{
		Queues: map[string]river.QueueConfig{
			river.QueueDefault: {MaxWorkers: 10},
			content.AudioQueue: {MaxWorkers: cfg.AudioWorkers},
			push.Queue:         {MaxWorkers: 4},
		},
		Workers:              workers,
		PeriodicJobs:         periodic,
		JobTimeout:           cfg.JobTimeout,
		RescueStuckJobsAfter: cfg.RescueAfter,
		FetchPollInterval:    cfg.PollInterval,
		Logger:               cfg.Log.With("component", "river"),
	})
	if err != nil {
		return nil, fmt.Errorf("worker: %w", err)
	}
	return c, nil
}

// renderAudio renders a document version's audio (content.Audio).
type renderAudio struct {
	river.WorkerDefaults[content.RenderAudioArgs]
	audio   *content.Audio
	timeout time.Duration
}

func (w *renderAudio) Timeout(*river.Job[content.RenderAudioArgs]) time.Duration { return w.timeout }

func (w *renderAudio) Work(ctx context.Context, job *river.Job[content.RenderAudioArgs]) error {
	return w.audio.RenderDocument(ctx, job.Args, job.Attempt)
}

// deliver puts a batch of notifications in inboxes and pushes it.
type deliver struct {
	river.WorkerDefaults[push.DeliverArgs]
	d *push.Deliverer
}

func (w *deliver) Timeout(*river.Job[push.DeliverArgs]) time.Duration { return 30 * time.Minute }

func (w *deliver) Work(ctx context.Context, job *river.Job[push.DeliverArgs]) error {
	return w.d.Deliver(ctx, job.Args)
}

// documentNotices tells members about new documents, at most hourly.
type documentNotices struct {
	river.WorkerDefaults[content.DocumentNoticesArgs]
	pool *pgxpool.Pool
	log  *slog.Logger
}

func (w *documentNotices) Work(ctx context.Context, job *river.Job[content.DocumentNoticesArgs]) error {
	n, err := content.SendDocumentNotices(ctx, w.pool)
	if err == nil && n > 0 {
		w.log.Info("document notices made", "members", n)
	}
	return err
}

// RuleMeetingsArgs is the daily job that makes the meetings cells' rules
// call for.
type RuleMeetingsArgs struct{}

// Kind implements river.JobArgs.
func (RuleMeetingsArgs) Kind() string { return "rule_meetings" }

type ruleMeetings struct {
	river.WorkerDefaults[RuleMeetingsArgs]
	pool *pgxpool.Pool
	log  *slog.Logger
}

func (w *ruleMeetings) Timeout(*river.Job[RuleMeetingsArgs]) time.Duration { return 30 * time.Minute }

func (w *ruleMeetings) Work(ctx context.Context, job *river.Job[RuleMeetingsArgs]) error {
	n, err := content.GenerateAllRuleMeetings(ctx, w.pool, time.Now())
	if n > 0 {
		w.log.Info("meetings made from cells' rules", "meetings", n)
	}
	return err
}

// PurgePushArgs is the daily job that deletes old delivery records.
type PurgePushArgs struct{}

// Kind implements river.JobArgs.
func (PurgePushArgs) Kind() string { return "purge_push" }

type purgePush struct {
	river.WorkerDefaults[PurgePushArgs]
	pool *pgxpool.Pool
	log  *slog.Logger
}

func (w *purgePush) Work(ctx context.Context, job *river.Job[PurgePushArgs]) error {
	n, err := push.Purge(ctx, w.pool, time.Now())
	if n > 0 {
		w.log.Info("old push records deleted", "rows", n)
	}
	return err
}
