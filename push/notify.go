package push

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/riverqueue/river"

	"sotay/db"
	"sotay/jobs"
)

// Batch is notifications made together and pushed by one job: the same
// kind, time and collapse key, each item its own text for its members.
type Batch struct {
	// Group names the batch (Cancel and Reschedule take it): e.g.
	// "meeting:12:reminder-2h". Empty: a fresh one.
	Group       string
	Kind        string     // document_published, briefing_ready, meeting_announced…
	At          time.Time  // when due; zero: now. Quiet hours move it (Adjust).
	Expires     *time.Time // not pushed after this (a meeting's start): the push's TTL too
	CollapseKey string     // a newer push with the same key replaces an older one on the phone
	Items       []Item
}

// Item is one text and who gets it.
type Item struct {
	Members     []int64
	Title, Body string
	Link        string // deep link into the app: sotay://meetings/12
}

// DeliverArgs is the job that delivers a batch at its time.
type DeliverArgs struct {
	Group string    `json:"group"`
	At    time.Time `json:"at"`
}

// Kind implements river.JobArgs.
func (DeliverArgs) Kind() string { return "push_deliver" }

// Queue is the River queue of deliveries.
const Queue = "push"

// Notify writes the batch's notifications (one per member and item) in q's
// transaction and enqueues the job that, at their time, puts them in the
// members' inboxes and pushes them. It returns the batch's group.
func Notify(ctx context.Context, q db.Querier, quiet QuietHours, b Batch) (string, error) {
	if b.Group == "" {
		b.Group = b.Kind + ":" + uuid.NewString()
	}
	at := b.At
	if at.IsZero() {
		at = time.Now()
	}
	at = quiet.Adjust(at, b.Expires).UTC().Truncate(time.Microsecond)
	n := 0
	for _, it := range b.Items {
		if len(it.Members) == 0 {
			continue
		}
		tag, err := q.Exec(ctx, `
			INSERT INTO notifications (member_id, grp, kind, title, body, link, collapse_key, send_at, expires_at)
			SELECT m, $2, $3, $4, $5, $6, $7, $8, $9 FROM unnest($1::bigint[]) AS m`,
			it.Members, b.Group, b.Kind, oneLine(it.Title, 200), oneLine(it.Body, 1000), it.Link, b.CollapseKey, at, b.Expires)
		if err != nil {
			return "", fmt.Errorf("push: notify %s: %w", b.Group, err)
		}
		n += int(tag.RowsAffected())
	}
	if n == 0 {
		return b.Group, nil
	}
	return b.Group, enqueueDeliver(ctx, q, b.Group, at)
}

func enqueueDeliver(ctx context.Context, q db.Querier, group string, at time.Time) error {
	return jobs.Enqueue(ctx, q, DeliverArgs{Group: group, At: at}, &river.InsertOpts{
		Queue: Queue, ScheduledAt: at, MaxAttempts: 25,
		UniqueOpts: river.UniqueOpts{ByArgs: true},
	})
}

// Cancel stops the notifications of group not yet pushed (a cancelled
// meeting's reminders): they reach no phone, nor an inbox they are not in
// already.
func Cancel(ctx context.Context, q db.Querier, group string) error {
	return cancelWhere(ctx, q, `grp = $1`, group)
}

// CancelPrefix is Cancel for every group whose name starts with prefix
// ("meeting:12:" — whatever reminders an earlier setting made).
func CancelPrefix(ctx context.Context, q db.Querier, prefix string) error {
	escaped := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(prefix)
	return cancelWhere(ctx, q, `grp LIKE $1 || '%'`, escaped)
}

func cancelWhere(ctx context.Context, q db.Querier, where, arg string) error {
	if _, err := q.Exec(ctx, `UPDATE notifications SET cancelled_at = now()
		WHERE `+where+` AND pushed_at IS NULL AND cancelled_at IS NULL`, arg); err != nil {
		return fmt.Errorf("push: cancel %s: %w", arg, err)
	}
	return nil
}

// Reschedule moves the notifications of group not yet delivered to at (a
// moved meeting's reminders), with quiet hours and the new expiry, and
// enqueues their job for then; the job enqueued for the old time finds
// nothing due and ends.
func Reschedule(ctx context.Context, q db.Querier, quiet QuietHours, group string, at time.Time, expires *time.Time) error {
	at = quiet.Adjust(at, expires).UTC().Truncate(time.Microsecond)
	tag, err := q.Exec(ctx, `UPDATE notifications SET send_at = $2, expires_at = $3
		WHERE grp = $1 AND pushed_at IS NULL AND inboxed_at IS NULL AND cancelled_at IS NULL`, group, at, expires)
	if err != nil {
		return fmt.Errorf("push: reschedule %s: %w", group, err)
	}
	if tag.RowsAffected() == 0 {
		return nil
	}
	return enqueueDeliver(ctx, q, group, at)
}

func oneLine(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > max {
		s = string(r[:max-1]) + "…"
	}
	return s
}
