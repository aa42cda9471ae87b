package content

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"sotay/db"
)

// DocAudioBriefing is the weekly audio briefing of a cell (Bản tin âm thanh
// tuần): written by sotay, never by an editor, published to the cell.
const DocAudioBriefing DocumentType = "audio_briefing"

func init() { docTypeLabels[DocAudioBriefing] = "Bản tin âm thanh" }

// BriefingWeek is how far back a briefing looks.
const BriefingWeek = 7 * 24 * time.Hour

// briefingBatch is how many cells' briefings one transaction writes.
const briefingBatch = 100

// briefingItem is a document a briefing announces.
type briefingItem struct {
	ID                             int64
	Type                           DocumentType
	Symbol, Issuer, Title, Summary string
}

// MakeBriefings writes the weekly audio briefing of every cell that has
// something new: the documents its members may read (published to the cell
// or a unit above it, not for officers only) that went out in the week
// before end. Each is a document of type audio_briefing published to the
// cell, whose audio is rendered like any other's; cells that get the same
// documents get the same text, so one rendering serves them all (the plan
// key is the same). Running it again for the same end makes nothing new.
// It returns the number of briefings made.
func MakeBriefings(ctx context.Context, pool *pgxpool.Pool, end time.Time) (int, error) {
	end = end.UTC().Truncate(time.Second)
	start := end.Add(-BriefingWeek)
	rows, err := pool.Query(ctx, `
		SELECT c.id, array_agg(d.id ORDER BY d.published_at, d.id)
		FROM units c
		JOIN units au ON au.path @> c.path
		JOIN documents d ON d.audience_unit_id = au.id
		WHERE c.kind = 'cell' AND d.status = 'published' AND NOT d.officers_only AND d.type <> 'audio_briefing'
		  AND d.published_at >= $1 AND d.published_at < $2
		  AND NOT EXISTS (SELECT 1 FROM audio_briefings b WHERE b.cell_id = c.id AND b.period_end = $2)
		GROUP BY c.id ORDER BY c.id`, start, end)
	if err != nil {
		return 0, fmt.Errorf("content: briefings: %w", err)
	}
	type cellDocs struct {
		cell int64
		docs []int64
	}
	cells, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (cellDocs, error) {
		var c cellDocs
		return c, r.Scan(&c.cell, &c.docs)
	})
	if err != nil {
		return 0, fmt.Errorf("content: briefings: %w", err)
	}
	var ids []int64
	for _, c := range cells {
		ids = append(ids, c.docs...)
	}
	slices.Sort(ids) // a document is news in many cells: read it once
	items, err := briefingItems(ctx, pool, slices.Compact(ids))
	if err != nil {
		return 0, err
	}
	// Each cell's next announced meeting (in the two weeks after the
	// briefing) closes its briefing; a cell with a meeting and no new
	// document still gets one.
	next, err := nextMeetings(ctx, pool, end)
	if err != nil {
		return 0, err
	}
	have := map[int64]bool{}
	for _, c := range cells {
		have[c.cell] = true
	}
	for cell := range next {
		if !have[cell] {
			cells = append(cells, cellDocs{cell: cell})
		}
	}
	slices.SortFunc(cells, func(a, b cellDocs) int { return cmp.Compare(a.cell, b.cell) })
	made := 0
	for lo := 0; lo < len(cells); lo += briefingBatch {
		batch := cells[lo:min(lo+briefingBatch, len(cells))]
		n := 0
		err := db.Transact(ctx, pool, func(tx pgx.Tx) error {
			n = 0 // (a retried transaction counts again)
			// Runs for the same week (a retry beside a late start) take
			// turns, and each cell is checked again under the lock.
			if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('audio_briefings'))`); err != nil {
				return err
			}
			for _, c := range batch {
				var done bool
				if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM audio_briefings WHERE cell_id = $1 AND period_end = $2)`,
					c.cell, end).Scan(&done); err != nil || done {
					if err != nil {
						return err
					}
					continue
				}
				docs := make([]briefingItem, len(c.docs))
				for i, id := range c.docs {
					docs[i] = items[id]
				}
				in := briefingInput(c.cell, start, end, docs, next[c.cell])
				d, err := docCreatePublished(ctx, tx, in)
				if err != nil {
					return err
				}
				tag, err := tx.Exec(ctx, `INSERT INTO audio_briefings (cell_id, period_end, document_id) VALUES ($1, $2, $3)
					ON CONFLICT DO NOTHING`, c.cell, end, d.ID)
				if err != nil {
					return err
				}
				if tag.RowsAffected() == 1 {
					n++
				}
			}
			return nil
		})
		if err != nil {
			return made, fmt.Errorf("content: briefings: %w", err)
		}
		made += n
	}
	return made, nil
}

