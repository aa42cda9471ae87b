// Package wire is the sync protocol's messages (sync/PROTOCOL.md): what a
// phone sends to pull feeds and push its offline writes, and what it gets
// back. It imports only the standard library, so the mobile SDK shares it.
package wire
