package demo

// The text pools documents are assembled from. Placeholders are described at
// filler.

var centralRefs = []string{
	"Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
	"Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương Đảng khóa XII về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả",
	"Kết luận số 21-KL/TW ngày 25/10/2021 của Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XIII về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị",
	"Quy định số 144-QĐ/TW ngày 09/5/2024 của Bộ Chính trị về chuẩn mực đạo đức cách mạng của cán bộ, đảng viên trong giai đoạn mới",
	"Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
	"Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị về đổi mới công tác xây dựng và thi hành pháp luật",
	"Nghị quyết số 68-NQ/TW ngày 04/5/2025 của Bộ Chính trị về phát triển kinh tế tư nhân",
	"Hướng dẫn số 42-HD/BTCTW năm 2025 của Ban Tổ chức Trung ương về nâng cao chất lượng sinh hoạt chi bộ",
	"Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
	"Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XX, nhiệm kỳ 2025–2030",
}

// Province-wide facts, quoted by resolutions, conclusions and bulletins.
var provinceFacts = []string{
	"Tổng sản phẩm trên địa bàn tỉnh (GRDP) ước tăng {P:7.8-9.6} so với cùng kỳ, thuộc nhóm {N:5-12} tỉnh, thành phố có tốc độ tăng trưởng cao nhất cả nước.",
	"Tổng thu ngân sách nhà nước trên địa bàn đạt {N:18500-42000} tỷ đồng, bằng {P:62-118} dự toán HĐND tỉnh giao.",
	"Kim ngạch xuất khẩu ước đạt {USD:820-1900}, tăng {P:6-21} so với cùng kỳ năm trước.",
	"Toàn tỉnh thu hút {N:18-64} dự án FDI mới với tổng vốn đăng ký {USD:310-1450}; {N:120-380} doanh nghiệp thành lập mới.",
	"Tỷ lệ hộ nghèo giảm còn {P:0.6-1.9}; {N:420-1600} căn nhà tạm, nhà dột nát được hỗ trợ xóa với tổng kinh phí {M:18000-95000}.",
	"{N:120-180} xã đạt chuẩn nông thôn mới nâng cao, {N:28-70} xã đạt chuẩn nông thôn mới kiểu mẫu.",
	"Tỷ lệ người dân tham gia bảo hiểm y tế đạt {P:93-96.5}; {P:97-99.5} hộ gia đình được sử dụng nước sạch theo quy chuẩn.",
	"Giải ngân vốn đầu tư công đạt {P:48-96} kế hoạch vốn được giao, trong đó nhiều dự án giao thông trọng điểm vượt tiến độ.",
	"Sản lượng lúa cả năm ước đạt {N:1380-1560} nghìn tấn; giá trị sản phẩm trên 1 ha đất canh tác đạt {N:190-240} triệu đồng.",
	"Toàn tỉnh giải quyết việc làm cho {N:28000-39000} lao động, trong đó {N:1800-3600} người đi làm việc ở nước ngoài theo hợp đồng.",
	"Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình đạt {P:68-92}, đúng hạn đạt {P:98-99.9}.",
	"Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) năm {Y-1} đạt {N:66-72},{N:10-99} điểm, tăng {N:2-9} bậc so với năm trước.",
}

var partyFacts = []string{
	"Toàn Đảng bộ hiện có {GRASS} tổ chức cơ sở đảng, {CELLS} chi bộ trực thuộc với {MEMBERS} đảng viên.",
	"Trong {Y-1}, toàn Đảng bộ kết nạp {N:2400-3400} đảng viên mới, đạt {P:101-118} chỉ tiêu; trong đó {P:38-52} là đoàn viên thanh niên.",
	"Kết quả đánh giá, xếp loại chất lượng năm {Y-1}: {P:88-95} tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên; {P:89-96} đảng viên hoàn thành tốt nhiệm vụ trở lên.",
	"{P:97-99.8} chi bộ tổ chức sinh hoạt định kỳ đúng quy định; {P:85-97} chi bộ sinh hoạt chuyên đề ít nhất một lần mỗi quý.",
	"Ủy ban Kiểm tra các cấp đã kiểm tra {N:40-160} tổ chức đảng và {N:90-320} đảng viên khi có dấu hiệu vi phạm; thi hành kỷ luật {N:40-140} đảng viên.",
	"Cấp ủy các cấp đã trao tặng Huy hiệu Đảng cho {N:2500-4200} đồng chí, trong đó có {N:60-180} đồng chí nhận Huy hiệu 70 năm tuổi Đảng và {N:4-20} đồng chí nhận Huy hiệu 75 năm tuổi Đảng.",
	"{P:96-99.5} đảng viên đã cài đặt và sử dụng Sổ tay đảng viên điện tử; {P:80-96} chi bộ gửi tài liệu sinh hoạt qua ứng dụng trước ngày sinh hoạt.",
	"Sau sắp xếp, toàn tỉnh có {COMMUNES} đảng bộ xã, phường; bộ máy mới vận hành thông suốt, không để gián đoạn công việc, không ảnh hưởng đến hoạt động bình thường của Nhân dân.",
}

var limitations = []string{
	"Tuy nhiên, chất lượng sinh hoạt ở một số chi bộ chưa cao, nội dung còn đơn điệu, nặng về thông báo công việc; tính chiến đấu trong tự phê bình và phê bình có nơi còn hạn chế.",
	"Tiến độ giải ngân vốn đầu tư công ở một số dự án còn chậm; công tác giải phóng mặt bằng một số công trình trọng điểm còn vướng mắc.",
	"Việc ứng dụng Sổ tay đảng viên điện tử chưa đồng đều; một bộ phận đảng viên cao tuổi còn gặp khó khăn khi sử dụng.",
	"Tình trạng vi phạm trật tự xây dựng, lấn chiếm đất nông nghiệp vẫn còn xảy ra ở một số địa phương; việc xử lý chưa kịp thời.",
	"Công tác phát triển đảng viên trong doanh nghiệp ngoài khu vực nhà nước còn khó khăn; tỷ lệ doanh nghiệp có tổ chức đảng còn thấp.",
	"Một số cấp ủy chưa chủ động nắm bắt tình hình tư tưởng của cán bộ, đảng viên sau sắp xếp tổ chức bộ máy.",
	"Ô nhiễm môi trường ở một số cụm công nghiệp, làng nghề và các dòng sông chưa được khắc phục triệt để.",
}

