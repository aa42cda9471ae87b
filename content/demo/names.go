package demo

import (
	"strconv"
	"strings"
)

// People's names, weighted roughly like the north of Vietnam.

var familyNames = newWeighted(
	"Nguyễn", 34, "Trần", 10, "Lê", 8, "Phạm", 8, "Hoàng", 5, "Vũ", 5.5, "Đặng", 2.5, "Bùi", 3,
	"Đỗ", 3, "Hồ", 0.8, "Ngô", 1.6, "Dương", 1.2, "Lý", 0.5, "Phan", 1.4, "Đào", 1.4, "Đinh", 1.3,
	"Trịnh", 1, "Lương", 0.8, "Mai", 0.8, "Cao", 0.9, "Tạ", 0.5, "Hà", 0.6, "Lưu", 0.5, "Đoàn", 0.9,
	"Tô", 0.4, "Khúc", 0.3, "Quách", 0.2, "Phí", 0.3, "Nghiêm", 0.2, "Chu", 0.4, "Lại", 0.3,
	"Đàm", 0.2, "Kiều", 0.2, "Triệu", 0.3, "Vương", 0.3, "Trương", 0.6, "Doãn", 0.2, "Nhữ", 0.1,
	"Lã", 0.1, "Thân", 0.1, "Hứa", 0.1, "Tăng", 0.1,
)

var (
	maleMiddleOld = newWeighted(
		"Văn", 45, "Đức", 8, "Minh", 4, "Quang", 4, "Hữu", 5, "Xuân", 4, "Mạnh", 2, "Công", 4,
		"Thành", 2, "Trọng", 3, "Đình", 6, "Tiến", 2, "Quốc", 2, "Duy", 1, "Ngọc", 2, "Thế", 2,
		"Bá", 2, "Huy", 1, "Khắc", 1, "Hồng", 1, "Kim", 1, "Thanh", 2, "Viết", 1,
	)
	maleMiddleYoung = newWeighted(
		"Văn", 18, "Đức", 9, "Minh", 8, "Quang", 6, "Hữu", 3, "Xuân", 3, "Mạnh", 3, "Công", 4,
		"Thành", 4, "Trọng", 3, "Đình", 3, "Tiến", 3, "Quốc", 4, "Duy", 5, "Ngọc", 3, "Thế", 2,
		"Huy", 3, "Việt", 3, "Anh", 3, "Tuấn", 3, "Hoàng", 3, "Hải", 2, "Trung", 2, "Gia", 1,
	)
	femaleMiddleOld = newWeighted(
		"Thị", 62, "Ngọc", 4, "Thu", 4, "Thanh", 4, "Hồng", 4, "Minh", 2, "Kim", 3, "Bích", 2,
		"Thúy", 2, "Mai", 1, "Xuân", 2, "Hải", 1, "Thùy", 1, "Vân", 1,
	)
	femaleMiddleYoung = newWeighted(
		"Thị", 24, "Ngọc", 7, "Thu", 7, "Thanh", 6, "Hồng", 4, "Minh", 4, "Phương", 5, "Thúy", 3,
		"Kim", 2, "Bích", 2, "Mai", 3, "Hải", 3, "Diệu", 2, "Khánh", 2, "Quỳnh", 2, "Hoài", 2,
		"Thùy", 4, "Vân", 2, "Ánh", 2, "Mỹ", 1, "Bảo", 1, "Hà", 1,
	)
	secondMiddleFemale = []string{"Thu", "Hồng", "Thanh", "Minh", "Ngọc", "Kim", "Phương", "Bích", "Hải", "Thùy", "Lan", "Mai"}
	secondMiddleMale   = []string{"Minh", "Quang", "Ngọc", "Đức", "Anh", "Tuấn", "Hoàng", "Việt", "Thành", "Mạnh", "Hải", "Trung"}
)

