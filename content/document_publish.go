package content

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"sotay/db"
	"sotay/sync/feed"
)

// docChanged is the one place every change to a document passes through,
// inside the transaction of the change: create, edit, schedule, publish
// (by hand or by PublishDue), retract, republish, and attachment changes.
// before is the state before the change (nil on create); after is the state
// after it, as stored.
//
// The sync feeds are written here, in this transaction, and nowhere else:
//   - when after is published: upsert the document into the feed of its
//     audience (unit:<audience>, or officers:<audience> when officers only);
//   - when before was published and the document left that feed (retracted,
//     or its audience or officers-only flag changed): a tombstone in before's
//     feed;
//   - the audio render job of a newly published version is enqueued here too.
//
// Drafts and scheduled documents concern no member feed; they pass through
// so that this stays the only place to look.
func docChanged(ctx context.Context, q db.Querier, before *Document, after Document) error {
	// The audio first: a new version's entry must go out without the old
	// version's audio, and every transaction takes the document's audio
	// row before its feeds (a render finishing does the same), so the two
	// never wait for each other in opposite orders.
	if after.Status == StatusPublished {
		if err := docAudioWanted(ctx, q, after); err != nil {
			return err
		}
	}
	changes, err := docFeedChanges(ctx, q, before, after)
	if err != nil {
		return err
	}
	_, err = feed.Write(ctx, q, changes)
	return err
}

const publishDocumentSQL = `
UPDATE documents SET status = 'published', publish_at = NULL,
       published_at = coalesce($2, now()), retracted_at = NULL, retract_reason = NULL,
       version = CASE WHEN version = 0 THEN 1 ELSE version END,
       updated_by = coalesce($3, updated_by), updated_at = now()
WHERE id = $1`

// docPublishLocked publishes a document whose row the caller has locked:
// version 1 and its snapshot (fields and the attachments added while it was
// a draft) on the first publication; a republished
// (previously retracted) document keeps its version, whose snapshot already
// holds exactly its content, since a retracted document cannot be edited
// nor its attachments changed.
// publishedAt nil means now.
func docPublishLocked(ctx context.Context, q db.Querier, by *Actor, old Document, publishedAt *time.Time) (Document, error) {
	// The sync feeds are written in docChanged, in this transaction.
	if _, err := q.Exec(ctx, publishDocumentSQL, old.ID, publishedAt, docAccount(by)); err != nil {
		return Document{}, db.Translate(err, "tài liệu")
	}
	d, err := docLoad(ctx, q, old.ID, false)
	if err != nil {
		return Document{}, err
	}
	if old.Version == 0 {
		if err := docSnapshot(ctx, q, by, d.ID); err != nil {
			return Document{}, err
		}
	}
	if err := docChanged(ctx, q, &old, d); err != nil {
		return Document{}, err
	}
	if err := docNoticeWanted(ctx, q, d); err != nil {
		return Document{}, err
	}
	action := "document.publish"
	if old.Status == StatusRetracted {
		action = "document.republish"
	}
	details := map[string]any{"version": d.Version}
	if by == nil {
		details["scheduled"] = true
	}
	if err := Audit(ctx, q, by, action, "document", strconv.FormatInt(d.ID, 10), details); err != nil {
		return Document{}, err
	}
	return d, nil
}

// PublishDocument publishes a document now (at nil or not in the future) or
// schedules it for at. The actor must be an editor of the audience.
//
//   - draft → published (version 1, snapshotted) or scheduled;
//   - scheduled → published now, or rescheduled to another time;
//   - retracted → published again, now only (it undoes a retraction: the
//     same content, the same version, a new published_at; the retraction
//     stays in the audit log);
//   - published → conflict.
//
// A draft for comments (Dự thảo) cannot go out once its comment deadline has
// passed.
func PublishDocument(ctx context.Context, q db.Querier, a *Actor, id int64, at *time.Time) (Document, error) {
	old, err := docForEdit(ctx, q, a, id)
	if err != nil {
		return Document{}, err
	}
	now := time.Now()
	immediate := at == nil || !at.After(now)
	switch old.Status {
	case StatusPublished:
		return Document{}, db.Conflict("already_published", "Tài liệu đã được ban hành.")
	case StatusRetracted:
		if !immediate {
			return Document{}, db.Invalid("publish_at", "republish_now_only", "Tài liệu đã thu hồi chỉ có thể ban hành lại ngay, không hẹn giờ.")
		}
	}
	if old.Type == DocDraft && old.Status != StatusRetracted {
		goesOut := now
		if !immediate {
			goesOut = *at
		}
		if err := docDeadlineAfter(old.CommentsUntil, goesOut); err != nil {
			return Document{}, err
		}
	}
	if immediate {
		d, err := docPublishLocked(ctx, q, a, old, nil)
		if err != nil {
			return Document{}, err
		}
		return docFull(ctx, q, d)
	}
	when := at.UTC().Truncate(time.Microsecond)
	return docTransition(ctx, q, a, old, `status = 'scheduled', publish_at = $3`, "document.schedule",
		func(Document) map[string]any { return map[string]any{"publish_at": when} }, when)
}

// UnscheduleDocument takes a scheduled document back to draft.
func UnscheduleDocument(ctx context.Context, q db.Querier, a *Actor, id int64) (Document, error) {
	old, err := docForEdit(ctx, q, a, id)
	if err != nil {
		return Document{}, err
	}
	if old.Status != StatusScheduled {
		return Document{}, db.Conflict("not_scheduled", "Tài liệu không ở trạng thái hẹn giờ ban hành.")
	}
	return docTransition(ctx, q, a, old, `status = 'draft', publish_at = NULL`, "document.unschedule", nil)
}