var provinceTasks = []string{
	"Tiếp tục quán triệt, triển khai thực hiện {REF}; cụ thể hóa thành chương trình, kế hoạch sát với thực tiễn của từng địa phương, đơn vị.",
	"Đẩy mạnh chuyển đổi số trong hoạt động của các cơ quan đảng; phấn đấu 100% chi bộ gửi tài liệu sinh hoạt qua Sổ tay đảng viên điện tử trước ngày sinh hoạt ít nhất 01 ngày.",
	"Tập trung chỉ đạo thu ngân sách nhà nước, phấn đấu vượt {P:5-15} dự toán; siết chặt kỷ luật, kỷ cương tài chính, thực hành tiết kiệm, chống lãng phí.",
	"Thực hiện nghiêm Quy định số 144-QĐ/TW về chuẩn mực đạo đức cách mạng của cán bộ, đảng viên; phát huy vai trò nêu gương của người đứng đầu.",
	"Làm tốt công tác phòng, chống thiên tai; rà soát, chủ động phương án bảo đảm an toàn hệ thống đê điều, nhất là các trọng điểm xung yếu trên sông Hồng, sông Luộc, sông Trà Lý.",
	"Triển khai Hướng dẫn số 42-HD/BTCTW về nâng cao chất lượng sinh hoạt chi bộ; mỗi quý ít nhất một lần sinh hoạt chuyên đề.",
	"Quan tâm chăm lo đời sống gia đình chính sách, người có công, hộ nghèo, hộ cận nghèo; không để hộ nào thiếu đói, không có nhà ở.",
	"Nâng cao chất lượng công tác kiểm tra, giám sát; kịp thời phát hiện, xử lý nghiêm các tổ chức đảng, đảng viên vi phạm.",
	"Đẩy nhanh tiến độ các dự án hạ tầng giao thông kết nối vùng, tuyến đường bộ nối hai đường cao tốc Hà Nội – Hải Phòng và Cầu Giẽ – Ninh Bình.",
	"Làm tốt công tác tuyển chọn, gọi công dân nhập ngũ năm {Y+1}, bảo đảm 100% chỉ tiêu, chất lượng.",
	"Đổi mới nội dung, phương thức hoạt động của MTTQ và các đoàn thể chính trị – xã hội sau sắp xếp; phát huy sức mạnh khối đại đoàn kết toàn dân tộc.",
	"Chuẩn bị tốt các điều kiện tổ chức kỷ niệm {Y-1929} năm Ngày thành lập Đảng Cộng sản Việt Nam (3/2/1930 – 3/2/{Y+1}) và đón Tết Nguyên đán an toàn, lành mạnh, tiết kiệm.",
}

type topic struct {
	title   string
	targets []string
	tasks   []string
}

var resolutionTopics = []topic{
	{"đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số tỉnh Hưng Yên đến năm 2030, tầm nhìn đến năm 2045",
		[]string{"Kinh tế số chiếm {P:25-32} GRDP của tỉnh vào năm 2030", "100% thủ tục hành chính đủ điều kiện được cung cấp dưới hình thức dịch vụ công trực tuyến toàn trình", "Chi cho khoa học, công nghệ đạt tối thiểu {P:2-3} tổng chi ngân sách hằng năm"},
		[]string{"Hoàn thiện hạ tầng số, phủ sóng 5G tại 100% khu công nghiệp, khu đô thị", "Xây dựng cơ sở dữ liệu dùng chung của tỉnh, kết nối với cơ sở dữ liệu quốc gia về dân cư", "Phát triển nguồn nhân lực số; mỗi cơ quan, đơn vị có ít nhất một cán bộ phụ trách chuyển đổi số"}},
	{"xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu giai đoạn 2026–2030",
		[]string{"100% xã đạt chuẩn nông thôn mới nâng cao, {P:40-60} xã đạt chuẩn nông thôn mới kiểu mẫu", "Thu nhập bình quân đầu người khu vực nông thôn đạt {N:95-120} triệu đồng/năm", "Tỷ lệ chất thải rắn sinh hoạt được thu gom, xử lý đạt {P:96-100}"},
		[]string{"Phát triển sản xuất hàng hóa tập trung gắn với chuỗi giá trị nhãn lồng, cam, chuối, lúa chất lượng cao", "Huy động nguồn lực xã hội hóa, kết hợp ngân sách nhà nước với tổng vốn dự kiến {N:8500-14000} tỷ đồng", "Phát huy vai trò chủ thể của Nhân dân; thực hiện tốt phương châm \"dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng\""}},
	{"nâng cao chất lượng sinh hoạt chi bộ trong Đảng bộ tỉnh giai đoạn 2026–2030",
		[]string{"Hằng năm {P:95-99} chi bộ được đánh giá có chất lượng sinh hoạt tốt và khá trở lên", "100% chi bộ sinh hoạt chuyên đề ít nhất một lần mỗi quý", "100% chi bộ sử dụng Sổ tay đảng viên điện tử trong sinh hoạt"},
		[]string{"Đổi mới nội dung sinh hoạt, tập trung vào những vấn đề thiết thực của địa phương, đơn vị", "Nâng cao năng lực, kỹ năng điều hành của đội ngũ bí thư chi bộ; bồi dưỡng 100% bí thư chi bộ mới", "Cấp ủy cấp trên phân công cấp ủy viên dự sinh hoạt với chi bộ ít nhất {N:2-3} lần/năm"}},
	{"phát triển công nghiệp hỗ trợ và nâng cao hiệu quả thu hút đầu tư vào các khu công nghiệp",
		[]string{"Tỷ lệ lấp đầy các khu công nghiệp đã vận hành đạt trên {P:75-90}", "Giá trị sản xuất công nghiệp hỗ trợ tăng bình quân {P:12-16}/năm", "Thu hút vốn đầu tư nước ngoài đạt {N:4-7} tỷ USD trong giai đoạn"},
		[]string{"Hoàn thiện hạ tầng kỹ thuật ngoài hàng rào các khu công nghiệp", "Ưu tiên các dự án công nghệ cao, thân thiện môi trường, sử dụng ít lao động", "Xây dựng nhà ở xã hội cho công nhân với quy mô {N:12000-25000} căn hộ"}},
	{"tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch trong tình hình mới",
		[]string{"100% cấp ủy cơ sở có tổ hoặc nhóm nòng cốt tham gia đấu tranh trên không gian mạng", "Hằng năm tổ chức ít nhất {N:2-4} cuộc tọa đàm, hội thảo chuyên đề"},
		[]string{"Chủ động cung cấp thông tin chính thống, kịp thời trên các nền tảng số", "Nắm chắc tình hình tư tưởng của cán bộ, đảng viên và Nhân dân, nhất là sau sắp xếp tổ chức bộ máy"}},
	{"phát triển du lịch văn hóa – lịch sử gắn với bảo tồn, phát huy giá trị Khu di tích quốc gia đặc biệt Phố Hiến và quần thể di tích thời Trần",
		[]string{"Đón {N:2-4} triệu lượt khách du lịch mỗi năm vào năm 2030", "Doanh thu từ du lịch tăng bình quân {P:12-18}/năm"},
		[]string{"Đầu tư tu bổ, tôn tạo các di tích; số hóa tư liệu di tích", "Phát triển sản phẩm du lịch gắn với nhãn lồng Hưng Yên, làng nghề và lễ hội truyền thống"}},
	{"nâng cao chất lượng công tác phát triển đảng viên trong tình hình mới",
		[]string{"Kết nạp bình quân {N:2500-3200} đảng viên mỗi năm", "Không còn thôn, tổ dân phố chưa có chi bộ; không còn chi bộ dưới 5 đảng viên"},
		[]string{"Tạo nguồn từ đoàn viên thanh niên, người lao động trong doanh nghiệp, học sinh, sinh viên", "Phân công đảng viên chính thức giúp đỡ quần chúng ưu tú phấn đấu vào Đảng"}},
	{"phát triển kinh tế biển gắn với bảo vệ môi trường và bảo đảm quốc phòng, an ninh vùng ven biển",
		[]string{"Kinh tế biển đóng góp {P:10-15} GRDP vào năm 2030", "Diện tích rừng ngập mặn ven biển được bảo vệ, phục hồi đạt trên {N:4000-6000} ha"},
		[]string{"Phát triển Khu kinh tế Thái Bình thành động lực tăng trưởng mới", "Đầu tư cảng cá, khu neo đậu tránh trú bão cho tàu cá"}},
	{"nhiệm vụ phát triển kinh tế – xã hội, bảo đảm quốc phòng, an ninh năm {Y}",
		[]string{"Tốc độ tăng trưởng GRDP đạt {P:9-10.5}", "Tổng thu ngân sách nhà nước trên địa bàn đạt {N:40000-52000} tỷ đồng", "Tỷ lệ hộ nghèo giảm {P:0.2-0.5}"},
		[]string{"Tập trung tháo gỡ khó khăn cho sản xuất, kinh doanh", "Đẩy nhanh giải ngân vốn đầu tư công ngay từ những tháng đầu năm"}},
	{"xây dựng đội ngũ cán bộ cấp xã đáp ứng yêu cầu nhiệm vụ sau sắp xếp đơn vị hành chính",
		[]string{"100% cán bộ, công chức cấp xã đạt chuẩn theo quy định", "{P:70-90} cán bộ, công chức cấp xã được bồi dưỡng kỹ năng số"},
		[]string{"Rà soát, sắp xếp, bố trí cán bộ theo vị trí việc làm", "Thực hiện chính sách thu hút người có trình độ cao về công tác tại cấp xã"}},
}

