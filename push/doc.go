// Package push tells members' phones that something needs them — a
// meeting announced or moved, a reminder, new documents, the weekly audio
// briefing — through Firebase Cloud Messaging, and keeps every such notice
// in the member's inbox, which reaches the phone through the member's feed
// whether or not a push arrives.
//
// It owns the tables push_devices (the FCM tokens phones register),
// notifications (the inbox) and push_sends (what was sent to which token).
// Notify writes notifications in the caller's transaction and enqueues the
// job that pushes them at their time (after quiet hours); Deliverer is that
// job's work: batches of up to 500 through SendEach, under a rate limit,
// UNREGISTERED tokens dropped, throttling and server errors retried, and no
// notification ever sent twice to one device, even when a worker dies
// mid-batch.
//
// push imports db, jobs and sync/feed of sotay, never content: content
// calls it.
package push
