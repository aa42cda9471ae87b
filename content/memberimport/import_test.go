package memberimport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"sotay/content"
	"sotay/db"
	"sotay/db/dbtest"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

const header = "card_number,full_name,birth_date,gender,phone,status,joined_on,official_on,cell_code\n"

// good are three valid rows (lines 2-4 after the header).
const good = "" +
	"10000001,Nguyễn Văn An,15/03/1960,nam,0912000001,chính thức,10/05/1990,10/05/1991,CB01\n" +
	"10000002,Trần Thị Bình,1975-08-20,nữ,+84 912 000 002,dự bị,2024-09-02,,CB01\n" +
	"10.000.003,Lê Văn Cường,,,,miễn sinh hoạt,,,CS01\n"

// units creates a small tree: province T01 > commune X01 > cells CB01,
// CB02; grassroots CS01 under the province.
func units(t testing.TB, pool *pgxpool.Pool) map[string]content.Unit {
	t.Helper()
	ctx := context.Background()
	us := map[string]content.Unit{}
	mk := func(parent, code string, kind content.UnitKind) {
		n := content.NewUnit{Kind: kind, Code: code, Name: "Đơn vị " + code}
		if parent != "" {
			id := us[parent].ID
			n.ParentID = &id
		}
		u, err := content.CreateUnit(ctx, pool, nil, n)
		if err != nil {
			t.Fatal(err)
		}
		us[code] = u
	}
	mk("", "T01", content.KindProvince)
	mk("T01", "X01", content.KindCommune)
	mk("X01", "CB01", content.KindCell)
	mk("X01", "CB02", content.KindCell)
	mk("T01", "CS01", content.KindGrassroots)
	return us
}

func run(t *testing.T, pool *pgxpool.Pool, file string, opt Options) (Result, error) {
	t.Helper()
	return Import(context.Background(), pool, strings.NewReader(file), opt)
}

func mustRun(t *testing.T, pool *pgxpool.Pool, file string, opt Options) Result {
	t.Helper()
	res, err := run(t, pool, file, opt)
	if err != nil {
		t.Fatalf("Import: %v (errors %v)", err, res.Errors)
	}
	return res
}

