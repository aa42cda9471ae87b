package content

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"sotay/db"
)

// docChanged is the one place every change to a document passes through,
// inside the transaction of the change: create, edit, schedule, publish
// (by hand or by PublishDue), retract, republish, and attachment changes.
// before is the state before the change (nil on create); after is the state
// after it, as stored.
//
// The sync feeds (next issue) are written here, in this transaction, and
// nowhere else:
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
	return nil
}

const publishDocumentSQL = `
UPDATE documents SET status = 'published', publish_at = NULL,
       published_at = coalesce($2, now()), retracted_at = NULL, retract_reason = NULL,
       version = CASE WHEN version = 0 THEN 1 ELSE version END,
       updated_by = coalesce($3, updated_by), updated_at = now()
WHERE id = $1`

// docPublishLocked publishes a document whose row the caller has locked:
// version 1 and its snapshot on the first publication; a republished
// (previously retracted) document keeps its version, whose snapshot already
// holds exactly its content, since a retracted document cannot be edited.
// publishedAt nil means now.
func docPublishLocked(ctx context.Context, q db.Querier, by *Actor, old Document, publishedAt *time.Time) (Document, error) {
	// The sync feeds (next issue) are written in docChanged, in this transaction.
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
	if old.Type == DocDraft && old.CommentsUntil != nil && old.Status != StatusRetracted {
		goesOut := now
		if !immediate {
			goesOut = *at
		}
		if !old.CommentsUntil.After(goesOut) {
			return Document{}, db.Invalid("comments_until", "comments_until_past", "Hạn góp ý của dự thảo đã qua: hãy sửa hạn góp ý trước khi ban hành.")
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
	if _, err := q.Exec(ctx, `UPDATE documents SET status = 'scheduled', publish_at = $2, updated_by = $3, updated_at = now()
		WHERE id = $1`, id, when, docAccount(a)); err != nil {
		return Document{}, db.Translate(err, "tài liệu")
	}
	d, err := docLoad(ctx, q, id, false)
	if err != nil {
		return Document{}, err
	}
	if err := docChanged(ctx, q, &old, d); err != nil {
		return Document{}, err
	}
	if err := Audit(ctx, q, a, "document.schedule", "document", strconv.FormatInt(id, 10),
		map[string]any{"publish_at": when}); err != nil {
		return Document{}, err
	}
	return docFull(ctx, q, d)
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
	if _, err := q.Exec(ctx, `UPDATE documents SET status = 'draft', publish_at = NULL, updated_by = $2, updated_at = now()
		WHERE id = $1`, id, docAccount(a)); err != nil {
		return Document{}, db.Translate(err, "tài liệu")
	}
	d, err := docLoad(ctx, q, id, false)
	if err != nil {
		return Document{}, err
	}
	if err := docChanged(ctx, q, &old, d); err != nil {
		return Document{}, err
	}
	if err := Audit(ctx, q, a, "document.unschedule", "document", strconv.FormatInt(id, 10), nil); err != nil {
		return Document{}, err
	}
	return docFull(ctx, q, d)
}

// PublishDue publishes every scheduled document whose time has come (at or
// before now) and reports how many. Rows another transaction holds are
// skipped (FOR UPDATE SKIP LOCKED), so every serve process may run it on a
// timer: each document is published once, by whoever locks it first, and a
// document being edited goes out on the next run. published_at is the
// scheduled time, not the moment the timer fired. Run it in a transaction;
// the audit entries have no actor.
func PublishDue(ctx context.Context, q db.Querier, now time.Time) (int, error) {
	rows, err := q.Query(ctx, `SELECT id FROM documents WHERE status = 'scheduled' AND publish_at <= $1
		ORDER BY publish_at, id FOR UPDATE SKIP LOCKED`, now)
	if err != nil {
		return 0, fmt.Errorf("content: publish due: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, fmt.Errorf("content: publish due: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("content: publish due: %w", err)
	}
	published := 0
	for _, id := range ids {
		// Locked above already when q is a transaction; checked again in
		// case q is a pool and another run got there first.
		old, err := docLoad(ctx, q, id, true)
		if err != nil {
			return published, err
		}
		if old.Status != StatusScheduled || old.PublishAt == nil || old.PublishAt.After(now) {
			continue
		}
		if _, err := docPublishLocked(ctx, q, nil, old, old.PublishAt); err != nil {
			return published, fmt.Errorf("content: publish due %d: %w", id, err)
		}
		published++
	}
	return published, nil
}

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
	// The sync feeds (next issue) are written in docChanged, in this transaction.
	if _, err := q.Exec(ctx, `UPDATE documents SET status = 'retracted', retracted_at = now(), retract_reason = $2,
		updated_by = $3, updated_at = now() WHERE id = $1`, id, reason, docAccount(a)); err != nil {
		return Document{}, db.Translate(err, "tài liệu")
	}
	d, err := docLoad(ctx, q, id, false)
	if err != nil {
		return Document{}, err
	}
	if err := docChanged(ctx, q, &old, d); err != nil {
		return Document{}, err
	}
	if err := Audit(ctx, q, a, "document.retract", "document", strconv.FormatInt(id, 10),
		map[string]any{"reason": reason, "version": d.Version}); err != nil {
		return Document{}, err
	}
	return docFull(ctx, q, d)
}
