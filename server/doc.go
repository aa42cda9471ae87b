// Package server is sotay's HTTP API: the route table (routes.go), JSON
// decoding with limits, the one mapping from error kinds to statuses
// (errors.go), authentication of access tokens without a database round trip
// (auth.go), the handlers (one file per resource), health and metrics, and the
// OpenAPI document generated from the route table itself, so it cannot drift
// from the handlers.
//
// server imports content and db; it holds no SQL of its own beyond health
// checks. It must not be imported by content or db.
package server
