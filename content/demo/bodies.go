package demo

import (
	"fmt"
	"strings"
	"time"
)

// The bodies of documents: Markdown in the shape of real party documents.

var localResolutionTopics = []string{
	"lãnh đạo thực hiện nhiệm vụ chính trị quý {Q}/{Y}",
	"phương hướng, nhiệm vụ công tác xây dựng Đảng năm {Y}",
	"nâng cao chất lượng sinh hoạt chi bộ trong {ORG}",
	"công tác phát triển đảng viên nhiệm kỳ 2025–2030",
	"đẩy mạnh chuyển đổi số trong hoạt động của {ORG}",
	"thực hành tiết kiệm, chống lãng phí năm {Y}",
	"nâng cao hiệu quả công tác dân vận trong tình hình mới",
}

var cellNoticeTopics = []string{
	"về việc thu, nộp đảng phí năm {Y}",
	"về việc chuẩn bị kiểm điểm, đánh giá, xếp loại đảng viên năm {Y}",
	"lịch sinh hoạt chi bộ quý {Q}/{Y}",
	"về việc phân công đảng viên phụ trách hộ gia đình, địa bàn",
}

var draftTopics = []string{
	"Nghị quyết của Ban Chấp hành Đảng bộ tỉnh về nâng cao chất lượng sinh hoạt chi bộ giai đoạn 2026–2030",
	"Quy định về quản lý, khai thác và sử dụng Sổ tay đảng viên điện tử trong Đảng bộ tỉnh",
}

var localArticles = []article{
	{"news", "{ORG} kết nạp {N:3-9} đảng viên mới", []string{
		"Ngày {DATE-2}, {ORG} tổ chức lễ kết nạp {N:3-9} quần chúng ưu tú vào Đảng; đa số là đoàn viên thanh niên, người lao động trẻ.",
		"Từ đầu năm đến nay, {ORG} đã kết nạp {N:8-30} đảng viên, đạt {P:90-130} chỉ tiêu cả năm.",
		"Các đảng viên mới hứa phấn đấu, rèn luyện, xứng đáng với niềm tin của chi bộ và quần chúng."}},
	{"news", "Ra quân tổng vệ sinh môi trường tại {PLACE}", []string{
		"Hưởng ứng Ngày Môi trường thế giới, hàng trăm cán bộ, đảng viên, đoàn viên đã tham gia thu gom rác thải, phát quang đường làng, khơi thông cống rãnh.",
		"Đợt ra quân thu gom khoảng {N:8-40} tấn rác, nạo vét {N:2-9} km kênh mương.",
		"Các chi bộ phân công đảng viên duy trì vệ sinh định kỳ vào sáng chủ nhật hằng tuần."}},
	{"culture", "Sôi nổi Ngày hội Đại đoàn kết toàn dân tộc ở {PLACE}", []string{
		"Ngày hội có phần lễ ôn lại truyền thống MTTQ Việt Nam và phần hội với các trò chơi dân gian, văn nghệ quần chúng.",
		"Dịp này, {N:5-20} hộ gia đình văn hóa tiêu biểu được khen thưởng.",
		"Ngày hội là dịp để cấp ủy, chính quyền lắng nghe tâm tư, nguyện vọng của Nhân dân."}},
	{"health", "Khám sàng lọc miễn phí cho người cao tuổi {PLACE}", []string{
		"Trạm y tế phối hợp với Hội Người cao tuổi khám sàng lọc bệnh tăng huyết áp, đái tháo đường cho {N:150-600} người.",
		"Những trường hợp có nguy cơ được tư vấn chế độ ăn uống, tập luyện và hẹn tái khám.",
		"Đảng viên cao tuổi được hướng dẫn nghe tài liệu sinh hoạt bằng giọng đọc trên ứng dụng."}},
	{"study", "Chi bộ mẫu mực: kinh nghiệm từ {ORG}", []string{
		"Nhiều chi bộ đã đổi mới sinh hoạt: gửi tài liệu trước qua ứng dụng, dành thời gian thảo luận những việc thiết thực.",
		"Kết quả, tỷ lệ đảng viên dự sinh hoạt đạt trên {P:92-99}; nhiều ý kiến của đảng viên được chi bộ tiếp thu đưa vào nghị quyết.",
		"Cách làm này đang được nhân rộng trong toàn Đảng bộ."}},
}