var maleGiven = []string{
	"Hùng", "Dũng", "Tuấn", "Minh", "Nam", "Hải", "Long", "Thắng", "Cường", "Quang", "Sơn", "Tùng",
	"Hưng", "Đức", "Thành", "Trung", "Hoàng", "Phong", "Việt", "Bình", "Khánh", "Hiếu", "Huy", "Lâm",
	"Toàn", "Tiến", "Thịnh", "Kiên", "Công", "Chiến", "Lợi", "Hòa", "Tài", "Vinh", "Quý", "Thuận",
	"Hậu", "Tâm", "Định", "Khoa", "Đạt", "Phúc", "Hiệp", "Nghĩa", "Thái", "Trường", "Khải", "An",
	"Tú", "Duy", "Quân", "Mạnh", "Thọ", "Lực", "Sáng", "Thanh", "Hào", "Quyết", "Vượng", "Giang",
	"Kiệt", "Lộc", "Phương", "Thủy", "Hạnh", "Bảo", "Dương", "Ninh", "Thao", "Tuyên",
}

var femaleGiven = []string{
	"Lan", "Hương", "Hoa", "Mai", "Hằng", "Thủy", "Nga", "Hà", "Huyền", "Linh", "Trang", "Thảo",
	"Phương", "Yến", "Dung", "Loan", "Hạnh", "Thúy", "Oanh", "Nhung", "Hiền", "Vân", "Liên", "Tuyết",
	"Ngọc", "Ánh", "Quyên", "Thơm", "Chi", "Giang", "Hòa", "Lý", "Nhàn", "Huệ", "Xuân", "Thu", "Tâm",
	"Duyên", "Hồng", "Lụa", "Tuyền", "Thoa", "Hậu", "Dịu", "Ngân", "Vy", "My", "Anh", "Trâm", "Uyên",
	"Thắm", "Quỳnh", "Thanh", "Nguyệt", "Bích", "Lệ", "Sen", "Gấm", "Nhài", "Mến",
}

// fullName draws a plausible full name for a member born in birthYear.
func fullName(r *rng, female bool, birthYear int) string {
	family := familyNames.pick(r)
	young := birthYear >= 1980
	var middle, given string
	var second []string
	switch {
	case female && young:
		middle, given, second = femaleMiddleYoung.pick(r), r.pick(femaleGiven), secondMiddleFemale
	case female:
		middle, given, second = femaleMiddleOld.pick(r), r.pick(femaleGiven), secondMiddleFemale
	case young:
		middle, given, second = maleMiddleYoung.pick(r), r.pick(maleGiven), secondMiddleMale
	default:
		middle, given, second = maleMiddleOld.pick(r), r.pick(maleGiven), secondMiddleMale
	}
	parts := []string{family, middle}
	// Some names carry two middle names ("Nguyễn Thị Thu Hà").
	if r.chance(0.14) {
		if m2 := r.pick(second); m2 != middle && m2 != given {
			parts = append(parts, m2)
		}
	}
	if given == middle {
		given = r.pick(maleGiven[:12])
		if female {
			given = r.pick(femaleGiven[:12])
		}
	}
	parts = append(parts, given)
	return strings.Join(parts, " ")
}

// The province and its places. After the 2025 reform Hưng Yên took in Thái
// Bình; communes are the new, merged ones, and the old commune names live on
// as residential areas, schools and health stations.

const (
	provinceName = "Hưng Yên"
	provinceCode = "HY"
)

type place struct {
	name string
	ward bool // phường rather than xã
}

