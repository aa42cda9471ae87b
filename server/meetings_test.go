package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"sotay/content"
	"sotay/sync/feed"
	"sotay/sync/wire"
)

// The end-to-end proof: a secretary schedules a meeting with its
// materials; members answer offline and sync later; the meeting runs with
// attendance, a vote and minutes; every member's copy and the statistics
// agree with the server.
func TestMeetingFromAnnouncementToMinutes(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	// The materials, out two days before.
	var doc content.Document
	w.do("POST", "/api/v1/documents", w.tokS1, map[string]any{"type": "meeting_material", "title": "Tài liệu sinh hoạt tháng 12",
		"body": "Nội dung sinh hoạt.", "audience_unit_id": w.C1.ID}, 201, &doc)
	w.do("POST", fmt.Sprintf("/api/v1/documents/%d/publish", doc.ID), w.tokS1, nil, 200, &doc)
	w.pool.Exec(ctx, `UPDATE documents SET published_at = now() - interval '2 days' WHERE id = $1`, doc.ID)
	starts := time.Now().Add(20 * time.Hour).Truncate(time.Minute)
	in := content.MeetingInput{Kind: content.MeetingRegular, Title: "Sinh hoạt chi bộ tháng 12", StartsAt: starts, Place: "Nhà văn hóa thôn 1",
		Agenda: []content.AgendaItem{{Title: "Quán triệt tài liệu", Presenter: "Bí thư chi bộ", DocumentIDs: []int64{doc.ID}},
			{Title: "Kiểm điểm nhiệm vụ tháng", Presenter: "Phó bí thư"}}}
	var m content.Meeting
	w.do("POST", fmt.Sprintf("/api/v1/units/%d/meetings", w.C1.ID), w.tokM1, in, 403, nil) // a member cannot
	w.do("POST", fmt.Sprintf("/api/v1/units/%d/meetings", w.C1.ID), w.tokS1, in, 201, &m)
	if m.Status != content.MeetingDraft || len(m.Agenda) != 2 {
		t.Fatalf("created %+v", m)
	}
	member, secretary := newPhone(t, w, w.tokM1), newPhone(t, w, w.tokS1)
	member.pull()
	secretary.pull()
	ent := fmt.Sprintf("meeting:%d", m.ID)
	if member.has(feed.Unit(w.C1.ID), ent) || !secretary.has(feed.Officers(w.C1.ID), ent) {
		t.Fatal("a draft is the secretary's plan: in the officers' feed only")
	}
	w.do("GET", fmt.Sprintf("/api/v1/meetings/%d", m.ID), w.tokM1, nil, 404, nil)
	// A material published too late blocks the announcement unless a reason is recorded.
	var late content.Document
	w.do("POST", "/api/v1/documents", w.tokS1, map[string]any{"type": "meeting_material", "title": "Dự thảo nghị quyết chi bộ",
		"body": "Dự thảo.", "audience_unit_id": w.C1.ID}, 201, &late)
	w.do("POST", fmt.Sprintf("/api/v1/documents/%d/publish", late.ID), w.tokS1, nil, 200, &late)
	in.Agenda = append(in.Agenda, content.AgendaItem{Title: "Thông qua nghị quyết", DocumentIDs: []int64{late.ID}})
	w.do("PUT", fmt.Sprintf("/api/v1/meetings/%d", m.ID), w.tokS1, in, 200, &m)
	b := w.do("POST", fmt.Sprintf("/api/v1/meetings/%d/announce", m.ID), w.tokS1, map[string]any{}, 400, nil)
	if errorCode(b) != "materials_late" || !strings.Contains(string(b), "Dự thảo nghị quyết chi bộ") {
		t.Fatalf("late materials: %s", b)
	}
	w.do("POST", fmt.Sprintf("/api/v1/meetings/%d/announce", m.ID), w.tokS1, map[string]any{"late_reason": "Dự thảo hoàn thiện sau góp ý của Đảng ủy"}, 200, &m)
	if m.Status != content.MeetingAnnounced || m.LateReason == "" {
		t.Fatalf("announced %+v", m)
	}
	var told, reminders int
	w.pool.QueryRow(ctx, `SELECT count(*) FILTER (WHERE kind = 'meeting_announced'), count(*) FILTER (WHERE kind = 'meeting_reminder')
		FROM notifications WHERE grp LIKE $1`, fmt.Sprintf("meeting:%d:%%", m.ID)).Scan(&told, &reminders)
	if told != 2 || reminders != 4 { // two members of the cell; two reminders each
		t.Fatalf("%d announcements, %d reminders", told, reminders)
	}

	// Members answer offline; the answers reach the server later, once.
	member.pull()
	secretary.pull()
	if !member.has(feed.Unit(w.C1.ID), ent) || secretary.has(feed.Officers(w.C1.ID), ent) {
		t.Fatal("the announced meeting is not where every member reads it")
	}
	rsvp := member.mut("meeting.rsvp", map[string]any{"meeting_id": m.ID, "attend": true, "at": time.Now().Add(-time.Hour)})
	comment := member.mut("meeting.comment", map[string]any{"meeting_id": m.ID, "agenda_item_id": m.Agenda[0].ID, "text": "Đề nghị bổ sung chỉ tiêu kết nạp đảng viên."})
	res := member.push(rsvp, comment)
	res2 := member.push(rsvp, comment) // sent again after a lost answer
	if res.Results[0].Outcome != wire.Applied || res.Results[1].Outcome != wire.Applied || res2.Results[0].Outcome != wire.Skipped {
		t.Fatalf("push: %+v, again: %+v", res.Results, res2.Results)
	}
	bad := member.push(member.mut("meeting.rsvp", map[string]any{"meeting_id": m.ID, "attend": false}))
	if bad.Results[0].Outcome != wire.Rejected || bad.Results[0].Code != "reason_required" {
		t.Fatalf("absence without reason: %+v", bad.Results)
	}
	secretary.push(secretary.mut("meeting.rsvp", map[string]any{"meeting_id": m.ID, "attend": true}))
	stranger := newPhone(t, w, w.tokM3)
	if r := stranger.push(stranger.mut("meeting.rsvp", map[string]any{"meeting_id": m.ID, "attend": true})); r.Results[0].Outcome != wire.Rejected {
		t.Fatalf("a member of another cell answered: %+v", r.Results)
	}

	// The meeting runs.
	w.do("POST", fmt.Sprintf("/api/v1/meetings/%d/start", m.ID), w.tokS1, nil, 200, &m)
	w.do("PUT", fmt.Sprintf("/api/v1/meetings/%d/attendance", m.ID), w.tokS1, map[string]any{"attendance": []map[string]any{
		{"member_id": w.m1.ID, "status": "present"}, {"member_id": w.s1.ID, "status": "present"}}}, 200, &m)
	w.do("PUT", fmt.Sprintf("/api/v1/meetings/%d/attendance", m.ID), w.tokS1, map[string]any{"attendance": []map[string]any{
		{"member_id": w.m3.ID, "status": "present"}}}, 400, nil) // not of this cell
	w.do("POST", fmt.Sprintf("/api/v1/meetings/%d/questions", m.ID), w.tokS1, map[string]any{"text": "Thông qua nghị quyết chi bộ tháng 12"}, 200, &m)
	qid := m.Questions[0].ID
	member.push(member.mut("meeting.vote", map[string]any{"question_id": qid, "choice": "for"}))
	if r := member.push(member.mut("meeting.vote", map[string]any{"question_id": qid, "choice": "against"})); r.Results[0].Code != "already_voted" {
		t.Fatalf("a second ballot: %+v", r.Results)
	}
	secretary.push(secretary.mut("meeting.vote", map[string]any{"question_id": qid, "choice": "for"}))
	w.do("POST", fmt.Sprintf("/api/v1/meetings/%d/questions/%d/close", m.ID, qid), w.tokS1, nil, 200, &m)
	if q := m.Questions[0]; q.Status != "closed" || *q.For != 2 || *q.Against != 0 || q.Eligible != 2 {
		t.Fatalf("counted %+v", q)
	}
	// A secret vote: counted, but no ballot names its voter.
	w.do("POST", fmt.Sprintf("/api/v1/meetings/%d/questions", m.ID), w.tokS1, map[string]any{"text": "Giới thiệu nhân sự", "secret": true}, 200, &m)
	secret := m.Questions[1].ID
	member.push(member.mut("meeting.vote", map[string]any{"question_id": secret, "choice": "other"}))
	var named int
	w.pool.QueryRow(ctx, `SELECT count(*) FROM meeting_ballots WHERE question_id = $1 AND member_id IS NOT NULL`, secret).Scan(&named)
	if named != 0 {
		t.Fatal("a secret ballot names its voter")
	}
	w.do("POST", fmt.Sprintf("/api/v1/meetings/%d/close", m.ID), w.tokS1, nil, 200, &m)
	if q := m.Questions[1]; q.Status != "closed" || *q.Other != 1 || *q.For != 0 {
		t.Fatalf("secret vote counted %+v", q)
	}
	w.do("POST", fmt.Sprintf("/api/v1/meetings/%d/adopt", m.ID), w.tokS1, nil, 400, nil) // no minutes yet
	var mins content.Minutes
	w.do("PUT", fmt.Sprintf("/api/v1/meetings/%d/minutes", m.ID), w.tokS1, map[string]any{"chair": "Trần Thị Hai", "taker": "Nguyễn Văn Một",
		"proceedings": "Đồng chí bí thư quán triệt tài liệu; chi bộ thảo luận.", "conclusions": "Chi bộ thống nhất nghị quyết tháng 12.",
		"resolution_number": "5-nq/cb", "score": 92}, 200, &mins)
	if mins.Present != 2 || mins.Total != 2 || mins.ResolutionNumber != "5-NQ/CB" || mins.Grade != "Tốt" {
		t.Fatalf("minutes %+v", mins)
	}
	w.do("GET", fmt.Sprintf("/api/v1/meetings/%d/minutes", m.ID), w.tokM1, nil, 403, nil) // not yet adopted
	w.do("POST", fmt.Sprintf("/api/v1/meetings/%d/adopt", m.ID), w.tokS1, nil, 200, &m)
	var task content.Task
	w.do("POST", fmt.Sprintf("/api/v1/meetings/%d/tasks", m.ID), w.tokS1, map[string]any{"assignee_id": w.m1.ID,
		"title": "Rà soát hồ sơ quần chúng ưu tú", "due_on": "2027-01-15"}, 201, &task)

	if r := member.push(member.mut("task.done", map[string]any{"task_id": task.ID, "done": true})); r.Results[0].Outcome != wire.Applied {
		t.Fatalf("task done: %+v", r.Results)
	}
	if r := secretary.push(secretary.mut("task.done", map[string]any{"task_id": task.ID, "done": false})); r.Results[0].Code != "not_found" {
		t.Fatalf("someone else's task: %+v", r.Results)
	}
	// Every copy agrees with the server.
	member.pull()
	secretary.pull()
	var seen content.Meeting
	if err := json.Unmarshal(member.data[feed.Unit(w.C1.ID)][fmt.Sprintf("meeting:%d", m.ID)], &seen); err != nil {
		t.Fatal(err)
	}
	if seen.Status != content.MeetingAdopted || seen.Minutes == nil || seen.Minutes.ResolutionNumber != "5-NQ/CB" || *seen.Questions[0].For != 2 {
		t.Fatalf("the member's copy: %+v", seen)
	}
	own := member.data[feed.Member(w.m1.ID)]
	for _, e := range []string{fmt.Sprintf("rsvp:%d", m.ID), fmt.Sprintf("ballot:%d", qid), fmt.Sprintf("task:%d", task.ID)} {
		if own[e] == nil {
			t.Fatalf("the member's feed lacks %s: %v", e, keys(own))
		}
	}
	if b := string(own[fmt.Sprintf("ballot:%d", secret)]); !strings.Contains(b, `"voted":true`) || strings.Contains(b, "other") {
		t.Fatalf("the member's secret ballot in their feed: %s", b)
	}
	if member.data[feed.Officers(w.C1.ID)] != nil {
		t.Fatal("a member holds the officers' feed")
	}
	var record content.MeetingRecord
	json.Unmarshal(secretary.data[feed.Officers(w.C1.ID)][fmt.Sprintf("meeting_record:%d", m.ID)], &record)
	if len(record.RSVPs) != 2 || len(record.Attendance) != 2 || record.Members != 2 {
		t.Fatalf("the officers' record: %+v", record)
	}
	if secretary.data[feed.Officers(w.C1.ID)][fmt.Sprintf("meeting_comment:%d", 1)] == nil {
		t.Fatalf("the officers' feed lacks the comment: %v", keys(secretary.data[feed.Officers(w.C1.ID)]))
	}
	// The committee above follows the cells.
	var stats struct{ Cells []content.MeetingStats }
	from, to := time.Now().AddDate(0, -1, 0).Format("2006-01-02"), time.Now().AddDate(0, 1, 0).Format("2006-01-02")
	w.do("GET", fmt.Sprintf("/api/v1/units/%d/meeting-stats?from=%s&to=%s", w.P.ID, from, to), w.tokAdmin, nil, 200, &stats)
	var c1 content.MeetingStats
	for _, c := range stats.Cells {
		if c.CellID == w.C1.ID {
			c1 = c
		}
	}
	if len(stats.Cells) < 3 || c1.Held != 1 || c1.OnTime != 1 || c1.MaterialsOnTime != 0 || c1.AttendanceRate != 1 || c1.AverageScore != 92 {
		t.Fatalf("stats %+v", stats.Cells)
	}
	w.do("GET", fmt.Sprintf("/api/v1/units/%d/meeting-stats?from=%s&to=%s", w.P.ID, from, to), w.tokM1, nil, 403, nil)
	// A member who moves away later does not change that day's record.
	w.do("POST", fmt.Sprintf("/api/v1/members/%d/transfer", w.m1.ID), w.tokAdmin, map[string]any{"cell_id": w.C3.ID}, 200, nil)
	w.do("GET", fmt.Sprintf("/api/v1/meetings/%d/minutes", m.ID), w.tokAdmin, nil, 200, &mins)
	w.do("GET", fmt.Sprintf("/api/v1/units/%d/meeting-stats?from=%s&to=%s", w.P.ID, from, to), w.tokAdmin, nil, 200, &stats)
	for _, c := range stats.Cells {
		if c.CellID == w.C1.ID && (c.AttendanceRate != 1 || mins.Total != 2 || mins.Present != 2) {
			t.Fatalf("after a transfer: minutes %d/%d, rate %v", mins.Present, mins.Total, c.AttendanceRate)
		}
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// A cell's rule makes its next meetings; moving an announced one moves its
// reminders; cancelling drops them.
func TestMeetingRuleMoveAndCancel(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	var made struct{ Meetings []content.Meeting }
	w.do("PUT", fmt.Sprintf("/api/v1/units/%d/meeting-rule", w.C1.ID), w.tokS1, map[string]any{"day_of_month": 3, "time": "19:30",
		"place": "Nhà văn hóa thôn 1", "thematic_every": 3}, 200, &made)
	if n := len(made.Meetings); n < 2 || n > 3 {
		t.Fatalf("%d meetings from the rule", n)
	}
	for _, m := range made.Meetings {
		l := m.StartsAt.In(time.FixedZone("ICT", 7*3600))
		if l.Day() != 3 || l.Hour() != 19 || l.Minute() != 30 || !m.FromRule || m.Status != content.MeetingDraft {
			t.Fatalf("rule meeting %+v at %v", m, l)
		}
		if (int(l.Month())%3 == 0) != (m.Kind == content.MeetingThematic) {
			t.Fatalf("%v is %s", l.Month(), m.Kind)
		}
	}
	// The rule moves to the 5th at 19:00: its drafts follow.
	w.do("PUT", fmt.Sprintf("/api/v1/units/%d/meeting-rule", w.C1.ID), w.tokS1, map[string]any{"day_of_month": 5, "time": "19:00",
		"place": "Nhà văn hóa thôn 1", "thematic_every": 3}, 200, &made)
	var list struct{ Meetings []content.Meeting }
	w.do("GET", fmt.Sprintf("/api/v1/units/%d/meetings", w.C1.ID), w.tokS1, nil, 200, &list)
	for _, m := range list.Meetings {
		if l := m.StartsAt.In(time.FixedZone("ICT", 7*3600)); m.FromRule && (l.Day() != 5 || l.Hour() != 19 || l.Minute() != 0) {
			t.Fatalf("a rule draft did not follow the rule: %v", l)
		}
	}
	w.do("PUT", fmt.Sprintf("/api/v1/units/%d/meeting-rule", w.C1.ID), w.tokS1, map[string]any{"day_of_month": 3, "time": "19:30",
		"place": "Nhà văn hóa thôn 1", "thematic_every": 3}, 200, &made)
	// Again: nothing new.
	w.do("PUT", fmt.Sprintf("/api/v1/units/%d/meeting-rule", w.C1.ID), w.tokS1, map[string]any{"day_of_month": 3, "time": "19:30", "thematic_every": 3}, 200, &made)
	if len(made.Meetings) != 0 {
		t.Fatalf("the rule made %d more", len(made.Meetings))
	}
	w.do("PUT", fmt.Sprintf("/api/v1/units/%d/meeting-rule", w.C1.ID), w.tokS1, map[string]any{"day_of_month": 31, "time": "19:30"}, 400, nil)

	var m content.Meeting
	in := content.MeetingInput{Kind: content.MeetingExtraordinary, Title: "Sinh hoạt bất thường", StartsAt: time.Now().Add(72 * time.Hour).Truncate(time.Minute), Place: "Trụ sở"}
	w.do("POST", fmt.Sprintf("/api/v1/units/%d/meetings", w.C1.ID), w.tokS1, in, 201, &m)
	w.do("POST", fmt.Sprintf("/api/v1/meetings/%d/announce", m.ID), w.tokS1, map[string]any{}, 200, &m)
	reminderAt := func(name string) (at time.Time) {
		w.pool.QueryRow(ctx, `SELECT min(send_at) FROM notifications WHERE grp = $1`, fmt.Sprintf("meeting:%d:reminder-%s", m.ID, name)).Scan(&at)
		return at
	}
	if got := reminderAt("2h"); !got.Equal(in.StartsAt.Add(-2 * time.Hour)) {
		if got.In(time.FixedZone("ICT", 7*3600)).Hour() != 6 { // or the morning, when two hours before falls in quiet hours
			t.Fatalf("2h reminder at %v for a meeting at %v", got, in.StartsAt)
		}
	}
	in.StartsAt = in.StartsAt.Add(24 * time.Hour)
	w.do("PUT", fmt.Sprintf("/api/v1/meetings/%d", m.ID), w.tokS1, in, 200, &m)
	if got := reminderAt("2h"); got.Before(in.StartsAt.Add(-26*time.Hour)) || got.After(in.StartsAt) {
		t.Fatalf("moved meeting at %v, 2h reminder still at %v", in.StartsAt, got)
	}
	var moved int
	w.pool.QueryRow(ctx, `SELECT count(*) FROM notifications WHERE kind = 'meeting_moved'`).Scan(&moved)
	if moved != 2 {
		t.Fatalf("%d move notices", moved)
	}
	w.do("POST", fmt.Sprintf("/api/v1/meetings/%d/cancel", m.ID), w.tokS1, map[string]any{}, 400, nil) // a reason is needed
	w.do("POST", fmt.Sprintf("/api/v1/meetings/%d/cancel", m.ID), w.tokS1, map[string]any{"reason": "Trùng lịch họp Đảng ủy"}, 200, &m)
	var live int
	w.pool.QueryRow(ctx, `SELECT count(*) FROM notifications WHERE grp LIKE $1 AND cancelled_at IS NULL AND kind = 'meeting_reminder'`,
		fmt.Sprintf("meeting:%d:%%", m.ID)).Scan(&live)
	if live != 0 || m.Status != content.MeetingCancelled {
		t.Fatalf("%d reminders left after cancelling; %s", live, m.Status)
	}
}

// What a review found, each now held: reminders follow a moved meeting, in
// words and in time; a cancellation stops what was still waiting; an
// agenda names only documents the cell reads; answers close with the
// meeting; comments keep their agenda item through edits; a committee
// meeting stays with the officers.
func TestMeetingEdges(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	starts := time.Now().Add(72 * time.Hour).Truncate(time.Minute)
	in := content.MeetingInput{Kind: content.MeetingRegular, Title: "Sinh hoạt tháng", StartsAt: starts, Place: "Nhà văn hóa",
		Agenda: []content.AgendaItem{{Title: "Quán triệt"}, {Title: "Kiểm điểm"}}}
	var m content.Meeting
	w.do("POST", fmt.Sprintf("/api/v1/units/%d/meetings", w.C1.ID), w.tokS1, in, 201, &m)
	w.do("POST", fmt.Sprintf("/api/v1/meetings/%d/announce", m.ID), w.tokS1, map[string]any{}, 200, &m)

	// A comment on an agenda item keeps it when the agenda is edited.
	member := newPhone(t, w, w.tokM1)
	member.pull()
	member.push(member.mut("meeting.comment", map[string]any{"meeting_id": m.ID, "agenda_item_id": m.Agenda[1].ID, "text": "Ý kiến."}))
	in.Agenda = []content.AgendaItem{{Title: "Thông tin thời sự"}, m.Agenda[0], m.Agenda[1]}
	in.StartsAt = starts.Add(48 * time.Hour) // and moved
	w.do("PUT", fmt.Sprintf("/api/v1/meetings/%d", m.ID), w.tokS1, in, 200, &m)
	var item *int64
	w.pool.QueryRow(ctx, `SELECT agenda_item_id FROM meeting_comments WHERE meeting_id = $1`, m.ID).Scan(&item)
	if item == nil || *item != m.Agenda[2].ID {
		t.Fatalf("the comment's item after an edit: %v (agenda %+v)", item, m.Agenda)
	}
	// Every reminder still due speaks of the new time.
	rows, _ := w.pool.Query(ctx, `SELECT body FROM notifications WHERE grp LIKE $1 AND kind = 'meeting_reminder' AND cancelled_at IS NULL`,
		fmt.Sprintf("meeting:%d:%%", m.ID))
	var bodies []string
	for rows.Next() {
		var b string
		rows.Scan(&b)
		bodies = append(bodies, b)
	}
	rows.Close()
	newDay := in.StartsAt.In(time.FixedZone("ICT", 7*3600)).Format("02/01")
	if len(bodies) != 4 {
		t.Fatalf("%d live reminders after the move, want 4", len(bodies))
	}
	for _, b := range bodies {
		if !strings.Contains(b, newDay) {
			t.Fatalf("a reminder after the move says %q, not %s", b, newDay)
		}
	}
	// Cancelled: nothing of it still waits.
	w.do("POST", fmt.Sprintf("/api/v1/meetings/%d/cancel", m.ID), w.tokS1, map[string]any{"reason": "Bão"}, 200, &m)
	var waiting int
	w.pool.QueryRow(ctx, `SELECT count(*) FROM notifications WHERE grp LIKE $1 AND kind <> 'meeting_cancelled' AND cancelled_at IS NULL AND pushed_at IS NULL`,
		fmt.Sprintf("meeting:%d:%%", m.ID)).Scan(&waiting)
	if waiting != 0 {
		t.Fatalf("%d notices of a cancelled meeting still wait", waiting)
	}
	// Answers close with the meeting.
	if r := member.push(member.mut("meeting.rsvp", map[string]any{"meeting_id": m.ID, "attend": true, "at": time.Now().Add(-time.Hour)})); r.Results[0].Code != "rsvp_closed" {
		t.Fatalf("an answer to a cancelled meeting: %+v", r.Results)
	}

	// Agenda documents: only what the cell's members read.
	var secret content.Document
	w.do("POST", "/api/v1/documents", w.tokAdmin, map[string]any{"type": "notice", "title": "MẬT: nhân sự", "body": "x",
		"audience_unit_id": w.P.ID, "officers_only": true}, 201, &secret)
	var other content.Document
	w.do("POST", "/api/v1/documents", w.tokAdmin, map[string]any{"type": "notice", "title": "Của xã B", "body": "x", "audience_unit_id": w.B.ID}, 201, &other)
	for _, id := range []int64{secret.ID, other.ID, 999999} {
		bad := content.MeetingInput{Kind: content.MeetingRegular, Title: "Có tài liệu lạ", StartsAt: starts, Agenda: []content.AgendaItem{{Title: "x", DocumentIDs: []int64{id}}}}
		b := w.do("POST", fmt.Sprintf("/api/v1/units/%d/meetings", w.C1.ID), w.tokS1, bad, 400, nil)
		if errorCode(b) != "unknown_document" || strings.Contains(string(b), "MẬT") || strings.Contains(string(b), "xã B") {
			t.Fatalf("agenda with document %d: %s", id, b)
		}
	}

	// A committee meeting is the officers' business.
	var c content.Meeting
	w.do("POST", fmt.Sprintf("/api/v1/units/%d/meetings", w.C1.ID), w.tokS1, content.MeetingInput{Kind: content.MeetingCommittee,
		Title: "Họp chi ủy", StartsAt: starts}, 201, &c)
	w.do("POST", fmt.Sprintf("/api/v1/meetings/%d/announce", c.ID), w.tokS1, map[string]any{}, 200, &c)
	member.pull()
	secretary := newPhone(t, w, w.tokS1)
	secretary.pull()
	ent := fmt.Sprintf("meeting:%d", c.ID)
	if member.has(feed.Unit(w.C1.ID), ent) || !secretary.has(feed.Officers(w.C1.ID), ent) {
		t.Fatal("a committee meeting reached the whole cell")
	}
	w.do("GET", fmt.Sprintf("/api/v1/meetings/%d", c.ID), w.tokM1, nil, 404, nil)
	var told int
	w.pool.QueryRow(ctx, `SELECT count(*) FROM notifications WHERE grp = $1`, fmt.Sprintf("meeting:%d:announced", c.ID)).Scan(&told)
	if told != 1 { // the secretary only
		t.Fatalf("%d told of a committee meeting", told)
	}
	w.do("POST", fmt.Sprintf("/api/v1/meetings/%d/start", c.ID), w.tokS1, nil, 200, &c)
	w.do("POST", fmt.Sprintf("/api/v1/meetings/%d/questions", c.ID), w.tokS1, map[string]any{"text": "Phân công"}, 200, &c)
	if c.Questions[0].Eligible != 1 {
		t.Fatalf("%d eligible in a committee vote", c.Questions[0].Eligible)
	}
	if r := member.push(member.mut("meeting.vote", map[string]any{"question_id": c.Questions[0].ID, "choice": "for"})); r.Results[0].Outcome != wire.Rejected {
		t.Fatalf("a member voted in a committee meeting: %+v", r.Results)
	}
}