var localEconFacts = []string{
	"Tổng giá trị sản xuất ước đạt {T:900-4800}, tăng {P:6-13} so với cùng kỳ.",
	"Thu ngân sách trên địa bàn đạt {T:12-160}, bằng {P:80-145} dự toán.",
	"Tỷ lệ hộ nghèo còn {P:0.3-1.8}; {N:3-25} hộ được hỗ trợ xóa nhà tạm với kinh phí {M:180-1500}.",
	"Hoàn thành {N:2-12} công trình giao thông, thủy lợi nội đồng với tổng kinh phí {M:1500-12000}.",
	"Tỷ lệ người dân tham gia bảo hiểm y tế đạt {P:92-97.5}.",
}

var localPartyFacts = []string{
	"{ORG} hiện có {UCELLS} chi bộ trực thuộc với {UMEMBERS} đảng viên.",
	"{ORG} kết nạp {N:6-45} đảng viên mới, đạt {P:100-130} chỉ tiêu.",
	"{P:88-100} chi bộ được đánh giá hoàn thành tốt nhiệm vụ trở lên; {N:1-6} chi bộ hoàn thành xuất sắc nhiệm vụ.",
	"{P:96-100} chi bộ sinh hoạt định kỳ đúng quy định; tỷ lệ đảng viên dự sinh hoạt bình quân đạt {P:90-98}.",
	"Cấp ủy đã kiểm tra {N:2-8} tổ chức đảng và {N:5-20} đảng viên; giám sát chuyên đề {N:2-6} chi bộ.",
}

var viewpoints = []string{
	"Phát triển nhanh và bền vững là nhiệm vụ trung tâm; xây dựng Đảng là nhiệm vụ then chốt; phát triển văn hóa là nền tảng tinh thần; bảo đảm quốc phòng, an ninh là nhiệm vụ trọng yếu, thường xuyên.",
	"Lấy người dân và doanh nghiệp làm trung tâm; phát huy vai trò chủ thể của Nhân dân.",
	"Đổi mới tư duy, cách làm; dám nghĩ, dám làm, dám chịu trách nhiệm vì lợi ích chung.",
	"Kết hợp chặt chẽ giữa \"xây\" và \"chống\"; lấy xây là chính, chống là cấp bách, thường xuyên.",
}

var elaborations = []string{
	"Cấp ủy, người đứng đầu các cấp trực tiếp chỉ đạo, phân công rõ người, rõ việc, rõ thời gian, rõ kết quả; định kỳ {N:3-6} tháng sơ kết, đánh giá, rút kinh nghiệm.",
	"Bố trí nguồn lực phù hợp, trong đó ngân sách tỉnh hỗ trợ {M:2000-45000} cho giai đoạn 2026–2030; huy động tối đa các nguồn lực xã hội hóa.",
	"Đẩy mạnh ứng dụng công nghệ thông tin, chuyển đổi số trong lãnh đạo, chỉ đạo, điều hành; công khai kết quả thực hiện để Nhân dân giám sát.",
	"Gắn kết quả thực hiện với đánh giá, xếp loại chất lượng tổ chức đảng, đảng viên và người đứng đầu hằng năm.",
	"Kịp thời biểu dương, khen thưởng tập thể, cá nhân có thành tích xuất sắc; xử lý nghiêm những trường hợp thiếu trách nhiệm.",
	"Phát huy vai trò của MTTQ và các tổ chức chính trị – xã hội trong tuyên truyền, vận động và giám sát việc thực hiện.",
}

var causes = []string{
	"Nguyên nhân chủ yếu là do nhận thức của một số cấp ủy, người đứng đầu chưa đầy đủ; công tác kiểm tra, đôn đốc có lúc chưa thường xuyên.",
	"Nguyên nhân là do nguồn lực còn hạn chế, trong khi yêu cầu nhiệm vụ ngày càng cao; một số cơ chế, chính sách chậm được sửa đổi, bổ sung.",
	"Nguyên nhân một phần do tác động của thiên tai, biến động thị trường; phần khác do việc phối hợp giữa các cơ quan, đơn vị có lúc chưa chặt chẽ.",
}