var communePlaces = []place{
	{"Khoái Châu", false}, {"Phố Hiến", true}, {"Sơn Nam", true}, {"Hồng Châu", true}, {"Mỹ Hào", true}, {"Đường Hào", true},
	{"Thượng Hồng", true}, {"Như Quỳnh", false}, {"Lạc Đạo", false}, {"Đại Đồng", false}, {"Nghĩa Trụ", false},
	{"Văn Giang", false}, {"Phụng Công", false}, {"Mễ Sở", false}, {"Yên Mỹ", false}, {"Hoàn Long", false},
	{"Việt Yên", false}, {"Chí Minh", false}, {"Châu Ninh", false}, {"Việt Tiến", false},
	{"Kim Động", false}, {"Đức Hợp", false}, {"Nghĩa Dân", false}, {"Ân Thi", false}, {"Xuân Trúc", false},
	{"Phạm Ngũ Lão", false}, {"Hồng Quang", false}, {"Phù Cừ", false}, {"Tiên Hoa", false}, {"Tiên Lữ", false},
	{"Tiên Tiến", false}, {"Thái Bình", true}, {"Trần Lãm", true}, {"Trần Hưng Đạo", true}, {"Vũ Phúc", true},
	{"Trà Lý", true}, {"Kỳ Bá", true}, {"Vũ Thư", false}, {"Thư Trì", false}, {"Tân Thuận", false},
	{"Kiến Xương", false}, {"Bình Nguyên", false}, {"Hồng Vũ", false}, {"Tiền Hải", false}, {"Đồng Châu", false},
	{"Nam Cường", false}, {"Ái Quốc", false}, {"Đông Hưng", false}, {"Bắc Tiên Hưng", false}, {"Đông Quan", false},
	{"Quỳnh Phụ", false}, {"Phụ Dực", false}, {"A Sào", false}, {"Minh Thọ", false}, {"Hưng Hà", false},
	{"Thần Khê", false}, {"Tiên La", false}, {"Long Hưng", false}, {"Thái Thụy", false}, {"Diêm Điền", false},
	{"Thụy Anh", false}, {"Đông Thụy Anh", false}, {"Nam Thái Ninh", false}, {"Hồng Minh", false}, {"Quang Hưng", false},
	{"Ngự Thiên", false}, {"Tân Hưng", false}, {"Đông Tiền Hải", false}, {"Nam Tiền Hải", false}, {"Thái Ninh", false},
	{"Vũ Quý", false}, {"Lê Lợi", false}, {"Hoàng Hoa Thám", false}, {"Nguyễn Trãi", false}, {"Triệu Việt Vương", false},
}

var oldCommunes = []string{
	"Lam Sơn", "Hiến Nam", "An Tảo", "Minh Khai", "Bảo Khê", "Trung Nghĩa", "Liên Phương", "Phương Chiểu",
	"Hoàng Hanh", "Quảng Châu", "Hồng Nam", "Phú Cường", "Hùng Cường", "Bần Yên Nhân", "Dị Sử", "Nhân Hòa",
	"Cẩm Xá", "Dương Quang", "Hòa Phong", "Ngọc Lâm", "Xuân Dục", "Hưng Long", "Ngọc Long", "Liêu Xá",
	"Tân Lập", "Giai Phạm", "Nghĩa Hiệp", "Đồng Than", "Thanh Long", "Việt Cường", "Minh Châu", "Tân Việt",
	"Ngọc Thanh", "Trung Hòa", "Đồng Tiến", "Hồng Tiến", "Bình Minh", "Dạ Trạch", "Hàm Tử", "Tứ Dân",
	"Đông Kết", "Bình Kiều", "Tân Dân", "Đông Tảo", "Đại Tập", "Chí Tân", "Thuần Hưng", "Nhuế Dương",
	"Song Mai", "Vĩnh Xá", "Toàn Thắng", "Phú Thịnh", "Mai Động", "Hùng An", "Đông Mỹ", "Vũ Chính",
	"Phú Xuân", "Tân Bình", "Đông Hòa", "Hoàng Diệu", "Quang Trung", "Minh Tân", "Đông Sơn", "Thụy Hà",
}

var villages = []string{
	"Đông", "Đoài", "Nam", "Bắc", "Thượng", "Hạ", "Trung", "Tiền", "Hậu", "Cao Xá", "An Lạc", "An Vĩ",
	"Phú Mỹ", "Ninh Vũ", "Lại Ốc", "Xuân Đào", "Kim Ngưu", "Phù Oanh", "Lạc Thủy", "Thái Lạc", "Thọ Vinh",
	"Đào Xá", "Mễ Xá", "Yên Lịch", "Nhân Lý", "La Tiến", "Hoàng Xá", "Phương Trù", "Văn Nhuế", "Bình Lăng",
	"Ngọc Đà", "Cự Lâm", "Đại Hạnh", "Lê Xá", "Trà Dương", "Hội Khê", "Vân Nội", "Động Xá", "Quan Xuyên",
	"Mai Xá", "Bái Khê", "Thiết Trụ", "Hòa Bình", "Độc Lập", "Thắng Lợi", "Tân Tiến", "Quyết Tiến",
	"Đồng Lạng", "Ông Đình", "Lực Điền", "Sài Thị", "Tử Dương", "Phụng Công", "Xuân Cầu", "An Bình", "Đa Ngưu",
}

