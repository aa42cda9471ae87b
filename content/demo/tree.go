package demo

import (
	"fmt"
	"strings"
)

// unit is one node of the demo tree. Its index in tree.units is id-1.
type unit struct {
	id     int64
	parent int // index of the parent, -1 for the root
	path   string
	kind   string
	code   string
	name   string

	prof    profile
	top     int   // index of the commune or committee at or above, -1 for the root
	place   place // for communes: the place; others inherit it from their commune
	olds    []string
	kids    []int
	cells   []int // every cell at or below
	people  []int // for cells: indexes of its members
	members int   // members at or below
}

// short is how a document names the unit's level: "xã Khoái Châu".
func (u *unit) short() string {
	if u.place.ward {
		return "phường " + u.place.name
	}
	return "xã " + u.place.name
}

type tree struct {
	units      []unit
	tops       []int // communes, then committees
	communes   int   // how many of tops are communes
	grassroots []int
	cells      []int
}

func (t *tree) add(u unit) int {
	i := len(t.units)
	u.id = int64(i + 1)
	if u.parent < 0 {
		u.path = fmt.Sprint(u.id)
	} else {
		p := &t.units[u.parent]
		u.path = p.path + "." + fmt.Sprint(u.id)
		p.kids = append(p.kids, i)
	}
	t.units = append(t.units, u)
	return i
}

// spread divides total among len(weights) bins: one each while it lasts,
// the rest at random in proportion to the weights.
func spread(r *rng, total int, weights []float64) []int {
	n := len(weights)
	counts := make([]int, n)
	if n == 0 {
		return counts
	}
	for i := 0; i < n && total > 0; i++ {
		counts[i]++
		total--
	}
	cum := make([]float64, n)
	sum := 0.0
	for i, w := range weights {
		sum += w
		cum[i] = sum
	}
	for ; total > 0; total-- {
		x := r.Float64() * sum
		lo, hi := 0, n-1
		for lo < hi {
			mid := (lo + hi) / 2
			if cum[mid] > x {
				hi = mid
			} else {
				lo = mid + 1
			}
		}
		counts[lo]++
	}
	return counts
}

func (p profile) cellWeight() float64 {
	switch p {
	case profResidential:
		return 2.4
	case profAgency, profHealth, profPartyAgency:
		return 0.5
	case profSchools, profEnterprise, profDepartment:
		return 0.6
	case profHospital, profMilitary, profPolice:
		return 0.8
	case profSchool, profBorder:
		return 0.4
	}
	return 1
}

// communeProfiles is the order in which a commune's grassroots organisations
// come: the first is always a residential area, where the demo cell lives.
var communeProfiles = []profile{
	profResidential, profAgency, profResidential, profSchools, profEnterprise, profHealth,
	profResidential, profEnterprise, profResidential,
}