var nationalNews = []string{
	"Kinh tế cả nước tiếp tục phục hồi; tăng trưởng GDP ước đạt {P:7-8.5}, lạm phát được kiểm soát dưới {P:3.2-4}.",
	"Chính phủ ban hành nhiều giải pháp tháo gỡ khó khăn cho sản xuất, kinh doanh, thúc đẩy giải ngân vốn đầu tư công.",
	"Bộ máy chính quyền địa phương hai cấp vận hành ổn định; {P:95-99.5} thủ tục hành chính được giải quyết đúng hạn.",
	"Cả nước hoàn thành mục tiêu xóa nhà tạm, nhà dột nát với hơn {N:250-330} nghìn căn nhà được xây mới, sửa chữa.",
	"Kim ngạch xuất nhập khẩu cả nước ước đạt {N:780-920} tỷ USD, xuất siêu {N:15-30} tỷ USD.",
}

var goodDeeds = []string{
	"Đảng viên {NAME} (chi bộ thôn {VIL}, {PLACE}) đã tự nguyện hiến {N:150-700} m² đất để mở rộng đường làng; được Chủ tịch UBND tỉnh tặng Bằng khen.",
	"Đồng chí {NAME}, bí thư chi bộ, 72 tuổi, hằng tháng hướng dẫn các đảng viên cao tuổi nghe tài liệu sinh hoạt trên điện thoại.",
	"Tổ công tác của Công an xã do đồng chí {NAME} làm tổ trưởng đã kịp thời ngăn chặn một vụ lừa đảo qua mạng, giữ lại {M:150-900} cho người dân.",
	"Đảng viên {NAME}, giáo viên Trường THCS {OLD}, nhiều năm liền dạy miễn phí cho học sinh có hoàn cảnh khó khăn.",
	"Gia đình đảng viên {NAME} phát triển mô hình trồng nhãn lồng theo tiêu chuẩn VietGAP, cho thu nhập {M:600-1500}/năm, tạo việc làm cho {N:6-20} lao động địa phương.",
}

var questions = []string{
	"**Hỏi:** Đảng viên được miễn công tác và sinh hoạt đảng có phải đóng đảng phí không?\n\n**Đáp:** Đảng viên được miễn công tác và sinh hoạt đảng vẫn đóng đảng phí theo quy định; nếu có khó khăn, chi bộ xem xét, đề nghị cấp ủy cơ sở miễn hoặc giảm.",
	"**Hỏi:** Chi bộ sinh hoạt chuyên đề bao lâu một lần?\n\n**Đáp:** Theo Hướng dẫn số 42-HD/BTCTW, chi bộ sinh hoạt chuyên đề ít nhất mỗi quý một lần; có thể kết hợp với sinh hoạt định kỳ, thời gian ít nhất 120 phút.",
	"**Hỏi:** Đảng viên chuyển nơi cư trú cần làm gì?\n\n**Đáp:** Đảng viên báo cáo chi bộ để được giới thiệu chuyển sinh hoạt đảng; trong thời hạn 30 ngày phải xuất trình giấy giới thiệu với chi bộ nơi đến.",
	"**Hỏi:** Tài liệu sinh hoạt chi bộ được gửi trước bao lâu?\n\n**Đáp:** Ít nhất một ngày trước buổi sinh hoạt; đảng viên có thể đọc hoặc nghe tài liệu trên Sổ tay đảng viên điện tử.",
}

// directiveDuties are the headings of a directive and what each asks.
var directiveDuties = [][2]string{
	{"Nâng cao nhận thức, trách nhiệm của cấp ủy, người đứng đầu", "Cấp ủy, người đứng đầu các cấp trực tiếp chỉ đạo, phân công rõ người, rõ việc, rõ thời gian, rõ kết quả; định kỳ {N:3-6} tháng sơ kết, đánh giá, rút kinh nghiệm."},
	{"Tăng cường công tác tuyên truyền, vận động Nhân dân", "Đa dạng hóa hình thức tuyên truyền trên Sổ tay đảng viên điện tử, hệ thống truyền thanh cơ sở và mạng xã hội; mỗi đảng viên là một tuyên truyền viên ở nơi cư trú."},
	{"Đẩy mạnh ứng dụng công nghệ thông tin, chuyển đổi số", "Đẩy mạnh ứng dụng công nghệ thông tin, chuyển đổi số trong lãnh đạo, chỉ đạo, điều hành; công khai kết quả thực hiện để Nhân dân giám sát."},
	{"Tăng cường kiểm tra, giám sát, xử lý nghiêm vi phạm", "Ủy ban Kiểm tra các cấp đưa nội dung này vào chương trình kiểm tra, giám sát năm {Y}; kịp thời phát hiện, xử lý nghiêm tổ chức, cá nhân vi phạm."},
	{"Phát huy vai trò của MTTQ và các đoàn thể chính trị – xã hội", "Phát huy vai trò của MTTQ và các tổ chức chính trị – xã hội trong tuyên truyền, vận động và giám sát việc thực hiện."},
	{"Bảo đảm nguồn lực thực hiện", "Bố trí nguồn lực phù hợp, trong đó ngân sách tỉnh hỗ trợ {M:2000-45000} cho giai đoạn 2026–2030; huy động tối đa các nguồn lực xã hội hóa."},
}

