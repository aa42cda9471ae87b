package memberimport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"sotay/content"
	"sotay/db"
)

// Options tune an import.
type Options struct {
	// SkipInvalid imports the valid rows even when some rows are bad (the
	// bad ones are still reported in Result.Errors).
	SkipInvalid bool
	// DryRun validates everything (against the database too) and reports
	// what an import would do, in the counts of Result, without writing.
	DryRun bool
	// Progress, if set, receives progress lines in Vietnamese ("đã nhập
	// 20000/100000 dòng"), at most one per 10% or per second.
	Progress io.Writer
}

// RowError is one problem with one row of the file.
type RowError struct {
	Line   int    // 1-based line in the file; the header is line 1
	Column string // the column's name as written in the header; "" for the whole row
	Reason string // in Vietnamese
}

// String is the line the command prints: "dòng N, cột X: lý do".
func (e RowError) String() string {
	if e.Column == "" {
		return fmt.Sprintf("dòng %d: %s", e.Line, e.Reason)
	}
	return fmt.Sprintf("dòng %d, cột %s: %s", e.Line, e.Column, e.Reason)
}

// Result counts what an import found and did. Rows are the data rows of the
// file (blank rows are not counted), Valid those without errors. After an
// import (or a dry run) every valid row is exactly one of Inserted (a new
// card number), Transferred (an existing member whose cell changed or who
// was not active: a membership ended and another began), Updated (other
// values changed in the same cell) or Unchanged.
type Result struct {
	Rows, Valid                               int
	Inserted, Updated, Transferred, Unchanged int
	Errors                                    []RowError // ordered by line, then column
}

// Reasons written on memberships rows.
const (
	reasonTransfer = "chuyển sinh hoạt (nhập danh sách)"
	reasonImport   = "nhập danh sách"
)

// today is the current date in Vietnam, as a UTC midnight.
func today() time.Time { return content.Today().Time }

var errDryRun = errors.New("memberimport: dry run")

// Import reads a member list (see the package documentation for the format)
// and brings the members table in line with it, in one transaction.
//
// Every row is validated first, all errors collected. When any row is bad
// and opt.SkipInvalid is false, nothing is imported and the error is a
// *db.Error of kind invalid with code "import_invalid_rows", returned with
// Result.Errors filled. A file that cannot be read as a member list at all
// (not UTF-8 or not CSV, a required column missing, no data row) is a
// *db.Error of kind invalid too, with Result empty. With SkipInvalid and no
// valid row at all, nothing is written and the error is nil.
func Import(ctx context.Context, pool *pgxpool.Pool, r io.Reader, opt Options) (Result, error) {
	day := today()
	prog := newProgress(opt.Progress)
	p, err := parse(r, day, func(n int) { prog.printf("đã đọc %d dòng", n) })
	if err != nil {
		return Result{}, err
	}
	if p.rows == 0 {
		return Result{}, badFile("import_empty", "Tệp không có dòng dữ liệu nào (chỉ có dòng tiêu đề).")
	}
	var res Result
	err = db.Transact(ctx, pool, func(tx pgx.Tx) error {
		res = Result{Rows: p.rows}
		if !opt.DryRun {
			// Imports run one at a time, and no other write to members
			// lands between the checks below and the writes.
			if _, err := tx.Exec(ctx, `LOCK TABLE members IN SHARE ROW EXCLUSIVE MODE`); err != nil {
				return fmt.Errorf("memberimport: lock members: %w", err)
			}
		}
		valid, errs, err := checkDB(ctx, tx, p)
		if err != nil {
			return err
		}
		res.Errors, res.Valid = errs, len(valid)
		if bad := res.Rows - res.Valid; bad > 0 && !opt.SkipInvalid {
			return db.Invalid("", "import_invalid_rows", fmt.Sprintf("Có %d dòng không hợp lệ; không nhập dòng nào.", bad))
		}
		if len(valid) == 0 {
			return nil
		}
		if err := load(ctx, tx, p, valid, prog); err != nil {
			return err
		}
		if err := classify(ctx, tx, p, &res); err != nil {
			return err
		}
		if opt.DryRun {
			return errDryRun
		}
		prog.printf("đang cập nhật danh sách đảng viên...")
		if err := apply(ctx, tx, p, day, res); err != nil {
			return err
		}
		return content.Audit(ctx, tx, nil, "members.import", "import", "", map[string]any{
			"rows": res.Rows, "valid": res.Valid, "invalid": res.Rows - res.Valid,
			"inserted": res.Inserted, "updated": res.Updated, "transferred": res.Transferred, "unchanged": res.Unchanged,
			"skip_invalid": opt.SkipInvalid,
		})
	})
	switch {
	case errors.Is(err, errDryRun):
		err = nil
	case err != nil: // nothing was written
		res.Inserted, res.Updated, res.Transferred, res.Unchanged = 0, 0, 0, 0
	}
	return res, err
}