var directiveTopics = []string{
	"tăng cường sự lãnh đạo của Đảng đối với công tác phòng, chống tham nhũng, lãng phí, tiêu cực",
	"lãnh đạo tổ chức Tết Nguyên đán năm {Y+1} vui tươi, lành mạnh, an toàn, tiết kiệm",
	"đẩy mạnh phong trào thi đua yêu nước, lập thành tích chào mừng các ngày lễ lớn năm {Y}",
	"tăng cường công tác bảo đảm trật tự, an toàn giao thông trong tình hình mới",
	"lãnh đạo công tác phòng, chống thiên tai, tìm kiếm cứu nạn mùa mưa bão năm {Y}",
	"tăng cường sự lãnh đạo của Đảng đối với công tác tuyển chọn và gọi công dân nhập ngũ",
	"tăng cường sự lãnh đạo của Đảng đối với công tác bảo vệ môi trường và phân loại chất thải rắn tại nguồn",
	"đẩy mạnh cải cách hành chính, nâng cao chất lượng phục vụ người dân và doanh nghiệp",
}

var conclusionTopics = []string{
	"tình hình kinh tế – xã hội quý {Q} và nhiệm vụ trọng tâm quý tiếp theo",
	"kết quả kiểm tra, giám sát {N:6-12} tháng đầu năm {Y}",
	"tiến độ thực hiện các dự án trọng điểm của tỉnh",
	"công tác chuẩn bị năm học mới {Y}–{Y+1}",
	"kết quả thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị trong năm {Y}",
	"tình hình hoạt động của bộ máy chính quyền địa phương hai cấp",
	"công tác cải cách hành chính và chuyển đổi số {N:6-9} tháng",
	"công tác bảo đảm an ninh trật tự dịp cuối năm",
	"kết quả sơ kết thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị",
	"tình hình đời sống và việc làm của công nhân trong các khu công nghiệp",
}

var planTopics = []string{
	"tổ chức các hoạt động kỷ niệm {Y-1929} năm Ngày thành lập Đảng Cộng sản Việt Nam (3/2/1930 – 3/2/{Y+1})",
	"học tập, quán triệt và triển khai thực hiện Nghị quyết Đại hội XIV của Đảng",
	"kiểm tra, giám sát năm {Y}",
	"triển khai Sổ tay đảng viên điện tử đến 100% chi bộ",
	"tổng kết công tác xây dựng Đảng năm {Y} và triển khai nhiệm vụ năm {Y+1}",
	"kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm {Y}",
	"tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm {Y}",
	"tuyên truyền kỷ niệm {Y-1890} năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 – 19/5/{Y})",
	"ra quân tổng vệ sinh môi trường, hưởng ứng Ngày Môi trường thế giới",
	"bồi dưỡng nghiệp vụ công tác đảng cho bí thư chi bộ năm {Y}",
	"phát động phong trào thi đua \"Dân vận khéo\" năm {Y}",
	"thực hiện chương trình xóa nhà tạm, nhà dột nát",
}

var guidanceTopics = []string{
	"sinh hoạt chuyên đề quý {Q}/{Y}",
	"kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm {Y}",
	"thực hiện quy trình kết nạp đảng viên và công nhận đảng viên chính thức",
	"sử dụng Sổ tay đảng viên điện tử trong sinh hoạt chi bộ",
	"nội dung sinh hoạt chi bộ định kỳ theo Hướng dẫn số 42-HD/BTCTW",
	"thu, nộp, quản lý và sử dụng đảng phí",
	"chuyển sinh hoạt đảng và quản lý hồ sơ đảng viên sau sắp xếp tổ chức bộ máy",
	"tuyên truyền kỷ niệm các ngày lễ lớn trong quý {Q}/{Y}",
}

var noticeTopics = []string{
	"kết luận của {BTV} tại hội nghị giao ban công tác xây dựng Đảng quý {Q}/{Y}",
	"lịch sinh hoạt chi bộ và lịch tiếp công dân tháng {NEXTMON}/{Y}",
	"ý kiến chỉ đạo của Thường trực {COM} về công tác phòng, chống thiên tai",
	"kết quả kỳ họp Ủy ban Kiểm tra tháng {MON}/{Y}",
	"về việc triệu tập hội nghị học tập chuyên đề năm {Y}",
	"chương trình làm việc của {BTV} tháng {NEXTMON}/{Y}",
	"về việc thu, nộp đảng phí năm {Y}",
	"kết luận của {BTV} về công tác cán bộ",
	"về việc chuẩn bị kỷ niệm các ngày lễ lớn trong tháng {NEXTMON}",
	"kết quả lấy ý kiến đóng góp của đảng viên vào dự thảo văn bản",
}

var letterTopics = []string{
	"về việc đôn đốc cập nhật dữ liệu đảng viên trên hệ thống",
	"về việc báo cáo kết quả sinh hoạt chi bộ quý {Q}/{Y}",
	"về việc tăng cường công tác nắm tình hình tư tưởng",
	"về việc triển khai ứng dụng Sổ tay đảng viên điện tử",
	"về việc rà soát đảng viên miễn công tác và sinh hoạt đảng",
	"về việc chuẩn bị nội dung phục vụ đoàn kiểm tra của cấp trên",
	"về việc tặng quà các gia đình chính sách nhân dịp 27/7",
}