func header(t *text, d *document, place string) {
	fmt.Fprintf(&t.b, "**%s**  \nSố: %s  \n*%s, ngày %s*\n\n", strings.ToUpper(d.issuer), d.symbol, place, vnDateLong(d.issued))
}

// vnDateLong is the dateline form: "15 tháng 3 năm 2026".
func vnDateLong(t time.Time) string {
	return fmt.Sprintf("%d tháng %d năm %d", t.Day(), t.Month(), t.Year())
}

// datelinePlace is where a document is dated: the commune for units in a
// commune, the province otherwise.
func (g *docGen) datelinePlace(u int) string {
	un := &g.t.units[u]
	if un.top >= 0 && g.t.units[un.top].kind == "commune" {
		return un.place.name
	}
	return provinceName
}

func (g *docGen) facts(t *text, local bool, n int) string {
	r := t.f.r
	var parts []string
	if local {
		if t.f.lv.unit >= 0 && g.t.units[g.t.units[t.f.lv.unit].topOrSelf()].kind == "commune" {
			parts = append(parts, r.pickN(localEconFacts, (n+1)/2)...)
		}
		parts = append(parts, r.pickN(localPartyFacts, n/2+1)...)
	} else {
		parts = append(parts, r.pickN(provinceFacts, n)...)
		parts = append(parts, r.pick(partyFacts))
	}
	return strings.Join(parts, " ")
}

func (u *unit) topOrSelf() int {
	if u.top >= 0 {
		return u.top
	}
	return int(u.id - 1)
}

func (g *docGen) bodyResolution(t *text, d *document, tp topic, title string, local bool) {
	r := t.f.r
	header(t, d, g.datelinePlace(t.f.lv.unit))
	t.h(1, "NGHỊ QUYẾT")
	t.p("**về " + title + "**")
	t.h(2, "I. TÌNH HÌNH VÀ NGUYÊN NHÂN")
	t.p("Thực hiện {REF}, thời gian qua, {COM} đã tập trung lãnh đạo, chỉ đạo {LOWER} triển khai đồng bộ nhiều giải pháp, đạt được những kết quả quan trọng.")
	t.p(g.facts(t, local, 3))
	t.p(r.pick(limitations) + " " + r.pick(causes))
	t.h(2, "II. QUAN ĐIỂM, MỤC TIÊU")
	t.h(3, "1. Quan điểm")
	t.p(strings.Join(r.pickN(viewpoints, 2), " "))
	if local {
		t.h(3, "2. Chỉ tiêu năm {Y}")
		t.list(false, "100% chi bộ sinh hoạt định kỳ đúng quy định, ít nhất {P:85-95} chi bộ sinh hoạt đạt chất lượng tốt",
			"Kết nạp ít nhất {N:5-30} đảng viên mới",
			"{P:90-98} tổ chức đảng và đảng viên hoàn thành tốt nhiệm vụ trở lên")
	} else {
		t.h(3, "2. Mục tiêu đến năm 2030")
		t.list(false, tp.targets...)
	}
	t.h(2, "III. NHIỆM VỤ, GIẢI PHÁP")
	tasks := append(append([]string{}, tp.tasks...), r.pickN(provinceTasks, 2)...)
	if local {
		tasks = r.pickN(provinceTasks, 3)
	}
	for i, task := range tasks {
		t.h(3, fmt.Sprintf("%d. %s", i+1, strings.TrimSuffix(task, ".")))
		t.p(r.pick(elaborations))
	}
	t.h(2, "IV. TỔ CHỨC THỰC HIỆN")
	t.list(true,
		"{LOWER} tổ chức học tập, quán triệt Nghị quyết đến 100% cán bộ, đảng viên; xây dựng chương trình hành động, hoàn thành trước ngày {DATE+30}.",
		"Giao các cơ quan tham mưu của {COM} theo dõi, đôn đốc, định kỳ báo cáo kết quả thực hiện.",
		"Ủy ban Kiểm tra {COM} chủ trì kiểm tra, giám sát việc thực hiện Nghị quyết.",
		"Nghị quyết này được phổ biến đến chi bộ và có hiệu lực kể từ ngày ký.")
}

