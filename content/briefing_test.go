package content_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"sotay/content"
	"sotay/tts"
)

// briefingOf returns the briefing a cell got for the week ending at end.
func briefingOf(t *testing.T, w *docWorld, cell content.Unit, end time.Time) (content.Document, bool) {
	t.Helper()
	var id int64
	err := w.pool.QueryRow(context.Background(), `SELECT document_id FROM audio_briefings WHERE cell_id = $1 AND period_end = $2`,
		cell.ID, end).Scan(&id)
	if err == pgx.ErrNoRows {
		return content.Document{}, false
	}
	if err != nil {
		t.Fatal(err)
	}
	d, err := content.GetDocument(context.Background(), w.pool, w.provinceEditor, id)
	if err != nil {
		t.Fatal(err)
	}
	return d, true
}

func TestWeeklyBriefingsSayWhatIsNewForEachCell(t *testing.T) {
	w := newDocWorld(t)
	ctx := context.Background()
	old := w.publish(t, w.provinceEditor, docIn(w.province, "Chỉ thị cũ", "Đã ban hành từ lâu."))
	if _, err := w.pool.Exec(ctx, `UPDATE documents SET published_at = now() - interval '10 days' WHERE id = $1`, old.ID); err != nil {
		t.Fatal(err)
	}
	prov := docIn(w.province, "Nghị quyết về chuyển đổi số", "Toàn văn.")
	prov.Symbol, prov.Issuer, prov.Summary = "18-NQ/TU", "Tỉnh ủy", "Đến năm 2030, 100% chi bộ dùng sổ tay điện tử."
	w.publish(t, w.provinceEditor, prov)
	w.publish(t, w.communeEditor, docIn(w.commune, "Kế hoạch tháng 12 của xã An Bình", "Nội dung."))
	cellOnly := docIn(w.cellA, "Thông báo của chi bộ A", "Họp lúc 19:30.")
	w.publish(t, w.cellSecretary, cellOnly)
	secret := docIn(w.commune, "Tài liệu cho cấp ủy", "Chỉ cán bộ.")
	secret.OfficersOnly = true
	w.publish(t, w.communeEditor, secret)

	end := time.Now().Add(time.Minute).Truncate(time.Second)
	made, err := content.MakeBriefings(ctx, w.pool, end)
	if err != nil {
		t.Fatal(err)
	}
	if made != 3 {
		t.Fatalf("made %d briefings, want 3 (cells A, B, X)", made)
	}
	a, _ := briefingOf(t, w, w.cellA, end)
	b, _ := briefingOf(t, w, w.cellB, end)
	x, _ := briefingOf(t, w, w.cellX, end)
	for name, c := range map[string]struct {
		d          content.Document
		has, hasnt []string
	}{
		"A": {a, []string{"chuyển đổi số", "18-NQ/TU", "100% chi bộ", "Kế hoạch tháng 12", "Thông báo của chi bộ A"}, []string{"Chỉ thị cũ", "cấp ủy"}},
		"B": {b, []string{"chuyển đổi số", "Kế hoạch tháng 12"}, []string{"chi bộ A", "Chỉ thị cũ", "cấp ủy"}},
		"X": {x, []string{"chuyển đổi số"}, []string{"Kế hoạch tháng 12", "chi bộ A", "cấp ủy"}},
	} {
		if c.d.Type != content.DocAudioBriefing || c.d.Status != content.StatusPublished || c.d.Audio == nil || c.d.Audio.State != content.AudioPending {
			t.Fatalf("cell %s briefing: %+v", name, c.d)
		}
		for _, s := range c.has {
			if !strings.Contains(c.d.Body, s) {
				t.Errorf("cell %s briefing lacks %q:\n%s", name, s, c.d.Body)
			}
		}
		for _, s := range c.hasnt {
			if strings.Contains(c.d.Body, s) {
				t.Errorf("cell %s briefing has %q:\n%s", name, s, c.d.Body)
			}
		}
	}
	// The briefing reaches the cell's members like any document, and no one else.
	if _, err := content.GetDocument(ctx, w.pool, w.memberA, a.ID); err != nil {
		t.Fatalf("member of cell A: %v", err)
	}
	if _, err := content.GetDocument(ctx, w.pool, w.memberB, a.ID); err == nil {
		t.Fatal("a member of cell B reads cell A's briefing")
	}
	// One chapter per item, after the opening.
	sa := content.DocumentScript(a)
	var chapters []string
	for _, bl := range sa.Blocks {
		if bl.Chapter != "" {
			chapters = append(chapters, bl.Chapter)
		}
	}
	if len(chapters) != 4 || !strings.HasPrefix(chapters[1], "1. Nghị quyết số 18-NQ/TU của Tỉnh ủy") {
		t.Fatalf("chapters of A's briefing: %q", chapters)
	}
	// Cells with the same news have the same text, so one rendering serves them.
	sb, sx := content.DocumentScript(b), content.DocumentScript(x)
	if scriptText(sb) == scriptText(sa) || scriptText(sx) == scriptText(sb) {
		t.Fatal("different news, same text")
	}
	cellC, err := content.CreateUnit(ctx, w.pool, nil, content.NewUnit{ParentID: &w.grassroots.ID, Kind: content.KindCell, Code: "cb-c", Name: "Chi bộ C"})
	if err != nil {
		t.Fatal(err)
	}
	// Running again for the same week makes only what is missing (the new cell's).
	if made, err := content.MakeBriefings(ctx, w.pool, end); err != nil || made != 1 {
		t.Fatalf("second run made %d (%v), want 1", made, err)
	}
	c, _ := briefingOf(t, w, cellC, end)
	if scriptText(content.DocumentScript(c)) != scriptText(sb) {
		t.Fatal("cells B and C got the same news in different words")
	}
	// A week with nothing new makes nothing.
	if made, err := content.MakeBriefings(ctx, w.pool, end.Add(-30*24*time.Hour)); err != nil || made != 0 {
		t.Fatalf("an empty week made %d (%v)", made, err)
	}
}