// decisionTopics: what is decided, and its Article 1.
var decisionTopics = [][2]string{
	{"thành lập Ban Chỉ đạo chuyển đổi số trong các cơ quan đảng", "thành lập Ban Chỉ đạo chuyển đổi số trong các cơ quan đảng, gồm {N:7-15} đồng chí (có danh sách kèm theo); đồng chí Bí thư làm Trưởng ban."},
	{"ban hành Quy chế làm việc của {COM} nhiệm kỳ 2025–2030", "ban hành kèm theo Quyết định này Quy chế làm việc của {COM} nhiệm kỳ 2025–2030, gồm {N:5-7} chương, {N:24-40} điều."},
	{"khen thưởng tổ chức cơ sở đảng đạt tiêu chuẩn \"Trong sạch, vững mạnh\" tiêu biểu năm {Y-1}", "tặng Giấy khen cho {N:4-20} tổ chức cơ sở đảng đạt tiêu chuẩn \"Trong sạch, vững mạnh\" tiêu biểu năm {Y-1} (có danh sách kèm theo); mỗi tập thể được thưởng {M:1-3}."},
	{"thành lập Đoàn kiểm tra việc thực hiện nhiệm vụ kiểm tra, giám sát", "thành lập Đoàn kiểm tra gồm {N:4-7} đồng chí (có danh sách kèm theo), kiểm tra tại {N:3-8} tổ chức đảng từ ngày {DATE+5} đến ngày {DATE+35}."},
	{"kiện toàn Ban Chỉ đạo phòng, chống tham nhũng, lãng phí, tiêu cực", "kiện toàn Ban Chỉ đạo phòng, chống tham nhũng, lãng phí, tiêu cực, gồm {N:7-13} đồng chí (có danh sách kèm theo)."},
	{"phân công nhiệm vụ các đồng chí Ủy viên {BTV}", "phân công nhiệm vụ các đồng chí Ủy viên {BTV} theo danh sách kèm theo; các đồng chí chịu trách nhiệm trước tập thể về lĩnh vực, địa bàn được phân công."},
	{"tặng Huy hiệu Đảng đợt {DATE}", "tặng Huy hiệu Đảng cho {N:20-160} đồng chí (có danh sách kèm theo), trong đó {N:2-15} đồng chí nhận Huy hiệu 60 năm tuổi Đảng trở lên."},
}

var regulationTopics = []string{
	"chế độ thông tin, báo cáo trong các cơ quan đảng",
	"trách nhiệm nêu gương của cán bộ, đảng viên, trước hết là người đứng đầu",
	"quản lý, khai thác và sử dụng Sổ tay đảng viên điện tử",
	"tiêu chí đánh giá chất lượng sinh hoạt chi bộ",
}

// Articles: title and the paragraphs of its body, by category.
type article struct {
	category string
	title    string
	paras    []string
}