func (g *docGen) bodyDirective(t *text, d *document, title string) {
	r := t.f.r
	header(t, d, g.datelinePlace(t.f.lv.unit))
	t.h(1, "CHỈ THỊ")
	t.p("**về " + title + "**")
	t.p("Thời gian qua, các cấp ủy, tổ chức đảng đã quan tâm lãnh đạo, chỉ đạo và đạt được nhiều kết quả tích cực. " + g.facts(t, t.f.lv.unit != 0, 1))
	t.p(r.pick(limitations))
	t.p("Để khắc phục hạn chế, thực hiện thắng lợi nhiệm vụ năm {Y}, {BTV} yêu cầu {LOWER} tập trung thực hiện tốt các nhiệm vụ sau:")
	for i, k := range r.Perm(len(directiveDuties))[:3] {
		t.h(2, fmt.Sprintf("%d. %s", i+1, directiveDuties[k][0]))
		t.p(directiveDuties[k][1] + " " + r.pick(provinceTasks))
	}
	t.h(2, "4. Tổ chức thực hiện")
	t.p("Chỉ thị này được phổ biến đến chi bộ. Các cấp ủy báo cáo kết quả thực hiện về {COM} (qua Văn phòng) trước ngày {DATE+60}.")
}

func (g *docGen) bodyConclusion(t *text, d *document, local bool) {
	r := t.f.r
	header(t, d, g.datelinePlace(t.f.lv.unit))
	t.h(1, "KẾT LUẬN")
	t.p("Tại hội nghị ngày {DATE-2}, sau khi nghe báo cáo và ý kiến thảo luận của các đồng chí dự họp, {BTV} kết luận như sau:")
	t.h(2, "1. Đánh giá chung")
	t.p(g.facts(t, local, 2))
	t.p(r.pick(limitations))
	t.h(2, "2. Nhiệm vụ trọng tâm thời gian tới")
	t.list(false, r.pickN(provinceTasks, 4)...)
	t.h(2, "3. Tổ chức thực hiện")
	t.p("Giao Văn phòng {COM} theo dõi, đôn đốc việc thực hiện Kết luận này, định kỳ báo cáo {BTV}.")
}

func (g *docGen) bodyRegulation(t *text, d *document, title string) {
	r := t.f.r
	header(t, d, g.datelinePlace(t.f.lv.unit))
	t.h(1, "QUY ĐỊNH")
	t.p("**về " + title + "**")
	t.list(false, "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;", "Căn cứ {REF};", "Căn cứ Quy chế làm việc của Ban Chấp hành Đảng bộ tỉnh khóa XX, nhiệm kỳ 2025–2030,")
	t.p("{BTV} quy định như sau:")
	t.h(2, "Chương I. NHỮNG QUY ĐỊNH CHUNG")
	t.h(2, "Điều 1. Phạm vi điều chỉnh")
	t.p("Quy định này quy định về " + title + " trong {ORG}.")
	t.h(2, "Điều 2. Đối tượng áp dụng")
	t.p("Quy định này áp dụng đối với các tổ chức đảng, cán bộ, đảng viên thuộc {ORG}.")
	t.h(2, "Chương II. NỘI DUNG CỤ THỂ")
	t.h(2, "Điều 3. Nguyên tắc")
	t.p(r.pick(viewpoints))
	t.h(2, "Điều 4. Trách nhiệm của cấp ủy, tổ chức đảng")
	t.list(true, r.pickN(elaborations, 3)...)
	t.h(2, "Điều 5. Trách nhiệm của đảng viên")
	t.p("Đảng viên có trách nhiệm thực hiện nghiêm Quy định này; thường xuyên sử dụng Sổ tay đảng viên điện tử để nghiên cứu tài liệu, góp ý dự thảo và theo dõi lịch sinh hoạt.")
	t.h(2, "Chương III. TỔ CHỨC THỰC HIỆN")
	t.h(2, "Điều 6. Hiệu lực thi hành")
	t.p("Quy định này có hiệu lực kể từ ngày ký. Trong quá trình thực hiện, nếu có vướng mắc, các cấp ủy báo cáo {BTV} (qua Văn phòng {COM}) để xem xét, sửa đổi, bổ sung.")
}