// briefingItems loads the documents the cells' briefings announce.
func briefingItems(ctx context.Context, q db.Querier, ids []int64) (map[int64]briefingItem, error) {
	rows, err := q.Query(ctx, `SELECT id, type, symbol, issuer, title, summary FROM documents WHERE id = ANY($1)`, ids)
	if err != nil {
		return nil, fmt.Errorf("content: briefing documents: %w", err)
	}
	out := map[int64]briefingItem{}
	var it briefingItem
	_, err = pgx.ForEachRow(rows, []any{&it.ID, &it.Type, &it.Symbol, &it.Issuer, &it.Title, &it.Summary}, func() error {
		out[it.ID] = it
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("content: briefing documents: %w", err)
	}
	return out, nil
}

// briefingInput is the briefing document of a cell: a spoken opening, one
// heading (a chapter) per document with its type, number, issuer and title,
// its summary below, and a closing. Nothing in it names the cell, so cells
// with the same news have the same text.
func briefingInput(cell int64, start, end time.Time, items []briefingItem, meeting *Meeting) DocumentInput {
	from, to := start.In(vietnam), end.Add(-time.Second).In(vietnam)
	period := fmt.Sprintf("từ ngày %d/%d đến ngày %d/%d/%d", from.Day(), int(from.Month()), to.Day(), int(to.Month()), to.Year())
	var body strings.Builder
	if len(items) > 0 {
		fmt.Fprintf(&body, "Kính chào các đồng chí. Đây là bản tin âm thanh tuần %s, gồm %d tài liệu mới.\n\n", period, len(items))
	} else {
		fmt.Fprintf(&body, "Kính chào các đồng chí. Đây là bản tin âm thanh tuần %s.\n\n", period)
	}
	var titles []string
	for i, it := range items {
		head := it.Type.Label()
		if it.Symbol != "" {
			head += " số " + it.Symbol
		}
		if it.Issuer != "" {
			head += " của " + it.Issuer
		}
		fmt.Fprintf(&body, "## %d. %s: %s\n\n", i+1, head, oneLine(it.Title))
		if s := strings.TrimSpace(it.Summary); s != "" {
			body.WriteString(s)
			body.WriteString("\n\n")
		}
		titles = append(titles, "- "+oneLine(it.Title))
	}
	if meeting != nil {
		l := meeting.StartsAt.In(vietnam)
		fmt.Fprintf(&body, "## Lịch sinh hoạt chi bộ\n\n%s: %s, lúc %d giờ %02d phút ngày %d/%d/%d", meeting.Kind.Label(), meeting.Title,
			l.Hour(), l.Minute(), l.Day(), int(l.Month()), l.Year())
		if meeting.Place != "" {
			fmt.Fprintf(&body, ", tại %s", meeting.Place)
		}
		body.WriteString(".\n\n")
		if len(meeting.Agenda) > 0 {
			body.WriteString("Nội dung:\n\n")
			for _, it := range meeting.Agenda {
				fmt.Fprintf(&body, "- %s.\n", strings.TrimSuffix(it.Title, "."))
			}
			body.WriteString("\n")
		}
		body.WriteString("Đề nghị các đồng chí đọc trước tài liệu và báo dự họp trong sổ tay.\n\n")
		titles = append(titles, "- "+meeting.Kind.Label()+": "+meeting.Title)
	}
	body.WriteString("Bản tin đến đây là hết. Toàn văn các tài liệu có trong sổ tay. Xin cảm ơn các đồng chí đã lắng nghe.\n")
	return DocumentInput{
		Type:           DocAudioBriefing,
		Issuer:         "Sổ tay đảng viên",
		IssuedOn:       to.Format("2006-01-02"),
		Title:          "Bản tin âm thanh tuần " + period,
		Summary:        strings.Join(titles, "\n"),
		Body:           body.String(),
		AudienceUnitID: cell,
	}
}

// nextMeetings returns each cell's next announced meeting starting within
// two weeks after end.
func nextMeetings(ctx context.Context, q db.Querier, end time.Time) (map[int64]*Meeting, error) {
	rows, err := q.Query(ctx, `SELECT DISTINCT ON (cell_id) id FROM meetings
		WHERE status = 'announced' AND starts_at > $1 AND starts_at <= $1 + interval '14 days'
		ORDER BY cell_id, starts_at, id`, end)
	if err != nil {
		return nil, fmt.Errorf("content: next meetings: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("content: next meetings: %w", err)
	}
	out := map[int64]*Meeting{}
	for _, id := range ids {
		m, err := meetingLoad(ctx, q, id, false)
		if err != nil {
			return nil, err
		}
		out[m.CellID] = &m
	}
	return out, nil
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// docCreatePublished writes a document sotay itself publishes (no editor):
// inserted, published as version 1, snapshotted and put in its feed, with
// its audio enqueued, in q's transaction.
func docCreatePublished(ctx context.Context, q db.Querier, in DocumentInput) (Document, error) {
	in.normalize()
	var id int64
	err := q.QueryRow(ctx, insertDocumentSQL, in.Type, docNull(in.Category), in.Symbol, in.Issuer, docNull(in.IssuedOn),
		in.Title, in.Summary, in.Body, in.AudienceUnitID, in.OfficersOnly, in.CommentsUntil, nil).Scan(&id)
	if err != nil {
		return Document{}, db.Translate(err, "tài liệu")
	}
	old, err := docLoad(ctx, q, id, true)
	if err != nil {
		return Document{}, err
	}
	return docPublishLocked(ctx, q, nil, old, nil)
}
