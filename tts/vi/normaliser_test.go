package vi

import (
	"regexp"
	"strings"
	"testing"
)

// trimFinal drops a sentence-final mark so rows can be written without it.
func trimFinal(s string) string { return strings.TrimRight(s, ".;?! ") }

type row struct{ in, want string }

// specRows are the examples of research note tts.md §2; they must pass exactly.
var specRows = []row{
	{"15", "mười lăm"},
	{"21", "hai mươi mốt"},
	{"24", "hai mươi tư"},
	{"105", "một trăm linh năm"},
	{"1.000", "một nghìn"},
	{"2021", "hai nghìn không trăm hai mươi mốt"},
	{"867.598", "tám trăm sáu mươi bảy nghìn năm trăm chín mươi tám"},
	{"3.098.490.000 đồng", "ba tỷ không trăm chín mươi tám triệu bốn trăm chín mươi nghìn đồng"},
	{"97,1%", "chín mươi bảy phẩy một phần trăm"},
	{"ngày 1/3", "ngày một tháng ba"},
	{"11/4/2022", "ngày mười một tháng tư năm hai nghìn không trăm hai mươi hai"},
	{"tháng 12 năm 2021", "tháng mười hai năm hai nghìn không trăm hai mươi mốt"},
	{"14:30", "mười bốn giờ ba mươi phút"},
	{"Khóa XIII", "khóa mười ba"}, // compared case-insensitively: the source case of "Khóa" is kept
	{"thứ 4", "thứ tư"},
	{"số 1", "số một"},
	{"UBND tỉnh", "Ủy ban nhân dân tỉnh"},
	{"BTV Tỉnh ủy", "Ban Thường vụ Tỉnh ủy"},
	{"đ/c Nguyễn Văn A", "đồng chí Nguyễn Văn A"},
	{"TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh"},
	{"42 km", "bốn mươi hai ki lô mét"},
	{"0912 345 678", "không chín một hai, ba bốn năm, sáu bảy tám"},
}

