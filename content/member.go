package content

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"sotay/db"
)

// MemberStatus is a member's party standing.
type MemberStatus string

// The statuses (đảng viên chính thức / dự bị / miễn công tác và sinh hoạt).
const (
	StatusFull         MemberStatus = "full"
	StatusProbationary MemberStatus = "probationary"
	StatusExempt       MemberStatus = "exempt"
)

// MemberState says whether a member is in the deployment at all.
type MemberState string

// The states. Only active members have a cell and may sign in.
const (
	StateActive   MemberState = "active"
	StateLeft     MemberState = "left"
	StateExpelled MemberState = "expelled"
	StateDeceased MemberState = "deceased"
)

// Member is a party member (đảng viên).
type Member struct {
	ID         int64        `json:"id"`
	CardNumber string       `json:"card_number"`
	FullName   string       `json:"full_name"`
	BirthDate  *Date        `json:"birth_date"`
	Gender     *string      `json:"gender"`
	Phone      *string      `json:"phone"`
	Status     MemberStatus `json:"status"`
	JoinedOn   *Date        `json:"joined_on"`
	OfficialOn *Date        `json:"official_on"`
	CellID     *int64       `json:"cell_id"`
	CellName   string       `json:"cell_name"`
	State      MemberState  `json:"state"`
	UpdatedAt  time.Time    `json:"updated_at"`
}

// Membership is one stay of a member in a unit; transfers end one and start another.
type Membership struct {
	UnitID    int64  `json:"unit_id"`
	UnitName  string `json:"unit_name"`
	StartedOn Date   `json:"started_on"`
	EndedOn   *Date  `json:"ended_on"`
	Reason    string `json:"reason"`
}

// Position is an office held in a unit.
type Position struct {
	ID        int64  `json:"id"`
	UnitID    int64  `json:"unit_id"`
	UnitName  string `json:"unit_name"`
	Role      string `json:"role"` // secretary, deputy, committee_member
	StartedOn Date   `json:"started_on"`
	EndedOn   *Date  `json:"ended_on"`
}

const memberColumns = `m.id, m.card_number, m.full_name, m.birth_date, m.gender, m.phone, m.status,
	m.joined_on, m.official_on, m.cell_id, coalesce(c.name, ''), m.state, m.updated_at`

const memberFrom = ` FROM members m LEFT JOIN units c ON c.id = m.cell_id `

func scanMember(row pgx.Row) (Member, error) {
	var m Member
	err := row.Scan(&m.ID, &m.CardNumber, &m.FullName, &m.BirthDate, &m.Gender, &m.Phone, &m.Status,
		&m.JoinedOn, &m.OfficialOn, &m.CellID, &m.CellName, &m.State, &m.UpdatedAt)
	return m, err
}

