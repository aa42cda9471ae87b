package vi

// units maps unit symbols, read only right after a number ("42 km", "42km", "5 triệu đ").
// Multi-syllable loanwords are written as separate syllables ("ki lô mét"): espeak
// merges a hyphenated "ki-lô-mét" into one mispronounced word. Keys are exact (case
// matters: "m" metre, "MW" megawatt).
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
	"%":    "phần trăm",
	"km/h": "ki lô mét trên giờ", "m/s": "mét trên giây",
	"đ": "đồng", "VNĐ": "đồng", "VND": "đồng", "vnđ": "đồng", "USD": "đô la Mỹ",
	"EUR": "ơ rô", "tr": "triệu", "h": "giờ", "ph": "phút",
	"GB": "gi ga bai", "MB": "mê ga bai", "KB": "ki lô bai", "Mbps": "mê ga bít trên giây",
}

// unit returns the reading of a unit symbol after a number.
func (n *Normaliser) unit(s string) (string, bool) {
	if s == "‰" {
		return n.perMille, true
	}
	u, ok := units[s]
	return u, ok
}
