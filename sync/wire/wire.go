package wire

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Version is the protocol version this package speaks. A server answers a
// request of another version with 400 "bad_sync_request".
const Version = 1

// Limits every request must keep to; the server refuses more.
const (
	MaxFeeds     = 64   // feeds in one pull
	MaxMutations = 100  // mutations in one push
	MaxChanges   = 2000 // changes in one pull answer, all feeds together
	MaxArgsBytes = 16 << 10
)

// PullRequest asks for what changed in the client's feeds since its cursors.
type PullRequest struct {
	Version  int               `json:"version"`
	ClientID string            `json:"client_id"` // a UUID the app makes once per install
	Feeds    map[string]string `json:"feeds"`     // feed name → cursor ("" or "0" for a new feed)
}

// PullResponse is the answer to a pull.
type PullResponse struct {
	Version int                 `json:"version"`
	Feeds   map[string]FeedPage `json:"feeds"`
	// Added lists feeds the member may now read that the request did not
	// name: they are in Feeds, from cursor 0.
	Added []string `json:"added"`
	// Removed lists feeds named in the request that the member may no longer
	// read (moved, expelled, a position ended) or never could: the client
	// deletes everything it holds from them.
	Removed []string `json:"removed"`
	// LastMutationID is the last mutation of this client the server has
	// applied (or rejected for good): the outbox can drop it and all before.
	LastMutationID int64 `json:"last_mutation_id"`
	// More says some feed stopped short of its head: pull again at once, and
	// show nothing new until an answer has More false.
	More bool `json:"more"`
}

// FeedPage is one feed's part of a pull answer.
type FeedPage struct {
	// Reset: throw away everything held from this feed, then apply Changes
	// (which start from cursor 0).
	Reset   bool     `json:"reset,omitempty"`
	Changes []Change `json:"changes"`
	Cursor  string   `json:"cursor"` // send it next time
	// Checksum is the feed's checksum at its head (decimal uint64): when a
	// page has More false, the sum of Hash(entity, body) over what the client
	// holds from the feed must equal it, or the client resets the feed.
	Checksum string `json:"checksum"`
	More     bool   `json:"more,omitempty"`
}

// Change is one entity's new state in a feed, or its deletion.
type Change struct {
	Entity  string          `json:"entity"`
	Deleted bool            `json:"deleted,omitempty"`
	Body    json.RawMessage `json:"body,omitempty"`
}

// PushRequest carries mutations made offline, in order.
type PushRequest struct {
	Version   int        `json:"version"`
	ClientID  string     `json:"client_id"`
	Mutations []Mutation `json:"mutations"`
}

// Mutation is one write a member made: ID counts up from 1 per client, with
// no gaps.
type Mutation struct {
	ID   int64           `json:"id"`
	Name string          `json:"name"`
	Args json.RawMessage `json:"args"`
}

// PushResponse says what happened to each mutation.
type PushResponse struct {
	Version        int              `json:"version"`
	LastMutationID int64            `json:"last_mutation_id"`
	Results        []MutationResult `json:"results"`
}

// The outcomes of a mutation.
const (
	Applied  = "applied"  // done now
	Skipped  = "skipped"  // done before (a repeat)
	Rejected = "rejected" // refused for good; the counter moved past it: drop it
	Refused  = "refused"  // not applied, counter unmoved (a gap before it): send again from LastMutationID+1
)

// MutationResult is the outcome of one mutation.
type MutationResult struct {
	ID      int64  `json:"id"`
	Outcome string `json:"outcome"`
	Code    string `json:"code,omitempty"`
	Message string `json:"message,omitempty"` // for the member, in Vietnamese
}

// ParseCursor reads a cursor: "" and "0" are the start; otherwise a
// positive decimal sequence number.
func ParseCursor(s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || strconv.FormatInt(n, 10) != s {
		return 0, fmt.Errorf("wire: cursor %q is not a sequence number", s)
	}
	return n, nil
}

// FormatCursor writes a cursor.
func FormatCursor(n int64) string { return strconv.FormatInt(n, 10) }