func count(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

// snapshot is the whole state an import may touch, as text.
func snapshot(t *testing.T, pool *pgxpool.Pool) string {
	t.Helper()
	var s string
	err := pool.QueryRow(context.Background(), `
		SELECT coalesce((SELECT json_agg(m ORDER BY id)::text FROM members m), '') ||
		       coalesce((SELECT json_agg(ms ORDER BY id)::text FROM memberships ms), '')`).Scan(&s)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestImportGoodFile(t *testing.T) {
	pool := dbtest.New(t)
	us := units(t, pool)
	var progress bytes.Buffer
	res := mustRun(t, pool, header+good, Options{Progress: &progress})
	want := Result{Rows: 3, Valid: 3, Inserted: 3}
	if fmt.Sprint(res) != fmt.Sprint(want) {
		t.Fatalf("result %+v, want %+v", res, want)
	}
	ctx := context.Background()
	var (
		name, gender, phone, status, state string
		birth, joined, official            string
		cellID                             int64
	)
	err := pool.QueryRow(ctx, `
		SELECT full_name, gender, phone, status, state, birth_date::text, joined_on::text, official_on::text, cell_id
		FROM members WHERE card_number = '10000001'`).Scan(&name, &gender, &phone, &status, &state, &birth, &joined, &official, &cellID)
	if err != nil {
		t.Fatal(err)
	}
	if name != "Nguyễn Văn An" || gender != "male" || phone != "0912000001" || status != "full" || state != "active" ||
		birth != "1960-03-15" || joined != "1990-05-10" || official != "1991-05-10" || cellID != us["CB01"].ID {
		t.Errorf("member 10000001 = %q %q %q %q %q %s %s %s %d", name, gender, phone, status, state, birth, joined, official, cellID)
	}
	if n := count(t, pool, `SELECT count(*) FROM members WHERE card_number = '10000002' AND phone = '0912000002' AND status = 'probationary' AND gender = 'female'`); n != 1 {
		t.Error("member 10000002 not stored as given")
	}
	if n := count(t, pool, `SELECT count(*) FROM members WHERE card_number = '10000003' AND cell_id = $1 AND phone IS NULL AND birth_date IS NULL AND status = 'exempt'`, us["CS01"].ID); n != 1 {
		t.Error("member 10000003 (card with dots, in a chi bộ cơ sở) not stored as given")
	}
	// One current membership each, from the day they joined (today when unknown).
	if n := count(t, pool, `
		SELECT count(*) FROM memberships ms JOIN members m ON m.id = ms.member_id
		WHERE ms.ended_on IS NULL AND ms.unit_id = m.cell_id
		  AND ms.started_on = coalesce(m.joined_on, (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)`); n != 3 {
		t.Errorf("current memberships = %d, want 3", n)
	}
	entries, err := content.AuditLog(ctx, pool, "import", "", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Action != "members.import" || entries[0].Source != "cli" ||
		entries[0].Details["inserted"] != float64(3) || entries[0].Details["rows"] != float64(3) {
		t.Errorf("audit = %+v", entries)
	}
	if !strings.Contains(progress.String(), "đã nhập 3/3 dòng") {
		t.Errorf("progress = %q", progress.String())
	}
}

func TestBadRows(t *testing.T) {
	pool := dbtest.New(t)
	units(t, pool)
	ctx := context.Background()
	// Already in the database: 99999999 holds phone 0987654321; 88888888 was expelled.
	mustRun(t, pool, header+
		"99999999,Phạm Văn Dũng,,,0987654321,full,,,CB01\n"+
		"88888888,Hoàng Văn Em,,,,full,,,CB01\n", Options{})
	if _, err := pool.Exec(ctx, `UPDATE members SET state = 'expelled', cell_id = NULL WHERE card_number = '88888888'`); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, pool)

	line2 := "10000001,Nguyễn Văn An,15/03/1960,nam,0912000001,chính thức,10/05/1990,10/05/1991,CB01\n"
	// row builds line 3 from the good values with some replaced.
	row := func(repl map[string]string) string {
		v := map[string]string{"card_number": "10000002", "full_name": "Trần Thị Bình", "birth_date": "20/08/1975", "gender": "nữ",
			"phone": "0912000002", "status": "full", "joined_on": "02/09/2000", "official_on": "02/09/2001", "cell_code": "CB02"}
		for k, x := range repl {
			v[k] = x
		}
		return strings.Join([]string{v["card_number"], v["full_name"], v["birth_date"], v["gender"], v["phone"], v["status"],
			v["joined_on"], v["official_on"], v["cell_code"]}, ",") + "\n"
	}
	for _, c := range []struct {
		name   string
		line3  string
		column string
		reason string
	}{
		{"bad card format", row(map[string]string{"card_number": "12AB5678"}), "card_number", "chỉ được gồm chữ số"},
		{"short card", row(map[string]string{"card_number": "1234567"}), "card_number", "8–12 chữ số"},
		{"duplicate card", row(map[string]string{"card_number": "10.000.001"}), "card_number", "trùng với dòng 2"},
		{"expelled member", row(map[string]string{"card_number": "88888888"}), "card_number", "khai trừ"},
		{"unknown unit code", row(map[string]string{"cell_code": "KHONGCO"}), "cell_code", `không có tổ chức nào mã "KHONGCO"`},
		{"unit not a cell", row(map[string]string{"cell_code": "X01"}), "cell_code", "không phải chi bộ"},
		{"bad cell code", row(map[string]string{"cell_code": "CB 01"}), "cell_code", "không hợp lệ"},
		{"bad date", row(map[string]string{"birth_date": "20/08/75"}), "birth_date", "không đúng dạng"},
		{"impossible date", row(map[string]string{"joined_on": "31/02/2000"}), "joined_on", "không có thật"},
		{"future date", row(map[string]string{"official_on": "01/01/2999"}), "official_on", "tương lai"},
		{"before the Party", row(map[string]string{"joined_on": "01/01/1929"}), "joined_on", "03/02/1930"},
		{"official before joined", row(map[string]string{"official_on": "01/09/2000"}), "official_on", "trước ngày vào Đảng"},
		{"too young at joining", row(map[string]string{"birth_date": "01/01/1990"}), "birth_date", "tuổi khi vào Đảng là 10"},
		{"probationary with official date", row(map[string]string{"status": "dự bị"}), "official_on", "dự bị"},
		{"invalid UTF-8", row(map[string]string{"full_name": "Tr\xe1n Th\xff B\xecnh"}), "full_name", "UTF-8"},
		{"duplicate phone", row(map[string]string{"phone": "+84912000001"}), "phone", "trùng với dòng 2"},
		{"phone of another member", row(map[string]string{"phone": "0987 654 321"}), "phone", "số thẻ 99999999"},
		{"landline", row(map[string]string{"phone": "024 3826 1234"}), "phone", "di động"},
		{"bad gender", row(map[string]string{"gender": "khác"}), "gender", "giới tính"},
		{"bad status", row(map[string]string{"status": "lâu năm"}), "status", "không hợp lệ"},
		{"missing card", row(map[string]string{"card_number": ""}), "card_number", "thiếu số thẻ"},
		{"missing name", row(map[string]string{"full_name": " "}), "full_name", "thiếu họ và tên"},
		{"missing status", row(map[string]string{"status": ""}), "status", "thiếu trạng thái"},
		{"missing cell", row(map[string]string{"cell_code": ""}), "cell_code", "thiếu mã chi bộ"},
		{"bare quote", row(map[string]string{"full_name": `Trần "Bé" Bình`}), "", "ngoặc kép"},
		{"too few fields", "10000002,Trần Thị Bình,full,CB02\n", "", "có 4 cột"},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := run(t, pool, header+line2+c.line3, Options{})
			var e *db.Error
			if !errors.As(err, &e) || e.Kind != db.KindInvalid || e.Code != "import_invalid_rows" ||
				e.Message != "Có 1 dòng không hợp lệ; không nhập dòng nào." {
				t.Fatalf("err = %v, want import_invalid_rows for 1 row", err)
			}
			if res.Rows != 2 || res.Valid != 1 || len(res.Errors) == 0 {
				t.Fatalf("result %+v", res)
			}
			found := false
			for _, re := range res.Errors {
				if re.Line != 3 {
					t.Errorf("error on line %d, want only line 3: %v", re.Line, re)
				}
				if re.Column == c.column && strings.Contains(re.Reason, c.reason) {
					found = true
				}
			}
			if !found {
				t.Errorf("errors %v; want line 3, column %q, reason containing %q", res.Errors, c.column, c.reason)
			}
			if snapshot(t, pool) != before {
				t.Error("something was imported")
			}
		})
	}
	if n := count(t, pool, `SELECT count(*) FROM audit_log WHERE action = 'members.import'`); n != 1 {
		t.Errorf("audit entries = %d, want only the setup's", n)
	}
}

