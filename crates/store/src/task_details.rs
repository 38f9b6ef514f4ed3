//! SQL for a task's organising fields: reading a task with them, creating one with them (from plain fields or
//! quick-add text), changing them. Every statement filters by owner.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use sqlx::{PgConnection, PgPool};

use todo_domain::due::{now_in, today_in};
use todo_domain::task::{Task, TaskDescription, TaskTitle};
use todo_domain::task_input::parse_when;
use todo_domain::{
    parse_quick_add, AppError, AppResult, Due, Priority, QuickAddContext, QuickAdded, Recurrence, RepeatFrom,
    Tag, TaskDetails, TaskFields, TaskPatch,
};

use crate::db::{db_error, DbResult};
use crate::{tags, users};

/// The columns of a [`TaskDetails`] (table alias `t`), in [`DetailRow`]'s order: the one place they are listed.
/// - `detail_columns!(query_as: $before, $after, args…)` is `sqlx::query_as!(DetailRow, $before + <columns> +
///   $after, args…)`: checked at compile time (`query_as!` needs literals joined by `+`; it cannot see through a
///   `const` or `concat!`, so the literal is pasted in here);
/// - `detail_columns!()` is the same list as a `&'static str`, for SQL built at run time ([`DETAIL_COLUMNS`]).
macro_rules! detail_columns {
    (@with $columns:tt; query_as: $before:literal, $after:literal $(, $arg:expr)* $(,)?) => {
        sqlx::query_as!(DetailRow, $before + $columns + $after $(, $arg)*)
    };
    (@with $columns:tt;) => {
        $columns
    };
    ($($rest:tt)*) => {
        detail_columns!(@with
            r#"t.id, t.title, t.description, t.done, t.priority,
            t.due_date AS "due_date: chrono::NaiveDate", t.due_time AS "due_time: chrono::NaiveTime",
            t.recurrence, t.repeat_from,
            COALESCE((SELECT array_agg(g.name ORDER BY lower(g.name)) FROM task_tags tt
                      JOIN tags g ON g.id = tt.tag_id AND g.owner_id = tt.owner_id
                      WHERE tt.task_id = t.id AND tt.owner_id = t.owner_id), '{}') AS "tags!""#;
            $($rest)*)
    };
}
pub(crate) use detail_columns;

/// [`detail_columns!`] for SQL built at run time (read with [`DetailRow`]'s `FromRow`).
pub(crate) const DETAIL_COLUMNS: &str = detail_columns!();

/// A `tasks` row as [`detail_columns!`] selects it. `FromRow` is for the run-time list query, where a column
/// keeps its alias as written: `tags!` (the `!` tells `query_as!` that COALESCE never yields NULL) and
/// `due_date: chrono::NaiveDate` (chrono, not `time`, which sqlx's macros prefer when a crate in the build,
/// tower-sessions-sqlx-store, enables sqlx's `time` feature).
#[derive(sqlx::FromRow)]
pub(crate) struct DetailRow {
    pub(crate) id: i64,
    pub(crate) title: String,
    pub(crate) description: Option<String>,
    pub(crate) done: bool,
    pub(crate) priority: i16,
    #[sqlx(rename = "due_date: chrono::NaiveDate")]
    pub(crate) due_date: Option<NaiveDate>,
    #[sqlx(rename = "due_time: chrono::NaiveTime")]
    pub(crate) due_time: Option<NaiveTime>,
    pub(crate) recurrence: Option<String>,
    pub(crate) repeat_from: String,
    #[sqlx(rename = "tags!")]
    pub(crate) tags: Vec<String>,
}

impl DetailRow {
    /// The task's id.
    pub(crate) fn id(&self) -> i64 {
        self.id
    }

    /// The task; a stored value the domain refuses (never written by this code) is an internal error.
    pub(crate) fn into_details(self) -> AppResult<TaskDetails> {
        let corrupt = |e: todo_domain::DomainError| AppError::internal("invalid stored task field", e);
        let repeat_from = repeat_from_value(&self.repeat_from);
        Ok(TaskDetails {
            task: Task { id: self.id, title: self.title, description: self.description, done: self.done },
            priority: Priority::from_i16(self.priority).map_err(corrupt)?,
            due: self.due_date.map(|d| Due::new(d, self.due_time)),
            tags: self.tags.iter().map(|t| Tag::parse(t)).collect::<Result<_, _>>().map_err(corrupt)?,
            recurrence: self
                .recurrence
                .as_deref()
                .map(|r| Recurrence::parse_rrule(r).map(|r| r.with_repeat_from(repeat_from)))
                .transpose()
                .map_err(corrupt)?,
        })
    }
}

