// Package worker runs sotay's background jobs: the River client that works
// the queues (audio renders, the weekly audio briefings, and what later
// capabilities add), in `sotay work` alone or beside the API in `sotay
// serve`. Each kind of job is a small type here that hands its work to the
// package that owns it (content); the jobs themselves are enqueued by those
// packages through package jobs, in the transactions that cause them.
package worker