func TestNothingImportedWhenAnyRowBad(t *testing.T) {
	pool := dbtest.New(t)
	units(t, pool)
	file := header + good +
		"10000004,Đỗ Thị Giang,31/02/1980,nữ,,full,,,CB01\n" + // line 5: impossible date
		"10000005,Vũ Văn Hải,,,,full,,,NOWHERE\n" // line 6: unknown cell
	res, err := run(t, pool, file, Options{})
	if !errors.Is(err, db.ErrInvalid) || !strings.Contains(err.Error(), "Có 2 dòng không hợp lệ") {
		t.Fatalf("err = %v", err)
	}
	if res.Rows != 5 || res.Valid != 3 || len(res.Errors) != 2 || res.Inserted != 0 {
		t.Errorf("result %+v", res)
	}
	if got := res.Errors[0].String(); got != `dòng 5, cột birth_date: ngày "31/02/1980" không có thật` {
		t.Errorf("first error prints as %q", got)
	}
	if res.Errors[1].Line != 6 || res.Errors[1].Column != "cell_code" {
		t.Errorf("second error %v", res.Errors[1])
	}
	if n := count(t, pool, `SELECT (SELECT count(*) FROM members) + (SELECT count(*) FROM memberships) + (SELECT count(*) FROM audit_log WHERE action = 'members.import')`); n != 0 {
		t.Errorf("%d rows written", n)
	}
}

func TestSkipInvalid(t *testing.T) {
	pool := dbtest.New(t)
	units(t, pool)
	file := header + good +
		"10000004,Đỗ Thị Giang,31/02/1980,nữ,,full,,,CB01\n" +
		"10000005,Vũ Văn Hải,,,,full,,,NOWHERE\n"
	res := mustRun(t, pool, file, Options{SkipInvalid: true})
	if res.Rows != 5 || res.Valid != 3 || res.Inserted != 3 || len(res.Errors) != 2 {
		t.Errorf("result %+v", res)
	}
	if n := count(t, pool, `SELECT count(*) FROM members`); n != 3 {
		t.Errorf("members = %d, want 3", n)
	}
}

