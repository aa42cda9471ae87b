package push

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"strconv"
	"time"

	"firebase.google.com/go/v4/messaging"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"sotay/db"
	"sotay/sync/feed"
)

// Deliverer is the work of DeliverArgs jobs.
type Deliverer struct {
	Pool    *pgxpool.Pool
	Sender  Sender // nil: push is off; inboxes still fill
	Limiter *Limiter
	Log     *slog.Logger
}

// maxBatch is the messages of one SendEach call (FCM takes up to 500). A
// batch is recorded as going out before it goes and its outcomes after it
// returns, so a worker that dies mid-batch leaves the whole batch 'unknown'
// (never sent again): a hundred keeps that loss small while the SDK still
// sends fifty at a time.
const maxBatch = 100

// InboxEntry is a notification as the member's feed carries it (entity
// notification:<id>).
type InboxEntry struct {
	ID        int64     `json:"id"`
	Kind      string    `json:"kind"`
	Title     string    `json:"title"`
	Body      string    `json:"body"`
	Link      string    `json:"link"`
	CreatedAt time.Time `json:"created_at"`
}

// ErrRetryLater is returned (wrapped, or as River's snooze) when FCM
// throttled or failed some sends: they are tried again later; the others
// are done.
var ErrRetryLater = errors.New("push: some sends must be retried")

