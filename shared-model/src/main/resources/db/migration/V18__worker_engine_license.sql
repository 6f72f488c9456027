-- Issue 26: each worker announces the licence of the model its engine runs (Apache-2.0 for Kokoro-82M's weights and
-- voices, CPML for XTTS v2's, GPL-3.0-or-later for eSpeak NG), so that GET /api/voices can show an operator what may
-- be published. Null in rows written by workers that predate it (the API then shows no licence).
ALTER TABLE worker_engine ADD COLUMN license varchar(100);
