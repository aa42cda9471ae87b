-- Why: phones keep an offline copy through feeds (DESIGN.md §4). A feed is
-- an ordered log of entity states, compacted to one row per entity.
--
-- Cursors must never skip a late commit, which a bigserial would (values are
-- taken before commit, seen in commit order). So each feed has a head row
-- that a writing transaction locks (UPDATE ... SET head = head + 1): writers
-- of one feed run one after the other, and a feed's sequence numbers are
-- gapless in commit order. A transaction writing several feeds locks them in
-- name order, so two such transactions cannot deadlock.
--
-- `checksum` is the wrapping 64-bit sum of the hashes of the live entries,
-- kept in step by every write, so a client can verify its copy. `horizon`
-- is the highest sequence number whose tombstones were purged: a cursor
-- below it cannot be served incrementally and gets `reset`.
CREATE TABLE feeds (
    name       text PRIMARY KEY CHECK (name ~ '^(unit|member|officers):[1-9][0-9]{0,18}$'),
    head       bigint NOT NULL DEFAULT 0 CHECK (head >= 0),
    horizon    bigint NOT NULL DEFAULT 0 CHECK (horizon >= 0 AND horizon <= head),
    checksum   bigint NOT NULL DEFAULT 0,
    live       bigint NOT NULL DEFAULT 0 CHECK (live >= 0),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE feed_entries (
    feed     text NOT NULL REFERENCES feeds (name),
    entity   text NOT NULL CHECK (entity ~ '^[a-z_]+:[0-9A-Za-z_.:-]{1,100}$'),
    seq      bigint NOT NULL CHECK (seq > 0),
    -- The transaction that wrote the entry: a page of a pull never ends in
    -- the middle of one.
    txid     xid8 NOT NULL DEFAULT pg_current_xact_id(),
    deleted  boolean NOT NULL DEFAULT false,
    body     text,
    hash     bigint NOT NULL,
    written_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (feed, entity),
    UNIQUE (feed, seq),
    CHECK (deleted = (body IS NULL))
);
CREATE INDEX feed_entries_tombstones ON feed_entries (written_at) WHERE deleted;

-- Exactly-once writes from phones: the last mutation applied per client,
-- advanced in the transaction that applies the next one.
CREATE TABLE sync_clients (
    id               uuid PRIMARY KEY,
    account_id       bigint NOT NULL REFERENCES accounts (id),
    last_mutation_id bigint NOT NULL DEFAULT 0 CHECK (last_mutation_id >= 0),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sync_clients_account ON sync_clients (account_id);

-- Mutations refused for good (invalid, forbidden, too late): the client's
-- counter still advanced past them; the reason is kept for the member and
-- for support.
CREATE TABLE sync_rejections (
    client_id   uuid NOT NULL REFERENCES sync_clients (id) ON DELETE CASCADE,
    mutation_id bigint NOT NULL,
    name        text NOT NULL,
    code        text NOT NULL,
    reason      text NOT NULL,
    at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (client_id, mutation_id)
);
