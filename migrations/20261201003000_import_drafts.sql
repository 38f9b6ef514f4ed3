-- Imports from Settings: the uploaded file waits here between its preview and the confirm button (one per user: a
-- new upload replaces it); a file refused whole leaves its reason instead, for the preview page to show. The id in the confirm form must match, so a preview never applies a later upload.
-- Drafts older than a day are deleted by the hourly clean-up.
CREATE TABLE import_drafts (
    owner_id   BIGINT      PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    id         BIGINT      GENERATED ALWAYS AS IDENTITY UNIQUE,
    file_name  TEXT        NOT NULL CHECK (char_length(file_name) <= 255),
    -- todo_transfer::import::ImportFormat::as_str, or '' to tell it from the file.
    format     TEXT        NOT NULL CHECK (char_length(format) <= 20),
    -- At most todo_transfer::MAX_IMPORT_BYTES (1 MiB).
    body       TEXT        NOT NULL CHECK (octet_length(body) <= 1048576),
    -- Why the file was refused whole (then body is empty).
    error      TEXT        CHECK (char_length(error) <= 2000),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- Matches the clean-up.
CREATE INDEX import_drafts_created_idx ON import_drafts (created_at);
