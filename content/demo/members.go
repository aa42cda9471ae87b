package demo

import (
	"fmt"
	"time"
)

type member struct {
	id       int64
	card     string
	name     string
	birth    time.Time
	female   bool
	phone    string // "" when none
	status   string // full, probationary, exempt
	joined   time.Time
	official time.Time // zero for probationary members
	cell     int       // unit index
	since    time.Time // start of the current membership
	reason   string
	officer  bool // holds a position
}

type position struct {
	member  int
	unit    int
	role    string
	started time.Time
}

// Vietnamese mobile prefixes (Viettel, VinaPhone, MobiFone, ...).
var phonePrefixes = []string{
	"086", "096", "097", "098", "032", "033", "034", "035", "036", "037", "038", "039",
	"088", "091", "094", "083", "084", "085", "081", "082", "089", "090", "093", "070",
	"076", "077", "078", "079", "056", "058",
}

// The 2025 reform: communes merged and districts went away on 1/7/2025.
var reformDay = day(2025, time.July, 1)

// genMembers fills every cell with members. Card numbers and phone numbers
// are distinct by construction: an affine map with a multiplier prime to 10
// is a permutation of the residues, so distinct indexes give distinct numbers.
func genMembers(r *rng, t *tree, perCell int, today time.Time) []member {
	lo := max(3, perCell-perCell*2/5)
	hi := max(lo, 2*perCell-lo)
	const cardMul, cardMod = 7654321, 100_000_000
	const phoneMul, phoneMod = 3141593, 10_000_000
	cardAdd := r.Int64N(cardMod)
	phoneAdd := r.Int64N(phoneMod)
	members := make([]member, 0, len(t.cells)*(lo+hi)/2)
	phones := int64(0)
	latestJoin := addDays(today, -400)
	for _, c := range t.cells {
		cu := &t.units[c]
		d := cu.prof.demographics()
		n := r.between(lo, hi)
		for k := 0; k < n; k++ {
			i := int64(len(members))
			m := member{id: i + 1, cell: c}
			m.card = fmt.Sprintf("33%08d", (i*cardMul+cardAdd)%cardMod)
			m.female = r.chance(d.female)

			// Status first: it bounds the age.
			birthYear := r.between(d.oldest, d.youngest)
			switch {
			case r.chance(d.probationary):
				m.status = "probationary"
				birthYear = r.between(max(d.oldest, 1986), d.youngest)
			case birthYear <= 1958 && r.chance(d.exempt):
				m.status = "exempt"
			default:
				m.status = "full"
			}
			m.birth = addDays(day(birthYear, time.January, 1), r.IntN(365))
			m.name = fullName(r, m.female, birthYear)
			if r.chance(0.8) && phones < phoneMod {
				m.phone = r.pick(phonePrefixes) + fmt.Sprintf("%07d", (phones*phoneMul+phoneAdd)%phoneMod)
				phones++
			}

			if m.status == "probationary" {
				m.joined = addDays(today, -r.between(20, 350))
				m.since, m.reason = m.joined, "Kết nạp đảng viên mới"
			} else {
				age := today.Year() - birthYear
				joinAge := r.between(18, max(18, min(40, age-3)))
				m.joined = addDays(m.birth.AddDate(joinAge, 0, 0), r.IntN(300))
				if m.joined.After(latestJoin) {
					m.joined = addDays(latestJoin, -r.IntN(200))
				}
				m.official = minDate(addDays(m.joined, 365+r.IntN(60)), addDays(today, -7))
				m.since, m.reason = m.joined, "Kết nạp vào Đảng"
				switch {
				case cu.prof == profAgency && m.official.Before(reformDay) && reformDay.Before(today):
					// The commune offices were formed by the 2025 merger.
					m.since, m.reason = reformDay, "Chuyển sinh hoạt khi sắp xếp tổ chức bộ máy"
				case r.chance(0.3):
					if span := int(addDays(today, -30).Sub(m.official).Hours()/24) - 30; span > 0 {
						m.since, m.reason = addDays(m.official, 30+r.IntN(span)), "Chuyển sinh hoạt đảng chính thức"
					}
				}
			}
			members = append(members, m)
			cu.people = append(cu.people, int(i))
		}
		for p := c; p >= 0; p = t.units[p].parent {
			t.units[p].members += n
		}
	}
	return members
}

