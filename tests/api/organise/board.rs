//! The task page's list (issue 12): the `tasks/board` server function it renders from, and the page itself —
//! views, search, tags, filters, pages, the owner's time zone, completion of a repeating task — and that another
//! user reaches none of it through either.

use chrono::{Days, NaiveDate};
use reqwest::StatusCode;
use serde_json::Value;
use todo_app::tasks::task_row::day_heading;

use crate::helpers::{spawn_app, titles, User};

/// The user's today (in their time zone), as the board reports it.
async fn today(user: &User) -> NaiveDate {
    let board: Value = user.ok("tasks/board", &[]).await;
    board["today"].as_str().unwrap().parse().unwrap()
}

/// Adds a task from quick-add text, then sets its plain fields; returns its id.
async fn add(user: &User, text: &str, fields: &[(&str, &str)]) -> String {
    let added: Value = user.ok("tasks/quick_add", &[("text", text)]).await;
    let id = added["task"]["id"].as_i64().unwrap().to_string();
    if !fields.is_empty() {
        let mut form = vec![("id", id.as_str())];
        form.extend_from_slice(fields);
        let _: Value = user.ok("tasks/update_fields", &form).await;
    }
    id
}

fn iso(d: NaiveDate) -> String {
    todo_domain::due::iso_date(d)
}

/// Ada's week: overdue, today (one repeating daily), tomorrow, in a fortnight, and undated.
async fn ada_with_a_week(user: &User) -> (NaiveDate, String) {
    let today = today(user).await;
    let (yesterday, tomorrow) = (iso(today - Days::new(1)), iso(today + Days::new(1)));
    let (now, later) = (iso(today), iso(today + Days::new(14)));
    add(user, "old bill #home", &[("due_date", &yesterday)]).await;
    add(user, "pay rent !high #home", &[("due_date", &now), ("due_time", "09:00")]).await;
    let plants = add(user, "water plants #home", &[("due_date", &now), ("repeat", "FREQ=DAILY")]).await;
    add(user, "call mom #family", &[("due_date", &tomorrow)]).await;
    add(user, "renew passport", &[("due_date", &later)]).await;
    add(user, "read a book", &[]).await;
    (today, plants)
}

fn board_titles(board: &Value) -> Vec<String> {
    titles(board)
}

