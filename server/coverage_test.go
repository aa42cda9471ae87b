package server_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"sotay/content"
)

// TestGrantsGiveAndTakeRights: PUT /grants makes a viewer of B an editor of
// B, DELETE takes it away; only an admin of the unit may do either.
func TestGrantsGiveAndTakeRights(t *testing.T) {
	w := newWorld(t)
	viewer := accountIDOf(w, w.tokViewerB)
	doc := map[string]any{"type": "notice", "title": "Thông báo", "audience_unit_id": w.B.ID}
	w.do("POST", "/api/v1/documents", w.tokViewerB, doc, 403, nil)
	grant := map[string]any{"account_id": viewer, "unit_id": w.B.ID, "role": "editor"}
	w.do("PUT", "/api/v1/grants", w.tokEditorA, grant, 404, nil) // B is not even visible to A's editor
	w.do("PUT", "/api/v1/grants", w.tokViewerB, grant, 403, nil) // no promoting oneself
	w.do("PUT", "/api/v1/grants", w.tokAdmin, grant, 204, nil)
	w.do("POST", "/api/v1/documents", w.tokViewerB, doc, 201, nil)
	b := w.do("PUT", "/api/v1/grants", w.tokAdmin, map[string]any{"account_id": viewer, "unit_id": w.B.ID, "role": "owner"}, 400, nil)
	if errorCode(b) != "invalid_role" {
		t.Fatalf("bad role: %s", b)
	}
	w.do("DELETE", "/api/v1/grants", w.tokAdmin, map[string]any{"account_id": viewer, "unit_id": w.B.ID}, 204, nil)
	w.do("POST", "/api/v1/documents", w.tokViewerB, doc, 400, nil) // with no grant left, B is unknown to them
	w.do("GET", fmt.Sprintf("/api/v1/members?unit=%d", w.B.ID), w.tokViewerB, nil, 404, nil)
}

// TestDisableAccount: an admin locks a staff account; its token stops
// working at once and it cannot sign in.
func TestDisableAccount(t *testing.T) {
	w := newWorld(t)
	id := accountIDOf(w, w.tokEditorA)
	w.do("POST", fmt.Sprintf("/api/v1/accounts/%d/disable", id), w.tokViewerB, nil, 403, nil)
	w.do("POST", fmt.Sprintf("/api/v1/accounts/%d/disable", id), w.tokAdmin, nil, 204, nil)
	w.revocations.Load(context.Background(), w.pool)
	w.do("GET", "/api/v1/auth/devices", w.tokEditorA, nil, 401, nil)
	b := w.do("POST", "/api/v1/auth/login", "", map[string]any{"login": "bientap.a", "password": pw}, 403, nil)
	if errorCode(b) != "account_disabled" {
		t.Fatalf("login of a disabled account: %s", b)
	}
	w.do("POST", "/api/v1/accounts/999999/disable", w.tokAdmin, nil, 404, nil)
}

// TestEndPositionEndsRightsByPosition: the secretary edits C1 by position;
// when the position ends, so does the right.
func TestEndPositionEndsRightsByPosition(t *testing.T) {
	w := newWorld(t)
	doc := map[string]any{"type": "meeting_material", "title": "Tài liệu", "audience_unit_id": w.C1.ID}
	w.do("POST", "/api/v1/documents", w.tokS1, doc, 201, nil)
	var m struct{ Positions []content.Position }
	w.do("GET", fmt.Sprintf("/api/v1/members/%d", w.s1.ID), w.tokAdmin, nil, 200, &m)
	if len(m.Positions) != 1 || m.Positions[0].Role != "secretary" || m.Positions[0].EndedOn != nil {
		t.Fatalf("positions %+v", m.Positions)
	}
	w.do("DELETE", fmt.Sprintf("/api/v1/positions/%d", m.Positions[0].ID), w.tokS1, nil, 403, nil)
	w.do("DELETE", fmt.Sprintf("/api/v1/positions/%d", m.Positions[0].ID), w.tokAdmin, nil, 204, nil)
	w.do("POST", "/api/v1/documents", w.tokS1, doc, 403, nil)
	w.do("GET", fmt.Sprintf("/api/v1/members/%d", w.s1.ID), w.tokAdmin, nil, 200, &m)
	if m.Positions[0].EndedOn == nil {
		t.Fatal("position not ended")
	}
	// A new secretary replaces the old one: one secretary at a time.
	var p content.Position
	w.do("POST", fmt.Sprintf("/api/v1/members/%d/positions", w.m1.ID), w.tokAdmin, map[string]any{"unit_id": w.C1.ID, "role": "secretary"}, 201, &p)
	w.do("POST", fmt.Sprintf("/api/v1/members/%d/positions", w.s1.ID), w.tokAdmin, map[string]any{"unit_id": w.C1.ID, "role": "secretary"}, 201, nil)
	w.do("GET", fmt.Sprintf("/api/v1/members/%d", w.m1.ID), w.tokAdmin, nil, 200, &m)
	if m.Positions[0].EndedOn == nil {
		t.Fatal("the earlier secretary is still in office")
	}
	w.do("POST", fmt.Sprintf("/api/v1/members/%d/positions", w.m1.ID), w.tokAdmin, map[string]any{"unit_id": w.C1.ID, "role": "chairman"}, 400, nil)
}

