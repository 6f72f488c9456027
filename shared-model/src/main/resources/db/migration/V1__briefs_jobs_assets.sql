-- Briefs, audio jobs and their items, and stored audio assets.
-- A job's life: queued -> processing -> completed | failed | cancelled.
-- An item (the unit a worker claims) has the same states; a claimed item carries a lease.

CREATE TABLE brief (
    id          bigserial    PRIMARY KEY,
    title       text         NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    language    varchar(10)  NOT NULL DEFAULT 'en',
    created_at  timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE brief_item (
    id          bigserial    PRIMARY KEY,
    brief_id    bigint       NOT NULL REFERENCES brief (id) ON DELETE CASCADE,
    position    integer      NOT NULL CHECK (position >= 1),
    title       text,
    body        text         NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    UNIQUE (brief_id, position)
);

CREATE TABLE audio_asset (
    id              bigserial     PRIMARY KEY,
    storage_key     varchar(255)  NOT NULL UNIQUE,
    -- hash of prepared text + voice + engine + model version: equal keys mean equal audio
    cache_key       varchar(128)  NOT NULL UNIQUE,
    content_type    varchar(100)  NOT NULL DEFAULT 'audio/wav',
    size_bytes      bigint        NOT NULL CHECK (size_bytes >= 0),
    duration_ms     integer       NOT NULL CHECK (duration_ms >= 0),
    sample_rate     integer       NOT NULL CHECK (sample_rate > 0),
    engine          varchar(50)   NOT NULL,
    voice_id        varchar(100)  NOT NULL,
    created_at      timestamptz   NOT NULL DEFAULT now(),
    last_used_at    timestamptz   NOT NULL DEFAULT now(),
    play_count      bigint        NOT NULL DEFAULT 0
);

CREATE TABLE audio_job (
    id               bigserial     PRIMARY KEY,
    brief_id         bigint        NOT NULL REFERENCES brief (id) ON DELETE CASCADE,
    voice_id         varchar(100)  NOT NULL,
    status           varchar(20)   NOT NULL DEFAULT 'queued'
                     CHECK (status IN ('queued', 'processing', 'completed', 'failed', 'cancelled')),
    progress         integer       NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    total_items      integer       NOT NULL CHECK (total_items > 0),
    completed_items  integer       NOT NULL DEFAULT 0 CHECK (completed_items >= 0),
    failed_items     integer       NOT NULL DEFAULT 0 CHECK (failed_items >= 0),
    error_message    text,
    idempotency_key  varchar(255)  UNIQUE,
    created_at       timestamptz   NOT NULL DEFAULT now(),
    started_at       timestamptz,
    completed_at     timestamptz,
    updated_at       timestamptz   NOT NULL DEFAULT now(),
    CHECK (completed_items + failed_items <= total_items)
);

-- At most one unfinished job per brief and voice: concurrent "generate" calls converge on it.
CREATE UNIQUE INDEX audio_job_one_unfinished_per_brief_voice
    ON audio_job (brief_id, voice_id) WHERE status IN ('queued', 'processing');
CREATE INDEX audio_job_brief ON audio_job (brief_id, created_at DESC);

CREATE TABLE audio_job_item (
    id             bigserial    PRIMARY KEY,
    job_id         bigint       NOT NULL REFERENCES audio_job (id) ON DELETE CASCADE,
    brief_item_id  bigint       NOT NULL REFERENCES brief_item (id) ON DELETE CASCADE,
    position       integer      NOT NULL,
    state          varchar(20)  NOT NULL DEFAULT 'queued'
                   CHECK (state IN ('queued', 'processing', 'completed', 'failed', 'cancelled')),
    attempt        integer      NOT NULL DEFAULT 0 CHECK (attempt >= 0),
    max_attempts   integer      NOT NULL DEFAULT 3 CHECK (max_attempts >= 1),
    run_at         timestamptz  NOT NULL DEFAULT now(),
    lease_owner    varchar(200),
    lease_token    uuid,
    lease_until    timestamptz,
    last_error     text,
    asset_id       bigint       REFERENCES audio_asset (id) ON DELETE SET NULL,
    created_at     timestamptz  NOT NULL DEFAULT now(),
    started_at     timestamptz,
    finished_at    timestamptz,
    updated_at     timestamptz  NOT NULL DEFAULT now(),
    UNIQUE (job_id, brief_item_id),
    CHECK ((state = 'processing') = (lease_token IS NOT NULL AND lease_until IS NOT NULL))
);

-- The claim: oldest runnable queued items first.
CREATE INDEX audio_job_item_claimable ON audio_job_item (run_at, id) WHERE state = 'queued';
-- The reaper: leases that may have expired.
CREATE INDEX audio_job_item_leased ON audio_job_item (lease_until) WHERE state = 'processing';
CREATE INDEX audio_job_item_job ON audio_job_item (job_id, position);
CREATE INDEX audio_job_item_asset ON audio_job_item (asset_id) WHERE asset_id IS NOT NULL;