var articles = []article{
	{"news", "{PROV} thu hút hơn {USD:900-1800} vốn FDI trong {N:6-10} tháng", []string{
		"Theo Sở Tài chính, tính đến ngày {DATE-3}, toàn tỉnh đã cấp mới giấy chứng nhận đăng ký đầu tư cho {N:30-70} dự án FDI, điều chỉnh tăng vốn cho {N:20-50} dự án.",
		"Nhiều dự án quy mô lớn trong lĩnh vực điện tử, linh kiện ô tô và thiết bị y tế đã đi vào hoạt động, tạo việc làm cho khoảng {N:8000-20000} lao động.",
		"Tỉnh tiếp tục rà soát quỹ đất sạch, hoàn thiện hạ tầng các khu công nghiệp, cải thiện môi trường đầu tư, kinh doanh."}},
	{"news", "Ra quân làm đường giao thông nông thôn tại {PLACE}", []string{
		"Sáng {DATE-2}, hàng trăm cán bộ, đảng viên và Nhân dân đã tham gia ra quân làm đường giao thông nông thôn tuyến {VIL} – {VIL}, dài {N:800-3200} m.",
		"Công trình có tổng kinh phí {M:900-4500}, trong đó Nhân dân đóng góp {P:20-45}; nhiều hộ tự nguyện hiến {N:150-1200} m² đất.",
		"Đồng chí Bí thư Đảng ủy đề nghị các chi bộ phát huy vai trò tiên phong của đảng viên, vận động Nhân dân cùng chung tay."}},
	{"news", "Hưng Yên đón nhận thêm {N:5-15} xã đạt chuẩn nông thôn mới nâng cao", []string{
		"Ngày {DATE-4}, UBND tỉnh tổ chức lễ công bố quyết định công nhận các xã đạt chuẩn nông thôn mới nâng cao, nông thôn mới kiểu mẫu năm {Y}.",
		"Thu nhập bình quân đầu người tại các xã này đạt {N:78-98} triệu đồng/năm; tỷ lệ hộ nghèo còn dưới {P:0.5-1.2}.",
		"Phát biểu tại buổi lễ, đồng chí Phó Chủ tịch UBND tỉnh đề nghị các địa phương giữ vững, nâng cao chất lượng các tiêu chí đã đạt."}},
	{"news", "Khánh thành cầu {VIL} nối hai bờ sông Luộc", []string{
		"Cây cầu dài {N:320-780} m, rộng {N:12-24} m với tổng mức đầu tư {N:380-950} tỷ đồng, được xây dựng trong {N:18-30} tháng.",
		"Công trình rút ngắn thời gian đi lại giữa các xã ven sông, mở ra cơ hội phát triển kinh tế – xã hội cho khu vực.",
		"Người dân phấn khởi khi chứng kiến công trình đi vào sử dụng trước thời hạn {N:2-4} tháng."}},
	{"news", "Tổng kết vụ lúa chiêm xuân năm {Y}", []string{
		"Toàn tỉnh gieo cấy {N:75000-86000} ha lúa chiêm xuân; năng suất bình quân ước đạt {N:64-72},{N:1-9} tạ/ha, tăng {N:1-3} tạ/ha so với cùng kỳ.",
		"Tỷ lệ diện tích lúa chất lượng cao đạt {P:55-75}; cơ giới hóa khâu thu hoạch đạt trên {P:92-99}.",
		"Ngành nông nghiệp khuyến cáo bà con xử lý rơm rạ đúng cách, không đốt gây ô nhiễm môi trường."}},
	{"news", "Hội nghị đối thoại giữa người đứng đầu cấp ủy với Nhân dân {PLACE}", []string{
		"Tại hội nghị, {N:12-30} ý kiến của cử tri tập trung vào giải phóng mặt bằng, cấp giấy chứng nhận quyền sử dụng đất, vệ sinh môi trường.",
		"Đồng chí Bí thư Đảng ủy đã trực tiếp trả lời, làm rõ các nội dung; giao các phòng chuyên môn giải quyết dứt điểm trước ngày {DATE+30}.",
		"Đây là hoạt động thường xuyên nhằm thực hiện tốt phương châm \"dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng\"."}},
	{"news", "Trao {N:120-450} nhà Đại đoàn kết cho hộ nghèo", []string{
		"Từ nguồn Quỹ \"Vì người nghèo\" và đóng góp của doanh nghiệp, Ủy ban MTTQ tỉnh đã hỗ trợ xây mới, sửa chữa nhà ở cho các hộ khó khăn.",
		"Mỗi căn nhà được hỗ trợ từ 60 đến 80 triệu đồng; tổng kinh phí {M:12000-30000}.",
		"Các hộ được hỗ trợ bày tỏ xúc động, cảm ơn sự quan tâm của cấp ủy, chính quyền và cộng đồng."}},
	{"health", "Chủ động phòng, chống sốt xuất huyết mùa mưa", []string{
		"Từ đầu năm đến nay, toàn tỉnh ghi nhận {N:120-680} ca mắc sốt xuất huyết, tăng {P:10-40} so với cùng kỳ.",
		"Ngành y tế khuyến cáo người dân đậy kín dụng cụ chứa nước, thả cá diệt bọ gậy, ngủ màn kể cả ban ngày; khi có biểu hiện sốt cao đột ngột cần đến cơ sở y tế, không tự ý điều trị.",
		"Các trạm y tế xã, phường tổ chức phun hóa chất diệt muỗi tại {N:30-120} ổ dịch."}},
	{"health", "Người cao tuổi tập thể dục thế nào cho đúng", []string{
		"Tập luyện đều đặn 30 phút mỗi ngày giúp người cao tuổi giảm nguy cơ tăng huyết áp, đái tháo đường và loãng xương.",
		"Nên chọn các môn nhẹ nhàng như đi bộ, dưỡng sinh, thái cực quyền; khởi động kỹ, tránh tập lúc quá no hoặc khi trời lạnh sâu.",
		"Người có bệnh mạn tính cần hỏi ý kiến bác sĩ trước khi tập và đo huyết áp định kỳ tại trạm y tế."}},
	{"health", "Tiêm chủng mở rộng: bảo vệ trẻ em trước bệnh sởi", []string{
		"Tỷ lệ trẻ dưới 1 tuổi được tiêm chủng đầy đủ các loại vắc xin năm {Y-1} đạt {P:94-98.5}.",
		"Ngành y tế đề nghị cha mẹ đưa trẻ đi tiêm đúng lịch; trẻ bị bỏ lỡ mũi tiêm cần được tiêm bù càng sớm càng tốt.",
		"Các trạm y tế tổ chức tiêm chủng vào ngày {N:5-25} hằng tháng."}},
	{"health", "Giữ ấm cơ thể khi trời rét đậm, rét hại", []string{
		"Khi nhiệt độ xuống dưới 10°C, người cao tuổi và trẻ nhỏ cần được giữ ấm, nhất là vùng cổ, ngực, bàn chân.",
		"Không đốt than sưởi trong phòng kín; uống nước ấm, ăn đủ chất.",
		"Khi có dấu hiệu khó thở, đau ngực, cần đến ngay cơ sở y tế gần nhất."}},
	{"health", "Khám sức khỏe định kỳ cho đảng viên cao tuổi", []string{
		"Trung tâm Y tế khu vực phối hợp với Hội Người cao tuổi tổ chức khám sức khỏe miễn phí cho {N:300-1200} đảng viên từ 70 tuổi trở lên.",
		"Qua khám, {P:35-55} trường hợp tăng huyết áp, {P:10-20} mắc đái tháo đường đã được tư vấn, cấp thuốc và quản lý tại trạm y tế.",
		"Đoàn khám còn hướng dẫn cách sử dụng ứng dụng Sổ tay đảng viên điện tử để nghe tài liệu bằng giọng đọc."}},
	{"culture", "Lễ hội Văn hóa – Du lịch Phố Hiến năm {Y}", []string{
		"Lễ hội diễn ra trong {N:3-5} ngày với nhiều hoạt động: lễ rước kiệu, trình diễn hát trống quân Đức Hợp, hội thi ẩm thực dân gian.",
		"Ban Tổ chức ước tính đã đón khoảng {N:40-120} nghìn lượt du khách.",
		"Lễ hội góp phần quảng bá hình ảnh vùng đất \"Thứ nhất Kinh Kỳ, thứ nhì Phố Hiến\"."}},
	{"culture", "Gìn giữ nghề làm tương Bần", []string{
		"Làng nghề hiện có {N:80-200} hộ làm tương, sản lượng mỗi năm khoảng {N:300-700} nghìn lít.",
		"Nhiều hộ đã đăng ký nhãn hiệu tập thể, đạt chứng nhận sản phẩm OCOP 4 sao.",
		"Chính quyền địa phương hỗ trợ làng nghề xây dựng khu xử lý nước thải tập trung."}},
	{"culture", "Hát trống quân – di sản cần được trao truyền", []string{
		"Câu lạc bộ hát trống quân hiện có {N:25-60} thành viên, trong đó nhiều nghệ nhân trên 70 tuổi.",
		"Mỗi tuần câu lạc bộ sinh hoạt hai buổi, truyền dạy cho thế hệ trẻ.",
		"Ngành văn hóa đề xuất đưa hát trống quân vào hoạt động ngoại khóa của các trường học."}},
	{"culture", "Lễ hội Đền Trần Thái Bình thu hút du khách", []string{
		"Lễ hội tưởng nhớ công lao các vị vua Trần và các danh tướng, diễn ra vào tháng Giêng âm lịch.",
		"Năm nay, lễ hội có thêm hoạt động tái hiện lễ rước nước, thi vật dân tộc, thi nấu cơm.",
		"Ban Quản lý di tích bố trí lực lượng bảo đảm an ninh trật tự, vệ sinh môi trường."}},
	{"news", "Gặp mặt đảng viên lão thành nhận Huy hiệu 70, 75 năm tuổi Đảng", []string{
		"Nhân dịp kỷ niệm Ngày thành lập Đảng, Thường trực Tỉnh ủy gặp mặt, chúc mừng {N:60-180} đảng viên lão thành nhận Huy hiệu 70, 75 năm tuổi Đảng.",
		"Các đồng chí đều đã tham gia kháng chiến, nhiều đồng chí là thương binh, cựu chiến binh; đến nay vẫn gương mẫu sinh hoạt ở khu dân cư.",
		"Đồng chí Bí thư Tỉnh ủy đề nghị các cấp ủy quan tâm chăm lo sức khỏe, đời sống của đảng viên cao tuổi."}},
	{"news", "Sơ kết Sổ tay đảng viên điện tử: {P:95-99} đảng viên đã sử dụng", []string{
		"Sau {N:6-10} tháng triển khai, {P:95-99} đảng viên trong Đảng bộ tỉnh đã cài đặt ứng dụng; {P:85-97} chi bộ gửi tài liệu sinh hoạt qua ứng dụng.",
		"Tính năng nghe tài liệu bằng giọng đọc được đảng viên cao tuổi đánh giá cao; bình quân mỗi tháng có {N:15000-40000} lượt nghe.",
		"Ban Tổ chức Tỉnh ủy đề nghị các chi bộ tiếp tục hướng dẫn đảng viên sử dụng chức năng góp ý dự thảo và điểm danh sinh hoạt."}},
	{"news", "Đầu tư {N:1200-3800} tỷ đồng nâng cấp đê sông Hồng qua {PLACE}", []string{
		"Dự án nâng cấp, kết hợp làm đường giao thông trên đê dài {N:8-25} km, hoàn thành trong năm {Y+1}.",
		"Khi hoàn thành, tuyến đê bảo đảm chống lũ theo thiết kế, đồng thời rút ngắn thời gian đi lại giữa các xã ven sông.",
		"Cấp ủy, chính quyền địa phương vận động các hộ dân phối hợp giải phóng mặt bằng, bàn giao {P:85-100} diện tích."}},
	{"health", "Phòng bệnh tay chân miệng cho trẻ nhỏ", []string{
		"Từ đầu năm, toàn tỉnh ghi nhận {N:150-900} ca tay chân miệng, chủ yếu ở trẻ dưới 5 tuổi.",
		"Cha mẹ cần rửa tay cho trẻ bằng xà phòng, vệ sinh đồ chơi, sàn nhà; khi trẻ sốt, loét miệng, nổi ban ở tay chân cần đưa đến cơ sở y tế.",
		"Các trường mầm non được yêu cầu kiểm tra sức khỏe trẻ hằng ngày, báo ngay trạm y tế khi phát hiện ca bệnh."}},
	{"culture", "Nhãn lồng Hưng Yên vào mùa: sản lượng ước đạt {N:50-80} nghìn tấn", []string{
		"Toàn tỉnh có khoảng {N:4500-6000} ha nhãn, trong đó {N:800-1500} ha được cấp mã số vùng trồng phục vụ xuất khẩu.",
		"Nhãn lồng Hưng Yên đã có mặt tại nhiều thị trường khó tính như Mỹ, Nhật Bản, Úc, EU.",
		"Lễ hội nhãn lồng là dịp quảng bá đặc sản gắn với du lịch di sản Phố Hiến."}},
	{"study", "Bác Hồ với công tác dân vận", []string{
		"\"Dân vận kém thì việc gì cũng kém. Dân vận khéo thì việc gì cũng thành công\" – lời dạy của Chủ tịch Hồ Chí Minh trong bài báo \"Dân vận\" (15/10/1949).",
		"Mỗi đảng viên ở khu dân cư cần gần dân, hiểu dân, trọng dân, học dân; nói để dân hiểu, làm để dân tin.",
		"Phong trào thi đua \"Dân vận khéo\" đã có hàng nghìn mô hình hay, cách làm hiệu quả ở cơ sở."}},
	{"study", "Học tập và làm theo Bác: tiết kiệm, chống lãng phí", []string{
		"Chủ tịch Hồ Chí Minh dạy: \"Tiết kiệm là quốc sách\". Lời dạy ấy đến nay vẫn còn nguyên giá trị.",
		"Mỗi cán bộ, đảng viên cần bắt đầu từ những việc nhỏ: tắt điện khi ra khỏi phòng, sử dụng văn bản điện tử thay giấy, tổ chức hội nghị gọn nhẹ.",
		"Chi bộ nên đưa nội dung thực hành tiết kiệm vào sinh hoạt chuyên đề và kiểm điểm cuối năm."}},
	{"study", "Hỏi – đáp về Điều lệ Đảng: quyền và nhiệm vụ của đảng viên", []string{
		"**Hỏi:** Đảng viên dự bị có những quyền gì?",
		"**Đáp:** Theo Điều 5 Điều lệ Đảng, đảng viên dự bị có các quyền như đảng viên chính thức, trừ quyền biểu quyết, ứng cử và bầu cử cơ quan lãnh đạo của Đảng.",
		"Thời gian dự bị là 12 tháng kể từ ngày chi bộ tổ chức lễ kết nạp; hết thời gian dự bị, chi bộ xét công nhận đảng viên chính thức."}},
	{"study", "Tìm hiểu Hướng dẫn 42-HD/BTCTW về sinh hoạt chi bộ", []string{
		"Hướng dẫn quy định chi bộ sinh hoạt định kỳ mỗi tháng một lần, thời gian ít nhất 90 phút; nếu kết hợp sinh hoạt chuyên đề thì ít nhất 120 phút.",
		"Tài liệu sinh hoạt phải được gửi đến đảng viên trước ít nhất một ngày, có thể qua Sổ tay đảng viên điện tử.",
		"Cuối buổi sinh hoạt, chi bộ tự đánh giá chất lượng theo thang điểm 100 và thông qua biên bản."}},
	{"study", "Những điểm mới trong công tác kiểm tra, giám sát của Đảng", []string{
		"Quy định mới nhấn mạnh giám sát thường xuyên, phát hiện sớm vi phạm từ cơ sở.",
		"Ủy ban Kiểm tra các cấp được giao thêm nhiệm vụ giám sát việc thực hiện chức trách của người đứng đầu.",
		"Mỗi chi bộ cần xây dựng chương trình kiểm tra, giám sát hằng năm, ít nhất kiểm tra {N:2-3} đảng viên."}},
	{"study", "Nêu gương – phương thức lãnh đạo quan trọng của Đảng", []string{
		"\"Một tấm gương sống còn có giá trị hơn một trăm bài diễn văn tuyên truyền\" – lời dạy của Bác Hồ.",
		"Cán bộ, đảng viên càng giữ chức vụ cao càng phải gương mẫu, nói đi đôi với làm.",
		"Chi bộ cần đánh giá việc thực hiện trách nhiệm nêu gương trong kiểm điểm cuối năm."}},
}

