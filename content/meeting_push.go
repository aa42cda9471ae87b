package content

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"sotay/db"
	"sotay/push"
)

// Reminder is one reminder of a meeting: a fixed time of the day a number
// of days before (the day before at 19:00), or a lead (two hours before).
type Reminder struct {
	Name       string        // part of its push group: "day-before", "2h"
	DaysBefore int           // with At: that many days before, at At o'clock (Vietnam)
	At         time.Duration // time of day
	Before     time.Duration // or: this long before the start
}

// MeetingReminders are the reminders every announced meeting gets: by
// default the day before at 19:00 and two hours before. It is deployment
// configuration (SOTAY_MEETING_REMINDERS, ParseReminders), set once by the
// command before anything runs, like a constant, never changed after.
var MeetingReminders = []Reminder{
	{Name: "1d@19:00", DaysBefore: 1, At: 19 * time.Hour},
	{Name: "2h", Before: 2 * time.Hour},
}

// when is the reminder's time for a meeting starting at start.
func (r Reminder) when(start time.Time) time.Time {
	if r.Before > 0 {
		return start.Add(-r.Before)
	}
	l := start.In(vietnam)
	day := time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, vietnam).AddDate(0, 0, -r.DaysBefore)
	return day.Add(r.At).UTC()
}

func meetingGroup(m Meeting, what string) string {
	return "meeting:" + strconv.FormatInt(m.ID, 10) + ":" + what
}

// cellMembers are the active members of a cell.
func cellMembers(ctx context.Context, q db.Querier, cell int64) ([]int64, error) {
	rows, err := q.Query(ctx, `SELECT id FROM members WHERE cell_id = $1 AND state = 'active' ORDER BY id`, cell)
	if err != nil {
		return nil, fmt.Errorf("content: members of %d: %w", cell, err)
	}
	return pgx.CollectRows(rows, pgx.RowTo[int64])
}

// when says a meeting's time the way a notice does: "19:30 thứ Năm 03/12".
func meetingWhen(m Meeting) string {
	l := m.StartsAt.In(vietnam)
	days := [...]string{"Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy"}
	s := fmt.Sprintf("%02d:%02d %s %02d/%02d", l.Hour(), l.Minute(), days[l.Weekday()], l.Day(), int(l.Month()))
	if m.Place != "" {
		s += " tại " + m.Place
	}
	return s
}

func meetingLink(m Meeting) string { return "sotay://meetings/" + strconv.FormatInt(m.ID, 10) }

// meetingAudience is who a meeting's notices go to: the cell's active
// members, or for a committee meeting its officers.
func meetingAudience(ctx context.Context, q db.Querier, m Meeting) ([]int64, error) {
	if m.Kind != MeetingCommittee {
		return cellMembers(ctx, q, m.CellID)
	}
	rows, err := q.Query(ctx, `SELECT DISTINCT m.id FROM positions p JOIN members m ON m.id = p.member_id
		WHERE p.unit_id = $1 AND p.ended_on IS NULL AND m.state = 'active' ORDER BY m.id`, m.CellID)
	if err != nil {
		return nil, fmt.Errorf("content: officers of %d: %w", m.CellID, err)
	}
	return pgx.CollectRows(rows, pgx.RowTo[int64])
}

// meetingAnnouncedPush tells the meeting's audience it is announced and
// schedules its reminders.
func meetingAnnouncedPush(ctx context.Context, q db.Querier, m Meeting) error {
	members, err := meetingAudience(ctx, q, m)
	if err != nil {
		return err
	}
	start := m.StartsAt
	if _, err := push.Notify(ctx, q, push.DefaultQuietHours, push.Batch{Group: meetingGroup(m, "announced"), Kind: "meeting_announced",
		Expires: &start, CollapseKey: meetingCollapse(m), Items: []push.Item{{Members: members,
			Title: m.Kind.Label() + ": " + m.Title, Body: meetingWhen(m), Link: meetingLink(m)}}}); err != nil {
		return err
	}
	return meetingReminders(ctx, q, m, members, "")
}

func meetingCollapse(m Meeting) string { return "meeting:" + strconv.FormatInt(m.ID, 10) }

