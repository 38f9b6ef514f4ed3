-- Organise tasks (issue 12): a time zone per user; priority, due date/time, recurrence and full-text search on
-- tasks; per-user tags. Existing rows keep everything they had and get: time zone UTC, priority none (0), no due
-- date, no repeat, no tags.

ALTER TABLE users
    ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC' CHECK (char_length(time_zone) BETWEEN 1 AND 64);

ALTER TABLE tasks
    -- todo_domain::Priority::as_i16: 0 none, 1 low, 2 medium, 3 high, 4 urgent.
    ADD COLUMN priority    SMALLINT NOT NULL DEFAULT 0 CHECK (priority BETWEEN 0 AND 4),
    -- Local wall-clock date and time in the owner's zone (a time needs a date).
    ADD COLUMN due_date    DATE,
    ADD COLUMN due_time    TIME,
    -- todo_domain::Recurrence::to_rrule; a repeat needs a due date (its first occurrence).
    ADD COLUMN recurrence  TEXT CHECK (char_length(recurrence) <= 500),
    ADD COLUMN repeat_from TEXT NOT NULL DEFAULT 'due' CHECK (repeat_from IN ('due', 'completion')),
    -- Occurrences of the series so far, this one included (the first task is 1): what COUNT is checked against.
    ADD COLUMN occurrence  INTEGER NOT NULL DEFAULT 1 CHECK (occurrence >= 1),
    -- The occurrence this one was created from by completing it. UNIQUE: a task has at most one next occurrence,
    -- so a double submit or two concurrent completions cannot create two (the link to the next occurrence is
    -- "the task whose previous_id is me").
    ADD COLUMN previous_id BIGINT UNIQUE REFERENCES tasks (id) ON DELETE SET NULL,
    -- Sort key of the due sort: date-only tasks sort at the end of their day; undated ones after every date.
    ADD COLUMN due_sort    TIMESTAMP GENERATED ALWAYS AS
        (COALESCE(due_date + COALESCE(due_time, TIME '23:59:59'), TIMESTAMP 'infinity')) STORED,
    -- Full-text search over title and description. The 'simple' configuration (lower-casing, no stemming, no stop
    -- words) suits short titles in any language; queries match word prefixes ("rep" finds "report").
    ADD COLUMN search      TSVECTOR GENERATED ALWAYS AS
        (to_tsvector('simple', title || ' ' || COALESCE(description, ''))) STORED,
    ADD CONSTRAINT tasks_time_needs_date CHECK (due_time IS NULL OR due_date IS NOT NULL),
    ADD CONSTRAINT tasks_repeat_needs_date CHECK (recurrence IS NULL OR due_date IS NOT NULL),
    -- The target of the composite foreign keys below (a tag and its task have the same owner).
    ADD CONSTRAINT tasks_id_owner_key UNIQUE (id, owner_id);

-- Indexes for the list queries (tasks_owner_live_idx, from the first migration, serves the created sort).
-- Today / Upcoming / due windows: one owner's dated live tasks by day.
CREATE INDEX tasks_owner_due_date_idx ON tasks (owner_id, due_date, id)
    WHERE deleted_at IS NULL AND due_date IS NOT NULL;
-- Sorted by due, by priority, by title.
CREATE INDEX tasks_owner_due_sort_idx ON tasks (owner_id, due_sort, id) WHERE deleted_at IS NULL;
CREATE INDEX tasks_owner_priority_idx ON tasks (owner_id, priority, id) WHERE deleted_at IS NULL;
CREATE INDEX tasks_owner_title_idx ON tasks (owner_id, lower(title), id) WHERE deleted_at IS NULL;
-- The active list (the default board filter), newest first.
CREATE INDEX tasks_owner_active_idx ON tasks (owner_id, created_at, id) WHERE deleted_at IS NULL AND NOT done;
-- Search.
CREATE INDEX tasks_search_idx ON tasks USING GIN (search);

CREATE TABLE tags (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id   BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- todo_domain::Tag: trimmed, 1-50 characters, no quotes or control characters, no leading '#'.
    name       TEXT        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 50),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT tags_id_owner_key UNIQUE (id, owner_id)
);
-- One tag per name and owner, whatever the letter case; also the lookup by name.
CREATE UNIQUE INDEX tags_owner_name_key ON tags (owner_id, lower(name));

CREATE TABLE task_tags (
    task_id  BIGINT NOT NULL,
    tag_id   BIGINT NOT NULL,
    owner_id BIGINT NOT NULL,
    PRIMARY KEY (task_id, tag_id),
    -- Both keys carry the owner: SQL refuses to put one user's tag on another user's task.
    CONSTRAINT task_tags_task_fkey FOREIGN KEY (task_id, owner_id) REFERENCES tasks (id, owner_id) ON DELETE CASCADE,
    CONSTRAINT task_tags_tag_fkey FOREIGN KEY (tag_id, owner_id) REFERENCES tags (id, owner_id) ON DELETE CASCADE
);
-- The tag filter and the tag list's counts: one owner's tasks with a tag.
CREATE INDEX task_tags_owner_tag_idx ON task_tags (owner_id, tag_id, task_id);
