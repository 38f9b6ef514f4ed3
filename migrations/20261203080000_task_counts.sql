-- Each user's live and open task counts, kept by the database as tasks change, so that the task page's "N tasks
-- left" and "Clear completed (N)" cost one primary-key read whatever the number of tasks. Counting instead read
-- 17,500 index entries (2.5 ms) on every page of a user with 10,000 tasks.
--
-- Triggers keep the counts, so every writer (web, REST, MCP, import, the account's deletion) is covered:
-- - inserts and deletes: once per statement, from its transition table (an import or a purge is one update);
-- - updates: once per row, and only for a row whose `done` or `deleted_at` changed (a title edit costs nothing).
-- A user's row is created with the user; the counts never go through anything but these triggers.
CREATE TABLE task_counts (
    owner_id bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    live bigint NOT NULL DEFAULT 0,
    open bigint NOT NULL DEFAULT 0
);

INSERT INTO task_counts (owner_id, live, open)
SELECT u.id,
       count(t.id) FILTER (WHERE t.deleted_at IS NULL),
       count(t.id) FILTER (WHERE t.deleted_at IS NULL AND NOT t.done)
FROM users u
LEFT JOIN tasks t ON t.owner_id = u.id
GROUP BY u.id;

CREATE FUNCTION task_counts_for_new_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO task_counts (owner_id) VALUES (NEW.id);
    RETURN NULL;
END
$$;

CREATE TRIGGER task_counts_for_new_user AFTER INSERT ON users
    FOR EACH ROW EXECUTE FUNCTION task_counts_for_new_user();

-- `sign` is 1 for inserted rows, -1 for deleted ones. An update only, never an insert: during an account's
-- deletion the cascade removes the counts row before (or after) the tasks, and there is nothing left to count.
CREATE FUNCTION task_counts_add(sign int, owner bigint, live bigint, open bigint) RETURNS void LANGUAGE sql AS $$
    UPDATE task_counts SET live = task_counts.live + sign * $3, open = task_counts.open + sign * $4
    WHERE owner_id = owner;
$$;

-- Inserted rows count up, deleted ones down: both triggers name their transition table `changed_rows`. Rows
-- that were not live (purging deleted tasks) change no count, and the counts row is not touched, nor locked.
--
-- Locks: a statement locks the task rows it changes first, and the owner's counts row only at its end (after-row
-- triggers run at the end of the statement too), so two writers never wait on each other in opposite orders as
-- long as a transaction changes counts in its last statement that locks existing task rows (completing a
-- repeating task inserts its next occurrence after, which locks no existing row). `clear_completed` is one
-- statement for that reason.
CREATE FUNCTION task_counts_after_insert_or_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM task_counts_add(CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END, owner_id,
                            count(*) FILTER (WHERE deleted_at IS NULL),
                            count(*) FILTER (WHERE deleted_at IS NULL AND NOT done))
    FROM changed_rows GROUP BY owner_id HAVING count(*) FILTER (WHERE deleted_at IS NULL) > 0;
    RETURN NULL;
END
$$;

CREATE FUNCTION task_counts_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE task_counts
    SET live = live + (NEW.deleted_at IS NULL)::int - (OLD.deleted_at IS NULL)::int,
        open = open + (NEW.deleted_at IS NULL AND NOT NEW.done)::int - (OLD.deleted_at IS NULL AND NOT OLD.done)::int
    WHERE owner_id = NEW.owner_id;
    RETURN NULL;
END
$$;

CREATE TRIGGER task_counts_after_insert AFTER INSERT ON tasks REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION task_counts_after_insert_or_delete();
CREATE TRIGGER task_counts_after_delete AFTER DELETE ON tasks REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION task_counts_after_insert_or_delete();
CREATE TRIGGER task_counts_after_update AFTER UPDATE OF done, deleted_at ON tasks FOR EACH ROW
    WHEN (OLD.done IS DISTINCT FROM NEW.done OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
    EXECUTE FUNCTION task_counts_after_update();
