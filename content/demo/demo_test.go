package demo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"sotay/content"
	"sotay/db"
	"sotay/db/dbtest"
	"sotay/sync/feed"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// small is a province small enough for a test: 3 communes and the 6
// committees, 12 grassroots organisations, 40 cells of about 20.
var small = Options{Seed: 7, Communes: 3, Grassroots: 12, Cells: 40}

// fixedDay pins the calendar so that runs on different days compare equal.
var fixedDay = day(2026, time.May, 20)

func seedSmall(t *testing.T, pool *pgxpool.Pool) Summary {
	t.Helper()
	sum, err := seed(context.Background(), pool, small, fixedDay)
	if err != nil {
		t.Fatalf("seed: %v", err)
	}
	return sum
}

// fingerprint is an md5 over the ordered rows of the seeded tables (without
// the creation timestamps the database fills in).
func fingerprint(t *testing.T, pool *pgxpool.Pool) map[string]string {
	t.Helper()
	queries := map[string]string{
		"units":             `SELECT id, parent_id, path, kind, code, name FROM units ORDER BY id`,
		"members":           `SELECT id, card_number, full_name, birth_date, gender, phone, status, joined_on, official_on, cell_id, state FROM members ORDER BY id`,
		"memberships":       `SELECT id, member_id, unit_id, started_on, ended_on, reason FROM memberships ORDER BY id`,
		"positions":         `SELECT id, member_id, unit_id, role, started_on FROM positions ORDER BY id`,
		"documents":         `SELECT id, type, category, symbol, issuer, issued_on, title, summary, body, audience_unit_id, officers_only, comments_until, status, published_at, version, created_by, created_at FROM documents ORDER BY id`,
		"document_versions": `SELECT document_id, version, title, body, audience_unit_id FROM document_versions ORDER BY document_id, version`,
	}
	out := map[string]string{}
	for table, q := range queries {
		var sum string
		if err := pool.QueryRow(context.Background(), `SELECT md5(coalesce(string_agg(r::text, E'\n'), '')) FROM (`+q+`) r`).Scan(&sum); err != nil {
			t.Fatalf("fingerprint %s: %v", table, err)
		}
		out[table] = sum
	}
	return out
}

func TestSeedDeterministic(t *testing.T) {
	a, b := dbtest.New(t), dbtest.New(t)
	seedSmall(t, a)
	seedSmall(t, b)
	fa, fb := fingerprint(t, a), fingerprint(t, b)
	for table := range fa {
		if fa[table] != fb[table] {
			t.Errorf("%s differs between two seeds with the same options: %s vs %s", table, fa[table], fb[table])
		}
	}

	// Another seed gives another province.
	c := dbtest.New(t)
	other := small
	other.Seed = 8
	if _, err := seed(context.Background(), c, other, fixedDay); err != nil {
		t.Fatal(err)
	}
	if fc := fingerprint(t, c); fc["members"] == fa["members"] {
		t.Error("seeds 7 and 8 gave the same members")
	}
}