const unitsByCodeSQL = `SELECT code, id, kind FROM units WHERE code = ANY($1)`

const phoneOwnersSQL = `SELECT phone, card_number FROM members WHERE phone = ANY($1)`

const goneMembersSQL = `
SELECT card_number, state FROM members
WHERE card_number = ANY($1) AND state IN ('expelled', 'deceased')`

// checked is a record that passed every check, with its cell.
type checked struct {
	*record
	cellID int64
}

// checkDB runs the checks that need the database, one query each: cell
// codes, phones held by other members, members who may not come back. It
// returns the valid records and every row error, sorted.
func checkDB(ctx context.Context, q db.Querier, p *parsed) ([]checked, []RowError, error) {
	errs := append([]RowError(nil), p.errs...)
	var codes, phones, cards []string
	seen := map[string]bool{}
	for i := range p.recs {
		rc := &p.recs[i]
		if rc.cellCode != "" && !seen["u"+rc.cellCode] {
			seen["u"+rc.cellCode] = true
			codes = append(codes, rc.cellCode)
		}
		if rc.phone != "" && !seen["p"+rc.phone] {
			seen["p"+rc.phone] = true
			phones = append(phones, rc.phone)
		}
		if rc.card != "" {
			cards = append(cards, rc.card)
		}
	}
	type unit struct {
		id   int64
		kind string
	}
	units := map[string]unit{}
	if err := scanPairs(ctx, q, unitsByCodeSQL, codes, func(r pgx.Rows) error {
		var code string
		var u unit
		err := r.Scan(&code, &u.id, &u.kind)
		units[code] = u
		return err
	}); err != nil {
		return nil, nil, fmt.Errorf("memberimport: look up cells: %w", err)
	}
	owners := map[string]string{}
	if err := scanPairs(ctx, q, phoneOwnersSQL, phones, func(r pgx.Rows) error {
		var phone, card string
		err := r.Scan(&phone, &card)
		owners[phone] = card
		return err
	}); err != nil {
		return nil, nil, fmt.Errorf("memberimport: look up phones: %w", err)
	}
	gone := map[string]string{}
	if err := scanPairs(ctx, q, goneMembersSQL, cards, func(r pgx.Rows) error {
		var card, state string
		err := r.Scan(&card, &state)
		gone[card] = state
		return err
	}); err != nil {
		return nil, nil, fmt.Errorf("memberimport: look up members: %w", err)
	}

	col := func(f field) string { return p.column(f) }
	var valid []checked
	for i := range p.recs {
		rc := &p.recs[i]
		bad := rc.bad
		if state, ok := gone[rc.card]; ok {
			what := "đã bị khai trừ"
			if state == "deceased" {
				what = "đã từ trần"
			}
			errs = append(errs, RowError{Line: rc.line, Column: col(fCard), Reason: fmt.Sprintf("đảng viên số thẻ %s %s; không thể nhập lại bằng danh sách", rc.card, what)})
			bad = true
		}
		if owner, ok := owners[rc.phone]; ok && rc.phone != "" && owner != rc.card {
			errs = append(errs, RowError{Line: rc.line, Column: col(fPhone), Reason: fmt.Sprintf("số điện thoại %s đã là của đảng viên số thẻ %s", rc.phone, owner)})
			bad = true
		}
		var cellID int64
		if rc.cellCode != "" {
			u, ok := units[rc.cellCode]
			switch {
			case !ok:
				errs = append(errs, RowError{Line: rc.line, Column: col(fCell), Reason: fmt.Sprintf("không có tổ chức nào mã %s", quote(rc.cellCode))})
				bad = true
			case u.kind != string(content.KindCell) && u.kind != string(content.KindGrassroots):
				errs = append(errs, RowError{Line: rc.line, Column: col(fCell), Reason: fmt.Sprintf("%s là %s, không phải chi bộ; đảng viên sinh hoạt ở chi bộ hoặc chi bộ cơ sở", quote(rc.cellCode), kindName(u.kind))})
				bad = true
			default:
				cellID = u.id
			}
		}
		if !bad {
			valid = append(valid, checked{record: rc, cellID: cellID})
		}
	}
	sortErrors(errs, p.colPos)
	return valid, errs, nil
}

