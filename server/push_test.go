package server_test

import (
	"context"
	"testing"
)

func TestPushDeviceRegistration(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	count := func() (n int) {
		w.pool.QueryRow(ctx, `SELECT count(*) FROM push_devices`).Scan(&n)
		return n
	}
	w.do("PUT", "/api/v1/push/device", w.tokM1, map[string]any{"token": "fcm-token-1", "platform": "android"}, 204, nil)
	w.do("PUT", "/api/v1/push/device", w.tokM1, map[string]any{"token": "fcm-token-2", "platform": "android"}, 204, nil) // rotated
	if b := w.do("PUT", "/api/v1/push/device", w.tokM1, map[string]any{"token": "x", "platform": "nokia"}, 400, nil); errorCode(b) != "invalid_platform" {
		t.Fatalf("bad platform: %s", b)
	}
	w.do("PUT", "/api/v1/push/device", w.tokAdmin, map[string]any{"token": "fcm-token-3", "platform": "web"}, 403, nil) // staff have no member
	w.do("PUT", "/api/v1/push/device", "", map[string]any{"token": "fcm-token-4", "platform": "ios"}, 401, nil)
	var tok string
	w.pool.QueryRow(ctx, `SELECT token FROM push_devices`).Scan(&tok)
	if count() != 1 || tok != "fcm-token-2" {
		t.Fatalf("%d devices, %q", count(), tok)
	}
	w.do("DELETE", "/api/v1/push/device", w.tokM1, nil, 204, nil)
	if count() != 0 {
		t.Fatal("the device still gets pushes")
	}
}
