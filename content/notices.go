package content

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"sotay/db"
	"sotay/jobs"
	"sotay/push"
)

// DocumentNoticesArgs is the job that tells members about documents
// published for them since the last run: one notice per member however many
// documents went out, and at most one an hour (the job runs at most hourly).
type DocumentNoticesArgs struct {
	At time.Time `json:"at"` // when it was scheduled for
}

// Kind implements river.JobArgs.
func (DocumentNoticesArgs) Kind() string { return "document_notices" }

// noticeGap is the least time between two document notices to a member;
// noticeDelay lets a burst of publications (a committee's morning) go out
// as one notice.
const (
	noticeGap   = time.Hour
	noticeDelay = 2 * time.Minute
)

// docNoticeWanted is called when a document goes out: it makes sure a
// notices job is scheduled — in noticeDelay, or an hour after the last run
// if that is later. Every publication of the same hour lands on the same
// job (unique by its time).
func docNoticeWanted(ctx context.Context, q db.Querier, d Document) error {
	if d.OfficersOnly || d.Type == DocAudioBriefing {
		return nil // officers' drafts are not news for a push; a briefing says so itself (BriefingReady)
	}
	if _, err := q.Exec(ctx, `INSERT INTO document_notices_due (document_id) VALUES ($1) ON CONFLICT DO NOTHING`, d.ID); err != nil {
		return fmt.Errorf("content: document notices: %w", err)
	}
	var last *time.Time
	if err := q.QueryRow(ctx, `SELECT max(at) FROM push_watermarks WHERE name = 'documents'`).Scan(&last); err != nil {
		return fmt.Errorf("content: document notices: %w", err)
	}
	at := time.Now().Add(noticeDelay)
	if last != nil && last.Add(noticeGap).After(at) {
		at = last.Add(noticeGap)
	}
	// At night the run waits for the morning: one notice then, not one
	// per hour queued for 06:30.
	at = push.DefaultQuietHours.Adjust(at, nil).UTC().Truncate(time.Minute)
	return jobs.Enqueue(ctx, q, DocumentNoticesArgs{At: at}, &river.InsertOpts{
		Queue: push.Queue, ScheduledAt: at, UniqueOpts: river.UniqueOpts{ByArgs: true}})
}

// SendDocumentNotices is the work of a DocumentNoticesArgs job: for every
// cell, the documents its members may read that went out since the last run
// (those the publishing transactions queued, whatever their commit order or
// their own publication date) make one notice to each of its active members
// ("Tài liệu mới: …", or "3 tài liệu mới" with the newest named), delivered
// through push (inbox and phones, after quiet hours).
func SendDocumentNotices(ctx context.Context, b db.Beginner) (members int, err error) {
	err = db.Transact(ctx, b, func(tx pgx.Tx) error {
		// The lock of the watermark row makes runs take turns.
		if _, err := tx.Exec(ctx, `INSERT INTO push_watermarks (name, at) VALUES ('documents', now())
			ON CONFLICT (name) DO UPDATE SET at = now()`); err != nil {
			return err
		}
		var to time.Time
		if err := tx.QueryRow(ctx, `SELECT now()`).Scan(&to); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `DELETE FROM document_notices_due RETURNING document_id`)
		if err != nil {
			return err
		}
		due, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			return err
		}
		rows, err = tx.Query(ctx, `
			WITH news AS (
				SELECT c.id AS cell, d.id, d.type, d.title, d.published_at
				FROM documents d JOIN units au ON au.id = d.audience_unit_id
				JOIN units c ON c.kind = 'cell' AND au.path @> c.path
				WHERE d.id = ANY($1) AND d.status = 'published' AND NOT d.officers_only AND d.type <> 'audio_briefing'),
			per_cell AS (
				SELECT DISTINCT ON (cell) cell, id, type, title, count(*) OVER (PARTITION BY cell) AS n
				FROM news ORDER BY cell, published_at DESC, id DESC)
			SELECT p.n, p.id, p.type, p.title, array_agg(m.id ORDER BY m.id)
			FROM per_cell p JOIN members m ON m.cell_id = p.cell AND m.state = 'active'
			GROUP BY p.cell, p.n, p.id, p.type, p.title`, due)
		if err != nil {
			return err
		}
		var batch push.Batch
		batch.Kind, batch.CollapseKey = "document_published", "documents"
		var n, id int64
		var typ DocumentType
		var title string
		var ids []int64
		_, err = pgx.ForEachRow(rows, []any{&n, &id, &typ, &title, &ids}, func() error {
			it := push.Item{Members: ids, Link: "sotay://documents/" + strconv.FormatInt(id, 10),
				Title: "Tài liệu mới: " + typ.Label(), Body: title}
			if n > 1 {
				it.Title = fmt.Sprintf("%d tài liệu mới", n)
				it.Body = fmt.Sprintf("%s: %s, và %d tài liệu khác", typ.Label(), title, n-1)
				it.Link = "sotay://documents"
			}
			batch.Items = append(batch.Items, it)
			members += len(ids)
			return nil
		})
		if err != nil {
			return err
		}
		batch.Group = "documents:" + to.UTC().Format(time.RFC3339Nano)
		_, err = push.Notify(ctx, tx, push.DefaultQuietHours, batch)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("content: document notices: %w", err)
	}
	return members, nil
}

// briefingReady announces a cell's weekly audio briefing once its audio is
// ready, to the cell's active members: the push the briefing is for.
func briefingReady(ctx context.Context, q db.Querier, d Document) error {
	group := "briefing:" + strconv.FormatInt(d.ID, 10)
	var told bool
	if err := q.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM notifications WHERE grp = $1)`, group).Scan(&told); err != nil || told {
		return err // announced already (a render done again after a retry)
	}
	ids, err := cellMembers(ctx, q, d.AudienceUnitID)
	if err != nil {
		return err
	}
	_, err = push.Notify(ctx, q, push.DefaultQuietHours, push.Batch{
		Group: group, Kind: "briefing_ready", CollapseKey: "briefing",
		Items: []push.Item{{Members: ids, Title: "Bản tin âm thanh tuần này đã sẵn sàng", Body: d.Title,
			Link: "sotay://documents/" + strconv.FormatInt(d.ID, 10) + "/audio"}},
	})
	return err
}