func scanPairs(ctx context.Context, q db.Querier, sql string, keys []string, scan func(pgx.Rows) error) error {
	if len(keys) == 0 {
		return nil
	}
	rows, err := q.Query(ctx, sql, keys)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func kindName(kind string) string {
	switch content.UnitKind(kind) {
	case content.KindProvince:
		return "đảng bộ tỉnh"
	case content.KindCommune:
		return "đảng ủy xã, phường"
	case content.KindCommittee:
		return "đảng ủy trực thuộc"
	case content.KindSubunit:
		return "đảng bộ bộ phận"
	case content.KindGroup:
		return "tổ đảng"
	}
	return kind
}

const createStagingSQL = `
CREATE TEMP TABLE import_members (
    line        int NOT NULL,
    card_number text NOT NULL,
    full_name   text NOT NULL,
    birth_date  date,
    gender      text,
    phone       text,
    status      text NOT NULL,
    joined_on   date,
    official_on date,
    cell_id     bigint NOT NULL,
    member_id   bigint,
    action      text NOT NULL DEFAULT 'insert' -- insert, transfer, update, same
) ON COMMIT DROP`

var stagingColumns = []string{"line", "card_number", "full_name", "birth_date", "gender", "phone", "status", "joined_on", "official_on", "cell_id"}

// load copies the valid rows into the temporary table import_members.
func load(ctx context.Context, tx pgx.Tx, p *parsed, valid []checked, prog *progress) error {
	if _, err := tx.Exec(ctx, createStagingSQL); err != nil {
		return fmt.Errorf("memberimport: staging table: %w", err)
	}
	total := len(valid)
	prog.lastStep = 0
	src := pgx.CopyFromSlice(total, func(i int) ([]any, error) {
		prog.step("đã nhập %d/%d dòng", i+1, total)
		c := valid[i]
		return []any{c.line, c.card, c.name, nullDate(c.birth), nullString(c.gender), nullString(c.phone),
			c.status, nullDate(c.joined), nullDate(c.official), c.cellID}, nil
	})
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"import_members"}, stagingColumns, src); err != nil {
		return fmt.Errorf("memberimport: copy: %w", db.Translate(err, "danh sách đảng viên"))
	}
	// Temporary tables are never analysed on their own; the joins below
	// need the row count to pick hash joins.
	if _, err := tx.Exec(ctx, `ANALYZE import_members`); err != nil {
		return fmt.Errorf("memberimport: analyze: %w", err)
	}
	return nil
}

func nullDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// presence are the parameters $1..$5 of the SQL below: whether the file
// has the optional columns. A column absent from the file leaves the
// existing members' values alone; a present but empty one clears them.
func presence(p *parsed) []any {
	return []any{p.present[fBirth], p.present[fGender], p.present[fPhone], p.present[fJoined], p.present[fOfficial]}
}