// The monthly round of a cell: current affairs by month (1..12).
var monthNews = [13][]string{
	1:  {"Toàn tỉnh tổ chức các hoạt động mừng Đảng, mừng Xuân; thăm, tặng quà {N:45000-62000} gia đình chính sách, hộ nghèo với tổng kinh phí {M:38000-65000}.", "Hội nghị Ban Chấp hành Đảng bộ tỉnh đánh giá năm {Y-1}: GRDP tăng {P:8-9.8}, thu ngân sách vượt dự toán."},
	2:  {"Kỷ niệm {Y-1930} năm Ngày thành lập Đảng Cộng sản Việt Nam (3/2/1930 – 3/2/{Y}).", "Lễ giao nhận quân năm {Y}: toàn tỉnh có {N:2400-3200} thanh niên lên đường nhập ngũ, đạt 100% chỉ tiêu."},
	3:  {"Kỷ niệm {Y-1931} năm Ngày thành lập Đoàn TNCS Hồ Chí Minh (26/3/1931 – 26/3/{Y}); ra quân Tháng Thanh niên.", "Toàn tỉnh ra quân Tết trồng cây, trồng mới {N:90-160} nghìn cây xanh."},
	4:  {"Kỷ niệm {Y-1975} năm Ngày Giải phóng miền Nam, thống nhất đất nước (30/4/1975 – 30/4/{Y}).", "Tình hình kinh tế – xã hội quý I: GRDP ước tăng {P:7.5-9.5}; thu ngân sách đạt {P:24-32} dự toán."},
	5:  {"Kỷ niệm {Y-1890} năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 – 19/5/{Y}).", "Nông dân thu hoạch lúa chiêm xuân, năng suất ước đạt {N:64-72} tạ/ha."},
	6:  {"Hưởng ứng Tháng hành động vì trẻ em và Ngày Môi trường thế giới (5/6).", "Ban Chỉ huy phòng, chống thiên tai tỉnh triển khai phương án bảo vệ đê điều mùa mưa bão."},
	7:  {"Kỷ niệm {Y-1947} năm Ngày Thương binh – Liệt sĩ (27/7/1947 – 27/7/{Y}); toàn tỉnh tặng {N:38000-52000} suất quà người có công.", "Sáu tháng đầu năm, GRDP của tỉnh ước tăng {P:8-9.6}, thu hút {USD:500-1200} vốn FDI."},
	8:  {"Kỷ niệm {Y-1945} năm Cách mạng Tháng Tám thành công (19/8/1945 – 19/8/{Y}).", "Các địa phương chủ động ứng phó mưa lớn, tiêu úng bảo vệ {N:30-60} nghìn ha lúa mùa."},
	9:  {"Kỷ niệm {Y-1945} năm Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam (2/9/1945 – 2/9/{Y}).", "Khai giảng năm học {Y}–{Y+1}: toàn tỉnh có hơn {N:520-640} nghìn học sinh đến trường."},
	10: {"Kỷ niệm {Y-1930} năm Ngày truyền thống Hội Nông dân Việt Nam (14/10/1930 – 14/10/{Y}).", "Thu hoạch lúa mùa; chuẩn bị sản xuất vụ đông với diện tích {N:18-30} nghìn ha."},
	11: {"Ngày hội Đại đoàn kết toàn dân tộc (18/11) được tổ chức tại 100% khu dân cư.", "Kỷ niệm {Y-1982} năm Ngày Nhà giáo Việt Nam (20/11/1982 – 20/11/{Y})."},
	12: {"Kỷ niệm {Y-1944} năm Ngày thành lập Quân đội nhân dân Việt Nam (22/12/1944 – 22/12/{Y}).", "Các chi bộ tiến hành kiểm điểm, đánh giá, xếp loại chất lượng đảng viên năm {Y}."},
}

