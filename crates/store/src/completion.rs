//! Completing a task, and the next occurrence of a repeating one: created in the same transaction, exactly once.
//!
//! Exactly once holds under a double submit and under concurrent calls (the web app and todo-mcp):
//! - `UPDATE … WHERE NOT done RETURNING` marks the task done only for the first caller; a concurrent one waits on
//!   the row lock and then finds it done, so it creates nothing;
//! - the next occurrence's `previous_id` is UNIQUE (`ON CONFLICT DO NOTHING`), so completing, reopening and
//!   completing again does not create a second one either.
//!
//! A task that does not repeat (nor has a next occurrence from an earlier rule) is completed by one statement,
//! one round trip: the common case, on every surface's toggle. Any other goes through the transaction.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use sqlx::{PgConnection, PgPool};

use todo_domain::{AppResult, Completion, Due, Recurrence};

use crate::db::DbResult;
use crate::task_details::{detail_columns, get_on, repeat_from_column, repeat_from_value, DetailRow};
use crate::users;

/// The columns completing needs from the task it marks done.
struct Completed {
    due_date: Option<NaiveDate>,
    due_time: Option<NaiveTime>,
    recurrence: Option<String>,
    repeat_from: String,
    occurrence: i32,
}

/// Marks the owner's task done at `now`. For a repeating task, creates its next occurrence (same title,
/// description, priority, tags and rule; the next due date in the owner's zone) unless the rule has ended.
/// Completing a done task changes nothing and returns it with its existing next occurrence.
pub async fn complete(pool: &PgPool, owner: i64, id: i64, now: DateTime<Utc>) -> AppResult<Completion> {
    if let Some(task) = complete_single(pool, owner, id, now).await? {
        return Ok(Completion { task, next: None });
    }
    let zone = users::time_zone(pool, owner).await?;
    let mut tx = pool.begin().await.db()?;
    let completed = sqlx::query_as!(
        Completed,
        r#"UPDATE tasks SET done = true, completed_at = $3, updated_at = now()
         WHERE id = $1 AND owner_id = $2 AND deleted_at IS NULL AND NOT done
         RETURNING due_date AS "due_date: NaiveDate", due_time AS "due_time: NaiveTime", recurrence,
                   repeat_from, occurrence"#,
        id,
        owner,
        now as _,
    )
    .fetch_optional(&mut *tx)
    .await
    .db()?;
    if let Some(c) = completed {
        if let (Some(rule), Some(date)) = (c.recurrence.as_deref(), c.due_date) {
            let repeat_from = repeat_from_value(&c.repeat_from);
            let rule = Recurrence::parse_rrule(rule)
                .map_err(|e| todo_domain::AppError::internal("invalid stored recurrence", e))?
                .with_repeat_from(repeat_from);
            let so_far = u32::try_from(c.occurrence).unwrap_or(1);
            if let Some(next) = rule.next_occurrence(Due::new(date, c.due_time), now, zone, so_far) {
                create_next(&mut tx, owner, id, &rule, next, c.occurrence + 1).await?;
            }
        }
    }
    // Not found (or another owner's) is reported here, after the UPDATE matched nothing.
    let task = get_on(&mut tx, owner, id).await?;
    let next = next_of(&mut tx, owner, id).await?;
    tx.commit().await.db()?;
    Ok(Completion { task, next })
}

/// Marks the owner's open task done in one statement and returns it, when it does not repeat and has no live next
/// occurrence (from a rule it had when completed before). `None` when that is not so, or it is done, deleted,
/// another owner's or absent: [`complete`] then takes the transaction, which tells these apart.
async fn complete_single(
    pool: &PgPool,
    owner: i64,
    id: i64,
    now: DateTime<Utc>,
) -> AppResult<Option<todo_domain::TaskDetails>> {
    let row: Option<DetailRow> = detail_columns!(query_as:
        "UPDATE tasks t SET done = true, completed_at = $3, updated_at = now()
         WHERE t.id = $1 AND t.owner_id = $2 AND t.deleted_at IS NULL AND NOT t.done AND t.recurrence IS NULL
           AND NOT EXISTS (SELECT 1 FROM tasks n
                           WHERE n.previous_id = t.id AND n.owner_id = t.owner_id AND n.deleted_at IS NULL)
         RETURNING ",
        "",
        id,
        owner,
        now as _,
    )
    .fetch_optional(pool)
    .await
    .db()?;
    row.map(DetailRow::into_details).transpose()
}

/// Inserts the occurrence after `previous` (at most one: `previous_id` is unique) and copies its tags.
async fn create_next(
    conn: &mut PgConnection,
    owner: i64,
    previous: i64,
    rule: &Recurrence,
    due: Due,
    occurrence: i32,
) -> AppResult<()> {
    let created: Option<i64> = sqlx::query_scalar!(
        "INSERT INTO tasks (owner_id, title, description, priority, due_date, due_time, recurrence, repeat_from,
                            occurrence, previous_id)
         SELECT owner_id, title, description, priority, $3, $4, $5, $6, $7, id
         FROM tasks WHERE id = $1 AND owner_id = $2
         ON CONFLICT (previous_id) DO NOTHING
         RETURNING id",
        previous,
        owner,
        due.date() as _,
        due.time() as _,
        rule.to_rrule(),
        repeat_from_column(rule),
        occurrence,
    )
    .fetch_optional(&mut *conn)
    .await
    .db()?;
    if let Some(next) = created {
        sqlx::query!(
            "INSERT INTO task_tags (task_id, tag_id, owner_id)
             SELECT $1, tag_id, owner_id FROM task_tags WHERE task_id = $2 AND owner_id = $3",
            next,
            previous,
            owner,
        )
        .execute(&mut *conn)
        .await
        .db()?;
    }
    Ok(())
}

/// The live next occurrence of the owner's task, if any.
async fn next_of(
    conn: &mut PgConnection,
    owner: i64,
    id: i64,
) -> AppResult<Option<todo_domain::TaskDetails>> {
    let next: Option<i64> = sqlx::query_scalar!(
        "SELECT id FROM tasks WHERE previous_id = $1 AND owner_id = $2 AND deleted_at IS NULL",
        id,
        owner,
    )
    .fetch_optional(&mut *conn)
    .await
    .db()?;
    match next {
        Some(next) => Ok(Some(get_on(conn, owner, next).await?)),
        None => Ok(None),
    }
}