// moreRows cover each rule beyond the research examples.
var moreRows = []row{
	// numbers
	{"0", "không"},
	{"10", "mười"},
	{"11", "mười một"},
	{"14", "mười bốn"},
	{"20", "hai mươi"},
	{"25", "hai mươi lăm"},
	{"55", "năm mươi lăm"},
	{"100", "một trăm"},
	{"101", "một trăm linh một"},
	{"104", "một trăm linh bốn"},
	{"110", "một trăm mười"},
	{"115", "một trăm mười lăm"},
	{"1005", "một nghìn không trăm linh năm"},
	{"1015", "một nghìn không trăm mười lăm"},
	{"10.005", "mười nghìn không trăm linh năm"},
	{"100.000", "một trăm nghìn"},
	{"1.000.000", "một triệu"},
	{"1.000.000.000", "một tỷ"},
	{"2.000.000.005", "hai tỷ không trăm linh năm"},
	{"1.000.000.000.000", "một nghìn tỷ"},
	{"999.999.999.999.999", "chín trăm chín mươi chín nghìn chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín"},
	{"1.000.000.000.000.000", "một không không không không không không không không không không không không không không không"},
	{"1,000,000", "một triệu"},
	{"0,05", "không phẩy không năm"},
	{"3,14", "ba phẩy mười bốn"},
	{"6,50", "sáu phẩy năm mươi"},
	{"1.234,5", "một nghìn hai trăm ba mươi tư phẩy năm"},
	{"tăng 6,5%", "tăng sáu phẩy năm phần trăm"},
	{"50 %", "năm mươi phần trăm"},
	{"05", "không năm"},
	{"-5", "âm năm"},
	// money and units
	{"500.000đ", "năm trăm nghìn đồng"},
	{"5 triệu đ", "năm triệu đồng"},
	{"200 VNĐ", "hai trăm đồng"},
	{"100 USD", "một trăm đô la Mỹ"},
	{"$5", "năm đô la"},
	{"100m2", "một trăm mét vuông"},
	{"100 m²", "một trăm mét vuông"},
	{"5 ha", "năm héc ta"},
	{"20 kg", "hai mươi ki lô gam"},
	{"20°C", "hai mươi độ xê"},
	{"3 kWh", "ba ki lô oát giờ"},
	{"2 MW", "hai mê ga oát"},
	{"12 cm", "mười hai xen ti mét"},
	{"2 l", "hai lít"},
	{"7‰", "bảy phần nghìn"},
	{"15-20%", "mười lăm đến hai mươi phần trăm"},
	// dates, months, quarters, times
	{"Ngày 11/4/2022", "Ngày mười một tháng tư năm hai nghìn không trăm hai mươi hai"},
	{"11.4.2022", "ngày mười một tháng tư năm hai nghìn không trăm hai mươi hai"},
	{"11-4-2022", "ngày mười một tháng tư năm hai nghìn không trăm hai mươi hai"},
	{"05/01/2024", "ngày năm tháng một năm hai nghìn không trăm hai mươi tư"},
	{"sáng 3/2", "sáng ngày ba tháng hai"},
	{"ngày 03 tháng 01 năm 2025", "ngày ba tháng một năm hai nghìn không trăm hai mươi lăm"},
	{"ĐH XIII", "Đại hội mười ba"},
	{"mùng 4/4", "mùng bốn tháng tư"},
	{"tháng 4", "tháng tư"},
	{"tháng 1", "tháng một"},
	{"tháng 4/2024", "tháng tư năm hai nghìn không trăm hai mươi tư"},
	{"3/2024", "tháng ba năm hai nghìn không trăm hai mươi tư"},
	{"quý I/2024", "quý một năm hai nghìn không trăm hai mươi tư"},
	{"quý 2", "quý hai"},
	{"quý IV", "quý bốn"},
	{"quý 3/2023", "quý ba năm hai nghìn không trăm hai mươi ba"},
	{"14:00", "mười bốn giờ"},
	{"7h30", "bảy giờ ba mươi phút"},
	{"7h", "bảy giờ"},
	{"7 giờ 30", "bảy giờ ba mươi"},
	{"08:05:09", "tám giờ năm phút chín giây"},
	{"32/13", "ba mươi hai trên mười ba"},
	{"1/3", "một trên ba"},
	// ranges
	{"2021-2025", "hai nghìn không trăm hai mươi mốt đến hai nghìn không trăm hai mươi lăm"},
	{"2021 - 2025", "hai nghìn không trăm hai mươi mốt đến hai nghìn không trăm hai mươi lăm"},
	{"2021–2025", "hai nghìn không trăm hai mươi mốt đến hai nghìn không trăm hai mươi lăm"},
	{"từ 5-7 người", "từ năm đến bảy người"},
	{"14h-16h", "mười bốn giờ đến mười sáu giờ"},
	// ordinals and Roman numerals
	{"thứ 1", "thứ nhất"},
	{"thứ 2", "thứ hai"},
	{"thứ 5", "thứ năm"},
	{"lần thứ 2", "lần thứ hai"},
	{"lần thứ XIII", "lần thứ mười ba"},
	{"Đại hội XIII", "Đại hội mười ba"},
	{"Hội nghị lần thứ IV", "Hội nghị lần thứ tư"},
	{"thế kỷ XXI", "thế kỷ hai mươi mốt"},
	{"Chương II", "Chương hai"},
	{"số 1", "số một"},
	// phones
	{"0912.345.678", "không chín một hai, ba bốn năm, sáu bảy tám"},
	{"0912345678", "không chín một hai, ba bốn năm, sáu bảy tám"},
	{"028 3829 1234", "không hai tám, ba tám hai chín, một hai ba bốn"},
	// abbreviations
	{"BCHTW", "Ban Chấp hành Trung ương"},
	{"Quyết định của TTg", "Quyết định của Thủ tướng"},
	{"ThS. Lê Văn B", "thạc sĩ Lê Văn B"},
	{"phát triển KT-XH", "phát triển kinh tế xã hội"},
	{"QP-AN", "quốc phòng an ninh"},
	{"nhà, đất v.v. đều", "nhà, đất vân vân đều"},
	{"GS.TS. Nguyễn Văn A", "giáo sư tiến sĩ Nguyễn Văn A"},
	{"TP.HCM", "Thành phố Hồ Chí Minh"},
	{"Tp. Huế", "Thành phố Huế"},
	{"ĐCSVN", "Đảng Cộng sản Việt Nam"},
	{"HĐND, UBND", "Hội đồng nhân dân, Ủy ban nhân dân"},
	{"NGHỊ QUYẾT", "nghị quyết"},
	{"VTV", "vê tê vê"},
	{"KT. BÍ THƯ", "ký thay bí thư"},
	{"T/M BAN THƯỜNG VỤ", "thay mặt ban thường vụ"},
	// document symbols
	{"18-NQ/TU", "mười tám Nghị quyết Tỉnh ủy"},
	{"số 18-NQ/TU", "số mười tám Nghị quyết Tỉnh ủy"},
	{"35-CT/TW", "ba mươi lăm Chỉ thị Trung ương"},
	{"01/2024/NĐ-CP", "một, hai nghìn không trăm hai mươi tư Nghị định Chính phủ"},
	{"123/QĐ-UBND", "một trăm hai mươi ba Quyết định Ủy ban nhân dân"},
	{"Quy định 37-QĐi/TW", "Quy định ba mươi bảy Quy định Trung ương"},
	// symbols and punctuation
	{"Việt Nam (VN)", "Việt Nam"}, // a parenthesis that only repeats is dropped (vi-2)
	{"“Chi bộ”", "Chi bộ"},
	{"Nam - Bắc", "Nam, Bắc"},
	{"và/hoặc", "và hoặc"},
	{"chờ…", "chờ"},
	{"COVID-19", "Cô vít mười chín"},
	{"cách mạng 4.0", "cách mạng bốn chấm không"},
	{"Việt\u0020Nam", "Việt Nam"},
	{"Vie\u0323\u0302t Nam", "Việt Nam"}, // NFD input
	{"II. NHIỆM VỤ", "hai, nhiệm vụ"},
	{"a) Nội dung", "a, Nội dung"},
}