func TestDryRun(t *testing.T) {
	pool := dbtest.New(t)
	units(t, pool)
	res := mustRun(t, pool, header+good, Options{DryRun: true})
	if res.Valid != 3 || res.Inserted != 3 {
		t.Errorf("dry run result %+v", res)
	}
	if n := count(t, pool, `SELECT (SELECT count(*) FROM members) + (SELECT count(*) FROM audit_log WHERE action = 'members.import')`); n != 0 {
		t.Errorf("dry run wrote %d rows", n)
	}
	// With a bad row, a dry run reports it like a real run.
	_, err := run(t, pool, header+good+"1,x,,,,full,,,CB01\n", Options{DryRun: true})
	if db.KindOf(err) != db.KindInvalid {
		t.Errorf("dry run with a bad row: err = %v", err)
	}
}

func TestRerunIsIdempotent(t *testing.T) {
	pool := dbtest.New(t)
	units(t, pool)
	mustRun(t, pool, header+good, Options{})
	before := snapshot(t, pool)
	res := mustRun(t, pool, header+good, Options{})
	want := Result{Rows: 3, Valid: 3, Unchanged: 3}
	if fmt.Sprint(res) != fmt.Sprint(want) {
		t.Errorf("re-run result %+v, want %+v", res, want)
	}
	if snapshot(t, pool) != before {
		t.Error("re-run changed the database")
	}
}

func TestTransferKeepsHistory(t *testing.T) {
	pool := dbtest.New(t)
	us := units(t, pool)
	ctx := context.Background()
	mustRun(t, pool, header+good, Options{})
	// An earlier member who left the province comes back in the new file.
	mustRun(t, pool, header+"10000009,Bùi Văn Khoa,,,,full,,,CB01\n", Options{})
	if _, err := pool.Exec(ctx, `UPDATE members SET state = 'left', cell_id = NULL WHERE card_number = '10000009';
		UPDATE memberships SET ended_on = started_on, reason = 'chuyển đi' WHERE member_id = (SELECT id FROM members WHERE card_number = '10000009')`); err != nil {
		t.Fatal(err)
	}
	// The member who moves is the secretary of the old cell and sits on the
	// grassroots committee above it, which they do not leave.
	if _, err := pool.Exec(ctx, `INSERT INTO positions (member_id, unit_id, role, started_on)
		SELECT id, cell_id, 'secretary', '2020-01-01' FROM members WHERE card_number = '10000001';
		INSERT INTO positions (member_id, unit_id, role, started_on)
		SELECT m.id, u.parent_id, 'committee_member', '2020-01-01' FROM members m JOIN units u ON u.id = m.cell_id WHERE m.card_number = '10000001'`); err != nil {
		t.Fatal(err)
	}
	file := header +
		"10000001,Nguyễn Văn An,15/03/1960,nam,0912000001,chính thức,10/05/1990,10/05/1991,CB02\n" + // moved
		"10000002,Trần Thị Bình,1975-08-20,nữ,0912000099,dự bị,2024-09-02,,CB01\n" + // new phone
		"10000003,Lê Văn Cường,,,,miễn sinh hoạt,,,CS01\n" + // same
		"10000009,Bùi Văn Khoa,,,,full,,,CB01\n" // back
	res := mustRun(t, pool, file, Options{})
	want := Result{Rows: 4, Valid: 4, Updated: 1, Transferred: 2, Unchanged: 1}
	if fmt.Sprint(res) != fmt.Sprint(want) {
		t.Fatalf("result %+v, want %+v", res, want)
	}
	rows, err := pool.Query(ctx, `
		SELECT ms.unit_id, ms.ended_on IS NULL, ms.reason,
		       coalesce(ms.ended_on = (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, false)
		FROM memberships ms JOIN members m ON m.id = ms.member_id
		WHERE m.card_number = '10000001' ORDER BY ms.id`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var unit int64
		var current, endedToday bool
		var reason string
		if err := rows.Scan(&unit, &current, &reason, &endedToday); err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprint(unit, current, endedToday, reason))
	}
	wantRows := []string{
		fmt.Sprint(us["CB01"].ID, false, true, "chuyển sinh hoạt (nhập danh sách)"),
		fmt.Sprint(us["CB02"].ID, true, false, "chuyển sinh hoạt (nhập danh sách)"),
	}
	if fmt.Sprint(got) != fmt.Sprint(wantRows) {
		t.Errorf("memberships of the moved member:\n got %v\nwant %v", got, wantRows)
	}
	if n := count(t, pool, `SELECT count(*) FROM members WHERE card_number = '10000001' AND cell_id = $1`, us["CB02"].ID); n != 1 {
		t.Error("moved member's cell not changed")
	}
	if n := count(t, pool, `SELECT count(*) FROM positions WHERE ended_on IS NULL AND role = 'secretary'`); n != 0 {
		t.Error("the moved secretary still holds the old cell's position")
	}
	if n := count(t, pool, `SELECT count(*) FROM positions WHERE ended_on IS NULL AND role = 'committee_member'`); n != 1 {
		t.Error("the move ended a position outside the old cell")
	}
	if n := count(t, pool, `SELECT count(*) FROM memberships ms JOIN members m ON m.id = ms.member_id WHERE m.card_number = '10000002'`); n != 1 {
		t.Errorf("updated member has %d memberships, want 1", n)
	}
	if n := count(t, pool, `
		SELECT count(*) FROM members m JOIN memberships ms ON ms.member_id = m.id AND ms.ended_on IS NULL AND ms.unit_id = m.cell_id
		WHERE m.card_number = '10000009' AND m.state = 'active' AND (SELECT count(*) FROM memberships WHERE member_id = m.id) = 2`); n != 1 {
		t.Error("returning member is not active with a new current membership")
	}
	// And the same file again changes nothing.
	before := snapshot(t, pool)
	if res := mustRun(t, pool, file, Options{}); res.Unchanged != 4 {
		t.Errorf("re-run %+v", res)
	}
	if snapshot(t, pool) != before {
		t.Error("re-run changed the database")
	}
}