// TestUpdateMember: an admin corrects personal data; bad values are refused
// with the field named; a duplicate phone is refused.
func TestUpdateMember(t *testing.T) {
	w := newWorld(t)
	in := map[string]any{"card_number": "10000001", "full_name": "Nguyễn Văn Một", "status": "full", "phone": "0912 000 111", "birth_date": "1960-05-01"}
	var m struct{ Member content.Member }
	w.do("PATCH", fmt.Sprintf("/api/v1/members/%d", w.m1.ID), w.tokS1, in, 403, nil)
	w.do("PATCH", fmt.Sprintf("/api/v1/members/%d", w.m1.ID), w.tokAdmin, in, 200, &m)
	if m.Member.Phone == nil || *m.Member.Phone != "0912000111" || m.Member.BirthDate.String() != "1960-05-01" {
		t.Fatalf("member %+v", m.Member)
	}
	in2 := map[string]any{"card_number": "10000003", "full_name": "Lê Văn Ba", "status": "full", "phone": "0912000111"}
	b := w.do("PATCH", fmt.Sprintf("/api/v1/members/%d", w.m2.ID), w.tokAdmin, in2, 400, nil)
	if errorCode(b) != "phone_taken" {
		t.Fatalf("duplicate phone: %s", b)
	}
	in["card_number"] = "123"
	b = w.do("PATCH", fmt.Sprintf("/api/v1/members/%d", w.m1.ID), w.tokAdmin, in, 400, nil)
	if errorCode(b) != "invalid_card_number" || !contains(b, `"field":"card_number"`) {
		t.Fatalf("bad card: %s", b)
	}
}

// TestUnitChildren: the children of a unit, for those who may view it.
func TestUnitChildren(t *testing.T) {
	w := newWorld(t)
	var kids struct{ Units []content.Unit }
	w.do("GET", fmt.Sprintf("/api/v1/units/%d/children", w.G.ID), w.tokEditorA, nil, 200, &kids)
	if len(kids.Units) != 2 || kids.Units[0].ID != w.C1.ID {
		t.Fatalf("children %+v", kids.Units)
	}
	w.do("GET", fmt.Sprintf("/api/v1/units/%d/children", w.G.ID), w.tokViewerB, nil, 404, nil)
	w.do("GET", fmt.Sprintf("/api/v1/units/%d/children", w.G.ID), w.tokM1, nil, 403, nil) // on the way to their cell: known, not listable
	w.do("PATCH", fmt.Sprintf("/api/v1/units/%d", w.G.ID), w.tokAdmin, map[string]any{}, 400, nil)
	b := w.do("PATCH", fmt.Sprintf("/api/v1/units/%d", w.A.ID), w.tokAdmin, map[string]any{"parent_id": w.C1.ID}, 400, nil)
	if errorCode(b) != "move_into_self" {
		t.Fatalf("moving a unit below itself: %s", b)
	}
}

func contains(b []byte, s string) bool { return strings.Contains(string(b), s) }