const classifySQL = `
UPDATE import_members s SET member_id = m.id, action = CASE
    WHEN m.state <> 'active' OR m.cell_id IS DISTINCT FROM s.cell_id THEN 'transfer'
    WHEN m.full_name <> s.full_name OR m.status <> s.status
      OR ($1 AND m.birth_date IS DISTINCT FROM s.birth_date)
      OR ($2 AND m.gender IS DISTINCT FROM s.gender)
      OR ($3 AND m.phone IS DISTINCT FROM s.phone)
      OR ($4 AND m.joined_on IS DISTINCT FROM s.joined_on)
      OR ($5 AND m.official_on IS DISTINCT FROM s.official_on)
      OR cur.id IS NULL -- an active member without a current membership gets one
    THEN 'update'
    ELSE 'same' END
FROM members m
LEFT JOIN memberships cur ON cur.member_id = m.id AND cur.ended_on IS NULL
WHERE m.card_number = s.card_number`

// classify decides what happens to each staged row and counts it.
func classify(ctx context.Context, tx pgx.Tx, p *parsed, res *Result) error {
	if _, err := tx.Exec(ctx, classifySQL, presence(p)...); err != nil {
		return fmt.Errorf("memberimport: classify: %w", err)
	}
	rows, err := tx.Query(ctx, `SELECT action, count(*) FROM import_members GROUP BY action`)
	if err != nil {
		return fmt.Errorf("memberimport: count: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var action string
		var n int
		if err := rows.Scan(&action, &n); err != nil {
			return err
		}
		switch action {
		case "insert":
			res.Inserted = n
		case "transfer":
			res.Transferred = n
		case "update":
			res.Updated = n
		case "same":
			res.Unchanged = n
		}
	}
	return rows.Err()
}

// insertMembersSQL adds the new members with their first membership, which
// starts on the day they joined the Party when known ($1, today, otherwise).
const insertMembersSQL = `
WITH ins AS (
    INSERT INTO members (card_number, full_name, birth_date, gender, phone, status, joined_on, official_on, cell_id, state)
    SELECT card_number, full_name, birth_date, gender, phone, status, joined_on, official_on, cell_id, 'active'
    FROM import_members WHERE action = 'insert' ORDER BY line
    RETURNING id, cell_id, joined_on
)
INSERT INTO memberships (member_id, unit_id, started_on, reason)
SELECT id, cell_id, coalesce(joined_on, $1), $2 FROM ins`

const updateMembersSQL = `
UPDATE members m SET
    full_name   = s.full_name,
    status      = s.status,
    birth_date  = CASE WHEN $1 THEN s.birth_date ELSE m.birth_date END,
    gender      = CASE WHEN $2 THEN s.gender ELSE m.gender END,
    phone       = CASE WHEN $3 THEN s.phone ELSE m.phone END,
    joined_on   = CASE WHEN $4 THEN s.joined_on ELSE m.joined_on END,
    official_on = CASE WHEN $5 THEN s.official_on ELSE m.official_on END,
    cell_id     = s.cell_id,
    state       = 'active',
    updated_at  = now()
FROM import_members s
WHERE s.member_id = m.id AND s.action IN ('update', 'transfer')`

// endMembershipsSQL closes the current membership of transferred members
// today ($1), keeping it as history.
const endMembershipsSQL = `
UPDATE memberships ms SET ended_on = greatest(ms.started_on, $1), reason = $2
FROM import_members s
WHERE s.action = 'transfer' AND ms.member_id = s.member_id AND ms.ended_on IS NULL`

// endPositionsSQL ends the positions transferred members held in the cell
// they leave (the unit of their open membership), as content.TransferMember
// does: a cell's secretary who moves is no longer its secretary, but a
// commune committee member who moves within the commune still is. It runs
// before endMembershipsSQL closes that membership.
const endPositionsSQL = `
UPDATE positions p SET ended_on = greatest(p.started_on, $1)
FROM import_members s
WHERE s.action = 'transfer' AND p.member_id = s.member_id AND p.ended_on IS NULL
  AND p.unit_id = (SELECT ms.unit_id FROM memberships ms WHERE ms.member_id = s.member_id AND ms.ended_on IS NULL)`

// startMembershipsSQL opens today's membership in the new cell for
// transferred members, and one for members who had none.
const startMembershipsSQL = `
INSERT INTO memberships (member_id, unit_id, started_on, reason)
SELECT s.member_id, s.cell_id, $1, CASE WHEN s.action = 'transfer' THEN $2 ELSE $3 END
FROM import_members s
WHERE s.action IN ('transfer', 'update')
  AND NOT EXISTS (SELECT 1 FROM memberships ms WHERE ms.member_id = s.member_id AND ms.ended_on IS NULL)
ORDER BY s.line`

// apply writes the classified rows: five set-based statements.
func apply(ctx context.Context, tx pgx.Tx, p *parsed, day time.Time, res Result) error {
	// The cells the transferred members leave, for the tombstones in their rosters.
	left := map[int64]int64{}
	rows, err := tx.Query(ctx, `SELECT s.member_id, m.cell_id FROM import_members s JOIN members m ON m.id = s.member_id
		WHERE s.action = 'transfer' AND m.cell_id IS NOT NULL`)
	if err != nil {
		return fmt.Errorf("memberimport: cells left: %w", err)
	}
	var id, cell int64
	if _, err := pgx.ForEachRow(rows, []any{&id, &cell}, func() error { left[id] = cell; return nil }); err != nil {
		return fmt.Errorf("memberimport: cells left: %w", err)
	}
	tag, err := tx.Exec(ctx, insertMembersSQL, day, reasonImport)
	if err != nil {
		return fmt.Errorf("memberimport: insert members: %w", db.Translate(err, "đảng viên"))
	}
	if int(tag.RowsAffected()) != res.Inserted {
		return fmt.Errorf("memberimport: inserted %d members, expected %d", tag.RowsAffected(), res.Inserted)
	}
	tag, err = tx.Exec(ctx, updateMembersSQL, presence(p)...)
	if err != nil {
		return fmt.Errorf("memberimport: update members: %w", db.Translate(err, "đảng viên"))
	}
	if n := int(tag.RowsAffected()); n != res.Updated+res.Transferred {
		return fmt.Errorf("memberimport: updated %d members, expected %d", n, res.Updated+res.Transferred)
	}
	if _, err := tx.Exec(ctx, endPositionsSQL, day); err != nil {
		return fmt.Errorf("memberimport: end positions: %w", err)
	}
	if _, err := tx.Exec(ctx, endMembershipsSQL, day, reasonTransfer); err != nil {
		return fmt.Errorf("memberimport: end memberships: %w", err)
	}
	if _, err := tx.Exec(ctx, startMembershipsSQL, day, reasonTransfer, reasonImport); err != nil {
		return fmt.Errorf("memberimport: start memberships: %w", err)
	}
	// Rosters and profiles reach the phones through the feeds, in this transaction.
	rows, err = tx.Query(ctx, `SELECT m.id FROM import_members s JOIN members m ON m.card_number = s.card_number WHERE s.action <> 'same'`)
	if err != nil {
		return fmt.Errorf("memberimport: changed members: %w", err)
	}
	changed, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return fmt.Errorf("memberimport: changed members: %w", err)
	}
	return content.MembersChanged(ctx, tx, changed, left)
}

// progress writes throttled progress lines: a step line at most once per
// tenth of the total or per second.
type progress struct {
	w        io.Writer
	last     time.Time
	lastStep int
}

func newProgress(w io.Writer) *progress { return &progress{w: w, last: time.Now()} }

func (pr *progress) printf(format string, args ...any) {
	if pr.w == nil {
		return
	}
	fmt.Fprintf(pr.w, format+"\n", args...)
	pr.last = time.Now()
}

// step reports n of total, when a tenth of total has passed since the last
// line, or a second, or at the end.
func (pr *progress) step(format string, n, total int) {
	if pr.w == nil {
		return
	}
	if n == total || n-pr.lastStep >= (total+9)/10 || n%256 == 0 && time.Since(pr.last) >= time.Second {
		pr.lastStep = n
		pr.printf(format, n, total)
	}
}
