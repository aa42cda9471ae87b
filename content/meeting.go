package content

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"sotay/db"
	"sotay/sync/feed"
)

// MeetingKind is what a cell meeting is.
type MeetingKind string

const (
	MeetingRegular       MeetingKind = "regular"       // sinh hoạt định kỳ, monthly
	MeetingThematic      MeetingKind = "thematic"      // sinh hoạt chuyên đề, at least quarterly
	MeetingCommittee     MeetingKind = "committee"     // họp chi ủy
	MeetingExtraordinary MeetingKind = "extraordinary" // sinh hoạt bất thường
)

var meetingKindLabels = map[MeetingKind]string{MeetingRegular: "Sinh hoạt chi bộ định kỳ",
	MeetingThematic: "Sinh hoạt chuyên đề", MeetingCommittee: "Họp chi ủy", MeetingExtraordinary: "Sinh hoạt bất thường"}

// Label is the kind's Vietnamese name.
func (k MeetingKind) Label() string { return meetingKindLabels[k] }

// MeetingStatus is where a meeting is in its life: draft → announced → in
// progress → closed → minutes adopted; a draft or announced meeting may be
// cancelled.
type MeetingStatus string

const (
	MeetingDraft      MeetingStatus = "draft"
	MeetingAnnounced  MeetingStatus = "announced"
	MeetingInProgress MeetingStatus = "in_progress"
	MeetingClosed     MeetingStatus = "closed"
	MeetingAdopted    MeetingStatus = "adopted"
	MeetingCancelled  MeetingStatus = "cancelled"
)

// MaterialsLead is how long before a meeting its materials must be out.
const MaterialsLead = 24 * time.Hour

// Meeting is a cell meeting as its members see it (the cell's feed carries
// it, entity meeting:<id>).
type Meeting struct {
	ID           int64         `json:"id"`
	CellID       int64         `json:"cell_id"`
	Kind         MeetingKind   `json:"kind"`
	Title        string        `json:"title"`
	StartsAt     time.Time     `json:"starts_at"`
	Place        string        `json:"place"`
	Status       MeetingStatus `json:"status"`
	FromRule     bool          `json:"from_rule"`
	AnnouncedAt  *time.Time    `json:"announced_at"`
	LateReason   string        `json:"late_reason,omitempty"` // materials later than a day before, and why
	CancelReason string        `json:"cancel_reason,omitempty"`
	StartedAt    *time.Time    `json:"started_at"`
	ClosedAt     *time.Time    `json:"closed_at"`
	Agenda       []AgendaItem  `json:"agenda"`
	Questions    []Question    `json:"questions"`
	Minutes      *Minutes      `json:"minutes,omitempty"` // once adopted (officers see drafts through the API)
	UpdatedAt    time.Time     `json:"updated_at"`
	cellPath     string
}

// AgendaItem is one point of the agenda, with who presents it and the
// documents to read beforehand.
type AgendaItem struct {
	ID          int64   `json:"id"`
	Title       string  `json:"title"`
	Presenter   string  `json:"presenter"`
	DocumentIDs []int64 `json:"document_ids"`
}

// MeetingInput is what a secretary writes.
type MeetingInput struct {
	Kind     MeetingKind  `json:"kind"`
	Title    string       `json:"title"`
	StartsAt time.Time    `json:"starts_at"`
	Place    string       `json:"place"`
	Agenda   []AgendaItem `json:"agenda"` // replaces the agenda; an item with an existing id keeps it
	// LateReason: on an announced meeting, why materials now come later
	// than a day before (else such a change is refused).
	LateReason string `json:"late_reason,omitempty"`
}

func (in *MeetingInput) normalize() {
	in.Title, in.Place = oneLine(nfc(in.Title)), oneLine(nfc(in.Place))
	in.StartsAt = in.StartsAt.UTC().Truncate(time.Minute)
	for i := range in.Agenda {
		in.Agenda[i].Title, in.Agenda[i].Presenter = oneLine(nfc(in.Agenda[i].Title)), oneLine(nfc(in.Agenda[i].Presenter))
	}
}

