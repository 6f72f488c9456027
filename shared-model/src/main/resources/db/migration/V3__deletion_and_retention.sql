-- Deleting a brief cascades from brief_item to audio_job_item by brief_item_id; without this index every
-- deleted item scans the whole audio_job_item table.
CREATE INDEX audio_job_item_brief_item ON audio_job_item (brief_item_id);
-- Job retention looks for finished jobs by age.
CREATE INDEX audio_job_finished ON audio_job (coalesce(completed_at, updated_at))
    WHERE status IN ('completed', 'failed', 'cancelled');
-- Brief retention (when configured) looks for briefs by age.
CREATE INDEX brief_created ON brief (created_at);