func TestAbsentColumnsKeepValues(t *testing.T) {
	pool := dbtest.New(t)
	units(t, pool)
	mustRun(t, pool, header+good, Options{})
	before := snapshot(t, pool)
	// No phone, birth_date... columns: existing values stay.
	res := mustRun(t, pool, "status,cell_code,full_name,card_number\nfull,CB01,Nguyễn Văn An,10000001\n", Options{})
	if res.Unchanged != 1 || snapshot(t, pool) != before {
		t.Errorf("absent columns changed something: %+v", res)
	}
	// A present but empty phone clears it.
	res = mustRun(t, pool, "card_number,full_name,status,cell_code,phone\n10000001,Nguyễn Văn An,full,CB01,\n", Options{})
	if res.Updated != 1 || count(t, pool, `SELECT count(*) FROM members WHERE card_number = '10000001' AND phone IS NULL`) != 1 {
		t.Errorf("empty phone did not clear it: %+v", res)
	}
}

func TestSemicolonBOMVietnameseHeaders(t *testing.T) {
	pool := dbtest.New(t)
	us := units(t, pool)
	file := "\ufeffSTT;Số thẻ;Họ và tên;Ngày sinh;Giới tính;Số điện thoại;Trạng thái;Ngày vào Đảng;Ngày chính thức;Mã chi bộ\r\n" +
		"1;12.345.678;\"Nguyễn Văn An; con\";5/3/1960;Nam;+84 912 345 678;Chính thức;10/05/1990;10/05/1991;CB01\r\n" +
		"2;87654321;" + "Tra\u0302\u0300n Thi\u0323 Bi\u0300nh" + ";;NỮ;0912.345.679;Dự bị;;;CB02\r\n"
	res := mustRun(t, pool, file, Options{})
	if res.Inserted != 2 {
		t.Fatalf("result %+v", res)
	}
	if n := count(t, pool, `SELECT count(*) FROM members WHERE card_number = '12345678' AND full_name = 'Nguyễn Văn An; con'
		AND birth_date = '1960-03-05' AND gender = 'male' AND phone = '0912345678' AND status = 'full' AND cell_id = $1`, us["CB01"].ID); n != 1 {
		t.Error("first row not stored as given")
	}
	if n := count(t, pool, `SELECT count(*) FROM members WHERE card_number = '87654321' AND full_name = 'Trần Thị Bình'
		AND gender = 'female' AND phone = '0912345679' AND status = 'probationary'`); n != 1 {
		t.Error("second row (NFD name) not stored in NFC")
	}
	// Errors name the columns as the file does.
	res, err := run(t, pool, "\ufeffSố thẻ;Họ và tên;Trạng thái;Mã chi bộ\r\n1234;An;Chính thức;CB01\r\n", Options{})
	if err == nil || len(res.Errors) != 1 || res.Errors[0].String() != `dòng 2, cột Số thẻ: số thẻ "1234" phải có 8–12 chữ số (có 4)` {
		t.Errorf("errors %v, err %v", res.Errors, err)
	}
}

