-- Personal access tokens for the MCP server. Only a SHA-256 of each token is stored: the token itself is
-- shown to its owner once, at creation. Tokens are 32 random bytes, so a plain (unsalted) hash is enough.

CREATE TABLE api_tokens (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    -- Hex SHA-256 of the whole token; what a request's bearer token is looked up by.
    token_hash   TEXT        NOT NULL UNIQUE CHECK (char_length(token_hash) = 64),
    -- The token's first characters, so its owner can tell tokens apart in the list.
    prefix       TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);
-- Matches the settings page's list: one user's live tokens.
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id, created_at DESC) WHERE revoked_at IS NULL;
