-- Per-attempt error history of items, and waiting out infrastructure outages without spending attempts.

-- Every failed attempt as {attempt, error, worker, at, kind}, oldest first, kept across retries (the
-- newest 25; last_error still holds the latest).
ALTER TABLE audio_job_item ADD COLUMN errors jsonb NOT NULL DEFAULT '[]'::jsonb
    CHECK (jsonb_typeof(errors) = 'array');
-- Start of the current unbroken run of infrastructure errors (storage, database); NULL when none. While
-- it is younger than the worker's transient-retry window the item waits in 'queued' and its attempt is
-- not charged.
ALTER TABLE audio_job_item ADD COLUMN waiting_since timestamptz;
-- Infrastructure errors in that run: drives the capped backoff between them.
ALTER TABLE audio_job_item ADD COLUMN infra_failures integer NOT NULL DEFAULT 0 CHECK (infra_failures >= 0);
