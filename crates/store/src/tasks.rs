//! SQL for tasks. Every statement filters by `owner_id`: a task of another user is indistinguishable
//! from a task that does not exist.

use sqlx::{PgExecutor, PgPool};

use todo_domain::{AppError, AppResult};

use crate::db::DbResult;
use todo_domain::task::{Deletion, Task, TaskDescription, TaskTitle};
use todo_domain::{Tag, TagCount, TaskSummary};

use crate::tags::TAGS_MAX;

/// How long a deletion stays undoable (and its banner visible), in minutes.
const UNDO_WINDOW_MINUTES: i32 = 10;

/// `sqlx::query_as!(TaskRow, $before + <the columns of a Task> + $after, args…)`: the one place the columns are
/// listed, in [`TaskRow`]'s order. (`query_as!` needs the SQL as literals joined by `+`, not a `const` or
/// `concat!`, which it cannot see through: this macro pastes the literal in.)
macro_rules! query_task {
    ($before:literal, $after:literal $(, $arg:expr)* $(,)?) => {
        query_task!(TaskRow => $before, $after $(, $arg)*)
    };
    ($row:ident => $before:literal, $after:literal $(, $arg:expr)* $(,)?) => {
        sqlx::query_as!($row, $before + "id, title, description, done" + $after $(, $arg)*)
    };
}

/// A `tasks` row as [`query_task!`] selects it.
struct TaskRow {
    id: i64,
    title: String,
    description: Option<String>,
    done: bool,
}

impl From<TaskRow> for Task {
    fn from(r: TaskRow) -> Self {
        Self { id: r.id, title: r.title, description: r.description, done: r.done }
    }
}

fn not_found(id: i64) -> AppError {
    AppError::NotFound(format!("Task {id}"))
}

/// One live task of the owner.
pub async fn get(pool: &PgPool, owner: i64, id: i64) -> AppResult<Task> {
    query_task!("SELECT ", " FROM tasks WHERE id = $1 AND owner_id = $2 AND deleted_at IS NULL", id, owner)
        .fetch_optional(pool)
        .await
        .db()?
        .map(Task::from)
        .ok_or_else(|| not_found(id))
}

/// Adds a task for the owner.
pub async fn create(
    pool: &PgPool,
    owner: i64,
    title: &TaskTitle,
    description: &TaskDescription,
) -> AppResult<Task> {
    Ok(query_task!(
        "INSERT INTO tasks (owner_id, title, description) VALUES ($1, $2, $3) RETURNING ",
        "",
        owner,
        title.as_str(),
        description.as_deref(),
    )
    .fetch_one(pool)
    .await
    .db()?
    .into())
}

/// Changes the title and/or description; `None` leaves a field as it is.
pub async fn update(
    pool: &PgPool,
    owner: i64,
    id: i64,
    title: Option<&TaskTitle>,
    description: Option<&TaskDescription>,
) -> AppResult<Task> {
    query_task!(
        "UPDATE tasks SET
            title = COALESCE($3, title),
            description = CASE WHEN $4 THEN $5 ELSE description END,
            updated_at = now()
         WHERE id = $1 AND owner_id = $2 AND deleted_at IS NULL
         RETURNING ",
        "",
        id,
        owner,
        title.map(TaskTitle::as_str),
        description.is_some(),
        description.and_then(TaskDescription::as_deref),
    )
    .fetch_optional(pool)
    .await
    .db()?
    .map(Task::from)
    .ok_or_else(|| not_found(id))
}

/// Marks a task done (creating the next occurrence of a repeating one: [`crate::completion::complete`]) or not done.
pub async fn set_done(pool: &PgPool, owner: i64, id: i64, done: bool) -> AppResult<Task> {
    if done {
        return Ok(crate::completion::complete(pool, owner, id, chrono::Utc::now()).await?.task.task);
    }
    query_task!(
        "UPDATE tasks SET done = $3, updated_at = now(),
            completed_at = CASE WHEN $3 THEN COALESCE(completed_at, now()) ELSE NULL END
         WHERE id = $1 AND owner_id = $2 AND deleted_at IS NULL
         RETURNING ",
        "",
        id,
        owner,
        done,
    )
    .fetch_optional(pool)
    .await
    .db()?
    .map(Task::from)
    .ok_or_else(|| not_found(id))
}

/// Deletes one task, keeping it undoable until the owner's next deletion or the undo window ends.
pub async fn delete(pool: &PgPool, owner: i64, id: i64) -> AppResult<Task> {
    delete_in_batch(pool, owner, id, None).await
}

/// Longest deletion batch name (the column's check).
pub const BATCH_MAX: usize = 100;

/// [`delete`], as part of `batch` (e.g. one assistant turn): the owner's earlier deletions in the same batch
/// stay undoable with this one, so one undo restores the whole batch. Any other earlier deletion is purged, as
/// a new deletion always does. `None` is a batch of its own.
pub async fn delete_in_batch(pool: &PgPool, owner: i64, id: i64, batch: Option<&str>) -> AppResult<Task> {
    if batch.is_some_and(|b| b.is_empty() || b.chars().count() > BATCH_MAX) {
        return Err(AppError::invalid(
            "batch",
            format!("A deletion batch is named by 1 to {BATCH_MAX} characters."),
        ));
    }
    let mut tx = pool.begin().await.db()?;
    sqlx::query!(
        "DELETE FROM tasks WHERE owner_id = $1 AND deleted_at IS NOT NULL
           AND ($2::text IS NULL OR deletion_batch IS DISTINCT FROM $2)",
        owner,
        batch,
    )
    .execute(&mut *tx)
    .await
    .db()?;
    let task = query_task!(
        "UPDATE tasks SET deleted_at = now(), deletion_batch = $3
         WHERE id = $1 AND owner_id = $2 AND deleted_at IS NULL
         RETURNING ",
        "",
        id,
        owner,
        batch,
    )
    .fetch_optional(&mut *tx)
    .await
    .db()?
    .map(Task::from)
    .ok_or_else(|| not_found(id))?;
    tx.commit().await.db()?;
    Ok(task)
}