func (in *MeetingInput) validate() error {
	if meetingKindLabels[in.Kind] == "" {
		return db.Invalid("kind", "invalid_kind", "Loại buổi sinh hoạt phải là định kỳ, chuyên đề, họp chi ủy hoặc bất thường.")
	}
	if n := len([]rune(in.Title)); n == 0 || n > 300 {
		return db.Invalid("title", "invalid_title", "Tên buổi sinh hoạt phải có từ 1 đến 300 ký tự.")
	}
	if len([]rune(in.Place)) > 300 {
		return db.Invalid("place", "place_too_long", "Địa điểm dài quá 300 ký tự.")
	}
	if in.StartsAt.IsZero() {
		return db.Invalid("starts_at", "missing_time", "Cần thời gian bắt đầu.")
	}
	if len(in.Agenda) > 30 {
		return db.Invalid("agenda", "agenda_too_long", "Chương trình có tối đa 30 nội dung.")
	}
	for _, it := range in.Agenda {
		if n := len([]rune(it.Title)); n == 0 || n > 300 || len([]rune(it.Presenter)) > 200 || len(it.DocumentIDs) > 20 {
			return db.Invalid("agenda", "invalid_agenda_item", "Mỗi nội dung cần tên (tối đa 300 ký tự), người trình bày (tối đa 200) và tối đa 20 tài liệu.")
		}
	}
	return nil
}

const meetingColumns = `m.id, m.cell_id, m.kind, m.title, m.starts_at, m.place, m.status, m.from_rule, m.announced_at,
	coalesce(m.late_reason, ''), coalesce(m.cancel_reason, ''), m.started_at, m.closed_at, m.updated_at, u.path::text`

const meetingFrom = ` FROM meetings m JOIN units u ON u.id = m.cell_id `

func meetingScan(row pgx.Row) (Meeting, error) {
	var m Meeting
	err := row.Scan(&m.ID, &m.CellID, &m.Kind, &m.Title, &m.StartsAt, &m.Place, &m.Status, &m.FromRule, &m.AnnouncedAt,
		&m.LateReason, &m.CancelReason, &m.StartedAt, &m.ClosedAt, &m.UpdatedAt, &m.cellPath)
	return m, err
}

var errMeetingNotFound = db.NotFound("not_found", "Không tìm thấy buổi sinh hoạt.")

// meetingLoad reads a meeting with its agenda and questions; forUpdate
// locks its row.
func meetingLoad(ctx context.Context, q db.Querier, id int64, forUpdate bool) (Meeting, error) {
	lock := ""
	if forUpdate {
		lock = " FOR UPDATE OF m"
	}
	m, err := meetingScan(q.QueryRow(ctx, `SELECT `+meetingColumns+meetingFrom+` WHERE m.id = $1`+lock, id))
	if err == pgx.ErrNoRows {
		return Meeting{}, errMeetingNotFound
	}
	if err != nil {
		return Meeting{}, fmt.Errorf("content: meeting %d: %w", id, err)
	}
	rows, err := q.Query(ctx, `SELECT id, title, presenter, document_ids FROM meeting_agenda WHERE meeting_id = $1 ORDER BY position`, id)
	if err != nil {
		return Meeting{}, fmt.Errorf("content: agenda of meeting %d: %w", id, err)
	}
	m.Agenda, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (AgendaItem, error) {
		var it AgendaItem
		return it, r.Scan(&it.ID, &it.Title, &it.Presenter, &it.DocumentIDs)
	})
	if err != nil {
		return Meeting{}, fmt.Errorf("content: agenda of meeting %d: %w", id, err)
	}
	if m.Questions, err = questionsOf(ctx, q, id); err != nil {
		return Meeting{}, err
	}
	if m.Status == MeetingAdopted {
		mins, err := minutesOf(ctx, q, id)
		if err != nil {
			return Meeting{}, err
		}
		m.Minutes = &mins
	}
	return m, nil
}

