-- Mixed fleets (issue 25): every job names its engine, and a worker claims only its engine's items.
-- Engine names are routing keys, not the engines' own names: espeak (eSpeak NG), xtts (XTTS v2), kokoro
-- (Kokoro-82M). The shared Engine enum in shared-model lists the same three.

-- The job's engine, fixed at enqueue and never changed (a retry keeps it). The API always names it; the default is
-- only for rows written by code that predates engines.
ALTER TABLE audio_job ADD COLUMN engine varchar(20) NOT NULL DEFAULT 'espeak'
    CHECK (engine IN ('espeak', 'xtts', 'kokoro'));

-- Existing jobs: a custom voice is spoken by XTTS; otherwise the engine that spoke most of the job's audio;
-- otherwise the engine of the running workers when they all run one; otherwise eSpeak NG.
UPDATE audio_job j SET engine = CASE
    WHEN j.voice_id LIKE 'custom-%' THEN 'xtts'
    ELSE coalesce(
        (SELECT CASE WHEN a.engine LIKE 'xtts%' THEN 'xtts' WHEN a.engine LIKE 'kokoro%' THEN 'kokoro' ELSE 'espeak' END
         FROM audio_job_item i JOIN audio_asset a ON a.id = i.asset_id
         WHERE i.job_id = j.id
         GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1),
        (SELECT min(CASE WHEN w.engine LIKE 'xtts%' THEN 'xtts' WHEN w.engine LIKE 'kokoro%' THEN 'kokoro' ELSE 'espeak' END)
         FROM worker_engine w WHERE w.heartbeat_at > now() - interval '2 minutes'
         HAVING count(DISTINCT CASE WHEN w.engine LIKE 'xtts%' THEN 'xtts' WHEN w.engine LIKE 'kokoro%' THEN 'kokoro'
                                    ELSE 'espeak' END) = 1),
        'espeak')
    END;

CREATE FUNCTION audio_job_engine_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audio_job % has engine %: a job''s engine is fixed at enqueue', OLD.id, OLD.engine
        USING ERRCODE = 'check_violation';
END $$;

CREATE TRIGGER audio_job_engine_is_fixed BEFORE UPDATE OF engine ON audio_job FOR EACH ROW
    WHEN (OLD.engine IS DISTINCT FROM NEW.engine)
    EXECUTE FUNCTION audio_job_engine_fixed();

-- One unfinished job per brief, voice, format and engine: the same voice on another engine is another job.
DROP INDEX audio_job_one_unfinished_per_brief_voice;
CREATE UNIQUE INDEX audio_job_one_unfinished_per_brief_voice
    ON audio_job (brief_id, voice_id, format, engine) WHERE status IN ('queued', 'processing');

-- The item carries its job's engine and whether it needs a worker that can clone (a custom voice), so that the
-- claim filters and orders on one index without reading the job. Both are copied from the job when the item is
-- inserted (trigger below), whoever inserts it.
-- spoken_engine and spoken_by: which engine and which worker completed the item (null until then).
ALTER TABLE audio_job_item ADD COLUMN engine varchar(20) CHECK (engine IN ('espeak', 'xtts', 'kokoro'));
ALTER TABLE audio_job_item ADD COLUMN needs_clone boolean NOT NULL DEFAULT false;
ALTER TABLE audio_job_item ADD COLUMN spoken_engine varchar(20) CHECK (spoken_engine IN ('espeak', 'xtts', 'kokoro'));
ALTER TABLE audio_job_item ADD COLUMN spoken_by varchar(200);

UPDATE audio_job_item i SET engine = j.engine, needs_clone = j.voice_id LIKE 'custom-%'
FROM audio_job j WHERE j.id = i.job_id;
ALTER TABLE audio_job_item ALTER COLUMN engine SET NOT NULL;

CREATE FUNCTION audio_job_item_route() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT j.engine, j.voice_id LIKE 'custom-%' INTO NEW.engine, NEW.needs_clone FROM audio_job j WHERE j.id = NEW.job_id;
    RETURN NEW;
END $$;

CREATE TRIGGER audio_job_item_route_on_insert BEFORE INSERT ON audio_job_item FOR EACH ROW
    EXECUTE FUNCTION audio_job_item_route();

CREATE FUNCTION audio_job_item_route_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audio_job_item % routes to engine %: an item''s engine is its job''s', OLD.id, OLD.engine
        USING ERRCODE = 'check_violation';
END $$;

CREATE TRIGGER audio_job_item_route_is_fixed BEFORE UPDATE OF engine, needs_clone ON audio_job_item FOR EACH ROW
    WHEN (OLD.engine IS DISTINCT FROM NEW.engine OR OLD.needs_clone IS DISTINCT FROM NEW.needs_clone)
    EXECUTE FUNCTION audio_job_item_route_fixed();

-- The claim: one engine's runnable items, highest priority first, then oldest. The equality on engine leads, so
-- each engine's claim reads only its own part of the index.
DROP INDEX audio_job_item_claimable;
CREATE INDEX audio_job_item_claimable ON audio_job_item (engine, priority DESC, run_at, id) WHERE state = 'queued';

-- What each worker can speak: worker_engine.engine becomes the routing key (it held the engines' own names,
-- espeak-ng and xtts-v2), and the heartbeat carries the presets the engine maps and its own voices (speaker
-- names for XTTS, voice packs for Kokoro), which GET /api/voices lists as ENGINE:NAME.
UPDATE worker_engine SET engine = CASE
    WHEN engine LIKE 'xtts%' THEN 'xtts' WHEN engine LIKE 'kokoro%' THEN 'kokoro' ELSE 'espeak' END;
ALTER TABLE worker_engine ADD COLUMN presets text[] NOT NULL DEFAULT '{}';
ALTER TABLE worker_engine ADD COLUMN voices text[] NOT NULL DEFAULT '{}';
CREATE INDEX worker_engine_fresh ON worker_engine (engine, heartbeat_at);
