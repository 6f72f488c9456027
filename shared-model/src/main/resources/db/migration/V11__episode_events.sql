-- The episode is announced: episode.completed / episode.failed follow the job's completed (or failed) event,
-- on the SSE stream and to webhooks, written by a trigger on audio_episode like every other event.

ALTER TABLE audio_job_event DROP CONSTRAINT audio_job_event_type_check;
ALTER TABLE audio_job_event ADD CONSTRAINT audio_job_event_type_check
    CHECK (type IN ('progress', 'item', 'completed', 'failed', 'cancelled', 'episode.completed', 'episode.failed'));
-- On a completed or failed event: the job's episode was queued then, so an episode event will follow it.
ALTER TABLE audio_job_event ADD COLUMN episode_follows boolean NOT NULL DEFAULT false;

ALTER TABLE webhook DROP CONSTRAINT webhook_events_check;
ALTER TABLE webhook ADD CONSTRAINT webhook_events_check
    CHECK (events <@ ARRAY['job.completed', 'job.failed', 'item.completed', 'episode.completed', 'episode.failed']
           AND cardinality(events) >= 1);
ALTER TABLE webhook_delivery DROP CONSTRAINT webhook_delivery_event_type_check;
ALTER TABLE webhook_delivery ADD CONSTRAINT webhook_delivery_event_type_check
    CHECK (event_type IN ('job.completed', 'job.failed', 'item.completed', 'episode.completed', 'episode.failed'));

CREATE OR REPLACE FUNCTION audio_job_event_append(p_job_id bigint, p_type text, p_item_id bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    next_seq integer;
    hook_type text;
    follows boolean := false;
BEGIN
    -- The row lock serialises a job's appends (the transitions that call this already hold it).
    PERFORM 1 FROM audio_job WHERE id = p_job_id FOR UPDATE;
    SELECT coalesce(max(seq), 0) + 1 INTO next_seq FROM audio_job_event WHERE job_id = p_job_id;
    IF p_type IN ('completed', 'failed') THEN
        -- The statement that finished the job queued its episode (EpisodeQueue.QUEUE_FINISHED_JOBS).
        follows := EXISTS (SELECT 1 FROM audio_episode WHERE job_id = p_job_id AND state IN ('queued', 'processing'));
    END IF;
    INSERT INTO audio_job_event (job_id, seq, type, item_id, episode_follows)
    VALUES (p_job_id, next_seq, p_type, p_item_id, follows);

    hook_type := CASE
        WHEN p_type = 'completed' THEN 'job.completed'
        WHEN p_type = 'failed' THEN 'job.failed'
        WHEN p_type IN ('episode.completed', 'episode.failed') THEN p_type
        WHEN p_type = 'item' AND (SELECT state FROM audio_job_item WHERE id = p_item_id) = 'completed'
            THEN 'item.completed'
        END;
    IF hook_type IS NOT NULL THEN
        INSERT INTO webhook_delivery (webhook_id, event_type, job_id, item_id)
        SELECT w.id, hook_type, p_job_id, p_item_id
        FROM webhook w
        JOIN audio_job j ON j.id = p_job_id
        JOIN brief b ON b.id = j.brief_id
        WHERE hook_type = ANY (w.events) AND w.tenant_id = b.tenant_id;
        IF FOUND THEN
            PERFORM pg_notify('webhook_deliveries', p_job_id::text);
        END IF;
    END IF;
    PERFORM pg_notify('audio_job_events', p_job_id || ':' || next_seq);
END $$;

CREATE FUNCTION audio_episode_settled() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM audio_job_event_append(NEW.job_id, 'episode.' || NEW.state, NULL);
    RETURN NULL;
END $$;

CREATE TRIGGER audio_episode_event_on_settle AFTER UPDATE OF state ON audio_episode FOR EACH ROW
    WHEN (OLD.state IS DISTINCT FROM NEW.state AND NEW.state IN ('completed', 'failed'))
    EXECUTE FUNCTION audio_episode_settled();
