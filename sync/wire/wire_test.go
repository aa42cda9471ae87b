package wire_test

import (
	"encoding/json"
	"testing"

	"sotay/sync/wire"
)

// FuzzDecode feeds arbitrary bytes through what the server does with a
// request body: decode, then Check. Neither may panic, and a request that
// passes Check must have only well-formed feed names and cursors and, for a
// push, ordered ids. The corpus lives in testdata/fuzz/FuzzDecode.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"version":1,"client_id":"7d0f3c3e-2b1a-4f5e-9c8d-1a2b3c4d5e6f","feeds":{"unit:1":"0","member:42":"17"}}`))
	f.Add([]byte(`{"version":1,"client_id":"7d0f3c3e-2b1a-4f5e-9c8d-1a2b3c4d5e6f","mutations":[{"id":1,"name":"document.read","args":{"document_id":5}}]}`))
	f.Add([]byte(`{"version":1,"client_id":"x","feeds":{"unit:01":"-1"}}`))
	f.Add([]byte(`{"feeds":{"officers:9223372036854775807":"9223372036854775808"}}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var pull wire.PullRequest
		if json.Unmarshal(b, &pull) == nil && pull.Check() == nil {
			for name, c := range pull.Feeds {
				if _, err := wire.ParseCursor(c); err != nil {
					t.Fatalf("accepted cursor %q of %s", c, name)
				}
			}
		}
		var push wire.PushRequest
		if json.Unmarshal(b, &push) == nil && push.Check() == nil {
			for i := 1; i < len(push.Mutations); i++ {
				if push.Mutations[i].ID != push.Mutations[i-1].ID+1 {
					t.Fatal("accepted mutations out of order")
				}
			}
		}
	})
}

func TestCursorRoundTrip(t *testing.T) {
	for _, n := range []int64{0, 1, 42, 1 << 62} {
		got, err := wire.ParseCursor(wire.FormatCursor(n))
		if err != nil || got != n {
			t.Errorf("%d → %d %v", n, got, err)
		}
	}
	for _, bad := range []string{"-1", "01", "1e3", " 1", "abc", "99999999999999999999"} {
		if _, err := wire.ParseCursor(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