func queryInt(t *testing.T, pool *pgxpool.Pool, q string, args ...any) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func TestSeedSmall(t *testing.T) {
	ctx := context.Background()
	pool := dbtest.New(t)
	if seeded, err := IsSeeded(ctx, pool); err != nil || seeded {
		t.Fatalf("IsSeeded on an empty database = %v, %v", seeded, err)
	}
	sum := seedSmall(t, pool)
	if seeded, err := IsSeeded(ctx, pool); err != nil || !seeded {
		t.Fatalf("IsSeeded after seeding = %v, %v", seeded, err)
	}

	t.Run("counts", func(t *testing.T) {
		wantUnits := 1 + small.Communes + len(committees) + small.Grassroots + small.Cells
		if sum.Units != wantUnits || queryInt(t, pool, `SELECT count(*) FROM units`) != wantUnits {
			t.Errorf("units: summary %d, want %d", sum.Units, wantUnits)
		}
		for kind, want := range map[string]int{"province": 1, "commune": small.Communes, "committee": len(committees),
			"grassroots": small.Grassroots, "cell": small.Cells} {
			if got := queryInt(t, pool, `SELECT count(*) FROM units WHERE kind = $1`, kind); got != want {
				t.Errorf("%s units: %d, want %d", kind, got, want)
			}
		}
		members := queryInt(t, pool, `SELECT count(*) FROM members`)
		if members != sum.Members || members < small.Cells*14 || members > small.Cells*26 {
			t.Errorf("members: %d (summary %d), want about %d", members, sum.Members, small.Cells*20)
		}
		if got := queryInt(t, pool, `SELECT count(*) FROM memberships WHERE ended_on IS NULL`); got != members {
			t.Errorf("current memberships: %d, want one per member (%d)", got, members)
		}
		if got := queryInt(t, pool, `SELECT count(*) FROM members m JOIN units u ON u.id = m.cell_id AND u.kind = 'cell'
			JOIN memberships ms ON ms.member_id = m.id AND ms.unit_id = m.cell_id AND ms.ended_on IS NULL
			WHERE m.state = 'active'`); got != members {
			t.Errorf("members in a cell with a matching membership: %d of %d", got, members)
		}
		docs := queryInt(t, pool, `SELECT count(*) FROM documents WHERE status = 'published' AND version = 1`)
		if docs != sum.Documents || docs < 200 {
			t.Errorf("documents: %d (summary %d)", docs, sum.Documents)
		}
		if got := queryInt(t, pool, `SELECT count(*) FROM document_versions v JOIN documents d ON d.id = v.document_id AND v.version = 1
			AND v.body = d.body AND v.title = d.title`); got != docs {
			t.Errorf("version-1 snapshots: %d of %d", got, docs)
		}
		if got := queryInt(t, pool, `SELECT count(*) FROM documents WHERE type = 'draft' AND comments_until > $1::date + 7`, fixedDay); got < 1 {
			t.Error("no draft open for comments")
		}
		if got := queryInt(t, pool, `SELECT count(*) FROM documents WHERE officers_only`); got < 1 {
			t.Error("no officers-only document")
		}
		if got := queryInt(t, pool, `SELECT count(DISTINCT category) FROM documents WHERE type = 'article'`); got != 4 {
			t.Errorf("article categories: %d, want 4", got)
		}
		if got := queryInt(t, pool, `SELECT count(*) FROM documents WHERE published_at > $1::date OR published_at < $1::date - 370`, fixedDay); got != 0 {
			t.Errorf("%d documents published outside the past year", got)
		}
	})

	t.Run("tree", func(t *testing.T) {
		if got := queryInt(t, pool, `SELECT count(*) FROM units c JOIN units p ON p.id = c.parent_id
			WHERE c.path <> p.path || c.id::text`); got != 0 {
			t.Errorf("%d units whose path is not the parent's path and their id", got)
		}
		if got := queryInt(t, pool, `SELECT count(*) FROM units WHERE code !~ '^HY'`); got != 0 {
			t.Errorf("%d codes outside the province's", got)
		}
		if got := queryInt(t, pool, `SELECT count(*) FROM units c JOIN units p ON p.id = c.parent_id
			WHERE (c.kind = 'cell') <> (p.kind = 'grassroots')`); got != 0 {
			t.Errorf("%d units at the wrong level", got)
		}
	})

	t.Run("officers", func(t *testing.T) {
		if got := queryInt(t, pool, `SELECT count(*) FROM units u WHERE u.kind <> 'province' AND NOT EXISTS
			(SELECT 1 FROM positions p WHERE p.unit_id = u.id AND p.role = 'secretary' AND p.ended_on IS NULL)`); got != 0 {
			t.Errorf("%d units without a secretary", got)
		}
		if got := queryInt(t, pool, `SELECT count(*) FROM (SELECT unit_id FROM positions WHERE role = 'secretary'
			GROUP BY unit_id HAVING count(*) > 1) x`); got != 0 {
			t.Errorf("%d units with two secretaries", got)
		}
		deputies := queryInt(t, pool, `SELECT count(DISTINCT p.unit_id) FROM positions p JOIN units u ON u.id = p.unit_id
			WHERE u.kind = 'cell' AND p.role = 'deputy'`)
		if deputies < small.Cells/2 {
			t.Errorf("only %d of %d cells have a deputy", deputies, small.Cells)
		}
		// A cell officer sits in that cell.
		if got := queryInt(t, pool, `SELECT count(*) FROM positions p JOIN units u ON u.id = p.unit_id AND u.kind = 'cell'
			JOIN members m ON m.id = p.member_id WHERE m.cell_id <> p.unit_id`); got != 0 {
			t.Errorf("%d cell officers outside their cell", got)
		}
		// An officer above a cell sits somewhere in that unit's subtree.
		if got := queryInt(t, pool, `SELECT count(*) FROM positions p JOIN units u ON u.id = p.unit_id
			JOIN members m ON m.id = p.member_id JOIN units c ON c.id = m.cell_id WHERE NOT c.path <@ u.path`); got != 0 {
			t.Errorf("%d officers outside the unit they lead", got)
		}
	})

	t.Run("members", func(t *testing.T) {
		for q, what := range map[string]string{
			`SELECT count(*) - count(DISTINCT card_number) FROM members`:                                                                              "duplicate card numbers",
			`SELECT count(phone) - count(DISTINCT phone) FROM members`:                                                                                "duplicate phones",
			`SELECT count(*) FROM members WHERE card_number !~ '^[0-9]{8,12}$' OR phone !~ '^0[0-9]{9}$'`:                                             "malformed numbers",
			`SELECT count(*) FROM members WHERE birth_date NOT BETWEEN '1945-01-01' AND '2000-12-31'`:                                                 "births outside 1945–2000",
			`SELECT count(*) FROM members WHERE (status = 'probationary') <> (official_on IS NULL)`:                                                   "probationary members with official_on, or full ones without",
			`SELECT count(*) FROM members WHERE status = 'probationary' AND joined_on < $1::date - 366`:                                               "probationary members admitted more than a year ago",
			`SELECT count(*) FROM members WHERE official_on < joined_on OR official_on > $1::date`:                                                    "inconsistent official dates",
			`SELECT count(*) FROM members WHERE joined_on < birth_date + interval '18 years' OR joined_on > $1`:                                       "joined before 18 or in the future",
			`SELECT count(*) FROM memberships ms JOIN members m ON m.id = ms.member_id WHERE ms.started_on < m.joined_on OR ms.started_on > $1::date`: "memberships before joining",
			`SELECT count(*) FROM members WHERE full_name !~ '^[^ ]+( [^ ]+){2,3}$'`:                                                                  "odd names",
		} {
			var n int
			var err error
			if strings.Contains(q, "$1") {
				err = pool.QueryRow(ctx, q, fixedDay).Scan(&n)
			} else {
				err = pool.QueryRow(ctx, q).Scan(&n)
			}
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			if n != 0 {
				t.Errorf("%d %s", n, what)
			}
		}
		members := queryInt(t, pool, `SELECT count(*) FROM members`)
		phones := queryInt(t, pool, `SELECT count(phone) FROM members`)
		if p := float64(phones) / float64(members); p < 0.7 || p > 0.9 {
			t.Errorf("%.0f%% of members have a phone, want about 80%%", 100*p)
		}
		for status, lo := range map[string]float64{"full": 0.7, "probationary": 0.005, "exempt": 0.01} {
			n := queryInt(t, pool, `SELECT count(*) FROM members WHERE status = $1`, status)
			if float64(n)/float64(members) < lo {
				t.Errorf("%d %s members of %d", n, status, members)
			}
		}
	})

	t.Run("logins", func(t *testing.T) {
		if len(sum.DemoLogins) != 4 {
			t.Fatalf("demo logins: %+v", sum.DemoLogins)
		}
		for _, l := range sum.DemoLogins {
			var hash string
			err := pool.QueryRow(ctx, `SELECT a.password_hash FROM accounts a LEFT JOIN members m ON m.id = a.member_id
				WHERE a.login = $1 OR m.card_number = $1`, l.Login).Scan(&hash)
			if err != nil {
				t.Fatalf("account of %s (%s): %v", l.Who, l.Login, err)
			}
			if ok, err := content.CheckPassword(hash, l.Password); err != nil || !ok {
				t.Errorf("password of %s does not verify: %v %v", l.Who, ok, err)
			}
		}
		// The admin holds the province, the editor the first commune.
		if got := queryInt(t, pool, `SELECT count(*) FROM grants g JOIN accounts a ON a.id = g.account_id
			WHERE (a.login = 'admin' AND g.unit_id = 1 AND g.role = 'admin')
			   OR (a.login = 'bientap' AND g.role = 'editor' AND g.unit_id = (SELECT id FROM units WHERE kind = 'commune' ORDER BY id LIMIT 1))`); got != 2 {
			t.Errorf("grants: %d of 2", got)
		}
		// The secretary login is the demo cell's secretary, the member login an ordinary member of it.
		sec, member := sum.DemoLogins[2].Login, sum.DemoLogins[3].Login
		if got := queryInt(t, pool, `SELECT count(*) FROM positions p JOIN members m ON m.id = p.member_id
			WHERE m.card_number = $1 AND p.role = 'secretary' AND p.unit_id = m.cell_id`, sec); got != 1 {
			t.Errorf("secretary login %s is not a cell secretary", sec)
		}
		if got := queryInt(t, pool, `SELECT count(*) FROM positions p JOIN members m ON m.id = p.member_id
			WHERE m.card_number = $1`, member); got != 0 {
			t.Errorf("member login %s holds a position", member)
		}

		ac := sum.ActivationCode
		if !regexp.MustCompile(`^[A-Z2-9]{5}-[A-Z2-9]{5}$`).MatchString(ac.Password) {
			t.Errorf("activation code %q", ac.Password)
		}
		var hasPassword bool
		err := pool.QueryRow(ctx, `SELECT a.password_hash IS NOT NULL FROM activation_codes c
			JOIN accounts a ON a.id = c.account_id JOIN members m ON m.id = a.member_id
			WHERE c.code_hash = $1 AND m.card_number = $2 AND c.expires_at > now() + interval '6 days' AND c.used_at IS NULL
			AND c.issued_by = (SELECT id FROM accounts WHERE login = 'admin')`,
			content.HashActivationCode(ac.Password), ac.Login).Scan(&hasPassword)
		if err != nil {
			t.Fatalf("activation code not stored for %s: %v", ac.Login, err)
		}
		if hasPassword {
			t.Error("the member to activate already has a password")
		}
		if got := queryInt(t, pool, `SELECT count(*) FROM members WHERE card_number = $1 AND cell_id =
			(SELECT cell_id FROM members WHERE card_number = $2)`, ac.Login, sec); got != 1 {
			t.Error("the member to activate is not in the demo cell")
		}
	})

	t.Run("visible", func(t *testing.T) {
		// What a member sees: documents addressed to their cell or any unit above it.
		const visible = `SELECT count(*) FROM documents d JOIN units a ON a.id = d.audience_unit_id
			JOIN members m ON m.card_number = $1 JOIN units c ON c.id = m.cell_id
			WHERE a.path @> c.path AND d.status = 'published' AND NOT d.officers_only`
		member := sum.DemoLogins[3].Login
		n := queryInt(t, pool, visible, member)
		if n < 130 {
			t.Errorf("the demo member sees %d documents, want a year's worth (> 130)", n)
		}
		cellDocs := queryInt(t, pool, `SELECT count(*) FROM documents d JOIN members m ON m.card_number = $1
			WHERE d.audience_unit_id = m.cell_id AND d.type = 'meeting_material'`, member)
		if cellDocs < 10 {
			t.Errorf("the demo cell has %d meeting materials", cellDocs)
		}
		// Every cell gets its monthly materials; most get about a dozen.
		if got := queryInt(t, pool, `SELECT count(*) FROM units u WHERE kind = 'cell' AND
			(SELECT count(*) FROM documents d WHERE d.audience_unit_id = u.id) < 6`); got != 0 {
			t.Errorf("%d cells with fewer than 6 documents", got)
		}
		// Search ignores diacritics.
		if got := queryInt(t, pool, `SELECT count(*) FROM documents WHERE search @@ plainto_tsquery('sotay_vi', 'nghi quyet')`); got == 0 {
			t.Error("search for 'nghi quyet' finds nothing")
		}
	})

	t.Run("texts", func(t *testing.T) {
		rows, err := pool.Query(ctx, `SELECT type, title, body FROM documents ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		leftover := regexp.MustCompile(`\{[A-Z+\-0-9:.]+\}`)
		for rows.Next() {
			var typ, title, body string
			if err := rows.Scan(&typ, &title, &body); err != nil {
				t.Fatal(err)
			}
			if m := leftover.FindString(title + body); m != "" {
				t.Errorf("%s %q: unexpanded placeholder %s", typ, title, m)
			}
			if typ == "meeting_material" && (len(body) < 700 || len(body) > 2600) {
				t.Errorf("meeting material %q is %d bytes", title, len(body))
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("feeds", func(t *testing.T) { testFeeds(t, pool) })

	t.Run("sequences", func(t *testing.T) {
		var id int64
		if err := pool.QueryRow(ctx, `INSERT INTO units (parent_id, path, kind, code, name)
			VALUES (1, '1', 'commune', 'NEW', 'Đảng ủy xã Mới') RETURNING id`).Scan(&id); err == nil {
			t.Fatal("a unit with a wrong path was accepted") // the CHECK wants the path to end in the id
		}
		_, err := content.CreateUnit(ctx, pool, nil, content.NewUnit{ParentID: ptr(int64(1)), Kind: content.KindCommune,
			Code: "HY.X999", Name: "Đảng ủy xã Mới"})
		if err != nil {
			t.Fatalf("insert a unit after seeding: %v", err)
		}
		for _, q := range []string{
			`INSERT INTO members (card_number, full_name, status, cell_id) VALUES ('12345678901', 'Nguyễn Văn Mới', 'full', 1) RETURNING id`,
			`INSERT INTO memberships (member_id, unit_id, started_on, ended_on) VALUES (1, 1, '2020-01-01', '2020-02-01') RETURNING id`,
			`INSERT INTO positions (member_id, unit_id, role, started_on, ended_on) VALUES (1, 1, 'deputy', '2020-01-01', '2020-02-01') RETURNING id`,
			`INSERT INTO documents (type, title, audience_unit_id) VALUES ('notice', 'Mới', 1) RETURNING id`,
		} {
			if err := pool.QueryRow(ctx, q).Scan(&id); err != nil {
				t.Errorf("%s: %v", q, err)
			}
		}
	})

	t.Run("refuses a seeded database", func(t *testing.T) {
		_, err := seed(ctx, pool, small, fixedDay)
		if !errors.Is(err, db.ErrConflict) {
			t.Fatalf("second seed: %v, want a conflict", err)
		}
	})
}

func ptr[T any](v T) *T { return &v }

func TestOptionsValidated(t *testing.T) {
	for _, o := range []Options{{Cells: 10, Grassroots: 20}, {Communes: -1}, {MembersPerCell: 2}} {
		if _, err := o.withDefaults(); !errors.Is(err, db.ErrInvalid) {
			t.Errorf("%+v: %v, want invalid", o, err)
		}
	}
}

// BenchmarkSeedDefault loads the full default province (100,000 members)
// into a fresh database per iteration.
func BenchmarkSeedDefault(b *testing.B) {
	ctx := context.Background()
	members := 0
	var elapsed time.Duration
	for b.Loop() {
		b.StopTimer()
		pool := dbtest.New(b)
		b.StartTimer()
		start := time.Now()
		sum, err := Seed(ctx, pool, Options{Progress: progress(b)})
		if err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(start)
		members += sum.Members
		b.StopTimer()
		pool.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(members)/elapsed.Seconds(), "members/s")
}

// progress logs the seed's phases with -v.
func progress(b *testing.B) io.Writer {
	if !testing.Verbose() {
		return nil
	}
	return writerFunc(func(p []byte) (int, error) {
		b.Log(strings.TrimSpace(string(p)))
		return len(p), nil
	})
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// docFeedSQL is, over documents d, the feed content puts a published
// document in: its audience's officers feed when officers only, else the
// audience's unit feed.
const docFeedSQL = `CASE WHEN d.officers_only THEN 'officers:' ELSE 'unit:' END || d.audience_unit_id`

// feedHeads is every feed's head.
func feedHeads(t *testing.T, q db.Querier) map[string]int64 {
	t.Helper()
	rows, err := q.Query(context.Background(), `SELECT name, head FROM feeds`)
	if err != nil {
		t.Fatal(err)
	}
	heads := map[string]int64{}
	var name string
	var head int64
	if _, err := pgx.ForEachRow(rows, []any{&name, &head}, func() error { heads[name] = head; return nil }); err != nil {
		t.Fatal(err)
	}
	return heads
}

func feedBody(t *testing.T, q db.Querier, name, entity string) string {
	t.Helper()
	var body string
	if err := q.QueryRow(context.Background(), `SELECT body FROM feed_entries WHERE feed = $1 AND entity = $2 AND NOT deleted`,
		name, entity).Scan(&body); err != nil {
		t.Fatalf("%s in %s: %v", entity, name, err)
	}
	return body
}

func ids(t *testing.T, q db.Querier, sql string) []int64 {
	t.Helper()
	rows, err := q.Query(context.Background(), sql)
	if err != nil {
		t.Fatal(err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// testFeeds checks that the seed's sync feeds hold what content's own write
// paths write: every published document in the one feed of its audience,
// every member's roster entry and profile, every unit; the bodies byte for
// byte (content rewriting the same state moves no feed head).
func testFeeds(t *testing.T, pool *pgxpool.Pool) {
	ctx := context.Background()
	docs := queryInt(t, pool, `SELECT count(*) FROM documents WHERE status = 'published'`)
	if got := queryInt(t, pool, `SELECT count(*) FROM documents d WHERE d.status = 'published' AND NOT EXISTS
		(SELECT 1 FROM feed_entries e WHERE e.feed = `+docFeedSQL+` AND e.entity = 'document:' || d.id AND NOT e.deleted)`); got != 0 {
		t.Errorf("%d of %d published documents missing from their feed", got, docs)
	}
	if got := queryInt(t, pool, `SELECT count(*) FROM feed_entries e WHERE e.entity LIKE 'document:%' AND NOT EXISTS
		(SELECT 1 FROM documents d WHERE e.entity = 'document:' || d.id AND d.status = 'published' AND e.feed = `+docFeedSQL+`
		 AND NOT e.deleted)`); got != 0 {
		t.Errorf("%d document entries in a feed other than their audience's (or tombstones)", got)
	}
	if got := queryInt(t, pool, `SELECT count(*) FROM feed_entries WHERE feed LIKE 'officers:%' AND entity LIKE 'document:%'`); got < 1 {
		t.Error("no officers-only document in an officers feed")
	}

	members := queryInt(t, pool, `SELECT count(*) FROM members WHERE state = 'active'`)
	if got := queryInt(t, pool, `SELECT count(*) FROM members m
		JOIN feed_entries r ON r.feed = 'unit:' || m.cell_id AND r.entity = 'member:' || m.id AND NOT r.deleted
		JOIN feed_entries p ON p.feed = 'member:' || m.id AND p.entity = 'profile:' || m.id AND NOT p.deleted
		WHERE m.state = 'active'`); got != members || members == 0 {
		t.Errorf("%d of %d active members have their roster entry and profile", got, members)
	}
	if got := queryInt(t, pool, `SELECT count(*) FROM feed_entries WHERE entity LIKE 'member:%' OR entity LIKE 'profile:%'`); got != 2*members {
		t.Errorf("%d roster entries and profiles for %d members", got, members)
	}
	units := queryInt(t, pool, `SELECT count(*) FROM units`)
	if got := queryInt(t, pool, `SELECT count(*) FROM units u
		JOIN feed_entries e ON e.feed = 'unit:' || u.id AND e.entity = 'unit:' || u.id AND NOT e.deleted`); got != units {
		t.Errorf("%d of %d units in their own feed", got, units)
	}
	if got := queryInt(t, pool, `SELECT count(*) FROM feed_entries WHERE entity LIKE 'unit:%'`); got != units {
		t.Errorf("%d unit entries for %d units", got, units)
	}
	if got := queryInt(t, pool, `SELECT count(*) FROM feeds f WHERE f.live <> (SELECT count(*) FROM feed_entries e
		WHERE e.feed = f.name AND NOT e.deleted) OR f.head <> (SELECT max(seq) FROM feed_entries e WHERE e.feed = f.name)`); got != 0 {
		t.Errorf("%d feeds whose head or live count disagrees with their entries", got)
	}

	var adminID int64
	if err := pool.QueryRow(ctx, `SELECT id FROM accounts WHERE login = 'admin'`).Scan(&adminID); err != nil {
		t.Fatal(err)
	}
	admin, err := content.LoadActor(ctx, pool, adminID, uuid.Nil, "test")
	if err != nil {
		t.Fatal(err)
	}

	// A document's body in its feed is what a reader of it gets from content.
	sample := ids(t, pool, `(SELECT id FROM documents WHERE officers_only ORDER BY id LIMIT 1)
		UNION (SELECT id FROM documents WHERE type = 'article' ORDER BY id LIMIT 1)
		UNION (SELECT id FROM documents WHERE type = 'draft' ORDER BY id LIMIT 1)
		UNION (SELECT id FROM documents WHERE body LIKE '%**%' ORDER BY id LIMIT 1)
		UNION (SELECT id FROM documents ORDER BY id DESC LIMIT 1)`)
	if len(sample) < 4 {
		t.Fatalf("sample documents %v", sample)
	}
	for _, id := range sample {
		d, err := content.GetDocument(ctx, pool, admin, id)
		if err != nil {
			t.Fatal(err)
		}
		if d.Audio != nil && d.Audio.State != content.AudioReady {
			d.Audio = nil // phones get the audio once it is ready, and only then
		}
		want, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		name := feed.Unit(d.AudienceUnitID)
		if d.OfficersOnly {
			name = feed.Officers(d.AudienceUnitID)
		}
		if got := feedBody(t, pool, name, fmt.Sprintf("document:%d", id)); got != string(want) || d.BodyHTML == "" {
			i := 0
			for i < min(len(got), len(want)) && got[i] == want[i] {
				i++
			}
			t.Errorf("document %d in %s differs from what content reads from byte %d: %.80q, want %.80q",
				id, name, i, got[i:], want[i:])
		}
	}

	// content writing the same state again changes nothing: the bodies are
	// byte for byte the same.
	before := feedHeads(t, pool)
	if err := db.Transact(ctx, pool, func(tx pgx.Tx) error {
		if err := content.UnitsChanged(ctx, tx, ids(t, tx, `SELECT id FROM units`)); err != nil {
			return err
		}
		if err := content.MembersChanged(ctx, tx, ids(t, tx, `SELECT id FROM members`), nil); err != nil {
			return err
		}
		return content.DocumentsChanged(ctx, tx, ids(t, tx, `SELECT id FROM documents`))
	}); err != nil {
		t.Fatal(err)
	}
	if after := feedHeads(t, pool); !maps.Equal(before, after) {
		t.Fatalf("rewriting the seeded state moved feed heads (%d feeds before, %d after)", len(before), len(after))
	}

	// And the other way round: what content's single-item paths write (a
	// unit created, a document published), the bulk paths rewrite unchanged.
	var unitID, docID int64
	if err := db.Transact(ctx, pool, func(tx pgx.Tx) error {
		u, err := content.CreateUnit(ctx, tx, admin, content.NewUnit{ParentID: ptr(int64(1)), Kind: content.KindCommune,
			Code: "HY.FEED1", Name: "Đảng ủy xã Kiểm Thử"})
		if err != nil {
			return err
		}
		d, err := content.CreateDocument(ctx, tx, admin, content.DocumentInput{Type: content.DocNotice,
			Title: "Thông báo **kiểm thử**", Summary: "Tóm tắt", Body: "# Tiêu đề\n\nNội dung *nghiêng* và **đậm**.\n\n- một\n- hai",
			AudienceUnitID: u.ID})
		if err != nil {
			return err
		}
		if _, err := content.PublishDocument(ctx, tx, admin, d.ID, nil); err != nil {
			return err
		}
		unitID, docID = u.ID, d.ID
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	before = feedHeads(t, pool)
	if before[feed.Unit(unitID)] != 2 {
		t.Fatalf("the new unit's feed is at %d, want 2 (the unit, the document)", before[feed.Unit(unitID)])
	}
	if err := db.Transact(ctx, pool, func(tx pgx.Tx) error {
		if err := content.UnitsChanged(ctx, tx, []int64{unitID}); err != nil {
			return err
		}
		return content.DocumentsChanged(ctx, tx, []int64{docID})
	}); err != nil {
		t.Fatal(err)
	}
	if after := feedHeads(t, pool); !maps.Equal(before, after) {
		t.Fatalf("the bulk paths rewrote what the single-item paths wrote: %s at %d, was %d",
			feed.Unit(unitID), after[feed.Unit(unitID)], before[feed.Unit(unitID)])
	}
}
