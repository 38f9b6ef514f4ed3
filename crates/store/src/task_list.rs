//! SQL for task lists: a [`TaskQuery`] (view, filters, search, sort) run for one owner, a page at a time.
//!
//! Keyset paging: rows are ordered by (sort key, id) and a page's `next_cursor` carries the last row's pair, so the
//! next page is "after that pair" — stable under inserts and deletes, and each page is an index range scan
//! (see the migration's per-sort indexes). The cursor also names its sort, so it cannot be replayed on another.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Days, NaiveDate, Utc};
use sqlx::{PgPool, Postgres, QueryBuilder};

use todo_domain::due::today_in;
use todo_domain::task::StatusFilter;
use todo_domain::task_query::UPCOMING_DAYS;
use todo_domain::{AppError, AppResult, SortBy, SortDirection, TaskPage, TaskQuery, View};

use crate::db::db_error;
use crate::task_details::{DetailRow, DETAIL_COLUMNS};
use crate::users;

/// The sort key's SQL expression and its type (for casting a cursor's text back).
fn sort_key(sort: SortBy) -> (&'static str, &'static str) {
    match sort {
        SortBy::Created => ("t.created_at", "timestamptz"),
        SortBy::Due => ("t.due_sort", "timestamp"),
        SortBy::Priority => ("t.priority", "smallint"),
        SortBy::Title => ("lower(t.title)", "text"),
    }
}

/// A position in a list: the sort and direction it was made for, and the last row's key and id.
#[derive(Debug, PartialEq, Eq)]
struct Cursor {
    sort: SortBy,
    direction: SortDirection,
    key: String,
    id: i64,
}

impl Cursor {
    fn encode(&self) -> String {
        let raw = format!("{}|{}|{}|{}", self.sort.as_str(), self.direction.as_str(), self.id, self.key);
        URL_SAFE_NO_PAD.encode(raw)
    }

    fn decode(s: &str) -> Option<Self> {
        let raw = String::from_utf8(URL_SAFE_NO_PAD.decode(s).ok()?).ok()?;
        let mut parts = raw.splitn(4, '|');
        let (sort, direction, id, key) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
        Some(Self {
            sort: SortBy::ALL.into_iter().find(|s| s.as_str() == sort)?,
            direction: [SortDirection::Asc, SortDirection::Desc]
                .into_iter()
                .find(|d| d.as_str() == direction)?,
            id: id.parse().ok()?,
            key: key.to_owned(),
        })
    }
}

fn bad_cursor() -> AppError {
    AppError::invalid("cursor", "This cursor does not belong to this list: start again without it.")
}

/// A list row: the task's columns, its sort key as text and, when the list reads it, the owner's time zone.
#[derive(sqlx::FromRow)]
struct ListRow {
    #[sqlx(flatten)]
    task: DetailRow,
    sort_key: String,
    #[sqlx(default)]
    time_zone: Option<String>,
}

/// One page of the owner's live tasks matching `query`. Today and Upcoming are computed in the owner's time zone
/// at `now`.
///
/// Round trips: the views that filter on the owner's date (Today, Upcoming) read the time zone first; any other
/// list reads it in its own statement (read again apart only when the page is empty).
pub async fn list(pool: &PgPool, owner: i64, query: TaskQuery, now: DateTime<Utc>) -> AppResult<TaskPage> {
    let query = query.validate()?;
    let zone_first = match query.view {
        View::All => None,
        View::Today | View::Upcoming => Some(users::time_zone(pool, owner).await?),
    };
    let direction = query.direction();
    let cursor = match &query.cursor {
        Some(c) => {
            let c = Cursor::decode(c).ok_or_else(bad_cursor)?;
            if c.sort != query.sort || c.direction != direction {
                return Err(bad_cursor());
            }
            Some(c)
        }
        None => None,
    };
    let limit = query.page_size() as usize;
    let (key, key_type) = sort_key(query.sort);
    // Run-time SQL (not `query_as!`): the sort key, direction, cursor and filters vary per request.

    let mut sql = QueryBuilder::<Postgres>::new(format!("SELECT {DETAIL_COLUMNS}, {key}::text AS sort_key"));
    if zone_first.is_none() {
        // Bound, not `= t.owner_id`: computed once for the statement, not per row.
        sql.push(", (SELECT u.time_zone FROM users u WHERE u.id = ");
        sql.push_bind(owner);
        sql.push(") AS time_zone");
    }
    sql.push(" FROM tasks t WHERE t.deleted_at IS NULL AND t.owner_id = ");
    sql.push_bind(owner);
    if let Some(zone) = zone_first {
        push_view(&mut sql, query.view, today_in(zone, now));
    }
    push_filters(&mut sql, &query);
    let (cmp, order) = match direction {
        SortDirection::Asc => (">", "ASC"),
        SortDirection::Desc => ("<", "DESC"),
    };
    if let Some(c) = &cursor {
        sql.push(format!(" AND ({key}, t.id) {cmp} (CAST("));
        sql.push_bind(c.key.clone());
        sql.push(format!(" AS {key_type}), "));
        sql.push_bind(c.id);
        sql.push(")");
    }
    sql.push(format!(" ORDER BY {key} {order}, t.id {order} LIMIT "));
    sql.push_bind(limit as i64 + 1);

    let statement = sql.build_query_as().persistent(plan_once(&query));
    let mut rows: Vec<ListRow> = statement.fetch_all(pool).await.map_err(|e| match &e {
        // A forged cursor whose key does not cast to the sort's type.
        sqlx::Error::Database(d) if d.code().is_some_and(|c| c.starts_with("22")) => bad_cursor(),
        _ => db_error(e),
    })?;
    let zone = match (zone_first, rows.first().and_then(|r| r.time_zone.as_deref())) {
        (Some(zone), _) => zone,
        (None, Some(name)) => users::stored_zone(name)?,
        (None, None) => users::time_zone(pool, owner).await?,
    };
    let next_cursor = if rows.len() > limit {
        rows.truncate(limit);
        rows.last().map(|last| {
            Cursor { sort: query.sort, direction, key: last.sort_key.clone(), id: last.task_id() }.encode()
        })
    } else {
        None
    };
    let tasks = rows.into_iter().map(|r| r.task.into_details()).collect::<AppResult<_>>()?;
    Ok(TaskPage { tasks, next_cursor, today: today_in(zone, now), time_zone: zone.name().to_owned() })
}

