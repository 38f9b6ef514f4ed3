-- Chat history of the assistant: one user has conversations, a conversation has messages.

CREATE TABLE conversations (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- Matches "the user's latest conversation".
CREATE INDEX conversations_user_latest_idx ON conversations (user_id, created_at DESC, id DESC);

CREATE TABLE messages (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conversation_id BIGINT      NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    role            TEXT        NOT NULL CHECK (role IN ('user', 'assistant')),
    content         TEXT        NOT NULL CHECK (char_length(content) <= 20000),
    -- The MCP tool calls behind an assistant reply: [{name, arguments, summary, is_error}].
    tool_calls      JSONB       NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(tool_calls) = 'array'),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- Matches "the last N messages of a conversation".
CREATE INDEX messages_conversation_idx ON messages (conversation_id, id);