/// Deletes every completed task of the owner as one undoable deletion; returns how many. The previous deletion
/// is purged only when something was cleared.
///
/// One statement, not a transaction of two: the owner's `task_counts` row is locked at the end of the statement
/// that changes the counts, after its task rows, so a later statement locking task rows (the purge) could wait on
/// an undo that itself waits for the counts row (see the migration).
pub async fn clear_completed(pool: &PgPool, owner: i64) -> AppResult<u64> {
    let cleared = sqlx::query_scalar!(
        r#"WITH cleared AS (
             UPDATE tasks SET deleted_at = now(), deletion_batch = NULL
             WHERE owner_id = $1 AND done AND deleted_at IS NULL
             RETURNING id
           ), purged AS (
             DELETE FROM tasks
             WHERE owner_id = $1 AND deleted_at IS NOT NULL AND EXISTS (SELECT 1 FROM cleared)
           )
           SELECT count(*) AS "cleared!" FROM cleared"#,
        owner,
    )
    .fetch_one(pool)
    .await
    .db()?;
    Ok(u64::try_from(cleared).unwrap_or_default())
}

/// What the task page shows beside its list, in one round trip: how many live tasks are open and done, the
/// owner's latest deletion while it can still be undone, and the owner's tags with their counts (as
/// [`crate::tags::list`] lists them). The counts are the owner's row of `task_counts`, which triggers keep (see its
/// migration): one key lookup however many tasks the owner has. The deletion is a scan of `tasks_owner_deleted_idx`.
pub async fn summary_and_tags(pool: &PgPool, owner: i64) -> AppResult<(TaskSummary, Vec<TagCount>)> {
    let row = sqlx::query!(
        r#"WITH tag_rows AS (
             SELECT g.id, g.name, count(t.id) AS tasks, count(t.id) FILTER (WHERE NOT t.done) AS open
             FROM tags g
             LEFT JOIN task_tags tt ON tt.tag_id = g.id AND tt.owner_id = g.owner_id
             LEFT JOIN tasks t ON t.id = tt.task_id AND t.owner_id = tt.owner_id AND t.deleted_at IS NULL
             WHERE g.owner_id = $1
             GROUP BY g.id, g.name
             ORDER BY lower(g.name), g.id
             LIMIT $3
           )
           SELECT
             coalesce(c.open, 0) AS "open!",
             coalesce(c.live, 0) AS "live!",
             d.deleted AS "deleted!", d.deleted_title,
             (SELECT coalesce(array_agg(name ORDER BY lower(name), id), '{}') FROM tag_rows) AS "tag_names!: Vec<String>",
             (SELECT coalesce(array_agg(tasks ORDER BY lower(name), id), '{}') FROM tag_rows) AS "tag_tasks!: Vec<i64>",
             (SELECT coalesce(array_agg(open ORDER BY lower(name), id), '{}') FROM tag_rows) AS "tag_open!: Vec<i64>"
           FROM (SELECT count(*) AS deleted, min(title) AS deleted_title
                 FROM tasks WHERE owner_id = $1 AND deleted_at > now() - make_interval(mins => $2)) d
           LEFT JOIN task_counts c ON c.owner_id = $1"#,
        owner,
        UNDO_WINDOW_MINUTES,
        TAGS_MAX,
    )
    .fetch_one(pool)
    .await
    .db()?;
    let last_deletion = (row.deleted > 0)
        .then(|| Deletion { count: row.deleted, title: row.deleted_title.unwrap_or_default() });
    let summary = TaskSummary { open: row.open, completed: row.live - row.open, last_deletion };
    let tags = row
        .tag_names
        .into_iter()
        .zip(row.tag_tasks)
        .zip(row.tag_open)
        .map(|((name, tasks), open)| {
            let name = Tag::parse(&name).map_err(|e| AppError::internal("invalid stored tag", e))?;
            Ok(TagCount { name, tasks, open })
        })
        .collect::<AppResult<_>>()?;
    Ok((summary, tags))
}

/// Restores the owner's latest deletion; returns how many tasks came back.
pub async fn undo_delete(pool: &PgPool, owner: i64) -> AppResult<u64> {
    Ok(sqlx::query!(
        "UPDATE tasks SET deleted_at = NULL, deletion_batch = NULL
         WHERE owner_id = $1 AND deleted_at > now() - make_interval(mins => $2)",
        owner,
        UNDO_WINDOW_MINUTES,
    )
    .execute(pool)
    .await
    .db()?
    .rows_affected())
}

/// Forgets the owner's deleted tasks for good (the undo banner goes away).
pub async fn dismiss_deletion<'e>(db: impl PgExecutor<'e>, owner: i64) -> AppResult<()> {
    sqlx::query!("DELETE FROM tasks WHERE owner_id = $1 AND deleted_at IS NOT NULL", owner)
        .execute(db)
        .await
        .db()?;
    Ok(())
}