/// A `repeat_from` column value (`due` or `completion`, by its CHECK).
pub(crate) fn repeat_from_value(column: &str) -> RepeatFrom {
    if column == "completion" {
        RepeatFrom::Completion
    } else {
        RepeatFrom::Due
    }
}

/// The `repeat_from` column's value.
pub(crate) fn repeat_from_column(r: &Recurrence) -> &'static str {
    r.repeat_from().as_str()
}

fn not_found(id: i64) -> AppError {
    AppError::NotFound(format!("Task {id}"))
}

fn repeat_needs_due() -> AppError {
    AppError::invalid("recurrence", "A repeating task needs a due date: its first occurrence.")
}

/// One live task of the owner, with its fields, on `conn` (a transaction sees its own changes).
pub(crate) async fn get_on(conn: &mut PgConnection, owner: i64, id: i64) -> AppResult<TaskDetails> {
    detail_columns!(query_as:
        "SELECT ",
        " FROM tasks t WHERE t.id = $1 AND t.owner_id = $2 AND t.deleted_at IS NULL",
        id,
        owner,
    )
    .fetch_optional(conn)
    .await
    .db()?
    .ok_or_else(|| not_found(id))?
    .into_details()
}

/// One live task of the owner, with its fields.
pub async fn get(pool: &PgPool, owner: i64, id: i64) -> AppResult<TaskDetails> {
    get_on(&mut *pool.acquire().await.db()?, owner, id).await
}

/// The repeat of a new task with `fields`, anchored to its first due date (see [`Recurrence::anchored`]); a
/// repeat without a due date is refused.
pub(crate) fn anchored_recurrence(fields: &TaskFields) -> AppResult<Option<Recurrence>> {
    match (&fields.recurrence, fields.due) {
        (Some(r), Some(due)) => Ok(Some(r.clone().anchored(due.date()))),
        (Some(_), None) => Err(repeat_needs_due()),
        (None, _) => Ok(None),
    }
}

/// Adds a task with its fields; new tag names become the owner's tags. A repeat is anchored to its first due
/// date (see [`Recurrence::anchored`]) and needs one.
pub async fn create(
    pool: &PgPool,
    owner: i64,
    title: &TaskTitle,
    description: &TaskDescription,
    fields: &TaskFields,
) -> AppResult<TaskDetails> {
    let recurrence = anchored_recurrence(fields)?;
    let mut tx = pool.begin().await.db()?;
    let id: i64 = sqlx::query_scalar!(
        "INSERT INTO tasks (owner_id, title, description, priority, due_date, due_time, recurrence, repeat_from)
         VALUES ($1, $2, $3, $4, $5, $6, $7, COALESCE($8, 'due')) RETURNING id",
        owner,
        title.as_str(),
        description.as_deref(),
        fields.priority.as_i16(),
        fields.due.map(|d| d.date()) as _,
        fields.due.and_then(|d| d.time()) as _,
        recurrence.as_ref().map(Recurrence::to_rrule),
        recurrence.as_ref().map(repeat_from_column),
    )
    .fetch_one(&mut *tx)
    .await
    .db()?;
    if !fields.tags.is_empty() {
        tags::set_task_tags(&mut tx, owner, id, &fields.tags).await?;
    }
    let task = get_on(&mut tx, owner, id).await?;
    tx.commit().await.db()?;
    Ok(task)
}

/// Adds a task from quick-add text, parsed in the owner's time zone at `now`: recognised dates, times,
/// priorities, tags and repeats become fields, the rest stays the title. Returns what was taken too.
pub async fn quick_add(
    pool: &PgPool,
    owner: i64,
    text: &str,
    description: &TaskDescription,
    now: DateTime<Utc>,
) -> AppResult<QuickAdded> {
    let zone = users::time_zone(pool, owner).await?;
    let parsed = parse_quick_add(text, QuickAddContext::new(now_in(zone, now)));
    let title = TaskTitle::parse(&parsed.title)?;
    let fields = TaskFields {
        priority: parsed.priority,
        due: parsed.due,
        tags: parsed.tags.clone(),
        recurrence: parsed.recurrence.clone(),
    };
    let task = create(pool, owner, &title, description, &fields).await?;
    Ok(QuickAdded { task, taken: parsed.taken_labels(today_in(zone, now)), recognised: parsed.recognised })
}

