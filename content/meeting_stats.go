package content

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"sotay/db"
)

// MeetingStats is how a cell's meetings went over a period, for the
// committee above: meetings held (regular and thematic), held on time
// (started within half an hour of the announced time), attendance (present
// over the cell's members when each meeting closed, less the exempt, over
// all held meetings), and materials on time (announced without the late-materials override).
type MeetingStats struct {
	CellID          int64   `json:"cell_id"`
	CellName        string  `json:"cell_name"`
	Held            int     `json:"held"`
	Thematic        int     `json:"thematic"`
	OnTime          int     `json:"on_time"`
	MaterialsOnTime int     `json:"materials_on_time"`
	Cancelled       int     `json:"cancelled"`
	AttendanceRate  float64 `json:"attendance_rate"` // 0–1; 0 when nothing was held
	AverageScore    float64 `json:"average_score"`   // of adopted minutes with a score
}

// CellMeetingStats returns the stats of every cell in the subtree of unitID
// for meetings starting in [from, to). The actor must view the unit.
func CellMeetingStats(ctx context.Context, q db.Querier, a *Actor, unitID int64, from, to time.Time) ([]MeetingStats, error) {
	u, err := RequireUnit(ctx, q, a, RoleViewer, unitID)
	if err != nil {
		return nil, err
	}
	if !to.After(from) || to.Sub(from) > 5*366*24*time.Hour {
		return nil, db.Invalid("to", "invalid_period", "Khoảng thời gian không hợp lệ (tối đa 5 năm).")
	}
	rows, err := q.Query(ctx, `
		WITH held AS (
			SELECT m.*, (SELECT count(*) FROM meeting_attendance t WHERE t.meeting_id = m.id AND t.status = 'present') AS present,
			       (SELECT count(*) FROM meeting_attendance t WHERE t.meeting_id = m.id AND t.status = 'exempt') AS exempt
			FROM meetings m WHERE m.starts_at >= $2 AND m.starts_at < $3)
		SELECT c.id, c.name,
		       count(h.id) FILTER (WHERE h.status IN ('closed', 'adopted')),
		       count(h.id) FILTER (WHERE h.status IN ('closed', 'adopted') AND h.kind = 'thematic'),
		       count(h.id) FILTER (WHERE h.status IN ('closed', 'adopted') AND h.started_at <= h.starts_at + interval '30 minutes'),
		       count(h.id) FILTER (WHERE h.status IN ('closed', 'adopted') AND h.late_reason IS NULL),
		       count(h.id) FILTER (WHERE h.status = 'cancelled'),
		       coalesce(sum(h.present) FILTER (WHERE h.status IN ('closed', 'adopted')), 0)::float8
		         / nullif(sum(greatest(coalesce(h.members_at_close,
		                     (SELECT count(*) FROM members mm WHERE mm.cell_id = c.id AND mm.state = 'active')) - h.exempt, 0))
		                  FILTER (WHERE h.status IN ('closed', 'adopted')), 0),
		       (SELECT avg(n.score) FROM meeting_minutes n JOIN meetings x ON x.id = n.meeting_id
		         WHERE x.cell_id = c.id AND x.status = 'adopted' AND x.starts_at >= $2 AND x.starts_at < $3 AND n.score IS NOT NULL)::float8
		FROM units c LEFT JOIN held h ON h.cell_id = c.id
		WHERE c.kind = 'cell' AND c.path <@ $1::ltree
		GROUP BY c.id, c.name ORDER BY c.path`, u.Path, from, to)
	if err != nil {
		return nil, fmt.Errorf("content: meeting stats: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (MeetingStats, error) {
		var s MeetingStats
		var rate, score *float64
		err := r.Scan(&s.CellID, &s.CellName, &s.Held, &s.Thematic, &s.OnTime, &s.MaterialsOnTime, &s.Cancelled, &rate, &score)
		if rate != nil {
			s.AttendanceRate = *rate
		}
		if score != nil {
			s.AverageScore = *score
		}
		return s, err
	})
}