func TestSecondReviewRegressions(t *testing.T) {
	w := newWorld(t)
	// A position is given only where the member is (or above).
	w.do("POST", fmt.Sprintf("/api/v1/members/%d/positions", w.m3.ID), w.tokEditorA, map[string]any{"unit_id": w.A.ID, "role": "deputy"}, 403, nil)
	b := w.do("POST", fmt.Sprintf("/api/v1/members/%d/positions", w.m3.ID), w.tokAdmin, map[string]any{"unit_id": w.A.ID, "role": "deputy"}, 400, nil)
	if errorCode(b) != "not_a_member_there" {
		t.Fatalf("position outside the member's cell: %s", b)
	}
	w.do("POST", fmt.Sprintf("/api/v1/members/%d/positions", w.m3.ID), w.tokAdmin, map[string]any{"unit_id": w.B.ID, "role": "committee_member"}, 201, nil)

	// A member who left can still be read by the admin and brought back.
	w.do("POST", fmt.Sprintf("/api/v1/members/%d/state", w.m2.ID), w.tokAdmin, map[string]string{"state": "left", "reason": "chuyển đi tỉnh khác"}, 200, nil)
	var m struct{ Member content.Member }
	w.do("GET", fmt.Sprintf("/api/v1/members/%d", w.m2.ID), w.tokAdmin, nil, 200, &m)
	if m.Member.State != content.StateLeft || m.Member.CellID != nil {
		t.Fatalf("left member %+v", m.Member)
	}
	w.do("POST", fmt.Sprintf("/api/v1/members/%d/transfer", w.m2.ID), w.tokAdmin, map[string]any{"cell_id": w.C2.ID}, 200, &m)
	if m.Member.State != content.StateActive || *m.Member.CellID != w.C2.ID {
		t.Fatalf("member back %+v", m.Member)
	}

	// A NUL character is bad input, not a server error.
	for _, c := range []struct {
		method, path, tok string
		body              any
	}{
		{"POST", "/api/v1/auth/login", "", []byte(`{"login":"a\u0000b","password":"x"}`)},
		{"GET", "/api/v1/members?unit=1&q=%00", w.tokAdmin, nil},
		{"POST", "/api/v1/units", w.tokAdmin, []byte(`{"parent_id":1,"kind":"cell","code":"NUL1","name":"Chi bộ \u0000"}`)},
	} {
		b := w.do(c.method, c.path, c.tok, c.body, 400, nil)
		if errorCode(b) != "invalid_character" && errorCode(b) != "invalid_name" {
			t.Errorf("%s %s: %s", c.method, c.path, b)
		}
	}
	// A version number beyond any version is not found.
	var d struct{ ID int64 }
	w.do("POST", "/api/v1/documents", w.tokAdmin, map[string]any{"type": "notice", "title": "T", "audience_unit_id": w.P.ID}, 201, &d)
	w.do("GET", fmt.Sprintf("/api/v1/documents/%d/versions/99999999999", d.ID), w.tokAdmin, nil, 404, nil)

	// The audit log filters by object type alone.
	var log struct{ Entries []content.AuditEntry }
	w.do("GET", "/api/v1/audit?object_type=member", w.tokAdmin, nil, 200, &log)
	if len(log.Entries) == 0 {
		t.Fatal("no member entries by type")
	}

	// Card numbers are found however they are typed.
	w.do("POST", "/api/v1/auth/login", "", map[string]any{"login": "1000-0001", "password": pw}, 200, nil)
}

// TestLargeDocumentBody: a document may carry its full 2 MB body; other
// routes keep their small limit.
func TestLargeDocumentBody(t *testing.T) {
	w := newWorld(t)
	body := strings.Repeat("Đoạn văn bản dài của nghị quyết. ", 42000) // ≈ 1.9 MB of UTF-8
	w.do("POST", "/api/v1/documents", w.tokAdmin, map[string]any{"type": "resolution", "title": "Văn kiện đại hội",
		"body": body, "audience_unit_id": w.P.ID}, 201, nil)
	b := w.do("POST", "/api/v1/auth/login", "", []byte(`{"login":"`+strings.Repeat("1", 2<<20)+`"}`), 413, nil)
	if errorCode(b) != "body_too_large" {
		t.Fatalf("login body: %s", b)
	}
}
