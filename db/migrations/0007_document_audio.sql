-- Why: elderly members listen rather than read (DESIGN.md §5). Every
-- published version of a document gets its Vietnamese audio, rendered in
-- the background by a River job enqueued in the transaction that publishes
-- or edits it; the document shows where that stands, and when the file is
-- ready it reaches members through the document's feed entry.
--
-- document_audio is the state of a document's current audio: one row per
-- document, for its latest published version. audio_files are the rendered
-- files, one per plan key (tts.Plan: a hash of everything that shaped the
-- sound), so that a document whose spoken text did not change, or the
-- weekly briefings of cells that say the same thing, share one file and
-- nothing renders twice. The MP3 itself is in the blob store under sha256.

CREATE TABLE audio_files (
    plan_key    text PRIMARY KEY CHECK (plan_key ~ '^[0-9a-f]{64}$'),
    sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size        bigint NOT NULL CHECK (size > 0),
    samples     bigint NOT NULL CHECK (samples > 0),   -- mono, 22,050 a second, as decoded back
    duration_ms bigint NOT NULL CHECK (duration_ms > 0),
    chapters    jsonb NOT NULL DEFAULT '[]',           -- [{title, start_ms, end_ms}]
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audio_files_sha256 ON audio_files (sha256);

CREATE TABLE document_audio (
    document_id bigint PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    version     int NOT NULL CHECK (version >= 1),     -- the document version this is the audio of
    state       text NOT NULL CHECK (state IN ('pending', 'rendering', 'ready', 'failed')),
    reason      text,                                  -- failed: why, in Vietnamese
    attempts    int NOT NULL DEFAULT 0,                -- renders tried for this version
    plan_key    text REFERENCES audio_files (plan_key),-- ready: the file
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((state = 'ready') = (plan_key IS NOT NULL)),
    CHECK ((state = 'failed') = (reason IS NOT NULL))
);

-- The weekly audio briefing (Bản tin âm thanh) is a document of its own
-- type, written by sotay, never by an editor.
ALTER TABLE documents DROP CONSTRAINT documents_type_check;
ALTER TABLE documents ADD CONSTRAINT documents_type_check CHECK (type IN ('resolution', 'directive', 'conclusion',
    'regulation', 'decision', 'guidance', 'plan', 'notice', 'official_letter', 'bulletin', 'meeting_material',
    'article', 'draft', 'audio_briefing'));

-- One weekly briefing per cell and week: the job that makes them may run
-- twice (a retry, two processes) and must not make two.
CREATE TABLE audio_briefings (
    cell_id     bigint NOT NULL REFERENCES units (id) ON DELETE CASCADE,
    period_end  timestamptz NOT NULL,
    document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    PRIMARY KEY (cell_id, period_end)
);