// buildTree lays out the province: root, communes and committees, grassroots
// organisations, cells.
func buildTree(r *rng, opt Options) *tree {
	t := &tree{}
	root := t.add(unit{parent: -1, kind: "province", code: provinceCode, name: "Đảng bộ tỉnh " + provinceName, top: -1,
		place: place{name: provinceName}})

	// Communes and committees.
	for i := 0; i < opt.Communes; i++ {
		pl := communePlaces[i%len(communePlaces)]
		if round := i / len(communePlaces); round > 0 {
			pl.name += " " + itoa(round+1)
		}
		code, kind := fmt.Sprintf("%s.X%03d", provinceCode, i+1), "xã"
		if pl.ward {
			code, kind = fmt.Sprintf("%s.P%03d", provinceCode, i+1), "phường"
		}
		olds := r.pickN(oldCommunes, r.between(2, 4))
		idx := t.add(unit{parent: root, kind: "commune", code: code, name: "Đảng ủy " + kind + " " + pl.name,
			place: pl, olds: olds})
		t.units[idx].top = idx
		t.tops = append(t.tops, idx)
	}
	t.communes = len(t.tops)
	for _, c := range committees {
		idx := t.add(unit{parent: root, kind: "committee", code: provinceCode + "." + c.code, name: c.name,
			place: place{name: provinceName}, olds: r.pickN(oldCommunes, 3)})
		t.units[idx].top = idx
		t.tops = append(t.tops, idx)
	}

	// Grassroots organisations: how many under each top, then their profiles and base names.
	weights := make([]float64, len(t.tops))
	for i := range weights {
		weights[i] = 1
		if i >= t.communes {
			weights[i] = committees[i-t.communes].weight
		}
	}
	perTop := spread(r, opt.Grassroots, weights)
	type pending struct {
		top  int
		prof profile
		base string
	}
	var orgs []pending
	for ti, top := range t.tops {
		u := &t.units[top]
		residential := 0
		enterprises := r.shuffled(companyNames)
		for k := 0; k < perTop[ti]; k++ {
			var p pending
			p.top = top
			if ti < t.communes {
				p.prof = communeProfiles[k%len(communeProfiles)]
				switch p.prof {
				case profResidential:
					if residential < len(u.olds) {
						p.base = "khu vực " + u.olds[residential]
					} else {
						p.base = "khu dân cư số " + itoa(residential+1) + " " + u.short()
					}
					residential++
				case profAgency:
					p.base = "cơ quan " + u.short()
				case profSchools:
					p.base = "các trường học " + u.short()
				case profHealth:
					p.base = "Trung tâm Y tế khu vực " + u.place.name
				case profEnterprise:
					if k%2 == 0 {
						p.base = "Công ty CP " + enterprises[k%len(enterprises)] + " " + u.place.name
					} else {
						p.base = "Hợp tác xã nông nghiệp " + u.olds[k%len(u.olds)]
					}
				}
				if k >= len(communeProfiles) && p.prof != profResidential {
					p.base += " " + itoa(k/len(communeProfiles)+1)
				}
			} else {
				spec := committees[ti-t.communes]
				o := spec.orgs[k%len(spec.orgs)]
				p.prof, p.base = o.prof, o.name
				if round := k / len(spec.orgs); round > 0 {
					p.base += " – cơ sở " + itoa(round+1)
				}
			}
			orgs = append(orgs, p)
		}
	}

	// Cells: how many under each organisation (weighted by its profile,
	// with some spread so that a few are small "chi bộ cơ sở").
	cw := make([]float64, len(orgs))
	for i, o := range orgs {
		cw[i] = o.prof.cellWeight() * r.fbetween(0.3, 1.7)
	}
	perOrg := spread(r, opt.Cells, cw)

	for i, o := range orgs {
		top := &t.units[o.top]
		prefix := "Đảng bộ "
		if perOrg[i] <= 2 {
			prefix = "Chi bộ cơ sở "
		}
		n := len(t.units[o.top].kids) + 1
		idx := t.add(unit{parent: o.top, kind: "grassroots", code: fmt.Sprintf("%s.CS%02d", top.code, n),
			name: prefix + o.base, prof: o.prof, top: o.top, place: top.place, olds: top.olds})
		t.grassroots = append(t.grassroots, idx)
	}
	for i, g := range t.grassroots {
		gu := t.units[g]
		names := cellNames(r, gu.prof, gu.place, gu.olds)
		for k := 0; k < perOrg[i]; k++ {
			idx := t.add(unit{parent: g, kind: "cell", code: fmt.Sprintf("%s.CB%02d", gu.code, k+1),
				name: names(k), prof: gu.prof, top: gu.top, place: gu.place, olds: gu.olds})
			t.cells = append(t.cells, idx)
			for p := t.units[idx].parent; p >= 0; p = t.units[p].parent {
				t.units[p].cells = append(t.units[p].cells, idx)
			}
		}
	}
	return t
}

// demoCell is the first cell of the first grassroots organisation of the
// first commune (or of whatever comes first): the demo members live there.
func (t *tree) demoCell() int {
	for _, top := range t.tops {
		if len(t.units[top].cells) > 0 {
			return t.units[top].cells[0]
		}
	}
	return t.cells[0]
}

// cellLabel is the cell's name without the leading "Chi bộ ".
func cellLabel(name string) string { return strings.TrimPrefix(name, "Chi bộ ") }
