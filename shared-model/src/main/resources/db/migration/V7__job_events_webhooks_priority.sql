-- Live job events (SSE), the webhook outbox, and item priority (OpenAI-compatible speech requests).
--
-- Events and outbox rows are written by triggers, so every transition - the worker's ItemQueue, the API's
-- cancel and retry - records them in its own transaction, whoever runs it.

-- Priority: the claim orders by it first (higher first), then by run_at and id as before.
ALTER TABLE audio_job_item ADD COLUMN priority smallint NOT NULL DEFAULT 0;
DROP INDEX audio_job_item_claimable;
CREATE INDEX audio_job_item_claimable ON audio_job_item (priority DESC, run_at, id) WHERE state = 'queued';

-- Briefs created for one speech request (POST /v1/audio/speech) are not listed with people's briefs.
ALTER TABLE brief ADD COLUMN origin varchar(20) NOT NULL DEFAULT 'brief' CHECK (origin IN ('brief', 'speech'));

-- A job's events, numbered per job. The job's row lock serialises appends, so a larger seq always commits
-- later: a subscriber that has seen seq N and asks for "> N" never misses one (the SSE event id is seq).
CREATE TABLE audio_job_event (
    job_id      bigint       NOT NULL REFERENCES audio_job (id) ON DELETE CASCADE,
    seq         integer      NOT NULL CHECK (seq >= 1),
    type        varchar(20)  NOT NULL CHECK (type IN ('progress', 'item', 'completed', 'failed', 'cancelled')),
    item_id     bigint       REFERENCES audio_job_item (id) ON DELETE CASCADE,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (job_id, seq)
);

CREATE TABLE webhook (
    id          bigserial     PRIMARY KEY,
    tenant_id   bigint        NOT NULL DEFAULT 1,
    url         text          NOT NULL CHECK (length(url) BETWEEN 1 AND 2000),
    events      text[]        NOT NULL CHECK (events <@ ARRAY['job.completed', 'job.failed', 'item.completed']
                                              AND cardinality(events) >= 1),
    secret      varchar(100)  NOT NULL,
    created_at  timestamptz   NOT NULL DEFAULT now()
);

-- One message to one webhook. Its life (webhooks/DeliveryQueue.java):
--   pending --claim--> delivering --succeed--> delivered
--                      delivering --fail-----> pending (backoff) | failed (retried for the whole window)
--                      delivering --reap-----> pending            when the dispatcher died mid-delivery
CREATE TABLE webhook_delivery (
    id                bigserial     PRIMARY KEY,
    webhook_id        bigint        NOT NULL REFERENCES webhook (id) ON DELETE CASCADE,
    message_id        varchar(64)   NOT NULL UNIQUE DEFAULT 'msg_' || replace(gen_random_uuid()::text, '-', ''),
    event_type        varchar(30)   NOT NULL CHECK (event_type IN ('job.completed', 'job.failed', 'item.completed')),
    job_id            bigint        NOT NULL REFERENCES audio_job (id) ON DELETE CASCADE,
    item_id           bigint        REFERENCES audio_job_item (id) ON DELETE CASCADE,
    state             varchar(20)   NOT NULL DEFAULT 'pending'
                      CHECK (state IN ('pending', 'delivering', 'delivered', 'failed')),
    attempt           integer       NOT NULL DEFAULT 0 CHECK (attempt >= 0),
    next_attempt_at   timestamptz   NOT NULL DEFAULT now(),
    lease_token       uuid,
    lease_until       timestamptz,
    -- the body, fixed by the first attempt so that every retry sends the same bytes under the same id
    payload           text,
    last_status_code  integer,
    last_error        text,
    created_at        timestamptz   NOT NULL DEFAULT now(),
    delivered_at      timestamptz,
    updated_at        timestamptz   NOT NULL DEFAULT now(),
    CHECK ((state = 'delivering') = (lease_token IS NOT NULL AND lease_until IS NOT NULL))
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_delivery_leased ON webhook_delivery (lease_until) WHERE state = 'delivering';
CREATE INDEX webhook_delivery_recent ON webhook_delivery (webhook_id, id DESC);

-- Every attempt is kept, so that a receiver's owner can see what we got back each time.
CREATE TABLE webhook_attempt (
    id             bigserial    PRIMARY KEY,
    delivery_id    bigint       NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
    attempt        integer      NOT NULL,
    response_code  integer,
    error          text,
    duration_ms    integer      NOT NULL,
    attempted_at   timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX webhook_attempt_delivery ON webhook_attempt (delivery_id, attempt);

-- Appends one event to a job, queues the webhook messages it implies, and wakes the API instances.
CREATE FUNCTION audio_job_event_append(p_job_id bigint, p_type text, p_item_id bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    next_seq integer;
    hook_type text;
BEGIN
    -- The row lock serialises a job's appends (the transitions that call this already hold it).
    PERFORM 1 FROM audio_job WHERE id = p_job_id FOR UPDATE;
    SELECT coalesce(max(seq), 0) + 1 INTO next_seq FROM audio_job_event WHERE job_id = p_job_id;
    INSERT INTO audio_job_event (job_id, seq, type, item_id) VALUES (p_job_id, next_seq, p_type, p_item_id);

    hook_type := CASE
        WHEN p_type = 'completed' THEN 'job.completed'
        WHEN p_type = 'failed' THEN 'job.failed'
        WHEN p_type = 'item' AND (SELECT state FROM audio_job_item WHERE id = p_item_id) = 'completed'
            THEN 'item.completed'
        END;
    IF hook_type IS NOT NULL THEN
        INSERT INTO webhook_delivery (webhook_id, event_type, job_id, item_id)
        SELECT w.id, hook_type, p_job_id, p_item_id FROM webhook w WHERE hook_type = ANY (w.events);
        IF FOUND THEN
            PERFORM pg_notify('webhook_deliveries', p_job_id::text);
        END IF;
    END IF;
    PERFORM pg_notify('audio_job_events', p_job_id || ':' || next_seq);
END $$;

CREATE FUNCTION audio_job_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM audio_job_event_append(NEW.id,
        CASE WHEN NEW.status IN ('completed', 'failed', 'cancelled') THEN NEW.status ELSE 'progress' END, NULL);
    RETURN NULL;
END $$;

CREATE TRIGGER audio_job_event_on_change AFTER UPDATE ON audio_job FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status
          OR OLD.completed_items IS DISTINCT FROM NEW.completed_items
          OR OLD.failed_items IS DISTINCT FROM NEW.failed_items)
    EXECUTE FUNCTION audio_job_changed();

CREATE FUNCTION audio_job_item_finished() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM audio_job_event_append(NEW.job_id, 'item', NEW.id);
    RETURN NULL;
END $$;

CREATE TRIGGER audio_job_item_event_on_finish AFTER UPDATE OF state ON audio_job_item FOR EACH ROW
    WHEN (OLD.state IS DISTINCT FROM NEW.state AND NEW.state IN ('completed', 'failed'))
    EXECUTE FUNCTION audio_job_item_finished();
