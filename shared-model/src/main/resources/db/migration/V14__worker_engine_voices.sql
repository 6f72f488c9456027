-- What a worker's engine offers beyond the presets, so the API can list and check it (Kokoro, issue 26):
-- the model's own voices as request ids (kokoro:NAME) and the licence of the weights it runs (Apache-2.0, CPML, ...).
ALTER TABLE worker_engine
    ADD COLUMN voices  text[] NOT NULL DEFAULT '{}',
    ADD COLUMN license varchar(100);
