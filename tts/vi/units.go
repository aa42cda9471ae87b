package vi

import "strings"

// units maps unit symbols, read only right after a number ("42 km", "42km", "5 triệu đ").
// Multi-syllable loanwords are written as separate syllables ("ki lô mét"): espeak
// merges a hyphenated "ki-lô-mét" into one mispronounced word. Keys are exact (case
// matters: "m" metre, "MW" megawatt). Compound units are read by compoundUnit: "km/h",
// "đ/người/tháng" and "tr.đ" need no entry of their own.
var units = map[string]string{
	"km": "ki lô mét", "m": "mét", "dm": "đề xi mét", "cm": "xen ti mét", "mm": "mi li mét",
	"m2": "mét vuông", "m²": "mét vuông", "km2": "ki lô mét vuông", "km²": "ki lô mét vuông",
	"cm2": "xen ti mét vuông", "cm²": "xen ti mét vuông",
	"m3": "mét khối", "m³": "mét khối", "cm3": "xen ti mét khối", "cm³": "xen ti mét khối",
	"ha": "héc ta", "kg": "ki lô gam", "g": "gam", "mg": "mi li gam",
	"l": "lít", "ml": "mi li lít",
	"W": "oát", "kW": "ki lô oát", "kWh": "ki lô oát giờ", "MW": "mê ga oát", "MWh": "mê ga oát giờ",
	"GW": "gi ga oát", "kV": "ki lô vôn",
	"°C": "độ xê", "ºC": "độ xê", "oC": "độ xê", "°": "độ",
	"%":   "phần trăm",
	"m/s": "mét một giây",
	"đ":   "đồng", "đồng": "đồng", "VNĐ": "đồng", "VND": "đồng", "vnđ": "đồng", "USD": "đô la Mỹ",
	"EUR": "ơ rô", "tr": "triệu", "h": "giờ", "ph": "phút",
	"GB": "gi ga bai", "MB": "mê ga bai", "KB": "ki lô bai", "Mbps": "mê ga bít trên giây",
}

// unit returns the reading of a unit symbol after a number: an entry of units, or a
// compound of them (see compoundUnit).
func (n *Normaliser) unit(s string) (string, bool) {
	if u, ok := n.simpleUnit(s); ok {
		return u, true
	}
	if strings.ContainsAny(s, "/.") {
		return n.compoundUnit(s, false)
	}
	return "", false
}

func (n *Normaliser) simpleUnit(s string) (string, bool) {
	if s == "‰" {
		return n.perMille, true
	}
	u, ok := units[s]
	return u, ok
}

// compoundUnit reads a unit built from others. "/" means "per" and is read "một":
// "đ/người/tháng" → "đồng một người một tháng", "km/h" → "ki lô mét một giờ",
// "%/năm" → "phần trăm một năm". Each term after a "/" is a unit or a lower-case
// Vietnamese syllable (người, tháng, năm, hộ, lượt); the head is a unit, units joined
// by "." ("tr.đ" → "triệu đồng"), or, when wordHead (a word after a number: "3
// lần/năm"), a lower-case syllable too.
func (n *Normaliser) compoundUnit(s string, wordHead bool) (string, bool) {
	head, per, hasPer := strings.Cut(s, "/")
	var w []string
	if u, ok := n.simpleUnit(head); ok {
		w = append(w, u)
	} else if wordHead && hasPer && perWord(head) {
		w = append(w, head)
	} else if parts := strings.Split(head, "."); len(parts) > 1 && len(parts) <= 3 {
		for _, p := range parts {
			u, ok := n.simpleUnit(p)
			if !ok {
				return "", false
			}
			w = append(w, u)
		}
	} else {
		return "", false
	}
	if hasPer {
		terms := strings.Split(per, "/")
		if len(terms) > 3 {
			return "", false
		}
		for _, t := range terms {
			u, ok := n.simpleUnit(t)
			if !ok {
				if !perWord(t) {
					return "", false
				}
				u = t
			}
			w = append(w, "một", u)
		}
	}
	return strings.Join(w, " "), true
}

// perWord accepts a lower-case Vietnamese syllable as the unit of a "/" rate.
func perWord(s string) bool {
	return s != "" && strings.ToLower(s) == s && isSyllable(s)
}
