// Package jobs puts background work into River, the job queue whose tables
// live in sotay's database: Enqueue inserts a job in the caller's
// transaction, so the job exists exactly when the change that causes it
// commits (a published document and its audio render, a meeting and its
// reminders).
//
// It owns no workers: the packages that change things (content) define
// their job arguments and enqueue them here; package worker, above them,
// runs the River client that works them. jobs imports only db and River,
// so that content may import it.
package jobs
