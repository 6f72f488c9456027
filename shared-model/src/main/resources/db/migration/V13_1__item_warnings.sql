-- What the listener of an item will not hear as written (issue 28): e.g. a lexicon entry with only an IPA
-- pronunciation on an engine that cannot speak IPA. One warning per line; NULL when there are none.
ALTER TABLE audio_job_item ADD COLUMN warnings text;
