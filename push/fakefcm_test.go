package push_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// fakeFCM is a local stand-in for the FCM v1 API
// (POST /v1/projects/{p}/messages:send). What it answers depends on the
// token: "gone-…" is UNREGISTERED; a token with planned failures (fail)
// gets those statuses first; over the quota (messages a minute) it answers
// 429. hold, when set, makes it keep every request after the first
// holdAfter unanswered until released.
type fakeFCM struct {
	mu        sync.Mutex
	got       map[string][]string       // token → notification ids received, in order
	last      map[string]map[string]any // token → the last message received
	fail      map[string][]int          // token → statuses to answer before succeeding
	quota     int                       // messages a minute; 0: none
	window    time.Time
	inWindow  int
	throttled int
	requests  int
	holdAfter int
	hold      chan struct{}
}

func newFakeFCM() *fakeFCM {
	return &fakeFCM{got: map[string][]string{}, fail: map[string][]int{}, last: map[string]map[string]any{}}
}

func (f *fakeFCM) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || !strings.HasSuffix(r.URL.Path, "/messages:send") || !strings.HasPrefix(r.URL.Path, "/v1/projects/") {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	var raw struct {
		Message map[string]any `json:"message"`
	}
	if err := json.NewDecoder(r.Body).Decode(&raw); err != nil {
		fcmError(w, 400, "INVALID_ARGUMENT", "INVALID_ARGUMENT")
		return
	}
	var req struct {
		Message struct {
			Token string            `json:"token"`
			Data  map[string]string `json:"data"`
		} `json:"message"`
	}
	b, _ := json.Marshal(raw)
	json.Unmarshal(b, &req)
	tok := req.Message.Token
	f.mu.Lock()
	f.requests++
	held := f.hold != nil && f.requests > f.holdAfter
	hold := f.hold
	if f.quota > 0 {
		if now := time.Now(); now.Sub(f.window) >= time.Minute {
			f.window, f.inWindow = now, 0
		}
		f.inWindow++
		if f.inWindow > f.quota {
			f.throttled++
			f.mu.Unlock()
			fcmError(w, 429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED")
			return
		}
	}
	if plan := f.fail[tok]; len(plan) > 0 {
		f.fail[tok] = plan[1:]
		f.mu.Unlock()
		switch plan[0] {
		case 429:
			fcmError(w, 429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED")
		case 503:
			w.Header().Set("Retry-After", "0")
			fcmError(w, 503, "UNAVAILABLE", "UNAVAILABLE")
		default:
			fcmError(w, 500, "INTERNAL", "INTERNAL")
		}
		return
	}
	f.got[tok] = append(f.got[tok], req.Message.Data["notification_id"])
	f.last[tok] = raw.Message
	f.mu.Unlock()
	if held {
		<-hold // delivered, perhaps, but never answered: the sender dies waiting
	}
	if strings.HasPrefix(tok, "gone-") {
		fcmError(w, 404, "NOT_FOUND", "UNREGISTERED")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"name":"projects/p/messages/%d"}`, time.Now().UnixNano())
}

func fcmError(w http.ResponseWriter, code int, status, errorCode string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	fmt.Fprintf(w, `{"error":{"code":%d,"message":"fake %s","status":%q,"details":[{"@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError","errorCode":%q}]}}`,
		code, errorCode, status, errorCode)
}

// received returns how many times token got notification id.
func (f *fakeFCM) received(token, id string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, g := range f.got[token] {
		if g == id {
			n++
		}
	}
	return n
}

// duplicates counts (token, notification) pairs received more than once.
func (f *fakeFCM) duplicates() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	d := 0
	for _, ids := range f.got {
		seen := map[string]bool{}
		for _, id := range ids {
			if seen[id] {
				d++
			}
			seen[id] = true
		}
	}
	return d
}
