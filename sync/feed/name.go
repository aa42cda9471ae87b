package feed

import (
	"fmt"
	"strconv"
	"strings"
)

// Kind is the kind of a feed.
type Kind string

// The feed kinds.
const (
	KindUnit     Kind = "unit"     // what is addressed to a unit: documents, its meetings, its roster
	KindMember   Kind = "member"   // one member's own data
	KindOfficers Kind = "officers" // what only the unit's officers see
)

// Unit, Member and Officers name feeds.
func Unit(id int64) string     { return "unit:" + strconv.FormatInt(id, 10) }
func Member(id int64) string   { return "member:" + strconv.FormatInt(id, 10) }
func Officers(id int64) string { return "officers:" + strconv.FormatInt(id, 10) }

// Parse splits a feed name into its kind and id, refusing anything else.
func Parse(name string) (Kind, int64, error) {
	kind, id, ok := strings.Cut(name, ":")
	if !ok || len(name) > 40 {
		return "", 0, fmt.Errorf("feed: %q is not a feed name", name)
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 || strconv.FormatInt(n, 10) != id {
		return "", 0, fmt.Errorf("feed: %q is not a feed name", name)
	}
	switch Kind(kind) {
	case KindUnit, KindMember, KindOfficers:
		return Kind(kind), n, nil
	}
	return "", 0, fmt.Errorf("feed: %q is not a feed name", name)
}