// genPositions gives every cell a secretary, most a deputy and the large
// ones committee members; every grassroots organisation, commune, committee
// and the province gets its secretary, deputies and committee members too,
// drawn from the members below (never from the demo cell, whose secretary
// should see a cell secretary's view and nothing more).
func genPositions(r *rng, t *tree, members []member, demo int, today time.Time) []position {
	var out []position
	started := func(m *member, term time.Time) time.Time {
		s := maxDate(term, addDays(m.since, 30))
		if m.status == "full" {
			s = maxDate(s, m.official)
		}
		return minDate(s, addDays(today, -1))
	}
	add := func(mi, unit int, role string, term time.Time) {
		m := &members[mi]
		m.officer = true
		out = append(out, position{member: mi, unit: unit, role: role, started: started(m, term)})
	}

	// Cells: the 2025–2027 term began with the cell congresses of spring 2025.
	for _, c := range t.cells {
		people := t.units[c].people
		var full []int
		for _, p := range people {
			if members[p].status == "full" {
				full = append(full, p)
			}
		}
		if len(full) == 0 {
			for _, p := range people {
				if members[p].status != "exempt" {
					full = append(full, p)
				}
			}
		}
		if len(full) == 0 {
			full = people
		}
		term := addDays(day(2025, time.March, 20), r.IntN(45))
		order := r.Perm(len(full))
		// The secretary is the elder of two drawn: cells tend to choose experience.
		sec := order[0]
		if len(order) > 1 && members[full[order[1]]].birth.Before(members[full[sec]].birth) {
			order[0], order[1] = order[1], order[0]
			sec = order[0]
		}
		add(full[sec], c, "secretary", term)
		next := 1
		if len(full) >= 6 && r.chance(0.85) {
			add(full[order[next]], c, "deputy", term)
			next++
		}
		extra := 0
		if len(people) >= 18 && r.chance(0.45) {
			extra++
			if len(people) >= 24 && r.chance(0.5) {
				extra++
			}
		}
		for ; extra > 0 && next < len(order); extra-- {
			add(full[order[next]], c, "committee_member", term)
			next++
		}
	}

	// pick draws a full, non-officer member from the given cells.
	pick := func(cells []int) int {
		for try := 0; try < 200; try++ {
			c := cells[r.IntN(len(cells))]
			if c == demo && len(cells) > 1 {
				continue
			}
			people := t.units[c].people
			m := people[r.IntN(len(people))]
			if members[m].status == "full" && !members[m].officer {
				return m
			}
		}
		return -1
	}
	officers := func(unit int, cells []int, deputies, committee int, term time.Time) {
		if len(cells) == 0 {
			return
		}
		roles := []string{"secretary"}
		for range deputies {
			roles = append(roles, "deputy")
		}
		for range committee {
			roles = append(roles, "committee_member")
		}
		for _, role := range roles {
			if m := pick(cells); m >= 0 {
				add(m, unit, role, addDays(term, r.IntN(20)))
			}
		}
	}

	for _, g := range t.grassroots {
		cells := t.units[g].cells
		deputies, committee := 0, 0
		if len(cells) >= 2 && r.chance(0.7) {
			deputies = 1
		}
		if len(cells) >= 3 {
			committee = r.between(2, 5)
		}
		officers(g, cells, deputies, committee, addDays(reformDay, r.IntN(45)))
	}
	for _, top := range t.tops {
		// A commune's leaders sit in the cells of its offices when it has them.
		cells := t.units[top].cells
		for _, k := range t.units[top].kids {
			if t.units[k].prof == profAgency {
				cells = t.units[k].cells
				break
			}
		}
		officers(top, cells, r.between(1, 2), r.between(3, 7), addDays(day(2025, time.July, 20), r.IntN(40)))
	}
	// The province: its leaders sit in the cells of the provincial party bodies.
	cells := t.units[0].cells
	if t.communes < len(t.tops) && len(t.units[t.tops[t.communes]].cells) > 0 {
		cells = t.units[t.tops[t.communes]].cells
	}
	officers(0, cells, 2, 8, day(2025, time.October, 8))
	return out
}
