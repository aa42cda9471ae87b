package content

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"sotay/db"
	"sotay/sync/feed"
)

// What members do about a meeting, from their phones (sync mutations,
// offline first): say whether they will come, comment, vote. And what the
// secretary records: attendance, the questions put to the vote.

func init() {
	mutations["meeting.rsvp"] = mutMeetingRSVP
	mutations["meeting.comment"] = mutMeetingComment
	mutations["meeting.vote"] = mutMeetingVote
	mutations["task.done"] = mutTaskDone
}

// mutTaskDone: {task_id, done}: the assignee marks a task from a meeting
// done (or not yet).
func mutTaskDone(ctx context.Context, tx pgx.Tx, a *Actor, args json.RawMessage) error {
	var in struct {
		TaskID int64 `json:"task_id"`
		Done   *bool `json:"done"`
	}
	if err := decodeArgs(args, &in); err != nil {
		return err
	}
	if in.Done == nil {
		return db.Invalid("done", "missing_done", "Cần cho biết đã hoàn thành hay chưa.")
	}
	var t Task
	err := tx.QueryRow(ctx, `UPDATE meeting_tasks SET done_at = CASE WHEN $3 THEN coalesce(done_at, now()) END
		WHERE id = $1 AND assignee_id = $2 RETURNING id, meeting_id, assignee_id, title, due_on, done_at`, in.TaskID, a.MemberID, *in.Done).
		Scan(&t.ID, &t.MeetingID, &t.AssigneeID, &t.Title, &t.DueOn, &t.DoneAt)
	if err == pgx.ErrNoRows {
		return db.NotFound("not_found", "Không có nhiệm vụ này của đồng chí.")
	}
	if err != nil {
		return err
	}
	return putFeed(ctx, tx, feed.Member(a.MemberID), entity("task", t.ID), t)
}

// memberMeeting returns a meeting of the acting member's cell.
func memberMeeting(ctx context.Context, q db.Querier, a *Actor, id int64) (Meeting, error) {
	if a.MemberID == 0 || a.CellID == 0 {
		return Meeting{}, db.Forbidden("not_a_member", "Chỉ đảng viên đang sinh hoạt mới thực hiện được thao tác này.")
	}
	m, err := meetingLoad(ctx, q, id, false)
	if err != nil || !a.mayReadMeeting(m) || m.CellID != a.CellID || m.AnnouncedAt == nil {
		return Meeting{}, errMeetingNotFound
	}
	return m, nil
}

// RSVP is a member's answer: coming, or not and why. It is in the member's
// feed (rsvp:<meeting>) and, with everyone's, in the cell officers' record.
type RSVP struct {
	MeetingID int64     `json:"meeting_id"`
	MemberID  int64     `json:"member_id"`
	Attend    bool      `json:"attend"`
	Reason    string    `json:"reason"`
	At        time.Time `json:"at"`
}

// mutMeetingRSVP: {meeting_id, attend, reason?, at?}. Allowed until the
// meeting starts — by the phone's clock when it says when the member
// answered (offline), never later than now; the last answer counts.
func mutMeetingRSVP(ctx context.Context, tx pgx.Tx, a *Actor, args json.RawMessage) error {
	var in struct {
		MeetingID int64      `json:"meeting_id"`
		Attend    *bool      `json:"attend"`
		Reason    string     `json:"reason"`
		At        *time.Time `json:"at"`
	}
	if err := decodeArgs(args, &in); err != nil {
		return err
	}
	if in.Attend == nil {
		return db.Invalid("attend", "missing_attend", "Cần cho biết có dự hay không.")
	}
	in.Reason = strings.TrimSpace(nfc(in.Reason))
	if !*in.Attend && in.Reason == "" {
		return db.Invalid("reason", "reason_required", "Vắng mặt cần nêu lý do.")
	}
	if len([]rune(in.Reason)) > 1000 {
		return db.Invalid("reason", "reason_too_long", "Lý do dài quá 1.000 ký tự.")
	}
	m, err := memberMeeting(ctx, tx, a, in.MeetingID)
	if err != nil {
		return err
	}
	// The phone's time of the answer counts (it may have waited offline),
	// but never before the meeting was announced nor after now; the answer
	// must be from before the start, and the meeting not over.
	at := time.Now()
	if in.At != nil && in.At.Before(at) {
		at = *in.At
		if at.Before(*m.AnnouncedAt) {
			at = *m.AnnouncedAt
		}
	}
	open := m.Status == MeetingAnnounced || m.Status == MeetingInProgress
	if !open || !at.Before(m.StartsAt) {
		return db.Conflict("rsvp_closed", "Đã quá thời gian đăng ký dự buổi sinh hoạt.")
	}
	r := RSVP{MeetingID: m.ID, MemberID: a.MemberID, Attend: *in.Attend, Reason: in.Reason, At: at.UTC().Truncate(time.Microsecond)}
	tag, err := tx.Exec(ctx, `INSERT INTO meeting_rsvps (meeting_id, member_id, attend, reason, at) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (meeting_id, member_id) DO UPDATE SET attend = EXCLUDED.attend, reason = EXCLUDED.reason, at = EXCLUDED.at
		WHERE meeting_rsvps.at <= EXCLUDED.at`, r.MeetingID, r.MemberID, r.Attend, r.Reason, r.At)
	if err != nil || tag.RowsAffected() == 0 {
		return err // an older answer arriving late changes nothing
	}
	own, err := feed.Put(feed.Member(a.MemberID), entity("rsvp", m.ID), r)
	if err != nil {
		return err
	}
	rec, err := meetingRecordChange(ctx, tx, m)
	if err != nil {
		return err
	}
	_, err = feed.Write(ctx, tx, []feed.Change{own, rec}) // one write: feeds locked in one order
	return err
}

