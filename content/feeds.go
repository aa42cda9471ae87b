package content

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"

	"sotay/db"
	"sotay/sync/feed"
)

// What members may see reaches their phones through feeds (sync/feed),
// written in the transaction of each change:
//
//	unit:<id>      the unit itself (unit:<id>), the documents addressed to its
//	               subtree (document:<id>) and, for a cell, its roster
//	               (member:<id>: name and roles only)
//	officers:<id>  documents addressed to the officers of the unit's subtree
//	member:<id>    the member's own profile (profile:<id>)
//
// A member reads the unit feeds of their cell and every unit above it, their
// own member feed, and the officers feeds of every unit above (or at) a unit
// where they hold a position: exactly what Actor.MayRead allows.

// MemberFeeds returns the feeds member id may read now, sorted by name.
// It is empty for a member who is no longer active.
func MemberFeeds(ctx context.Context, q db.Querier, id int64) ([]string, error) {
	rows, err := q.Query(ctx, `
		SELECT 'unit:' || u.id FROM members m JOIN units c ON c.id = m.cell_id JOIN units u ON u.path @> c.path
		WHERE m.id = $1 AND m.state = 'active'
		UNION
		SELECT 'member:' || m.id FROM members m WHERE m.id = $1 AND m.state = 'active'
		UNION
		SELECT 'officers:' || u.id FROM members m
		JOIN positions p ON p.member_id = m.id AND p.ended_on IS NULL
		JOIN units pu ON pu.id = p.unit_id JOIN units u ON u.path @> pu.path
		WHERE m.id = $1 AND m.state = 'active'
		ORDER BY 1`, id)
	if err != nil {
		return nil, fmt.Errorf("content: feeds of member %d: %w", id, err)
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

func entity(kind string, id int64) string { return kind + ":" + strconv.FormatInt(id, 10) }

// docFeed is the feed a document belongs in: none unless published.
func docFeed(d Document) string {
	switch {
	case d.Status != StatusPublished:
		return ""
	case d.OfficersOnly:
		return feed.Officers(d.AudienceUnitID)
	default:
		return feed.Unit(d.AudienceUnitID)
	}
}

// docFeedChanges is what a document change writes: the document, as readers
// get it, into the feed of its audience; a tombstone in the feed it left.
func docFeedChanges(ctx context.Context, q db.Querier, before *Document, after Document) ([]feed.Change, error) {
	var changes []feed.Change
	if before != nil {
		if from := docFeed(*before); from != "" && from != docFeed(after) {
			changes = append(changes, feed.Delete(from, entity("document", after.ID)))
		}
	}
	puts, err := docFeedPuts(ctx, q, []Document{after})
	if err != nil {
		return nil, err
	}
	return append(changes, puts...), nil
}

// docFeedPuts is the put of each document of docs that belongs in a feed
// (docFeed) into that feed, with the body its readers get (docsFull): the
// one place a document's feed entry is built, for one document or thousands.
func docFeedPuts(ctx context.Context, q db.Querier, docs []Document) ([]feed.Change, error) {
	var live []Document
	for _, d := range docs {
		if docFeed(d) != "" {
			live = append(live, d)
		}
	}
	full, err := docsFull(ctx, q, live)
	if err != nil {
		return nil, err
	}
	changes := make([]feed.Change, len(full))
	errs := make([]error, len(full))
	docParallel(len(full), func(i int) {
		full[i].Audio = audioForFeed(full[i].Audio, full[i].Version)
		changes[i], errs[i] = feed.Put(docFeed(full[i]), entity("document", full[i].ID), full[i])
		full[i] = Document{} // the body is in the change now
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return changes, nil
}

// DocumentsChanged writes every published document of ids into its feed, as
// publishing each would (docFeedChanges), in a few queries whatever their
// number: for packages that write documents in bulk (the demo seed). Call it
// in their transaction. Ids of documents not published are skipped; nothing
// is deleted from any feed.
func DocumentsChanged(ctx context.Context, q db.Querier, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	docs, err := docCollect(q.Query(ctx, `SELECT `+docColumns("d.body")+docFrom+`
		WHERE d.id = ANY($1) AND d.status = 'published' ORDER BY d.id`, ids))
	if err != nil {
		return fmt.Errorf("content: documents for feeds: %w", err)
	}
	changes, err := docFeedPuts(ctx, q, docs)
	if err != nil {
		return err
	}
	_, err = feed.Write(ctx, q, changes)
	return err
}

// unitFeedBody is what members learn of a unit.
type unitFeedBody struct {
	ID       int64    `json:"id"`
	ParentID *int64   `json:"parent_id"`
	Kind     UnitKind `json:"kind"`
	Code     string   `json:"code"`
	Name     string   `json:"name"`
}

// unitFeedPut is a unit's entry in its own feed.
func unitFeedPut(u Unit) (feed.Change, error) {
	return feed.Put(feed.Unit(u.ID), entity("unit", u.ID), unitFeedBody{u.ID, u.ParentID, u.Kind, u.Code, u.Name})
}

// unitChanged writes a unit into its own feed.
func unitChanged(ctx context.Context, q db.Querier, u Unit) error {
	c, err := unitFeedPut(u)
	if err != nil {
		return err
	}
	_, err = feed.Write(ctx, q, []feed.Change{c})
	return err
}

// UnitsChanged is unitChanged for packages that write units in bulk (the
// demo seed): every unit of ids into its own feed, in a few queries whatever
// their number (one to load them, then feed.Write). Call it in their
// transaction.
func UnitsChanged(ctx context.Context, q db.Querier, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	units, err := collectUnits(q.Query(ctx, `SELECT `+unitColumns+` FROM units WHERE id = ANY($1) ORDER BY id`, ids))
	if err != nil {
		return fmt.Errorf("content: units for feeds: %w", err)
	}
	changes := make([]feed.Change, len(units))
	for i, u := range units {
		if changes[i], err = unitFeedPut(u); err != nil {
			return err
		}
	}
	_, err = feed.Write(ctx, q, changes)
	return err
}

// rosterEntry is what a cell's members see of each other: name and roles,
// never phone or card numbers.
type rosterEntry struct {
	ID       int64        `json:"id"`
	FullName string       `json:"full_name"`
	Status   MemberStatus `json:"status"`
	Roles    []string     `json:"roles"`
}

// profileBody is a member's own record, in their own feed only.
type profileBody struct {
	Member
	Positions []Position `json:"positions"`
}

// membersChanged writes the roster entries and profiles of members after a
// change, in a few queries whatever their number: into each member's current
// cell feed and their own feed, and a tombstone in the feed of a cell they
// left (leftCells[id], when it is not their cell any more).
func membersChanged(ctx context.Context, q db.Querier, ids []int64, leftCells map[int64]int64) error {
	if len(ids) == 0 {
		return nil
	}
	rows, err := q.Query(ctx, `SELECT `+memberColumns+memberFrom+`WHERE m.id = ANY($1)`, ids)
	if err != nil {
		return fmt.Errorf("content: members for feeds: %w", err)
	}
	members, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Member, error) { return scanMember(r) })
	if err != nil {
		return fmt.Errorf("content: members for feeds: %w", err)
	}
	rows, err = q.Query(ctx, `
		SELECT p.member_id, p.id, p.unit_id, u.name, p.role, p.started_on, p.ended_on
		FROM positions p JOIN units u ON u.id = p.unit_id
		WHERE p.member_id = ANY($1) AND p.ended_on IS NULL ORDER BY p.started_on DESC, p.id`, ids)
	if err != nil {
		return fmt.Errorf("content: positions for feeds: %w", err)
	}
	positions := map[int64][]Position{}
	var mid int64
	var p Position
	if _, err := pgx.ForEachRow(rows, []any{&mid, &p.ID, &p.UnitID, &p.UnitName, &p.Role, &p.StartedOn, &p.EndedOn}, func() error {
		positions[mid] = append(positions[mid], p)
		return nil
	}); err != nil {
		return fmt.Errorf("content: positions for feeds: %w", err)
	}
	changes := make([]feed.Change, 0, 2*len(members))
	for _, m := range members {
		if left := leftCells[m.ID]; left != 0 && (m.CellID == nil || *m.CellID != left) {
			changes = append(changes, feed.Delete(feed.Unit(left), entity("member", m.ID)))
		}
		if m.CellID == nil {
			changes = append(changes, feed.Delete(feed.Member(m.ID), entity("profile", m.ID)).ForAccess())
			continue
		}
		ps := positions[m.ID]
		if ps == nil {
			ps = []Position{}
		}
		roles := []string{}
		for _, p := range ps {
			if p.UnitID == *m.CellID {
				roles = append(roles, p.Role)
			}
		}
		c, err := feed.Put(feed.Unit(*m.CellID), entity("member", m.ID), rosterEntry{m.ID, m.FullName, m.Status, roles})
		if err != nil {
			return err
		}
		changes = append(changes, c)
		if c, err = feed.Put(feed.Member(m.ID), entity("profile", m.ID), profileBody{m, ps}); err != nil {
			return err
		}
		changes = append(changes, c.ForAccess())
	}
	_, err = feed.Write(ctx, q, changes)
	return err
}

// MembersChanged is membersChanged for packages that write members in bulk
// (the CSV import): call it in the import's transaction with every member
// written and, for those who moved, the cell they left.
func MembersChanged(ctx context.Context, q db.Querier, ids []int64, leftCells map[int64]int64) error {
	return membersChanged(ctx, q, ids, leftCells)
}
