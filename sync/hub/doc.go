// Package hub is sotay's WebSocket fan-out (DESIGN.md §4 property 8): a
// phone keeps one socket open and the hub tells it "feed F is at sequence
// h" after every commit that moves F; the phone then pulls. Pokes carry no
// data (at most that a feed moved); access is decided by the pull, and a
// socket's feeds are re-checked when its member's own feed moves.
//
// Every serve process runs a hub. Each learns of commits through PostgreSQL
// LISTEN/NOTIFY on sync/feed.NotifyChannel, so a write made through any
// process reaches the sockets of all. A poke is encoded once per message as
// a websocket.PreparedMessage and queued to each subscriber; each connection
// has at most one writer goroutine (started when its queue fills from empty,
// gone when it drains), a bounded queue (a consumer that falls behind is
// dropped: it will reconnect and pull), pings from one shared timer, and no
// compression. A poke carries pull_after_ms, a window to spread the herd's
// pulls over. A socket closes when its session is revoked or its access
// token expires (the phone reconnects with a fresh one).
//
// hub imports gorilla/websocket, pgx (for LISTEN), sync/feed and sync/wire;
// it learns who may read what from the server through a Client value, never
// by importing content.
package hub