// MeetingComment is a member's comment on a meeting or one of its agenda
// items: in the cell officers' feed and the author's own.
type MeetingComment struct {
	ID           int64     `json:"id"`
	MeetingID    int64     `json:"meeting_id"`
	AgendaItemID *int64    `json:"agenda_item_id"`
	MemberID     int64     `json:"member_id"`
	MemberName   string    `json:"member_name"`
	Body         string    `json:"body"`
	CreatedAt    time.Time `json:"created_at"`
}

// mutMeetingComment: {meeting_id, agenda_item_id?, text}, before and during
// the meeting.
func mutMeetingComment(ctx context.Context, tx pgx.Tx, a *Actor, args json.RawMessage) error {
	var in struct {
		MeetingID    int64  `json:"meeting_id"`
		AgendaItemID *int64 `json:"agenda_item_id"`
		Text         string `json:"text"`
	}
	if err := decodeArgs(args, &in); err != nil {
		return err
	}
	in.Text = strings.TrimSpace(nfc(in.Text))
	if in.Text == "" || len([]rune(in.Text)) > 5000 {
		return db.Invalid("text", "invalid_text", "Ý kiến phải có từ 1 đến 5.000 ký tự.")
	}
	m, err := memberMeeting(ctx, tx, a, in.MeetingID)
	if err != nil {
		return err
	}
	if m.Status != MeetingAnnounced && m.Status != MeetingInProgress {
		return db.Conflict("comments_closed", "Chỉ góp ý được trước và trong buổi sinh hoạt.")
	}
	if in.AgendaItemID != nil {
		found := false
		for _, it := range m.Agenda {
			found = found || it.ID == *in.AgendaItemID
		}
		if !found {
			return db.Invalid("agenda_item_id", "unknown_agenda_item", "Nội dung này không có trong chương trình buổi sinh hoạt.")
		}
	}
	c := MeetingComment{MeetingID: m.ID, AgendaItemID: in.AgendaItemID, MemberID: a.MemberID, Body: in.Text}
	err = tx.QueryRow(ctx, `INSERT INTO meeting_comments (meeting_id, agenda_item_id, member_id, body) VALUES ($1, $2, $3, $4)
		RETURNING id, created_at, (SELECT full_name FROM members WHERE id = $3)`, c.MeetingID, c.AgendaItemID, c.MemberID, c.Body).
		Scan(&c.ID, &c.CreatedAt, &c.MemberName)
	if err != nil {
		return db.Translate(err, "ý kiến")
	}
	ent := entity("meeting_comment", c.ID)
	var changes []feed.Change
	for _, f := range []string{feed.Officers(m.CellID), feed.Member(a.MemberID)} {
		ch, err := feed.Put(f, ent, c)
		if err != nil {
			return err
		}
		changes = append(changes, ch)
	}
	_, err = feed.Write(ctx, tx, changes)
	return err
}

