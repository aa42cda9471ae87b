package demo

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

type document struct {
	id            int64
	typ           string
	category      string // "" for all but articles
	symbol        string
	issuer        string
	issued        time.Time // zero: NULL
	title         string
	summary       string
	body          string
	audience      int // unit index
	officersOnly  bool
	commentsUntil time.Time // zero: NULL
	published     time.Time
	createdBy     int64 // 0: NULL
}

// planned is a document before its text: its symbol number depends on the
// order of dates, so all dates of a unit are drawn first.
type planned struct {
	typ, category string
	at            time.Time
	officersOnly  bool
	nth           int       // which article, topic... (an index into a list, modulo its length)
	meet          time.Time // of a meeting material: the day of the meeting
}

// symbol codes by type.
var symbolCodes = map[string]string{
	"resolution": "NQ", "directive": "CT", "conclusion": "KL", "regulation": "QĐ", "decision": "QĐ",
	"guidance": "HD", "plan": "KH", "notice": "TB", "official_letter": "CV",
}

// yearly rates of document numbers, by level (province, commune, grassroots, cell).
var symbolRates = map[string][4]float64{
	"NQ": {25, 15, 12, 12}, "CT": {10, 4, 2, 1}, "KL": {80, 20, 6, 2}, "QĐ": {1200, 250, 20, 4},
	"HD": {20, 12, 6, 2}, "KH": {180, 90, 20, 6}, "TB": {1500, 320, 40, 8}, "CV": {2600, 450, 30, 4},
}

type docGen struct {
	r       *rng
	t       *tree
	members []member
	today   time.Time
	totals  *totals
	by      map[int]int64 // created_by account per audience unit
	docs    []document
	numbers map[string]int // last number per unit/code/suffix/year
}

func genDocuments(seed int64, t *tree, members []member, today time.Time, by map[int]int64) []document {
	g := &docGen{
		r: newRNG(seed, streamDocuments), t: t, members: members, today: today, by: by,
		totals:  &totals{members: len(members), cells: len(t.cells), grassroots: len(t.grassroots), communes: t.communes},
		numbers: map[string]int{},
	}
	g.province()
	for _, top := range t.tops {
		g.commune(top)
	}
	for _, gr := range t.grassroots {
		g.grassroots(gr)
	}
	// Cells draw from generators of their own, seeded in cell order, so that
	// the bulk of the text does not shift when the upper levels change.
	cells := newRNG(seed, streamCells)
	demo := t.demoCell()
	for _, c := range t.cells {
		g.cell(c, cells.sub(), c == demo)
	}
	// Ids follow publication, as if the documents had been written over the year.
	sort.SliceStable(g.docs, func(i, j int) bool { return g.docs[i].published.Before(g.docs[j].published) })
	for i := range g.docs {
		g.docs[i].id = int64(i + 1)
	}
	return g.docs
}

// workday draws an instant in office hours within the past year (or within
// [from, to] days ago), moved off weekends.
func (g *docGen) workday(r *rng, fromDays, toDays int) time.Time {
	d := addDays(g.today, -r.between(fromDays, toDays))
	switch d.Weekday() {
	case time.Saturday:
		d = addDays(d, -1)
	case time.Sunday:
		d = addDays(d, -2)
	}
	return at(d, r.between(7, 16), r.IntN(60))
}

func (g *docGen) anyday(r *rng, fromDays, toDays int) time.Time {
	return at(addDays(g.today, -r.between(fromDays, toDays)), r.between(6, 20), r.IntN(60))
}

// monthsAgo returns the first day of the month k months before today's.
func monthsAgo(today time.Time, k int) time.Time {
	return day(today.Year(), today.Month(), 1).AddDate(0, -k, 0)
}

func (g *docGen) levelOf(u int) *level {
	un := &g.t.units[u]
	lv := &level{unit: u}
	switch un.kind {
	case "province":
		lv.org, lv.committee, lv.standing = un.name, "Tỉnh ủy", "Ban Thường vụ Tỉnh ủy"
		lv.area, lv.lower, lv.suffix = "toàn tỉnh", "các đảng ủy xã, phường và đảng ủy trực thuộc Tỉnh ủy", "TU"
	case "commune", "committee":
		lv.org = strings.Replace(un.name, "Đảng ủy", "Đảng bộ", 1)
		lv.committee, lv.standing = un.name, "Ban Thường vụ "+un.name
		lv.area, lv.lower, lv.suffix = "toàn Đảng bộ", "các tổ chức cơ sở đảng trực thuộc", "ĐU"
	case "grassroots":
		lv.org = un.name
		if strings.HasPrefix(un.name, "Chi bộ cơ sở ") {
			base := strings.TrimPrefix(un.name, "Chi bộ cơ sở ")
			lv.committee, lv.standing = "Chi ủy "+base, "Chi ủy "+base
			lv.area, lv.lower, lv.suffix = "toàn Chi bộ", "các tổ đảng và đảng viên", "CB"
		} else {
			base := strings.TrimPrefix(un.name, "Đảng bộ ")
			lv.committee, lv.standing = "Đảng ủy "+base, "Đảng ủy "+base
			lv.area, lv.lower, lv.suffix = "toàn Đảng bộ", "các chi bộ trực thuộc", "ĐU"
		}
	default:
		lv.org, lv.committee, lv.standing = un.name, "Chi ủy", "Chi ủy"
		lv.area, lv.lower, lv.suffix = "toàn Chi bộ", "đảng viên trong chi bộ", "CB"
	}
	return lv
}

