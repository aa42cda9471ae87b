package content

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"sotay/db"
)

// The member rules: one set of rules for every way a member's data comes
// in — the API (CreateMember, UpdateMember), later the web admin, and the
// CSV import (package memberimport). The Parse functions read one value as
// a person typed it and return it in its stored form; MemberInput.Validate
// checks the values against each other. Both report a *RuleError, whose
// Reason the import prints on the row and whose Invalid is what the API
// answers.

// RuleError is a member value, or a combination of values, that breaks a
// member rule.
type RuleError struct {
	Field  string // the field at fault, as MemberInput's JSON names it: "card_number", "birth_date"...
	Code   string // a stable machine code, e.g. "invalid_phone"
	Reason string // what is wrong, in Vietnamese: lower case first, no final stop, quoting the value
}

func (e *RuleError) Error() string { return e.Reason }

// Invalid is the error as the API reports it: db.Invalid(Field, Code, the
// Reason as a sentence).
func (e *RuleError) Invalid() *db.Error {
	return db.Invalid(e.Field, e.Code, sentence(e.Reason))
}

// RuleErrors are the rules one member breaks, in the order of the fields.
type RuleErrors []*RuleError

func (es RuleErrors) Error() string {
	s := make([]string, len(es))
	for i, e := range es {
		s[i] = e.Reason
	}
	return strings.Join(s, "; ")
}

func ruleErr(field, code, format string, args ...any) *RuleError {
	return &RuleError{Field: field, Code: code, Reason: fmt.Sprintf(format, args...)}
}

// ParseCardNumber reads a party card number: 8–12 digits, once spaces and
// dots are dropped ("12.345.678" is 12345678).
func ParseCardNumber(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", ruleErr("card_number", "invalid_card_number", "thiếu số thẻ đảng viên")
	}
	n, clean := 0, true
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			n++
		case c == '.' || unicode.IsSpace(c):
			clean = false
		default:
			return "", ruleErr("card_number", "invalid_card_number", "số thẻ %s chỉ được gồm chữ số (8–12 chữ số)", quote(s))
		}
	}
	if n < 8 || n > 12 {
		return "", ruleErr("card_number", "invalid_card_number", "số thẻ %s phải có 8–12 chữ số (có %d)", quote(s), n)
	}
	if clean {
		return s, nil
	}
	return keepDigits(s, n), nil
}

// keepDigits returns the n ASCII digits of s.
func keepDigits(s string, n int) string {
	b := make([]byte, 0, n)
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			b = append(b, c)
		}
	}
	return string(b)
}

// ParseFullName returns a member's name in Unicode NFC with single spaces:
// 1–200 characters, no control characters.
func ParseFullName(s string) (string, error) {
	s = strings.TrimSpace(nfc(s))
	if strings.IndexFunc(s, func(c rune) bool { return c != ' ' && unicode.IsSpace(c) }) >= 0 || strings.Contains(s, "  ") {
		s = strings.Join(strings.Fields(s), " ")
	}
	n := utf8.RuneCountInString(s)
	switch {
	case n == 0:
		return "", ruleErr("full_name", "invalid_name", "thiếu họ và tên")
	case n > 200:
		return "", ruleErr("full_name", "invalid_name", "họ và tên dài %d ký tự (tối đa 200)", n)
	}
	for _, c := range s {
		if unicode.IsControl(c) || c == utf8.RuneError {
			return "", ruleErr("full_name", "invalid_name", "họ và tên %s chứa ký tự điều khiển", quote(s))
		}
	}
	return s, nil
}

// mobilePrefix says whether c may follow the 0 of a Vietnamese mobile number.
func mobilePrefix(c byte) bool { return c == '3' || c == '5' || c == '7' || c == '8' || c == '9' }

// ParsePhone reads a Vietnamese mobile number and returns it as 0xxxxxxxxx:
// +84 and 84 become 0; spaces, dots, dashes and parentheses go; nine digits
// starting 3, 5, 7, 8 or 9 (a spreadsheet dropped the leading zero) get it
// back. So "+84 912 345 678", "84912345678", "0912.345.678" and "912345678"
// are all 0912345678. Landlines (024...) and foreign numbers are refused. An
// empty s is no phone: "", nil.
func ParsePhone(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	var buf [16]byte
	d := buf[:0]
	plus := false
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			if len(d) < cap(d) { // a longer number is refused below all the same
				d = append(d, byte(c))
			}
		case c == '.' || c == '-' || c == '(' || c == ')' || unicode.IsSpace(c):
		case c == '+' && !plus && len(d) == 0:
			plus = true
		default:
			return "", ruleErr("phone", "invalid_phone", "số điện thoại %s không hợp lệ", quote(s))
		}
	}
	switch {
	case len(d) == 11 && d[0] == '8' && d[1] == '4':
		d = d[1:]
		d[0] = '0'
	case plus:
		return "", ruleErr("phone", "invalid_phone", "số điện thoại %s không phải số di động Việt Nam (+84...)", quote(s))
	case len(d) == 9 && mobilePrefix(d[0]):
		d = append(d, 0)
		copy(d[1:], d)
		d[0] = '0'
	}
	if len(d) != 10 || d[0] != '0' || !mobilePrefix(d[1]) {
		return "", notMobile(s)
	}
	if string(d) == s {
		return s, nil
	}
	return string(d), nil
}

func notMobile(s string) error {
	return ruleErr("phone", "invalid_phone", "số điện thoại %s không phải số di động Việt Nam (10 chữ số, bắt đầu bằng 03, 05, 07, 08, 09)", quote(s))
}

