package content

import (
	"context"
	"fmt"
	"net/netip"
	"time"

	"sotay/db"
)

// Sign-in limits, counted in the database so that they hold across every
// serve process. Three keys per attempt: the account at one address (the
// tight limit, which is what a guesser meets), the account from anywhere
// (looser, so that someone who knows a member's public phone number cannot
// lock them out from another address with five tries), and the address
// (loosest: one village hall may sign in a whole cell).
const (
	LoginWindow          = 15 * time.Minute
	MaxFailuresPerLogin  = 5  // per account and address
	MaxFailuresAnywhere  = 20 // per account, from all addresses
	MaxFailuresPerSource = 30 // per address, all accounts
)

// attempt is a sign-in attempt written before its password is checked.
type attempt struct {
	ids  []int64
	pair string // the account-at-address key, cleared on success
}

const beginAttemptSQL = `
WITH mine AS (
    INSERT INTO sign_in_attempts (key) VALUES ($1), ($2), ($3) RETURNING id)
SELECT array_agg(id) FROM mine`

// waitSQL returns, for each key over its limit, how many seconds remain
// until enough of its earlier attempts have left the window.
const waitSQL = `
SELECT max((SELECT extract(epoch FROM f.at + $8::interval - now())
            FROM sign_in_attempts f
            WHERE f.key = k.key AND f.at > now() - $8::interval AND f.id <> ALL($7)
            ORDER BY f.at DESC OFFSET k.lim - 1 LIMIT 1))
FROM (VALUES ($1, $4::int), ($2, $5::int), ($3, $6::int)) AS k(key, lim)`

// beginAttempt records an attempt by who (an account or login) from source
// and refuses it when any of its keys has failed too often. Attempts in
// flight count as failures until they succeed, so forty parallel guesses
// get five tries, not forty.
func (s *Accounts) beginAttempt(ctx context.Context, who, source string) (attempt, error) {
	source = addressBlock(source)
	pair, acct, addr := "pair:"+who+"@"+source, "acct:"+who, "addr:"+source
	var at attempt
	at.pair = pair
	if err := s.Pool.QueryRow(ctx, beginAttemptSQL, pair, acct, addr).Scan(&at.ids); err != nil {
		return attempt{}, fmt.Errorf("content: sign-in attempt: %w", err)
	}
	var wait *float64
	if err := s.Pool.QueryRow(ctx, waitSQL, pair, acct, addr, MaxFailuresPerLogin, MaxFailuresAnywhere, MaxFailuresPerSource,
		at.ids, LoginWindow).Scan(&wait); err != nil {
		return attempt{}, fmt.Errorf("content: sign-in limits: %w", err)
	}
	if wait != nil && *wait > 0 {
		_, _ = s.Pool.Exec(context.WithoutCancel(ctx), `DELETE FROM sign_in_attempts WHERE id = ANY($1)`, at.ids)
		d := time.Duration(*wait * float64(time.Second))
		return attempt{}, db.TooMany("too_many_attempts",
			fmt.Sprintf("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %d phút.", int(d.Minutes())+1), d)
	}
	return at, nil
}

// succeeded forgets the attempt and the earlier failures of the account at
// that address; q is the transaction of the sign-in. (A failed attempt
// needs nothing: its rows stay and count.)
func (at attempt) succeeded(ctx context.Context, q db.Querier) error {
	_, err := q.Exec(ctx, `DELETE FROM sign_in_attempts WHERE id = ANY($1) OR key = $2`, at.ids, at.pair)
	if err != nil {
		return fmt.Errorf("content: sign-in attempt: %w", err)
	}
	return nil
}

// addressBlock is what one client controls: an IPv4 address, or the /64 of
// an IPv6 one (a phone on IPv6 has a whole /64 to rotate through).
func addressBlock(addr string) string {
	ip, err := netip.ParseAddr(addr)
	if err != nil || ip.Unmap().Is4() {
		return addr
	}
	p, _ := ip.Prefix(64)
	return p.String()
}
