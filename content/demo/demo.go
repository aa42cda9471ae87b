package demo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"

	"sotay/content"
	"sotay/db"
)

// Options sizes the demo province. Zero fields take their defaults.
type Options struct {
	Seed           int64     // random seed, default 1 (same seed, same day → same data, byte for byte)
	Communes       int       // default 60 (kind commune), plus 6 committees (kind committee), under the province
	Grassroots     int       // default 250 grassroots organisations spread under communes and committees
	Cells          int       // default 5000 cells spread under the grassroots organisations (at least Grassroots)
	MembersPerCell int       // default 20 on average; each cell gets between 0.6× and 1.4× of it (at least 3)
	Progress       io.Writer // optional: one line per phase
}

// DemoLogin is a way into the demo: who it is (in Vietnamese), what to type
// as login (a staff login name, or a member's card number) and the password.
type DemoLogin struct{ Who, Login, Password string }

// Summary says what Seed made and how to sign in.
type Summary struct {
	Units, Members, Documents int
	DemoLogins                []DemoLogin
	// ActivationCode is a member without a password: Login is the card
	// number and Password the fresh activation code (valid 7 days), with
	// which the member sets a password in the app.
	ActivationCode DemoLogin
}

// demoPassword is the password of every demo login.
const demoPassword = "sotay-demo"

func (o Options) withDefaults() (Options, error) {
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Communes == 0 {
		o.Communes = 60
	}
	if o.Grassroots == 0 {
		o.Grassroots = 250
	}
	if o.Cells == 0 {
		o.Cells = 5000
	}
	if o.MembersPerCell == 0 {
		o.MembersPerCell = 20
	}
	if o.Progress == nil {
		o.Progress = io.Discard
	}
	switch {
	case o.Communes < 1 || o.Communes > 999:
		return o, db.Invalid("communes", "invalid_demo_size", "Số xã, phường phải từ 1 đến 999.")
	case o.Grassroots < 1:
		return o, db.Invalid("grassroots", "invalid_demo_size", "Số tổ chức cơ sở đảng phải từ 1 trở lên.")
	case o.Cells < o.Grassroots:
		return o, db.Invalid("cells", "invalid_demo_size", "Số chi bộ phải không ít hơn số tổ chức cơ sở đảng.")
	case o.MembersPerCell < 3 || o.MembersPerCell > 500:
		return o, db.Invalid("members_per_cell", "invalid_demo_size", "Số đảng viên bình quân mỗi chi bộ phải từ 3 đến 500.")
	}
	return o, nil
}

