package content

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"sotay/db"
)

// MeetingRule is when a cell meets: the day of the month (1–28, so every
// month has it) at a time (Vietnam), where, and which months are thematic
// (every thematic_every months: 3 makes March, June, September and
// December thematic).
type MeetingRule struct {
	CellID        int64  `json:"cell_id"`
	DayOfMonth    int    `json:"day_of_month"`
	Time          string `json:"time"` // "19:30"
	Place         string `json:"place"`
	ThematicEvery int    `json:"thematic_every"`
}

// RuleMonthsAhead is how far ahead a rule's meetings exist as drafts.
const RuleMonthsAhead = 3

// SetMeetingRule sets a cell's rule and makes its next meetings (drafts).
func SetMeetingRule(ctx context.Context, q db.Querier, a *Actor, r MeetingRule) ([]Meeting, error) {
	cell, err := RequireUnit(ctx, q, a, RoleEditor, r.CellID)
	if err != nil {
		return nil, err
	}
	if cell.Kind != KindCell {
		return nil, db.Invalid("cell_id", "not_a_cell", "Lịch sinh hoạt đặt cho chi bộ.")
	}
	if r.DayOfMonth < 1 || r.DayOfMonth > 28 {
		return nil, db.Invalid("day_of_month", "invalid_day", "Ngày sinh hoạt trong tháng từ 1 đến 28 (để tháng nào cũng có).")
	}
	at, err := time.Parse("15:04", strings.TrimSpace(r.Time))
	if err != nil {
		return nil, db.Invalid("time", "invalid_time", "Giờ sinh hoạt có dạng 19:30.")
	}
	if r.ThematicEvery == 0 {
		r.ThematicEvery = 3
	}
	if r.ThematicEvery < 1 || r.ThematicEvery > 3 {
		return nil, db.Invalid("thematic_every", "invalid_thematic", "Sinh hoạt chuyên đề ít nhất mỗi quý một lần: mỗi 1, 2 hoặc 3 tháng.")
	}
	r.Place = oneLine(nfc(r.Place))
	if _, err := q.Exec(ctx, `INSERT INTO meeting_rules (cell_id, day_of_month, at_time, place, thematic_every) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (cell_id) DO UPDATE SET day_of_month = EXCLUDED.day_of_month, at_time = EXCLUDED.at_time,
		    place = EXCLUDED.place, thematic_every = EXCLUDED.thematic_every, updated_at = now()`,
		r.CellID, r.DayOfMonth, at.Format("15:04"), r.Place, r.ThematicEvery); err != nil {
		return nil, db.Translate(err, "lịch sinh hoạt")
	}
	if err := Audit(ctx, q, a, "meeting.rule", "unit", fmt.Sprint(r.CellID), map[string]any{"day": r.DayOfMonth, "time": r.Time}); err != nil {
		return nil, err
	}
	// The rule's drafts still ahead follow the new rule.
	rows, err := q.Query(ctx, `UPDATE meetings SET place = $4, updated_at = now(),
		starts_at = ((rule_month + ($2 - 1) * interval '1 day' + $3::time) AT TIME ZONE 'Asia/Ho_Chi_Minh')
		WHERE cell_id = $1 AND from_rule AND status = 'draft' AND starts_at > now()
		  AND ((rule_month + ($2 - 1) * interval '1 day' + $3::time) AT TIME ZONE 'Asia/Ho_Chi_Minh') > now()
		RETURNING id`,
		r.CellID, r.DayOfMonth, at.Format("15:04"), r.Place)
	if err != nil {
		return nil, fmt.Errorf("content: rule drafts: %w", err)
	}
	moved, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("content: rule drafts: %w", err)
	}
	for _, id := range moved {
		if _, err := meetingChanged(ctx, q, a, id, "meeting.update", map[string]any{"rule": true}); err != nil {
			return nil, err
		}
	}
	return GenerateRuleMeetings(ctx, q, r.CellID, time.Now())
}

// GenerateRuleMeetings makes the drafts a cell's rule calls for in this
// month and the next RuleMonthsAhead−1, where missing and still ahead (a
// month whose rule meeting the secretary moved or cancelled keeps it: one
// per cell and month). A daily job runs it for every cell with a rule.
func GenerateRuleMeetings(ctx context.Context, q db.Querier, cellID int64, now time.Time) ([]Meeting, error) {
	var day, every int
	var hhmm, place string
	err := q.QueryRow(ctx, `SELECT day_of_month, to_char(at_time, 'HH24:MI'), place, thematic_every FROM meeting_rules WHERE cell_id = $1`, cellID).
		Scan(&day, &hhmm, &place, &every)
	if err != nil {
		return nil, fmt.Errorf("content: rule of %d: %w", cellID, err)
	}
	at, _ := time.Parse("15:04", hhmm)
	l := now.In(vietnam)
	var made []Meeting
	for i := 0; i < RuleMonthsAhead; i++ {
		month := time.Date(l.Year(), l.Month()+time.Month(i), 1, 0, 0, 0, 0, vietnam)
		starts := time.Date(month.Year(), month.Month(), day, at.Hour(), at.Minute(), 0, 0, vietnam)
		if !starts.After(now) {
			continue
		}
		kind, title := MeetingRegular, fmt.Sprintf("Sinh hoạt chi bộ tháng %d/%d", int(month.Month()), month.Year())
		if int(month.Month())%every == 0 {
			kind, title = MeetingThematic, fmt.Sprintf("Sinh hoạt chuyên đề tháng %d/%d", int(month.Month()), month.Year())
		}
		var id int64
		err := q.QueryRow(ctx, `INSERT INTO meetings (cell_id, kind, title, starts_at, place, from_rule, rule_month)
			VALUES ($1, $2, $3, $4, $5, true, $6) ON CONFLICT (cell_id, rule_month) WHERE rule_month IS NOT NULL DO NOTHING RETURNING id`,
			cellID, kind, title, starts.UTC(), place, month.Format("2006-01-02")).Scan(&id)
		if err == pgx.ErrNoRows {
			continue // this month's rule meeting exists
		}
		if err != nil {
			return nil, db.Translate(err, "buổi sinh hoạt")
		}
		m, err := meetingChanged(ctx, q, nil, id, "meeting.generate", nil)
		if err != nil {
			return nil, err
		}
		made = append(made, m)
	}
	return made, nil
}

// GenerateAllRuleMeetings runs GenerateRuleMeetings for every cell with a
// rule (the daily job), one transaction per cell.
func GenerateAllRuleMeetings(ctx context.Context, pool *pgxpool.Pool, now time.Time) (int, error) {
	rows, err := pool.Query(ctx, `SELECT cell_id FROM meeting_rules ORDER BY cell_id`)
	if err != nil {
		return 0, fmt.Errorf("content: rule meetings: %w", err)
	}
	cells, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return 0, fmt.Errorf("content: rule meetings: %w", err)
	}
	n := 0
	for _, c := range cells {
		var made []Meeting
		err := db.Transact(ctx, pool, func(tx pgx.Tx) (err error) {
			made, err = GenerateRuleMeetings(ctx, tx, c, now)
			return err
		})
		if err != nil {
			return n, err
		}
		n += len(made)
	}
	return n, nil
}