func levelIndex(kind string) int {
	switch kind {
	case "province":
		return 0
	case "commune", "committee":
		return 1
	case "grassroots":
		return 2
	}
	return 3
}

// number gives the next document number of code at unit, rising through the year.
func (g *docGen) number(r *rng, unit int, code, suffix string, at time.Time) int {
	key := fmt.Sprintf("%d/%s/%s/%d", unit, code, suffix, at.Year())
	rate := symbolRates[code][levelIndex(g.t.units[unit].kind)]
	n := int(rate*float64(at.YearDay())/366) + 1 + r.IntN(3)
	if prev := g.numbers[key]; n <= prev {
		n = prev + 1
	}
	g.numbers[key] = n
	return n
}

func (g *docGen) filler(r *rng, lv *level, date time.Time, unitName string) *filler {
	u := &g.t.units[lv.unit]
	return &filler{r: r, lv: lv, date: date, unit: unitName, place: placeOf(u), olds: u.olds, totals: g.totals,
		ucells: len(u.cells), umembers: u.members}
}

func placeOf(u *unit) string {
	if u.kind == "province" || u.place.name == provinceName {
		return "tỉnh " + provinceName
	}
	return u.short()
}

func (g *docGen) add(d document) { g.docs = append(g.docs, d) }

// nth is the item i of list, modulo its length.
func nth(list []string, i int) string { return list[i%len(list)] }

// province: about 120 documents for everybody, a year of them.
func (g *docGen) province() {
	r := g.r
	var plan []planned
	add := func(typ string, n int) {
		// Consecutive topics from a random start: no topic twice while the list lasts.
		off := r.IntN(1000)
		for i := 0; i < n; i++ {
			plan = append(plan, planned{typ: typ, at: g.workday(r, 1, 365), nth: off + i})
		}
	}
	add("resolution", 8)
	add("directive", 5)
	add("conclusion", 12)
	add("regulation", 3)
	add("decision", 8)
	add("guidance", 8)
	add("plan", 14)
	add("notice", 16)
	add("official_letter", 8)
	for k := 12; k >= 1; k-- {
		// The bulletin for a month comes out around the 25th of the month before.
		m := monthsAgo(g.today, k-1)
		at := at(addDays(m, -r.between(4, 7)), 9, r.IntN(60))
		if localDay(at).Before(g.today) {
			plan = append(plan, planned{typ: "bulletin", at: at, nth: k})
		}
	}
	// Every article once; those whose titles vary (places, numbers) twice more.
	for i, a := range articles {
		n := 1
		if strings.Contains(a.title, "{") && !strings.Contains(a.title, "{Y}") {
			n = 3
		}
		for range n {
			plan = append(plan, planned{typ: "article", category: a.category, at: g.anyday(r, 1, 365), nth: i})
		}
	}
	for i := range draftTopics {
		plan = append(plan, planned{typ: "draft", at: g.workday(r, 1, 6), nth: i})
	}
	for i := range plan {
		switch plan[i].typ {
		case "notice", "official_letter", "guidance":
			plan[i].officersOnly = r.chance(0.2)
		}
	}
	g.issue(r, 0, plan)
}

// commune: about 20 documents for a commune's or committee's whole subtree.
func (g *docGen) commune(u int) {
	r := g.r
	var plan []planned
	add := func(typ string, n int) {
		n += r.between(-1, 1)
		for i := 0; i < n; i++ {
			p := planned{typ: typ, at: g.workday(r, 1, 365), nth: r.IntN(1000)}
			switch typ {
			case "notice", "conclusion", "decision", "official_letter":
				p.officersOnly = r.chance(0.2)
			}
			plan = append(plan, p)
		}
	}
	add("notice", 6)
	add("plan", 4)
	add("guidance", 2)
	add("resolution", 2)
	add("conclusion", 1)
	add("decision", 1)
	add("official_letter", 2)
	add("article", 1)
	g.issue(r, u, plan)
}

