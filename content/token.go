package content

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"sotay/db"
)

// AccessTTL is the life of an access token. A revoked session stops working
// at once (see Revocations); a deactivated member's tokens die within it.
const AccessTTL = 15 * time.Minute

// AccessClaims is what an access token says: checking one costs no database
// round trip, so 100,000 pulls do not mean 100,000 session lookups.
type AccessClaims struct {
	SessionID uuid.UUID
	AccountID int64
	MemberID  int64 // 0 for staff accounts
	Expires   time.Time
}

// Signer signs and verifies access tokens with the keys in signing_keys,
// shared by every serve process through the database.
type Signer struct {
	keys    map[uint32][]byte
	current uint32
}

// LoadSigner reads the signing keys; the newest signs.
func LoadSigner(ctx context.Context, q db.Querier) (*Signer, error) {
	rows, err := q.Query(ctx, `SELECT id, secret FROM signing_keys ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("content: load signing keys: %w", err)
	}
	s := &Signer{keys: map[uint32][]byte{}}
	var id int32
	var secret []byte
	_, err = pgx.ForEachRow(rows, []any{&id, &secret}, func() error {
		s.keys[uint32(id)] = append([]byte(nil), secret...)
		s.current = uint32(id)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("content: load signing keys: %w", err)
	}
	if len(s.keys) == 0 {
		return nil, errors.New("content: no signing key in the database; run `sotay migrate`")
	}
	return s, nil
}

// token layout: "v1." + base64url(key id 4 | session 16 | account 8 | member 8 | expires 8) + "." + base64url(HMAC-SHA256)
const tokenPrefix = "v1."

var b64 = base64.RawURLEncoding

// Sign makes an access token for the claims.
func (s *Signer) Sign(c AccessClaims) string {
	p := make([]byte, 44)
	binary.BigEndian.PutUint32(p[0:], s.current)
	copy(p[4:], c.SessionID[:])
	binary.BigEndian.PutUint64(p[20:], uint64(c.AccountID))
	binary.BigEndian.PutUint64(p[28:], uint64(c.MemberID))
	binary.BigEndian.PutUint64(p[36:], uint64(c.Expires.Unix()))
	body := tokenPrefix + b64.EncodeToString(p)
	return body + "." + b64.EncodeToString(s.mac(s.current, body))
}

func (s *Signer) mac(kid uint32, body string) []byte {
	m := hmac.New(sha256.New, s.keys[kid])
	m.Write([]byte(body))
	return m.Sum(nil)
}

var errBadToken = db.Unauthorized("invalid_token", "Phiên đăng nhập không hợp lệ. Vui lòng đăng nhập lại.")
var errExpiredToken = db.Unauthorized("token_expired", "Phiên đăng nhập đã hết hạn.")

// Verify checks a token's signature and expiry at now.
func (s *Signer) Verify(token string, now time.Time) (AccessClaims, error) {
	if !strings.HasPrefix(token, tokenPrefix) || len(token) > 200 {
		return AccessClaims{}, errBadToken
	}
	dot := strings.LastIndexByte(token, '.')
	if dot <= len(tokenPrefix) {
		return AccessClaims{}, errBadToken
	}
	body, sig := token[:dot], token[dot+1:]
	p, err := b64.DecodeString(body[len(tokenPrefix):])
	if err != nil || len(p) != 44 {
		return AccessClaims{}, errBadToken
	}
	kid := binary.BigEndian.Uint32(p[0:])
	if _, ok := s.keys[kid]; !ok {
		return AccessClaims{}, errBadToken
	}
	got, err := b64.DecodeString(sig)
	if err != nil || !hmac.Equal(got, s.mac(kid, body)) {
		return AccessClaims{}, errBadToken
	}
	var c AccessClaims
	copy(c.SessionID[:], p[4:20])
	c.AccountID = int64(binary.BigEndian.Uint64(p[20:]))
	c.MemberID = int64(binary.BigEndian.Uint64(p[28:]))
	c.Expires = time.Unix(int64(binary.BigEndian.Uint64(p[36:])), 0)
	if !now.Before(c.Expires) {
		return AccessClaims{}, errExpiredToken
	}
	return c, nil
}
