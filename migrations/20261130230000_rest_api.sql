-- REST API v1: personal access tokens gain a scope (read-only or read-write; existing tokens keep writing) and an
-- optional expiry; POST /api/v1/tasks remembers its Idempotency-Key answers for a day.

ALTER TABLE api_tokens
    ADD COLUMN scope      TEXT NOT NULL DEFAULT 'write' CHECK (scope IN ('read', 'write')),
    ADD COLUMN expires_at TIMESTAMPTZ;

-- One row per (owner, key): the first request's fingerprint and, once it finished, its answer. A retry with the
-- same key gets that answer; the same key with another body is a conflict.
CREATE TABLE idempotency_keys (
    owner_id     BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key          TEXT        NOT NULL CHECK (char_length(key) BETWEEN 1 AND 255),
    request_hash TEXT        NOT NULL,
    -- NULL while the first request is still running.
    status       SMALLINT,
    body         TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (owner_id, key)
);
-- Matches the clean-up of keys older than a day.
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