// reviewRows are the fixes of rule set vi-2 (review of party-document text), each with
// variants.
var reviewRows = []row{
	// 1. currency after a number with thousands dots; "/unit" is "một <unit>"
	{"50.000đ/người", "năm mươi nghìn đồng một người"},
	{"50.000 đ/người", "năm mươi nghìn đồng một người"},
	{"50.000đồng/người", "năm mươi nghìn đồng một người"},
	{"50.000 VNĐ/người", "năm mươi nghìn đồng một người"},
	{"50.000 đồng/người/tháng", "năm mươi nghìn đồng một người một tháng"},
	{"75 triệu đồng/người/năm", "bảy mươi lăm triệu đồng một người một năm"},
	{"1.500.000đ/tháng", "một triệu năm trăm nghìn đồng một tháng"},
	{"60 km/h", "sáu mươi ki lô mét một giờ"},
	{"60km/h", "sáu mươi ki lô mét một giờ"},
	{"5 tấn/ha", "năm tấn một héc ta"},
	{"3 lần/năm", "ba lần một năm"},
	{"10 m/s", "mười mét một giây"},
	{"và/hoặc", "và hoặc"}, // no number before it: not a rate
	// 2. "tr.đ" and its spellings
	{"2 tr.đ", "hai triệu đồng"},
	{"2tr.đ", "hai triệu đồng"},
	{"2 tr đ", "hai triệu đồng"},
	{"2 tr. đồng", "hai triệu đồng"},
	{"2 tr.đồng", "hai triệu đồng"},
	{"5 tỷ đ", "năm tỷ đồng"},
	{"5 tỷ đồng", "năm tỷ đồng"},
	{"được 2 tr. Sau đó", "được hai triệu. Sau đó"},
	// 3. times written with "giờ": zero minutes dropped, hour and minutes by value
	{"08 giờ 00", "tám giờ"},
	{"08 giờ 00 phút", "tám giờ"},
	{"08 giờ 30", "tám giờ ba mươi"},
	{"08 giờ 30 phút", "tám giờ ba mươi phút"},
	{"8 giờ 05", "tám giờ năm"},
	{"08 giờ", "tám giờ"},
	{"08h00", "tám giờ"},
	{"08h05", "tám giờ năm phút"},
	{"08:30", "tám giờ ba mươi phút"},
	{"trong 48 giờ 30 phút", "trong bốn mươi tám giờ ba mươi phút"},
	// 4. ranges: decimal commas, the unit of the last term applies to both
	{"6,5-7%/năm", "sáu phẩy năm đến bảy phần trăm một năm"},
	{"6,5-7%", "sáu phẩy năm đến bảy phần trăm"},
	{"6,5%-7%", "sáu phẩy năm đến bảy phần trăm"},
	{"6,5 - 7%/năm", "sáu phẩy năm đến bảy phần trăm một năm"},
	{"5,5-6,2%", "năm phẩy năm đến sáu phẩy hai phần trăm"},
	{"7%/năm", "bảy phần trăm một năm"},
	// 5. lists of dates
	{"ngày 20/11, 01/6", "ngày hai mươi tháng mười một, ngày một tháng sáu"},
	{"ngày 20/11 và 01/6", "ngày hai mươi tháng mười một và ngày một tháng sáu"},
	{"ngày 20/11, 01/6 và 2/9", "ngày hai mươi tháng mười một, ngày một tháng sáu và ngày hai tháng chín"},
	{"các ngày 20, 21/11", "các ngày hai mươi, hai mươi mốt tháng mười một"},
	{"các ngày 20, 21 và 22/11", "các ngày hai mươi, hai mươi mốt và hai mươi hai tháng mười một"},
	{"ngày 05/01/2024, 06/01/2024", "ngày năm tháng một năm hai nghìn không trăm hai mươi tư, ngày sáu tháng một năm hai nghìn không trăm hai mươi tư"},
	{"ngày 20/11. 1/3 số đảng viên", "ngày hai mươi tháng mười một. một trên ba số đảng viên"},
	{"ngày 20/11, gồm 1/3", "ngày hai mươi tháng mười một, gồm một trên ba"},
	// 6. a parenthesis that only repeats the words before it is dropped
	{"Ban Tổ chức Tỉnh ủy (BTC TU)", "Ban Tổ chức Tỉnh ủy"},
	{"Ban Tổ chức Tỉnh ủy (BTCTU) đã họp", "Ban Tổ chức Tỉnh ủy đã họp"},
	{"Ủy ban nhân dân (UBND), Hội đồng nhân dân (HĐND).", "Ủy ban nhân dân, Hội đồng nhân dân"},
	{"ủy ban nhân dân (UBND) xã", "ủy ban nhân dân xã"},
	{"Ban Tuyên giáo (BTC TU)", "Ban Tuyên giáo, Ban Tổ chức Tỉnh ủy"},
	{"Hà Nội (VN)", "Hà Nội, Việt Nam"},
	{"Ban Tổ chức (XYZ)", "Ban Tổ chức, ích xì i dài dét"},
	// 7. Q. and P.: quận, phường, quý
	{"Q.1", "quận một"},
	{"Q. 1", "quận một"},
	{"số 5, Q.10", "số năm, quận mười"},
	{"P. Bến Nghé", "phường Bến Nghé"},
	{"P.Bến Nghé", "phường Bến Nghé"},
	{"tại P. Bến Nghé, Q. 1", "tại phường Bến Nghé, quận một"},
	{"Q. Tân Bình", "quận Tân Bình"},
	{"P.12", "phường mười hai"},
	{"Nguyễn P. Anh", "Nguyễn P Anh"}, // an initial in a name
	{"Q.I/2025", "quý một năm hai nghìn không trăm hai mươi lăm"},
	{"Q.IV/2024", "quý bốn năm hai nghìn không trăm hai mươi tư"},
	{"Q.2/2024", "quý hai năm hai nghìn không trăm hai mươi tư"},
	{"Q. II", "quý hai"},
	// 8. 1800/1900 hotlines
	{"1900 1234", "một chín không không, một hai ba bốn"},
	{"1900.1234", "một chín không không, một hai ba bốn"},
	{"19001234", "một chín không không, một hai ba bốn"},
	{"1800 123 456", "một tám không không, một hai ba, bốn năm sáu"},
	{"1800.123.456", "một tám không không, một hai ba, bốn năm sáu"},
	{"1800123456", "một tám không không, một hai ba, bốn năm sáu"},
	{"1900 123456", "một chín không không, một hai ba bốn năm sáu"},
	{"năm 1900", "năm một nghìn chín trăm"},
	{"1900 người", "một nghìn chín trăm người"},
	// 9. office abbreviations
	{"VPTU", "Văn phòng Tỉnh ủy"},
	{"VPHU, VPĐU", "Văn phòng Huyện ủy, Văn phòng Đảng ủy"},
	{"VPUB tỉnh", "Văn phòng Ủy ban tỉnh"},
	{"VPCP", "Văn phòng Chính phủ"},
	{"UBMTTQ", "Ủy ban Mặt trận Tổ quốc"},
	{"BQL, BCĐ", "Ban Quản lý, Ban Chỉ đạo"},
	{"TCCS, TCCSĐ", "tổ chức cơ sở, tổ chức cơ sở đảng"},
	{"ĐVT", "đơn vị tính"},
}