// IsSeeded reports whether the database already has an organisation tree
// (any row in units): then Seed refuses it.
func IsSeeded(ctx context.Context, q db.Querier) (bool, error) {
	var seeded bool
	if err := q.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM units)`).Scan(&seeded); err != nil {
		return false, fmt.Errorf("demo: is seeded: %w", err)
	}
	return seeded, nil
}

// errSeeded is what Seed returns on a database that already has units,
// members or the demo staff logins: a conflict (errors.Is db.ErrConflict).
var errSeeded = db.Conflict("already_seeded",
	"Cơ sở dữ liệu đã có dữ liệu (tổ chức đảng, đảng viên hoặc tài khoản admin/bientap): dữ liệu mẫu chỉ nạp vào cơ sở dữ liệu trống.")

// Seed loads the demo province into an empty database, in one transaction:
// either all of it is there afterwards or nothing. It refuses a database
// that already has units (a conflict *db.Error, errors.Is db.ErrConflict).
// After the COPYs, in the same transaction, it fills the sync feeds through
// content (UnitsChanged, MembersChanged, DocumentsChanged), so a phone sees
// the demo data as if it had been written through the application.
// The default size (about 100,000 members and 61,000 documents) takes about
// 30 s on two cores: half of it PostgreSQL indexing the documents' text, the
// other half writing the 266,000 feed entries.
func Seed(ctx context.Context, pool *pgxpool.Pool, opt Options) (Summary, error) {
	// Today in Vietnam anchors every date of the demo.
	return seed(ctx, pool, opt, localDay(time.Now()))
}

func seed(ctx context.Context, b db.Beginner, opt Options, today time.Time) (Summary, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return Summary{}, err
	}
	start := time.Now()
	phase := func(what string, n int) {
		fmt.Fprintf(opt.Progress, "demo: %-34s %8d  %6.1fs\n", what, n, time.Since(start).Seconds())
	}

	// Everything that does not need the database is drawn first.
	t := buildTree(newRNG(opt.Seed, streamTree), opt)
	members := genMembers(newRNG(opt.Seed, streamMembers), t, opt.MembersPerCell, today)
	demo := t.demoCell()
	positions := genPositions(newRNG(opt.Seed, streamPositions), t, members, demo, today)
	hash, err := content.HashPassword(demoPassword)
	if err != nil {
		return Summary{}, fmt.Errorf("demo: hash password: %w", err)
	}
	phase("generated tree, members, positions", len(members))

	var sum Summary
	err = db.Transact(ctx, b, func(tx pgx.Tx) error {
		if err := refuseSeeded(ctx, tx); err != nil {
			return err
		}
		if err := registerLtree(ctx, tx); err != nil {
			return err
		}
		if err := copyUnits(ctx, tx, t); err != nil {
			return err
		}
		phase("units", len(t.units))
		if err := copyMembers(ctx, tx, members); err != nil {
			return err
		}
		phase("members and memberships", len(members))
		if err := copyPositions(ctx, tx, positions); err != nil {
			return err
		}
		phase("positions", len(positions))
		acc, err := createAccounts(ctx, tx, t, members, positions, demo, hash)
		if err != nil {
			return err
		}
		phase("accounts and grants", len(acc.logins)+1)
		by := map[int]int64{0: acc.admin, t.units[demo].top: acc.editor, demo: acc.secretary}
		docs := genDocuments(opt.Seed, t, members, today, by)
		phase("generated documents", len(docs))
		if err := copyDocuments(ctx, tx, docs, func() { phase("documents", len(docs)) }); err != nil {
			return err
		}
		phase("document versions", len(docs))
		entries, err := writeFeeds(ctx, tx, t, members, docs)
		if err != nil {
			return err
		}
		phase("sync feeds (entries)", entries)
		n, err := demoAudio(ctx, tx, t.units[demo].id)
		if err != nil {
			return err
		}
		phase("audio renders enqueued", n)
		if n, err = demoMeetings(ctx, tx, t.units[demo].id); err != nil {
			return err
		}
		phase("demo cell meetings", n)
		if err := bumpSequences(ctx, tx); err != nil {
			return err
		}
		if err := content.Audit(ctx, tx, nil, "demo.seed", "unit", "1", map[string]any{
			"seed": opt.Seed, "units": len(t.units), "members": len(members), "documents": len(docs)}); err != nil {
			return err
		}
		// Fresh statistics, so the first queries after seeding plan well.
		for _, table := range []string{"units", "members", "memberships", "positions", "documents", "document_versions"} {
			if _, err := tx.Exec(ctx, `ANALYZE `+table); err != nil {
				return fmt.Errorf("demo: analyze %s: %w", table, err)
			}
		}
		phase("sequences, audit, analyze", 0)
		sum = Summary{Units: len(t.units), Members: len(members), Documents: len(docs),
			DemoLogins: acc.logins, ActivationCode: acc.activation}
		return nil
	})
	if err != nil {
		return Summary{}, err
	}
	phase("committed", 0)
	return sum, nil
}

func refuseSeeded(ctx context.Context, tx pgx.Tx) error {
	// Two seeds at once: the second waits here, then finds the first's units.
	if _, err := tx.Exec(ctx, `LOCK TABLE units IN SHARE ROW EXCLUSIVE MODE`); err != nil {
		return fmt.Errorf("demo: lock units: %w", err)
	}
	var taken bool
	err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM units) OR EXISTS (SELECT 1 FROM members)
		OR EXISTS (SELECT 1 FROM accounts WHERE login IN ('admin', 'bientap'))`).Scan(&taken)
	if err != nil {
		return fmt.Errorf("demo: check empty: %w", err)
	}
	if taken {
		return errSeeded
	}
	return nil
}

// registerLtree teaches the connection the ltree type (an extension, so its
// OID differs per database): COPY sends binary and must encode paths.
func registerLtree(ctx context.Context, tx pgx.Tx) error {
	var oid uint32
	if err := tx.QueryRow(ctx, `SELECT 'ltree'::regtype::oid`).Scan(&oid); err != nil {
		return fmt.Errorf("demo: ltree type: %w", err)
	}
	tx.Conn().TypeMap().RegisterType(&pgtype.Type{Name: "ltree", OID: oid, Codec: pgtype.LtreeCodec{}})
	return nil
}

