-- Retention scans assets by last use, oldest first; without this it reads the whole table every run.
CREATE INDEX audio_asset_last_used ON audio_asset (last_used_at);