func TestStructuralErrors(t *testing.T) {
	pool := dbtest.New(t)
	units(t, pool)
	for _, c := range []struct {
		name, file, code, in string
	}{
		{"missing column", "card_number,full_name,cell_code\n10000001,An,CB01\n", "import_missing_column", "status (trạng thái)"},
		{"missing several", "Họ tên;Ngày sinh\nAn;01/01/1960\n", "import_missing_column", "card_number (số thẻ đảng viên), status (trạng thái), cell_code (mã chi bộ)"},
		{"duplicate column", "so_the,card_number,full_name,status,cell_code\n", "import_duplicate_column", "card_number"},
		{"excel file", "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xb5\x9a\n", "import_not_utf8", "UTF-8"},
		{"utf-16", "\xff\xfec\x00a\x00r\x00d\x00", "import_not_utf8", "UTF-16"},
		{"empty", "", "import_empty", "trống"},
		{"header only", header, "import_empty", "không có dòng dữ liệu"},
		{"bad header quoting", "\"card_number,full_name,status,cell_code\n", "import_not_csv", "ngoặc kép"},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := run(t, pool, c.file, Options{})
			var e *db.Error
			if !errors.As(err, &e) || e.Kind != db.KindInvalid || e.Code != c.code || !strings.Contains(e.Message, c.in) {
				t.Fatalf("err = %v; want %s mentioning %q", err, c.code, c.in)
			}
			if res.Rows != 0 || len(res.Errors) != 0 {
				t.Errorf("result %+v", res)
			}
		})
	}
}

// generate makes a valid member list of n rows spread over cells CB1..CBcells.
func generate(n, cells int) []byte {
	var b bytes.Buffer
	b.WriteString(header)
	for i := range n {
		born := 1940 + i%50
		fmt.Fprintf(&b, "%d,Nguyễn Văn Thành %d,%02d/%02d/%d,%s,09%08d,%s,%d-%02d-%02d,,CB%d\n",
			10_000_000+i, i, i%28+1, i%12+1, born, []string{"nam", "nữ"}[i%2], i,
			[]string{"chính thức", "dự bị", "miễn sinh hoạt"}[i%3], born+18+i%7, i%12+1, i%28+1, i%cells+1)
	}
	return b.Bytes()
}

// manyCells adds cells CB1..CBn under one commune, in one statement.
func manyCells(b *testing.B, pool *pgxpool.Pool, n int) {
	ctx := context.Background()
	root, err := content.CreateUnit(ctx, pool, nil, content.NewUnit{Kind: content.KindProvince, Code: "T", Name: "Tỉnh"})
	if err != nil {
		b.Fatal(err)
	}
	_, err = pool.Exec(ctx, `
		WITH n AS (SELECT nextval(pg_get_serial_sequence('units', 'id')) AS id, g FROM generate_series(1, $3::int) g)
		INSERT INTO units (id, parent_id, path, kind, code, name)
		SELECT id, $1, $2::ltree || id::text, 'cell', 'CB' || g, 'Chi bộ ' || g FROM n`, root.ID, root.Path, n)
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkImport100k imports 100,000 new members into an empty database
// (a fresh one each iteration), then re-imports the same file (all unchanged).
func BenchmarkImport100k(b *testing.B) {
	const rows = 100_000
	data := generate(rows, 5000)
	ctx := context.Background()
	b.Run("insert", func(b *testing.B) {
		for range b.N {
			b.StopTimer()
			pool := dbtest.New(b)
			manyCells(b, pool, 5000)
			b.StartTimer()
			res, err := Import(ctx, pool, bytes.NewReader(data), Options{})
			if err != nil || res.Inserted != rows {
				b.Fatal(err, res.Inserted)
			}
		}
		b.ReportMetric(rows*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	})
	b.Run("rerun", func(b *testing.B) {
		pool := dbtest.New(b)
		manyCells(b, pool, 5000)
		if _, err := Import(ctx, pool, bytes.NewReader(data), Options{}); err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for range b.N {
			res, err := Import(ctx, pool, bytes.NewReader(data), Options{})
			if err != nil || res.Unchanged != rows {
				b.Fatal(err, res)
			}
		}
		b.ReportMetric(rows*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	})
}
