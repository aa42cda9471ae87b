package memberimport

import (
	"bytes"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"sotay/content"
	"sotay/db"
)

var fixedToday = time.Date(2025, 6, 15, 0, 0, 0, 0, time.UTC)

func TestHeaderAliases(t *testing.T) {
	for h, want := range map[string]field{
		"card_number": fCard, "Số thẻ": fCard, "SỐ THẺ ĐẢNG VIÊN": fCard, "so_the": fCard,
		"Họ và tên": fName, "full name": fName, "Ngày sinh": fBirth, "Giới tính": fGender,
		"Số điện thoại": fPhone, "SĐT": fPhone, "Trạng thái": fStatus, "Ngày vào Đảng": fJoined,
		"Ngày chính thức": fOfficial, "Mã chi bộ": fCell, "CELL_CODE": fCell,
	} {
		if got, ok := headerAliases[foldHeader(h)]; !ok || got != want {
			t.Errorf("header %q -> %v, %v; want %v", h, got, ok, fieldNames[want])
		}
	}
	if d := detectDelimiter("a;b;\"c,d\""); d != ';' {
		t.Errorf("delimiter = %q", d)
	}
	if d := detectDelimiter("a,b;c,d"); d != ',' {
		t.Errorf("delimiter = %q", d)
	}
}

func TestParseLineNumbers(t *testing.T) {
	// A quoted field spanning two lines and a blank line: line numbers are
	// the file's physical lines.
	file := "card_number,full_name,status,cell_code\r\n" +
		"10000001,\"Nguyễn\nVăn An\",full,CB01\r\n" + // lines 2-3
		"\r\n" + // line 4
		"10000002,Trần Thị Bình,xyz,CB01\r\n" + // line 5
		",,,\r\n" + // line 6: empty fields, skipped
		"10000003,Lê Văn Cường,full,CB01" // line 7, no final newline
	p, err := parse(strings.NewReader(file), fixedToday, nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.rows != 3 || len(p.recs) != 3 {
		t.Fatalf("rows %d, recs %d; want 3, 3", p.rows, len(p.recs))
	}
	if p.recs[0].name != "Nguyễn Văn An" || p.recs[2].line != 7 {
		t.Errorf("recs = %+v", p.recs)
	}
	if len(p.errs) != 1 || p.errs[0].Line != 5 || p.errs[0].Column != "status" {
		t.Errorf("errs = %+v, want one on line 5, status", p.errs)
	}
}

var (
	cardRE  = regexp.MustCompile(`^[0-9]{8,12}$`)
	phoneRE = regexp.MustCompile(`^0[0-9]{9}$`)
)

func FuzzParse(f *testing.F) {
	hdr := "card_number,full_name,birth_date,gender,phone,status,joined_on,official_on,cell_code\n"
	for _, s := range []string{
		hdr + "10000001,Nguyễn Văn An,15/03/1960,nam,0912000001,chính thức,10/05/1990,10/05/1991,CB01\n",
		hdr + "10000001,Nguyễn Văn An,1960-03-15,nữ,+84 912 000 001,dự bị,1990-05-10,,CB01\n10000001,X,,,,full,,,CB01\n",
		"\ufeffSố thẻ;Họ và tên;Trạng thái;Mã chi bộ\r\n12.345.678;\"Trần; Bình\";Miễn sinh hoạt;CS01\r\n",
		hdr + "10000001,\"Nguyễn \"\"Bé\"\" An\",31/02/1990,x,123,?,01/01/2999,01/01/1989,KHONGCO\n",
		hdr + "1000\xff0001,Nguy\xffn,,,,full,,,CB01\n",
		hdr + "10000001,Nguyễn \"Bé\" An,,,,full,,,CB01\n10000002,\"unterminated,,,,full,,,CB01\n",
		hdr + "10000001,a,b\n,,,,,,,,,,\n",
		"card_number,full_name,cell_code\n1,2,3\n",
		"", "\n", "\xff\xfec\x00a\x00", "PK\x03\x04\x14\x00\x06\x00",
		"card_number,card_number,full_name,status,cell_code\n",
		"status,cell_code,full_name,so_the\nfull,CB01,\"A\nB\",10000001\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := parse(bytes.NewReader(data), fixedToday, nil)
		if err != nil {
			var e *db.Error
			if !errors.As(err, &e) || e.Kind != db.KindInvalid || e.Message == "" {
				t.Fatalf("structural error %v is not a kinded *db.Error", err)
			}
			return
		}
		if p.rows < len(p.recs) {
			t.Fatalf("rows %d < recs %d", p.rows, len(p.recs))
		}
		for _, e := range p.errs {
			if e.Line < 2 || e.Reason == "" || !utf8.ValidString(e.Reason) {
				t.Fatalf("bad row error %+v", e)
			}
		}
		badLines := map[int]bool{}
		for _, e := range p.errs {
			badLines[e.Line] = true
		}
		cards, phones := map[string]bool{}, map[string]bool{}
		for _, rc := range p.recs {
			if rc.bad != badLines[rc.line] {
				t.Fatalf("line %d: bad = %v but errors on it = %v", rc.line, rc.bad, badLines[rc.line])
			}
			if rc.bad {
				continue
			}
			if !cardRE.MatchString(rc.card) || cards[rc.card] {
				t.Fatalf("line %d: card %q accepted (or repeated)", rc.line, rc.card)
			}
			cards[rc.card] = true
			if rc.phone != "" && (!phoneRE.MatchString(rc.phone) || phones[rc.phone]) {
				t.Fatalf("line %d: phone %q accepted (or repeated)", rc.line, rc.phone)
			}
			phones[rc.phone] = true
			if n := utf8.RuneCountInString(rc.name); n < 1 || n > 200 || !utf8.ValidString(rc.name) || strings.TrimSpace(rc.name) != rc.name {
				t.Fatalf("line %d: name %q accepted", rc.line, rc.name)
			}
			if rc.status != "full" && rc.status != "probationary" && rc.status != "exempt" {
				t.Fatalf("line %d: status %q accepted", rc.line, rc.status)
			}
			if rc.gender != "" && rc.gender != "male" && rc.gender != "female" {
				t.Fatalf("line %d: gender %q accepted", rc.line, rc.gender)
			}
			if !content.ValidUnitCode(rc.cellCode) {
				t.Fatalf("line %d: cell code %q accepted", rc.line, rc.cellCode)
			}
			for _, d := range []time.Time{rc.birth, rc.joined, rc.official} {
				if d.After(fixedToday) {
					t.Fatalf("line %d: future date %v accepted", rc.line, d)
				}
			}
			if !rc.joined.IsZero() && !rc.official.IsZero() && rc.official.Before(rc.joined) {
				t.Fatalf("line %d: official %v before joined %v accepted", rc.line, rc.official, rc.joined)
			}
		}
	})
}

// BenchmarkParse100k measures the Go side alone: reading and validating.
func BenchmarkParse100k(b *testing.B) {
	data := generate(100_000, 5000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		p, err := parse(bytes.NewReader(data), fixedToday, nil)
		if err != nil {
			b.Fatal(err)
		}
		if len(p.errs) > 0 {
			b.Fatal(p.errs[0])
		}
	}
	b.ReportMetric(100_000*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