// meetingForRead returns the meeting if the actor may see it: a member of
// its cell, or staff who see the cell.
func meetingForRead(ctx context.Context, q db.Querier, a *Actor, id int64) (Meeting, error) {
	m, err := meetingLoad(ctx, q, id, false)
	if err != nil {
		return Meeting{}, err
	}
	if a.mayReadMeeting(m) {
		return m, nil
	}
	return Meeting{}, errMeetingNotFound
}

// mayReadMeeting: staff who see the cell; its officers; its members once
// the meeting is announced (a draft is the secretary's plan, not yet news).
func (a *Actor) mayReadMeeting(m Meeting) bool {
	switch {
	case a == nil || a.Can(RoleViewer, m.cellPath) || a.MayRead(m.cellPath, true):
		return true
	default:
		return a.CellID == m.CellID && m.forMembers()
	}
}

// forMembers: the cell's members see it (announced, and not a meeting of
// the cell's committee, which is its officers' business).
func (m Meeting) forMembers() bool { return m.AnnouncedAt != nil && m.Kind != MeetingCommittee }

// meetingForEdit locks the meeting for a change by an editor of its cell
// (its secretary or deputy, or staff above).
func meetingForEdit(ctx context.Context, q db.Querier, a *Actor, id int64) (Meeting, error) {
	m, err := meetingLoad(ctx, q, id, true)
	if err != nil {
		return Meeting{}, err
	}
	if a == nil || a.Can(RoleEditor, m.cellPath) {
		return m, nil
	}
	if a.CellID == m.CellID || a.Sees(m.cellPath) {
		return Meeting{}, db.Forbidden("forbidden", "Chỉ bí thư, phó bí thư chi bộ hoặc cấp ủy cấp trên mới sửa được buổi sinh hoạt.")
	}
	return Meeting{}, errMeetingNotFound
}

// GetMeeting returns a meeting the actor may see.
func GetMeeting(ctx context.Context, q db.Querier, a *Actor, id int64) (Meeting, error) {
	return meetingForRead(ctx, q, a, id)
}

