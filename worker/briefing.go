package worker

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"sotay/content"
)

// Briefings schedules the weekly audio briefings of every cell.
type Briefings struct {
	Pool *pgxpool.Pool
	Log  *slog.Logger
	// When: the weekday and the time of day, in Asia/Ho_Chi_Minh (default
	// Saturday 06:00: a briefing to listen to over the weekend).
	Weekday      time.Weekday
	Hour, Minute int
}

// vietnam is Asia/Ho_Chi_Minh, which has kept +07:00 without daylight
// saving since 1975 (a fixed zone needs no tzdata on the server).
var vietnam = time.FixedZone("ICT", 7*3600)

// Next implements river.PeriodicSchedule: the first briefing time after t.
func (b *Briefings) Next(t time.Time) time.Time {
	local := t.In(vietnam)
	at := time.Date(local.Year(), local.Month(), local.Day(), b.Hour, b.Minute, 0, 0, vietnam)
	at = at.AddDate(0, 0, (int(b.Weekday)-int(at.Weekday())+7)%7)
	if !at.After(t) {
		at = at.AddDate(0, 0, 7)
	}
	return at.UTC()
}

// Last is the latest briefing time at or before t: the end of the week a
// run at t briefs on (a run that starts late, after a restart, still
// briefs on the week that just ended).
func (b *Briefings) Last(t time.Time) time.Time {
	return b.Next(t.Add(-content.BriefingWeek))
}

// BriefingArgs is the weekly job: briefings for the week ending at End.
type BriefingArgs struct {
	End time.Time `json:"end"`
}

// Kind implements river.JobArgs.
func (BriefingArgs) Kind() string { return "weekly_audio_briefing" }

func (b *Briefings) periodicJob() *river.PeriodicJob {
	// River may fire a moment early: a minute's slack picks the week that
	// is ending. It also runs once at start, so a process that was down at
	// the briefing time makes the week's briefings when it comes back
	// (MakeBriefings makes only what is missing).
	return river.NewPeriodicJob(b, func() (river.JobArgs, *river.InsertOpts) {
		end := b.Last(time.Now().Add(time.Minute))
		return BriefingArgs{End: end}, &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
	}, &river.PeriodicJobOpts{RunOnStart: true})
}

type weeklyBriefing struct {
	river.WorkerDefaults[BriefingArgs]
	b *Briefings
}

func (w *weeklyBriefing) Timeout(*river.Job[BriefingArgs]) time.Duration { return 30 * time.Minute }

func (w *weeklyBriefing) Work(ctx context.Context, job *river.Job[BriefingArgs]) error {
	n, err := content.MakeBriefings(ctx, w.b.Pool, job.Args.End)
	if err != nil {
		return fmt.Errorf("worker: weekly briefings to %s: %w", job.Args.End.Format(time.RFC3339), err)
	}
	if w.b.Log != nil {
		w.b.Log.Info("weekly audio briefings made", "week_end", job.Args.End, "cells", n)
	}
	return nil
}
