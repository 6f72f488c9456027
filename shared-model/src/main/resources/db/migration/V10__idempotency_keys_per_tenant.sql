-- Idempotency keys belong to a tenant: the same key sent by two tenants names two different requests, and one
-- tenant's key can neither find, reveal nor pre-claim another's. Until now audio_job.idempotency_key held tenant
-- 1's keys as sent and every other tenant's as 'tenant-{id}:{hex SHA-256 of the key}', all in one unique
-- namespace, so a crafted key reached across tenants. Only a key's SHA-256 is kept now (the key is a client's
-- string; equality is all that is needed), under the job's tenant.
CREATE TABLE job_idempotency_key (
    tenant_id   bigint  NOT NULL REFERENCES tenant (id),
    key_sha256  bytea   NOT NULL CHECK (octet_length(key_sha256) = 32),
    job_id      bigint  NOT NULL UNIQUE REFERENCES audio_job (id) ON DELETE CASCADE,
    PRIMARY KEY (tenant_id, key_sha256)
);

-- Tenant 1 stored its keys as sent: hash them. Other tenants stored 'tenant-{their id}:{hex digest}': keep the
-- digest. A key that fits neither (none should) is hashed as it stands, so no row is lost.
INSERT INTO job_idempotency_key (tenant_id, key_sha256, job_id)
SELECT b.tenant_id,
       CASE WHEN b.tenant_id <> 1
                 AND j.idempotency_key ~ ('^tenant-' || b.tenant_id || ':[0-9a-f]{64}$')
            THEN decode(right(j.idempotency_key, 64), 'hex')
            ELSE sha256(convert_to(j.idempotency_key, 'UTF8'))
       END,
       j.id
FROM audio_job j
JOIN brief b ON b.id = j.brief_id
WHERE j.idempotency_key IS NOT NULL;

ALTER TABLE audio_job DROP COLUMN idempotency_key;
