package content

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"sotay/db"
	"sotay/sync/wire"
)

// Push applies a phone's mutations exactly once (DESIGN.md §4 property 6).
// Each mutation runs in its own transaction that also advances the client's
// last mutation id: a repeat (id at or below it) is skipped, a gap (id beyond
// the next) is refused with nothing applied, and a mutation refused for good
// is recorded with its reason and still advances the counter, so the phone
// never blocks on it. A transient failure stops the push; what was applied
// stays applied and the answer says how far it got.
func Push(ctx context.Context, pool *pgxpool.Pool, a *Actor, req wire.PushRequest) (wire.PushResponse, error) {
	resp := wire.PushResponse{Version: wire.Version, Results: []wire.MutationResult{}}
	client, err := uuid.Parse(req.ClientID)
	if err != nil {
		return resp, db.Invalid("client_id", "bad_client_id", "Mã thiết bị (client_id) không hợp lệ.")
	}
	if resp.LastMutationID, err = syncClient(ctx, pool, client, a.AccountID); err != nil {
		return resp, err
	}
	for _, m := range req.Mutations {
		res, last, err := pushOne(ctx, pool, a, client, m)
		if err != nil {
			return resp, err
		}
		resp.LastMutationID = last
		resp.Results = append(resp.Results, res)
		if res.Outcome == wire.Refused {
			break
		}
	}
	return resp, nil
}

// syncClient registers a client on first contact and returns its last
// mutation id. A client id belongs to one account for good. After the first
// contact it is one read: pulls write nothing.
func syncClient(ctx context.Context, q db.Querier, client uuid.UUID, accountID int64) (int64, error) {
	var owner, last int64
	err := q.QueryRow(ctx, `SELECT account_id, last_mutation_id FROM sync_clients WHERE id = $1`, client).Scan(&owner, &last)
	if errors.Is(err, pgx.ErrNoRows) {
		err = q.QueryRow(ctx, `
			INSERT INTO sync_clients (id, account_id) VALUES ($1, $2)
			ON CONFLICT (id) DO UPDATE SET updated_at = now()
			RETURNING account_id, last_mutation_id`, client, accountID).Scan(&owner, &last)
	}
	if err != nil {
		return 0, fmt.Errorf("content: sync client: %w", err)
	}
	if owner != accountID {
		return 0, db.Forbidden("client_of_another_account", "Mã thiết bị (client_id) này thuộc tài khoản khác; ứng dụng cần tạo mã mới.")
	}
	return last, nil
}

// permanentKinds are the errors that reject a mutation for good; any other
// failure is transient and the phone will send it again.
var permanentKinds = map[db.Kind]bool{db.KindInvalid: true, db.KindForbidden: true, db.KindNotFound: true, db.KindConflict: true}

// errGap rolls back a push transaction that found a gap.
var errGap = errors.New("content: mutation gap")

func pushOne(ctx context.Context, pool *pgxpool.Pool, a *Actor, client uuid.UUID, m wire.Mutation) (wire.MutationResult, int64, error) {
	res := wire.MutationResult{ID: m.ID}
	var last int64
	err := db.Transact(ctx, pool, func(tx pgx.Tx) error {
		res = wire.MutationResult{ID: m.ID}
		if err := tx.QueryRow(ctx, `SELECT last_mutation_id FROM sync_clients WHERE id = $1 FOR UPDATE`, client).Scan(&last); err != nil {
			return fmt.Errorf("content: sync client: %w", err)
		}
		switch {
		case m.ID <= last:
			res.Outcome = wire.Skipped
			return nil
		case m.ID > last+1:
			res.Outcome, res.Code = wire.Refused, "gap"
			res.Message = fmt.Sprintf("Thiếu thao tác %d: gửi lại từ thao tác %d.", last+1, last+1)
			return errGap
		}
		if err := applyMutation(ctx, tx, a, m); err != nil {
			var e *db.Error
			// What the database refuses outright (a value out of range) is as
			// final as what the mutation refuses: translate before judging.
			if db.IsTransient(err) || !errors.As(err, &e) && !errors.As(db.Translate(err, "dữ liệu"), &e) || !permanentKinds[e.Kind] {
				return err // transient (Transact retries a conflict): never a verdict on the mutation
			}
			res.Outcome, res.Code, res.Message = wire.Rejected, e.Code, e.Message
			if _, err := tx.Exec(ctx, `INSERT INTO sync_rejections (client_id, mutation_id, name, code, reason) VALUES ($1, $2, $3, $4, $5)`,
				client, m.ID, m.Name, e.Code, e.Message); err != nil {
				return fmt.Errorf("content: record rejection: %w", err)
			}
		} else {
			res.Outcome = wire.Applied
		}
		last = m.ID
		_, err := tx.Exec(ctx, `UPDATE sync_clients SET last_mutation_id = $2, updated_at = now() WHERE id = $1`, client, m.ID)
		return err
	})
	if errors.Is(err, errGap) {
		return res, last, nil
	}
	return res, last, err
}

// applyMutation runs one mutation inside a savepoint, so a rejected one
// leaves nothing behind while its rejection is still recorded.
func applyMutation(ctx context.Context, tx pgx.Tx, a *Actor, m wire.Mutation) error {
	fn, ok := mutations[m.Name]
	if !ok {
		return db.Invalid("name", "unknown_mutation", "Thao tác không được hỗ trợ: "+m.Name+". Hãy cập nhật ứng dụng.")
	}
	sp, err := tx.Begin(ctx)
	if err != nil {
		return fmt.Errorf("content: savepoint: %w", err)
	}
	if err := fn(ctx, sp, a, m.Args); err != nil {
		_ = sp.Rollback(ctx)
		return err
	}
	return sp.Commit(ctx)
}
