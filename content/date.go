package content

import (
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgtype"
)

// Date is a calendar date (birth, joining, issue dates): "2006-01-02" in
// JSON, a date in PostgreSQL. Input also accepts the Vietnamese 02/01/2006
// (see ParseDate).
type Date struct{ time.Time }

// NewDate returns the date y-m-d.
func NewDate(y int, m time.Month, d int) Date { return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)} }

// ParseDate reads a date as people type it: day first, dd/mm/yyyy (also
// d/m/yyyy, with '/', '-' or '.' between the parts: 5/3/1960, 15-03-1960,
// 15.03.1960), or year first, yyyy-mm-dd (also 1960-3-5). Surrounding spaces
// are ignored. It rejects other forms and impossible dates such as 31/02;
// the error says which, in Vietnamese, quoting s (RowError reasons of the
// member import are these messages). Whether a date is plausible for what
// it dates is the caller's rule (see MemberInput.Validate).
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	var p [3]string
	split := false
	for _, sep := range []string{"/", "-", "."} {
		if strings.Count(s, sep) == 2 {
			var rest string
			p[0], rest, _ = strings.Cut(s, sep)
			p[1], p[2], _ = strings.Cut(rest, sep)
			split = true
			break
		}
	}
	var y, m, d int
	if split {
		if len(p[0]) == 4 { // yyyy-mm-dd
			y, m, d = dateNum(p[0], 4, 4), dateNum(p[1], 1, 2), dateNum(p[2], 1, 2)
		} else {
			d, m, y = dateNum(p[0], 1, 2), dateNum(p[1], 1, 2), dateNum(p[2], 4, 4)
		}
	}
	if !split || y < 0 || m < 0 || d < 0 {
		return Date{}, fmt.Errorf("ngày %s không đúng dạng dd/mm/yyyy hoặc yyyy-mm-dd", quote(s))
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return Date{}, fmt.Errorf("ngày %s không có thật", quote(s))
	}
	return Date{t}, nil
}

// dateNum reads minLen to maxLen ASCII digits; -1 when p is not that.
func dateNum(p string, minLen, maxLen int) int {
	if len(p) < minLen || len(p) > maxLen {
		return -1
	}
	n := 0
	for _, c := range []byte(p) {
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// vietnam is Asia/Ho_Chi_Minh, which has had no daylight saving since 1975.
var vietnam = time.FixedZone("ICT", 7*3600)

// Today is the current date in Vietnam, the reference for "not in the
// future" in the member rules.
// vnToday is Today in SQL: the date in Vietnam (PostgreSQL's current_date
// is the server's, which is UTC here).
const vnToday = "(now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date"

func Today() Date {
	y, m, d := time.Now().In(vietnam).Date()
	return NewDate(y, m, d)
}

// show writes the date the Vietnamese way, 31/12/2006, for messages.
func (d Date) show() string { return d.Format("02/01/2006") }

func (d Date) String() string { return d.Format("2006-01-02") }

// MarshalJSON writes "2006-01-02".
func (d Date) MarshalJSON() ([]byte, error) { return []byte(`"` + d.String() + `"`), nil }

// UnmarshalJSON reads what ParseDate reads.
func (d *Date) UnmarshalJSON(b []byte) error {
	s := string(b)
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return fmt.Errorf("ngày phải là chuỗi dạng \"2006-01-02\"")
	}
	v, err := ParseDate(s[1 : len(s)-1])
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// ScanDate lets pgx read a date column into a Date.
func (d *Date) ScanDate(v pgtype.Date) error {
	if !v.Valid {
		*d = Date{}
		return nil
	}
	d.Time = v.Time
	return nil
}

// DateValue lets pgx write a Date into a date column.
func (d Date) DateValue() (pgtype.Date, error) {
	return pgtype.Date{Time: d.Time, Valid: !d.IsZero()}, nil
}