func copyFrom(ctx context.Context, tx pgx.Tx, table string, columns []string, n int, row func(i int) []any) error {
	got, err := tx.CopyFrom(ctx, pgx.Identifier{table}, columns, pgx.CopyFromSlice(n, func(i int) ([]any, error) {
		return row(i), nil
	}))
	if err != nil {
		return fmt.Errorf("demo: copy %s: %w", table, err)
	}
	if int(got) != n {
		return fmt.Errorf("demo: copy %s: %d rows of %d", table, got, n)
	}
	return nil
}

// nullable values for COPY.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func date(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return pgtype.Date{Time: t, Valid: true}
}

func copyUnits(ctx context.Context, tx pgx.Tx, t *tree) error {
	return copyFrom(ctx, tx, "units", []string{"id", "parent_id", "path", "kind", "code", "name"}, len(t.units),
		func(i int) []any {
			u := &t.units[i]
			var parent any
			if u.parent >= 0 {
				parent = t.units[u.parent].id
			}
			return []any{u.id, parent, u.path, u.kind, u.code, u.name}
		})
}

func copyMembers(ctx context.Context, tx pgx.Tx, members []member) error {
	err := copyFrom(ctx, tx, "members", []string{"id", "card_number", "full_name", "birth_date", "gender", "phone",
		"status", "joined_on", "official_on", "cell_id", "state"}, len(members),
		func(i int) []any {
			m := &members[i]
			gender := "male"
			if m.female {
				gender = "female"
			}
			return []any{m.id, m.card, m.name, date(m.birth), gender, nullString(m.phone),
				m.status, date(m.joined), date(m.official), int64(m.cell + 1), "active"}
		})
	if err != nil {
		return err
	}
	// One current membership per member; its id is the member's.
	return copyFrom(ctx, tx, "memberships", []string{"id", "member_id", "unit_id", "started_on", "reason"}, len(members),
		func(i int) []any {
			m := &members[i]
			return []any{m.id, m.id, int64(m.cell + 1), date(m.since), m.reason}
		})
}

func copyPositions(ctx context.Context, tx pgx.Tx, positions []position) error {
	return copyFrom(ctx, tx, "positions", []string{"id", "member_id", "unit_id", "role", "started_on"}, len(positions),
		func(i int) []any {
			p := &positions[i]
			return []any{int64(i + 1), int64(p.member + 1), int64(p.unit + 1), p.role, date(p.started)}
		})
}

func copyDocuments(ctx context.Context, tx pgx.Tx, docs []document, between func()) error {
	err := copyFrom(ctx, tx, "documents", []string{"id", "type", "category", "symbol", "issuer", "issued_on", "title",
		"summary", "body", "audience_unit_id", "officers_only", "comments_until", "status", "published_at", "version",
		"created_by", "updated_by", "created_at", "updated_at"}, len(docs),
		func(i int) []any {
			d := &docs[i]
			created := d.published.Add(-time.Duration(30+d.id%600) * time.Minute)
			return []any{d.id, d.typ, nullString(d.category), d.symbol, d.issuer, date(d.issued), d.title,
				d.summary, d.body, int64(d.audience + 1), d.officersOnly, nullTime(d.commentsUntil), "published", d.published, 1,
				nullID(d.createdBy), nullID(d.createdBy), created, d.published}
		})
	if err != nil {
		return err
	}
	between()
	return copyFrom(ctx, tx, "document_versions", []string{"document_id", "version", "type", "category", "symbol", "issuer", "issued_on",
		"title", "summary", "body", "audience_unit_id", "officers_only", "comments_until", "created_by", "created_at"}, len(docs),
		func(i int) []any {
			d := &docs[i]
			return []any{d.id, 1, d.typ, nullString(d.category), d.symbol, d.issuer, date(d.issued), d.title, d.summary, d.body,
				int64(d.audience + 1), d.officersOnly, nullTime(d.commentsUntil), nullID(d.createdBy), d.published}
		})
}