// A profile says what kind of organisation a grassroots unit is: it chooses
// the names of its cells, the people in them and what their meetings are about.
type profile int

const (
	profResidential profile = iota // villages and residential groups of a commune or ward
	profAgency                     // the commune's party, state and mass-organisation offices
	profSchools                    // the schools of a commune
	profHealth                     // a health centre and its stations
	profEnterprise                 // a company or cooperative
	profPartyAgency                // a provincial party body (Văn phòng Tỉnh ủy, Ban Tổ chức...)
	profDepartment                 // a provincial department (Sở ...)
	profHospital                   // a provincial hospital
	profSchool                     // a single (provincial) school
	profPolice
	profMilitary
	profBorder
)

// grassroots names (without "Đảng bộ"/"Chi bộ cơ sở") per committee, in order.
type committeeSpec struct {
	code, name string
	weight     float64 // share of grassroots organisations
	orgs       []orgSpec
}

type orgSpec struct {
	name string
	prof profile
}

var committees = []committeeSpec{
	{"K01", "Đảng ủy các cơ quan Đảng tỉnh", 2, []orgSpec{
		{"Văn phòng Tỉnh ủy", profPartyAgency}, {"Ban Tổ chức Tỉnh ủy", profPartyAgency},
		{"Ủy ban Kiểm tra Tỉnh ủy", profPartyAgency}, {"Ban Tuyên giáo và Dân vận Tỉnh ủy", profPartyAgency},
		{"Ban Nội chính Tỉnh ủy", profPartyAgency}, {"Báo và Phát thanh, Truyền hình Hưng Yên", profPartyAgency},
		{"Trường Chính trị Nguyễn Văn Linh", profSchool}, {"Cơ quan Ủy ban MTTQ Việt Nam tỉnh", profPartyAgency},
		{"Văn phòng Đoàn ĐBQH và HĐND tỉnh", profPartyAgency},
	}},
	{"K02", "Đảng ủy UBND tỉnh", 4, []orgSpec{
		{"Văn phòng UBND tỉnh", profDepartment}, {"Sở Tài chính", profDepartment}, {"Sở Nội vụ", profDepartment},
		{"Sở Y tế", profDepartment}, {"Sở Giáo dục và Đào tạo", profDepartment},
		{"Sở Nông nghiệp và Môi trường", profDepartment}, {"Sở Xây dựng", profDepartment},
		{"Sở Công Thương", profDepartment}, {"Sở Khoa học và Công nghệ", profDepartment},
		{"Sở Văn hóa, Thể thao và Du lịch", profDepartment}, {"Sở Tư pháp", profDepartment},
		{"Thanh tra tỉnh", profDepartment}, {"Ban Quản lý các khu công nghiệp tỉnh", profDepartment},
		{"Bệnh viện Đa khoa tỉnh Hưng Yên", profHospital}, {"Bệnh viện Đa khoa Thái Bình", profHospital},
		{"Bệnh viện Sản – Nhi tỉnh", profHospital}, {"Trường THPT Chuyên Hưng Yên", profSchool},
		{"Trường THPT Chuyên Thái Bình", profSchool}, {"Trường Cao đẳng Y tế", profSchool},
	}},
	{"K03", "Đảng ủy Công an tỉnh", 3, []orgSpec{
		{"Phòng Tham mưu", profPolice}, {"Phòng Cảnh sát giao thông", profPolice},
		{"Phòng Cảnh sát hình sự", profPolice}, {"Phòng An ninh chính trị nội bộ", profPolice},
		{"Phòng Cảnh sát điều tra tội phạm về ma túy", profPolice},
		{"Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ", profPolice},
		{"Phòng Cảnh sát cơ động", profPolice}, {"Phòng Hậu cần", profPolice},
		{"Phòng Xây dựng phong trào bảo vệ an ninh Tổ quốc", profPolice}, {"Trại Tạm giam", profPolice},
	}},
	{"K04", "Đảng ủy Quân sự tỉnh", 2, []orgSpec{
		{"Cơ quan Bộ Chỉ huy Quân sự tỉnh", profMilitary}, {"Ban CHQS khu vực 1", profMilitary},
		{"Ban CHQS khu vực 2", profMilitary}, {"Ban CHQS khu vực 3", profMilitary},
		{"Tiểu đoàn Huấn luyện – Cơ động", profMilitary}, {"Ban CHQS khu vực 4", profMilitary},
	}},
	{"K05", "Đảng ủy Bộ đội Biên phòng tỉnh", 1, []orgSpec{
		{"Cơ quan Bộ Chỉ huy Bộ đội Biên phòng tỉnh", profBorder}, {"Đồn Biên phòng Ba Lạt", profBorder},
		{"Đồn Biên phòng Diêm Điền", profBorder}, {"Đồn Biên phòng Cồn Vành", profBorder},
		{"Hải đội Biên phòng 2", profBorder},
	}},
	{"K06", "Đảng ủy Khối Doanh nghiệp tỉnh", 2.5, []orgSpec{
		{"Công ty Điện lực Hưng Yên", profEnterprise}, {"Công ty TNHH MTV Khai thác công trình thủy lợi", profEnterprise},
		{"Công ty CP Nước sạch Thái Bình", profEnterprise}, {"Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh Hưng Yên", profEnterprise},
		{"Bưu điện tỉnh", profEnterprise}, {"Viễn thông Hưng Yên", profEnterprise},
		{"Công ty CP Môi trường và Công trình đô thị", profEnterprise}, {"Công ty CP May Hưng Yên", profEnterprise},
		{"Công ty CP Vận tải và Dịch vụ Hưng Yên", profEnterprise}, {"Quỹ Đầu tư phát triển tỉnh", profEnterprise},
	}},
}