// PublishDue publishes every scheduled document whose time has come (at or
// before now) and reports how many. Each document goes out in a transaction
// of its own, begun on b (a pool; a transaction makes them savepoints): the
// document is picked and locked there (FOR UPDATE SKIP LOCKED), and its
// publication, version snapshot, audit entry and feed writes (docChanged)
// commit together or not at all. Rows another transaction holds are skipped,
// so every serve process may run it on a timer: each document is published
// once, by whoever locks it first, and a document being edited goes out on
// the next run. published_at is the scheduled time, not the moment the timer
// fired; the audit entries have no actor.
//
// A document that fails to publish is left scheduled and skipped for the
// rest of the run, so it does not hold back the others; the errors are
// returned together after the run.
func PublishDue(ctx context.Context, b db.Beginner, now time.Time) (int, error) {
	published := 0
	failed := []int64{}
	var errs []error
	for {
		if err := ctx.Err(); err != nil {
			return published, errors.Join(append(errs, err)...)
		}
		var id int64
		done := false
		err := db.Transact(ctx, b, func(tx pgx.Tx) error {
			id, done = 0, false
			err := tx.QueryRow(ctx, `SELECT id FROM documents
				WHERE status = 'scheduled' AND publish_at <= $1 AND id <> ALL($2::bigint[])
				ORDER BY publish_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`, now, failed).Scan(&id)
			if errors.Is(err, pgx.ErrNoRows) {
				done = true
				return nil
			}
			if err != nil {
				return fmt.Errorf("content: publish due: %w", err)
			}
			old, err := docLoad(ctx, tx, id, false) // locked above
			if err != nil {
				return err
			}
			if old.Status != StatusScheduled || old.PublishAt == nil || old.PublishAt.After(now) {
				return errPublishDueSkip // cannot happen under the lock; never loop on it
			}
			if old.Type == DocDraft {
				if err := docDeadlineAfter(old.CommentsUntil, *old.PublishAt); err != nil {
					return fmt.Errorf("content: publish due %d: %w", id, err)
				}
			}
			if _, err := docPublishLocked(ctx, tx, nil, old, old.PublishAt); err != nil {
				return fmt.Errorf("content: publish due %d: %w", id, err)
			}
			return nil
		})
		switch {
		case errors.Is(err, errPublishDueSkip):
			failed = append(failed, id)
		case err != nil && id == 0:
			// Picking failed (no connection, say): nothing more can be done this run.
			return published, errors.Join(append(errs, err)...)
		case err != nil:
			failed = append(failed, id)
			errs = append(errs, err)
		case done:
			return published, errors.Join(errs...)
		default:
			published++
		}
	}
}

// errPublishDueSkip rolls back PublishDue's transaction for a document that
// turned out not to be due.
var errPublishDueSkip = errors.New("content: document not due")

// RetractDocument withdraws a published document, with a reason members
// see. Members no longer read it (staff still do); its versions are kept.
func RetractDocument(ctx context.Context, q db.Querier, a *Actor, id int64, reason string) (Document, error) {
	reason = strings.TrimSpace(docNewlines(reason))
	if err := docCheckText("reason", reason); err != nil {
		return Document{}, err
	}
	if reason == "" {
		return Document{}, db.Invalid("reason", "reason_required", "Phải nêu lý do thu hồi.")
	}
	if utf8.RuneCountInString(reason) > MaxRetractReason {
		return Document{}, db.Invalid("reason", "reason_too_long", fmt.Sprintf("Lý do thu hồi quá dài (tối đa %d ký tự).", MaxRetractReason))
	}
	old, err := docForEdit(ctx, q, a, id)
	if err != nil {
		return Document{}, err
	}
	if old.Status != StatusPublished {
		return Document{}, db.Conflict("not_published", "Chỉ thu hồi được tài liệu đã ban hành.")
	}
	return docTransition(ctx, q, a, old, `status = 'retracted', retracted_at = now(), retract_reason = $3`, "document.retract",
		func(d Document) map[string]any { return map[string]any{"reason": reason, "version": d.Version} }, reason)
}

// docTransition moves a document through one status change: set is the SQL
// assignment list (over $1 = id, $2 = the acting account, then args), and
// the change goes through docChanged and the audit log in the caller's
// transaction like every other.
func docTransition(ctx context.Context, q db.Querier, a *Actor, old Document, set, action string, details func(Document) map[string]any, args ...any) (Document, error) {
	if _, err := q.Exec(ctx, `UPDATE documents SET `+set+`, updated_by = $2, updated_at = now() WHERE id = $1`,
		append([]any{old.ID, docAccount(a)}, args...)...); err != nil {
		return Document{}, db.Translate(err, "tài liệu")
	}
	d, err := docLoad(ctx, q, old.ID, false)
	if err != nil {
		return Document{}, err
	}
	if err := docChanged(ctx, q, &old, d); err != nil {
		return Document{}, err
	}
	var det map[string]any
	if details != nil {
		det = details(d)
	}
	if err := Audit(ctx, q, a, action, "document", strconv.FormatInt(d.ID, 10), det); err != nil {
		return Document{}, err
	}
	return docFull(ctx, q, d)
}
