package push

import "time"

// vietnam is Asia/Ho_Chi_Minh, +07:00 all year since 1975.
var vietnam = time.FixedZone("ICT", 7*3600)

// QuietHours are the hours no push is sent (21:30–06:30 in Vietnam by
// default): a notification due inside them waits for the morning, unless
// what it announces happens before then.
type QuietHours struct {
	StartHour, StartMinute int // 21:30
	EndHour, EndMinute     int // 06:30
}

// DefaultQuietHours is 21:30–06:30 Asia/Ho_Chi_Minh.
var DefaultQuietHours = QuietHours{21, 30, 6, 30}

// Adjust returns when a notification due at t may be pushed: t itself
// outside the quiet hours; inside them, the morning's end of quiet hours —
// unless deadline (the meeting's start, when it has one) comes before
// that, when t stands: a late reminder beats none.
//
// The zero QuietHours has none.
func (q QuietHours) Adjust(t time.Time, deadline *time.Time) time.Time {
	if q == (QuietHours{}) {
		return t
	}
	local := t.In(vietnam)
	day := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, vietnam)
	start := day.Add(time.Duration(q.StartHour)*time.Hour + time.Duration(q.StartMinute)*time.Minute)
	end := day.Add(time.Duration(q.EndHour)*time.Hour + time.Duration(q.EndMinute)*time.Minute)
	var morning time.Time
	switch {
	case !local.Before(start):
		morning = end.AddDate(0, 0, 1) // late evening: tomorrow morning
	case local.Before(end):
		morning = end // small hours: this morning
	default:
		return t
	}
	if deadline != nil && !deadline.After(morning) {
		return t
	}
	return morning.UTC()
}
