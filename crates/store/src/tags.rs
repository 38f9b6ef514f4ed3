//! SQL for tags: per owner, unique by name whatever the letter case, created when first used. The composite
//! foreign keys of `task_tags` make SQL refuse one user's tag on another user's task.

use sqlx::{PgConnection, PgPool};

use todo_domain::{AppError, AppResult, Tag, TagCount};

use crate::db::{db_error, DbResult};

/// The most tags a listing returns.
pub const TAGS_MAX: i64 = 500;

fn not_found(tag: &Tag) -> AppError {
    AppError::NotFound(format!("Tag \"{tag}\""))
}

/// The owner's tags by name, with how many live tasks (and open ones) carry each.
pub async fn list(pool: &PgPool, owner: i64) -> AppResult<Vec<TagCount>> {
    /// A tag and how many live tasks (and open ones) carry it.
    struct Row {
        name: String,
        tasks: i64,
        open: i64,
    }
    let rows = sqlx::query_as!(
        Row,
        r#"SELECT g.name, count(t.id) AS "tasks!", count(t.id) FILTER (WHERE NOT t.done) AS "open!"
         FROM tags g
         LEFT JOIN task_tags tt ON tt.tag_id = g.id AND tt.owner_id = g.owner_id
         LEFT JOIN tasks t ON t.id = tt.task_id AND t.owner_id = tt.owner_id AND t.deleted_at IS NULL
         WHERE g.owner_id = $1
         GROUP BY g.id, g.name
         ORDER BY lower(g.name), g.id
         LIMIT $2"#,
        owner,
        TAGS_MAX,
    )
    .fetch_all(pool)
    .await
    .db()?;
    rows.into_iter()
        .map(|r| {
            let name = Tag::parse(&r.name).map_err(|e| AppError::internal("invalid stored tag", e))?;
            Ok(TagCount { name, tasks: r.tasks, open: r.open })
        })
        .collect()
}

/// Renames one of the owner's tags (a change of letter case included); a name another tag has is a conflict.
pub async fn rename(pool: &PgPool, owner: i64, from: &Tag, to: &Tag) -> AppResult<Tag> {
    sqlx::query_scalar!(
        "UPDATE tags SET name = $3 WHERE owner_id = $1 AND lower(name) = lower($2) RETURNING name",
        owner,
        from.as_str(),
        to.as_str(),
    )
    .fetch_optional(pool)
    .await
    .map_err(|e| match &e {
        sqlx::Error::Database(d) if d.constraint() == Some("tags_owner_name_key") => {
            AppError::Conflict { field: "tags".into(), message: format!("You already have a tag \"{to}\".") }
        }
        _ => db_error(e),
    })?
    .ok_or_else(|| not_found(from))?;
    Ok(to.clone())
}

/// Deletes one of the owner's tags; its tasks stay, without it.
pub async fn delete(pool: &PgPool, owner: i64, tag: &Tag) -> AppResult<()> {
    let deleted =
        sqlx::query!("DELETE FROM tags WHERE owner_id = $1 AND lower(name) = lower($2)", owner, tag.as_str())
            .execute(pool)
            .await
            .db()?
            .rows_affected();
    if deleted == 0 {
        return Err(not_found(tag));
    }
    Ok(())
}

/// Makes `tags` exactly the tags of the owner's task `task`, creating the owner's missing tags.
pub(crate) async fn set_task_tags(
    conn: &mut PgConnection,
    owner: i64,
    task: i64,
    tags: &[Tag],
) -> AppResult<()> {
    let names: Vec<&str> = tags.iter().map(Tag::as_str).collect();
    sqlx::query!(
        "INSERT INTO tags (owner_id, name) SELECT $1, n FROM unnest($2::text[]) n
         ON CONFLICT (owner_id, lower(name)) DO NOTHING",
        owner,
        &names as &[&str],
    )
    .execute(&mut *conn)
    .await
    .db()?;
    sqlx::query!("DELETE FROM task_tags WHERE task_id = $1 AND owner_id = $2", task, owner)
        .execute(&mut *conn)
        .await
        .db()?;
    sqlx::query!(
        "INSERT INTO task_tags (task_id, tag_id, owner_id)
         SELECT $1, g.id, $2 FROM tags g
         WHERE g.owner_id = $2 AND lower(g.name) IN (SELECT lower(n) FROM unnest($3::text[]) n)",
        task,
        owner,
        &names as &[&str],
    )
    .execute(&mut *conn)
    .await
    .db()?;
    Ok(())
}
