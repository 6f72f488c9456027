-- Custom voices and webhooks were built beside access control: their tenant_id columns (default 1, the
-- "default" tenant) now reference tenant, and a job's webhook messages go only to its own tenant's webhooks.
ALTER TABLE custom_voice ADD CONSTRAINT custom_voice_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id);
ALTER TABLE webhook ADD CONSTRAINT webhook_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id);
CREATE INDEX webhook_tenant ON webhook (tenant_id);

CREATE OR REPLACE FUNCTION audio_job_event_append(p_job_id bigint, p_type text, p_item_id bigint) RETURNS void
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
