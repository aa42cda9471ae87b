package content_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5"

	"sotay/content"
	"sotay/db"
	"sotay/db/dbtest"
)

func TestUnitTreeMoveAndAncestors(t *testing.T) {
	pool := dbtest.New(t)
	ctx := context.Background()
	p := mustUnit(t, pool, nil, content.KindProvince, "P", "Tỉnh")
	a := mustUnit(t, pool, &p.ID, content.KindCommune, "A", "Xã A")
	b := mustUnit(t, pool, &p.ID, content.KindCommune, "B", "Xã B")
	g := mustUnit(t, pool, &a.ID, content.KindGrassroots, "G", "Đảng bộ G")
	c := mustUnit(t, pool, &g.ID, content.KindCell, "C", "Chi bộ C")
	grp := mustUnit(t, pool, &c.ID, content.KindGroup, "T", "Tổ đảng 1")
	if grp.Depth() != 5 {
		t.Fatalf("depth %d", grp.Depth())
	}
	if _, err := content.MoveUnit(ctx, pool, nil, g.ID, b.ID); err != nil {
		t.Fatal(err)
	}
	anc, err := content.Ancestors(ctx, pool, grp.ID)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, u := range anc {
		names = append(names, u.Name)
	}
	if len(anc) != 5 || anc[1].ID != b.ID || anc[4].ID != grp.ID {
		t.Fatalf("ancestors after move: %v", names)
	}
	if _, err := content.MoveUnit(ctx, pool, nil, b.ID, c.ID); !errors.Is(err, db.ErrInvalid) {
		t.Fatalf("moving a unit below itself: %v", err)
	}
	if _, err := content.CreateUnit(ctx, pool, nil, content.NewUnit{ParentID: &p.ID, Kind: "village", Code: "X", Name: "x"}); !errors.Is(err, db.ErrInvalid) {
		t.Fatalf("bad kind: %v", err)
	}
	if _, err := content.CreateUnit(ctx, pool, nil, content.NewUnit{ParentID: &p.ID, Kind: content.KindCell, Code: "C", Name: "dup"}); !errors.Is(err, db.ErrConflict) {
		t.Fatalf("duplicate code: %v", err)
	}
}

func TestTransferKeepsHistoryAndEndsPositions(t *testing.T) {
	f := newAcctFixture(t)
	ctx := context.Background()
	other := mustUnit(t, f.pool, f.cell.ParentID, content.KindCell, "C2", "Chi bộ thôn Tây")
	if _, err := content.AssignPosition(ctx, f.pool, f.admin, f.member.ID, f.cell.ID, "secretary"); err != nil {
		t.Fatal(err)
	}
	actor, _ := content.LoadActor(ctx, f.pool, mustAccount(t, f), [16]byte{}, "")
	if !actor.Can(content.RoleEditor, f.cell.Path) || actor.Can(content.RoleEditor, other.Path) || actor.Can(content.RoleAdmin, f.cell.Path) {
		t.Fatalf("secretary grants: %+v", actor.Grants)
	}
	m, err := content.TransferMember(ctx, f.pool, f.admin, f.member.ID, other.ID, "chuyển nơi cư trú")
	if err != nil || *m.CellID != other.ID {
		t.Fatalf("transfer: %v", err)
	}
	hist, _ := content.MemberHistory(ctx, f.pool, f.member.ID)
	if len(hist) != 2 || hist[0].EndedOn == nil || hist[1].UnitID != other.ID || hist[1].EndedOn != nil {
		t.Fatalf("history %+v", hist)
	}
	actor, _ = content.LoadActor(ctx, f.pool, mustAccount(t, f), [16]byte{}, "")
	if actor.Can(content.RoleEditor, f.cell.Path) || actor.CellID != other.ID {
		t.Fatalf("after transfer the old secretary still edits the old cell: %+v", actor)
	}
}

func mustAccount(t *testing.T, f *acctFixture) int64 {
	t.Helper()
	var id int64
	err := f.pool.QueryRow(context.Background(), `INSERT INTO accounts (member_id) VALUES ($1)
		ON CONFLICT (member_id) DO UPDATE SET member_id = excluded.member_id RETURNING id`, f.member.ID).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestNamesAreStoredInNFC(t *testing.T) {
	pool := dbtest.New(t)
	decomposed := "Chi bo\u0323\u0302 tho\u0302n  \u0110o\u0302ng" // "Chi bộ thôn  Đông", decomposed, two spaces
	u := mustUnit(t, pool, nil, content.KindProvince, "P", decomposed)
	if u.Name != "Chi bộ thôn Đông" {
		t.Fatalf("name %q (% x)", u.Name, u.Name)
	}
}

// TestConcurrentMovesCannotMakeACycle: "A under B" and "B under A" at once:
// the tree lock makes one wait for the other, which then sees the cycle.
func TestConcurrentMovesCannotMakeACycle(t *testing.T) {
	pool := dbtest.New(t)
	ctx := context.Background()
	p := mustUnit(t, pool, nil, content.KindProvince, "P", "Tỉnh")
	a := mustUnit(t, pool, &p.ID, content.KindCommune, "A", "Xã A")
	b := mustUnit(t, pool, &p.ID, content.KindCommune, "B", "Xã B")
	for round := 0; round < 10; round++ {
		errs := make(chan error, 2)
		for _, m := range [][2]int64{{a.ID, b.ID}, {b.ID, a.ID}} {
			go func() {
				errs <- db.Transact(ctx, pool, func(tx pgx.Tx) error {
					_, err := content.MoveUnit(ctx, tx, nil, m[0], m[1])
					return err
				})
			}()
		}
		e1, e2 := <-errs, <-errs
		if (e1 == nil) == (e2 == nil) {
			t.Fatalf("round %d: both or neither moved: %v, %v", round, e1, e2)
		}
		var cycle int
		pool.QueryRow(ctx, `SELECT count(*) FROM units c JOIN units par ON par.id = c.parent_id WHERE c.path <> par.path || c.id::text`).Scan(&cycle)
		if cycle != 0 {
			t.Fatalf("round %d: %d units whose path does not run through their parent", round, cycle)
		}
		// Put both back under the province.
		for _, id := range []int64{a.ID, b.ID} {
			db.Transact(ctx, pool, func(tx pgx.Tx) error {
				u, _ := content.GetUnit(ctx, tx, id)
				if *u.ParentID != p.ID {
					_, err := content.MoveUnit(ctx, tx, nil, id, p.ID)
					return err
				}
				return nil
			})
		}
	}
}

func TestOneRoot(t *testing.T) {
	pool := dbtest.New(t)
	mustUnit(t, pool, nil, content.KindProvince, "P", "Tỉnh")
	_, err := content.CreateUnit(context.Background(), pool, nil, content.NewUnit{Kind: content.KindProvince, Code: "Q", Name: "Tỉnh khác"})
	if !errors.Is(err, db.ErrConflict) {
		t.Fatalf("a second root: %v", err)
	}
}
