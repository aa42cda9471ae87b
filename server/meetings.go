package server

import (
	"context"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5"

	"sotay/content"
	"sotay/db"
)

// The meeting handlers are one shape: an id from the path, maybe a JSON
// body, one content call in a transaction as the actor, its result as JSON.

// meetingCall answers a write on /meetings/{id} that takes a body of type
// T (none for no body).
func meetingCall[T, R any](s *Server, status int, fn func(ctx context.Context, tx pgx.Tx, a *content.Actor, id int64, req T) (R, error)) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		var req T
		if _, noBody := any(req).(none); !noBody || r.ContentLength > 0 {
			if err := decodeJSON(w, r, &req); err != nil {
				return err
			}
		}
		out, err := asActor(s, r, func(ctx context.Context, tx pgx.Tx, a *content.Actor) (R, error) { return fn(ctx, tx, a, id, req) })
		return respond(w, status, out, err)
	}
}

type meetingsReply struct {
	Meetings []content.Meeting `json:"meetings"`
}

type meetingStatsReply struct {
	Cells []content.MeetingStats `json:"cells"`
}

type announceRequest struct {
	LateReason string `json:"late_reason"` // needed when materials are out later than a day before
}

type cancelRequest struct {
	Reason string `json:"reason"`
}

type questionRequest struct {
	Text   string `json:"text"`
	Secret bool   `json:"secret"`
}

type taskRequest struct {
	AssigneeID int64         `json:"assignee_id"`
	Title      string        `json:"title"`
	DueOn      *content.Date `json:"due_on"`
}

type attendanceRequest struct {
	Attendance []content.Attendance `json:"attendance"`
}

