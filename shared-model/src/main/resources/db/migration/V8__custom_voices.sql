-- Custom voices cloned from a reference clip (issue 16).
-- A voice's life: preparing -> ready | failed. It becomes ready when a worker that can clone has computed its
-- embeddings (the voice_preparation task, claimed with a lease like an audio_job_item).
-- The clip itself lives in the audio storage under clip_key, never in the database.

CREATE TABLE custom_voice (
    id                 varchar(64)   PRIMARY KEY,
    tenant_id          bigint        NOT NULL DEFAULT 1,
    name               text          NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    description        text          CHECK (length(description) <= 500),
    language           varchar(10),
    base_preset        varchar(20)   NOT NULL DEFAULT 'professional',
    clip_key           varchar(255)  NOT NULL,
    clip_content_type  varchar(100)  NOT NULL,
    clip_bytes         bigint        NOT NULL CHECK (clip_bytes > 0),
    consent_at         timestamptz   NOT NULL,
    status             varchar(20)   NOT NULL DEFAULT 'preparing'
                       CHECK (status IN ('preparing', 'ready', 'failed')),
    error_message      text,
    created_at         timestamptz   NOT NULL DEFAULT now(),
    updated_at         timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX custom_voice_tenant ON custom_voice (tenant_id, created_at);

-- The preparation task: queued -> processing -> completed | failed, or back to queued on a retryable error.
CREATE TABLE voice_preparation (
    id             bigserial     PRIMARY KEY,
    voice_id       varchar(64)   NOT NULL UNIQUE REFERENCES custom_voice (id) ON DELETE CASCADE,
    state          varchar(20)   NOT NULL DEFAULT 'queued'
                   CHECK (state IN ('queued', 'processing', 'completed', 'failed')),
    attempt        integer       NOT NULL DEFAULT 0 CHECK (attempt >= 0),
    max_attempts   integer       NOT NULL DEFAULT 3 CHECK (max_attempts >= 1),
    run_at         timestamptz   NOT NULL DEFAULT now(),
    lease_owner    varchar(200),
    lease_token    uuid,
    lease_until    timestamptz,
    last_error     text,
    created_at     timestamptz   NOT NULL DEFAULT now(),
    started_at     timestamptz,
    finished_at    timestamptz,
    updated_at     timestamptz   NOT NULL DEFAULT now(),
    CHECK ((state = 'processing') = (lease_token IS NOT NULL AND lease_until IS NOT NULL))
);
CREATE INDEX voice_preparation_claimable ON voice_preparation (run_at, id) WHERE state = 'queued';
CREATE INDEX voice_preparation_leased ON voice_preparation (lease_until) WHERE state = 'processing';

-- Embeddings per voice and engine model version, computed once and reused. digest (sha256 of both arrays)
-- goes into the cache key of every audio made with the voice.
CREATE TABLE voice_embedding (
    voice_id           varchar(64)   NOT NULL REFERENCES custom_voice (id) ON DELETE CASCADE,
    model_version      varchar(200)  NOT NULL,
    cond_latent        bytea         NOT NULL,
    speaker_embedding  bytea         NOT NULL,
    digest             varchar(64)   NOT NULL,
    created_at         timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (voice_id, model_version)
);

-- What each running worker can speak, refreshed by its heartbeat; the API reads it to say which voices
-- the running engines can speak.
CREATE TABLE worker_engine (
    worker_id      varchar(200)  PRIMARY KEY,
    engine         varchar(50)   NOT NULL,
    model_version  varchar(200)  NOT NULL,
    can_clone      boolean       NOT NULL,
    heartbeat_at   timestamptz   NOT NULL DEFAULT now()
);
