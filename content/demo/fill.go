package demo

import (
	"strconv"
	"strings"
	"time"
)

// level is how documents name the organisation that issues them.
type level struct {
	unit      int
	org       string // "Đảng bộ tỉnh Hưng Yên", "Đảng bộ xã Khoái Châu", "Chi bộ thôn Đông"
	committee string // "Tỉnh ủy", "Đảng ủy xã Khoái Châu", "Chi ủy"
	standing  string // "Ban Thường vụ Tỉnh ủy", "Ban Thường vụ Đảng ủy", "Đảng ủy"
	area      string // "toàn tỉnh", "toàn Đảng bộ"
	lower     string // who carries it out below
	suffix    string // of document symbols: TU, ĐU, CB
}

// totals are facts about the whole demo that texts quote.
type totals struct {
	members, cells, grassroots, communes int
}

// filler expands the placeholders of a text template:
//
//	{P:a-b}    a percentage in [a, b) with one decimal: "97,1%"
//	{N:a-b}    an integer in [a, b] with thousand dots: "1.234"
//	{M:a-b}    an amount in [a, b) million đồng: "3.098.490.000 đồng"
//	{T:a-b}    billions of đồng with one decimal: "1.234,5 tỷ đồng"
//	{USD:a-b}  millions of US dollars with one decimal: "412,7 triệu USD"
//	{Y} {Y+n} {Y-n}  the document's year, plus or minus n (n may be a year: {Y-1930} = anniversary)
//	{DATE} {DATE+n} {DATE-n}  the document's date, plus or minus n days: "15/3/2026"
//	{MON} {NEXTMON} {PREVMON}  month numbers; {Q} the quarter in Roman numerals, {QN} in digits
//	{ORG} {COM} {BTV} {AREA} {LOWER}  the issuing level (see level)
//	{UNIT} {PLACE} {PROV} {OLD} {VIL} {REF}  names
//	{MEMBERS} {CELLS} {GRASS} {COMMUNES}  totals of the demo province
//	{UCELLS} {UMEMBERS}  cells and members below the issuing unit
type filler struct {
	r                *rng
	lv               *level
	date             time.Time
	unit             string // the cell or unit a text is about
	place            string // "xã Khoái Châu"
	olds             []string
	totals           *totals
	ucells, umembers int // of the issuing unit
}

func (f *filler) fill(s string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 32)
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			b.WriteString(s)
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		b.WriteString(f.expand(s[i+1 : i+j]))
		s = s[i+j+1:]
	}
	return b.String()
}

func rangeArgs(arg string) (float64, float64) {
	a, b, _ := strings.Cut(arg, "-")
	lo, _ := strconv.ParseFloat(a, 64)
	hi, _ := strconv.ParseFloat(b, 64)
	return lo, hi
}

func (f *filler) expand(key string) string {
	r := f.r
	name, arg, hasArg := strings.Cut(key, ":")
	if hasArg {
		lo, hi := rangeArgs(arg)
		switch name {
		case "P":
			return r.pct(lo, hi)
		case "N":
			return r.num(int(lo), int(hi))
		case "M":
			return r.money(int64(lo*1e6), int64(hi*1e6))
		case "T":
			return vnDec(r.fbetween(lo, hi), 1) + " tỷ đồng"
		case "USD":
			return vnDec(r.fbetween(lo, hi), 1) + " triệu USD"
		}
		return key
	}
	switch {
	case key == "Y":
		return itoa(f.date.Year())
	case strings.HasPrefix(key, "Y+"):
		n, _ := strconv.Atoi(key[2:])
		return itoa(f.date.Year() + n)
	case strings.HasPrefix(key, "Y-"):
		n, _ := strconv.Atoi(key[2:])
		return itoa(f.date.Year() - n)
	case key == "DATE":
		return vnDate(f.date)
	case strings.HasPrefix(key, "DATE+"):
		n, _ := strconv.Atoi(key[5:])
		return vnDate(addDays(f.date, n))
	case strings.HasPrefix(key, "DATE-"):
		n, _ := strconv.Atoi(key[5:])
		return vnDate(addDays(f.date, -n))
	}
	switch key {
	case "MON":
		return itoa(int(f.date.Month()))
	case "NEXTMON":
		return itoa(int(f.date.Month())%12 + 1)
	case "PREVMON":
		return itoa((int(f.date.Month())+10)%12 + 1)
	case "Q":
		return roman((int(f.date.Month())-1)/3 + 1)
	case "QN":
		return itoa((int(f.date.Month())-1)/3 + 1)
	case "ORG":
		return f.lv.org
	case "COM":
		return f.lv.committee
	case "BTV":
		return f.lv.standing
	case "AREA":
		return f.lv.area
	case "LOWER":
		return f.lv.lower
	case "UNIT":
		return f.unit
	case "PLACE":
		return f.place
	case "PROV":
		return provinceName
	case "OLD":
		if len(f.olds) > 0 {
			return r.pick(f.olds)
		}
		return r.pick(oldCommunes)
	case "VIL":
		return r.pick(villages)
	case "REF":
		return r.pick(centralRefs)
	case "MEMBERS":
		return vnInt(int64(f.totals.members))
	case "CELLS":
		return vnInt(int64(f.totals.cells))
	case "GRASS":
		return vnInt(int64(f.totals.grassroots))
	case "UCELLS":
		return vnInt(int64(f.ucells))
	case "UMEMBERS":
		return vnInt(int64(f.umembers))
	case "COMMUNES":
		return vnInt(int64(f.totals.communes))
	}
	return key
}

// text assembles Markdown.
type text struct {
	f *filler
	b strings.Builder
}

func (t *text) h(level int, s string) {
	t.b.WriteString(strings.Repeat("#", level))
	t.b.WriteByte(' ')
	t.b.WriteString(t.f.fill(s))
	t.b.WriteString("\n\n")
}

func (t *text) p(s string) {
	t.b.WriteString(t.f.fill(s))
	t.b.WriteString("\n\n")
}

// list writes items as a bulleted (ordered false) or numbered list.
func (t *text) list(ordered bool, items ...string) {
	for i, it := range items {
		if ordered {
			t.b.WriteString(itoa(i + 1))
			t.b.WriteString(". ")
		} else {
			t.b.WriteString("- ")
		}
		t.b.WriteString(t.f.fill(it))
		t.b.WriteByte('\n')
	}
	t.b.WriteByte('\n')
}

func (t *text) String() string { return strings.TrimRight(t.b.String(), "\n") + "\n" }