/// Whether the list's statement stays prepared, planned once for every owner and value. A list narrowed by a
/// view, a tag, a search or due dates is planned for its own values instead (an unnamed statement, one more
/// round trip): how many rows those match varies by owner and value far more than a plan made for an average
/// owner allows. Measured with 10,000 tasks for one owner among 1M: the prepared Today view switched to the
/// generic plan after five runs, which reads all the owner's rows (16 ms against 3 ms planned for its values).
fn plan_once(query: &TaskQuery) -> bool {
    query.view == View::All
        && query.tag.is_none()
        && query.due_before.is_none()
        && query.due_after.is_none()
        && query.search_terms().is_empty()
}

impl ListRow {
    fn task_id(&self) -> i64 {
        self.task.id()
    }
}

/// The view's dates as `AND …` clauses, `today` being the owner's date.
fn push_view(sql: &mut QueryBuilder<'_, Postgres>, view: View, today: NaiveDate) {
    match view {
        View::All => {}
        View::Today => {
            sql.push(" AND t.due_date IS NOT NULL AND (t.due_date = ");
            sql.push_bind(today);
            sql.push(" OR (t.due_date < ");
            sql.push_bind(today);
            sql.push(" AND NOT t.done))");
        }
        View::Upcoming => {
            sql.push(" AND t.due_date BETWEEN ");
            sql.push_bind(today);
            sql.push(" AND ");
            sql.push_bind(today + Days::new(u64::from(UPCOMING_DAYS) - 1));
        }
    }
}

/// The query's other filters as `AND …` clauses.
fn push_filters(sql: &mut QueryBuilder<'_, Postgres>, query: &TaskQuery) {
    match query.status {
        StatusFilter::All => {}
        StatusFilter::Pending => {
            sql.push(" AND NOT t.done");
        }
        StatusFilter::Completed => {
            sql.push(" AND t.done");
        }
    }
    if let Some(p) = query.priority {
        sql.push(" AND t.priority = ");
        sql.push_bind(p.as_i16());
    }
    if let Some(tag) = &query.tag {
        sql.push(
            " AND EXISTS (SELECT 1 FROM task_tags tt JOIN tags g ON g.id = tt.tag_id AND g.owner_id = tt.owner_id
              WHERE tt.task_id = t.id AND tt.owner_id = t.owner_id AND lower(g.name) = lower(",
        );
        sql.push_bind(tag.as_str().to_owned());
        sql.push("))");
    }
    if let Some(before) = query.due_before {
        sql.push(" AND t.due_date <= ");
        sql.push_bind(before);
    }
    if let Some(after) = query.due_after {
        sql.push(" AND t.due_date >= ");
        sql.push_bind(after);
    }
    if query.no_due {
        sql.push(" AND t.due_date IS NULL");
    }
    let terms = query.search_terms();
    if !terms.is_empty() {
        // Letters and digits only (see search_terms), each a prefix: "rep:* & mon:*".
        let tsquery = terms.iter().map(|t| format!("{t}:*")).collect::<Vec<_>>().join(" & ");
        sql.push(" AND t.search @@ to_tsquery('simple', ");
        sql.push_bind(tsquery);
        sql.push(")");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trip_and_forgery() {
        let c = Cursor { sort: SortBy::Title, direction: SortDirection::Asc, key: "a|b é".into(), id: 42 };
        assert_eq!(Cursor::decode(&c.encode()), Some(c));
        for bad in
            ["", "!!", "eA", &URL_SAFE_NO_PAD.encode("colour|asc|1|x"), &URL_SAFE_NO_PAD.encode("due|up|1|x")]
        {
            assert_eq!(Cursor::decode(bad), None, "{bad}");
        }
    }
}