// writeFeeds fills the sync feeds with what content's own write paths would
// have written for the rows COPY loaded: every unit in its own feed, every
// member's roster entry and profile, every published document in its
// audience's feed. It returns how many live entries the feeds then hold.
func writeFeeds(ctx context.Context, tx pgx.Tx, t *tree, members []member, docs []document) (int, error) {
	ids := make([]int64, 0, max(len(t.units), len(members), len(docs)))
	for _, u := range t.units {
		ids = append(ids, u.id)
	}
	if err := content.UnitsChanged(ctx, tx, ids); err != nil {
		return 0, fmt.Errorf("demo: unit feeds: %w", err)
	}
	ids = ids[:0]
	for _, m := range members {
		ids = append(ids, m.id)
	}
	if err := content.MembersChanged(ctx, tx, ids, nil); err != nil {
		return 0, fmt.Errorf("demo: member feeds: %w", err)
	}
	ids = ids[:0]
	for _, d := range docs {
		ids = append(ids, d.id) // all published
	}
	if err := content.DocumentsChanged(ctx, tx, ids); err != nil {
		return 0, fmt.Errorf("demo: document feeds: %w", err)
	}
	var n int
	if err := tx.QueryRow(ctx, `SELECT coalesce(sum(live), 0) FROM feeds`).Scan(&n); err != nil {
		return 0, fmt.Errorf("demo: count feed entries: %w", err)
	}
	return n, nil
}

// demoAudioDocuments is how many of the demo member's newest documents get
// their audio rendered at once: enough to listen to, few enough for the
// worker to finish in minutes (the province's 60,000 would take days).
const demoAudioDocuments = 12