#[tokio::test]
async fn the_board_is_one_page_of_the_asked_list_with_tags_and_counts() {
    let app = spawn_app().await;
    let ada = app.signed_up("ada@example.com").await;
    let (today, plants) = ada_with_a_week(&ada).await;

    let board: Value = ada.ok("tasks/board", &[]).await;
    assert_eq!(
        board_titles(&board),
        ["read a book", "renew passport", "call mom", "water plants", "pay rent", "old bill"],
        "newest first when nothing is asked"
    );
    assert_eq!((board["open"].as_i64(), board["completed"].as_i64()), (Some(6), Some(0)));
    let tags: Vec<(&str, i64)> = board["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["name"].as_str().unwrap(), t["open"].as_i64().unwrap()))
        .collect();
    assert_eq!(tags, [("family", 1), ("home", 3)]);

    let today_view: Value = ada.ok("tasks/board", &[("query[view]", "today"), ("query[sort]", "due")]).await;
    assert_eq!(board_titles(&today_view), ["old bill", "pay rent", "water plants"], "overdue first");
    let upcoming: Value = ada.ok("tasks/board", &[("query[view]", "upcoming"), ("query[sort]", "due")]).await;
    assert_eq!(board_titles(&upcoming), ["pay rent", "water plants", "call mom"]);
    let home: Value = ada.ok("tasks/board", &[("query[tag]", "HOME")]).await;
    assert_eq!(board_titles(&home), ["water plants", "pay rent", "old bill"], "tags match whatever the case");
    let found: Value = ada.ok("tasks/board", &[("query[search]", "pass")]).await;
    assert_eq!(board_titles(&found), ["renew passport"]);
    let undated: Value = ada.ok("tasks/board", &[("query[no_due]", "true")]).await;
    assert_eq!(board_titles(&undated), ["read a book"]);
    assert_eq!(found["open"], 6, "the counts are of all tasks, whatever the list");

    // Pages of two: every task once, then no cursor.
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..3 {
        let mut form = vec![("query[limit]", "2".to_owned())];
        if let Some(c) = &cursor {
            form.push(("query[cursor]", c.clone()));
        }
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let page: Value = ada.ok("tasks/board", &form).await;
        assert_eq!(page["tasks"].as_array().unwrap().len(), 2);
        seen.extend(board_titles(&page));
        cursor = page["next_cursor"].as_str().map(str::to_owned);
    }
    assert_eq!(seen, board_titles(&board));
    assert_eq!(cursor, None, "the last page says there is no more");

    // Completing the daily task (the row's toggle) creates tomorrow's, which Upcoming shows.
    let _: Value = ada.ok("tasks/set_done", &[("id", &plants), ("done", "true")]).await;
    let upcoming: Value = ada.ok("tasks/board", &[("query[view]", "upcoming"), ("query[sort]", "due")]).await;
    let dues: Vec<(String, String, bool)> = upcoming["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["title"].as_str().unwrap().to_owned(),
                t["due"].as_str().unwrap().to_owned(),
                t["done"] == true,
            )
        })
        .collect();
    assert!(dues.contains(&("water plants".into(), iso(today), true)), "{dues:?}");
    assert!(dues.contains(&("water plants".into(), iso(today + Days::new(1)), false)), "{dues:?}");
    let board: Value = ada.ok("tasks/board", &[]).await;
    assert_eq!((board["open"].as_i64(), board["completed"].as_i64()), (Some(6), Some(1)));

    // Bad queries are refused, naming the argument.
    let (status, err) = ada.err("tasks/board", &[("query[limit]", "0")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(err["Invalid"]["field"], "limit");
    let (status, err) = ada.err("tasks/board", &[("query[cursor]", "not-a-cursor")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(err["Invalid"]["field"], "cursor");
    let (status, _) = ada.err("tasks/board", &[("query[view]", "someday")]).await;
    assert!(status.is_client_error(), "{status}");
    app.cleanup().await;
}

#[tokio::test]
async fn today_is_the_owners_today_in_their_time_zone() {
    let app = spawn_app().await;
    // 25 hours apart: their dates always differ.
    let east = app.signed_up("east@example.com").await;
    let west = app.signed_up("west@example.com").await;
    let _: String = east.ok("settings/set_time_zone", &[("time_zone", "Pacific/Kiritimati")]).await;
    let _: String = west.ok("settings/set_time_zone", &[("time_zone", "Pacific/Pago_Pago")]).await;
    let (east_today, west_today) = (today(&east).await, today(&west).await);
    assert!(east_today > west_today, "{east_today} vs {west_today}");
    for user in [&east, &west] {
        add(user, "the east's deadline", &[("due_date", &iso(east_today))]).await;
    }
    let east_view: Value = east.ok("tasks/board", &[("query[view]", "today")]).await;
    assert_eq!(board_titles(&east_view), ["the east's deadline"]);
    let west_view: Value = west.ok("tasks/board", &[("query[view]", "today")]).await;
    assert!(board_titles(&west_view).is_empty(), "still in the future in the west");
    // The east is a day or (from 10:00 to 11:00 UTC) two days ahead: "Tomorrow · Fri 4 Dec" or "Sat 5 Dec".
    let page = west.get("/?view=upcoming").await.text().await.unwrap();
    let heading = day_heading(east_today, west_today);
    match (east_today - west_today).num_days() {
        1 => assert!(heading.starts_with("Tomorrow \u{b7} "), "{heading}"),
        2 => assert!(!heading.contains('\u{b7}'), "a plain date: {heading}"),
        days => panic!("{east_today} is {days} days after {west_today}"),
    }
    // The whole heading: from the east's today it would read "Today · " before the same date.
    assert!(
        page.contains(&format!(">{heading}</h3>")),
        "the page labels it from the west's today: {heading}"
    );
    app.cleanup().await;
}

/// The "Show more" link's target, decoded.
fn show_more(html: &str) -> Option<String> {
    let before = &html[..html.find(">Show more</a>")?];
    let href = &before[before.rfind("href=\"")? + 6..];
    Some(href[..href.find('"')?].replace("&amp;", "&"))
}

#[tokio::test]
async fn the_page_renders_views_search_tags_and_pages_from_its_url() {
    let app = spawn_app().await;
    let ada = app.signed_up("ada@example.com").await;
    ada_with_a_week(&ada).await;
    let page = |path: &'static str| {
        let ada = &ada;
        async move {
            let res = ada.get(path).await;
            assert_eq!(res.status(), StatusCode::OK, "{path}");
            res.text().await.unwrap()
        }
    };

    let html = page("/?view=upcoming").await;
    assert!(html.contains("Today \u{b7} ") && html.contains("Tomorrow \u{b7} "), "day headings");
    assert!(!html.contains("renew passport") && !html.contains("old bill"), "only the next 7 days");
    assert!(html.contains(r#"href="/?view=upcoming" aria-current="page""#), "the current view is marked");
    assert!(html.contains(r#"href="/?view=today" aria-current="false""#));
    assert!(html.contains(r#"href="/?tag=home""#), "a row's tag links to its view");
    assert!(html.contains("every day"), "the repeat is described");
    assert!(html.contains("priority-high"), "the priority is shown");
    assert!(html.contains("09:00"), "the due time is shown");

    let html = page("/?view=today").await;
    assert!(html.contains("Overdue: "), "the overdue task is marked");
    // From the list's heading on: the new-task box's hint above it has an example that reads "call mom".
    let list = &html[html.find(r#"id="list-heading""#).expect("the list's heading")..];
    assert!(list.contains("old bill") && !list.contains("call mom"));

    let html = page("/?q=rent+pay").await;
    assert!(html.contains("pay rent") && !html.contains("water plants"), "a GET form's search (+ for space)");
    assert!(html.contains(r#"value="rent pay""#), "the search box shows what was searched");

    let html = page("/?tag=home&sort=title").await;
    let list = &html[html.find(r#"id="list-heading""#).expect("the list's heading")..];
    let order: Vec<usize> =
        ["old bill", "pay rent", "water plants"].iter().map(|t| list.find(t).unwrap()).collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "sorted by title");
    assert!(!list.contains("call mom"));

    // Pages of two: "Show more" carries the cursor; the last page has none; each page links back to the first.
    let first = page("/?limit=2").await;
    let mut next = show_more(&first).expect("a Show more link");
    assert!(next.contains("cursor=") && next.contains("limit=2"), "{next}");
    let mut seen = 0;
    for n in 2.. {
        let html = ada.get(&next).await.text().await.unwrap();
        assert!(html.contains(&format!(", page {n}")), "page {n} says so");
        assert!(html.contains("Back to the first page"));
        seen += html.matches(r#"<li id="task-"#).count();
        match show_more(&html) {
            Some(more) => next = more,
            None => break,
        }
    }
    assert_eq!(seen, 4, "the pages after the first hold the other four tasks");

    // What the URL gets wrong is said, and the default list shown.
    let html = page("/?view=someday").await;
    assert!(html.contains("Unknown view") && html.contains("read a book"));
    let html = page("/?cursor=forged").await;
    assert!(html.contains("This cursor does not belong to this list") && html.contains("read a book"));
    app.cleanup().await;
}

#[tokio::test]
async fn another_user_sees_none_of_it_through_the_board_or_the_page() {
    let app = spawn_app().await;
    let ada = app.signed_up("ada@example.com").await;
    let bob = app.signed_up("bob@example.com").await;
    let today = today(&ada).await;
    add(&ada, "ada's secret plan #secret !urgent", &[("due_date", &iso(today))]).await;
    add(&bob, "bob's own task", &[]).await;
    let ada_page: Value = ada.ok("tasks/board", &[("query[limit]", "1")]).await;
    assert_eq!(board_titles(&ada_page), ["ada's secret plan"]);

    for form in [
        vec![],
        vec![("query[tag]", "secret")],
        vec![("query[search]", "secret")],
        vec![("query[view]", "today")],
        vec![("query[priority]", "urgent")],
    ] {
        let board: Value = bob.ok("tasks/board", &form).await;
        assert!(!board_titles(&board).iter().any(|t| t.contains("ada")), "{form:?}: {board}");
        assert_eq!(board["tags"], serde_json::json!([]), "{form:?}");
        assert_eq!(board["open"], 1, "{form:?}: Bob's count is of his own tasks");
    }
    for path in ["/", "/?tag=secret", "/?q=secret", "/?view=today", "/?view=upcoming&priority=urgent"] {
        let html = bob.get(path).await.text().await.unwrap();
        assert!(!html.contains("ada&#39;s secret") && !html.contains("ada's secret"), "{path}");
        assert!(!html.contains(r#"class="tag-view" href="/?tag=secret""#), "{path}: no view of Ada's tag");
        assert!(!html.contains(r#"<option value="secret""#), "{path}: Ada's tag is not a choice");
    }
    // Ada's deletion is not Bob's to see.
    let id = add(&ada, "ada deletes this", &[]).await;
    let _: Value = ada.ok("tasks/delete", &[("id", &id)]).await;
    let board: Value = bob.ok("tasks/board", &[]).await;
    assert_eq!(board["last_deletion"], Value::Null);
    assert!(!bob.get("/").await.text().await.unwrap().contains("ada deletes this"));
    app.cleanup().await;
}