// Question is a matter put to the vote; its counts appear once closed.
type Question struct {
	ID       int64  `json:"id"`
	Text     string `json:"text"`
	Secret   bool   `json:"secret"`
	Status   string `json:"status"` // open, closed
	Eligible int    `json:"eligible"`
	For      *int   `json:"for"`     // tán thành
	Against  *int   `json:"against"` // không tán thành
	Other    *int   `json:"other"`   // ý kiến khác
}

func questionsOf(ctx context.Context, q db.Querier, meeting int64) ([]Question, error) {
	rows, err := q.Query(ctx, `SELECT id, text, secret, status, eligible, for_count, against_count, other_count
		FROM meeting_questions WHERE meeting_id = $1 ORDER BY id`, meeting)
	if err != nil {
		return nil, fmt.Errorf("content: questions of meeting %d: %w", meeting, err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (Question, error) {
		var x Question
		return x, r.Scan(&x.ID, &x.Text, &x.Secret, &x.Status, &x.Eligible, &x.For, &x.Against, &x.Other)
	})
}

// OpenQuestion puts a question to the vote of the cell's full members
// (probationary members do not vote) during the meeting.
func OpenQuestion(ctx context.Context, q db.Querier, a *Actor, meetingID int64, text string, secret bool) (Meeting, error) {
	m, err := meetingForEdit(ctx, q, a, meetingID)
	if err != nil {
		return Meeting{}, err
	}
	if m.Status != MeetingInProgress {
		return Meeting{}, db.Conflict("meeting_not_in_progress", "Chỉ biểu quyết trong lúc buổi sinh hoạt đang diễn ra.")
	}
	text = strings.TrimSpace(nfc(text))
	if text == "" || len([]rune(text)) > 1000 {
		return Meeting{}, db.Invalid("text", "invalid_text", "Nội dung biểu quyết phải có từ 1 đến 1.000 ký tự.")
	}
	// Who may vote is fixed now: the cell's full members (probationary
	// members do not vote), or for a committee meeting its officers.
	voters := `SELECT id FROM members WHERE cell_id = $2 AND state = 'active' AND status = 'full'`
	if m.Kind == MeetingCommittee {
		voters = `SELECT DISTINCT m.id FROM positions p JOIN members m ON m.id = p.member_id
			WHERE p.unit_id = $2 AND p.ended_on IS NULL AND m.state = 'active' AND m.status = 'full'`
	}
	var qid int64
	if err := q.QueryRow(ctx, `INSERT INTO meeting_questions (meeting_id, text, secret, eligible) VALUES ($1, $2, $3, 0) RETURNING id`,
		m.ID, text, secret).Scan(&qid); err != nil {
		return Meeting{}, db.Translate(err, "biểu quyết")
	}
	if _, err := q.Exec(ctx, `WITH v AS (INSERT INTO meeting_voters (question_id, member_id) SELECT $1, id FROM (`+voters+`) e RETURNING 1)
		UPDATE meeting_questions SET eligible = (SELECT count(*) FROM v) WHERE id = $1`, qid, m.CellID); err != nil {
		return Meeting{}, db.Translate(err, "biểu quyết")
	}
	return meetingChanged(ctx, q, a, m.ID, "meeting.question_open", map[string]any{"text": text, "secret": secret})
}

// CloseQuestion closes a question and counts its ballots.
func CloseQuestion(ctx context.Context, q db.Querier, a *Actor, meetingID, questionID int64) (Meeting, error) {
	m, err := meetingForEdit(ctx, q, a, meetingID)
	if err != nil {
		return Meeting{}, err
	}
	var status string
	if err := q.QueryRow(ctx, `SELECT status FROM meeting_questions WHERE id = $1 AND meeting_id = $2 FOR UPDATE`, questionID, m.ID).Scan(&status); err != nil {
		if err == pgx.ErrNoRows {
			return Meeting{}, db.NotFound("not_found", "Không có nội dung biểu quyết này.")
		}
		return Meeting{}, err
	}
	if status != "open" {
		return Meeting{}, db.Conflict("question_closed", "Biểu quyết đã kết thúc.")
	}
	if err := countQuestion(ctx, q, questionID); err != nil {
		return Meeting{}, err
	}
	return meetingChanged(ctx, q, a, m.ID, "meeting.question_close", map[string]any{"question_id": questionID})
}

// countQuestion closes a question and counts it. The question's row is
// locked first, so a vote still in flight commits before the count and is
// in it.
func countQuestion(ctx context.Context, q db.Querier, id int64) error {
	var secret bool
	if err := q.QueryRow(ctx, `SELECT secret FROM meeting_questions WHERE id = $1 FOR UPDATE`, id).Scan(&secret); err != nil {
		return fmt.Errorf("content: count question %d: %w", id, err)
	}
	if secret {
		_, err := q.Exec(ctx, `UPDATE meeting_questions SET status = 'closed', closed_at = now(),
			for_count = secret_for, against_count = secret_against, other_count = secret_other WHERE id = $1`, id)
		return err
	}
	_, err := q.Exec(ctx, `UPDATE meeting_questions SET status = 'closed', closed_at = now(),
		for_count = (SELECT count(*) FROM meeting_ballots WHERE question_id = $1 AND choice = 'for'),
		against_count = (SELECT count(*) FROM meeting_ballots WHERE question_id = $1 AND choice = 'against'),
		other_count = (SELECT count(*) FROM meeting_ballots WHERE question_id = $1 AND choice = 'other')
		WHERE id = $1`, id)
	return err
}

// Ballot is what a member's own feed says of their vote: the choice on an
// open question; on a secret one only that they voted.
type Ballot struct {
	QuestionID int64  `json:"question_id"`
	MeetingID  int64  `json:"meeting_id"`
	Choice     string `json:"choice,omitempty"`
	Voted      bool   `json:"voted"`
}

var choices = map[string]bool{"for": true, "against": true, "other": true}

// mutMeetingVote: {question_id, choice: for|against|other}. One ballot per
// member listed when the question opened, while it is open; a ballot is
// final.
func mutMeetingVote(ctx context.Context, tx pgx.Tx, a *Actor, args json.RawMessage) error {
	var in struct {
		QuestionID int64  `json:"question_id"`
		Choice     string `json:"choice"`
	}
	if err := decodeArgs(args, &in); err != nil {
		return err
	}
	if !choices[in.Choice] {
		return db.Invalid("choice", "invalid_choice", "Chọn tán thành (for), không tán thành (against) hoặc ý kiến khác (other).")
	}
	var meetingID int64
	var status string
	var secret bool
	err := tx.QueryRow(ctx, `SELECT meeting_id, status, secret FROM meeting_questions WHERE id = $1 FOR UPDATE`, in.QuestionID).
		Scan(&meetingID, &status, &secret)
	if err == pgx.ErrNoRows {
		return db.NotFound("not_found", "Không có nội dung biểu quyết này.")
	}
	if err != nil {
		return err
	}
	m, err := memberMeeting(ctx, tx, a, meetingID)
	if err != nil {
		return err
	}
	if status != "open" {
		return db.Conflict("voting_closed", "Biểu quyết đã kết thúc.")
	}
	tag, err := tx.Exec(ctx, `UPDATE meeting_voters SET voted = true WHERE question_id = $1 AND member_id = $2 AND NOT voted`, in.QuestionID, a.MemberID)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		var listed bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM meeting_voters WHERE question_id = $1 AND member_id = $2)`,
			in.QuestionID, a.MemberID).Scan(&listed); err != nil {
			return err
		}
		if listed {
			return db.Conflict("already_voted", "Đồng chí đã biểu quyết nội dung này; phiếu không sửa được.")
		}
		return db.Forbidden("not_eligible", "Đồng chí không có quyền biểu quyết nội dung này (đảng viên dự bị không biểu quyết; danh sách biểu quyết chốt khi mở biểu quyết).")
	}
	if secret {
		// No ballot is kept: only the count moves.
		if _, err := tx.Exec(ctx, `UPDATE meeting_questions SET secret_for = secret_for + (CASE WHEN $2 = 'for' THEN 1 ELSE 0 END),
			secret_against = secret_against + (CASE WHEN $2 = 'against' THEN 1 ELSE 0 END),
			secret_other = secret_other + (CASE WHEN $2 = 'other' THEN 1 ELSE 0 END) WHERE id = $1`, in.QuestionID, in.Choice); err != nil {
			return err
		}
	} else if _, err := tx.Exec(ctx, `INSERT INTO meeting_ballots (question_id, member_id, choice) VALUES ($1, $2, $3)`,
		in.QuestionID, a.MemberID, in.Choice); err != nil {
		return err
	}
	b := Ballot{QuestionID: in.QuestionID, MeetingID: m.ID, Voted: true}
	if !secret {
		b.Choice = in.Choice
	}
	return putFeed(ctx, tx, feed.Member(a.MemberID), entity("ballot", in.QuestionID), b)
}

// Attendance is one member's presence at a meeting.
type Attendance struct {
	MemberID int64  `json:"member_id"`
	Status   string `json:"status"` // present, excused, unexcused, exempt
	Note     string `json:"note"`
}

var attendanceStatuses = map[string]bool{"present": true, "excused": true, "unexcused": true, "exempt": true}

// SetAttendance records who was there (during the meeting or after it),
// for members of the cell; it replaces the entries it names.
func SetAttendance(ctx context.Context, q db.Querier, a *Actor, meetingID int64, list []Attendance) (Meeting, error) {
	m, err := meetingForEdit(ctx, q, a, meetingID)
	if err != nil {
		return Meeting{}, err
	}
	if m.Status != MeetingInProgress && m.Status != MeetingClosed {
		return Meeting{}, db.Conflict("wrong_status", "Điểm danh trong hoặc ngay sau buổi sinh hoạt, trước khi thông qua biên bản.")
	}
	for _, e := range list {
		if !attendanceStatuses[e.Status] {
			return Meeting{}, db.Invalid("status", "invalid_status", "Tình trạng dự họp phải là có mặt, vắng có lý do, vắng không lý do hoặc miễn sinh hoạt.")
		}
		var ok bool
		if err := q.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM members WHERE id = $1 AND cell_id = $2 AND state = 'active')`, e.MemberID, m.CellID).Scan(&ok); err != nil {
			return Meeting{}, err
		}
		if !ok {
			return Meeting{}, db.Invalid("member_id", "not_in_cell", "Đảng viên không thuộc chi bộ này.")
		}
		if _, err := q.Exec(ctx, `INSERT INTO meeting_attendance (meeting_id, member_id, status, note) VALUES ($1, $2, $3, $4)
			ON CONFLICT (meeting_id, member_id) DO UPDATE SET status = EXCLUDED.status, note = EXCLUDED.note`,
			m.ID, e.MemberID, e.Status, strings.TrimSpace(nfc(e.Note))); err != nil {
			return Meeting{}, db.Translate(err, "điểm danh")
		}
	}
	if err := meetingRecordChanged(ctx, q, m); err != nil {
		return Meeting{}, err
	}
	return meetingChanged(ctx, q, a, m.ID, "meeting.attendance", map[string]any{"entries": len(list)})
}

