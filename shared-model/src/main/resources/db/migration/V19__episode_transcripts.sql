-- Issue 27: the captions of an assembled episode, one per spoken sentence as written, placed in the episode:
-- [{"start_ms": 0, "end_ms": 1840, "text": "Daily brief."}, …]. The worker writes them with the episode; the
-- api-service serves them as WebVTT, SRT and Podcasting 2.0 JSON. NULL for episodes assembled before.
-- (Items need no column: each asset's speech timing is stored beside its audio object.)
ALTER TABLE audio_episode ADD COLUMN transcript jsonb;