func (s *Server) meetingRoutes() []route {
	return []route{
		{Method: "GET", Pattern: "/api/v1/units/{id}/meetings", Tag: "meetings", Summary: "A cell's meetings from a date on (members of the cell, viewers above)", Auth: true,
			Query: []queryParam{{"from", "2006-01-02; default 30 days ago", false}}, Status: 200, Reply: meetingsReply{}, Handle: s.handleListMeetings},
		{Method: "POST", Pattern: "/api/v1/units/{id}/meetings", Tag: "meetings", Summary: "Add a meeting to a cell, as a draft (secretary, deputy, staff above)", Auth: true,
			Request: content.MeetingInput{}, Status: 201, Reply: content.Meeting{},
			Handle: meetingCall(s, 201, func(ctx context.Context, tx pgx.Tx, a *content.Actor, id int64, in content.MeetingInput) (content.Meeting, error) {
				return content.CreateMeeting(ctx, tx, a, id, in)
			})},
		{Method: "PUT", Pattern: "/api/v1/units/{id}/meeting-rule", Tag: "meetings", Summary: "Set a cell's meeting rule (day, time, place, thematic every N months); makes the next meetings as drafts", Auth: true,
			Request: content.MeetingRule{}, Status: 200, Reply: meetingsReply{},
			Handle: meetingCall(s, 200, func(ctx context.Context, tx pgx.Tx, a *content.Actor, id int64, in content.MeetingRule) (meetingsReply, error) {
				in.CellID = id
				ms, err := content.SetMeetingRule(ctx, tx, a, in)
				return meetingsReply{Meetings: nonNil(ms)}, err
			})},
		{Method: "GET", Pattern: "/api/v1/units/{id}/meeting-stats", Tag: "meetings", Summary: "Each cell's meetings below a unit: held, thematic, on time, attendance, materials on time (viewer)", Auth: true,
			Query:  []queryParam{{"from", "2006-01-02", true}, {"to", "2006-01-02 (exclusive)", true}},
			Status: 200, Reply: meetingStatsReply{}, Handle: s.handleMeetingStats},
		{Method: "GET", Pattern: "/api/v1/meetings/{id}", Tag: "meetings", Summary: "A meeting (its cell's members; staff who see the cell)", Auth: true,
			Status: 200, Reply: content.Meeting{}, Handle: s.handleGetMeeting},
		{Method: "PUT", Pattern: "/api/v1/meetings/{id}", Tag: "meetings", Summary: "Change a draft or announced meeting; moving an announced one tells members and moves reminders", Auth: true,
			Request: content.MeetingInput{}, Status: 200, Reply: content.Meeting{},
			Handle: meetingCall(s, 200, func(ctx context.Context, tx pgx.Tx, a *content.Actor, id int64, in content.MeetingInput) (content.Meeting, error) {
				return content.UpdateMeeting(ctx, tx, a, id, in)
			})},
		{Method: "POST", Pattern: "/api/v1/meetings/{id}/announce", Tag: "meetings", Summary: "Announce a draft (push to members, reminders); refused when materials are out later than a day before, unless a reason is given", Auth: true,
			Request: announceRequest{}, Status: 200, Reply: content.Meeting{},
			Handle: meetingCall(s, 200, func(ctx context.Context, tx pgx.Tx, a *content.Actor, id int64, in announceRequest) (content.Meeting, error) {
				return content.AnnounceMeeting(ctx, tx, a, id, in.LateReason)
			})},
		{Method: "POST", Pattern: "/api/v1/meetings/{id}/cancel", Tag: "meetings", Summary: "Cancel a meeting not yet held, with a reason", Auth: true,
			Request: cancelRequest{}, Status: 200, Reply: content.Meeting{},
			Handle: meetingCall(s, 200, func(ctx context.Context, tx pgx.Tx, a *content.Actor, id int64, in cancelRequest) (content.Meeting, error) {
				return content.CancelMeeting(ctx, tx, a, id, in.Reason)
			})},
		{Method: "POST", Pattern: "/api/v1/meetings/{id}/start", Tag: "meetings", Summary: "Open an announced meeting", Auth: true,
			Status: 200, Reply: content.Meeting{},
			Handle: meetingCall(s, 200, func(ctx context.Context, tx pgx.Tx, a *content.Actor, id int64, _ none) (content.Meeting, error) {
				return content.StartMeeting(ctx, tx, a, id)
			})},
		{Method: "POST", Pattern: "/api/v1/meetings/{id}/close", Tag: "meetings", Summary: "End a meeting in progress (open votes are counted)", Auth: true,
			Status: 200, Reply: content.Meeting{},
			Handle: meetingCall(s, 200, func(ctx context.Context, tx pgx.Tx, a *content.Actor, id int64, _ none) (content.Meeting, error) {
				return content.CloseMeeting(ctx, tx, a, id)
			})},
		{Method: "POST", Pattern: "/api/v1/meetings/{id}/questions", Tag: "meetings", Summary: "Put a question to the vote of the cell's full members (open or secret)", Auth: true,
			Request: questionRequest{}, Status: 200, Reply: content.Meeting{},
			Handle: meetingCall(s, 200, func(ctx context.Context, tx pgx.Tx, a *content.Actor, id int64, in questionRequest) (content.Meeting, error) {
				return content.OpenQuestion(ctx, tx, a, id, in.Text, in.Secret)
			})},
		{Method: "POST", Pattern: "/api/v1/meetings/{id}/questions/{qid}/close", Tag: "meetings", Summary: "Close a vote and count it", Auth: true,
			Status: 200, Reply: content.Meeting{}, Handle: s.handleCloseQuestion},
		{Method: "PUT", Pattern: "/api/v1/meetings/{id}/attendance", Tag: "meetings", Summary: "Record attendance: present, excused, unexcused, exempt", Auth: true,
			Request: attendanceRequest{}, Status: 200, Reply: content.Meeting{},
			Handle: meetingCall(s, 200, func(ctx context.Context, tx pgx.Tx, a *content.Actor, id int64, in attendanceRequest) (content.Meeting, error) {
				return content.SetAttendance(ctx, tx, a, id, in.Attendance)
			})},
		{Method: "GET", Pattern: "/api/v1/meetings/{id}/minutes", Tag: "meetings", Summary: "The minutes as they stand (officers; members once adopted)", Auth: true,
			Status: 200, Reply: content.Minutes{}, Handle: s.handleGetMinutes},
		{Method: "PUT", Pattern: "/api/v1/meetings/{id}/minutes", Tag: "meetings", Summary: "Write the minutes of a closed meeting: chair, minutes-taker, proceedings, conclusions, resolution x-NQ/CB, score", Auth: true,
			Request: content.MinutesInput{}, Status: 200, Reply: content.Minutes{},
			Handle: meetingCall(s, 200, func(ctx context.Context, tx pgx.Tx, a *content.Actor, id int64, in content.MinutesInput) (content.Minutes, error) {
				return content.SetMinutes(ctx, tx, a, id, in)
			})},
		{Method: "POST", Pattern: "/api/v1/meetings/{id}/adopt", Tag: "meetings", Summary: "Record that the meeting adopted its minutes: they reach every member", Auth: true,
			Status: 200, Reply: content.Meeting{},
			Handle: meetingCall(s, 200, func(ctx context.Context, tx pgx.Tx, a *content.Actor, id int64, _ none) (content.Meeting, error) {
				return content.AdoptMinutes(ctx, tx, a, id)
			})},
		{Method: "POST", Pattern: "/api/v1/meetings/{id}/tasks", Tag: "meetings", Summary: "Give a member of the cell a task from the meeting (they see it in their feed)", Auth: true,
			Request: taskRequest{}, Status: 201, Reply: content.Task{},
			Handle: meetingCall(s, 201, func(ctx context.Context, tx pgx.Tx, a *content.Actor, id int64, in taskRequest) (content.Task, error) {
				return content.AddTask(ctx, tx, a, id, in.AssigneeID, in.Title, in.DueOn)
			})},
	}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func (s *Server) handleGetMeeting(w http.ResponseWriter, r *http.Request) error {
	a, id, err := s.actorAndID(r)
	if err != nil {
		return err
	}
	m, err := content.GetMeeting(r.Context(), s.pool, a, id)
	return respond(w, http.StatusOK, m, err)
}

func (s *Server) handleGetMinutes(w http.ResponseWriter, r *http.Request) error {
	a, id, err := s.actorAndID(r)
	if err != nil {
		return err
	}
	m, err := content.GetMinutes(r.Context(), s.pool, a, id)
	return respond(w, http.StatusOK, m, err)
}

func (s *Server) handleCloseQuestion(w http.ResponseWriter, r *http.Request) error {
	qid, err := pathID(r, "qid")
	if err != nil {
		return err
	}
	return meetingCall(s, 200, func(ctx context.Context, tx pgx.Tx, a *content.Actor, id int64, _ none) (content.Meeting, error) {
		return content.CloseQuestion(ctx, tx, a, id, qid)
	})(w, r)
}

// queryDate reads a date parameter ("2006-01-02", Vietnam's midnight).
func queryDate(r *http.Request, name string, def time.Time) (time.Time, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		if def.IsZero() {
			return def, db.Invalid(name, "missing", "Thiếu tham số "+name+" (dạng 2006-01-02).")
		}
		return def, nil
	}
	t, err := time.ParseInLocation("2006-01-02", v, time.FixedZone("ICT", 7*3600))
	if err != nil {
		return t, db.Invalid(name, "invalid_date", "Ngày "+name+" có dạng 2006-01-02.")
	}
	return t, nil
}

func (s *Server) handleListMeetings(w http.ResponseWriter, r *http.Request) error {
	a, id, err := s.actorAndID(r)
	if err != nil {
		return err
	}
	from, err := queryDate(r, "from", time.Now().AddDate(0, 0, -30))
	if err != nil {
		return err
	}
	ms, err := content.ListMeetings(r.Context(), s.pool, a, id, from)
	return respond(w, http.StatusOK, meetingsReply{Meetings: nonNil(ms)}, err)
}

func (s *Server) handleMeetingStats(w http.ResponseWriter, r *http.Request) error {
	a, id, err := s.actorAndID(r)
	if err != nil {
		return err
	}
	from, err := queryDate(r, "from", time.Time{})
	if err != nil {
		return err
	}
	to, err := queryDate(r, "to", time.Time{})
	if err != nil {
		return err
	}
	st, err := content.CellMeetingStats(r.Context(), s.pool, a, id, from, to)
	return respond(w, http.StatusOK, meetingStatsReply{Cells: nonNil(st)}, err)
}