// MeetingRecord is what the cell's officers follow of a meeting: every
// answer and who attended (officers:<cell>, entity meeting_record:<id>).
type MeetingRecord struct {
	MeetingID  int64        `json:"meeting_id"`
	Members    int          `json:"members"` // active members of the cell
	RSVPs      []RSVP       `json:"rsvps"`
	Attendance []Attendance `json:"attendance"`
}

func meetingRecord(ctx context.Context, q db.Querier, m Meeting) (MeetingRecord, error) {
	r := MeetingRecord{MeetingID: m.ID, RSVPs: []RSVP{}, Attendance: []Attendance{}}
	if err := q.QueryRow(ctx, `SELECT count(*) FROM members WHERE cell_id = $1 AND state = 'active'`, m.CellID).Scan(&r.Members); err != nil {
		return r, err
	}
	rows, err := q.Query(ctx, `SELECT meeting_id, member_id, attend, reason, at FROM meeting_rsvps WHERE meeting_id = $1 ORDER BY member_id`, m.ID)
	if err != nil {
		return r, err
	}
	if r.RSVPs, err = pgx.CollectRows(rows, pgx.RowToStructByPos[RSVP]); err != nil {
		return r, err
	}
	rows, err = q.Query(ctx, `SELECT member_id, status, note FROM meeting_attendance WHERE meeting_id = $1 ORDER BY member_id`, m.ID)
	if err != nil {
		return r, err
	}
	r.Attendance, err = pgx.CollectRows(rows, pgx.RowToStructByPos[Attendance])
	return r, err
}

func meetingRecordChange(ctx context.Context, q db.Querier, m Meeting) (feed.Change, error) {
	r, err := meetingRecord(ctx, q, m)
	if err != nil {
		return feed.Change{}, fmt.Errorf("content: record of meeting %d: %w", m.ID, err)
	}
	return feed.Put(feed.Officers(m.CellID), entity("meeting_record", m.ID), r)
}

func meetingRecordChanged(ctx context.Context, q db.Querier, m Meeting) error {
	c, err := meetingRecordChange(ctx, q, m)
	if err != nil {
		return err
	}
	_, err = feed.Write(ctx, q, []feed.Change{c})
	return err
}
