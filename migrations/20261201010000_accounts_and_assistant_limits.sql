-- Accounts (issue 9 item 5) and the assistant's limits (items 3 and 6).

-- Each session row names its user (NULL for a visitor's session), so all of a user's sessions can be ended at
-- once: a password change ends the others, "sign out everywhere" ends them all, and deleting the account deletes
-- them with it. Written by the app's own session store (todo_store::sessions) from the session's data.
ALTER TABLE sessions ADD COLUMN user_id BIGINT REFERENCES users (id) ON DELETE CASCADE;
CREATE INDEX sessions_user_idx ON sessions (user_id) WHERE user_id IS NOT NULL;

-- The deletions the assistant makes in one turn share a batch: a deletion in the same batch does not purge the
-- earlier ones, so one undo restores the whole turn. NULL for a deletion on its own (the task page, REST, MCP
-- clients that name no batch).
ALTER TABLE tasks ADD COLUMN deletion_batch TEXT CHECK (char_length(deletion_batch) <= 100);

-- One assistant turn in flight per user, over every replica: a row while a turn runs. A row older than a turn can
-- last (a replica died mid-turn) is taken over.
CREATE TABLE assistant_turns (
    user_id    BIGINT      PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    started_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
