-- Listening: a job's audio format, and the whole-brief episode assembled when a job finishes.

ALTER TABLE audio_job ADD COLUMN format varchar(8) NOT NULL DEFAULT 'wav'
    CHECK (format IN ('wav', 'mp3', 'opus', 'm4a'));

-- One unfinished job per brief, voice and format: asking for MP3 while a WAV job runs is a new job.
DROP INDEX audio_job_one_unfinished_per_brief_voice;
CREATE UNIQUE INDEX audio_job_one_unfinished_per_brief_voice
    ON audio_job (brief_id, voice_id, format) WHERE status IN ('queued', 'processing');

-- The episode of a job: a task claimed like an item (tts-worker's EpisodeQueue is its state machine):
-- queued -> processing -> completed | failed; a lease fences a replica that lost it.
-- At most one per job: a job that finishes again (after a retry) requeues its row.
CREATE TABLE audio_episode (
    id            bigserial    PRIMARY KEY,
    job_id        bigint       NOT NULL UNIQUE REFERENCES audio_job (id) ON DELETE CASCADE,
    format        varchar(8)   NOT NULL CHECK (format IN ('mp3', 'opus', 'm4a')),
    state         varchar(20)  NOT NULL DEFAULT 'queued'
                  CHECK (state IN ('queued', 'processing', 'completed', 'failed')),
    attempt       integer      NOT NULL DEFAULT 0 CHECK (attempt >= 0),
    max_attempts  integer      NOT NULL DEFAULT 3 CHECK (max_attempts >= 1),
    run_at        timestamptz  NOT NULL DEFAULT now(),
    lease_owner   varchar(200),
    lease_token   uuid,
    lease_until   timestamptz,
    last_error    text,
    asset_id      bigint       REFERENCES audio_asset (id) ON DELETE SET NULL,
    duration_ms   integer      CHECK (duration_ms >= 0),
    -- [{"title": "...", "start_ms": 0}, ...] in playing order
    chapters      jsonb,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    started_at    timestamptz,
    finished_at   timestamptz,
    updated_at    timestamptz  NOT NULL DEFAULT now(),
    CHECK ((state = 'processing') = (lease_token IS NOT NULL AND lease_until IS NOT NULL))
);

CREATE INDEX audio_episode_claimable ON audio_episode (run_at, id) WHERE state = 'queued';
CREATE INDEX audio_episode_leased ON audio_episode (lease_until) WHERE state = 'processing';
-- The feed: newest finished episodes first.
CREATE INDEX audio_episode_finished ON audio_episode (finished_at DESC) WHERE state = 'completed';
CREATE INDEX audio_episode_asset ON audio_episode (asset_id) WHERE asset_id IS NOT NULL;