// ListMeetings returns a cell's meetings from from on (zero: all), oldest first.
func ListMeetings(ctx context.Context, q db.Querier, a *Actor, cellID int64, from time.Time) ([]Meeting, error) {
	if a != nil && a.CellID != cellID {
		if _, err := RequireUnit(ctx, q, a, RoleViewer, cellID); err != nil {
			return nil, err
		}
	}
	rows, err := q.Query(ctx, `SELECT m.id`+meetingFrom+` WHERE m.cell_id = $1 AND m.starts_at >= $2 ORDER BY m.starts_at, m.id`, cellID, from)
	if err != nil {
		return nil, fmt.Errorf("content: meetings of %d: %w", cellID, err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, err
	}
	out := make([]Meeting, 0, len(ids))
	for _, id := range ids {
		m, err := meetingLoad(ctx, q, id, false)
		if err != nil {
			return nil, err
		}
		if a.mayReadMeeting(m) {
			out = append(out, m)
		}
	}
	return out, nil
}

// CreateMeeting adds a meeting to a cell, as a draft.
func CreateMeeting(ctx context.Context, q db.Querier, a *Actor, cellID int64, in MeetingInput) (Meeting, error) {
	in.normalize()
	if err := in.validate(); err != nil {
		return Meeting{}, err
	}
	cell, err := RequireUnit(ctx, q, a, RoleEditor, cellID)
	if err != nil {
		return Meeting{}, err
	}
	if cell.Kind != KindCell {
		return Meeting{}, db.Invalid("cell_id", "not_a_cell", "Buổi sinh hoạt thuộc về một chi bộ.")
	}
	if !in.StartsAt.After(time.Now()) {
		return Meeting{}, db.Invalid("starts_at", "in_the_past", "Thời gian bắt đầu phải ở tương lai.")
	}
	var id int64
	if err := q.QueryRow(ctx, `INSERT INTO meetings (cell_id, kind, title, starts_at, place) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
		cellID, in.Kind, in.Title, in.StartsAt, in.Place).Scan(&id); err != nil {
		return Meeting{}, db.Translate(err, "buổi sinh hoạt")
	}
	for i := range in.Agenda {
		in.Agenda[i].ID = 0 // a new meeting's items are new
	}
	if err := setAgenda(ctx, q, a, id, cell.Path, in.Agenda); err != nil {
		return Meeting{}, err
	}
	return meetingChanged(ctx, q, a, id, "meeting.create", nil)
}

// setAgenda makes the agenda items: an item with the id of one of the
// meeting's items keeps that id (comments on it stay attached, phones'
// queued comments still find it), others are new; items left out go. Every
// document named must be one the cell's members will read — addressed to
// the cell or a unit above it, not to officers only — and, while not yet
// published, one the actor edits.
func setAgenda(ctx context.Context, q db.Querier, a *Actor, meetingID int64, cellPath string, items []AgendaItem) error {
	for _, it := range items {
		for _, id := range it.DocumentIDs {
			d, err := docLoad(ctx, q, id, false)
			if err != nil || d.OfficersOnly || !IsWithin(cellPath, d.AudiencePath) ||
				(d.Status != StatusPublished && a != nil && !a.Can(RoleEditor, d.AudiencePath)) {
				return db.Invalid("agenda", "unknown_document", fmt.Sprintf(
					"Tài liệu số %d không có, hoặc không gửi đến toàn thể đảng viên chi bộ: không đưa vào chương trình được.", id))
			}
		}
	}
	keep := []int64{}
	for _, it := range items {
		if it.ID != 0 {
			keep = append(keep, it.ID)
		}
	}
	if _, err := q.Exec(ctx, `DELETE FROM meeting_agenda WHERE meeting_id = $1 AND id <> ALL($2)`, meetingID, keep); err != nil {
		return fmt.Errorf("content: agenda: %w", err)
	}
	// Positions move out of the way first: (meeting, position) is unique.
	if _, err := q.Exec(ctx, `UPDATE meeting_agenda SET position = -1 - position WHERE meeting_id = $1`, meetingID); err != nil {
		return fmt.Errorf("content: agenda: %w", err)
	}
	for i, it := range items {
		ids := it.DocumentIDs
		if ids == nil {
			ids = []int64{}
		}
		if it.ID != 0 {
			tag, err := q.Exec(ctx, `UPDATE meeting_agenda SET position = $3, title = $4, presenter = $5, document_ids = $6
				WHERE id = $1 AND meeting_id = $2`, it.ID, meetingID, i, it.Title, it.Presenter, ids)
			if err != nil {
				return db.Translate(err, "nội dung chương trình")
			}
			if tag.RowsAffected() == 1 {
				continue
			}
			return db.Invalid("agenda", "unknown_agenda_item", "Nội dung này không có trong chương trình buổi sinh hoạt.")
		}
		if _, err := q.Exec(ctx, `INSERT INTO meeting_agenda (meeting_id, position, title, presenter, document_ids) VALUES ($1, $2, $3, $4, $5)`,
			meetingID, i, it.Title, it.Presenter, ids); err != nil {
			return db.Translate(err, "nội dung chương trình")
		}
	}
	return nil
}

// UpdateMeeting changes a draft or announced meeting. Moving an announced
// meeting tells its members and moves their reminders.
func UpdateMeeting(ctx context.Context, q db.Querier, a *Actor, id int64, in MeetingInput) (Meeting, error) {
	in.normalize()
	if err := in.validate(); err != nil {
		return Meeting{}, err
	}
	old, err := meetingForEdit(ctx, q, a, id)
	if err != nil {
		return Meeting{}, err
	}
	if old.Status != MeetingDraft && old.Status != MeetingAnnounced {
		return Meeting{}, db.Conflict("meeting_not_editable", "Buổi sinh hoạt đã diễn ra hoặc đã hủy, không sửa được lịch.")
	}
	moved := !in.StartsAt.Equal(old.StartsAt) || in.Place != old.Place
	if moved && !in.StartsAt.After(time.Now()) {
		return Meeting{}, db.Invalid("starts_at", "in_the_past", "Thời gian bắt đầu phải ở tương lai.")
	}
	if _, err := q.Exec(ctx, `UPDATE meetings SET kind = $2, title = $3, starts_at = $4, place = $5,
		moves = moves + CASE WHEN $6 THEN 1 ELSE 0 END, updated_at = now() WHERE id = $1`,
		id, in.Kind, in.Title, in.StartsAt, in.Place, moved && old.Status == MeetingAnnounced); err != nil {
		return Meeting{}, db.Translate(err, "buổi sinh hoạt")
	}
	if err := setAgenda(ctx, q, a, id, old.cellPath, in.Agenda); err != nil {
		return Meeting{}, err
	}
	if old.Status == MeetingAnnounced {
		// The materials rule holds for an announced meeting's new agenda
		// or time as it did when it was announced.
		now, err := meetingLoad(ctx, q, id, false)
		if err != nil {
			return Meeting{}, err
		}
		if err := checkMaterials(ctx, q, id, now, in.LateReason); err != nil {
			return Meeting{}, err
		}
	}
	action := "meeting.update"
	if old.AnnouncedAt != nil && (old.Kind == MeetingCommittee) != (in.Kind == MeetingCommittee) {
		action = "meeting.rekind" // from the officers' feed to the cell's, or back
	}
	m, err := meetingChanged(ctx, q, a, id, action, map[string]any{"moved": moved})
	if err != nil {
		return Meeting{}, err
	}
	if moved && old.Status == MeetingAnnounced {
		if err := meetingMovedPush(ctx, q, m); err != nil {
			return Meeting{}, err
		}
	}
	return m, nil
}

// AnnounceMeeting announces a draft to its cell: members get it, with a
// push, and reminders are scheduled. Its materials (the agenda's documents)
// must be out a day before it starts; when they are not, it is announced
// only with a reason (lateReason), which is recorded.
func AnnounceMeeting(ctx context.Context, q db.Querier, a *Actor, id int64, lateReason string) (Meeting, error) {
	m, err := meetingForEdit(ctx, q, a, id)
	if err != nil {
		return Meeting{}, err
	}
	if m.Status != MeetingDraft {
		return Meeting{}, db.Conflict("meeting_not_draft", "Chỉ thông báo được buổi sinh hoạt còn ở dạng dự kiến.")
	}
	if !m.StartsAt.After(time.Now()) {
		return Meeting{}, db.Conflict("meeting_past", "Buổi sinh hoạt đã qua thời gian bắt đầu.")
	}
	if _, err := q.Exec(ctx, `UPDATE meetings SET status = 'announced', announced_at = now(), updated_at = now() WHERE id = $1`, id); err != nil {
		return Meeting{}, err
	}
	if err := checkMaterials(ctx, q, id, m, lateReason); err != nil {
		return Meeting{}, err
	}
	m, err = meetingChanged(ctx, q, a, id, "meeting.announce", map[string]any{"late_reason": strings.TrimSpace(lateReason)})
	if err != nil {
		return Meeting{}, err
	}
	return m, meetingAnnouncedPush(ctx, q, m)
}

// checkMaterials applies the materials rule to meeting id as m describes
// it: materials out a day before, or a reason, which is recorded (and a
// later change that puts the materials in time clears it).
func checkMaterials(ctx context.Context, q db.Querier, id int64, m Meeting, lateReason string) error {
	late, err := materialsLate(ctx, q, m)
	if err != nil {
		return err
	}
	lateReason = strings.TrimSpace(nfc(lateReason))
	if len(late) > 0 && lateReason == "" {
		var kept string
		if err := q.QueryRow(ctx, `SELECT coalesce(late_reason, '') FROM meetings WHERE id = $1`, id).Scan(&kept); err != nil {
			return err
		}
		if kept == "" {
			return db.Invalid("late_reason", "materials_late", fmt.Sprintf(
				"Tài liệu phải ban hành trước buổi sinh hoạt ít nhất một ngày; chưa đạt: %s. Ban hành sớm hơn, dời buổi sinh hoạt, hoặc ghi rõ lý do để vẫn thông báo.",
				strings.Join(late, "; ")))
		}
		lateReason = kept
	}
	if len(late) == 0 {
		lateReason = ""
	}
	if len([]rune(lateReason)) > 1000 {
		return db.Invalid("late_reason", "reason_too_long", "Lý do dài quá 1.000 ký tự.")
	}
	_, err = q.Exec(ctx, `UPDATE meetings SET late_reason = nullif($2, '') WHERE id = $1`, id, lateReason)
	return err
}

// materialsLate lists the agenda documents not out a day before the
// meeting (not published, or published later than that).
func materialsLate(ctx context.Context, q db.Querier, m Meeting) ([]string, error) {
	var ids []int64
	for _, it := range m.Agenda {
		ids = append(ids, it.DocumentIDs...)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := q.Query(ctx, `SELECT i, d.title, d.status = 'published' AND d.published_at <= $2
		FROM unnest($1::bigint[]) i LEFT JOIN documents d ON d.id = i ORDER BY i`, ids, m.StartsAt.Add(-MaterialsLead))
	if err != nil {
		return nil, fmt.Errorf("content: meeting materials: %w", err)
	}
	var late []string
	var id int64
	var title *string
	var ok *bool
	_, err = pgx.ForEachRow(rows, []any{&id, &title, &ok}, func() error {
		if title == nil {
			late = append(late, "tài liệu số "+strconv.FormatInt(id, 10)+" không tồn tại")
		} else if ok == nil || !*ok {
			late = append(late, "“"+*title+"”")
		}
		return nil
	})
	return late, err
}

// CancelMeeting cancels a draft or announced meeting; members of an
// announced one are told, and its reminders never go.
func CancelMeeting(ctx context.Context, q db.Querier, a *Actor, id int64, reason string) (Meeting, error) {
	m, err := meetingForEdit(ctx, q, a, id)
	if err != nil {
		return Meeting{}, err
	}
	if m.Status != MeetingDraft && m.Status != MeetingAnnounced {
		return Meeting{}, db.Conflict("meeting_not_cancellable", "Chỉ hủy được buổi sinh hoạt chưa diễn ra.")
	}
	reason = strings.TrimSpace(nfc(reason))
	if reason == "" || len([]rune(reason)) > 1000 {
		return Meeting{}, db.Invalid("reason", "reason_required", "Cần ghi lý do hủy (tối đa 1.000 ký tự).")
	}
	if _, err := q.Exec(ctx, `UPDATE meetings SET status = 'cancelled', cancel_reason = $2, updated_at = now() WHERE id = $1`, id, reason); err != nil {
		return Meeting{}, err
	}
	was := m.Status
	m, err = meetingChanged(ctx, q, a, id, "meeting.cancel", map[string]any{"reason": reason})
	if err != nil {
		return Meeting{}, err
	}
	if was == MeetingAnnounced {
		return m, meetingCancelledPush(ctx, q, m)
	}
	return m, nil
}

// StartMeeting opens an announced meeting (attendance and votes begin).
func StartMeeting(ctx context.Context, q db.Querier, a *Actor, id int64) (Meeting, error) {
	return meetingStep(ctx, q, a, id, MeetingAnnounced, MeetingInProgress, "started_at", "meeting.start",
		"Chỉ bắt đầu được buổi sinh hoạt đã thông báo.")
}

// CloseMeeting ends a meeting in progress; open questions are closed and
// counted.
func CloseMeeting(ctx context.Context, q db.Querier, a *Actor, id int64) (Meeting, error) {
	if _, err := meetingForEdit(ctx, q, a, id); err != nil {
		return Meeting{}, err
	}
	rows, err := q.Query(ctx, `SELECT id FROM meeting_questions WHERE meeting_id = $1 AND status = 'open'`, id)
	if err != nil {
		return Meeting{}, err
	}
	open, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return Meeting{}, err
	}
	for _, qid := range open {
		if err := countQuestion(ctx, q, qid); err != nil {
			return Meeting{}, err
		}
	}
	m, err := meetingStep(ctx, q, a, id, MeetingInProgress, MeetingClosed, "closed_at", "meeting.close",
		"Chỉ kết thúc được buổi sinh hoạt đang diễn ra.")
	if err != nil {
		return Meeting{}, err
	}
	// Attendance is measured against the cell as it was that day, not as
	// it is when someone reads the minutes or the statistics years later.
	_, err = q.Exec(ctx, `UPDATE meetings SET members_at_close = (SELECT count(*) FROM members WHERE cell_id = $2 AND state = 'active')
		WHERE id = $1`, id, m.CellID)
	return m, err
}

func meetingStep(ctx context.Context, q db.Querier, a *Actor, id int64, from, to MeetingStatus, stamp, action, msg string) (Meeting, error) {
	m, err := meetingForEdit(ctx, q, a, id)
	if err != nil {
		return Meeting{}, err
	}
	if m.Status != from {
		return Meeting{}, db.Conflict("wrong_status", msg)
	}
	if _, err := q.Exec(ctx, `UPDATE meetings SET status = $2, `+stamp+` = now(), updated_at = now() WHERE id = $1`, id, to); err != nil {
		return Meeting{}, err
	}
	return meetingChanged(ctx, q, a, id, action, nil)
}

// meetingChanged is the one place a meeting change ends: the audit entry,
// and the meeting as members see it into its cell's feed.
func meetingChanged(ctx context.Context, q db.Querier, a *Actor, id int64, action string, details map[string]any) (Meeting, error) {
	m, err := meetingLoad(ctx, q, id, false)
	if err != nil {
		return Meeting{}, err
	}
	// A meeting never announced is its officers' plan: in their feed only.
	// Announced, it moves to the cell's feed, for every member.
	// A committee meeting stays theirs.
	ent := entity("meeting", m.ID)
	in, out := feed.Officers(m.CellID), feed.Unit(m.CellID)
	if m.forMembers() {
		in, out = out, in
	}
	c, err := feed.Put(in, ent, m)
	if err != nil {
		return Meeting{}, err
	}
	changes := []feed.Change{c}
	if action == "meeting.announce" || action == "meeting.rekind" {
		changes = append(changes, feed.Delete(out, ent)) // it was there before
	}
	if _, err := feed.Write(ctx, q, changes); err != nil {
		return Meeting{}, err
	}
	if err := Audit(ctx, q, a, action, "meeting", strconv.FormatInt(id, 10), details); err != nil {
		return Meeting{}, err
	}
	return m, nil
}

// MarshalJSON keeps the cell path out of the JSON.
func (m Meeting) MarshalJSON() ([]byte, error) {
	type plain Meeting
	p := plain(m)
	if p.Agenda == nil {
		p.Agenda = []AgendaItem{}
	}
	if p.Questions == nil {
		p.Questions = []Question{}
	}
	return json.Marshal(p)
}

// putFeed writes one entity into one feed.
func putFeed(ctx context.Context, q db.Querier, name, ent string, body any) error {
	c, err := feed.Put(name, ent, body)
	if err != nil {
		return err
	}
	_, err = feed.Write(ctx, q, []feed.Change{c})
	return err
}
