package server_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"sotay/content"
)

func TestDocumentLifecycleOverHTTP(t *testing.T) {
	w := newWorld(t)
	var d content.Document
	w.do("POST", "/api/v1/documents", w.tokEditorA, map[string]any{"type": "resolution", "symbol": "18-NQ/ĐU",
		"title": "Nghị quyết số 18 về xây dựng Đảng", "body": "## Điều 1.\n\nNội dung **ban đầu**.", "audience_unit_id": w.A.ID}, 201, &d)
	docPath := fmt.Sprintf("/api/v1/documents/%d", d.ID)
	// A draft is invisible to members.
	w.do("GET", docPath, w.tokM1, nil, 404, nil)
	w.do("POST", docPath+"/publish", w.tokEditorA, nil, 200, &d)
	if d.Status != content.StatusPublished || d.Version != 1 {
		t.Fatalf("after publish: %s v%d", d.Status, d.Version)
	}
	var read content.Document
	w.do("GET", docPath, w.tokM1, nil, 200, &read)
	if !strings.Contains(read.BodyHTML, "<strong>ban đầu</strong>") {
		t.Fatalf("body_html %q", read.BodyHTML)
	}
	w.do("GET", docPath, w.tokM3, nil, 404, nil)

	in := d.Input()
	in.Body = "## Điều 1.\n\nNội dung **đã sửa**."
	w.do("PUT", docPath, w.tokEditorA, in, 200, &d)
	if d.Version != 2 {
		t.Fatalf("edit after publish: version %d", d.Version)
	}
	var v1 content.DocumentVersion
	w.do("GET", docPath+"/versions/1", w.tokM1, nil, 200, &v1)
	if !strings.Contains(v1.Body, "ban đầu") {
		t.Fatalf("version 1 lost its text: %q", v1.Body)
	}
	var vs struct{ Versions []content.DocumentVersion }
	w.do("GET", docPath+"/versions", w.tokM1, nil, 200, &vs)
	if len(vs.Versions) != 2 {
		t.Fatalf("versions %d", len(vs.Versions))
	}

	var hits struct{ Hits []content.SearchHit }
	w.do("GET", "/api/v1/documents/search?q=nghi+quyet+so+18", w.tokM1, nil, 200, &hits)
	if len(hits.Hits) != 1 || hits.Hits[0].Document.ID != d.ID || !strings.Contains(hits.Hits[0].Snippet, "<mark>") {
		t.Fatalf("search as member of C1: %+v", hits)
	}
	w.do("GET", "/api/v1/documents/search?q=nghi+quyet+so+18", w.tokM3, nil, 200, &hits)
	if len(hits.Hits) != 0 {
		t.Fatalf("search leaks to another commune: %+v", hits)
	}

	w.do("POST", docPath+"/retract", w.tokEditorA, map[string]string{}, 400, nil)
	w.do("POST", docPath+"/retract", w.tokEditorA, map[string]string{"reason": "Ban hành nhầm"}, 200, &d)
	if d.Status != content.StatusRetracted {
		t.Fatalf("status %s", d.Status)
	}
	w.do("GET", docPath, w.tokM1, nil, 404, nil)
	var list struct{ Documents []content.Document }
	w.do("GET", "/api/v1/documents", w.tokM1, nil, 200, &list)
	for _, x := range list.Documents {
		if x.ID == d.ID {
			t.Fatal("retracted document still listed for members")
		}
	}
}

func TestScheduledPublish(t *testing.T) {
	w := newWorld(t)
	var d content.Document
	w.do("POST", "/api/v1/documents", w.tokAdmin, map[string]any{"type": "bulletin", "title": "Bản tin tháng 12", "audience_unit_id": w.P.ID}, 201, &d)
	at := time.Now().Add(time.Hour)
	w.do("POST", fmt.Sprintf("/api/v1/documents/%d/publish", d.ID), w.tokAdmin, map[string]any{"at": at}, 200, &d)
	if d.Status != content.StatusScheduled {
		t.Fatalf("status %s", d.Status)
	}
	w.do("GET", fmt.Sprintf("/api/v1/documents/%d", d.ID), w.tokM3, nil, 404, nil)
}

func TestAttachmentUploadRangeAndAccess(t *testing.T) {
	w := newWorld(t)
	var d content.Document
	w.do("POST", "/api/v1/documents", w.tokS1, map[string]any{"type": "meeting_material", "title": "Tài liệu sinh hoạt tháng 12", "audience_unit_id": w.C1.ID}, 201, &d)
	pdf := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("tài liệu "), 200)...)
	upload := func(tok string, body []byte, want int) []byte {
		req, _ := http.NewRequest("POST", fmt.Sprintf("%s/api/v1/documents/%d/attachments?name=tai-lieu.pdf", w.url, d.ID), bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", "application/pdf")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != want {
			t.Fatalf("upload: %d %s", resp.StatusCode, b)
		}
		return b
	}
	upload(w.tokM1, pdf, 404) // a member cannot see the draft at all
	if code := errorCode(upload(w.tokS1, []byte("MZ\x90\x00 not a pdf at all"), 400)); code == "" {
		t.Fatal("an executable was accepted")
	}
	upload(w.tokS1, pdf, 201)
	w.do("POST", fmt.Sprintf("/api/v1/documents/%d/publish", d.ID), w.tokS1, nil, 200, &d)
	w.do("GET", fmt.Sprintf("/api/v1/documents/%d", d.ID), w.tokM1, nil, 200, &d)
	if len(d.Attachments) != 1 {
		t.Fatalf("attachments %+v", d.Attachments)
	}
	att := d.Attachments[0]
	path := fmt.Sprintf("%s/api/v1/documents/%d/attachments/%d", w.url, d.ID, att.ID)
	get := func(tok string, header ...string) *http.Response {
		req, _ := http.NewRequest("GET", path, nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	resp := get(w.tokM1, "Range", "bytes=0-7")
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 206 || string(b) != "%PDF-1.4" || resp.Header.Get("ETag") != `"`+att.SHA256+`"` ||
		!strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
		t.Fatalf("range: %d %q %v", resp.StatusCode, b, resp.Header)
	}
	resp = get(w.tokM1, "If-None-Match", `"`+att.SHA256+`"`)
	resp.Body.Close()
	if resp.StatusCode != 304 {
		t.Fatalf("conditional GET: %d", resp.StatusCode)
	}
	resp = get(w.tokM3)
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Fatalf("member elsewhere got the attachment: %d", resp.StatusCode)
	}
	// Removed later, the file stays readable through the versions that had it.
	w.do("DELETE", fmt.Sprintf("/api/v1/documents/%d/attachments/%d", d.ID, att.ID), w.tokS1, nil, 204, nil)
	resp = get(w.tokM1)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("a removed attachment of an earlier version: %d", resp.StatusCode)
	}
	resp = get(w.tokM3)
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Fatalf("member elsewhere got the removed attachment: %d", resp.StatusCode)
	}
	big := append([]byte("%PDF-1.4\n"), make([]byte, content.MaxAttachmentSize)...)
	if errorCode(upload(w.tokS1, big, 413)) != "file_too_large" {
		t.Fatal("oversized upload not refused")
	}
}