// grassroots: a few documents of its own.
func (g *docGen) grassroots(u int) {
	r := g.r
	types := []string{"resolution", "notice", "plan", "guidance", "notice", "official_letter"}
	var plan []planned
	for i, n := 0, r.between(2, 6); i < n; i++ {
		plan = append(plan, planned{typ: types[r.IntN(len(types))], at: g.workday(r, 1, 365), nth: r.IntN(1000),
			officersOnly: r.chance(0.08)})
	}
	g.issue(r, u, plan)
}

// cell: the monthly meeting materials of the past year, and now and then a notice.
func (g *docGen) cell(u int, r *rng, demo bool) {
	meetDay := r.between(3, 10)
	var plan []planned
	for k := 11; k >= 0; k-- {
		m := monthsAgo(g.today, k)
		if !demo && !r.chance(0.95) {
			continue
		}
		meet := addDays(m, meetDay-1)
		pub := at(addDays(meet, -r.between(1, 3)), r.between(8, 21), r.IntN(60))
		if !localDay(pub).Before(g.today) {
			continue
		}
		plan = append(plan, planned{typ: "meeting_material", at: pub, meet: meet})
	}
	if demo || r.chance(0.3) {
		plan = append(plan, planned{typ: "notice", at: g.workday(r, 1, 200), nth: r.IntN(1000)})
	}
	g.issue(r, u, plan)
}

// issue writes the planned documents of a unit, in date order.
func (g *docGen) issue(r *rng, u int, plan []planned) {
	sort.SliceStable(plan, func(i, j int) bool { return plan[i].at.Before(plan[j].at) })
	lv := g.levelOf(u)
	un := &g.t.units[u]
	for _, p := range plan {
		d := document{typ: p.typ, category: p.category, audience: u, officersOnly: p.officersOnly,
			published: p.at, createdBy: g.by[u]}
		date := localDay(p.at)
		d.issued = addDays(date, -r.between(0, 3))
		f := g.filler(r, lv, d.issued, cellLabel(un.name))
		if u == 0 && g.t.communes > 0 {
			// Province-wide news happens somewhere.
			f.place = g.t.units[g.t.tops[r.IntN(g.t.communes)]].short()
		}
		d.issuer = un.name
		if lv.unit != 0 && un.kind == "grassroots" {
			d.issuer = lv.committee
		}
		if u == 0 {
			d.issuer = "Tỉnh ủy " + provinceName
		}
		if code, ok := symbolCodes[p.typ]; ok {
			suffix := lv.suffix
			if p.typ == "guidance" && u == 0 {
				suffix = []string{"BTCTU", "BTGDVTU", "UBKTTU"}[r.IntN(3)]
				d.issuer = map[string]string{"BTCTU": "Ban Tổ chức Tỉnh ủy", "BTGDVTU": "Ban Tuyên giáo và Dân vận Tỉnh ủy",
					"UBKTTU": "Ủy ban Kiểm tra Tỉnh ủy"}[suffix]
			}
			d.symbol = fmt.Sprintf("%02d-%s/%s", g.number(r, u, code, suffix, d.issued), code, suffix)
		}
		g.write(r, f, lv, &d, p)
		g.add(d)
	}
}

