-- Listening analytics, counted the way podcast hosts count (IAB Tech Lab Podcast Measurement v2.1; docs/listening.md).
--
-- A listener is a SHA-256 of the day's salt, the client address and its User-Agent: no address is stored, and once a
-- day's salt is forgotten (the API's hourly maintenance) its hashes cannot be linked to anyone any more.
-- A download is one audio object (an item, or the episode: position 0) of one job, fetched by one listener on one
-- UTC day, counted once the byte spans delivered to that listener add up to a minute of audio (or the whole file).
-- Counts belong to the job, so two briefs (or tenants) sharing a cached file each keep their own.

CREATE TABLE listener_salt (
    day   date   PRIMARY KEY,
    salt  bytea  NOT NULL
);

-- Byte spans [first_byte, end_byte) served to a listener that has not reached a download yet; forgotten once it
-- has, and after the day.
CREATE TABLE audio_delivery (
    id          bigserial    PRIMARY KEY,
    job_id      bigint       NOT NULL REFERENCES audio_job (id) ON DELETE CASCADE,
    position    integer      NOT NULL CHECK (position >= 0),
    day         date         NOT NULL,
    listener    varchar(64)  NOT NULL,
    first_byte  bigint       NOT NULL CHECK (first_byte >= 0),
    end_byte    bigint       NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    CHECK (end_byte > first_byte)
);
CREATE INDEX audio_delivery_key ON audio_delivery (job_id, position, day, listener);
CREATE INDEX audio_delivery_day ON audio_delivery (day);

CREATE TABLE audio_download (
    id          bigserial    PRIMARY KEY,
    job_id      bigint       NOT NULL REFERENCES audio_job (id) ON DELETE CASCADE,
    tenant_id   bigint       NOT NULL REFERENCES tenant (id),
    position    integer      NOT NULL CHECK (position >= 0),
    day         date         NOT NULL,
    listener    varchar(64)  NOT NULL,
    via_feed    boolean      NOT NULL DEFAULT false,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    UNIQUE (job_id, position, day, listener)
);
CREATE INDEX audio_download_tenant_day ON audio_download (tenant_id, day);

-- The old counter counted per cached file (shared by every brief reusing it) and counted metadata preloads.
ALTER TABLE audio_asset DROP COLUMN play_count;