var companyNames = []string{
	"May", "Dệt may", "Cơ khí", "Bao bì", "Gạch ngói", "Vật liệu xây dựng", "Chế biến nông sản",
	"Thủy sản", "Giày da", "Điện tử", "Nhựa", "Thực phẩm",
}

// cellNamer yields the names of the cells of one grassroots organisation.
type cellNamer func(i int) string

func numbered(prefix string) cellNamer {
	return func(i int) string { return prefix + " " + itoa(i+1) }
}

// listThen names cells from a (shuffled) list, then by number.
func listThen(list []string, then cellNamer) cellNamer {
	return func(i int) string {
		if i < len(list) {
			return list[i]
		}
		return then(i - len(list))
	}
}

func cellNames(r *rng, prof profile, commune place, olds []string) cellNamer {
	kind := "xã"
	if commune.ward {
		kind = "phường"
	}
	var list []string
	switch prof {
	case profResidential:
		if commune.ward {
			return numbered("Chi bộ tổ dân phố số")
		}
		for _, v := range r.shuffled(villages) {
			list = append(list, "Chi bộ thôn "+v)
		}
		return listThen(list, numbered("Chi bộ xóm"))
	case profAgency:
		list = []string{
			"Chi bộ Văn phòng HĐND và UBND", "Chi bộ Văn phòng Đảng ủy", "Chi bộ Phòng Kinh tế",
			"Chi bộ Phòng Văn hóa – Xã hội", "Chi bộ Trung tâm Phục vụ hành chính công",
			"Chi bộ Ủy ban MTTQ và các đoàn thể", "Chi bộ Công an " + kind, "Chi bộ Ban Chỉ huy Quân sự " + kind,
			"Chi bộ Trung tâm Dịch vụ tổng hợp",
		}
		return listThen(list, numbered("Chi bộ cơ quan số"))
	case profSchools:
		for _, o := range olds {
			list = append(list, "Chi bộ Trường Mầm non "+o, "Chi bộ Trường Tiểu học "+o, "Chi bộ Trường THCS "+o)
		}
		list = append(list, "Chi bộ Trường THPT "+commune.name)
		return listThen(r.shuffled(list), numbered("Chi bộ trường học số"))
	case profHealth:
		list = []string{"Chi bộ Khoa Khám bệnh", "Chi bộ Khoa Kiểm soát bệnh tật", "Chi bộ Phòng Tổ chức – Hành chính"}
		for _, o := range olds {
			list = append(list, "Chi bộ Trạm Y tế "+o)
		}
		return listThen(list, numbered("Chi bộ Điểm y tế số"))
	case profEnterprise:
		list = []string{
			"Chi bộ Phòng Tổ chức – Hành chính", "Chi bộ Phòng Kế toán – Tài chính", "Chi bộ Phòng Kỹ thuật",
			"Chi bộ Phòng Kinh doanh",
		}
		return listThen(list, numbered("Chi bộ Phân xưởng"))
	case profPartyAgency, profDepartment:
		list = []string{
			"Chi bộ Văn phòng", "Chi bộ Phòng Tổng hợp", "Chi bộ Phòng Tổ chức cán bộ", "Chi bộ Phòng Kế hoạch – Tài chính",
			"Chi bộ Phòng Pháp chế", "Chi bộ Thanh tra", "Chi bộ Phòng Nghiên cứu", "Chi bộ Phòng Quản trị – Hành chính",
		}
		return listThen(list, numbered("Chi bộ Phòng Nghiệp vụ"))
	case profHospital:
		list = r.shuffled([]string{
			"Chi bộ Khoa Nội tổng hợp", "Chi bộ Khoa Ngoại tổng hợp", "Chi bộ Khoa Sản", "Chi bộ Khoa Nhi",
			"Chi bộ Khoa Hồi sức tích cực – Chống độc", "Chi bộ Khoa Khám bệnh", "Chi bộ Khoa Dược",
			"Chi bộ Khoa Cấp cứu", "Chi bộ Khoa Xét nghiệm", "Chi bộ Khoa Chẩn đoán hình ảnh",
			"Chi bộ Phòng Kế hoạch tổng hợp", "Chi bộ Phòng Điều dưỡng", "Chi bộ Khoa Tim mạch", "Chi bộ Khoa Ung bướu",
		})
		return listThen(list, numbered("Chi bộ Khoa lâm sàng"))
	case profSchool:
		list = []string{
			"Chi bộ Tổ Toán – Tin", "Chi bộ Tổ Ngữ văn", "Chi bộ Tổ Ngoại ngữ", "Chi bộ Tổ Khoa học tự nhiên",
			"Chi bộ Tổ Khoa học xã hội", "Chi bộ Tổ Văn phòng",
		}
		return listThen(list, numbered("Chi bộ Tổ chuyên môn"))
	case profPolice:
		return numbered("Chi bộ Đội")
	case profMilitary:
		list = []string{"Chi bộ Ban Tham mưu", "Chi bộ Ban Chính trị", "Chi bộ Ban Hậu cần – Kỹ thuật"}
		return listThen(list, numbered("Chi bộ Đại đội"))
	case profBorder:
		list = []string{"Chi bộ Đội Vận động quần chúng", "Chi bộ Đội Trinh sát", "Chi bộ Đội Tuần tra, kiểm soát"}
		return listThen(list, numbered("Chi bộ Tổ công tác"))
	}
	return numbered("Chi bộ")
}

// demographics of a profile's members.
type demographics struct {
	female       float64 // share of women
	oldest       int     // earliest birth year
	youngest     int     // latest birth year
	exempt       float64 // share of those born before 1959 who are exempt from work and meetings
	probationary float64 // share admitted within the last year
}

func (p profile) demographics() demographics {
	switch p {
	case profResidential:
		return demographics{0.40, 1945, 2000, 0.45, 0.02}
	case profAgency, profPartyAgency, profDepartment:
		return demographics{0.45, 1967, 2000, 0, 0.03}
	case profSchools, profSchool:
		return demographics{0.72, 1967, 2000, 0, 0.05}
	case profHealth, profHospital:
		return demographics{0.62, 1967, 2000, 0, 0.04}
	case profEnterprise:
		return demographics{0.40, 1967, 2000, 0, 0.03}
	case profPolice:
		return demographics{0.12, 1968, 2000, 0, 0.03}
	case profMilitary, profBorder:
		return demographics{0.05, 1970, 2000, 0, 0.04}
	}
	return demographics{0.35, 1950, 2000, 0.05, 0.03}
}

func itoa(i int) string { return strconv.Itoa(i) }
