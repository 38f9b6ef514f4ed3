//! What the task page reads, read as the web app reads it: the session's user (`todo_store::session_user`, the
//! same entries and daily refresh), then the same store calls the page's server functions make, in the same
//! order — the list (with the owner's time zone, which the new-task box shows too), the counts, the undoable
//! deletion and the tags (one statement), the chat.

use std::time::Duration;

use sqlx::PgPool;
use todo_domain::chat::Conversation;
use todo_domain::user::CurrentUser;
use todo_domain::{AppResult, TaskBoard, TaskQuery};
use todo_store::{conversations, session_user, task_list, tasks};

/// The chat messages the panel shows (the web app's `SHOWN_MESSAGES`).
const SHOWN_MESSAGES: i64 = 100;

/// Everything `GET /` renders for a signed-in user.
pub struct PageData {
    pub user: CurrentUser,
    pub board: TaskBoard,
    pub conversation: Conversation,
}

/// The page's data for the session's user; `None` when nobody is signed in (the page then redirects).
pub async fn load(
    pool: &PgPool,
    session: &tower_sessions::Session,
    max_age: Duration,
) -> AppResult<Option<PageData>> {
    let Some(user) = session_user::current_user(session, max_age).await? else {
        return Ok(None);
    };
    let owner = user.id;
    let page = task_list::list(pool, owner, TaskQuery::default(), chrono::Utc::now()).await?;
    let (summary, tags) = tasks::summary_and_tags(pool, owner).await?;
    let conversation = conversations::latest_with_messages(pool, owner, SHOWN_MESSAGES).await?;
    Ok(Some(PageData { user, board: TaskBoard { page, tags, summary }, conversation }))
}
