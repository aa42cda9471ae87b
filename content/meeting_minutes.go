package content

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"sotay/db"
	"sotay/sync/feed"
)

// Minutes are the meeting's record (biên bản): time and place come from
// the meeting, attendance is counted from what was recorded.
type Minutes struct {
	Chair            string     `json:"chair"`
	Taker            string     `json:"taker"` // thư ký
	Present          int        `json:"present"`
	Total            int        `json:"total"` // members of the cell, less those exempt
	Proceedings      string     `json:"proceedings"`
	Conclusions      string     `json:"conclusions"`
	ResolutionNumber string     `json:"resolution_number,omitempty"` // "5-NQ/CB"
	Score            *int       `json:"score"`                       // out of 100
	Grade            string     `json:"grade,omitempty"`
	AdoptedAt        *time.Time `json:"adopted_at"`
}

// MinutesInput is what the secretary writes.
type MinutesInput struct {
	Chair            string `json:"chair"`
	Taker            string `json:"taker"`
	Proceedings      string `json:"proceedings"`
	Conclusions      string `json:"conclusions"`
	ResolutionNumber string `json:"resolution_number"`
	Score            *int   `json:"score"`
}

// Grade is the meeting's quality from its score: Tốt (90+), Khá (70+),
// Trung bình (50+), Kém.
func Grade(score int) string {
	switch {
	case score >= 90:
		return "Tốt"
	case score >= 70:
		return "Khá"
	case score >= 50:
		return "Trung bình"
	default:
		return "Kém"
	}
}

var resolutionNumber = regexp.MustCompile(`^[0-9]{1,4}-NQ/CB$`)

func minutesOf(ctx context.Context, q db.Querier, id int64) (Minutes, error) {
	var m Minutes
	var cell int64
	err := q.QueryRow(ctx, `SELECT coalesce(n.chair, ''), coalesce(n.taker, ''), coalesce(n.proceedings, ''), coalesce(n.conclusions, ''),
		coalesce(n.resolution_number, ''), n.score, n.adopted_at, mt.cell_id,
		(SELECT count(*) FROM meeting_attendance WHERE meeting_id = mt.id AND status = 'present'),
		(SELECT count(*) FROM meeting_attendance WHERE meeting_id = mt.id AND status = 'exempt')
		FROM meetings mt LEFT JOIN meeting_minutes n ON n.meeting_id = mt.id WHERE mt.id = $1`, id).
		Scan(&m.Chair, &m.Taker, &m.Proceedings, &m.Conclusions, &m.ResolutionNumber, &m.Score, &m.AdoptedAt, &cell, &m.Present, &m.Total)
	if err != nil {
		return m, fmt.Errorf("content: minutes of meeting %d: %w", id, err)
	}
	exempt := m.Total
	if err := q.QueryRow(ctx, `SELECT coalesce((SELECT members_at_close FROM meetings WHERE id = $2),
		(SELECT count(*) FROM members WHERE cell_id = $1 AND state = 'active'))`, cell, id).Scan(&m.Total); err != nil {
		return m, err
	}
	m.Total -= exempt
	if m.Score != nil {
		m.Grade = Grade(*m.Score)
	}
	return m, nil
}

// GetMinutes returns the minutes as they stand (officers and staff: members
// get them in the meeting once adopted).
func GetMinutes(ctx context.Context, q db.Querier, a *Actor, id int64) (Minutes, error) {
	m, err := meetingForRead(ctx, q, a, id)
	if err != nil {
		return Minutes{}, err
	}
	if a != nil && !a.Can(RoleViewer, m.cellPath) && !a.MayRead(m.cellPath, true) && m.Status != MeetingAdopted {
		return Minutes{}, db.Forbidden("forbidden", "Biên bản chỉ công bố cho đảng viên khi đã được thông qua.")
	}
	return minutesOf(ctx, q, id)
}

