package content_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"sotay/content"
	"sotay/content/memberimport"
	"sotay/db"
)

// TestParseRules: the Parse functions on their own, good values to their
// stored form, bad ones to a *content.RuleError on the right field.
func TestParseRules(t *testing.T) {
	check := func(fn, in, want, field string, got string, err error) {
		t.Helper()
		if want == "" && field != "" {
			var re *content.RuleError
			if !errors.As(err, &re) || re.Field != field || re.Code == "" || re.Reason == "" {
				t.Errorf("%s(%q) = %q, %v; want a rule error on %s", fn, in, got, err, field)
			}
			return
		}
		if err != nil || got != want {
			t.Errorf("%s(%q) = %q, %v; want %q", fn, in, got, err, want)
		}
	}
	for in, want := range map[string]string{
		"12.345.678": "12345678", " 1234 5678 9012 ": "123456789012", "12345678": "12345678",
		"1234567": "", "1234567890123": "", "12A45678": "", "-12345678": "", "": "",
	} {
		got, err := content.ParseCardNumber(in)
		check("ParseCardNumber", in, want, "card_number", got, err)
	}
	for in, want := range map[string]string{
		"0912345678": "0912345678", "+84 912 345 678": "0912345678", "84912345678": "0912345678",
		"0912.345.678": "0912345678", "912345678": "0912345678", "(+84) 38-123-4567": "0381234567", " ": "",
		"0212345678": "x", "0241234567": "x", "024 3826 1234": "x", "+1 202 555 0100": "x", "091234567x": "x",
		"09123456789": "x", "12345": "x", "++84912345678": "x", "0912345678901234567890": "x",
	} {
		got, err := content.ParsePhone(in)
		if want == "x" {
			want = ""
			check("ParsePhone", in, want, "phone", got, err)
		} else {
			check("ParsePhone", in, want, "", got, err)
		}
	}
	for in, want := range map[string]string{
		"15/03/1960": "1960-03-15", "5/3/1960": "1960-03-05", "15-03-1960": "1960-03-15", "15.03.1960": "1960-03-15",
		"1960-03-15": "1960-03-15", "1960-3-5": "1960-03-05", " 02/01/2006 ": "2006-01-02", "29/02/1992": "1992-02-29",
		"31/02/1990": "", "29/02/1990": "", "00/01/1990": "", "15/13/1990": "", "15/03/60": "", "1960/15/03": "",
		"15 03 1960": "", "": "", "03/02/1930 0:00": "", "15/03-1960": "", "１５/03/1960": "",
	} {
		got, err := content.ParseDate(in)
		switch {
		case want == "" && err == nil:
			t.Errorf("ParseDate(%q) = %v, want an error", in, got)
		case want != "" && (err != nil || got.String() != want):
			t.Errorf("ParseDate(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	if _, err := content.ParseDate("31/02/1980"); err == nil || err.Error() != `ngày "31/02/1980" không có thật` {
		t.Errorf("impossible date: %v", err)
	}
	for in, want := range map[string]string{
		"full": "full", "Chính thức": "full", "CHÍNH THỨC": "full", "chinh thuc": "full", "Đảng viên chính thức": "full",
		"dự bị": "probationary", "Du Bi": "probationary", "probationary": "probationary", " Đảng viên dự bị ": "probationary",
		"Miễn sinh hoạt": "exempt", "miễn công tác và sinh hoạt": "exempt", "exempt": "exempt",
		"chính": "", "": "", "đảng viên lâu năm": "", "--": "",
	} {
		got, err := content.ParseMemberStatus(in)
		check("ParseMemberStatus", in, want, "status", string(got), err)
	}
	for in, want := range map[string]string{
		"Nam": "male", "nữ": "female", "NỮ": "female", "nu": "female", "male": "male", "Female": "female", "": "-", " ": "-",
		"khác": "", "--": "",
	} {
		got, err := content.ParseGender(in)
		if want == "-" {
			check("ParseGender", in, "", "", got, err)
		} else {
			check("ParseGender", in, want, "gender", got, err)
		}
	}
	nfd := norm.NFD.String("  Nguyễn  Thị\tÁnh ")
	if got, err := content.ParseFullName(nfd); err != nil || got != "Nguyễn Thị Ánh" || !norm.NFC.IsNormalString(got) {
		t.Errorf("ParseFullName(NFD) = %q, %v", got, err)
	}
	for _, in := range []string{"", " \t", strings.Repeat("a", 201), "Trần\x07Bình", "Tr\xe1n"} {
		got, err := content.ParseFullName(in)
		check("ParseFullName", in, "", "full_name", got, err)
	}
	if got := content.FoldWords("Đảng viên  CHÍNH-THỨC"); got != "dang vien chinh thuc" {
		t.Errorf("FoldWords = %q", got)
	}
}

// TestValidateListsEveryRule: Validate reports every rule a member breaks,
// in field order, each on its field.
func TestValidateListsEveryRule(t *testing.T) {
	d := func(y int, m time.Month, day int) *content.Date { v := content.NewDate(y, m, day); return &v }
	today := content.NewDate(2025, 6, 15)
	in := content.MemberInput{Status: content.StatusProbationary, BirthDate: d(2026, 1, 1), JoinedOn: d(1929, 1, 1), OfficialOn: d(2000, 1, 1)}
	err := in.Validate(today)
	var errs content.RuleErrors
	if !errors.As(err, &errs) {
		t.Fatalf("err = %v, want RuleErrors", err)
	}
	var got []string
	for _, e := range errs {
		got = append(got, e.Field+" "+e.Code)
	}
	want := []string{"birth_date date_in_future", "joined_on date_too_early", "official_on probationary_official"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("rules broken = %v, want %v", got, want)
	}
	in = content.MemberInput{Status: content.StatusFull, BirthDate: d(1984, 9, 2), JoinedOn: d(2000, 9, 2), OfficialOn: d(2001, 9, 2)}
	if err := in.Validate(today); err != nil {
		t.Errorf("16 at joining: %v", err)
	}
	in.BirthDate = d(1984, 9, 3)
	if err := in.Validate(today); err == nil || !strings.Contains(err.Error(), "tuổi khi vào Đảng là 15") {
		t.Errorf("15 at joining: %v", err)
	}
}

// ruleCase is one member typed by a person: the CSV values (an empty
// optional value is null in JSON), and the column at fault with part of the
// reason, or "" for a member both paths accept.
type ruleCase struct {
	name   string
	vals   map[string]string
	field  string
	reason string
}

var ruleColumns = []string{"card_number", "full_name", "birth_date", "gender", "phone", "status", "joined_on", "official_on"}

func ruleCases() []ruleCase {
	yearsAgo := func(n int) string { return content.Today().AddDate(-n, 0, 0).Format("02/01/2006") }
	long := strings.Repeat("Nguyễn ", 30) // 210 characters
	return []ruleCase{
		{"good", nil, "", ""},
		{"card with dots", map[string]string{"card_number": "20.000.002"}, "", ""},
		{"card with spaces", map[string]string{"card_number": " 2000 0003 "}, "", ""},
		{"12-digit card", map[string]string{"card_number": "200000000004"}, "", ""},
		{"phone +84", map[string]string{"phone": "+84 987 000 002"}, "", ""},
		{"phone 84", map[string]string{"phone": "84987000003"}, "", ""},
		{"phone with dots", map[string]string{"phone": "0987.000.004"}, "", ""},
		{"phone without its zero", map[string]string{"phone": "987000005"}, "", ""},
		{"phone in parentheses", map[string]string{"phone": "(+84) 38-123-4567"}, "", ""},
		{"no phone", map[string]string{"phone": ""}, "", ""},
		{"gender Nam", map[string]string{"gender": "Nam"}, "", ""},
		{"gender NỮ", map[string]string{"gender": "NỮ"}, "", ""},
		{"gender female", map[string]string{"gender": "female"}, "", ""},
		{"no gender", map[string]string{"gender": ""}, "", ""},
		{"status full", map[string]string{"status": "full"}, "", ""},
		{"status Đảng viên dự bị", map[string]string{"status": "Đảng viên dự bị", "official_on": ""}, "", ""},
		{"status probationary", map[string]string{"status": "probationary", "official_on": ""}, "", ""},
		{"status miễn công tác", map[string]string{"status": "Miễn công tác và sinh hoạt"}, "", ""},
		{"ISO dates", map[string]string{"birth_date": "1975-08-20", "joined_on": "2000-09-02", "official_on": "2001-9-2"}, "", ""},
		{"d/m/yyyy", map[string]string{"birth_date": "5/3/1960"}, "", ""},
		{"dotted date", map[string]string{"birth_date": "15.03.1960"}, "", ""},
		{"dashed date", map[string]string{"birth_date": "15-03-1960"}, "", ""},
		{"joined the day the Party was founded", map[string]string{"birth_date": "01/01/1910", "joined_on": "03/02/1930", "official_on": "03/02/1931"}, "", ""},
		{"16 at joining", map[string]string{"birth_date": "02/09/1984"}, "", ""},
		{"no dates", map[string]string{"birth_date": "", "joined_on": "", "official_on": ""}, "", ""},
		{"only a birth date", map[string]string{"joined_on": "", "official_on": ""}, "", ""},
		{"NFD name with extra spaces", map[string]string{"full_name": norm.NFD.String("  Trần   Thị  Bình ")}, "", ""},

		{"missing card", map[string]string{"card_number": ""}, "card_number", "thiếu số thẻ"},
		{"short card", map[string]string{"card_number": "1234567"}, "card_number", "phải có 8–12 chữ số (có 7)"},
		{"long card", map[string]string{"card_number": "1234567890123"}, "card_number", "(có 13)"},
		{"card with letters", map[string]string{"card_number": "12AB5678"}, "card_number", "chỉ được gồm chữ số"},
		{"missing name", map[string]string{"full_name": "  "}, "full_name", "thiếu họ và tên"},
		{"long name", map[string]string{"full_name": long}, "full_name", "tối đa 200"},
		{"control character in name", map[string]string{"full_name": "Trần\x07Bình"}, "full_name", "ký tự điều khiển"},
		{"landline", map[string]string{"phone": "0241234567"}, "phone", "di động"},
		{"landline with spaces", map[string]string{"phone": "024 3826 1234"}, "phone", "di động"},
		{"foreign phone", map[string]string{"phone": "+1 202 555 0100"}, "phone", "+84"},
		{"letter in phone", map[string]string{"phone": "098700000x"}, "phone", "không hợp lệ"},
		{"11-digit phone", map[string]string{"phone": "09870000011"}, "phone", "di động"},
		{"bad gender", map[string]string{"gender": "khác"}, "gender", "giới tính"},
		{"bad status", map[string]string{"status": "lâu năm"}, "status", "không hợp lệ"},
		{"missing status", map[string]string{"status": ""}, "status", "thiếu trạng thái"},
		{"impossible date", map[string]string{"birth_date": "31/02/1975"}, "birth_date", "không có thật"},
		{"two-digit year", map[string]string{"birth_date": "20/08/75"}, "birth_date", "không đúng dạng"},
		{"future joining", map[string]string{"joined_on": "01/01/2999", "official_on": ""}, "joined_on", "tương lai"},
		{"future birth", map[string]string{"birth_date": "01/01/2999"}, "birth_date", "tương lai"},
		{"joined before the Party", map[string]string{"joined_on": "01/01/1929", "official_on": ""}, "joined_on", "03/02/1930"},
		{"official before the Party", map[string]string{"joined_on": "", "official_on": "02/02/1930"}, "official_on", "03/02/1930"},
		{"born before 1900", map[string]string{"birth_date": "31/12/1899", "joined_on": "03/02/1930"}, "birth_date", "trước năm 1900"},
		{"official before joined", map[string]string{"official_on": "01/09/2000"}, "official_on", "trước ngày vào Đảng"},
		{"probationary with an official date", map[string]string{"status": "dự bị"}, "official_on", "dự bị"},
		{"15 at joining", map[string]string{"birth_date": "03/09/1984"}, "birth_date", "tuổi khi vào Đảng là 15"},
		{"111 at joining", map[string]string{"birth_date": "01/01/1900", "joined_on": "02/01/2011", "official_on": "02/01/2012"}, "birth_date", "tuổi khi vào Đảng là 111"},
		{"10 years old today", map[string]string{"birth_date": yearsAgo(10), "joined_on": "", "official_on": ""}, "birth_date", "(10 tuổi)"},
	}
}

// TestMemberRulesAgree runs the same members through the API path (the
// JSON body decoded into a MemberInput, then CreateMember as an admin) and
// through the CSV import: both accept the same members and store them
// alike, and refuse the same ones, on the same field, for the same reason.
func TestMemberRulesAgree(t *testing.T) {
	f := newAcctFixture(t)
	ctx := context.Background()
	base := map[string]string{"card_number": "20000001", "full_name": "Trần Thị Bình", "birth_date": "20/08/1975", "gender": "nữ",
		"phone": "0987000001", "status": "chính thức", "joined_on": "02/09/2000", "official_on": "02/09/2001"}
	for _, c := range ruleCases() {
		t.Run(c.name, func(t *testing.T) {
			vals := map[string]string{}
			for k, v := range base {
				vals[k] = v
			}
			for k, v := range c.vals {
				vals[k] = v
			}
			apiMember, apiErr := viaAPI(t, f, vals)
			rows, importErr := viaImport(t, f, vals)

			if c.field == "" {
				if apiErr != nil || importErr != nil {
					t.Fatalf("refused: API %v; import %v", apiErr, importErr)
				}
				id := memberID(t, f, apiMember.CardNumber)
				defer deleteMember(t, f, id)
				imported, err := content.GetMember(ctx, f.pool, id)
				if err != nil {
					t.Fatal(err)
				}
				if a, b := storedForm(apiMember), storedForm(imported); a != b {
					t.Errorf("stored differently:\n API    %s\n import %s", a, b)
				}
				return
			}

			if len(rows) != 1 {
				t.Fatalf("import: %v (err %v); want one error on %s", rows, importErr, c.field)
			}
			row := rows[0]
			if row.Column != c.field || !strings.Contains(row.Reason, c.reason) {
				t.Errorf("import: %v; want column %s, reason containing %q", row, c.field, c.reason)
			}
			var e *db.Error
			switch {
			case apiErr == nil:
				t.Errorf("API accepted %+v; the import refused it: %v", apiMember, row)
			case errors.As(apiErr, &e):
				if e.Kind != db.KindInvalid || e.Field != row.Column || e.Code == "" || e.Message != sentence(row.Reason) {
					t.Errorf("API: %s on %q: %s\nimport: %v", e.Code, e.Field, e.Message, row)
				}
			case strings.Contains(apiErr.Error(), row.Reason): // a date the JSON decoder refused, by ParseDate
				if !strings.HasSuffix(row.Column, "_on") && row.Column != "birth_date" {
					t.Errorf("API refused %v while decoding; import: %v", apiErr, row)
				}
			default:
				t.Errorf("API: %v\nimport: %v", apiErr, row)
			}
		})
	}
}

// viaAPI decodes vals as the API's JSON body and creates the member, in a
// transaction it rolls back.
func viaAPI(t *testing.T, f *acctFixture, vals map[string]string) (content.Member, error) {
	t.Helper()
	ctx := context.Background()
	body := map[string]any{"cell_id": f.cell.ID}
	for _, k := range ruleColumns {
		v := vals[k]
		switch {
		case v != "" || k == "card_number" || k == "full_name" || k == "status":
			body[k] = v
		default:
			body[k] = nil
		}
	}
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	var in content.MemberInput
	if err := json.Unmarshal(b, &in); err != nil {
		return content.Member{}, err
	}
	tx, err := f.pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	return content.CreateMember(ctx, tx, f.admin, in)
}

// viaImport imports vals as a one-row CSV file. It returns the row errors.
func viaImport(t *testing.T, f *acctFixture, vals map[string]string) ([]memberimport.RowError, error) {
	t.Helper()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	row := make([]string, 0, len(ruleColumns)+1)
	for _, k := range ruleColumns {
		row = append(row, vals[k])
	}
	if err := w.WriteAll([][]string{append(append([]string(nil), ruleColumns...), "cell_code"), append(row, f.cell.Code)}); err != nil {
		t.Fatal(err)
	}
	res, err := memberimport.Import(context.Background(), f.pool, &buf, memberimport.Options{})
	if err == nil && (res.Inserted != 1 || len(res.Errors) != 0) {
		t.Fatalf("import result %+v", res)
	}
	return res.Errors, err
}

func memberID(t *testing.T, f *acctFixture, card string) int64 {
	t.Helper()
	var id int64
	if err := f.pool.QueryRow(context.Background(), `SELECT id FROM members WHERE card_number = $1`, card).Scan(&id); err != nil {
		t.Fatalf("member %s: %v", card, err)
	}
	return id
}

// deleteMember removes an imported member, so the next case starts clean.
func deleteMember(t *testing.T, f *acctFixture, id int64) {
	t.Helper()
	for _, sql := range []string{`DELETE FROM memberships WHERE member_id = $1`, `DELETE FROM members WHERE id = $1`} {
		if _, err := f.pool.Exec(context.Background(), sql, id); err != nil {
			t.Fatal(err)
		}
	}
}

// storedForm is what the rules decide about a member, as text.
func storedForm(m content.Member) string {
	m.ID, m.UpdatedAt = 0, time.Time{}
	b, _ := json.Marshal(m)
	return string(b)
}

// sentence is RuleError.Invalid's message for a reason.
func sentence(reason string) string {
	c, n := utf8.DecodeRuneInString(reason)
	return string(unicode.ToUpper(c)) + reason[n:] + "."
}
