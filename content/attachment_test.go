package content_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"sotay/content"
	"sotay/content/blob"
	"sotay/db"
)

var attPDF = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

func TestAttachments(t *testing.T) {
	t.Parallel()
	w := newDocWorld(t)
	ctx := context.Background()
	store, err := blob.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ed := w.communeEditor
	d := w.create(t, ed, docIn(w.commune, "Tài liệu sinh hoạt chi bộ tháng 6", "x"))
	add := func(a *content.Actor, name string, data io.Reader) (content.Attachment, error) {
		var att content.Attachment
		err := w.tx(t, func(tx pgx.Tx) (err error) {
			att, err = content.AddAttachment(ctx, tx, store, a, d.ID, name, "application/octet-stream", data)
			return err
		})
		return att, err
	}

	att, err := add(ed, `C:\Users\vp\..\Báo cáo\Báo cáo quý II.pdf`, bytes.NewReader(attPDF))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(attPDF)
	if att.SHA256 != hex.EncodeToString(sum[:]) || att.Size != int64(len(attPDF)) || att.ContentType != "application/pdf" ||
		att.Name != "Báo cáo quý II.pdf" || att.DocumentID != d.ID {
		t.Fatalf("attachment %+v", att)
	}
	f, err := store.Open(att.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	stored, _ := io.ReadAll(f)
	f.Close()
	if !bytes.Equal(stored, attPDF) {
		t.Fatal("stored bytes differ")
	}

	// The type is sniffed, not believed; the name is cleaned and gets a matching extension.
	png := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 100)...)
	img, err := add(ed, "../../etc/passwd\u202egpj.exe", bytes.NewReader(png))
	if err != nil || img.ContentType != "image/png" || img.Name != "passwdgpj.exe.png" {
		t.Fatalf("png: %+v, %v", img, err)
	}
	webp := append([]byte("RIFF\x24\x00\x00\x00WEBPVP8 "), make([]byte, 40)...)
	if a, err := add(ed, "", bytes.NewReader(webp)); err != nil || a.ContentType != "image/webp" || a.Name != "tep-dinh-kem.webp" {
		t.Fatalf("webp: %+v, %v", a, err)
	}
	long := strings.Repeat("ả", 300) + ".jpeg"
	if a, err := add(ed, long, bytes.NewReader([]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"))); err != nil ||
		a.ContentType != "image/jpeg" || len([]rune(a.Name)) != 255 || !strings.HasSuffix(a.Name, ".jpeg") {
		t.Fatalf("long jpeg name: %+v, %v", a, err)
	}

	for name, data := range map[string][]byte{
		"virus.exe":  append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00"), make([]byte, 600)...),
		"trang.html": []byte("<!DOCTYPE html><html><script>alert(1)</script></html>"),
		"ghi.txt":    []byte("Chỉ là văn bản, không phải PDF."),
		"anh.svg":    []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>`),
	} {
		_, err := add(ed, name, bytes.NewReader(data))
		docWantErr(t, name, err, db.KindInvalid, "file_type_not_allowed")
	}
	_, err = add(ed, "rong.pdf", bytes.NewReader(nil))
	docWantErr(t, "empty file", err, db.KindInvalid, "empty_file")
	big := io.MultiReader(bytes.NewReader(attPDF), io.LimitReader(attZeros{}, content.MaxAttachmentSize))
	_, err = add(ed, "lon.pdf", big)
	docWantErr(t, "too large", err, db.KindInvalid, "file_too_large")
	exact := io.MultiReader(bytes.NewReader(attPDF), io.LimitReader(attZeros{}, content.MaxAttachmentSize-int64(len(attPDF))))
	if _, err := add(ed, "vua.pdf", exact); err != nil {
		t.Fatalf("exactly the limit: %v", err)
	}
	_, err = add(w.communeViewer, "x.pdf", bytes.NewReader(attPDF))
	docWantErr(t, "viewer adds", err, db.KindForbidden, "")
	_, err = add(w.commune2Editor, "x.pdf", bytes.NewReader(attPDF))
	docWantErr(t, "editor elsewhere adds", err, db.KindNotFound, "document_not_found")

	// Reading follows the document: nobody but staff before publication.
	_, err = content.GetAttachment(ctx, w.pool, w.memberA, d.ID, att.ID)
	docWantErr(t, "member, draft", err, db.KindNotFound, "document_not_found")
	if _, err := content.GetAttachment(ctx, w.pool, w.communeViewer, d.ID, att.ID); err != nil {
		t.Fatalf("viewer, draft: %v", err)
	}
	if _, err := content.PublishDocument(ctx, w.pool, ed, d.ID, nil); err != nil {
		t.Fatal(err)
	}
	got, err := content.GetAttachment(ctx, w.pool, w.memberA, d.ID, att.ID)
	if err != nil || got != att {
		t.Fatalf("member, published: %+v, %v", got, err)
	}
	_, err = content.GetAttachment(ctx, w.pool, w.memberX, d.ID, att.ID)
	docWantErr(t, "member elsewhere", err, db.KindNotFound, "document_not_found")
	other := w.publish(t, ed, docIn(w.commune, "Văn bản khác", "y"))
	_, err = content.GetAttachment(ctx, w.pool, w.memberA, other.ID, att.ID)
	docWantErr(t, "attachment through another document", err, db.KindNotFound, "attachment_not_found")

	doc, err := content.GetDocument(ctx, w.pool, w.memberA, d.ID)
	if err != nil || len(doc.Attachments) != 5 || doc.Attachments[0] != att {
		t.Fatalf("document attachments: %d, %v", len(doc.Attachments), err)
	}

	// Remove: gone for readers, the blob stays (content-addressed, maybe shared).
	err = content.RemoveAttachment(ctx, w.pool, w.communeViewer, d.ID, att.ID)
	docWantErr(t, "viewer removes", err, db.KindForbidden, "")
	if err := w.tx(t, func(tx pgx.Tx) error { return content.RemoveAttachment(ctx, tx, ed, d.ID, att.ID) }); err != nil {
		t.Fatal(err)
	}
	err = content.RemoveAttachment(ctx, w.pool, ed, d.ID, att.ID)
	docWantErr(t, "remove twice", err, db.KindNotFound, "attachment_not_found")
	// Gone from the document, but the versions that had it still show it.
	if _, err := content.GetAttachment(ctx, w.pool, w.communeViewer, d.ID, att.ID); err != nil {
		t.Fatalf("a removed attachment of an earlier version: %v", err)
	}
	_, err = content.GetAttachment(ctx, w.pool, w.memberX, d.ID, att.ID)
	docWantErr(t, "removed, asked from elsewhere", err, db.KindNotFound, "")
	if doc, _ := content.GetDocument(ctx, w.pool, w.memberA, d.ID); len(doc.Attachments) != 4 {
		t.Fatalf("%d attachments after removal", len(doc.Attachments))
	}
	if !store.Has(att.SHA256) {
		t.Fatal("blob deleted")
	}

	// A retracted document takes no attachment changes.
	if _, err := content.RetractDocument(ctx, w.pool, ed, d.ID, "Nhầm tài liệu."); err != nil {
		t.Fatal(err)
	}
	_, err = add(ed, "x.pdf", bytes.NewReader(attPDF))
	docWantErr(t, "add to a retracted document", err, db.KindConflict, "document_retracted")

	log, _ := content.AuditLog(ctx, w.pool, "document", attItoa(d.ID), 50)
	var adds, removes int
	for _, e := range log {
		switch e.Action {
		case "attachment.add":
			adds++
		case "attachment.remove":
			removes++
		}
	}
	if adds != 5 || removes != 1 {
		t.Errorf("audit: %d adds, %d removes", adds, removes)
	}
}

type attZeros struct{}

func (attZeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func attItoa(n int64) string { return strconv.FormatInt(n, 10) }