/// A due date as the owner says it ("friday", "tomorrow 5pm"), in their time zone at `now`.
pub async fn when(pool: &PgPool, owner: i64, text: &str, now: DateTime<Utc>) -> AppResult<Due> {
    let zone = users::time_zone(pool, owner).await?;
    Ok(parse_when(text, QuickAddContext::new(now_in(zone, now)))?)
}

/// Applies `patch` to a live task of the owner. A repeat needs a due date (set or kept); a new repeat is anchored
/// to it.
pub async fn update(pool: &PgPool, owner: i64, id: i64, patch: &TaskPatch) -> AppResult<TaskDetails> {
    update_if(pool, owner, id, patch, |_| Ok::<_, AppError>(())).await
}

/// [`update`] when `precondition` accepts the task as it is now (e.g. an `If-Match` on its version). The check
/// runs on the locked row, in the update's transaction: no other change can slip in between the check and the
/// write. A refused precondition, or an empty `patch`, changes nothing and answers the current task.
pub async fn update_if<E: From<AppError>>(
    pool: &PgPool,
    owner: i64,
    id: i64,
    patch: &TaskPatch,
    precondition: impl FnOnce(&TaskDetails) -> Result<(), E>,
) -> Result<TaskDetails, E> {
    let mut tx = pool.begin().await.db()?;
    let current = get_for_update(&mut tx, owner, id).await?;
    precondition(&current)?;
    if patch.is_empty() {
        return Ok(current);
    }
    let due = patch.due.unwrap_or(current.due);
    let recurrence = match (&patch.recurrence, due) {
        (Some(Some(r)), Some(due)) => Some(Some(r.clone().anchored(due.date()))),
        (Some(Some(_)), None) => return Err(repeat_needs_due().into()),
        (None, None) if current.recurrence.is_some() => return Err(repeat_needs_due().into()),
        (other, _) => other.clone(),
    };
    let r = recurrence.as_ref();
    sqlx::query!(
        "UPDATE tasks SET
            title = COALESCE($3, title),
            description = CASE WHEN $4 THEN $5 ELSE description END,
            priority = COALESCE($6, priority),
            due_date = CASE WHEN $7 THEN $8 ELSE due_date END,
            due_time = CASE WHEN $7 THEN $9 ELSE due_time END,
            recurrence = CASE WHEN $10 THEN $11 ELSE recurrence END,
            repeat_from = CASE WHEN $10 THEN COALESCE($12, 'due') ELSE repeat_from END,
            updated_at = now()
         WHERE id = $1 AND owner_id = $2 AND deleted_at IS NULL",
        id,
        owner,
        patch.title.as_ref().map(TaskTitle::as_str),
        patch.description.is_some(),
        patch.description.as_ref().and_then(TaskDescription::as_deref),
        patch.priority.map(Priority::as_i16),
        patch.due.is_some(),
        due.map(|d| d.date()) as _,
        due.and_then(|d| d.time()) as _,
        r.is_some(),
        r.and_then(|r| r.as_ref()).map(Recurrence::to_rrule),
        r.and_then(|r| r.as_ref()).map(repeat_from_column),
    )
    .execute(&mut *tx)
    .await
    .map_err(|e| match &e {
        sqlx::Error::Database(d) if d.constraint() == Some("tasks_repeat_needs_date") => repeat_needs_due(),
        _ => db_error(e),
    })?;
    if let Some(new_tags) = &patch.tags {
        tags::set_task_tags(&mut tx, owner, id, new_tags).await?;
    }
    let task = get_on(&mut tx, owner, id).await?;
    tx.commit().await.db()?;
    Ok(task)
}

/// The task, its row locked until the transaction ends.
async fn get_for_update(conn: &mut PgConnection, owner: i64, id: i64) -> AppResult<TaskDetails> {
    sqlx::query_scalar!(
        r#"SELECT 1 AS "locked!" FROM tasks WHERE id = $1 AND owner_id = $2 AND deleted_at IS NULL FOR UPDATE"#,
        id,
        owner,
    )
    .fetch_optional(&mut *conn)
        .await
        .db()?
        .ok_or_else(|| not_found(id))?;
    get_on(conn, owner, id).await
}
