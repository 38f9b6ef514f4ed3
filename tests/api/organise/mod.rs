//! Organising tasks (issue 12) against real Postgres: the store's lists, tags, recurrence, time zones and
//! isolation (`store`, `lists`, `recurring`), and the server functions over them (`server_fns`).

mod board;
mod lists;
mod recurring;
mod server_fns;
mod store;

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use todo_domain::task::{TaskDescription, TaskTitle};
use todo_domain::{Due, Priority, Recurrence, Tag, TaskDetails, TaskFields};

use crate::support::TestDb;

/// A migrated database of its own, without the web app.
pub struct Store {
    pub pool: PgPool,
    _db: TestDb,
}

impl Store {
    pub async fn new() -> Self {
        let db = TestDb::create().await;
        let pool = PgPool::connect(&db.url()).await.expect("test database");
        todo_store::db::migrate(&pool).await.expect("migrations");
        Self { pool, _db: db }
    }

    /// A user in `zone`.
    pub async fn user(&self, email: &str, zone: &str) -> i64 {
        let id: i64 =
            sqlx::query_scalar("INSERT INTO users (email, password_hash) VALUES ($1, 'x') RETURNING id")
                .bind(email)
                .fetch_one(&self.pool)
                .await
                .unwrap();
        todo_store::users::set_time_zone(&self.pool, id, zone).await.unwrap();
        id
    }

    /// Adds a task with fields.
    pub async fn add(&self, owner: i64, title: &str, fields: TaskFields) -> TaskDetails {
        self.add_described(owner, title, None, fields).await
    }

    pub async fn add_described(
        &self,
        owner: i64,
        title: &str,
        description: Option<&str>,
        fields: TaskFields,
    ) -> TaskDetails {
        let title = TaskTitle::parse(title).unwrap();
        let description = TaskDescription::parse(description).unwrap();
        todo_store::task_details::create(&self.pool, owner, &title, &description, &fields).await.unwrap()
    }
}

/// An instant from RFC 3339 text.
pub fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

/// A due date from ISO text (`2026-12-24` or `2026-12-24T17:00`).
pub fn due(s: &str) -> Option<Due> {
    Some(s.parse().unwrap())
}

/// Tags from names.
pub fn tags(names: &[&str]) -> Vec<Tag> {
    names.iter().map(|n| Tag::parse(n).unwrap()).collect()
}

/// A repeat rule.
pub fn rule(rrule: &str) -> Option<Recurrence> {
    Some(Recurrence::parse_rrule(rrule).unwrap())
}

/// Fields with a due date and a priority.
pub fn fields(due_on: &str, priority: Priority, tag_names: &[&str]) -> TaskFields {
    TaskFields {
        priority,
        due: if due_on.is_empty() { None } else { due(due_on) },
        tags: tags(tag_names),
        recurrence: None,
    }
}

/// The titles of tasks, in order.
pub fn titles(tasks: &[TaskDetails]) -> Vec<&str> {
    tasks.iter().map(|t| t.task.title.as_str()).collect()
}