var monthTasks = [13]string{
	1:  "Tổ chức cho đảng viên và Nhân dân đón Tết vui tươi, an toàn, tiết kiệm; thăm hỏi gia đình chính sách, hộ khó khăn.",
	2:  "Phối hợp tổ chức tiễn thanh niên lên đường nhập ngũ; ra quân Tết trồng cây.",
	3:  "Tham gia các hoạt động Tháng Thanh niên; chăm sóc lúa chiêm xuân, phòng trừ sâu bệnh.",
	4:  "Tổ chức các hoạt động kỷ niệm Ngày Giải phóng miền Nam, thống nhất đất nước.",
	5:  "Tuyên truyền kỷ niệm Ngày sinh Chủ tịch Hồ Chí Minh; thu hoạch lúa chiêm xuân, không đốt rơm rạ.",
	6:  "Ra quân tổng vệ sinh môi trường; kiểm tra, chuẩn bị vật tư phòng, chống lụt bão.",
	7:  "Thăm, tặng quà thương binh, gia đình liệt sĩ; chăm sóc nghĩa trang liệt sĩ.",
	8:  "Phòng, chống úng ngập, bảo vệ lúa mùa; chuẩn bị các điều kiện cho năm học mới.",
	9:  "Vận động học sinh đến trường đúng độ tuổi; tổ chức Tết Trung thu cho thiếu nhi.",
	10: "Thu hoạch lúa mùa, triển khai sản xuất vụ đông; tham gia Ngày hội Đại đoàn kết.",
	11: "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư; chuẩn bị kiểm điểm cuối năm.",
	12: "Kiểm điểm, đánh giá, xếp loại chất lượng đảng viên năm; xây dựng chương trình công tác năm tới.",
}

// What cells of each profile report and plan.
type cellPool struct {
	venue          string
	hour           string
	done, weak, do []string
}

