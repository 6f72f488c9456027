-- The quality gate (issue 29): what the checks found in each narration, as the job status shows it:
-- {"status": "ok"|"warn"|"fail", "checks": [{"name", "value", "limit", "sentence"}], "resynthesized": n}.
-- NULL where the gate did not run (audio made before it existed, or with briefaudio.quality.enabled=false).

-- On the asset, so that an item reusing cached audio reports what that audio was made with.
ALTER TABLE audio_asset ADD COLUMN quality jsonb CHECK (jsonb_typeof(quality) = 'object');
-- On the item: its latest attempt's report (a failed attempt's too, whose error kind is then "quality").
ALTER TABLE audio_job_item ADD COLUMN quality jsonb CHECK (jsonb_typeof(quality) = 'object');
