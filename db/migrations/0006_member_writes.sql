-- Why: what members do on their phones, offline, reaches the server as
-- mutations (DESIGN.md §4 property 6): reading a document, how far they
-- listened, bookmarks, their own notes, and comments on drafts (dự thảo)
-- within the comment window. One row per member and document holds the
-- personal state; comments are their own table because officers read them.
CREATE TABLE member_documents (
    member_id     bigint NOT NULL REFERENCES members (id),
    document_id   bigint NOT NULL REFERENCES documents (id),
    read_at       timestamptz,
    listened_s    int CHECK (listened_s >= 0),
    listened_at   timestamptz,
    bookmarked    boolean NOT NULL DEFAULT false,
    note          text NOT NULL DEFAULT '' CHECK (length(note) <= 10000),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (member_id, document_id)
);
CREATE INDEX member_documents_document ON member_documents (document_id) WHERE read_at IS NOT NULL;

CREATE TABLE comments (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id bigint NOT NULL REFERENCES documents (id),
    member_id   bigint NOT NULL REFERENCES members (id),
    body        text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 5000),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX comments_document ON comments (document_id, id);
