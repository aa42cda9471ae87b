package content

import (
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgtype"
)

// Date is a calendar date (birth, joining, issue dates): "2006-01-02" in
// JSON, a date in PostgreSQL. Input also accepts the Vietnamese 02/01/2006.
type Date struct{ time.Time }

// NewDate returns the date y-m-d.
func NewDate(y int, m time.Month, d int) Date { return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)} }

// ParseDate reads "2006-01-02" or "02/01/2006" (day first), rejecting
// impossible dates such as 31/02.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return Date{t}, nil
		}
	}
	return Date{}, fmt.Errorf("ngày %q không hợp lệ (dạng 2006-01-02 hoặc 31/12/2006)", s)
}

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
