//! SQL for tasks. Every statement filters by `owner_id`: a task of another user is indistinguishable
//! from a task that does not exist.

use sqlx::{PgExecutor, PgPool};

use todo_domain::{AppError, AppResult};

use crate::db::DbResult;
use todo_domain::task::{Deletion, StatusFilter, Task, TaskBoard, TaskDescription, TaskTitle};

/// How long a deletion stays undoable (and its banner visible).
const UNDO_WINDOW: &str = "10 minutes";

/// The columns of a [`Task`], in [`TaskRow`]'s order: the one place they are listed.
const TASK_COLUMNS: &str = "id, title, description, done";

/// A `tasks` row as [`TASK_COLUMNS`] selects it.
#[derive(sqlx::FromRow)]
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

/// Options for [`list`].
#[derive(Debug, Clone, Default)]
pub struct ListQuery<'a> {
    pub status: StatusFilter,
    /// Case-insensitive substring of the title or description.
    pub search: Option<&'a str>,
    pub limit: Option<i64>,
}

/// The owner's live tasks, newest first.
pub async fn list(pool: &PgPool, owner: i64, query: &ListQuery<'_>) -> AppResult<Vec<Task>> {
    let done = match query.status {
        StatusFilter::All => None,
        StatusFilter::Pending => Some(false),
        StatusFilter::Completed => Some(true),
    };
    let search = query
        .search
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| format!("%{}%", s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")));
    let rows: Vec<TaskRow> = sqlx::query_as(&format!(
        "SELECT {TASK_COLUMNS} FROM tasks
         WHERE owner_id = $1 AND deleted_at IS NULL
           AND ($2::boolean IS NULL OR done = $2)
           AND ($3::text IS NULL OR title ILIKE $3 OR description ILIKE $3)
         ORDER BY created_at DESC, id DESC
         LIMIT $4"
    ))
    .bind(owner)
    .bind(done)
    .bind(search)
    .bind(query.limit.unwrap_or(1000).clamp(1, 1000))
    .fetch_all(pool)
    .await
    .db()?;
    Ok(rows.into_iter().map(Task::from).collect())
}

/// One live task of the owner.
pub async fn get(pool: &PgPool, owner: i64, id: i64) -> AppResult<Task> {
    sqlx::query_as::<_, TaskRow>(&format!(
        "SELECT {TASK_COLUMNS} FROM tasks WHERE id = $1 AND owner_id = $2 AND deleted_at IS NULL"
    ))
    .bind(id)
    .bind(owner)
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
    Ok(sqlx::query_as::<_, TaskRow>(&format!(
        "INSERT INTO tasks (owner_id, title, description) VALUES ($1, $2, $3) RETURNING {TASK_COLUMNS}"
    ))
    .bind(owner)
    .bind(title.as_str())
    .bind(description.as_deref())
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
    sqlx::query_as::<_, TaskRow>(&format!(
        "UPDATE tasks SET
            title = COALESCE($3, title),
            description = CASE WHEN $4 THEN $5 ELSE description END,
            updated_at = now()
         WHERE id = $1 AND owner_id = $2 AND deleted_at IS NULL
         RETURNING {TASK_COLUMNS}"
    ))
    .bind(id)
    .bind(owner)
    .bind(title.map(TaskTitle::as_str))
    .bind(description.is_some())
    .bind(description.and_then(TaskDescription::as_deref))
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
    sqlx::query_as::<_, TaskRow>(&format!(
        "UPDATE tasks SET done = $3, updated_at = now(),
            completed_at = CASE WHEN $3 THEN COALESCE(completed_at, now()) ELSE NULL END
         WHERE id = $1 AND owner_id = $2 AND deleted_at IS NULL
         RETURNING {TASK_COLUMNS}"
    ))
    .bind(id)
    .bind(owner)
    .bind(done)
    .fetch_optional(pool)
    .await
    .db()?
    .map(Task::from)
    .ok_or_else(|| not_found(id))
}

/// Deletes one task, keeping it undoable until the owner's next deletion or the undo window ends.
pub async fn delete(pool: &PgPool, owner: i64, id: i64) -> AppResult<Task> {
    let mut tx = pool.begin().await.db()?;
    dismiss_deletion(&mut *tx, owner).await?;
    let task = sqlx::query_as::<_, TaskRow>(&format!(
        "UPDATE tasks SET deleted_at = now() WHERE id = $1 AND owner_id = $2 AND deleted_at IS NULL
         RETURNING {TASK_COLUMNS}"
    ))
    .bind(id)
    .bind(owner)
    .fetch_optional(&mut *tx)
    .await
    .db()?
    .map(Task::from)
    .ok_or_else(|| not_found(id))?;
    tx.commit().await.db()?;
    Ok(task)
}

/// Deletes every completed task of the owner as one undoable deletion; returns how many.
pub async fn clear_completed(pool: &PgPool, owner: i64) -> AppResult<u64> {
    let mut tx = pool.begin().await.db()?;
    let cleared = sqlx::query(
        "UPDATE tasks SET deleted_at = now() WHERE owner_id = $1 AND done AND deleted_at IS NULL",
    )
    .bind(owner)
    .execute(&mut *tx)
    .await
    .db()?
    .rows_affected();
    if cleared > 0 {
        // Only now is the previous deletion superseded (now() is the same for the whole transaction).
        sqlx::query("DELETE FROM tasks WHERE owner_id = $1 AND deleted_at < now()")
            .bind(owner)
            .execute(&mut *tx)
            .await
            .db()?;
    }
    tx.commit().await.db()?;
    Ok(cleared)
}

/// The task page's data in one round trip: the owner's live tasks, newest first (at most 1,000), and their
/// latest deletion while it can still be undone. The deletion summary is always one row; the tasks are
/// joined to it, so an owner without tasks still gets that row (with NULL task columns).
pub async fn board(pool: &PgPool, owner: i64) -> AppResult<TaskBoard> {
    /// The deletion summary, then one task's columns (all NULL when the owner has no live task).
    #[derive(sqlx::FromRow)]
    struct BoardRow {
        deleted: i64,
        deleted_title: Option<String>,
        id: Option<i64>,
        title: Option<String>,
        description: Option<String>,
        done: Option<bool>,
    }
    let rows: Vec<BoardRow> = sqlx::query_as(&format!(
        "SELECT d.count AS deleted, d.title AS deleted_title, t.id, t.title, t.description, t.done
         FROM (SELECT count(*) AS count, min(title) AS title FROM tasks
               WHERE owner_id = $1 AND deleted_at > now() - interval '{UNDO_WINDOW}') d
         LEFT JOIN LATERAL (
             SELECT {TASK_COLUMNS}, created_at FROM tasks
             WHERE owner_id = $1 AND deleted_at IS NULL
             ORDER BY created_at DESC, id DESC
             LIMIT 1000
         ) t ON true
         ORDER BY t.created_at DESC, t.id DESC"
    ))
    .bind(owner)
    .fetch_all(pool)
    .await
    .db()?;
    let last_deletion = rows.first().and_then(|r| {
        (r.deleted > 0)
            .then(|| Deletion { count: r.deleted, title: r.deleted_title.clone().unwrap_or_default() })
    });
    let tasks = rows
        .into_iter()
        .filter_map(|r| Some(Task { id: r.id?, title: r.title?, description: r.description, done: r.done? }))
        .collect();
    Ok(TaskBoard { tasks, last_deletion })
}

/// Restores the owner's latest deletion; returns how many tasks came back.
pub async fn undo_delete(pool: &PgPool, owner: i64) -> AppResult<u64> {
    Ok(sqlx::query(&format!(
        "UPDATE tasks SET deleted_at = NULL
         WHERE owner_id = $1 AND deleted_at > now() - interval '{UNDO_WINDOW}'"
    ))
    .bind(owner)
    .execute(pool)
    .await
    .db()?
    .rows_affected())
}

/// Forgets the owner's deleted tasks for good (the undo banner goes away).
pub async fn dismiss_deletion<'e>(db: impl PgExecutor<'e>, owner: i64) -> AppResult<()> {
    sqlx::query("DELETE FROM tasks WHERE owner_id = $1 AND deleted_at IS NOT NULL")
        .bind(owner)
        .execute(db)
        .await
        .db()?;
    Ok(())
}