// demoAudio enqueues the audio of the newest documents the demo cell's
// members read.
func demoAudio(ctx context.Context, tx pgx.Tx, cell int64) (int, error) {
	rows, err := tx.Query(ctx, `SELECT d.id FROM documents d JOIN units au ON au.id = d.audience_unit_id
		JOIN units c ON c.id = $1 AND au.path @> c.path
		WHERE d.status = 'published' AND NOT d.officers_only ORDER BY d.published_at DESC, d.id DESC LIMIT $2`, cell, demoAudioDocuments)
	if err != nil {
		return 0, fmt.Errorf("demo: documents for audio: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return 0, fmt.Errorf("demo: documents for audio: %w", err)
	}
	return len(ids), content.WantAudio(ctx, tx, ids)
}

// demoMeetings gives the demo cell a meeting rule (the 3rd of each month at
// 19:30, thematic every quarter), which makes its next meetings, and
// announces the first with an agenda whose material is the cell's newest
// meeting document: what a secretary would have done.
func demoMeetings(ctx context.Context, tx pgx.Tx, cell int64) (int, error) {
	made, err := content.SetMeetingRule(ctx, tx, nil, content.MeetingRule{CellID: cell, DayOfMonth: 3, Time: "19:30",
		Place: "Nhà văn hóa thôn", ThematicEvery: 3})
	if err != nil || len(made) == 0 {
		return len(made), err
	}
	m := made[0]
	agenda := []content.AgendaItem{{Title: "Quán triệt tài liệu sinh hoạt chi bộ", Presenter: "Bí thư chi bộ"},
		{Title: "Kiểm điểm nhiệm vụ tháng, bàn nhiệm vụ tháng tới", Presenter: "Phó bí thư chi bộ"}}
	var doc int64
	err = tx.QueryRow(ctx, `SELECT d.id FROM documents d JOIN units au ON au.id = d.audience_unit_id JOIN units c ON c.id = $1 AND au.path @> c.path
		WHERE d.type = 'meeting_material' AND d.status = 'published' AND NOT d.officers_only AND d.published_at <= $2
		ORDER BY d.published_at DESC LIMIT 1`, cell, m.StartsAt.Add(-content.MaterialsLead)).Scan(&doc)
	if err == nil {
		agenda[0].DocumentIDs = []int64{doc}
	} else if err != pgx.ErrNoRows {
		return 0, fmt.Errorf("demo: meeting material: %w", err)
	}
	if _, err := content.UpdateMeeting(ctx, tx, nil, m.ID, content.MeetingInput{Kind: m.Kind, Title: m.Title, StartsAt: m.StartsAt,
		Place: m.Place, Agenda: agenda}); err != nil {
		return 0, err
	}
	if _, err := content.AnnounceMeeting(ctx, tx, nil, m.ID, ""); err != nil {
		return 0, err
	}
	return len(made), nil
}

// bumpSequences moves each identity sequence past the ids chosen here.
func bumpSequences(ctx context.Context, tx pgx.Tx) error {
	for _, table := range []string{"units", "members", "memberships", "positions", "documents"} {
		q := fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%s', 'id'), coalesce(max(id), 0) + 1, false) FROM %s`, table, table)
		if _, err := tx.Exec(ctx, q); err != nil {
			return fmt.Errorf("demo: bump sequence of %s: %w", table, err)
		}
	}
	return nil
}

type demoAccounts struct {
	admin, editor, secretary int64
	logins                   []DemoLogin
	activation               DemoLogin
}

// createAccounts makes the demo logins: the province admin, an editor of the
// first commune, the demo cell's secretary and one of its members (all with
// demoPassword), and a member of the same cell with an activation code.
func createAccounts(ctx context.Context, tx pgx.Tx, t *tree, members []member, positions []position, demo int, hash string) (demoAccounts, error) {
	var a demoAccounts
	cell := &t.units[demo]
	commune := &t.units[cell.top]

	secretary, plain, fresh := -1, -1, -1
	for _, p := range positions {
		if p.unit == demo && p.role == "secretary" {
			secretary = p.member
		}
	}
	// The plain member: full, no position, with a phone if possible.
	for _, wantPhone := range []bool{true, false} {
		for _, m := range cell.people {
			mm := &members[m]
			if plain < 0 && !mm.officer && mm.status == "full" && (mm.phone != "" || !wantPhone) {
				plain = m
			}
		}
	}
	for _, m := range cell.people {
		if m != plain && !members[m].officer && fresh < 0 {
			fresh = m
		}
	}
	if plain < 0 {
		for _, m := range cell.people {
			if m != fresh && !members[m].officer && plain < 0 {
				plain = m
			}
		}
	}
	if secretary < 0 || plain < 0 || fresh < 0 {
		return a, errors.New("demo: the demo cell has too few members for the demo logins")
	}

	insert := func(login string, member int, withPassword bool) (int64, error) {
		var memberID, pw any
		var loginArg any = nullString(login)
		if member >= 0 {
			memberID = members[member].id
		}
		if withPassword {
			pw = hash
		}
		var id int64
		err := tx.QueryRow(ctx, `
			INSERT INTO accounts (login, member_id, password_hash, password_changed_at)
			VALUES ($1, $2, $3::text, CASE WHEN $3::text IS NULL THEN NULL ELSE now() END)
			RETURNING id`, loginArg, memberID, pw).Scan(&id)
		if err != nil {
			return 0, fmt.Errorf("demo: create account %q: %w", login, err)
		}
		return id, nil
	}
	grant := func(account int64, unit int, role content.Role, by any) error {
		_, err := tx.Exec(ctx, `INSERT INTO grants (account_id, unit_id, role, granted_by) VALUES ($1, $2, $3, $4)`,
			account, t.units[unit].id, string(role), by)
		if err != nil {
			return fmt.Errorf("demo: grant %s: %w", role, err)
		}
		return nil
	}

	var err error
	if a.admin, err = insert("admin", -1, true); err != nil {
		return a, err
	}
	if err := grant(a.admin, 0, content.RoleAdmin, nil); err != nil {
		return a, err
	}
	if a.editor, err = insert("bientap", -1, true); err != nil {
		return a, err
	}
	if err := grant(a.editor, cell.top, content.RoleEditor, a.admin); err != nil {
		return a, err
	}
	if a.secretary, err = insert("", secretary, true); err != nil {
		return a, err
	}
	if _, err = insert("", plain, true); err != nil {
		return a, err
	}
	freshID, err := insert("", fresh, false)
	if err != nil {
		return a, err
	}
	code := content.NewActivationCode()
	if _, err := tx.Exec(ctx, `
		INSERT INTO activation_codes (code_hash, account_id, issued_by, expires_at)
		VALUES ($1, $2, $3, now() + interval '7 days')`, content.HashActivationCode(code), freshID, a.admin); err != nil {
		return a, fmt.Errorf("demo: activation code: %w", err)
	}

	a.logins = []DemoLogin{
		{Who: "Quản trị tỉnh (" + t.units[0].name + ")", Login: "admin", Password: demoPassword},
		{Who: "Biên tập viên " + commune.name, Login: "bientap", Password: demoPassword},
		{Who: "Bí thư " + cell.name + " – " + members[secretary].name, Login: members[secretary].card, Password: demoPassword},
		{Who: "Đảng viên " + cell.name + " – " + members[plain].name, Login: members[plain].card, Password: demoPassword},
	}
	a.activation = DemoLogin{Who: "Đảng viên chưa kích hoạt, " + cell.name + " – " + members[fresh].name,
		Login: members[fresh].card, Password: code}
	return a, nil
}