func (g *docGen) bodyDecision(t *text, d *document, title, article1 string) {
	header(t, d, g.datelinePlace(t.f.lv.unit))
	t.h(1, "QUYẾT ĐỊNH")
	t.p("**về việc " + title + "**")
	t.p("**" + strings.ToUpper(t.f.lv.standing) + "**")
	t.list(false, "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;", "Căn cứ Quy chế làm việc của {COM} nhiệm kỳ 2025–2030;", "Xét đề nghị của Văn phòng {COM},")
	t.h(2, "QUYẾT ĐỊNH:")
	t.h(2, "Điều 1.")
	t.p(upperFirst(article1))
	t.h(2, "Điều 2.")
	t.p("Văn phòng {COM} chủ trì, phối hợp với các cơ quan liên quan tổ chức thực hiện; kinh phí {M:50-600} từ nguồn ngân sách đảng năm {Y}.")
	t.h(2, "Điều 3.")
	t.p("Quyết định có hiệu lực kể từ ngày ký. Văn phòng {COM}, các cơ quan, tổ chức đảng và cá nhân có liên quan căn cứ Quyết định thi hành.")
}

func (g *docGen) bodyGuidance(t *text, d *document, title string) {
	r := t.f.r
	header(t, d, g.datelinePlace(t.f.lv.unit))
	t.h(1, "HƯỚNG DẪN")
	t.p("**" + title + "**")
	t.p("Thực hiện {REF}, " + d.issuer + " hướng dẫn như sau:")
	t.h(2, "I. MỤC ĐÍCH, YÊU CẦU")
	t.list(false, "Thống nhất nội dung, cách làm trong {ORG}; bảo đảm thiết thực, hiệu quả, tránh hình thức.",
		"Phát huy tinh thần tự phê bình và phê bình, tính tiền phong, gương mẫu của đảng viên.",
		"Tài liệu được gửi đến đảng viên qua Sổ tay đảng viên điện tử trước ít nhất 01 ngày.")
	t.h(2, "II. NỘI DUNG")
	t.h(3, "1. Chuẩn bị")
	t.p("Chi ủy (bí thư chi bộ) chuẩn bị nội dung, dự kiến người trình bày, thời gian, địa điểm; thông báo cho đảng viên và cấp ủy cấp trên phụ trách chậm nhất ngày {DATE+10}.")
	t.h(3, "2. Tiến hành")
	t.p("Sinh hoạt ít nhất 90 phút (120 phút nếu kết hợp chuyên đề). " + r.pick(themes) + " là nội dung gợi ý; chi bộ lựa chọn vấn đề sát với thực tiễn của địa phương, đơn vị.")
	t.h(3, "3. Đánh giá")
	t.p("Cuối buổi, chi bộ tự chấm điểm chất lượng theo thang điểm 100: Tốt từ 90 điểm, Khá từ 70 đến dưới 90 điểm, Trung bình từ 50 đến dưới 70 điểm.")
	t.h(2, "III. TỔ CHỨC THỰC HIỆN")
	t.p("Các cấp ủy tổ chức thực hiện, báo cáo kết quả về " + d.issuer + " trước ngày {DATE+45}.")
}

func (g *docGen) bodyPlan(t *text, d *document, title string) {
	r := t.f.r
	header(t, d, g.datelinePlace(t.f.lv.unit))
	t.h(1, "KẾ HOẠCH")
	t.p("**" + upperFirst(title) + "**")
	t.h(2, "I. MỤC ĐÍCH, YÊU CẦU")
	t.list(false, "Tạo sự thống nhất về nhận thức và hành động trong {ORG}.",
		"Tổ chức trang trọng, thiết thực, tiết kiệm; gắn với thực hiện nhiệm vụ chính trị của địa phương, đơn vị.")
	t.h(2, "II. NỘI DUNG, THỜI GIAN THỰC HIỆN")
	t.list(true,
		"Từ ngày {DATE+3} đến ngày {DATE+10}: xây dựng kế hoạch chi tiết, phân công nhiệm vụ.",
		"Từ ngày {DATE+11} đến ngày {DATE+30}: triển khai đến các chi bộ; tuyên truyền trên Sổ tay đảng viên điện tử, hệ thống truyền thanh cơ sở.",
		"Ngày {DATE+35}: sơ kết, báo cáo kết quả về {COM}.")
	t.p(r.pick(elaborations))
	t.h(2, "III. KINH PHÍ")
	t.p("Kinh phí thực hiện dự kiến {M:30-900}, từ nguồn ngân sách và các nguồn hợp pháp khác.")
	t.h(2, "IV. TỔ CHỨC THỰC HIỆN")
	t.p("Văn phòng {COM} chủ trì, phối hợp với các cơ quan liên quan theo dõi, đôn đốc việc thực hiện Kế hoạch; {LOWER} căn cứ Kế hoạch xây dựng kế hoạch của cấp mình.")
}