func TestTable(t *testing.T) {
	n := New(Options{})
	for _, r := range append(append(append([]row{}, specRows...), moreRows...), reviewRows...) {
		got := trimFinal(n.Text(r.in))
		if r.in == "Khóa XIII" {
			if !strings.EqualFold(got, r.want) {
				t.Errorf("%q: got %q, want (any case) %q", r.in, got, r.want)
			}
			continue
		}
		if got != r.want {
			t.Errorf("%q:\n got %q\nwant %q", r.in, got, r.want)
		}
	}
}

func TestKhoaKeepsSourceCase(t *testing.T) {
	if got := New(Options{}).Text("Khóa XIII"); got != "Khóa mười ba" {
		t.Errorf("got %q", got)
	}
}

func TestSouth(t *testing.T) {
	n := New(Options{Dialect: South})
	for _, r := range []row{
		{"105", "một trăm lẻ năm"},
		{"1.000", "một ngàn"},
		{"2021", "hai ngàn không trăm hai mươi mốt"},
		{"1.000.000.000.000", "một ngàn tỷ"},
		{"7‰", "bảy phần ngàn"},
	} {
		if got := n.Text(r.in); got != r.want {
			t.Errorf("%q: got %q, want %q", r.in, got, r.want)
		}
	}
}

func TestUnknownReported(t *testing.T) {
	var got []string
	n := New(Options{Unknown: func(s string) { got = append(got, s) }})
	out := n.Text("XYZ họp với UBND, NGHỊ QUYẾT, XIII và ABC-UBND")
	if strings.Join(got, " ") != "XYZ XIII ABC" {
		t.Errorf("Unknown got %q (output %q)", got, out)
	}
	if want := "ích xì i dài dét họp với Ủy ban nhân dân, nghị quyết, ích xì i i i và a bê xê Ủy ban nhân dân"; out != want {
		t.Errorf("got %q\nwant %q", out, want)
	}
}

func TestDictionary(t *testing.T) {
	if dict.problems != nil {
		t.Errorf("abbreviations.tsv: %q", dict.problems)
	}
	if !regexp.MustCompile(`^\d{4}-\d{2}-\d{2}\.\d+$`).MatchString(DictionaryVersion()) {
		t.Errorf("version %q is not date.serial", DictionaryVersion())
	}
	if len(dict.entries) < 120 {
		t.Errorf("only %d entries", len(dict.entries))
	}
	// Party readings that generic dictionaries get wrong.
	for key, want := range map[string]string{
		"BTV": "Ban Thường vụ", "BCHTW": "Ban Chấp hành Trung ương", "TTg": "Thủ tướng",
		"CT": "Chỉ thị", "BCT": "Bộ Chính trị", "BCH": "Ban Chấp hành",
	} {
		if got, _ := dict.lookup(key); got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
	// Every expansion must itself be clean spoken text.
	n := New(Options{Unknown: func(s string) { t.Errorf("expansion contains unknown %q", s) }})
	for key, exp := range dict.entries {
		if got := n.Text(exp); got != exp {
			t.Errorf("%s: expansion %q normalises to %q", key, exp, got)
		}
	}
}