// meetingReminders schedules the deployment's reminders of m (each after
// quiet hours, unless the meeting comes first; none for a time already
// past). tag keeps the groups of a moved meeting apart from the old ones.
func meetingReminders(ctx context.Context, q db.Querier, m Meeting, members []int64, tag string) error {
	start := m.StartsAt
	for _, r := range MeetingReminders {
		at := r.when(start)
		if !at.After(time.Now()) {
			continue
		}
		if _, err := push.Notify(ctx, q, push.DefaultQuietHours, push.Batch{Group: meetingGroup(m, tag+"reminder-"+r.Name), Kind: "meeting_reminder",
			At: at, Expires: &start, CollapseKey: meetingCollapse(m), Items: []push.Item{{Members: members,
				Title: "Nhắc lịch: " + m.Title, Body: meetingWhen(m), Link: meetingLink(m)}}}); err != nil {
			return err
		}
	}
	return nil
}

// meetingMovedPush: every notice of the meeting not yet pushed is dropped
// (its text has the old time), the audience is told the new time, and the
// reminders are made again for it — also those already sent for the old
// date.
func meetingMovedPush(ctx context.Context, q db.Querier, m Meeting) error {
	if err := push.CancelPrefix(ctx, q, meetingGroup(m, "")); err != nil {
		return err
	}
	members, err := meetingAudience(ctx, q, m)
	if err != nil {
		return err
	}
	var moves int
	if err := q.QueryRow(ctx, `SELECT moves FROM meetings WHERE id = $1`, m.ID).Scan(&moves); err != nil {
		return err
	}
	tag := "m" + strconv.Itoa(moves) + ":"
	start := m.StartsAt
	if _, err := push.Notify(ctx, q, push.DefaultQuietHours, push.Batch{Group: meetingGroup(m, tag+"moved"), Kind: "meeting_moved",
		Expires: &start, CollapseKey: meetingCollapse(m), Items: []push.Item{{Members: members,
			Title: "Đổi lịch: " + m.Title, Body: "Sang " + meetingWhen(m), Link: meetingLink(m)}}}); err != nil {
		return err
	}
	return meetingReminders(ctx, q, m, members, tag)
}

// meetingCancelledPush drops every notice of the meeting not yet pushed
// and tells its audience.
func meetingCancelledPush(ctx context.Context, q db.Querier, m Meeting) error {
	if err := push.CancelPrefix(ctx, q, meetingGroup(m, "")); err != nil {
		return err
	}
	members, err := meetingAudience(ctx, q, m)
	if err != nil {
		return err
	}
	_, err = push.Notify(ctx, q, push.DefaultQuietHours, push.Batch{Group: meetingGroup(m, "cancelled"), Kind: "meeting_cancelled",
		CollapseKey: meetingCollapse(m), Items: []push.Item{{Members: members,
			Title: "Hủy lịch: " + m.Title, Body: m.CancelReason, Link: meetingLink(m)}}})
	return err
}

// ParseReminders reads the deployment's reminder setting
// (SOTAY_MEETING_REMINDERS): comma-separated, each either "<days>d@HH:MM"
// (that many days before, at that time in Vietnam) or a lead such as "2h",
// "90m". Empty: none.
func ParseReminders(s string) ([]Reminder, error) {
	var out []Reminder
	seen := map[string]bool{}
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if seen[part] {
			return nil, fmt.Errorf("SOTAY_MEETING_REMINDERS: %q twice", part)
		}
		seen[part] = true
		bad := fmt.Errorf("SOTAY_MEETING_REMINDERS: %q is neither \"1d@19:00\" nor a lead like \"2h\"", part)
		if days, at, ok := strings.Cut(part, "d@"); ok {
			n, err := strconv.Atoi(days)
			t, err2 := time.Parse("15:04", at)
			if err != nil || err2 != nil || n < 0 || n > 14 {
				return nil, bad
			}
			out = append(out, Reminder{Name: part, DaysBefore: n, At: time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute})
			continue
		}
		d, err := time.ParseDuration(part)
		if err != nil || d <= 0 || d > 14*24*time.Hour {
			return nil, bad
		}
		out = append(out, Reminder{Name: part, Before: d})
	}
	return out, nil
}
