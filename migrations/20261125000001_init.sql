-- Accounts, server-side sessions and tasks.

CREATE TABLE users (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email         TEXT        NOT NULL CHECK (char_length(email) BETWEEN 3 AND 254),
    password_hash TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- Emails are stored lower-cased by the application; the index makes uniqueness hold regardless.
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- Session records written by tower-sessions' PostgresStore (schema "public", table "sessions").
-- Created here rather than by the store so every replica shares one migration history.
CREATE TABLE sessions (
    id          TEXT        PRIMARY KEY NOT NULL,
    data        BYTEA       NOT NULL,
    expiry_date TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_expiry_date_idx ON sessions (expiry_date);

CREATE TABLE tasks (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id     BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title        TEXT        NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    description  TEXT        CHECK (char_length(description) <= 1000),
    done         BOOLEAN     NOT NULL DEFAULT false,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    completed_at TIMESTAMPTZ,
    -- Set when a task is deleted; the owner's latest deletion can be undone until it is purged.
    deleted_at   TIMESTAMPTZ
);
-- Matches the list query: one owner's live tasks, newest first.
CREATE INDEX tasks_owner_live_idx ON tasks (owner_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX tasks_owner_deleted_idx ON tasks (owner_id, deleted_at) WHERE deleted_at IS NOT NULL;