func (g *docGen) bodyNotice(t *text, d *document, cell bool) {
	r := t.f.r
	header(t, d, g.datelinePlace(t.f.lv.unit))
	t.h(1, "THÔNG BÁO")
	if cell {
		t.p("Chi ủy thông báo đến các đồng chí đảng viên trong chi bộ:")
		t.list(true, "Thu đảng phí đến hết tháng {MON}/{Y}; đồng chí chi ủy viên phụ trách tổng hợp, nộp về cấp trên trước ngày {DATE+10}.",
			"Các đồng chí đảng viên cập nhật thông tin cá nhân trên Sổ tay đảng viên điện tử; đảng viên cao tuổi liên hệ đồng chí bí thư để được hướng dẫn.",
			"Sinh hoạt chi bộ tháng {NEXTMON} theo lịch; đề nghị các đồng chí dự đầy đủ, đúng giờ.")
		return
	}
	t.p("Ngày {DATE-1}, {BTV} đã họp, nghe báo cáo tình hình thực hiện nhiệm vụ. " + g.facts(t, t.f.lv.unit != 0, 1))
	t.p("Sau khi thảo luận, {BTV} kết luận:")
	t.list(true, r.pickN(provinceTasks, 3)...)
	t.p("{COM} thông báo để {LOWER} biết, thực hiện.")
}

func (g *docGen) bodyLetter(t *text, d *document, title string) {
	r := t.f.r
	header(t, d, g.datelinePlace(t.f.lv.unit))
	t.p("*V/v " + strings.TrimPrefix(title, "về việc ") + "*")
	t.p("Kính gửi: {LOWER}.")
	t.p("Thực hiện chương trình công tác năm {Y}, để kịp thời nắm bắt tình hình và tổng hợp báo cáo cấp trên, {BTV} đề nghị:")
	t.list(true, r.pick(elaborations), r.pick(provinceTasks), "Báo cáo kết quả bằng văn bản về {COM} (qua Văn phòng) trước ngày {DATE+15}.")
	t.p("Đề nghị các đồng chí quan tâm, thực hiện.")
}

func (g *docGen) bodyBulletin(t *text, d *document, m time.Time) {
	r := t.f.r
	t.h(1, fmt.Sprintf("BẢN TIN SINH HOẠT CHI BỘ THÁNG %d/%d", m.Month(), m.Year()))
	t.p("*Ban Tuyên giáo và Dân vận Tỉnh ủy · Lưu hành nội bộ*")
	mf := *t.f
	mf.date = m
	mt := &text{f: &mf}
	mt.h(2, "I. THÔNG TIN THỜI SỰ")
	mt.h(3, "1. Trong nước")
	mt.p(strings.Join(monthNews[m.Month()], " "))
	mt.p(strings.Join(r.pickN(nationalNews, 2), " "))
	mt.h(3, "2. Trong tỉnh")
	mt.p(strings.Join(r.pickN(provinceFacts, 3), " "))
	mt.p(r.pick(partyFacts))
	mt.h(2, "II. ĐỊNH HƯỚNG SINH HOẠT CHI BỘ")
	mt.list(false, append([]string{monthTasks[m.Month()]}, r.pickN(provinceTasks, 2)...)...)
	if m.Month()%3 == 0 {
		mt.p("Chuyên đề quý {Q}: " + r.pick(themes) + ".")
	}
	mt.h(2, "III. GƯƠNG NGƯỜI TỐT, VIỆC TỐT")
	deed := r.pick(goodDeeds)
	deed = strings.Replace(deed, "{NAME}", fullName(r, r.chance(0.4), r.between(1950, 1995)), 1)
	deed = strings.Replace(deed, "{PLACE}", g.t.units[g.t.tops[r.IntN(len(g.t.tops))]].short(), 1)
	mt.p(deed)
	mt.h(2, "IV. HỎI – ĐÁP")
	mt.p(r.pick(questions))
	t.b.WriteString(mt.b.String())
}

