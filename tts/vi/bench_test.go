package vi

import (
	"strings"
	"testing"
	"time"
)

// resolutionParagraph is typical cell-meeting material: numbers, dates, symbols,
// abbreviations and plain prose (about 150 words).
const resolutionParagraph = `Thực hiện Nghị quyết số 18-NQ/TU ngày 11/4/2022 của BTV Tỉnh ủy và Hướng dẫn 42-HD/BTCTW, ` +
	`trong quý I/2024 Chi bộ đã tổ chức 3 buổi sinh hoạt chuyên đề với 97,1% đảng viên tham dự. ` +
	`Tổng thu ngân sách đạt 3.098.490.000 đồng, tăng 6,5% so với cùng kỳ năm 2023; GDP bình quân đầu người ` +
	`đạt 4.500 USD. Đồng chí Nguyễn Văn A, Bí thư Chi bộ, đề nghị các đ/c tiếp tục học tập và làm theo ` +
	`tư tưởng, đạo đức, phong cách Hồ Chí Minh, phấn đấu hoàn thành các chỉ tiêu KT-XH giai đoạn 2021-2025 ` +
	`theo tinh thần Đại hội XIII của Đảng. Hội nghị bắt đầu lúc 14:30, kết thúc lúc 17h00 tại hội trường ` +
	`UBND xã; mọi ý kiến góp ý xin liên hệ số 0912 345 678. Diện tích lúa 1.250 ha, sản lượng 42 km kênh ` +
	`mương được kiên cố hóa, v.v. Lần thứ 4 tổ chức hội thi, có từ 5-7 người mỗi đội tham gia. ` +
	`Ban Chấp hành Đảng bộ khóa XVI đã ban hành 12 nghị quyết chuyên đề về xây dựng nông thôn mới và ` +
	`chuyển đổi số, trong đó ưu tiên nguồn lực cho các thôn đặc biệt khó khăn ở vùng sâu, vùng xa.`

func document(words int) string {
	var b strings.Builder
	for count := 0; count < words; count += len(strings.Fields(resolutionParagraph)) {
		b.WriteString(resolutionParagraph)
		b.WriteByte('\n')
	}
	return b.String()
}

func BenchmarkNormalise3000Words(b *testing.B) {
	n := New(Options{})
	doc := document(3000)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		n.Sentences(doc)
	}
}

// TestLongInputIsLinear guards against a rule that scans ahead quadratically: a large
// document, and one huge token, must still be fast.
func TestLongInputIsLinear(t *testing.T) {
	n := New(Options{})
	for _, in := range []string{
		document(60_000),
		strings.Repeat("1.", 100_000) + strings.Repeat("A-", 100_000) + strings.Repeat("0 ", 50_000),
	} {
		start := time.Now()
		n.Sentences(in)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%d bytes took %v", len(in), d)
		}
	}
}