// Deliver puts the group's due notifications in their members' inboxes and
// pushes them to their devices. It holds the group's lock throughout, so
// that two jobs of one group never send at once.
func (d *Deliverer) Deliver(ctx context.Context, args DeliverArgs) error {
	conn, err := d.Pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	key := groupLock(args.Group)
	var locked bool
	if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1)`, key).Scan(&locked); err != nil {
		return err
	}
	if !locked {
		return river.JobSnooze(5 * time.Second) // another job of the group is at it
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, key)

	var due *time.Time
	if err := conn.QueryRow(ctx, `SELECT min(send_at) FROM notifications
		WHERE grp = $1 AND pushed_at IS NULL AND cancelled_at IS NULL`, args.Group).Scan(&due); err != nil {
		return fmt.Errorf("push: deliver %s: %w", args.Group, err)
	}
	if due == nil {
		return nil // all done, or cancelled
	}
	if due.After(time.Now().Add(time.Second)) {
		return nil // moved later: the job enqueued for that time delivers
	}
	if err := d.inbox(ctx, args.Group); err != nil {
		return err
	}
	// A send recorded as going out when its worker died may or may not
	// have reached the phone: it is never repeated.
	if _, err := conn.Exec(ctx, `UPDATE push_sends SET state = 'unknown', at = now()
		WHERE state = 'sending' AND notification_id IN (SELECT id FROM notifications WHERE grp = $1)`, args.Group); err != nil {
		return fmt.Errorf("push: deliver %s: %w", args.Group, err)
	}
	retry, wait := 0, time.Duration(0)
	if d.Sender != nil {
		if retry, wait, err = d.push(ctx, conn, args.Group); err != nil {
			return err
		}
	}
	if retry > 0 {
		d.Log.Warn("push: sends to retry", "group", args.Group, "count", retry, "in", wait)
		if wait > 0 {
			return river.JobSnooze(wait)
		}
		return fmt.Errorf("%w: %d in group %s", ErrRetryLater, retry, args.Group)
	}
	_, err = conn.Exec(ctx, `UPDATE notifications SET pushed_at = now()
		WHERE grp = $1 AND pushed_at IS NULL AND cancelled_at IS NULL AND send_at <= now()`, args.Group)
	return err
}

func groupLock(group string) int64 {
	h := fnv.New64a()
	h.Write([]byte("push:" + group))
	return int64(h.Sum64())
}

// inbox puts the group's due notifications, not yet there, into their
// members' feeds, in one transaction.
func (d *Deliverer) inbox(ctx context.Context, group string) error {
	return db.Transact(ctx, d.Pool, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `UPDATE notifications SET inboxed_at = now()
			WHERE grp = $1 AND inboxed_at IS NULL AND cancelled_at IS NULL AND send_at <= now()
			RETURNING id, member_id, kind, title, body, link, created_at`, group)
		if err != nil {
			return fmt.Errorf("push: inbox %s: %w", group, err)
		}
		var changes []feed.Change
		var e InboxEntry
		var member int64
		_, err = pgx.ForEachRow(rows, []any{&e.ID, &member, &e.Kind, &e.Title, &e.Body, &e.Link, &e.CreatedAt}, func() error {
			c, err := feed.Put(feed.Member(member), "notification:"+strconv.FormatInt(e.ID, 10), e)
			changes = append(changes, c)
			return err
		})
		if err != nil {
			return fmt.Errorf("push: inbox %s: %w", group, err)
		}
		_, err = feed.Write(ctx, tx, changes)
		return err
	})
}

// target is one send: a notification to one device.
type target struct {
	id                      int64
	session                 uuid.UUID
	token                   string
	kind, title, body, link string
	collapse                string
	expires                 *time.Time
}

// push sends the group's due notifications to every device of their
// members not sent to yet, in batches. It returns how many sends must be
// retried and, for throttling, how long to wait first.
func (d *Deliverer) push(ctx context.Context, conn *pgxpool.Conn, group string) (retry int, wait time.Duration, err error) {
	rows, err := conn.Query(ctx, `
		SELECT n.id, p.session_id, p.token, n.kind, n.title, n.body, n.link, n.collapse_key, n.expires_at
		FROM notifications n
		JOIN push_devices p ON p.member_id = n.member_id
		JOIN sessions s ON s.id = p.session_id AND s.revoked_at IS NULL AND s.wipe_requested_at IS NULL
		WHERE n.grp = $1 AND n.pushed_at IS NULL AND n.cancelled_at IS NULL AND n.send_at <= now()
		  AND (n.expires_at IS NULL OR n.expires_at > now())
		  AND NOT EXISTS (SELECT 1 FROM push_sends ps WHERE ps.notification_id = n.id AND ps.session_id = p.session_id)
		ORDER BY n.id, p.session_id`, group)
	if err != nil {
		return 0, 0, fmt.Errorf("push: deliver %s: %w", group, err)
	}
	var all []target
	var t target
	if _, err := pgx.ForEachRow(rows, []any{&t.id, &t.session, &t.token, &t.kind, &t.title, &t.body, &t.link, &t.collapse, &t.expires}, func() error {
		all = append(all, t)
		return nil
	}); err != nil {
		return 0, 0, fmt.Errorf("push: deliver %s: %w", group, err)
	}
	for lo := 0; lo < len(all); lo += maxBatch {
		if err := ctx.Err(); err != nil {
			return 0, 0, err // stopping: what is left is not claimed, and goes when the job runs again
		}
		r, w, err := d.batch(ctx, conn, all[lo:min(lo+maxBatch, len(all))])
		if err != nil {
			return 0, 0, err
		}
		retry += r
		wait = max(wait, w)
	}
	return retry, wait, nil
}

// quotaWait is the least wait after FCM says the quota is exhausted.
const quotaWait = time.Minute

// sendTimeout bounds one SendEach. A batch, once claimed, is sent and its
// outcomes recorded even while the worker stops: cancelling it halfway
// would turn sends that never reached FCM into 'unknown', never sent.
const sendTimeout = 2 * time.Minute

// batch sends one batch: recorded as going out (committed) before it goes,
// then each send's outcome.
func (d *Deliverer) batch(ctx context.Context, conn *pgxpool.Conn, ts []target) (retry int, wait time.Duration, err error) {
	if d.Limiter != nil {
		if err := d.Limiter.Wait(ctx, len(ts)); err != nil {
			return 0, 0, err // nothing claimed yet
		}
	}
	ids := make([]int64, len(ts))
	sessions := make([]uuid.UUID, len(ts))
	tokens := make([]string, len(ts))
	msgs := make([]*messaging.Message, len(ts))
	for i, t := range ts {
		ids[i], sessions[i], tokens[i], msgs[i] = t.id, t.session, t.token, message(t)
	}
	bg, cancel := context.WithTimeout(context.WithoutCancel(ctx), sendTimeout+time.Minute)
	defer cancel()
	if _, err := conn.Exec(bg, `INSERT INTO push_sends (notification_id, session_id, token, state)
		SELECT *, 'sending' FROM unnest($1::bigint[], $2::uuid[], $3::text[])`, ids, sessions, tokens); err != nil {
		return 0, 0, fmt.Errorf("push: record sends: %w", err)
	}
	sendCtx, cancelSend := context.WithTimeout(bg, sendTimeout)
	resp, err := d.Sender.SendEach(sendCtx, msgs)
	cancelSend()
	if err != nil {
		// The SDK refused the batch before sending anything (a message it
		// finds invalid): trying again would not help.
		if _, derr := conn.Exec(bg, `UPDATE push_sends s SET state = 'failed', error = $3, at = now()
			FROM unnest($1::bigint[], $2::uuid[]) AS u(id, session) WHERE s.notification_id = u.id AND s.session_id = u.session`,
			ids, sessions, errText(err)); derr != nil {
			return 0, 0, derr
		}
		d.Log.Error("push: batch refused", "err", err, "messages", len(msgs))
		return 0, 0, nil
	}
	var sent, failed, again, gone []int
	reasons := make([]string, len(ts))
	for i, r := range resp.Responses {
		switch {
		case r.Success:
			sent = append(sent, i)
		case messaging.IsUnregistered(r.Error) || messaging.IsSenderIDMismatch(r.Error):
			gone = append(gone, i)
			failed = append(failed, i)
			reasons[i] = "unregistered"
		case messaging.IsQuotaExceeded(r.Error):
			again = append(again, i)
			wait = quotaWait
		case messaging.IsUnavailable(r.Error) || messaging.IsInternal(r.Error):
			again = append(again, i)
		default:
			failed = append(failed, i)
			reasons[i] = errText(r.Error)
		}
	}
	pick := func(idx []int) ([]int64, []uuid.UUID, []string, []string) {
		a, b, c, e := make([]int64, len(idx)), make([]uuid.UUID, len(idx)), make([]string, len(idx)), make([]string, len(idx))
		for k, i := range idx {
			a[k], b[k], c[k], e[k] = ids[i], sessions[i], tokens[i], reasons[i]
		}
		return a, b, c, e
	}
	err = db.Transact(bg, conn, func(tx pgx.Tx) error {
		si, ss, _, _ := pick(sent)
		if _, err := tx.Exec(bg, `UPDATE push_sends s SET state = 'sent', at = now() FROM unnest($1::bigint[], $2::uuid[]) AS u(id, session)
			WHERE s.notification_id = u.id AND s.session_id = u.session`, si, ss); err != nil {
			return err
		}
		fi, fs, _, fr := pick(failed)
		if _, err := tx.Exec(bg, `UPDATE push_sends s SET state = 'failed', error = u.reason, at = now()
			FROM unnest($1::bigint[], $2::uuid[], $3::text[]) AS u(id, session, reason)
			WHERE s.notification_id = u.id AND s.session_id = u.session`, fi, fs, fr); err != nil {
			return err
		}
		ai, as, _, _ := pick(again)
		if _, err := tx.Exec(bg, `DELETE FROM push_sends s USING unnest($1::bigint[], $2::uuid[]) AS u(id, session)
			WHERE s.notification_id = u.id AND s.session_id = u.session`, ai, as); err != nil {
			return err
		}
		_, _, gt, _ := pick(gone)
		_, err := tx.Exec(bg, `DELETE FROM push_devices WHERE token = ANY($1)`, gt)
		return err
	})
	if err != nil {
		return 0, 0, fmt.Errorf("push: record outcomes: %w", err)
	}
	if len(gone) > 0 {
		d.Log.Info("push: removed unregistered tokens", "count", len(gone))
	}
	return len(again), wait, nil
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	s := err.Error()
	if len(s) > 300 {
		s = s[:300]
	}
	return s
}

// message is the FCM message of one send: the visible notice, a data
// payload for the app (kind, link, id), and per platform the collapse key
// and the time to live (until the meeting starts, when it is one).
func message(t target) *messaging.Message {
	data := map[string]string{"kind": t.kind, "link": t.link, "notification_id": strconv.FormatInt(t.id, 10)}
	m := &messaging.Message{
		Token:        t.token,
		Notification: &messaging.Notification{Title: t.title, Body: t.body},
		Data:         data,
		Android:      &messaging.AndroidConfig{Priority: "high", CollapseKey: t.collapse},
		APNS:         &messaging.APNSConfig{Headers: map[string]string{}},
	}
	if t.collapse != "" {
		m.APNS.Headers["apns-collapse-id"] = t.collapse
	}
	if t.expires != nil {
		ttl := max(time.Until(*t.expires), time.Second).Truncate(time.Second)
		m.Android.TTL = &ttl
		m.APNS.Headers["apns-expiration"] = strconv.FormatInt(t.expires.Unix(), 10)
	}
	return m
}
