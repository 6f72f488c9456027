-- Access control: tenants, API keys with scopes and limits, usage counters, feed tokens.
-- With auth off everything belongs to tenant 1 ("default").

CREATE TABLE tenant (
    id          bigserial     PRIMARY KEY,
    name        varchar(100)  NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9][a-z0-9_-]{0,99}$'),
    created_at  timestamptz   NOT NULL DEFAULT now()
);
INSERT INTO tenant (id, name) VALUES (1, 'default');
SELECT setval(pg_get_serial_sequence('tenant', 'id'), 1);

ALTER TABLE brief ADD COLUMN tenant_id BIGINT NOT NULL DEFAULT 1 REFERENCES tenant;
CREATE INDEX brief_tenant_newest ON brief (tenant_id, created_at DESC, id DESC);

-- A key is shown once; only its SHA-256 is kept. Keys are random (256 bits), so a plain hash is enough.
CREATE TABLE api_key (
    id                   bigserial     PRIMARY KEY,
    tenant_id            bigint        NOT NULL REFERENCES tenant,
    name                 varchar(200)  NOT NULL,
    key_hash             bytea         NOT NULL UNIQUE,
    scopes               text[]        NOT NULL CHECK (scopes <@ ARRAY['read', 'generate', 'admin']::text[]),
    operator             boolean       NOT NULL DEFAULT false,
    generate_per_minute  integer       NOT NULL DEFAULT 30 CHECK (generate_per_minute >= 0),
    characters_per_day   bigint        NOT NULL DEFAULT 1000000 CHECK (characters_per_day >= 0),
    expires_at           timestamptz,
    revoked_at           timestamptz,
    last_used_at         timestamptz,
    created_at           timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX api_key_tenant ON api_key (tenant_id, id);

-- Fixed-window counters shared by every API replica; one guarded upsert admits or refuses a unit.
CREATE TABLE api_key_usage (
    key_id        bigint       NOT NULL REFERENCES api_key ON DELETE CASCADE,
    limit_name    varchar(40)  NOT NULL,
    window_start  timestamptz  NOT NULL,
    used          bigint       NOT NULL CHECK (used >= 0),
    PRIMARY KEY (key_id, limit_name, window_start)
);

-- Podcast apps cannot send headers: a tenant's private feed URL holds one of these tokens.
CREATE TABLE feed_token (
    id          bigserial    PRIMARY KEY,
    tenant_id   bigint       NOT NULL REFERENCES tenant,
    token_hash  bytea        NOT NULL UNIQUE,
    name        varchar(200) NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);

-- The secret that signs audio links, shared by every replica unless briefaudio.auth.link-secret is set.
-- gen_random_uuid() draws from a cryptographic source: two of them give 244 random bits.
CREATE TABLE server_secret (
    name   varchar(50)  PRIMARY KEY,
    value  bytea        NOT NULL
);
INSERT INTO server_secret (name, value)
VALUES ('audio-links', decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));