var cellPools = map[profile]*cellPool{
	profResidential: {"Nhà văn hóa {UNIT}", "19 giờ 30", []string{
		"Vận động Nhân dân hiến {N:120-900} m² đất, đóng góp {M:80-650} mở rộng đường giao thông nội đồng.",
		"Quỹ \"Vì người nghèo\" của khu dân cư đạt {M:5-30}, vượt {P:5-30} kế hoạch.",
		"Tổ chức ra quân tổng vệ sinh môi trường, thu gom {N:2-12} tấn rác thải, khơi thông {N:200-900} m mương thoát nước.",
		"{N:3-15} hộ được công nhận \"Gia đình văn hóa\" tiêu biểu; không có hộ vi phạm trật tự xây dựng.",
		"Hoàn thành {P:92-100} kế hoạch thu thuế sử dụng đất phi nông nghiệp.",
		"Phối hợp với Chi hội Nông dân hướng dẫn bà con chuyển đổi {N:2-15} ha đất lúa kém hiệu quả sang trồng nhãn, cây ăn quả.",
		"Hòa giải thành {N:1-4} vụ việc mâu thuẫn trong Nhân dân, không để phát sinh điểm nóng.",
	}, []string{
		"Một số đảng viên cao tuổi chưa sử dụng thành thạo Sổ tay đảng viên điện tử.",
		"Việc phân loại rác tại nguồn ở một số hộ chưa thường xuyên.",
		"Tỷ lệ thu quỹ quốc phòng – an ninh mới đạt {P:60-85}.",
		"Một số đảng viên trẻ đi làm xa chưa tham gia đầy đủ các hoạt động ở khu dân cư.",
	}, []string{
		"Tiếp tục vận động Nhân dân thực hiện nếp sống văn minh trong việc cưới, việc tang và lễ hội.",
		"Rà soát, cập nhật danh sách hộ nghèo, hộ cận nghèo năm {Y}.",
		"Phân công đảng viên phụ trách nhóm hộ, nắm tình hình dư luận xã hội, kịp thời báo cáo chi bộ.",
		"Vận động thanh niên trong độ tuổi tham gia khám tuyển nghĩa vụ quân sự.",
		"Hướng dẫn đảng viên cao tuổi nghe tài liệu bằng giọng đọc trên Sổ tay đảng viên điện tử.",
	}},
	profAgency: {"phòng họp cơ quan", "16 giờ 30", []string{
		"Tiếp nhận và giải quyết {N:300-1600} hồ sơ thủ tục hành chính, đúng hạn đạt {P:97-100}.",
		"Tỷ lệ hồ sơ trực tuyến toàn trình đạt {P:70-95}; không có phản ánh, kiến nghị kéo dài.",
		"Tham mưu ban hành {N:4-15} văn bản chỉ đạo, điều hành của cấp ủy, chính quyền.",
		"Hoàn thành số hóa {N:1200-6000} hồ sơ, giấy tờ còn hiệu lực.",
	}, []string{
		"Một số hồ sơ đất đai còn chậm do phải xác minh nguồn gốc.",
		"Khối lượng công việc sau sắp xếp lớn, một số vị trí còn thiếu cán bộ có chuyên môn phù hợp.",
	}, []string{
		"Nâng cao chất lượng phục vụ tại Trung tâm Phục vụ hành chính công; không để hồ sơ trễ hạn.",
		"Đẩy mạnh thanh toán không dùng tiền mặt trong giải quyết thủ tục hành chính.",
		"Mỗi đảng viên đăng ký ít nhất một việc làm cụ thể để cải cách hành chính.",
	}},
	profSchools: {"phòng họp nhà trường", "16 giờ 45", []string{
		"Tỷ lệ học sinh chuyên cần đạt {P:97-99.8}; duy trì sĩ số 100%.",
		"{N:5-40} học sinh đạt giải trong các kỳ thi cấp tỉnh.",
		"Hoàn thành sửa chữa phòng học, nhà vệ sinh với kinh phí {M:50-900}.",
		"{N:2-12} giáo viên đạt danh hiệu giáo viên dạy giỏi cấp cơ sở.",
	}, []string{
		"Cơ sở vật chất một số điểm trường còn thiếu, xuống cấp.",
		"Việc ứng dụng công nghệ thông tin trong giảng dạy của một số giáo viên còn hạn chế.",
	}, []string{
		"Thực hiện nghiêm quy định về dạy thêm, học thêm; không lạm thu đầu năm học.",
		"Bồi dưỡng học sinh giỏi, phụ đạo học sinh yếu kém.",
		"Bảo đảm an toàn thực phẩm trong bếp ăn bán trú.",
	}},
	profHealth: {"hội trường Trung tâm", "16 giờ 30", []string{
		"Khám, điều trị cho {N:800-9000} lượt người bệnh; không có sự cố y khoa nghiêm trọng.",
		"Tỷ lệ trẻ em được tiêm chủng đầy đủ đạt {P:95-99}.",
		"Quản lý {N:300-1500} người mắc bệnh không lây nhiễm tại trạm y tế.",
	}, []string{
		"Một số trạm y tế còn thiếu thuốc, vật tư tiêu hao.",
		"Nhân lực bác sĩ tại tuyến cơ sở còn thiếu.",
	}, []string{
		"Triển khai giám sát, phòng chống dịch sốt xuất huyết, tay chân miệng.",
		"Nâng cao thái độ phục vụ, hướng tới sự hài lòng của người bệnh.",
	}},
	profEnterprise: {"hội trường công ty", "16 giờ 00", []string{
		"Doanh thu tháng ước đạt {T:12-180}, tăng {P:3-18} so với cùng kỳ.",
		"Bảo đảm việc làm ổn định cho {N:120-1800} người lao động, thu nhập bình quân {M:8-14}/người/tháng.",
		"Không để xảy ra tai nạn lao động, cháy nổ.",
		"Nộp ngân sách nhà nước {T:1-25}, đạt {P:85-110} kế hoạch.",
	}, []string{
		"Đơn hàng xuất khẩu giảm do biến động thị trường.",
		"Chi phí nguyên vật liệu tăng, ảnh hưởng đến lợi nhuận.",
	}, []string{
		"Phối hợp với công đoàn chăm lo đời sống người lao động.",
		"Thực hành tiết kiệm, chống lãng phí trong sản xuất.",
		"Giới thiệu {N:1-3} quần chúng ưu tú cho Đảng xem xét kết nạp.",
	}},
	profPartyAgency: {"phòng họp cơ quan", "16 giờ 30", []string{
		"Tham mưu ban hành {N:6-20} văn bản; hoàn thành đúng tiến độ các nhiệm vụ được giao.",
		"Phối hợp tổ chức {N:1-4} hội nghị quán triệt, học tập nghị quyết.",
		"Cập nhật, quản lý dữ liệu đảng viên trên hệ thống đúng quy định.",
	}, []string{
		"Khối lượng công việc lớn, một số nhiệm vụ còn chậm so với kế hoạch.",
	}, []string{
		"Nâng cao chất lượng tham mưu, bảo đảm đúng, trúng, kịp thời.",
		"Thực hiện nghiêm chế độ bảo mật tài liệu.",
	}},
	profPolice: {"hội trường đơn vị", "16 giờ 00", []string{
		"Điều tra, làm rõ {N:5-40} vụ việc; tỷ lệ điều tra khám phá đạt {P:85-97}.",
		"Xử lý {N:200-2500} trường hợp vi phạm trật tự, an toàn giao thông, phạt tiền {M:300-4000}.",
		"Tổ chức {N:4-20} đợt tuần tra, kiểm soát bảo đảm an ninh trật tự.",
	}, []string{
		"Tội phạm lừa đảo qua không gian mạng còn diễn biến phức tạp.",
	}, []string{
		"Duy trì nghiêm chế độ trực ban, trực chiến.",
		"Tuyên truyền phòng, chống lừa đảo trực tuyến tới Nhân dân.",
	}},
	profMilitary: {"hội trường đơn vị", "15 giờ 30", []string{
		"Duy trì nghiêm chế độ trực sẵn sàng chiến đấu; quân số khỏe đạt {P:98-99.8}.",
		"Hoàn thành {P:96-100} nội dung huấn luyện, {P:70-85} đạt khá, giỏi.",
		"Tham gia giúp Nhân dân {N:300-1500} ngày công.",
	}, []string{
		"Một số chiến sĩ mới chưa thích nghi nhanh với môi trường quân ngũ.",
	}, []string{
		"Giữ nghiêm kỷ luật, bảo đảm an toàn tuyệt đối về người và vũ khí trang bị.",
		"Làm tốt công tác dân vận nơi đóng quân.",
	}},
}

func init() {
	cellPools[profDepartment] = cellPools[profPartyAgency]
	cellPools[profHospital] = cellPools[profHealth]
	cellPools[profSchool] = cellPools[profSchools]
	cellPools[profBorder] = &cellPool{"hội trường đơn vị", "15 giờ 30", append([]string{
		"Phối hợp tuần tra bảo vệ chủ quyền vùng biển, bảo đảm an toàn cho {N:200-1500} lượt tàu thuyền ra khơi.",
	}, cellPools[profMilitary].done...), cellPools[profMilitary].weak, cellPools[profMilitary].do}
}

var themes = []string{
	"Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về tinh thần đoàn kết",
	"Nâng cao vai trò tiền phong, gương mẫu của đảng viên nơi cư trú",
	"Phát huy vai trò của chi bộ trong chuyển đổi số",
	"Thực hiện Quy định số 144-QĐ/TW về chuẩn mực đạo đức cách mạng của cán bộ, đảng viên",
	"Công tác phát triển đảng viên trong đoàn viên thanh niên",
	"Thực hành tiết kiệm, chống lãng phí trong mỗi cơ quan, đơn vị và gia đình",
	"Phát huy dân chủ ở cơ sở, giải quyết kịp thời kiến nghị của Nhân dân",
}
