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
	{"Việt Nam (VN)", "Việt Nam, Việt Nam"},
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

func TestTable(t *testing.T) {
	n := New(Options{})
	for _, r := range append(append([]row{}, specRows...), moreRows...) {
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
