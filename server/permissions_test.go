package server_test

import (
	"fmt"
	"testing"

	"sotay/content"
)

// TestPermissionMatrix checks each kind of person against their own subtree
// and elsewhere: member, cell secretary, committee editor, viewer, admin.
func TestPermissionMatrix(t *testing.T) {
	w := newWorld(t)
	// A published document for commune A (so for C1 and C2), one for B.
	docFor := func(u content.Unit, title string) content.Document {
		var d content.Document
		w.do("POST", "/api/v1/documents", w.tokAdmin, map[string]any{"type": "notice", "title": title, "body": "Nội dung " + title,
			"audience_unit_id": u.ID}, 201, &d)
		w.do("POST", fmt.Sprintf("/api/v1/documents/%d/publish", d.ID), w.tokAdmin, nil, 200, &d)
		return d
	}
	docA := docFor(w.A, "Thông báo của xã A")
	docB := docFor(w.B, "Thông báo của xã B")

	type who struct {
		name, tok string
	}
	member, secretary, editorA, viewerB, admin := who{"member C1", w.tokM1}, who{"secretary C1", w.tokS1},
		who{"editor A", w.tokEditorA}, who{"viewer B", w.tokViewerB}, who{"admin P", w.tokAdmin}
	docIn := func(u content.Unit) map[string]any {
		return map[string]any{"type": "meeting_material", "title": "Tài liệu", "audience_unit_id": u.ID}
	}
	cases := []struct {
		what         string
		method, path string
		body         any
		allowed      map[who]int // status for each person; everyone listed
	}{
		{"read commune A document", "GET", fmt.Sprintf("/api/v1/documents/%d", docA.ID), nil,
			map[who]int{member: 200, secretary: 200, editorA: 200, viewerB: 404, admin: 200}},
		{"read commune B document", "GET", fmt.Sprintf("/api/v1/documents/%d", docB.ID), nil,
			map[who]int{member: 404, secretary: 404, editorA: 404, viewerB: 200, admin: 200}},
		// A unit one may not see answers as if it did not exist (400 when it
		// was named in the body, 404 in the address); a visible one without
		// the right is 403.
		{"write to own cell", "POST", "/api/v1/documents", docIn(w.C1),
			map[who]int{member: 403, secretary: 201, editorA: 201, viewerB: 400, admin: 201}},
		{"write to a sibling cell", "POST", "/api/v1/documents", docIn(w.C2),
			map[who]int{member: 400, secretary: 400, editorA: 201, viewerB: 400, admin: 201}},
		{"write to commune B", "POST", "/api/v1/documents", docIn(w.B),
			map[who]int{member: 400, secretary: 400, editorA: 400, viewerB: 403, admin: 201}},
		{"list members of C1", "GET", fmt.Sprintf("/api/v1/members?unit=%d", w.C1.ID), nil,
			map[who]int{member: 403, secretary: 200, editorA: 200, viewerB: 404, admin: 200}},
		{"list members of B", "GET", fmt.Sprintf("/api/v1/members?unit=%d", w.B.ID), nil,
			map[who]int{member: 404, secretary: 404, editorA: 404, viewerB: 200, admin: 200}},
		{"see member m3", "GET", fmt.Sprintf("/api/v1/members/%d", w.m3.ID), nil,
			map[who]int{member: 404, secretary: 404, editorA: 404, viewerB: 200, admin: 200}},
		{"activation code for m2 (cell C2)", "POST", fmt.Sprintf("/api/v1/members/%d/activation-code", w.m2.ID), nil,
			map[who]int{member: 404, secretary: 404, editorA: 201, viewerB: 404, admin: 201}},
		{"activation code for the secretary (an officer of C1)", "POST", fmt.Sprintf("/api/v1/members/%d/activation-code", w.s1.ID), nil,
			map[who]int{member: 404, secretary: 403, editorA: 403, viewerB: 404, admin: 201}},
		{"transfer m3 to C1", "POST", fmt.Sprintf("/api/v1/members/%d/transfer", w.m3.ID), map[string]any{"cell_id": w.C1.ID},
			map[who]int{member: 404, secretary: 404, editorA: 404, viewerB: 403, admin: 0}},
		{"add a member to C1", "POST", "/api/v1/members", map[string]any{"card_number": "30000099", "full_name": "Mới", "status": "full", "cell_id": w.C1.ID},
			map[who]int{member: 403, secretary: 403, editorA: 403, viewerB: 400, admin: 0}},
		{"create a unit under B", "POST", "/api/v1/units", map[string]any{"parent_id": w.B.ID, "kind": "cell", "code": "NEWX", "name": "Chi bộ mới"},
			map[who]int{member: 400, secretary: 400, editorA: 400, viewerB: 403, admin: 0}},
		{"see unit C3", "GET", fmt.Sprintf("/api/v1/units/%d", w.C3.ID), nil,
			map[who]int{member: 404, secretary: 404, editorA: 404, viewerB: 200, admin: 200}},
		{"see own ancestors", "GET", fmt.Sprintf("/api/v1/units/%d", w.P.ID), nil,
			map[who]int{member: 200, secretary: 200, editorA: 200, viewerB: 200, admin: 200}},
	}
	n := 0
	for _, c := range cases {
		for p, want := range c.allowed {
			if want == 0 {
				continue // checked below with distinct bodies
			}
			t.Run(c.what+"/"+p.name, func(t *testing.T) {
				w.t = t
				w.do(c.method, c.path, p.tok, c.body, want, nil)
			})
			n++
		}
	}
	w.t = t
	// The admin's writes with unique data.
	for i, p := range []who{admin} {
		w.do("POST", "/api/v1/members", p.tok, map[string]any{"card_number": fmt.Sprintf("3000000%d", i), "full_name": "Mới", "status": "full", "cell_id": w.C1.ID}, 201, nil)
		w.do("POST", "/api/v1/units", p.tok, map[string]any{"parent_id": w.B.ID, "kind": "cell", "code": fmt.Sprintf("NEW%d", i), "name": "Chi bộ mới"}, 201, nil)
	}
	if n < 50 {
		t.Fatalf("only %d checks ran", n)
	}
}
