package content_test

import (
	"context"
	"strings"
	"testing"

	"sotay/content"
	"sotay/db"
)

func TestSearchDocuments(t *testing.T) {
	t.Parallel()
	w := newDocWorld(t)
	ctx := context.Background()
	in := docIn(w.commune, "Nghị quyết số 18-NQ/TU về tinh gọn bộ máy", "")
	in.Symbol = "18-NQ/TU"
	in.Summary = "Tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị."
	in.Body = "Chi phí < 5 tỷ & hiệu quả > 90% theo nghị quyết; <script>alert(1)</script> \"trích\" 'dẫn'."
	nq18 := w.publish(t, w.communeEditor, in)
	// The same words, addressed elsewhere: never found by members of commune 1.
	w.publish(t, w.commune2Editor, docIn(w.commune2, "Nghị quyết số 18-NQ/TU của xã Phú Mỹ", "Nghị quyết số 18"))
	// Mentioned only in the body: found, ranked below the title match.
	inBody := w.publish(t, w.communeEditor, docIn(w.commune, "Kế hoạch học tập", "Quán triệt Nghị quyết số 18 đến từng chi bộ."))
	// An unpublished draft: only staff find it.
	draft := w.create(t, w.communeEditor, docIn(w.commune, "Dự kiến nghị quyết số 18 sửa đổi", ""))

	hits, err := content.SearchDocuments(ctx, w.pool, w.memberA, "nghi quyet so 18", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 2 || hits[0].Document.ID != nq18.ID || hits[1].Document.ID != inBody.ID {
		t.Fatalf("member hits: %+v", hits)
	}
	if hits[0].Rank <= hits[1].Rank || hits[0].Document.Body != "" || hits[0].Document.AudienceUnitName != w.commune.Name {
		t.Errorf("hit 0: rank %v vs %v, body %d bytes", hits[0].Rank, hits[1].Rank, len(hits[0].Document.Body))
	}
	for _, h := range hits {
		if !strings.Contains(h.Snippet, "<mark>") || strings.Count(h.Snippet, "<mark>") != strings.Count(h.Snippet, "</mark>") {
			t.Errorf("snippet without balanced <mark>: %q", h.Snippet)
		}
		rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(h.Snippet)
		if strings.ContainsAny(rest, "<>\"'") {
			t.Errorf("snippet not escaped: %q", h.Snippet)
		}
	}
	if s := hits[0].Snippet; !strings.Contains(s, "<mark>Nghị</mark> <mark>quyết</mark> <mark>số</mark> <mark>18</mark>") {
		t.Errorf("snippet of the title: %q", s)
	}
	hits, err = content.SearchDocuments(ctx, w.pool, w.memberA, "chi phi hieu qua", 10)
	if err != nil || len(hits) != 1 {
		t.Fatalf("search the body: %d hits, %v", len(hits), err)
	}
	if s := hits[0].Snippet; !strings.Contains(s, "<mark>Chi</mark> <mark>phí</mark> &lt; 5 tỷ &amp; <mark>hiệu</mark> <mark>quả</mark> &gt; 90%") ||
		strings.Contains(s, "<script") {
		t.Errorf("snippet of the body: %q", s)
	}

	for _, q := range []string{"NGHỊ QUYẾT 18", "nghị quyết số 18", "18-NQ/TU", "\"nghi quyet so 18\"", "to chuc bo may", "he thong chinh tri"} {
		hits, err := content.SearchDocuments(ctx, w.pool, w.memberA, q, 0)
		if err != nil || len(hits) == 0 || hits[0].Document.ID != nq18.ID {
			t.Errorf("search %q: %d hits, %v", q, len(hits), err)
		}
	}
	if hits, _ := content.SearchDocuments(ctx, w.pool, w.memberA, "nghi quyet -hoc", 10); len(hits) != 1 {
		t.Errorf("exclusion: %d hits", len(hits))
	}
	if hits, _ := content.SearchDocuments(ctx, w.pool, w.memberX, "nghi quyet 18", 10); len(hits) != 1 || hits[0].Document.AudienceUnitID != w.commune2.ID {
		t.Errorf("member elsewhere: %+v", hits)
	}
	hits, _ = content.SearchDocuments(ctx, w.pool, w.communeViewer, "nghi quyet 18", 10)
	if len(hits) != 3 || !containsDoc(hits, draft.ID) {
		t.Errorf("staff hits: %d", len(hits))
	}
	if hits, _ := content.SearchDocuments(ctx, w.pool, w.memberA, "!!! ???", 10); len(hits) != 0 {
		t.Errorf("punctuation only: %d hits", len(hits))
	}

	_, err = content.SearchDocuments(ctx, w.pool, w.memberA, "   ", 10)
	docWantErr(t, "empty query", err, db.KindInvalid, "query_required")
	_, err = content.SearchDocuments(ctx, w.pool, w.memberA, strings.Repeat("nghị ", 50), 10)
	docWantErr(t, "long query", err, db.KindInvalid, "query_too_long")
	_, err = content.SearchDocuments(ctx, w.pool, w.memberA, "a\x01b", 10)
	docWantErr(t, "marker in query", err, db.KindInvalid, "invalid_query")
}

func containsDoc(hits []content.SearchHit, id int64) bool {
	for _, h := range hits {
		if h.Document.ID == id {
			return true
		}
	}
	return false
}

// TestSearchFindsPartsOfSlashedTokens: "tháng 12" finds "tháng 12/2026" and
// "NQ" finds "18-NQ/TU", which the parser would otherwise keep whole.
func TestSearchFindsPartsOfSlashedTokens(t *testing.T) {
	w := newDocWorld(t)
	in := docIn(w.commune, "Thông báo lịch sinh hoạt chi bộ tháng 12/2026", "Theo Nghị quyết 18-NQ/TU.")
	d := w.publish(t, w.communeEditor, in)
	for _, q := range []string{"thang 12", "12/2026", "NQ TU", "18-NQ/TU"} {
		hits, err := content.SearchDocuments(context.Background(), w.pool, w.memberA, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 1 || hits[0].Document.ID != d.ID {
			t.Errorf("search %q: %d hits", q, len(hits))
		}
	}
}
