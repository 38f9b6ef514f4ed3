//! Server-rendered pages and plain (no-JavaScript) form posts.

use reqwest::{header, StatusCode};

use crate::helpers::spawn_app;

#[tokio::test]
async fn task_page_redirects_visitors_to_login_and_renders_tasks_for_users() {
    let app = spawn_app().await;
    let visitor = app.client();
    let res = visitor.get("/").await;
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(res.headers()[header::LOCATION], "/login");
    assert_eq!(visitor.get("/login").await.status(), StatusCode::OK);
    // Any client, not only browsers, gets a real redirect (curl sends `Accept: */*`).
    let res = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("{}/", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(res.headers()[header::LOCATION], "/login");

    let ada = app.signed_up("ada@example.com").await;
    ada.add("water <the> plants").await;
    let res = ada.get("/").await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    assert!(html.contains("water &lt;the&gt; plants"), "task rendered and escaped");
    assert!(html.contains("1 task left"));
    assert!(html.contains("ada@example.com"));
    let res = ada.get("/login").await;
    assert_eq!(res.status(), StatusCode::FOUND, "signed-in users skip the login page");
    assert_eq!(res.headers()[header::LOCATION], "/");
    app.cleanup().await;
}

#[tokio::test]
async fn unknown_paths_are_404_pages() {
    let app = spawn_app().await;
    let res = app.client().get("/no/such/page").await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert!(res.text().await.unwrap().contains("Page not found"));
    app.cleanup().await;
}

#[tokio::test]
async fn plain_form_posts_redirect_back_with_the_outcome() {
    let app = spawn_app().await;
    let ada = app.signed_up("ada@example.com").await;
    let referer = format!("{}/", app.address);
    let post = |form: &'static [(&'static str, &'static str)]| {
        ada.http
            .post(format!("{}/api/tasks/quick_add", app.address))
            .header(header::ACCEPT, "text/html")
            .header(header::REFERER, &referer)
            .form(form)
            .send()
    };
    let res = post(&[("text", "from a form"), ("description", "")]).await.unwrap();
    assert_eq!(res.status(), StatusCode::FOUND);
    let location = res.headers()[header::LOCATION].to_str().unwrap();
    assert!(location.starts_with(&referer) && !location.contains("__err"), "{location}");

    let res = post(&[("text", " "), ("description", "")]).await.unwrap();
    assert_eq!(res.status(), StatusCode::FOUND, "errors also go back to the form");
    let location = res.headers()[header::LOCATION].to_str().unwrap().to_owned();
    assert!(location.contains("__err="), "{location}");
    let page = ada.get(location.trim_start_matches(&app.address)).await.text().await.unwrap();
    assert!(page.contains("Title is required."), "the error is shown on the re-rendered page");
    assert!(page.contains("from a form"));
    app.cleanup().await;
}

#[tokio::test]
async fn a_failed_plain_login_shows_its_message_on_the_login_page() {
    let app = spawn_app().await;
    app.signed_up("ada@example.com").await;
    let visitor = app.client();
    let res = visitor
        .http
        .post(format!("{}/api/auth/login", app.address))
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, format!("{}/login", app.address))
        .form(&[("email", "ada@example.com"), ("password", "wrong password")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FOUND);
    let location = res.headers()[header::LOCATION].to_str().unwrap().to_owned();
    let page = visitor.get(location.trim_start_matches(&app.address)).await.text().await.unwrap();
    assert!(page.contains("Email or password is incorrect."), "{page}");
    app.cleanup().await;
}

#[tokio::test]
async fn a_crafted_link_cannot_put_its_own_text_on_the_login_page() {
    use base64::Engine;
    let app = spawn_app().await;
    let visitor = app.client();
    let link = |error: serde_json::Value| {
        let encoded = base64::engine::general_purpose::URL_SAFE.encode(error.to_string());
        format!("/login?__path=/api/auth/login&__err={encoded}")
    };
    let forged =
        serde_json::json!({"Invalid": {"field": "", "message": "Your account is locked. Call +1 555 0100."}});
    let page = visitor.get(&link(forged)).await.text().await.unwrap();
    assert!(!page.contains("Your account is locked"), "{page}");
    assert!(!page.contains("form-error"), "no error is shown at all");
    // What a failed log-in really answers is still shown.
    let page = visitor.get(&link(serde_json::json!("BadCredentials"))).await.text().await.unwrap();
    assert!(page.contains("Email or password is incorrect."), "{page}");
    app.cleanup().await;
}

