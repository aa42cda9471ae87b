package push

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"

	firebase "firebase.google.com/go/v4"
	"firebase.google.com/go/v4/messaging"
	"google.golang.org/api/option"
)

// Sender sends up to 500 messages at once: *messaging.Client is one.
type Sender interface {
	SendEach(ctx context.Context, messages []*messaging.Message) (*messaging.BatchResponse, error)
}

// FCMConfig says how to reach Firebase Cloud Messaging.
type FCMConfig struct {
	ProjectID       string
	CredentialsFile string // a service account's JSON key
	// Endpoint and NoAuth point the SDK at another server (tests: a local
	// fake FCM v1 server).
	Endpoint string
	NoAuth   bool
}

// NewFCM makes the firebase messaging client. Its HTTP client keeps many
// connections to FCM open: SendEach sends a batch's messages at once.
func NewFCM(ctx context.Context, cfg FCMConfig) (*messaging.Client, error) {
	hc := &http.Client{Timeout: time.Minute, Transport: &http.Transport{
		MaxIdleConns: 256, MaxIdleConnsPerHost: 256, IdleConnTimeout: 90 * time.Second, ForceAttemptHTTP2: true}}
	opts := []option.ClientOption{}
	if cfg.Endpoint != "" {
		opts = append(opts, option.WithEndpoint(cfg.Endpoint))
	}
	switch {
	case cfg.NoAuth:
		opts = append(opts, option.WithHTTPClient(hc))
	case cfg.CredentialsFile != "":
		opts = append(opts, option.WithCredentialsFile(cfg.CredentialsFile))
	}
	app, err := firebase.NewApp(ctx, &firebase.Config{ProjectID: cfg.ProjectID}, opts...)
	if err != nil {
		return nil, fmt.Errorf("push: firebase: %w", err)
	}
	c, err := app.Messaging(ctx)
	if err != nil {
		return nil, fmt.Errorf("push: firebase messaging: %w", err)
	}
	return c, nil
}

// Limiter spaces sends to a rate, shared by every delivery of a process:
// FCM allows 600,000 messages a minute per project; a deployment stays well
// under it (several processes share the quota).
type Limiter struct {
	mu   sync.Mutex
	rate float64 // messages a second
	next time.Time
}

// NewLimiter allows perSecond messages a second.
func NewLimiter(perSecond float64) *Limiter { return &Limiter{rate: perSecond} }

// Wait blocks until n more messages may go.
func (l *Limiter) Wait(ctx context.Context, n int) error {
	l.mu.Lock()
	now := time.Now()
	at := l.next
	if at.Before(now) {
		at = now
	}
	l.next = at.Add(time.Duration(float64(n) / l.rate * float64(time.Second)))
	l.mu.Unlock()
	if d := time.Until(at); d > 0 {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(d):
		}
	}
	return nil
}