// ParseGender reads nam or nữ (male, female), ignoring case and
// diacritics, and returns "male" or "female". An empty s is no gender:
// "", nil.
func ParseGender(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	switch FoldWords(s) {
	case "male", "nam":
		return "male", nil
	case "female", "nu":
		return "female", nil
	}
	return "", ruleErr("gender", "invalid_gender", "giới tính %s không hợp lệ: dùng nam hoặc nữ (male, female) hoặc để trống", quote(s))
}

// ParseMemberStatus reads a member's status, in English (full,
// probationary, exempt) or Vietnamese (chính thức, dự bị, miễn sinh hoạt;
// also "đảng viên chính thức", "miễn công tác và sinh hoạt"...), ignoring
// case and diacritics.
func ParseMemberStatus(s string) (MemberStatus, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", ruleErr("status", "invalid_status", "thiếu trạng thái (chính thức, dự bị hoặc miễn sinh hoạt)")
	}
	switch strings.TrimPrefix(FoldWords(s), "dang vien ") {
	case "full", "chinh thuc":
		return StatusFull, nil
	case "probationary", "du bi":
		return StatusProbationary, nil
	case "exempt", "mien", "mien sinh hoat", "mien cong tac va sinh hoat", "mien cong tac sinh hoat":
		return StatusExempt, nil
	}
	return "", ruleErr("status", "invalid_status", "trạng thái %s không hợp lệ: dùng chính thức, dự bị, miễn sinh hoạt (hoặc full, probationary, exempt)", quote(s))
}

// PartyFounded is 03/02/1930: nobody joined the Party before it.
var PartyFounded = NewDate(1930, 2, 3)

// earliestBirth bounds birth dates: a member born before it would be over
// 120 today, or over 30 when the Party was founded.
var earliestBirth = NewDate(1900, 1, 1)

// Validate checks the rules that tie a member's values together, on values
// already in their stored form (the Parse functions give that form):
//
//   - no date is after today (pass Today());
//   - birth_date is not before 01/01/1900; joined_on and official_on are
//     not before 03/02/1930, when the Party was founded;
//   - official_on is not before joined_on;
//   - a probationary (dự bị) member has no official_on yet;
//   - the age at joined_on is 16–110, or, without joined_on, the age today
//     is 16–120.
//
// A date that breaks its own rule is left out of the rules between dates.
// It returns nil, or RuleErrors with every rule broken, in field order.
func (in MemberInput) Validate(today Date) error {
	var errs RuleErrors
	check := func(field, label string, d *Date, earliest Date, why string) *Date {
		switch {
		case d == nil:
		case d.After(today.Time):
			errs = append(errs, ruleErr(field, "date_in_future", "%s %s ở tương lai", label, d.show()))
		case d.Before(earliest.Time):
			errs = append(errs, ruleErr(field, "date_too_early", "%s %s %s", label, d.show(), why))
		default:
			return d
		}
		return nil
	}
	birth := check("birth_date", "ngày sinh", in.BirthDate, earliestBirth, "trước năm 1900")
	joined := check("joined_on", "ngày vào Đảng", in.JoinedOn, PartyFounded, "trước ngày thành lập Đảng (03/02/1930)")
	official := check("official_on", "ngày chính thức", in.OfficialOn, PartyFounded, "trước ngày thành lập Đảng (03/02/1930)")
	if birth != nil {
		if joined != nil {
			if a := age(*birth, *joined); a < 16 || a > 110 {
				errs = append(errs, ruleErr("birth_date", "implausible_age", "tuổi khi vào Đảng là %d (sinh %s, vào Đảng %s); phải từ 16 đến 110",
					a, birth.show(), joined.show()))
			}
		} else if in.JoinedOn == nil {
			if a := age(*birth, today); a < 16 || a > 120 {
				errs = append(errs, ruleErr("birth_date", "implausible_age", "ngày sinh %s không hợp lý (%d tuổi)", birth.show(), a))
			}
		}
	}
	if joined != nil && official != nil && official.Before(joined.Time) {
		errs = append(errs, ruleErr("official_on", "official_before_joined", "ngày chính thức %s trước ngày vào Đảng %s", official.show(), joined.show()))
	}
	if in.Status == StatusProbationary && in.OfficialOn != nil {
		errs = append(errs, ruleErr("official_on", "probationary_official",
			"đảng viên dự bị chưa có ngày chính thức: để trống ngày chính thức hoặc sửa trạng thái thành chính thức"))
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// age is the number of whole years from birth to at.
func age(birth, at Date) int {
	a := at.Year() - birth.Year()
	if at.Month() < birth.Month() || at.Month() == birth.Month() && at.Day() < birth.Day() {
		a--
	}
	return a
}

// FoldWords is how typed words are compared (statuses, genders, the import's
// column names): lower case, without Vietnamese diacritics (đ becomes d),
// the words (runs of letters and digits) joined by single spaces.
// "Đảng viên  CHÍNH THỨC" is "dang vien chinh thuc".
func FoldWords(s string) string {
	var b strings.Builder
	space := false
	for _, c := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, c):
			continue
		case c == 'đ':
			c = 'd'
		}
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(c)
			space = false
		} else {
			space = true
		}
	}
	return b.String()
}

// quote shows a person's value in a message, cut to a sensible length.
func quote(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:40]) + "…"
	}
	return strconv.Quote(s)
}

// sentence turns a reason into a sentence: capital first letter, final stop.
func sentence(reason string) string {
	c, n := utf8.DecodeRuneInString(reason)
	return string(unicode.ToUpper(c)) + reason[n:] + "."
}