#[tokio::test]
async fn the_task_editor_is_rendered_for_one_task_and_a_plain_save_closes_it() {
    let app = spawn_app().await;
    let ada = app.signed_up("ada@example.com").await;
    let milk = ada.add("buy milk").await;
    let mom = ada.add("call mom").await;

    let list = ada.get("/").await.text().await.unwrap();
    assert!(list.contains(&format!(r#"href="/?edit={milk}#task-{milk}""#)), "each task links to its editor");
    assert!(!list.contains(r#"id="edit-"#), "no editor is rendered until one is opened");
    let editing = ada.get(&format!("/?filter=active&edit={milk}")).await.text().await.unwrap();
    assert!(editing.contains(&format!(r#"id="edit-{milk}-title""#)), "the opened task's editor");
    assert!(!editing.contains(&format!(r#"id="edit-{mom}-title""#)), "and no other");

    let save = |title: &'static str| {
        ada.http
            .post(format!("{}/api/tasks/update", app.address))
            .header(header::ACCEPT, "text/html")
            .header(header::REFERER, format!("{}/?filter=active&edit={milk}", app.address))
            .form(&[("id", milk.to_string().as_str()), ("title", title), ("description", "")])
            .send()
    };
    let res = save("buy oat milk").await.unwrap();
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(
        res.headers()[header::LOCATION],
        format!("{}/?filter=active#task-{milk}", app.address).as_str(),
        "back to the list with the editor closed and the filter kept"
    );
    let res = save(" ").await.unwrap();
    let location = res.headers()[header::LOCATION].to_str().unwrap();
    assert!(
        location.contains(&format!("edit={milk}")) && location.contains("__err="),
        "a bad title stays open"
    );
    // With JavaScript the page closes the editor itself: the server function just answers.
    let res = ada
        .call("tasks/update", &[("id", &milk.to_string()), ("title", "buy milk"), ("description", "")])
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers().get(header::LOCATION).is_none());
    app.cleanup().await;
}

#[tokio::test]
async fn pages_are_server_components_with_islands_only_for_checked_fields() {
    let app = spawn_app().await;
    let ada = app.signed_up("ada@example.com").await;
    ada.add("buy milk").await;
    let html = ada.get("/").await.text().await.unwrap();
    // Islands mode: no hydration keys, the islands script and router, and each checked field an island.
    assert!(!html.contains("data-hk="), "server components carry no hydration keys");
    assert!(html.contains("hydrateIslands"), "the islands script");
    assert!(html.contains("Islands-Router"), "the islands router");
    let islands = html.matches("<leptos-island").count();
    assert_eq!(
        islands, 5,
        "new task text, its preview and description, the assistant's message, the list's page arrival: {html}"
    );
    // Every control is a plain form posting to its server function.
    for action in ["/api/tasks/quick_add", "/api/tasks/set_done", "/api/tasks/delete", "/api/assistant/send"]
    {
        assert!(
            html.contains(&format!(r#"method="post" action="{action}""#))
                || html.contains(&format!(r#"action="{action}" method="post""#)),
            "{action}"
        );
    }
    assert!(html.contains(r#"<meta name="description""#));
    app.cleanup().await;
}

/// Page views reuse the pool's connections. The server renders a page's data twice over (a dry run, then the
/// real render); a query dropped by the dry run half-way through taking a pooled connection closes it, and a new
/// one is opened later (4 per 20 page views before `app::dry_run::past_dry_run`).
#[tokio::test]
async fn page_views_reuse_pooled_connections() {
    let app = spawn_app().await;
    let ada = app.signed_up("ada@example.com").await;
    ada.add("water the plants").await;
    // Warm: page views side by side open at least what one view needs at once. (A view's suspenses, the
    // session save and the list run concurrently, and how far they overlap varies from run to run: three
    // sequential views once left the pool one connection short, and the 20 below opened it.)
    for _ in 0..2 {
        let (a, b, c, d) = tokio::join!(ada.get("/"), ada.get("/"), ada.get("/"), ada.get("/"));
        for res in [a, b, c, d] {
            assert_eq!(res.status(), StatusCode::OK);
        }
    }
    assert_eq!(ada.get("/").await.status(), StatusCode::OK);
    let since: String =
        sqlx::query_scalar("SELECT clock_timestamp()::text").fetch_one(&app.pool).await.unwrap();
    for _ in 0..20 {
        let res = ada.get("/").await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(res.text().await.unwrap().contains("water the plants"));
    }
    let opened: Vec<(String, String)> = sqlx::query_as(
        "SELECT coalesce(state, ''), coalesce(query, '') FROM pg_stat_activity \
         WHERE datname = current_database() AND backend_start > $1::timestamptz",
    )
    .bind(&since)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert!(
        opened.is_empty(),
        "connections opened during 20 sequential page views (state, last query): {opened:?}"
    );
    app.cleanup().await;
}