// write fills title, summary and body.
func (g *docGen) write(r *rng, f *filler, lv *level, d *document, p planned) {
	t := &text{f: f}
	un := &g.t.units[lv.unit]
	local := lv.unit != 0
	when := " ngày " + vnDate(d.issued)
	switch d.typ {
	case "resolution":
		tp := resolutionTopics[p.nth%len(resolutionTopics)]
		title := f.fill(tp.title)
		if local {
			title = f.fill(nth(localResolutionTopics, p.nth))
		}
		who := "Ban Chấp hành Đảng bộ tỉnh"
		if local {
			who = lv.committee
		}
		d.title = "Nghị quyết số " + d.symbol + " của " + who + " về " + title
		d.summary = "Nghị quyết số " + d.symbol + when + " của " + who + " về " + title + ". Đề nghị " + lv.lower + " tổ chức quán triệt đến 100% đảng viên."
		g.bodyResolution(t, d, tp, title, local)
	case "directive":
		title := f.fill(nth(directiveTopics, p.nth))
		d.title = "Chỉ thị số " + d.symbol + " của " + lv.standing + " về " + title
		d.summary = "Chỉ thị số " + d.symbol + when + " của " + lv.standing + " về " + title + "."
		g.bodyDirective(t, d, title)
	case "conclusion":
		title := f.fill(nth(conclusionTopics, p.nth))
		d.title = "Kết luận số " + d.symbol + " của " + lv.standing + " về " + title
		d.summary = "Kết luận số " + d.symbol + when + " của " + lv.standing + " về " + title + "."
		g.bodyConclusion(t, d, local)
	case "regulation":
		title := f.fill(nth(regulationTopics, p.nth))
		d.title = "Quy định số " + d.symbol + " về " + title
		d.summary = "Quy định số " + d.symbol + when + " của " + lv.standing + " về " + title + ", áp dụng đối với " + lv.lower + "."
		g.bodyRegulation(t, d, title)
	case "decision":
		topic := decisionTopics[p.nth%len(decisionTopics)]
		title := f.fill(topic[0])
		d.title = "Quyết định số " + d.symbol + " về việc " + title
		d.summary = "Quyết định số " + d.symbol + when + " của " + lv.standing + " về việc " + title + "."
		g.bodyDecision(t, d, title, f.fill(topic[1]))
	case "guidance":
		title := f.fill(nth(guidanceTopics, p.nth))
		d.title = "Hướng dẫn số " + d.symbol + " về " + title
		d.summary = "Hướng dẫn số " + d.symbol + when + " của " + d.issuer + " về " + title + "."
		g.bodyGuidance(t, d, title)
	case "plan":
		title := f.fill(nth(planTopics, p.nth))
		d.title = "Kế hoạch số " + d.symbol + " " + title
		d.summary = "Kế hoạch số " + d.symbol + when + " của " + lv.standing + " " + title + "."
		g.bodyPlan(t, d, title)
	case "notice":
		title := f.fill(nth(noticeTopics, p.nth))
		if un.kind == "cell" {
			title = f.fill(r.pick(cellNoticeTopics))
		}
		d.title = "Thông báo số " + d.symbol + " " + title
		d.summary = "Thông báo số " + d.symbol + when + " " + title + "."
		g.bodyNotice(t, d, un.kind == "cell")
	case "official_letter":
		title := f.fill(nth(letterTopics, p.nth))
		d.title = "Công văn số " + d.symbol + " " + title
		d.summary = "Công văn số " + d.symbol + when + " của " + lv.standing + " " + title + "."
		g.bodyLetter(t, d, title)
	case "bulletin":
		m := monthsAgo(g.today, p.nth-1)
		d.title = fmt.Sprintf("Bản tin sinh hoạt chi bộ tháng %d/%d", m.Month(), m.Year())
		d.issuer = "Ban Tuyên giáo và Dân vận Tỉnh ủy"
		d.summary = "Thông tin thời sự, tình hình kinh tế – xã hội của tỉnh và định hướng nội dung sinh hoạt chi bộ tháng " +
			fmt.Sprintf("%d/%d", m.Month(), m.Year()) + "."
		g.bodyBulletin(t, d, m)
	case "article":
		a := articles[p.nth%len(articles)]
		if local {
			a = localArticles[p.nth%len(localArticles)]
		}
		d.category = a.category
		d.title = f.fill(a.title)
		d.issuer = r.pick([]string{"Ban Tuyên giáo và Dân vận Tỉnh ủy", "Báo và Phát thanh, Truyền hình Hưng Yên"})
		if local {
			d.issuer = un.name
		}
		for i, para := range a.paras {
			s := f.fill(para)
			if i == 0 {
				d.summary = s
			}
			t.p(s)
		}
	case "draft":
		title := f.fill(draftTopics[p.nth%len(draftTopics)])
		d.title = "Dự thảo " + title + " (lấy ý kiến đảng viên)"
		d.summary = "Ban Thường vụ Tỉnh ủy đề nghị các đồng chí đảng viên nghiên cứu, góp ý vào dự thảo " + title + "."
		d.commentsUntil = at(addDays(g.today, r.between(10, 21)), 17, 0)
		g.bodyDraft(t, d, title)
		d.summary += " Thời hạn góp ý đến 17 giờ 00 ngày " + vnDate(localDay(d.commentsUntil)) + "."
	case "meeting_material":
		meet := p.meet
		d.title = fmt.Sprintf("Tài liệu sinh hoạt chi bộ tháng %d/%d", meet.Month(), meet.Year())
		if meet.Month()%3 == 0 {
			d.title += fmt.Sprintf(" (kết hợp sinh hoạt chuyên đề quý %s)", roman(int(meet.Month())/3))
		}
		d.issuer = un.name
		d.summary = "Nội dung sinh hoạt định kỳ của " + un.name + " ngày " + vnDate(meet) + "."
		d.issued = localDay(d.published)
		g.bodyMeeting(t, d, lv.unit, meet)
	}
	d.body = t.String()
}