// SetMinutes writes the minutes of a closed meeting (before adoption).
func SetMinutes(ctx context.Context, q db.Querier, a *Actor, id int64, in MinutesInput) (Minutes, error) {
	m, err := meetingForEdit(ctx, q, a, id)
	if err != nil {
		return Minutes{}, err
	}
	if m.Status != MeetingClosed {
		return Minutes{}, db.Conflict("wrong_status", "Biên bản được ghi sau khi kết thúc buổi sinh hoạt và trước khi thông qua.")
	}
	in.Chair, in.Taker = oneLine(nfc(in.Chair)), oneLine(nfc(in.Taker))
	in.Proceedings, in.Conclusions = strings.TrimSpace(nfc(in.Proceedings)), strings.TrimSpace(nfc(in.Conclusions))
	in.ResolutionNumber = strings.ToUpper(strings.ReplaceAll(in.ResolutionNumber, " ", ""))
	switch {
	case len([]rune(in.Chair)) > 200 || len([]rune(in.Taker)) > 200:
		return Minutes{}, db.Invalid("chair", "name_too_long", "Tên chủ trì, thư ký tối đa 200 ký tự.")
	case len(in.Proceedings) > 100000 || len(in.Conclusions) > 50000:
		return Minutes{}, db.Invalid("proceedings", "too_long", "Diễn biến tối đa 100.000 ký tự, kết luận tối đa 50.000 ký tự.")
	case in.ResolutionNumber != "" && !resolutionNumber.MatchString(in.ResolutionNumber):
		return Minutes{}, db.Invalid("resolution_number", "invalid_number", "Số nghị quyết chi bộ có dạng 5-NQ/CB.")
	case in.Score != nil && (*in.Score < 0 || *in.Score > 100):
		return Minutes{}, db.Invalid("score", "invalid_score", "Điểm chất lượng buổi sinh hoạt từ 0 đến 100.")
	}
	_, err = q.Exec(ctx, `INSERT INTO meeting_minutes (meeting_id, chair, taker, proceedings, conclusions, resolution_number, score)
		VALUES ($1, $2, $3, $4, $5, nullif($6, ''), $7)
		ON CONFLICT (meeting_id) DO UPDATE SET chair = EXCLUDED.chair, taker = EXCLUDED.taker, proceedings = EXCLUDED.proceedings,
		    conclusions = EXCLUDED.conclusions, resolution_number = EXCLUDED.resolution_number, score = EXCLUDED.score`,
		id, in.Chair, in.Taker, in.Proceedings, in.Conclusions, in.ResolutionNumber, in.Score)
	if err != nil {
		return Minutes{}, db.Translate(err, "biên bản")
	}
	if err := Audit(ctx, q, a, "meeting.minutes", "meeting", fmt.Sprint(id), nil); err != nil {
		return Minutes{}, err
	}
	return minutesOf(ctx, q, id)
}

// AdoptMinutes records that the meeting adopted its minutes: they need a
// chair, a minutes-taker, conclusions and a score; the meeting and its
// minutes then reach every member.
func AdoptMinutes(ctx context.Context, q db.Querier, a *Actor, id int64) (Meeting, error) {
	m, err := meetingForEdit(ctx, q, a, id)
	if err != nil {
		return Meeting{}, err
	}
	if m.Status != MeetingClosed {
		return Meeting{}, db.Conflict("wrong_status", "Chỉ thông qua biên bản của buổi sinh hoạt đã kết thúc.")
	}
	mins, err := minutesOf(ctx, q, id)
	if err != nil {
		return Meeting{}, err
	}
	if mins.Chair == "" || mins.Taker == "" || mins.Conclusions == "" || mins.Score == nil {
		return Meeting{}, db.Invalid("minutes", "minutes_incomplete", "Biên bản cần người chủ trì, thư ký, kết luận và điểm chất lượng trước khi thông qua.")
	}
	if _, err := q.Exec(ctx, `UPDATE meeting_minutes SET adopted_at = now() WHERE meeting_id = $1`, id); err != nil {
		return Meeting{}, err
	}
	if _, err := q.Exec(ctx, `UPDATE meetings SET status = 'adopted', updated_at = now() WHERE id = $1`, id); err != nil {
		return Meeting{}, err
	}
	return meetingChanged(ctx, q, a, id, "meeting.adopt", map[string]any{"resolution_number": mins.ResolutionNumber})
}

// Task is work the meeting gave a member; the assignee sees it in their
// feed (task:<id>).
type Task struct {
	ID         int64      `json:"id"`
	MeetingID  int64      `json:"meeting_id"`
	AssigneeID int64      `json:"assignee_id"`
	Title      string     `json:"title"`
	DueOn      *Date      `json:"due_on"`
	DoneAt     *time.Time `json:"done_at"`
}

// AddTask gives a member of the cell a task from the meeting.
func AddTask(ctx context.Context, q db.Querier, a *Actor, meetingID, assignee int64, title string, due *Date) (Task, error) {
	m, err := meetingForEdit(ctx, q, a, meetingID)
	if err != nil {
		return Task{}, err
	}
	if m.Status != MeetingInProgress && m.Status != MeetingClosed && m.Status != MeetingAdopted {
		return Task{}, db.Conflict("wrong_status", "Phân công nhiệm vụ trong hoặc sau buổi sinh hoạt.")
	}
	title = oneLine(nfc(title))
	if title == "" || len([]rune(title)) > 500 {
		return Task{}, db.Invalid("title", "invalid_title", "Nhiệm vụ phải có từ 1 đến 500 ký tự.")
	}
	var ok bool
	if err := q.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM members WHERE id = $1 AND cell_id = $2 AND state = 'active')`, assignee, m.CellID).Scan(&ok); err != nil {
		return Task{}, err
	}
	if !ok {
		return Task{}, db.Invalid("assignee_id", "not_in_cell", "Người được giao không thuộc chi bộ này.")
	}
	t := Task{MeetingID: m.ID, AssigneeID: assignee, Title: title, DueOn: due}
	if err := q.QueryRow(ctx, `INSERT INTO meeting_tasks (meeting_id, assignee_id, title, due_on) VALUES ($1, $2, $3, $4) RETURNING id`,
		m.ID, assignee, title, due).Scan(&t.ID); err != nil {
		return Task{}, db.Translate(err, "nhiệm vụ")
	}
	if err := putFeed(ctx, q, feed.Member(assignee), entity("task", t.ID), t); err != nil {
		return Task{}, err
	}
	return t, Audit(ctx, q, a, "meeting.task", "meeting", fmt.Sprint(m.ID), map[string]any{"assignee_id": assignee, "title": title})
}