// MemberInput is what an admin writes about a member. CreateMember and
// UpdateMember read it by the member rules, as the CSV import does (see
// ParseCardNumber, ParseFullName, ParsePhone, ParseGender,
// ParseMemberStatus and Validate): Phone may be typed "+84 912 345 678",
// Gender "nữ", Status "dự bị"; the stored forms are 0912345678, female,
// probationary. An empty Phone or Gender is none.
type MemberInput struct {
	CardNumber string       `json:"card_number"`
	FullName   string       `json:"full_name"`
	BirthDate  *Date        `json:"birth_date"`
	Gender     *string      `json:"gender"`
	Phone      *string      `json:"phone"`
	Status     MemberStatus `json:"status"`
	JoinedOn   *Date        `json:"joined_on"`
	OfficialOn *Date        `json:"official_on"`
	CellID     int64        `json:"cell_id"`
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// normalize applies the member rules (see member_rules.go) as the API
// reports them: the first broken rule, as a db.Invalid on its field.
func (in *MemberInput) normalize() error {
	var err error
	if in.CardNumber, err = ParseCardNumber(in.CardNumber); err != nil {
		return invalidMember(err)
	}
	if in.FullName, err = ParseFullName(in.FullName); err != nil {
		return invalidMember(err)
	}
	if in.Gender != nil {
		g, err := ParseGender(*in.Gender)
		if err != nil {
			return invalidMember(err)
		}
		in.Gender = optional(g)
	}
	if in.Phone != nil {
		p, err := ParsePhone(*in.Phone)
		if err != nil {
			return invalidMember(err)
		}
		in.Phone = optional(p)
	}
	if in.Status, err = ParseMemberStatus(string(in.Status)); err != nil {
		return invalidMember(err)
	}
	return invalidMember(in.Validate(Today()))
}

// invalidMember turns a member rule error into the API's error: the first
// rule broken, as a db.Invalid.
func invalidMember(err error) error {
	switch e := err.(type) {
	case nil:
		return nil
	case *RuleError:
		return e.Invalid()
	case RuleErrors:
		return e[0].Invalid()
	}
	return err
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// memberCell checks that unit id can hold members: a cell, or a grassroots
// organisation (a chi bộ cơ sở holds its members directly).
func memberCell(ctx context.Context, q db.Querier, a *Actor, id int64, need Role) (Unit, error) {
	u, err := RequireUnit(ctx, q, a, need, id)
	if err != nil {
		return Unit{}, unknownAs(err, "cell_id", "unknown_cell", "Chi bộ không tồn tại.")
	}
	if u.Kind != KindCell && u.Kind != KindGrassroots {
		return Unit{}, db.Invalid("cell_id", "not_a_cell", "Đảng viên chỉ sinh hoạt tại chi bộ (hoặc chi bộ cơ sở).")
	}
	return u, nil
}

const insertMemberSQL = `
INSERT INTO members (card_number, full_name, birth_date, gender, phone, status, joined_on, official_on, cell_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`

// CreateMember adds a member to a cell. The actor needs RoleAdmin on the cell.
func CreateMember(ctx context.Context, q db.Querier, a *Actor, in MemberInput) (Member, error) {
	if err := in.normalize(); err != nil {
		return Member{}, err
	}
	if _, err := memberCell(ctx, q, a, in.CellID, RoleAdmin); err != nil {
		return Member{}, err
	}
	var id int64
	err := q.QueryRow(ctx, insertMemberSQL, in.CardNumber, in.FullName, in.BirthDate, in.Gender, in.Phone,
		in.Status, in.JoinedOn, in.OfficialOn, in.CellID).Scan(&id)
	if err != nil {
		return Member{}, memberWriteError(err)
	}
	start := Today()
	if in.JoinedOn != nil {
		start = *in.JoinedOn
	}
	if _, err := q.Exec(ctx, `INSERT INTO memberships (member_id, unit_id, started_on, reason) VALUES ($1, $2, $3, 'kết nạp / tiếp nhận')`,
		id, in.CellID, start); err != nil {
		return Member{}, fmt.Errorf("content: membership: %w", err)
	}
	if err := Audit(ctx, q, a, "member.create", "member", fmt.Sprint(id), map[string]any{"cell_id": in.CellID}); err != nil {
		return Member{}, err
	}
	if err := membersChanged(ctx, q, []int64{id}, nil); err != nil {
		return Member{}, err
	}
	return GetMember(ctx, q, id)
}

func memberWriteError(err error) error {
	e := db.Translate(err, "đảng viên")
	if db.KindOf(e) == db.KindConflict {
		if strings.Contains(err.Error(), "phone") {
			return db.Invalid("phone", "phone_taken", "Số điện thoại đã được dùng cho đảng viên khác.")
		}
		return db.Invalid("card_number", "card_number_taken", "Số thẻ đảng viên đã tồn tại.")
	}
	return e
}

// GetMember returns a member by id (no permission check: callers check).
func GetMember(ctx context.Context, q db.Querier, id int64) (Member, error) {
	m, err := scanMember(q.QueryRow(ctx, `SELECT `+memberColumns+memberFrom+`WHERE m.id = $1`, id))
	if err != nil {
		return Member{}, db.Translate(err, "đảng viên")
	}
	return m, nil
}

// ViewMember returns a member to the member themself or to whoever may view
// the member's cell (RoleViewer); anyone else gets not found, so neither the
// member's existence nor their cell leaks.
func ViewMember(ctx context.Context, q db.Querier, a *Actor, id int64) (Member, error) {
	if a.MemberID == id {
		return GetMember(ctx, q, id)
	}
	m, _, err := targetMember(ctx, q, a, id, RoleViewer)
	return m, err
}

// MemberFilter selects members for an admin list.
type MemberFilter struct {
	UnitID  int64  // the subtree to list (required)
	Query   string // part of the name, card number or phone
	AfterID int64  // keyset pagination
	Limit   int
}

// ListMembers lists active members in a subtree the actor may view, by id.
func ListMembers(ctx context.Context, q db.Querier, a *Actor, f MemberFilter) ([]Member, error) {
	u, err := RequireUnit(ctx, q, a, RoleViewer, f.UnitID)
	if err != nil {
		return nil, err
	}
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 100
	}
	rows, err := q.Query(ctx, `SELECT `+memberColumns+memberFrom+`
		WHERE c.path <@ $1::ltree AND m.id > $2
		  AND ($3 = '' OR unaccent(m.full_name) ILIKE '%' || unaccent($3) || '%' OR m.card_number = $3 OR m.phone = $3)
		ORDER BY m.id LIMIT $4`, u.Path, f.AfterID, strings.TrimSpace(f.Query), f.Limit)
	if err != nil {
		return nil, fmt.Errorf("content: list members: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (Member, error) { return scanMember(r) })
}

const updateMemberSQL = `
UPDATE members SET card_number = $2, full_name = $3, birth_date = $4, gender = $5, phone = $6,
       status = $7, joined_on = $8, official_on = $9, updated_at = now()
WHERE id = $1`

// UpdateMember changes a member's personal data (not the cell: see
// TransferMember). The actor needs RoleAdmin on the member's cell and must
// outrank the member: card number and phone are how they sign in.
func UpdateMember(ctx context.Context, q db.Querier, a *Actor, id int64, in MemberInput) (Member, error) {
	if err := lockMember(ctx, q, id); err != nil {
		return Member{}, err
	}
	m, _, _, err := manageMemberAccount(ctx, q, a, id, RoleAdmin)
	if err != nil {
		return Member{}, err
	}
	if m.CellID == nil {
		return Member{}, db.Conflict("member_inactive", "Đảng viên không còn sinh hoạt; hãy chuyển về một chi bộ trước khi sửa.")
	}
	in.CellID = *m.CellID
	if err := in.normalize(); err != nil {
		return Member{}, err
	}
	if _, err := q.Exec(ctx, updateMemberSQL, id, in.CardNumber, in.FullName, in.BirthDate, in.Gender, in.Phone,
		in.Status, in.JoinedOn, in.OfficialOn); err != nil {
		return Member{}, memberWriteError(err)
	}
	if err := Audit(ctx, q, a, "member.update", "member", fmt.Sprint(id), nil); err != nil {
		return Member{}, err
	}
	if err := membersChanged(ctx, q, []int64{id}, nil); err != nil {
		return Member{}, err
	}
	return GetMember(ctx, q, id)
}

// lockMember locks a member's row for the rest of the transaction, so that
// two changes of one member (a transfer and an assignment) run one after
// the other.
func lockMember(ctx context.Context, q db.Querier, id int64) error {
	var found bool
	if err := q.QueryRow(ctx, `SELECT true FROM members WHERE id = $1 FOR UPDATE`, id).Scan(&found); err != nil {
		if errors.Is(err, pgx.ErrNoRows) {
			return errMemberNotFound
		}
		return fmt.Errorf("content: lock member: %w", err)
	}
	return nil
}

// TransferMember moves a member to another cell (chuyển sinh hoạt): the
// current membership ends today and a new one starts, so history is kept.
// Positions held in the old cell end; positions elsewhere (say, on the
// commune's committee) stay. A member who had left the deployment comes back
// the same way. The actor needs RoleAdmin on both cells (the old one: the last
// cell) and must outrank the member (see dominates).
func TransferMember(ctx context.Context, q db.Querier, a *Actor, id, toCell int64, reason string) (Member, error) {
	if err := lockMember(ctx, q, id); err != nil {
		return Member{}, err
	}
	m, from, _, err := manageMemberAccount(ctx, q, a, id, RoleAdmin)
	if err != nil {
		return Member{}, err
	}
	if m.State == StateExpelled || m.State == StateDeceased {
		return Member{}, db.Conflict("member_inactive", "Đảng viên đã bị khai trừ hoặc đã mất; không thể chuyển sinh hoạt.")
	}
	if m.CellID != nil && from.ID == toCell {
		return Member{}, db.Invalid("cell_id", "same_cell", "Đảng viên đang sinh hoạt tại chi bộ này.")
	}
	if _, err := memberCell(ctx, q, a, toCell, RoleAdmin); err != nil {
		return Member{}, err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		reason = "chuyển sinh hoạt"
		if m.CellID == nil {
			reason = "tiếp nhận trở lại"
		}
	}
	if err := moveMember(ctx, q, id, &toCell, StateActive, reason); err != nil {
		return Member{}, err
	}
	if err := Audit(ctx, q, a, "member.transfer", "member", fmt.Sprint(id),
		map[string]any{"from": from.ID, "to": toCell, "reason": reason}); err != nil {
		return Member{}, err
	}
	if err := membersChanged(ctx, q, []int64{id}, map[int64]int64{id: from.ID}); err != nil {
		return Member{}, err
	}
	return GetMember(ctx, q, id)
}

// moveMember ends the current membership and, when to is not nil, starts a
// membership there; state is the member's state afterwards. Positions in the
// cell being left end; when the member leaves the deployment (to is nil),
// all positions end.
func moveMember(ctx context.Context, q db.Querier, id int64, to *int64, state MemberState, reason string) error {
	const sql = `
WITH old AS (SELECT cell_id FROM members WHERE id = $1),
ended AS (
    UPDATE memberships SET ended_on = greatest(` + vnToday + `, started_on), reason = CASE WHEN reason = '' THEN $3 ELSE reason END
    WHERE member_id = $1 AND ended_on IS NULL),
pos AS (
    UPDATE positions SET ended_on = greatest(` + vnToday + `, started_on)
    WHERE member_id = $1 AND ended_on IS NULL AND ($2::bigint IS NULL OR unit_id = (SELECT cell_id FROM old)))
UPDATE members SET cell_id = $2, state = $4, updated_at = now() WHERE id = $1`
	if _, err := q.Exec(ctx, sql, id, to, reason, state); err != nil {
		return fmt.Errorf("content: move member %d: %w", id, err)
	}
	if to != nil {
		if _, err := q.Exec(ctx, `INSERT INTO memberships (member_id, unit_id, started_on, reason) VALUES ($1, $2, `+vnToday+`, $3)`,
			id, *to, reason); err != nil {
			return fmt.Errorf("content: move member %d: %w", id, err)
		}
	}
	return nil
}

// SetMemberState records that a member left the deployment, was expelled or
// died: the membership and positions end, and every device of their account
// is signed out at once (revocations reach all serve processes in seconds).
// The actor needs RoleAdmin on the cell and must outrank the member.
func SetMemberState(ctx context.Context, q db.Querier, a *Actor, id int64, state MemberState, reason string) (Member, error) {
	if state != StateLeft && state != StateExpelled && state != StateDeceased {
		return Member{}, db.Invalid("state", "invalid_state", "Trạng thái phải là left, expelled hoặc deceased.")
	}
	if err := lockMember(ctx, q, id); err != nil {
		return Member{}, err
	}
	m, _, accountID, err := manageMemberAccount(ctx, q, a, id, RoleAdmin)
	if err != nil {
		return Member{}, err
	}
	if m.CellID == nil {
		return Member{}, db.Conflict("member_inactive", "Đảng viên đã không còn sinh hoạt.")
	}
	if err := moveMember(ctx, q, id, nil, state, reason); err != nil {
		return Member{}, err
	}
	if accountID != 0 {
		if err := revokeSessions(ctx, q, sessionScope{Account: accountID}, "member_"+string(state), false); err != nil {
			return Member{}, err
		}
	}
	if err := Audit(ctx, q, a, "member.state", "member", fmt.Sprint(id), map[string]any{"state": state, "reason": reason}); err != nil {
		return Member{}, err
	}
	if err := membersChanged(ctx, q, []int64{id}, map[int64]int64{id: *m.CellID}); err != nil {
		return Member{}, err
	}
	return GetMember(ctx, q, id)
}

// MemberHistory returns a member's memberships, oldest first.
func MemberHistory(ctx context.Context, q db.Querier, id int64) ([]Membership, error) {
	rows, err := q.Query(ctx, `
		SELECT ms.unit_id, u.name, ms.started_on, ms.ended_on, ms.reason
		FROM memberships ms JOIN units u ON u.id = ms.unit_id
		WHERE ms.member_id = $1 ORDER BY ms.started_on, ms.id`, id)
	if err != nil {
		return nil, fmt.Errorf("content: member history: %w", err)
	}
	return pgx.CollectRows(rows, pgx.RowToStructByPos[Membership])
}

// MemberPositions returns a member's positions, current first.
func MemberPositions(ctx context.Context, q db.Querier, id int64) ([]Position, error) {
	rows, err := q.Query(ctx, `
		SELECT p.id, p.unit_id, u.name, p.role, p.started_on, p.ended_on
		FROM positions p JOIN units u ON u.id = p.unit_id
		WHERE p.member_id = $1 ORDER BY p.ended_on DESC NULLS FIRST, p.started_on DESC`, id)
	if err != nil {
		return nil, fmt.Errorf("content: member positions: %w", err)
	}
	return pgx.CollectRows(rows, pgx.RowToStructByPos[Position])
}

// AssignPosition gives a member an office in a unit from today: the unit is
// the member's cell or one above it. The actor needs RoleAdmin on the unit
// and on the member's cell. A unit has one current secretary: assigning a
// new one ends the previous secretary's term.
func AssignPosition(ctx context.Context, q db.Querier, a *Actor, memberID, unitID int64, role string) (Position, error) {
	if role != "secretary" && role != "deputy" && role != "committee_member" {
		return Position{}, db.Invalid("role", "invalid_role", "Chức vụ phải là secretary, deputy hoặc committee_member.")
	}
	u, err := RequireUnit(ctx, q, a, RoleAdmin, unitID)
	if err != nil {
		return Position{}, err
	}
	if err := lockMember(ctx, q, memberID); err != nil {
		return Position{}, err
	}
	_, cell, err := activeMember(ctx, q, a, memberID, RoleAdmin)
	if err != nil {
		return Position{}, err
	}
	if !IsWithin(cell.Path, u.Path) {
		return Position{}, db.Invalid("unit_id", "not_a_member_there", "Chỉ giao chức vụ tại tổ chức mà đảng viên đang sinh hoạt (hoặc cấp trên của tổ chức đó).")
	}
	// Lock the unit so that two assignments of a secretary run one after the other.
	if _, err := q.Exec(ctx, `SELECT 1 FROM units WHERE id = $1 FOR UPDATE`, unitID); err != nil {
		return Position{}, fmt.Errorf("content: assign position: %w", err)
	}
	var replaced []int64 // the previous secretary, whose roles change too
	if role == "secretary" {
		rows, err := q.Query(ctx, `UPDATE positions SET ended_on = greatest(`+vnToday+`, started_on)
			WHERE unit_id = $1 AND role = 'secretary' AND ended_on IS NULL RETURNING member_id`, unitID)
		if err != nil {
			return Position{}, fmt.Errorf("content: assign position: %w", err)
		}
		if replaced, err = pgx.CollectRows(rows, pgx.RowTo[int64]); err != nil {
			return Position{}, fmt.Errorf("content: assign position: %w", err)
		}
	}
	var id int64
	if err := q.QueryRow(ctx, `INSERT INTO positions (member_id, unit_id, role, started_on) VALUES ($1, $2, $3, `+vnToday+`) RETURNING id`,
		memberID, unitID, role).Scan(&id); err != nil {
		return Position{}, db.Translate(err, "chức vụ")
	}
	if err := Audit(ctx, q, a, "position.assign", "member", fmt.Sprint(memberID), map[string]any{"unit_id": unitID, "role": role}); err != nil {
		return Position{}, err
	}
	if err := membersChanged(ctx, q, append(replaced, memberID), nil); err != nil {
		return Position{}, err
	}
	ps, err := MemberPositions(ctx, q, memberID)
	if err != nil {
		return Position{}, err
	}
	for _, p := range ps {
		if p.ID == id {
			return p, nil
		}
	}
	return Position{}, fmt.Errorf("content: position %d vanished", id)
}

// EndPosition ends an office today.
func EndPosition(ctx context.Context, q db.Querier, a *Actor, positionID int64) error {
	var unitID, memberID int64
	if err := q.QueryRow(ctx, `SELECT unit_id, member_id FROM positions WHERE id = $1 AND ended_on IS NULL`, positionID).Scan(&unitID, &memberID); err != nil {
		return db.Translate(err, "chức vụ")
	}
	if _, err := RequireUnit(ctx, q, a, RoleAdmin, unitID); err != nil {
		return err
	}
	if _, err := q.Exec(ctx, `UPDATE positions SET ended_on = greatest(`+vnToday+`, started_on) WHERE id = $1`, positionID); err != nil {
		return fmt.Errorf("content: end position: %w", err)
	}
	if err := Audit(ctx, q, a, "position.end", "member", fmt.Sprint(memberID), map[string]any{"position_id": positionID}); err != nil {
		return err
	}
	return membersChanged(ctx, q, []int64{memberID}, nil)
}