func scriptText(s tts.Script) string {
	var b strings.Builder
	for _, bl := range s.Blocks {
		b.WriteString(bl.Text + "|" + bl.Chapter + "\n")
	}
	return b.String()
}

// Cells with the same news share one file: rendering the second costs
// nothing but the plan.
func TestBriefingsWithTheSameNewsShareOneFile(t *testing.T) {
	w := newDocWorld(t)
	ctx := context.Background()
	au, _ := newAudio(t, w, &tts.Espeak{})
	members := addMembers(t, w, w.cellA, 3)
	w.publish(t, w.communeEditor, docIn(w.commune, "Kế hoạch tháng 12 của xã An Bình", "Nội dung."))
	end := time.Now().Add(time.Minute).Truncate(time.Second)
	if _, err := content.MakeBriefings(ctx, w.pool, end); err != nil {
		t.Fatal(err)
	}
	a, _ := briefingOf(t, w, w.cellA, end)
	b, _ := briefingOf(t, w, w.cellB, end)
	for _, d := range []content.Document{a, b} {
		if err := au.RenderDocument(ctx, content.RenderAudioArgs{DocumentID: d.ID, Version: 1}, 1); err != nil {
			t.Fatal(err)
		}
	}
	var files int
	w.pool.QueryRow(ctx, `SELECT count(*) FROM audio_files`).Scan(&files)
	aa, ab := audioOf(t, w, w.memberA, a.ID), audioOf(t, w, w.memberB, b.ID)
	if files != 1 || aa.SHA256 != ab.SHA256 || aa.State != content.AudioReady || len(aa.Chapters) != 2 {
		t.Fatalf("%d files; A %+v; B %+v", files, aa, ab)
	}
	// Each cell's members are told, once, that its briefing is ready.
	if err := au.RenderDocument(ctx, content.RenderAudioArgs{DocumentID: a.ID, Version: 1}, 2); err != nil {
		t.Fatal(err)
	}
	told := noticesOf(t, w, "briefing_ready")
	if len(told) != len(members) || told[members[0]].title != "Bản tin âm thanh tuần này đã sẵn sàng" {
		t.Fatalf("briefing notices %+v", told)
	}
}

// A briefing closes with the cell's next meeting; a cell with a meeting
// and no news still gets one.
func TestBriefingAnnouncesTheNextMeeting(t *testing.T) {
	w := newDocWorld(t)
	ctx := context.Background()
	starts := time.Now().Add(3 * 24 * time.Hour).Truncate(time.Minute)
	err := w.tx(t, func(tx pgx.Tx) error {
		m, err := content.CreateMeeting(ctx, tx, w.cellSecretary, w.cellA.ID, content.MeetingInput{Kind: content.MeetingThematic,
			Title: "Học tập chuyên đề năm 2026", StartsAt: starts, Place: "Nhà văn hóa thôn Đông",
			Agenda: []content.AgendaItem{{Title: "Quán triệt chuyên đề"}, {Title: "Liên hệ bản thân"}}})
		if err != nil {
			return err
		}
		_, err = content.AnnounceMeeting(ctx, tx, w.cellSecretary, m.ID, "")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	end := time.Now().Add(time.Minute).Truncate(time.Second)
	if made, err := content.MakeBriefings(ctx, w.pool, end); err != nil || made != 1 {
		t.Fatalf("made %d (%v), want cell A's only", made, err)
	}
	a, ok := briefingOf(t, w, w.cellA, end)
	if !ok {
		t.Fatal("no briefing for the cell with a meeting")
	}
	for _, want := range []string{"## Lịch sinh hoạt chi bộ", "Sinh hoạt chuyên đề: Học tập chuyên đề năm 2026", "Nhà văn hóa thôn Đông", "- Liên hệ bản thân."} {
		if !strings.Contains(a.Body, want) {
			t.Fatalf("the briefing lacks %q:\n%s", want, a.Body)
		}
	}
}