func (g *docGen) bodyDraft(t *text, d *document, title string) {
	r := t.f.r
	t.h(1, "DỰ THẢO")
	t.p("**" + title + "**")
	t.p("{BTV} đề nghị các đồng chí đảng viên nghiên cứu, góp ý vào dự thảo dưới đây. Ý kiến gửi trực tiếp trên Sổ tay đảng viên điện tử, mục \"Góp ý\".")
	t.h(2, "Điều 1. Mục tiêu")
	t.p(r.pick(viewpoints))
	t.h(2, "Điều 2. Chỉ tiêu")
	t.list(false, resolutionTopics[2].targets...)
	t.h(2, "Điều 3. Nhiệm vụ, giải pháp")
	t.list(true, r.pickN(elaborations, 3)...)
	t.h(2, "Điều 4. Tổ chức thực hiện")
	t.p("Các cấp ủy trực thuộc Tỉnh ủy tổ chức quán triệt, xây dựng kế hoạch thực hiện; định kỳ 6 tháng báo cáo {BTV}.")
	t.h(2, "Gợi ý góp ý")
	t.list(true, "Các chỉ tiêu đã phù hợp với thực tiễn của chi bộ, địa phương đồng chí chưa?",
		"Cần bổ sung nhiệm vụ, giải pháp nào để nâng cao chất lượng sinh hoạt chi bộ?",
		"Những khó khăn khi sử dụng Sổ tay đảng viên điện tử và đề xuất khắc phục.")
}

// bodyMeeting is a cell's monthly material: short, practical, about 1–2 KB.
func (g *docGen) bodyMeeting(t *text, d *document, cell int, meet time.Time) {
	r := t.f.r
	cu := &g.t.units[cell]
	pool := cellPools[cu.prof]
	f := *t.f
	f.date = meet
	mt := &text{f: &f}
	members, exempt := len(cu.people), 0
	for _, p := range cu.people {
		if g.members[p].status == "exempt" {
			exempt++
		}
	}
	expected := max(1, members-exempt)
	absent := min(expected-1, r.IntN(4))
	mt.p(fmt.Sprintf("**%s** · Sinh hoạt định kỳ lúc %s ngày %s tại %s.", cu.name, pool.hour, vnDate(meet), pool.venue))
	mt.h(2, "1. Thông tin thời sự")
	mt.p(r.pick(monthNews[meet.Month()]))
	prev := meet.AddDate(0, -1, 0)
	mt.h(2, fmt.Sprintf("2. Kết quả tháng %d", prev.Month()))
	done := r.pickN(pool.done, 2)
	mt.list(false,
		fmt.Sprintf("Chi bộ có %d/%d đảng viên dự sinh hoạt, đạt %s%%; %d đồng chí vắng có lý do; %d đồng chí được miễn sinh hoạt.",
			expected-absent, expected, vnDec(100*float64(expected-absent)/float64(expected), 1), absent, exempt),
		done[0], done[len(done)-1], "Hạn chế: "+lowerFirst(r.pick(pool.weak)))
	mt.h(2, fmt.Sprintf("3. Nhiệm vụ tháng %d", meet.Month()))
	mt.list(true, r.pick(pool.do), monthTasks[meet.Month()],
		fmt.Sprintf("Thu, nộp đảng phí tháng %d đầy đủ, đúng hạn.", meet.Month()))
	if meet.Month()%3 == 0 {
		mt.h(2, "4. Sinh hoạt chuyên đề quý "+roman(int(meet.Month())/3))
		mt.p("Chuyên đề: " + r.pick(themes) + ". Mỗi đồng chí liên hệ bản thân, nêu ít nhất một việc làm cụ thể.")
	} else {
		mt.h(2, "4. Thảo luận")
		mt.p("Đề nghị các đồng chí nghiên cứu trước tài liệu, chuẩn bị ý kiến về nhiệm vụ tháng tới.")
	}
	t.b.WriteString(mt.b.String())
}

func upperFirst(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

func lowerFirst(s string) string {
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
}
