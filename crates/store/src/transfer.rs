//! SQL for moving tasks in and out: every live task of an owner for an export, a whole import added in one
//! transaction (all of it or nothing), and the import drafts waiting between preview and confirm on Settings.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};

use todo_domain::transfer::{ImportedTask, TaskRecord};
use todo_domain::{AppError, AppResult, Recurrence};

use crate::db::DbResult;
use crate::tags;
use crate::task_details::{anchored_recurrence, repeat_from_column, DetailRow, DETAIL_COLUMNS};

/// A task row with its timestamps.
#[derive(sqlx::FromRow)]
struct RecordRow {
    #[sqlx(flatten)]
    task: DetailRow,
    created_at: DateTime<Utc>,
    completed_at: Option<DateTime<Utc>>,
}

/// Every live task of the owner, oldest first, with when it was created and done.
pub async fn export(pool: &PgPool, owner: i64) -> AppResult<Vec<TaskRecord>> {
    let rows: Vec<RecordRow> = sqlx::query_as(&format!(
        "SELECT {DETAIL_COLUMNS}, t.created_at, t.completed_at FROM tasks t
         WHERE t.owner_id = $1 AND t.deleted_at IS NULL ORDER BY t.created_at, t.id"
    ))
    .bind(owner)
    .fetch_all(pool)
    .await
    .db()?;
    rows.into_iter()
        .map(|r| {
            Ok(TaskRecord {
                details: r.task.into_details()?,
                created: r.created_at,
                completed: r.completed_at,
            })
        })
        .collect()
}

/// Adds `tasks` for the owner in one transaction: all of them, or (on any error) none. New tag names become the
/// owner's tags. Returns how many were added.
pub async fn import(
    pool: &PgPool,
    owner: i64,
    tasks: &[ImportedTask],
    now: DateTime<Utc>,
) -> AppResult<usize> {
    let mut tx = pool.begin().await.db()?;
    import_on(&mut tx, owner, tasks, now).await?;
    tx.commit().await.db()?;
    Ok(tasks.len())
}

/// [`import`] inside the caller's transaction.
async fn import_on(
    tx: &mut PgConnection,
    owner: i64,
    tasks: &[ImportedTask],
    now: DateTime<Utc>,
) -> AppResult<()> {
    for task in tasks {
        let fields = &task.fields;
        let recurrence = anchored_recurrence(fields)?;
        let completed = task.done.then(|| task.completed.unwrap_or(now));
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO tasks (owner_id, title, description, done, priority, due_date, due_time, recurrence,
                                repeat_from, created_at, updated_at, completed_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, COALESCE($9, 'due'), $10, $11, $12) RETURNING id",
        )
        .bind(owner)
        .bind(task.title.as_str())
        .bind(task.description.as_deref())
        .bind(task.done)
        .bind(fields.priority.as_i16())
        .bind(fields.due.map(|d| d.date()))
        .bind(fields.due.and_then(|d| d.time()))
        .bind(recurrence.as_ref().map(Recurrence::to_rrule))
        .bind(recurrence.as_ref().map(repeat_from_column))
        .bind(task.created.unwrap_or(now))
        .bind(now)
        .bind(completed)
        .fetch_one(&mut *tx)
        .await
        .db()?;
        if !fields.tags.is_empty() {
            tags::set_task_tags(tx, owner, id, &fields.tags).await?;
        }
    }
    Ok(())
}

/// An uploaded import file waiting for its owner's confirmation.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Draft {
    /// Its id (the confirm form names it).
    pub id: i64,
    /// The file's name as uploaded.
    pub file_name: String,
    /// The format chosen (`''` = told from the file).
    pub format: String,
    /// The file's text.
    pub body: String,
    /// Why the file was refused whole, if it was (then `body` is empty).
    pub error: Option<String>,
}

/// How long a draft waits for its confirmation, in seconds (a day).
const DRAFT_SECS: f64 = 24.0 * 3600.0;

/// Keeps the owner's uploaded file (replacing an earlier one) until it is applied or discarded, or why it was
/// refused (`error`, with an empty `body`); returns its id.
pub async fn save_draft(
    pool: &PgPool,
    owner: i64,
    file_name: &str,
    format: &str,
    body: &str,
    error: Option<&str>,
) -> AppResult<i64> {
    let file_name: String = file_name.chars().filter(|c| !c.is_control()).take(255).collect();
    let mut tx = pool.begin().await.db()?;
    sqlx::query("DELETE FROM import_drafts WHERE owner_id = $1").bind(owner).execute(&mut *tx).await.db()?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO import_drafts (owner_id, file_name, format, body, error) VALUES ($1, $2, $3, $4, $5)
         RETURNING id",
    )
    .bind(owner)
    .bind(file_name)
    .bind(format)
    .bind(body)
    .bind(error.map(|e| e.chars().take(2000).collect::<String>()))
    .fetch_one(&mut *tx)
    .await
    .db()?;
    tx.commit().await.db()?;
    Ok(id)
}

/// The owner's waiting draft, if any (younger than a day).
pub async fn draft(pool: &PgPool, owner: i64) -> AppResult<Option<Draft>> {
    sqlx::query_as(
        "SELECT id, file_name, format, body, error FROM import_drafts
         WHERE owner_id = $1 AND created_at > now() - make_interval(secs => $2)",
    )
    .bind(owner)
    .bind(DRAFT_SECS)
    .fetch_optional(pool)
    .await
    .db()
}

/// Applies draft `id` of the owner: `tasks` (read from it by the caller) are added and the draft is removed, in
/// one transaction. A draft that is gone or replaced is a conflict, and nothing is added.
pub async fn apply_draft(
    pool: &PgPool,
    owner: i64,
    id: i64,
    apply: impl FnOnce(&Draft) -> AppResult<Vec<ImportedTask>>,
    now: DateTime<Utc>,
) -> AppResult<usize> {
    let Some(draft) = draft(pool, owner).await?.filter(|d| d.id == id) else {
        return Err(AppError::Conflict {
            field: "draft".into(),
            message: "This import is no longer waiting (applied, discarded or replaced by a newer upload)."
                .into(),
        });
    };
    if let Some(error) = draft.error {
        return Err(AppError::invalid("file", error));
    }
    let tasks = apply(&draft)?;
    // The draft is removed in the import's transaction: a double submit imports once (the second waits on the
    // row, then finds nothing to remove), and a failed import keeps the draft.
    let mut tx = pool.begin().await.db()?;
    let removed = sqlx::query("DELETE FROM import_drafts WHERE owner_id = $1 AND id = $2")
        .bind(owner)
        .bind(id)
        .execute(&mut *tx)
        .await
        .db()?
        .rows_affected();
    if removed == 0 {
        return Err(AppError::Conflict {
            field: "draft".into(),
            message: "This import was already applied.".into(),
        });
    }
    import_on(&mut tx, owner, &tasks, now).await?;
    tx.commit().await.db()?;
    Ok(tasks.len())
}

/// Discards the owner's waiting draft, if any.
pub async fn discard_draft(pool: &PgPool, owner: i64) -> AppResult<()> {
    sqlx::query("DELETE FROM import_drafts WHERE owner_id = $1").bind(owner).execute(pool).await.db()?;
    Ok(())
}

/// Deletes drafts older than a day (any replica may run it).
pub async fn delete_expired_drafts(pool: &PgPool) -> AppResult<u64> {
    Ok(sqlx::query("DELETE FROM import_drafts WHERE created_at <= now() - make_interval(secs => $1)")
        .bind(DRAFT_SECS)
        .execute(pool)
        .await
        .db()?
        .rows_affected())
}
