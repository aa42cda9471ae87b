package content_test

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"sotay/content"
	"sotay/content/blob"
	"sotay/db"
	"sotay/db/dbtest"
)

// docWorld is a small province for the document tests:
//
//	province
//	├── commune ── grassroots ─┬─ cellA
//	│                          └─ cellB
//	└── commune2 ── cellX
type docWorld struct {
	pool                                          *pgxpool.Pool
	province, commune, grassroots, cellA, cellB   content.Unit
	commune2, cellX                               content.Unit
	provinceEditor, communeEditor, communeViewer  *content.Actor
	commune2Editor                                *content.Actor
	memberA, memberB, memberX, officerA, officerX *content.Actor
	cellSecretary                                 *content.Actor // secretary of cell A: its editor by position
}

func newDocWorld(t *testing.T) *docWorld {
	t.Helper()
	w := &docWorld{pool: dbtest.New(t)}
	unit := func(parent *content.Unit, kind content.UnitKind, code, name string) content.Unit {
		var pid *int64
		if parent != nil {
			pid = &parent.ID
		}
		u, err := content.CreateUnit(context.Background(), w.pool, nil, content.NewUnit{ParentID: pid, Kind: kind, Code: code, Name: name})
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	w.province = unit(nil, content.KindProvince, "tinh", "Đảng bộ tỉnh")
	w.commune = unit(&w.province, content.KindCommune, "xa-an-binh", "Đảng bộ xã An Bình")
	w.grassroots = unit(&w.commune, content.KindGrassroots, "db-thon", "Đảng bộ thôn Đông")
	w.cellA = unit(&w.grassroots, content.KindCell, "cb-a", "Chi bộ A")
	w.cellB = unit(&w.grassroots, content.KindCell, "cb-b", "Chi bộ B")
	w.commune2 = unit(&w.province, content.KindCommune, "xa-phu-my", "Đảng bộ xã Phú Mỹ")
	w.cellX = unit(&w.commune2, content.KindCell, "cb-x", "Chi bộ X")

	w.provinceEditor = w.staff(t, "tinh-bientap", content.RoleEditor, w.province)
	w.communeEditor = w.staff(t, "xa-bientap", content.RoleEditor, w.commune)
	w.communeViewer = w.staff(t, "xa-xem", content.RoleViewer, w.commune)
	w.commune2Editor = w.staff(t, "xa2-bientap", content.RoleEditor, w.commune2)
	w.memberA = &content.Actor{MemberID: 1, CellID: w.cellA.ID, CellPath: w.cellA.Path}
	w.memberB = &content.Actor{MemberID: 2, CellID: w.cellB.ID, CellPath: w.cellB.Path}
	w.memberX = &content.Actor{MemberID: 3, CellID: w.cellX.ID, CellPath: w.cellX.Path}
	w.officerA = &content.Actor{MemberID: 4, CellID: w.cellA.ID, CellPath: w.cellA.Path, OfficerPaths: []string{w.cellA.Path}}
	w.officerX = &content.Actor{MemberID: 5, CellID: w.cellX.ID, CellPath: w.cellX.Path, OfficerPaths: []string{w.cellX.Path}}
	sec := w.staff(t, "bithu-a", content.RoleEditor, w.cellA)
	sec.MemberID, sec.CellID, sec.CellPath, sec.OfficerPaths = 6, w.cellA.ID, w.cellA.Path, []string{w.cellA.Path}
	sec.Grants[0].ByPosition = true
	w.cellSecretary = sec
	return w
}

// staff makes an account (the audit log refers to it) and an actor holding
// role on unit.
func (w *docWorld) staff(t *testing.T, login string, role content.Role, u content.Unit) *content.Actor {
	t.Helper()
	var id int64
	if err := w.pool.QueryRow(context.Background(), `INSERT INTO accounts (login) VALUES ($1) RETURNING id`, login).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return &content.Actor{AccountID: id, Source: "test", Grants: []content.Grant{{UnitID: u.ID, UnitPath: u.Path, UnitName: u.Name, Role: role}}}
}

// tx runs fn in a transaction, as the HTTP layer will.
func (w *docWorld) tx(t *testing.T, fn func(tx pgx.Tx) error) error {
	t.Helper()
	return db.Transact(context.Background(), w.pool, fn)
}

func (w *docWorld) create(t *testing.T, a *content.Actor, in content.DocumentInput) content.Document {
	t.Helper()
	var d content.Document
	err := w.tx(t, func(tx pgx.Tx) (err error) {
		d, err = content.CreateDocument(context.Background(), tx, a, in)
		return err
	})
	if err != nil {
		t.Fatalf("create %q: %v", in.Title, err)
	}
	return d
}

func (w *docWorld) publish(t *testing.T, a *content.Actor, in content.DocumentInput) content.Document {
	t.Helper()
	d := w.create(t, a, in)
	err := w.tx(t, func(tx pgx.Tx) (err error) {
		d, err = content.PublishDocument(context.Background(), tx, a, d.ID, nil)
		return err
	})
	if err != nil {
		t.Fatalf("publish %q: %v", in.Title, err)
	}
	return d
}

func docIn(u content.Unit, title, body string) content.DocumentInput {
	return content.DocumentInput{Type: content.DocResolution, Title: title, Body: body, AudienceUnitID: u.ID}
}

// docWantErr fails unless err is a *db.Error of kind with code (code "" = any).
func docWantErr(t *testing.T, what string, err error, kind db.Kind, code string) {
	t.Helper()
	var e *db.Error
	if !errors.As(err, &e) || e.Kind != kind || (code != "" && e.Code != code) {
		t.Fatalf("%s: err = %v, want kind %d code %q", what, err, kind, code)
	}
}

func docIDs(docs []content.Document) []int64 {
	ids := make([]int64, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	slices.Sort(ids)
	return ids
}

// TestDocumentVisibility checks the read rule for every (actor, document)
// pair, and that GetDocument (the rule in Go), ListDocuments and
// SearchDocuments (the rule in SQL) agree on it.
func TestDocumentVisibility(t *testing.T) {
	t.Parallel()
	w := newDocWorld(t)
	ctx := context.Background()
	body := "Nội dung chung của các văn bản."
	commune := w.publish(t, w.communeEditor, docIn(w.commune, "Văn bản gửi xã An Bình", body))
	officersIn := docIn(w.commune, "Văn bản chỉ cấp ủy xã An Bình", body)
	officersIn.OfficersOnly = true
	officers := w.publish(t, w.communeEditor, officersIn)
	cellA := w.publish(t, w.communeEditor, docIn(w.cellA, "Văn bản gửi chi bộ A", body))
	draft := w.create(t, w.communeEditor, docIn(w.commune, "Bản nháp của xã", body))
	commune2 := w.publish(t, w.commune2Editor, docIn(w.commune2, "Văn bản gửi xã Phú Mỹ", body))
	province := w.publish(t, w.provinceEditor, docIn(w.province, "Văn bản gửi toàn tỉnh", body))
	all := []content.Document{commune, officers, cellA, draft, commune2, province}

	cases := []struct {
		name  string
		actor *content.Actor
		sees  []content.Document
	}{
		{"member of cell A", w.memberA, []content.Document{commune, cellA, province}},
		{"member of cell B", w.memberB, []content.Document{commune, province}},
		{"member of a cell elsewhere", w.memberX, []content.Document{commune2, province}},
		{"officer of cell A", w.officerA, []content.Document{commune, officers, cellA, province}},
		{"officer elsewhere", w.officerX, []content.Document{commune2, province}},
		{"commune viewer", w.communeViewer, []content.Document{commune, officers, cellA, draft}},
		{"commune editor", w.communeEditor, []content.Document{commune, officers, cellA, draft}},
		{"province editor", w.provinceEditor, all},
		{"cell A secretary (editor by position)", w.cellSecretary, []content.Document{commune, officers, cellA, province}},
		{"nobody", nil, nil},
		{"account without cell or grants", &content.Actor{AccountID: 99}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, d := range all {
				got, err := content.GetDocument(ctx, w.pool, c.actor, d.ID)
				if slices.ContainsFunc(c.sees, func(x content.Document) bool { return x.ID == d.ID }) {
					if err != nil || got.Body != body || got.BodyHTML == "" {
						t.Errorf("GetDocument(%q) = %v; want the document with its body", d.Title, err)
					}
				} else {
					docWantErr(t, fmt.Sprintf("GetDocument(%q)", d.Title), err, db.KindNotFound, "document_not_found")
				}
			}
			want := docIDs(c.sees)
			asMember, _, err := content.ListDocuments(ctx, w.pool, c.actor, content.DocumentFilter{})
			if err != nil {
				t.Fatal(err)
			}
			asStaff, _, err := content.ListDocuments(ctx, w.pool, c.actor, content.DocumentFilter{Manage: true})
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range asMember {
				if d.Status != content.StatusPublished || d.Body != "" {
					t.Errorf("member list has %q in status %s (body %d bytes)", d.Title, d.Status, len(d.Body))
				}
			}
			union := docIDs(append(asMember, asStaff...))
			union = slices.Compact(union)
			if !slices.Equal(union, want) {
				t.Errorf("ListDocuments (member ∪ manage) = %v, want %v", union, want)
			}
			hits, err := content.SearchDocuments(ctx, w.pool, c.actor, "noi dung chung", 50)
			if err != nil {
				t.Fatal(err)
			}
			var found []content.Document
			for _, h := range hits {
				found = append(found, h.Document)
			}
			if got := docIDs(found); !slices.Equal(got, want) {
				t.Errorf("SearchDocuments = %v, want %v", got, want)
			}
		})
	}
}

func TestDocumentEditRights(t *testing.T) {
	t.Parallel()
	w := newDocWorld(t)
	ctx := context.Background()
	q := w.pool

	_, err := content.CreateDocument(ctx, q, w.communeEditor, docIn(w.commune2, "Ra ngoài phạm vi", ""))
	// Another commune is not even visible to this editor: as if it did not exist.
	docWantErr(t, "editor targets another commune", err, db.KindInvalid, "unknown_unit")
	_, err = content.CreateDocument(ctx, q, w.communeEditor, docIn(w.province, "Lên cấp trên", ""))
	docWantErr(t, "editor targets the province above", err, db.KindForbidden, "")
	_, err = content.CreateDocument(ctx, q, w.communeViewer, docIn(w.commune, "Người xem viết", ""))
	docWantErr(t, "viewer creates", err, db.KindForbidden, "")
	_, err = content.CreateDocument(ctx, q, w.memberA, docIn(w.cellA, "Đảng viên viết", ""))
	docWantErr(t, "member creates", err, db.KindForbidden, "")
	_, err = content.CreateDocument(ctx, q, w.communeEditor, docIn(content.Unit{ID: 987654}, "Không có đơn vị", ""))
	docWantErr(t, "unknown audience", err, db.KindInvalid, "unknown_unit")

	d := w.create(t, w.communeEditor, docIn(w.cellA, "Tài liệu chi bộ A", "a"))
	if d.Status != content.StatusDraft || d.Version != 0 || d.AudienceUnitName != "Chi bộ A" {
		t.Fatalf("created %+v", d)
	}
	in := d.Input()
	in.AudienceUnitID = w.commune2.ID
	_, err = content.UpdateDocument(ctx, q, w.communeEditor, d.ID, in)
	docWantErr(t, "move the audience outside the grants", err, db.KindInvalid, "unknown_unit")
	in.AudienceUnitID = w.grassroots.ID
	if d, err = content.UpdateDocument(ctx, q, w.communeEditor, d.ID, in); err != nil || d.AudienceUnitID != w.grassroots.ID {
		t.Fatalf("move inside the grants: %v", err)
	}
	// The cell secretary edits their cell only: the document now goes to the grassroots unit above.
	_, err = content.UpdateDocument(ctx, q, w.cellSecretary, d.ID, in)
	docWantErr(t, "secretary edits a document of the unit above", err, db.KindNotFound, "")
	_, err = content.UpdateDocument(ctx, q, w.commune2Editor, d.ID, in)
	docWantErr(t, "editor of another commune edits", err, db.KindNotFound, "document_not_found")
	_, err = content.UpdateDocument(ctx, q, w.communeViewer, d.ID, in)
	docWantErr(t, "viewer edits", err, db.KindForbidden, "")
	_, err = content.PublishDocument(ctx, q, w.communeViewer, d.ID, nil)
	docWantErr(t, "viewer publishes", err, db.KindForbidden, "")
	_, err = content.PublishDocument(ctx, q, w.memberA, d.ID, nil)
	docWantErr(t, "member publishes a draft", err, db.KindNotFound, "")
	_, err = content.UpdateDocument(ctx, q, w.communeEditor, 987654, in)
	docWantErr(t, "edit a missing document", err, db.KindNotFound, "document_not_found")

	sec := w.create(t, w.cellSecretary, docIn(w.cellA, "Nghị quyết chi bộ A", "b"))
	if _, err := content.PublishDocument(ctx, q, w.cellSecretary, sec.ID, nil); err != nil {
		t.Fatalf("secretary publishes to their cell: %v", err)
	}
}

func TestDocumentValidation(t *testing.T) {
	t.Parallel()
	w := newDocWorld(t)
	ctx := context.Background()
	future := time.Now().Add(72 * time.Hour)
	past := time.Now().Add(-time.Hour)
	rep := func(s string, n int) string {
		b := make([]byte, 0, len(s)*n)
		for range n {
			b = append(b, s...)
		}
		return string(b)
	}
	base := docIn(w.commune, "Tiêu đề", "Nội dung")
	cases := []struct {
		name        string
		edit        func(in *content.DocumentInput)
		field, code string
	}{
		{"title required", func(in *content.DocumentInput) { in.Title = "   " }, "title", "title_required"},
		{"title too long", func(in *content.DocumentInput) { in.Title = rep("ệ", 501) }, "title", "title_too_long"},
		{"type unknown", func(in *content.DocumentInput) { in.Type = "memo" }, "type", "invalid_type"},
		{"article needs a category", func(in *content.DocumentInput) { in.Type = content.DocArticle }, "category", "category_required"},
		{"article category unknown", func(in *content.DocumentInput) { in.Type, in.Category = content.DocArticle, "sport" }, "category", "invalid_category"},
		{"category only for articles", func(in *content.DocumentInput) { in.Category = content.CategoryNews }, "category", "category_not_allowed"},
		{"draft needs a deadline", func(in *content.DocumentInput) { in.Type = content.DocDraft }, "comments_until", "comments_until_required"},
		{"deadline in the past", func(in *content.DocumentInput) { in.Type, in.CommentsUntil = content.DocDraft, &past }, "comments_until", "comments_until_past"},
		{"symbol too long", func(in *content.DocumentInput) { in.Symbol = rep("Đ", 101) }, "symbol", "symbol_too_long"},
		{"body too large", func(in *content.DocumentInput) { in.Body = rep("a", content.MaxDocumentBody+1) }, "body", "body_too_large"},
		{"body not UTF-8", func(in *content.DocumentInput) { in.Body = "ngh\xe1\xbb" }, "body", "invalid_utf8"},
		{"body with NUL", func(in *content.DocumentInput) { in.Body = "a\x00b" }, "body", "invalid_character"},
		{"title with control character", func(in *content.DocumentInput) { in.Title = "a\x01b" }, "title", "invalid_character"},
		{"issued_on malformed", func(in *content.DocumentInput) { in.IssuedOn = "18/05/2025" }, "issued_on", "invalid_issued_on"},
		{"no audience", func(in *content.DocumentInput) { in.AudienceUnitID = 0 }, "audience_unit_id", "audience_required"},
	}
	for _, c := range cases {
		in := base
		c.edit(&in)
		_, err := content.CreateDocument(ctx, w.pool, w.communeEditor, in)
		var e *db.Error
		if !errors.As(err, &e) || e.Kind != db.KindInvalid || e.Field != c.field || e.Code != c.code {
			t.Errorf("%s: err = %v, want invalid %s/%s", c.name, err, c.field, c.code)
		} else if e.Message == "" {
			t.Errorf("%s: no message for people", c.name)
		}
	}

	// What is valid: an article with its category, a draft with a future deadline, the largest body.
	art := base
	art.Type, art.Category, art.IssuedOn, art.Symbol = content.DocArticle, content.CategoryHealth, "2025-05-18", "  12-TB/ĐU  "
	d, err := content.CreateDocument(ctx, w.pool, w.communeEditor, art)
	if err != nil || d.Category != content.CategoryHealth || d.IssuedOn != "2025-05-18" || d.Symbol != "12-TB/ĐU" {
		t.Fatalf("article: %+v, %v", d, err)
	}
	dr := base
	dr.Type, dr.CommentsUntil, dr.Body = content.DocDraft, &future, rep("ạ", content.MaxDocumentBody/len("ạ"))
	d, err = content.CreateDocument(ctx, w.pool, w.communeEditor, dr)
	if err != nil || d.CommentsUntil == nil || !d.CommentsUntil.Equal(future.Truncate(time.Microsecond)) {
		t.Fatalf("draft for comments: %v", err)
	}
	if content.DocDraft.Label() != "Dự thảo" || content.DocResolution.Label() != "Nghị quyết" || len(content.DocumentTypes) != 13 {
		t.Error("type labels")
	}
	for _, ty := range content.DocumentTypes {
		if ty.Label() == "" {
			t.Errorf("type %s has no label", ty)
		}
	}
}

func TestDocumentPublishEditRetract(t *testing.T) {
	t.Parallel()
	w := newDocWorld(t)
	ctx := context.Background()
	ed := w.communeEditor
	d := w.create(t, ed, docIn(w.commune, "Nghị quyết về công tác cán bộ", "Văn bản gốc."))

	// A draft changes in place.
	in := d.Input()
	in.Body = "Văn bản gốc, sửa trước khi ban hành."
	d, err := content.UpdateDocument(ctx, w.pool, ed, d.ID, in)
	if err != nil || d.Version != 0 || d.Body != in.Body {
		t.Fatalf("edit draft: version %d, %v", d.Version, err)
	}
	if vs, _ := content.DocumentVersions(ctx, w.pool, ed, d.ID); len(vs) != 0 {
		t.Fatalf("a draft has %d versions", len(vs))
	}

	err = w.tx(t, func(tx pgx.Tx) (err error) {
		d, err = content.PublishDocument(ctx, tx, ed, d.ID, nil)
		return err
	})
	if err != nil || d.Status != content.StatusPublished || d.Version != 1 || d.PublishedAt == nil {
		t.Fatalf("publish: %+v, %v", d, err)
	}
	firstPublished := *d.PublishedAt
	_, err = content.PublishDocument(ctx, w.pool, ed, d.ID, nil)
	docWantErr(t, "publish twice", err, db.KindConflict, "already_published")

	// Every edit after publishing is a new version; the old text stays readable.
	in = d.Input()
	in.Body = "Văn bản **sửa đổi** lần 1."
	if d, err = content.UpdateDocument(ctx, w.pool, ed, d.ID, in); err != nil || d.Version != 2 || d.Status != content.StatusPublished {
		t.Fatalf("edit published: version %d, %v", d.Version, err)
	}
	if d, err = content.UpdateDocument(ctx, w.pool, ed, d.ID, in); err != nil || d.Version != 2 {
		t.Fatalf("an edit changing nothing: version %d, %v", d.Version, err)
	}
	got, err := content.GetDocument(ctx, w.pool, w.memberA, d.ID)
	if err != nil || got.Body != in.Body || got.BodyHTML != "<p>Văn bản <strong>sửa đổi</strong> lần 1.</p>\n" || got.Version != 2 {
		t.Fatalf("member reads %q / %q, %v", got.Body, got.BodyHTML, err)
	}
	vs, err := content.DocumentVersions(ctx, w.pool, w.memberA, d.ID)
	if err != nil || len(vs) != 2 || vs[0].Version != 2 || vs[1].Version != 1 || vs[0].Body != "" {
		t.Fatalf("versions: %+v, %v", vs, err)
	}
	v1, err := content.GetDocumentVersion(ctx, w.pool, w.memberA, d.ID, 1)
	if err != nil || v1.Body != "Văn bản gốc, sửa trước khi ban hành." || v1.Title != d.Title {
		t.Fatalf("version 1: %q, %v", v1.Body, err)
	}
	v2, err := content.GetDocumentVersion(ctx, w.pool, w.memberA, d.ID, 2)
	if err != nil || v2.Body != in.Body || v2.BodyHTML == "" {
		t.Fatalf("version 2: %q, %v", v2.Body, err)
	}
	_, err = content.GetDocumentVersion(ctx, w.pool, w.memberA, d.ID, 3)
	docWantErr(t, "version 3", err, db.KindNotFound, "version_not_found")
	_, err = content.GetDocumentVersion(ctx, w.pool, w.memberX, d.ID, 1)
	docWantErr(t, "version for a member elsewhere", err, db.KindNotFound, "document_not_found")
	_, err = content.DocumentVersions(ctx, w.pool, w.memberX, d.ID)
	docWantErr(t, "versions for a member elsewhere", err, db.KindNotFound, "document_not_found")

	// Retract: a reason is required; members lose it, staff keep it; no more edits.
	_, err = content.RetractDocument(ctx, w.pool, ed, d.ID, "  ")
	docWantErr(t, "retract without reason", err, db.KindInvalid, "reason_required")
	_, err = content.RetractDocument(ctx, w.pool, w.memberA, d.ID, "x")
	docWantErr(t, "member retracts", err, db.KindForbidden, "")
	d, err = content.RetractDocument(ctx, w.pool, ed, d.ID, "Ban hành nhầm phạm vi.")
	if err != nil || d.Status != content.StatusRetracted || d.RetractReason != "Ban hành nhầm phạm vi." || d.RetractedAt == nil {
		t.Fatalf("retract: %+v, %v", d, err)
	}
	_, err = content.GetDocument(ctx, w.pool, w.memberA, d.ID)
	docWantErr(t, "member reads a retracted document", err, db.KindNotFound, "document_not_found")
	_, err = content.GetDocumentVersion(ctx, w.pool, w.memberA, d.ID, 1)
	docWantErr(t, "member reads a retracted document's version", err, db.KindNotFound, "document_not_found")
	if list, _, _ := content.ListDocuments(ctx, w.pool, w.memberA, content.DocumentFilter{}); len(list) != 0 {
		t.Fatalf("member list has the retracted document")
	}
	if got, err := content.GetDocument(ctx, w.pool, w.communeViewer, d.ID); err != nil || got.Status != content.StatusRetracted {
		t.Fatalf("staff reads the retracted document: %v", err)
	}
	_, err = content.UpdateDocument(ctx, w.pool, ed, d.ID, in)
	docWantErr(t, "edit a retracted document", err, db.KindConflict, "document_retracted")
	_, err = content.RetractDocument(ctx, w.pool, ed, d.ID, "lần nữa")
	docWantErr(t, "retract twice", err, db.KindConflict, "not_published")
	future := time.Now().Add(time.Hour)
	_, err = content.PublishDocument(ctx, w.pool, ed, d.ID, &future)
	docWantErr(t, "schedule a retracted document", err, db.KindInvalid, "republish_now_only")

	// Republishing undoes the retraction: same version, a new publication time.
	d, err = content.PublishDocument(ctx, w.pool, ed, d.ID, nil)
	if err != nil || d.Status != content.StatusPublished || d.Version != 2 || d.RetractedAt != nil || d.RetractReason != "" ||
		!d.PublishedAt.After(firstPublished) {
		t.Fatalf("republish: %+v, %v", d, err)
	}
	if _, err := content.GetDocument(ctx, w.pool, w.memberA, d.ID); err != nil {
		t.Fatalf("member reads the republished document: %v", err)
	}

	log, err := content.AuditLog(ctx, w.pool, "document", fmt.Sprint(d.ID), 20)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for i := len(log) - 1; i >= 0; i-- {
		actions = append(actions, log[i].Action)
		if log[i].AccountID == nil || *log[i].AccountID != ed.AccountID {
			t.Errorf("audit %s by %v", log[i].Action, log[i].AccountID)
		}
	}
	want := []string{"document.create", "document.update", "document.publish", "document.update", "document.retract", "document.republish"}
	if !slices.Equal(actions, want) {
		t.Fatalf("audit actions %v, want %v", actions, want)
	}
	if v := log[2].Details["version"]; v != float64(2) {
		t.Errorf("audit of the edit after publishing has version %v", v)
	}
}

func TestScheduledPublishing(t *testing.T) {
	t.Parallel()
	w := newDocWorld(t)
	ctx := context.Background()
	ed := w.communeEditor
	now := time.Now()
	in1h, in3h := now.Add(time.Hour), now.Add(3*time.Hour)

	var due []content.Document
	for i := range 4 {
		d := w.create(t, ed, docIn(w.commune, fmt.Sprintf("Thông báo hẹn giờ %d", i), "x"))
		d, err := content.PublishDocument(ctx, w.pool, ed, d.ID, &in1h)
		if err != nil || d.Status != content.StatusScheduled || d.PublishAt == nil || d.Version != 0 {
			t.Fatalf("schedule: %+v, %v", d, err)
		}
		due = append(due, d)
	}
	later := w.create(t, ed, docIn(w.commune, "Thông báo hẹn giờ muộn", "x"))
	if _, err := content.PublishDocument(ctx, w.pool, ed, later.ID, &in3h); err != nil {
		t.Fatal(err)
	}
	// A time in the past publishes now.
	past := now.Add(-time.Minute)
	d := w.create(t, ed, docIn(w.commune, "Ban hành ngay", "x"))
	if d, err := content.PublishDocument(ctx, w.pool, ed, d.ID, &past); err != nil || d.Status != content.StatusPublished {
		t.Fatalf("publish at a past time: %+v, %v", d, err)
	}
	// A scheduled document is invisible to members, visible to staff.
	_, err := content.GetDocument(ctx, w.pool, w.memberA, due[0].ID)
	docWantErr(t, "member reads a scheduled document", err, db.KindNotFound, "")
	if got, err := content.GetDocument(ctx, w.pool, w.communeViewer, due[0].ID); err != nil || got.Status != content.StatusScheduled {
		t.Fatalf("staff reads a scheduled document: %v", err)
	}
	// Unschedule one, reschedule it.
	if d, err := content.UnscheduleDocument(ctx, w.pool, ed, due[3].ID); err != nil || d.Status != content.StatusDraft || d.PublishAt != nil {
		t.Fatalf("unschedule: %+v, %v", d, err)
	}
	if _, err := content.UnscheduleDocument(ctx, w.pool, ed, due[3].ID); !errors.Is(err, db.ErrConflict) {
		t.Fatalf("unschedule a draft: %v", err)
	}
	if _, err := content.PublishDocument(ctx, w.pool, ed, due[3].ID, &in1h); err != nil {
		t.Fatal(err)
	}

	if n, err := content.PublishDue(ctx, w.pool, now); err != nil || n != 0 {
		t.Fatalf("PublishDue before time: %d, %v", n, err)
	}

	// A row another transaction holds is skipped, and published on a later run.
	locker, err := w.pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := locker.Exec(ctx, `SELECT 1 FROM documents WHERE id = $1 FOR UPDATE`, due[0].ID); err != nil {
		t.Fatal(err)
	}
	// Two runs at once (two serve processes): each due document is published exactly once.
	var wg sync.WaitGroup
	counts := make([]int, 2)
	for i := range counts {
		wg.Go(func() {
			var err error
			if counts[i], err = content.PublishDue(ctx, w.pool, now.Add(2*time.Hour)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if counts[0]+counts[1] != 3 {
		t.Fatalf("PublishDue published %v, want 3 in all (one row locked)", counts)
	}
	if got, _ := content.GetDocument(ctx, w.pool, w.communeViewer, due[0].ID); got.Status != content.StatusScheduled {
		t.Fatalf("the locked document is %s", got.Status)
	}
	locker.Rollback(ctx)
	if n, err := content.PublishDue(ctx, w.pool, now.Add(2*time.Hour)); err != nil || n != 1 {
		t.Fatalf("PublishDue after the lock: %d, %v", n, err)
	}
	for _, d := range due {
		got, err := content.GetDocument(ctx, w.pool, w.memberA, d.ID)
		if err != nil || got.Version != 1 || got.PublishAt != nil || got.PublishedAt == nil || !got.PublishedAt.Equal(in1h.Truncate(time.Microsecond)) {
			t.Fatalf("after PublishDue: %+v, %v", got, err)
		}
		vs, _ := content.DocumentVersions(ctx, w.pool, w.memberA, d.ID)
		if len(vs) != 1 {
			t.Fatalf("%d versions after PublishDue", len(vs))
		}
		log, _ := content.AuditLog(ctx, w.pool, "document", fmt.Sprint(d.ID), 1)
		if len(log) != 1 || log[0].Action != "document.publish" || log[0].AccountID != nil {
			t.Fatalf("audit after PublishDue: %+v", log)
		}
	}
	if got, _ := content.GetDocument(ctx, w.pool, w.communeViewer, later.ID); got.Status != content.StatusScheduled {
		t.Fatalf("the later document is %s", got.Status)
	}

	// A draft for comments cannot go out after its deadline.
	soon := time.Now().Add(2 * time.Hour)
	dr := docIn(w.commune, "Dự thảo báo cáo chính trị", "x")
	dr.Type, dr.CommentsUntil = content.DocDraft, &soon
	draft := w.create(t, ed, dr)
	_, err = content.PublishDocument(ctx, w.pool, ed, draft.ID, &in3h)
	docWantErr(t, "schedule a draft after its deadline", err, db.KindInvalid, "comments_until_past")
	if _, err := content.PublishDocument(ctx, w.pool, ed, draft.ID, nil); err != nil {
		t.Fatalf("publish a draft for comments: %v", err)
	}
}

// TestPublishDueConcurrentOnPool runs PublishDue from many goroutines at
// once on the pool itself, as every serve process's timer does: each due
// document is published exactly once, with one version and one audit entry.
func TestPublishDueConcurrentOnPool(t *testing.T) {
	t.Parallel()
	w := newDocWorld(t)
	ctx := context.Background()
	ed := w.communeEditor
	at := time.Now().Add(time.Hour)
	const n = 20
	ids := make([]int64, n)
	for i := range ids {
		d := w.create(t, ed, docIn(w.commune, fmt.Sprintf("Thông báo hẹn giờ %d", i), "x"))
		d, err := content.PublishDocument(ctx, w.pool, ed, d.ID, &at)
		if err != nil || d.Status != content.StatusScheduled {
			t.Fatalf("schedule: %+v, %v", d, err)
		}
		ids[i] = d.ID
	}
	var wg sync.WaitGroup
	counts := make([]int, 8)
	errs := make([]error, len(counts))
	for i := range counts {
		wg.Go(func() { counts[i], errs[i] = content.PublishDue(ctx, w.pool, at.Add(time.Minute)) })
	}
	wg.Wait()
	total := 0
	for i := range counts {
		if errs[i] != nil {
			t.Errorf("run %d: %v", i, errs[i])
		}
		total += counts[i]
	}
	if total != n {
		t.Fatalf("PublishDue published %v = %d in all, want %d", counts, total, n)
	}
	for _, id := range ids {
		var versions int
		if err := w.pool.QueryRow(ctx, `SELECT count(*) FROM document_versions WHERE document_id = $1`, id).Scan(&versions); err != nil {
			t.Fatal(err)
		}
		got, err := content.GetDocument(ctx, w.pool, w.memberA, id)
		if err != nil || got.Status != content.StatusPublished || got.Version != 1 || versions != 1 {
			t.Fatalf("document %d: status %s, version %d, %d version rows, %v", id, got.Status, got.Version, versions, err)
		}
		log, err := content.AuditLog(ctx, w.pool, "document", fmt.Sprint(id), 100)
		if err != nil {
			t.Fatal(err)
		}
		publishes := 0
		for _, e := range log {
			if e.Action == "document.publish" {
				publishes++
				if e.AccountID != nil || e.Details["scheduled"] != true {
					t.Errorf("document %d: publish audit %+v", id, e)
				}
			}
		}
		if publishes != 1 {
			t.Fatalf("document %d has %d publish audit entries", id, publishes)
		}
	}
	if n, err := content.PublishDue(ctx, w.pool, at.Add(time.Minute)); err != nil || n != 0 {
		t.Fatalf("PublishDue with nothing due: %d, %v", n, err)
	}
}

// docVersionNumbers lists the versions an actor is shown, newest first.
func docVersionNumbers(t *testing.T, w *docWorld, a *content.Actor, id int64) []int {
	t.Helper()
	vs, err := content.DocumentVersions(context.Background(), w.pool, a, id)
	if err != nil {
		t.Fatalf("versions: %v", err)
	}
	ns := make([]int, len(vs))
	for i, v := range vs {
		ns[i] = v.Version
	}
	return ns
}

// TestDocumentVersionsKeepTheirAudience: a version is read under the
// audience and officers-only flag it was published with, not the document's
// current ones, in the list and one by one.
func TestDocumentVersionsKeepTheirAudience(t *testing.T) {
	t.Parallel()
	w := newDocWorld(t)
	ctx := context.Background()

	t.Run("officers only, then public", func(t *testing.T) {
		ed := w.communeEditor
		in := docIn(w.commune, "Thông báo nội bộ cấp ủy", "Nội dung chỉ cấp ủy viên đọc.")
		in.OfficersOnly = true
		d := w.publish(t, ed, in)
		in = d.Input()
		in.OfficersOnly, in.Body = false, "Nội dung công khai cho đảng viên."
		d, err := content.UpdateDocument(ctx, w.pool, ed, d.ID, in)
		if err != nil || d.Version != 2 || d.OfficersOnly {
			t.Fatalf("make public: %+v, %v", d, err)
		}
		if got, err := content.GetDocument(ctx, w.pool, w.memberA, d.ID); err != nil || got.Body != in.Body {
			t.Fatalf("member reads the public version: %v", err)
		}
		if ns := docVersionNumbers(t, w, w.memberA, d.ID); !slices.Equal(ns, []int{2}) {
			t.Fatalf("member is shown versions %v, want [2]", ns)
		}
		_, err = content.GetDocumentVersion(ctx, w.pool, w.memberA, d.ID, 1)
		docWantErr(t, "member reads the officers-only version", err, db.KindNotFound, "version_not_found")
		if v, err := content.GetDocumentVersion(ctx, w.pool, w.memberA, d.ID, 2); err != nil || v.Body != in.Body {
			t.Fatalf("member reads version 2: %q, %v", v.Body, err)
		}
		for _, a := range []*content.Actor{w.officerA, w.communeViewer, ed} {
			if ns := docVersionNumbers(t, w, a, d.ID); !slices.Equal(ns, []int{2, 1}) {
				t.Fatalf("officer or staff is shown versions %v, want [2 1]", ns)
			}
			if v, err := content.GetDocumentVersion(ctx, w.pool, a, d.ID, 1); err != nil || v.Body != "Nội dung chỉ cấp ủy viên đọc." {
				t.Fatalf("officer or staff reads version 1: %q, %v", v.Body, err)
			}
		}
	})

	t.Run("audience moved to another commune", func(t *testing.T) {
		ed := w.provinceEditor
		d := w.publish(t, ed, docIn(w.commune, "Kế hoạch của xã An Bình", "Chỉ cho xã An Bình."))
		in := d.Input()
		in.AudienceUnitID, in.Body = w.commune2.ID, "Cho xã Phú Mỹ."
		d, err := content.UpdateDocument(ctx, w.pool, ed, d.ID, in)
		if err != nil || d.Version != 2 || d.AudienceUnitID != w.commune2.ID {
			t.Fatalf("move audience: %+v, %v", d, err)
		}
		// Members of the new audience read version 2, not version 1.
		for _, a := range []*content.Actor{w.memberX, w.officerX, w.commune2Editor} {
			if ns := docVersionNumbers(t, w, a, d.ID); !slices.Equal(ns, []int{2}) {
				t.Fatalf("reader in commune 2 is shown versions %v, want [2]", ns)
			}
			_, err = content.GetDocumentVersion(ctx, w.pool, a, d.ID, 1)
			docWantErr(t, "reader in commune 2 reads version 1", err, db.KindNotFound, "version_not_found")
			if v, err := content.GetDocumentVersion(ctx, w.pool, a, d.ID, 2); err != nil || v.Body != "Cho xã Phú Mỹ." {
				t.Fatalf("reader in commune 2 reads version 2: %q, %v", v.Body, err)
			}
		}
		// The old audience no longer reads the document at all.
		_, err = content.DocumentVersions(ctx, w.pool, w.memberA, d.ID)
		docWantErr(t, "member of the old audience lists versions", err, db.KindNotFound, "document_not_found")
		_, err = content.GetDocumentVersion(ctx, w.pool, w.memberA, d.ID, 1)
		docWantErr(t, "member of the old audience reads version 1", err, db.KindNotFound, "document_not_found")
		// Staff over both read both.
		if ns := docVersionNumbers(t, w, ed, d.ID); !slices.Equal(ns, []int{2, 1}) {
			t.Fatalf("province editor is shown versions %v, want [2 1]", ns)
		}
		if v, err := content.GetDocumentVersion(ctx, w.pool, ed, d.ID, 1); err != nil || v.Body != "Chỉ cho xã An Bình." {
			t.Fatalf("province editor reads version 1: %q, %v", v.Body, err)
		}
	})
}

// TestDocumentVersionsAreComplete: a version holds everything a reader of
// the published document saw at that version (category, comments deadline,
// the attachments), and every change a reader sees, an attachment added or
// removed included, is a new version; drafts and scheduled documents change
// in place and their first publication snapshots their attachments.
func TestDocumentVersionsAreComplete(t *testing.T) {
	t.Parallel()
	w := newDocWorld(t)
	ctx := context.Background()
	store, err := blob.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ed := w.communeEditor
	add := func(docID int64, name string) content.Attachment {
		t.Helper()
		var att content.Attachment
		err := w.tx(t, func(tx pgx.Tx) (err error) {
			att, err = content.AddAttachment(ctx, tx, store, ed, docID, name, "application/pdf", bytes.NewReader(attPDF))
			return err
		})
		if err != nil {
			t.Fatalf("add %s: %v", name, err)
		}
		return att
	}
	remove := func(docID, attID int64) {
		t.Helper()
		if err := w.tx(t, func(tx pgx.Tx) error { return content.RemoveAttachment(ctx, tx, ed, docID, attID) }); err != nil {
			t.Fatalf("remove %d: %v", attID, err)
		}
	}
	version := func(a *content.Actor, docID int64, n int) content.DocumentVersion {
		t.Helper()
		v, err := content.GetDocumentVersion(ctx, w.pool, a, docID, n)
		if err != nil {
			t.Fatalf("version %d: %v", n, err)
		}
		return v
	}
	current := func(docID int64) int {
		t.Helper()
		d, err := content.GetDocument(ctx, w.pool, ed, docID)
		if err != nil {
			t.Fatal(err)
		}
		return d.Version
	}
	same := func(v content.VersionAttachment, a content.Attachment) bool {
		return v.ID == a.ID && v.Name == a.Name && v.ContentType == a.ContentType && v.Size == a.Size && v.SHA256 == a.SHA256
	}

	t.Run("attachments of a published article", func(t *testing.T) {
		in := docIn(w.commune, "Phòng bệnh mùa đông cho người cao tuổi", "Giữ ấm, ăn chín uống sôi.")
		in.Type, in.Category = content.DocArticle, content.CategoryHealth
		d := w.publish(t, ed, in)
		if v1 := version(w.memberA, d.ID, 1); v1.Category != content.CategoryHealth || v1.Attachments == nil || len(v1.Attachments) != 0 {
			t.Fatalf("version 1: category %q, attachments %#v", v1.Category, v1.Attachments)
		}

		att := add(d.ID, "Tờ rơi.pdf")
		if n := current(d.ID); n != 2 {
			t.Fatalf("after adding an attachment: version %d, want 2", n)
		}
		v2 := version(w.memberA, d.ID, 2)
		if len(v2.Attachments) != 1 || !same(v2.Attachments[0], att) || v2.Category != content.CategoryHealth || v2.Body != in.Body {
			t.Fatalf("version 2: %+v", v2)
		}
		if v1 := version(w.memberA, d.ID, 1); len(v1.Attachments) != 0 {
			t.Fatalf("version 1 gained attachments: %+v", v1.Attachments)
		}

		remove(d.ID, att.ID)
		if n := current(d.ID); n != 3 {
			t.Fatalf("after removing the attachment: version %d, want 3", n)
		}
		if v3 := version(w.memberA, d.ID, 3); len(v3.Attachments) != 0 || v3.Category != content.CategoryHealth {
			t.Fatalf("version 3: %+v", v3)
		}
		if v2 := version(w.memberA, d.ID, 2); len(v2.Attachments) != 1 || !same(v2.Attachments[0], att) {
			t.Fatalf("version 2 lost its attachment: %+v", v2.Attachments)
		}

		// An edit that changes nothing is no version; a new category is one.
		d, err := content.UpdateDocument(ctx, w.pool, ed, d.ID, d.Input())
		if err != nil || d.Version != 3 {
			t.Fatalf("an edit changing nothing: version %d, %v", d.Version, err)
		}
		in = d.Input()
		in.Category = content.CategoryCulture
		if d, err = content.UpdateDocument(ctx, w.pool, ed, d.ID, in); err != nil || d.Version != 4 {
			t.Fatalf("new category: version %d, %v", d.Version, err)
		}
		if v4 := version(w.memberA, d.ID, 4); v4.Category != content.CategoryCulture {
			t.Fatalf("version 4: category %q", v4.Category)
		}
		vs, err := content.DocumentVersions(ctx, w.pool, w.memberA, d.ID)
		if err != nil || len(vs) != 4 {
			t.Fatalf("versions: %d, %v", len(vs), err)
		}
		if vs[2].Version != 2 || len(vs[2].Attachments) != 1 || vs[3].Category != content.CategoryHealth || vs[0].Body != "" {
			t.Fatalf("version list: %+v", vs)
		}
	})

	t.Run("a draft for comments", func(t *testing.T) {
		until := time.Now().Add(72 * time.Hour).UTC().Truncate(time.Microsecond)
		in := docIn(w.commune, "Dự thảo báo cáo chính trị", "Xin ý kiến đảng viên.")
		in.Type, in.CommentsUntil = content.DocDraft, &until
		d := w.create(t, ed, in)
		att := add(d.ID, "Dự thảo.pdf")
		gone := add(d.ID, "Bản cũ.pdf")
		remove(d.ID, gone.ID)
		if n := current(d.ID); n != 0 {
			t.Fatalf("draft after attachment changes: version %d, want 0", n)
		}
		if ns := docVersionNumbers(t, w, ed, d.ID); len(ns) != 0 {
			t.Fatalf("a draft has versions %v", ns)
		}

		// Publishing snapshots the attachments the draft has.
		err := w.tx(t, func(tx pgx.Tx) (err error) {
			d, err = content.PublishDocument(ctx, tx, ed, d.ID, nil)
			return err
		})
		if err != nil || d.Version != 1 {
			t.Fatalf("publish: version %d, %v", d.Version, err)
		}
		v1 := version(w.memberA, d.ID, 1)
		if len(v1.Attachments) != 1 || !same(v1.Attachments[0], att) || v1.CommentsUntil == nil || !v1.CommentsUntil.Equal(until) ||
			v1.Category != "" || v1.Type != content.DocDraft {
			t.Fatalf("version 1: %+v", v1)
		}

		// A new deadline is a new version; the old one stays in version 1.
		later := until.Add(24 * time.Hour)
		in = d.Input()
		in.CommentsUntil = &later
		if d, err = content.UpdateDocument(ctx, w.pool, ed, d.ID, in); err != nil || d.Version != 2 {
			t.Fatalf("new deadline: version %d, %v", d.Version, err)
		}
		if v2 := version(w.memberA, d.ID, 2); v2.CommentsUntil == nil || !v2.CommentsUntil.Equal(later) || len(v2.Attachments) != 1 {
			t.Fatalf("version 2: %+v", v2)
		}
		if v1 := version(w.memberA, d.ID, 1); v1.CommentsUntil == nil || !v1.CommentsUntil.Equal(until) {
			t.Fatalf("version 1 deadline: %v", v1.CommentsUntil)
		}
	})

	t.Run("a scheduled document", func(t *testing.T) {
		d := w.create(t, ed, docIn(w.commune, "Thông báo hẹn giờ có tệp", "x"))
		at := time.Now().Add(time.Hour)
		d, err := content.PublishDocument(ctx, w.pool, ed, d.ID, &at)
		if err != nil || d.Status != content.StatusScheduled {
			t.Fatalf("schedule: %v", err)
		}
		att := add(d.ID, "Phụ lục.pdf")
		if n := current(d.ID); n != 0 {
			t.Fatalf("scheduled after adding an attachment: version %d, want 0", n)
		}
		if ns := docVersionNumbers(t, w, ed, d.ID); len(ns) != 0 {
			t.Fatalf("a scheduled document has versions %v", ns)
		}
		if n, err := content.PublishDue(ctx, w.pool, at.Add(time.Minute)); err != nil || n != 1 {
			t.Fatalf("publish due: %d, %v", n, err)
		}
		if v1 := version(ed, d.ID, 1); len(v1.Attachments) != 1 || !same(v1.Attachments[0], att) {
			t.Fatalf("version 1 of the scheduled document: %+v", v1.Attachments)
		}
	})
}

func TestListDocumentsPages(t *testing.T) {
	t.Parallel()
	w := newDocWorld(t)
	ctx := context.Background()
	ed := w.communeEditor
	// 25 documents published in one transaction share published_at: the id breaks the tie.
	err := w.tx(t, func(tx pgx.Tx) error {
		for i := range 25 {
			in := docIn(w.commune, fmt.Sprintf("Bản tin số %d", i), "x")
			if i%5 == 0 {
				in.Type = content.DocBulletin
			}
			d, err := content.CreateDocument(ctx, tx, ed, in)
			if err != nil {
				return err
			}
			if _, err := content.PublishDocument(ctx, tx, ed, d.ID, nil); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	w.create(t, ed, docIn(w.commune, "Bản nháp", "x"))
	w.publish(t, w.communeEditor, docIn(w.cellA, "Gửi riêng chi bộ A", "x"))

	page := func(a *content.Actor, f content.DocumentFilter) []content.Document {
		t.Helper()
		var all []content.Document
		for n := 0; ; n++ {
			docs, next, err := content.ListDocuments(ctx, w.pool, a, f)
			if err != nil {
				t.Fatal(err)
			}
			if limit := cmp.Or(f.Limit, 20); len(docs) > limit {
				t.Fatalf("page of %d, limit %d", len(docs), limit)
			}
			all = append(all, docs...)
			if next == "" {
				return all
			}
			if n > 10 {
				t.Fatal("no end")
			}
			f.Cursor = next
		}
	}
	check := func(name string, docs []content.Document, want int, manage bool) {
		t.Helper()
		if len(docs) != want {
			t.Fatalf("%s: %d documents, want %d", name, len(docs), want)
		}
		seen := map[int64]bool{}
		for i, d := range docs {
			if seen[d.ID] {
				t.Fatalf("%s: %d twice", name, d.ID)
			}
			seen[d.ID] = true
			if i == 0 {
				continue
			}
			p := docs[i-1]
			at, pat := d.UpdatedAt, p.UpdatedAt
			if !manage {
				at, pat = *d.PublishedAt, *p.PublishedAt
			}
			if at.After(pat) || at.Equal(pat) && d.ID > p.ID {
				t.Fatalf("%s: out of order at %d", name, i)
			}
		}
	}
	check("member, pages of 10", page(w.memberA, content.DocumentFilter{Limit: 10}), 26, false)
	check("member of cell B", page(w.memberB, content.DocumentFilter{Limit: 7}), 25, false)
	check("bulletins", page(w.memberA, content.DocumentFilter{Limit: 2, Type: content.DocBulletin}), 5, false)
	check("manage", page(w.communeViewer, content.DocumentFilter{Manage: true, Limit: 10}), 27, true)
	check("manage drafts", page(w.communeViewer, content.DocumentFilter{Manage: true, Limit: 10, Status: content.StatusDraft}), 1, true)
	check("manage, cell A subtree", page(w.communeViewer, content.DocumentFilter{Manage: true, UnitID: w.cellA.ID}), 1, true)
	check("manage, commune subtree", page(w.communeViewer, content.DocumentFilter{Manage: true, Limit: 100, UnitID: w.commune.ID}), 27, true)

	docs, _, err := content.ListDocuments(ctx, w.pool, w.memberA, content.DocumentFilter{Limit: 1000})
	if err != nil || len(docs) != 26 {
		t.Fatalf("limit above 100: %d, %v", len(docs), err)
	}
	_, _, err = content.ListDocuments(ctx, w.pool, w.memberA, content.DocumentFilter{Cursor: "not a cursor!"})
	docWantErr(t, "bad cursor", err, db.KindInvalid, "invalid_cursor")
	_, _, err = content.ListDocuments(ctx, w.pool, w.memberA, content.DocumentFilter{Type: "memo"})
	docWantErr(t, "bad type", err, db.KindInvalid, "invalid_type")
}

// TestScheduledDraftKeepsItsCommentWindow: a scheduled Dự thảo cannot have
// its comment deadline moved before it goes out, and PublishDue refuses one
// that somehow has.
func TestScheduledDraftKeepsItsCommentWindow(t *testing.T) {
	w := newDocWorld(t)
	ctx := context.Background()
	until := time.Now().Add(48 * time.Hour)
	in := docIn(w.commune, "Dự thảo nghị quyết", "")
	in.Type, in.CommentsUntil = content.DocDraft, &until
	d := w.create(t, w.communeEditor, in)
	at := time.Now().Add(24 * time.Hour)
	if err := w.tx(t, func(tx pgx.Tx) error {
		_, err := content.PublishDocument(ctx, tx, w.communeEditor, d.ID, &at)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	early := time.Now().Add(time.Hour)
	in.CommentsUntil = &early
	err := w.tx(t, func(tx pgx.Tx) error {
		_, err := content.UpdateDocument(ctx, tx, w.communeEditor, d.ID, in)
		return err
	})
	docWantErr(t, "deadline before the scheduled publish", err, db.KindInvalid, "comments_until_past")
	// Force it in behind the API's back: PublishDue must not send it out.
	w.pool.Exec(ctx, `UPDATE documents SET comments_until = now() - interval '2 minutes', publish_at = now() - interval '1 second' WHERE id = $1`, d.ID)
	n, err := content.PublishDue(ctx, w.pool, time.Now())
	if n != 0 || err == nil {
		t.Fatalf("PublishDue published %d (err %v) a draft whose comments closed first", n, err)
	}
}
