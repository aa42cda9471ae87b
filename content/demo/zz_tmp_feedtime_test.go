package demo

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"sotay/content"
	"sotay/db"
	"sotay/db/dbtest"
)

type timedQ struct {
	pgx.Tx
	t *testing.T
}

func short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 90 {
		s = s[:90]
	}
	return s
}

func (q timedQ) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	s := time.Now()
	defer func() { q.t.Logf("  exec %v %s", time.Since(s), short(sql)) }()
	return q.Tx.Exec(ctx, sql, args...)
}

func (q timedQ) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	s := time.Now()
	defer func() { q.t.Logf("  query %v %s", time.Since(s), short(sql)) }()
	return q.Tx.Query(ctx, sql, args...)
}

func TestTmpFeedTiming(t *testing.T) {
	ctx := context.Background()
	pool := dbtest.New(t)
	opt, _ := Options{}.withDefaults()
	today := fixedDay
	tr := buildTree(newRNG(opt.Seed, streamTree), opt)
	members := genMembers(newRNG(opt.Seed, streamMembers), tr, opt.MembersPerCell, today)
	demo := tr.demoCell()
	positions := genPositions(newRNG(opt.Seed, streamPositions), tr, members, demo, today)
	err := db.Transact(ctx, pool, func(tx pgx.Tx) error {
		registerLtree(ctx, tx)
		copyUnits(ctx, tx, tr)
		copyMembers(ctx, tx, members)
		copyPositions(ctx, tx, positions)
		docs := genDocuments(opt.Seed, tr, members, today, map[int]int64{})
		if err := copyDocuments(ctx, tx, docs, func() {}); err != nil {
			return err
		}
		s := time.Now()
		var ids []int64
		for _, u := range tr.units {
			ids = append(ids, u.id)
		}
		if err := content.UnitsChanged(ctx, timedQ{tx, t}, ids); err != nil {
			return err
		}
		t.Log("units", time.Since(s))
		s = time.Now()
		ids = nil
		for _, m := range members {
			ids = append(ids, m.id)
		}
		if err := content.MembersChanged(ctx, timedQ{tx, t}, ids, nil); err != nil {
			return err
		}
		t.Log("members", time.Since(s))
		s = time.Now()
		ids = nil
		for _, d := range docs {
			ids = append(ids, d.id)
		}
		if err := content.DocumentsChanged(ctx, timedQ{tx, t}, ids); err != nil {
			return err
		}
		t.Log("docs", time.Since(s))
		var n int64
		tx.QueryRow(ctx, `SELECT sum(length(body)) FROM feed_entries WHERE entity LIKE 'document:%'`).Scan(&n)
		t.Log("doc bytes", n)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