// Cursor is where a client stands in a feed. During a first download of a
// feed that takes several pages (a bootstrap), the cursor also carries the
// feed's tombstone horizon when the download began ("500@37"): the download
// may go on below the horizon as long as no purge happened since, because a
// client that held nothing needs none of the purged deletions.
type Cursor struct {
	Seq       int64
	Bootstrap bool
	Horizon   int64 // with Bootstrap
}

// ParsePullCursor reads a cursor as a pull carries it: "", "0", "1042" or,
// in the middle of a bootstrap, "1042@37".
func ParsePullCursor(s string) (Cursor, error) {
	seq, horizon, boot := strings.Cut(s, "@")
	n, err := ParseCursor(seq)
	if err != nil || !boot {
		return Cursor{Seq: n}, err
	}
	h, err := ParseCursor(horizon)
	if err != nil || horizon == "" || seq == "" {
		return Cursor{}, fmt.Errorf("wire: cursor %q is not a sequence number", s)
	}
	return Cursor{Seq: n, Bootstrap: true, Horizon: h}, nil
}

// String writes the cursor.
func (c Cursor) String() string {
	if c.Bootstrap {
		return FormatCursor(c.Seq) + "@" + FormatCursor(c.Horizon)
	}
	return FormatCursor(c.Seq)
}

// ErrBadRequest wraps every validation failure of Check.
var ErrBadRequest = errors.New("wire: bad request")

// Check validates a pull request's shape (not the member's rights).
func (r *PullRequest) Check() error {
	if r.Version != Version {
		return fmt.Errorf("%w: version %d, this server speaks %d", ErrBadRequest, r.Version, Version)
	}
	if !validClientID(r.ClientID) {
		return fmt.Errorf("%w: client_id must be a UUID", ErrBadRequest)
	}
	if len(r.Feeds) > MaxFeeds {
		return fmt.Errorf("%w: at most %d feeds in a pull", ErrBadRequest, MaxFeeds)
	}
	for name, cursor := range r.Feeds {
		if !validFeedName(name) {
			return fmt.Errorf("%w: %q is not a feed name", ErrBadRequest, name)
		}
		if _, err := ParsePullCursor(cursor); err != nil {
			return fmt.Errorf("%w: %v", ErrBadRequest, err)
		}
	}
	return nil
}

// Check validates a push request's shape.
func (r *PushRequest) Check() error {
	if r.Version != Version {
		return fmt.Errorf("%w: version %d, this server speaks %d", ErrBadRequest, r.Version, Version)
	}
	if !validClientID(r.ClientID) {
		return fmt.Errorf("%w: client_id must be a UUID", ErrBadRequest)
	}
	if len(r.Mutations) == 0 || len(r.Mutations) > MaxMutations {
		return fmt.Errorf("%w: a push carries 1 to %d mutations", ErrBadRequest, MaxMutations)
	}
	for i, m := range r.Mutations {
		if m.ID <= 0 {
			return fmt.Errorf("%w: mutation ids start at 1", ErrBadRequest)
		}
		if i > 0 && m.ID != r.Mutations[i-1].ID+1 {
			return fmt.Errorf("%w: mutations must be in order, without gaps (%d after %d)", ErrBadRequest, m.ID, r.Mutations[i-1].ID)
		}
		if m.Name == "" || len(m.Name) > 64 {
			return fmt.Errorf("%w: mutation %d has no name", ErrBadRequest, m.ID)
		}
		if len(m.Args) > MaxArgsBytes {
			return fmt.Errorf("%w: mutation %d: args over %d bytes", ErrBadRequest, m.ID, MaxArgsBytes)
		}
	}
	return nil
}

func validFeedName(s string) bool {
	kind, id, ok := strings.Cut(s, ":")
	if !ok || (kind != "unit" && kind != "member" && kind != "officers") {
		return false
	}
	n, err := strconv.ParseInt(id, 10, 64)
	return err == nil && n > 0 && strconv.FormatInt(n, 10) == id
}

// validClientID accepts the canonical UUID form, lower or upper case.
func validClientID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, c := range s {
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return false
			}
		}
	}
	return true
}
