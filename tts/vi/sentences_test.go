package vi

import (
	"slices"
	"testing"
)

func TestSentenceSplitting(t *testing.T) {
	n := New(Options{})
	cases := []struct {
		in   string
		want []string
	}{
		{"TP. Hồ Chí Minh", []string{"Thành phố Hồ Chí Minh"}},
		{"Đồng chí về TP. Hồ Chí Minh. Sau đó đi Hà Nội.",
			[]string{"Đồng chí về Thành phố Hồ Chí Minh.", "Sau đó đi Hà Nội."}},
		{"TP.HCM có 1.000 đảng viên.", []string{"Thành phố Hồ Chí Minh có một nghìn đảng viên."}},
		{"Nhà, xe, đất v.v. đều kê khai.", []string{"Nhà, xe, đất vân vân đều kê khai."}},
		{"Kê khai nhà, đất v.v. Sau đó nộp.", []string{"Kê khai nhà, đất vân vân.", "Sau đó nộp."}},
		{"Ký ngày 11.4.2022 tại Huế.", []string{"Ký ngày mười một tháng tư năm hai nghìn không trăm hai mươi hai tại Huế."}},
		{"GS.TS. Trần Văn B phát biểu.", []string{"giáo sư tiến sĩ Trần Văn B phát biểu."}},
		{"Đồng chí Nguyễn V. A phát biểu.", []string{"Đồng chí Nguyễn V A phát biểu."}},
		{"Thứ nhất, học tập; thứ hai, làm theo.", []string{"Thứ nhất, học tập;", "thứ hai, làm theo."}},
		{"Đồng chí đã đọc chưa? Đọc rồi!", []string{"Đồng chí đã đọc chưa?", "Đọc rồi!"}},
		{"Dòng một\nDòng hai\r\n\r\nDòng ba.", []string{"Dòng một", "Dòng hai", "Dòng ba."}},
		{"Điều 5\na) Nội dung", []string{"Điều năm", "a, Nội dung"}},
		{"Chờ... rồi đi", []string{"Chờ.", "rồi đi"}},
		{"  ... ; , ", nil},
		{"", nil},
		{"Kết thúc năm 2021.", []string{"Kết thúc năm hai nghìn không trăm hai mươi mốt."}},
		{"Theo (Nghị quyết).", []string{"Theo, Nghị quyết."}},
	}
	for _, c := range cases {
		if got := n.Sentences(c.in); !slices.Equal(got, c.want) {
			t.Errorf("%q:\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}
