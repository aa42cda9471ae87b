package content

import (
	"testing"
	"time"
)

func TestParseRemindersAndWhen(t *testing.T) {
	rs, err := ParseReminders("1d@19:00, 2h,90m")
	if err != nil || len(rs) != 3 {
		t.Fatalf("%v %v", rs, err)
	}
	start := time.Date(2026, 12, 3, 19, 30, 0, 0, vietnam)
	want := []time.Time{time.Date(2026, 12, 2, 19, 0, 0, 0, vietnam), start.Add(-2 * time.Hour), start.Add(-90 * time.Minute)}
	for i, r := range rs {
		if got := r.when(start); !got.Equal(want[i]) {
			t.Errorf("%s: %v, want %v", r.Name, got, want[i])
		}
	}
	for _, bad := range []string{"tomorrow", "1d@25:00", "-2h", "30d@08:00"} {
		if _, err := ParseReminders(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if rs, err := ParseReminders(""); err != nil || len(rs) != 0 {
		t.Errorf("empty: %v %v", rs, err)
	}
	if Grade(95) != "Tốt" || Grade(89) != "Khá" || Grade(50) != "Trung bình" || Grade(49) != "Kém" {
		t.Error("grades")
	}
}
